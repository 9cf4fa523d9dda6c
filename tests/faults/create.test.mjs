// createWorkspace under faults: one Workspace must never become two. A create that may have
// reached the server (connection failure, timeout, 5xx) is never repeated; only 429 is.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';

import {
  AstroClient,
  createWorkspace,
  ConflictError,
  ConnectionError,
  InternalServerError,
  RateLimitError,
  TimeoutError,
} from 'astro-platform';
import { withServer, faults, caught, ORG_ID, TEST_TOKEN } from '../support/fault-server.mjs';

const body = { name: 'Data Platform', description: 'nightly jobs', cicdEnforcedDefault: true };
const clientFor = (server, options = {}) => new AstroClient({ token: TEST_TOKEN, baseUrl: server.baseUrl, ...options });

describe('createWorkspace is sent once when the request may have reached the server', { concurrency: true }, () => {
  it('a reset after the whole body was read fails with ConnectionError after exactly 1 POST', () =>
    withServer({}, async (server) => {
      server.script('create', faults.resetAfterBody());
      const err = await caught(clientFor(server, { maxRetries: 2 }).createWorkspace(ORG_ID, body));
      assert.ok(err instanceof ConnectionError, `got ${err?.name}: ${err?.message}`);
      assert.ok(!(err instanceof TimeoutError));
      assert.equal(err.attempts, 1);
      // The server got all of it, so it may have acted: a retry could duplicate the Workspace.
      assert.equal(server.count('create'), 1);
      assert.deepEqual(JSON.parse(server.received('create')[0].body), body);
      // Longer than the first backoff: no late retry shows up either.
      await sleep(700);
      assert.equal(server.count('create'), 1);
    }));

  it('the standalone createWorkspace shares the rule: reset -> ConnectionError, 1 POST', () =>
    withServer({}, async (server) => {
      server.script('create', faults.resetAfterBody());
      const err = await caught(createWorkspace(ORG_ID, body, { token: TEST_TOKEN, baseUrl: server.baseUrl }));
      assert.ok(err instanceof ConnectionError, `got ${err?.name}: ${err?.message}`);
      assert.equal(err.attempts, 1);
      assert.equal(server.count('create'), 1);
    }));

  for (const status of [500, 502, 503, 504]) {
    it(`${status} fails with InternalServerError, attempts 1, 1 POST`, () =>
      withServer({}, async (server) => {
        server.script('create', faults.status(status));
        const err = await caught(clientFor(server, { maxRetries: 2 }).createWorkspace(ORG_ID, body));
        assert.ok(err instanceof InternalServerError, `got ${err?.name}: ${err?.message}`);
        assert.equal(err.status, status);
        assert.equal(err.attempts, 1);
        assert.equal(server.count('create'), 1);
      }));
  }

  it('a 502 HTML page fails with InternalServerError, attempts 1, 1 POST, with an excerpt', () =>
    withServer({}, async (server) => {
      server.script('create', faults.html(502));
      const err = await caught(clientFor(server).createWorkspace(ORG_ID, body));
      assert.ok(err instanceof InternalServerError, `got ${err?.name}: ${err?.message}`);
      assert.equal(err.status, 502);
      assert.equal(err.attempts, 1);
      assert.match(err.excerpt, /502 from the gateway/);
      assert.equal(server.count('create'), 1);
    }));

  it('headers delayed past timeoutMs fail with TimeoutError, attempts 1, 1 POST', () =>
    withServer({}, async (server) => {
      server.script('create', faults.delayHeaders(3000));
      const started = performance.now();
      const err = await caught(clientFor(server, { timeoutMs: 600 }).createWorkspace(ORG_ID, body));
      const elapsed = performance.now() - started;
      assert.ok(err instanceof TimeoutError, `got ${err?.name}: ${err?.message}`);
      assert.equal(err.attempts, 1);
      assert.ok(elapsed >= 580 && elapsed < 2500, `elapsed ${Math.round(elapsed)} ms`);
      assert.equal(server.count('create'), 1);
    }));

  it('a body trickling in past timeoutMs fails with TimeoutError, attempts 1, 1 POST', () =>
    withServer({}, async (server) => {
      server.script('create', faults.trickle({ intervalMs: 100 }));
      const started = performance.now();
      const err = await caught(clientFor(server, { timeoutMs: 500 }).createWorkspace(ORG_ID, body));
      const elapsed = performance.now() - started;
      assert.ok(err instanceof TimeoutError, `got ${err?.name}: ${err?.message}`);
      assert.equal(err.attempts, 1);
      assert.ok(elapsed >= 480 && elapsed < 2500, `elapsed ${Math.round(elapsed)} ms`);
      assert.equal(server.count('create'), 1);
    }));

  it('a connection closed in the middle of the body fails with ConnectionError, 1 POST', () =>
    withServer({}, async (server) => {
      server.script('create', faults.cutOffJson({ abrupt: true }));
      const err = await caught(clientFor(server).createWorkspace(ORG_ID, body));
      assert.ok(err instanceof ConnectionError && !(err instanceof TimeoutError), `got ${err?.name}: ${err?.message}`);
      assert.equal(err.attempts, 1);
      assert.equal(server.count('create'), 1);
    }));

  it('409 fails with ConflictError, attempts 1, 1 POST', () =>
    withServer({}, async (server) => {
      server.script('create', faults.status(409, { message: 'a Workspace with this name exists' }));
      const err = await caught(clientFor(server).createWorkspace(ORG_ID, body));
      assert.ok(err instanceof ConflictError, `got ${err?.name}: ${err?.message}`);
      assert.equal(err.attempts, 1);
      assert.equal(err.message, 'a Workspace with this name exists');
      assert.equal(server.count('create'), 1);
    }));
});

