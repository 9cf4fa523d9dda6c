// The consumer matrix: each entry is a fresh project that installs the packed tarball, builds
// with one toolchain (pinned exactly) and runs tests/consumers/scenario.mjs in Node or in
// headless Chromium. run.mjs installs and runs them; the README's table lists them.
//
// An entry: `deps` (devDependencies, exact versions), `type` (the project's package.json
// "type"), `files` (name -> text), `build` (commands run in the project), and `run`:
//   { node: 'file' }       run a file in the project (with each of `nodes`, default ['20'])
//   { bundle: 'dir', main } copy `dir` to an empty directory outside the project and run `main`
//   { page: 'dir' }        open `dir`/index.html in Chromium, served with the API on one origin

const V = { typescript: '5.9.3', vite: '8.3.8', webpack: '5.113.0', esbuild: '0.28.2' };

/** An entry module that runs the scenario and reports to stdout, the page or the worker's parent. */
function entry({ spec = 'astro-platform', cjs = false, report = 'stdout' }) {
  const imports = cjs
    ? `const m = require('${spec}');\nconst { scenario } = require('./scenario.cjs');\n`
    : `import * as m from '${spec}';\nimport { scenario } from './scenario.mjs';\n`;
  const base = report === 'stdout' ? 'process.env.API_URL' : "new URL('/v1', location.href).href";
  const out = {
    stdout: 'console.log(`RESULT ${JSON.stringify(r)}`)',
    page: 'window.__result = r',
    worker: 'postMessage(r)',
  }[report];
  const fail = report === 'stdout' ? '(e) => { console.error(e); process.exitCode = 1; }' : '(e) => { const r = { error: String(e?.stack ?? e) }; ' + out + '; }';
  return `${imports}\nscenario(m, ${base}).then((r) => { ${out}; }, ${fail});\n`;
}

const page = (script, { module = true, head = '' } = {}) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>consumer</title><link rel="icon" href="data:,">${head}</head>` +
  `<body><script${module ? ' type="module"' : ''} src="${script}"></script></body></html>\n`;

/** The scenario in TypeScript, typed through the package's declarations (ESM or CJS alike). */
const typed = `import * as m from 'astro-platform';
import type { FieldError, Workspace, AstroClientOptions } from 'astro-platform';

const ORG = 'clm8t5u4q000008jq4qoc3036';
const options: AstroClientOptions = { token: 'consumer-token-5f2a9c', baseUrl: process.env.API_URL };

