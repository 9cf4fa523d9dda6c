/** The v1-only default-deployment fields: rules and codes, storing and replacing them, and v1beta1 ignoring them. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { before, after, describe, test } from 'node:test';
import { startSim, tempDir, assertErrorBody } from './helpers.mjs';

const T = { timeout: 10_000 };
const DEFAULTS = ['defaultCloudProvider', 'defaultRegion', 'defaultClusterId'];
const pickDefaults = (ws) => Object.fromEntries(DEFAULTS.filter((f) => f in ws).map((f) => [f, ws[f]]));

/** Body cases of the default fields and the `field:code` pairs v1 answers, in field order. */
const RULES = [
  ['provider of the wrong type (region missing too)', { defaultCloudProvider: 5 }, ['defaultCloudProvider:invalid_type', 'defaultRegion:required']],
  ['provider not in the enum (lowercase)', { defaultCloudProvider: 'aws', defaultRegion: 'us-east-1' }, ['defaultCloudProvider:invalid_value']],
  ['provider not in the enum (IBM), region missing', { defaultCloudProvider: 'IBM' }, ['defaultCloudProvider:invalid_value', 'defaultRegion:required']],
  ['provider alone', { defaultCloudProvider: 'AWS' }, ['defaultRegion:required']],
  ['region alone', { defaultRegion: 'us-east-1' }, ['defaultCloudProvider:required']],
  ['an empty region alone', { defaultRegion: '' }, ['defaultCloudProvider:required', 'defaultRegion:too_short']],
  ['region of the wrong type', { defaultCloudProvider: 'GCP', defaultRegion: 7 }, ['defaultRegion:invalid_type']],
  ['null provider reads as absent', { defaultCloudProvider: null, defaultRegion: 'eu' }, ['defaultCloudProvider:required']],
  ['null region reads as absent', { defaultCloudProvider: 'AZURE', defaultRegion: null }, ['defaultRegion:required']],
  ['an empty cluster', { defaultClusterId: '' }, ['defaultClusterId:too_short']],
  ['a cluster of the wrong type', { defaultClusterId: ['c1'] }, ['defaultClusterId:invalid_type']],
  ['cluster with provider and region', { defaultCloudProvider: 'AWS', defaultRegion: 'us-east-1', defaultClusterId: 'cl1' },
    ['defaultClusterId:conflict']],
  ['cluster with region only', { defaultRegion: 'r', defaultClusterId: 'cl1' }, ['defaultCloudProvider:required', 'defaultClusterId:conflict']],
  ['an empty cluster with provider only', { defaultCloudProvider: 'AZURE', defaultClusterId: '' },
    ['defaultRegion:required', 'defaultClusterId:too_short', 'defaultClusterId:conflict']],
  ['a bad provider next to a cluster', { defaultCloudProvider: false, defaultClusterId: 'cl1' },
    ['defaultCloudProvider:invalid_type', 'defaultRegion:required', 'defaultClusterId:conflict']],
];

describe('v1 default fields', T, () => {
  let s;
  let existing;
  const item = () => `${s.workspaces()}/${existing.id}`;
  const base = { name: 'n', description: 'd', cicdEnforcedDefault: false };
  before(async () => {
    s = await startSim(null);
    existing = await s.create({ name: 'Existing', defaultClusterId: 'cluster-1' });
  });
  after(() => s.sim.close());

  /** Posts a body and returns the 400's fieldErrors as `field:code` strings. */
  async function fieldErrors(target, body, options) {
    const json = assertErrorBody(assert, await s.call('POST', target, { body, ...options }), 400);
    return json.fieldErrors.map((e) => `${e.field}:${e.code}`);
  }

  for (const [label, fields, expected] of RULES) {
    test(`create and update: ${label} -> ${expected.join(', ')}`, async () => {
      assert.deepEqual(await fieldErrors(s.workspaces(), { name: 'ok', ...fields }), expected);
      assert.deepEqual(await fieldErrors(item(), { ...base, ...fields }), expected);
    });
  }

  test('they follow the other fields, all reported together in field order', async () => {
    const body = { defaultClusterId: 'cl', defaultRegion: 1, cicdEnforcedDefault: 'x', name: '', defaultCloudProvider: 'IBM' };
    assert.deepEqual(await fieldErrors(s.workspaces(), body), [
      'name:too_short', 'cicdEnforcedDefault:invalid_type', 'defaultCloudProvider:invalid_value', 'defaultRegion:invalid_type',
      'defaultClusterId:conflict',
    ]);
    assert.deepEqual(await fieldErrors(item(), { defaultCloudProvider: 'GCP' }), [
      'name:required', 'description:required', 'cicdEnforcedDefault:required', 'defaultRegion:required',
    ]);
  });

  test('rejected bodies change nothing', async () => {
    const res = await s.call('GET', item());
    assert.deepEqual(res.json, existing);
    assert.equal(res.json.defaultClusterId, 'cluster-1');
  });

  test('every provider of the enum is accepted with a region, and returned by create, get and list', async () => {
    for (const provider of ['AWS', 'AZURE', 'GCP']) {
      const ws = await s.create({ name: provider, defaultCloudProvider: provider, defaultRegion: `${provider}-region` });
      assert.deepEqual(pickDefaults(ws), { defaultCloudProvider: provider, defaultRegion: `${provider}-region` });
      assert.deepEqual((await s.call('GET', `${s.workspaces()}/${ws.id}`)).json, ws);
      const listed = await s.call('GET', `${s.workspaces()}?workspaceIds=${ws.id}`);
      assert.deepEqual(listed.json.workspaces, [ws]);
    }
  });
});

