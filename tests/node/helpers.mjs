// Shared by the tests/node suites: the fixtures, the assertions on errors, and the
// recording server's hooks.

import { before, after, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import util from 'node:util';

import { AstroError } from 'astro-platform';
import { startRecordingServer } from '../support/recording-server.mjs';

export const ORG = 'clm8t5u4q000008jq4qoc3036';
export const TOKEN = 'astro-test-token-7fQ2xZ9pLm';
export const BASE_PATH = '/platform/v1beta1';
export const PATH = `${BASE_PATH}/organizations/${ORG}/workspaces`;

/** The seed's example Workspace, every optional field present. */
export const WORKSPACE = Object.freeze({
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
export const MINIMAL = Object.freeze({
  id: 'cln0w8k2a000108l5e2xy7fgh',
  name: 'Data Team',
  organizationId: ORG,
  cicdEnforcedDefault: false,
  createdAt: '2023-09-08T12:00:00Z',
  updatedAt: '2023-09-08T12:00:00Z',
});

export const without = (obj, key) => {
  const copy = { ...obj };
  delete copy[key];
  return copy;
};


/** The recording server of the running suite (one per test file). */
let current;

/** Options pointing at the recording server; one attempt unless a test says otherwise. */
export const opts = (extra = {}) => ({
  token: TOKEN,
  baseUrl: `${current.origin}${BASE_PATH}`,
  maxRetries: 0,
  timeoutMs: 5000,
  ...extra,
});

/** Awaits a call that must fail and returns its error. */
export async function failure(promise) {
  try {
    await promise;
  } catch (e) {
    return e;
  }
  assert.fail('expected the call to reject, but it resolved');
}

/** Asserts `err` is an instance of exactly `cls` (and of its ancestors), named after it. */
export function assertClass(err, cls) {
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
export function assertNoToken(err, token = TOKEN) {
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

export const codes = (fieldErrors) => fieldErrors.map((e) => `${e.field}:${e.code}`).sort();

export function assertFieldErrorShape(fieldErrors) {
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


/**
 * Starts a recording server for the enclosing suite and checks after every test that no
 * request came unscripted and no scripted answer went unused. Returns `{ server }`.
 */
export function useRecordingServer() {
  const ref = { server: undefined };
  before(async () => {
    ref.server = current = await startRecordingServer();
  });
  after(async () => {
    await ref.server?.close();
  });
  beforeEach(() => ref.server.reset());
  afterEach(() => {
    assert.deepEqual(ref.server.unexpected.map((r) => `${r.method} ${r.url}`), [], 'requests nothing was scripted for');
    assert.equal(ref.server.pending, 0, 'scripted responses no request asked for');
  });
  return ref;
}
