// The plain-JS client's options: token, base URL, API version, timeouts, retries, headers,
// with the package's rules and messages.

import { objectFields, optionalInteger, push, read, isSignal, wrongType } from './validate.mjs';

/** The API's public base URL (v1). */
export const DEFAULT_BASE_URL = 'https://api.astronomer.io/v1';
const CLIENT_KEYS = ['token', 'baseUrl', 'apiVersion', 'timeoutMs', 'maxRetries', 'headers', 'fetch', 'logger'];
const STANDALONE_KEYS = [...CLIENT_KEYS, 'signal'];
const CALL_KEYS = ['timeoutMs', 'maxRetries', 'headers', 'signal'];
const RESERVED = ['authorization', 'content-type', 'accept', 'x-api-version'];
const HEADER_NAME = /^[A-Za-z0-9!#$%&'*+\-.^_`|~]+$/;
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;
const PRINTABLE = /^[\x21-\x7e]+$/;
const VERSION = /^[0-9]+\.[0-9]+$/;
const V1BETA1 = 'needs API v1, but the base URL is v1beta1\'s: use https://api.astronomer.io/v1';

/** Says what `unsupported` message a v1-only field gets on a v1beta1 base URL. */
export const v1Only = (field) => `${field} ${V1BETA1}`;

/**
 * Checks client options (`standalone` also allows `signal`); returns
 * `{ token, baseUrl, apiVersion, timeoutMs, maxRetries, headers, fetch, logger, signal, v1beta1 }`.
 */
export function clientOptions(input, standalone, problems) {
  const f = objectFields(input, 'the options', standalone ? STANDALONE_KEYS : CLIENT_KEYS, problems);
  if (f === undefined) return undefined;
  const before = problems.length;
  const token = checkToken(f[0], problems);
  let baseUrl = DEFAULT_BASE_URL;
  if (f[1] !== undefined) {
    if (typeof f[1] !== 'string' || !f[1].isWellFormed()) {
      wrongType(problems, 'baseUrl', 'a string', f[1]);
      baseUrl = undefined;
    } else {
      baseUrl = checkBaseUrl(f[1]);
      if (baseUrl.error) push(problems, 'baseUrl', 'invalid_format', baseUrl.error);
      baseUrl = baseUrl.url;
    }
  }
  const v1beta1 = baseUrl !== undefined && baseUrl.endsWith('/v1beta1');
  let apiVersion;
  if (f[2] !== undefined) {
    if (typeof f[2] !== 'string' || !f[2].isWellFormed()) wrongType(problems, 'apiVersion', 'a string', f[2]);
    else if (!VERSION.test(f[2])) push(problems, 'apiVersion', 'invalid_format', 'apiVersion must look like MAJOR.MINOR, such as 1.0');
    else if (v1beta1) push(problems, 'apiVersion', 'unsupported', v1Only('apiVersion'));
    else apiVersion = f[2];
  }
  const call = callParts(f[3], f[4], f[5], problems);
  if (f[6] !== undefined && typeof f[6] !== 'function') wrongType(problems, 'fetch', 'a function', f[6]);
  if (f[7] !== undefined && typeof f[7] !== 'function') wrongType(problems, 'logger', 'a function', f[7]);
  if (standalone && f[8] !== undefined && !isSignal(f[8])) wrongType(problems, 'signal', 'an AbortSignal', f[8], 'signal');
  if (problems.length !== before) return undefined;
  return {
    token, baseUrl, apiVersion, v1beta1,
    timeoutMs: call.timeoutMs ?? 60_000,
    maxRetries: call.maxRetries ?? 2,
    headers: call.headers,
    fetch: f[6], logger: f[7], signal: standalone ? f[8] : undefined,
  };
}

/** Checks one call's options; returns `{ timeoutMs, maxRetries, headers, signal }`. */
export function callOptions(input, problems) {
  const f = objectFields(input, 'the call options', CALL_KEYS, problems);
  if (f === undefined) return undefined;
  const before = problems.length;
  if (f[3] !== undefined && !isSignal(f[3])) wrongType(problems, 'signal', 'an AbortSignal', f[3], 'signal');
  const call = callParts(f[0], f[1], f[2], problems);
  if (problems.length !== before) return undefined;
  call.signal = f[3];
  return call;
}

function callParts(timeout, retries, headers, problems) {
  return {
    timeoutMs: optionalInteger(timeout, 'timeoutMs', 1, 2_147_483_647, problems),
    maxRetries: optionalInteger(retries, 'maxRetries', 0, 10, problems),
    headers: extraHeaders(headers, problems),
  };
}

function checkToken(v, problems) {
  if (v === undefined) push(problems, 'token', 'required', 'token is required');
  else if (typeof v !== 'string' || !v.isWellFormed()) wrongType(problems, 'token', 'a string', v);
  else if (v.length === 0) push(problems, 'token', 'too_short', 'token must not be empty');
  else if (PRINTABLE.test(v)) return v;
  else {
    push(problems, 'token', 'invalid_format',
      'token must contain only printable ASCII characters (no spaces, line breaks or control characters)');
  }
  return undefined;
}

/** Checks `headers`; returns `[name, value]` pairs with lowercase names. */
function extraHeaders(v, problems) {
  if (v === undefined) return [];
  if (typeof v !== 'object' || Array.isArray(v)) {
    wrongType(problems, 'headers', 'an object of strings', v);
    return [];
  }
  const out = [];
  for (const key of Object.keys(v)) {
    const field = `headers.${key}`;
    const value = read(v, key);
    if (!HEADER_NAME.test(key)) push(problems, field, 'invalid_format', `${field} is not a valid HTTP header name`);
    else if (RESERVED.includes(key.toLowerCase())) {
      push(problems, field, 'invalid_value', `${field} is set by the client and cannot be replaced`);
    } else if (value === null || value === undefined || typeof value !== 'string' || !value.isWellFormed()) {
      wrongType(problems, field, 'a string', value);
    } else if (!HEADER_VALUE.test(value)) {
      push(problems, field, 'invalid_format',
        `${field} must not contain line breaks, control characters or characters above U+00FF`);
    } else out.push([key.toLowerCase(), value]);
  }
  return out;
}

/** Checks a base URL; returns `{ url }` without trailing slashes, or `{ error }`. */
export function checkBaseUrl(url) {
  const fail = (why) => ({ error: `baseUrl ${why}` });
  const lower = url.slice(0, 8).toLowerCase();
  let secure;
  let rest;
  if (lower.startsWith('https://')) [secure, rest] = [true, url.slice(8)];
  else if (lower.startsWith('http://')) [secure, rest] = [false, url.slice(7)];
  else return fail('must be an absolute https: URL (http: is allowed only for localhost)');
  // Rust's char::is_whitespace and is_control, and the backslash.
  if (/[ \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\p{Cc}\\]/u.test(url)) return fail('must not contain spaces, control characters or backslashes');
  if (url.includes('?') || url.includes('#')) return fail('must not have a query or a fragment');
  const slash = rest.indexOf('/');
  const authority = slash < 0 ? rest : rest.slice(0, slash);
  if (authority.includes('@')) return fail('must not contain a user name or password');
  const hp = splitHostPort(authority);
  if (hp === undefined) return { error: 'baseUrl has an invalid host or port' };
  const [host, port] = hp;
  if (host === '' || (port !== undefined && (port === '' || port.length > 5 || !/^[0-9]+$/.test(port) || Number(port) > 65535))) {
    return fail('has an invalid host or port');
  }
  if (!secure && !isLoopback(host)) {
    return fail('must use https: (http: is allowed only for localhost, 127.0.0.0/8 and [::1])');
  }
  return { url: url.replace(/\/+$/, '') };
}

function splitHostPort(authority) {
  if (authority.startsWith('[')) {
    const end = authority.indexOf(']');
    if (end < 0) return undefined;
    const after = authority.slice(end + 1);
    if (after === '') return [authority.slice(0, end + 1), undefined];
    return after.startsWith(':') ? [authority.slice(0, end + 1), after.slice(1)] : undefined;
  }
  const colon = authority.indexOf(':');
  return colon < 0 ? [authority, undefined] : [authority.slice(0, colon), authority.slice(colon + 1)];
}

function isLoopback(host) {
  if (host.toLowerCase() === 'localhost' || host === '[::1]') return true;
  const octets = host.split('.');
  return octets.length === 4 && octets[0] === '127'
    && octets.every((o) => /^[0-9]{1,3}$/.test(o) && Number(o) <= 255);
}
