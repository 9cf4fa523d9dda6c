/** `GET /demo-config.json`: the demo token and organization, so the demo page can prefill its connection panel. */
import { ApiError, sendJson } from './http.mjs';

/** Path of the demo configuration (served only when the demo page is, i.e. something is mounted at `/`). */
export const DEMO_CONFIG_PATH = '/demo-config.json';

/** Creates the read-only handler answering `{ apiBasePath, token, organizationId, organizationName }`. */
export function createDemoConfigHandler({ basePath, token, organizationId, organizationName }) {
  const body = { apiBasePath: basePath, token, organizationId, organizationName };
  return function handle(req, res) {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      throw new ApiError(405, `Method ${req.method} is not allowed here`, { headers: { allow: 'GET, HEAD' } });
    }
    sendJson(res, 200, body);
  };
}
