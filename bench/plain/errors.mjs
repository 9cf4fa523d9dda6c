// The plain-JS client's error classes: the same hierarchy, names and fields as the package's,
// so the benchmark's plain client pays for the same things the package does.

/** The base class of every error the plain client throws. */
export class AstroError extends Error {
  constructor(message, fields, options) {
    super(message, options);
    if (fields) Object.assign(this, fields);
  }
}
/** The input broke the API's rules; nothing was sent. */
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
/** An attempt took longer than `timeoutMs`. */
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

/** Returns the API error class for an HTTP status. */
export function classForStatus(status) {
  switch (status) {
    case 400: return BadRequestError;
    case 401: return AuthenticationError;
    case 403: return PermissionDeniedError;
    case 404: return NotFoundError;
    case 409: return ConflictError;
    case 429: return RateLimitError;
    default: return status >= 500 && status <= 599 ? InternalServerError : ApiError;
  }
}

/** Builds the ValidationError for a list of field errors. */
export function validationError(fieldErrors) {
  const message = `invalid input: ${fieldErrors.map((e) => e.message).join('; ')}`;
  return new ValidationError(message, { fieldErrors });
}

/** Replaces every copy of `secret` in `text` with `***`. */
export function redact(text, secret) {
  return typeof text === 'string' && secret && text.includes(secret) ? text.replaceAll(secret, '***') : text;
}

/** The most bytes of a response body an error keeps. */
export const EXCERPT_LIMIT = 2048;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Returns the first 2048 UTF-8 bytes of `body`, cut on a character boundary. */
export function excerpt(body) {
  if (body.length <= EXCERPT_LIMIT / 3) return body;
  const bytes = encoder.encode(body);
  if (bytes.length <= EXCERPT_LIMIT) return body;
  let end = EXCERPT_LIMIT;
  while ((bytes[end] & 0xc0) === 0x80) end--;
  return decoder.decode(bytes.subarray(0, end));
}
