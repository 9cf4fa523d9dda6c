// Builds pkg/: the WASM module (cargo, wasm-bindgen --target web, wasm-opt) and the entry
// points users import. One `.wasm` serves every flavour:
//   - pkg/index.js   browsers and bundlers: fetches pkg/web/astro_platform_bg.wasm
//   - pkg/inline.js  `astro-platform/inline`: the module embedded (pkg/wasm.cjs, gzip + base64)
//   - pkg/node.cjs   Node `require`: loads pkg/node-bundle.cjs, one CommonJS bundle (glue,
//                    driver, snippets) that compiles the module synchronously; pkg/node.mjs
//                    re-exports it for `import`
//   - pkg/index.d.ts and pkg/index.d.cts: the declarations, from the Rust side, for `import`
//                    and for `require`
// Usage: node scripts/build.mjs [--dev]   (--dev skips wasm-opt)
import { execFileSync } from 'node:child_process';
import { cpSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { buildSync } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = join(root, 'pkg');
const web = join(pkg, 'web');
const dev = process.argv.includes('--dev');
const run = (cmd, args) => execFileSync(cmd, args, { cwd: root, stdio: 'inherit' });

// The shipped build: no `std` (feature `tiny`), and `core`/`alloc` rebuilt with this crate's
// size settings on the pinned nightly (`-Zbuild-std`), where a panic is an immediate trap
// (`-Cpanic=immediate-abort`), so no panic message, location or formatting code is linked:
// 58.3 -> 50.6 KB gz. Its own target directory keeps stable's builds from being redone.
const toolchain = readFileSync(join(root, 'Cargo.toml'), 'utf8').match(/^toolchain = "([^"]+)"/m)?.[1];
if (!toolchain) throw new Error('Cargo.toml names no [package.metadata.wasm-release] toolchain');
// `core` itself is built at opt-level 3 (the rest of the crate stays at "z"): its slice and
// iterator code then inlines into the scanner and the decoders and mostly disappears, so the
// `.wasm` is smaller (41,388 -> 40,765 B gz) and the check of a page faster (0.86x).
execFileSync('cargo', [
  `+${toolchain}`, 'build', '--release', '--target', 'wasm32-unknown-unknown', '--lib', '--features', 'tiny',
  '-Zbuild-std=core,alloc', '--target-dir', 'target/wasm-release',
  '--config', 'profile.release.package.core.opt-level=3',
], { cwd: root, stdio: 'inherit', env: { ...process.env, RUSTFLAGS: '-Zunstable-options -Cpanic=immediate-abort' } });
const wasm = join(root, 'target/wasm-release/wasm32-unknown-unknown/release/astro_platform.wasm');

rmSync(pkg, { recursive: true, force: true });
run('wasm-bindgen', ['--target', 'web', '--out-dir', web, wasm]);
const bin = join(web, 'astro_platform_bg.wasm');
if (!dev) {
  // The features are those rustc enables by default for wasm32-unknown-unknown. `--converge`
  // repeats -Oz until nothing shrinks; the producers and target-features sections are
  // metadata no runtime reads (together -0.35 KB gz).
  run(join(root, 'node_modules/.bin/wasm-opt'), [
    '-Oz', '--converge', '--strip-producers', '--strip-target-features', '--enable-bulk-memory', '--enable-bulk-memory-opt', '--enable-nontrapping-float-to-int',
    '--enable-sign-ext', '--enable-mutable-globals', '--enable-reference-types', '--enable-multivalue',
    bin, '-o', bin,
  ]);
}

// wasm-bindgen imports one snippet once per imported function, under the same key: keep one,
// so bundlers do not warn about duplicate keys in consumers' builds.
const gluePath = join(web, 'astro_platform.js');
const seen = new Set();
const glue = readFileSync(gluePath, 'utf8').split('\n').filter((line) => {
  const m = line.match(/^import \* as import\d+ from ("[^"]+")$/) ?? line.match(/^\s+("[^"]+"): import\d+,$/);
  if (!m || m[1].includes('_bg.js')) return true;
  const key = `${line.startsWith('import') ? 'i' : 'k'}${m[1]}`;
  if (seen.has(key)) return false;
  seen.add(key);
  return true;
});
writeFileSync(gluePath, glue.join('\n'));

