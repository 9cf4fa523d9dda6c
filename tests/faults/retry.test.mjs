// Retries of list, get, update and delete: which statuses, how long between attempts,
// Retry-After in its three spellings, and maxRetries per client and per call.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';

import {
  AstroClient,
  ApiError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
} from 'astro-platform';
import { withServer, faults, caught, ORG_ID, TEST_TOKEN } from '../support/fault-server.mjs';

const clientFor = (server, options = {}) => new AstroClient({ token: TEST_TOKEN, baseUrl: server.baseUrl, ...options });
const update = { name: 'Renamed', description: 'new description', cicdEnforcedDefault: false };
/** Milliseconds between the arrivals of consecutive requests. */
const gaps = (records) => records.slice(1).map((r, i) => r.at - records[i].at);

describe('retried operations', { concurrency: true }, () => {
  it('get: 503, 503, then 200 succeeds after 3 requests, with jittered exponential backoff', () =>
    withServer({ workspaces: 3 }, async (server) => {
      server.script('get', faults.status(503), faults.status(503));
      const id = server.workspaces[1].id;
      const started = performance.now();
      const ws = await clientFor(server).getWorkspace(ORG_ID, id);
      const elapsed = performance.now() - started;
      assert.equal(ws.id, id);
      assert.equal(server.count('get'), 3);
      const [g1, g2] = gaps(server.received('get'));
      // Before retry 0: 500 ms less 0-25%; before retry 1: 1000 ms less 0-25%. Timers never
      // fire early, so the lower bounds are exact; the upper ones leave a loaded machine 1 s.
      assert.ok(g1 >= 370 && g1 < 500 + 1000, `first backoff ${Math.round(g1)} ms`);
      assert.ok(g2 >= 745 && g2 < 1000 + 1000, `second backoff ${Math.round(g2)} ms`);
      assert.ok(elapsed >= 375 + 750 - 10 && elapsed < 4000, `elapsed ${Math.round(elapsed)} ms`);
    }));

  for (const status of [408, 429, 500, 502, 503, 504]) {
    it(`get: ${status} is retried`, () =>
      withServer({ workspaces: 1 }, async (server) => {
        server.script('get', faults.status(status));
        const ws = await clientFor(server).getWorkspace(ORG_ID, server.workspaces[0].id);
        assert.equal(ws.id, server.workspaces[0].id);
        assert.equal(server.count('get'), 2);
      }));
  }

  const notRetried = [
    [400, BadRequestError],
    [401, AuthenticationError],
    [403, PermissionDeniedError],
    [404, NotFoundError],
    [409, ConflictError],
    [418, ApiError],
    [501, InternalServerError],
  ];
  for (const [status, cls] of notRetried) {
    it(`get: ${status} is not retried (${cls.name}, attempts 1)`, () =>
      withServer({ workspaces: 1 }, async (server) => {
        server.script('get', faults.status(status));
        const err = await caught(clientFor(server).getWorkspace(ORG_ID, server.workspaces[0].id));
        assert.equal(err.constructor, cls, `got ${err?.name}: ${err?.message}`);
        assert.equal(err.status, status);
        assert.equal(err.attempts, 1);
        assert.equal(server.count('get'), 1);
      }));
  }

  it('get: a 502 HTML page is retried, then succeeds', () =>
    withServer({ workspaces: 1 }, async (server) => {
      server.script('get', faults.html(502));
      const ws = await clientFor(server).getWorkspace(ORG_ID, server.workspaces[0].id);
      assert.equal(ws.id, server.workspaces[0].id);
      assert.equal(server.count('get'), 2);
    }));

  it('get: a reset connection is retried, then succeeds', () =>
    withServer({ workspaces: 1 }, async (server) => {
      server.script('get', faults.resetAfterBody());
      const ws = await clientFor(server).getWorkspace(ORG_ID, server.workspaces[0].id);
      assert.equal(ws.id, server.workspaces[0].id);
      assert.equal(server.count('get'), 2);
    }));

  it('get: a connection closed mid-body is retried, then succeeds', () =>
    withServer({ workspaces: 1 }, async (server) => {
      server.script('get', faults.cutOffJson({ abrupt: true }));
      const ws = await clientFor(server).getWorkspace(ORG_ID, server.workspaces[0].id);
      assert.equal(ws.id, server.workspaces[0].id);
      assert.equal(server.count('get'), 2);
    }));

  it('get: 503 every time fails with InternalServerError after maxRetries + 1 attempts', () =>
    withServer({ workspaces: 1 }, async (server) => {
      const quick = () => faults.status(503, { headers: { 'retry-after-ms': '0' } });
      server.script('get', quick(), quick(), quick());
      const err = await caught(clientFor(server).getWorkspace(ORG_ID, server.workspaces[0].id));
      assert.ok(err instanceof InternalServerError, `got ${err?.name}: ${err?.message}`);
      assert.equal(err.status, 503);
      assert.equal(err.attempts, 3);
      assert.equal(server.count('get'), 3);
    }));

  it('update: 503 is retried (it replaces all three values, so repeating it is safe)', () =>
    withServer({ workspaces: 2 }, async (server) => {
      server.script('update', faults.status(503));
      const id = server.workspaces[1].id;
      const ws = await clientFor(server).updateWorkspace(ORG_ID, id, update);
      assert.equal(ws.name, 'Renamed');
      assert.equal(server.count('update'), 2);
      const [a, b] = server.received('update');
      assert.deepEqual(JSON.parse(a.body), update);
      assert.equal(b.body, a.body);
    }));

  it('update: 409 fails with ConflictError, attempts 1, 1 request', () =>
    withServer({ workspaces: 1 }, async (server) => {
      server.script('update', faults.status(409, { message: 'name taken' }));
      const err = await caught(clientFor(server).updateWorkspace(ORG_ID, server.workspaces[0].id, update));
      assert.ok(err instanceof ConflictError, `got ${err?.name}: ${err?.message}`);
      assert.equal(err.status, 409);
      assert.equal(err.attempts, 1);
      assert.equal(server.count('update'), 1);
      assert.equal(server.workspaces[0].name, 'Workspace 00000');
    }));

  it('list: 500 is retried, then the page arrives', () =>
    withServer({ workspaces: 30 }, async (server) => {
      server.script('list', faults.status(500));
      const page = await clientFor(server).listWorkspaces(ORG_ID, { limit: 10 });
      assert.equal(page.workspaces.length, 10);
      assert.equal(page.totalCount, 30);
      assert.equal(server.count('list'), 2);
    }));
});

