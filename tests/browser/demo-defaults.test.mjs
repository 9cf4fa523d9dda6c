// End to end: the v1 default-deployment fields (cloud provider, region, cluster ID) on the demo
// page, in headless Chromium against the server `npm start` runs. Same harness and screenshots
// as demo.test.mjs.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { byTestId, openConnectionForm, snap, textsOf, waitForText } from './demo/browser.mjs';
import { useDemo, workspaceCalls } from './demo/harness.mjs';

/** A cluster ID of the API's ID shape. */
const CLUSTER_ID = 'clq2x9v0b000008mf3k4d7a1z';
/** The deprecated API version's path, which the simulator still serves (v1 is the default). */
const V1BETA1_PATH = '/platform/v1beta1';

describe('demo page: default for new Deployments (API v1)', { timeout: 60_000 }, () => {
  const demo = useDemo();
  let server;
  let pkg;
  before(() => {
    ({ server, pkg } = demo);
  });

  /** The package's messages for `field`, joined as the page shows them. */
  const messagesFor = (problems, field) => problems.filter((p) => p.field === field).map((p) => p.message).join(' ');
  /** The details dialog's terms and values, as `{ term: value }`. */
  const detailsOf = async (page) => Object.fromEntries(await byTestId(page, 'details-list').locator('dt').evaluateAll(
    (dts) => dts.map((dt) => [dt.textContent.trim(), dt.nextElementSibling.textContent.trim()]),
  ));
  /** The JSON bodies the page sent with POSTs to the workspace endpoints. */
  const postedBodies = (requests) => workspaceCalls(requests, 'POST').map((r) => JSON.parse(r.body));

  test('the fields are labelled, described by the hint and their errors, and empty by default', async () => {
    const { page } = await open();
    const form = byTestId(page, 'create-form');
    const controls = {
      provider: form.getByRole('combobox', { name: 'Cloud provider', exact: true }),
      region: form.getByRole('textbox', { name: 'Region', exact: true }),
      cluster: form.getByRole('textbox', { name: 'Cluster ID', exact: true }),
    };
    for (const [key, control] of Object.entries(controls)) {
      assert.equal(await control.getAttribute('data-testid'), `create-${key}`, `the ${key} control is not labelled`);
      assert.equal(await control.inputValue(), '');
      const described = (await control.getAttribute('aria-describedby')).split(' ');
      assert.deepEqual(described, [`create-${key}-error`, 'create-defaults-hint']);
      for (const id of described) assert.equal(await page.locator(`#${id}`).count(), 1, `no element #${id}`);
    }
    assert.deepEqual(await controls.provider.locator('option').evaluateAll((os) => os.map((o) => o.value)), ['', 'AWS', 'AZURE', 'GCP']);
    assert.match(await byTestId(page, 'create-defaults-hint').textContent(), /provider and a region together.*cluster.*excludes/s);
    assert.equal(await form.getByRole('group', { name: /Default for new Deployments/ }).count(), 1);
  });

  test('creates a workspace with GCP in us-east4 on v1; the row and the details show them', async () => {
    const { page, requests } = await open();
    await waitForText(page, 'page-summary', 'No workspaces');
    assert.equal(new URL(await byTestId(page, 'conn-base-url').inputValue()).pathname, '/v1');

    await byTestId(page, 'create-name').fill('Analytics');
    await byTestId(page, 'create-provider').selectOption('GCP');
    await byTestId(page, 'create-region').fill('us-east4');
    for (const id of ['create-provider-error', 'create-region-error', 'create-cluster-error']) {
      assert.equal(await byTestId(page, id).isVisible(), false, `${id} shows ${await byTestId(page, id).textContent()}`);
    }
    await byTestId(page, 'create-submit').click();
    await waitForText(page, 'page-summary', 'Showing 1–1 of 1');
    await waitForText(page, 'notice', 'Created workspace “Analytics”.');
    assert.deepEqual(await textsOf(page, 'row-defaults'), ['GCP · us-east4']);
    // The form is cleared, the select included.
    assert.equal(await byTestId(page, 'create-provider').inputValue(), '');

    // Sent to v1, with the empty cluster input left out of the body.
    const [post] = workspaceCalls(requests, 'POST');
    assert.equal(new URL(post.url).pathname, `/v1/organizations/${server.organizationId}/workspaces`);
    assert.deepEqual(JSON.parse(post.body), {
      name: 'Analytics', cicdEnforcedDefault: false, defaultCloudProvider: 'GCP', defaultRegion: 'us-east4',
    });
    const [stored] = (await server.listWorkspaces()).workspaces;
    assert.deepEqual([stored.defaultCloudProvider, stored.defaultRegion, stored.defaultClusterId], ['GCP', 'us-east4', undefined]);

    await byTestId(page, 'row-view').click();
    await byTestId(page, 'details-dialog').waitFor({ state: 'visible' });
    const details = await detailsOf(page);
    assert.equal(details.Name, 'Analytics');
    assert.equal(details['Default cloud provider'], 'GCP');
    assert.equal(details['Default region'], 'us-east4');
    assert.equal('Default cluster ID' in details, false, 'the details show a cluster the workspace does not have');
    await snap(page, 'defaults-details', demo.secrets());
  });

  test('edits a workspace from a provider and region to a cluster ID', async () => {
    const ws = await server.createWorkspace({ name: 'Edge', defaultCloudProvider: 'AWS', defaultRegion: 'us-east-1' });
    assert.equal(ws.defaultCloudProvider, 'AWS', 'the simulator did not keep the v1 fields');
    const { page, requests } = await open();
    await waitForText(page, 'page-summary', 'Showing 1–1 of 1');
    assert.deepEqual(await textsOf(page, 'row-defaults'), ['AWS · us-east-1']);
    await byTestId(page, 'row-edit').click();
    const dialog = byTestId(page, 'edit-dialog');
    await dialog.waitFor({ state: 'visible' });
    assert.equal(await byTestId(page, 'edit-provider').inputValue(), 'AWS');
    assert.equal(await byTestId(page, 'edit-region').inputValue(), 'us-east-1');
    assert.equal(await byTestId(page, 'edit-cluster').inputValue(), '');

    const save = byTestId(page, 'edit-submit');
    await byTestId(page, 'edit-cluster').fill(CLUSTER_ID);
    const conflict = pkg.validateUpdateWorkspace(server.organizationId, ws.id, {
      name: 'Edge', description: '', cicdEnforcedDefault: ws.cicdEnforcedDefault,
      defaultCloudProvider: 'AWS', defaultRegion: 'us-east-1', defaultClusterId: CLUSTER_ID,
    });
    assert.deepEqual(conflict.map((p) => `${p.field}:${p.code}`), ['defaultClusterId:conflict']);
    await waitForText(page, 'edit-cluster-error', conflict[0].message);
    assert.equal(await save.isDisabled(), true);

    await byTestId(page, 'edit-provider').selectOption('');
    await byTestId(page, 'edit-region').fill('');
    assert.equal(await byTestId(page, 'edit-cluster-error').isVisible(), false);
    await save.click();
    await dialog.waitFor({ state: 'hidden' });
    await waitForText(page, 'notice', 'Saved workspace “Edge”.');
    await waitForText(page, 'row-defaults', `Cluster ${CLUSTER_ID}`);

    const [post] = workspaceCalls(requests, 'POST');
    assert.equal(new URL(post.url).pathname, `/v1/organizations/${server.organizationId}/workspaces/${ws.id}`);
    assert.deepEqual(JSON.parse(post.body), {
      name: 'Edge', description: '', cicdEnforcedDefault: ws.cicdEnforcedDefault, defaultClusterId: CLUSTER_ID,
    });
    const { json } = await server.getWorkspace(ws.id);
    assert.deepEqual([json.defaultCloudProvider, json.defaultRegion, json.defaultClusterId], [undefined, undefined, CLUSTER_ID]);
    await snap(page, 'defaults-edit', demo.secrets());

    await byTestId(page, 'row-view').click();
    await byTestId(page, 'details-dialog').waitFor({ state: 'visible' });
    const details = await detailsOf(page);
    assert.equal(details['Default cluster ID'], CLUSTER_ID);
    assert.deepEqual(['Default cloud provider', 'Default region'].filter((term) => term in details), []);
  });

  test('a provider alone gets `required` on the region, a cluster too gets `conflict`; nothing is sent', async () => {
    const { page, requests } = await open();
    await waitForText(page, 'page-summary', 'No workspaces');
    assert.equal((await server.admin('DELETE', '/requests')).status, 204);
    const before = requests.length;
    const submit = byTestId(page, 'create-submit');
    const region = byTestId(page, 'create-region');
    const base = { name: 'Half set', cicdEnforcedDefault: false };

    await byTestId(page, 'create-name').fill(base.name);
    await byTestId(page, 'create-provider').selectOption('GCP');
    const missing = pkg.validateCreateWorkspace(server.organizationId, { ...base, defaultCloudProvider: 'GCP' });
    assert.deepEqual(missing.map((p) => `${p.field}:${p.code}`), ['defaultRegion:required']);
    // The region was never touched, yet its message shows: the fields go together.
    await waitForText(page, 'create-region-error', missing[0].message);
    assert.equal(await region.getAttribute('aria-invalid'), 'true');
    assert.equal(await byTestId(page, 'create-provider-error').isVisible(), false);
    assert.equal(await submit.isDisabled(), true);

    await region.fill('us-east4');
    await byTestId(page, 'create-cluster').fill(CLUSTER_ID);
    const both = pkg.validateCreateWorkspace(server.organizationId, {
      ...base, defaultCloudProvider: 'GCP', defaultRegion: 'us-east4', defaultClusterId: CLUSTER_ID,
    });
    assert.deepEqual(both.map((p) => `${p.field}:${p.code}`), ['defaultClusterId:conflict']);
    await waitForText(page, 'create-cluster-error', messagesFor(both, 'defaultClusterId'));
    assert.equal(await byTestId(page, 'create-cluster').getAttribute('aria-invalid'), 'true');
    assert.equal(await byTestId(page, 'create-region-error').isVisible(), false);
    assert.equal(await submit.isDisabled(), true);
    await snap(page, 'defaults-conflict', demo.secrets());

    // Neither Enter nor a submit that bypasses the disabled button may send anything.
    await region.press('Enter');
    await byTestId(page, 'create-form').evaluate((form) => form.requestSubmit());
    await page.waitForTimeout(300);
    assert.deepEqual(requests.slice(before), [], 'the page sent a request for conflicting fields');
    assert.deepEqual((await server.loggedRequests()).filter((r) => r.method === 'POST'), [], 'the simulator received a POST');
  });

  test('on a v1beta1 base URL the package refuses the fields before sending, next to each field', async () => {
    const { page, requests } = await open();
    await openConnectionForm(page);
    await byTestId(page, 'conn-base-url').fill(`${server.url}${V1BETA1_PATH}`);
    await byTestId(page, 'conn-submit').click();
    await waitForText(page, 'conn-status', `Connected to ${server.url}${V1BETA1_PATH}, organization ${server.organizationId}.`);

    const body = { name: 'Old API', cicdEnforcedDefault: false, defaultCloudProvider: 'AZURE', defaultRegion: 'eastus' };
    // What the package itself says (in Node) when sending this to v1beta1.
    const refused = await pkg.createWorkspace(server.organizationId, body, { token: server.token, baseUrl: `${server.url}${V1BETA1_PATH}` })
      .then(() => assert.fail('the package sent the v1 fields to v1beta1'), (err) => err);
    assert.equal(refused.name, 'ValidationError', String(refused));
    assert.deepEqual(refused.fieldErrors.map((p) => `${p.field}:${p.code}`), ['defaultCloudProvider:unsupported', 'defaultRegion:unsupported']);

    await byTestId(page, 'create-name').fill(body.name);
    await byTestId(page, 'create-provider').selectOption(body.defaultCloudProvider);
    await byTestId(page, 'create-region').fill(body.defaultRegion);
    await byTestId(page, 'create-submit').click(); // the validators accept it: only sending knows the version
    await waitForText(page, 'error-class', 'ValidationError');
    await waitForText(page, 'create-provider-error', messagesFor(refused.fieldErrors, 'defaultCloudProvider'));
    await waitForText(page, 'create-region-error', messagesFor(refused.fieldErrors, 'defaultRegion'));
    assert.equal(await byTestId(page, 'create-provider').getAttribute('aria-invalid'), 'true');
    assert.deepEqual(postedBodies(requests), [], 'the page sent the v1 fields to v1beta1');
    await snap(page, 'defaults-v1beta1', demo.secrets());

    // Clearing the fields clears their messages, and the workspace is created without them.
    await byTestId(page, 'create-provider').selectOption('');
    await byTestId(page, 'create-region').fill('');
    assert.equal(await byTestId(page, 'create-provider-error').isVisible(), false);
    assert.equal(await byTestId(page, 'create-region-error').isVisible(), false);
    await byTestId(page, 'create-submit').click();
    await waitForText(page, 'notice', 'Created workspace “Old API”.');
    assert.deepEqual(postedBodies(requests), [{ name: 'Old API', cicdEnforcedDefault: false }]);
  });

  /** Opens the page (closed after the test). */
  function open(options) {
    return demo.open(options);
  }
});
