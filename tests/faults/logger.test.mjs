// The `logger` option: one event per attempt, with credentials redacted and the token in
// nothing it receives.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';

import { AstroClient } from 'astro-platform';
import { withServer, faults, caught, ORG_ID, TEST_TOKEN } from '../support/fault-server.mjs';

/** A client whose logger collects a deep copy of every event. */
function logged(server, options = {}) {
  const events = [];
  const client = new AstroClient({
    token: TEST_TOKEN,
    baseUrl: server.baseUrl,
    logger: (event) => events.push(structuredClone(event)),
    ...options,
  });
  return { client, events };
}

describe('logger', { concurrency: true }, () => {
  it('gets one event per attempt: method, url, status, error, durationMs, attempt, redacted headers', () =>
    withServer({ workspaces: 1 }, async (server) => {
      server.script('get', faults.status(503, { headers: { 'retry-after-ms': '0' } }));
      const { client, events } = logged(server, { headers: { 'x-trace-id': 'trace-1', cookie: 'session=abc' } });
      const id = server.workspaces[0].id;
      await client.getWorkspace(ORG_ID, id, { headers: { 'x-echo': `token=${TEST_TOKEN}` } });
      assert.equal(events.length, 2);
      assert.equal(server.count('get'), 2);
      const url = `${server.baseUrl}/organizations/${ORG_ID}/workspaces/${id}`;
      const [first, second] = events;
      assert.equal(first.method, 'GET');
      assert.equal(first.url, url);
      assert.equal(first.attempt, 1);
      assert.equal(first.status, 503);
      assert.equal(first.error, 'InternalServerError');
      assert.equal(second.attempt, 2);
      assert.equal(second.status, 200);
      assert.ok(!('error' in second), 'a successful attempt has no error');
      for (const e of events) {
        assert.equal(typeof e.durationMs, 'number');
        assert.ok(e.durationMs >= 0 && e.durationMs < 5000, `durationMs ${e.durationMs}`);
        assert.equal(e.headers.authorization, '***');
        assert.equal(e.headers.cookie, '***');
        assert.equal(e.headers['x-echo'], '***', 'a header holding the token is redacted');
        assert.equal(e.headers['x-trace-id'], 'trace-1');
      }
      assert.ok(!JSON.stringify(events).includes(TEST_TOKEN));
      // Redaction is for the log only: the server got the real credentials.
      for (const r of server.received('get')) {
        assert.equal(r.headers.authorization, `Bearer ${TEST_TOKEN}`);
        assert.equal(r.headers.cookie, 'session=abc');
      }
    }));

  it('timeouts and connection failures are logged with the error class and no status', () =>
    withServer({ workspaces: 1 }, async (server) => {
      server.script('get', faults.delayHeaders(2000), faults.resetAfterBody(), faults.status(404));
      const { client, events } = logged(server, { timeoutMs: 800 });
      const err = await caught(client.getWorkspace(ORG_ID, server.workspaces[0].id));
      assert.equal(err.name, 'NotFoundError');
      assert.equal(err.attempts, 3);
      assert.deepEqual(
        events.map((e) => [e.attempt, e.status, e.error]),
        [
          [1, undefined, 'TimeoutError'],
          [2, undefined, 'ConnectionError'],
          [3, 404, 'NotFoundError'],
        ],
      );
      assert.ok(events[0].durationMs >= 780, `durationMs ${events[0].durationMs}`);
      assert.ok(!JSON.stringify(events).includes(TEST_TOKEN));
    }));

  it('a create that fails once is logged once; the POST body is not logged', () =>
    withServer({}, async (server) => {
      server.script('create', faults.status(503));
      const { client, events } = logged(server);
      await caught(client.createWorkspace(ORG_ID, { name: 'secret-project' }));
      assert.equal(events.length, 1);
      assert.equal(events[0].method, 'POST');
      assert.equal(events[0].status, 503);
      assert.ok(!JSON.stringify(events).includes(TEST_TOKEN));
    }));

  it('list URLs are logged with their query', () =>
    withServer({ workspaces: 5 }, async (server) => {
      const { client, events } = logged(server);
      await client.listWorkspaces(ORG_ID, { names: ['a b'], limit: 2 });
      assert.equal(events.length, 1);
      const seen = server.received('list')[0];
      assert.equal(events[0].url, `${server.origin}${seen.path}?${seen.rawQuery}`);
    }));

  it('a logger that throws does not break the call', () =>
    withServer({ workspaces: 1 }, async (server) => {
      server.script('get', faults.status(503, { headers: { 'retry-after-ms': '0' } }));
      let calls = 0;
      const logger = () => {
        calls += 1;
        throw new Error('logger is broken');
      };
      const client = new AstroClient({ token: TEST_TOKEN, baseUrl: server.baseUrl, logger });
      const ws = await client.getWorkspace(ORG_ID, server.workspaces[0].id);
      assert.equal(ws.id, server.workspaces[0].id);
      assert.equal(calls, 2);
    }));

  it('the events of an iteration: one per page request', () =>
    withServer({ workspaces: 25 }, async (server) => {
      const { client, events } = logged(server);
      let n = 0;
      for await (const _ of client.iterateWorkspaces(ORG_ID, { pageSize: 10 })) n += 1;
      assert.equal(n, 25);
      assert.equal(events.length, 3);
      assert.equal(server.count('list'), 3);
      assert.deepEqual(events.map((e) => e.attempt), [1, 1, 1]);
    }));
});
