// How the package reads odd JS values, through the public API: every case's validator
// answers, the request it sends or the error it throws, compared with
// fixtures/odd-inputs.json, which was recorded from the reader before the packed one
// (commit 16c8dff: one JS call per value's kind, then glue copies and Reflect.get per key).
// So a change in how inputs cross into WASM cannot change what a caller sees.
//   RECORD_ODD_INPUTS=1 node --test tests/node/odd-inputs.test.mjs   rewrites the fixture

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import util from 'node:util';
import { createHash } from 'node:crypto';
import {
  AstroClient, createWorkspace, validateCreateWorkspace, validateListWorkspaces, validateUpdateWorkspace,
} from 'astro-platform';

import { ORG, TOKEN } from './helpers.mjs';

const FIXTURE = new URL('./fixtures/odd-inputs.json', import.meta.url);
const WS = 'clm8t5u4q000008jq4qoc3037';
const BASE = 'http://127.0.0.1:9/v1';

/** Every character JSON, UTF-8 or UTF-16 treat specially, well-formed (no lone surrogate). */
const TRICKY = `\0\u0001\u001f"\\/\b\f\n\r\t\u007f\u0080\u00ff\u0100\u07ff\u0800\uffff\ufffd\ufeff\u2028\u2029é e\u0301😀\udbff\udfff\ud800\udc00`;
const LONG_TRICKY = `${TRICKY}${'ab'.repeat(200)}${TRICKY}`;

/** A Proxy over `target` whose `trap` throws. */
const throwing = (target, trap) => new Proxy(target, { [trap]() { throw new Error(`${trap} trap`); } });
const revoked = () => {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  return proxy;
};
const sparse = (length, set = {}) => {
  const a = [];
  a.length = length;
  Object.assign(a, set);
  return a;
};
const signalShaped = (aborted) => ({ aborted, addEventListener() {}, removeEventListener() {} });
const withGetter = (before, key, after) => {
  const o = { ...before };
  Object.defineProperty(o, key, { enumerable: true, get() { throw new Error('getter'); } });
  return Object.assign(o, after);
};
const numbersNamed = { '-0': -0, NaN: Number.NaN, Infinity: Infinity, '-Infinity': -Infinity, '1e308': 1e308, '5e-324': 5e-324, '2^53': 2 ** 53, '1000.0000000001': 1000.0000000001, '3': 3 };

/**
 * Each case: a name and a function returning what the package does with the input. `create`,
 * `list` and `update` run the validator and the call (through a `fetch` that records the
 * request); `options` runs a call with odd options; `client` builds a client.
 */
