// An A/B of the success-body check of two builds in one process: `Plan.settle` of the
// list-100 page (bench/bodies.mjs) on each build's WASM module, interleaved round by round
// with the order swapped each round. The body's copy into WASM and the call are the same in
// both builds, so what differs is the check; a delete's settle of the same body (no check)
// shows what the copy and the call cost.
// Usage: node bench/check-ab.mjs <pkg dir A> [pkg dir B = pkg/] [--rounds 40] [--calls 200]
//   (a pkg dir is what scripts/build.mjs makes; copy one aside before rebuilding)
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { positional, wholeArg } from './args.mjs';
import { PAGE_JSON, ORG, TOKEN, LIST_LIMIT } from './bodies.mjs';
import { ratios, spread } from './stats.mjs';

const argv = process.argv.slice(2);
const rounds = wholeArg(argv, 'rounds', 40);
const calls = wholeArg(argv, 'calls', 200);
const [dirA, dirB] = positional(argv);
if (!dirA) throw new Error('usage: node bench/check-ab.mjs <pkg dir A> [pkg dir B]');
const dirs = [dirA, dirB ?? fileURLToPath(new URL('../pkg', import.meta.url))].map((d) => resolve(d));

const PARSE = -1;
const DELETED = -3;
const body = new TextEncoder().encode(PAGE_JSON);

/** Returns a function that makes `n` calls of `once` and returns the µs per call. */
const timed = (once) => (n) => {
  const t0 = performance.now();
  for (let i = 0; i < n; i++) once();
  return ((performance.now() - t0) / n) * 1000;
};

/** Loads one build's module; returns timers of a list's settle and of a delete's. */
async function load(dir) {
  // The glue is an ES module: a copy outside this package needs its own `type`.
  writeFileSync(join(dir, 'web/package.json'), '{"type":"module"}\n');
  const glue = await import(pathToFileURL(join(dir, 'web/astro_platform.js')).href);
  glue.initSync({ module: readFileSync(join(dir, 'web/astro_platform_bg.wasm')) });
  const client = new glue.Client({ token: TOKEN });
  const list = client.list(ORG, { limit: LIST_LIMIT });
  const remove = client.delete(ORG, 'clm8t5u4q000008jq4qoc3037');
  const settle = (plan) => () => plan.settle(200, body, undefined, undefined, undefined, undefined, 0, 0.5);
  assert.equal(settle(list)(), PARSE, `${dir}: the page is clean`);
  assert.equal(settle(remove)(), DELETED);
  return { check: timed(settle(list)), copy: timed(settle(remove)) };
}

const [a, b] = [await load(dirs[0]), await load(dirs[1])];
const runs = [a.check, b.check, timed(() => JSON.parse(PAGE_JSON)), b.copy];
const times = runs.map(() => []);
for (let r = -2; r < rounds; r++) {
  const order = r % 2 === 0 ? [0, 1, 2, 3] : [1, 0, 2, 3];
  const got = [];
  for (const k of order) got[k] = runs[k](calls);
  if (r >= 0) got.forEach((t, k) => times[k].push(t));
}
const f = (x) => x.toFixed(x < 10 ? 2 : 1);
const show = ({ median, p10, p90 }, unit) => `${f(median)}${unit}  [${f(p10)}-${f(p90)}]`;
console.log(`Plan.settle of the list-100 page (${body.length} B), ${rounds} rounds x ${calls} calls, medians [p10-p90]`);
console.log(`  A ${dirs[0]}: ${show(spread(times[0]), ' µs')}`);
console.log(`  B ${dirs[1]}: ${show(spread(times[1]), ' µs')}`);
console.log(`  B / A per round: ${show(spread(ratios(times[1], times[0])), 'x')}`);
console.log(`  A - B per round: ${show(spread(times[0].map((x, i) => x - times[1][i])), ' µs')}`);
console.log(`  for scale: JSON.parse of the same text ${show(spread(times[2]), ' µs')}; B's settle of a delete (the copy and the call, no check) ${show(spread(times[3]), ' µs')}`);
