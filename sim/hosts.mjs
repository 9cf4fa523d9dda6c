/** The `Host` check against DNS rebinding: the names this server answers to, and which of them are loopback. */
import os from 'node:os';

/** Names every simulator answers to, whatever address it listens on. */
export const LOOPBACK_NAMES = Object.freeze(['localhost', '127.0.0.1', '[::1]']);

/** Tells whether a listen address is a wildcard (every interface of the machine). */
export function isWildcard(host) {
  return host === '' || host === '0.0.0.0' || host === '::' || host === '[::]';
}

/** Writes an address as it appears in a `Host` header: lowercase, IPv6 in brackets. */
function asHostName(address) {
  const lower = address.toLowerCase();
  return lower.includes(':') && !lower.startsWith('[') ? `[${lower}]` : lower;
}

/**
 * Returns the host names (no port) a server listening on `host` answers to: the loopback names, the listen address
 * itself, and on a wildcard address every address of the machine's interfaces and its host name.
 */
export function allowedHostNames(host = '127.0.0.1') {
  const names = new Set(LOOPBACK_NAMES);
  if (!isWildcard(host)) {
    names.add(asHostName(host));
    return names;
  }
  for (const list of Object.values(os.networkInterfaces())) {
    for (const { address } of list ?? []) if (!address.includes('%')) names.add(asHostName(address));
  }
  names.add(os.hostname().toLowerCase());
  return names;
}

/**
 * Splits a `Host` header value into its lowercase host name (IPv6 in brackets) and port; null when it is absent or
 * malformed (an empty name, a port that is not 1 to 65535, a bare IPv6 address).
 */
export function parseHostHeader(value) {
  if (typeof value !== 'string' || value === '') return null;
  const match = /^(\[[0-9a-f:.]+\]|[a-z0-9._-]+)(?::(\d{1,5}))?$/i.exec(value);
  if (!match) return null;
  const port = match[2] === undefined ? 80 : Number(match[2]);
  if (port < 1 || port > 65535) return null;
  return { name: match[1].toLowerCase(), port };
}

/** Tells whether a string is a host name or address a `Host` header can carry, without a port (`lan-box.example`, `[fe80::1]`). */
export function isHostName(value) {
  return parseHostHeader(value) !== null && !/:\d+$/.test(value);
}

/** Tells whether a host name (as `parseHostHeader` returns it) is loopback, as the package sees it: localhost, 127.0.0.0/8, [::1]. */
export function isLoopbackName(name) {
  if (name === 'localhost' || name === '[::1]') return true;
  const octets = name.split('.');
  return octets.length === 4 && octets[0] === '127' && octets.every((o) => /^\d{1,3}$/.test(o) && Number(o) <= 255);
}
