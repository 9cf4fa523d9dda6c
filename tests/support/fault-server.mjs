// A fault-injecting Astro API server for the package's reliability tests.
//
// It listens on 127.0.0.1 (a free port), serves the five Workspace operations from an
// in-memory store, and can be told, per route, what to do with the next requests: a FIFO
// script of faults per route (`server.script('get', faults.status(503), faults.status(503))`);
// once a route's script is used up it answers normally. Every request is recorded (method,
// path, query, headers, body, arrival time) so tests can count what really reached it.
//
// Bounded: at most `maxRecorded` requests kept, bodies over `maxBodyBytes` refused, every
// timer and socket released by `close()`.

import http from 'node:http';
import { performance } from 'node:perf_hooks';

/** The Organization the store holds Workspaces for. */
export const ORG_ID = 'clm8t5u4q000008jq4qoc3036';

/** The API's path prefix the server serves under (the public base URL's path). */
export const PREFIX = '/platform/v1beta1';

/** The five routes, by operation. */
export const ROUTES = Object.freeze(['list', 'create', 'get', 'update', 'delete']);

const SORT_KEYS = { name: 'name', createdAt: 'createdAt', updatedAt: 'updatedAt' };
const LIST_PARAMS = new Set(['workspaceIds', 'names', 'offset', 'limit', 'sorts']);
const CUID = /^c[a-z0-9]{24}$/;
const BASE_TIME = Date.UTC(2023, 0, 1);

/** Returns the `i`-th Workspace ID of the store: a CUID, in increasing order. */
export function workspaceId(i) {
  return `c${i.toString(36).padStart(24, '0')}`;
}

