// The error classes every failure of the package is an instance of.
//
// JS classes that extend Error cannot be written in Rust, so they live here; the WASM edge
// imports `createError` and never decides anything here: the Rust core picks the class by
// name and fills in the fields.

/** The base class of every error the package throws. */
export class AstroError extends Error {
  constructor(message, fields, options) {
    super(message, options);
    if (fields) Object.assign(this, fields);
  }
}

/** The input broke the API's rules; nothing was sent. `fieldErrors` lists every problem. */
export class ValidationError extends AstroError {}

/** The API answered with a status other than 2xx. */
export class ApiError extends AstroError {}
/** 400 */
export class BadRequestError extends ApiError {}
/** 401 */
export class AuthenticationError extends ApiError {}
/** 403 */
export class PermissionDeniedError extends ApiError {}
/** 404 */
export class NotFoundError extends ApiError {}
/** 409 */
export class ConflictError extends ApiError {}
/** 429 */
export class RateLimitError extends ApiError {}
/** 5xx */
export class InternalServerError extends ApiError {}

/** The request did not complete (refused, reset, DNS, CORS). */
export class ConnectionError extends AstroError {}
/** An attempt took longer than `timeoutMs`, headers and body together. */
export class TimeoutError extends ConnectionError {}
/** The caller's AbortSignal aborted the call. */
export class AbortError extends AstroError {}
/** A 2xx response whose body is not what the API documents. */
export class InvalidResponseError extends AstroError {}

const classes = {
  AstroError, ValidationError, ApiError, BadRequestError, AuthenticationError,
  PermissionDeniedError, NotFoundError, ConflictError, RateLimitError, InternalServerError,
  ConnectionError, TimeoutError, AbortError, InvalidResponseError,
};

for (const [name, cls] of Object.entries(classes)) {
  Object.defineProperty(cls.prototype, 'name', { value: name, writable: true, configurable: true });
}

/** Builds the error named `name` (a key of the table above); used by the WASM edge only. */
export function createError(name, message, fields, cause) {
  const cls = Object.hasOwn(classes, name) ? classes[name] : AstroError;
  return new cls(message, fields, cause === undefined ? undefined : { cause });
}
