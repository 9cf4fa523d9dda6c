// The plain-JS client's I/O loop: one attempt through `fetch` bounded by a per-attempt timeout
// and the caller's signal, the response checked, one log event per attempt, and the package's
// retry policy (429 only for create; 408/429/5xx/connection for the others; backoff; Retry-After).

import {
  AbortError, ApiError, ConnectionError, InvalidResponseError, TimeoutError, classForStatus,
  excerpt, redact,
} from './errors.mjs';
import { Bad, errorBody, notJson, retryAfterMs, workspace, workspacesPage } from './decode.mjs';

const REASONS = {
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 408: 'Request Timeout',
  409: 'Conflict', 429: 'Too Many Requests', 500: 'Internal Server Error', 502: 'Bad Gateway',
  503: 'Service Unavailable', 504: 'Gateway Timeout',
};
const REDIRECT = 'which is not followed so the token stays with the configured origin';
const HIDDEN = ['authorization', 'cookie', 'proxy-authorization'];

/** A failed attempt: the error and the JS value `fetch` rejected with. */
class Failure {
  constructor(error, cause) {
    this.error = error;
    this.cause = cause;
  }
}

function describe(cause) {
  const text = (v) => (v !== null && typeof v === 'object' && typeof v.message === 'string' && v.message !== '' ? v.message : undefined);
  const inner = text(cause?.cause);
  const message = text(cause) ?? 'fetch failed';
  return inner === undefined ? message : `${message} (${inner})`;
}

/**
 * One attempt: sends `req` and reads the whole body within `cfg.timeoutMs`; resolves to
 * `{ status, headers, body, receivedAt }` or rejects with a Failure.
 */
async function send(req, cfg, signal) {
  const controller = new AbortController();
  let stop = 0; // 1: the timeout fired; 2: the caller's signal did
  let rejectStop;
  const stopped = cfg.fetch === undefined ? undefined : new Promise((_, reject) => { rejectStop = reject; });
  stopped?.catch(() => {});
  const halt = (why) => {
    if (stop !== 0) return;
    stop = why;
    controller.abort();
    if (rejectStop !== undefined) rejectStop(new Error('stopped'));
  };
  const timer = setTimeout(halt, cfg.timeoutMs, 1);
  const onAbort = signal === undefined ? undefined : () => halt(2);
  if (onAbort !== undefined) signal.addEventListener('abort', onAbort);
  try {
    const init = { method: req.method, headers: req.headers, body: req.body, redirect: 'manual', signal: controller.signal };
    let res;
    if (stopped === undefined) res = await fetch(req.url, init);
    else res = await Promise.race([cfg.fetch.call(undefined, req.url, init), stopped]);
    const status = res?.status;
    if (typeof status !== 'number' || !(status >= 0 && status < 1000)) {
      throw new Error('fetch resolved to something that is not a Response');
    }
    const headers = status >= 200 && status < 300 ? undefined : res.headers;
    const body = stopped === undefined ? await res.text() : await Promise.race([res.text(), stopped]);
    return { status: Math.trunc(status), headers, body: typeof body === 'string' ? body : '', receivedAt: Date.now() };
  } catch (cause) {
    const aborted = stop === 2 || (signal !== undefined && signal.aborted === true);
    let error;
    if (aborted) error = new AbortError("request aborted by the caller's signal");
    else if (stop === 1) error = new TimeoutError(`request timed out after ${cfg.timeoutMs} ms`, { timeoutMs: cfg.timeoutMs });
    else error = new ConnectionError(redact(`connection failed: ${describe(cause)}`, cfg.token));
    throw new Failure(error, cause);
  } finally {
    clearTimeout(timer);
    if (onAbort !== undefined) signal.removeEventListener('abort', onAbort);
  }
}

/** Builds the error for a non-2xx response. */
function apiError(res, token) {
  const { status, headers, body } = res;
  const parsed = errorBody(body);
  const apiMessage = parsed.message === '' ? undefined : parsed.message;
  let message = apiMessage;
  if (message === undefined) {
    if (status === 0) message = `the API answered with a redirect, ${REDIRECT}`;
    else if (status >= 300 && status <= 399) {
      const location = headers?.get('location');
      message = `the API answered ${status} (a redirect${location == null ? '' : ` to ${location}`}), ${REDIRECT}`;
    } else message = `the API answered ${status}${REASONS[status] === undefined ? '' : ` ${REASONS[status]}`}`;
  }
  const fields = {
    status,
    requestId: redact(parsed.requestId ?? headers?.get('x-request-id') ?? undefined, token),
    fieldErrors: (parsed.fieldErrors ?? []).map((e) => ({
      field: redact(e.field, token), code: redact(e.code, token), message: redact(e.message, token),
    })),
    retryAfterMs: headers === undefined ? undefined : retryAfterMs(headers, res.receivedAt),
    excerpt: apiMessage === undefined && body !== '' ? redact(excerpt(body), token) : undefined,
  };
  for (const key of ['requestId', 'retryAfterMs', 'excerpt']) if (fields[key] === undefined) delete fields[key];
  const Class = classForStatus(status);
  return new Class(redact(message, token), fields);
}

