// A failed load of the `.wasm` in a browser (issue 9): `init()` rejects with an AstroError
// whose `cause` is the browser's own error, so does the first async call, and calling again
// loads the module. Headless Chromium (playwright-core, Debian's /usr/bin/chromium) imports
// /pkg/index.js into a blank page; page.route makes the first `.wasm` request fail.
//
//   node --test tests/browser/init-retry.test.mjs

import { describe, test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';

import { launchBrowser, servePackage } from './demo/browser.mjs';

const ORG = 'clm8t5u4q000008jq4qoc3036';
const PATH = `/v1/organizations/${ORG}/workspaces`;

/** In the page: imports the package and runs `steps`, reporting each outcome as plain data. */
async function inPage(page, origin, steps) {
  return page.evaluate(async ({ origin, steps, org }) => {
    const m = await import('/pkg/index.js');
    const describeError = (e) => ({
      name: e?.name,
      message: e?.message,
      isAstroError: e instanceof m.AstroError,
      isNotFoundError: e instanceof m.NotFoundError,
      causeName: e?.cause?.name,
      causeMessage: e?.cause?.message,
      causeIsAstroError: e?.cause instanceof m.AstroError,
    });
    const run = {
      init: () => m.init(),
      validate: async () => m.validateCreateWorkspace(org, { name: '' }),
      create: () => m.createWorkspace(org, { name: 'x' }, { token: 'tok-1', baseUrl: `${origin}/v1` }),
    };
    const out = [];
    for (const step of steps) {
      try {
        out.push({ ok: true, value: await run[step]() ?? null });
      } catch (e) {
        out.push({ ok: false, error: describeError(e) });
      }
    }
    return out;
  }, { origin, steps, org: ORG });
}

describe('a failed load of the WASM module in headless Chromium', { timeout: 120000 }, () => {
  let server;
  let browser;
  let wasmRequests;
  const pageErrors = [];

  before(async () => {
    server = await servePackage();
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  afterEach(() => {
    assert.deepEqual(server.unexpected.map((r) => `${r.method} ${r.url}`), [], 'requests nothing was scripted for');
    assert.deepEqual(pageErrors.splice(0), [], 'uncaught errors in the page');
  });

  /** A fresh page whose first `.wasm` request gets `failure` (route.abort or a status). */
  async function pageFailingOnce(failure) {
    const context = await browser.newContext();
    const page = await context.newPage();
    page.setDefaultTimeout(15000);
    page.on('pageerror', (e) => pageErrors.push(String(e)));
    wasmRequests = 0;
    await page.route('**/*.wasm', async (route) => {
      wasmRequests += 1;
      if (wasmRequests > 1) return route.continue();
      if (failure === 'abort') return route.abort('internetdisconnected');
      return route.fulfill({ status: failure, contentType: 'text/plain', body: 'gone' });
    });
    await page.goto(`${server.origin}/fixtures/blank.html`);
    return page;
  }

  test('init() rejects with an AstroError caused by the network error; the next init() loads', async () => {
    const page = await pageFailingOnce('abort');
    const [failed, validateAfterFailure, retried, validated] = await inPage(page, server.origin, ['init', 'validate', 'init', 'validate']);
    assert.equal(failed.ok, false, 'init() resolved although the .wasm request failed');
    assert.equal(failed.error.isAstroError, true, JSON.stringify(failed.error));
    assert.equal(failed.error.name, 'AstroError');
    assert.equal(failed.error.causeName, 'TypeError', 'the cause is not the browser\'s fetch error');
    assert.equal(failed.error.causeIsAstroError, false);
    assert.match(failed.error.message, /could not load its WebAssembly module: Failed to fetch/);
    assert.equal(validateAfterFailure.ok, false);
    assert.match(validateAfterFailure.error.message, /init\(\)/);
    assert.equal(retried.ok, true, `the second init() failed: ${JSON.stringify(retried.error)}`);
    assert.deepEqual(validated.value.map((p) => `${p.field}:${p.code}`), ['name:too_short']);
    assert.equal(wasmRequests, 2, 'the second init() did not fetch the module again');
    await page.context().close();
  });

  test('the first createWorkspace rejects with an AstroError caused by a 404 for the .wasm; the next call goes through', async () => {
    const page = await pageFailingOnce(404);
    server.respond({ method: 'POST', path: PATH, status: 404, body: { message: 'organization not found', requestId: 'r-1', statusCode: 404 } });
    const [failed, second] = await inPage(page, server.origin, ['create', 'create']);
    assert.equal(failed.ok, false);
    assert.equal(failed.error.isAstroError, true, JSON.stringify(failed.error));
    assert.equal(failed.error.isNotFoundError, false, 'the .wasm 404 was reported as an API 404');
    assert.equal(failed.error.causeName, 'Error');
    assert.match(failed.error.causeMessage, /failed to fetch Wasm: 404/);
    assert.equal(second.ok, false);
    assert.equal(second.error.isNotFoundError, true, `the retried call did not reach the API: ${JSON.stringify(second.error)}`);
    assert.equal(second.error.message, 'organization not found');
    assert.equal(server.requests.length, 1, 'the failed load sent an API request');
    assert.equal(wasmRequests, 2);
    await page.context().close();
  });
});
