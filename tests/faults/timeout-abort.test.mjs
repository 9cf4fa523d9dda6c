// Timeouts (headers and body together) and cancellation by the caller's AbortSignal, in
// flight and during a backoff wait.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { getEventListeners } from 'node:events';

import { AstroClient, AbortError, ConnectionError, TimeoutError } from 'astro-platform';
import { withServer, faults, caught, ORG_ID, TEST_TOKEN } from '../support/fault-server.mjs';

const clientFor = (server, options = {}) => new AstroClient({ token: TEST_TOKEN, baseUrl: server.baseUrl, ...options });

describe('timeouts', { concurrency: true }, () => {
  it('get: headers delayed past timeoutMs fail with TimeoutError after 3 attempts (maxRetries 2)', () =>
    withServer({ workspaces: 1 }, async (server) => {
      server.script('get', faults.delayHeaders(3000), faults.delayHeaders(3000), faults.delayHeaders(3000));
      const started = performance.now();
      const err = await caught(clientFor(server, { timeoutMs: 600, maxRetries: 2 }).getWorkspace(ORG_ID, server.workspaces[0].id));
      const elapsed = performance.now() - started;
      assert.ok(err instanceof TimeoutError, `got ${err?.name}: ${err?.message}`);
      assert.ok(err instanceof ConnectionError, 'TimeoutError extends ConnectionError');
      assert.equal(err.attempts, 3);
      assert.equal(err.timeoutMs, 600);
      assert.equal(server.count('get'), 3);
      // Three 600 ms attempts and two backoffs (375-500 ms, 750-1000 ms).
      assert.ok(elapsed >= 3 * 600 + 375 + 750 - 20 && elapsed < 7000, `elapsed ${Math.round(elapsed)} ms`);
    }));

  it('get: a body trickling one byte every 150 ms fails with TimeoutError although headers came at once', () =>
    withServer({ workspaces: 1 }, async (server) => {
      server.script('get', faults.trickle({ intervalMs: 150 }));
      const started = performance.now();
      const err = await caught(clientFor(server, { timeoutMs: 600, maxRetries: 0 }).getWorkspace(ORG_ID, server.workspaces[0].id));
      const elapsed = performance.now() - started;
      assert.ok(err instanceof TimeoutError, `got ${err?.name}: ${err?.message}`);
      assert.equal(err.attempts, 1);
      assert.ok(elapsed >= 580 && elapsed < 2000, `elapsed ${Math.round(elapsed)} ms`);
      assert.equal(server.count('get'), 1);
    }));

  it('list: a trickled body is retried after its timeout, then the page arrives', () =>
    withServer({ workspaces: 3 }, async (server) => {
      server.script('list', faults.trickle({ intervalMs: 200 }));
      const page = await clientFor(server, { timeoutMs: 500 }).listWorkspaces(ORG_ID, {});
      assert.equal(page.workspaces.length, 3);
      assert.equal(server.count('list'), 2);
    }));

  it('a body trickling fast enough to finish inside timeoutMs succeeds', () =>
    withServer({ workspaces: 1 }, async (server) => {
      server.script('get', faults.trickle({ intervalMs: 1 }));
      const ws = await clientFor(server, { timeoutMs: 5000, maxRetries: 0 }).getWorkspace(ORG_ID, server.workspaces[0].id);
      assert.equal(ws.id, server.workspaces[0].id);
      assert.equal(server.count('get'), 1);
    }));

  it('a per-call timeoutMs overrides the client one', () =>
    withServer({ workspaces: 1 }, async (server) => {
      server.script('get', faults.delayHeaders(3000));
      const started = performance.now();
      const client = clientFor(server, { timeoutMs: 60_000 });
      const err = await caught(client.getWorkspace(ORG_ID, server.workspaces[0].id, { timeoutMs: 250, maxRetries: 0 }));
      const elapsed = performance.now() - started;
      assert.ok(err instanceof TimeoutError, `got ${err?.name}: ${err?.message}`);
      assert.equal(err.timeoutMs, 250);
      assert.ok(elapsed >= 230 && elapsed < 1500, `elapsed ${Math.round(elapsed)} ms`);
    }));
});

