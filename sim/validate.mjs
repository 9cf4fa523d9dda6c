/** Server-side validation of request bodies and list query parameters, as the contract states them. */
import { validationError } from './http.mjs';
import { codePointLength } from './util.mjs';

/** Most Unicode code points a Workspace name may have. */
export const NAME_MAX = 50;
/** Default page size of List Workspaces. */
export const LIMIT_DEFAULT = 20;
/** Largest page size the simulator accepts. */
export const LIMIT_MAX = 1000;
/** Every accepted value of the `sorts` query parameter. */
export const SORTS = ['name:asc', 'name:desc', 'createdAt:asc', 'createdAt:desc', 'updatedAt:asc', 'updatedAt:desc'];

/** Builds one `{ field, code, message }` entry of an Error body's `fieldErrors`. */
function fieldError(field, code, message) {
  return { field, code, message };
}

/** Checks `name`: required, a string of 1 to 50 Unicode code points. */
function checkName(body, errors) {
  if (!('name' in body)) return errors.push(fieldError('name', 'required', 'name is required'));
  const { name } = body;
  if (typeof name !== 'string') return errors.push(fieldError('name', 'invalid_type', 'name must be a string'));
  const length = codePointLength(name);
  if (length < 1) return errors.push(fieldError('name', 'too_short', 'name must be at least 1 character'));
  if (length > NAME_MAX) {
    errors.push(fieldError('name', 'too_long', `name must be at most ${NAME_MAX} characters (got ${length})`));
  }
}

/** Checks an optional or required field against a `typeof` type name. */
function checkTyped(body, errors, field, type, required) {
  if (!(field in body)) {
    if (required) errors.push(fieldError(field, 'required', `${field} is required`));
    return;
  }
  if (typeof body[field] !== type) errors.push(fieldError(field, 'invalid_type', `${field} must be a ${type}`));
}

/** Validates a CreateWorkspaceRequest; returns `{ name, description?, cicdEnforcedDefault }` or throws a 400. */
export function validateCreateWorkspace(body) {
  const errors = [];
  checkName(body, errors);
  checkTyped(body, errors, 'description', 'string', false);
  checkTyped(body, errors, 'cicdEnforcedDefault', 'boolean', false);
  if (errors.length) throw validationError(errors);
  const value = { name: body.name, cicdEnforcedDefault: body.cicdEnforcedDefault ?? false };
  if ('description' in body) value.description = body.description;
  return value;
}

/** Validates an UpdateWorkspaceRequest (all three fields required); returns them or throws a 400. */
export function validateUpdateWorkspace(body) {
  const errors = [];
  checkName(body, errors);
  checkTyped(body, errors, 'description', 'string', true);
  checkTyped(body, errors, 'cicdEnforcedDefault', 'boolean', true);
  if (errors.length) throw validationError(errors);
  return { name: body.name, description: body.description, cicdEnforcedDefault: body.cicdEnforcedDefault };
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
    const range = max === Number.MAX_SAFE_INTEGER ? `>= ${min}` : `between ${min} and ${max}`;
    errors.push(fieldError(field, 'out_of_range', `${field} must be ${range}`));
    return fallback;
  }
  return n;
}

/** Parses List Workspaces' query (`workspaceIds`, `names`, `sorts`, `offset`, `limit`) or throws a 400. */
export function parseListQuery(params) {
  const errors = [];
  const offset = parseInteger(params, errors, 'offset', 0, 0, Number.MAX_SAFE_INTEGER);
  const limit = parseInteger(params, errors, 'limit', LIMIT_DEFAULT, 1, LIMIT_MAX);
  const sorts = params.getAll('sorts');
  for (const sort of sorts) {
    if (!SORTS.includes(sort)) {
      errors.push(fieldError('sorts', 'invalid_value', `sorts must each be one of ${SORTS.join(', ')} (got ${JSON.stringify(sort)})`));
    }
  }
  if (errors.length) throw validationError(errors);
  return { workspaceIds: params.getAll('workspaceIds'), names: params.getAll('names'), sorts, offset, limit };
}
