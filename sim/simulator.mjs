/** The Astro Platform API simulator: `createSimulator(options)` wires the store, routes, admin and static files. */
import http from 'node:http';
import { ADMIN_PREFIX, RequestLog, createAdminHandler } from './admin.mjs';
import { TokenRegistry } from './auth.mjs';
import {
  DEFAULT_BASE_PATHS, REPO_ROOT, defaultOrganizations, defaultStaticDirs, defaultTokens,
} from './config.mjs';
import { DEMO_CONFIG_PATH, createDemoConfigHandler } from './demo-config.mjs';
import { FaultQueue, applyFault } from './faults.mjs';
import { allowedHostNames, isHostName } from './hosts.mjs';
import { ApiError, sendFailure } from './http.mjs';
import { DataFileError } from './persist.mjs';
import { createApiHandler } from './routes.mjs';
import { checkAdminRequest, checkHost, setSecurityHeaders } from './security.mjs';
import { createStaticHandler } from './static.mjs';
import { WorkspaceStore } from './store.mjs';
import { newRequestId } from './util.mjs';

export {
  DEMO_ORGANIZATION_ID, DEMO_TOKEN, OTHER_ORGANIZATION_ID, OTHER_TOKEN, DEFAULT_BASE_PATHS, SUPPORTED_API_VERSIONS,
} from './config.mjs';

/** Splits a raw request target into its undecoded path, its raw query and its query parameters (no normalization). */
function parseTarget(target) {
  if (typeof target !== 'string' || !target.startsWith('/')) throw new ApiError(400, 'Request target must be an absolute path');
  const q = target.indexOf('?');
  const pathname = q < 0 ? target : target.slice(0, q);
  const rawQuery = q < 0 ? '' : target.slice(q + 1);
  return { pathname, rawQuery, searchParams: new URLSearchParams(rawQuery) };
}

/** Returns the query as `{ name: [values] }`, with any value equal to a known token redacted. */
function loggableQuery(searchParams, tokens) {
  const out = {};
  for (const [key, value] of searchParams) (out[key] ??= []).push(tokens.has(value) ? '[redacted]' : value);
  return out;
}

/** Formats a host and port as an http:// origin (brackets for IPv6, localhost for wildcard hosts). */
function originOf(host, port) {
  const shown = host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  return `http://${shown}:${port}`;
}

/** Tells whether a path is `prefix` or below it. */
function isUnder(path, prefix) {
  return path === prefix || path.startsWith(`${prefix}/`);
}

