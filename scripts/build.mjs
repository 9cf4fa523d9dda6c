// Builds pkg/: the WASM module (cargo, wasm-bindgen, wasm-opt) in a browser/ESM flavour
// (pkg/web) and a Node/CommonJS flavour (pkg/node), plus the entry points users import.
// Usage: node scripts/build.mjs [--dev]   (--dev skips wasm-opt)
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = join(root, 'pkg');
const dev = process.argv.includes('--dev');
const run = (cmd, args) => execFileSync(cmd, args, { cwd: root, stdio: 'inherit' });

run('cargo', ['build', '--release', '--target', 'wasm32-unknown-unknown', '--lib', '--features', 'tiny']);
const wasm = join(root, 'target/wasm32-unknown-unknown/release/astro_platform.wasm');

rmSync(pkg, { recursive: true, force: true });
for (const [target, dir] of [['web', 'web'], ['nodejs', 'node']]) {
  run('wasm-bindgen', ['--target', target, '--out-dir', join(pkg, dir), wasm]);
  if (!dev) {
    // The features are those rustc enables by default for wasm32-unknown-unknown.
    const bin = join(pkg, dir, 'astro_platform_bg.wasm');
    run(join(root, 'node_modules/.bin/wasm-opt'), [
      '-Oz', '--enable-bulk-memory', '--enable-bulk-memory-opt', '--enable-nontrapping-float-to-int',
      '--enable-sign-ext', '--enable-mutable-globals', '--enable-reference-types', '--enable-multivalue',
      bin, '-o', bin,
    ]);
  }
}

// The error classes are a wasm-bindgen snippet; give each flavour a stable path to the very
// module instance the WASM imports, so `instanceof` holds.
const snippet = (dir, file) => {
  const base = join(pkg, dir, 'snippets');
  const [hashed] = readdirSync(base);
  return `./snippets/${hashed}/js/${file}`;
};
writeFileSync(join(pkg, 'web/errors.js'), `export * from '${snippet('web', 'errors.js')}';\n`);
// Node's flavour is CommonJS, so its copies of the snippets (js/errors.js, js/edge.js) are
// rewritten as CommonJS modules.
const toCommonJs = (source) => {
  const names = [...source.matchAll(/^export (?:class|function|const) (\w+)/gm)].map((m) => m[1]);
  return `'use strict';\n${source.replace(/^export /gm, '')}\nmodule.exports = { ${names.join(', ')} };\n`;
};
for (const file of ['errors.js', 'edge.js']) {
  const path = join(pkg, 'node', snippet('node', file));
  writeFileSync(path, toCommonJs(readFileSync(path, 'utf8')));
}
writeFileSync(join(pkg, 'node/errors.js'), `module.exports = require('${snippet('node', 'errors.js')}');\n`);
writeFileSync(join(pkg, 'node/package.json'), '{ "type": "commonjs" }\n');

for (const file of ['index.js', 'node.cjs', 'driver.js']) cpSync(join(root, 'js', file), join(pkg, file));
// The I/O driver is one ES module; Node's CommonJS entry gets the same code as CommonJS.
writeFileSync(join(pkg, 'driver.cjs'), toCommonJs(readFileSync(join(root, 'js/driver.js'), 'utf8')));
// Node's `import` entry re-exports the CommonJS entry's names, read from it so they cannot drift.
const names = Object.keys(createRequire(import.meta.url)(join(pkg, 'node.cjs')));
writeFileSync(
  join(pkg, 'node.mjs'),
  `// Node's \`import\` entry: the same instance as \`require\`, so \`instanceof\` holds across both.\n` +
    `import cjs from './node.cjs';\n\nexport const { ${names.join(', ')} } = cjs;\n`,
);
// The declarations come from the Rust side (wasm-bindgen plus the custom sections).
writeFileSync(join(pkg, 'index.d.ts'), "export * from './node/astro_platform.js';\n");
if (!existsSync(join(pkg, 'node/astro_platform.d.ts'))) throw new Error('wasm-bindgen wrote no declarations');
console.log('built', pkg);
