// Workspaces, error bodies and the faults a FaultServer can be scripted with.


/** The Organization the store holds Workspaces for. */
export const ORG_ID = 'clm8t5u4q000008jq4qoc3036';

/** The API's path prefix the server serves under (the public base URL's path). */
export const PREFIX = '/platform/v1beta1';

/** The five routes, by operation. */
export const ROUTES = Object.freeze(['list', 'create', 'get', 'update', 'delete']);

export const SORT_KEYS = { name: 'name', createdAt: 'createdAt', updatedAt: 'updatedAt' };
export const LIST_PARAMS = new Set(['workspaceIds', 'names', 'offset', 'limit', 'sorts']);
export const CUID = /^c[a-z0-9]{24}$/;
export const BASE_TIME = Date.UTC(2023, 0, 1);

/** Returns the `i`-th Workspace ID of the store: a CUID, in increasing order. */
export function workspaceId(i) {
  return `c${i.toString(36).padStart(24, '0')}`;
}

/** Formats epoch milliseconds the way the API does: `YYYY-MM-DDTHH:MM:SSZ`. */
export function timestamp(ms) {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Builds the `i`-th of `n` stored Workspaces; creation order differs from index order. */
export function makeWorkspace(i, n, orgId) {
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
export function poisoned(value) {
  const out = {};
  Object.defineProperty(out, '__proto__', { value: { polluted: 'yes', isAdmin: true }, enumerable: true, writable: true, configurable: true });
  Object.defineProperty(out, 'constructor', { value: { prototype: { polluted: 'yes' } }, enumerable: true, writable: true, configurable: true });
  return Object.assign(out, value);
}

export function errorBody(status, message, extra = {}) {
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
