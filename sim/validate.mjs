/** Server-side validation of Create and Update Workspace bodies, per API version, as the contract states them. */
import { ApiError, validationError } from './http.mjs';
import { codePointLength } from './util.mjs';

/** Most Unicode code points a Workspace name may have. */
export const NAME_MAX = 50;
/** Accepted values of `defaultCloudProvider` (v1). */
export const CLOUD_PROVIDERS = ['AWS', 'AZURE', 'GCP'];
/** The v1-only body fields, in field order. */
export const DEFAULT_FIELDS = ['defaultCloudProvider', 'defaultRegion', 'defaultClusterId'];
/** The body fields each API version knows, in field order (the order field errors are reported in). */
export const BODY_FIELDS = {
  v1: ['name', 'description', 'cicdEnforcedDefault', ...DEFAULT_FIELDS],
  v1beta1: ['name', 'description', 'cicdEnforcedDefault'],
};

/** Builds one `{ field, code, message }` entry of an Error body's `fieldErrors`. */
function fieldError(field, code, message) {
  return { field, code, message };
}

/** Tells whether a body field is given: present and not `null` (`null` reads as absent, as the real API's JSON decoding does). */
function given(body, field) {
  return Object.hasOwn(body, field) && body[field] !== null;
}

/**
 * Checks a string field; returns true when it is a well-formed string, else records why not.
 * Absent or null: `required` when `required`. A string with an unpaired UTF-16 surrogate is the wrong type.
 */
function checkString(body, errors, field, required) {
  if (!given(body, field)) {
    if (required) errors.push(fieldError(field, 'required', `${field} is required`));
    return false;
  }
  const value = body[field];
  if (typeof value !== 'string') {
    errors.push(fieldError(field, 'invalid_type', `${field} must be a string`));
    return false;
  }
  if (!value.isWellFormed()) {
    errors.push(fieldError(field, 'invalid_type', `${field} must be a string without unpaired UTF-16 surrogates`));
    return false;
  }
  return true;
}

/** Checks `name`: required, a string of 1 to 50 Unicode code points. */
function checkName(body, errors) {
  if (!checkString(body, errors, 'name', true)) return;
  const length = codePointLength(body.name);
  if (length < 1) errors.push(fieldError('name', 'too_short', 'name must be at least 1 character'));
  else if (length > NAME_MAX) {
    errors.push(fieldError('name', 'too_long', `name must be at most ${NAME_MAX} characters (got ${length})`));
  }
}

/** Checks `cicdEnforcedDefault`: a boolean, `required` on update. */
function checkBoolean(body, errors, field, required) {
  if (!given(body, field)) {
    if (required) errors.push(fieldError(field, 'required', `${field} is required`));
  } else if (typeof body[field] !== 'boolean') {
    errors.push(fieldError(field, 'invalid_type', `${field} must be a boolean`));
  }
}

/** Checks a non-empty string field (`defaultRegion`, `defaultClusterId`) that is given. */
function checkNonEmpty(body, errors, field) {
  if (checkString(body, errors, field, false) && body[field].length === 0) {
    errors.push(fieldError(field, 'too_short', `${field} must not be empty`));
  }
}

/**
 * Checks the three v1 default-deployment fields, in field order: each one's own type and value, then
 * provider and region together (the missing one is `required`) and the cluster alone (`conflict`).
 */
function checkDefaults(body, errors) {
  const provider = given(body, 'defaultCloudProvider');
  const region = given(body, 'defaultRegion');
  const cluster = given(body, 'defaultClusterId');
  if (provider) {
    if (checkString(body, errors, 'defaultCloudProvider', false) && !CLOUD_PROVIDERS.includes(body.defaultCloudProvider)) {
      errors.push(fieldError('defaultCloudProvider', 'invalid_value', `defaultCloudProvider must be one of ${CLOUD_PROVIDERS.join(', ')}`));
    }
  } else if (region) {
    errors.push(fieldError('defaultCloudProvider', 'required', 'defaultCloudProvider is required with defaultRegion'));
  }
  if (region) checkNonEmpty(body, errors, 'defaultRegion');
  else if (provider) errors.push(fieldError('defaultRegion', 'required', 'defaultRegion is required with defaultCloudProvider'));
  if (cluster) {
    checkNonEmpty(body, errors, 'defaultClusterId');
    if (provider || region) {
      errors.push(fieldError('defaultClusterId', 'conflict', 'defaultClusterId cannot be given with defaultCloudProvider or defaultRegion'));
    }
  }
}

/** Returns the given (non-null) fields of `body` among `fields`. */
function pick(body, fields) {
  const out = {};
  for (const field of fields) if (given(body, field)) out[field] = body[field];
  return out;
}

/**
 * Refuses a body holding a string with an unpaired UTF-16 surrogate outside the known fields' values
 * (in a key, an unknown field, at any depth): 400 without fieldErrors. Known fields are left to their own checks.
 */
export function refuseIllFormedStrings(body, knownFields) {
  const keysWellFormed = (object) => Object.keys(object).every((key) => key.isWellFormed());
  const pending = Object.keys(body).filter((key) => !knownFields.includes(key)).map((key) => body[key]);
  let bad = !keysWellFormed(body);
  while (!bad && pending.length) {
    const value = pending.pop();
    if (typeof value === 'string') bad = !value.isWellFormed();
    else if (value !== null && typeof value === 'object') {
      bad = !keysWellFormed(value);
      for (const inner of Object.values(value)) pending.push(inner);
    }
  }
  if (bad) throw new ApiError(400, 'Request body holds a string with an unpaired UTF-16 surrogate');
}

/**
 * Validates a CreateWorkspaceRequest for an API version ('v1' or 'v1beta1'); returns the fields to store or throws a 400.
 * v1beta1 ignores the v1-only fields, as the older server does.
 */
export function validateCreateWorkspace(body, version) {
  refuseIllFormedStrings(body, BODY_FIELDS[version]);
  const errors = [];
  checkName(body, errors);
  checkString(body, errors, 'description', false);
  checkBoolean(body, errors, 'cicdEnforcedDefault', false);
  if (version === 'v1') checkDefaults(body, errors);
  if (errors.length) throw validationError(errors);
  return { cicdEnforcedDefault: false, ...pick(body, BODY_FIELDS[version]) };
}

/**
 * Validates an UpdateWorkspaceRequest (name, description and cicdEnforcedDefault required; in v1 the optional
 * default fields); returns the fields to store or throws a 400.
 */
export function validateUpdateWorkspace(body, version) {
  refuseIllFormedStrings(body, BODY_FIELDS[version]);
  const errors = [];
  checkName(body, errors);
  checkString(body, errors, 'description', true);
  checkBoolean(body, errors, 'cicdEnforcedDefault', true);
  if (version === 'v1') checkDefaults(body, errors);
  if (errors.length) throw validationError(errors);
  return pick(body, BODY_FIELDS[version]);
}
