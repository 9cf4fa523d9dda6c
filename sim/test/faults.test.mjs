/** The admin endpoint: off by default; with `faults: true`, queued faults, the request log and reset. */
import assert from 'node:assert/strict';
import { before, after, beforeEach, describe, test } from 'node:test';
import { DEMO_TOKEN, assertErrorBody, startSim } from './helpers.mjs';

const T = { timeout: 15_000 };

test('the admin endpoint is 404 when faults are off (the default)', T, async (t) => {
  const s = await startSim(t);
  for (const [method, target, body] of [
    ['POST', '//__admin/faults', { faults: [{ type: 'status', status: 500 }] }],
    ['GET', '//__admin/faults'], ['DELETE', '//__admin/faults'], ['GET', '//__admin/requests'], ['POST', '//__admin/reset'],
  ]) {
    assertErrorBody(assert, await s.call(method, target, { body, token: null }), 404);
  }
  assert.equal((await s.call('GET', s.workspaces())).status, 200, 'no fault was queued');
});

describe('with faults on', T, () => {
  let s;
  const queue = (body) => s.call('POST', '//__admin/faults', { body, token: null });
  before(async () => { s = await startSim(null, { faults: true, seed: 3 }); });
  after(() => s.sim.close());
  beforeEach(async () => { assert.equal((await s.call('POST', '//__admin/reset', { token: null })).status, 204); });

  test('a status fault answers the next API request with the Error body, once', async () => {
    const q = await queue({ faults: [{ type: 'status', status: 500 }] });
    assert.equal(q.status, 200);
    assert.equal(q.json.queued, 1);
    const hit = await s.call('GET', s.workspaces());
    const body = assertErrorBody(assert, hit, 500);
    assert.equal('fieldErrors' in body, false);
    assert.equal((await s.call('GET', s.workspaces())).status, 200);
  });

  test('a 429 fault carries Retry-After', async () => {
    await queue({ faults: [{ type: 'status', status: 429, retryAfter: '2' }] });
    const res = await s.call('POST', s.workspaces(), { body: { name: 'x' } });
    assertErrorBody(assert, res, 429);
    assert.equal(res.headers.get('retry-after'), '2');
    assert.equal((await s.call('GET', s.workspaces())).json.totalCount, 3, 'the faulted create did not happen');
  });

  test('a raw-body fault can send an HTML 502 like a proxy would', async () => {
    await queue({ faults: [{ type: 'status', status: 502, body: '<html>Bad Gateway</html>', contentType: 'text/html' }] });
    const res = await s.call('GET', s.workspaces());
    assert.equal(res.status, 502);
    assert.equal(res.headers.get('content-type'), 'text/html');
    assert.equal(res.text, '<html>Bad Gateway</html>');
  });

  test('a delay fault holds the request, then it succeeds', async () => {
    await queue({ faults: [{ type: 'delay', ms: 400 }] });
    const started = Date.now();
    const res = await s.call('GET', s.workspaces());
    assert.equal(res.status, 200);
    assert.ok(Date.now() - started >= 380, `took only ${Date.now() - started}ms`);
  });

  test('a reset fault drops the connection without a response', async () => {
    await queue({ faults: [{ type: 'reset' }] });
    await assert.rejects(s.call('GET', s.workspaces()), TypeError);
    assert.equal((await s.call('GET', s.workspaces())).status, 200);
  });

  test('faults apply in FIFO order, one per request', async () => {
    await queue({ faults: [{ type: 'status', status: 503 }, { type: 'status', status: 504 }] });
    assert.equal((await s.call('GET', s.workspaces())).status, 503);
    assert.equal((await s.call('GET', s.workspaces())).status, 504);
    assert.equal((await s.call('GET', s.workspaces())).status, 200);
  });

  test('match by method and path leaves other requests alone', async () => {
    const ws = (await s.call('GET', s.workspaces())).json.workspaces[0];
    const itemPath = `/v1${s.workspaces()}/${ws.id}`;
    await queue({ faults: [{ type: 'status', status: 500 }], match: { method: 'delete', path: itemPath } });
    assert.equal((await s.call('GET', `${s.workspaces()}/${ws.id}`)).status, 200);
    assert.equal((await s.call('POST', s.workspaces(), { body: { name: 'y' } })).status, 200);
    assert.equal((await s.call('DELETE', `${s.workspaces()}/${ws.id}`)).status, 500);
    assert.equal((await s.call('DELETE', `${s.workspaces()}/${ws.id}`)).status, 204);
  });

  test('match by pathPrefix', async () => {
    await queue({ faults: [{ type: 'status', status: 500 }], match: { pathPrefix: '/v1/organizations/cnope' } });
    assert.equal((await s.call('GET', s.workspaces())).status, 200);
    assert.equal((await s.call('GET', '//__admin/faults', { token: null })).json.faults.length, 1);
  });

  test('faults and the request log cover API requests under both base paths', async () => {
    await queue({ faults: [{ type: 'status', status: 503 }, { type: 'status', status: 504 }] });
    assert.equal((await s.call('GET', s.workspaces(), { version: 'v1beta1' })).status, 503);
    assert.equal((await s.call('GET', s.workspaces())).status, 504);
    await queue({ faults: [{ type: 'status', status: 500 }], match: { pathPrefix: '/platform/v1beta1/' } });
    assert.equal((await s.call('GET', s.workspaces())).status, 200, 'a v1 request does not take a v1beta1 fault');
    assert.equal((await s.call('GET', s.workspaces(), { version: 'v1beta1' })).status, 500);
    const logged = (await s.call('GET', '//__admin/requests', { token: null })).json.requests;
    assert.deepEqual(logged.map((r) => `${r.path.split('/organizations/')[0]} ${r.status}`),
      ['/platform/v1beta1 503', '/v1 504', '/v1 200', '/platform/v1beta1 500']);
  });

  test('GET lists pending faults; DELETE clears them', async () => {
    await queue({ faults: [{ type: 'delay', ms: 10 }, { type: 'status', status: 500 }] });
    const pending = await s.call('GET', '//__admin/faults', { token: null });
    assert.deepEqual(pending.json.faults.map((f) => f.type), ['delay', 'status']);
    assert.equal((await s.call('DELETE', '//__admin/faults', { token: null })).status, 204);
    assert.deepEqual((await s.call('GET', '//__admin/faults', { token: null })).json.faults, []);
    assert.equal((await s.call('GET', s.workspaces())).status, 200);
  });

  test('invalid fault requests are 400 with fieldErrors', async () => {
    const cases = [
      [{}, 'faults'],
      [{ faults: [] }, 'faults'],
      [{ faults: [{ type: 'explode' }] }, 'faults[0].type'],
      [{ faults: [{ type: 'delay' }] }, 'faults[0].ms'],
      [{ faults: [{ type: 'delay', ms: 60_001 }] }, 'faults[0].ms'],
      [{ faults: [{ type: 'reset' }, { type: 'status', status: 700 }] }, 'faults[1].status'],
      [{ faults: [{ type: 'status', status: 429, retryAfter: true }] }, 'faults[0].retryAfter'],
      [{ faults: [{ type: 'reset' }], match: { path: 5 } }, 'match.path'],
    ];
    for (const [body, field] of cases) {
      const json = assertErrorBody(assert, await queue(body), 400);
      assert.deepEqual(json.fieldErrors.map((e) => e.field), [field], JSON.stringify(body));
    }
    assert.deepEqual((await s.call('GET', '//__admin/faults', { token: null })).json.faults, [], 'nothing was queued');
  });

  test('the request log records method, path, query, status and token presence, never the token', async () => {
    await queue({ faults: [{ type: 'status', status: 500 }] });
    await s.call('GET', `${s.workspaces()}?names=a&names=b&limit=5`);
    await s.call('GET', `${s.workspaces()}?token=${DEMO_TOKEN}`, { token: null });
    await s.call('GET', '//index.html');
    const res = await s.call('GET', '//__admin/requests', { token: null });
    assert.equal(res.status, 200);
    assert.equal(res.text.includes(DEMO_TOKEN), false, 'the token never appears in the log');
    const [first, second] = res.json.requests;
    assert.equal(res.json.requests.length, 2, 'only API requests are logged');
    assert.equal(first.method, 'GET');
    assert.equal(first.path, `/v1${s.workspaces()}`);
    assert.deepEqual(first.query, { names: ['a', 'b'], limit: ['5'] });
    assert.equal(first.authorization, true);
    assert.equal(first.status, 500);
    assert.equal(first.fault, 'status');
    assert.match(first.requestId, /\S/);
    assert.equal(second.authorization, false);
    assert.equal(second.status, 401);
    assert.deepEqual(second.query, { token: ['[redacted]'] });
    assert.equal((await s.call('DELETE', '//__admin/requests', { token: null })).status, 204);
    assert.deepEqual((await s.call('GET', '//__admin/requests', { token: null })).json.requests, []);
  });

  test('reset restores the initial workspaces and clears faults and the log', async () => {
    const initial = (await s.call('GET', s.workspaces())).json;
    await s.create({ name: 'added' });
    await s.call('DELETE', `${s.workspaces()}/${initial.workspaces[0].id}`);
    await queue({ faults: [{ type: 'status', status: 500 }] });
    assert.equal((await s.call('POST', '//__admin/reset', { token: null })).status, 204);
    assert.deepEqual((await s.call('GET', s.workspaces())).json, initial);
    assert.deepEqual((await s.call('GET', '//__admin/requests', { token: null })).json.requests.length, 1);
  });

  test('unknown admin routes are 404 and wrong methods 405', async () => {
    assertErrorBody(assert, await s.call('GET', '//__admin/nothing', { token: null }), 404);
    const res = await s.call('PUT', '//__admin/faults', { token: null, body: {} });
    assertErrorBody(assert, res, 405);
    assert.equal(res.headers.get('allow'), 'POST, GET, DELETE');
  });
});

test('closing the server ends a pending delay promptly', T, async (t) => {
  const s = await startSim(t, { faults: true });
  await s.call('POST', '//__admin/faults', { body: { faults: [{ type: 'delay', ms: 60_000 }] }, token: null });
  const pending = s.call('GET', s.workspaces()).catch((e) => e);
  await new Promise((r) => setTimeout(r, 100));
  const started = Date.now();
  await s.sim.close();
  assert.ok((await pending) instanceof Error);
  assert.ok(Date.now() - started < 2000);
});
