// The fault server itself, with plain fetch: its store, its scripts, its catch-all route
// and its clean-up. The package's tests are only as good as this harness.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';

import { startFaultServer, faults, workspaceId, ORG_ID, PREFIX } from '../support/fault-server.mjs';

const list = (server, query = '') => fetch(`${server.baseUrl}/organizations/${ORG_ID}/workspaces${query}`);

describe('fault server', { concurrency: true }, () => {
  it('serves list pages honouring offset, limit, names, workspaceIds and sorts', async () => {
    const server = await startFaultServer({ workspaces: 2500 });
    try {
      let page = await (await list(server, '?offset=2495&limit=10')).json();
      assert.equal(page.totalCount, 2500);
      assert.deepEqual(page.workspaces.map((w) => w.id), [2495, 2496, 2497, 2498, 2499].map(workspaceId));
      page = await (await list(server, '?names=Workspace%2000003&names=Workspace%2000001')).json();
      assert.deepEqual(page.workspaces.map((w) => w.id), [workspaceId(1), workspaceId(3)]);
      page = await (await list(server, `?workspaceIds=${workspaceId(9)}&sorts=name%3Adesc&limit=1000`)).json();
      assert.deepEqual(page.workspaces.map((w) => w.id), [workspaceId(9)]);
      page = await (await list(server, '?sorts=name%3Adesc&limit=2')).json();
      assert.deepEqual(page.workspaces.map((w) => w.id), [workspaceId(2499), workspaceId(2498)]);
      page = await (await list(server)).json();
      assert.equal(page.limit, 20);
      assert.equal((await list(server, '?limit=1001')).status, 400);
      assert.equal((await list(server, '?page=2')).status, 400);
      assert.equal(server.count('list'), 7);
      assert.deepEqual(server.received('list')[1].query, [['names', 'Workspace 00003'], ['names', 'Workspace 00001']]);
    } finally {
      await server.close();
    }
  });

  it('plays a route script in order, then answers normally', async () => {
    const server = await startFaultServer({ workspaces: 1 });
    try {
      server.script('get', faults.status(503), faults.retryAfter(2), faults.html(200));
      const url = `${server.baseUrl}/organizations/${ORG_ID}/workspaces/${workspaceId(0)}`;
      const seen = [];
      for (let i = 0; i < 4; i++) {
        const r = await fetch(url);
        seen.push([r.status, r.headers.get('retry-after'), r.headers.get('content-type')]);
        await r.text();
      }
      assert.deepEqual(seen, [
        [503, null, 'application/json'],
        [429, '2', 'application/json'],
        [200, null, 'text/html'],
        [200, null, 'application/json'],
      ]);
      assert.deepEqual(server.received().map((r) => r.fault), ['status 503', '429 Retry-After: 2', 'html 200', 'default']);
      assert.equal(server.pending(), 0);
      assert.throws(() => server.script('nope', faults.ok()), /unknown route/);
    } finally {
      await server.close();
    }
  });

  it('answers an unknown route with 418 and assertClean() reports it', async () => {
    const server = await startFaultServer();
    try {
      const r = await fetch(`${server.origin}${PREFIX}/organizations/${ORG_ID}/clusters`);
      assert.equal(r.status, 418);
      assert.equal(server.unexpected.length, 1);
      assert.throws(() => server.assertClean(), /unexpected requests: GET/);
    } finally {
      await server.close();
    }
  });

  it('assertClean() reports scripted faults that were never used', async () => {
    const server = await startFaultServer();
    try {
      server.script('create', faults.status(500));
      assert.throws(() => server.assertClean(), /1 scripted fault\(s\) never used/);
    } finally {
      await server.close();
    }
  });

  it('records the POST body and headers, and checks the token when given one', async () => {
    const server = await startFaultServer({ token: 'secret' });
    try {
      const url = `${server.baseUrl}/organizations/${ORG_ID}/workspaces`;
      const body = JSON.stringify({ name: 'A' });
      const denied = await fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json' } });
      assert.equal(denied.status, 401);
      const ok = await fetch(url, { method: 'POST', body, headers: { authorization: 'Bearer secret', 'content-type': 'application/json' } });
      assert.equal(ok.status, 200);
      assert.equal((await ok.json()).name, 'A');
      assert.equal(server.received('create')[1].body, body);
      assert.equal(server.received('create')[1].headers.authorization, 'Bearer secret');
    } finally {
      await server.close();
    }
  });

  it('close() ends a trickle and a long delay at once and leaves no timer behind', async () => {
    const server = await startFaultServer({ workspaces: 1 });
    server.script('get', faults.trickle({ intervalMs: 1000 }), faults.delayHeaders(60_000));
    const url = `${server.baseUrl}/organizations/${ORG_ID}/workspaces/${workspaceId(0)}`;
    const trickling = fetch(url).then((r) => r.text()).catch((e) => e);
    const delayed = fetch(url).catch((e) => e);
    await server.waitForRequests(2);
    const started = performance.now();
    await server.close();
    assert.ok(performance.now() - started < 1000);
    assert.ok((await trickling) instanceof Error);
    assert.ok((await delayed) instanceof Error);
  });

  it('resetAfterBody() resets only after the whole body arrived', async () => {
    const server = await startFaultServer();
    try {
      server.script('create', faults.resetAfterBody());
      const body = JSON.stringify({ name: 'x'.repeat(100_000) });
      const err = await fetch(`${server.baseUrl}/organizations/${ORG_ID}/workspaces`, { method: 'POST', body }).catch((e) => e);
      assert.ok(err instanceof TypeError, String(err));
      assert.equal(server.received('create')[0].body, body);
    } finally {
      await server.close();
    }
  });
});