describe('concurrent calls', () => {
  it('50 parallel gets on one client, 10 of them hit by a 503, all succeed with 60 requests in all', () =>
    withServer({ workspaces: 50 }, async (server) => {
      server.script('get', ...Array.from({ length: 10 }, () => faults.status(503, { headers: { 'retry-after-ms': '10' } })));
      const client = clientFor(server);
      const results = await Promise.all(server.workspaces.map((w) => client.getWorkspace(ORG_ID, w.id)));
      assert.deepEqual(results.map((w) => w.id), server.workspaces.map((w) => w.id));
      assert.equal(server.count('get'), 60);
    }));
});

describe('Retry-After', { concurrency: true }, () => {
  it('429 with Retry-After: 2 waits 2 s before the retry, then succeeds', () =>
    withServer({ workspaces: 1 }, async (server) => {
      server.script('get', faults.retryAfter(2));
      const ws = await clientFor(server).getWorkspace(ORG_ID, server.workspaces[0].id);
      assert.equal(ws.id, server.workspaces[0].id);
      assert.equal(server.count('get'), 2);
      const [gap] = gaps(server.received('get'));
      assert.ok(gap >= 1900 && gap < 3500, `retry ${Math.round(gap)} ms after the first request`);
    }));

  it('429 with Retry-After as an HTTP date waits until that date, then succeeds', () =>
    withServer({ workspaces: 5 }, async (server) => {
      server.script('list', faults.retryAfterDate(1500));
      const page = await clientFor(server).listWorkspaces(ORG_ID, {});
      assert.equal(page.totalCount, 5);
      const [first, second] = server.received('list');
      // HTTP dates have whole seconds; the client waits from when the 429 arrived.
      assert.ok(second.wallAt >= first.retryAt - 30, `retry at ${second.wallAt}, asked for ${first.retryAt}`);
      assert.ok(second.wallAt < first.retryAt + 1500, `retry at ${second.wallAt}, asked for ${first.retryAt}`);
    }));

  it('429 with retry-after-ms: 1500 waits 1.5 s, then succeeds (update)', () =>
    withServer({ workspaces: 1 }, async (server) => {
      server.script('update', faults.retryAfterMs(1500));
      const ws = await clientFor(server).updateWorkspace(ORG_ID, server.workspaces[0].id, update);
      assert.equal(ws.name, 'Renamed');
      const [gap] = gaps(server.received('update'));
      assert.ok(gap >= 1450 && gap < 3000, `retry ${Math.round(gap)} ms after the first request`);
    }));

  it('retry-after-ms wins over Retry-After', () =>
    withServer({ workspaces: 1 }, async (server) => {
      server.script('get', faults.status(429, { headers: { 'retry-after-ms': '100', 'retry-after': '30' } }));
      const started = performance.now();
      await clientFor(server).getWorkspace(ORG_ID, server.workspaces[0].id);
      const elapsed = performance.now() - started;
      const [gap] = gaps(server.received('get'));
      assert.ok(gap >= 90 && gap < 1000, `retry ${Math.round(gap)} ms after the first request`);
      assert.ok(elapsed < 2000, `elapsed ${Math.round(elapsed)} ms`);
    }));

  it('503 with Retry-After: 1 waits 1 s (not the 0.5 s backoff)', () =>
    withServer({ workspaces: 1 }, async (server) => {
      server.script('get', faults.retryAfter(1, { status: 503 }));
      await clientFor(server).getWorkspace(ORG_ID, server.workspaces[0].id);
      const [gap] = gaps(server.received('get'));
      assert.ok(gap >= 950 && gap < 2500, `retry ${Math.round(gap)} ms after the first request`);
    }));

  it('429 with Retry-After: 99999 fails at once with RateLimitError, retryAfterMs 99999000, attempts 1', () =>
    withServer({ workspaces: 1 }, async (server) => {
      server.script('get', faults.retryAfter(99999));
      const started = performance.now();
      const err = await caught(clientFor(server).getWorkspace(ORG_ID, server.workspaces[0].id));
      const elapsed = performance.now() - started;
      assert.ok(err instanceof RateLimitError, `got ${err?.name}: ${err?.message}`);
      assert.equal(err.status, 429);
      assert.equal(err.retryAfterMs, 99_999_000);
      assert.equal(err.attempts, 1);
      assert.ok(elapsed < 1000, `elapsed ${Math.round(elapsed)} ms`);
      assert.equal(server.count('get'), 1);
    }));

  it('503 with Retry-After above 60 s fails at once with InternalServerError carrying retryAfterMs', () =>
    withServer({ workspaces: 1 }, async (server) => {
      server.script('delete', faults.retryAfter(61, { status: 503 }));
      const started = performance.now();
      const err = await caught(clientFor(server).deleteWorkspace(ORG_ID, server.workspaces[0].id));
      const elapsed = performance.now() - started;
      assert.ok(err instanceof InternalServerError, `got ${err?.name}: ${err?.message}`);
      assert.equal(err.retryAfterMs, 61_000);
      assert.equal(err.attempts, 1);
      assert.ok(elapsed < 1000, `elapsed ${Math.round(elapsed)} ms`);
      assert.equal(server.count('delete'), 1);
    }));

  it('429 with Retry-After as an HTTP date in the past is retried at once', () =>
    withServer({ workspaces: 1 }, async (server) => {
      server.script('get', faults.retryAfter(new Date(Date.now() - 60_000).toUTCString()));
      await clientFor(server).getWorkspace(ORG_ID, server.workspaces[0].id);
      const [gap] = gaps(server.received('get'));
      assert.ok(gap < 350, `retry ${Math.round(gap)} ms after the first request`);
    }));

  it('429 with an unreadable Retry-After falls back to the usual backoff', () =>
    withServer({ workspaces: 1 }, async (server) => {
      server.script('get', faults.retryAfter('soon'));
      await clientFor(server).getWorkspace(ORG_ID, server.workspaces[0].id);
      const [gap] = gaps(server.received('get'));
      assert.ok(gap >= 370 && gap < 1500, `retry ${Math.round(gap)} ms after the first request`);
    }));

  it('429 with Retry-After: 0 is retried at once', () =>
    withServer({ workspaces: 1 }, async (server) => {
      server.script('get', faults.retryAfter(0));
      await clientFor(server).getWorkspace(ORG_ID, server.workspaces[0].id);
      const [gap] = gaps(server.received('get'));
      assert.ok(gap < 350, `retry ${Math.round(gap)} ms after the first request`);
    }));
});