test('absent default fields are not echoed; a cluster alone is', T, async (t) => {
  const { create } = await startSim(t);
  assert.deepEqual(pickDefaults(await create({ name: 'none' })), {});
  assert.deepEqual(pickDefaults(await create({ name: 'cluster', defaultClusterId: 'cl-9' })), { defaultClusterId: 'cl-9' });
});

test('a v1 update replaces the default fields: given ones are set, absent ones cleared', T, async (t) => {
  const { call, create, workspaces } = await startSim(t);
  const ws = await create({ name: 'w', defaultClusterId: 'cl-1' });
  const target = `${workspaces()}/${ws.id}`;
  const base = { name: 'w', description: '', cicdEnforcedDefault: false };
  const set = await call('POST', target, { body: { ...base, defaultCloudProvider: 'GCP', defaultRegion: 'europe-west1' } });
  assert.deepEqual(pickDefaults(set.json), { defaultCloudProvider: 'GCP', defaultRegion: 'europe-west1' });
  assert.deepEqual(pickDefaults((await call('GET', target)).json), pickDefaults(set.json));
  const cleared = await call('POST', target, { body: { ...base, defaultCloudProvider: null } });
  assert.deepEqual(pickDefaults(cleared.json), {});
  assert.deepEqual(pickDefaults((await call('GET', target)).json), {});
});

test('v1beta1 ignores the default fields: not validated, not stored, not returned, and its update keeps them', T, async (t) => {
  const file = path.join(tempDir(t), 'data.json');
  const { call, create, workspaces } = await startSim(t, { dataFile: file });
  const v1beta1 = { version: 'v1beta1' };
  const ignored = await create({ name: 'beta', defaultCloudProvider: 'IBM', defaultClusterId: '' }, v1beta1);
  assert.deepEqual(pickDefaults(ignored), {});
  assert.deepEqual(pickDefaults((await call('GET', `${workspaces()}/${ignored.id}`)).json), {}, 'v1 sees nothing stored');

  const ws = await create({ name: 'v1', defaultCloudProvider: 'AWS', defaultRegion: 'us-east-1' });
  const target = `${workspaces()}/${ws.id}`;
  assert.deepEqual(pickDefaults((await call('GET', target, v1beta1)).json), {}, 'v1beta1 GET omits them');
  const listed = (await call('GET', `${workspaces()}?limit=10`, v1beta1)).json.workspaces;
  assert.ok(listed.every((w) => DEFAULTS.every((f) => !(f in w))), 'v1beta1 list omits them');

  const body = { name: 'renamed', description: '', cicdEnforcedDefault: true, defaultClusterId: 'ignored', defaultRegion: 5 };
  const upd = await call('POST', target, { body, ...v1beta1 });
  assert.equal(upd.status, 200);
  assert.deepEqual(pickDefaults(upd.json), {});
  const after = (await call('GET', target)).json;
  assert.equal(after.name, 'renamed');
  assert.deepEqual(pickDefaults(after), { defaultCloudProvider: 'AWS', defaultRegion: 'us-east-1' }, 'the stored values are untouched');
  const saved = JSON.parse(fs.readFileSync(file, 'utf8')).workspaces.find((w) => w.id === ws.id);
  assert.deepEqual(pickDefaults(saved), pickDefaults(after), 'and saved to the data file');
});
