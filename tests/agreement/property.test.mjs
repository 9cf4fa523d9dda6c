// The agreement property: for 10,000 generated inputs (valid, invalid and hostile bodies,
// IDs and list parameters), the package's validators and the simulator (sim/, written from
// the contract alone, asked over real HTTP on its v1 base URL) make the same accept/refuse
// decision and report the same (field, code) pairs. fast-check shrinks a disagreement to a
// small input and prints it with both answers. The seed is fixed and printed in the test
// name; replay a run with AGREEMENT_SEED=<seed> npm test (or node --test on this file).
//
// The domain, and what is left out of it on purpose:
// - Bodies are JSON objects holding only the six known keys. An unknown key is refused by
//   the package (`unknown_field`) and ignored by the API, a documented difference. A body
//   that is not an object is a parse failure on the server (400 without fieldErrors), so it
//   has no pairs to compare.
// - Values are what JSON carries: strings (lone surrogates travel as `\ud800` escapes, which
//   JSON.stringify writes), finite numbers, booleans, null (absent on both sides), arrays
//   and objects. NaN, Infinity, undefined, functions, symbols and bigints have no JSON form.
// - Body tests use the demo organization and, for update, an existing Workspace: the server
//   checks the path before the body. IDs are tested on their own (GET and DELETE), by
//   shape only: an ID of valid shape that names nothing is 404 (or 403 for another
//   organization) on the server and valid for the package. The empty ID (no path segment)
//   and IDs with lone surrogates (no percent-encoding exists) are left out.
// - List parameters are only those whose query-string form is faithful: integers within
//   +-2^53 (String() writes their digits), non-integer numbers, and arrays of strings
//   without lone surrogates, encoded as the package encodes them (repeated parameters,
//   encodeURIComponent). A string where a number or an array belongs, or a parameter given
//   twice, cannot be told apart or cannot be sent by the package.
// - v1 only: `unsupported` (v1beta1) and X-API-Version depend on the base URL and the
//   client options, not on the input.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';

import fc from 'fast-check';
import {
  AstroClient, NotFoundError, ValidationError,
  validateCreateWorkspace, validateListWorkspaces, validateUpdateWorkspace,
} from 'astro-platform';
import { createSimulator, DEMO_ORGANIZATION_ID as ORG, DEMO_TOKEN, OTHER_ORGANIZATION_ID } from '../../sim/simulator.mjs';

const SEED = Number(process.env.AGREEMENT_SEED ?? 20260128);
const RUNS = { create: 3500, update: 3000, list: 2500, ids: 1000 };
const TOTAL = Object.values(RUNS).reduce((a, b) => a + b, 0);
const SORTS = ['name:asc', 'name:desc', 'createdAt:asc', 'createdAt:desc', 'updatedAt:asc', 'updatedAt:desc'];
const CUID_CHARS = 'abcdefghijklmnopqrstuvwxyz0123456789';
const NOBODY = `c${'0'.repeat(24)}`;

// ---------------------------------------------------------------- generators

const ABSENT = Symbol('absent');
/** A value, or `null`, or the key left out, with weights. */
const field = (present, { nullWeight = 1, absentWeight = 2 } = {}) => fc.oneof(
  { withCrossShrink: true }, // shrinks towards absent
  { arbitrary: fc.constant(ABSENT), weight: absentWeight },
  { arbitrary: fc.constant(null), weight: nullWeight },
  { arbitrary: present, weight: 8 },
);
/** An object of the fields that are not ABSENT. */
const objectOf = (fields) => fc.record(fields).map((r) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== ABSENT)));

const SURROGATES = ['\ud800', '\udbff', '\udc00', '\udfff'];
const PIECES = ['a', 'Z', '7', ' ', '-', '_', 'é', '日', '😀', '𝄞', '\u0000', '\n', '"', '\\', '/', '%2F', '..', '&', '=', '+', '#', '?', '\u200d', '\ufeff', '\ufffd'];
const piece = fc.oneof({ arbitrary: fc.constantFrom(...PIECES), weight: 150 }, { arbitrary: fc.constantFrom(...SURROGATES), weight: 1 });
/** Strings of min to max pieces (a piece is one code point; '%2F' is three, '..' two; two surrogates may pair). */
const sized = (min, max) => fc.array(piece, { minLength: min, maxLength: max }).map((p) => p.join(''));
const loneSurrogate = fc.tuple(fc.string({ maxLength: 10 }), fc.constantFrom(...SURROGATES), fc.string({ maxLength: 10 })).map((p) => p.join(''));
const cuid = fc.array(fc.constantFrom(...CUID_CHARS), { minLength: 24, maxLength: 24 }).map((c) => `c${c.join('')}`);

