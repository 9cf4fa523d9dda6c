// `npm run bench`: every figure of issue 8's targets in one run, against what pkg/ holds now,
// through the package's public API only.
//   create and list 100: bare fetch, hand-written same safety, a plain-JS client with the same
//     features, and the package, interleaved round by round in this process; the server in its own;
//   CPU only: sameSafety, plainClient and the package again, the global fetch answering from
//     memory, so each one's own CPU per call shows without the network's noise (no target);
//   sizes: what a browser app loads for all five operations, raw and gzip -9;
//   cold import in fresh Node processes, ESM and CommonJS;
//   validateCreateWorkspace: a normal body, a 100,000-character name, a deep object as name.
// Usage: node bench/run.mjs [--rounds 30] [--batch 200] [--list-batch 60] [--slices 10]
//   [--import-runs 20] [--quick]   (--quick: a smoke test with few rounds; its figures mean little)
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import os from 'node:os';
import { startServer } from './server.mjs';
import { contenders } from './contenders.mjs';
import { interleave } from './rounds.mjs';
import { sizes } from './sizes.mjs';
import { coldImports } from './cold-import.mjs';
import { validators } from './validators.mjs';
import { ratios, spread } from './stats.mjs';
import { PAGE_JSON, WORKSPACE_JSON, LIST_LIMIT, memoryFetch } from './bodies.mjs';
import { wholeArg } from './args.mjs';
import { TARGETS, bytes, figure, kb, num, summary, verdict, workloadTable } from './report.mjs';

const argv = process.argv.slice(2);
const quick = argv.includes('--quick');
const arg = (name, full, smoke) => wholeArg(argv, name, quick ? smoke : full, 100_000);
const rounds = arg('rounds', 30, 3);
const batch = arg('batch', 200, 20);
const listBatch = arg('list-batch', 60, 6);
const slices = arg('slices', 10, 2);
const importRuns = arg('import-runs', 20, 3);
const warmup = quick ? 1 : 2;
const validatorRounds = quick ? 3 : 15;
const validatorCalls = quick ? { normal: 1000, name100k: 10, deep30: 100 } : { normal: 10_000, name100k: 200, deep30: 2000 };

const print = (line = '') => process.stdout.write(`${line}\n`);
// Progress goes to a terminal only, so redirected output holds the figures alone.
const progress = (s) => (process.stderr.isTTY ? process.stderr.write(s) : undefined);
const started = Date.now();

if (!existsSync(new URL('../pkg/index.js', import.meta.url))) {
  console.error('pkg/ is missing (or being rebuilt): build it with `npm run build`, then run the benchmark again');
  process.exit(1);
}

function header() {
  let commit = 'unknown';
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    // Not a git checkout: the commit stays unknown.
  }
  const built = statSync(new URL('../pkg/index.js', import.meta.url)).mtime.toISOString().slice(0, 16).replace('T', ' ');
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  print(`npm run bench${quick ? ' --quick (smoke test: too few rounds for real figures)' : ''}`);
  print(`  ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, Node ${process.versions.node}, ${os.platform()} ${os.arch()}, ${os.availableParallelism()} CPUs (${cpu}), load ${os.loadavg()[0].toFixed(1)}`);
  print(`  pkg/ built ${built} UTC, HEAD ${commit}`);
  print('  server: its own Node process on 127.0.0.1, keep-alive; contenders in this process, interleaved');
  print('  in slices of each round, order rotated each slice, after warm-up; ratios are medians of per-round ratios');
  print();
}

/** Runs one workload after checking every contender returns what the package returns. */
async function workload(title, fns, callsPerBatch, safetyTarget) {
  const expected = await fns.package();
  for (const [name, fn] of Object.entries(fns)) assert.deepStrictEqual(await fn(), expected, `${name} returns what the package returns`);
  print(`${title}; ${rounds} rounds x ${callsPerBatch} calls per contender, in ${slices} slices`);
  progress(`${title.split(':')[0]}: `);
  const times = await interleave(fns, { rounds, batch: callsPerBatch, slices, warmup, onRound: () => progress('.') });
  progress('\n');
  const out = workloadTable(print, times, safetyTarget);
  print();
  return { times, ratios: out };
}

