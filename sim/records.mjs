/** Validation of the Workspace records a data file holds, by the API's rules, so a bad file is refused at start. */
import { ApiError } from './http.mjs';
import { DataFileError } from './persist.mjs';
import { isCuid } from './util.mjs';
import { BODY_FIELDS, validateCreateWorkspace } from './validate.mjs';

/** RFC 3339 date-time: date, `T`, time, optional fraction, `Z` or a numeric offset. */
const RFC3339_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;
/** Subject types of a BasicSubjectProfile. */
const SUBJECT_TYPES = ['USER', 'SERVICEKEY'];

/** Returns the problems of a stored BasicSubjectProfile (absent is fine), as `field code (message)` strings. */
function subjectProblems(value, field) {
  if (value === undefined) return [];
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [`${field} invalid_type (must be an object)`];
  const out = [];
  if (typeof value.id !== 'string' || value.id === '') out.push(`${field}.id required (must be a non-empty string)`);
  if (!SUBJECT_TYPES.includes(value.subjectType)) out.push(`${field}.subjectType invalid_value (must be USER or SERVICEKEY)`);
  for (const key of ['username', 'fullName', 'avatarUrl', 'apiTokenName']) {
    if (key in value && typeof value[key] !== 'string') out.push(`${field}.${key} invalid_type (must be a string)`);
  }
  return out;
}

/** Returns the problems of a stored timestamp (required, RFC 3339). */
function timeProblems(value, field) {
  if (value === undefined) return [`${field} required (must be an RFC 3339 date-time)`];
  if (typeof value !== 'string' || !RFC3339_RE.test(value) || Number.isNaN(Date.parse(value))) {
    return [`${field} invalid_format (must be an RFC 3339 date-time such as 2024-04-05T21:41:04.673Z)`];
  }
  return [];
}

/**
 * Returns the problems of one stored record, each `field code (message)`: `id` a CUID, `organizationId` one of
 * `organizationIds`, the body fields by the v1 create rules (a stored field is absent or of its type, never null),
 * `cicdEnforcedDefault` present, timestamps RFC 3339, subjects well-shaped.
 */
export function recordProblems(record, organizationIds) {
  if (record === null || typeof record !== 'object' || Array.isArray(record)) return ['(entry) invalid_type (must be an object)'];
  const out = [];
  if (!isCuid(record.id)) out.push('id invalid_format (must be "c" followed by 24 lowercase letters or digits)');
  if (!isCuid(record.organizationId)) out.push('organizationId invalid_format (must be "c" followed by 24 lowercase letters or digits)');
  else if (!organizationIds.has(record.organizationId)) out.push('organizationId invalid_value (not a known organization)');
  const fields = {};
  for (const field of BODY_FIELDS.v1) {
    if (record[field] === null) out.push(`${field} invalid_type (must be absent or a value, not null)`);
    else if (field in record) fields[field] = record[field];
  }
  if (!('cicdEnforcedDefault' in record)) out.push('cicdEnforcedDefault required (must be a boolean)');
  try {
    validateCreateWorkspace(fields, 'v1');
  } catch (err) {
    if (!(err instanceof ApiError) || !err.fieldErrors) throw err;
    for (const e of err.fieldErrors) out.push(`${e.field} ${e.code} (${e.message})`);
  }
  out.push(...timeProblems(record.createdAt, 'createdAt'), ...timeProblems(record.updatedAt, 'updatedAt'));
  out.push(...subjectProblems(record.createdBy, 'createdBy'), ...subjectProblems(record.updatedBy, 'updatedBy'));
  return out;
}

/**
 * Checks every record of a data file; throws an Error naming the file, the first bad entry's index and its fields
 * (`workspaces[2].name too_long (...)`), or the second entry with an ID already used.
 */
export function checkRecords(file, records, organizationIds) {
  const seen = new Map();
  records.forEach((record, i) => {
    const problems = recordProblems(record, organizationIds);
    if (problems.length) {
      const listed = problems.map((p) => `workspaces[${i}].${p}`.replace('.(entry)', ''));
      throw new DataFileError(`data file ${file}: ${listed.join('; ')}; refusing to start (fix or remove the entry)`);
    }
    if (seen.has(record.id)) {
      throw new DataFileError(`data file ${file}: workspaces[${i}].id duplicate (same as workspaces[${seen.get(record.id)}]); refusing to start`);
    }
    seen.set(record.id, i);
  });
}
