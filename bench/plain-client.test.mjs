// The plain-JS client of the benchmark does what the package does: the same field errors for
// the same inputs, the same requests, the same results and the same errors for the same
// responses. Run: node --test bench/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as pkg from 'astro-platform';
import * as plain from './plain-client.mjs';

const org = 'clm8t5u4q000008jq4qoc3036';
const ws = 'clm8t5u4q000008jq4qoc3037';
const label = (v) => { try { return JSON.stringify(v); } catch { return typeof v; } };
const deep = (n) => (n === 0 ? 'x' : { a: deep(n - 1) });
const bodies = [
  { name: 'My Workspace' }, { name: 'My Workspace', description: 'd', cicdEnforcedDefault: true },
  { name: '' }, { name: 'é'.repeat(50) }, { name: '😀'.repeat(50) }, { name: '😀'.repeat(51) }, { name: 'x'.repeat(100_000) },
  { name: 'a\uD800b' }, { name: 5 }, { name: null }, { name: undefined, description: 3 }, { name: deep(30) },
  { name: 'x', cicdEnforced: true }, { name: 'x', cicdEnforcedDefault: 'yes' }, { name: 'x', __proto__: { y: 1 } },
  { name: 'x', defaultCloudProvider: 'AWS', defaultRegion: 'us-east-1' }, { name: 'x', defaultCloudProvider: 'aws' },
  { name: 'x', defaultRegion: '' }, { name: 'x', defaultClusterId: 'k', defaultCloudProvider: 'GCP' },
  { name: 'x', defaultClusterId: '' }, { name: 'x', defaultClusterId: 7, defaultRegion: null },
  { name: 'x', description: null, cicdEnforcedDefault: null }, null, undefined, [], 'x', 5, () => 1, Symbol('s'), 10n,
  { name: 'x', description: 'd', cicdEnforcedDefault: false, defaultClusterId: 'c' }, new Date(0),
];
const orgs = [org, 'clm8t5u4q000008jq4qoc303', 'Clm8t5u4q000008jq4qoc3036', '../x', 5, null, undefined, {}, 'c'.padEnd(25, 'é')];
const lists = [
  undefined, {}, { limit: 100 }, { limit: 0 }, { limit: 1001 }, { limit: -1 }, { limit: 1.5 }, { limit: '5' },
  { offset: 2 ** 53 }, { offset: 3 }, { names: ['a', 1, 'b', null] }, { names: 'a' }, { names: new Array(10_001).fill('a') },
  { workspaceIds: [ws, 'bad', 3, 'alsobad'] }, { sorts: ['name:asc', 'name', 4] }, { sort: ['name:asc'] }, [], 'x',
];

test('the validators report the same problems', () => {
  for (const o of orgs) {
    for (const b of bodies) {
      assert.deepEqual(plain.validateCreateWorkspace(o, b), pkg.validateCreateWorkspace(o, b), `${String(o)} ${label(b)}`);
      assert.deepEqual(plain.validateUpdateWorkspace(o, ws, b), pkg.validateUpdateWorkspace(o, ws, b));
    }
    for (const l of lists) assert.deepEqual(plain.validateListWorkspaces(o, l), pkg.validateListWorkspaces(o, l), JSON.stringify(l));
  }
});

const fields = (e) => ({ class: e.constructor.name, name: e.name, message: e.message, own: JSON.parse(JSON.stringify(e)) });
async function outcome(promise) {
  try {
    return { value: await promise };
  } catch (e) {
    return { error: fields(e), cause: e.cause === undefined ? undefined : String(e.cause) };
  }
}
const badOptions = [
  {}, { token: '' }, { token: 'a b' }, { token: 5, baseUrl: 'http://example.com' }, { token: 't', baseUrl: 'ftp://x' },
  { token: 't', baseUrl: 'https://u:p@x.io' }, { token: 't', baseUrl: 'https://x.io/?q' }, { token: 't', baseUrl: 'https://x.io:99999' },
  { token: 't', baseUrl: 'http://127.0.0.300' }, { token: 't', baseUrl: 'http://[::1]:8/v1/' }, { token: 't', apiVersion: '1' },
  { token: 't', apiVersion: '1.0', baseUrl: 'https://x.io/platform/v1beta1' }, { token: 't', timeoutMs: 0, maxRetries: 11 },
  { token: 't', headers: { Accept: 'x', 'a b': 'c', ok: '\n', n: null } }, { token: 't', headers: [] }, { token: 't', fetch: 1, logger: 'x' },
  { token: 't', signal: {} }, { token: 't', timeout: 5 }, null, 'x',
];