/** Any string: empty, short, around the 50-code-point limit, astral, with lone surrogates. */
const text = fc.oneof(
  { arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }), weight: 4 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 60 }), weight: 2 },
  { arbitrary: sized(0, 3), weight: 2 },
  { arbitrary: sized(47, 53), weight: 3 },
  { arbitrary: fc.constantFrom('😀'.repeat(50), '😀'.repeat(51), 'x'.repeat(50), 'x'.repeat(51), 'é'.repeat(51)), weight: 1 },
  { arbitrary: loneSurrogate, weight: 1 },
);
const wellFormedText = text.filter((s) => s.isWellFormed());
/** 40 levels of arrays: deeper than the package reads (32). */
const DEEP = Array.from({ length: 40 }).reduce((inner) => [inner], []);
/** Values of the wrong JSON type for any field. */
const other = fc.oneof(
  fc.boolean(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(0, -0, 1, 50, 51, 'true', 'AWS'),
  fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 }),
  fc.constant(DEEP),
);
const PROVIDERS = ['AWS', 'AZURE', 'GCP', 'aws', 'Azure', 'gcp', 'OCI', 'IBM', '', ' AWS', 'AWS ', 'GCP\u0000'];
const REGIONS = ['us-east-1', 'eastus', 'us-central1', 'europe-west4', ''];

/** Bodies of the six known keys, each absent, null, right or wrong, independently. */
const anyBody = objectOf({
  name: field(fc.oneof({ arbitrary: text, weight: 6 }, { arbitrary: other, weight: 1 }), { absentWeight: 1 }),
  description: field(fc.oneof({ arbitrary: text, weight: 5 }, { arbitrary: other, weight: 1 })),
  cicdEnforcedDefault: field(fc.oneof({ arbitrary: fc.boolean(), weight: 5 }, { arbitrary: other, weight: 1 })),
  defaultCloudProvider: field(fc.oneof({ arbitrary: fc.constantFrom(...PROVIDERS), weight: 5 }, text, other), { absentWeight: 8 }),
  defaultRegion: field(fc.oneof({ arbitrary: fc.constantFrom(...REGIONS), weight: 3 }, text, other), { absentWeight: 8 }),
  defaultClusterId: field(fc.oneof({ arbitrary: cuid, weight: 2 }, fc.constant(''), text, other), { absentWeight: 10 }),
});
const BODY_KEYS = ['name', 'description', 'cicdEnforcedDefault', 'defaultCloudProvider', 'defaultRegion', 'defaultClusterId'];
const someString = fc.string({ unit: 'binary', maxLength: 20 });
/** Bodies meant to be valid (update gives all three required fields): one of the default-deployment shapes. */
const validBody = (update) => fc.tuple(
  fc.record({
    name: fc.oneof(fc.string({ unit: 'binary', minLength: 1, maxLength: 50 }), fc.constantFrom('😀'.repeat(50), 'x'.repeat(50), 'Data team')),
    description: someString,
    cicdEnforcedDefault: fc.boolean(),
  }, { requiredKeys: update ? ['name', 'description', 'cicdEnforcedDefault'] : ['name'] }),
  fc.oneof(
    { withCrossShrink: true },
    fc.constant({}),
    fc.record({ defaultCloudProvider: fc.constantFrom('AWS', 'AZURE', 'GCP'), defaultRegion: fc.oneof(fc.constantFrom(...REGIONS.slice(0, -1)), someString.filter(Boolean)) }),
    fc.record({ defaultClusterId: fc.oneof(cuid, someString.filter(Boolean)) }),
  ),
).map(([base, defaults]) => ({ ...base, ...defaults }));
/** Valid bodies with one or two keys taken from (or dropped as in) a random body. */
const nearlyValid = (update) => fc.tuple(validBody(update), anyBody, fc.subarray(BODY_KEYS, { minLength: 1, maxLength: 2 })).map(([valid, any, keys]) => {
  const out = { ...valid };
  for (const key of keys) if (key in any) out[key] = any[key]; else delete out[key];
  return out;
});
/** Create and update bodies: a quarter meant valid, a quarter nearly valid, half anything. */
const body = (update) => fc.oneof({ withCrossShrink: true }, validBody(update), nearlyValid(update), { arbitrary: anyBody, weight: 2 });

