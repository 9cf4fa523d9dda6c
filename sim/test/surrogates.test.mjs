/** Strings with an unpaired UTF-16 surrogate (sent as a JSON escape such as "\ud800"): refused anywhere in a body. */
import assert from 'node:assert/strict';
import { before, after, describe, test } from 'node:test';
import { assertErrorBody, startSim } from './helpers.mjs';

const T = { timeout: 10_000 };
const LONE = ['\ud800', '\udfff', 'a\udc00b', 'x\ud83d']; // high, low, inside text, a high one cut from its pair

describe('unpaired surrogates in request bodies', T, () => {
  let s;
  let existing;
  const item = () => `${s.workspaces()}/${existing.id}`;
  const update = (extra) => ({ name: 'n', description: '', cicdEnforcedDefault: false, ...extra });
  before(async () => {
    s = await startSim(null);
    existing = await s.create({ name: 'Existing', description: 'keep' });
  });
  after(() => s.sim.close());

  /** Posts a body; resolves the 400's fieldErrors as `field:code` strings, or null when it has none. */
  async function refused(target, body, options = {}) {
    const res = await s.call('POST', target, { body, ...options });
    const json = assertErrorBody(assert, res, 400);
    return json.fieldErrors ? json.fieldErrors.map((e) => `${e.field}:${e.code}`) : null;
  }

  test('the test client sends them as JSON escapes', () => {
    assert.equal(JSON.stringify({ name: '\ud800' }), '{"name":"\\ud800"}');
  });

  for (const lone of LONE) {
    const shown = JSON.stringify(lone);
    test(`a known field holding ${shown} -> invalid_type on that field`, async () => {
      assert.deepEqual(await refused(s.workspaces(), { name: lone }), ['name:invalid_type']);
      assert.deepEqual(await refused(s.workspaces(), { name: 'ok', description: lone }), ['description:invalid_type']);
      assert.deepEqual(await refused(item(), update({ name: lone })), ['name:invalid_type']);
      assert.deepEqual(await refused(item(), update({ description: lone })), ['description:invalid_type']);
    });
  }

  test('the v1 default fields holding one -> invalid_type on that field (not invalid_value), with the other rules', async () => {
    assert.deepEqual(await refused(s.workspaces(), { name: 'ok', defaultCloudProvider: '\ud800', defaultRegion: 'r' }),
      ['defaultCloudProvider:invalid_type']);
    assert.deepEqual(await refused(s.workspaces(), { name: 'ok', defaultCloudProvider: 'AWS', defaultRegion: 'us\udfff' }),
      ['defaultRegion:invalid_type']);
    assert.deepEqual(await refused(s.workspaces(), { name: 'ok', defaultClusterId: '\ud800' }), ['defaultClusterId:invalid_type']);
    assert.deepEqual(await refused(item(), update({ defaultRegion: '\ud800' })), ['defaultCloudProvider:required', 'defaultRegion:invalid_type']);
  });

  test('they are reported with every other field error, in field order', async () => {
    assert.deepEqual(await refused(s.workspaces(), { name: '\ud800', description: 'ok', cicdEnforcedDefault: 'yes' }),
      ['name:invalid_type', 'cicdEnforcedDefault:invalid_type']);
  });

  const elsewhere = [
    ['an unknown field', { name: 'ok', color: '\ud800' }],
    ['a nested array', { name: 'ok', meta: { deep: [1, ['\udfff']] } }],
    ['a top-level key', { name: 'ok', '\ud800': 1 }],
    ['a nested key', { name: 'ok', meta: [{ 'k\udc00': true }] }],
    ['an unknown field beside a bad name', { name: '', x: '\ud800' }],
  ];
  for (const [label, body] of elsewhere) {
    test(`one in ${label} -> 400 without fieldErrors, nothing created`, async () => {
      const before = (await s.call('GET', s.workspaces())).json.totalCount;
      assert.equal(await refused(s.workspaces(), body), null);
      assert.equal(await refused(item(), update(body)), null);
      assert.equal((await s.call('GET', s.workspaces())).json.totalCount, before);
    });
  }

  test('v1beta1 does not know the default fields: one there is refused without fieldErrors', async () => {
    assert.equal(await refused(s.workspaces(), { name: 'ok', defaultRegion: '\ud800' }, { version: 'v1beta1' }), null);
    assert.deepEqual(await refused(s.workspaces(), { name: '\ud800' }, { version: 'v1beta1' }), ['name:invalid_type']);
  });

  test('well-formed pairs and other code points pass, at any depth', async () => {
    const ws = await s.create({ name: '😀 \ud7ff \ue000 \ufffd', extra: { '😀': ['\ud83d\ude00'] } });
    assert.equal(ws.name, '😀 \ud7ff \ue000 \ufffd');
    const res = await s.call('GET', `${s.workspaces()}?limit=1000`);
    assert.equal(res.status, 200);
    assert.ok(res.json.workspaces.every((w) => w.name.isWellFormed()));
  });

  test('the workspace refused updates targeted is unchanged', async () => {
    const res = await s.call('GET', item());
    assert.deepEqual(res.json, existing);
  });
});
