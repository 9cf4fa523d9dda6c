// What the connection status says after an API call: connected, connection lost, token
// refused, or the API failing. The status line and the folded connection line both show it,
// so they never contradict an error shown elsewhere on the page.

/** Error classes that say nothing about the connection (the request was refused before sending, or cancelled). */
const NOT_ABOUT_THE_CONNECTION = new Set(['ValidationError', 'AbortError']);

/**
 * The health after a call through `connection` (`{ baseUrl, organizationId }`): `err` is null
 * for a success. `connected` says whether the connection had been checked already (a later
 * call) or this was the check itself. Returns `{ text, tone: 'ok' | 'warn' | 'bad', short }`,
 * or null when the outcome changes nothing (e.g. a 404 for one workspace).
 */
export function healthOf(err, { baseUrl, organizationId }, connected) {
  if (!err) {
    return { text: `Connected to ${baseUrl}, organization ${organizationId}.`, tone: 'ok', short: 'Connected' };
  }
  const name = err?.name || 'Error';
  const status = typeof err?.status === 'number' ? err.status : undefined;
  const what = status === undefined ? name : `${name}, HTTP ${status}`;
  if (!connected) {
    if (status === 401) return { text: `Not connected: the API refused this token (${what}).`, tone: 'bad', short: 'Not connected' };
    if (status === 403) return { text: `Not connected: this token may not use organization ${organizationId} (${what}).`, tone: 'bad', short: 'Not connected' };
    if (name === 'ConnectionError' || name === 'TimeoutError') {
      return { text: `Not connected: ${baseUrl} could not be reached (${what}).`, tone: 'bad', short: 'Not connected' };
    }
    return { text: `Not connected: listing workspaces failed (${what}).`, tone: 'bad', short: 'Not connected' };
  }
  if (NOT_ABOUT_THE_CONNECTION.has(name)) return null;
  if (name === 'ConnectionError' || name === 'TimeoutError') {
    return { text: `Connection lost: ${baseUrl} did not answer (${what}). Try again with Refresh.`, tone: 'bad', short: 'Connection lost' };
  }
  if (status === 401) return { text: `The API no longer accepts this token (${what}). Change it to connect again.`, tone: 'bad', short: 'Token refused' };
  if (status === 403) return { text: `This token may not use organization ${organizationId} (${what}).`, tone: 'bad', short: 'Not allowed' };
  if (status === 429 || (status !== undefined && status >= 500) || name === 'InvalidResponseError') {
    return { text: `Connected to ${baseUrl}, but the API is failing (${what}). Try again with Refresh.`, tone: 'warn', short: 'API failing' };
  }
  return null;
}