/** IDs of every shape: CUIDs, near-CUIDs, path tricks, unicode, random text; never empty. */
const idText = fc.oneof(
  { arbitrary: cuid, weight: 3 },
  { arbitrary: fc.tuple(cuid, fc.nat(24), fc.constantFrom('A', 'Z', '-', '_', '.', 'é', '😀', '/', '%', '')).map(([id, i, c]) => id.slice(0, i) + c + id.slice(i + 1)), weight: 3 },
  { arbitrary: fc.tuple(cuid, fc.constantFrom('a', '0', '\n', ' ', '/', '%2F')).map(([id, c]) => id + c), weight: 1 },
  { arbitrary: fc.constantFrom('..', '.', '%2F', '%2f', '..%2F..', '../x', '%2e%2e', '%63lm8t5u4q000008jq4qoc3036', `${ORG}%00`, ORG.toUpperCase(), 'c', OTHER_ORGANIZATION_ID), weight: 2 },
  { arbitrary: wellFormedText, weight: 2 },
).filter((id) => id.length > 0 && id.isWellFormed());

/** integers the query writes digit for digit (|n| <= 2^53), and non-integers. */
const integerish = fc.oneof(
  { arbitrary: fc.integer({ min: -5, max: 1005 }), weight: 4 },
  { arbitrary: fc.constantFrom(0, -0, 1, 1000, 1001, -1, 1e15, Number.MAX_SAFE_INTEGER, 2 ** 53), weight: 2 },
  { arbitrary: fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }).map(Number), weight: 1 },
  { arbitrary: fc.oneof(fc.constantFrom(1.5, 0.5, -0.5, 1e-7, 999.999), fc.double({ min: -1e6, max: 1e6, noNaN: true }).filter((n) => !Number.isInteger(n))), weight: 1 },
);
const listParams = objectOf({
  workspaceIds: field(fc.array(fc.oneof(cuid, idText, fc.constant('')), { maxLength: 3 })),
  names: field(fc.array(wellFormedText, { maxLength: 3 })),
  offset: field(integerish),
  limit: field(integerish),
  sorts: field(fc.array(fc.oneof({ arbitrary: fc.constantFrom(...SORTS), weight: 3 }, fc.constantFrom('name', 'NAME:ASC', 'name:up', '', 'name:asc ', 'name:asc,name:desc'), wellFormedText), { maxLength: 3 })),
});

// ---------------------------------------------------------------- the two sides

/** `field:code` pairs, sorted. */
const pairsOf = (errors) => errors.map((e) => `${e.field}:${e.code}`).sort();

/** The package's answer: `{ accepted, pairs }`. */
const packageSays = (errors) => ({ accepted: errors.length === 0, pairs: pairsOf(errors), text: errors.length ? 'refuses' : 'accepts' });

/** The simulator's answer; `shapeOnly` counts 403 and 404 as an accepted ID shape. */
function simulatorSays({ status, json }, { shapeOnly = false } = {}) {
  if (status === 200 || status === 204 || (shapeOnly && (status === 403 || status === 404))) {
    return { accepted: true, pairs: [], text: `accepts (${status})` };
  }
  if (status === 400 && Array.isArray(json?.fieldErrors)) return { accepted: false, pairs: pairsOf(json.fieldErrors), text: 'refuses (400)' };
  return { accepted: false, pairs: [`<no fieldErrors: ${status} ${json?.message ?? ''}>`], text: `answers ${status}` };
}

/** Returns null when both sides agree, else a message naming the input and both answers. */
function disagreement(what, input, pkg, sim) {
  if (pkg.accepted === sim.accepted && JSON.stringify(pkg.pairs) === JSON.stringify(sim.pairs)) return null;
  return `the package and the simulator disagree on ${what} ${JSON.stringify(input)}\n` +
    `  package:   ${pkg.text} [${pkg.pairs.join(', ')}]\n` +
    `  simulator: ${sim.text} [${sim.pairs.join(', ')}]`;
}

/** The simulator over HTTP: one keep-alive connection pool, demo token, raw paths. */
function simulatorClient(apiBaseUrl) {
  const base = new URL(apiBaseUrl);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 2 });
  let sent = 0;
  const send = (method, path, text) => new Promise((resolve, reject) => {
    sent += 1;
    const headers = { authorization: `Bearer ${DEMO_TOKEN}`, accept: 'application/json' };
    if (text !== undefined) Object.assign(headers, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
    const req = http.request({ host: base.hostname, port: base.port, method, path: base.pathname + path, agent, headers, timeout: 10_000 }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        let json = null;
        try { json = raw ? JSON.parse(raw) : null; } catch { json = { message: `not JSON: ${raw.slice(0, 80)}` }; }
        resolve({ status: res.statusCode, json });
      });
    });
    req.on('timeout', () => req.destroy(new Error(`${method} timed out`)));
    req.on('error', reject);
    req.end(text);
  });
  return { send, sent: () => sent, close: () => agent.destroy() };
}

