// How the Node entry loads its WASM module: it compiles in the background from the moment of
// `import`/`require`, and the first call that needs it instantiates it (compiling it there and
// then when the background compile has not finished). Each case runs in a fresh Node process,
// so the module's state is the one a new program sees.
//
//   node --test tests/node/load.test.mjs

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const ORG = 'cln0w8k2a000108l5e2xy7fgh';

/** Runs `code` as an ES module in a fresh Node process in the repository; returns what it printed. */
function fresh(code, type = 'module') {
  return execFileSync(process.execPath, [`--input-type=${type}`, '-e', code], { cwd: root, encoding: 'utf8', timeout: 30_000 });
}

const CALLS = `
  const out = {
    valid: p.validateCreateWorkspace('${ORG}', { name: 'n' }),
    invalid: p.validateCreateWorkspace('${ORG}', { name: 7 }).map((e) => [e.field, e.code]),
    list: p.validateListWorkspaces('${ORG}', { limit: 1001 }).map((e) => [e.field, e.code]),
    client: typeof new p.AstroClient({ token: 't' }).listWorkspaces,
  };
  try {
    await p.createWorkspace('${ORG}', { name: 'n' }, { token: 't', baseUrl: 'ftp://example.com' });
  } catch (err) {
    out.create = [err.constructor.name, err.errors?.map((e) => e.field)];
  }
  process.stdout.write(JSON.stringify(out));`;

const EXPECTED = {
  valid: [],
  invalid: [['name', 'invalid_type']],
  list: [['limit', 'out_of_range']],
  client: 'function',
};

test('calls made at once after import work (the module is compiled on the spot)', () => {
  const out = JSON.parse(fresh(`const p = await import('astro-platform');${CALLS}`));
  assert.deepEqual({ ...out, create: undefined }, { ...EXPECTED, create: undefined });
  assert.equal(out.create[0], 'ValidationError');
});

test('calls made after the background compile has settled give the same answers', () => {
  const wait = 'await new Promise((r) => setTimeout(r, 300));';
  const now = JSON.parse(fresh(`const p = await import('astro-platform');${CALLS}`));
  const later = JSON.parse(fresh(`const p = await import('astro-platform');${wait}${CALLS}`));
  assert.deepEqual(later, now);
});

test('the first call may be new AstroClient(), from require as from import', () => {
  const cjs = fresh("const p = require('astro-platform'); const c = new p.AstroClient({ token: 't' }); process.stdout.write(String(c instanceof p.AstroClient));", 'commonjs');
  assert.equal(cjs, 'true');
  const esm = fresh("const p = await import('astro-platform'); const c = new p.AstroClient({ token: 't' }); process.stdout.write(String(c instanceof p.AstroClient));");
  assert.equal(esm, 'true');
});

test('a program that only imports the package exits at once (the background compile holds nothing open)', () => {
  const started = Date.now();
  fresh("await import('astro-platform');");
  // Generous: a process that waited on something would hang until the 30 s timeout.
  assert.ok(Date.now() - started < 10_000);
});