// The error classes are a wasm-bindgen snippet; give them a stable path to the very module
// instance the WASM imports, so `instanceof` holds.
const [hashed] = readdirSync(join(web, 'snippets'));
writeFileSync(join(web, 'errors.js'), `export * from './snippets/${hashed}/js/errors.js';\n`);
// The module gzip-compressed, as base64, shared by the Node bundle and the inline entry: 83 KB
// in place of 177 KB of plain base64, and about as small as the `.wasm` once served gzipped.
const packed = gzipSync(readFileSync(bin), { level: 9 }).toString('base64');
writeFileSync(join(pkg, 'wasm.cjs'), `'use strict';\n// The WASM module, gzip, base64.\nmodule.exports = '${packed}';\n`);

for (const file of ['index.js', 'inline.js', 'browser.js', 'driver.js']) cpSync(join(root, 'js', file), join(pkg, file));
cpSync(join(root, 'js/node.cjs'), join(pkg, 'node.src.cjs'));
// Node inflates the module synchronously with fflate's gunzipSync (tree-shaken to that one
// function, no Node builtin: an esbuild ESM bundle cannot `require('node:zlib')`).
buildSync({
  stdin: { contents: "export { gunzipSync } from 'fflate/browser';", resolveDir: root },
  outfile: join(pkg, 'gunzip.src.cjs'),
  bundle: true,
  format: 'cjs',
  target: 'node18',
  minify: true,
  legalComments: 'none',
});
const fflate = JSON.parse(readFileSync(join(root, 'node_modules/fflate/package.json'), 'utf8'));
const fflateLicense = readFileSync(join(root, 'node_modules/fflate/LICENSE'), 'utf8').trim();
buildSync({
  banner: { js: `/*! Includes gunzipSync from fflate ${fflate.version}:\n${fflateLicense}\n*/` },
  entryPoints: [join(pkg, 'node.src.cjs')],
  outfile: join(pkg, 'node-bundle.cjs'),
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node18',
  external: ['./wasm.cjs'],
  // The glue's default `new URL(..., import.meta.url)` is never used: Node passes the bytes.
  logOverride: { 'empty-import-meta': 'silent' },
  logLevel: 'warning',
});
rmSync(join(pkg, 'node.src.cjs'));
rmSync(join(pkg, 'gunzip.src.cjs'));
// `import` of a CommonJS file makes Node scan its source for export names (about 5 ms for the
// 45 KB bundle, measured): the entry is a small file whose one `require` it does not follow.
writeFileSync(
  join(pkg, 'node.cjs'),
  `'use strict';\n// Node's \`require\` entry: the bundle, behind a name Node's import bridge does not scan.\n` +
    `const entry = require('./node-bundle.cjs');\n\nmodule.exports = entry;\n`,
);
// Node's `import` entry re-exports the CommonJS entry's names, read from it so they cannot drift.
const names = Object.keys(createRequire(import.meta.url)(join(pkg, 'node.cjs')));
writeFileSync(
  join(pkg, 'node.mjs'),
  `// Node's \`import\` entry: the same instance as \`require\`, so \`instanceof\` holds across both.\n` +
    `import cjs from './node.cjs';\n\nexport const { ${names.join(', ')} } = cjs;\n`,
);

// The declarations come from the Rust side (src/wasm/types.rs and the exports): wasm-bindgen's
// declarations up to its loader's (InitInput, initSync), which the package does not export.
const generated = readFileSync(join(web, 'astro_platform.d.ts'), 'utf8');
const cut = generated.indexOf('\nexport type InitInput');
if (cut < 0 || !generated.includes('export class AstroClient')) throw new Error('unexpected wasm-bindgen declarations');
const declarations = `${generated.slice(0, cut).trimEnd()}\n`;
writeFileSync(join(pkg, 'index.d.ts'), declarations);
writeFileSync(join(pkg, 'index.d.cts'), declarations);
writeFileSync(join(pkg, 'inline.d.ts'), "export * from './index.js';\n");
for (const file of ['astro_platform.d.ts', 'astro_platform_bg.wasm.d.ts']) rmSync(join(web, file));
console.log('built', pkg);
