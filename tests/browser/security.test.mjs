// The simulator (`node sim/cli.mjs`) against other web pages, in headless Chromium: a page on
// another origin cannot reset it through /__admin, a DNS-rebound name gets 421 and never the
// token, the demo page runs under its Content-Security-Policy with no violation (and needs
// 'wasm-unsafe-eval' for the package's WebAssembly), and no other origin can frame it.
// The attacker is a second loopback server (another port, so another origin), and Chromium
// resolves attacker.example and lan-box.example to 127.0.0.1.
//
//   node --test tests/browser/security.test.mjs

import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import { after, before, describe, test } from 'node:test';
import { launchBrowser } from './demo/browser.mjs';

import { DEMO_ORGANIZATION_ID, DEMO_TOKEN, spawnCli, waitForExit } from '../../sim/test/helpers.mjs';
import { CONTENT_SECURITY_POLICY } from '../../sim/security.mjs';

const WAIT_MS = 10_000;
const NAMES = 'MAP attacker.example 127.0.0.1, MAP lan-box.example 127.0.0.1';

/** Starts the attacker's server on 127.0.0.1: `pages` maps a path to the HTML it serves. */
function startAttacker(pages) {
  const server = http.createServer((req, res) => {
    const html = pages[req.url];
    res.writeHead(html ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' });
    res.end(html ?? 'not found');
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({
    url: `http://127.0.0.1:${server.address().port}`,
    close: () => new Promise((done) => { server.close(done); server.closeAllConnections(); }),
  })));
}

describe('the simulator against other web pages, in headless Chromium', { timeout: 120_000 }, () => {
  let sim;
  let attacker;
  let browser;
  const pages = {};
  const contexts = [];

  /** Calls the simulator's API with the demo token from Node (not a browser). */
  const api = async (method, sub, body) => {
    const res = await fetch(`${sim.apiBaseUrl}/organizations/${DEMO_ORGANIZATION_ID}/workspaces${sub}`, {
      method, headers: { authorization: `Bearer ${DEMO_TOKEN}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body && JSON.stringify(body), signal: AbortSignal.timeout(5000),
    });
    return res.json();
  };

  /**
   * A fresh page that records Content-Security-Policy violations (the `securitypolicyviolation` events of every
   * document, in `page.violations()`), console errors and responses.
   */
  async function newPage() {
    const context = await browser.newContext();
    contexts.push(context);
    await context.addInitScript(() => {
      window.__violations = [];
      document.addEventListener('securitypolicyviolation', (e) => {
        window.__violations.push({ directive: e.violatedDirective, blocked: e.blockedURI, source: e.sourceFile, line: e.lineNumber });
      });
    });
    const page = await context.newPage();
    page.setDefaultTimeout(WAIT_MS);
    const consoleErrors = [];
    const responses = [];
    const requests = [];
    page.on('console', (msg) => { if (msg.type() === 'error') consoleErrors.push(msg.text()); });
    page.on('pageerror', (err) => consoleErrors.push(`pageerror: ${err.message}`));
    page.on('request', (req) => requests.push({ method: req.method(), url: req.url(), headers: req.headers() }));
    page.on('response', (res) => responses.push({ method: res.request().method(), url: res.url(), status: res.status() }));
    const violations = () => page.evaluate(() => window.__violations);
    return { page, consoleErrors, responses, requests, violations };
  }

  /** Waits (bounded) until the demo page has listed the workspaces (a 200 from the List call), i.e. it works. */
  const listed = (page) => page.waitForResponse((res) => /\/v1\/organizations\/[^/]+\/workspaces(\?|$)/.test(res.url())
    && res.request().method() === 'GET' && res.status() === 200, { timeout: WAIT_MS });

  before(async () => {
    assert.ok(fs.existsSync(new URL('../../pkg/index.js', import.meta.url)), 'pkg/ is not built: run `node scripts/build.mjs`');
    // Not --quiet: the request log lines show what reached the simulator, preflights included.
    sim = await spawnCli(null, ['--port', '0', '--host', '127.0.0.1', '--faults', '--allow-host', 'lan-box.example']);
    attacker = await startAttacker(pages);
    browser = await launchBrowser({ extraArgs: [`--host-resolver-rules=${NAMES}`] });
  });
  after(async () => {
    for (const context of contexts) await context.close().catch(() => {});
    await browser?.close();
    await attacker?.close();
    if (sim) {
      sim.child.kill('SIGTERM');
      await waitForExit(sim.child).catch(() => sim.child.kill('SIGKILL'));
    }
  });

  test('a page on another origin cannot reset the workspaces through /__admin (no-cors, CORS or a form)', async () => {
    const created = await Promise.all(['Alpha', 'Beta', 'Gamma'].map((name) => api('POST', '', { name })));
    /** How many of the workspaces created above still exist. */
    const surviving = async () => (await api('GET', '?limit=1000')).workspaces.filter((w) => created.some((c) => c.id === w.id)).length;
    pages['/attack.html'] = '<!doctype html><title>attacker</title><p>hello</p>';
    const { page, responses } = await newPage();
    await page.goto(`${attacker.url}/attack.html`);
    const target = `${sim.url}/__admin/reset`;
    const outcome = await page.evaluate(async (url) => ({
      noCors: await fetch(url, { method: 'POST', mode: 'no-cors' }).then((r) => r.type, (e) => `rejected: ${e.message}`),
      withHeader: await fetch(url, { method: 'POST', headers: { 'X-Astro-Sim-Admin': '1' } }).then((r) => r.status, () => 'rejected'),
      text: await fetch(url, { method: 'POST', mode: 'no-cors', body: 'x', headers: { 'content-type': 'text/plain' } })
        .then((r) => r.type, (e) => `rejected: ${e.message}`),
    }), target);
    assert.deepEqual(outcome, { noCors: 'opaque', withHeader: 'rejected', text: 'opaque' }, 'the browser sent the simple requests');
    assert.equal(await surviving(), 3, 'the workspaces survived the fetches');

    // A form post navigates the attacker's page to the simulator's answer.
    const answered = page.waitForResponse((r) => r.url() === target && r.request().method() === 'POST' && r.request().resourceType() === 'document');
    await page.evaluate((url) => {
      const form = Object.assign(document.createElement('form'), { method: 'POST', action: url });
      document.body.append(form);
      form.submit();
    }, target);
    assert.equal((await answered).status(), 403);
    assert.equal(await surviving(), 3, 'the workspaces survived the form post');

    const resets = responses.filter((r) => r.url === target);
    assert.deepEqual(resets.map((r) => `${r.method} ${r.status}`), ['POST 403', 'POST 403', 'POST 403'], 'the browser saw 403s');
    // The simulator's own log: every request that reached /__admin/reset was refused, the preflight included (it
    // failed: no CORS headers), so the POST with the header was never sent.
    const logged = sim.stdout().split('\n').filter((line) => line.includes(' /__admin/reset ')).map((line) => line.replace(/ \d+ms$/, ''));
    assert.deepEqual(logged, ['POST /__admin/reset 403', 'OPTIONS /__admin/reset 403', 'POST /__admin/reset 403', 'POST /__admin/reset 403']);
  });

  test('a DNS-rebound name (attacker.example -> 127.0.0.1) gets 421 on the page, /demo-config.json and the API, never the token', async () => {
    const port = new URL(sim.url).port;
    const rebound = `http://attacker.example:${port}`;
    const { page } = await newPage();
    for (const path of ['/', '/demo-config.json', '/pkg/index.js', `/v1/organizations/${DEMO_ORGANIZATION_ID}/workspaces`]) {
      const res = await page.goto(`${rebound}${path}`);
      assert.equal(res.status(), 421, path);
      const text = await res.text();
      assert.ok(!text.includes(DEMO_TOKEN), `${path} handed out the token`);
      assert.equal(JSON.parse(text).statusCode, 421);
    }
    // The attacker's page at the rebound name, reading the API same-origin with the (public) token, gets 421 too.
    const status = await page.evaluate(async ([org, token]) => (await fetch(`/v1/organizations/${org}/workspaces`, {
      headers: { authorization: `Bearer ${token}` },
    })).status, [DEMO_ORGANIZATION_ID, DEMO_TOKEN]);
    assert.equal(status, 421);
  });

  test('the demo page gets the security headers and runs with no CSP violation', async () => {
    const { page, consoleErrors, violations } = await newPage();
    const loaded = listed(page);
    const res = await page.goto(`${sim.url}/`);
    assert.equal(res.headers()['content-security-policy'], CONTENT_SECURITY_POLICY);
    assert.equal(res.headers()['x-content-type-options'], 'nosniff');
    assert.equal(res.headers()['referrer-policy'], 'no-referrer');
    await page.waitForSelector('[data-testid="app"][data-ready="true"]', { state: 'attached' });
    await loaded; // the package's WebAssembly compiled and the page listed the workspaces
    const css = await page.evaluate(() => [...document.styleSheets].filter((s) => s.href).length);
    assert.ok(css >= 1, 'the stylesheet loaded');
    assert.deepEqual(await violations(), [], 'no Content-Security-Policy violation');
    assert.deepEqual(consoleErrors.filter((e) => /Content Security Policy|Refused to/.test(e)), []);
  });

  test("without 'wasm-unsafe-eval' the package's WebAssembly is refused and the page cannot work", async () => {
    const strict = CONTENT_SECURITY_POLICY.replace(" 'wasm-unsafe-eval'", '');
    assert.notEqual(strict, CONTENT_SECURITY_POLICY);
    const { page, violations, requests } = await newPage();
    await page.route(`${sim.url}/`, async (route) => {
      const response = await route.fetch();
      await route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': strict } });
    });
    await page.goto(`${sim.url}/`);
    await page.waitForFunction(() => window.__violations.some((v) => v.blocked === 'wasm-eval'), null, { timeout: WAIT_MS });
    const [violation] = (await violations()).filter((v) => v.blocked === 'wasm-eval');
    assert.equal(violation.directive, 'script-src');
    const compile = await page.evaluate(() => WebAssembly.compile(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]))
      .then(() => 'compiled', (e) => e.name));
    assert.equal(compile, 'CompileError');
    assert.ok(!requests.some((r) => /\/workspaces(\?|$)/.test(r.url)), 'the page never reached the API');
  });

  test('another origin cannot frame the demo page (frame-ancestors \'none\'); without it, it could', async () => {
    pages['/frame.html'] = `<!doctype html><title>framer</title><iframe src="${sim.url}/" width="800" height="600"></iframe>`;
    /** Opens the framing page and tells whether the demo app rendered inside the frame. */
    const framed = async ({ page }) => {
      await page.goto(`${attacker.url}/frame.html`, { waitUntil: 'load' });
      const frame = page.frames().find((f) => f !== page.mainFrame());
      assert.ok(frame, 'the iframe exists');
      return frame.evaluate(() => document.querySelector('[data-testid="app"]') !== null).catch(() => false);
    };

    const blocked = await newPage();
    assert.equal(await framed(blocked), false, 'the demo page rendered inside another origin\'s frame');
    assert.ok(blocked.consoleErrors.some((e) => e.includes("frame-ancestors 'none'")), JSON.stringify(blocked.consoleErrors));

    // Control: the same page without the header is framed, so the check above can fail.
    const control = await newPage();
    await control.page.route(`${sim.url}/`, async (route) => {
      const response = await route.fetch();
      const headers = { ...response.headers() };
      delete headers['content-security-policy'];
      await route.fulfill({ response, headers });
    });
    assert.equal(await framed(control), true);
  });

  test('opened at a name that is not loopback, the page gets no token and a reason it cannot connect', async () => {
    const port = new URL(sim.url).port;
    const { page } = await newPage();
    const res = await page.goto(`http://lan-box.example:${port}/demo-config.json`);
    assert.equal(res.status(), 200);
    const body = await res.json();
    assert.equal(body.token, undefined);
    assert.match(body.cannotConnect, /^This page was opened at http:\/\/lan-box\.example:\d+\/, which is not a loopback address\./);
  });
});
