// API v1 through the built package: the default base URL, `apiVersion`, the
// default-deployment fields and their rules, `unsupported` on a v1beta1 base URL, real
// response shapes (RFC 3339 forms, v1 fields, fields this version does not know) and limit 0.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { AstroClient, createWorkspace, validateCreateWorkspace, validateUpdateWorkspace, validateListWorkspaces, ValidationError } from 'astro-platform';

import { ORG, TOKEN, PATH, MINIMAL, opts, failure, assertClass, codes, useRecordingServer } from './helpers.mjs';

const WS = 'cln0w8k2a000108l5e2xy7fgh';
const V1_PATH = `/v1/organizations/${ORG}/workspaces`;

describe('API v1', () => {
  const ref = useRecordingServer();
  const v1 = (extra = {}) => opts({ baseUrl: `${ref.server.origin}/v1`, ...extra });

  test('a client with only a token calls https://api.astronomer.io/v1', async () => {
    const urls = [];
    const fetch = async (url) => {
      urls.push(String(url));
      return new Response(JSON.stringify({ workspaces: [], totalCount: 0, offset: 0, limit: 20 }), { status: 200 });
    };
    await new AstroClient({ token: TOKEN, fetch }).listWorkspaces(ORG);
    assert.deepEqual(urls, [`https://api.astronomer.io/v1/organizations/${ORG}/workspaces`]);
  });

  test('apiVersion is sent as X-API-Version, by the client and by the standalone create', async () => {
    ref.server.respond({ method: 'GET', path: V1_PATH, body: { workspaces: [], totalCount: 0, offset: 0, limit: 20 } });
    ref.server.respond({ method: 'POST', path: V1_PATH, body: MINIMAL });
    ref.server.respond({ method: 'POST', path: V1_PATH, body: MINIMAL });
    await new AstroClient(v1({ apiVersion: '1.0' })).listWorkspaces(ORG);
    await createWorkspace(ORG, { name: 'Data Team' }, v1({ apiVersion: '1.0' }));
    await createWorkspace(ORG, { name: 'Data Team' }, v1());
    assert.deepEqual(ref.server.requests.map((r) => r.headers['x-api-version']), ['1.0', '1.0', undefined]);
  });

  test('a bad apiVersion is a ValidationError naming the field, and nothing is sent', async () => {
    for (const apiVersion of ['1', 'v1.0', '1.0.0', '', 1]) {
      assert.throws(() => new AstroClient(v1({ apiVersion })), (err) => {
        assertClass(err, ValidationError);
        assert.deepEqual(err.fieldErrors.map((e) => e.field), ['apiVersion']);
        return true;
      });
      const err = await failure(createWorkspace(ORG, { name: 'x' }, v1({ apiVersion })));
      assertClass(err, ValidationError);
    }
    const err = await failure(createWorkspace(ORG, { name: 'x' }, opts({ apiVersion: '1.0' })));
    assert.deepEqual(codes(err.fieldErrors), ['apiVersion:unsupported']);
    assert.equal(ref.server.requests.length, 0);
  });

  test('create and update send the default-deployment fields that are given', async () => {
    const placed = { ...MINIMAL, defaultCloudProvider: 'GCP', defaultRegion: 'us-east4' };
    ref.server.respond({ method: 'POST', path: V1_PATH, body: placed });
    ref.server.respond({ method: 'POST', path: `${V1_PATH}/${WS}`, body: { ...MINIMAL, defaultClusterId: 'cluster-1' } });
    const client = new AstroClient(v1());
    const ws = await client.createWorkspace(ORG, { name: 'Data Team', defaultCloudProvider: 'GCP', defaultRegion: 'us-east4', defaultClusterId: null });
    assert.deepEqual(ws, placed);
    const updated = await client.updateWorkspace(ORG, WS, { name: 'Data Team', description: '', cicdEnforcedDefault: false, defaultClusterId: 'cluster-1' });
    assert.equal(updated.defaultClusterId, 'cluster-1');
    assert.deepEqual(ref.server.requests.map((r) => r.json), [
      { name: 'Data Team', defaultCloudProvider: 'GCP', defaultRegion: 'us-east4' },
      { name: 'Data Team', description: '', cicdEnforcedDefault: false, defaultClusterId: 'cluster-1' },
    ]);
  });

  test('the validators apply the pairing and exclusion rules', () => {
    const cases = [
      [{ name: 'a', defaultCloudProvider: 'AWS', defaultRegion: 'us-east-1' }, []],
      [{ name: 'a', defaultClusterId: 'k' }, []],
      [{ name: 'a', defaultCloudProvider: 'AWS' }, ['defaultRegion:required']],
      [{ name: 'a', defaultRegion: 'us-east-1' }, ['defaultCloudProvider:required']],
      [{ name: 'a', defaultCloudProvider: 'IBM', defaultRegion: 'x' }, ['defaultCloudProvider:invalid_value']],
      [{ name: 'a', defaultCloudProvider: 'GCP', defaultRegion: '' }, ['defaultRegion:too_short']],
      [{ name: 'a', defaultCloudProvider: 'GCP', defaultRegion: 'x', defaultClusterId: 'k' }, ['defaultClusterId:conflict']],
      [{ name: 'a', defaultClusterId: 7 }, ['defaultClusterId:invalid_type']],
    ];
    for (const [body, want] of cases) {
      assert.deepEqual(codes(validateCreateWorkspace(ORG, body)), want, JSON.stringify(body));
      const full = { description: '', cicdEnforcedDefault: true, ...body };
      assert.deepEqual(codes(validateUpdateWorkspace(ORG, WS, full)), want, JSON.stringify(full));
    }
  });

  test('v1 fields to a base URL ending in /v1beta1 are unsupported, and nothing is sent', async () => {
    const client = new AstroClient(opts());
    const err = await failure(client.createWorkspace(ORG, { name: 'a', defaultCloudProvider: 'AZURE', defaultRegion: 'eastus' }));
    assertClass(err, ValidationError);
    assert.deepEqual(codes(err.fieldErrors), ['defaultCloudProvider:unsupported', 'defaultRegion:unsupported']);
    assert.match(err.fieldErrors[0].message, /needs API v1/);
    const update = await failure(client.updateWorkspace(ORG, WS, { name: 'a', description: '', cicdEnforcedDefault: true, defaultClusterId: 'k' }));
    assert.deepEqual(codes(update.fieldErrors), ['defaultClusterId:unsupported']);
    const standalone = await failure(createWorkspace(ORG, { name: 'a', defaultClusterId: 'k' }, opts()));
    assert.deepEqual(codes(standalone.fieldErrors), ['defaultClusterId:unsupported']);
    assert.equal(ref.server.requests.length, 0);

    ref.server.respond({ method: 'POST', path: PATH, body: MINIMAL });
    await client.createWorkspace(ORG, { name: 'Data Team' });
  });

  test('real responses decode: RFC 3339 forms kept as sent, v1 fields, unknown fields, never __proto__', async () => {
    const times = [
      ['2024-04-05T21:41:04.673Z', '2026-02-01T08:00:00.123456Z'],
      ['2024-04-05T21:41:04+00:00', '2024-04-05T16:41:04-05:30'],
      ['2024-04-05t21:41:04z', '2024-04-05T21:41:04.5Z'],
    ];
    for (const [createdAt, updatedAt] of times) {
      const body =
        `{"__proto__": {"polluted": 1}, "workspaceRole": {"role": "OWNER", "constructor": {"prototype": 1}, "tags": [{"__proto__": 2, "k": "v"}]},` +
        JSON.stringify({ ...MINIMAL, createdAt, updatedAt, defaultCloudProvider: 'OCI', defaultRegion: 'r' }).slice(1);
      ref.server.respond({ method: 'GET', path: `${V1_PATH}/${WS}`, headers: { 'content-type': 'application/json' }, body });
      const ws = await new AstroClient(v1()).getWorkspace(ORG, WS);
      assert.deepEqual(ws, {
        ...MINIMAL, createdAt, updatedAt, defaultCloudProvider: 'OCI', defaultRegion: 'r',
        workspaceRole: { role: 'OWNER', tags: [{ k: 'v' }] },
      });
      assert.ok(!Object.hasOwn(ws, '__proto__') && !Object.hasOwn(ws.workspaceRole, 'constructor'));
      assert.ok(!Object.hasOwn(ws.workspaceRole.tags[0], '__proto__'));
      assert.equal(Object.getPrototypeOf(ws), Object.prototype);
      assert.equal(ws.polluted, undefined);
      assert.equal({}.polluted, undefined);
    }
  });

  test('limit 0 is valid and gives an empty page that still carries totalCount', async () => {
    assert.deepEqual(validateListWorkspaces(ORG, { limit: 0 }), []);
    assert.deepEqual(codes(validateListWorkspaces(ORG, { limit: -1 })), ['limit:out_of_range']);
    ref.server.respond({ method: 'GET', path: V1_PATH, body: { workspaces: [], totalCount: 37, offset: 0, limit: 0 } });
    const page = await new AstroClient(v1()).listWorkspaces(ORG, { limit: 0 });
    assert.deepEqual(page, { workspaces: [], totalCount: 37, offset: 0, limit: 0 });
    assert.match(ref.server.requests[0].url, /[?&]limit=0(&|$)/);
    const err = await failure(new AstroClient(v1()).iterateWorkspaces(ORG, { pageSize: 0 }).next());
    assert.deepEqual(codes(err.fieldErrors), ['pageSize:out_of_range']);
  });
});
