// The plain-JS client's input rules: the same fields, codes and messages as the package's
// validators, written for speed (the common valid input takes the shortest path).

const CUID = /^c[a-z0-9]{24}$/;
const CUID_MESSAGE = "must be a CUID: 'c' followed by 24 lowercase letters or digits";
/** The most code points a Workspace name may have. */
export const NAME_MAX = 50;
/** The most items an input array may hold. */
const MAX_ITEMS = 10_000;
const PROVIDERS = ['AWS', 'AZURE', 'GCP'];
const SORTS = ['name:asc', 'name:desc', 'createdAt:asc', 'createdAt:desc', 'updatedAt:asc', 'updatedAt:desc'];
/** The fields of the Create and Update Workspace bodies. */
export const BODY_FIELDS = ['name', 'description', 'cicdEnforcedDefault', 'defaultCloudProvider', 'defaultRegion', 'defaultClusterId'];
const LIST_FIELDS = ['workspaceIds', 'names', 'offset', 'limit', 'sorts'];
const ITERATE_FIELDS = ['workspaceIds', 'names', 'sorts', 'pageSize'];

/** Returns true for an AbortSignal (a boolean `aborted` and an `addEventListener` function). */
export function isSignal(v) {
  return v !== null && typeof v === 'object' && typeof read(v, 'aborted') === 'boolean'
    && typeof read(v, 'addEventListener') === 'function';
}

/** Reads `object[key]`, or `undefined` when a getter or proxy throws. */
export function read(object, key) {
  try {
    return object[key];
  } catch {
    return undefined;
  }
}

/** Names a value's type the way the package's messages do (`string`, `array`, `function`...). */
export function typeName(v, key) {
  switch (typeof v) {
    case 'string': return v.isWellFormed() ? 'string' : 'a string with an unpaired UTF-16 surrogate';
    case 'number': return 'number';
    case 'boolean': return 'boolean';
    case 'undefined': return 'null';
    case 'function': return 'function';
    case 'symbol': return 'symbol';
    case 'bigint': return 'bigint';
    default:
      if (v === null) return 'null';
      if (key === 'signal' && isSignal(v)) return 'AbortSignal';
      try {
        if (Array.isArray(v)) return read(v, 'length') > MAX_ITEMS ? 'an array of more than 10000 items' : 'array';
        Object.keys(v);
        return 'object';
      } catch {
        return 'an object whose keys cannot be read';
      }
  }
}


/** Records one problem. */
export function push(problems, field, code, message) {
  problems.push({ field, code, message });
}

/** Records that `field` holds a value of the wrong type. */
export function wrongType(problems, field, expected, v, key) {
  push(problems, field, 'invalid_type', `${field} must be ${expected}, not ${typeName(v, key)}`);
}

/**
 * Returns the values of `known` keys of `input` (null and undefined read as absent), recording
 * any other key; `null`/`undefined` input reads as an empty object; `undefined` for a non-object.
 */
export function objectFields(input, what, known, problems) {
  const out = new Array(known.length);
  if (input === null || input === undefined) return out;
  if (typeof input !== 'object' || Array.isArray(input)) {
    wrongType(problems, what, 'an object', input);
    return undefined;
  }
  let keys;
  try {
    keys = Object.keys(input);
  } catch {
    wrongType(problems, what, 'an object', input);
    return undefined;
  }
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    const at = known.indexOf(key);
    if (at < 0) {
      push(problems, key, 'unknown_field', `${key} is not a field of ${what} (expected one of: ${known.join(', ')})`);
    } else {
      const v = read(input, key);
      out[at] = v === null ? undefined : v;
    }
  }
  return out;
}

/** Checks a CUID; returns it or `undefined`. */
export function cuid(v, field, problems) {
  if (v === undefined || v === null) push(problems, field, 'required', `${field} is required`);
  else if (typeof v !== 'string' || !v.isWellFormed()) wrongType(problems, field, 'a string', v);
  else if (CUID.test(v)) return v;
  else push(problems, field, 'invalid_format', `${field} ${CUID_MESSAGE}`);
  return undefined;
}

/** Counts the code points of a well-formed string. */
function codePoints(s) {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) n--;
  }
  return n;
}

function name(v, problems) {
  if (v === undefined) return push(problems, 'name', 'required', 'name is required');
  if (typeof v !== 'string' || !v.isWellFormed()) return wrongType(problems, 'name', 'a string', v);
  if (v.length === 0) return push(problems, 'name', 'too_short', 'name must have at least 1 character');
  if (v.length > NAME_MAX) {
    const count = codePoints(v);
    if (count > NAME_MAX) {
      return push(problems, 'name', 'too_long', `name must have at most ${NAME_MAX} characters (it has ${count})`);
    }
  }
  return v;
}

function optionalString(v, field, problems) {
  if (v !== undefined && (typeof v !== 'string' || !v.isWellFormed())) wrongType(problems, field, 'a string', v);
}

function optionalBool(v, field, problems) {
  if (v !== undefined && typeof v !== 'boolean') wrongType(problems, field, 'a boolean', v);
}

