/** Create, get, update and delete: the happy paths and the exact Workspace shape a client sees. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  CUID_RE, DEMO_ORGANIZATION_ID, OTHER_ORGANIZATION_ID, OTHER_TOKEN, TIMESTAMP_RE, assertErrorBody, fakeClock, startSim,
} from './helpers.mjs';

const T = { timeout: 10_000 };
const DEMO_SUBJECT = { id: 'cdemotoken000000000000001', subjectType: 'SERVICEKEY', apiTokenName: 'demo-token' };

test('create with only a name returns 200 and the Workspace without description', T, async (t) => {
  const clock = fakeClock('2024-01-02T03:04:05.678Z');
  const { call, workspaces } = await startSim(t, { now: clock.now });
  const res = await call('POST', workspaces(), { body: { name: 'My Workspace' } });
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'application/json');
  assert.ok(res.headers.get('x-request-id'));
  const ws = res.json;
  assert.deepEqual(Object.keys(ws).sort(), [
    'cicdEnforcedDefault', 'createdAt', 'createdBy', 'id', 'name', 'organizationId', 'organizationName', 'updatedAt', 'updatedBy',
  ]);
  assert.match(ws.id, CUID_RE);
  assert.equal(ws.name, 'My Workspace');
  assert.equal(ws.organizationId, DEMO_ORGANIZATION_ID);
  assert.equal(ws.organizationName, 'Demo Organization');
  assert.equal(ws.cicdEnforcedDefault, false);
  assert.equal(ws.createdAt, '2024-01-02T03:04:05.678Z');
  assert.equal(ws.updatedAt, '2024-01-02T03:04:05.678Z');
  assert.deepEqual(ws.createdBy, DEMO_SUBJECT);
  assert.deepEqual(ws.updatedBy, DEMO_SUBJECT);
});

test('create with every field echoes them; IDs are fresh CUIDs', T, async (t) => {
  const { call, workspaces } = await startSim(t);
  const body = { name: 'Full', description: 'This is a test workspace', cicdEnforcedDefault: true };
  const a = await call('POST', workspaces(), { body });
  const b = await call('POST', workspaces(), { body });
  assert.equal(a.status, 200);
  assert.equal(a.json.description, 'This is a test workspace');
  assert.equal(a.json.cicdEnforcedDefault, true);
  assert.match(a.json.createdAt, TIMESTAMP_RE);
  assert.match(a.json.updatedAt, TIMESTAMP_RE);
  assert.match(b.json.id, CUID_RE);
  assert.notEqual(a.json.id, b.json.id);
  assert.notEqual(a.headers.get('x-request-id'), b.headers.get('x-request-id'));
});

test('create keeps an empty description as an empty string', T, async (t) => {
  const { create } = await startSim(t);
  const ws = await create({ name: 'x', description: '' });
  assert.equal(ws.description, '');
});

test('get returns the same Workspace the create returned', T, async (t) => {
  const { call, create, workspaces } = await startSim(t);
  const created = await create({ name: 'Get me', description: 'd' });
  const res = await call('GET', `${workspaces()}/${created.id}`);
  assert.equal(res.status, 200);
  assert.deepEqual(res.json, created);
});

test('update replaces all three fields and bumps updatedAt and updatedBy, keeping createdAt', T, async (t) => {
  const clock = fakeClock('2024-05-06T07:08:09Z');
  const { call, create, workspaces } = await startSim(t, { now: clock.now });
  const created = await create({ name: 'Before', cicdEnforcedDefault: true });
  clock.advance(90);
  const res = await call('POST', `${workspaces()}/${created.id}`, {
    body: { name: 'After', description: 'now described', cicdEnforcedDefault: false },
  });
  assert.equal(res.status, 200);
  assert.deepEqual(res.json, {
    ...created, name: 'After', description: 'now described', cicdEnforcedDefault: false, updatedAt: '2024-05-06T07:09:39.000Z',
  });
  const again = await call('GET', `${workspaces()}/${created.id}`);
  assert.deepEqual(again.json, res.json);
});

test('delete answers 204 with no body, then get answers 404 and a second delete 404', T, async (t) => {
  const { call, create, workspaces } = await startSim(t);
  const ws = await create({ name: 'Doomed' });
  const del = await call('DELETE', `${workspaces()}/${ws.id}`);
  assert.equal(del.status, 204);
  assert.equal(del.text, '');
  assert.equal(del.headers.get('content-type'), null);
  assert.ok(del.headers.get('x-request-id'));
  assertErrorBody(assert, await call('GET', `${workspaces()}/${ws.id}`), 404);
  assertErrorBody(assert, await call('DELETE', `${workspaces()}/${ws.id}`), 404);
  const list = await call('GET', workspaces());
  assert.equal(list.json.totalCount, 0);
});

test('a USER token stamps the USER profile shape on createdBy and updatedBy', T, async (t) => {
  const { create } = await startSim(t);
  const ws = await create({ name: 'By a user' }, { org: OTHER_ORGANIZATION_ID, token: OTHER_TOKEN });
  assert.equal(ws.organizationId, OTHER_ORGANIZATION_ID);
  assert.equal(ws.organizationName, 'Other Organization');
  assert.deepEqual(ws.createdBy, {
    id: 'cotheruser000000000000001', subjectType: 'USER', username: 'jane.doe@example.com', fullName: 'Jane Doe',
    avatarUrl: 'https://avatar.example.com/jane-doe.png',
  });
  assert.deepEqual(ws.updatedBy, ws.createdBy);
});

test('workspaces of one organization are invisible to another', T, async (t) => {
  const { call, create, workspaces } = await startSim(t);
  const mine = await create({ name: 'Demo only' });
  const theirs = await create({ name: 'Other only' }, { org: OTHER_ORGANIZATION_ID, token: OTHER_TOKEN });
  const list = await call('GET', workspaces(OTHER_ORGANIZATION_ID), { token: OTHER_TOKEN });
  assert.deepEqual(list.json.workspaces.map((w) => w.id), [theirs.id]);
  assertErrorBody(assert, await call('GET', `${workspaces(OTHER_ORGANIZATION_ID)}/${mine.id}`, { token: OTHER_TOKEN }), 404);
});

test('Unicode names round-trip unchanged', T, async (t) => {
  const { call, create, workspaces } = await startSim(t);
  const name = 'Données 🚀 データ';
  const ws = await create({ name });
  assert.equal(ws.name, name);
  const res = await call('GET', `${workspaces()}?names=${encodeURIComponent(name)}`);
  assert.deepEqual(res.json.workspaces.map((w) => w.id), [ws.id]);
});

test('timestamps carry milliseconds and strictly increase across writes, even when the clock stands still or goes back', T, async (t) => {
  const clock = fakeClock('2024-04-05T21:41:04.673Z');
  const { call, create, workspaces } = await startSim(t, { now: clock.now });
  const a = await create({ name: 'a' });
  const b = await create({ name: 'b' });
  assert.equal(a.createdAt, '2024-04-05T21:41:04.673Z');
  assert.equal(b.createdAt, '2024-04-05T21:41:04.674Z', 'same clock reading: 1 ms after the last write');
  const body = { name: 'a2', description: '', cicdEnforcedDefault: false };
  const upd = (await call('POST', `${workspaces()}/${a.id}`, { body })).json;
  assert.equal(upd.createdAt, a.createdAt);
  assert.equal(upd.updatedAt, '2024-04-05T21:41:04.675Z');
  clock.advance(-3600);
  const c = await create({ name: 'c' });
  assert.equal(c.createdAt, '2024-04-05T21:41:04.676Z', 'a clock that went back never gives an earlier time');
  clock.set('2024-04-05T21:41:05.001Z');
  const d = await create({ name: 'd' });
  assert.equal(d.createdAt, '2024-04-05T21:41:05.001Z', 'a clock past the last write is used as it is');
  const times = [a.createdAt, b.createdAt, upd.updatedAt, c.createdAt, d.createdAt];
  for (const time of times) assert.match(time, TIMESTAMP_RE);
  assert.deepEqual([...times].sort(), times);
  assert.equal(new Set(times).size, times.length);
});

test('seeded sample workspaces get millisecond timestamps, one minute apart, before any later write', T, async (t) => {
  const clock = fakeClock('2024-01-02T03:04:05.678Z');
  const { call, create, workspaces } = await startSim(t, { now: clock.now, seed: 3 });
  const seeded = (await call('GET', workspaces())).json.workspaces;
  assert.deepEqual(seeded.map((w) => w.createdAt), ['2024-01-02T03:02:05.678Z', '2024-01-02T03:03:05.678Z', '2024-01-02T03:04:05.678Z']);
  for (const w of seeded) assert.equal(w.updatedAt, w.createdAt);
  assert.equal((await create({ name: 'after the seed' })).createdAt, '2024-01-02T03:04:05.679Z');
});
