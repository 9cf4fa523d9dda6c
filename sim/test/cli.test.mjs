/** The command line: startup banner, printed values that work, request logs without the token, clean shutdown. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { ADMIN_HEADERS, CLI_PATH, DEMO_ORGANIZATION_ID, DEMO_TOKEN, spawnCli, waitForExit } from './helpers.mjs';

const T = { timeout: 15_000 };

test('prints the page URL, both API base URLs, token and organization ID, which work as printed', T, async (t) => {
  const cli = await spawnCli(t, ['--port', '0', '--host', '127.0.0.1', '--seed', '4']);
  assert.match(cli.url, /^http:\/\/127\.0\.0\.1:\d+$/);
  assert.equal(cli.apiBaseUrl, `${cli.url}/v1`);
  assert.equal(cli.v1beta1BaseUrl, `${cli.url}/platform/v1beta1`);
  assert.equal(cli.token, DEMO_TOKEN);
  assert.equal(cli.organizationId, DEMO_ORGANIZATION_ID);
  const res = await fetch(`${cli.apiBaseUrl}/organizations/${cli.organizationId}/workspaces?limit=2`, {
    headers: { authorization: `Bearer ${cli.token}` }, signal: AbortSignal.timeout(5000),
  });
  assert.equal(res.status, 200);
  const body = await res.json();
  assert.equal(body.totalCount, 4);
  assert.equal(body.workspaces[0].name, 'Sample Workspace 01');
  const beta = await fetch(`${cli.v1beta1BaseUrl}/organizations/${cli.organizationId}/workspaces?limit=0`, {
    headers: { authorization: `Bearer ${cli.token}` }, signal: AbortSignal.timeout(5000),
  });
  assert.equal((await beta.json()).totalCount, 4, 'the v1beta1 URL serves the same workspaces');

  cli.child.kill('SIGTERM');
  assert.deepEqual(await waitForExit(cli.child), { code: 0, signal: null });
  const out = cli.stdout();
  assert.match(out, /GET \/v1\/organizations\/\S+\/workspaces 200 \d+ms/);
  assert.match(out, /GET \/platform\/v1beta1\/organizations\/\S+\/workspaces 200 \d+ms/);
  assert.equal(out.split(DEMO_TOKEN).length - 1, 1, 'the token is printed once, at startup, and never in request logs');
  assert.match(out, /Admin endpoint:\s+off/);
});

test('SIGINT closes cleanly even with an open keep-alive connection', T, async (t) => {
  const cli = await spawnCli(t, ['--port', '0', '--faults', '--quiet']);
  assert.match(cli.stdout(), /Admin endpoint:\s+http:\/\/127\.0\.0\.1:\d+\/__admin/);
  const res = await fetch(`${cli.url}/__admin/faults`, { headers: ADMIN_HEADERS, signal: AbortSignal.timeout(5000) });
  assert.equal(res.status, 200);
  cli.child.kill('SIGINT');
  assert.deepEqual(await waitForExit(cli.child), { code: 0, signal: null });
  assert.doesNotMatch(cli.stdout(), /GET \/__admin/, '--quiet logs no requests');
});

test('bad flags exit 2 with the usage; --help exits 0', T, () => {
  for (const args of [['--port', 'abc'], ['--port', '70000'], ['--seed', '-1'], ['--bogus']]) {
    const r = spawnSync(process.execPath, [CLI_PATH, ...args], { encoding: 'utf8', timeout: 5000 });
    assert.equal(r.status, 2, args.join(' '));
    assert.match(r.stderr, /Usage: node sim\/cli\.mjs/);
  }
  const help = spawnSync(process.execPath, [CLI_PATH, '--help'], { encoding: 'utf8', timeout: 5000 });
  assert.equal(help.status, 0);
  assert.match(help.stdout, /--faults/);
});

test('a port already in use exits 1 with a message', T, async (t) => {
  const first = await spawnCli(t, ['--port', '0', '--quiet']);
  const port = new URL(first.url).port;
  const r = spawnSync(process.execPath, [CLI_PATH, '--port', port], { encoding: 'utf8', timeout: 5000 });
  assert.equal(r.status, 1);
  assert.match(r.stderr, /cannot listen/);
});
