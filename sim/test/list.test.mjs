/** List Workspaces: pages, totalCount, filters, sorts and the 400s for bad query parameters. */
import assert from 'node:assert/strict';
import { before, after, describe, test } from 'node:test';
import { assertErrorBody, fakeClock, startSim } from './helpers.mjs';

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

  test('a second sort key never overrides the first', async () => {
    const res = await list('?sorts=name:desc&sorts=createdAt:asc&limit=45');
    assert.deepEqual(res.json.workspaces.map((w) => w.name), all.map((w) => w.name).sort().reverse());
  });
});

test('sorting by createdAt then name breaks same-second ties by name', T, async (t) => {
  const clock = fakeClock();
  const s = await startSim(t, { now: clock.now });
  await s.create({ name: 'b' });
  await s.create({ name: 'a' });
  clock.advance(5);
  await s.create({ name: 'c' });
  const res = await s.call('GET', `${s.workspaces()}?sorts=createdAt:desc&sorts=name:asc`);
  assert.deepEqual(res.json.workspaces.map((w) => w.name), ['c', 'a', 'b']);
});

describe('List Workspaces rejects bad parameters with 400 and fieldErrors', T, () => {
  let s;
  before(async () => { s = await startSim(null); });
  after(() => s.sim.close());

  const cases = [
    ['limit=0', 'limit', 'out_of_range'],
    ['limit=1001', 'limit', 'out_of_range'],
    ['limit=-5', 'limit', 'out_of_range'],
    ['limit=ten', 'limit', 'invalid_type'],
    ['limit=1.5', 'limit', 'invalid_type'],
    ['limit=', 'limit', 'invalid_type'],
    ['limit=5&limit=6', 'limit', 'invalid_value'],
    ['offset=-1', 'offset', 'out_of_range'],
    ['offset=x', 'offset', 'invalid_type'],
    ['sorts=name', 'sorts', 'invalid_value'],
    ['sorts=name:up', 'sorts', 'invalid_value'],
    ['sorts=createdAt:asc&sorts=size:desc', 'sorts', 'invalid_value'],
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

  test('every bad parameter is reported at once', async () => {
    const res = await s.call('GET', `${s.workspaces()}?limit=0&offset=-1&sorts=bad`);
    const body = assertErrorBody(assert, res, 400);
    assert.deepEqual(body.fieldErrors.map((e) => e.field), ['offset', 'limit', 'sorts']);
  });

  test('unknown query parameters are ignored', async () => {
    const res = await s.call('GET', `${s.workspaces()}?foo=bar`);
    assert.equal(res.status, 200);
  });
});
