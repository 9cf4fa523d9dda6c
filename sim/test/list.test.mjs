/** List Workspaces: pages, totalCount, filters, sorts and the 400s for bad query parameters. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { before, after, describe, test } from 'node:test';
import { DEMO_ORGANIZATION_ID, UNKNOWN_WORKSPACE_ID, assertErrorBody, fakeClock, startSim, tempDir } from './helpers.mjs';

const T = { timeout: 10_000 };

describe('List Workspaces over 45 workspaces', T, () => {
  let s;
  let all; // in creation order
  const clock = fakeClock('2024-03-01T00:00:00Z');
  const list = async (query = '') => s.call('GET', `${s.workspaces()}${query}`);
  const ids = (res) => res.json.workspaces.map((w) => w.id);

  before(async () => {
    s = await startSim(null, { now: clock.now });
    all = [];
    // Names in an order that differs from creation order: 44, 43, ... 00.
    for (let i = 0; i < 45; i += 1) {
      all.push(await s.create({ name: `ws-${String(44 - i).padStart(2, '0')}` }));
      clock.advance(1);
    }
  });
  after(() => s.sim.close());

  test('defaults: offset 0, limit 20, totalCount 45, creation order', async () => {
    const res = await list();
    assert.equal(res.status, 200);
    assert.deepEqual(Object.keys(res.json).sort(), ['limit', 'offset', 'totalCount', 'workspaces']);
    assert.equal(res.json.offset, 0);
    assert.equal(res.json.limit, 20);
    assert.equal(res.json.totalCount, 45);
    assert.deepEqual(ids(res), all.slice(0, 20).map((w) => w.id));
  });

  test('pages of 20 cover every workspace once: 20, 20, 5', async () => {
    const pages = [];
    for (const offset of [0, 20, 40]) {
      const res = await list(`?offset=${offset}&limit=20`);
      assert.equal(res.json.offset, offset);
      assert.equal(res.json.totalCount, 45);
      pages.push(ids(res));
    }
    assert.deepEqual(pages.map((p) => p.length), [20, 20, 5]);
    assert.deepEqual(pages.flat(), all.map((w) => w.id));
  });

  test('an offset past the end gives an empty page with the total', async () => {
    const res = await list('?offset=100');
    assert.deepEqual(res.json, { workspaces: [], totalCount: 45, offset: 100, limit: 20 });
  });

  test('limit=0 gives an empty page that still carries totalCount (how to count cheaply)', async () => {
    const res = await list('?limit=0');
    assert.equal(res.status, 200);
    assert.deepEqual(res.json, { workspaces: [], totalCount: 45, offset: 0, limit: 0 });
    const filtered = await list('?limit=0&names=ws-03&names=ws-40&offset=1');
    assert.deepEqual(filtered.json, { workspaces: [], totalCount: 2, offset: 1, limit: 0 });
  });

  test('limit 1 and limit 1000 are accepted', async () => {
    assert.equal((await list('?limit=1')).json.workspaces.length, 1);
    const big = await list('?limit=1000');
    assert.equal(big.json.limit, 1000);
    assert.equal(big.json.workspaces.length, 45);
  });

  test('names filter with repeated parameters', async () => {
    const res = await list('?names=ws-03&names=ws-40&names=nope');
    assert.equal(res.json.totalCount, 2);
    assert.deepEqual(res.json.workspaces.map((w) => w.name).sort(), ['ws-03', 'ws-40']);
  });

  test('workspaceIds filter with repeated parameters, combined with names', async () => {
    const res = await list(`?workspaceIds=${all[1].id}&workspaceIds=${all[7].id}`);
    assert.deepEqual(ids(res), [all[1].id, all[7].id]);
    const both = await list(`?workspaceIds=${all[1].id}&workspaceIds=${all[7].id}&names=${all[7].name}`);
    assert.deepEqual(ids(both), [all[7].id]);
    assert.equal(both.json.totalCount, 1);
  });

  test('sorts=name:asc and name:desc', async () => {
    const asc = await list('?sorts=name:asc&limit=45');
    assert.deepEqual(asc.json.workspaces.map((w) => w.name), all.map((w) => w.name).sort());
    const desc = await list('?sorts=name:desc&limit=3');
    assert.deepEqual(desc.json.workspaces.map((w) => w.name), ['ws-44', 'ws-43', 'ws-42']);
  });

  test('sorts=createdAt:desc pages newest first; createdAt:asc oldest first', async () => {
    const desc = await list('?sorts=createdAt:desc&offset=40');
    assert.deepEqual(ids(desc), all.slice(0, 5).reverse().map((w) => w.id));
    const asc = await list('?sorts=createdAt:asc&limit=2');
    assert.deepEqual(ids(asc), [all[0].id, all[1].id]);
  });

  test('sorts=updatedAt:desc puts the last updated first', async () => {
    const target = all[10];
    clock.advance(3600);
    const upd = await s.call('POST', `${s.workspaces()}/${target.id}`, {
      body: { name: target.name, description: '', cicdEnforcedDefault: false },
    });
    assert.equal(upd.status, 200);
    const res = await list('?sorts=updatedAt:desc&limit=1');
    assert.deepEqual(ids(res), [target.id]);
    const asc = await list('?sorts=updatedAt:asc&limit=45');
    assert.equal(ids(asc).at(-1), target.id);
  });

  test('names are decoded like any form value: "+" and %20 are spaces, %2B a plus, astral characters whole', async () => {
    const odd = await s.create({ name: 'a b+c 😀' });
    const res = await list('?names=a+b%2Bc%20%F0%9F%98%80');
    assert.deepEqual(ids(res), [odd.id]);
    assert.equal((await s.call('DELETE', `${s.workspaces()}/${odd.id}`)).status, 204);
  });

  test('a second sort key never overrides the first', async () => {
    const res = await list('?sorts=name:desc&sorts=createdAt:asc&limit=45');
    assert.deepEqual(res.json.workspaces.map((w) => w.name), all.map((w) => w.name).sort().reverse());
  });
});

/**
 * Starts a simulator on a data file holding `[name, createdAt, updatedAt?]` records of the demo organization, in
 * this creation order; resolves a lister that answers each Workspace of a query as `name@position` (1-based).
 */