describe('maxRetries', { concurrency: true }, () => {
  const quick503 = () => faults.status(503, { headers: { 'retry-after-ms': '0' } });

  it('a per-call maxRetries: 0 overrides the client default: 1 attempt', () =>
    withServer({ workspaces: 1 }, async (server) => {
      server.script('get', quick503());
      const err = await caught(clientFor(server).getWorkspace(ORG_ID, server.workspaces[0].id, { maxRetries: 0 }));
      assert.ok(err instanceof InternalServerError, `got ${err?.name}: ${err?.message}`);
      assert.equal(err.attempts, 1);
      assert.equal(server.count('get'), 1);
    }));

  it('a per-call maxRetries: 1 overrides a client maxRetries: 0', () =>
    withServer({ workspaces: 1 }, async (server) => {
      server.script('get', quick503());
      const client = clientFor(server, { maxRetries: 0 });
      const ws = await client.getWorkspace(ORG_ID, server.workspaces[0].id, { maxRetries: 1 });
      assert.equal(ws.id, server.workspaces[0].id);
      assert.equal(server.count('get'), 2);
    }));

  it('a client maxRetries: 5 makes up to 6 attempts', () =>
    withServer({ workspaces: 1 }, async (server) => {
      server.script('list', ...Array.from({ length: 6 }, quick503));
      const err = await caught(clientFor(server, { maxRetries: 5 }).listWorkspaces(ORG_ID));
      assert.ok(err instanceof InternalServerError, `got ${err?.name}: ${err?.message}`);
      assert.equal(err.attempts, 6);
      assert.equal(server.count('list'), 6);
    }));

  it('the per-call override applies to that call only', () =>
    withServer({ workspaces: 1 }, async (server) => {
      const client = clientFor(server);
      server.script('get', quick503());
      await caught(client.getWorkspace(ORG_ID, server.workspaces[0].id, { maxRetries: 0 }));
      server.script('get', quick503());
      const ws = await client.getWorkspace(ORG_ID, server.workspaces[0].id);
      assert.equal(ws.id, server.workspaces[0].id);
      assert.equal(server.count('get'), 3);
    }));
});
