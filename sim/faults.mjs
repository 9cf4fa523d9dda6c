/** Injected faults (delay, status, connection reset): validation, the FIFO queue and applying them. */
import { STATUS_CODES } from 'node:http';
import { sendError, validationError } from './http.mjs';

/** Fault types the admin endpoint accepts. */
export const FAULT_TYPES = ['delay', 'status', 'reset'];
/** Longest delay a fault may ask for, in milliseconds. */
export const MAX_DELAY_MS = 60_000;

/** Tells whether a value is an integer within [min, max]. */
function isIntIn(value, min, max) {
  return Number.isInteger(value) && value >= min && value <= max;
}

/** Validates one fault spec, pushing field errors; returns the normalized fault. */
function checkFault(spec, i, errors) {
  const at = (field) => `faults[${i}].${field}`;
  const err = (field, code, message) => errors.push({ field: at(field), code, message });
  if (!spec || typeof spec !== 'object' || Array.isArray(spec)) return err('type', 'invalid_type', 'a fault must be an object');
  if (!FAULT_TYPES.includes(spec.type)) return err('type', 'invalid_value', `type must be one of ${FAULT_TYPES.join(', ')}`);
  if (spec.type === 'delay') {
    if (!isIntIn(spec.ms, 0, MAX_DELAY_MS)) return err('ms', 'out_of_range', `ms must be an integer from 0 to ${MAX_DELAY_MS}`);
    return { type: 'delay', ms: spec.ms };
  }
  if (spec.type === 'reset') return { type: 'reset' };
  const fault = { type: 'status' };
  if (!isIntIn(spec.status, 200, 599)) err('status', 'out_of_range', 'status must be an integer from 200 to 599');
  else fault.status = spec.status;
  if ('retryAfter' in spec) {
    const ok = typeof spec.retryAfter === 'string' ? spec.retryAfter.length > 0 : isIntIn(spec.retryAfter, 0, 86_400);
    if (ok) fault.retryAfter = String(spec.retryAfter);
    else err('retryAfter', 'invalid_type', 'retryAfter must be a non-empty string or a number of seconds');
  }
  for (const field of ['message', 'body', 'contentType']) {
    if (!(field in spec)) continue;
    if (typeof spec[field] === 'string') fault[field] = spec[field];
    else err(field, 'invalid_type', `${field} must be a string`);
  }
  return fault;
}

/** Validates an optional `match` object: `{ method?, path?, pathPrefix? }`. */
function checkMatch(match, errors) {
  if (match === undefined) return {};
  if (!match || typeof match !== 'object' || Array.isArray(match)) {
    errors.push({ field: 'match', code: 'invalid_type', message: 'match must be an object' });
    return {};
  }
  const out = {};
  for (const field of ['method', 'path', 'pathPrefix']) {
    if (!(field in match)) continue;
    if (typeof match[field] === 'string' && match[field]) out[field] = field === 'method' ? match[field].toUpperCase() : match[field];
    else errors.push({ field: `match.${field}`, code: 'invalid_type', message: `match.${field} must be a non-empty string` });
  }
  return out;
}

/** Validates a `POST /__admin/faults` body; returns `[{ ...fault, match }]` or throws a 400. */
export function parseFaultRequest(body) {
  const errors = [];
  if (!Array.isArray(body.faults) || body.faults.length === 0) {
    throw validationError([{ field: 'faults', code: 'required', message: 'faults must be a non-empty array' }]);
  }
  const match = checkMatch(body.match, errors);
  const faults = body.faults.map((spec, i) => checkFault(spec, i, errors));
  if (errors.length) throw validationError(errors);
  return faults.map((fault) => ({ ...fault, match }));
}

/** A FIFO queue of faults; each one applies to exactly one matching API request. */
export class FaultQueue {
  #queue = [];
  #sleepers = new Set();

  /** Appends validated faults. */
  add(faults) {
    this.#queue.push(...faults);
  }

  /** Returns the pending faults, oldest first. */
  list() {
    return this.#queue.map((f) => ({ ...f, match: { ...f.match } }));
  }

  /** Removes every pending fault. */
  clear() {
    this.#queue = [];
  }

  /** Removes and returns the oldest fault matching this method and path, if any. */
  take(method, path) {
    const i = this.#queue.findIndex(({ match }) =>
      (!match.method || match.method === method) &&
      (!match.path || match.path === path) &&
      (!match.pathPrefix || path.startsWith(match.pathPrefix)));
    return i < 0 ? undefined : this.#queue.splice(i, 1)[0];
  }

  /** Waits `ms` milliseconds; `cancelAll()` ends the wait early. */
  sleep(ms) {
    return new Promise((resolve) => {
      const sleeper = { resolve, timer: setTimeout(() => { this.#sleepers.delete(sleeper); resolve(); }, ms) };
      this.#sleepers.add(sleeper);
    });
  }

  /** Ends every pending delay at once (used when the server closes). */
  cancelAll() {
    for (const sleeper of this.#sleepers) {
      clearTimeout(sleeper.timer);
      sleeper.resolve();
    }
    this.#sleepers.clear();
  }
}

/** Applies a fault; resolves true when it answered (or dropped) the request, false to carry on normally. */
export async function applyFault(fault, req, res, queue) {
  if (fault.type === 'delay') {
    await queue.sleep(fault.ms);
    return res.destroyed || res.writableEnded;
  }
  if (fault.type === 'reset') {
    req.socket.destroy();
    return true;
  }
  const headers = fault.retryAfter ? { 'retry-after': fault.retryAfter } : {};
  if (fault.status === 204 || fault.status === 304) {
    res.writeHead(fault.status, headers);
    res.end();
  } else if ('body' in fault) {
    res.writeHead(fault.status, { 'content-type': fault.contentType ?? 'text/plain; charset=utf-8', 'cache-control': 'no-store', ...headers });
    res.end(fault.body);
  } else {
    const message = fault.message ?? `Injected fault: ${STATUS_CODES[fault.status] ?? fault.status}`;
    sendError(res, fault.status, message, { headers });
  }
  return true;
}
