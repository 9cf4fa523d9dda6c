/** Both API versions over one store: base URLs, /demo-config.json, the X-API-Version header, the basePaths option. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { createSimulator } from '../simulator.mjs';
import { assertErrorBody, startSim, tempDir } from './helpers.mjs';

const T = { timeout: 10_000 };

test('listen() and the getters give the v1 base URL as apiBaseUrl and both in apiBaseUrls', T, async (t) => {
  const sim = createSimulator({ staticDirs: {} });
  t.after(() => sim.close());
  assert.equal(sim.apiBaseUrl, null);
  assert.equal(sim.apiBaseUrls, null);
  const listening = await sim.listen(0, '127.0.0.1');
  const origin = `http://127.0.0.1:${listening.port}`;
  assert.equal(listening.url, origin);
  assert.equal(listening.apiBaseUrl, `${origin}/v1`);
  assert.deepEqual(listening.apiBaseUrls, { v1: `${origin}/v1`, v1beta1: `${origin}/platform/v1beta1` });
  assert.equal(sim.apiBaseUrl, `${origin}/v1`);
  assert.deepEqual(sim.apiBaseUrls, listening.apiBaseUrls);
});

test('v1 and v1beta1 serve the same store: a write under one is seen under the other', T, async (t) => {
  const { call, create, workspaces } = await startSim(t);
  const a = await create({ name: 'made on v1' });
  const b = await create({ name: 'made on v1beta1' }, { version: 'v1beta1' });
  for (const version of ['v1', 'v1beta1']) {
    const list = await call('GET', `${workspaces()}?sorts=createdAt:asc`, { version });
    assert.deepEqual(list.json.workspaces.map((w) => w.id), [a.id, b.id], version);
    assert.deepEqual((await call('GET', `${workspaces()}/${b.id}`, { version })).json, b, version);
  }
  const body = { name: 'renamed on v1beta1', description: '', cicdEnforcedDefault: true };
  assert.equal((await call('POST', `${workspaces()}/${a.id}`, { body, version: 'v1beta1' })).status, 200);
  assert.equal((await call('GET', `${workspaces()}/${a.id}`)).json.name, 'renamed on v1beta1');
  assert.equal((await call('DELETE', `${workspaces()}/${a.id}`)).status, 204);
  assertErrorBody(assert, await call('GET', `${workspaces()}/${a.id}`, { version: 'v1beta1' }), 404);
});

test('paths outside both bases are not API routes; each base has the same routes', T, async (t) => {
  const { call, workspaces } = await startSim(t);
  for (const target of ['//v2/organizations', '//platform/v1/organizations', '//v1beta1/organizations', '//platform']) {
    assertErrorBody(assert, await call('GET', target), 404);
  }
  for (const version of ['v1', 'v1beta1']) {
    assertErrorBody(assert, await call('GET', '/organizations', { version }), 404);
    assert.equal((await call('PUT', workspaces(), { version })).headers.get('allow'), 'GET, POST');
  }
});

test('/demo-config.json names the v1 base path', T, async (t) => {
  const root = tempDir(t);
  fs.mkdirSync(path.join(root, 'www'));
  const s = await startSim(t, { root, staticDirs: { '/': 'www' } });
  const res = await s.call('GET', '//demo-config.json', { token: null });
  assert.equal(res.status, 200);
  assert.equal(res.json.apiBasePath, '/v1');
  assert.equal(new URL(s.apiBaseUrl).pathname, res.json.apiBasePath);
});

test('X-API-Version on v1: absent or 1.0 is accepted on every operation', T, async (t) => {
  const { call, create, workspaces } = await startSim(t);
  const headers = { 'x-api-version': '1.0' };
  const ws = (await call('POST', workspaces(), { body: { name: 'pinned' }, headers })).json;
  assert.equal(ws.name, 'pinned');
  assert.equal((await call('GET', workspaces(), { headers })).status, 200);
  assert.equal((await call('GET', `${workspaces()}/${ws.id}`, { headers })).status, 200);
  const body = { name: 'pinned 2', description: '', cicdEnforcedDefault: false };
  assert.equal((await call('POST', `${workspaces()}/${ws.id}`, { body, headers })).status, 200);
  assert.equal((await call('DELETE', `${workspaces()}/${ws.id}`, { headers })).status, 204);
  assert.equal((await create({ name: 'unpinned' })).name, 'unpinned');
});

test('X-API-Version on v1: any other value is 400 naming the header and 1.0, without fieldErrors, and nothing happens', T, async (t) => {
  const { call, workspaces } = await startSim(t);
  for (const value of ['2.0', '1.1', '1', '1.0.0', 'v1.0', '1.0, 1.0', 'latest', '']) {
    const res = await call('POST', workspaces(), { body: { name: 'never' }, headers: { 'x-api-version': value } });
    const json = assertErrorBody(assert, res, 400);
    assert.equal('fieldErrors' in json, false, value);
    assert.match(json.message, /X-API-Version/, value);
    assert.match(json.message, /\b1\.0\b/, value);
    assertErrorBody(assert, await call('GET', workspaces(), { headers: { 'x-api-version': value } }), 400);
  }
  assert.equal((await call('GET', workspaces())).json.totalCount, 0);
});

test('v1beta1 ignores X-API-Version', T, async (t) => {
  const { call, workspaces } = await startSim(t);
  const res = await call('POST', workspaces(), { body: { name: 'beta' }, headers: { 'x-api-version': '9.9' }, version: 'v1beta1' });
  assert.equal(res.status, 200);
  assert.equal((await call('GET', workspaces(), { headers: { 'x-api-version': 'x' }, version: 'v1beta1' })).json.totalCount, 1);
});

test('the basePaths option moves either base; bad values are refused at creation', T, async (t) => {
  const s = await startSim(t, { basePaths: { v1: '/api/v1' } });
  assert.equal(s.apiBaseUrl, `${s.url}/api/v1`);
  assert.equal(s.apiBaseUrls.v1beta1, `${s.url}/platform/v1beta1`);
  assert.equal((await s.call('GET', s.workspaces())).status, 200);
  assertErrorBody(assert, await s.call('GET', `//v1${s.workspaces()}`), 404);
  for (const basePaths of [{ v1: 'v1' }, { v1: '/v1/' }, { v2: '/v2' }, { v1: '/platform/v1beta1/x' }, { v1beta1: '/v1' }]) {
    assert.throws(() => createSimulator({ basePaths }), /basePaths/, JSON.stringify(basePaths));
  }
});
