// End to end: the demo page defects of issue 10 (stale errors, "Forget token", a failed connect,
// the status line, focus, blank names, huge descriptions, Escape in the filters), each as a user
// meets it, in headless Chromium against the server `npm start` runs.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import {
  byTestId, focused, launchBrowser, openConnectionForm, openDemo, rowNames, visibleErrorBanners, waitForNoErrorBanner, waitForRows,
  waitForText,
} from './demo/browser.mjs';
import { WRONG_TOKEN, useDemo, workspaceCalls } from './demo/harness.mjs';
import { startServer } from './demo/server.mjs';

/** A 503 for every attempt of one request (the client retries 5xx twice). */
const OUTAGE = [1, 2, 3].map(() => ({ type: 'status', status: 503, message: 'Simulated outage', retryAfter: '0' }));

describe('demo page defects (issue 10)', { timeout: 90_000 }, () => {
  const demo = useDemo();
  let server;
  before(() => {
    ({ server } = demo);
  });
  const open = (options) => demo.open(options);
  /** Waits until the page has stopped sending (bounded), then returns the requests since `from`. */
  const settledRequests = async (page, requests, from = 0) => {
    await page.waitForTimeout(300);
    return requests.slice(from);
  };

  test('1: an error banner from a failed Refresh clears when the next Refresh succeeds', async () => {
    await server.createWorkspace({ name: 'Survivor' });
    const { page } = await open();
    await waitForText(page, 'page-summary', 'Showing 1–1 of 1');
    await server.admin('POST', '/faults', { faults: OUTAGE, match: { method: 'GET' } });
    await byTestId(page, 'list-refresh').click();
    await waitForText(page, 'error-status', 'HTTP 503');
    assert.deepEqual((await visibleErrorBanners(page)).length, 1);
    await byTestId(page, 'list-refresh').click();
    await waitForNoErrorBanner(page);
    await waitForText(page, 'conn-status', /^Connected to /);
    assert.deepEqual(await rowNames(page), ['Survivor']);
  });

  test('1: a server field error on the organization clears when the next create succeeds', async () => {
    const { page } = await open();
    await waitForText(page, 'page-summary', 'No workspaces');
    const message = 'organizationId is not accepted here (simulated)';
    const body = {
      message: 'Invalid request', requestId: 'req-org-1', statusCode: 400,
      fieldErrors: [{ field: 'organizationId', code: 'invalid_format', message }],
    };
    await server.admin('POST', '/faults', {
      faults: [{ type: 'status', status: 400, body: JSON.stringify(body), contentType: 'application/json' }], match: { method: 'POST' },
    });
    await byTestId(page, 'create-name').fill('First try');
    await byTestId(page, 'create-submit').click();
    await waitForText(page, 'error-request-id', 'req-org-1');
    await page.getByText(message).first().waitFor({ state: 'visible' });

    await byTestId(page, 'create-name').fill('Second try');
    await byTestId(page, 'create-submit').click();
    await waitForText(page, 'notice', 'Created workspace “Second try”.');
    await waitForNoErrorBanner(page);
    assert.equal(await page.getByText(message).filter({ visible: true }).count(), 0, 'the organization error is still shown');
  });

  test('2: "Forget token" disconnects: no client, forms off, and no reconnecting after a reload', async () => {
    await server.createWorkspace({ name: 'Private' });
    const { page, requests } = await open();
    await waitForText(page, 'page-summary', 'Showing 1–1 of 1');
    await openConnectionForm(page);
    await byTestId(page, 'conn-forget').click();
    assert.equal(await byTestId(page, 'create-name').isDisabled(), true, 'the create form still works');
    assert.equal(await byTestId(page, 'create-submit').isDisabled(), true);
    assert.equal(await byTestId(page, 'list-filter').isDisabled(), true);
    assert.deepEqual(await rowNames(page), [], 'the table still shows the organization');
    const before = requests.length;
    await byTestId(page, 'create-form').evaluate((form) => form.requestSubmit());
    assert.deepEqual(workspaceCalls(await settledRequests(page, requests, before)), [], 'the forgotten token was used');
    assert.equal(await page.evaluate(() => sessionStorage.getItem('astro-demo.token')), null);
    await waitForText(page, 'conn-status', /^Disconnected: the token is forgotten/);

    // A reload does not pick the demo token up again.
    const beforeReload = requests.length;
    await page.reload();
    await page.waitForSelector('[data-testid="app"][data-ready="true"]');
    await waitForText(page, 'conn-status', /^Not connected/);
    assert.equal(await byTestId(page, 'conn-token').inputValue(), '');
    assert.equal(await byTestId(page, 'create-name').isDisabled(), true);
    assert.deepEqual(workspaceCalls(await settledRequests(page, requests, beforeReload)), [], 'the page reconnected by itself');

    // Until the user connects again: then a reload reconnects as before.
    await byTestId(page, 'conn-use-demo').click();
    await waitForText(page, 'page-summary', 'Showing 1–1 of 1');
    await page.reload();
    await page.waitForSelector('[data-testid="app"][data-ready="true"]');
    await waitForText(page, 'conn-status', /^Connected to /);
  });

  test('2: "Forget token" while a connection is being checked wins: the answer that follows is ignored', async () => {
    const { page, requests } = await open();
    await waitForText(page, 'page-summary', 'No workspaces');
    await openConnectionForm(page);
    await server.admin('POST', '/faults', { faults: [{ type: 'delay', ms: 800 }], match: { method: 'GET' } });
    const before = requests.length;
    await byTestId(page, 'conn-submit').click();
    await page.waitForSelector('[data-testid="conn-submit"][aria-busy="true"]');
    await byTestId(page, 'conn-forget').click();
    await page.waitForSelector('[data-testid="conn-submit"]:not([aria-busy])');
    await page.waitForTimeout(300);
    await waitForText(page, 'conn-status', /^Disconnected: the token is forgotten/);
    assert.equal(await page.evaluate(() => sessionStorage.getItem('astro-demo.token')), null, 'the token was saved after all');
    assert.equal(await byTestId(page, 'create-name').isDisabled(), true);
    const sent = workspaceCalls(requests.slice(before)).map((r) => new URL(r.url).searchParams.get('limit'));
    assert.deepEqual(sent, ['0'], 'the list was loaded after "Forget token"');
  });

  test('3: a wrong token leaves nothing armed and is not saved; the check is one count request', async () => {
    const { page, requests } = await open();
    await waitForText(page, 'page-summary', 'No workspaces');
    await openConnectionForm(page);
    await byTestId(page, 'conn-token').fill(WRONG_TOKEN);
    await server.admin('POST', '/faults', { faults: [{ type: 'delay', ms: 600 }], match: { method: 'GET' } });
    const before = requests.length;
    await byTestId(page, 'conn-submit').click();
    await page.waitForSelector('[data-testid="conn-submit"][aria-busy="true"]');
    assert.notEqual(await page.evaluate(() => sessionStorage.getItem('astro-demo.token')), WRONG_TOKEN, 'saved before the check');
    await waitForText(page, 'error-class', 'AuthenticationError');
    await waitForText(page, 'conn-status', /^Not connected: the API refused this token/);

    assert.equal(await page.evaluate(() => sessionStorage.getItem('astro-demo.token')), server.token, 'the bad token replaced the good one');
    assert.equal(await byTestId(page, 'create-name').isDisabled(), true, 'the create form is armed with the bad client');
    assert.equal(await byTestId(page, 'create-submit').isDisabled(), true);
    await byTestId(page, 'create-form').evaluate((form) => form.requestSubmit());
    const sent = workspaceCalls(await settledRequests(page, requests, before));
    assert.deepEqual(sent.map((r) => [r.method, new URL(r.url).searchParams.get('limit')]), [['GET', '0']]);
    await waitForText(page, 'page-summary', 'Not loaded');
  });

  test('4: with the simulator stopped the status says the connection is lost, as the error does', async () => {
    const own = await startServer();
    try {
      const { page } = await open({ server: own });
      await waitForText(page, 'conn-status', /^Connected to /);
      await own.stop();
      await byTestId(page, 'list-refresh').click();
      await waitForText(page, 'error-class', 'ConnectionError');
      await waitForText(page, 'conn-status', /^Connection lost: /);
      assert.doesNotMatch(await byTestId(page, 'conn-status').textContent(), /Connected to/);
      await waitForText(page, 'conn-summary-state', 'Connection lost');
      assert.equal(await byTestId(page, 'conn-status').getAttribute('data-tone'), 'bad');
      assert.equal(await byTestId(page, 'conn-status').isVisible(), true, 'the folded panel hides the bad news');
    } finally {
      await own.stop();
    }
  });

  test('4: while the API fails the status says so, and it says "Connected" again once it answers', async () => {
    const { page } = await open();
    await waitForText(page, 'page-summary', 'No workspaces');
    await server.admin('POST', '/faults', { faults: OUTAGE, match: { method: 'GET' } });
    await byTestId(page, 'list-refresh').click();
    await waitForText(page, 'error-status', 'HTTP 503');
    await waitForText(page, 'conn-status', /^Connected to .*, but the API is failing \(InternalServerError, HTTP 503\)/);
    await byTestId(page, 'list-refresh').click();
    await waitForText(page, 'conn-status', /^Connected to [^,]+, organization /);
  });

  test('5: Next and Previous keep the focus (or hand it to the table on the last page)', async () => {
    for (let i = 1; i <= 45; i += 1) await server.createWorkspace({ name: `Workspace ${String(i).padStart(2, '0')}` });
    const { page } = await open();
    await byTestId(page, 'list-sort').selectOption('name:asc');
    await waitForText(page, 'row-name', 'Workspace 01');
    await page.waitForSelector('[data-testid="page-next"]:enabled');
    await byTestId(page, 'page-next').focus();
    await page.keyboard.press('Enter');
    await waitForText(page, 'page-summary', 'Showing 21–40 of 45');
    assert.equal((await focused(page)).testid, 'page-next');
    await page.keyboard.press('Enter');
    await waitForText(page, 'page-summary', 'Showing 41–45 of 45');
    assert.equal((await focused(page)).testid, 'workspace-table', 'Next is disabled on the last page: the table gets the focus');
    await byTestId(page, 'page-prev').focus();
    await page.keyboard.press('Enter');
    await waitForText(page, 'page-summary', 'Showing 21–40 of 45');
    assert.equal((await focused(page)).testid, 'page-prev');
  });

  test('5: closing View returns the focus to its button; saving an edit to the row\'s new Edit button', async () => {
    await server.createWorkspace({ name: 'First' });
    const second = await server.createWorkspace({ name: 'Second' });
    const { page } = await open();
    await waitForRows(page, ['Second', 'First']);
    const row = page.locator(`[data-testid="workspace-row"][data-workspace-id="${second.id}"]`);

    await byTestId(row, 'row-view').focus();
    await page.keyboard.press('Enter');
    await byTestId(page, 'details-dialog').waitFor({ state: 'visible' });
    await page.keyboard.press('Escape');
    await byTestId(page, 'details-dialog').waitFor({ state: 'hidden' });
    assert.deepEqual(await focused(page), { tag: 'BUTTON', testid: 'row-view', id: null, rowId: second.id });

    await byTestId(row, 'row-edit').focus();
    await page.keyboard.press('Enter');
    await byTestId(page, 'edit-dialog').waitFor({ state: 'visible' });
    await byTestId(page, 'edit-name').fill('Second, renamed');
    await byTestId(page, 'edit-name').press('Enter');
    await byTestId(page, 'edit-dialog').waitFor({ state: 'hidden' });
    await waitForRows(page, ['Second, renamed', 'First']);
    assert.deepEqual(await focused(page), { tag: 'BUTTON', testid: 'row-edit', id: null, rowId: second.id });
  });

  test('5: after deleting, the focus is on the row that took its place', async () => {
    const names = ['One', 'Two', 'Three'];
    const made = [];
    for (const name of names) made.push(await server.createWorkspace({ name }));
    const { page } = await open();
    await byTestId(page, 'list-sort').selectOption('createdAt:asc');
    await waitForRows(page, names);
    await byTestId(page.locator(`[data-workspace-id="${made[1].id}"]`), 'row-delete').focus();
    await page.keyboard.press('Enter');
    await byTestId(page, 'delete-dialog').waitFor({ state: 'visible' });
    await byTestId(page, 'delete-confirm').focus();
    await page.keyboard.press('Enter');
    await byTestId(page, 'delete-dialog').waitFor({ state: 'hidden' });
    await waitForRows(page, ['One', 'Three']);
    const now = await focused(page);
    assert.equal(now.rowId, made[2].id, `the focus is on ${JSON.stringify(now)}`);
  });

  test('5: a skip link is the first stop and leads to the workspace list', async () => {
    const { page } = await open();
    await page.keyboard.press('Tab');
    assert.equal((await focused(page)).testid, 'skip-link');
    const box = await byTestId(page, 'skip-link').boundingBox();
    assert.ok(box && box.y >= 0 && box.height > 10, `the focused skip link is not on screen: ${JSON.stringify(box)}`);
    await page.keyboard.press('Enter');
    assert.equal((await focused(page)).id, 'workspaces');
    // "New workspace" in the list's header leads to the create form's first field.
    await waitForText(page, 'conn-summary-state', 'Connected');
    await byTestId(page, 'new-workspace-link').click();
    assert.equal((await focused(page)).testid, 'create-name');
  });

  test('8: a name made of spaces shows as "(blank name)" in the row, the details and the delete dialog', async () => {
    await server.createWorkspace({ name: '   ' });
    const { page } = await open();
    await waitForRows(page, ['(blank name)']);
    assert.equal(await byTestId(page, 'row-name').isVisible(), true);
    await byTestId(page, 'row-view').click();
    await waitForText(page, 'details-title', '(blank name)');
    await byTestId(page, 'details-close').click();
    await byTestId(page, 'row-delete').click();
    await waitForText(page, 'delete-name', '(blank name)');
  });

  test('8: a 1 MB description is cut short in the table and shown whole, scrolling, in the details', async () => {
    const description = 'lorem ipsum '.repeat(83_334).slice(0, 1_000_000);
    await server.createWorkspace({ name: 'Huge', description });
    const { page } = await open({ viewport: { width: 1280, height: 800 } });
    await waitForRows(page, ['Huge']);
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    assert.ok(height < 3000, `the page is ${height}px tall`);
    const shown = await byTestId(page, 'row-description').textContent();
    assert.ok(shown.length <= 200 && shown.endsWith('…'), `the table shows ${shown.length} characters`);

    await byTestId(page, 'row-view').click();
    await byTestId(page, 'details-dialog').waitFor({ state: 'visible' });
    const region = byTestId(page, 'details-description');
    assert.equal((await region.textContent()).length, 1_000_000);
    const sizes = await region.evaluate((el) => ({ scroll: el.scrollHeight, client: el.clientHeight }));
    assert.ok(sizes.scroll > sizes.client * 10, `the description does not scroll: ${JSON.stringify(sizes)}`);
    const close = await byTestId(page, 'details-close').boundingBox();
    assert.ok(close && close.y + close.height <= 800, `Close is off screen: ${JSON.stringify(close)}`);
  });

  test('8: Escape in a filter clears it and loads the list without it', async () => {
    const made = {};
    for (const name of ['Alpha', 'Beta', 'Gamma']) made[name] = await server.createWorkspace({ name });
    const { page } = await open();
    await waitForText(page, 'page-summary', 'Showing 1–3 of 3');
    await byTestId(page, 'list-filter').fill('Beta');
    await byTestId(page, 'list-filter').press('Enter');
    await waitForText(page, 'page-summary', 'Showing 1–1 of 1');
    await byTestId(page, 'list-filter').press('Escape');
    await waitForText(page, 'page-summary', 'Showing 1–3 of 3');
    assert.equal(await byTestId(page, 'list-filter').inputValue(), '');
    assert.equal((await focused(page)).testid, 'list-filter');

    await byTestId(page, 'list-filter-id').fill(made.Gamma.id);
    await byTestId(page, 'list-filter-id').press('Enter');
    await waitForRows(page, ['Gamma']);
    await byTestId(page, 'list-filter-id').press('Escape');
    await waitForText(page, 'page-summary', 'Showing 1–3 of 3');
  });

  test('7: opened at a network name, the page shows the simulator\'s cannotConnect and does not try to connect', async () => {
    // The simulator answers to lan-box.example (--allow-host) and the browser resolves that name to
    // 127.0.0.1: the page is opened as another machine on the network would open it.
    const own = await startServer({ extraArgs: ['--allow-host', 'lan-box.example'] });
    const browser = await launchBrowser({ extraArgs: ['--host-resolver-rules=MAP lan-box.example 127.0.0.1'] });
    try {
      const remote = { url: own.url.replace('//127.0.0.1:', '//lan-box.example:') };
      const { page, requests, context } = await openDemo(browser, remote);
      await waitForText(page, 'conn-remote-text', /^This page was opened at http:\/\/lan-box\.example:\d+\/, which is not a loopback address\./);
      assert.equal(await byTestId(page, 'conn-remote').isVisible(), true);
      assert.match(await byTestId(page, 'conn-remote-text').textContent(), /ssh -L/);
      assert.equal(await byTestId(page, 'conn-token').inputValue(), '', 'a token reached the page');
      assert.equal(await byTestId(page, 'conn-use-demo').isVisible(), false);
      await waitForText(page, 'conn-status', /^Not connected/);
      assert.deepEqual(workspaceCalls(await settledRequests(page, requests)), [], 'the page tried to connect');
      await context.close();
    } finally {
      await browser.close();
      await own.stop();
    }
  });
});
