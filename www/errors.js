// The error banner (class, status, message, request ID) and the notice line for successes.
import { h } from './dom.js';

/**
 * Shows `err` in the banner region `region`: its class (`err.name`), HTTP status, message,
 * request ID, and the field errors no form field could show (`unplaced`).
 * `action` says what the page was doing, e.g. "Creating the workspace".
 */
export function showErrorBanner(region, err, { action, unplaced = [] } = {}) {
  const name = err?.name || 'Error';
  const message = err?.message || String(err);
  const status = typeof err?.status === 'number' ? err.status : undefined;
  const requestId = err?.requestId;

  const title = h('p', { className: 'banner-title' },
    h('strong', { 'data-testid': 'error-class', text: name }),
    status !== undefined ? h('span', { className: 'badge', 'data-testid': 'error-status', text: `HTTP ${status}` }) : null,
    action ? h('span', { className: 'banner-action', text: action }) : null);
  const details = [h('p', { 'data-testid': 'error-message', className: 'banner-message', text: message })];
  if (requestId) {
    details.push(h('p', { className: 'banner-request-id' }, 'Request ID: ',
      h('code', { 'data-testid': 'error-request-id', text: requestId })));
  }
  if (unplaced.length) {
    details.push(h('ul', { 'data-testid': 'error-field-errors', className: 'banner-fields' },
      unplaced.map((fe) => h('li', {}, h('code', { text: fe.field }), ` ${fe.message}`))));
  }
  const dismiss = h('button', {
    type: 'button', className: 'banner-dismiss', 'data-testid': 'error-dismiss', 'aria-label': 'Dismiss the error',
  }, '×');
  const banner = h('div', { className: 'banner banner-error', 'data-testid': 'error-banner' },
    h('div', { className: 'banner-body' }, title, details), dismiss);
  dismiss.addEventListener('click', () => clearBanner(region));
  region.replaceChildren(banner);
}

/** Removes any banner from `region`. */
export function clearBanner(region) {
  region.replaceChildren();
}

/** Shows a short success message in the polite live region `region`; it goes away after a while. */
export function showNotice(region, text) {
  region.replaceChildren(h('p', { className: 'notice', 'data-testid': 'notice', text }));
  clearTimeout(region.noticeTimer);
  region.noticeTimer = setTimeout(() => region.replaceChildren(), 8000);
}

/** Returns the server-side field errors an error carries (an empty list when it has none). */
export function fieldErrorsOf(err) {
  return Array.isArray(err?.fieldErrors) ? err.fieldErrors : [];
}
