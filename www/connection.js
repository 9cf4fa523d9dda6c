// The connection panel: API base URL, token and organization ID. Connecting makes one cheap
// call (a count of the organization's workspaces) and only then saves the values for this tab
// and arms the page; once connected the panel folds to one line. The token lives in this tab's
// sessionStorage at most (never localStorage) and is only ever shown masked.
import { AstroClient, validateListWorkspaces } from '/pkg/index.js';
import { byTestId, focusFirst, h, maskSecret, withBusy } from './dom.js';
import { createErrorArea, fieldErrorsOf } from './errors.js';
import { setFieldMessage } from './forms.js';
import { apiLabel } from './format.js';
import { healthOf } from './health.js';
import { KEYS, forgetToken, saveConnection, stored, userDisconnected } from './storage.js';

/** Where the simulator publishes its demo token and organization (absent on other servers). */
const DEMO_CONFIG_URL = '/demo-config.json';
/** The API path (v1) used when the server publishes no demo config saying otherwise. */
const DEFAULT_API_PATH = '/v1';
/** How long the connection check may take before the page gives up. */
const CHECK_TIMEOUT_MS = 15_000;

/** Fetches the simulator's demo config (any JSON object), or resolves null when this server has none. */
export async function loadDemoConfig() {
  try {
    const res = await fetch(DEMO_CONFIG_URL, { cache: 'no-store', signal: AbortSignal.timeout(5000) });
    if (!res.ok) return null;
    const config = await res.json();
    return config && typeof config === 'object' && !Array.isArray(config) ? config : null;
  } catch {
    return null;
  }
}

/**
 * Wires the connection panel.
 * - `onDropped()` runs whenever the page must hold no connection (a new attempt, a failed
 *   one, "Forget token"): the page disables everything that needs one;
 * - `onConnected({ client, organizationId, baseUrl })` runs once the check call succeeded and
 *   the values are saved (its promise keeps the Connect button busy);
 * - `announcer` reads errors out.
 * Returns `{ connect(), autoConnect(), report(err), placeErrors(fieldErrors), setOrganizationName(name) }`.
 */