/** Formats epoch milliseconds the way the API does: `YYYY-MM-DDTHH:MM:SSZ`. */
export function timestamp(ms) {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Builds the `i`-th of `n` stored Workspaces; creation order differs from index order. */
function makeWorkspace(i, n, orgId) {
  // 7919 is prime, so `i -> i * 7919 mod n` is a permutation whenever n is not a multiple of it.
  const created = BASE_TIME + ((i * 7919) % n) * 60_000;
  return {
    id: workspaceId(i),
    name: `Workspace ${String(i).padStart(5, '0')}`,
    organizationId: orgId,
    cicdEnforcedDefault: i % 2 === 0,
    createdAt: timestamp(created),
    updatedAt: timestamp(created + (n - i) * 1000),
    description: `Workspace number ${i}`,
  };
}

/** Returns `value` with own `__proto__` and `constructor` keys first, for JSON.stringify. */
function poisoned(value) {
  const out = {};
  Object.defineProperty(out, '__proto__', { value: { polluted: 'yes', isAdmin: true }, enumerable: true, writable: true, configurable: true });
  Object.defineProperty(out, 'constructor', { value: { prototype: { polluted: 'yes' } }, enumerable: true, writable: true, configurable: true });
  return Object.assign(out, value);
}

function errorBody(status, message, extra = {}) {
  return { message, requestId: `req-${status}-${Math.random().toString(36).slice(2, 10)}`, statusCode: status, ...extra };
}

/** The faults a route's script is made of. Each is `{ name, handle(ctx) }`. */
export const faults = {
  /** Answers normally (from the store): a placeholder in a script. */
  ok() {
    return { name: 'ok', handle: (ctx) => ctx.respondDefault() };
  },

  /** Answers `status` with the API's JSON Error body (or `body`), plus `headers`. */
  status(status, { body, headers = {}, message } = {}) {
    return {
      name: `status ${status}`,
      handle: (ctx) => ctx.send(status, body ?? errorBody(status, message ?? `fault-server: status ${status}`), headers),
    };
  },

  /** Answers `status` with `text` as the body, exactly, with `contentType`. */
  raw(status, text, { headers = {}, contentType = 'application/json' } = {}) {
    return { name: `raw ${status}`, handle: (ctx) => ctx.sendText(status, text, { 'content-type': contentType, ...headers }) };
  },

  /** Answers `status` with an HTML page, as a proxy or a login wall would. */
  html(status, { headers = {} } = {}) {
    const page = `<!DOCTYPE html>\n<html><head><title>${status}</title></head><body><h1>${status} from the gateway</h1><p>nginx</p></body></html>\n`;
    return { name: `html ${status}`, handle: (ctx) => ctx.sendText(status, page, { 'content-type': 'text/html', ...headers }) };
  },

  /** Waits `ms` before sending anything, then answers normally if the client is still there. */
  delayHeaders(ms) {
    return { name: `delay ${ms} ms`, handle: (ctx) => ctx.later(ms, () => ctx.respondDefault()) };
  },

  /** Sends the normal answer's headers at once, then its body one byte every `intervalMs`. */
  trickle({ intervalMs = 200 } = {}) {
    return {
      name: `trickle 1 byte / ${intervalMs} ms`,
      handle: (ctx) => {
        const { status, body } = ctx.defaultAnswer();
        const bytes = Buffer.from(body === undefined ? '' : JSON.stringify(body));
        ctx.res.writeHead(status, { 'content-type': 'application/json', 'content-length': bytes.length });
        ctx.res.flushHeaders();
        let sent = 0;
        const tick = () => {
          if (sent >= bytes.length) return ctx.res.end();
          ctx.res.write(bytes.subarray(sent, sent + 1));
          sent += 1;
          ctx.later(intervalMs, tick);
        };
        ctx.later(intervalMs, tick);
      },
    };
  },

  /** Reads the whole request body, then resets the connection (TCP RST) without answering. */
  resetAfterBody() {
    return { name: 'reset after body', handle: (ctx) => ctx.req.socket.resetAndDestroy() };
  },

  /**
   * Sends a cut-off JSON body. By default it is a complete HTTP response whose JSON is cut
   * (content-length matches); with `abrupt`, the connection closes before the announced
   * length arrives.
   */
  cutOffJson({ abrupt = false, status = 200 } = {}) {
    return {
      name: abrupt ? 'cut-off JSON (connection closed)' : 'cut-off JSON',
      handle: (ctx) => {
        const full = JSON.stringify(ctx.defaultAnswer().body ?? makeWorkspace(1, 2, ORG_ID));
        const cut = full.slice(0, Math.floor(full.length / 2));
        if (!abrupt) return ctx.sendText(status, cut, { 'content-type': 'application/json' });
        ctx.res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(full) });
        ctx.res.write(cut);
        ctx.later(20, () => ctx.req.socket.destroy());
      },
    };
  },

  /** Answers 429 with `Retry-After: value` (seconds, or any text). */
  retryAfter(value, { status = 429 } = {}) {
    return {
      name: `${status} Retry-After: ${value}`,
      handle: (ctx) => ctx.send(status, errorBody(status, 'fault-server: slow down'), { 'retry-after': String(value) }),
    };
  },

  /** Answers 429 with `retry-after-ms: ms`. */
  retryAfterMs(ms, { status = 429 } = {}) {
    return {
      name: `${status} retry-after-ms: ${ms}`,
      handle: (ctx) => ctx.send(status, errorBody(status, 'fault-server: slow down'), { 'retry-after-ms': String(ms) }),
    };
  },

  /**
   * Answers 429 with `Retry-After` as an HTTP date at least `ms` from now (rounded up to a
   * whole second, as HTTP dates have no finer unit); the date is recorded as `retryAt`.
   */
  retryAfterDate(ms, { status = 429 } = {}) {
    return {
      name: `${status} Retry-After: <date in ${ms} ms>`,
      handle: (ctx) => {
        const at = Math.ceil((Date.now() + ms) / 1000) * 1000;
        ctx.record.retryAt = at;
        ctx.send(status, errorBody(status, 'fault-server: slow down'), { 'retry-after': new Date(at).toUTCString() });
      },
    };
  },

  /** Redirects to `location` (an absolute URL, e.g. on a second server) with `status`. */
  redirect(location, { status = 302 } = {}) {
    return {
      name: `${status} to ${location}`,
      handle: (ctx) => ctx.sendText(status, '', { location }),
    };
  },

  /**
   * Answers normally, but with `__proto__` and `constructor` keys as own keys of the body,
   * of a nested `createdBy` and of each listed Workspace (as `JSON.parse` would see them).
   */
  protoKeys() {
    return {
      name: '__proto__ keys',
      handle: (ctx) => {
        const { status, body } = ctx.defaultAnswer();
        const workspace = (w) => poisoned({ ...w, createdBy: poisoned({ id: 'clm8qv74h000008mlf08scq7k', subjectType: 'USER' }) });
        const value = Array.isArray(body?.workspaces)
          ? poisoned({ ...body, workspaces: body.workspaces.map(workspace) })
          : workspace(body);
        ctx.sendText(status, JSON.stringify(value), { 'content-type': 'application/json' });
      },
    };
  },

  /**
   * Answers `status` (401) echoing the caller's token in the body: as JSON (message,
   * requestId, fieldErrors) or, with `html`, in an HTML page and an `x-request-id` header.
   */
  echoToken({ status = 401, html = false } = {}) {
    return {
      name: `echo token in ${status}${html ? ' (HTML)' : ''}`,
      handle: (ctx) => {
        const auth = ctx.req.headers.authorization ?? '';
        const token = auth.replace(/^Bearer /, '');
        if (html) {
          const page = `<html><body>Bad credentials: ${auth}<br>token=${token}</body></html>`;
          return ctx.sendText(status, page, { 'content-type': 'text/html', 'x-request-id': `req-${token}` });
        }
        ctx.send(status, {
          message: `the token ${token} is not valid (header: ${auth})`,
          requestId: `req-${token}`,
          statusCode: status,
          fieldErrors: [{ field: 'authorization', code: token, message: `expected a valid token, got ${token}` }],
        });
      },
    };
  },

  /** Anything else: `handle(ctx)` decides. */
  custom(name, handle) {
    return { name, handle };
  },
};

