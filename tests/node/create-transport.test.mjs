// createWorkspace through the built package, imported as a user imports it, against a
// recording server on 127.0.0.1: timeouts, aborts, connection failures and redirects.

import { describe, test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';

import { createWorkspace, ApiError, ConnectionError, TimeoutError, AbortError } from 'astro-platform';
import { closedPort, startRecordingServer } from '../support/recording-server.mjs';
import { ORG, BASE_PATH, PATH, MINIMAL, without, opts, failure, assertClass, useRecordingServer } from './helpers.mjs';

describe('createWorkspace: Timeouts, aborts, connection failures and redirects', () => {
  const ref = useRecordingServer();

  describe('timeouts', () => {
    test('headers that never come -> TimeoutError (a ConnectionError) after timeoutMs', async () => {
      ref.server.respond({ delayMs: 10000, body: MINIMAL });
      const started = Date.now();
      const err = await failure(createWorkspace(ORG, { name: 'x' }, opts({ timeoutMs: 200 })));
      const elapsed = Date.now() - started;
      assertClass(err, TimeoutError);
      assert.ok(err instanceof ConnectionError);
      assert.ok(!(err instanceof AbortError));
      assert.equal(err.timeoutMs, 200);
      assert.equal(err.attempts, 1);
      assert.ok(elapsed >= 150, `fired after ${elapsed} ms, before the timeout`);
      assert.ok(elapsed < 2000, `fired after ${elapsed} ms`);
      assert.equal(ref.server.requests.length, 1);
    });

    test('a body that trickles in after the headers also times out (timeout covers headers and body)', async () => {
      const chunks = [{ data: '{"id":"cln0w8k2a000108l5e2xy7fgh",', delayMs: 0 }];
      for (let i = 0; i < 50; i++) chunks.push({ data: ' ', delayMs: 100 });
      chunks.push({ data: '"name":"x"}', delayMs: 0 });
      ref.server.respond({ headers: { 'content-type': 'application/json' }, chunks });
      const started = Date.now();
      const err = await failure(createWorkspace(ORG, { name: 'x' }, opts({ timeoutMs: 400 })));
      const elapsed = Date.now() - started;
      assertClass(err, TimeoutError);
      assert.equal(err.timeoutMs, 400);
      assert.ok(elapsed >= 300 && elapsed < 2500, `fired after ${elapsed} ms`);
    });

    test('a timed-out create is not retried with the default maxRetries', async () => {
      ref.server.respond({ delayMs: 10000, body: MINIMAL });
      const { maxRetries, ...defaults } = opts({ timeoutMs: 200 });
      const err = await failure(createWorkspace(ORG, { name: 'x' }, defaults));
      assertClass(err, TimeoutError);
      assert.equal(err.attempts, 1);
      assert.equal(ref.server.requests.length, 1);
    });
  });

  describe('abort', () => {
    test('a signal aborted before the call -> AbortError, and nothing reaches the server', async () => {
      const controller = new AbortController();
      controller.abort();
      const err = await failure(createWorkspace(ORG, { name: 'x' }, opts({ signal: controller.signal })));
      assertClass(err, AbortError);
      assert.ok(!(err instanceof ConnectionError));
      assert.equal(ref.server.requests.length, 0);
    });

    test('aborting while the server is thinking -> AbortError at once', async () => {
      ref.server.respond({ delayMs: 10000, body: MINIMAL });
      const controller = new AbortController();
      const call = failure(createWorkspace(ORG, { name: 'x' }, opts({ signal: controller.signal })));
      await ref.server.waitForRequests(1);
      const abortedAt = Date.now();
      controller.abort();
      const err = await call;
      assertClass(err, AbortError);
      assert.ok(!(err instanceof TimeoutError));
      assert.ok(Date.now() - abortedAt < 1000, `settled ${Date.now() - abortedAt} ms after abort`);
    });

    test('aborting while the body trickles in -> AbortError', async () => {
      const chunks = [{ data: '{"id":', delayMs: 0 }];
      for (let i = 0; i < 50; i++) chunks.push({ data: ' ', delayMs: 100 });
      ref.server.respond({ headers: { 'content-type': 'application/json' }, chunks });
      const controller = new AbortController();
      const call = failure(createWorkspace(ORG, { name: 'x' }, opts({ signal: controller.signal })));
      await ref.server.waitForRequests(1);
      await new Promise((resolve) => setTimeout(resolve, 150));
      const abortedAt = Date.now();
      controller.abort();
      const err = await call;
      assertClass(err, AbortError);
      assert.ok(Date.now() - abortedAt < 1000);
    });

    test('aborting during the wait before a retry -> AbortError, no second request', async () => {
      ref.server.respond({ status: 429, headers: { 'retry-after-ms': '10000' }, body: { message: 'slow down', statusCode: 429 } });
      const controller = new AbortController();
      const { maxRetries, ...defaults } = opts({ signal: controller.signal });
      const call = failure(createWorkspace(ORG, { name: 'x' }, defaults));
      await ref.server.waitForRequests(1);
      await new Promise((resolve) => setTimeout(resolve, 50));
      const abortedAt = Date.now();
      controller.abort();
      const err = await call;
      assertClass(err, AbortError);
      assert.ok(Date.now() - abortedAt < 1000, `settled ${Date.now() - abortedAt} ms after abort`);
      assert.equal(ref.server.requests.length, 1);
    });
  });

  describe('connection failures', () => {
    test('a refused connection -> ConnectionError, not retried for a create', async () => {
      const port = await closedPort();
      const { maxRetries, ...defaults } = opts({ baseUrl: `http://127.0.0.1:${port}${BASE_PATH}` });
      const err = await failure(createWorkspace(ORG, { name: 'x' }, defaults));
      assertClass(err, ConnectionError);
      assert.ok(!(err instanceof TimeoutError) && !(err instanceof ApiError));
      assert.equal(err.attempts, 1);
      assert.equal(err.status, undefined);
    });

    test('the server closing the socket without an answer -> ConnectionError', async () => {
      ref.server.respond({ destroy: true });
      const err = await failure(createWorkspace(ORG, { name: 'x' }, opts()));
      assertClass(err, ConnectionError);
      assert.ok(!(err instanceof TimeoutError));
    });

    test('the socket closing halfway through the body -> ConnectionError', async () => {
      ref.server.respond({
        headers: { 'content-type': 'application/json', 'content-length': '4000' },
        chunks: [{ data: '{"id":"cln0w8k2a000108l5e2xy7fgh",' }],
        destroyAfterHeaders: true,
      });
      const err = await failure(createWorkspace(ORG, { name: 'x' }, opts()));
      assertClass(err, ConnectionError);
    });

    test('a fetch option that rejects -> ConnectionError with the original error as cause', async () => {
      const original = new TypeError('network down');
      const err = await failure(createWorkspace(ORG, { name: 'x' }, opts({ fetch: () => Promise.reject(original) })));
      assertClass(err, ConnectionError);
      assert.equal(err.cause, original);
      assert.match(err.message, /network down/);
    });
  });

  describe('redirects are not followed', () => {
    let other;
    before(async () => {
      other = await startRecordingServer();
    });
    after(async () => {
      await other?.close();
    });
    beforeEach(() => other.reset());

    for (const status of [301, 302, 303, 307, 308]) {
      test(`${status} to another origin -> ApiError ${status}; the other origin receives nothing`, async () => {
        ref.server.respond({ status, headers: { location: `${other.origin}${PATH}` }, body: '' });
        const err = await failure(createWorkspace(ORG, { name: 'x' }, opts()));
        assertClass(err, ApiError);
        assert.equal(err.status, status);
        assert.match(err.message, /redirect/i);
        assert.equal(err.attempts, 1);
        assert.equal(ref.server.requests.length, 1);
        assert.deepEqual(other.requests, [], 'the redirect was followed');
      });
    }
  });

});
