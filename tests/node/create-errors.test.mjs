// createWorkspace through the built package, imported as a user imports it, against a
// recording server on 127.0.0.1: aPI errors, bodies that are not a Workspace, the secret token, and recovery after errors.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import util from 'node:util';
import { createWorkspace, validateCreateWorkspace, ValidationError, ApiError, BadRequestError, AuthenticationError, PermissionDeniedError, NotFoundError, ConflictError, RateLimitError, InternalServerError, ConnectionError, TimeoutError, AbortError, InvalidResponseError } from 'astro-platform';
import { closedPort } from '../support/recording-server.mjs';
import { ORG, TOKEN, WORKSPACE, MINIMAL, without, opts, failure, assertClass, assertNoToken, useRecordingServer } from './helpers.mjs';

describe('createWorkspace: API errors, bodies that are not a Workspace, the secret token, and recovery after errors', () => {
  const ref = useRecordingServer();

  describe('API errors', () => {
    const table = [
      [400, BadRequestError],
      [401, AuthenticationError],
      [403, PermissionDeniedError],
      [404, NotFoundError],
      [409, ConflictError],
      [429, RateLimitError],
      [500, InternalServerError],
      [502, InternalServerError],
      [503, InternalServerError],
      [504, InternalServerError],
      [418, ApiError],
    ];
    const subclasses = [BadRequestError, AuthenticationError, PermissionDeniedError, NotFoundError,
      ConflictError, RateLimitError, InternalServerError];

    for (const [status, cls] of table) {
      test(`${status} with the API's Error body -> ${cls.name}`, async () => {
        ref.server.respond({ status, body: { message: `the API says ${status}`, requestId: `req-${status}`, statusCode: status } });
        const err = await failure(createWorkspace(ORG, { name: 'My Workspace' }, opts()));
        assertClass(err, cls);
        assert.ok(err instanceof ApiError);
        assert.ok(!(err instanceof ConnectionError) && !(err instanceof InvalidResponseError));
        for (const other of subclasses) {
          if (other !== cls) assert.ok(!(err instanceof other), `a ${status} is also a ${other.name}`);
        }
        assert.equal(err.status, status);
        assert.equal(err.message, `the API says ${status}`);
        assert.equal(err.requestId, `req-${status}`);
        assert.deepEqual(err.fieldErrors, []);
        assert.equal(err.excerpt, undefined, 'an excerpt for a body in the API Error shape');
        assert.equal(err.attempts, 1);
        assert.equal(ref.server.requests.length, 1);
      });
    }

    test('a 400 carries the API fieldErrors as given', async () => {
      const fieldErrors = [
        { field: 'name', code: 'too_long', message: 'name must be at most 50 characters' },
        { field: 'description', code: 'invalid', message: 'description is odd' },
      ];
      ref.server.respond({ status: 400, body: { message: 'invalid request', requestId: 'req-fe', statusCode: 400, fieldErrors } });
      const err = await failure(createWorkspace(ORG, { name: 'My Workspace' }, opts()));
      assertClass(err, BadRequestError);
      assert.deepEqual(err.fieldErrors, fieldErrors);
      assert.equal(err.message, 'invalid request');
    });

    test('requestId comes from x-request-id when the body has none, and the body wins when it has one', async () => {
      ref.server.respond(
        { status: 404, headers: { 'x-request-id': 'hdr-1' }, body: { message: 'no such organization', statusCode: 404 } },
        { status: 404, headers: { 'x-request-id': 'hdr-2' }, body: { message: 'no such organization', statusCode: 404, requestId: 'body-2' } },
      );
      const first = await failure(createWorkspace(ORG, { name: 'x' }, opts()));
      const second = await failure(createWorkspace(ORG, { name: 'x' }, opts()));
      assertClass(first, NotFoundError);
      assert.equal(first.requestId, 'hdr-1');
      assert.equal(second.requestId, 'body-2');
    });

    test('an HTML 502 page from a proxy -> InternalServerError with an excerpt of at most 2048 bytes', async () => {
      const page = '<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body>' +
        '<p>The upstream server é😀 is unavailable.</p>'.repeat(400) + '</body></html>';
      assert.ok(page.length > 10000);
      ref.server.respond({ status: 502, headers: { 'content-type': 'text/html', 'x-request-id': 'edge-502' }, body: page });
      const err = await failure(createWorkspace(ORG, { name: 'x' }, opts()));
      assertClass(err, InternalServerError);
      assert.equal(err.status, 502);
      assert.equal(err.requestId, 'edge-502');
      assert.deepEqual(err.fieldErrors, []);
      assert.equal(typeof err.excerpt, 'string');
      assert.ok(Buffer.byteLength(err.excerpt, 'utf8') <= 2048, `excerpt is ${Buffer.byteLength(err.excerpt)} bytes`);
      assert.ok(err.excerpt.length > 100, 'excerpt is nearly empty');
      assert.ok(page.startsWith(err.excerpt), 'the excerpt is not the start of the body');
      assert.ok(err.message.length < 500, `the whole page is in the message (${err.message.length} chars)`);
    });

    test('an empty 503 body -> InternalServerError with status, no fieldErrors', async () => {
      ref.server.respond({ status: 503, body: '' });
      const err = await failure(createWorkspace(ORG, { name: 'x' }, opts()));
      assertClass(err, InternalServerError);
      assert.equal(err.status, 503);
      assert.deepEqual(err.fieldErrors, []);
      assert.match(err.message, /503/);
    });

    test('a JSON error body that is not the API Error shape keeps the class and gives an excerpt', async () => {
      ref.server.respond({ status: 404, body: { error: 'route not found' } });
      const err = await failure(createWorkspace(ORG, { name: 'x' }, opts()));
      assertClass(err, NotFoundError);
      assert.equal(err.status, 404);
      assert.deepEqual(err.fieldErrors, []);
      assert.equal(err.excerpt, '{"error":"route not found"}');
    });

    test('a 429 with Retry-After in seconds reports retryAfterMs', async () => {
      ref.server.respond({ status: 429, headers: { 'retry-after': '7' }, body: { message: 'slow down', statusCode: 429 } });
      const err = await failure(createWorkspace(ORG, { name: 'x' }, opts()));
      assertClass(err, RateLimitError);
      assert.equal(err.retryAfterMs, 7000);
    });
  });

  describe('2xx bodies that are not a Workspace -> InvalidResponseError', () => {
    const cases = [
      ['an HTML page', { headers: { 'content-type': 'text/html' }, body: '<html><body>Welcome to nginx!</body></html>' }, null],
      ['cut-off JSON', { headers: { 'content-type': 'application/json' }, body: JSON.stringify(WORKSPACE).slice(0, 60) }, null],
      ['an empty body', { body: '' }, null],
      ['JSON null', { body: 'null' }, null],
      ['a JSON array', { body: [WORKSPACE] }, null],
      ['a missing createdAt', { body: without(MINIMAL, 'createdAt') }, /createdAt/],
      ['a missing id', { body: without(MINIMAL, 'id') }, /\bid\b/],
      ['createdAt "2023-09-08 12:00"', { body: { ...MINIMAL, createdAt: '2023-09-08 12:00' } }, /createdAt/],
      ['createdAt with a +02 offset (no minutes)', { body: { ...MINIMAL, createdAt: '2023-09-08T12:00:00+02' } }, /createdAt/],
      ['createdAt on February 30', { body: { ...MINIMAL, createdAt: '2023-02-30T12:00:00Z' } }, /createdAt/],
      ['updatedAt month 13', { body: { ...MINIMAL, updatedAt: '2023-13-08T12:00:00Z' } }, /updatedAt/],
      ['cicdEnforcedDefault as a string', { body: { ...MINIMAL, cicdEnforcedDefault: 'true' } }, /cicdEnforcedDefault/],
      ['name as a number', { body: { ...MINIMAL, name: 42 } }, /name/],
    ];
    for (const [what, response, mentions] of cases) {
      test(`200 with ${what}`, async () => {
        ref.server.respond({ status: 200, ...response });
        const err = await failure(createWorkspace(ORG, { name: 'x' }, opts()));
        assertClass(err, InvalidResponseError);
        assert.ok(!(err instanceof ApiError));
        assert.equal(err.status, 200);
        assert.equal(typeof err.excerpt, 'string');
        const sent = typeof response.body === 'string' ? response.body : JSON.stringify(response.body);
        assert.equal(err.excerpt, sent);
        if (mentions) assert.match(err.message, mentions);
        assert.equal(err.attempts, 1);
      });
    }

    test('a 200 HTML page of 50 KB gives an excerpt of at most 2048 bytes', async () => {
      const page = '<html><body>' + '<p>é😀 nothing to see here</p>'.repeat(2000) + '</body></html>';
      ref.server.respond({ status: 200, headers: { 'content-type': 'text/html' }, body: page });
      const err = await failure(createWorkspace(ORG, { name: 'x' }, opts()));
      assertClass(err, InvalidResponseError);
      assert.ok(Buffer.byteLength(err.excerpt, 'utf8') <= 2048, `excerpt is ${Buffer.byteLength(err.excerpt)} bytes`);
      assert.ok(err.excerpt.length > 100);
      assert.ok(page.startsWith(err.excerpt));
    });
  });

  describe('the token stays secret in every error', () => {
    const echoed = `Bearer ${TOKEN}`;
    const statuses = [
      [400, BadRequestError], [401, AuthenticationError], [403, PermissionDeniedError], [404, NotFoundError],
      [409, ConflictError], [429, RateLimitError], [500, InternalServerError],
    ];
    for (const [status, cls] of statuses) {
      test(`${status} whose body echoes the token -> ${cls.name} with *** in its place`, async () => {
        ref.server.respond({
          status,
          headers: { 'x-request-id': `req ${TOKEN}` },
          body: {
            message: `rejected ${echoed}`,
            statusCode: status,
            fieldErrors: [{ field: 'authorization', code: 'invalid', message: `token ${TOKEN} is revoked` }],
          },
        });
        const err = await failure(createWorkspace(ORG, { name: 'x' }, opts()));
        assertClass(err, cls);
        assertNoToken(err);
        assert.equal(err.message, 'rejected Bearer ***');
        assert.equal(err.fieldErrors[0].message, 'token *** is revoked');
      });
    }

    test('an HTML 502 page echoing the token -> excerpt without it', async () => {
      ref.server.respond({ status: 502, headers: { 'content-type': 'text/html' }, body: `<html><body>Authorization: ${echoed}</body></html>` });
      const err = await failure(createWorkspace(ORG, { name: 'x' }, opts()));
      assertClass(err, InternalServerError);
      assertNoToken(err);
      assert.match(err.excerpt, /\*\*\*/);
    });

    test('a 418 text body echoing the token -> ApiError without it', async () => {
      ref.server.respond({ status: 418, body: `I am a teapot and your token is ${TOKEN}` });
      const err = await failure(createWorkspace(ORG, { name: 'x' }, opts()));
      assertClass(err, ApiError);
      assertNoToken(err);
    });

    test('a redirect whose Location carries the token -> ApiError without it', async () => {
      ref.server.respond({ status: 302, headers: { location: `https://evil.example/steal?t=${TOKEN}` }, body: '' });
      const err = await failure(createWorkspace(ORG, { name: 'x' }, opts()));
      assertClass(err, ApiError);
      assertNoToken(err);
    });

    test('a 200 HTML page and a 200 bad Workspace echoing the token -> InvalidResponseError without it', async () => {
      ref.server.respond(
        { status: 200, headers: { 'content-type': 'text/html' }, body: `<p>${echoed}</p>` },
        { status: 200, body: { ...without(MINIMAL, 'createdAt'), name: TOKEN } },
      );
      for (let i = 0; i < 2; i++) {
        const err = await failure(createWorkspace(ORG, { name: 'x' }, opts()));
        assertClass(err, InvalidResponseError);
        assertNoToken(err);
      }
    });

    test('timeout, abort and refused connection errors do not carry the token', async () => {
      ref.server.respond({ delayMs: 10000, body: MINIMAL });
      const timeout = await failure(createWorkspace(ORG, { name: 'x' }, opts({ timeoutMs: 100 })));
      assertClass(timeout, TimeoutError);
      assertNoToken(timeout);

      const controller = new AbortController();
      controller.abort();
      const aborted = await failure(createWorkspace(ORG, { name: 'x' }, opts({ signal: controller.signal })));
      assertClass(aborted, AbortError);
      assertNoToken(aborted);

      const port = await closedPort();
      const refused = await failure(createWorkspace(ORG, { name: 'x' }, opts({ baseUrl: `http://127.0.0.1:${port}` })));
      assertClass(refused, ConnectionError);
      assertNoToken(refused);
    });

    test('a fetch that rejects with the token in its message -> ConnectionError without it (nor in cause)', async () => {
      const fetch = () => Promise.reject(new Error(`cannot send Authorization: ${echoed}`));
      const err = await failure(createWorkspace(ORG, { name: 'x' }, opts({ fetch })));
      assertClass(err, ConnectionError);
      assertNoToken(err);
      assert.ok(!util.inspect(err.cause ?? '').includes(TOKEN));
    });

    test('a ValidationError never shows the token it was given', async () => {
      const err = await failure(createWorkspace(ORG, { name: '' }, opts({ baseUrl: 'http://example.com' })));
      assertClass(err, ValidationError);
      assertNoToken(err);

      const forged = 'secret-part-one\r\nX-Evil: secret-part-two';
      const bad = await failure(createWorkspace(ORG, { name: 'x' }, opts({ token: forged })));
      assertClass(bad, ValidationError);
      assertNoToken(bad, 'secret-part-one');
      assertNoToken(bad, 'secret-part-two');
    });

    test('logger events mask the token', async () => {
      ref.server.respond({ status: 401, body: { message: 'no', statusCode: 401 } });
      const events = [];
      await failure(createWorkspace(ORG, { name: 'x' }, opts({ logger: (e) => events.push(e) })));
      assert.equal(events.length, 1);
      assert.equal(events[0].status, 401);
      assert.equal(events[0].attempt, 1);
      assert.equal(events[0].error, 'AuthenticationError');
      assert.ok(!JSON.stringify(events).includes(TOKEN), JSON.stringify(events));
      assert.equal(events[0].headers.authorization, '***');
    });
  });

  describe('the next call works after any error', () => {
    test('errors of every kind in a row, then a successful create', async () => {
      ref.server.respond(
        { status: 500, body: '<html>oops</html>' },
        { status: 200, body: '{"cut' },
        { destroy: true },
        { delayMs: 5000, body: MINIMAL },
        { status: 302, headers: { location: 'https://elsewhere.example/' } },
        { body: WORKSPACE },
      );
      const kinds = [];
      const record = async (p) => kinds.push((await failure(p)).name);
      await record(createWorkspace(ORG, { name: 'x' }, opts()));
      await record(createWorkspace(ORG, { name: 'x' }, opts()));
      await record(createWorkspace(ORG, { name: 'x' }, opts()));
      await record(createWorkspace(ORG, { name: 'x' }, opts({ timeoutMs: 100 })));
      await record(createWorkspace(ORG, { name: 'x' }, opts()));
      await record(createWorkspace('..', { name: 'x' }, opts()));
      await record(createWorkspace(ORG, { name: 'x' }, opts({ fetch: () => undefined })));
      await record(createWorkspace(ORG, { name: 'x' }, opts({ fetch: () => { throw new Error('boom'); } })));
      assert.deepEqual(kinds, ['InternalServerError', 'InvalidResponseError', 'ConnectionError', 'TimeoutError',
        'ApiError', 'ValidationError', 'ConnectionError', 'ConnectionError']);

      const ws = await createWorkspace(ORG, { name: 'My Workspace' }, opts());
      assert.deepEqual(ws, WORKSPACE);
      assert.deepEqual(validateCreateWorkspace(ORG, { name: 'ok' }), []);
    });
  });
});
