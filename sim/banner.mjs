/** The command line's startup banner, with a loud warning when the simulator listens on a network address. */
import { isLoopbackName, isWildcard, parseHostHeader } from './hosts.mjs';

/** Tells whether a listen address is reachable only from this machine (a loopback name or address). */
export function isLoopbackHost(host) {
  if (isWildcard(host)) return false;
  const parsed = parseHostHeader(host.includes(':') && !host.startsWith('[') ? `[${host}]` : host);
  return parsed !== null && isLoopbackName(parsed.name);
}

/** The warning for a network address: what anyone on the network can then do, and what works instead. */
export function networkWarning(host, port, faults) {
  const line = '!'.repeat(78);
  return [
    line,
    `WARNING: --host ${host} makes this simulator reachable from the network, not just this computer.`,
    `  Anyone who can reach port ${port} can get the demo token from /demo-config.json and use the API`,
    '  with it: read, change and delete every workspace.',
    ...(faults ? ['  --faults is on: anyone can also inject faults and reset all data through /__admin.'] : []),
    '  The demo page cannot connect from another machine: the package sends a token over http: only to',
    '  localhost, 127.0.0.0/8 or [::1], and the page explains this when opened at another address.',
    '  To use the page from another machine, keep the default --host 127.0.0.1 and tunnel instead:',
    `    ssh -L ${port}:127.0.0.1:${port} USER@THIS-MACHINE   then open http://127.0.0.1:${port}/ there.`,
    line,
  ].join('\n');
}

/**
 * Returns the banner: the page URL, both API base URLs, the demo token and organization, the data file, the admin
 * endpoint, the network warning when `host` is not loopback, and how to stop.
 */
export function startupBanner({ url, apiBaseUrls, port, host, demo, dataFile, faults }) {
  return [
    'Astro Platform API simulator is running.',
    `  Demo page:        ${url}/`,
    `  API base URL:     ${apiBaseUrls.v1}`,
    `  v1beta1 base URL: ${apiBaseUrls.v1beta1} (deprecated, same data)`,
    `  Token:            ${demo.token}`,
    `  Organization ID:  ${demo.organizationId} (${demo.organizationName})`,
    `  Data:             ${dataFile ?? 'in memory (lost on exit)'}`,
    `  Admin endpoint:   ${faults ? `${url}/__admin (send X-Astro-Sim-Admin: 1)` : 'off (start with --faults)'}`,
    ...(isLoopbackHost(host) ? [] : [networkWarning(host, port, faults)]),
    'Press Ctrl+C to stop.',
  ].join('\n');
}
