// createWorkspace through the built package, imported as a user imports it, against a
// recording server on 127.0.0.1: a successful create: the request sent and the Workspace resolved.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { createWorkspace, init, ValidationError, RateLimitError, InternalServerError } from 'astro-platform';

import { ORG, TOKEN, BASE_PATH, PATH, WORKSPACE, MINIMAL, opts, failure, assertClass, codes, useRecordingServer } from './helpers.mjs';

describe('createWorkspace: A successful create: the request sent and the Workspace resolved', () => {
  const ref = useRecordingServer();

  describe('a successful create', () => {
    test('POSTs only the given fields to the organization path, with auth and JSON headers', async () => {
      ref.server.respond({ method: 'POST', path: PATH, body: WORKSPACE });
      const ws = await createWorkspace(ORG, { name: 'My Workspace' }, opts());

      assert.equal(ref.server.requests.length, 1);
      const [req] = ref.server.requests;
      assert.equal(req.method, 'POST');
      assert.equal(req.url, PATH);
      assert.equal(req.headers.authorization, `Bearer ${TOKEN}`);
      assert.equal(req.headers.accept, 'application/json');
      assert.equal(req.headers['content-type'], 'application/json');
      assert.equal(req.body, '{"name":"My Workspace"}');

      assert.deepEqual(ws, WORKSPACE);
      assert.equal(Object.getPrototypeOf(ws), Object.prototype);
      assert.equal(Object.getPrototypeOf(ws.createdBy), Object.prototype);
      assert.equal(Object.getPrototypeOf(ws.updatedBy), Object.prototype);
    });

    test('null optionals are left out of the body; optionals the server omits are absent', async () => {
      ref.server.respond({ body: MINIMAL });
      const ws = await createWorkspace(ORG, { name: 'Data Team', description: null, cicdEnforcedDefault: null }, opts());

      const [req] = ref.server.requests;
      assert.deepEqual(req.json, { name: 'Data Team' });
      assert.ok(!req.body.includes('null'), req.body);
      assert.deepEqual(ws, MINIMAL);
      assert.deepEqual(Object.keys(ws).sort(), Object.keys(MINIMAL).sort());
      for (const key of ['description', 'organizationName', 'createdBy', 'updatedBy']) {
        assert.ok(!(key in ws), `${key} is a key of the result`);
      }
    });

    test('description and cicdEnforcedDefault: false are sent as given; undefined is omitted', async () => {
      ref.server.respond({ body: { ...MINIMAL, description: 'Pipelines' } }, { body: MINIMAL });
      await createWorkspace(ORG, { name: 'Data Team', description: 'Pipelines', cicdEnforcedDefault: false }, opts());
      await createWorkspace(ORG, { name: 'Data Team', description: undefined, cicdEnforcedDefault: true }, opts());

      assert.deepEqual(ref.server.requests[0].json, { name: 'Data Team', description: 'Pipelines', cicdEnforcedDefault: false });
      assert.deepEqual(ref.server.requests[1].json, { name: 'Data Team', cicdEnforcedDefault: true });
    });

    test('names of 50 code points (é, emoji, astral letters) arrive intact', async () => {
      const names = ['é'.repeat(50), '😀'.repeat(50), '𝒜'.repeat(50), 'e\u0301'.repeat(25)];
      for (const name of names) ref.server.respond({ body: { ...MINIMAL, name } });
      for (const name of names) {
        const ws = await createWorkspace(ORG, { name }, opts());
        assert.equal(ws.name, name);
      }
      assert.deepEqual(ref.server.requests.map((r) => r.json.name), names);
    });

    test('a lone UTF-16 surrogate in the name is refused or sent unchanged, never silently altered', async () => {
      const name = 'ab\uD800cd';
      const sent = [];
      const fetch = async (url, init) => {
        sent.push(JSON.parse(init.body).name);
        return new Response(JSON.stringify(MINIMAL), { status: 200 });
      };
      try {
        await createWorkspace(ORG, { name }, opts({ fetch }));
      } catch (e) {
        assertClass(e, ValidationError);
        assert.deepEqual(codes(e.fieldErrors).map((c) => c.split(':')[0]), ['name']);
        return;
      }
      assert.deepEqual(sent, [name], 'the name sent differs from the name given');
    });

    test('extra headers are sent (names lowercased) beside the package headers', async () => {
      ref.server.respond({ body: MINIMAL });
      await createWorkspace(ORG, { name: 'Data Team' }, opts({
        headers: { 'X-Astro-Client-Identifier': 'my-app', 'x-astro-client-version': '1.2.3' },
      }));
      const [req] = ref.server.requests;
      assert.equal(req.headers['x-astro-client-identifier'], 'my-app');
      assert.equal(req.headers['x-astro-client-version'], '1.2.3');
      assert.equal(req.headers.authorization, `Bearer ${TOKEN}`);
      assert.equal(req.headers['content-type'], 'application/json');
    });

    test('unknown keys in the response are kept; __proto__ and constructor keys are dropped and pollute nothing', async () => {
      const hostile =
        '{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}},"extraField":1,' +
        JSON.stringify({ ...WORKSPACE, createdBy: undefined }).slice(1, -1) +
        ',"createdBy":{"__proto__":{"polluted":"yes"},"id":"clm8qv74h000008mlf08scq7k","subjectType":"USER",' +
        '"username":"user1@company.com","fullName":"Jane Doe","avatarUrl":"https://avatar.url"}}';
      ref.server.respond({ headers: { 'content-type': 'application/json' }, body: hostile });
      const ws = await createWorkspace(ORG, { name: 'My Workspace' }, opts());

      assert.deepEqual(ws, { ...WORKSPACE, extraField: 1 });
      assert.equal(Object.getPrototypeOf(ws), Object.prototype);
      assert.equal(Object.getPrototypeOf(ws.createdBy), Object.prototype);
      assert.equal(ws.polluted, undefined);
      assert.equal(ws.createdBy.polluted, undefined);
      assert.equal({}.polluted, undefined);
      assert.equal(Object.prototype.polluted, undefined);
      for (const key of ['__proto__', 'constructor']) {
        assert.ok(!Object.hasOwn(ws, key), `result has own key ${key}`);
        assert.ok(!Object.hasOwn(ws.createdBy, key), `createdBy has own key ${key}`);
      }
    });

    test('the default base URL is the Astro API, and the request asks fetch not to follow redirects', async () => {
      const calls = [];
      const fetch = async (url, init) => {
        calls.push({ url: String(url), init });
        return new Response(JSON.stringify(MINIMAL), { status: 200, headers: { 'content-type': 'application/json' } });
      };
      const ws = await createWorkspace(ORG, { name: 'Data Team' }, { token: TOKEN, fetch });
      assert.deepEqual(ws, MINIMAL);
      assert.equal(calls.length, 1);
      assert.equal(calls[0].url, `https://api.astronomer.io/v1/organizations/${ORG}/workspaces`);
      assert.equal(new Headers(calls[0].init.headers).get('x-api-version'), null, 'no version unless apiVersion is set');
      assert.equal(calls[0].init.method, 'POST');
      assert.equal(calls[0].init.redirect, 'manual');
      assert.equal(calls[0].init.body, '{"name":"Data Team"}');
    });

    test('a trailing slash on baseUrl does not double the slash in the path', async () => {
      ref.server.respond({ path: PATH, body: MINIMAL });
      await createWorkspace(ORG, { name: 'Data Team' }, opts({ baseUrl: `${ref.server.origin}${BASE_PATH}/` }));
      assert.equal(ref.server.requests[0].url, PATH);
    });

    test('http: is accepted for loopback hosts only', async () => {
      const urls = [];
      const fetch = async (url) => {
        urls.push(String(url));
        return new Response(JSON.stringify(MINIMAL), { status: 200 });
      };
      for (const base of ['http://localhost:9999', 'http://127.9.8.7', 'http://[::1]:8080/v1']) {
        await createWorkspace(ORG, { name: 'Data Team' }, opts({ baseUrl: base, fetch }));
      }
      assert.deepEqual(urls, [
        `http://localhost:9999/organizations/${ORG}/workspaces`,
        `http://127.9.8.7/organizations/${ORG}/workspaces`,
        `http://[::1]:8080/v1/organizations/${ORG}/workspaces`,
      ]);
      for (const base of ['http://example.com', 'http://localhost.evil.example', 'http://128.0.0.1', 'http://10.0.0.1']) {
        const err = await failure(createWorkspace(ORG, { name: 'Data Team' }, opts({ baseUrl: base, fetch })));
        assertClass(err, ValidationError);
        assert.deepEqual(codes(err.fieldErrors), ['baseUrl:invalid_format'], base);
      }
      assert.equal(urls.length, 3, 'fetch was called for a refused baseUrl');
    });

    test('a 429 is retried after retry-after-ms, then the create succeeds', async () => {
      const limited = { status: 429, headers: { 'retry-after-ms': '20' }, body: { message: 'slow down', statusCode: 429 } };
      ref.server.respond(limited, limited, { body: MINIMAL });
      const { maxRetries, ...defaults } = opts();
      const ws = await createWorkspace(ORG, { name: 'Data Team' }, defaults);
      assert.deepEqual(ws, MINIMAL);
      assert.equal(ref.server.requests.length, 3);
      assert.ok(ref.server.requests.every((r) => r.body === '{"name":"Data Team"}'));
    });

    test('a 500 on create is not retried, so one Workspace cannot become two', async () => {
      ref.server.respond({ status: 500, body: { message: 'oops', statusCode: 500 } });
      const { maxRetries, ...defaults } = opts();
      const err = await failure(createWorkspace(ORG, { name: 'Data Team' }, defaults));
      assertClass(err, InternalServerError);
      assert.equal(err.attempts, 1);
      assert.equal(ref.server.requests.length, 1);
    });

    test('after maxRetries + 1 answers of 429 the call fails with RateLimitError', async () => {
      const limited = { status: 429, headers: { 'retry-after-ms': '10' }, body: { message: 'slow down', statusCode: 429, requestId: 'req-429' } };
      ref.server.respond(limited, limited);
      const err = await failure(createWorkspace(ORG, { name: 'Data Team' }, opts({ maxRetries: 1 })));
      assertClass(err, RateLimitError);
      assert.equal(err.status, 429);
      assert.equal(err.attempts, 2);
      assert.equal(err.retryAfterMs, 10);
      assert.equal(err.requestId, 'req-429');
      assert.equal(ref.server.requests.length, 2);
    });
  });

});
