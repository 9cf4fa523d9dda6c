/** What keeps other web pages out: security headers, the `Host` check and the admin endpoint's guard. */
import { ApiError } from './http.mjs';
import { LOOPBACK_NAMES, parseHostHeader } from './hosts.mjs';

/**
 * The page's Content-Security-Policy. `'wasm-unsafe-eval'` only because Chromium refuses to compile the package's
 * WebAssembly without it (it allows WebAssembly compilation, not JavaScript `eval`); `connect-src` lets the page
 * reach the real API as well as this server.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self' https://api.astronomer.io",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');

/** Headers on every response: the CSP above, no MIME sniffing, no Referer sent from the page. */
export const SECURITY_HEADERS = Object.freeze({
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
});

/** Name of the request header the admin endpoint requires; a browser sends it cross-origin only after a CORS preflight. */
export const ADMIN_HEADER = 'x-astro-sim-admin';

/** Sets SECURITY_HEADERS on a response. */
export function setSecurityHeaders(res) {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
}

/**
 * Returns the request's host name (lowercase, IPv6 in brackets) when its `Host` header names this server (one of
 * `allowed`); else throws 421. The port is not compared: a DNS rebinding attack changes the name, and port forwards
 * (`ssh -L 9000:127.0.0.1:8080`) change the port.
 */
export function checkHost(req, allowed) {
  const host = parseHostHeader(req.headers.host);
  if (host && allowed.has(host.name)) return host.name;
  // The machine's other names and addresses are not listed: a rebound page can read this answer.
  throw new ApiError(421, `Misdirected request: the Host header does not name this server (it answers to ${LOOPBACK_NAMES.join(', ')}, `
    + 'the address it listens on and the names it was started with)');
}

/**
 * Refuses an admin request a page on another origin could have made: it must carry `X-Astro-Sim-Admin: 1` (which no
 * cross-origin page can send without a CORS preflight, and this server never answers one), and an `Origin`, when
 * present, must be this server's own (`http://` + the request's `Host`). Throws 403 otherwise.
 */
export function checkAdminRequest(req) {
  if (req.headers[ADMIN_HEADER] !== '1') {
    throw new ApiError(403, 'The admin endpoint needs the header "X-Astro-Sim-Admin: 1" (it keeps other web pages out)');
  }
  const { origin } = req.headers;
  if (origin !== undefined && origin !== `http://${req.headers.host}`) {
    throw new ApiError(403, 'The admin endpoint refuses requests from another origin');
  }
}