/** Checks that every token names a configured organization and that the base paths are usable and distinct. */
function checkConfig(organizations, tokens, basePaths) {
  const ids = new Set(organizations.map((o) => o.id));
  for (const t of tokens) {
    if (!ids.has(t.organizationId)) throw new Error(`token for unknown organization ${t.organizationId}`);
  }
  const versions = Object.keys(DEFAULT_BASE_PATHS);
  for (const key of Object.keys(basePaths)) if (!versions.includes(key)) throw new Error(`basePaths has an unknown version: ${key}`);
  for (const version of versions) {
    const path = basePaths[version];
    if (typeof path !== 'string' || !/^\/[^?#]*[^/]$/.test(path)) {
      throw new Error(`basePaths.${version} must start with "/" and not end with "/": ${path}`);
    }
  }
  if (isUnder(basePaths.v1, basePaths.v1beta1) || isUnder(basePaths.v1beta1, basePaths.v1)) {
    throw new Error(`basePaths must not contain one another: ${basePaths.v1}, ${basePaths.v1beta1}`);
  }
}

/**
 * Creates a simulator (not yet listening) serving API v1 and v1beta1 over one store.
 * Options: `dataFile`, `faults`, `staticDirs`, `organizations`, `tokens`, `now`, `seed`, `basePaths`, `root`,
 * `allowedHosts`, `log`, `logError`.
 */
export function createSimulator(options = {}) {
  const {
    dataFile, faults: faultsEnabled = false, staticDirs = defaultStaticDirs(), organizations = defaultOrganizations(),
    tokens = defaultTokens(), now, seed = 0, root = REPO_ROOT, allowedHosts = [], log, logError = (line) => console.error(line),
  } = options;
  for (const name of allowedHosts) if (!isHostName(name)) throw new Error(`allowedHosts: not a host name without a port: ${name}`);
  const extraHostNames = allowedHosts.map((name) => name.toLowerCase());
  const basePaths = { ...DEFAULT_BASE_PATHS, ...options.basePaths };
  checkConfig(organizations, tokens, basePaths);
  const demo = tokens[0];
  const store = new WorkspaceStore({ dataFile, now, organizationIds: new Set(organizations.map((o) => o.id)) });
  if (seed > 0 && demo && store.count(demo.organizationId) === 0) store.seed(demo.organizationId, seed, demo.subject);
  store.markInitial();

  const registry = new TokenRegistry(tokens);
  const faultQueue = new FaultQueue();
  const requestLog = new RequestLog();
  const apis = Object.entries(basePaths).map(([version, basePath]) => ({
    basePath, handle: createApiHandler({ version, basePath, store, organizations, tokens: registry }),
  }));
  const admin = faultsEnabled ? createAdminHandler({ faults: faultQueue, requestLog, store }) : null;
  const serveStatic = createStaticHandler(staticDirs || {}, root);
  const demoConfig = demo && staticDirs?.['/'] ? createDemoConfigHandler({
    basePath: basePaths.v1, token: demo.token, organizationId: demo.organizationId,
    organizationName: organizations.find((o) => o.id === demo.organizationId).name,
  }) : null;
  /** Answers an API request of either version: records it, applies a queued fault if one matches, then runs the route. */
  async function handleApi(api, req, res, url) {
    if (!admin) return api(req, res, url);
    const entry = requestLog.record({
      time: new Date().toISOString(), requestId: String(res.getHeader('x-request-id')), method: req.method,
      path: url.pathname, query: loggableQuery(url.searchParams, registry), authorization: 'authorization' in req.headers,
      status: null,
    });
    res.on('finish', () => { entry.status = res.statusCode; });
    const fault = faultQueue.take(req.method, url.pathname);
    if (fault) {
      entry.fault = fault.type;
      if (await applyFault(fault, req, res, faultQueue)) return undefined;
    }
    return api(req, res, url);
  }

  let hostNames = new Set([...allowedHostNames(), ...extraHostNames]);

  /**
   * Routes one request: the Host check (421), then admin, the API, the demo config, static files, else 404; always
   * with `x-request-id` and the security headers. A failed data file save is a 500 and one log line.
   */
  async function handle(req, res) {
    const started = Date.now();
    res.setHeader('x-request-id', newRequestId());
    setSecurityHeaders(res);
    let pathname = '(invalid request target)'; // only the path is logged, never the query
    res.on('close', () => log?.(`${req.method} ${pathname} ${res.writableFinished ? res.statusCode : 'aborted'} ${Date.now() - started}ms`));
    try {
      const url = parseTarget(req.url);
      pathname = url.pathname;
      const hostName = checkHost(req, hostNames);
      if (isUnder(url.pathname, ADMIN_PREFIX)) {
        if (!admin) throw new ApiError(404, 'Not found (the admin endpoint is off; start with --faults)');
        checkAdminRequest(req);
        return await admin(req, res, url);
      }
      const api = apis.find(({ basePath }) => isUnder(url.pathname, basePath));
      if (api) return await handleApi(api.handle, req, res, url);
      if (demoConfig && url.pathname === DEMO_CONFIG_PATH) return demoConfig(req, res, hostName);
      if (await serveStatic(req, res, url)) return undefined;
      throw new ApiError(404, `Not found: ${url.pathname}`);
    } catch (err) {
      let failure = err;
      if (err instanceof DataFileError) {
        logError(`sim: ${req.method} ${pathname}: ${err.message}; the change was not made`);
        failure = new ApiError(500, 'The simulator could not save its data file; the change was not made');
      } else if (!(err instanceof ApiError)) console.error('simulator: internal error:', err);
      if (res.headersSent || res.destroyed) return res.destroy();
      return sendFailure(res, failure);
    }
  }

  const server = http.createServer((req, res) => { handle(req, res); });
  let origin = null;
  const baseUrls = () => origin && { v1: origin + basePaths.v1, v1beta1: origin + basePaths.v1beta1 };

  return {
    server,
    handle,
    /** The origin (`http://host:port`) once listening, else null. */
    get url() { return origin; },
    /** The v1 API base URL (`http://host:port/v1`) once listening, else null. */
    get apiBaseUrl() { return origin && origin + basePaths.v1; },
    /** The base URL of each API version, `{ v1, v1beta1 }`, once listening, else null. */
    get apiBaseUrls() { return baseUrls(); },
    demo: demo && {
      token: demo.token, organizationId: demo.organizationId,
      organizationName: organizations.find((o) => o.id === demo.organizationId).name,
    },
    organizations,
    state: { store, faults: faultQueue, requests: requestLog },
    /** Starts listening; resolves `{ url, apiBaseUrl, apiBaseUrls, port, host }` (`apiBaseUrl` is v1's). */
    listen(port = 8080, host = '127.0.0.1') {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          const actual = server.address().port;
          origin = originOf(host, actual);
          hostNames = new Set([...allowedHostNames(host), ...extraHostNames]);
          resolve({ url: origin, apiBaseUrl: origin + basePaths.v1, apiBaseUrls: baseUrls(), port: actual, host });
        });
      });
    },
    /** Stops listening, ends pending delays and open connections; resolves when closed. */
    close() {
      faultQueue.cancelAll();
      if (!server.listening) return Promise.resolve();
      return new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