export function setupConnection({ demo, announcer, onDropped, onConnected }) {
  const panel = byTestId('connection-panel');
  const form = byTestId('connection-form');
  const inputs = { baseUrl: byTestId('conn-base-url'), token: byTestId('conn-token'), organizationId: byTestId('conn-org') };
  const hint = byTestId('conn-token-hint');
  const status = byTestId('conn-status');
  const button = byTestId('conn-submit');
  const demoButton = byTestId('conn-use-demo');
  const cancelButton = byTestId('conn-cancel');
  const changeButton = byTestId('conn-change');
  const summary = {
    state: byTestId('conn-summary-state'), org: byTestId('conn-summary-org'),
    token: byTestId('conn-summary-token'), api: byTestId('conn-summary-api'),
  };
  const errors = createErrorArea(byTestId('conn-error'), { announcer, place: 'in the connection panel', home: () => button });
  const slot = (field) => form.querySelector(`[data-error-for="${field}"]`);
  /** The connection in use (null when none), and the organization's name once known. */
  let active = null;
  let organizationName = '';
  /** Counts connection attempts: an answer to an older one (say, before "Forget token") is ignored. */
  let attempt = 0;

  const demoValues = {
    baseUrl: `${location.origin}${typeof demo?.apiBasePath === 'string' ? demo.apiBasePath : DEFAULT_API_PATH}`,
    token: typeof demo?.token === 'string' ? demo.token : '',
    organizationId: typeof demo?.organizationId === 'string' ? demo.organizationId : '',
  };
  inputs.baseUrl.value = stored(KEYS.baseUrl) ?? demoValues.baseUrl;
  inputs.organizationId.value = stored(KEYS.organizationId) ?? demoValues.organizationId;
  // After "Forget token" the demo token is not filled in again: the user has to choose to connect.
  inputs.token.value = stored(KEYS.token) ?? (userDisconnected() ? '' : demoValues.token);
  demoButton.hidden = !demoValues.token;
  // Opened from another machine (the simulator listens on a network address), the page cannot
  // send the token over http: the simulator says why, and the page shows it.
  const remote = byTestId('conn-remote');
  remote.hidden = typeof demo?.cannotConnect !== 'string';
  if (!remote.hidden) byTestId('conn-remote-text').textContent = demo.cannotConnect;

  const showHint = () => {
    const token = inputs.token.value;
    hint.textContent = token
      ? `Token ${maskSecret(token)}, kept in this tab's sessionStorage only.`
      : 'Paste an Astro API token. It is kept in this tab\'s sessionStorage only.';
  };
  showHint();
  inputs.token.addEventListener('input', showHint);
  form.addEventListener('input', (event) => {
    const field = Object.keys(inputs).find((key) => inputs[key] === event.target);
    if (field) setFieldMessage(inputs[field], slot(field), []);
  });

  /** Places field errors on the panel's inputs; returns those that belong elsewhere. */
  function placeErrors(fieldErrors) {
    const unplaced = [];
    const messages = new Map();
    for (const fe of fieldErrors) {
      if (fe.field in inputs) messages.set(fe.field, [...(messages.get(fe.field) ?? []), fe.message]);
      else unplaced.push(fe);
    }
    for (const field of Object.keys(inputs)) setFieldMessage(inputs[field], slot(field), messages.get(field) ?? []);
    return unplaced;
  }

  /** Checks the values with the package and makes a client (nothing is sent or saved yet). */
  function makeCandidate() {
    const baseUrl = inputs.baseUrl.value.trim();
    const token = inputs.token.value.trim();
    const organizationId = inputs.organizationId.value.trim();
    const problems = validateListWorkspaces(organizationId, {}).filter((fe) => fe.field === 'organizationId');
    let client = null;
    try {
      client = new AstroClient({ token, baseUrl });
    } catch (err) {
      if (!fieldErrorsOf(err).length) throw err;
      problems.unshift(...fieldErrorsOf(err));
    }
    placeErrors(problems);
    if (problems.length) {
      form.querySelector('[aria-invalid="true"]')?.focus();
      return null;
    }
    return { client, organizationId, baseUrl, token };
  }

  /** Shows the connection's health in the status line and in the folded line. */
  function setStatus(text, tone, short = '') {
    status.textContent = text;
    status.dataset.tone = tone ?? '';
    summary.state.textContent = short;
    panel.dataset.tone = tone ?? '';
  }

  /** Folds the panel to one line (only while connected) or opens it. */
  function setFolded(folded) {
    panel.dataset.folded = String(folded && active !== null);
    changeButton.setAttribute('aria-expanded', String(!(folded && active !== null)));
    cancelButton.hidden = active === null;
  }

  function fillSummary() {
    summary.org.textContent = organizationName || `Organization ${active.organizationId}`;
    summary.org.title = active.organizationId;
    summary.token.replaceChildren(h('span', { className: 'conn-token-label', text: 'Token ' }), maskSecret(active.token).slice(4));
    summary.api.textContent = apiLabel(active.baseUrl);
    summary.api.title = active.baseUrl;
  }

  /** Drops any connection: nothing stays armed with values that are not checked. */
  function drop() {
    active = null;
    onDropped();
    setFolded(false);
  }

  async function connect() {
    const mine = ++attempt;
    drop();
    errors.clear();
    const candidate = makeCandidate();
    if (!candidate) {
      setStatus('Not connected: fix the fields above.', 'bad');
      return false;
    }
    setStatus(`Connecting to ${candidate.baseUrl}…`, '');
    try {
      // One cheap call (a count, no workspaces) proves the URL, the token and the organization.
      await withBusy(button, 'Connecting…', () => candidate.client.listWorkspaces(candidate.organizationId, { limit: 0 }, { timeoutMs: CHECK_TIMEOUT_MS }));
    } catch (err) {
      if (mine !== attempt) return false;
      const unplaced = placeErrors(fieldErrorsOf(err));
      errors.show(err, { action: 'Connecting', unplaced });
      const health = healthOf(err, candidate, false);
      setStatus(health.text, health.tone, health.short);
      return false;
    }
    if (mine !== attempt) return false; // the user moved on (e.g. forgot the token) while it was checked
    saveConnection(candidate);
    active = candidate;
    organizationName = candidate.organizationId === demoValues.organizationId && typeof demo?.organizationName === 'string'
      ? demo.organizationName : '';
    fillSummary();
    report(null);
    const hadFocus = panel.contains(document.activeElement); // a load-time connect leaves the focus alone
    setFolded(true);
    if (hadFocus) focusFirst(changeButton);
    await onConnected({ client: candidate.client, organizationId: candidate.organizationId, baseUrl: candidate.baseUrl });
    return true;
  }

  /** Updates the status after an API call through the connection: `err` null for a success. */
  function report(err) {
    if (!active) return;
    const health = healthOf(err, active, true);
    if (health) setStatus(health.text, health.tone, health.short);
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (button.getAttribute('aria-busy') !== 'true') connect();
  });
  demoButton.addEventListener('click', () => {
    for (const [field, input] of Object.entries(inputs)) input.value = demoValues[field];
    showHint();
    connect();
  });
  changeButton.addEventListener('click', () => {
    setFolded(false);
    inputs.baseUrl.focus();
  });
  cancelButton.addEventListener('click', () => {
    for (const field of ['baseUrl', 'token', 'organizationId']) inputs[field].value = active[field];
    placeErrors([]);
    showHint();
    setFolded(true);
    changeButton.focus();
  });
  byTestId('conn-forget').addEventListener('click', () => {
    attempt += 1;
    forgetToken();
    drop();
    errors.clear();
    inputs.token.value = '';
    showHint();
    inputs.token.focus();
    setStatus('Disconnected: the token is forgotten. Paste a token and connect.', 'bad', 'Disconnected');
  });

  return {
    connect,
    report,
    placeErrors,
    /** Connects by itself only with saved or demo values, and never after "Forget token". */
    autoConnect: () => (inputs.token.value && inputs.organizationId.value && !userDisconnected() ? connect() : false),
    /** Names the organization in the folded line once a workspace has told its name. */
    setOrganizationName(name) {
      if (!active || !name || name === organizationName) return;
      organizationName = name;
      fillSummary();
    },
  };
}
