/** The admin endpoint under `/__admin` (only mounted with `faults: true`) and the request log it serves. */
import { ApiError, readJsonObject, sendEmpty, sendJson } from './http.mjs';
import { parseFaultRequest } from './faults.mjs';

/** URL prefix of the admin endpoint. */
export const ADMIN_PREFIX = '/__admin';

/** A bounded log of API requests: method, path, query and whether a token was sent, never the token. */
export class RequestLog {
  #entries = [];
  #max;

  /** Creates a log keeping the newest `max` entries. */
  constructor(max = 1000) {
    this.#max = max;
  }

  /** Adds an entry and returns it, so its `status` can be filled in when the response ends. */
  record(entry) {
    this.#entries.push(entry);
    if (this.#entries.length > this.#max) this.#entries.shift();
    return entry;
  }

  /** Returns copies of the entries, oldest first. */
  list() {
    return this.#entries.map((e) => ({ ...e, query: { ...e.query } }));
  }

  /** Forgets every entry. */
  clear() {
    this.#entries = [];
  }
}

/** Creates the admin handler over the fault queue, the request log and the store. */
export function createAdminHandler({ faults, requestLog, store }) {
  const routes = {
    'POST /faults': async (req, res) => {
      const added = parseFaultRequest(await readJsonObject(req));
      faults.add(added);
      sendJson(res, 200, { queued: added.length, faults: faults.list() });
    },
    'GET /faults': (req, res) => sendJson(res, 200, { faults: faults.list() }),
    'DELETE /faults': (req, res) => { faults.clear(); sendEmpty(res, 204); },
    'GET /requests': (req, res) => sendJson(res, 200, { requests: requestLog.list() }),
    'DELETE /requests': (req, res) => { requestLog.clear(); sendEmpty(res, 204); },
    'POST /reset': (req, res) => {
      store.reset();
      faults.clear();
      requestLog.clear();
      sendEmpty(res, 204);
    },
  };

  /** Answers one request under `/__admin` (throws ApiError for error statuses). */
  return async function handle(req, res, url) {
    const sub = url.pathname.slice(ADMIN_PREFIX.length);
    const route = routes[`${req.method} ${sub}`];
    if (route) return route(req, res);
    const allowed = Object.keys(routes).filter((key) => key.endsWith(` ${sub}`)).map((key) => key.split(' ')[0]);
    if (allowed.length) throw new ApiError(405, `Method ${req.method} is not allowed here`, { headers: { allow: allowed.join(', ') } });
    throw new ApiError(404, `No admin route for ${req.method} ${url.pathname}`);
  };
}