async function main(): Promise<void> {
  await m.init();
  const problems: FieldError[] = m.validateCreateWorkspace(ORG, { name: '' });
  const ws: Workspace = await m.createWorkspace(ORG, { name: 'Consumer' }, options);
  let notFound: unknown = 'resolved';
  try {
    await new m.AstroClient(options).getWorkspace(ORG, 'clm8t5u4q000008jq4qoc9999');
  } catch (e) {
    if (!(e instanceof m.ApiError)) throw e;
    const status: number = e.status;
    notFound = { isNotFoundError: e instanceof m.NotFoundError, isAstroError: e instanceof m.AstroError, name: e.name, status, message: e.message };
  }
  const r = { problems: problems.map((p) => \`\${p.field}:\${p.code}\`), created: { id: ws.id, name: ws.name }, notFound };
  console.log(\`RESULT \${JSON.stringify(r)}\`);
}
main().catch((e: unknown) => { console.error(e); process.exitCode = 1; });
`;

/** A tsconfig without skipLibCheck, `lib` without ESNext.Disposable. */
const tsconfig = (module, moduleResolution, files) => JSON.stringify({
  compilerOptions: {
    strict: true, target: 'ES2022', module, moduleResolution, lib: ['ES2022', 'DOM'],
    skipLibCheck: false, types: ['node-env'], typeRoots: ['./types'], outDir: 'out',
  },
  files,
}, null, 2);
/** The one Node global the typed scenario reads, so the projects need no @types/node. */
const nodeEnv = { 'types/node-env/index.d.ts': 'declare var process: { env: Record<string, string | undefined>; exitCode?: number };\n' };

const viteConfig = `export default { logLevel: 'warn', ssr: { noExternal: true }, build: { emptyOutDir: true } };\n`;
const webpackBuild = (target, out, extra = '') => `const webpack = require('webpack');
const path = require('node:path');
webpack({
  mode: 'production', target: '${target}', entry: './main.mjs', ${extra}
  output: { path: path.resolve(__dirname, '${out}'), filename: 'main.js' },
}, (err, stats) => {
  if (err || stats.hasErrors() || stats.hasWarnings()) {
    console.error(err ?? stats.toString('errors-warnings'));
    process.exit(1);
  }
});
`;

export const consumers = [
  {
    name: 'node-esm', title: 'Node `import` (ESM), 18 / 20 / 22', type: 'module',
    files: { 'main.mjs': `${entry({})}import { createRequire } from 'node:module';\nconst r = createRequire(import.meta.url)('astro-platform');\nif (r.NotFoundError !== m.NotFoundError) { console.error('two instances'); process.exitCode = 1; }\n` },
    run: { node: 'main.mjs', nodes: ['18', '20', '22'] },
  },
  {
    name: 'node-cjs', title: 'Node `require` (CommonJS), 18 / 20 / 22', type: 'commonjs',
    files: { 'main.cjs': entry({ cjs: true }) },
    run: { node: 'main.cjs', nodes: ['18', '20', '22'] },
  },
  ...[
    ['ts-bundler', 'TypeScript ESM, `moduleResolution: bundler`', 'module', 'ESNext', 'Bundler', 'main.ts', 'out/main.js'],
    ['ts-node16', 'TypeScript ESM, `node16`', 'module', 'Node16', 'Node16', 'main.ts', 'out/main.js'],
    ['ts-nodenext', 'TypeScript ESM, `nodenext`', 'module', 'NodeNext', 'NodeNext', 'main.ts', 'out/main.js'],
    ['ts-cts-node16', 'TypeScript CommonJS (`.cts`), `node16`', 'module', 'Node16', 'Node16', 'main.cts', 'out/main.cjs'],
  ].map(([name, title, type, module, resolution, file, out]) => ({
    name, title, type, deps: { typescript: V.typescript },
    files: { [file]: typed, 'tsconfig.json': tsconfig(module, resolution, [file]), ...nodeEnv },
    build: [['node_modules/.bin/tsc', ['-p', '.']]],
    run: { node: out },
  })),
  {
    name: 'browser-plain', title: 'Browser, no bundler (`<script type="module">` + import map)', type: 'module',
    files: {
      'main.mjs': entry({ report: 'page' }),
      'index.html': page('./main.mjs', { head: '<script type="importmap">{ "imports": { "astro-platform": "./node_modules/astro-platform/pkg/index.js" } }</script>' }),
    },
    run: { page: '.' },
  },
  {
    name: 'browser-worker', title: 'Module worker, no bundler', type: 'module',
    files: {
      'worker.mjs': entry({ spec: './node_modules/astro-platform/pkg/index.js', report: 'worker' }),
      'main.mjs': "new Worker('./worker.mjs', { type: 'module' }).onmessage = (e) => { window.__result = e.data; };\n",
      'index.html': page('./main.mjs'),
    },
    run: { page: '.' },
  },
  {
    name: 'vite-build', title: `Vite ${V.vite} build (browser)`, type: 'module', deps: { vite: V.vite },
    files: { 'main.mjs': entry({ report: 'page' }), 'index.html': page('./main.mjs'), 'vite.config.mjs': viteConfig },
    build: [['node_modules/.bin/vite', ['build', '--base', './']]],
    run: { page: 'dist' },
  },
  {
    name: 'vite-ssr', title: `Vite ${V.vite} SSR build, \`ssr.noExternal: true\``, type: 'module', deps: { vite: V.vite },
    files: { 'main.mjs': entry({}), 'vite.config.mjs': viteConfig },
    build: [['node_modules/.bin/vite', ['build', '--ssr', 'main.mjs', '--outDir', 'dist-ssr']]],
    run: { bundle: 'dist-ssr', main: 'main.js' },
  },
  {
    name: 'webpack-browser', title: `webpack ${V.webpack}, \`target: 'web'\``, type: 'commonjs', deps: { webpack: V.webpack },
    files: { 'main.mjs': entry({ report: 'page' }), 'build.cjs': webpackBuild('web', 'dist'), 'dist/index.html': page('./main.js', { module: false }) },
    build: [['node', ['build.cjs']]],
    run: { page: 'dist' },
  },
  {
    name: 'webpack-node', title: `webpack ${V.webpack}, \`target: 'node'\``, type: 'commonjs', deps: { webpack: V.webpack },
    files: { 'main.mjs': entry({}), 'build.cjs': webpackBuild('node', 'dist') },
    build: [['node', ['build.cjs']]],
    run: { bundle: 'dist', main: 'main.js' },
  },
  {
    name: 'esbuild-browser', title: `esbuild ${V.esbuild} \`--bundle --format=esm\` (browser), \`astro-platform/inline\``, type: 'module', deps: { esbuild: V.esbuild },
    files: { 'main.mjs': entry({ spec: 'astro-platform/inline', report: 'page' }), 'dist/index.html': page('./main.js') },
    build: [['node_modules/.bin/esbuild', ['main.mjs', '--bundle', '--format=esm', '--outfile=dist/main.js', '--log-level=warning']]],
    run: { page: 'dist' },
  },
  {
    name: 'esbuild-node-esm', title: `esbuild ${V.esbuild} \`--platform=node --format=esm\``, type: 'module', deps: { esbuild: V.esbuild },
    files: { 'main.mjs': entry({}) },
    build: [['node_modules/.bin/esbuild', ['main.mjs', '--bundle', '--platform=node', '--format=esm', '--outfile=dist/main.mjs', '--log-level=warning']]],
    run: { bundle: 'dist', main: 'main.mjs' },
  },
  {
    name: 'esbuild-node-cjs', title: `esbuild ${V.esbuild} \`--platform=node --format=cjs\``, type: 'commonjs', deps: { esbuild: V.esbuild },
    files: { 'main.cjs': entry({ cjs: true }) },
    build: [['node_modules/.bin/esbuild', ['main.cjs', '--bundle', '--platform=node', '--format=cjs', '--outfile=dist/main.cjs', '--log-level=warning']]],
    run: { bundle: 'dist', main: 'main.cjs' },
  },
];
