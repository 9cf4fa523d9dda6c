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

import { CUID, LIST_PARAMS, ORG_ID, PREFIX, ROUTES, SORT_KEYS, errorBody, faults, makeWorkspace, timestamp, workspaceId } from './faults.mjs';

export { ORG_ID, PREFIX, ROUTES, faults, timestamp, workspaceId };


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
    const limit = integer('limit', 20, 0, 1000);
    if (Number.isNaN(offset)) return bad('offset', 'offset must be an integer >= 0');
    if (Number.isNaN(limit)) return bad('limit', 'limit must be an integer from 0 to 1000');
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
