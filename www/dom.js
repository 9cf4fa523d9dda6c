// Small DOM helpers shared by the demo page's modules: element lookup, element building,
// loading states on buttons that keep the keyboard focus, and code point counting.

/** Returns the element with this `data-testid` inside `root`, or throws if the page lacks it. */
export function byTestId(testId, root = document) {
  const found = root.querySelector(`[data-testid="${testId}"]`);
  if (!found) throw new Error(`demo page: no element with data-testid="${testId}"`);
  return found;
}

/**
 * Creates an element with attributes (`text` sets textContent, `className` the class) and
 * children. There is no way to set a `style` attribute: the page's CSP forbids inline styles.
 */
export function h(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'style') throw new Error('demo page: no inline styles (the CSP forbids them)');
    if (key === 'text') node.textContent = value;
    else if (key === 'className') node.className = value;
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child !== undefined && child !== null && child !== false) node.append(child);
  }
  return node;
}

/** True when nothing useful has the focus (it fell to `<body>`, or left the document). */
export function focusIsLost() {
  const active = document.activeElement;
  return !active || active === document.body || active === document.documentElement || !active.isConnected;
}

/**
 * Focuses the first of `candidates` (elements, or functions returning one) that is connected,
 * enabled and visible. Returns the element focused, or null.
 */
export function focusFirst(...candidates) {
  for (const candidate of candidates) {
    const el = typeof candidate === 'function' ? candidate() : candidate;
    if (!el || !el.isConnected || el.disabled || el.closest('[hidden], [inert], fieldset:disabled')) continue;
    if (el.getClientRects().length === 0) continue;
    el.focus();
    if (document.activeElement === el) return el;
  }
  return null;
}

/**
 * Runs `task` while `button` shows a loading state (disabled, `aria-busy`, `busyLabel`),
 * then restores the button's label and enabled state, whatever the outcome. A disabled button
 * drops the keyboard focus; if it had it, the focus comes back to it afterwards (or, when it
 * is no longer usable, to the first usable of `fallbacks`).
 */
export async function withBusy(button, busyLabel, task, fallbacks = []) {
  const label = button.textContent;
  const wasDisabled = button.disabled;
  const hadFocus = document.activeElement === button;
  button.disabled = true;
  button.setAttribute('aria-busy', 'true');
  button.textContent = busyLabel;
  try {
    return await task();
  } finally {
    button.textContent = label;
    button.removeAttribute('aria-busy');
    button.disabled = wasDisabled;
    if (hadFocus && focusIsLost()) focusFirst(button, ...fallbacks);
  }
}

/** Counts characters as the package does: Unicode code points, not UTF-16 units. */
export function codePointLength(text) {
  return [...text].length;
}

/** Returns a masked form of a secret that never shows more than its last 4 characters. */
export function maskSecret(secret) {
  if (!secret) return '';
  const tail = secret.length >= 12 ? secret.slice(-4) : '';
  return `${'•'.repeat(8)}${tail}`;
}