header();
const server = await startServer();
let create;
let list;
try {
  const fns = await contenders(server.origin);
  create = await workload(`create: POST, the seed Workspace back (${bytes(WORKSPACE_JSON.length)})`, fns.create, batch, TARGETS.createVsSafety);
  list = await workload(`list 100: GET, a page of ${LIST_LIMIT} v1 Workspaces (${bytes(PAGE_JSON.length)})`, fns.list, listBatch, TARGETS.listVsSafety);
  const perWs = spread(list.times.package.map((t, i) => ((t - list.times.bare[i]) / LIST_LIMIT) * 1000));
  print(`  list: the package's cost over bare per Workspace: ${perWs.median.toFixed(1)} µs  [${perWs.p10.toFixed(1)}-${perWs.p90.toFixed(1)}]`);
  print();
  const stats = await server.stats();
  if (stats.unexpected.length > 0) throw new Error(`the server got requests it does not serve: ${stats.unexpected.join(', ')}`);
} finally {
  await server.close();
}

// The same contenders with the global `fetch` answering from memory: no socket, no server, so
// what is left is each contender's own CPU per call, with far less noise than the rows above.
// (No target: it shows what the package itself costs, which the network rows bury in noise.)
{
  const realFetch = globalThis.fetch;
  globalThis.fetch = memoryFetch;
  try {
    const fns = await contenders('http://127.0.0.1:9');
    const cpuRow = async (title, workloadFns, calls) => {
      const picked = { sameSafety: workloadFns.sameSafety, plainClient: workloadFns.plainClient, package: workloadFns.package };
      progress(`${title}: `);
      const times = await interleave(picked, { rounds, batch: calls, slices, warmup, onRound: () => progress('.') });
      progress('\n');
      const us = (name) => spread(times[name].map((t) => t * 1000));
      const over = spread(times.package.map((t, i) => (t - times.sameSafety[i]) * 1000));
      const r = spread(ratios(times.package, times.sameSafety));
      print(`  ${title.padEnd(8)} sameSafety ${figure(us('sameSafety'), 'µs')}  plainClient ${figure(us('plainClient'), 'µs')}  package ${figure(us('package'), 'µs')}`);
      print(`           package over sameSafety ${figure(over, 'µs')} per call, ratio ${num(r.median)}x  [${num(r.p10)}-${num(r.p90)}]`);
    };
    print(`CPU only: the same calls with the global fetch answering from memory (no socket); ${rounds} rounds, no target`);
    await cpuRow('create', fns.create, batch * 5);
    await cpuRow('list 100', fns.list, listBatch * 2);
    print();
  } finally {
    globalThis.fetch = realFetch;
  }
}

const size = await sizes();
print('size: what a browser app loads for all five operations, gzip -9 (zlib level 9)');
print(`  files, followed from pkg/index.js: ${size.files.join(', ')}`);
const sizeLine = (label, { raw, gz }) => print(`  ${label.padEnd(62)}${bytes(raw).padStart(10)} raw ${bytes(gz).padStart(9)} gz`);
sizeLine('JS as shipped (each file gzipped)', size.js);
if (size.bundle) sizeLine(`JS bundled (${size.bundle.tool} --bundle --format=esm --minify)`, size.bundle);
sizeLine('.wasm', size.wasm);
const jsGz = size.bundle ? size.bundle.gz : size.js.gz;
const totalGz = jsGz + size.wasm.gz;
print(`  total: .wasm + ${size.bundle ? 'bundled' : 'shipped'} JS, gz: ${bytes(totalGz)} = ${kb(totalGz)}   target <= ${TARGETS.sizeKb} KB  ${verdict(totalGz / 1024, TARGETS.sizeKb)}`);
if (size.inline) {
  const over = ((size.inline.gz / totalGz - 1) * 100).toFixed(1);
  sizeLine('astro-platform/inline bundled (the .wasm embedded, for esbuild)', size.inline);
  print(`    ${over} % over fetching the .wasm (the default entry)`);
}
print();

