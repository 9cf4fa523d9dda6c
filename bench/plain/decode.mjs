// The plain-JS client's response rules: a success body is parsed with JSON.parse and checked
// in place (required fields and types, RFC 3339 timestamps, unknown fields kept, `__proto__`,
// `constructor` and `prototype` dropped at any depth); an error body is read leniently.

/** Why a success body is not what the API documents: `text` about the field at `path`. */
export class Bad {
  constructor(path, text) {
    this.path = path;
    this.text = text;
  }

  /** Puts the field's path under `prefix` (the path is built only when a body fails). */
  under(prefix) {
    if (this.path !== null) this.path = this.path === '' ? prefix : `${prefix}.${this.path}`;
    return this;
  }

  /** The sentence saying what is wrong. */
  get why() {
    if (this.path === null) return this.text;
    return `${this.path === '' ? 'the body' : `\`${this.path}\``} ${this.text}`;
  }
}

/** The failure of a body that is not JSON. */
export const notJson = () => new Bad(null, 'it is not JSON (or is cut off)');

const MAX_DEPTH = 128;
const typeOf = (v) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);
const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
const missing = (key) => new Bad(key, 'is missing');
const wrong = (key, expected, v) => new Bad(key, `must be ${expected}, not ${typeOf(v)}`);

function object(v) {
  if (!isObject(v)) throw new Bad('', `must be an object, not ${typeOf(v)}`);
}

function string(o, key) {
  const v = o[key];
  if (typeof v === 'string') return v;
  throw v === null || v === undefined ? missing(key) : wrong(key, 'a string', v);
}

/** Checks an optional string; drops the key when it holds null; returns 1 when present. */
function optionalString(o, key) {
  const v = o[key];
  if (typeof v === 'string') return 1;
  if (v === undefined) return 0;
  if (v === null) delete o[key];
  else throw wrong(key, 'a string', v);
  return 0;
}

function count(o, key) {
  const v = o[key];
  if (typeof v === 'number' && v >= 0 && v <= Number.MAX_SAFE_INTEGER && Number.isInteger(v)) return;
  throw v === null || v === undefined ? missing(key) : wrong(key, 'a non-negative integer', v);
}

const digit = (s, i) => {
  const d = s.charCodeAt(i) - 48;
  return d >= 0 && d <= 9 ? d : -100;
};
const two = (s, i) => digit(s, i) * 10 + digit(s, i + 1);

/** Returns true for an RFC 3339 date-time with in-range fields. */
export function isDateTime(s) {
  const n = s.length;
  if (n < 20 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45 || (s.charCodeAt(10) | 32) !== 116
    || s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58) return false;
  const year = two(s, 0) * 100 + two(s, 2);
  const month = two(s, 5);
  const day = two(s, 8);
  if (year < 0 || month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = month === 2 ? (leap ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
  if (day > days) return false;
  const hour = two(s, 11);
  const minute = two(s, 14);
  const second = two(s, 17);
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 60) return false;
  let i = 19;
  if (s.charCodeAt(i) === 46) {
    const start = ++i;
    while (digit(s, i) >= 0) i++;
    if (i === start) return false;
  }
  const c = s.charCodeAt(i);
  if (c === 90 || c === 122) return i + 1 === n;
  if (c !== 43 && c !== 45) return false;
  if (i + 6 !== n || s.charCodeAt(i + 3) !== 58) return false;
  const oh = two(s, i + 1);
  const om = two(s, i + 4);
  return oh >= 0 && oh < 24 && om >= 0 && om < 60;
}

function timestamp(o, key) {
  if (!isDateTime(string(o, key))) throw new Bad(key, 'must be an RFC 3339 date-time such as 2024-04-05T21:41:04.673Z');
}

/** Drops `__proto__`, `constructor` and `prototype` keys from a JSON value, at any depth. */
function clean(v, depth) {
  if (v === null || typeof v !== 'object') return;
  if (depth > MAX_DEPTH) throw notJson();
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) clean(v[i], depth + 1);
    return;
  }
  for (const k in v) {
    if (k === '__proto__' || k === 'constructor' || k === 'prototype') delete v[k];
    else clean(v[k], depth + 1);
  }
}

/** Removes forbidden keys among the keys of `o` that `known` does not list, cleans the rest. */
function extra(o, known, depth) {
  for (const k in o) {
    if (known(k)) continue;
    if (k === '__proto__' || k === 'constructor' || k === 'prototype') delete o[k];
    else clean(o[k], depth + 1);
  }
}

const profileKey = (k) => k === 'id' || k === 'subjectType' || k === 'username' || k === 'fullName'
  || k === 'avatarUrl' || k === 'apiTokenName';

function profile(o, key, depth) {
  const v = o[key];
  if (v === undefined) return 0;
  if (v === null) {
    delete o[key];
    return 0;
  }
  try {
    object(v);
    string(v, 'id');
    const known = 1 + optionalString(v, 'subjectType') + optionalString(v, 'username')
      + optionalString(v, 'fullName') + optionalString(v, 'avatarUrl') + optionalString(v, 'apiTokenName');
    if (Object.keys(v).length !== known) extra(v, profileKey, depth + 1);
  } catch (e) {
    throw e instanceof Bad ? e.under(key) : e;
  }
  return 1;
}

function workspaceKey(k) {
  switch (k) {
    case 'id': case 'name': case 'organizationId': case 'cicdEnforcedDefault': case 'createdAt':
    case 'updatedAt': case 'description': case 'organizationName': case 'createdBy': case 'updatedBy':
    case 'defaultCloudProvider': case 'defaultRegion': case 'defaultClusterId':
      return true;
    default:
      return false;
  }
}

/** Checks a Workspace in place; throws a Bad saying which field is missing or wrong. */
export function workspace(o, depth = 0) {
  object(o);
  string(o, 'id');
  string(o, 'name');
  string(o, 'organizationId');
  const cicd = o.cicdEnforcedDefault;
  if (typeof cicd !== 'boolean') {
    throw cicd === null || cicd === undefined ? missing('cicdEnforcedDefault') : wrong('cicdEnforcedDefault', 'a boolean', cicd);
  }
  timestamp(o, 'createdAt');
  timestamp(o, 'updatedAt');
  const known = 6 + optionalString(o, 'description') + optionalString(o, 'organizationName')
    + profile(o, 'createdBy', depth) + profile(o, 'updatedBy', depth)
    + optionalString(o, 'defaultCloudProvider') + optionalString(o, 'defaultRegion')
    + optionalString(o, 'defaultClusterId');
  // Only an object with keys besides the known ones needs its keys walked.
  if (Object.keys(o).length !== known) extra(o, workspaceKey, depth);
  return o;
}

const pageKey = (k) => k === 'workspaces' || k === 'totalCount' || k === 'offset' || k === 'limit';

/** Checks a page of Workspaces in place; throws a Bad saying which field is missing or wrong. */
export function workspacesPage(o) {
  object(o);
  const list = o.workspaces;
  if (!Array.isArray(list)) throw list === null || list === undefined ? missing('workspaces') : wrong('workspaces', 'an array', list);
  let i = 0;
  try {
    for (; i < list.length; i++) workspace(list[i], 2);
  } catch (e) {
    throw e instanceof Bad ? e.under(`workspaces[${i}]`) : e;
  }
  count(o, 'totalCount');
  count(o, 'offset');
  count(o, 'limit');
  extra(o, pageKey, 0);
  return o;
}

const text = (o, key) => (typeof o[key] === 'string' ? o[key] : undefined);

/** Reads the API's Error body leniently: `{ message, requestId, fieldErrors }`, each maybe absent. */
export function errorBody(body) {
  let o;
  try {
    o = JSON.parse(body);
  } catch {
    return {};
  }
  if (!isObject(o)) return {};
  const out = { message: text(o, 'message'), requestId: text(o, 'requestId') };
  if (Array.isArray(o.fieldErrors)) {
    out.fieldErrors = [];
    for (const e of o.fieldErrors) {
      if (isObject(e) && typeof e.field === 'string') {
        out.fieldErrors.push({ field: e.field, code: text(e, 'code') ?? '', message: text(e, 'message') ?? '' });
      }
    }
  }
  return out;
}

/** Reads `n` units of a non-negative decimal number times `scale`, rounded up; else undefined. */
function decimal(value, scale) {
  const t = value.trim();
  const m = /^([0-9]{1,12})(?:\.([0-9]*))?$/.exec(t);
  if (m === null || (m[2] !== undefined && m[2] === '')) return undefined;
  let part = 0;
  let unit = scale;
  let rest = false;
  for (const ch of m[2] ?? '') {
    if (unit >= 10) {
      unit /= 10;
      part += Number(ch) * unit;
    } else if (ch !== '0') rest = true;
  }
  return Number(m[1]) * scale + part + (rest ? 1 : 0);
}

const MONTHS = 'JanFebMarAprMayJunJulAugSepOctNovDec';

/** Reads an IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`) as epoch milliseconds. */
function httpDate(s) {
  const m = /^[^]{3}, ([0-9]{2}) ([A-Z][a-z]{2}) ([0-9]{4}) ([0-9]{2}):([0-9]{2}):([0-9]{2}) GMT$/.exec(s);
  if (m === null || s.length !== 29) return undefined;
  const month = MONTHS.indexOf(m[2]);
  const [day, year, hour, minute, second] = [m[1], m[3], m[4], m[5], m[6]].map(Number);
  if (month % 3 !== 0 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return undefined;
  const date = new Date(0);
  date.setUTCFullYear(year, month / 3, day);
  return date.setUTCHours(hour, minute, 0, 0) + second * 1000;
}

/** How long the server asked to wait, in ms: `retry-after-ms`, else `Retry-After` (seconds or a date). */
export function retryAfterMs(headers, receivedAt) {
  const ms = headers.get('retry-after-ms');
  const fromMs = ms === null ? undefined : decimal(ms, 1);
  if (fromMs !== undefined) return fromMs;
  const after = headers.get('retry-after');
  if (after === null) return undefined;
  const value = after.trim();
  const seconds = decimal(value, 1000);
  if (seconds !== undefined) return seconds;
  const date = httpDate(value);
  return date === undefined ? undefined : Math.ceil(Math.max(date - receivedAt, 0));
}
