/** Small pure helpers shared by the simulator: IDs, timestamps, string lengths. */
import { randomBytes, randomUUID } from 'node:crypto';

const CUID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';
const CUID_RE = /^c[a-z0-9]{24}$/;

/** Returns a new random CUID-shaped ID: `c` followed by 24 lowercase letters or digits. */
export function newCuid() {
  let out = 'c';
  while (out.length < 25) {
    for (const byte of randomBytes(32)) {
      // 252 = 7 * 36: rejection sampling keeps the alphabet uniform.
      if (byte < 252 && out.length < 25) out += CUID_ALPHABET[byte % 36];
    }
  }
  return out;
}

/** Tells whether a value has the contract's ID shape (`c` + 24 lowercase letters or digits). */
export function isCuid(value) {
  return typeof value === 'string' && CUID_RE.test(value);
}

/** Returns a new request ID (a random UUID). */
export function newRequestId() {
  return randomUUID();
}

/** Formats a Date as the API's UTC timestamp with milliseconds, `YYYY-MM-DDTHH:MM:SS.sssZ` (as real responses carry). */
export function formatTimestamp(date) {
  return date.toISOString();
}

/** Counts a string's Unicode code points (what the contract's 50-character limit counts). */
export function codePointLength(str) {
  let n = 0;
  for (const _ of str) n += 1;
  return n;
}

/** Returns a deep copy of a JSON-compatible value. */
export function cloneJson(value) {
  return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
}