/** A running fault server. Create with {@link startFaultServer}. */
export class FaultServer {
  #server;
  #sockets = new Set();
  #timers = new Set();
  #byResponse = new WeakMap();
  #scripts = new Map(ROUTES.map((r) => [r, []]));
  #waiters = new Set();
  #seq = 0;
  #nextCreated = 1_000_000;
  #closed = false;

  /** Every request received, in order (at most `maxRecorded`). */
  requests = [];
  /** Requests that matched no route (answered 418 so they cannot pass silently). */
  unexpected = [];
  /** The stored Workspaces, in the order the API lists them when no sort is given. */
  workspaces = [];
  /** When set, list pages report this `totalCount` instead of the true one. */
  reportedTotalCount = undefined;

  constructor({ workspaces = 0, orgId = ORG_ID, token, maxRecorded = 10_000, maxBodyBytes = 1 << 20 } = {}) {
    this.orgId = orgId;
    this.token = token;
    this.maxRecorded = maxRecorded;
    this.maxBodyBytes = maxBodyBytes;
    for (let i = 0; i < workspaces; i++) this.workspaces.push(makeWorkspace(i, workspaces, orgId));
    this.#server = http.createServer((req, res) => this.#onRequest(req, res));
    this.#server.keepAliveTimeout = 1000;
    this.#server.on('connection', (socket) => {
      this.#sockets.add(socket);
      socket.on('close', () => this.#sockets.delete(socket));
    });
  }

  /** Starts listening on 127.0.0.1 and a free port. */
  async listen() {
    await new Promise((resolve, reject) => {
      this.#server.once('error', reject);
      this.#server.listen(0, '127.0.0.1', resolve);
    });
    const { port } = this.#server.address();
    /** `http://127.0.0.1:<port>` */
    this.origin = `http://127.0.0.1:${port}`;
    /** The base URL to give the client. */
    this.baseUrl = `${this.origin}${PREFIX}`;
    return this;
  }

  /** Appends faults to `route`'s script; each answers one request, in order. */
  script(route, ...steps) {
    const queue = this.#scripts.get(route);
    if (!queue) throw new Error(`fault-server: unknown route ${route} (expected one of ${ROUTES.join(', ')})`);
    for (const step of steps) {
      if (!step || typeof step.handle !== 'function') throw new Error('fault-server: a script step must come from `faults`');
      queue.push(step);
    }
    return this;
  }

  /** How many scripted faults are still waiting (for `route`, or all routes). */
  pending(route) {
    if (route) return this.#scripts.get(route).length;
    let n = 0;
    for (const q of this.#scripts.values()) n += q.length;
    return n;
  }

  /** The recorded requests for `route` (or all of them). */
  received(route) {
    return route ? this.requests.filter((r) => r.route === route) : this.requests.slice();
  }

  /** How many requests reached `route` (or the server). */
  count(route) {
    return this.received(route).length;
  }

  /** Resolves when at least `n` requests have arrived; rejects after `timeoutMs`. */
  waitForRequests(n, timeoutMs = 5000) {
    if (this.requests.length >= n) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const waiter = { n, resolve, reject };
      waiter.timer = setTimeout(() => {
        this.#waiters.delete(waiter);
        reject(new Error(`fault-server: ${this.requests.length} of ${n} requests arrived within ${timeoutMs} ms`));
      }, timeoutMs);
      this.#waiters.add(waiter);
    });
  }

  /** Throws if a request matched no route or a scripted fault was never used. */
  assertClean() {
    if (this.unexpected.length) {
      const list = this.unexpected.map((r) => `${r.method} ${r.path}${r.rawQuery ? `?${r.rawQuery}` : ''}`).join(', ');
      throw new Error(`fault-server: unexpected requests: ${list}`);
    }
    const left = this.pending();
    if (left) throw new Error(`fault-server: ${left} scripted fault(s) never used`);
  }

  /** Stops listening, destroys every socket and clears every timer. */
  async close() {
    if (this.#closed) return;
    this.#closed = true;
    for (const t of this.#timers) clearTimeout(t);
    this.#timers.clear();
    for (const w of this.#waiters) {
      clearTimeout(w.timer);
      w.reject(new Error('fault-server: closed'));
    }
    this.#waiters.clear();
    const closed = new Promise((resolve) => this.#server.close(() => resolve()));
    for (const s of this.#sockets) s.destroy();
    this.#server.closeAllConnections?.();
    await closed;
  }

  #later(ms, fn, res) {
    if (this.#closed || res.destroyed) return;
    let own = this.#byResponse.get(res);
    if (!own) {
      own = new Set();
      this.#byResponse.set(res, own);
      // The client went away (or the answer is done): nothing more is written for it.
      res.once('close', () => {
        for (const t of own) {
          clearTimeout(t);
          this.#timers.delete(t);
        }
        own.clear();
      });
    }
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      own.delete(timer);
      if (!res.destroyed && !res.writableEnded) fn();
    }, ms);
    this.#timers.add(timer);
    own.add(timer);
  }

  #route(method, pathname) {
    if (!pathname.startsWith(`${PREFIX}/organizations/`)) return null;
    const parts = pathname.slice(PREFIX.length + 1).split('/');
    if (parts.length < 3 || parts.length > 4 || parts[2] !== 'workspaces') return null;
    const [, org, , ws] = parts;
    const collection = parts.length === 3;
    const route = collection
      ? { GET: 'list', POST: 'create' }[method]
      : { GET: 'get', POST: 'update', DELETE: 'delete' }[method];
    return route ? { route, org, ws } : null;
  }

  #onRequest(req, res) {
    const at = performance.now();
    const wallAt = Date.now();
    const url = new URL(req.url, 'http://127.0.0.1');
    const rawQuery = url.search.slice(1);
    const chunks = [];
    let size = 0;
    let tooBig = false;
    req.on('data', (chunk) => {
      size += chunk.length;
      if (size > this.maxBodyBytes) tooBig = true;
      else chunks.push(chunk);
    });
    req.on('end', () => {
      const matched = this.#route(req.method, url.pathname);
      const record = {
        seq: ++this.#seq,
        route: matched?.route ?? null,
        method: req.method,
        path: url.pathname,
        rawQuery,
        query: [...url.searchParams],
        headers: { ...req.headers },
        body: Buffer.concat(chunks).toString('utf8'),
        at,
        wallAt,
        fault: 'default',
      };
      if (this.requests.length < this.maxRecorded) this.requests.push(record);
      for (const w of this.#waiters) {
        if (this.requests.length >= w.n) {
          clearTimeout(w.timer);
          this.#waiters.delete(w);
          w.resolve();
        }
      }
      if (tooBig) return this.#sendJson(res, 413, errorBody(413, 'fault-server: body too large'));
      if (!matched) {
        if (this.unexpected.length < this.maxRecorded) this.unexpected.push(record);
        return this.#sendJson(res, 418, errorBody(418, `fault-server: no route for ${req.method} ${url.pathname}`));
      }
      const ctx = this.#context(req, res, record, matched, url);
      const step = this.#scripts.get(matched.route).shift();
      if (step) record.fault = step.name;
      try {
        (step ? step.handle : (c) => c.respondDefault())(ctx);
      } catch (error) {
        if (!res.headersSent) this.#sendJson(res, 418, errorBody(418, `fault-server: fault failed: ${error.message}`));
      }
    });
  }

  #context(req, res, record, matched, url) {
    const server = this;
    return {
      req,
      res,
      record,
      server,
      later: (ms, fn) => server.#later(ms, fn, res),
      send: (status, body, headers = {}) => server.#sendJson(res, status, body, headers),
      sendText: (status, text, headers = {}) => server.#sendText(res, status, text, headers),
      defaultAnswer: () => server.#answer(matched, url, record, req.headers),
      respondDefault() {
        const { status, body } = this.defaultAnswer();
        if (body === undefined) server.#sendText(res, status, '', {});
        else server.#sendJson(res, status, body);
      },
    };
  }

  #sendJson(res, status, body, headers = {}) {
    this.#sendText(res, status, JSON.stringify(body), { 'content-type': 'application/json', ...headers });
  }

  #sendText(res, status, text, headers) {
    if (res.destroyed || res.headersSent) return;
    res.writeHead(status, { 'content-length': Buffer.byteLength(text), ...headers });
    res.end(text);
  }

  /** What the API would answer, from the store: `{ status, body }` (body undefined for 204). */
  #answer({ route, org, ws }, url, record, headers) {
    if (this.token !== undefined && headers.authorization !== `Bearer ${this.token}`) {
      return { status: 401, body: errorBody(401, 'fault-server: missing or wrong token') };
    }
    if (org !== this.orgId) return { status: 404, body: errorBody(404, 'organization not found') };
    if (route === 'list') return this.#list(url.searchParams);
    if (route === 'create') {
      const input = this.#parseBody(record.body);
      if (!input || typeof input.name !== 'string' || !input.name) return { status: 400, body: errorBody(400, 'invalid body') };
      const now = Date.now();
      const created = {
        id: workspaceId(this.#nextCreated++),
        name: input.name,
        organizationId: this.orgId,
        cicdEnforcedDefault: input.cicdEnforcedDefault ?? false,
        createdAt: timestamp(now),
        updatedAt: timestamp(now),
        ...(input.description === undefined ? {} : { description: input.description }),
      };
      this.workspaces.push(created);
      return { status: 200, body: created };
    }
    const index = this.workspaces.findIndex((w) => w.id === ws);
    if (index < 0) return { status: 404, body: errorBody(404, `workspace ${ws} not found`) };
    if (route === 'get') return { status: 200, body: this.workspaces[index] };
    if (route === 'delete') {
      this.workspaces.splice(index, 1);
      return { status: 204, body: undefined };
    }
    const input = this.#parseBody(record.body);
    if (!input || typeof input.name !== 'string' || typeof input.description !== 'string' || typeof input.cicdEnforcedDefault !== 'boolean') {
      return { status: 400, body: errorBody(400, 'update needs name, description and cicdEnforcedDefault') };
    }
    const updated = {
      ...this.workspaces[index],
      name: input.name,
      description: input.description,
      cicdEnforcedDefault: input.cicdEnforcedDefault,
      updatedAt: timestamp(Date.now()),
    };
    this.workspaces[index] = updated;
    return { status: 200, body: updated };
  }

  #parseBody(text) {
    try {
      const value = JSON.parse(text);
      return value && typeof value === 'object' && !Array.isArray(value) ? value : null;
    } catch {
      return null;
    }
  }

  #list(params) {
    const bad = (field, message) => ({
      status: 400,
      body: errorBody(400, message, { fieldErrors: [{ field, code: 'invalid', message }] }),
    });
    for (const key of params.keys()) if (!LIST_PARAMS.has(key)) return bad(key, `unknown query parameter ${key}`);
    const integer = (key, fallback, min, max) => {
      const values = params.getAll(key);
      if (values.length === 0) return fallback;
      if (values.length > 1 || !/^\d+$/.test(values[0])) return NaN;
      const n = Number(values[0]);
      return n >= min && n <= max ? n : NaN;
    };
    const offset = integer('offset', 0, 0, Number.MAX_SAFE_INTEGER);
    const limit = integer('limit', 20, 1, 1000);
    if (Number.isNaN(offset)) return bad('offset', 'offset must be an integer >= 0');
    if (Number.isNaN(limit)) return bad('limit', 'limit must be an integer from 1 to 1000');
    const ids = params.getAll('workspaceIds');
    if (ids.some((id) => !CUID.test(id))) return bad('workspaceIds', 'workspaceIds must be CUIDs');
    const names = params.getAll('names');
    const sorts = params.getAll('sorts').map((s) => {
      const [key, dir] = s.split(':');
      return { key: SORT_KEYS[key], dir: dir === 'asc' ? 1 : dir === 'desc' ? -1 : 0 };
    });
    if (sorts.some((s) => !s.key || !s.dir)) return bad('sorts', 'sorts must be one of name|createdAt|updatedAt :asc|desc');
    let items = this.workspaces.map((w, i) => ({ w, i }));
    if (ids.length) items = items.filter(({ w }) => ids.includes(w.id));
    if (names.length) items = items.filter(({ w }) => names.includes(w.name));
    items.sort((a, b) => {
      for (const { key, dir } of sorts) {
        if (a.w[key] < b.w[key]) return -dir;
        if (a.w[key] > b.w[key]) return dir;
      }
      return a.i - b.i;
    });
    return {
      status: 200,
      body: {
        workspaces: items.slice(offset, offset + limit).map(({ w }) => w),
        totalCount: this.reportedTotalCount ?? items.length,
        offset,
        limit,
      },
    };
  }
}

/** Starts a fault server; see {@link FaultServer} for the options. */
export function startFaultServer(options) {
  return new FaultServer(options).listen();
}

/** A token for tests: long and unusual enough that any copy of it is easy to find. */
export const TEST_TOKEN = 'astro-test-token.SECRET-7f3a9c1e5b';

/** Runs `fn(server)` against a fresh fault server, then checks nothing unexpected reached it and closes it. */
export async function withServer(options, fn) {
  const server = await startFaultServer({ token: TEST_TOKEN, ...options });
  try {
    const result = await fn(server);
    server.assertClean();
    return result;
  } finally {
    await server.close();
  }
}

/** Resolves to the error `promise` rejects with; throws if it resolves instead. */
export async function caught(promise) {
  let value;
  try {
    value = await promise;
  } catch (error) {
    return error;
  }
  throw new Error(`expected a rejection, got ${String(JSON.stringify(value)).slice(0, 200)}`);
}
