// End to end: the demo page's console polish (issue 10): the dark theme, the connection panel
// folded to one line, errors next to what failed (and announced), the table's columns, the
// workspace-ID filter, and the page working under the simulator's Content-Security-Policy.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { before, describe, test } from 'node:test';
import { OTHER_ORGANIZATION_ID, OTHER_TOKEN } from '../../sim/simulator.mjs';
import { byTestId, focused, openConnectionForm, textsOf, waitForRows, waitForText } from './demo/browser.mjs';
import { cspViolations, enforceCsp } from './demo/csp.mjs';
import { useDemo, workspaceCalls } from './demo/harness.mjs';
import { ROOT } from './demo/server.mjs';

/** Relative luminance (0 black .. 1 white) of a computed `rgb(...)` colour. */
function luminance(rgb) {
  const [r, g, b] = rgb.match(/[\d.]+/g).slice(0, 3).map((v) => Number(v) / 255)
    .map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

describe('demo page polish (issue 10)', { timeout: 90_000 }, () => {
  const demo = useDemo();
  let server;
  let pkg;
  before(() => {
    ({ server, pkg } = demo);
  });
  const open = (options) => demo.open(options);
  /** The colours the page is drawn with: page background, a panel's background, body text. */
  const colours = (page) => page.evaluate(() => ({
    page: getComputedStyle(document.body).backgroundColor === 'rgba(0, 0, 0, 0)'
      ? getComputedStyle(document.documentElement).backgroundColor : getComputedStyle(document.body).backgroundColor,
    panel: getComputedStyle(document.querySelector('.panel')).backgroundColor,
    text: getComputedStyle(document.querySelector('main')).color,
  }));

  test('follows prefers-color-scheme: dark surfaces and light text in the dark, the reverse in the light', async () => {
    const dark = await colours((await open({ colorScheme: 'dark' })).page);
    assert.ok(luminance(dark.page) < 0.05 && luminance(dark.panel) < 0.05, `dark surfaces: ${JSON.stringify(dark)}`);
    assert.ok(luminance(dark.text) > 0.6, `dark theme text: ${JSON.stringify(dark)}`);
    const light = await colours((await open({ colorScheme: 'light' })).page);
    assert.ok(luminance(light.page) > 0.8 && luminance(light.panel) > 0.9, `light surfaces: ${JSON.stringify(light)}`);
    assert.ok(luminance(light.text) < 0.05, `light theme text: ${JSON.stringify(light)}`);
  });

  for (const viewport of [{ width: 1280, height: 800 }, { width: 375, height: 812 }]) {
    test(`once connected the panel is one line at ${viewport.width} px: org, masked token, API version, Change`, async () => {
      const { page } = await open({ viewport });
      await waitForText(page, 'conn-summary-state', 'Connected');
      assert.equal(await byTestId(page, 'connection-form').isVisible(), false);
      assert.equal(await byTestId(page, 'conn-summary-org').textContent(), 'Demo Organization');
      assert.equal(await byTestId(page, 'conn-summary-org').getAttribute('title'), server.organizationId);
      const token = (await byTestId(page, 'conn-summary-token').textContent()).trim();
      assert.match(token, new RegExp(`•+${server.token.slice(-4)}$`));
      assert.ok(!token.includes(server.token.slice(-5)), `more than 4 characters of the token show: ${token}`);
      assert.equal(await byTestId(page, 'conn-summary-api').textContent(), 'API v1');
      const panel = await byTestId(page, 'connection-panel').boundingBox();
      const summary = await byTestId(page, 'conn-summary').boundingBox();
      const change = await byTestId(page, 'conn-change').boundingBox();
      assert.ok(panel.height <= 64, `the folded panel is ${panel.height}px tall`);
      assert.ok(Math.abs((summary.y + summary.height / 2) - (change.y + change.height / 2)) < 8, 'Change is not on the summary line');
      assert.ok(change.x + change.width <= viewport.width, 'Change is off screen');

      await byTestId(page, 'conn-change').click();
      assert.equal(await byTestId(page, 'connection-form').isVisible(), true);
      assert.equal((await focused(page)).testid, 'conn-base-url');
      await byTestId(page, 'conn-cancel').click();
      assert.equal(await byTestId(page, 'connection-form').isVisible(), false);
      assert.equal((await focused(page)).testid, 'conn-change');
    });
  }

  test('errors show next to what failed and in the announced region; the focus stays; the next success clears them', async () => {
    await server.createWorkspace({ name: 'Existing' });
    const { page } = await open();
    await waitForRows(page, ['Existing']);
    const announcement = () => page.evaluate(() => document.querySelector('[data-testid="announcer"]').textContent.trim());
    const sectionOf = (testId) => byTestId(page, testId).evaluate((el) => el.closest('section, dialog')?.id || el.closest('dialog')?.dataset.testid);

    // The create form: a 400 whose field errors name a field and the organization.
    const body = {
      message: 'Invalid request', requestId: 'req-next-to-1', statusCode: 400,
      fieldErrors: [{ field: 'name', code: 'not_unique', message: 'A workspace with this name already exists' },
        { field: 'organizationId', code: 'invalid_format', message: 'organizationId is not accepted here' }],
    };
    await server.admin('POST', '/faults', {
      faults: [{ type: 'status', status: 400, body: JSON.stringify(body), contentType: 'application/json' }], match: { method: 'POST' },
    });
    await byTestId(page, 'create-name').fill('Existing');
    await byTestId(page, 'create-submit').click();
    await waitForText(page, 'create-name-error', 'A workspace with this name already exists');
    assert.match(await byTestId(page, 'create-error').innerText(), /BadRequestError[\s\S]*organizationId is not accepted here/);
    assert.equal(await sectionOf('create-error'), 'create');
    assert.match(await announcement(), /^Creating the workspace failed: BadRequestError \(HTTP 400\): Invalid request/);
    assert.equal((await focused(page)).testid, 'create-submit');
    await byTestId(page, 'create-name').fill('Fresh');
    await byTestId(page, 'create-submit').click();
    await waitForText(page, 'notice', 'Created workspace “Fresh”.');
    assert.equal(await byTestId(page, 'create-error').textContent(), '');
    assert.equal(await announcement(), '');

    // The table: a failed load shows above it.
    const outage = { type: 'status', status: 500, message: 'Simulated outage', retryAfter: '0' };
    await server.admin('POST', '/faults', { faults: [outage, outage, outage], match: { method: 'GET' } });
    await byTestId(page, 'list-refresh').click();
    await waitForText(page, 'error-status', 'HTTP 500');
    assert.equal(await sectionOf('list-error'), 'workspaces');
    assert.match(await announcement(), /^Loading workspaces failed: InternalServerError \(HTTP 500\)/);
    assert.equal((await focused(page)).testid, 'list-refresh');

    // A dialog: the error shows inside it, in its own live region.
    await byTestId(page.locator('[data-testid="workspace-row"]').first(), 'row-edit').click();
    await server.admin('POST', '/faults', { faults: [{ type: 'status', status: 409, message: 'Simulated conflict' }], match: { method: 'POST' } });
    await byTestId(page, 'edit-submit').click();
    await waitForText(page, 'edit-banner-region', /ConflictError/);
    assert.equal(await byTestId(page, 'edit-banner-region').getAttribute('role'), 'alert');
    assert.equal((await focused(page)).testid, 'edit-submit');
    await byTestId(page, 'edit-submit').click();
    await byTestId(page, 'edit-dialog').waitFor({ state: 'hidden' });
    // The list reloaded after the save: its error is gone too.
    await waitForText(page, 'notice', /^Saved workspace/);
    assert.equal(await byTestId(page, 'list-error').textContent(), '');
  });

  test('table columns: name and short description, short ID with copy, created by, relative times with the UTC time on hover', async () => {
    const long = 'A description that goes on. '.repeat(20);
    const ws = await server.createWorkspace({ name: 'Columns', description: long, cicdEnforcedDefault: true, defaultCloudProvider: 'GCP', defaultRegion: 'us-east4' });
    const threeHoursLater = new Date(Date.parse(ws.createdAt) + 3 * 3600_000);
    const { page } = await open({
      async setup(p, context) {
        await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
        await p.clock.setFixedTime(threeHoursLater);
      },
    });
    await waitForRows(page, ['Columns']);
    const headers = await page.locator('[data-testid="workspace-table"] thead th').allInnerTexts();
    assert.deepEqual(headers.slice(0, 7), ['Name', 'ID', 'Created by', 'Created', 'Updated', 'CI/CD', 'New Deployments']);
    const shown = await byTestId(page, 'row-description').textContent();
    assert.ok(shown.endsWith('…') && [...shown].length <= 141 && long.startsWith(shown.slice(0, -1).trimEnd()), `description: ${shown}`);
    assert.equal(await byTestId(page, 'row-id').textContent(), `…${ws.id.slice(-8)}`);
    assert.equal(await byTestId(page, 'row-id').getAttribute('title'), ws.id);
    assert.deepEqual(await textsOf(page, 'row-created-by'), ['demo-token']);
    assert.deepEqual(await textsOf(page, 'row-cicd'), ['Enforced']);
    assert.deepEqual(await textsOf(page, 'row-defaults'), ['GCP · us-east4']);
    const created = page.locator('[data-testid="row-created"] time');
    assert.equal(await created.textContent(), '3 hr. ago');
    assert.equal(await created.getAttribute('title'), `${ws.createdAt.slice(0, 19).replace('T', ' ')} UTC`);

    await byTestId(page, 'row-copy-id').click();
    await waitForText(page, 'notice', `Copied the ID of “Columns”: ${ws.id}`);
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), ws.id);

    // The details view has the whole description.
    await byTestId(page, 'row-view').click();
    assert.equal(await byTestId(page, 'details-description').textContent(), long);
  });

  test('created by a user shows the user\'s name', async () => {
    const { page } = await open();
    await openConnectionForm(page);
    await byTestId(page, 'conn-token').fill(OTHER_TOKEN);
    await byTestId(page, 'conn-org').fill(OTHER_ORGANIZATION_ID);
    await byTestId(page, 'conn-submit').click();
    // Its name is not known until a workspace tells it.
    await waitForText(page, 'conn-summary-org', `Organization ${OTHER_ORGANIZATION_ID}`);
    await byTestId(page, 'create-name').fill('By a person');
    await byTestId(page, 'create-submit').click();
    await waitForRows(page, ['By a person']);
    assert.deepEqual(await textsOf(page, 'row-created-by'), ['Jane Doe']);
    await waitForText(page, 'conn-summary-org', 'Other Organization');
  });

  test('filters by workspace ID beside the name, sent as workspaceIds and names; a bad ID is refused next to the filter', async () => {
    const alpha = await server.createWorkspace({ name: 'Alpha' });
    const beta = await server.createWorkspace({ name: 'Beta' });
    const { page, requests } = await open();
    await waitForRows(page, ['Beta', 'Alpha']);
    const lastQuery = () => new URL(workspaceCalls(requests, 'GET').at(-1).url).searchParams;

    await byTestId(page, 'list-filter-id').fill(beta.id);
    await byTestId(page, 'list-apply').click();
    await waitForRows(page, ['Beta']);
    assert.deepEqual(lastQuery().getAll('workspaceIds'), [beta.id]);

    await byTestId(page, 'list-filter').fill('Alpha');
    await byTestId(page, 'list-apply').click();
    await waitForText(page, 'list-empty', 'No workspace matches these filters.');
    assert.deepEqual([lastQuery().getAll('workspaceIds'), lastQuery().getAll('names')], [[beta.id], ['Alpha']]);

    await byTestId(page, 'list-filter-id').fill(`${alpha.id}, not-an-id`);
    const before = requests.length;
    await byTestId(page, 'list-apply').click();
    const expected = pkg.validateListWorkspaces(server.organizationId, { workspaceIds: [alpha.id, 'not-an-id'] });
    assert.deepEqual(expected.map((p) => `${p.field}:${p.code}`), ['workspaceIds[1]:invalid_format']);
    await waitForText(page, 'list-filter-id-error', expected[0].message);
    assert.equal(await byTestId(page, 'list-filter-id').getAttribute('aria-invalid'), 'true');
    assert.equal((await focused(page)).testid, 'list-apply');
    await page.waitForTimeout(300);
    assert.deepEqual(workspaceCalls(requests.slice(before)), [], 'a bad ID was sent');
  });

  test('works under the simulator\'s Content-Security-Policy with no violation (and the policy is really on)', async () => {
    await server.createWorkspace({ name: 'Under CSP', description: 'Strict' });
    const { page } = await open({ setup: enforceCsp });
    await waitForRows(page, ['Under CSP']);
    await byTestId(page, 'create-name').fill('Made under CSP');
    await byTestId(page, 'create-provider').selectOption('AWS');
    await byTestId(page, 'create-region').fill('eu-west-1');
    await byTestId(page, 'create-submit').click();
    await waitForRows(page, ['Made under CSP', 'Under CSP']);
    await byTestId(page, 'row-view').first().click();
    await byTestId(page, 'details-close').click();
    await byTestId(page, 'row-edit').first().click();
    await byTestId(page, 'edit-cancel').click();
    await byTestId(page, 'row-copy-id').first().click();
    await waitForText(page, 'notice', /^Copied the ID/);
    await page.keyboard.press('Tab');
    assert.deepEqual(await cspViolations(page), []);
    // The control: an inline style attribute is blocked and reported, so the policy is on.
    await page.evaluate(() => document.body.insertAdjacentHTML('beforeend', '<p style="color: red">x</p>'));
    await page.waitForFunction(() => window.__cspViolations.length > 0);
    assert.match((await cspViolations(page))[0], /^style-src/);
  });

  test('www/ has no inline script, inline style or inline event handler (the CSP would block them)', () => {
    const dir = path.join(ROOT, 'www');
    const problems = [];
    for (const file of fs.readdirSync(dir)) {
      const text = fs.readFileSync(path.join(dir, file), 'utf8');
      if (file.endsWith('.html')) {
        for (const m of text.matchAll(/<script\b([^>]*)>/g)) if (!/\bsrc=/.test(m[1])) problems.push(`${file}: inline <script>`);
        if (/<style\b/.test(text)) problems.push(`${file}: <style> element`);
        if (/\sstyle\s*=/.test(text)) problems.push(`${file}: style="" attribute`);
        if (/\son[a-z]+\s*=/.test(text)) problems.push(`${file}: inline event handler`);
        if (/href\s*=\s*["']?javascript:/i.test(text)) problems.push(`${file}: javascript: URL`);
      }
      if (file.endsWith('.js')) {
        if (/setAttribute\(\s*['"]style['"]|\.innerHTML\s*=|insertAdjacentHTML|\beval\(|new Function\(/.test(text)) problems.push(`${file}: string-to-code or inline style`);
      }
    }
    assert.deepEqual(problems, []);
  });
});
