/** `--data` problems surface at start (unwritable place, bad version, bad entries), and a failed save later is a clean 500. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { createSimulator } from '../simulator.mjs';
import { CLI_PATH, DEMO_ORGANIZATION_ID, DEMO_TOKEN, assertErrorBody, spawnCli, tempDir } from './helpers.mjs';

const T = { timeout: 20_000 };

/** A record the API could have written. */
const GOOD = Object.freeze({
  id: 'cgoodworkspace00000000001',
  name: 'Good',
  organizationId: DEMO_ORGANIZATION_ID,
  cicdEnforcedDefault: false,
  createdAt: '2024-01-02T03:04:05.678Z',
  createdBy: { id: 'cdemotoken000000000000001', subjectType: 'SERVICEKEY', apiTokenName: 'demo-token' },
  updatedAt: '2024-01-02T03:04:05.678Z',
});

/** Runs the command line to completion (it must not start); returns `{ status, stdout, stderr }`. */
function runCli(args) {
  const r = spawnSync(process.execPath, [CLI_PATH, '--port', '0', '--quiet', ...args], { encoding: 'utf8', timeout: 5000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Asserts the CLI refused to start: exit 1, nothing on stdout, one stderr line matching `pattern`, no stack trace. */
function assertRefused(r, pattern) {
  assert.equal(r.status, 1, `exit status; stderr: ${r.stderr}`);
  assert.equal(r.stdout, '', 'the banner is never printed');
  const lines = r.stderr.trimEnd().split('\n');
  assert.equal(lines.length, 1, `one line, got: ${r.stderr}`);
  assert.match(lines[0], pattern);
  assert.doesNotMatch(r.stderr, /\n\s+at |Error:/, 'no stack trace');
}

test('--data in a missing directory, a read-only directory, a read-only file or a directory refuses to start', T, (t) => {
  const dir = tempDir(t);
  const missing = path.join(dir, 'no-such-dir', 'data.json');
  assertRefused(runCli(['--data', missing]), new RegExp(`^sim: cannot use data file ${missing}: its directory \\S+ does not exist$`));

  const readOnlyDir = path.join(dir, 'ro');
  fs.mkdirSync(readOnlyDir);
  fs.chmodSync(readOnlyDir, 0o555);
  const inReadOnly = path.join(readOnlyDir, 'data.json');
  const refused = runCli(['--data', inReadOnly]);
  fs.chmodSync(readOnlyDir, 0o755); // before any assertion, so the temp directory can be removed
  assertRefused(refused, new RegExp(`^sim: cannot use data file ${inReadOnly}: its directory \\S+ is read-only$`));

  const readOnlyFile = path.join(dir, 'locked.json');
  fs.writeFileSync(readOnlyFile, JSON.stringify({ version: 1, workspaces: [] }));
  fs.chmodSync(readOnlyFile, 0o444);
  assertRefused(runCli(['--data', readOnlyFile]), new RegExp(`^sim: cannot use data file ${readOnlyFile}: it is read-only`));
  assert.equal(fs.readFileSync(readOnlyFile, 'utf8'), '{"version":1,"workspaces":[]}', 'left untouched');

  assertRefused(runCli(['--data', dir]), new RegExp(`^sim: cannot use data file ${dir}: it is not a regular file$`));
  assert.deepEqual(fs.readdirSync(dir).sort(), ['locked.json', 'ro'], 'no probe or temp file is left behind');
});

test('a file whose "version" is not 1 is refused at start, naming the version', T, (t) => {
  const file = path.join(tempDir(t), 'data.json');
  for (const [version, shown] of [[99, '99'], ['1', '"1"'], [undefined, '(missing)']]) {
    fs.writeFileSync(file, JSON.stringify({ version, workspaces: [GOOD] }));
    assertRefused(runCli(['--data', file]), new RegExp(`^sim: data file ${file} has "version": ${shown.replace(/[()]/g, '\\$&')}; `
      + 'this simulator reads version 1 only'));
  }
});

/** Entries the API would never have written, with the field error the start must name (entry index 1, after GOOD). */
const BAD_ENTRIES = [
  [{ id: 'not-a-cuid' }, 'id invalid_format'],
  [{ id: GOOD.id }, 'id duplicate (same as workspaces[0])'],
  [{ organizationId: 'c000000000000000000000000' }, 'organizationId invalid_value'],
  [{ organizationId: 'Demo' }, 'organizationId invalid_format'],
  [{ name: undefined }, 'name required'],
  [{ name: '' }, 'name too_short'],
  [{ name: 'x'.repeat(51) }, 'name too_long'],
  [{ name: 'bad \ud800 surrogate' }, 'name invalid_type'],
  [{ name: 7 }, 'name invalid_type'],
  [{ description: 5 }, 'description invalid_type'],
  [{ description: null }, 'description invalid_type'],
  [{ cicdEnforcedDefault: 'yes' }, 'cicdEnforcedDefault invalid_type'],
  [{ cicdEnforcedDefault: undefined }, 'cicdEnforcedDefault required'],
  [{ createdAt: 'yesterday' }, 'createdAt invalid_format'],
  [{ updatedAt: '2024-13-45T99:00:00Z' }, 'updatedAt invalid_format'],
  [{ updatedAt: undefined }, 'updatedAt required'],
  [{ defaultCloudProvider: 'IBM', defaultRegion: 'r' }, 'defaultCloudProvider invalid_value'],
  [{ defaultCloudProvider: 'AWS' }, 'defaultRegion required'],
  [{ defaultRegion: '' , defaultCloudProvider: 'GCP' }, 'defaultRegion too_short'],
  [{ defaultCloudProvider: 'AWS', defaultRegion: 'us-east-1', defaultClusterId: 'c1' }, 'defaultClusterId conflict'],
  [{ createdBy: { id: 'x', subjectType: 'ROBOT' } }, 'createdBy.subjectType invalid_value'],
];

test('entries that fail the API rules are refused at start, naming the entry index and field', T, (t) => {
  const file = path.join(tempDir(t), 'data.json');
  for (const [change, expected] of BAD_ENTRIES) {
    const entry = { ...GOOD, id: 'cotherworkspace0000000002', ...change };
    for (const key of Object.keys(change)) if (change[key] === undefined) delete entry[key];
    const text = JSON.stringify({ version: 1, workspaces: [GOOD, entry] });
    fs.writeFileSync(file, text);
    assert.throws(() => createSimulator({ dataFile: file }), (err) => {
      assert.ok(err.message.startsWith(`data file ${file}: workspaces[1].${expected}`), `${expected}: got ${err.message}`);
      return true;
    });
    assert.equal(fs.readFileSync(file, 'utf8'), text, 'a refused file is never rewritten');
  }
  fs.writeFileSync(file, JSON.stringify({ version: 1, workspaces: [GOOD, 'a string'] }));
  assert.throws(() => createSimulator({ dataFile: file }), /workspaces\[1\] invalid_type \(must be an object\)/);

  fs.writeFileSync(file, JSON.stringify({ version: 1, workspaces: [GOOD, { ...GOOD, id: 'cotherworkspace0000000002', name: '' }] }));
  assertRefused(runCli(['--data', file]), new RegExp(`^sim: data file ${file}: workspaces\\[1\\]\\.name too_short \\(`));
});

test('entries the API could have written all load: v1 defaults, an empty description, 50 code points, offsets', T, async (t) => {
  const file = path.join(tempDir(t), 'data.json');
  const entries = [
    GOOD,
    { ...GOOD, id: 'cworkspacewithregion00001', defaultCloudProvider: 'AZURE', defaultRegion: 'westeurope', description: '' },
    { ...GOOD, id: 'cworkspacewithcluster0001', defaultClusterId: 'cluster-1', cicdEnforcedDefault: true },
    { ...GOOD, id: 'cworkspacewithemoji000001', name: '😀'.repeat(50), createdAt: '2024-01-02T04:04:05+01:00', updatedBy: { id: 'u', subjectType: 'USER' } },
    { ...GOOD, id: 'cworkspaceotherorg0000001', organizationId: 'cotherorg0000000000000001', unknownField: 'kept as is' },
  ];
  fs.writeFileSync(file, JSON.stringify({ version: 1, workspaces: entries }));
  const sim = createSimulator({ dataFile: file, staticDirs: {} });
  assert.equal(sim.state.store.all().length, 5);
});

test('a save that fails later (directory removed) answers 500 with the Error body and logs one line, no stack', T, async (t) => {
  const dir = path.join(tempDir(t), 'data');
  fs.mkdirSync(dir);
  const file = path.join(dir, 'data.json');
  const cli = await spawnCli(t, ['--port', '0', '--data', file, '--quiet']);
  const target = `${cli.apiBaseUrl}/organizations/${DEMO_ORGANIZATION_ID}/workspaces`;
  const post = (name) => fetch(target, {
    method: 'POST', headers: { authorization: `Bearer ${DEMO_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name }), signal: AbortSignal.timeout(5000),
  });
  assert.equal((await post('saved')).status, 200);
  fs.rmSync(dir, { recursive: true });

  const res = await post('lost');
  const text = await res.text();
  const body = assertErrorBody(assert, { status: res.status, headers: res.headers, text, json: JSON.parse(text) }, 500);
  assert.equal(body.message, 'The simulator could not save its data file; the change was not made');
  const list = await (await fetch(`${target}?limit=100`, { headers: { authorization: `Bearer ${DEMO_TOKEN}` } })).json();
  assert.deepEqual(list.workspaces.map((w) => w.name), ['saved'], 'the failed change was not made in memory either');

  const deadline = Date.now() + 2000;
  while (!cli.stderr().includes('\n') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  const lines = cli.stderr().trimEnd().split('\n');
  assert.equal(lines.length, 1, `one log line, got: ${cli.stderr()}`);
  assert.match(lines[0], new RegExp(`^sim: POST /v1/organizations/\\S+/workspaces: cannot save data file ${file} \\(ENOENT: `));
  assert.doesNotMatch(cli.stderr(), /\n\s+at /);
  assert.ok(!cli.stderr().includes(DEMO_TOKEN));

  fs.mkdirSync(dir);
  assert.equal((await post('after')).status, 200, 'saving works again once the directory is back');
  assert.deepEqual(JSON.parse(fs.readFileSync(file, 'utf8')).workspaces.map((w) => w.name), ['saved', 'after']);
});