describe('cancellation', { concurrency: true }, () => {
  it('an abort during a backoff wait rejects with AbortError within 300 ms, and nothing more is sent', () =>
    withServer({ workspaces: 1 }, async (server) => {
      server.script('get', faults.status(503));
      const controller = new AbortController();
      let abortedAt;
      // The logger sees attempt 1 just before the client starts waiting 375-500 ms.
      const logger = (event) => {
        if (event.attempt === 1) {
          setTimeout(() => {
            abortedAt = performance.now();
            controller.abort();
          }, 100);
        }
      };
      const err = await caught(clientFor(server, { logger }).getWorkspace(ORG_ID, server.workspaces[0].id, { signal: controller.signal }));
      const latency = performance.now() - abortedAt;
      assert.ok(err instanceof AbortError, `got ${err?.name}: ${err?.message}`);
      assert.ok(latency < 300, `rejected ${Math.round(latency)} ms after the abort`);
      assert.equal(err.attempts, 1);
      // Past the end of the longest first backoff: the retry never comes.
      await sleep(700);
      assert.equal(server.count('get'), 1);
    }));

  it('an abort made by the logger itself, just before the backoff starts, still ends the wait at once', () =>
    withServer({ workspaces: 1 }, async (server) => {
      // A 3 s wait asked for by the server: the abort must not sit it out.
      server.script('get', faults.status(503, { headers: { 'retry-after-ms': '3000' } }));
      const controller = new AbortController();
      const logger = () => controller.abort();
      const started = performance.now();
      const err = await caught(clientFor(server, { logger }).getWorkspace(ORG_ID, server.workspaces[0].id, { signal: controller.signal }));
      const elapsed = performance.now() - started;
      assert.ok(err instanceof AbortError, `got ${err?.name}: ${err?.message}`);
      assert.equal(err.attempts, 1);
      assert.ok(elapsed < 300, `rejected ${Math.round(elapsed)} ms after the call (the abort came with the first answer)`);
      assert.equal(server.count('get'), 1);
    }));

  it('an abort while the request is in flight rejects with AbortError at once, and nothing more is sent', () =>
    withServer({ workspaces: 1 }, async (server) => {
      server.script('get', faults.delayHeaders(5000));
      const controller = new AbortController();
      const pending = caught(clientFor(server).getWorkspace(ORG_ID, server.workspaces[0].id, { signal: controller.signal }));
      await server.waitForRequests(1);
      const abortedAt = performance.now();
      controller.abort();
      const err = await pending;
      const latency = performance.now() - abortedAt;
      assert.ok(err instanceof AbortError, `got ${err?.name}: ${err?.message}`);
      assert.ok(!(err instanceof ConnectionError), 'an abort is not a connection failure');
      assert.ok(latency < 300, `rejected ${Math.round(latency)} ms after the abort`);
      assert.equal(err.attempts, 1);
      await sleep(700);
      assert.equal(server.count('get'), 1);
    }));

  it('an abort during a create in flight rejects with AbortError and is not retried', () =>
    withServer({}, async (server) => {
      server.script('create', faults.delayHeaders(5000));
      const controller = new AbortController();
      const pending = caught(clientFor(server).createWorkspace(ORG_ID, { name: 'x' }, { signal: controller.signal }));
      await server.waitForRequests(1);
      controller.abort();
      const err = await pending;
      assert.ok(err instanceof AbortError, `got ${err?.name}: ${err?.message}`);
      assert.equal(server.count('create'), 1);
    }));

  it('an abort wins over a timeout that has not fired yet', () =>
    withServer({ workspaces: 1 }, async (server) => {
      server.script('get', faults.delayHeaders(5000));
      const controller = new AbortController();
      const pending = caught(
        clientFor(server, { timeoutMs: 2000 }).getWorkspace(ORG_ID, server.workspaces[0].id, { signal: controller.signal }),
      );
      await server.waitForRequests(1);
      controller.abort();
      const err = await pending;
      assert.ok(err instanceof AbortError, `got ${err?.name}: ${err?.message}`);
    }));

  it('a signal aborted before the call sends nothing', () =>
    withServer({ workspaces: 1 }, async (server) => {
      const err = await caught(clientFor(server).getWorkspace(ORG_ID, server.workspaces[0].id, { signal: AbortSignal.abort() }));
      assert.ok(err instanceof AbortError, `got ${err?.name}: ${err?.message}`);
      await sleep(50);
      assert.equal(server.count(), 0);
    }));

  it('a signal aborted before the call reports attempts: 0 (no request was made)', () =>
    withServer({ workspaces: 1 }, async (server) => {
      const err = await caught(clientFor(server).getWorkspace(ORG_ID, server.workspaces[0].id, { signal: AbortSignal.abort() }));
      assert.ok(err instanceof AbortError, `got ${err?.name}: ${err?.message}`);
      assert.equal(server.count(), 0);
      assert.equal(err.attempts, 0, 'attempts counts the requests made');
    }));

  it('an abort while the body trickles in is AbortError, not TimeoutError', () =>
    withServer({ workspaces: 1 }, async (server) => {
      server.script('get', faults.trickle({ intervalMs: 100 }));
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 300);
      const started = performance.now();
      const err = await caught(
        clientFor(server, { timeoutMs: 5000 }).getWorkspace(ORG_ID, server.workspaces[0].id, { signal: controller.signal }),
      );
      const elapsed = performance.now() - started;
      assert.ok(err instanceof AbortError, `got ${err?.name}: ${err?.message}`);
      assert.ok(elapsed < 2000, `elapsed ${Math.round(elapsed)} ms`);
      assert.equal(server.count('get'), 1);
    }));

  it('one signal shared by many calls keeps no listener behind', () =>
    withServer({ workspaces: 1 }, async (server) => {
      server.script('get', faults.status(503, { headers: { 'retry-after-ms': '0' } }));
      const controller = new AbortController();
      const client = clientFor(server);
      for (let i = 0; i < 25; i++) await client.getWorkspace(ORG_ID, server.workspaces[0].id, { signal: controller.signal });
      assert.equal(getEventListeners(controller.signal, 'abort').length, 0);
      assert.equal(server.count('get'), 26);
    }));

  it('AbortSignal.timeout() aborts like any other signal', () =>
    withServer({ workspaces: 1 }, async (server) => {
      server.script('get', faults.delayHeaders(5000));
      const started = performance.now();
      const err = await caught(clientFor(server).getWorkspace(ORG_ID, server.workspaces[0].id, { signal: AbortSignal.timeout(500) }));
      const elapsed = performance.now() - started;
      assert.ok(err instanceof AbortError, `got ${err?.name}: ${err?.message}`);
      assert.ok(elapsed >= 480 && elapsed < 1500, `elapsed ${Math.round(elapsed)} ms`);
      assert.equal(server.count('get'), 1);
    }));
});