async function startWithRecords(t, records) {
  const file = path.join(tempDir(t), 'data.json');
  const workspaces = records.map(([name, createdAt, updatedAt = createdAt], i) => ({
    id: `c${String(i + 1).padStart(24, '0')}`, organizationId: DEMO_ORGANIZATION_ID, name, cicdEnforcedDefault: false, createdAt, updatedAt,
  }));
  fs.writeFileSync(file, JSON.stringify({ version: 1, workspaces }));
  const s = await startSim(t, { dataFile: file });
  return async (query) => {
    const res = await s.call('GET', `${s.workspaces()}?${query}`);
    assert.equal(res.status, 200, res.text);
    return res.json.workspaces.map((w) => `${w.name}@${Number(w.id.slice(1))}`).join(' ');
  };
}

test('ties: creation order, reversed (newest first) when the first sort is descending', T, async (t) => {
  const same = '2024-03-01T00:00:00.000Z';
  const list = await startWithRecords(t, [['a', same], ['b', same], ['c', '2024-03-01T00:00:01.000Z'], ['d', same]]);
  assert.equal(await list(''), 'a@1 b@2 c@3 d@4', 'no sorts: creation order');
  assert.equal(await list('sorts=createdAt:asc'), 'a@1 b@2 d@4 c@3');
  assert.equal(await list('sorts=createdAt:desc'), 'c@3 d@4 b@2 a@1');
  assert.equal(await list('sorts=updatedAt:desc'), 'c@3 d@4 b@2 a@1');
  assert.equal(await list('sorts=createdAt:desc&sorts=name:asc'), 'c@3 a@1 b@2 d@4', 'a second key breaks ties first');
});

test('equal names: name:desc gives the newest first, name:asc the oldest first; the first sort sets the tie order', T, async (t) => {
  const list = await startWithRecords(t, [
    ['same', '2024-03-01T00:00:01.000Z'], ['other', '2024-03-01T00:00:02.000Z'], ['same', '2024-03-01T00:00:03.000Z'],
    ['same', '2024-03-01T00:00:03.000Z', '2024-03-01T00:00:09.000Z'],
  ]);
  assert.equal(await list('sorts=name:asc'), 'other@2 same@1 same@3 same@4');
  assert.equal(await list('sorts=name:desc'), 'same@4 same@3 same@1 other@2');
  assert.equal(await list('sorts=name:desc&sorts=createdAt:asc'), 'same@1 same@4 same@3 other@2', 'createdAt ties stay newest first');
  assert.equal(await list('sorts=name:asc&sorts=createdAt:desc'), 'other@2 same@3 same@4 same@1', 'createdAt ties stay oldest first');
  assert.equal(await list('sorts=name:desc&limit=2&offset=1'), 'same@3 same@1', 'pages follow the same order');
});