const workspaces = (org = ORG) => `/organizations/${encodeURIComponent(org)}/workspaces`;

/** Encodes list parameters as the package does: repeated parameters, encodeURIComponent, fixed order. */
function listQuery(params) {
  const parts = [];
  for (const key of ['workspaceIds', 'names', 'offset', 'limit', 'sorts']) {
    const value = params[key];
    if (value === null || value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) parts.push(`${key}=${encodeURIComponent(String(item))}`);
  }
  return parts.length ? `?${parts.join('&')}` : '';
}

/** The checks of each operation: each returns null or the disagreement, and cleans up what it made. */
function checks(sim, pool, tamper = (answer) => answer) {
  /** Failed deletes of created Workspaces (a run must not leave them behind). */
  const leaks = [];
  /** Per operation: how many inputs the package accepted and refused, and the pairs seen. */
  const seen = {};
  const compare = (what, input, pkg, server) => {
    const row = (seen[what.split(' ')[0]] ??= { accepted: 0, refused: 0, pairs: new Set() });
    row[pkg.accepted ? 'accepted' : 'refused'] += 1;
    for (const pair of pkg.pairs) row.pairs.add(pair);
    return disagreement(what, input, pkg, tamper(server));
  };
  const id = (i) => pool[i % pool.length];
  return {
    leaks,
    seen,
    async create(input) {
      const answer = await sim.send('POST', workspaces(), JSON.stringify(input));
      if (answer.status === 200 && answer.json?.id) {
        const gone = await sim.send('DELETE', `${workspaces()}/${encodeURIComponent(answer.json.id)}`);
        if (gone.status !== 204) leaks.push(answer.json.id);
      }
      return compare('create', input, packageSays(validateCreateWorkspace(ORG, input)), simulatorSays(answer));
    },
    async update([i, input]) {
      const answer = await sim.send('POST', `${workspaces()}/${id(i)}`, JSON.stringify(input));
      return compare(`update of ${id(i)}`, input, packageSays(validateUpdateWorkspace(ORG, id(i), input)), simulatorSays(answer));
    },
    async list(input) {
      const answer = await sim.send('GET', workspaces() + listQuery(input));
      return compare('list', input, packageSays(validateListWorkspaces(ORG, input)), simulatorSays(answer));
    },
    async ids({ method, which, id: raw }) {
      // An existing Workspace is only read, never deleted; NOBODY has a valid shape and names nothing.
      const org = which === 'organizationId' ? raw : ORG;
      const ws = { workspaceId: raw, organizationId: NOBODY, existing: id(0) }[which];
      const verb = which === 'existing' ? 'GET' : method;
      const answer = await sim.send(verb, `${workspaces(org)}/${encodeURIComponent(ws)}`);
      return compare(`ids ${verb}`, { org, ws }, await packageOnIds(verb, org, ws), simulatorSays(answer, { shapeOnly: true }));
    },
  };
}

/** The package's answer for GET or DELETE: a ValidationError before sending, else it sends (a stub fetch answers 404). */
async function packageOnIds(method, org, ws) {
  const fetch = async () => new Response(JSON.stringify({ message: 'stub', requestId: 'r', statusCode: 404 }), { status: 404, headers: { 'content-type': 'application/json' } });
  const client = new AstroClient({ token: 'stub-token', baseUrl: 'https://api.example.test/v1', fetch, maxRetries: 0 });
  try {
    await (method === 'GET' ? client.getWorkspace(org, ws) : client.deleteWorkspace(org, ws));
    return { accepted: false, pairs: ['<resolved from a 404 stub>'], text: 'resolves' };
  } catch (err) {
    if (err instanceof ValidationError) return packageSays(err.fieldErrors);
    if (err instanceof NotFoundError) return { accepted: true, pairs: [], text: 'sends it' };
    throw err;
  }
}

