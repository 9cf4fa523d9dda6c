// iterateWorkspaces against a server holding 2,500 Workspaces, and listWorkspaces' query.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';

import { AstroClient, AbortError, InternalServerError, ValidationError } from 'astro-platform';
import { withServer, faults, caught, workspaceId, ORG_ID, TEST_TOKEN } from '../support/fault-server.mjs';

const N = 2500;
const clientFor = (server, options = {}) => new AstroClient({ token: TEST_TOKEN, baseUrl: server.baseUrl, ...options });
/** The (offset, limit) of each list request the server saw. */
const pages = (server) =>
  server.received('list').map((r) => {
    const q = new URLSearchParams(r.rawQuery);
    return [Number(q.get('offset')), Number(q.get('limit'))];
  });

async function collect(iterator) {
  const ids = [];
  for await (const ws of iterator) ids.push(ws.id);
  return ids;
}

describe(`iterateWorkspaces over ${N} Workspaces`, { concurrency: true }, () => {
  for (const pageSize of [1000, 100, 7]) {
    it(`pageSize ${pageSize}: every Workspace exactly once, in order, in ceil(${N}/${pageSize}) requests`, () =>
      withServer({ workspaces: N }, async (server) => {
        const expected = server.workspaces.map((w) => w.id);
        const ids = await collect(clientFor(server).iterateWorkspaces(ORG_ID, { pageSize }));
        assert.equal(ids.length, N);
        assert.equal(new Set(ids).size, N, 'no Workspace twice');
        assert.deepEqual(ids, expected);
        const requests = Math.ceil(N / pageSize);
        assert.equal(server.count('list'), requests);
        assert.deepEqual(pages(server), Array.from({ length: requests }, (_, k) => [k * pageSize, pageSize]));
      }));
  }

  it('the default pageSize is 100 and the first request asks for offset=0&limit=100', () =>
    withServer({ workspaces: N }, async (server) => {
      const ids = await collect(clientFor(server).iterateWorkspaces(ORG_ID));
      assert.equal(ids.length, N);
      assert.equal(server.count('list'), 25);
      const first = new URLSearchParams(server.received('list')[0].rawQuery);
      assert.equal(first.get('offset'), '0');
      assert.equal(first.get('limit'), '100');
    }));

  it('sorts go with every page: createdAt:asc yields the server order by creation time', () =>
    withServer({ workspaces: N }, async (server) => {
      const expected = [...server.workspaces].sort((a, b) => (a.createdAt < b.createdAt ? -1 : 1)).map((w) => w.id);
      assert.notDeepEqual(expected, server.workspaces.map((w) => w.id), 'the fixture orders differ');
      const ids = await collect(clientFor(server).iterateWorkspaces(ORG_ID, { sorts: ['createdAt:asc'], pageSize: 250 }));
      assert.deepEqual(ids, expected);
      for (const r of server.received('list')) assert.deepEqual(new URLSearchParams(r.rawQuery).getAll('sorts'), ['createdAt:asc']);
    }));

  it('names and workspaceIds filter every page', () =>
    withServer({ workspaces: N }, async (server) => {
      const names = ['Workspace 00010', 'Workspace 02000', 'Workspace 01234'];
      const ids = await collect(clientFor(server).iterateWorkspaces(ORG_ID, { names, pageSize: 2 }));
      assert.deepEqual(ids, [workspaceId(10), workspaceId(1234), workspaceId(2000)]);
      assert.equal(server.count('list'), 2);
      const byId = await collect(clientFor(server).iterateWorkspaces(ORG_ID, { workspaceIds: [workspaceId(7), workspaceId(3)] }));
      assert.deepEqual(byId, [workspaceId(3), workspaceId(7)]);
    }));

  it('breaking out after 150 Workspaces with pageSize 100 sends exactly 2 requests', () =>
    withServer({ workspaces: N }, async (server) => {
      let n = 0;
      for await (const ws of clientFor(server).iterateWorkspaces(ORG_ID, { pageSize: 100 })) {
        assert.equal(ws.id, workspaceId(n));
        n += 1;
        if (n === 150) break;
      }
      await sleep(200);
      assert.equal(n, 150);
      assert.equal(server.count('list'), 2);
    }));

  it('return() while a page is on its way ends the walk: that next() is done, nothing more is sent', () =>
    withServer({ workspaces: N }, async (server) => {
      server.script('list', faults.delayHeaders(200));
      const iterator = clientFor(server).iterateWorkspaces(ORG_ID, { pageSize: 100 });
      const pending = iterator.next();
      await server.waitForRequests(1);
      assert.deepEqual(await iterator.return(), { done: true, value: undefined });
      assert.deepEqual(await pending, { done: true, value: undefined });
      assert.deepEqual(await iterator.next(), { done: true, value: undefined });
      await sleep(100);
      assert.equal(server.count('list'), 1);
    }));

  it('a totalCount larger than what exists ends at the first empty page', () =>
    withServer({ workspaces: N }, async (server) => {
      server.reportedTotalCount = N + 500;
      const ids = await collect(clientFor(server).iterateWorkspaces(ORG_ID, { pageSize: 1000 }));
      assert.equal(ids.length, N);
      assert.equal(server.count('list'), 4, 'three full pages and one empty page');
    }));

  it('a failed page is retried, and the walk still yields each Workspace once', () =>
    withServer({ workspaces: N }, async (server) => {
      server.script('list', faults.ok(), faults.status(503, { headers: { 'retry-after-ms': '0' } }), faults.resetAfterBody());
      const ids = await collect(clientFor(server).iterateWorkspaces(ORG_ID, { pageSize: 500 }));
      assert.deepEqual(ids, server.workspaces.map((w) => w.id));
      assert.equal(server.count('list'), 5 + 2);
      assert.deepEqual(pages(server).map(([o]) => o), [0, 500, 500, 500, 1000, 1500, 2000]);
    }));

  it('a page that fails for good rejects next() after the earlier Workspaces; then the walk is done', () =>
    withServer({ workspaces: N }, async (server) => {
      server.script('list', faults.ok(), faults.status(500));
      const iterator = clientFor(server, { maxRetries: 0 }).iterateWorkspaces(ORG_ID, { pageSize: 100 });
      for (let i = 0; i < 100; i++) assert.equal((await iterator.next()).value.id, workspaceId(i));
      const err = await caught(iterator.next());
      assert.ok(err instanceof InternalServerError, `got ${err?.name}: ${err?.message}`);
      assert.equal(err.attempts, 1);
      assert.deepEqual(await iterator.next(), { done: true, value: undefined });
      assert.equal(server.count('list'), 2);
    }));

  it('the signal given to iterateWorkspaces cancels the walk: AbortError, no further request', () =>
    withServer({ workspaces: N }, async (server) => {
      const controller = new AbortController();
      const iterator = clientFor(server).iterateWorkspaces(ORG_ID, { pageSize: 100 }, { signal: controller.signal });
      for (let i = 0; i < 100; i++) await iterator.next();
      controller.abort();
      const err = await caught(iterator.next());
      assert.ok(err instanceof AbortError, `got ${err?.name}: ${err?.message}`);
      await sleep(100);
      assert.equal(server.count('list'), 1);
    }));

  it('per-call options reach every page request (headers, maxRetries)', () =>
    withServer({ workspaces: 250 }, async (server) => {
      server.script('list', faults.ok(), faults.status(503));
      const iterator = clientFor(server).iterateWorkspaces(ORG_ID, { pageSize: 100 }, { headers: { 'x-walk': 'w1' }, maxRetries: 0 });
      const err = await caught(collect(iterator));
      assert.ok(err instanceof InternalServerError, `got ${err?.name}: ${err?.message}`);
      assert.equal(err.attempts, 1);
      assert.deepEqual(server.received('list').map((r) => r.headers['x-walk']), ['w1', 'w1']);
    }));

  for (const pageSize of [0, 1001, 2.5]) {
    it(`pageSize ${pageSize} is a ValidationError on the first next(), and nothing is sent`, () =>
      withServer({ workspaces: 10 }, async (server) => {
        const err = await caught(collect(clientFor(server).iterateWorkspaces(ORG_ID, { pageSize })));
        assert.ok(err instanceof ValidationError, `got ${err?.name}: ${err?.message}`);
        assert.equal(err.fieldErrors[0].field, 'pageSize');
        assert.equal(server.count(), 0);
      }));
  }
});

