/** The Host check (421), the admin endpoint's guard (403), the security headers, and --host on a network address. */
import assert from 'node:assert/strict';
import net from 'node:net';
import { after, before, describe, test } from 'node:test';
import { isLoopbackHost, startupBanner } from '../banner.mjs';
import { allowedHostNames } from '../hosts.mjs';
import { CONTENT_SECURITY_POLICY } from '../security.mjs';
import { ADMIN_HEADERS, DEMO_ORGANIZATION_ID, DEMO_TOKEN, rawRequest, startSim } from './helpers.mjs';

const T = { timeout: 20_000 };

/** Sends raw bytes to the server and resolves everything it answers before closing. */
function rawHttp(origin, text) {
  const { hostname, port } = new URL(origin);
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: hostname, port }, () => socket.end(text));
    let out = '';
    socket.setEncoding('utf8').setTimeout(5000, () => socket.destroy(new Error('timed out')));
    socket.on('data', (chunk) => { out += chunk; }).on('close', () => resolve(out)).on('error', reject);
  });
}
const STATIC = { '/': 'www', '/pkg': 'pkg' };

describe('Host check against DNS rebinding', T, () => {
  let s;
  let port;
  before(async () => {
    s = await startSim(null, { staticDirs: STATIC, faults: true, allowedHosts: ['lan-box.example'] });
    port = new URL(s.url).port;
  });
  after(() => s.sim.close());

  const paths = () => [
    `/v1/organizations/${DEMO_ORGANIZATION_ID}/workspaces`, '/platform/v1beta1/organizations/x/workspaces', '/', '/index.html',
    '/pkg/index.js', '/demo-config.json', '/__admin/requests', '/nothing-here',
  ];

  test('a foreign Host gets 421 with the Error body on the API, the page, /demo-config.json and admin, never the token', async () => {
    for (const host of ['attacker.example', `attacker.example:${port}`, `localhost.attacker.example:${port}`, `127.0.0.1.nip.io:${port}`, 'localhost.:80']) {
      for (const p of paths()) {
        const res = await rawRequest(s.url, 'GET', p, { host, authorization: `Bearer ${DEMO_TOKEN}`, ...ADMIN_HEADERS });
        const text = res.body.toString('utf8');
        assert.equal(res.status, 421, `${host} ${p}: ${text}`);
        const body = JSON.parse(text);
        assert.equal(body.statusCode, 421);
        assert.match(body.message, /^Misdirected request: the Host header does not name this server \(it answers to localhost, 127\.0\.0\.1, \[::1\]/);
        assert.ok(!text.includes(DEMO_TOKEN), `${host} ${p} leaked the token`);
        assert.ok(!text.includes(host), 'the Host sent is not echoed');
      }
    }
    const noHost = await rawHttp(s.url, 'GET /demo-config.json HTTP/1.0\r\n\r\n');
    assert.match(noHost, /^HTTP\/1\.1 421 /, 'a request without Host (HTTP/1.0) is refused too');
    assert.ok(!noHost.includes(DEMO_TOKEN));
  });

  test('its own names are served, in any case and with any port (port forwards keep working)', async () => {
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`, `LocalHost:${port}`, '127.0.0.1:9999', 'localhost']) {
      const res = await rawRequest(s.url, 'GET', '/demo-config.json', { host });
      assert.equal(res.status, 200, host);
      assert.equal(JSON.parse(res.body).token, DEMO_TOKEN, host);
    }
    const api = await rawRequest(s.url, 'GET', `/v1/organizations/${DEMO_ORGANIZATION_ID}/workspaces`, {
      host: `localhost:${port}`, authorization: `Bearer ${DEMO_TOKEN}`,
    });
    assert.equal(api.status, 200);
  });

  test('at a name that is not loopback, /demo-config.json withholds the token and says why the page cannot connect', async () => {
    const res = await rawRequest(s.url, 'GET', '/demo-config.json', { host: `lan-box.example:${port}` });
    assert.equal(res.status, 200);
    const body = JSON.parse(res.body);
    assert.deepEqual(Object.keys(body), ['apiBasePath', 'organizationId', 'organizationName', 'cannotConnect']);
    assert.equal(body.apiBasePath, '/v1');
    assert.match(body.cannotConnect, new RegExp(`^This page was opened at http://lan-box\\.example:${port}/, which is not a loopback address\\. `));
    assert.match(body.cannotConnect, new RegExp(`ssh -L ${port}:127\\.0\\.0\\.1:${port} `));
    assert.ok(!res.body.toString().includes(DEMO_TOKEN));
  });

  test('on 0.0.0.0 it answers to the machine\'s addresses and name as well; on one address, to that address', () => {
    const wildcard = allowedHostNames('0.0.0.0');
    assert.ok(['localhost', '127.0.0.1', '[::1]'].every((n) => wildcard.has(n)));
    assert.ok(wildcard.size > 3, 'the machine\'s interface addresses or name are added');
    assert.ok(!wildcard.has('attacker.example'));
    assert.deepEqual([...allowedHostNames('192.0.2.7')], ['localhost', '127.0.0.1', '[::1]', '192.0.2.7']);
    assert.deepEqual([...allowedHostNames('::1')], ['localhost', '127.0.0.1', '[::1]']);
  });
});

describe('admin endpoint guard', T, () => {
  let s;
  before(async () => { s = await startSim(null, { faults: true }); });
  after(() => s.sim.close());

  test('without X-Astro-Sim-Admin: 1 every admin request is refused with 403 and nothing happens', async () => {
    const kept = await s.create({ name: 'Kept' });
    for (const value of ['0', 'true', '1, 1']) {
      const reset = await s.call('POST', '//__admin/reset', { token: null, headers: { 'x-astro-sim-admin': value } });
      assert.equal(reset.status, 403, value);
      assert.match(reset.json.message, /X-Astro-Sim-Admin: 1/);
    }
    const noHeader = await rawRequest(s.url, 'POST', '/__admin/reset', { 'content-type': 'text/plain' });
    assert.equal(noHeader.status, 403);
    const faults = await rawRequest(s.url, 'POST', '/__admin/faults', { 'content-type': 'text/plain' });
    assert.equal(faults.status, 403);
    assert.equal((await s.call('GET', `${s.workspaces()}/${kept.id}`)).status, 200, 'the workspace survived');
    assert.equal(s.sim.state.faults.list().length, 0, 'no fault was queued');
  });

  test('a foreign Origin is refused even with the header; the simulator\'s own origin is accepted', async () => {
    const kept = await s.create({ name: 'Kept too' });
    for (const origin of ['http://attacker.example', 'null', `http://localhost:${new URL(s.url).port}`, `${s.url}/`, 'http://127.0.0.1:1']) {
      const res = await s.call('POST', '//__admin/reset', { token: null, headers: { origin } });
      assert.equal(res.status, 403, origin);
      assert.equal(res.json.message, 'The admin endpoint refuses requests from another origin');
    }
    assert.equal((await s.call('GET', `${s.workspaces()}/${kept.id}`)).status, 200, 'the workspace survived');
    const own = await s.call('POST', '//__admin/reset', { token: null, headers: { origin: s.url } });
    assert.equal(own.status, 204);
    assert.equal((await s.call('GET', `${s.workspaces()}/${kept.id}`)).status, 404, 'a same-origin reset works');
  });

  test('a CORS preflight gets no CORS headers, so a browser never sends the real request', async () => {
    const res = await rawRequest(s.url, 'OPTIONS', '/__admin/reset', {
      origin: 'http://attacker.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'x-astro-sim-admin',
    });
    assert.equal(res.status, 403);
    assert.deepEqual(Object.keys(res.headers).filter((h) => h.startsWith('access-control-')), []);
  });
});

describe('security headers', T, () => {
  test('every response carries the CSP, nosniff and no-referrer: page, package, API, errors', async (t) => {
    const s = await startSim(t, { staticDirs: STATIC });
    assert.equal(CONTENT_SECURITY_POLICY, "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; "
      + "img-src 'self' data:; connect-src 'self' https://api.astronomer.io; frame-ancestors 'none'; base-uri 'none'; form-action 'self'");
    for (const p of ['/', '/index.html', '/app.js', '/style.css', '/demo-config.json', '/pkg/index.js', '/missing', `/v1/organizations/${DEMO_ORGANIZATION_ID}/workspaces`]) {
      const res = await rawRequest(s.url, 'GET', p, { authorization: `Bearer ${DEMO_TOKEN}` });
      assert.equal(res.headers['content-security-policy'], CONTENT_SECURITY_POLICY, p);
      assert.equal(res.headers['x-content-type-options'], 'nosniff', p);
      assert.equal(res.headers['referrer-policy'], 'no-referrer', p);
    }
  });
});

describe('--host on a network address', T, () => {
  const banner = (host) => startupBanner({
    url: 'http://localhost:8080', apiBaseUrls: { v1: 'http://localhost:8080/v1', v1beta1: 'http://localhost:8080/platform/v1beta1' },
    port: 8080, host, demo: { token: DEMO_TOKEN, organizationId: DEMO_ORGANIZATION_ID, organizationName: 'Demo' }, faults: true,
  });

  test('the banner warns loudly that the API, the token at /demo-config.json and /__admin are reachable', () => {
    for (const host of ['0.0.0.0', '::', '192.168.1.20', 'my-box.example']) {
      assert.equal(isLoopbackHost(host), false, host);
      const text = banner(host);
      assert.match(text, new RegExp(`WARNING: --host ${host.replace(/\./g, '\\.')} makes this simulator reachable from the network`));
      assert.match(text, /get the demo token from \/demo-config\.json and use the API/);
      assert.match(text, /reset all data through \/__admin/);
      assert.match(text, /ssh -L 8080:127\.0\.0\.1:8080 USER@THIS-MACHINE/);
      assert.ok(text.indexOf('WARNING') < text.indexOf('Press Ctrl+C'));
    }
  });

  test('a loopback address prints no warning', () => {
    for (const host of ['127.0.0.1', 'localhost', '::1', '127.0.0.2']) {
      assert.equal(isLoopbackHost(host), true, host);
      assert.doesNotMatch(banner(host), /WARNING/);
    }
  });
});
