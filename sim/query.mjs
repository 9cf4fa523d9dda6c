/** List Workspaces' query parameters: parsing, validation, and decoding that keeps unpaired surrogates visible. */
import { validationError } from './http.mjs';
import { isCuid } from './util.mjs';

/** Default page size of List Workspaces. */
export const LIMIT_DEFAULT = 20;
/** Largest page size the simulator accepts (0 is the smallest: a page of no Workspaces with `totalCount`). */
export const LIMIT_MAX = 1000;
/** Every accepted value of the `sorts` query parameter. */
export const SORTS = ['name:asc', 'name:desc', 'createdAt:asc', 'createdAt:desc', 'updatedAt:asc', 'updatedAt:desc'];

const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });

/** Tells whether a byte is an ASCII hex digit. */
function isHex(byte) {
  return (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x46) || (byte >= 0x61 && byte <= 0x66);
}

/**
 * Decodes bytes as UTF-8 like URLSearchParams does (invalid sequences become U+FFFD), except that the
 * three-byte encoding of a surrogate (ED A0..BF 80..BF, as WTF-8 writes one) becomes that UTF-16 code unit.
 */
function decodeWtf8(bytes) {
  let out = '';
  let start = 0;
  for (let i = 0; i + 2 < bytes.length; i += 1) {
    if (bytes[i] === 0xed && (bytes[i + 1] & 0xe0) === 0xa0 && (bytes[i + 2] & 0xc0) === 0x80) {
      out += utf8.decode(bytes.subarray(start, i));
      out += String.fromCharCode(0xd000 | ((bytes[i + 1] & 0x3f) << 6) | (bytes[i + 2] & 0x3f));
      start = i + 3;
      i += 2;
    }
  }
  return out + utf8.decode(bytes.subarray(start));
}

/**
 * Decodes one `application/x-www-form-urlencoded` name or value (`+` is a space, `%XX` a byte); for the ASCII request
 * targets Node's HTTP server lets through, the same as URLSearchParams except for encoded surrogates.
 */
export function decodeFormComponent(text) {
  const input = Buffer.from(text.replaceAll('+', ' '), 'utf8');
  const bytes = new Uint8Array(input.length);
  let n = 0;
  for (let i = 0; i < input.length; i += 1) {
    if (input[i] === 0x25 && i + 2 < input.length && isHex(input[i + 1]) && isHex(input[i + 2])) {
      bytes[n] = parseInt(String.fromCharCode(input[i + 1], input[i + 2]), 16);
      i += 2;
    } else {
      bytes[n] = input[i];
    }
    n += 1;
  }
  return decodeWtf8(bytes.subarray(0, n));
}

/** Returns every value of a parameter in a raw query string, decoded so that an encoded unpaired surrogate survives. */
export function rawQueryValues(rawQuery, name) {
  const values = [];
  for (const pair of rawQuery.split('&')) {
    if (!pair) continue;
    const eq = pair.indexOf('=');
    if (decodeFormComponent(eq < 0 ? pair : pair.slice(0, eq)) === name) values.push(decodeFormComponent(eq < 0 ? '' : pair.slice(eq + 1)));
  }
  return values;
}

/** Builds one `{ field, code, message }` entry of an Error body's `fieldErrors`. */
function fieldError(field, code, message) {
  return { field, code, message };
}

/** Parses one integer query parameter within [min, max], recording field errors. */
function parseInteger(params, errors, field, fallback, min, max) {
  const values = params.getAll(field);
  if (values.length === 0) return fallback;
  if (values.length > 1) {
    errors.push(fieldError(field, 'invalid_value', `${field} must be given at most once`));
    return fallback;
  }
  if (!/^[+-]?\d+$/.test(values[0])) {
    errors.push(fieldError(field, 'invalid_type', `${field} must be an integer`));
    return fallback;
  }
  const n = Number(values[0]);
  if (n < min || n > max) {
    const why = n > max ? 'too large' : 'too small';
    errors.push(fieldError(field, 'out_of_range', `${field} is ${why}: it must be an integer from ${min} to ${max}`));
    return fallback;
  }
  return n;
}

/**
 * Parses List Workspaces' query (`workspaceIds`, `names`, `offset`, `limit`, `sorts`) or throws a 400 with every
 * problem, in that order; list entries are named with their index (`sorts[1]`), as the package reports them.
 */
export function parseListQuery(params, rawQuery = params.toString()) {
  const errors = [];
  const workspaceIds = params.getAll('workspaceIds');
  workspaceIds.forEach((id, i) => {
    if (!isCuid(id)) {
      errors.push(fieldError(`workspaceIds[${i}]`, 'invalid_format', `workspaceIds[${i}] must be "c" followed by 24 lowercase letters or digits`));
    }
  });
  const names = rawQueryValues(rawQuery, 'names');
  names.forEach((name, i) => {
    if (!name.isWellFormed()) {
      errors.push(fieldError(`names[${i}]`, 'invalid_type', `names[${i}] must be a string without unpaired UTF-16 surrogates`));
    }
  });
  const offset = parseInteger(params, errors, 'offset', 0, 0, Number.MAX_SAFE_INTEGER);
  const limit = parseInteger(params, errors, 'limit', LIMIT_DEFAULT, 0, LIMIT_MAX);
  const sorts = params.getAll('sorts');
  sorts.forEach((sort, i) => {
    if (!SORTS.includes(sort)) {
      errors.push(fieldError(`sorts[${i}]`, 'invalid_value', `sorts[${i}] must be one of ${SORTS.join(', ')} (got ${JSON.stringify(sort)})`));
    }
  });
  if (errors.length) throw validationError(errors);
  return { workspaceIds, names, sorts, offset, limit };
}
