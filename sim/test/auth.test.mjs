/** Authentication, authorization, unknown organizations and workspaces, malformed IDs and unknown routes. */
import assert from 'node:assert/strict';
import { before, after, describe, test } from 'node:test';
import {
  DEMO_ORGANIZATION_ID, DEMO_TOKEN, OTHER_ORGANIZATION_ID, OTHER_TOKEN, UNKNOWN_ORGANIZATION_ID, UNKNOWN_WORKSPACE_ID,
  assertErrorBody, rawRequest, startSim,
} from './helpers.mjs';

const T = { timeout: 10_000 };

describe('auth and lookup errors', T, () => {
  let s;
  let ws;
  before(async () => {
    s = await startSim(null);
    ws = await s.create({ name: 'Protected' });
  });
  after(() => s.sim.close());
  const item = (org = DEMO_ORGANIZATION_ID, id = ws.id) => `${s.workspaces(org)}/${id}`;

  const operations = () => [
    ['list', 'GET', s.workspaces(), undefined],
    ['create', 'POST', s.workspaces(), { name: 'x' }],
    ['get', 'GET', item(), undefined],
    ['update', 'POST', item(), { name: 'x', description: '', cicdEnforcedDefault: false }],
    ['delete', 'DELETE', item(), undefined],
  ];

  test('every operation answers 401 without a token, with a wrong token and with a non-Bearer scheme', async () => {
    for (const [label, method, target, body] of operations()) {
      for (const options of [{ token: null }, { token: 'astro-wrong-token' }, { token: null, headers: { authorization: `Basic ${DEMO_TOKEN}` } }]) {
        const res = await s.call(method, target, { body, ...options });
        assertErrorBody(assert, res, 401);
        assert.match(res.headers.get('www-authenticate'), /^Bearer/, label);
      }
    }
    assert.equal((await s.call('GET', item())).status, 200, 'the workspace is untouched');
  });

  test('the scheme is case-insensitive ("bearer")', async () => {
    const res = await s.call('GET', item(), { token: null, headers: { authorization: `bearer ${DEMO_TOKEN}` } });
    assert.equal(res.status, 200);
  });

  test('every operation answers 403 for a token of another organization', async () => {
    for (const [, method, target, body] of operations()) {
      assertErrorBody(assert, await s.call(method, target, { body, token: OTHER_TOKEN }), 403);
    }
    assert.equal((await s.call('GET', item())).status, 200, 'the workspace is untouched');
  });

  test('an unknown, well-formed organization is 404 (for any valid token)', async () => {
    for (const token of [DEMO_TOKEN, OTHER_TOKEN]) {
      assertErrorBody(assert, await s.call('GET', s.workspaces(UNKNOWN_ORGANIZATION_ID), { token }), 404);
      assertErrorBody(assert, await s.call('GET', item(UNKNOWN_ORGANIZATION_ID), { token }), 404);
    }
  });

  test('401 comes before 404: no token on an unknown organization is 401', async () => {
    assertErrorBody(assert, await s.call('GET', s.workspaces(UNKNOWN_ORGANIZATION_ID), { token: null }), 401);
  });

  test('an unknown workspace is 404 for get, update and delete', async () => {
    const target = item(DEMO_ORGANIZATION_ID, UNKNOWN_WORKSPACE_ID);
    assertErrorBody(assert, await s.call('GET', target), 404);
    assertErrorBody(assert, await s.call('POST', target, { body: { name: 'x', description: '', cicdEnforcedDefault: false } }), 404);
    assertErrorBody(assert, await s.call('DELETE', target), 404);
  });

  test('the other organization\'s token works on its own organization', async () => {
    const res = await s.call('GET', s.workspaces(OTHER_ORGANIZATION_ID), { token: OTHER_TOKEN });
    assert.equal(res.status, 200);
    assert.equal(res.json.totalCount, 0);
  });

  test('malformed organization IDs are 400 with an invalid_format field error', async () => {
    for (const bad of ['not-a-cuid', 'CLM8T5U4Q000008JQ4QOC3036', `${DEMO_ORGANIZATION_ID}x`, `x%2F${DEMO_ORGANIZATION_ID}`, '%20']) {
      const json = assertErrorBody(assert, await s.call('GET', s.workspaces(bad)), 400);
      assert.deepEqual(json.fieldErrors.map((e) => `${e.field}:${e.code}`), ['organizationId:invalid_format'], bad);
    }
  });

  test('malformed workspace IDs are 400 with an invalid_format field error', async () => {
    for (const bad of ['abc', `${ws.id.slice(0, 24)}%2F`, `${ws.id}%3F`, '%E0%A4%A']) {
      const json = assertErrorBody(assert, await s.call('GET', item(DEMO_ORGANIZATION_ID, bad)), 400);
      assert.deepEqual(json.fieldErrors.map((e) => `${e.field}:${e.code}`), ['workspaceId:invalid_format'], bad);
    }
  });

  test('dot segments in a raw path are IDs to validate, never path navigation', async () => {
    const auth = { authorization: `Bearer ${DEMO_TOKEN}` };
    const base = '/platform/v1beta1/organizations';
    const cases = [
      [`${base}/../workspaces`, 'organizationId'],
      [`${base}/%2e%2e/workspaces`, 'organizationId'],
      [`${base}/${DEMO_ORGANIZATION_ID}/workspaces/..`, 'workspaceId'],
      [`${base}/${DEMO_ORGANIZATION_ID}/workspaces/%2E%2E`, 'workspaceId'],
      [`${base}/${DEMO_ORGANIZATION_ID}/workspaces/..%2F..%2F${ws.id}`, 'workspaceId'],
    ];
    for (const [rawPath, field] of cases) {
      const res = await rawRequest(s.url, 'GET', rawPath, auth);
      assert.equal(res.status, 400, rawPath);
      assert.equal(JSON.parse(res.body).fieldErrors[0].field, field, rawPath);
    }
    const longer = await rawRequest(s.url, 'GET', `${base}/${DEMO_ORGANIZATION_ID}/workspaces/../workspaces`, auth);
    assert.equal(longer.status, 404);
  });

  test('unknown API routes are 404 with the Error body', async () => {
    for (const target of ['', '/', '/organizations', `/organizations/${DEMO_ORGANIZATION_ID}`, `${s.workspaces()}/`,
      `${item()}/extra`, `/organizations/${DEMO_ORGANIZATION_ID}/deployments`]) {
      assertErrorBody(assert, await s.call('GET', target), 404);
    }
    assertErrorBody(assert, await s.call('GET', '//nowhere'), 404);
  });

  test('unsupported methods are 405 with Allow and the Error body', async () => {
    const put = await s.call('PUT', item(), { body: {} });
    assertErrorBody(assert, put, 405);
    assert.equal(put.headers.get('allow'), 'GET, POST, DELETE');
    const patch = await s.call('PATCH', item(), { body: {} });
    assertErrorBody(assert, patch, 405);
    const del = await s.call('DELETE', s.workspaces());
    assertErrorBody(assert, del, 405);
    assert.equal(del.headers.get('allow'), 'GET, POST');
  });
});
