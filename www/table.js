// The workspace table's rows: name with a short description, a short ID with a copy button,
// who created it, relative times with the exact UTC time on hover, the CI/CD default, the
// default for new Deployments, and the row's View, Edit and Delete buttons.
import { h } from './dom.js';
import {
  displayName, formatDeploymentDefault, formatExactUtc, formatRelative, isBlankName, shortId, subjectName, truncate,
} from './format.js';

/** The number of columns, for a row that spans them all. */
export const COLUMN_COUNT = 8;

/** A `<time>` showing how long ago `value` was, with the exact UTC time as its tooltip. */
function relativeTime(value, now) {
  return h('time', { datetime: value, title: formatExactUtc(value), 'data-relative': true, text: formatRelative(value, now) });
}

/** Brings every relative time under `root` up to date (they are drawn once per load). */
export function refreshRelativeTimes(root, now = Date.now()) {
  for (const time of root.querySelectorAll('time[data-relative]')) {
    time.textContent = formatRelative(time.getAttribute('datetime'), now);
  }
}

/**
 * Copies `text` to the clipboard: the Clipboard API where the page may use it (a secure
 * context), else a selected, off-screen textarea. Resolves true when it worked.
 */
export async function copyText(text) {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // fall through to the older way
  }
  const active = document.activeElement;
  const area = h('textarea', { className: 'offscreen', readonly: true, 'aria-hidden': 'true', tabindex: '-1' });
  area.value = text;
  document.body.append(area);
  area.select();
  let ok = false;
  try {
    ok = document.execCommand('copy');
  } catch {
    ok = false;
  }
  area.remove();
  active?.focus?.();
  return ok;
}

/**
 * One table row. `onAction(kind, ws, button)` handles 'view' | 'edit' | 'delete';
 * `onCopy(ws, button)` copies the ID. Cells carry `data-label` for the phone layout.
 */
export function renderRow(ws, { onAction, onCopy, now = Date.now() }) {
  const name = displayName(ws.name);
  const action = (kind, label) => {
    const button = h('button', {
      type: 'button', className: `small ${kind === 'delete' ? 'danger' : 'secondary'}`,
      'data-testid': `row-${kind}`, 'aria-label': `${label} ${name}`,
    }, label);
    button.addEventListener('click', () => onAction(kind, ws, button));
    return button;
  };
  const copy = h('button', {
    type: 'button', className: 'small secondary copy', 'data-testid': 'row-copy-id', 'aria-label': `Copy the ID of ${name}`,
  }, 'Copy');
  copy.addEventListener('click', () => onCopy(ws, copy));
  const description = ws.description ? truncate(ws.description) : '';
  return h('tr', { 'data-testid': 'workspace-row', 'data-workspace-id': ws.id, tabindex: '-1' },
    h('td', { 'data-label': 'Name', className: 'cell-name' },
      h('span', { 'data-testid': 'row-name', className: isBlankName(ws.name) ? 'name blank' : 'name', text: name }),
      description ? h('span', { className: 'cell-sub', 'data-testid': 'row-description', text: description }) : null),
    h('td', { 'data-label': 'ID', className: 'cell-id' },
      h('code', { 'data-testid': 'row-id', title: ws.id, text: shortId(ws.id) }), copy),
    h('td', { 'data-label': 'Created by', 'data-testid': 'row-created-by', className: 'cell-by', title: subjectName(ws.createdBy), text: subjectName(ws.createdBy) }),
    h('td', { 'data-label': 'Created', 'data-testid': 'row-created' }, relativeTime(ws.createdAt, now)),
    h('td', { 'data-label': 'Updated', 'data-testid': 'row-updated' }, relativeTime(ws.updatedAt, now)),
    h('td', { 'data-label': 'CI/CD', 'data-testid': 'row-cicd', className: 'cell-nowrap', text: ws.cicdEnforcedDefault ? 'Enforced' : 'Not enforced' }),
    h('td', { 'data-label': 'New Deployments', 'data-testid': 'row-defaults', className: 'cell-defaults', text: formatDeploymentDefault(ws) }),
    h('td', { className: 'cell-actions' }, action('view', 'View'), action('edit', 'Edit'), action('delete', 'Delete')));
}