/** The properties, one per operation, over the checks given; examples run first. */
function properties(check) {
  const failWith = async (what, input) => {
    const problem = await check[what](input);
    if (problem) throw new Error(problem);
  };
  return {
    create: fc.asyncProperty(body(false), (input) => failWith('create', input)),
    update: fc.asyncProperty(fc.nat(2), body(true), (i, input) => failWith('update', [i, input])),
    list: fc.asyncProperty(listParams, (input) => failWith('list', input)),
    ids: fc.asyncProperty(
      fc.record({ method: fc.constantFrom('GET', 'DELETE'), which: fc.constantFrom('workspaceId', 'workspaceId', 'organizationId', 'existing'), id: idText }),
      (input) => failWith('ids', input),
    ),
  };
}

/** Runs a property; a failure throws fast-check's report (seed, path, shrunk counterexample) with the disagreement. */
async function assertProperty(property, params) {
  const result = await fc.check(property, params);
  if (result.failed) throw new Error(reportOf(result));
}

/** fast-check's report of a failed run followed by the property's own message (both sides' pairs). */
const reportOf = (result) => `${fc.defaultReportMessage(result)}\n${result.errorInstance?.message ?? result.errorInstance}`;

const EXAMPLES = {
  create: [[{ name: '😀'.repeat(50) }], [{ name: '😀'.repeat(51) }], [{ name: '\ud800' }], [{ name: 'a', defaultCloudProvider: 'aws', defaultRegion: '' }],
    [{ name: null, description: null, defaultClusterId: '', defaultRegion: 'x' }], [{ name: 'a', cicdEnforcedDefault: 'true', description: DEEP }],
    [{ name: 'a', description: JSON.parse('{"__proto__": {"polluted": 1}}') }], [{ name: '\ud83d\ude00\ud800\ufffd' }]],
  update: [[0, { name: 'a', description: '', cicdEnforcedDefault: false }], [1, { name: 'a' }], [2, { name: 'a', description: '\udfff', cicdEnforcedDefault: null, defaultClusterId: 'k' }]],
  list: [[{ limit: 0 }], [{ limit: 1001, offset: -1 }], [{ limit: 1.5, sorts: ['name:asc', 'name'] }], [{ workspaceIds: ['', ORG], names: ['a&b=c+d', '😀'] }], [{ offset: 2 ** 53 }]],
  ids: [[{ method: 'GET', which: 'workspaceId', id: '..' }], [{ method: 'DELETE', which: 'workspaceId', id: '%2F' }],
    [{ method: 'GET', which: 'organizationId', id: OTHER_ORGANIZATION_ID }], [{ method: 'DELETE', which: 'existing', id: 'x' }]],
};

/** Pairs each operation's inputs must produce at least once (so no rule goes untested). */
const BODY_PAIRS = ['name:required', 'name:invalid_type', 'name:too_short', 'name:too_long', 'description:invalid_type',
  'cicdEnforcedDefault:invalid_type', 'defaultCloudProvider:invalid_type', 'defaultCloudProvider:invalid_value',
  'defaultCloudProvider:required', 'defaultRegion:invalid_type', 'defaultRegion:too_short', 'defaultRegion:required',
  'defaultClusterId:invalid_type', 'defaultClusterId:too_short', 'defaultClusterId:conflict'];
const EXPECTED_PAIRS = {
  create: BODY_PAIRS,
  update: [...BODY_PAIRS, 'description:required', 'cicdEnforcedDefault:required'],
  list: ['workspaceIds[0]:invalid_format', 'workspaceIds[2]:invalid_format', 'offset:invalid_type', 'offset:out_of_range',
    'limit:invalid_type', 'limit:out_of_range', 'sorts[0]:invalid_value', 'sorts[2]:invalid_value'],
  ids: ['workspaceId:invalid_format', 'organizationId:invalid_format'],
};

// ---------------------------------------------------------------- the tests

