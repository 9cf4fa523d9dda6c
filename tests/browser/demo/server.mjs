// Starts the server `npm start` runs (`node sim/cli.mjs`) on a free loopback port with the
// admin endpoint on, and gives the tests bounded calls to its API and admin endpoint.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const CLI = fileURLToPath(new URL('../../../sim/cli.mjs', import.meta.url));
const REQUEST_TIMEOUT_MS = 5000;

/** Spawns the simulator (with `extraArgs` after the usual ones) and resolves once its banner is printed (at most `timeoutMs`). */
export async function startServer({ timeoutMs = 15_000, extraArgs = [] } = {}) {
  if (!fs.existsSync(new URL('../../../pkg/index.js', import.meta.url))) {
    throw new Error('pkg/ is not built: run `node scripts/build.mjs` (npm test does) before the browser tests');
  }
  const child = spawn(process.execPath, [CLI, '--port', '0', '--host', '127.0.0.1', '--faults', '--quiet', ...extraArgs], {
    cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (chunk) => { out += chunk; });
  child.stderr.setEncoding('utf8').on('data', (chunk) => { err += chunk; });
  try {
    await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`simulator did not start in ${timeoutMs} ms:\n${out}${err}`)), timeoutMs);
      const onData = () => {
        if (!out.includes('Press Ctrl+C')) return;
        clearTimeout(timer);
        child.stdout.off('data', onData);
        resolve();
      };
      child.stdout.on('data', onData);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`simulator exited with ${code} before starting:\n${out}${err}`));
      });
    });
  } catch (e) {
    if (child.exitCode === null) child.kill('SIGKILL');
    throw e;
  }
  const field = (label) => new RegExp(`${label}:\\s+(\\S+)`).exec(out)?.[1];
  const url = field('Demo page').replace(/\/$/, '');
  const apiBaseUrl = field('API base URL');
  const token = field('Token');
  const organizationId = field('Organization ID');

  /** Sends one JSON request (with the admin header when `admin`) and returns `{ status, headers, json }`. */
  async function request(method, target, { body, token: bearer, admin = false } = {}) {
    const headers = admin ? { 'x-astro-sim-admin': '1' } : {}; // the admin endpoint refuses requests without it
    if (bearer) headers.authorization = `Bearer ${bearer}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(target, {
      method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, json: text ? JSON.parse(text) : undefined };
  }

  const workspaces = `${apiBaseUrl}/organizations/${organizationId}/workspaces`;
  return {
    url,
    apiBaseUrl,
    token,
    organizationId,
    /** Calls the admin endpoint (`/__admin/...`). */
    admin: (method, sub, body) => request(method, `${url}/__admin${sub}`, { body, admin: true }),
    /** Creates a workspace with the demo token, straight through the API; returns it. */
    async createWorkspace(body) {
      const res = await request('POST', workspaces, { body, token });
      if (res.status !== 200) throw new Error(`seeding failed: ${res.status} ${JSON.stringify(res.json)}`);
      return res.json;
    },
    /** Gets a workspace with the demo token; resolves `{ status, json }`. */
    getWorkspace: (id) => request('GET', `${workspaces}/${id}`, { token }),
    /** Lists (up to 1000) workspaces with the demo token. */
    async listWorkspaces() {
      return (await request('GET', `${workspaces}?limit=1000`, { token })).json;
    },
    /** The API requests the simulator has logged since the last reset. */
    async loggedRequests() {
      return (await request('GET', `${url}/__admin/requests`, { admin: true })).json.requests;
    },
    /** Stops the simulator (SIGTERM, then SIGKILL after 5 s); resolves when it has exited. */
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}
