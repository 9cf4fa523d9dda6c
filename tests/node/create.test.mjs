// createWorkspace through the built package, imported the way a user imports it (package
// self-reference, Node's `import` condition): Node needs no init(), and garbage input
// never breaks the module. The other create-*.test.mjs files hold the request scenarios.
//
//   node --test tests/node/
//
// Every test asserts what a user sees: the request the server received, the value the
// promise resolved to, or the error it rejected with. A request nobody scripted is answered
// 599 and fails the test in afterEach.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

import { createWorkspace, validateCreateWorkspace, init, AstroError, ValidationError, ApiError, BadRequestError, AuthenticationError, PermissionDeniedError, NotFoundError, ConflictError, RateLimitError, InternalServerError, ConnectionError, TimeoutError, AbortError, InvalidResponseError } from 'astro-platform';
import { ORG, without, codes, assertFieldErrorShape } from './helpers.mjs';

// node --test runs this file in a process of its own; this runs before anything calls init().
test('validateCreateWorkspace works in Node without init()', () => {
  assert.deepEqual(validateCreateWorkspace(ORG, { name: 'My Workspace' }), []);
  assert.deepEqual(codes(validateCreateWorkspace(ORG, { name: '' })), ['name:too_short']);
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