const CASES = {
  'tricky characters as name and description': () => create({ name: TRICKY.slice(0, 30), description: TRICKY }),
  'tricky characters in a long description': () => create({ name: 'x', description: LONG_TRICKY }),
  'a literal U+FFFD is kept': () => create({ name: '\ufffd', description: `a\ufffd${'b'.repeat(300)}\ufffd` }),
  'lone high surrogate at the end': () => create({ name: 'ab\ud800' }),
  'lone low surrogate first': () => create({ name: '\udc00ab' }),
  'reversed pair': () => create({ name: 'a\udc00\ud800b' }),
  'lone surrogate in a long description': () => create({ name: 'x', description: `${'d'.repeat(400)}\ud83d` }),
  'lone surrogate in the organization id': () => create({ name: 'x' }, `${ORG}\ud800`),
  'keys with surrogates': () => create({ name: 'x', ['a\ud800']: 1, ['\udc00']: 2, ['😀']: 3 }),
  'a key that is a well-formed astral character only': () => create({ name: 'x', ['𝒜𝒜']: { deep: [1] } }),
  'integer-like keys come first': () => create({ name: 'x', b: 1, 2: 2, a: 3, 1: 4 }),
  'numbers as limit': () => Object.fromEntries(Object.entries(numbersNamed).map(([k, v]) => [k, list({ limit: v, offset: v })])),
  'numbers as name and flag': () => Object.fromEntries(Object.entries(numbersNamed).map(([k, v]) => [k, create({ name: v, cicdEnforcedDefault: v })])),
  'numbers as timeoutMs and maxRetries': () => Object.fromEntries(Object.entries(numbersNamed).map(([k, v]) => [k, options({ timeoutMs: v, maxRetries: v })])),
  'a getter that throws mid-object': () => create(withGetter({ name: 'x' }, 'description', { cicdEnforcedDefault: true })),
  'a getter that throws as name': () => create(withGetter({}, 'name', { description: 'd' })),
  'a getter that throws in headers': () => options({ headers: withGetter({ a: '1' }, 'b', { c: '3' }) }),
  'a Proxy whose ownKeys throws as body': () => create(throwing({ name: 'x' }, 'ownKeys')),
  'a Proxy whose ownKeys throws as description': () => create({ name: 'x', description: throwing({}, 'ownKeys') }),
  'a Proxy whose ownKeys throws as options': () => options(throwing({ token: TOKEN }, 'ownKeys')),
  'a Proxy whose ownKeys throws as headers': () => options({ headers: throwing({ a: '1' }, 'ownKeys') }),
  'a Proxy whose get throws as body': () => create(throwing({ name: 'x', description: 'd' }, 'get')),
  'a Proxy whose getOwnPropertyDescriptor throws': () => create(throwing({ name: 'x' }, 'getOwnPropertyDescriptor')),
  'an array Proxy whose get throws': () => list({ names: throwing(['a', 'b'], 'get') }),
  'an array Proxy with an odd length': () => list({
    names: new Proxy(['a', 'b', 'c'], { get: (t, k) => (k === 'length' ? 2.7 : t[k]) }),
    workspaceIds: new Proxy([WS], { get: (t, k) => (k === 'length' ? '1' : t[k]) }),
  }),
  'revoked proxies': () => ({
    body: create(revoked()),
    name: create({ name: revoked() }),
    options: options(revoked()),
    signal: options({ signal: revoked() }),
    headers: options({ headers: revoked() }),
    item: list({ names: [revoked()] }),
  }),
  'sparse and huge arrays': () => ({
    holes: list({ names: sparse(3, { 1: 'a' }) }),
    all10000holes: list({ names: sparse(10000) }),
    over10000: list({ names: sparse(10001) }),
    max: list({ workspaceIds: sparse(4294967295) }),
    ten000ids: list({ workspaceIds: Array(10000).fill(WS) }),
  }),
  'symbols, bigints and functions': () => ({
    fields: create({ name: Symbol('s'), description: 10n, cicdEnforcedDefault: () => true }),
    body: create(Symbol.iterator),
    bigintBody: create(1n),
    functionBody: create(function f() {}),
    org: create({ name: 'x' }, 10n),
    items: list({ names: [Symbol('a'), 1n, () => 1] }),
    symbolKey: create({ name: 'x', [Symbol('k')]: 1 }),
  }),
  'objects that are not plain': () => ({
    date: create({ name: new Date(0) }),
    map: create({ name: 'x', description: new Map([['a', 1]]) }),
    typed: list({ names: new Uint8Array([1, 2]) }),
    regexp: create(/x/),
    nullProto: create(Object.assign(Object.create(null), { name: 'x' })),
    inherited: create(Object.create({ name: 'x' })),
    nonEnumerable: create(Object.defineProperty({ name: 'x' }, 'description', { value: 'd', enumerable: false })),
    parsedProto: create(JSON.parse('{"name":"x","__proto__":{"a":1}}')),
    boxed: create({ name: new String('x') }),
  }),
  'signals, real and shaped': () => ({
    real: options({ signal: new AbortController().signal }),
    shaped: options({ signal: signalShaped(false) }),
    notBoolean: options({ signal: { aborted: 'yes', addEventListener() {} } }),
    noListener: options({ signal: { aborted: false } }),
    throwingAborted: options({ signal: withGetter({}, 'aborted', { addEventListener() {} }) }),
    signalAsHeader: options({ headers: { signal: signalShaped(false) } }),
    signalAsBodyField: create({ name: 'x', signal: signalShaped(false) }),
    signalArray: options({ signal: [] }),
  }),
  'depth: what lies below the second level is read by its type alone': () => ({
    description: create({ name: 'x', description: { a: { b: 1 } } }),
    names: list({ names: [['a'], { a: 1 }] }),
    headers: options({ headers: { a: { b: 'c' }, d: ['e'] } }),
    circular: create((() => { const c = { name: 'x' }; c.description = c; return c; })()),
  }),
  'a getter that calls the validator while its object is read': () => {
    const inner = [];
    const body = withGetter({ name: 'outer' }, 'x', {});
    Object.defineProperty(body, 'description', {
      enumerable: true,
      get() {
        inner.push(validateCreateWorkspace(ORG, { name: 'y'.repeat(60), description: TRICKY, big: 'z'.repeat(5000) }));
        return 'd'.repeat(3000);
      },
    });
    const outer = validateCreateWorkspace(ORG, body);
    return { outer, inner };
  },
  'update with odd ids and body': () => update(`${WS}\udfff`, { name: TRICKY.slice(0, 20), description: '', cicdEnforcedDefault: 0 }),
  'client options': () => ({
    headersTricky: client({ token: TOKEN, headers: { 'x-a': TRICKY, 'x-b': 'é' } }),
    headersLone: client({ token: TOKEN, headers: { 'x-a': 'a\ud800' } }),
    headerKeyLone: client({ token: TOKEN, headers: { ['x-\ud800']: 'a' } }),
    tokenTricky: client({ token: `t${TRICKY}` }),
    tokenLong: client({ token: 't'.repeat(5000) }),
    baseUrl: client({ token: TOKEN, baseUrl: `${BASE}/\u00e9` }),
  }),
  'a 100,000-character name and description': () => create({ name: 'n'.repeat(100_000), description: 'é'.repeat(100_000) }),
};

