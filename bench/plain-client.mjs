// A plain-JS client with the package's features, as fast as it could be made: the bar the
// package is measured against in `npm run bench`, not a straw man. Same inputs, rules, codes
// and messages, requests, retry policy, error classes and fields, and results as the package
// (bench/plain-client.test.mjs compares them), with no WebAssembly.

import { validationError } from './plain/errors.mjs';
import { body as checkBody, cuid, iterateParams, listParams } from './plain/validate.mjs';
import { callOptions, clientOptions, v1Only } from './plain/options.mjs';
import { run } from './plain/run.mjs';

export * from './plain/errors.mjs';

const DEFAULTS = ['defaultCloudProvider', 'defaultRegion', 'defaultClusterId'];

/** The request body as JSON: the fields given, in the API's order, never `null`. */
function bodyJson(f) {
  return JSON.stringify({
    name: f[0], description: f[1], cicdEnforcedDefault: f[2],
    defaultCloudProvider: f[3], defaultRegion: f[4], defaultClusterId: f[5],
  });
}

/** Records `unsupported` for each v1-only field set, on a v1beta1 base URL. */
function checkVersion(f, cfg, problems) {
  if (!cfg.v1beta1) return;
  for (let i = 0; i < 3; i++) {
    if (f[3 + i] !== undefined) problems.push({ field: DEFAULTS[i], code: 'unsupported', message: v1Only(DEFAULTS[i]) });
  }
}

/** The query string of List Workspaces, arrays as repeated parameters. */
function query(params) {
  let q = '';
  const add = (key, value) => { q += `${q === '' ? '?' : '&'}${key}=${encodeURIComponent(value)}`; };
  for (const id of params.workspaceIds) add('workspaceIds', id);
  for (const name of params.names) add('names', name);
  if (params.offset !== undefined) add('offset', params.offset);
  if (params.limit !== undefined) add('limit', params.limit);
  for (const sort of params.sorts) add('sorts', sort);
  return q;
}

/** The headers of every request of a configuration, with and without a JSON body. */
function headersOf(cfg, extra) {
  const get = { authorization: `Bearer ${cfg.token}`, accept: 'application/json' };
  const post = { authorization: get.authorization, accept: get.accept, 'content-type': 'application/json' };
  for (const h of [get, post]) {
    if (cfg.apiVersion !== undefined) h['x-api-version'] = cfg.apiVersion;
    for (const [name, value] of extra) h[name] = value;
  }
  return { get, post };
}

/** A client for the Workspace endpoints, holding the token, base URL and defaults. */
export class PlainClient {
  #cfg;
  #headers;
  #prefix;

  /** Checks the options and makes a client; throws a ValidationError for bad options. */
  constructor(options) {
    const problems = [];
    const cfg = clientOptions(options, false, problems);
    if (problems.length !== 0) throw validationError(problems);
    this.#cfg = cfg;
    this.#headers = headersOf(cfg, cfg.headers);
    this.#prefix = `${cfg.baseUrl}/organizations/`;
  }

  /** Applies one call's options; returns `[cfg, headers, signal]`. */
  #with(call) {
    if (call === undefined) return [this.#cfg, this.#headers, undefined];
    const base = this.#cfg;
    const cfg = {
      ...base,
      timeoutMs: call.timeoutMs ?? base.timeoutMs,
      maxRetries: call.maxRetries ?? base.maxRetries,
    };
    if (call.headers.length === 0) return [cfg, this.#headers, call.signal];
    const names = call.headers.map(([n]) => n);
    const extra = base.headers.filter(([n]) => !names.includes(n)).concat(call.headers);
    return [cfg, headersOf(cfg, extra), call.signal];
  }

  #prepare(problems, options) {
    const call = options === undefined || options === null ? undefined : callOptions(options, problems);
    return call;
  }