function nonEmpty(v, field, problems) {
  if (v === undefined) return;
  if (typeof v !== 'string' || !v.isWellFormed()) wrongType(problems, field, 'a string', v);
  else if (v.length === 0) push(problems, field, 'too_short', `${field} must not be empty`);
}

/** Checks the default-deployment fields: a provider with a region, or a cluster. */
function defaults(provider, region, cluster, problems) {
  if (provider !== undefined) {
    if (typeof provider !== 'string' || !provider.isWellFormed()) wrongType(problems, 'defaultCloudProvider', 'a string', provider);
    else if (!PROVIDERS.includes(provider)) {
      push(problems, 'defaultCloudProvider', 'invalid_value', 'defaultCloudProvider must be one of: AWS, AZURE, GCP');
    }
  } else if (region !== undefined) {
    push(problems, 'defaultCloudProvider', 'required', 'defaultCloudProvider is required when defaultRegion is given');
  }
  nonEmpty(region, 'defaultRegion', problems);
  if (region === undefined && provider !== undefined) {
    push(problems, 'defaultRegion', 'required', 'defaultRegion is required when defaultCloudProvider is given');
  }
  nonEmpty(cluster, 'defaultClusterId', problems);
  if (cluster !== undefined && (provider !== undefined || region !== undefined)) {
    push(problems, 'defaultClusterId', 'conflict', 'defaultClusterId cannot be given with defaultCloudProvider or defaultRegion');
  }
}

/**
 * Checks a Create (`update` false) or Update body; returns the six field values in
 * BODY_FIELDS order when no problem was recorded by it.
 */
export function body(input, update, problems) {
  const f = objectFields(input, 'the request', BODY_FIELDS, problems);
  if (f === undefined) return undefined;
  const before = problems.length;
  name(f[0], problems);
  optionalString(f[1], 'description', problems);
  if (update && f[1] === undefined) push(problems, 'description', 'required', 'description is required');
  optionalBool(f[2], 'cicdEnforcedDefault', problems);
  if (update && f[2] === undefined) push(problems, 'cicdEnforcedDefault', 'required', 'cicdEnforcedDefault is required');
  defaults(f[3], f[4], f[5], problems);
  return problems.length === before ? f : undefined;
}

/** Checks an optional integer in `min..max`; returns it, `undefined` when absent, `NaN` on a problem. */
export function optionalInteger(v, field, min, max, problems) {
  if (v === undefined) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v)) {
    wrongType(problems, field, 'an integer', v);
    return NaN;
  }
  if (v < min || v > max) {
    push(problems, field, 'out_of_range', `${field} must be from ${min} to ${max}`);
    return NaN;
  }
  return v;
}

function stringArray(v, field, problems, each) {
  if (v === undefined) return [];
  if (!Array.isArray(v) || v.length > MAX_ITEMS) {
    wrongType(problems, field, 'an array of strings', v);
    return [];
  }
  const strings = [];
  for (let i = 0; i < v.length; i++) {
    const item = read(v, i);
    if (typeof item !== 'string' || !item.isWellFormed()) wrongType(problems, `${field}[${i}]`, 'a string', item);
    else strings.push(i, item);
  }
  // Type problems first, then value problems, as the package reports them.
  const out = [];
  for (let j = 0; j < strings.length; j += 2) {
    if (each(strings[j + 1], `${field}[${strings[j]}]`)) out.push(strings[j + 1]);
  }
  return out;
}

/** Checks List Workspaces' query; returns `{ workspaceIds, names, offset, limit, sorts }`. */
export function listParams(input, problems, what = 'the list parameters', known = LIST_FIELDS) {
  const f = objectFields(input, what, known, problems);
  if (f === undefined) return undefined;
  return listOf(f[0], f[1], f[2], f[3], f[4], problems);
}

function listOf(ids, names, offset, limit, sorts, problems) {
  const before = problems.length;
  const params = {
    workspaceIds: stringArray(ids, 'workspaceIds', problems, (s, at) => CUID.test(s)
      || push(problems, at, 'invalid_format', `${at} ${CUID_MESSAGE}`)),
    names: stringArray(names, 'names', problems, () => true),
    offset: optionalInteger(offset, 'offset', 0, Number.MAX_SAFE_INTEGER, problems),
    limit: optionalInteger(limit, 'limit', 0, 1000, problems),
    sorts: stringArray(sorts, 'sorts', problems, (s, at) => SORTS.includes(s)
      || push(problems, at, 'invalid_value', `${at} must be one of: ${SORTS.join(', ')}`)),
  };
  return problems.length === before ? params : undefined;
}

/** Checks `iterateWorkspaces`' parameters; returns the list parameters with `limit` = page size. */
export function iterateParams(input, problems) {
  const f = objectFields(input, 'the iteration parameters', ITERATE_FIELDS, problems);
  if (f === undefined) return undefined;
  const size = optionalInteger(f[3], 'pageSize', 1, 1000, problems);
  const params = listOf(f[0], f[1], undefined, undefined, f[2], problems);
  if (params === undefined || Number.isNaN(size)) return undefined;
  params.limit = size ?? 100;
  return params;
}
