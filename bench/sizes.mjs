// What a browser app loads for all five operations, raw and gzip -9: the JS entry
// (pkg/index.js) with every JS file it imports, and every .wasm those files load. The files
// are found by following the imports, so the figure follows the package's layout. With
// esbuild installed, the JS is also bundled and minified as an app's bundler would.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const gz = (bytes) => gzipSync(bytes, { level: 9 }).length;
const IMPORTS = /\b(?:import|export)\s*(?:[\w*{}\s,$]*?\sfrom\s*)?['"]([^'"]+)['"]|\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g;
const WASM = /['"]([^'"]+\.wasm)['"]/g;

/** Follows the static and literal dynamic imports from `entry`; returns `{ js, wasm }` paths. */
export function graph(entry) {
  const js = [];
  const wasm = new Set();
  const queue = [resolve(entry)];
  while (queue.length > 0 && js.length < 200) {
    const file = queue.shift();
    if (js.includes(file)) continue;
    js.push(file);
    const source = readFileSync(file, 'utf8');
    for (const m of source.matchAll(IMPORTS)) {
      const spec = m[1] ?? m[2];
      if (spec.startsWith('.')) queue.push(resolve(dirname(file), spec));
    }
    for (const m of source.matchAll(WASM)) {
      const path = resolve(dirname(file), m[1]);
      if (existsSync(path)) wasm.add(path);
    }
  }
  return { js, wasm: [...wasm] };
}

async function esbuild() {
  try {
    return createRequire(join(root, 'package.json'))('esbuild');
  } catch {
    return undefined;
  }
}

/**
 * Measures the browser entry `pkg/index.js`; returns
 * `{ files, js: { raw, gz }, wasm: { raw, gz }, bundle?: { raw, gz, tool }, inline?: { raw, gz } }`
 * (`inline`: `pkg/inline.js` beside the entry, bundled the same way).
 */
export async function sizes(entry = join(root, 'pkg/index.js')) {
  const { js, wasm } = graph(entry);
  const sum = (files) => files.reduce((t, f) => {
    const bytes = readFileSync(f);
    return { raw: t.raw + bytes.length, gz: t.gz + gz(bytes) };
  }, { raw: 0, gz: 0 });
  const out = { files: [...js, ...wasm].map((f) => relative(root, f)), js: sum(js), wasm: sum(wasm) };
  const tool = await esbuild();
  if (tool !== undefined) {
    const result = await tool.build({
      entryPoints: [entry], bundle: true, format: 'esm', minify: true, write: false, logLevel: 'silent',
    });
    const bytes = result.outputFiles[0].contents;
    out.bundle = { raw: bytes.length, gz: gz(bytes), tool: `esbuild ${tool.version}` };
    // `astro-platform/inline`: the same API with the module embedded, bundled the same way.
    const inline = await tool.build({
      entryPoints: [join(dirname(entry), 'inline.js')], bundle: true, format: 'esm', minify: true, write: false, logLevel: 'silent',
    });
    const inlined = inline.outputFiles[0].contents;
    out.inline = { raw: inlined.length, gz: gz(inlined) };
  }
  return out;
}
