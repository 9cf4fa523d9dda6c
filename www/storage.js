// What the page remembers for this tab, in sessionStorage only (never localStorage): the
// connection's values once they have worked, and whether the user disconnected on purpose.

/** sessionStorage keys (per tab, cleared when the tab closes). */
export const KEYS = {
  baseUrl: 'astro-demo.baseUrl',
  token: 'astro-demo.token',
  organizationId: 'astro-demo.organizationId',
  disconnected: 'astro-demo.disconnected',
};

/** Reads a sessionStorage key, tolerating browsers where storage is off. */
export function stored(key) {
  try {
    return sessionStorage.getItem(key);
  } catch {
    return null;
  }
}

/** Writes (or, for an empty value, removes) a sessionStorage key; never localStorage. */
export function store(key, value) {
  try {
    if (value) sessionStorage.setItem(key, value);
    else sessionStorage.removeItem(key);
  } catch {
    // storage disabled: the values stay in the form only
  }
}

/** Saves connection values that have just worked, and forgets any earlier "disconnected". */
export function saveConnection({ baseUrl, token, organizationId }) {
  store(KEYS.baseUrl, baseUrl);
  store(KEYS.token, token);
  store(KEYS.organizationId, organizationId);
  store(KEYS.disconnected, '');
}

/** Forgets the token and remembers that the user disconnected (no reconnecting by itself). */
export function forgetToken() {
  store(KEYS.token, '');
  store(KEYS.disconnected, '1');
}

/** True when the user disconnected in this tab and has not connected since. */
export function userDisconnected() {
  return stored(KEYS.disconnected) === '1';
}