test('client options get the same problems', () => {
  for (const o of badOptions) {
    const a = (() => { try { return new plain.PlainClient(o) && 'made'; } catch (e) { return fields(e); } })();
    const b = (() => { try { return new pkg.AstroClient(o) && 'made'; } catch (e) { return fields(e); } })();
    assert.deepEqual(a, b, JSON.stringify(o));
  }
});

/** Records the requests a client sends and answers each with the next scripted response. */
function scripted(responses) {
  const seen = [];
  let i = 0;
  const fetch = async (url, init) => {
    seen.push({ url, method: init.method, headers: init.headers, body: init.body, redirect: init.redirect });
    const r = responses[Math.min(i++, responses.length - 1)];
    if (r instanceof Error) throw r;
    return new Response(r.body, { status: r.status, headers: r.headers });
  };
  return { fetch, seen };
}

const good = { id: ws, name: 'n', organizationId: org, cicdEnforcedDefault: false, createdAt: '2024-01-01T00:00:00.123Z', updatedAt: '2024-01-01t00:00:00+01:00' };
const workspaceBodies = [
  JSON.stringify(good), JSON.stringify({ ...good, description: null, extra: { a: [1, { b: null }] }, createdBy: { id: 'u', username: null, x: 1 } }),
  JSON.stringify(good).replace('{', '{"__proto__":{"polluted":1},"x":{"constructor":1,"prototype":[{"__proto__":2}]},'),
  JSON.stringify({ ...good, id: 1 }), JSON.stringify({ ...good, createdAt: '2023-02-29T00:00:00Z' }), JSON.stringify({ ...good, name: undefined }),
  JSON.stringify({ ...good, createdBy: { username: 'u' } }), JSON.stringify({ ...good, updatedBy: 'x' }), '[]', 'null', '{"id":', '',
];
const failures = [
  { status: 404, body: '{"message":"gone","requestId":"r1","statusCode":404}' },
  { status: 400, body: JSON.stringify({ message: 'bad', fieldErrors: [{ field: 'name', code: 'too_long', message: 'm' }, { code: 'x' }] }) },
  { status: 502, body: '<html>proxy</html>', headers: { 'x-request-id': 'h1' } },
  { status: 429, body: '', headers: { 'retry-after': '120' } }, { status: 302, body: '', headers: { location: 'https://elsewhere/' } },
  { status: 418, body: 'x'.repeat(3000) }, { status: 401, body: '{"message":"bad token secret-token"}' },
];

test('requests, results and errors are the same', async () => {
  const options = { token: 'secret-token', baseUrl: 'https://x.io/v1/', headers: { 'x-astro-client-identifier': 'b' }, maxRetries: 0 };
  const both = async (call, responses, extra = {}) => {
    const a = scripted(responses);
    const b = scripted(responses);
    const ra = await outcome(call(new plain.PlainClient({ ...options, ...extra, fetch: a.fetch })));
    const rb = await outcome(call(new pkg.AstroClient({ ...options, ...extra, fetch: b.fetch })));
    assert.deepEqual(ra, rb);
    assert.deepEqual(a.seen, b.seen);
    return ra;
  };
  for (const body of workspaceBodies) {
    await both((c) => c.createWorkspace(org, { name: 'x', defaultCloudProvider: 'GCP', defaultRegion: 'r' }), [{ status: 200, body }]);
    await both((c) => c.getWorkspace(org, ws, { headers: { 'x-astro-client-identifier': 'c' } }), [{ status: 200, body }]);
  }
  const page = (workspaces, rest = {}) => JSON.stringify({ workspaces, totalCount: 9, offset: 0, limit: 2, ...rest });
  for (const body of [page([good, good]), page([good, { ...good, cicdEnforcedDefault: 1 }]), page([], { totalCount: -1 }), page([], { more: { __proto__: null, prototype: 1 } })]) {
    await both((c) => c.listWorkspaces(org, { names: ['a b/é'], limit: 2, sorts: ['name:asc'] }), [{ status: 200, body }]);
  }
  for (const f of failures) {
    await both((c) => c.updateWorkspace(org, ws, { name: 'n', description: '', cicdEnforcedDefault: true }), [f]);
    await both((c) => c.deleteWorkspace(org, ws), [f]);
  }
  await both((c) => c.createWorkspace(org, { name: 'x', defaultClusterId: 'k' }), [{ status: 200, body: '{}' }], { baseUrl: 'https://x.io/platform/v1beta1' });
  await both((c) => c.getWorkspace(org, ws), [new TypeError('fetch failed', { cause: new Error('ECONNREFUSED') })]);
});