describe('createWorkspace is retried on 429 only', { concurrency: true }, () => {
  it('429 with retry-after-ms: 1500 is retried after 1.5 s and creates one Workspace', () =>
    withServer({}, async (server) => {
      server.script('create', faults.retryAfterMs(1500));
      const ws = await clientFor(server).createWorkspace(ORG_ID, body);
      assert.equal(ws.name, body.name);
      assert.equal(ws.description, body.description);
      const [first, second] = server.received('create');
      assert.equal(server.count('create'), 2);
      const gap = second.at - first.at;
      assert.ok(gap >= 1450 && gap < 3000, `second POST ${Math.round(gap)} ms after the first`);
      assert.equal(second.body, first.body);
      assert.equal(server.workspaces.length, 1);
    }));

  it('429 without Retry-After is retried after the usual backoff', () =>
    withServer({}, async (server) => {
      server.script('create', faults.status(429));
      const ws = await clientFor(server).createWorkspace(ORG_ID, body);
      assert.equal(ws.name, body.name);
      const [first, second] = server.received('create');
      const gap = second.at - first.at;
      assert.ok(gap >= 370 && gap < 1500, `second POST ${Math.round(gap)} ms after the first`);
      assert.equal(server.workspaces.length, 1);
    }));

  it('429 with Retry-After: 99999 fails at once with RateLimitError carrying retryAfterMs', () =>
    withServer({}, async (server) => {
      server.script('create', faults.retryAfter(99999));
      const started = performance.now();
      const err = await caught(clientFor(server).createWorkspace(ORG_ID, body));
      const elapsed = performance.now() - started;
      assert.ok(err instanceof RateLimitError, `got ${err?.name}: ${err?.message}`);
      assert.equal(err.retryAfterMs, 99_999_000);
      assert.equal(err.attempts, 1);
      assert.ok(elapsed < 1000, `elapsed ${Math.round(elapsed)} ms`);
      assert.equal(server.count('create'), 1);
    }));

  it('429 every time fails with RateLimitError after maxRetries + 1 POSTs', () =>
    withServer({}, async (server) => {
      server.script('create', faults.retryAfterMs(0), faults.retryAfterMs(0), faults.retryAfterMs(0));
      const err = await caught(clientFor(server, { maxRetries: 2 }).createWorkspace(ORG_ID, body));
      assert.ok(err instanceof RateLimitError, `got ${err?.name}: ${err?.message}`);
      assert.equal(err.attempts, 3);
      assert.equal(server.count('create'), 3);
      assert.equal(server.workspaces.length, 0);
    }));
});
