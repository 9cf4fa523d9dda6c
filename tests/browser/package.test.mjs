// The built package in a real browser: headless Chromium (Debian's /usr/bin/chromium, driven
// by playwright-core) loads tests/browser/fixtures/package.html, which imports /pkg/index.js
// with <script type="module">. One loopback server serves the page, pkg/ and the API route
// (same origin, so no CORS), and records every API request.
//
//   node --test tests/browser/package.test.mjs

import { describe, test, before, after, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { startRecordingServer } from '../support/recording-server.mjs';
import { launchBrowser, servePackage } from './demo/browser.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SCREENSHOTS = path.join(ROOT, 'tests', 'screenshots');

const ORG = 'clm8t5u4q000008jq4qoc3036';
const TOKEN = 'astro-browser-token-Kq81vXz0';
const PATH = `/v1/organizations/${ORG}/workspaces`;
const WORKSPACE = {
  id: 'cln0w8k2a000108l5e2xy7fgh',
  name: 'Browser Workspace',
  organizationId: ORG,
  cicdEnforcedDefault: true,
  createdAt: '2023-09-08T12:00:00Z',
  updatedAt: '2023-09-08T13:30:00Z',
  description: 'made in headless Chromium',
  createdBy: { id: 'clm8qv74h000008mlf08scq7k', subjectType: 'USER', username: 'user1@company.com' },
};

describe('the package in headless Chromium', { timeout: 120000 }, () => {
  let server;
  let other;
  let browser;
  let page;
  const pageErrors = [];

  before(async () => {
    server = await servePackage();
    other = await startRecordingServer();
    browser = await launchBrowser();
    const context = await browser.newContext({ viewport: { width: 900, height: 900 } });
    page = await context.newPage();
    page.setDefaultTimeout(15000);
    page.on('pageerror', (e) => pageErrors.push(String(e)));
    await page.goto(`${server.origin}/fixtures/package.html`);
    await page.waitForSelector('body[data-ready="true"]');
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    await other?.close();
  });

  beforeEach(() => {
    server.reset();
    other.reset();
  });

  afterEach(() => {
    assert.deepEqual(server.unexpected.map((r) => `${r.method} ${r.url}`), [], 'requests nothing was scripted for');
    assert.equal(server.pending, 0, 'scripted responses no request asked for');
    assert.deepEqual(pageErrors, [], 'uncaught errors in the page');
  });

  test('the page loaded the package module from /pkg/', () => {
    assert.ok(server.served.includes('/pkg/index.js'), server.served.join(', '));
    assert.ok(server.served.includes('/fixtures/package.html'));
  });

  test('validateCreateWorkspace before `await init()` throws an AstroError that says to call init()', async () => {
    const preInit = await page.evaluate(() => window.pageTest.preInit);
    assert.equal(preInit.threw, true, `returned ${JSON.stringify(preInit.value)} without init()`);
    assert.equal(preInit.isAstroError, true, `threw a ${preInit.name}, not an AstroError`);
    assert.match(preInit.message, /init\(\)/);
    assert.match(await page.textContent('#pre-init-text'), /init\(\)/);
  });

  test('after `await init()` (idempotent) validateCreateWorkspace works', async () => {
    const r = await page.evaluate(() => window.pageTest.validateAfterInit());
    assert.equal(r.samePromise, true, 'init() returned a new promise the second time');
    assert.deepEqual(r.valid, []);
    assert.deepEqual(r.invalid.map((p) => `${p.field}:${p.code}`), ['name:too_long']);
    assert.ok(server.served.some((p) => p.endsWith('.wasm')), 'no .wasm was fetched');
    assert.match(await page.textContent('#validation-text'), /too_long/);
  });

  test('createWorkspace creates a Workspace; the page shows it; the token is not on the page', async () => {
    server.respond({ method: 'POST', path: PATH, body: WORKSPACE });
    const r = await page.evaluate(
      ({ token }) => window.pageTest.create({ name: 'Browser Workspace', description: 'made in headless Chromium', cicdEnforcedDefault: null }, token),
      { token: TOKEN },
    );
    assert.equal(r.ok, true, JSON.stringify(r.error));
    assert.deepEqual(r.value, WORKSPACE);
    assert.equal(r.prototypeIsObject, true);

    assert.equal(server.requests.length, 1);
    const [req] = server.requests;
    assert.equal(req.method, 'POST');
    assert.equal(req.url, PATH);
    assert.equal(req.headers.authorization, `Bearer ${TOKEN}`);
    assert.equal(req.headers['content-type'], 'application/json');
    assert.equal(req.headers.accept, 'application/json');
    assert.deepEqual(req.json, { name: 'Browser Workspace', description: 'made in headless Chromium' });

    assert.equal(await page.textContent('[data-field="name"]'), 'Browser Workspace');
    assert.equal(await page.textContent('[data-field="id"]'), WORKSPACE.id);
    assert.equal(await page.textContent('[data-field="createdAt"]'), WORKSPACE.createdAt);

    const html = await page.content();
    assert.ok(!html.includes(TOKEN), 'the token is in the page');
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'package-page.png'), fullPage: true });
  });

  test('an invalid request rejects with a ValidationError instance and sends nothing', async () => {
    const r = await page.evaluate(({ token }) => window.pageTest.create({ name: '' }, token), { token: TOKEN });
    assert.equal(r.ok, false);
    assert.equal(r.error.isValidationError, true, JSON.stringify(r.error));
    assert.equal(r.error.isAstroError, true);
    assert.equal(r.error.name, 'ValidationError');
    assert.deepEqual(r.error.fieldErrors.map((p) => `${p.field}:${p.code}`), ['name:too_short']);
    assert.equal(server.requests.length, 0);
    assert.match(await page.textContent('#error-text'), /^ValidationError: /);
  });

  test('a 404 rejects with a NotFoundError instance of the page\'s own classes', async () => {
    server.respond({ status: 404, body: { message: 'organization not found', requestId: 'req-browser', statusCode: 404 } });
    const r = await page.evaluate(({ token }) => window.pageTest.create({ name: 'x' }, token), { token: TOKEN });
    assert.equal(r.ok, false);
    assert.equal(r.error.isNotFoundError, true, JSON.stringify(r.error));
    assert.equal(r.error.isApiError, true);
    assert.equal(r.error.status, 404);
    assert.equal(r.error.message, 'organization not found');
    assert.equal(r.error.requestId, 'req-browser');
  });

  test('a redirect to another origin is not followed: ApiError, the other origin sees nothing', async () => {
    server.respond({ status: 302, headers: { location: `${other.origin}${PATH}` }, body: '' });
    const r = await page.evaluate(({ token }) => window.pageTest.create({ name: 'x' }, token), { token: TOKEN });
    assert.equal(r.ok, false);
    assert.equal(r.error.isApiError, true, JSON.stringify(r.error));
    assert.match(r.error.message, /redirect/i);
    assert.equal(server.requests.length, 1);
    assert.deepEqual(other.requests, [], 'the browser followed the redirect');
    const html = await page.content();
    assert.ok(!html.includes(TOKEN), 'the token is in the page');
  });
});