test('retries follow the same policy', async () => {
  const options = { token: 't0k', baseUrl: 'https://x.io/v1', maxRetries: 2 };
  const quick = { 'retry-after-ms': '1' };
  const cases = [
    ['create', [{ status: 503, body: '', headers: quick }, { status: 200, body: JSON.stringify(good) }]],
    ['create', [{ status: 429, body: '', headers: quick }, { status: 200, body: JSON.stringify(good) }]],
    ['get', [{ status: 503, body: '', headers: quick }, { status: 408, body: '', headers: quick }, { status: 200, body: JSON.stringify(good) }]],
    ['get', [{ status: 500, body: '', headers: quick }]],
    ['get', [{ status: 409, body: '', headers: quick }]],
    ['delete', [new TypeError('fetch failed'), { status: 404, body: '' }]],
    ['delete', [{ status: 404, body: '' }]],
  ];
  for (const [op, responses] of cases) {
    const call = (c) => (op === 'create' ? c.createWorkspace(org, { name: 'x' }) : op === 'get' ? c.getWorkspace(org, ws) : c.deleteWorkspace(org, ws));
    const a = scripted(responses);
    const b = scripted(responses);
    const logs = [[], []];
    const ra = await outcome(call(new plain.PlainClient({ ...options, fetch: a.fetch, logger: (e) => logs[0].push({ ...e, durationMs: 0 }) })));
    const rb = await outcome(call(new pkg.AstroClient({ ...options, fetch: b.fetch, logger: (e) => logs[1].push({ ...e, durationMs: 0 }) })));
    assert.deepEqual(ra, rb, op);
    assert.equal(a.seen.length, b.seen.length, op);
    assert.deepEqual(logs[0], logs[1]);
  }
});

test('timeouts and aborts end the same way', async () => {
  const hang = (url, init) => new Promise((_, reject) => init.signal.addEventListener('abort', () => reject(init.signal.reason)));
  const deaf = () => new Promise(() => {});
  for (const fetch of [hang, deaf]) {
    const options = { token: 't', baseUrl: 'https://x.io/v1', timeoutMs: 20, maxRetries: 0, fetch };
    const ra = await outcome(new plain.PlainClient(options).getWorkspace(org, ws));
    const rb = await outcome(new pkg.AstroClient(options).getWorkspace(org, ws));
    assert.deepEqual(ra, rb);
    const signal = () => AbortSignal.timeout(10);
    const sa = await outcome(new plain.PlainClient({ ...options, timeoutMs: 5000 }).getWorkspace(org, ws, { signal: signal() }));
    const sb = await outcome(new pkg.AstroClient({ ...options, timeoutMs: 5000 }).getWorkspace(org, ws, { signal: signal() }));
    assert.deepEqual(sa, sb);
  }
});

test('iteration and the standalone create agree', async () => {
  const pages = [
    { status: 200, body: JSON.stringify({ workspaces: [good, good], totalCount: 3, offset: 0, limit: 2 }) },
    { status: 200, body: JSON.stringify({ workspaces: [good], totalCount: 3, offset: 2, limit: 2 }) },
  ];
  const a = scripted(pages);
  const b = scripted(pages);
  const got = [[], []];
  for await (const w of new plain.PlainClient({ token: 't', fetch: a.fetch }).iterateWorkspaces(org, { pageSize: 2, sorts: ['name:asc'] })) got[0].push(w);
  for await (const w of new pkg.AstroClient({ token: 't', fetch: b.fetch }).iterateWorkspaces(org, { pageSize: 2, sorts: ['name:asc'] })) got[1].push(w);
  assert.deepEqual(got[0], got[1]);
  assert.deepEqual(a.seen, b.seen);
  for (const opts of [{ token: 't' }, { token: 't', signal: 'no' }, { token: 't', baseUrl: 'https://x.io/platform/v1beta1' }]) {
    const s = [scripted([{ status: 200, body: JSON.stringify(good) }]), scripted([{ status: 200, body: JSON.stringify(good) }])];
    const body = { name: 'x', defaultCloudProvider: 'AWS', defaultRegion: 'r' };
    const ra = await outcome(plain.createWorkspace(org, body, { ...opts, fetch: s[0].fetch }));
    const rb = await outcome(pkg.createWorkspace(org, body, { ...opts, fetch: s[1].fetch }));
    assert.deepEqual(ra, rb, JSON.stringify(opts));
    assert.deepEqual(s[0].seen, s[1].seen);
  }
});
