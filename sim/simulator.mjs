/** The Astro Platform API simulator: `createSimulator(options)` wires the store, routes, admin and static files. */
import http from 'node:http';
import { ADMIN_PREFIX, RequestLog, createAdminHandler } from './admin.mjs';
import { TokenRegistry } from './auth.mjs';
import {
  DEFAULT_BASE_PATH, REPO_ROOT, defaultOrganizations, defaultStaticDirs, defaultTokens,
} from './config.mjs';
import { DEMO_CONFIG_PATH, createDemoConfigHandler } from './demo-config.mjs';
import { FaultQueue, applyFault } from './faults.mjs';
import { ApiError, sendFailure } from './http.mjs';
import { createApiHandler } from './routes.mjs';
import { createStaticHandler } from './static.mjs';
import { WorkspaceStore } from './store.mjs';
import { newRequestId } from './util.mjs';

export {
  DEMO_ORGANIZATION_ID, DEMO_TOKEN, OTHER_ORGANIZATION_ID, OTHER_TOKEN, DEFAULT_BASE_PATH,
} from './config.mjs';

/** Splits a raw request target into its undecoded path and its query parameters (no normalization). */
function parseTarget(target) {
  if (typeof target !== 'string' || !target.startsWith('/')) throw new ApiError(400, 'Request target must be an absolute path');
  const q = target.indexOf('?');
  const pathname = q < 0 ? target : target.slice(0, q);
  return { pathname, searchParams: new URLSearchParams(q < 0 ? '' : target.slice(q + 1)) };
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

/** Checks that every token names a configured organization. */
function checkConfig(organizations, tokens, basePath) {
  const ids = new Set(organizations.map((o) => o.id));
  for (const t of tokens) {
    if (!ids.has(t.organizationId)) throw new Error(`token for unknown organization ${t.organizationId}`);
  }
  if (!/^\/[^?#]*[^/]$/.test(basePath)) throw new Error(`basePath must start with "/" and not end with "/": ${basePath}`);
}

/**
 * Creates a simulator (not yet listening).
 * Options: `dataFile`, `faults`, `staticDirs`, `organizations`, `tokens`, `now`, `seed`, `basePath`, `root`, `log`.
 */
export function createSimulator(options = {}) {
  const {
    dataFile, faults: faultsEnabled = false, staticDirs = defaultStaticDirs(), organizations = defaultOrganizations(),
    tokens = defaultTokens(), now, seed = 0, basePath = DEFAULT_BASE_PATH, root = REPO_ROOT, log,
  } = options;
  checkConfig(organizations, tokens, basePath);
  const demo = tokens[0];
  const store = new WorkspaceStore({ dataFile, now });
  if (seed > 0 && demo && store.count(demo.organizationId) === 0) store.seed(demo.organizationId, seed, demo.subject);
  store.markInitial();

  const registry = new TokenRegistry(tokens);
  const faultQueue = new FaultQueue();
  const requestLog = new RequestLog();
  const api = createApiHandler({ basePath, store, organizations, tokens: registry });
  const admin = faultsEnabled ? createAdminHandler({ faults: faultQueue, requestLog, store }) : null;
  const serveStatic = createStaticHandler(staticDirs || {}, root);
  const demoConfig = demo && staticDirs?.['/'] ? createDemoConfigHandler({
    basePath, token: demo.token, organizationId: demo.organizationId,
    organizationName: organizations.find((o) => o.id === demo.organizationId).name,
  }) : null;
  const isUnder = (p, prefix) => p === prefix || p.startsWith(`${prefix}/`);

  /** Answers an API request: records it, applies a queued fault if one matches, then runs the route. */
  async function handleApi(req, res, url) {
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

  /** Routes one request: admin, then the API, then static files, else 404; always with `x-request-id`. */
  async function handle(req, res) {
    const started = Date.now();
    res.setHeader('x-request-id', newRequestId());
    let pathname = '(invalid request target)'; // only the path is logged, never the query
    res.on('close', () => log?.(`${req.method} ${pathname} ${res.writableFinished ? res.statusCode : 'aborted'} ${Date.now() - started}ms`));
    try {
      const url = parseTarget(req.url);
      pathname = url.pathname;
      if (isUnder(url.pathname, ADMIN_PREFIX)) {
        if (!admin) throw new ApiError(404, 'Not found (the admin endpoint is off; start with --faults)');
        return await admin(req, res, url);
      }
      if (isUnder(url.pathname, basePath)) return await handleApi(req, res, url);
      if (demoConfig && url.pathname === DEMO_CONFIG_PATH) return demoConfig(req, res);
      if (await serveStatic(req, res, url)) return undefined;
      throw new ApiError(404, `Not found: ${url.pathname}`);
    } catch (err) {
      if (!(err instanceof ApiError)) console.error('simulator: internal error:', err);
      if (res.headersSent || res.destroyed) return res.destroy();
      return sendFailure(res, err);
    }
  }

  const server = http.createServer((req, res) => { handle(req, res); });
  let origin = null;

  return {
    server,
    handle,
    /** The origin (`http://host:port`) once listening, else null. */
    get url() { return origin; },
    /** The API base URL once listening, else null. */
    get apiBaseUrl() { return origin && origin + basePath; },
    demo: demo && {
      token: demo.token, organizationId: demo.organizationId,
      organizationName: organizations.find((o) => o.id === demo.organizationId).name,
    },
    organizations,
    state: { store, faults: faultQueue, requests: requestLog },
    /** Starts listening; resolves `{ url, apiBaseUrl, port, host }`. */
    listen(port = 8080, host = '127.0.0.1') {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          const actual = server.address().port;
          origin = originOf(host, actual);
          resolve({ url: origin, apiBaseUrl: origin + basePath, port: actual, host });
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
