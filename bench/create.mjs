// `npm run bench`: createWorkspace against a hand-written fetch + JSON.stringify/JSON.parse
// doing the same request, interleaved in one Node process against one local server; then
// the gzipped size of what a browser loads (.wasm and JS glue).
// Usage: node bench/create.mjs [--rounds 30] [--batch 200]
import http from 'node:http';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { performance } from 'node:perf_hooks';
import { createWorkspace } from 'astro-platform';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const rounds = arg('rounds', 30);
const batch = arg('batch', 200);

const workspace = JSON.stringify(JSON.parse(readFileSync(new URL('../tests/fixtures/workspace.json', import.meta.url), 'utf8')));
const server = http.createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(workspace) });
    res.end(workspace);
  });
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const baseUrl = `http://127.0.0.1:${server.address().port}/platform/v1beta1`;
const org = 'clm8t5u4q000008jq4qoc3036';
const token = 'bench-token';
const body = { name: 'My Workspace', description: 'benchmark', cicdEnforcedDefault: true };
const options = { token, baseUrl };

/** What a careful developer writes by hand for the same call. */
async function handWritten() {
  const res = await fetch(`${baseUrl}/organizations/${org}/workspaces`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  return res.json();
}

/** The same, with what the package also does: a timeout over headers and body, no redirects. */
async function handWrittenWithTimeout() {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 60_000);
  try {
    const res = await fetch(`${baseUrl}/organizations/${org}/workspaces`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(body),
      redirect: 'manual',
      signal: controller.signal,
    });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    return await res.json();
  } finally {
    clearTimeout(timer);
  }
}

const viaPackage = () => createWorkspace(org, body, options);

async function time(fn) {
  const start = performance.now();
  for (let i = 0; i < batch; i++) await fn();
  return (performance.now() - start) / batch;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const contenders = { handWritten, handWrittenWithTimeout, createWorkspace: viaPackage };
const names = Object.keys(contenders);
const times = Object.fromEntries(names.map((n) => [n, []]));
// Warm up every path (JIT, connection pool), then alternate the order round by round.
for (const n of names) await time(contenders[n]);
for (let r = 0; r < rounds; r++) {
  for (const n of r % 2 ? names : [...names].reverse()) times[n].push(await time(contenders[n]));
}
server.close();

const us = (ms) => `${(ms * 1000).toFixed(1)} µs`;
const ratio = (a, b) => median(times[a].map((t, i) => t / times[b][i])).toFixed(3);
console.log(`${rounds} interleaved rounds of ${batch} sequential calls, one Node ${process.versions.node} process, server on 127.0.0.1`);
for (const n of names) console.log(`  ${n.padEnd(24)} median ${us(median(times[n]))} per call`);
console.log(`  createWorkspace / handWritten:            ${ratio('createWorkspace', 'handWritten')}x (median of per-round ratios)`);
console.log(`  createWorkspace / handWrittenWithTimeout: ${ratio('createWorkspace', 'handWrittenWithTimeout')}x`);

const gz = (path) => gzipSync(readFileSync(new URL(path, import.meta.url)), { level: 9 }).length;
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const wasm = gz('../pkg/web/astro_platform_bg.wasm');
const glue = gz('../pkg/web/astro_platform.js') + gz('../pkg/index.js') + gz('../js/errors.js');
console.log(`gzipped (level 9), browser build: .wasm ${kb(wasm)} + JS glue ${kb(glue)} = ${kb(wasm + glue)}`);
