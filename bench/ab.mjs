// An A/B of two builds of the package in one process: each build's `node.cjs` is loaded side
// by side (each reads the `.wasm` beside it), and the same calls are timed on both, the builds
// alternating round by round with the order swapped each round. The global `fetch` answers from
// memory (no socket, no server), so what differs is the package's own CPU per call.
// Usage: node bench/ab.mjs <pkg dir A> [pkg dir B = pkg/] [--rounds 30]
//   (a pkg dir is what scripts/build.mjs makes; copy one aside before rebuilding)
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { wholeArg, positional } from './args.mjs';
import { CREATE_BODY, ORG, TOKEN, memoryFetch } from './bodies.mjs';
import { num } from './report.mjs';
import { ratios, spread } from './stats.mjs';

const argv = process.argv.slice(2);
const rounds = wholeArg(argv, 'rounds', 30);
const [dirA, dirB] = positional(argv);
if (!dirA) throw new Error('usage: node bench/ab.mjs <pkg dir A> [pkg dir B] [--rounds 30]');
const dirs = [dirA, dirB ?? fileURLToPath(new URL('../pkg', import.meta.url))].map((d) => resolve(d));

const require = createRequire(import.meta.url);
const builds = dirs.map((dir) => require(resolve(dir, 'node.cjs')));
globalThis.fetch = memoryFetch;

const options = { token: TOKEN, baseUrl: 'http://127.0.0.1:9/v1' };
const clients = builds.map((b) => new b.AstroClient(options));
const longName = { name: 'x'.repeat(100_000) };

/** name -> [make one call with (build, client), calls per round]. */
const WORKLOADS = {
  'validateCreateWorkspace, normal body': [(b) => b.validateCreateWorkspace(ORG, CREATE_BODY), 20_000],
  'validateCreateWorkspace, 100,000-character name': [(b) => b.validateCreateWorkspace(ORG, longName), 200],
  'create (client)': [(b, c) => c.createWorkspace(ORG, CREATE_BODY), 1_000],
  'create (standalone)': [(b) => b.createWorkspace(ORG, CREATE_BODY, options), 1_000],
  'list 100 (client)': [(b, c) => c.listWorkspaces(ORG, { limit: 100 }), 200],
};

/** µs per call of `calls` calls of `once` on build `i`. */
async function timed(once, calls, i) {
  const start = performance.now();
  for (let n = 0; n < calls; n++) await once(builds[i], clients[i]);
  return ((performance.now() - start) / calls) * 1000;
}

console.log(`A ${dirs[0]}\nB ${dirs[1]}\n${rounds} rounds per workload, builds alternating; medians [p10-p90]`);
for (const [name, [once, calls]] of Object.entries(WORKLOADS)) {
  const times = [[], []];
  for (const i of [0, 1]) await timed(once, Math.ceil(calls / 10), i);
  for (let r = 0; r < rounds; r++) {
    for (const i of r % 2 === 0 ? [0, 1] : [1, 0]) times[i].push(await timed(once, calls, i));
  }
  const [a, b] = times.map(spread);
  const r = spread(ratios(times[1], times[0]));
  console.log(`  ${name.padEnd(48)} A ${num(a.median)} µs  B ${num(b.median)} µs  B/A ${r.median.toFixed(3)}x [${r.p10.toFixed(3)}-${r.p90.toFixed(3)}]`);
}
