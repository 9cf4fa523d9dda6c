/** Test helpers: start a simulator on an ephemeral port, call it with fetch, and make raw requests. */
import http from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createSimulator, DEMO_ORGANIZATION_ID, DEMO_TOKEN, OTHER_ORGANIZATION_ID, OTHER_TOKEN } from '../simulator.mjs';

export { DEMO_ORGANIZATION_ID, DEMO_TOKEN, OTHER_ORGANIZATION_ID, OTHER_TOKEN };

/** Per-request timeout for every call the tests make, in milliseconds. */
export const REQUEST_TIMEOUT_MS = 5000;
/** The timestamp shape the simulator sends: UTC with milliseconds, as `Date#toISOString` writes it. */
export const TIMESTAMP_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
/** The contract's ID shape. */
export const CUID_RE = /^c[a-z0-9]{24}$/;
/** A well-formed organization ID that no built-in organization has. */
export const UNKNOWN_ORGANIZATION_ID = 'c000000000000000000000000';
/** A well-formed workspace ID that is never generated in tests. */
export const UNKNOWN_WORKSPACE_ID = 'cnosuchworkspace000000000';

/** Returns a fake clock: `now()` for the simulator, `advance(seconds)` to move it (also backwards), `set(iso)`. */
export function fakeClock(start = '2024-01-02T03:04:05.678Z') {
  let t = new Date(start).getTime();
  return { now: () => new Date(t), advance: (seconds) => { t += seconds * 1000; }, set: (iso) => { t = new Date(iso).getTime(); } };
}

/** Creates a fresh temporary directory removed by the returned cleanup function. */
export function tempDir(t) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'astro-sim-'));
  t?.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** The header the admin endpoint requires (see sim/security.mjs). */
export const ADMIN_HEADERS = Object.freeze({ 'x-astro-sim-admin': '1' });

/**
 * Starts a simulator on 127.0.0.1 port 0 (closed after the test `t`) and returns it with call helpers.
 * `call(method, path, { token, body, headers, version })`: path is relative to the base URL of `version`
 * ('v1', the default, or 'v1beta1') unless it starts with `//`; a `//__admin` path gets ADMIN_HEADERS unless
 * `headers` says otherwise.
 */
export async function startSim(t, options = {}) {
  const sim = createSimulator({ staticDirs: {}, ...options });
  const { url, apiBaseUrl, apiBaseUrls } = await sim.listen(0, '127.0.0.1');
  sim.server.unref(); // a server a failed test forgot to close must not keep the test process alive
  t?.after(() => sim.close());
  const workspaces = (org = DEMO_ORGANIZATION_ID) => `/organizations/${org}/workspaces`;

  /** Sends one request and returns `{ status, headers, text, json }`. */
  async function call(method, target, { token = DEMO_TOKEN, body, headers = {}, rawBody, version = 'v1' } = {}) {
    const h = target.startsWith('//__admin') ? { ...ADMIN_HEADERS, ...headers } : { ...headers };
    if (token) h.authorization = `Bearer ${token}`;
    let payload = rawBody;
    if (body !== undefined) {
      payload = JSON.stringify(body);
      h['content-type'] ??= 'application/json';
    }
    const full = target.startsWith('//') ? url + target.slice(1) : apiBaseUrls[version] + target;
    const res = await fetch(full, { method, headers: h, body: payload, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    const text = await res.text();
    let json;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { status: res.status, headers: res.headers, text, json };
  }

  /** Creates a workspace in an organization with a token and returns its JSON (asserting 200). */
  async function create(fields, { org = DEMO_ORGANIZATION_ID, token = DEMO_TOKEN, version = 'v1' } = {}) {
    const res = await call('POST', workspaces(org), { token, body: fields, version });
    if (res.status !== 200) throw new Error(`create failed: ${res.status} ${res.text}`);
    return res.json;
  }

  return { sim, url, apiBaseUrl, apiBaseUrls, call, create, workspaces };
}

/** Sends a request with the path exactly as given (no URL normalization); resolves `{ status, headers, body }`. */
export function rawRequest(origin, method, rawPath, headers = {}) {
  const { hostname, port } = new URL(origin);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: hostname, port, method, path: rawPath, headers, timeout: REQUEST_TIMEOUT_MS }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('timeout', () => req.destroy(new Error('request timed out')));
    req.on('error', reject);
    req.end();
  });
}

/** Asserts the contract's Error body: status, message, requestId equal to the header, no stray fields. */
export function assertErrorBody(assert, res, status) {
  assert.equal(res.status, status, `expected ${status}, got ${res.status}: ${res.text}`);
  assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
  const { json } = res;
  assert.equal(typeof json.message, 'string');
  assert.ok(json.message.length > 0);
  assert.equal(json.statusCode, status);
  assert.equal(json.requestId, res.headers.get('x-request-id'));
  assert.ok(json.requestId.length > 0);
  for (const key of Object.keys(json)) assert.ok(['message', 'requestId', 'statusCode', 'fieldErrors'].includes(key), `unexpected key ${key}`);
  return json;
}

/** Path of the command-line entry point. */
export const CLI_PATH = new URL('../cli.mjs', import.meta.url).pathname;

/**
 * Spawns `node sim/cli.mjs ...args` and waits (bounded) for its startup banner.
 * Resolves `{ child, url, apiBaseUrl, v1beta1BaseUrl, token, organizationId, stdout() }`; the child is killed after the test `t`.
 */
export async function spawnCli(t, args, { timeoutMs = 5000 } = {}) {
  const { spawn } = await import('node:child_process');
  const child = spawn(process.execPath, [CLI_PATH, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  t?.after(() => { if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL'); });
  let out = '';
  let err = '';
  child.stdout.on('data', (c) => { out += c; });
  child.stderr.on('data', (c) => { err += c; });
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`CLI did not start in ${timeoutMs}ms: ${out}${err}`)), timeoutMs);
    const check = () => { if (out.includes('Press Ctrl+C')) { clearTimeout(timer); resolve(); } };
    child.stdout.on('data', check);
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`CLI exited with ${code}: ${out}${err}`)); });
  });
  const field = (label) => new RegExp(`${label}:\\s+(\\S+)`).exec(out)?.[1];
  return {
    child,
    url: field('Demo page').replace(/\/$/, ''),
    apiBaseUrl: field('API base URL'),
    v1beta1BaseUrl: field('v1beta1 base URL'),
    token: field('Token'),
    organizationId: field('Organization ID'),
    stdout: () => out,
    stderr: () => err,
  };
}

/** Resolves `{ code, signal }` when a child process exits, or rejects after `timeoutMs`. */
export function waitForExit(child, timeoutMs = 5000) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`process ${child.pid} did not exit in ${timeoutMs}ms`)), timeoutMs);
    child.once('exit', (code, signal) => { clearTimeout(timer); resolve({ code, signal }); });
  });
}
