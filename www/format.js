// How the demo page shows values: names (a blank one visibly), long descriptions, short IDs,
// subjects, RFC 3339 times (exact in UTC and relative to now), deployment defaults, API labels.

/** The most code points of a description the table shows; the details view shows all. */
export const DESCRIPTION_PREVIEW = 140;
/** What a name made only of whitespace (or empty) is shown as. */
export const BLANK_NAME = '(blank name)';

const RFC3339 = /^(\d{4}-\d{2}-\d{2})[Tt](\d{2}:\d{2}:\d{2})(?:\.\d+)?(?:[Zz]|([+-]\d{2}:\d{2}))$/;

/** True when a name shows nothing: empty, or only whitespace. */
export function isBlankName(name) {
  return !name || name.trim() === '';
}

/** A workspace name for display: the name itself, or `(blank name)` when it shows nothing. */
export function displayName(name) {
  return isBlankName(name) ? BLANK_NAME : name;
}

/** The first `max` code points of `text` followed by `…`, or `text` itself when it is short enough. */
export function truncate(text, max = DESCRIPTION_PREVIEW) {
  const points = [...(text ?? '')];
  if (points.length <= max) return text ?? '';
  return `${points.slice(0, max).join('').trimEnd()}…`;
}

/** The last 8 characters of an ID (the random part of a CUID) after `…`, for a narrow column. */
export function shortId(id) {
  return id && id.length > 10 ? `…${id.slice(-8)}` : (id ?? '');
}

/** Parses an RFC 3339 date-time into a Date, or null when it is not one. */
export function parseTimestamp(value) {
  if (!RFC3339.test(value ?? '')) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** An RFC 3339 date-time as the exact instant in UTC, `2024-04-05 21:41:04 UTC`; anything else as is. */
export function formatExactUtc(value) {
  const date = parseTimestamp(value);
  if (!date) return String(value ?? '');
  return `${date.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/**
 * An RFC 3339 date-time as `YYYY-MM-DD HH:MM UTC` (or with the offset it carries); anything
 * else is shown as is.
 */
export function formatTimestamp(value) {
  const m = RFC3339.exec(value ?? '');
  if (!m) return String(value ?? '');
  const zone = !m[3] || m[3] === '+00:00' || m[3] === '-00:00' ? 'UTC' : `UTC${m[3]}`;
  return `${m[1]} ${m[2].slice(0, 5)} ${zone}`;
}

const RELATIVE = new Intl.RelativeTimeFormat('en', { numeric: 'auto', style: 'short' });
const UNITS = [['year', 31_536_000], ['month', 2_592_000], ['week', 604_800], ['day', 86_400], ['hour', 3600], ['minute', 60]];

/** An RFC 3339 date-time relative to `now`, short: `just now`, `5 min. ago`, `yesterday`, `in 2 hr.`. */
export function formatRelative(value, now = Date.now()) {
  const date = parseTimestamp(value);
  if (!date) return String(value ?? '');
  const seconds = Math.round((date.getTime() - now) / 1000);
  if (Math.abs(seconds) < 45) return 'just now';
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size * 0.95) return RELATIVE.format(Math.round(seconds / size), unit);
  }
  return RELATIVE.format(Math.round(seconds / 60), 'minute');
}

/** Describes a Workspace's default for new Deployments in one line (`GCP · us-east4`), or `—`. */
export function formatDeploymentDefault(ws) {
  if (ws.defaultClusterId !== undefined) return `Cluster ${ws.defaultClusterId}`;
  const parts = [ws.defaultCloudProvider, ws.defaultRegion].filter((part) => part !== undefined);
  return parts.length ? parts.join(' · ') : '—';
}

/** Who a BasicSubjectProfile is, in a few words: the API token's name, else the user's name. */
export function subjectName(subject) {
  if (!subject) return '—';
  return subject.apiTokenName || subject.fullName || subject.username || subject.id || '—';
}

/** Describes a BasicSubjectProfile in one line (name or token name, and its type). */
export function formatSubject(subject) {
  if (!subject) return '—';
  const who = subject.fullName || subject.username || subject.apiTokenName || subject.id;
  return subject.subjectType ? `${who} (${subject.subjectType})` : who;
}

/**
 * A short label for an API base URL: its version (the last path segment, `v1`, `v1beta1`) and,
 * when it is not this page's own server, its host.
 */
export function apiLabel(baseUrl, origin = location.origin) {
  try {
    const url = new URL(baseUrl);
    const version = url.pathname.split('/').filter(Boolean).pop() ?? '';
    const label = `API ${version || url.pathname}`;
    return url.origin === origin ? label : `${label} · ${url.host}`;
  } catch {
    return 'API';
  }
}