describe('a fetch that ignores its signal is still cut off', { concurrency: true }, () => {
  const stuck = () => new Promise(() => {});
  const WS = `c${'1'.repeat(24)}`;

  it('by the timeout: TimeoutError', async () => {
    let calls = 0;
    const fetch = () => {
      calls += 1;
      return stuck();
    };
    const client = new AstroClient({ token: TEST_TOKEN, baseUrl: 'http://127.0.0.1:9', fetch, timeoutMs: 200, maxRetries: 0 });
    const started = performance.now();
    const err = await caught(client.getWorkspace(ORG_ID, WS));
    const elapsed = performance.now() - started;
    assert.ok(err instanceof TimeoutError, `got ${err?.name}: ${err?.message}`);
    assert.ok(elapsed >= 180 && elapsed < 1000, `elapsed ${Math.round(elapsed)} ms`);
    assert.equal(calls, 1);
  });

  it('by the caller\'s signal: AbortError', async () => {
    const fetch = () => stuck();
    const client = new AstroClient({ token: TEST_TOKEN, baseUrl: 'http://127.0.0.1:9', fetch });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const started = performance.now();
    const err = await caught(client.getWorkspace(ORG_ID, WS, { signal: controller.signal }));
    assert.ok(err instanceof AbortError, `got ${err?.name}: ${err?.message}`);
    assert.ok(performance.now() - started < 600);
  });

  it('a response whose text() never settles times out too', async () => {
    const fetch = async () => ({ status: 200, headers: new Headers(), text: stuck });
    const client = new AstroClient({ token: TEST_TOKEN, baseUrl: 'http://127.0.0.1:9', fetch, timeoutMs: 200, maxRetries: 0 });
    const err = await caught(client.getWorkspace(ORG_ID, WS));
    assert.ok(err instanceof TimeoutError, `got ${err?.name}: ${err?.message}`);
  });
});
