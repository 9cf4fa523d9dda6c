// Small DOM helpers shared by the demo page's modules: element lookup, element building,
// loading states on buttons, and display formatting.

/** Returns the element with this `data-testid` inside `root`, or throws if the page lacks it. */
export function byTestId(testId, root = document) {
  const found = root.querySelector(`[data-testid="${testId}"]`);
  if (!found) throw new Error(`demo page: no element with data-testid="${testId}"`);
  return found;
}

/** Creates an element with attributes (`text` sets textContent) and children. */
export function h(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'text') node.textContent = value;
    else if (key === 'className') node.className = value;
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child !== undefined && child !== null && child !== false) node.append(child);
  }
  return node;
}

/**
 * Runs `task` while `button` shows a loading state (disabled, `aria-busy`, `busyLabel`),
 * then restores the button's label and enabled state, whatever the outcome.
 */
export async function withBusy(button, busyLabel, task) {
  const label = button.textContent;
  const wasDisabled = button.disabled;
  button.disabled = true;
  button.setAttribute('aria-busy', 'true');
  button.textContent = busyLabel;
  try {
    return await task();
  } finally {
    button.textContent = label;
    button.removeAttribute('aria-busy');
    button.disabled = wasDisabled;
  }
}

/** Counts characters as the package does: Unicode code points, not UTF-16 units. */
export function codePointLength(text) {
  return [...text].length;
}

/**
 * Formats an RFC 3339 date-time (`2024-04-05T21:41:04.673Z`, `...+05:30`) as
 * `YYYY-MM-DD HH:MM UTC` (or the offset it carries); anything else is shown as is.
 */
export function formatTimestamp(value) {
  const m = /^(\d{4}-\d{2}-\d{2})[Tt](\d{2}:\d{2}):\d{2}(?:\.\d+)?(?:[Zz]|([+-]\d{2}:\d{2}))$/.exec(value ?? '');
  if (!m) return String(value ?? '');
  const zone = !m[3] || m[3] === '+00:00' || m[3] === '-00:00' ? 'UTC' : `UTC${m[3]}`;
  return `${m[1]} ${m[2]} ${zone}`;
}

/** Describes a Workspace's default for new Deployments in one line (`GCP · us-east4`), or `—`. */
export function formatDeploymentDefault(ws) {
  if (ws.defaultClusterId !== undefined) return `Cluster ${ws.defaultClusterId}`;
  const parts = [ws.defaultCloudProvider, ws.defaultRegion].filter((part) => part !== undefined);
  return parts.length ? parts.join(' · ') : '—';
}

/** Describes a BasicSubjectProfile in one line (name or token name, and its type). */
export function formatSubject(subject) {
  if (!subject) return '—';
  const who = subject.fullName || subject.username || subject.apiTokenName || subject.id;
  return subject.subjectType ? `${who} (${subject.subjectType})` : who;
}

/** Returns a masked form of a secret that never shows more than its last 4 characters. */
export function maskSecret(secret) {
  if (!secret) return '';
  const tail = secret.length >= 12 ? secret.slice(-4) : '';
  return `${'•'.repeat(8)}${tail}`;
}
