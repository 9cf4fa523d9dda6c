// The connection panel: API base URL, token and organization ID. The token lives in this
// tab's sessionStorage at most (never localStorage) and is only ever shown masked.
import { AstroClient, validateListWorkspaces } from '/pkg/index.js';
import { byTestId, maskSecret, withBusy } from './dom.js';
import { fieldErrorsOf } from './errors.js';
import { setFieldMessage } from './forms.js';

/** sessionStorage keys (per tab, cleared when the tab closes). */
const KEYS = { baseUrl: 'astro-demo.baseUrl', token: 'astro-demo.token', organizationId: 'astro-demo.organizationId' };
/** Where the simulator publishes its demo token and organization (absent on other servers). */
const DEMO_CONFIG_URL = '/demo-config.json';
/** The API path (v1) used when the server publishes no demo config saying otherwise. */
const DEFAULT_API_PATH = '/v1';

/** Fetches the simulator's demo values, or resolves null when this server has none. */
export async function loadDemoConfig() {
  try {
    const res = await fetch(DEMO_CONFIG_URL, { cache: 'no-store', signal: AbortSignal.timeout(5000) });
    if (!res.ok) return null;
    const config = await res.json();
    if (typeof config?.token !== 'string' || typeof config?.organizationId !== 'string') return null;
    return config;
  } catch {
    return null;
  }
}

/** Reads a sessionStorage key, tolerating browsers where storage is off. */
function stored(key) {
  try {
    return sessionStorage.getItem(key);
  } catch {
    return null;
  }
}

/** Writes (or, for an empty value, removes) a sessionStorage key; never localStorage. */
function store(key, value) {
  try {
    if (value) sessionStorage.setItem(key, value);
    else sessionStorage.removeItem(key);
  } catch {
    // storage disabled: the values stay in the form only
  }
}

/**
 * Wires the connection panel. `onConnect({ client, organizationId, baseUrl })` runs on each
 * Connect (its promise keeps the button busy); returns `{ connect(), setStatus(text, ok) }`.
 */
export function setupConnection({ demo, onConnect }) {
  const form = byTestId('connection-form');
  const inputs = { baseUrl: byTestId('conn-base-url'), token: byTestId('conn-token'), organizationId: byTestId('conn-org') };
  const hint = byTestId('conn-token-hint');
  const status = byTestId('conn-status');
  const button = byTestId('conn-submit');
  const demoButton = byTestId('conn-use-demo');
  const slot = (field) => form.querySelector(`[data-error-for="${field}"]`);

  const demoValues = {
    baseUrl: `${location.origin}${demo?.apiBasePath ?? DEFAULT_API_PATH}`,
    token: demo?.token ?? '',
    organizationId: demo?.organizationId ?? '',
  };
  for (const [field, input] of Object.entries(inputs)) input.value = stored(KEYS[field]) ?? demoValues[field];
  demoButton.hidden = !demo;

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

  /** Checks the values with the package, makes a client, saves the values for this tab. */
  function makeConnection() {
    const baseUrl = inputs.baseUrl.value.trim();
    const token = inputs.token.value.trim();
    const organizationId = inputs.organizationId.value.trim();
    const errors = validateListWorkspaces(organizationId, {}).filter((fe) => fe.field === 'organizationId');
    let client = null;
    try {
      client = new AstroClient({ token, baseUrl });
    } catch (err) {
      errors.unshift(...fieldErrorsOf(err));
      if (!fieldErrorsOf(err).length) throw err;
    }
    placeErrors(errors);
    if (errors.length) {
      form.querySelector('[aria-invalid="true"]')?.focus();
      return null;
    }
    store(KEYS.baseUrl, baseUrl);
    store(KEYS.token, token);
    store(KEYS.organizationId, organizationId);
    return { client, organizationId, baseUrl };
  }

  function setStatus(text, ok) {
    status.textContent = text;
    status.classList.toggle('ok', ok === true);
    status.classList.toggle('bad', ok === false);
  }

  async function connect() {
    const connection = makeConnection();
    if (!connection) {
      setStatus('Not connected: fix the fields above.', false);
      return;
    }
    await withBusy(button, 'Connecting…', () => onConnect(connection));
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
  byTestId('conn-forget').addEventListener('click', () => {
    store(KEYS.token, '');
    inputs.token.value = '';
    showHint();
    inputs.token.focus();
    setStatus('Token forgotten. Paste a token and connect.', false);
  });

  return { connect, setStatus, placeErrors };
}