/** Runs `f`; its value, or the error it threw as `{ threw, message, fieldErrors }`. */
function attempt(f) {
  try {
    return { value: f() };
  } catch (e) {
    return { threw: e?.name, message: e?.message, fieldErrors: e?.fieldErrors };
  }
}

/** The request a client call sent (its `fetch` records it, then fails), or the error it threw. */
function sentBy(call) {
  let request;
  const fetch = (url, init) => {
    request = { url, method: init.method, headers: init.headers, body: init.body };
    return Promise.reject(new Error('recorded'));
  };
  const failed = (e) => ({ threw: e?.name, message: e?.message, fieldErrors: e?.fieldErrors });
  try {
    return call(fetch).then(() => ({ request }), (e) => (request ? { request } : failed(e)));
  } catch (e) {
    return failed(e);
  }
}

const clientWith = (fetch) => new AstroClient({ token: TOKEN, baseUrl: BASE, maxRetries: 0, fetch });

function create(body, org = ORG) {
  return {
    problems: attempt(() => validateCreateWorkspace(org, body)),
    client: sentBy((fetch) => clientWith(fetch).createWorkspace(org, body)),
  };
}

function list(params) {
  return {
    problems: attempt(() => validateListWorkspaces(ORG, params)),
    client: sentBy((fetch) => clientWith(fetch).listWorkspaces(ORG, params)),
  };
}

function update(ws, body) {
  return {
    problems: attempt(() => validateUpdateWorkspace(ORG, ws, body)),
    client: sentBy((fetch) => clientWith(fetch).updateWorkspace(ORG, ws, body)),
  };
}

/** A client call and a standalone create with odd per-call options. */
function options(callOptions) {
  return {
    client: sentBy((fetch) => clientWith(fetch).getWorkspace(ORG, WS, callOptions)),
    standalone: sentBy((fetch) => createWorkspace(ORG, { name: 'x' }, withFetch(callOptions, fetch))),
  };
}

/** `options` with `fetch` and `baseUrl` added, keeping an odd value (a Proxy, a revoked one) as it is. */
function withFetch(callOptions, fetch) {
  const plain = callOptions !== null && typeof callOptions === 'object' && !util.types.isProxy(callOptions);
  return plain ? { token: TOKEN, baseUrl: BASE, maxRetries: 0, ...callOptions, fetch } : callOptions;
}

function client(clientOptions) {
  return sentBy((fetch) => new AstroClient({ baseUrl: BASE, ...clientOptions, fetch }).getWorkspace(ORG, WS));
}

/** A string too long to keep in the fixture, as its length and SHA-256. */
const digest = (s) => ({ length: s.length, sha256: createHash('sha256').update(s).digest('hex') });

/** Runs every case, awaiting the standalone calls; a JSON-ready tree (undefined as a marker). */
async function observe() {
  const out = {};
  for (const [name, run] of Object.entries(CASES)) out[name] = await settle(run());
  const replacer = (k, v) => (v === undefined ? '<undefined>' : typeof v === 'string' && v.length > 1000 ? digest(v)
    : Array.isArray(v) && v.length > 50 ? digest(JSON.stringify(v)) : v);
  return JSON.parse(JSON.stringify(out, replacer));
}

async function settle(value) {
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Promise) return value;
  const out = Array.isArray(value) ? [] : {};
  for (const [k, v] of Object.entries(value)) out[k] = await settle(v);
  return out;
}

test('odd inputs read exactly as the reader before the packed one read them', async () => {
  const got = await observe();
  if (process.env.RECORD_ODD_INPUTS) {
    writeFileSync(FIXTURE, `${JSON.stringify(got, null, 1)}\n`);
    return;
  }
  const want = JSON.parse(readFileSync(FIXTURE, 'utf8'));
  assert.deepEqual(Object.keys(got), Object.keys(want));
  for (const name of Object.keys(want)) assert.deepEqual(got[name], want[name], name);
});
