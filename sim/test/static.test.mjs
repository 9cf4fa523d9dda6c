/** Static files: www/ at `/`, pkg/ at `/pkg`, the right content types, no-store, and no way out of a root. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { before, after, describe, test } from 'node:test';
import { assertErrorBody, rawRequest, startSim, tempDir } from './helpers.mjs';

const T = { timeout: 10_000 };
const WASM = Buffer.from([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);
const SECRET = 'top-secret-outside-the-roots';

/** Writes the fixture tree: root/www, root/pkg, and a secret file beside them. */
function makeTree(root) {
  const write = (rel, data) => {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), data);
  };
  write('www/index.html', '<!doctype html><title>demo</title>');
  write('www/app.mjs', 'export const x = 1;');
  write('www/style.css', 'body{}');
  write('www/sub/index.html', 'sub index');
  write('www/.hidden', 'hidden');
  write('pkg/astro_platform.js', 'export default 1;');
  write('pkg/astro_platform_bg.wasm', WASM);
  write('pkg/astro_platform.d.ts', 'export {};');
  write('pkg/package.json', '{"name":"astro-platform"}');
  write('secret.txt', SECRET);
  fs.symlinkSync(path.join(root, 'secret.txt'), path.join(root, 'www/link.txt'));
}

describe('static files (default mounts under a given root)', T, () => {
  let s;
  let root;
  before(async () => {
    root = tempDir(null);
    makeTree(root);
    s = await startSim(null, { root, staticDirs: undefined });
  });
  after(async () => {
    await s.sim.close();
    fs.rmSync(root, { recursive: true, force: true });
  });

  const get = (rawPath, method = 'GET') => rawRequest(s.url, method, rawPath);

  const served = [
    ['/', 'text/html; charset=utf-8', '<!doctype html><title>demo</title>'],
    ['/index.html', 'text/html; charset=utf-8', '<!doctype html><title>demo</title>'],
    ['/app.mjs', 'text/javascript; charset=utf-8', 'export const x = 1;'],
    ['/style.css', 'text/css; charset=utf-8', 'body{}'],
    ['/sub/', 'text/html; charset=utf-8', 'sub index'],
    ['/pkg/astro_platform.js', 'text/javascript; charset=utf-8', 'export default 1;'],
    ['/pkg/astro_platform.d.ts', 'text/plain; charset=utf-8', 'export {};'],
    ['/pkg/package.json', 'application/json; charset=utf-8', '{"name":"astro-platform"}'],
    ['/pkg/astro_%70latform.js', 'text/javascript; charset=utf-8', 'export default 1;'],
  ];
  for (const [p, type, body] of served) {
    test(`GET ${p} -> 200 ${type}`, async () => {
      const res = await get(p);
      assert.equal(res.status, 200);
      assert.equal(res.headers['content-type'], type);
      assert.equal(res.headers['cache-control'], 'no-store');
      assert.ok(res.headers['x-request-id']);
      assert.equal(res.body.toString(), body);
    });
  }

  test('the .wasm file is application/wasm and byte-exact, so WebAssembly.instantiateStreaming accepts it', async () => {
    const res = await fetch(`${s.url}/pkg/astro_platform_bg.wasm`, { signal: AbortSignal.timeout(5000) });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'application/wasm');
    const { instance } = await WebAssembly.instantiateStreaming(res);
    assert.ok(instance instanceof WebAssembly.Instance);
  });

  test('HEAD gives headers without a body', async () => {
    const res = await get('/app.mjs', 'HEAD');
    assert.equal(res.status, 200);
    assert.equal(res.headers['content-length'], '19');
    assert.equal(res.body.length, 0);
  });

  test('other methods are 405', async () => {
    const res = await get('/index.html', 'POST');
    assert.equal(res.status, 405);
    assert.equal(res.headers.allow, 'GET, HEAD');
  });

  const refused = [
    '/pkg/../../etc/passwd', '/pkg/%2e%2e/%2e%2e/etc/passwd', '/pkg/%2E%2E%2F%2E%2E%2Fsecret.txt', '/../secret.txt',
    '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/..%5csecret.txt', '/pkg/..%5c..%5csecret.txt', '/%2e%2e%2fsecret.txt',
    '/link.txt', '/.hidden', '/pkg/%00', '/%E0%A4%A', '/missing.js', '/pkg/missing.wasm', '/sub/missing', '/pkg',
  ];
  for (const p of refused) {
    test(`GET ${p} -> 404 without leaking anything`, async () => {
      const res = await get(p);
      assert.equal(res.status, 404);
      assert.match(res.headers['content-type'], /^application\/json/);
      const text = res.body.toString();
      assert.equal(text.includes(SECRET), false);
      assert.equal(text.includes('root:'), false);
      assert.equal(JSON.parse(text).statusCode, 404);
    });
  }
});

test('missing static directories just give 404 with the Error body', T, async (t) => {
  const root = tempDir(t);
  const s = await startSim(t, { root, staticDirs: undefined });
  assertErrorBody(assert, await s.call('GET', '//'), 404);
  assertErrorBody(assert, await s.call('GET', '//pkg/astro_platform.js'), 404);
});

test('staticDirs maps any prefix to any directory; the API path still wins', T, async (t) => {
  const root = tempDir(t);
  makeTree(root);
  const s = await startSim(t, { root, staticDirs: { '/assets': 'pkg', '/': 'www' } });
  const res = await s.call('GET', '//assets/package.json');
  assert.equal(res.status, 200);
  assert.equal(res.json.name, 'astro-platform');
  assert.equal((await s.call('GET', '//pkg/package.json')).status, 404);
  assert.equal((await s.call('GET', s.workspaces())).status, 200);
});