describe('listWorkspaces', { concurrency: true }, () => {
  it('returns { workspaces, totalCount, offset, limit } for one page', () =>
    withServer({ workspaces: N }, async (server) => {
      const page = await clientFor(server).listWorkspaces(ORG_ID, { offset: 2490, limit: 20 });
      assert.deepEqual(Object.keys(page).sort(), ['limit', 'offset', 'totalCount', 'workspaces']);
      assert.equal(page.totalCount, N);
      assert.equal(page.offset, 2490);
      assert.equal(page.limit, 20);
      assert.deepEqual(page.workspaces.map((w) => w.id), server.workspaces.slice(2490).map((w) => w.id));
    }));

  it('sends arrays as repeated parameters, each value encoded like encodeURIComponent', () =>
    withServer({ workspaces: 3 }, async (server) => {
      const names = ['a b', 'x&y=z', 'é', '1+1/2?#', '100%', "it's (ok)*!~"];
      const workspaceIds = [workspaceId(2), workspaceId(1)];
      const sorts = ['name:asc', 'createdAt:desc'];
      const page = await clientFor(server).listWorkspaces(ORG_ID, { workspaceIds, names, sorts, offset: 5, limit: 10 });
      assert.deepEqual(page.workspaces, []);
      const raw = server.received('list')[0].rawQuery.split('&').map((pair) => pair.split('='));
      const valuesOf = (key) => raw.filter(([k]) => k === key).map(([, v]) => v);
      // encodeURIComponent leaves ' alone; fetch's URL parser then writes it as %27 in a query.
      const onTheWire = (v) => new URL(`http://h/?v=${encodeURIComponent(v)}`).search.slice(3);
      assert.deepEqual(valuesOf('names'), names.map(onTheWire));
      assert.equal(valuesOf('names')[0], 'a%20b', 'a space is %20, not +');
      assert.deepEqual(valuesOf('workspaceIds'), workspaceIds);
      assert.deepEqual(valuesOf('sorts'), sorts.map(onTheWire));
      assert.deepEqual(valuesOf('offset'), ['5']);
      assert.deepEqual(valuesOf('limit'), ['10']);
      assert.equal(raw.length, names.length + workspaceIds.length + sorts.length + 2);
      // Decoded, the server sees exactly what was passed.
      const query = new URLSearchParams(server.received('list')[0].rawQuery);
      assert.deepEqual(query.getAll('names'), names);
    }));

  it('a name with spaces, & and é finds its Workspace', () =>
    withServer({ workspaces: 2 }, async (server) => {
      const client = clientFor(server);
      await client.updateWorkspace(ORG_ID, workspaceId(1), { name: 'R&D équipe 1', description: '', cicdEnforcedDefault: true });
      const page = await client.listWorkspaces(ORG_ID, { names: ['R&D équipe 1'] });
      assert.deepEqual(page.workspaces.map((w) => w.id), [workspaceId(1)]);
      assert.equal(page.totalCount, 1);
    }));

  it('no parameters sends no query string', () =>
    withServer({ workspaces: 2 }, async (server) => {
      await clientFor(server).listWorkspaces(ORG_ID);
      assert.equal(server.received('list')[0].rawQuery, '');
    }));
});
