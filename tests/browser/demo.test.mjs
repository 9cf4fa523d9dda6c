// End to end: the demo page in headless Chromium against the server `npm start` runs
// (`node sim/cli.mjs`, here on a free port with --faults for the request log and resets).
// Each test saves a screenshot under tests/screenshots/ (git-ignored), never showing a token.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { byTestId, openConnectionForm, rowNames, snap, textsOf, waitForRows, waitForText } from './demo/browser.mjs';
import { WRONG_TOKEN, useDemo, workspaceCalls } from './demo/harness.mjs';

describe('demo page (www/) in headless Chromium', { timeout: 60_000 }, () => {
  const demo = useDemo();
  let server;
  /** The package's own validator (its Node build), to compare the page's messages with. */
  let validateCreateWorkspace;
  before(() => {
    ({ server } = demo);
    ({ validateCreateWorkspace } = demo.pkg);
  });
  const open = (options) => demo.open(options);
  const secrets = () => demo.secrets();

  test('the connection panel is prefilled with the simulator demo values; the token stays masked, in sessionStorage only', async () => {
    // The simulator publishes them for the page at /demo-config.json.
    const res = await fetch(`${server.url}/demo-config.json`, { signal: AbortSignal.timeout(5000) });
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), {
      apiBasePath: new URL(server.apiBaseUrl).pathname, token: server.token,
      organizationId: server.organizationId, organizationName: 'Demo Organization',
    });

    // The simulator's default API is v1, and the page takes its base from the demo config.
    assert.equal(new URL(server.apiBaseUrl).pathname, '/v1');
    const { page } = await open();
    assert.equal(await byTestId(page, 'conn-base-url').inputValue(), server.apiBaseUrl);
    assert.equal(await byTestId(page, 'conn-org').inputValue(), server.organizationId);
    const token = byTestId(page, 'conn-token');
    assert.equal(await token.getAttribute('type'), 'password');
    assert.equal(await token.inputValue(), server.token);
    const hint = await byTestId(page, 'conn-token-hint').textContent();
    assert.match(hint, new RegExp(`${server.token.slice(-4)}\\b`));
    assert.ok(!hint.includes(server.token.slice(0, -4)), 'the hint shows more than the last 4 characters');
    await waitForText(page, 'conn-status', `Connected to ${server.apiBaseUrl}, organization ${server.organizationId}.`);

    const storage = await page.evaluate(() => ({ local: localStorage.length, session: sessionStorage.getItem('astro-demo.token') }));
    assert.deepEqual(storage, { local: 0, session: server.token });
    // A reload keeps the connection for this tab.
    await page.reload();
    await page.waitForSelector('[data-testid="app"][data-ready="true"]');
    await waitForText(page, 'conn-status', /^Connected/);
    await snap(page, 'connection', secrets());
  });

  test('bad connection values get the package messages on their fields, and no request', async () => {
    const { page, requests } = await open();
    await waitForText(page, 'conn-status', /^Connected/);
    const before = requests.length;
    await openConnectionForm(page);
    await byTestId(page, 'conn-base-url').fill('http://example.com/v1');
    await byTestId(page, 'conn-org').fill('not-a-cuid');
    await byTestId(page, 'conn-submit').click();
    await waitForText(page, 'conn-base-url-error', /^baseUrl must use https:/);
    await waitForText(page, 'conn-org-error', /^organizationId must be a CUID/);
    assert.equal(await byTestId(page, 'conn-org').getAttribute('aria-invalid'), 'true');
    await waitForText(page, 'conn-status', 'Not connected: fix the fields above.');
    assert.deepEqual(requests.slice(before), []);
    await snap(page, 'connection-invalid', secrets());
  });

  test('can point at another API (the real one) by base URL; its answers are shown the same way', async () => {
    const { page } = await open();
    await waitForText(page, 'conn-status', /^Connected/);
    const seen = [];
    // Stand in for https://api.astronomer.io so the test needs no network and no account.
    await page.route('https://api.astronomer.io/**', (route) => {
      const req = route.request();
      seen.push({ method: req.method(), url: req.url(), authorization: req.headers().authorization });
      const cors = {
        'access-control-allow-origin': server.url, 'access-control-allow-headers': '*, authorization',
        'access-control-expose-headers': 'x-request-id', 'access-control-allow-methods': 'GET, POST, DELETE',
      };
      if (req.method() === 'OPTIONS') return route.fulfill({ status: 204, headers: cors });
      return route.fulfill({
        status: 403, headers: { ...cors, 'content-type': 'application/json', 'x-request-id': 'real-api-req-7' },
        body: JSON.stringify({ message: 'Forbidden', requestId: 'real-api-req-7', statusCode: 403 }),
      });
    });
    await openConnectionForm(page);
    await byTestId(page, 'conn-base-url').fill('https://api.astronomer.io/v1');
    await byTestId(page, 'conn-token').fill(WRONG_TOKEN);
    await byTestId(page, 'conn-submit').click();
    await waitForText(page, 'error-class', 'PermissionDeniedError');
    await waitForText(page, 'error-request-id', 'real-api-req-7');
    const get = seen.find((r) => r.method === 'GET');
    assert.ok(get, `no GET reached the API: ${JSON.stringify(seen)}`);
    assert.equal(new URL(get.url).pathname, `/v1/organizations/${server.organizationId}/workspaces`);
    assert.equal(get.authorization, `Bearer ${WRONG_TOKEN}`);
    await snap(page, 'other-api', secrets());
  });

  test('creates a workspace and shows it in the table (with a loading state while it waits)', async () => {
    const { page, requests } = await open();
    await waitForText(page, 'page-summary', 'No workspaces');
    const submit = byTestId(page, 'create-submit');
    assert.equal(await submit.isDisabled(), true, 'submit is enabled on an empty form');

    await byTestId(page, 'create-name').fill('Data Platform');
    await byTestId(page, 'create-description').fill('Pipelines for the analytics team');
    await byTestId(page, 'create-cicd').check();
    await waitForText(page, 'create-name-count', '13 / 50');
    assert.equal(await submit.isEnabled(), true);

    // Hold the create request for a moment to see the button wait.
    await server.admin('POST', '/faults', { faults: [{ type: 'delay', ms: 1500 }], match: { method: 'POST' } });
    await submit.click();
    await page.waitForSelector('[data-testid="create-submit"][aria-busy="true"]:disabled');
    assert.equal((await submit.textContent()).trim(), 'Creating…');

    await waitForText(page, 'page-summary', 'Showing 1–1 of 1');
    assert.deepEqual(await rowNames(page), ['Data Platform']);
    assert.deepEqual(await textsOf(page, 'row-description'), ['Pipelines for the analytics team']);
    assert.deepEqual(await textsOf(page, 'row-cicd'), ['Enforced']);
    await waitForText(page, 'notice', 'Created workspace “Data Platform”.');
    await page.waitForSelector('[data-testid="create-submit"]:not([aria-busy])');
    assert.equal(await byTestId(page, 'create-name').inputValue(), '', 'the form is cleared after creating');

    const [created] = (await server.listWorkspaces()).workspaces;
    assert.equal(created.name, 'Data Platform');
    assert.equal(created.description, 'Pipelines for the analytics team');
    assert.equal(created.cicdEnforcedDefault, true);
    assert.equal(workspaceCalls(requests, 'POST').length, 1);
    await snap(page, 'create', secrets());
  });

  test('a 51-character name shows the package message and sends no request', async () => {
    const { page, requests } = await open();
    await waitForText(page, 'page-summary', 'No workspaces');
    assert.equal((await server.admin('DELETE', '/requests')).status, 204);
    const before = requests.length;
    const name = byTestId(page, 'create-name');
    const submit = byTestId(page, 'create-submit');

    // 50 emoji are 100 UTF-16 units but 50 code points: valid, as the package counts.
    await name.fill('🚀'.repeat(50));
    await waitForText(page, 'create-name-count', '50 / 50');
    assert.equal(await byTestId(page, 'create-name-error').isVisible(), false);
    assert.equal(await submit.isEnabled(), true);

    await name.fill('');
    await name.pressSequentially('a'.repeat(51), { delay: 0 });
    const expected = validateCreateWorkspace(server.organizationId, { name: 'a'.repeat(51) });
    assert.equal(expected.length, 1);
    await waitForText(page, 'create-name-count', '51 / 50');
    await waitForText(page, 'create-name-error', expected[0].message);
    assert.equal(await name.getAttribute('aria-invalid'), 'true');
    assert.equal(await submit.isDisabled(), true);

    // Neither Enter nor a submit that bypasses the disabled button may send anything.
    await name.press('Enter');
    await byTestId(page, 'create-form').evaluate((form) => form.requestSubmit());
    await page.waitForTimeout(300);
    assert.deepEqual(requests.slice(before), [], 'the page sent a request for an invalid name');
    assert.equal(await byTestId(page, 'error-banner').count(), 0, 'the page tried to submit (the package refused it)');
    assert.deepEqual((await server.loggedRequests()).filter((r) => r.method === 'POST'), [], 'the simulator received a POST');
    await snap(page, 'name-too-long', secrets());
  });

  test('views a workspace with every field from getWorkspace', async () => {
    const ws = await server.createWorkspace({ name: 'Observability', description: 'Metrics and logs', cicdEnforcedDefault: true });
    const { page, requests } = await open();
    await waitForText(page, 'page-summary', 'Showing 1–1 of 1');
    await byTestId(page, 'row-view').click();
    const dialog = byTestId(page, 'details-dialog');
    await dialog.waitFor({ state: 'visible' });
    const text = await byTestId(page, 'details-list').innerText();
    for (const part of [ws.id, 'Metrics and logs', 'Demo Organization', 'demo-token (SERVICEKEY)', 'Yes']) {
      assert.ok(text.includes(part), `details lack ${part}: ${text}`);
    }
    assert.ok(requests.some((r) => r.method === 'GET' && r.url.endsWith(`/workspaces/${ws.id}`)), 'no getWorkspace request');
    await snap(page, 'details', secrets());
    await byTestId(page, 'details-close').click();
    await dialog.waitFor({ state: 'hidden' });
  });

  test('edits a workspace, validated as the user types, saved with updateWorkspace', async () => {
    const ws = await server.createWorkspace({ name: 'Before edit', description: 'old text' });
    const { page } = await open();
    await waitForText(page, 'page-summary', 'Showing 1–1 of 1');
    await byTestId(page, 'row-edit').click();
    const dialog = byTestId(page, 'edit-dialog');
    await dialog.waitFor({ state: 'visible' });
    assert.equal(await byTestId(page, 'edit-name').inputValue(), 'Before edit');
    assert.equal(await byTestId(page, 'edit-description').inputValue(), 'old text');
    assert.equal(await byTestId(page, 'edit-cicd').isChecked(), false);

    const save = byTestId(page, 'edit-submit');
    await byTestId(page, 'edit-name').fill('');
    await waitForText(page, 'edit-name-error', validateCreateWorkspace(server.organizationId, { name: '' })[0].message);
    assert.equal(await save.isDisabled(), true);

    await byTestId(page, 'edit-name').fill('After edit');
    await byTestId(page, 'edit-description').fill('new text');
    await byTestId(page, 'edit-cicd').check();
    await waitForText(page, 'edit-name-count', '10 / 50');
    assert.equal(await byTestId(page, 'edit-name-error').isVisible(), false);
    await snap(page, 'edit-dialog', secrets());
    await save.click();
    await dialog.waitFor({ state: 'hidden' });
    await waitForText(page, 'notice', 'Saved workspace “After edit”.');
    await waitForRows(page, ['After edit']);
    assert.deepEqual(await textsOf(page, 'row-cicd'), ['Enforced']);

    const { json } = await server.getWorkspace(ws.id);
    assert.deepEqual([json.name, json.description, json.cicdEnforcedDefault], ['After edit', 'new text', true]);
    await snap(page, 'edit', secrets());
  });

  test('deletes a workspace only after the confirmation dialog', async () => {
    await server.createWorkspace({ name: 'Keep me' });
    const doomed = await server.createWorkspace({ name: 'Delete me' });
    const { page, requests } = await open();
    await waitForText(page, 'page-summary', 'Showing 1–2 of 2');
    const row = page.locator(`[data-testid="workspace-row"][data-workspace-id="${doomed.id}"]`);
    const dialog = byTestId(page, 'delete-dialog');

    await byTestId(row, 'row-delete').click();
    await dialog.waitFor({ state: 'visible' });
    await byTestId(page, 'delete-cancel').click();
    await dialog.waitFor({ state: 'hidden' });
    assert.deepEqual(workspaceCalls(requests, 'DELETE'), [], 'cancel sent a DELETE');

    await byTestId(row, 'row-delete').click();
    await dialog.waitFor({ state: 'visible' });
    await waitForText(page, 'delete-name', 'Delete me');
    await snap(page, 'delete-confirm', secrets());
    await byTestId(page, 'delete-confirm').click();
    await dialog.waitFor({ state: 'hidden' });
    await waitForText(page, 'page-summary', 'Showing 1–1 of 1');
    assert.deepEqual(await rowNames(page), ['Keep me']);
    await waitForText(page, 'notice', 'Deleted workspace “Delete me”.');
    assert.equal((await server.getWorkspace(doomed.id)).status, 404);
    await snap(page, 'delete', secrets());
  });

  test('a wrong token shows a 401 banner with the class, message and request ID', async () => {
    const { page } = await open();
    await openConnectionForm(page);
    await byTestId(page, 'conn-token').fill(WRONG_TOKEN);
    const response = page.waitForResponse((res) => res.url().includes('/workspaces') && res.status() === 401);
    await byTestId(page, 'conn-submit').click();
    const requestId = (await response).headers()['x-request-id'];
    assert.ok(requestId, 'the 401 has no x-request-id');

    await byTestId(page, 'error-banner').waitFor({ state: 'visible' });
    await waitForText(page, 'error-class', 'AuthenticationError');
    await waitForText(page, 'error-status', 'HTTP 401');
    await waitForText(page, 'error-request-id', requestId);
    assert.ok((await byTestId(page, 'error-message').textContent()).trim().length > 0);
    await waitForText(page, 'conn-status', /^Not connected: the API refused this token \(AuthenticationError, HTTP 401\)/);
    assert.equal(await byTestId(page, 'conn-token').getAttribute('type'), 'password');
    await snap(page, 'unauthorized', secrets());
  });

  test('the server’s fieldErrors land on the matching form fields', async () => {
    const { page } = await open();
    await waitForText(page, 'page-summary', 'No workspaces');
    const body = {
      message: 'Invalid request', requestId: 'req-field-errors-1', statusCode: 400,
      fieldErrors: [{ field: 'name', code: 'not_unique', message: 'A workspace with this name already exists' }],
    };
    await server.admin('POST', '/faults', {
      faults: [{ type: 'status', status: 400, body: JSON.stringify(body), contentType: 'application/json' }], match: { method: 'POST' },
    });
    await byTestId(page, 'create-name').fill('Taken');
    await byTestId(page, 'create-submit').click();
    await waitForText(page, 'error-class', 'BadRequestError');
    await waitForText(page, 'error-status', 'HTTP 400');
    await waitForText(page, 'error-request-id', 'req-field-errors-1');
    await waitForText(page, 'create-name-error', 'A workspace with this name already exists');
    assert.equal(await byTestId(page, 'create-name').getAttribute('aria-invalid'), 'true');
    await snap(page, 'server-field-errors', secrets());
    // Typing clears the server's message, as the field has changed since.
    await byTestId(page, 'create-name').fill('Taken 2');
    assert.equal(await byTestId(page, 'create-name-error').isVisible(), false);
  });

  test('pages through 45 workspaces with page size 20', async () => {
    for (let i = 1; i <= 45; i += 1) await server.createWorkspace({ name: `Workspace ${String(i).padStart(2, '0')}` });
    const { page, requests } = await open();
    assert.equal(await byTestId(page, 'list-page-size').inputValue(), '20');
    await byTestId(page, 'list-sort').selectOption('name:asc');
    const prev = byTestId(page, 'page-prev');
    const next = byTestId(page, 'page-next');
    // The rows are awaited, not read at once: the summary of the first load (newest first)
    // is the same text as the re-sorted one's.
    const expectPage = async (summary, first, count) => {
      await waitForText(page, 'page-summary', summary);
      const n = (i) => `Workspace ${String(i).padStart(2, '0')}`;
      const start = Number(first.slice(-2));
      await waitForRows(page, Array.from({ length: count }, (_, i) => n(start + i)));
      const names = await rowNames(page);
      assert.equal(names.length, count);
      assert.equal(names[0], first);
    };

    await expectPage('Showing 1–20 of 45', 'Workspace 01', 20);
    assert.equal(await prev.isDisabled(), true);
    await next.click();
    await expectPage('Showing 21–40 of 45', 'Workspace 21', 20);
    await next.click();
    await expectPage('Showing 41–45 of 45', 'Workspace 41', 5);
    assert.equal(await next.isDisabled(), true);
    assert.equal(await prev.isEnabled(), true);
    await snap(page, 'paging', secrets());
    await prev.click();
    await expectPage('Showing 21–40 of 45', 'Workspace 21', 20);

    // The connection check counts the workspaces (limit 0); the pages follow.
    const lists = workspaceCalls(requests, 'GET').map((r) => new URL(r.url).searchParams).filter((q) => q.get('limit') !== '0');
    assert.ok(lists.every((q) => q.get('limit') === '20'), 'a list request did not ask for 20');
    assert.deepEqual(lists.slice(-4).map((q) => [q.get('offset'), q.getAll('sorts').join()]), [
      ['0', 'name:asc'], ['20', 'name:asc'], ['40', 'name:asc'], ['20', 'name:asc'],
    ]);
  });

  test('a page that fails to load keeps the table as it was and shows the error', async () => {
    for (let i = 1; i <= 25; i += 1) await server.createWorkspace({ name: `Workspace ${String(i).padStart(2, '0')}` });
    const { page } = await open();
    await byTestId(page, 'list-sort').selectOption('name:asc');
    await waitForText(page, 'page-summary', 'Showing 1–20 of 25');
    // Every attempt of the next list request (the client retries 5xx) gets a 500.
    const fault = { type: 'status', status: 500, message: 'Simulated outage', retryAfter: '0' };
    await server.admin('POST', '/faults', { faults: [fault, fault, fault, fault], match: { method: 'GET' } });
    await byTestId(page, 'page-next').click();
    await waitForText(page, 'error-class', 'InternalServerError');
    await waitForText(page, 'error-status', 'HTTP 500');
    await waitForText(page, 'error-message', /Simulated outage/);
    await waitForText(page, 'page-summary', 'Showing 1–20 of 25');
    assert.equal((await rowNames(page))[0], 'Workspace 01');
    assert.equal(await byTestId(page, 'page-prev').isDisabled(), true, 'the pager moved on although the page did not load');
    await snap(page, 'page-load-failed', secrets());
    await server.admin('DELETE', '/faults');
    await byTestId(page, 'page-next').click();
    await waitForText(page, 'page-summary', 'Showing 21–25 of 25');
  });

  test('filters by exact name and sorts by name descending', async () => {
    for (const name of ['Alpha', 'Beta', 'Gamma']) await server.createWorkspace({ name });
    const { page } = await open();
    await waitForText(page, 'page-summary', 'Showing 1–3 of 3');
    await byTestId(page, 'list-sort').selectOption('name:desc');
    await waitForRows(page, ['Gamma', 'Beta', 'Alpha']);
    await byTestId(page, 'list-filter').fill('Beta');
    await byTestId(page, 'list-apply').click();
    await waitForText(page, 'page-summary', 'Showing 1–1 of 1');
    assert.deepEqual(await rowNames(page), ['Beta']);
    await snap(page, 'filter', secrets());
  });

  test('stays usable at phone width (375 px)', async () => {
    for (const name of ['Mobile one', 'A rather long workspace name that wraps nicely', 'Mobile three']) {
      await server.createWorkspace({ name, description: `About ${name}` });
    }
    const { page } = await open({ viewport: { width: 375, height: 812 } });
    await waitForText(page, 'page-summary', 'Showing 1–3 of 3');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow}px at 375px`);
    for (const id of ['create-name', 'create-submit', 'row-edit', 'row-delete', 'page-next']) {
      const box = await byTestId(page, id).first().boundingBox();
      assert.ok(box && box.x >= 0 && box.x + box.width <= 375, `${id} is outside the screen: ${JSON.stringify(box)}`);
    }
    await byTestId(page, 'create-name').fill('x'.repeat(51));
    await waitForText(page, 'create-name-count', '51 / 50');
    await snap(page, 'phone', secrets());
  });
});