  /** Creates a Workspace; never retried once the request may have reached the server. */
  createWorkspace(organizationId, body, options) {
    const problems = [];
    const org = cuid(organizationId, 'organizationId', problems);
    const f = checkBody(body, false, problems);
    const call = this.#prepare(problems, options);
    if (org !== undefined && f !== undefined) checkVersion(f, this.#cfg, problems);
    if (problems.length !== 0) return Promise.reject(validationError(problems));
    const [cfg, headers, signal] = this.#with(call);
    const req = { kind: 'create', method: 'POST', url: `${this.#prefix}${org}/workspaces`, headers: headers.post, body: bodyJson(f) };
    return run(req, cfg, signal);
  }

  /** Lists one page of Workspaces. */
  listWorkspaces(organizationId, params, options) {
    const problems = [];
    const org = cuid(organizationId, 'organizationId', problems);
    const p = listParams(params, problems);
    const call = this.#prepare(problems, options);
    if (problems.length !== 0) return Promise.reject(validationError(problems));
    const [cfg, headers, signal] = this.#with(call);
    const req = { kind: 'list', method: 'GET', url: `${this.#prefix}${org}/workspaces${query(p)}`, headers: headers.get, body: undefined };
    return run(req, cfg, signal);
  }

  /** Gets one Workspace. */
  getWorkspace(organizationId, workspaceId, options) {
    return this.#one('get', 'GET', organizationId, workspaceId, undefined, options);
  }

  /** Replaces a Workspace's name, description and CI/CD default. */
  updateWorkspace(organizationId, workspaceId, body, options) {
    return this.#one('update', 'POST', organizationId, workspaceId, body, options);
  }

  /** Deletes a Workspace; resolves to `undefined`. */
  deleteWorkspace(organizationId, workspaceId, options) {
    return this.#one('delete', 'DELETE', organizationId, workspaceId, undefined, options);
  }

  #one(kind, method, organizationId, workspaceId, body, options) {
    const problems = [];
    const org = cuid(organizationId, 'organizationId', problems);
    const ws = cuid(workspaceId, 'workspaceId', problems);
    const f = kind === 'update' ? checkBody(body, true, problems) : undefined;
    const call = this.#prepare(problems, options);
    if (f !== undefined && org !== undefined && ws !== undefined) checkVersion(f, this.#cfg, problems);
    if (problems.length !== 0) return Promise.reject(validationError(problems));
    const [cfg, headers, signal] = this.#with(call);
    const url = `${this.#prefix}${org}/workspaces/${ws}`;
    const req = f === undefined
      ? { kind, method, url, headers: headers.get, body: undefined }
      : { kind, method, url, headers: headers.post, body: bodyJson(f) };
    return run(req, cfg, signal);
  }

  /** Walks every matching Workspace, one page at a time as the loop asks. */
  async* iterateWorkspaces(organizationId, params, options) {
    const problems = [];
    const org = cuid(organizationId, 'organizationId', problems);
    const p = iterateParams(params, problems);
    const call = this.#prepare(problems, options);
    if (problems.length !== 0) throw validationError(problems);
    const [cfg, headers, signal] = this.#with(call);
    for (let offset = 0; ;) {
      p.offset = offset;
      const url = `${this.#prefix}${org}/workspaces${query(p)}`;
      const page = await run({ kind: 'list', method: 'GET', url, headers: headers.get, body: undefined }, cfg, signal);
      offset += page.workspaces.length;
      yield* page.workspaces;
      if (page.workspaces.length === 0 || offset >= page.totalCount) return;
    }
  }
}

/** Creates a Workspace with one-off options (`token`, `baseUrl`, `signal`...). */
export function createWorkspace(organizationId, body, options) {
  const problems = [];
  const org = cuid(organizationId, 'organizationId', problems);
  const f = checkBody(body, false, problems);
  const cfg = clientOptions(options, true, problems);
  if (org !== undefined && f !== undefined && cfg !== undefined) checkVersion(f, cfg, problems);
  if (problems.length !== 0) return Promise.reject(validationError(problems));
  const headers = headersOf(cfg, cfg.headers);
  const req = { kind: 'create', method: 'POST', url: `${cfg.baseUrl}/organizations/${org}/workspaces`, headers: headers.post, body: bodyJson(f) };
  return run(req, cfg, cfg.signal);
}

/** Checks a Create Workspace input: every problem, `[]` when valid. */
export function validateCreateWorkspace(organizationId, body) {
  const problems = [];
  cuid(organizationId, 'organizationId', problems);
  checkBody(body, false, problems);
  return problems;
}

/** Checks an Update Workspace input: every problem, `[]` when valid. */
export function validateUpdateWorkspace(organizationId, workspaceId, body) {
  const problems = [];
  cuid(organizationId, 'organizationId', problems);
  cuid(workspaceId, 'workspaceId', problems);
  checkBody(body, true, problems);
  return problems;
}

/** Checks List Workspaces parameters: every problem, `[]` when valid. */
export function validateListWorkspaces(organizationId, params) {
  const problems = [];
  cuid(organizationId, 'organizationId', problems);
  listParams(params, problems);
  return problems;
}
