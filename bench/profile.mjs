// Where a call's CPU goes, around a real `fetch`: sameSafety, the plain-JS client and the
// package make the same calls to the benchmark's server (its own process) under V8's sampling
// profiler (node:inspector, in this process), in blocks rotated between them, and each sample
// is put in one bucket: the package's WASM, the package's JS, the plain client's JS, the
// contender's own JS, undici (with its llhttp WASM), Node's internals, the garbage collector.
// A builtin (`JSON.parse`, `TextDecoder`, a socket write) counts for the code that called it.
// It prints CPU per call in each bucket, so what a contender adds over sameSafety shows by part.
// The figures are samples: a bucket's µs per call is good to about a tenth at the defaults.
// The profiler costs time of its own, and not evenly: each block is also run without it, and
// the first rows give those blocks' wall time and process CPU (all threads) per call, to show
// how far the profiler moves each contender. Blocks this long also drift with the machine, so
// compare contenders with `npm run bench` (interleaved slices), and read the buckets here as
// where the time goes.
// Usage: node bench/profile.mjs [create|list] [--calls 2000] [--blocks 4] [--interval 100]
import { Session } from 'node:inspector/promises';
import { positional, wholeArg } from './args.mjs';
import { startServer } from './server.mjs';
import { contenders } from './contenders.mjs';

const argv = process.argv.slice(2);
const workload = positional(argv)[0] ?? 'create';
if (workload !== 'create' && workload !== 'list') throw new Error('the workload is create or list');
const calls = wholeArg(argv, 'calls', workload === 'create' ? 2000 : 600);
const blocks = wholeArg(argv, 'blocks', 4);
const interval = wholeArg(argv, 'interval', 100);
const NAMES = ['sameSafety', 'plainClient', 'package'];

/** The bucket of a sample: its frame, or for a builtin (no URL) the nearest caller's. */
function bucketOf(node, parentOf) {
  const own = node.callFrame;
  if (own.functionName === '(garbage collector)') return 'garbage collector';
  if (own.functionName === '(idle)') return 'idle';
  let n = node;
  while (n && n.callFrame.url === '') n = parentOf.get(n.id);
  if (!n) return 'V8 and native code';
  const url = n.callFrame.url;
  if (url.startsWith('wasm://')) {
    // undici's HTTP parser is WASM too: a WASM frame under undici's JS is undici's.
    for (let p = parentOf.get(n.id); p; p = parentOf.get(p.id)) {
      if (p.callFrame.url.includes('undici')) return 'undici (JS and its llhttp WASM)';
      if (p.callFrame.url !== '' && !p.callFrame.url.startsWith('wasm://')) break;
    }
    return 'the package: WASM';
  }
  if (url.includes('/pkg/')) return 'the package: JS (glue, driver, edge)';
  if (url.includes('/bench/plain')) return 'the plain client: JS';
  if (url.includes('/bench/')) return "the contender's and the loop's JS";
  if (url.includes('undici')) return 'undici (JS and its llhttp WASM)';
  if (url.startsWith('node:')) return "Node's internals (streams, timers, events)";
  return 'other JS';
}

/** Adds a profile's samples, in µs per bucket, to `into`. */
function addProfile(profile, into) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parentOf = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parentOf.set(c, n);
  const self = new Map();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + profile.timeDeltas[i]));
  for (const [id, us] of self) {
    const b = bucketOf(byId.get(id), parentOf);
    into.set(b, (into.get(b) ?? 0) + us);
  }
}

const server = await startServer();
try {
  const chosen = (await contenders(server.origin))[workload];
  for (const name of NAMES) for (let i = 0; i < Math.min(300, calls); i++) await chosen[name]();
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval });
  const buckets = Object.fromEntries(NAMES.map((n) => [n, new Map()]));
  const plain = Object.fromEntries(NAMES.map((n) => [n, { wall: 0, cpu: 0, profiledWall: 0 }]));
  for (let b = 0; b < blocks; b++) {
    for (let k = 0; k < NAMES.length; k++) {
      const name = NAMES[(k + b) % NAMES.length];
      const start = performance.now();
      const cpu = process.cpuUsage();
      for (let i = 0; i < calls; i++) await chosen[name]();
      const used = process.cpuUsage(cpu);
      plain[name].wall += (performance.now() - start) * 1000;
      plain[name].cpu += used.user + used.system;
      await session.post('Profiler.start');
      const profiled = performance.now();
      for (let i = 0; i < calls; i++) await chosen[name]();
      plain[name].profiledWall += (performance.now() - profiled) * 1000;
      const { profile } = await session.post('Profiler.stop');
      addProfile(profile, buckets[name]);
    }
  }
  session.disconnect();

  const total = calls * blocks;
  const perCall = (name, bucket) => (buckets[name].get(bucket) ?? 0) / total;
  const busy = (name) => [...buckets[name]].reduce((s, [b, us]) => (b === 'idle' ? s : s + us), 0) / total;
  const order = [...new Set(NAMES.flatMap((n) => [...buckets[n].keys()]))]
    .filter((b) => b !== 'idle')
    .sort((a, b) => perCall('package', b) - perCall('package', a));
  const col = (s) => String(s).padStart(12);
  console.log(`bench/profile.mjs ${workload}: ${total} calls per contender in ${blocks} rotated blocks, sampled every ${interval} µs; ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, Node ${process.versions.node}`);
  console.log(`per call, µs (the server runs in its own process)\n${'bucket'.padEnd(44)}${NAMES.map(col).join('')}${'  package - sameSafety'}`);
  const row = (label, f) => console.log(`${label.padEnd(44)}${NAMES.map((n) => col(f(n).toFixed(1))).join('')}${(f('package') - f('sameSafety')).toFixed(1).padStart(22)}`);
  row('without the profiler: wall', (n) => plain[n].wall / total);
  row('without the profiler: CPU, all threads', (n) => plain[n].cpu / total);
  row('with the profiler: wall', (n) => plain[n].profiledWall / total);
  console.log('with the profiler, this thread, by bucket:');
  row('busy (all but idle)', busy);
  for (const b of order) row(`  ${b}`, (n) => perCall(n, b));
  row('idle (waiting on the socket)', (n) => perCall(n, 'idle'));
} finally {
  await server.close();
}
