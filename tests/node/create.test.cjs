'use strict';
// createWorkspace through `require('astro-platform')` (Node's `require` condition): the
// package works from CommonJS, and its error classes are the same classes `import` gives.
//
//   node --test tests/node/

const { describe, test, before, after, beforeEach, afterEach } = require('node:test');
const assert = require('node:assert/strict');

const astro = require('astro-platform');

const { createWorkspace, validateCreateWorkspace, init, AstroError, ApiError, NotFoundError, ValidationError } = astro;

const ORG = 'clm8t5u4q000008jq4qoc3036';
const TOKEN = 'astro-test-token-7fQ2xZ9pLm';
const PATH = `/platform/v1beta1/organizations/${ORG}/workspaces`;
const WORKSPACE = {
  id: 'cln0w8k2a000108l5e2xy7fgh',
  name: 'From CommonJS',
  organizationId: ORG,
  cicdEnforcedDefault: true,
  createdAt: '2023-09-08T12:00:00Z',
  updatedAt: '2023-09-08T13:30:00Z',
  description: 'made with require',
};

let server;
const opts = (extra = {}) => ({
  token: TOKEN,
  baseUrl: `${server.origin}/platform/v1beta1`,
  maxRetries: 0,
  timeoutMs: 5000,
  ...extra,
});

async function failure(promise) {
  try {
    await promise;
  } catch (e) {
    return e;
  }
  assert.fail('expected the call to reject, but it resolved');
}

test('validateCreateWorkspace works right after require, without init()', () => {
  assert.deepEqual(validateCreateWorkspace(ORG, { name: 'From CommonJS' }), []);
  assert.deepEqual(
    validateCreateWorkspace(ORG, { name: '' }).map((e) => `${e.field}:${e.code}`),
    ['name:too_short'],
  );
});

describe('createWorkspace through require()', () => {
  before(async () => {
    const { startRecordingServer } = await import('../support/recording-server.mjs');
    server = await startRecordingServer();
  });
  after(async () => {
    if (server) await server.close();
  });
  beforeEach(() => server.reset());
  afterEach(() => {
    assert.deepEqual(server.unexpected.map((r) => `${r.method} ${r.url}`), [], 'requests nothing was scripted for');
    assert.equal(server.pending, 0, 'scripted responses no request asked for');
  });

  test('require exposes the documented API', () => {
    for (const name of ['createWorkspace', 'validateCreateWorkspace', 'init']) {
      assert.equal(typeof astro[name], 'function', name);
    }
    for (const name of ['AstroError', 'ValidationError', 'ApiError', 'BadRequestError', 'AuthenticationError',
      'PermissionDeniedError', 'NotFoundError', 'ConflictError', 'RateLimitError', 'InternalServerError',
      'ConnectionError', 'TimeoutError', 'AbortError', 'InvalidResponseError']) {
      assert.equal(typeof astro[name], 'function', name);
      assert.ok(astro[name] === AstroError || astro[name].prototype instanceof AstroError, name);
    }
  });

  test('a successful create', async () => {
    server.respond({ method: 'POST', path: PATH, body: WORKSPACE });
    const ws = await createWorkspace(ORG, { name: 'From CommonJS', description: 'made with require', cicdEnforcedDefault: null }, opts());
    assert.deepEqual(ws, WORKSPACE);
    assert.equal(Object.getPrototypeOf(ws), Object.prototype);
    assert.ok(!('createdBy' in ws));

    const [req] = server.requests;
    assert.equal(req.method, 'POST');
    assert.equal(req.url, PATH);
    assert.equal(req.headers.authorization, `Bearer ${TOKEN}`);
    assert.deepEqual(req.json, { name: 'From CommonJS', description: 'made with require' });
  });

  test('a 404 -> NotFoundError, and instanceof holds across require and import', async () => {
    server.respond({ status: 404, body: { message: 'organization not found', requestId: 'req-cjs', statusCode: 404 } });
    const err = await failure(createWorkspace(ORG, { name: 'x' }, opts()));
    assert.ok(err instanceof NotFoundError);
    assert.ok(err instanceof ApiError);
    assert.ok(err instanceof AstroError);
    assert.equal(err.name, 'NotFoundError');
    assert.equal(err.status, 404);
    assert.equal(err.message, 'organization not found');
    assert.equal(err.requestId, 'req-cjs');
    assert.deepEqual(err.fieldErrors, []);

    const esm = await import('astro-platform');
    for (const name of ['AstroError', 'ValidationError', 'ApiError', 'NotFoundError', 'TimeoutError', 'ConnectionError']) {
      assert.equal(esm[name], astro[name], `${name} from import is not ${name} from require`);
    }
    assert.ok(err instanceof esm.NotFoundError);
    assert.ok(err instanceof esm.AstroError);

    // And the other way: an error from the imported function is an instance of the required class.
    const fromEsm = await failure(esm.createWorkspace('..', { name: 'x' }, opts()));
    assert.ok(fromEsm instanceof ValidationError);
    assert.ok(fromEsm instanceof AstroError);
    assert.equal(server.requests.length, 1);
  });

  test('init() resolves and is idempotent', async () => {
    const p = init();
    assert.ok(p instanceof Promise);
    assert.equal(await p, undefined);
    assert.equal(await init(), undefined);
  });
});