describe('List Workspaces rejects bad parameters with 400 and fieldErrors', T, () => {
  let s;
  before(async () => { s = await startSim(null); });
  after(() => s.sim.close());

  const cases = [
    ['limit=1001', 'limit', 'out_of_range'],
    ['limit=-5', 'limit', 'out_of_range'],
    ['limit=ten', 'limit', 'invalid_type'],
    ['limit=1.5', 'limit', 'invalid_type'],
    ['limit=', 'limit', 'invalid_type'],
    ['limit=5&limit=6', 'limit', 'invalid_value'],
    ['offset=-1', 'offset', 'out_of_range'],
    ['offset=x', 'offset', 'invalid_type'],
    ['sorts=name', 'sorts[0]', 'invalid_value'],
    ['sorts=name:up', 'sorts[0]', 'invalid_value'],
    ['sorts=createdAt:asc&sorts=size:desc', 'sorts[1]', 'invalid_value'],
    ['workspaceIds=nope', 'workspaceIds[0]', 'invalid_format'],
    [`workspaceIds=${UNKNOWN_WORKSPACE_ID}&workspaceIds=C${UNKNOWN_WORKSPACE_ID.slice(1)}`, 'workspaceIds[1]', 'invalid_format'],
    [`workspaceIds=${UNKNOWN_WORKSPACE_ID}x`, 'workspaceIds[0]', 'invalid_format'],
    ['workspaceIds=', 'workspaceIds[0]', 'invalid_format'],
    ['names=%ED%A0%80', 'names[0]', 'invalid_type'],
    ['names=ok&names=x%ED%B0%80y', 'names[1]', 'invalid_type'],
    ['names=%F0%9F%98%80&names=%ED%BF%BF', 'names[1]', 'invalid_type'],
  ];
  for (const [query, field, code] of cases) {
    test(`?${query} -> 400 ${field} ${code}`, async () => {
      const res = await s.call('GET', `${s.workspaces()}?${query}`);
      const body = assertErrorBody(assert, res, 400);
      assert.equal(body.fieldErrors.length, 1);
      assert.equal(body.fieldErrors[0].field, field);
      assert.equal(body.fieldErrors[0].code, code);
      assert.equal(typeof body.fieldErrors[0].message, 'string');
    });
  }

  test('every bad parameter is reported at once, in the order workspaceIds, names, offset, limit, sorts', async () => {
    const query = 'sorts=bad&sorts=name:asc&sorts=worse&limit=1001&offset=-1&names=%ED%A0%80&workspaceIds=x';
    const res = await s.call('GET', `${s.workspaces()}?${query}`);
    const body = assertErrorBody(assert, res, 400);
    assert.deepEqual(body.fieldErrors.map((e) => e.field), ['workspaceIds[0]', 'names[0]', 'offset', 'limit', 'sorts[0]', 'sorts[2]']);
  });

  test('well-formed names next to the surrogate range are accepted (U+D7FF, U+E000, U+FFFD)', async () => {
    const res = await s.call('GET', `${s.workspaces()}?names=%ED%9F%BF&names=%EE%80%80&names=%EF%BF%BD&names=%FF`);
    assert.equal(res.status, 200, res.text);
    assert.equal(res.json.totalCount, 0);
  });

  test('an offset past the largest safe integer is too large, not "must be >= 0"; the message gives the real range', async () => {
    for (const [offset, why] of [['99999999999999999999', 'too large'], ['9007199254740992', 'too large'], ['-1', 'too small']]) {
      const res = await s.call('GET', `${s.workspaces()}?offset=${offset}`);
      const [error] = assertErrorBody(assert, res, 400).fieldErrors;
      assert.deepEqual({ field: error.field, code: error.code }, { field: 'offset', code: 'out_of_range' });
      assert.equal(error.message, `offset is ${why}: it must be an integer from 0 to 9007199254740991`);
    }
    const largest = await s.call('GET', `${s.workspaces()}?offset=9007199254740991`);
    assert.equal(largest.status, 200);
    assert.equal(largest.json.offset, 9007199254740991);
    const limit = await s.call('GET', `${s.workspaces()}?limit=1001`);
    assert.equal(limit.json.fieldErrors[0].message, 'limit is too large: it must be an integer from 0 to 1000');
  });

  test('unknown query parameters are ignored', async () => {
    const res = await s.call('GET', `${s.workspaces()}?foo=bar`);
    assert.equal(res.status, 200);
  });
});
