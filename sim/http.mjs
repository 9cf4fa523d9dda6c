/** HTTP plumbing: the Error body, JSON responses and request-body reading. */
import { STATUS_CODES } from 'node:http';

/** Largest request body the simulator reads, in bytes. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** An error that becomes the contract's Error body (`message`, `requestId`, `statusCode`, `fieldErrors?`). */
export class ApiError extends Error {
  /** Creates an error with an HTTP status, optional field errors and extra response headers. */
  constructor(status, message, { fieldErrors, headers } = {}) {
    super(message);
    this.status = status;
    this.fieldErrors = fieldErrors;
    this.headers = headers;
  }
}

/** Returns a 400 ApiError carrying the given field errors. */
export function validationError(fieldErrors) {
  const summary = fieldErrors.map((e) => e.message).join('; ');
  return new ApiError(400, `Invalid request: ${summary}`, { fieldErrors });
}

/** Reads the request ID this response already carries in its `x-request-id` header. */
export function requestIdOf(res) {
  return String(res.getHeader('x-request-id') ?? '');
}

/** Sends a JSON body with the given status (`Content-Type: application/json`, never cached). */
export function sendJson(res, status, body, headers = {}) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    ...headers,
  });
  res.end(res.req?.method === 'HEAD' ? undefined : text);
}

/** Sends a status with no body (204, for example). */
export function sendEmpty(res, status, headers = {}) {
  res.writeHead(status, { 'cache-control': 'no-store', ...headers });
  res.end();
}

/** Sends the contract's Error body for a status, message and optional field errors. */
export function sendError(res, status, message, { fieldErrors, headers } = {}) {
  const body = { message: message || STATUS_CODES[status] || 'Error', requestId: requestIdOf(res), statusCode: status };
  if (fieldErrors) body.fieldErrors = fieldErrors;
  sendJson(res, status, body, headers);
}

/** Sends an ApiError, or a 500 Error body for anything else. */
export function sendFailure(res, err) {
  if (err instanceof ApiError) {
    sendError(res, err.status, err.message, { fieldErrors: err.fieldErrors, headers: err.headers });
  } else {
    sendError(res, 500, 'Internal server error');
  }
}

/** Reads the whole request body as a Buffer, rejecting with 413 past MAX_BODY_BYTES. */
export function readBody(req, maxBytes = MAX_BODY_BYTES) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    req.on('data', (chunk) => {
      size += chunk.length;
      if (size > maxBytes) {
        chunks.length = 0; // keep draining so the response can still be sent, but drop the bytes
        reject(new ApiError(413, `Request body exceeds ${maxBytes} bytes`));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Tells whether a Content-Type header value names JSON (`application/json`, any parameters). */
export function isJsonContentType(value) {
  return typeof value === 'string' && /^application\/json\s*(;|$)/i.test(value.trim());
}

/** Reads a JSON object body; 400 (no fieldErrors) for a non-JSON content type, bad JSON or a non-object. */
export async function readJsonObject(req) {
  if (!isJsonContentType(req.headers['content-type'])) {
    req.resume();
    throw new ApiError(400, 'Content-Type must be application/json');
  }
  const raw = (await readBody(req)).toString('utf8');
  let value;
  try {
    value = JSON.parse(raw);
  } catch {
    throw new ApiError(400, 'Request body is not valid JSON');
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new ApiError(400, 'Request body must be a JSON object');
  }
  return value;
}
