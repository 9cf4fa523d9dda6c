// End to end: axe-core finds no violation on the demo page when connected, showing errors, with
// a dialog open, in the dark theme and at 375 px; and the README's screenshots (light, dark,
// phone) are drawn here from fixed data, so they show the page as it is.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { assertAccessible } from './demo/axe.mjs';
import { byTestId, openConnectionForm, readmeShot, waitForRows, waitForText } from './demo/browser.mjs';
import { useDemo } from './demo/harness.mjs';
import { SHOWCASE_NOW, SHOWCASE_WORKSPACES, startShowcase } from './demo/showcase.mjs';

/** The showcase's names as the page lists them (newest first). */
const NEWEST_FIRST = [...SHOWCASE_WORKSPACES].sort((a, b) => b.createdAt.localeCompare(a.createdAt)).map((ws) => ws.name);
const PHONE = { width: 375, height: 812 };
const DESKTOP = { width: 1280, height: 800 };

describe('demo page: accessibility (axe-core) and the README screenshots', { timeout: 90_000 }, () => {
  const demo = useDemo();
  let showcase;
  before(async () => {
    showcase = await startShowcase();
  });
  after(async () => {
    await showcase?.stop();
  });

  /** Opens the showcase with the page's clock at SHOWCASE_NOW and waits for its rows. */
  async function openShowcase(options) {
    const session = await demo.open({ ...options, server: showcase, setup: (page) => page.clock.setFixedTime(new Date(SHOWCASE_NOW)) });
    await waitForRows(session.page, NEWEST_FIRST);
    return session;
  }

  for (const [name, options, state] of [
    ['light', { viewport: DESKTOP }, 'connected'],
    ['dark', { viewport: DESKTOP, colorScheme: 'dark' }, 'dark connected'],
    ['phone', { viewport: PHONE }, '375 px connected'],
  ]) {
    test(`${state}: no axe-core violation; docs/screenshots/${name}.png`, async () => {
      const { page } = await openShowcase(options);
      await waitForText(page, 'conn-summary-state', 'Connected');
      assert.equal(await byTestId(page, 'conn-summary').isVisible(), true, 'the connection panel did not fold');
      assert.deepEqual(await page.locator('[data-testid="row-created"] time').first().evaluate((t) => [t.textContent, t.title]),
        ['7 min. ago', `${SHOWCASE_WORKSPACES[5].createdAt.slice(0, 19).replace('T', ' ')} UTC`]);
      await assertAccessible(page, state);
      await readmeShot(page, name, [showcase.token]);
    });
  }

  test('the check itself finds a planted violation (a button without a name, an unlabelled input)', async () => {
    const { page } = await demo.open();
    await page.evaluate(() => {
      const main = document.querySelector('main');
      main.append(document.createElement('button'), document.createElement('input'));
    });
    await assert.rejects(assertAccessible(page, 'planted'), (err) => /button-name/.test(err.message) && /label/.test(err.message));
  });

  test('errors next to the table and the create form (light and dark): no axe-core violation', async () => {
    const { server } = demo;
    await server.createWorkspace({ name: 'Taken', description: 'Already here' });
    for (const colorScheme of ['light', 'dark']) {
      const { page } = await demo.open({ colorScheme });
      await waitForRows(page, ['Taken']);
      const outage = { type: 'status', status: 503, message: 'Simulated outage', retryAfter: '0' };
      await server.admin('POST', '/faults', { faults: [outage, outage, outage], match: { method: 'GET' } });
      await byTestId(page, 'list-refresh').click();
      await waitForText(page, 'error-status', 'HTTP 503');
      const body = {
        message: 'Invalid request', requestId: 'req-a11y-1', statusCode: 400,
        fieldErrors: [{ field: 'name', code: 'not_unique', message: 'A workspace with this name already exists' },
          { field: 'organizationId', code: 'invalid_format', message: 'organizationId is not accepted here' }],
      };
      await server.admin('POST', '/faults', {
        faults: [{ type: 'status', status: 400, body: JSON.stringify(body), contentType: 'application/json' }], match: { method: 'POST' },
      });
      await byTestId(page, 'create-name').fill('Taken');
      await byTestId(page, 'create-submit').click();
      await waitForText(page, 'create-name-error', 'A workspace with this name already exists');
      await assertAccessible(page, `${colorScheme} error`);
    }
  });

  test('the details, edit (with an error) and delete dialogs, and the open connection form: no axe-core violation', async () => {
    const { server } = demo;
    await server.createWorkspace({ name: 'Dialogs', description: 'd'.repeat(5000), defaultCloudProvider: 'AWS', defaultRegion: 'us-east-1' });
    const { page } = await demo.open({ viewport: PHONE });
    await waitForRows(page, ['Dialogs']);
    await byTestId(page, 'row-view').click();
    await byTestId(page, 'details-dialog').waitFor({ state: 'visible' });
    await assertAccessible(page, 'details dialog');
    await byTestId(page, 'details-close').click();

    await byTestId(page, 'row-edit').click();
    await server.admin('POST', '/faults', { faults: [{ type: 'status', status: 409, message: 'Simulated conflict' }], match: { method: 'POST' } });
    await byTestId(page, 'edit-submit').click();
    await waitForText(page, 'error-status', 'HTTP 409');
    await assertAccessible(page, 'edit dialog with an error');
    await byTestId(page, 'edit-cancel').click();

    await byTestId(page, 'row-delete').click();
    await byTestId(page, 'delete-dialog').waitFor({ state: 'visible' });
    await assertAccessible(page, 'delete dialog');
    await byTestId(page, 'delete-cancel').click();

    await openConnectionForm(page);
    await byTestId(page, 'conn-org').fill('not-an-id');
    await byTestId(page, 'conn-submit').click();
    await waitForText(page, 'conn-org-error', /^organizationId must be/);
    await assertAccessible(page, 'connection form with a field error');
  });
});
