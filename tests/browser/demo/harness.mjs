// The hooks every demo-page test file shares: one simulator and one headless Chromium per
// file, a simulator reset before each test, and after each test the page contexts closed and
// any error the page threw reported as a failure.
import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach } from 'node:test';
import { launchBrowser, openDemo } from './browser.mjs';
import { startServer } from './server.mjs';

/** A token the simulator does not know; it must never be readable on the page either. */
export const WRONG_TOKEN = 'wrong-token-0f3e5d7c9b1a2468';

/**
 * Registers the hooks in the calling `describe` and returns the shared state:
 * `server` (see server.mjs), `pkg` (the package's Node build, to compare the page's messages
 * with), `open(options)` (a fresh page, closed after the test: `{ page, requests }`) and
 * `secrets()` (what `snap` must never find on the page).
 */
export function useDemo() {
  const state = {
    server: null,
    browser: null,
    pkg: null,
    opened: [],
    /** Opens the page in a fresh context (of `options.server`, else the shared one); closed after the test. */
    async open(options = {}) {
      const session = await openDemo(state.browser, options.server ?? state.server, options);
      state.opened.push(session);
      return session;
    },
    secrets: () => [state.server.token, WRONG_TOKEN],
  };
  before(async () => {
    state.server = await startServer(); // fails with a clear message when pkg/ is not built
    state.pkg = await import('../../../pkg/node.mjs');
    state.browser = await launchBrowser();
  });
  after(async () => {
    await state.browser?.close();
    await state.server?.stop();
  });
  beforeEach(async () => {
    assert.equal((await state.server.admin('POST', '/reset')).status, 204);
  });
  afterEach(async () => {
    const opened = state.opened;
    state.opened = [];
    for (const { context } of opened) await context.close();
    assert.deepEqual(opened.flatMap(({ pageErrors }) => pageErrors.map(String)), [], 'the page threw');
  });
  return state;
}

/** The workspace API calls among recorded page requests, optionally of one method. */
export function workspaceCalls(requests, method) {
  return requests.filter((r) => (!method || r.method === method) && /\/workspaces(\/|\?|$)/.test(new URL(r.url).pathname + new URL(r.url).search));
}
