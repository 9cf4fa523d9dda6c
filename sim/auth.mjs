/** Bearer-token authentication against the configured tokens. */
import { createHash } from 'node:crypto';
import { ApiError } from './http.mjs';

/** Hashes a token so lookups do not compare secrets character by character. */
function digest(token) {
  return createHash('sha256').update(token).digest('hex');
}

/** Maps bearer tokens to their organization and subject profile. */
export class TokenRegistry {
  #byDigest = new Map();

  /** Creates a registry from `[{ token, organizationId, subject }]`. */
  constructor(tokens) {
    for (const entry of tokens) this.#byDigest.set(digest(entry.token), entry);
  }

  /** Tells whether a string is one of the configured tokens. */
  has(token) {
    return this.#byDigest.has(digest(token));
  }

  /** Returns `{ organizationId, subject }` for an `Authorization` header, or throws a 401 ApiError. */
  authenticate(header) {
    const match = typeof header === 'string' ? /^Bearer +(\S+) *$/i.exec(header) : null;
    if (!match) {
      throw new ApiError(401, 'Missing or malformed Authorization header; expected "Bearer <token>"', {
        headers: { 'www-authenticate': 'Bearer realm="astro"' },
      });
    }
    const entry = this.#byDigest.get(digest(match[1]));
    if (!entry) {
      throw new ApiError(401, 'Invalid or expired token', {
        headers: { 'www-authenticate': 'Bearer realm="astro", error="invalid_token"' },
      });
    }
    return { organizationId: entry.organizationId, subject: entry.subject };
  }
}
