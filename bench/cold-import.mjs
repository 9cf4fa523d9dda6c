// Cold import of the package in fresh Node processes, ESM (`await import`) and CommonJS
// (`require`), interleaved; each child times its own import with performance.now().
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const CHILD = {
  esm: ['--input-type=module', '-e',
    "const t = performance.now(); await import('astro-platform'); process.stdout.write(String(performance.now() - t));"],
  cjs: ['--input-type=commonjs', '-e',
    "const t = performance.now(); require('astro-platform'); process.stdout.write(String(performance.now() - t));"],
};

function once(kind) {
  const out = execFileSync(process.execPath, CHILD[kind], { cwd: root, encoding: 'utf8', timeout: 30_000 });
  const ms = Number(out);
  if (!Number.isFinite(ms)) throw new Error(`cold ${kind} import printed ${JSON.stringify(out)}`);
  return ms;
}

/** Spawns `runs` fresh processes per kind, alternating which goes first; returns `{ esm, cjs }` ms lists. */
export function coldImports(runs) {
  const times = { esm: [], cjs: [] };
  for (let i = 0; i < runs; i++) {
    for (const kind of i % 2 === 0 ? ['esm', 'cjs'] : ['cjs', 'esm']) times[kind].push(once(kind));
  }
  return times;
}