/** Turns a response into the operation's result, or throws the error it means. */
function interpret(kind, res, token) {
  const status = res.status;
  if (status < 200 || status > 299) throw apiError(res, token);
  if (kind === 'delete') return undefined;
  try {
    let json;
    try {
      json = JSON.parse(res.body);
    } catch {
      throw notJson();
    }
    return kind === 'list' ? workspacesPage(json) : workspace(json);
  } catch (e) {
    if (!(e instanceof Bad)) throw e;
    const what = kind === 'list' ? 'a page of Workspaces' : 'a Workspace';
    const message = `the API answered ${status} with a body that is not ${what}: ${e.why}`;
    throw new InvalidResponseError(redact(message, token), { status, excerpt: redact(excerpt(res.body), token) });
  }
}

function retryable(kind, error) {
  if (error instanceof ApiError) {
    const s = error.status;
    return kind === 'create' ? s === 429 : s === 408 || s === 429 || s === 500 || s === 502 || s === 503 || s === 504;
  }
  return error instanceof ConnectionError && kind !== 'create';
}

/** The backoff before retry `n`: min(500 ms x 2^n, 8 s), less a random 0 to 25 %. */
export const backoffMs = (n, random) => Math.round(Math.min(500 * 2 ** Math.min(n, 16), 8000) * (1 - 0.25 * random));

function sleep(ms, signal) {
  if (signal?.aborted) return undefined;
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done);
  });
}

function log(cfg, req, attempt, started, status, error) {
  const headers = {};
  for (const name in req.headers) {
    const value = req.headers[name];
    headers[name] = HIDDEN.includes(name) || value.includes(cfg.token) ? '***' : value;
  }
  const event = { method: req.method, url: req.url };
  if (status !== undefined) event.status = status;
  if (error !== undefined) event.error = error.name;
  event.durationMs = Math.max(Date.now() - started, 0);
  event.attempt = attempt + 1;
  event.headers = headers;
  try {
    cfg.logger(event);
  } catch {
    // A logger that throws does not break the call.
  }
}

function finish(error, attempts, cause, token) {
  error.attempts = attempts;
  if (cause !== undefined) {
    let text = '';
    try {
      text = (JSON.stringify(cause) ?? '') + (typeof cause === 'string' ? cause : '') + (typeof cause?.message === 'string' ? cause.message : '');
    } catch {
      // An unserializable cause is kept as it is.
    }
    if (!text.includes(token)) Object.defineProperty(error, 'cause', { value: cause, writable: true, configurable: true });
  }
  return error;
}

/**
 * Runs one operation (`req`: `{ kind, method, url, headers, body }`) with retries; resolves to
 * its result or rejects with the plain client's error classes.
 */
export async function run(req, cfg, signal) {
  let earlierUnanswered = false;
  for (let attempt = 0; ; attempt++) {
    if (signal !== undefined && signal.aborted) {
      throw finish(new AbortError("request aborted by the caller's signal"), attempt, undefined, cfg.token);
    }
    const started = cfg.logger === undefined ? 0 : Date.now();
    let status;
    let error;
    let cause;
    let value;
    try {
      const res = await send(req, cfg, signal);
      status = res.status;
      value = interpret(req.kind, res, cfg.token);
    } catch (e) {
      if (e instanceof Failure) [error, cause] = [e.error, e.cause];
      else error = e;
    }
    if (cfg.logger !== undefined) log(cfg, req, attempt, started, status, error);
    if (error === undefined) return value;
    if (req.kind === 'delete' && earlierUnanswered && error instanceof ApiError && error.status === 404) return undefined;
    if (attempt >= cfg.maxRetries || !retryable(req.kind, error) || error.retryAfterMs > 60_000) {
      throw finish(error, attempt + 1, cause, cfg.token);
    }
    await sleep(error.retryAfterMs ?? backoffMs(attempt, Math.random()), signal);
    earlierUnanswered ||= error instanceof ConnectionError;
  }
}
