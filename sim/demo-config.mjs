/** `GET /demo-config.json`: the demo token and organization, so the demo page can prefill its connection panel. */
import { ApiError, sendJson } from './http.mjs';
import { isLoopbackName } from './hosts.mjs';

/** Path of the demo configuration (served only when the demo page is, i.e. something is mounted at `/`). */
export const DEMO_CONFIG_PATH = '/demo-config.json';

/**
 * Explains why a page opened at `http://{hostName}:{port}` (not a loopback address) cannot connect, and how to reach
 * it from another machine instead.
 */
export function cannotConnectMessage(hostName, port) {
  return `This page was opened at http://${hostName}:${port}/, which is not a loopback address. `
    + 'The package sends a token over http: only to localhost, 127.0.0.0/8 or [::1] (anywhere else it must be https:), '
    + 'so this page cannot connect to the simulator from here. '
    + `Open http://127.0.0.1:${port}/ on the machine running the simulator, or from another machine tunnel to it: `
    + `ssh -L ${port}:127.0.0.1:${port} USER@THAT-MACHINE, then open http://127.0.0.1:${port}/ here.`;
}

/**
 * Creates the read-only handler. `handle(req, res, hostName)` answers `{ apiBasePath, token, organizationId,
 * organizationName }` when the page was opened at a loopback host name; at any other name (the simulator listens on
 * a network address) it answers `{ apiBasePath, organizationId, organizationName, cannotConnect }` instead: no token,
 * since the page cannot use it there, and a message the page shows.
 */
export function createDemoConfigHandler({ basePath, token, organizationId, organizationName }) {
  const body = { apiBasePath: basePath, token, organizationId, organizationName };
  return function handle(req, res, hostName) {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      throw new ApiError(405, `Method ${req.method} is not allowed here`, { headers: { allow: 'GET, HEAD' } });
    }
    if (isLoopbackName(hostName)) return sendJson(res, 200, body);
    return sendJson(res, 200, {
      apiBasePath: basePath, organizationId, organizationName, cannotConnect: cannotConnectMessage(hostName, req.socket.localPort),
    });
  };
}
