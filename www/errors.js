// Errors next to what failed (the connection panel, the create form, the table, a dialog),
// each also announced in one live region; and the notice line for successes.
import { focusFirst, focusIsLost, h } from './dom.js';

/** Returns the server-side field errors an error carries (an empty list when it has none). */
export function fieldErrorsOf(err) {
  return Array.isArray(err?.fieldErrors) ? err.fieldErrors : [];
}

/** One line for a screen reader: what failed, the error's class, status and message. */
export function describeError(err, action) {
  const status = typeof err?.status === 'number' ? ` (HTTP ${err.status})` : '';
  const message = err?.message || String(err);
  return `${action ? `${action} failed: ` : ''}${err?.name || 'Error'}${status}: ${message}`;
}

/**
 * Builds the error banner for `err`: its class (`err.name`), HTTP status, message, request ID,
 * and the field errors no form field could show (`unplaced`). `action` says what the page was
 * doing, e.g. "Creating the workspace"; `onDismiss` runs when its × is pressed.
 */
export function errorBanner(err, { action, unplaced = [], onDismiss }) {
  const status = typeof err?.status === 'number' ? err.status : undefined;
  const title = h('p', { className: 'banner-title' },
    h('strong', { 'data-testid': 'error-class', text: err?.name || 'Error' }),
    status !== undefined ? h('span', { className: 'badge', 'data-testid': 'error-status', text: `HTTP ${status}` }) : null,
    action ? h('span', { className: 'banner-action', 'data-testid': 'error-action', text: action }) : null);
  const details = [h('p', { 'data-testid': 'error-message', className: 'banner-message', text: err?.message || String(err) })];
  if (err?.requestId) {
    details.push(h('p', { className: 'banner-request-id' }, 'Request ID: ',
      h('code', { 'data-testid': 'error-request-id', text: err.requestId })));
  }
  if (unplaced.length) {
    details.push(h('ul', { 'data-testid': 'error-field-errors', className: 'banner-fields' },
      unplaced.map((fe) => h('li', {}, h('code', { text: fe.field }), ` ${fe.message}`))));
  }
  const dismiss = h('button', {
    type: 'button', className: 'banner-dismiss', 'data-testid': 'error-dismiss', 'aria-label': 'Dismiss the error',
  }, '×');
  dismiss.addEventListener('click', onDismiss);
  return h('div', { className: 'banner banner-error', 'data-testid': 'error-banner' },
    h('div', { className: 'banner-body' }, title, details), dismiss);
}

/** The page's live region for errors (`role="alert"`); it says which area the error is shown in. */
export function createAnnouncer(region) {
  let owner = null;
  return {
    /** Announces `text` on behalf of `who` (replacing whatever was announced). */
    say(who, text) {
      owner = who;
      region.replaceChildren(h('p', { 'data-testid': 'announcement', text }));
    },
    /** Empties the region if `who` made its last announcement. */
    clear(who) {
      if (owner !== who) return;
      owner = null;
      region.replaceChildren();
    },
  };
}

/**
 * An error area: `region` shows the banner next to what failed; `announcer` (optional; a
 * dialog's region is live itself) reads it out; `home()` is where the focus goes when the
 * banner is dismissed. `place` says where the area is, for the announcement (`in the table`).
 * Returns `{ show(err, { action, unplaced }), clear(), isShowing() }`.
 */
export function createErrorArea(region, { announcer = null, place = '', home = () => null } = {}) {
  const area = {
    show(err, { action, unplaced = [] } = {}) {
      region.replaceChildren(errorBanner(err, {
        action,
        unplaced,
        onDismiss() {
          area.clear();
          if (focusIsLost()) focusFirst(home);
        },
      }));
      announcer?.say(area, `${describeError(err, action)}${place ? ` (shown ${place})` : ''}`);
    },
    clear() {
      region.replaceChildren();
      announcer?.clear(area);
    },
    isShowing: () => region.childElementCount > 0,
  };
  return area;
}

/** Shows a short success message in the polite live region `region`; it goes away after a while. */
export function showNotice(region, text) {
  region.replaceChildren(h('p', { className: 'notice', 'data-testid': 'notice', text }));
  clearTimeout(region.noticeTimer);
  region.noticeTimer = setTimeout(() => region.replaceChildren(), 8000);
}
