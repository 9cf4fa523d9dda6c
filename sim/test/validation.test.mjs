/** Server-side validation of Create and Update bodies: 400 with fieldErrors, code by code. */
import assert from 'node:assert/strict';
import { before, after, describe, test } from 'node:test';
import { assertErrorBody, startSim } from './helpers.mjs';

const T = { timeout: 10_000 };
const EMOJI = '😀'; // one code point, two UTF-16 units

describe('request validation', T, () => {
  let s;
  let existing;
  const item = () => `${s.workspaces()}/${existing.id}`;
  before(async () => {
    s = await startSim(null);
    existing = await s.create({ name: 'Existing', description: 'keep', cicdEnforcedDefault: true });
  });
  after(() => s.sim.close());

  /** Posts a body and returns the fieldErrors as `field:code` strings (asserting the 400 Error body). */
  async function fieldErrors(target, body, options = {}) {
    const res = await s.call('POST', target, { body, ...options });
    const json = assertErrorBody(assert, res, 400);
    assert.ok(Array.isArray(json.fieldErrors), `no fieldErrors in ${res.text}`);
    for (const e of json.fieldErrors) {
      assert.deepEqual(Object.keys(e).sort(), ['code', 'field', 'message']);
      assert.ok(e.message.length > 0);
    }
    return json.fieldErrors.map((e) => `${e.field}:${e.code}`);
  }

  const createCases = [
    ['missing name', {}, ['name:required']],
    ['only a description', { description: 'd' }, ['name:required']],
    ['numeric name', { name: 42 }, ['name:invalid_type']],
    ['null name (null reads as absent)', { name: null }, ['name:required']],
    ['empty name', { name: '' }, ['name:too_short']],
    ['51 ASCII characters', { name: 'a'.repeat(51) }, ['name:too_long']],
    ['51 emoji (102 UTF-16 units)', { name: EMOJI.repeat(51) }, ['name:too_long']],
    ['numeric description', { name: 'ok', description: 7 }, ['description:invalid_type']],
    ['string cicdEnforcedDefault', { name: 'ok', cicdEnforcedDefault: 'true' }, ['cicdEnforcedDefault:invalid_type']],
    ['everything wrong', { name: '', description: [], cicdEnforcedDefault: 1 },
      ['name:too_short', 'description:invalid_type', 'cicdEnforcedDefault:invalid_type']],
  ];
  for (const [label, body, expected] of createCases) {
    test(`create: ${label} -> 400 ${expected.join(', ')}`, async () => {
      assert.deepEqual(await fieldErrors(s.workspaces(), body), expected);
    });
  }

  test('create: 50 emoji (100 UTF-16 units) and 50 ASCII characters are accepted', async () => {
    const emoji = await s.create({ name: EMOJI.repeat(50) });
    assert.equal(emoji.name, EMOJI.repeat(50));
    const ascii = await s.create({ name: 'b'.repeat(50) });
    assert.equal(ascii.name.length, 50);
  });

  test('create: 50 combining sequences count by code point (e + U+0301 is 2)', async () => {
    assert.deepEqual(await fieldErrors(s.workspaces(), { name: 'e\u0301'.repeat(26) }), ['name:too_long']);
    const ok = await s.create({ name: 'e\u0301'.repeat(25) });
    assert.equal(ok.name, 'e\u0301'.repeat(25));
  });

  test('create: null reads as absent (no description, cicdEnforcedDefault false, no default fields)', async () => {
    const body = { name: 'nulls', description: null, cicdEnforcedDefault: null, defaultCloudProvider: null, defaultRegion: null, defaultClusterId: null };
    const ws = await s.create(body);
    assert.equal('description' in ws, false);
    assert.equal(ws.cicdEnforcedDefault, false);
    for (const field of ['defaultCloudProvider', 'defaultRegion', 'defaultClusterId']) assert.equal(field in ws, false, field);
  });

  test('create: unknown fields are ignored and never echoed', async () => {
    const res = await s.call('POST', s.workspaces(), { body: { name: 'extra', color: 'red', id: 'cxxxxxxxxxxxxxxxxxxxxxxxx' } });
    assert.equal(res.status, 200);
    assert.equal('color' in res.json, false);
    assert.notEqual(res.json.id, 'cxxxxxxxxxxxxxxxxxxxxxxxx');
  });

  const updateCases = [
    ['empty body', {}, ['name:required', 'description:required', 'cicdEnforcedDefault:required']],
    ['name only', { name: 'n' }, ['description:required', 'cicdEnforcedDefault:required']],
    ['no description', { name: 'n', cicdEnforcedDefault: false }, ['description:required']],
    ['no cicdEnforcedDefault', { name: 'n', description: '' }, ['cicdEnforcedDefault:required']],
    ['all three null', { name: null, description: null, cicdEnforcedDefault: null },
      ['name:required', 'description:required', 'cicdEnforcedDefault:required']],
    ['null description', { name: 'n', description: null, cicdEnforcedDefault: true }, ['description:required']],
    ['51 emoji', { name: EMOJI.repeat(51), description: '', cicdEnforcedDefault: false }, ['name:too_long']],
    ['wrong types', { name: 1, description: false, cicdEnforcedDefault: 'no' },
      ['name:invalid_type', 'description:invalid_type', 'cicdEnforcedDefault:invalid_type']],
  ];
  for (const [label, body, expected] of updateCases) {
    test(`update: ${label} -> 400 ${expected.join(', ')}`, async () => {
      assert.deepEqual(await fieldErrors(item(), body), expected);
    });
  }

  test('a rejected update leaves the workspace unchanged', async () => {
    await fieldErrors(item(), { name: '' });
    const res = await s.call('GET', item());
    assert.deepEqual(res.json, existing);
  });

  test('update of an unknown workspace is 404 even with a bad body', async () => {
    const res = await s.call('POST', `${s.workspaces()}/cnosuchworkspace000000000`, { body: {} });
    assertErrorBody(assert, res, 404);
  });

  const malformed = [
    ['invalid JSON', { rawBody: '{"name": ', headers: { 'content-type': 'application/json' } }],
    ['an empty body', { rawBody: '', headers: { 'content-type': 'application/json' } }],
    ['a JSON array', { rawBody: '[{"name":"x"}]', headers: { 'content-type': 'application/json' } }],
    ['JSON null', { rawBody: 'null', headers: { 'content-type': 'application/json' } }],
    ['a JSON string', { rawBody: '"x"', headers: { 'content-type': 'application/json' } }],
    ['text/plain content type', { rawBody: '{"name":"x"}', headers: { 'content-type': 'text/plain' } }],
    ["fetch's default text/plain;charset=UTF-8 content type", { rawBody: '{"name":"x"}' }],
  ];
  for (const [label, options] of malformed) {
    test(`create with ${label} -> 400 without fieldErrors`, async () => {
      const res = await s.call('POST', s.workspaces(), options);
      const json = assertErrorBody(assert, res, 400);
      assert.equal('fieldErrors' in json, false);
    });
  }

  test('application/json with a charset parameter is accepted', async () => {
    const res = await s.call('POST', s.workspaces(), {
      rawBody: '{"name":"charset"}', headers: { 'content-type': 'application/json; charset=utf-8' },
    });
    assert.equal(res.status, 200);
  });

  test('a body over 1 MiB -> 413 Error body', async () => {
    const res = await s.call('POST', s.workspaces(), { body: { name: 'big', description: 'x'.repeat(1024 * 1024) } });
    assertErrorBody(assert, res, 413);
  });
});