describe('the package and the simulator agree (property)', () => {
  let server;
  let sim;
  const pool = [];
  before(async () => {
    server = createSimulator({ staticDirs: {} });
    const { apiBaseUrl } = await server.listen(0, '127.0.0.1');
    sim = simulatorClient(apiBaseUrl);
    for (const name of ['agree-prop-1', 'agree-prop-2', 'agree-prop-3']) {
      const made = await sim.send('POST', workspaces(), JSON.stringify({ name }));
      assert.equal(made.status, 200, `creating the update pool: ${JSON.stringify(made.json)}`);
      pool.push(made.json.id);
    }
  });
  after(async () => {
    for (const id of pool) if (sim) await sim.send('DELETE', `${workspaces()}/${id}`);
    sim?.close();
    await server?.close();
  });

  test(`on ${TOTAL.toLocaleString('en')} generated inputs (create ${RUNS.create}, update ${RUNS.update}, list ${RUNS.list}, IDs ${RUNS.ids}; seed ${SEED})`, async (t) => {
    t.diagnostic(`fast-check seed ${SEED}; replay with AGREEMENT_SEED=${SEED}`);
    const check = checks(sim, pool);
    const props = properties(check);
    const before = sim.sent();
    for (const what of Object.keys(RUNS)) {
      await assertProperty(props[what], { numRuns: RUNS[what], seed: SEED, examples: EXAMPLES[what] });
    }
    assert.ok(sim.sent() - before >= TOTAL, `${sim.sent() - before} requests for ${TOTAL} inputs`);
    // The mix: each operation saw inputs accepted and refused, and every rule fired.
    for (const [what, row] of Object.entries(check.seen)) {
      t.diagnostic(`${what}: ${row.accepted} accepted, ${row.refused} refused; ${[...row.pairs].sort().join(' ')}`);
      assert.ok(Math.min(row.accepted, row.refused) >= RUNS[what] / 10, `${what}: ${row.accepted} accepted, ${row.refused} refused`);
    }
    for (const [what, pairs] of Object.entries(EXPECTED_PAIRS)) {
      assert.deepEqual(pairs.filter((p) => !check.seen[what].pairs.has(p)), [], `${what}: pairs never generated`);
    }
    assert.deepEqual(check.leaks, [], 'every Workspace the run created was deleted');
    const left = await sim.send('GET', `${workspaces()}?limit=0`);
    assert.equal(left.json.totalCount, pool.length, 'the run leaves only the update pool behind');
  });

  test('a made-up disagreement is flagged, with the input and both answers', () => {
    const refuses = { accepted: false, pairs: ['name:too_long'], text: 'refuses' };
    const accepts = { accepted: true, pairs: [], text: 'accepts (200)' };
    assert.equal(disagreement('create', {}, refuses, { ...refuses, pairs: ['name:too_long'] }), null);
    assert.equal(disagreement('list', {}, packageSays([{ field: 'b', code: 'x' }, { field: 'a', code: 'y' }]),
      simulatorSays({ status: 400, json: { fieldErrors: [{ field: 'a', code: 'y' }, { field: 'b', code: 'x' }] } })), null, 'order does not matter');
    const message = disagreement('create', { name: '\ud800' }, refuses, accepts);
    assert.match(message, /create \{"name":"\\ud800"\}/);
    assert.match(message, /package: {3}refuses \[name:too_long\]\n {2}simulator: accepts \(200\) \[\]/);
    assert.notEqual(disagreement('create', {}, refuses, { ...refuses, pairs: ['name:too_short'] }), null, 'same decision, other code');
    assert.notEqual(disagreement('create', {}, refuses, simulatorSays({ status: 400, json: { message: 'bad JSON' } })), null, 'a 400 without fieldErrors');
    assert.deepEqual(simulatorSays({ status: 404, json: {} }, { shapeOnly: true }).accepted, true);
    assert.deepEqual(simulatorSays({ status: 404, json: {} }).accepted, false);
    assert.equal(listQuery({ names: ['a b', '&'], limit: -0, offset: 1e15, sorts: null }), '?names=a%20b&names=%26&offset=1000000000000000&limit=0');
  });

  test('a simulator that forgot the 50-code-point limit fails the property, shrunk to a 51-code-point name', async () => {
    // The same checks against the real simulator, with its answer altered as a server that
    // accepts long names would give it.
    const forgetful = (answer) => {
      const pairs = answer.pairs.filter((p) => p !== 'name:too_long');
      return pairs.length === answer.pairs.length ? answer : { accepted: pairs.length === 0, pairs, text: pairs.length ? answer.text : 'accepts (200)' };
    };
    const check = checks(sim, pool, forgetful);
    const result = await fc.check(properties(check).create, { numRuns: 500, seed: SEED });
    assert.ok(result.failed, 'the altered simulator went unnoticed');
    const [input] = result.counterexample;
    assert.equal([...input.name].length, 51, `shrunk to ${JSON.stringify(input)}`);
    const report = reportOf(result);
    assert.match(report, /Counterexample/);
    assert.match(report, /package: {3}refuses \[(.+, )?name:too_long(, .+)?\]\n {2}simulator: (?!.*too_long)/);
    assert.match(report, new RegExp(`seed: ${SEED}`));
    assert.deepEqual(check.leaks, []);
  });
});
