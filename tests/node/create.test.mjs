// createWorkspace through the built package, imported the way a user imports it (package
// self-reference, Node's `import` condition), against a recording server on 127.0.0.1.
//
//   node --test tests/node/
//
// Every test asserts what a user sees: the request the server received, the value the
// promise resolved to, or the error it rejected with. A request nobody scripted is answered
// 599 and fails the test in afterEach.

import { describe, test, before, after, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import util from 'node:util';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

import {
  createWorkspace, validateCreateWorkspace, init,
  AstroError, ValidationError, ApiError, BadRequestError, AuthenticationError,
  PermissionDeniedError, NotFoundError, ConflictError, RateLimitError, InternalServerError,
  ConnectionError, TimeoutError, AbortError, InvalidResponseError,
} from 'astro-platform';
import { startRecordingServer, closedPort } from '../support/recording-server.mjs';

const ORG = 'clm8t5u4q000008jq4qoc3036';
const TOKEN = 'astro-test-token-7fQ2xZ9pLm';
const BASE_PATH = '/platform/v1beta1';
const PATH = `${BASE_PATH}/organizations/${ORG}/workspaces`;

/** The seed's example Workspace, every optional field present. */
const WORKSPACE = Object.freeze({
  id: 'cln0w8k2a000108l5e2xy7fgh',
  name: 'My Workspace',
  organizationId: ORG,
  cicdEnforcedDefault: true,
  createdAt: '2023-09-08T12:00:00Z',
  updatedAt: '2023-09-08T13:30:00Z',
  description: 'This is a test workspace',
  organizationName: 'My Organization',
  createdBy: {
    id: 'clm8qv74h000008mlf08scq7k',
    subjectType: 'USER',
    username: 'user1@company.com',
    fullName: 'Jane Doe',
    avatarUrl: 'https://avatar.url',
  },
  updatedBy: {
    id: 'clm8qv74h000008mlf08scq7l',
    subjectType: 'SERVICEKEY',
    apiTokenName: 'my-token',
  },
});

/** Only the fields a Workspace always has. */
const MINIMAL = Object.freeze({
  id: 'cln0w8k2a000108l5e2xy7fgh',
  name: 'Data Team',
  organizationId: ORG,
  cicdEnforcedDefault: false,
  createdAt: '2023-09-08T12:00:00Z',
  updatedAt: '2023-09-08T12:00:00Z',
});

const without = (obj, key) => {
  const copy = { ...obj };
  delete copy[key];
  return copy;
};

let server;

/** Options pointing at the recording server; one attempt unless a test says otherwise. */
const opts = (extra = {}) => ({
  token: TOKEN,
  baseUrl: `${server.origin}${BASE_PATH}`,
  maxRetries: 0,
  timeoutMs: 5000,
  ...extra,
});

/** Awaits a call that must fail and returns its error. */
async function failure(promise) {
  try {
    await promise;
  } catch (e) {
    return e;
  }
  assert.fail('expected the call to reject, but it resolved');
}

/** Asserts `err` is an instance of exactly `cls` (and of its ancestors), named after it. */
function assertClass(err, cls) {
  assert.ok(err instanceof Error, `${err} is not an Error`);
  assert.ok(err instanceof AstroError, `${err?.name} is not an AstroError: ${err?.message}`);
  assert.ok(err instanceof cls, `expected ${cls.name}, got ${err?.name}: ${err?.message}`);
  assert.equal(err.constructor, cls, `expected exactly ${cls.name}, got ${err.constructor?.name}`);
  assert.equal(err.name, cls.name);
  assert.ok(String(err).startsWith(`${cls.name}: `), String(err));
  assert.equal(typeof err.message, 'string');
  assert.ok(err.message.length > 0, 'empty message');
}

/** Every way a user might print an error, none of which may contain the token. */
function assertNoToken(err, token = TOKEN) {
  const views = {
    message: err.message,
    stack: String(err.stack),
    'String(err)': String(err),
    'JSON.stringify(err)': JSON.stringify(err),
    'util.inspect(err)': util.inspect(err, { depth: 6, showHidden: false }),
  };
  for (const [view, text] of Object.entries(views)) {
    assert.ok(!text.includes(token), `the token appears in ${view}: ${text.slice(0, 500)}`);
  }
}

const codes = (fieldErrors) => fieldErrors.map((e) => `${e.field}:${e.code}`).sort();

function assertFieldErrorShape(fieldErrors) {
  assert.ok(Array.isArray(fieldErrors), 'fieldErrors is not an array');
  for (const fe of fieldErrors) {
    assert.equal(Object.getPrototypeOf(fe), Object.prototype);
    assert.deepEqual(Object.keys(fe).sort(), ['code', 'field', 'message']);
    assert.equal(typeof fe.field, 'string');
    assert.equal(typeof fe.code, 'string');
    assert.equal(typeof fe.message, 'string');
    assert.ok(fe.message.length > 0, `empty message for ${fe.field}`);
  }
}

// node --test runs this file in a process of its own; this runs before anything calls init().
test('validateCreateWorkspace works in Node without init()', () => {
  assert.deepEqual(validateCreateWorkspace(ORG, { name: 'My Workspace' }), []);
  assert.deepEqual(codes(validateCreateWorkspace(ORG, { name: '' })), ['name:too_short']);
});

describe('createWorkspace through the package', () => {
  before(async () => {
    server = await startRecordingServer();
  });
  after(async () => {
    await server?.close();
  });
  beforeEach(() => server.reset());
  afterEach(() => {
    assert.deepEqual(server.unexpected.map((r) => `${r.method} ${r.url}`), [], 'requests nothing was scripted for');
    assert.equal(server.pending, 0, 'scripted responses no request asked for');
  });

  describe('a successful create', () => {
    test('POSTs only the given fields to the organization path, with auth and JSON headers', async () => {
      server.respond({ method: 'POST', path: PATH, body: WORKSPACE });
      const ws = await createWorkspace(ORG, { name: 'My Workspace' }, opts());

      assert.equal(server.requests.length, 1);
      const [req] = server.requests;
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
      server.respond({ body: MINIMAL });
      const ws = await createWorkspace(ORG, { name: 'Data Team', description: null, cicdEnforcedDefault: null }, opts());

      const [req] = server.requests;
      assert.deepEqual(req.json, { name: 'Data Team' });
      assert.ok(!req.body.includes('null'), req.body);
      assert.deepEqual(ws, MINIMAL);
      assert.deepEqual(Object.keys(ws).sort(), Object.keys(MINIMAL).sort());
      for (const key of ['description', 'organizationName', 'createdBy', 'updatedBy']) {
        assert.ok(!(key in ws), `${key} is a key of the result`);
      }
    });

    test('description and cicdEnforcedDefault: false are sent as given; undefined is omitted', async () => {
      server.respond({ body: { ...MINIMAL, description: 'Pipelines' } }, { body: MINIMAL });
      await createWorkspace(ORG, { name: 'Data Team', description: 'Pipelines', cicdEnforcedDefault: false }, opts());
      await createWorkspace(ORG, { name: 'Data Team', description: undefined, cicdEnforcedDefault: true }, opts());

      assert.deepEqual(server.requests[0].json, { name: 'Data Team', description: 'Pipelines', cicdEnforcedDefault: false });
      assert.deepEqual(server.requests[1].json, { name: 'Data Team', cicdEnforcedDefault: true });
    });

    test('names of 50 code points (é, emoji, astral letters) arrive intact', async () => {
      const names = ['é'.repeat(50), '😀'.repeat(50), '𝒜'.repeat(50), 'e\u0301'.repeat(25)];
      for (const name of names) server.respond({ body: { ...MINIMAL, name } });
      for (const name of names) {
        const ws = await createWorkspace(ORG, { name }, opts());
        assert.equal(ws.name, name);
      }
      assert.deepEqual(server.requests.map((r) => r.json.name), names);
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
      server.respond({ body: MINIMAL });
      await createWorkspace(ORG, { name: 'Data Team' }, opts({
        headers: { 'X-Astro-Client-Identifier': 'my-app', 'x-astro-client-version': '1.2.3' },
      }));
      const [req] = server.requests;
      assert.equal(req.headers['x-astro-client-identifier'], 'my-app');
      assert.equal(req.headers['x-astro-client-version'], '1.2.3');
      assert.equal(req.headers.authorization, `Bearer ${TOKEN}`);
      assert.equal(req.headers['content-type'], 'application/json');
    });

    test('unknown, __proto__ and constructor keys in the response are dropped and pollute nothing', async () => {
      const hostile =
        '{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}},"extraField":1,' +
        JSON.stringify({ ...WORKSPACE, createdBy: undefined }).slice(1, -1) +
        ',"createdBy":{"__proto__":{"polluted":"yes"},"id":"clm8qv74h000008mlf08scq7k","subjectType":"USER",' +
        '"username":"user1@company.com","fullName":"Jane Doe","avatarUrl":"https://avatar.url"}}';
      server.respond({ headers: { 'content-type': 'application/json' }, body: hostile });
      const ws = await createWorkspace(ORG, { name: 'My Workspace' }, opts());

      assert.deepEqual(ws, WORKSPACE);
      assert.equal(Object.getPrototypeOf(ws), Object.prototype);
      assert.equal(Object.getPrototypeOf(ws.createdBy), Object.prototype);
      assert.equal(ws.polluted, undefined);
      assert.equal(ws.createdBy.polluted, undefined);
      assert.equal({}.polluted, undefined);
      assert.equal(Object.prototype.polluted, undefined);
      for (const key of ['__proto__', 'constructor', 'extraField']) {
        assert.ok(!Object.hasOwn(ws, key), `result has own key ${key}`);
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
      assert.equal(calls[0].url, `https://api.astronomer.io/platform/v1beta1/organizations/${ORG}/workspaces`);
      assert.equal(calls[0].init.method, 'POST');
      assert.equal(calls[0].init.redirect, 'manual');
      assert.equal(calls[0].init.body, '{"name":"Data Team"}');
    });

    test('a trailing slash on baseUrl does not double the slash in the path', async () => {
      server.respond({ path: PATH, body: MINIMAL });
      await createWorkspace(ORG, { name: 'Data Team' }, opts({ baseUrl: `${server.origin}${BASE_PATH}/` }));
      assert.equal(server.requests[0].url, PATH);
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
      server.respond(limited, limited, { body: MINIMAL });
      const { maxRetries, ...defaults } = opts();
      const ws = await createWorkspace(ORG, { name: 'Data Team' }, defaults);
      assert.deepEqual(ws, MINIMAL);
      assert.equal(server.requests.length, 3);
      assert.ok(server.requests.every((r) => r.body === '{"name":"Data Team"}'));
    });

    test('a 500 on create is not retried, so one Workspace cannot become two', async () => {
      server.respond({ status: 500, body: { message: 'oops', statusCode: 500 } });
      const { maxRetries, ...defaults } = opts();
      const err = await failure(createWorkspace(ORG, { name: 'Data Team' }, defaults));
      assertClass(err, InternalServerError);
      assert.equal(err.attempts, 1);
      assert.equal(server.requests.length, 1);
    });

    test('after maxRetries + 1 answers of 429 the call fails with RateLimitError', async () => {
      const limited = { status: 429, headers: { 'retry-after-ms': '10' }, body: { message: 'slow down', statusCode: 429, requestId: 'req-429' } };
      server.respond(limited, limited);
      const err = await failure(createWorkspace(ORG, { name: 'Data Team' }, opts({ maxRetries: 1 })));
      assertClass(err, RateLimitError);
      assert.equal(err.status, 429);
      assert.equal(err.attempts, 2);
      assert.equal(err.retryAfterMs, 10);
      assert.equal(err.requestId, 'req-429');
      assert.equal(server.requests.length, 2);
    });
  });

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
        server.respond({ status, body: { message: `the API says ${status}`, requestId: `req-${status}`, statusCode: status } });
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
        assert.equal(server.requests.length, 1);
      });
    }

    test('a 400 carries the API fieldErrors as given', async () => {
      const fieldErrors = [
        { field: 'name', code: 'too_long', message: 'name must be at most 50 characters' },
        { field: 'description', code: 'invalid', message: 'description is odd' },
      ];
      server.respond({ status: 400, body: { message: 'invalid request', requestId: 'req-fe', statusCode: 400, fieldErrors } });
      const err = await failure(createWorkspace(ORG, { name: 'My Workspace' }, opts()));
      assertClass(err, BadRequestError);
      assert.deepEqual(err.fieldErrors, fieldErrors);
      assert.equal(err.message, 'invalid request');
    });

    test('requestId comes from x-request-id when the body has none, and the body wins when it has one', async () => {
      server.respond(
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
      server.respond({ status: 502, headers: { 'content-type': 'text/html', 'x-request-id': 'edge-502' }, body: page });
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
      server.respond({ status: 503, body: '' });
      const err = await failure(createWorkspace(ORG, { name: 'x' }, opts()));
      assertClass(err, InternalServerError);
      assert.equal(err.status, 503);
      assert.deepEqual(err.fieldErrors, []);
      assert.match(err.message, /503/);
    });

    test('a JSON error body that is not the API Error shape keeps the class and gives an excerpt', async () => {
      server.respond({ status: 404, body: { error: 'route not found' } });
      const err = await failure(createWorkspace(ORG, { name: 'x' }, opts()));
      assertClass(err, NotFoundError);
      assert.equal(err.status, 404);
      assert.deepEqual(err.fieldErrors, []);
      assert.equal(err.excerpt, '{"error":"route not found"}');
    });

    test('a 429 with Retry-After in seconds reports retryAfterMs', async () => {
      server.respond({ status: 429, headers: { 'retry-after': '7' }, body: { message: 'slow down', statusCode: 429 } });
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
      ['createdAt with a +02:00 offset', { body: { ...MINIMAL, createdAt: '2023-09-08T12:00:00+02:00' } }, /createdAt/],
      ['updatedAt month 13', { body: { ...MINIMAL, updatedAt: '2023-13-08T12:00:00Z' } }, /updatedAt/],
      ['cicdEnforcedDefault as a string', { body: { ...MINIMAL, cicdEnforcedDefault: 'true' } }, /cicdEnforcedDefault/],
      ['name as a number', { body: { ...MINIMAL, name: 42 } }, /name/],
    ];
    for (const [what, response, mentions] of cases) {
      test(`200 with ${what}`, async () => {
        server.respond({ status: 200, ...response });
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
      server.respond({ status: 200, headers: { 'content-type': 'text/html' }, body: page });
      const err = await failure(createWorkspace(ORG, { name: 'x' }, opts()));
      assertClass(err, InvalidResponseError);
      assert.ok(Buffer.byteLength(err.excerpt, 'utf8') <= 2048, `excerpt is ${Buffer.byteLength(err.excerpt)} bytes`);
      assert.ok(err.excerpt.length > 100);
      assert.ok(page.startsWith(err.excerpt));
    });
  });

  describe('timeouts', () => {
    test('headers that never come -> TimeoutError (a ConnectionError) after timeoutMs', async () => {
      server.respond({ delayMs: 10000, body: MINIMAL });
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
      assert.equal(server.requests.length, 1);
    });

    test('a body that trickles in after the headers also times out (timeout covers headers and body)', async () => {
      const chunks = [{ data: '{"id":"cln0w8k2a000108l5e2xy7fgh",', delayMs: 0 }];
      for (let i = 0; i < 50; i++) chunks.push({ data: ' ', delayMs: 100 });
      chunks.push({ data: '"name":"x"}', delayMs: 0 });
      server.respond({ headers: { 'content-type': 'application/json' }, chunks });
      const started = Date.now();
      const err = await failure(createWorkspace(ORG, { name: 'x' }, opts({ timeoutMs: 400 })));
      const elapsed = Date.now() - started;
      assertClass(err, TimeoutError);
      assert.equal(err.timeoutMs, 400);
      assert.ok(elapsed >= 300 && elapsed < 2500, `fired after ${elapsed} ms`);
    });

    test('a timed-out create is not retried with the default maxRetries', async () => {
      server.respond({ delayMs: 10000, body: MINIMAL });
      const { maxRetries, ...defaults } = opts({ timeoutMs: 200 });
      const err = await failure(createWorkspace(ORG, { name: 'x' }, defaults));
      assertClass(err, TimeoutError);
      assert.equal(err.attempts, 1);
      assert.equal(server.requests.length, 1);
    });
  });

  describe('abort', () => {
    test('a signal aborted before the call -> AbortError, and nothing reaches the server', async () => {
      const controller = new AbortController();
      controller.abort();
      const err = await failure(createWorkspace(ORG, { name: 'x' }, opts({ signal: controller.signal })));
      assertClass(err, AbortError);
      assert.ok(!(err instanceof ConnectionError));
      assert.equal(server.requests.length, 0);
    });

    test('aborting while the server is thinking -> AbortError at once', async () => {
      server.respond({ delayMs: 10000, body: MINIMAL });
      const controller = new AbortController();
      const call = failure(createWorkspace(ORG, { name: 'x' }, opts({ signal: controller.signal })));
      await server.waitForRequests(1);
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
      server.respond({ headers: { 'content-type': 'application/json' }, chunks });
      const controller = new AbortController();
      const call = failure(createWorkspace(ORG, { name: 'x' }, opts({ signal: controller.signal })));
      await server.waitForRequests(1);
      await new Promise((resolve) => setTimeout(resolve, 150));
      const abortedAt = Date.now();
      controller.abort();
      const err = await call;
      assertClass(err, AbortError);
      assert.ok(Date.now() - abortedAt < 1000);
    });

    test('aborting during the wait before a retry -> AbortError, no second request', async () => {
      server.respond({ status: 429, headers: { 'retry-after-ms': '10000' }, body: { message: 'slow down', statusCode: 429 } });
      const controller = new AbortController();
      const { maxRetries, ...defaults } = opts({ signal: controller.signal });
      const call = failure(createWorkspace(ORG, { name: 'x' }, defaults));
      await server.waitForRequests(1);
      await new Promise((resolve) => setTimeout(resolve, 50));
      const abortedAt = Date.now();
      controller.abort();
      const err = await call;
      assertClass(err, AbortError);
      assert.ok(Date.now() - abortedAt < 1000, `settled ${Date.now() - abortedAt} ms after abort`);
      assert.equal(server.requests.length, 1);
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
      server.respond({ destroy: true });
      const err = await failure(createWorkspace(ORG, { name: 'x' }, opts()));
      assertClass(err, ConnectionError);
      assert.ok(!(err instanceof TimeoutError));
    });

    test('the socket closing halfway through the body -> ConnectionError', async () => {
      server.respond({
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
        server.respond({ status, headers: { location: `${other.origin}${PATH}` }, body: '' });
        const err = await failure(createWorkspace(ORG, { name: 'x' }, opts()));
        assertClass(err, ApiError);
        assert.equal(err.status, status);
        assert.match(err.message, /redirect/i);
        assert.equal(err.attempts, 1);
        assert.equal(server.requests.length, 1);
        assert.deepEqual(other.requests, [], 'the redirect was followed');
      });
    }
  });

  describe('a hostile organizationId never reaches the server', () => {
    const hostile = ['..', 'a/b', '?x', '#', '%2F', '../../etc', 'clm8t5u4q000008jq4qoc303/', `${ORG}/../x`,
      `${ORG}?x=1`, `${ORG}#f`, `${ORG}%2F..`, 'CLM8T5U4Q000008JQ4QOC3036', ` ${ORG}`, `${ORG}\n`, '', `${ORG}0`];
    for (const id of hostile) {
      test(`organizationId ${JSON.stringify(id)} -> ValidationError organizationId:invalid_format`, async () => {
        const err = await failure(createWorkspace(id, { name: 'x' }, opts()));
        assertClass(err, ValidationError);
        assert.deepEqual(codes(err.fieldErrors), ['organizationId:invalid_format']);
        assert.deepEqual(codes(validateCreateWorkspace(id, { name: 'x' })), ['organizationId:invalid_format']);
        assert.equal(server.requests.length, 0);
      });
    }

    for (const [id, code] of [[123, 'invalid_type'], [{}, 'invalid_type'], [null, 'required'], [undefined, 'required']]) {
      test(`organizationId ${util.inspect(id)} -> ValidationError organizationId:${code}`, async () => {
        const err = await failure(createWorkspace(id, { name: 'x' }, opts()));
        assertClass(err, ValidationError);
        assert.deepEqual(codes(err.fieldErrors), [`organizationId:${code}`]);
        assert.equal(server.requests.length, 0);
      });
    }
  });

  describe('validation before anything is sent', () => {
    const bodies = [
      ['an empty name', { name: '' }, ['name:too_short']],
      ['51 ASCII characters', { name: 'a'.repeat(51) }, ['name:too_long']],
      ['51 é', { name: 'é'.repeat(51) }, ['name:too_long']],
      ['51 emoji', { name: '😀'.repeat(51) }, ['name:too_long']],
      ['26 e + combining acute (52 code points)', { name: 'e\u0301'.repeat(26) }, ['name:too_long']],
      ['a number name', { name: 42 }, ['name:invalid_type']],
      ['a String object name', { name: new String('x') }, ['name:invalid_type']],
      ['a string cicdEnforcedDefault', { name: 'x', cicdEnforcedDefault: 'true' }, ['cicdEnforcedDefault:invalid_type']],
      ['a number description', { name: 'x', description: 5 }, ['description:invalid_type']],
      ['an unknown key (typo)', { name: 'x', cicdEnforced: true }, ['cicdEnforced:unknown_field']],
      ['an own __proto__ key', JSON.parse('{"name":"x","__proto__":{"a":1}}'), ['__proto__:unknown_field']],
      ['no name', {}, ['name:required']],
      ['three problems at once', { name: 42, cicdEnforcedDefault: 'yes', cicdEnforced: true },
        ['cicdEnforced:unknown_field', 'cicdEnforcedDefault:invalid_type', 'name:invalid_type']],
    ];
    for (const [what, body, expected] of bodies) {
      test(`request with ${what} -> ${expected.join(', ')}`, async () => {
        const err = await failure(createWorkspace(ORG, body, opts()));
        assertClass(err, ValidationError);
        assertFieldErrorShape(err.fieldErrors);
        assert.deepEqual(codes(err.fieldErrors), expected);
        for (const fe of err.fieldErrors) assert.ok(err.message.includes(fe.message), `message lacks "${fe.message}"`);
        assert.equal(err.status, undefined);
        assert.equal(err.attempts, undefined);
        assert.deepEqual(validateCreateWorkspace(ORG, body), err.fieldErrors);
        assert.equal(server.requests.length, 0);
      });
    }

    for (const [what, body] of [['null', null], ['undefined', undefined]]) {
      test(`a ${what} request -> one required/invalid_type problem, no crash`, async () => {
        const err = await failure(createWorkspace(ORG, body, opts()));
        assertClass(err, ValidationError);
        assertFieldErrorShape(err.fieldErrors);
        assert.equal(err.fieldErrors.length, 1);
        assert.ok(['required', 'invalid_type'].includes(err.fieldErrors[0].code), err.fieldErrors[0].code);
        assert.equal(server.requests.length, 0);
      });
    }

    for (const [what, body] of [['a string', 'My Workspace'], ['an array', [{ name: 'x' }]], ['a number', 7]]) {
      test(`${what} as the request -> the request:invalid_type`, async () => {
        const err = await failure(createWorkspace(ORG, body, opts()));
        assertClass(err, ValidationError);
        assert.deepEqual(codes(err.fieldErrors), ['the request:invalid_type']);
        assert.equal(server.requests.length, 0);
      });
    }

    const options = [
      ['no token', { token: undefined }, ['token:required']],
      ['an empty token', { token: '' }, ['token:too_short']],
      ['a token with CR LF (header forging)', { token: 'abc\r\nX-Evil: 1' }, ['token:invalid_format']],
      ['a token with a space', { token: 'abc def' }, ['token:invalid_format']],
      ['a non-ASCII token', { token: 'tökén' }, ['token:invalid_format']],
      ['a number token', { token: 12345 }, ['token:invalid_type']],
      ['baseUrl http://example.com', { baseUrl: 'http://example.com' }, ['baseUrl:invalid_format']],
      ['baseUrl with user:password@', { baseUrl: 'https://user:pw@host.example' }, ['baseUrl:invalid_format']],
      ['baseUrl that is not a URL', { baseUrl: 'not a url' }, ['baseUrl:invalid_format']],
      ['baseUrl ftp:', { baseUrl: 'ftp://host.example' }, ['baseUrl:invalid_format']],
      ['baseUrl with a query', { baseUrl: 'https://host.example/v1?x=1' }, ['baseUrl:invalid_format']],
      ['timeoutMs 0', { timeoutMs: 0 }, ['timeoutMs:out_of_range']],
      ['timeoutMs -1', { timeoutMs: -1 }, ['timeoutMs:out_of_range']],
      ['timeoutMs "abc"', { timeoutMs: 'abc' }, ['timeoutMs:invalid_type']],
      ['maxRetries 11', { maxRetries: 11 }, ['maxRetries:out_of_range']],
      ['maxRetries 1.5', { maxRetries: 1.5 }, ['maxRetries:invalid_type']],
      ['an authorization header', { headers: { authorization: 'Bearer someone-else' } }, ['headers.authorization:invalid_value']],
      ['a content-type header', { headers: { 'content-type': 'text/plain' } }, ['headers.content-type:invalid_value']],
      ['an accept header', { headers: { accept: 'text/html' } }, ['headers.accept:invalid_value']],
      ['a header value with CR LF', { headers: { 'x-evil': 'a\r\nSet-Cookie: x=1' } }, ['headers.x-evil:invalid_format']],
      ['a header name with a space', { headers: { 'bad name': 'v' } }, ['headers.bad name:invalid_format']],
      ['a number header value', { headers: { 'x-n': 5 } }, ['headers.x-n:invalid_type']],
      ['a fetch that is not a function', { fetch: 42 }, ['fetch:invalid_type']],
      ['a signal that is not an AbortSignal', { signal: {} }, ['signal:invalid_type']],
    ];
    for (const [what, extra, expected] of options) {
      test(`options with ${what} -> ${expected.join(', ')}`, async () => {
        const err = await failure(createWorkspace(ORG, { name: 'x' }, opts(extra)));
        assertClass(err, ValidationError);
        assertFieldErrorShape(err.fieldErrors);
        assert.deepEqual(codes(err.fieldErrors), expected);
        assert.equal(server.requests.length, 0);
      });
    }

    test('Authorization in any letter case cannot replace the token', async () => {
      const err = await failure(createWorkspace(ORG, { name: 'x' }, opts({ headers: { Authorization: 'Bearer someone-else' } })));
      assertClass(err, ValidationError);
      assert.equal(err.fieldErrors.length, 1);
      assert.match(err.fieldErrors[0].field, /^headers\.authorization$/i);
      assert.equal(err.fieldErrors[0].code, 'invalid_value');
      assert.equal(server.requests.length, 0);
    });

    test('no options at all -> token:required', async () => {
      const err = await failure(createWorkspace(ORG, { name: 'x' }));
      assertClass(err, ValidationError);
      assert.deepEqual(codes(err.fieldErrors), ['token:required']);
    });

    test('valid names of exactly 50 code points pass validation', () => {
      for (const name of ['a'.repeat(50), 'é'.repeat(50), '😀'.repeat(50), 'e\u0301'.repeat(25), '漢'.repeat(50)]) {
        assert.deepEqual(validateCreateWorkspace(ORG, { name }), [], name);
      }
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
        server.respond({
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
      server.respond({ status: 502, headers: { 'content-type': 'text/html' }, body: `<html><body>Authorization: ${echoed}</body></html>` });
      const err = await failure(createWorkspace(ORG, { name: 'x' }, opts()));
      assertClass(err, InternalServerError);
      assertNoToken(err);
      assert.match(err.excerpt, /\*\*\*/);
    });

    test('a 418 text body echoing the token -> ApiError without it', async () => {
      server.respond({ status: 418, body: `I am a teapot and your token is ${TOKEN}` });
      const err = await failure(createWorkspace(ORG, { name: 'x' }, opts()));
      assertClass(err, ApiError);
      assertNoToken(err);
    });

    test('a redirect whose Location carries the token -> ApiError without it', async () => {
      server.respond({ status: 302, headers: { location: `https://evil.example/steal?t=${TOKEN}` }, body: '' });
      const err = await failure(createWorkspace(ORG, { name: 'x' }, opts()));
      assertClass(err, ApiError);
      assertNoToken(err);
    });

    test('a 200 HTML page and a 200 bad Workspace echoing the token -> InvalidResponseError without it', async () => {
      server.respond(
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
      server.respond({ delayMs: 10000, body: MINIMAL });
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
      server.respond({ status: 401, body: { message: 'no', statusCode: 401 } });
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
      server.respond(
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

describe('garbage input never breaks the module (each case in a fresh process)', () => {
  const fixture = fileURLToPath(new URL('./fixtures/garbage-then-create.mjs', import.meta.url));
  const run = (name) =>
    new Promise((resolve, reject) => {
      execFile(process.execPath, [fixture, name], { timeout: 30000, maxBuffer: 1 << 20 }, (error, stdout, stderr) => {
        const line = stdout.trim().split('\n').pop();
        try {
          resolve(JSON.parse(line));
        } catch {
          reject(new Error(`${name}: no report (${error?.message ?? ''})\n${stdout}\n${stderr}`));
        }
      });
    });

  // [case, the class the garbage call must end with ('resolved' when it must succeed)]
  const cases = [
    ['fetch-returns-undefined', 'ConnectionError'],
    ['fetch-returns-null', 'ConnectionError'],
    ['fetch-throws', 'ConnectionError'],
    ['fetch-rejects-with-a-string', 'ConnectionError'],
    ['fetch-resolves-to-a-non-response', 'ConnectionError'],
    ['fetch-response-text-throws', 'ConnectionError'],
    ['fetch-status-out-of-range', 'ConnectionError'],
    ['response-nested-100000-deep', 'InvalidResponseError'],
    ['error-body-nested-100000-deep', 'BadRequestError'],
    ['response-invalid-utf8', 'InvalidResponseError'],
    ['response-10MB', 'resolved'],
    ['logger-throws', 'resolved'],
    ['circular-description', 'ValidationError'],
    ['description-nested-10000-deep', 'ValidationError'],
    ['headers-nested-10000-deep', 'ValidationError'],
    ['validate-circular-description', 'resolved'],
    ['request-is-a-throwing-proxy', 'any Error'],
    ['options-is-a-throwing-proxy', 'any Error'],
    ['token-getter-throws', 'ValidationError'],
    ['bigint-name', 'ValidationError'],
    ['symbol-name', 'ValidationError'],
    ['function-as-request', 'ValidationError'],
    ['options-is-a-string', 'ValidationError'],
    ['name-of-10-million-characters', 'ValidationError'],
    ['signal-is-not-a-signal', 'ValidationError'],
  ];

  for (const [name, expected] of cases) {
    test(`${name}: ${expected === 'resolved' ? 'works' : `fails with ${expected}`}, then the module still works`, async () => {
      const report = await run(name);
      const { garbage, nextCreate, nextValidate } = report;
      if (name.startsWith('validate-')) {
        // A synchronous validator: it returns or throws; it must not take the module down.
        assert.notEqual(garbage.name, 'RuntimeError', `the module trapped: ${garbage.message}`);
        assert.ok(garbage.outcome === 'resolved' || garbage.isAstroError, JSON.stringify(garbage));
      } else {
        assert.notEqual(garbage.outcome, 'threw synchronously',
          `createWorkspace threw synchronously instead of rejecting: ${garbage.name}: ${garbage.message}`);
        assert.equal(report.returnedPromise, true);
        if (expected === 'resolved') {
          assert.equal(garbage.outcome, 'resolved', JSON.stringify(garbage));
        } else {
          assert.equal(garbage.outcome, 'rejected');
          assert.ok(garbage.isError, JSON.stringify(garbage));
          assert.notEqual(garbage.name, 'RuntimeError', `the module trapped: ${garbage.message}`);
          if (expected !== 'any Error') {
            assert.equal(garbage.name, expected, JSON.stringify(garbage));
            assert.ok(garbage.isAstroError);
          }
        }
      }
      assert.equal(nextCreate.outcome, 'resolved', `the next create failed: ${nextCreate.name}: ${nextCreate.message}`);
      assert.equal(nextCreate.value.name, 'After Garbage');
      assert.deepEqual(nextValidate, { outcome: 'returned', valid: [], invalid: ['name:too_short'] });
    });
  }
});

describe('init() and validateCreateWorkspace()', () => {
  test('init() returns a Promise that resolves to undefined, every time', async () => {
    const first = init();
    const second = init();
    assert.ok(first instanceof Promise);
    assert.ok(second instanceof Promise);
    assert.equal(await first, undefined);
    assert.equal(await second, undefined);
    assert.equal(await init(), undefined);
    assert.deepEqual(validateCreateWorkspace(ORG, { name: 'x' }), []);
  });

  test('validateCreateWorkspace is synchronous and returns plain { field, code, message } objects', () => {
    const valid = validateCreateWorkspace(ORG, { name: 'My Workspace', description: 'd', cicdEnforcedDefault: true });
    assert.ok(Array.isArray(valid));
    assert.equal(typeof valid.then, 'undefined');
    assert.deepEqual(valid, []);

    const problems = validateCreateWorkspace('nope', { name: '' });
    assert.ok(Array.isArray(problems));
    assertFieldErrorShape(problems);
    assert.deepEqual(codes(problems), ['name:too_short', 'organizationId:invalid_format']);
  });

  test('every error class has the documented ancestry and name', () => {
    const tree = [
      [AstroError, Error], [ValidationError, AstroError], [ApiError, AstroError],
      [BadRequestError, ApiError], [AuthenticationError, ApiError], [PermissionDeniedError, ApiError],
      [NotFoundError, ApiError], [ConflictError, ApiError], [RateLimitError, ApiError],
      [InternalServerError, ApiError], [ConnectionError, AstroError], [TimeoutError, ConnectionError],
      [AbortError, AstroError], [InvalidResponseError, AstroError],
    ];
    for (const [cls, parent] of tree) {
      assert.equal(Object.getPrototypeOf(cls), parent, `${cls.name} does not extend ${parent.name}`);
      const e = new cls('m');
      assert.equal(e.name, cls.name);
      assert.ok(e instanceof Error);
    }
  });
});
