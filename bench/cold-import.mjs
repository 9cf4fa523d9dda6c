// Cold import of the package in fresh Node processes, ESM (`await import`) and CommonJS
// (`require`), interleaved; each child times its own import with performance.now(). Two more
// rows put the import in context: the import followed at once by a first call (which
// instantiates the module, compiling it if the background compile has not finished), and the
// floor: the ESM import of an empty package shaped like this one (an ESM entry over a CommonJS
// one), which is what Node itself costs.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const time = (code) => `const t = performance.now(); ${code}; process.stdout.write(String(performance.now() - t));`;
const CHILD = {
  esm: ['--input-type=module', '-e', time("await import('astro-platform')")],
  cjs: ['--input-type=commonjs', '-e', time("require('astro-platform')")],
  esmCall: ['--input-type=module', '-e',
    time("const p = await import('astro-platform'); p.validateCreateWorkspace('cln0w8k2a000108l5e2xy7fgh', { name: 'n' })")],
  floor: ['--input-type=module', '-e', time("await import('empty-package')")],
};

/** Writes the empty package the floor row imports; returns the directory to run it from. */
function emptyPackage() {
  const dir = mkdtempSync(join(tmpdir(), 'astro-cold-'));
  const pkg = join(dir, 'node_modules/empty-package');
  mkdirSync(pkg, { recursive: true });
  const exportsMap = { '.': { node: { import: './node.mjs', require: './node.cjs' }, default: './node.mjs' } };
  writeFileSync(join(pkg, 'package.json'), JSON.stringify({ name: 'empty-package', type: 'module', exports: exportsMap }));
  writeFileSync(join(pkg, 'node.cjs'), "'use strict';\nmodule.exports = { a: 1 };\n");
  writeFileSync(join(pkg, 'node.mjs'), "import cjs from './node.cjs';\n\nexport const { a } = cjs;\n");
  return dir;
}

function once(kind, cwd) {
  const out = execFileSync(process.execPath, CHILD[kind], { cwd, encoding: 'utf8', timeout: 30_000 });
  const ms = Number(out);
  if (!Number.isFinite(ms)) throw new Error(`cold ${kind} import printed ${JSON.stringify(out)}`);
  return ms;
}

/**
 * Spawns `runs` fresh processes per kind, rotating which goes first; returns
 * `{ esm, cjs, esmCall, floor }` ms lists.
 */
export function coldImports(runs) {
  const floorDir = emptyPackage();
  const kinds = Object.keys(CHILD);
  const times = Object.fromEntries(kinds.map((kind) => [kind, []]));
  try {
    for (let i = 0; i < runs; i++) {
      const order = kinds.map((_, j) => kinds[(i + j) % kinds.length]);
      for (const kind of order) times[kind].push(once(kind, kind === 'floor' ? floorDir : root));
    }
  } finally {
    rmSync(floorDir, { recursive: true, force: true });
  }
  return times;
}
