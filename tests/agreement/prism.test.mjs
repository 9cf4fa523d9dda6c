// The Prism check of the agreement suite can fail: a request or a response that breaks
// openapi/v1.json, sent through the same proxy as the suite's, is reported as a violation.
// One Prism, in front of the simulator (v1) with its admin endpoint on, for every test here.

import { after, afterEach, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';

import { AstroClient, InternalServerError } from 'astro-platform';
import { createSimulator, DEMO_ORGANIZATION_ID as ORG, DEMO_TOKEN } from '../../sim/simulator.mjs';
import { startPrism } from '../support/prism.mjs';

const V1 = fileURLToPath(new URL('../../openapi/v1.json', import.meta.url));
const WS = 'cnotarealworkspace0000001';
/** The header the simulator's admin endpoint requires (it refuses requests a page on another origin could make). */
const ADMIN = { 'x-astro-sim-admin': '1' };

describe('Prism in front of the simulator reports what breaks openapi/v1.json', () => {
  let sim;
  let origin;
  let prism;
  before(async () => {
    sim = createSimulator({ staticDirs: {}, faults: true });
    const listening = await sim.listen(0, '127.0.0.1');
    origin = listening.url;
    prism = await startPrism({ document: V1, upstream: listening.apiBaseUrls.v1 });
  });
  after(async () => {
    await prism?.close();
    await sim?.close();
  });
  afterEach(async () => {
    prism.violations.length = 0;
    prism.undocumentedStatuses.length = 0;
    await fetch(`${origin}/__admin/reset`, { method: 'POST', headers: ADMIN });
  });

  /** The API requests that reached the simulator (its admin request log). */
  async function reached() {
    const { requests } = await (await fetch(`${origin}/__admin/requests`, { headers: ADMIN })).json();
    return requests.map((r) => `${r.method} ${r.path}`);
  }

  /** The message `checkViolations()` throws, or null when it does not throw. */
  function violationReport() {
    try {
      prism.checkViolations();
      return null;
    } catch (err) {
      return err.message;
    }
  }

  test("the package's v1 fields and X-API-Version pass, both ways", async () => {
    const client = new AstroClient({ token: DEMO_TOKEN, baseUrl: prism.baseUrl, fetch: prism.fetch, maxRetries: 0, apiVersion: '1.0' });
    const aws = await client.createWorkspace(ORG, { name: 'v1-aws', defaultCloudProvider: 'AWS', defaultRegion: 'us-east-1' });
    assert.deepEqual([aws.defaultCloudProvider, aws.defaultRegion, aws.defaultClusterId], ['AWS', 'us-east-1', undefined]);
    const moved = await client.updateWorkspace(ORG, aws.id, {
      name: 'v1-cluster',
      description: '',
      cicdEnforcedDefault: true,
      defaultClusterId: 'cluster-1',
    });
    assert.equal(moved.defaultClusterId, 'cluster-1');
    const page = await client.listWorkspaces(ORG, { names: ['v1-cluster'], limit: 0 });
    assert.deepEqual([page.totalCount, page.workspaces.length], [1, 0]);
    await client.deleteWorkspace(ORG, aws.id);
    assert.equal(violationReport(), null);
    assert.deepEqual(prism.undocumentedStatuses, []);
    assert.equal((await reached()).length, 4);
  });

  test('a request body that breaks the schema is answered by Prism and never reaches the simulator', async () => {
    const res = await prism.fetch(`${prism.baseUrl}/organizations/${ORG}/workspaces`, {
      method: 'POST',
      headers: { authorization: `Bearer ${DEMO_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: '', cicdEnforced: true, defaultCloudProvider: 'AWS' }),
    });
    assert.equal(res.status, 422);
    assert.equal(res.headers.get('content-type'), 'application/problem+json');
    const report = violationReport();
    assert.match(report, /POST \/organizations\/\w+\/workspaces -> 422/);
    assert.match(report, /name must NOT have fewer than 1 characters/);
    assert.match(report, /must NOT have additional properties; found 'cicdEnforced'/);
    assert.match(report, /must have required property 'defaultRegion'/);
    assert.deepEqual(await reached(), []);
    assert.equal(violationReport(), null, 'checkViolations() empties the list');
  });

  test("a package request spoiled after the package's checks is caught on the way", async () => {
    const spoil = (url, init) => prism.fetch(url, { ...init, body: JSON.stringify({ name: 'x', defaultClusterId: 'c1', defaultRegion: 'r' }) });
    const client = new AstroClient({ token: DEMO_TOKEN, baseUrl: prism.baseUrl, fetch: spoil, maxRetries: 0 });
    const err = await client.createWorkspace(ORG, { name: 'fine' }).then(() => assert.fail('resolved'), (e) => e);
    assert.equal(err.status, 422);
    const report = violationReport();
    assert.match(report, /Request body must NOT be valid/, 'defaultClusterId with defaultRegion breaks the "not" rule');
    assert.match(report, /must have required property 'defaultCloudProvider'/);
    assert.deepEqual(await reached(), []);
  });

  test('a simulator response that breaks the schema reaches the package as a 500 and is reported', async () => {
    const fault = { type: 'status', status: 200, body: JSON.stringify({ id: WS, name: 7 }), contentType: 'application/json' };
    const queued = await fetch(`${origin}/__admin/faults`, {
      method: 'POST',
      headers: { ...ADMIN, 'content-type': 'application/json' },
      body: JSON.stringify({ faults: [fault], match: { method: 'GET' } }),
    });
    assert.equal(queued.status, 200);
    const client = new AstroClient({ token: DEMO_TOKEN, baseUrl: prism.baseUrl, fetch: prism.fetch, maxRetries: 0 });
    const err = await client.getWorkspace(ORG, WS).then(() => assert.fail('resolved'), (e) => e);
    assert.ok(err instanceof InternalServerError, `${err.name}: ${err.message}`);
    assert.equal(err.status, 500);
    const report = violationReport();
    assert.match(report, /GET \/organizations\/\w+\/workspaces\/\w+ -> 500 \(sl-violations header\)/);
    assert.match(report, /Response body property name must be string/);
    assert.match(report, /Response body must have required property 'createdAt'/);
    assert.deepEqual(await reached(), [`GET /v1/organizations/${ORG}/workspaces/${WS}`]);
  });

  test('an undocumented error status passes through, kept apart from the violations', async () => {
    const client = new AstroClient({ token: DEMO_TOKEN, baseUrl: prism.baseUrl, fetch: prism.fetch, maxRetries: 0 });
    // List documents no 404; the simulator answers 404 for an organization it does not know.
    const err = await client.listWorkspaces('cunknownorg00000000000001').then(() => assert.fail('resolved'), (e) => e);
    assert.equal(err.status, 404);
    assert.equal(violationReport(), null);
    assert.equal(prism.undocumentedStatuses.length, 1);
    assert.match(JSON.stringify(prism.undocumentedStatuses[0].details), /Unable to match the returned status code/);
  });
});