progress('cold imports: ');
const imports = coldImports(importRuns);
progress('done\n');
const esm = spread(imports.esm);
const cjs = spread(imports.cjs);
print(`cold import in a fresh Node ${process.versions.node.split('.')[0]} process, ${importRuns} runs each, interleaved (performance.now() around the import)`);
print(`  ESM  await import('astro-platform')  ${figure(esm, 'ms')}   target <= ${TARGETS.esmImportMs} ms  ${verdict(esm.median, TARGETS.esmImportMs)}`);
print(`  CJS  require('astro-platform')       ${figure(cjs, 'ms')}`);
print(`  ESM  import, then a first validateCreateWorkspace at once   ${figure(spread(imports.esmCall), 'ms')}`);
print(`  ESM  import of an empty package of the same shape (Node's floor)   ${figure(spread(imports.floor), 'ms')}`);
print();

progress('validators: ');
const v = await validators(validatorRounds, validatorCalls);
progress('done\n');
print(`validateCreateWorkspace(org, body) per call, median of ${validatorRounds} rounds (the plain-JS client's for reference)`);
const vLine = (label, c, tail) => print(`  ${label.padEnd(34)}${figure(c.package, 'µs').padEnd(26)} plain ${figure(c.plain, 'µs').padEnd(26)} ${tail}`);
vLine('normal body', v.normal, `target <= ${TARGETS.validateUs} µs  ${verdict(v.normal.package.median, TARGETS.validateUs)}`);
vLine('a 100,000-character name', v.name100k, `target <= ${TARGETS.validate100kUs} µs  ${verdict(v.name100k.package.median, TARGETS.validate100kUs)}`);
vLine('an object nested 30 deep as name', v.deep30, '(no target: a wrong type should be refused early)');
print();

const r2 = (s) => `${s.median.toFixed(3)}x`;
const ratioRow = (label, r, target) => [label, r2(r), r.median, target, `${target.toFixed(2)}x`];
summary(print, [
  ratioRow('create: package / sameSafety', create.ratios['package/sameSafety'], TARGETS.createVsSafety),
  ratioRow('create: packageStandalone / sameSafety', create.ratios['packageStandalone/sameSafety'], TARGETS.createVsSafety),
  ratioRow('list 100: package / sameSafety', list.ratios['package/sameSafety'], TARGETS.listVsSafety),
  ratioRow('create: package / plainClient', create.ratios['package/plainClient'], TARGETS.vsPlain),
  ratioRow('create: packageStandalone / plainClient', create.ratios['packageStandalone/plainClient'], TARGETS.vsPlain),
  ratioRow('list 100: package / plainClient', list.ratios['package/plainClient'], TARGETS.vsPlain),
  ['.wasm + JS for a browser app, gzip -9', kb(totalGz), totalGz / 1024, TARGETS.sizeKb, `${TARGETS.sizeKb} KB`],
  ['cold import in Node, ESM', `${num(esm.median)} ms`, esm.median, TARGETS.esmImportMs, `${TARGETS.esmImportMs} ms`],
  ['validateCreateWorkspace, normal body', `${num(v.normal.package.median)} µs`, v.normal.package.median, TARGETS.validateUs, `${TARGETS.validateUs} µs`],
  ['validateCreateWorkspace, 100,000-character name', `${num(v.name100k.package.median)} µs`, v.name100k.package.median, TARGETS.validate100kUs, `${TARGETS.validate100kUs} µs`],
]);
print(`(whole run: ${((Date.now() - started) / 1000).toFixed(0)} s)`);
