/** `dataFile` / `--data`: data survives restarts and SIGKILL, the file is always valid JSON, no temp files remain. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { createSimulator } from '../simulator.mjs';
import { DEMO_ORGANIZATION_ID, DEMO_TOKEN, fakeClock, spawnCli, startSim, tempDir, waitForExit } from './helpers.mjs';

const T = { timeout: 20_000 };

/** Lists the names in a directory other than the data file itself. */
const extraFiles = (dir, file) => fs.readdirSync(dir).filter((n) => n !== path.basename(file));

test('writes persist across a restart on the same file; the file is valid JSON after every write', T, async (t) => {
  const dir = tempDir(t);
  const file = path.join(dir, 'data.json');
  const readFile = () => JSON.parse(fs.readFileSync(file, 'utf8'));

  const first = await startSim(t, { dataFile: file });
  assert.equal(fs.existsSync(file), false, 'nothing is written before the first change');
  const a = await first.create({ name: 'Alpha', description: 'first' });
  assert.deepEqual(readFile().workspaces.map((w) => w.id), [a.id]);
  const inode = fs.statSync(file).ino;
  const b = await first.create({ name: 'Beta' });
  assert.notEqual(fs.statSync(file).ino, inode, 'each save replaces the file (rename), never rewrites it in place');
  const upd = await first.call('POST', `${first.workspaces()}/${a.id}`, {
    body: { name: 'Alpha 2', description: 'changed', cicdEnforcedDefault: true },
  });
  assert.equal(upd.status, 200);
  assert.equal(readFile().workspaces.find((w) => w.id === a.id).name, 'Alpha 2');
  const c = await first.create({ name: 'Gamma' });
  assert.equal((await first.call('DELETE', `${first.workspaces()}/${b.id}`)).status, 204);
  assert.deepEqual(readFile().workspaces.map((w) => w.id), [a.id, c.id]);
  await first.sim.close();
  assert.deepEqual(extraFiles(dir, file), [], 'no temp files are left behind');

  const second = await startSim(t, { dataFile: file });
  const list = await second.call('GET', `${second.workspaces()}?sorts=name:asc`);
  assert.equal(list.json.totalCount, 2);
  assert.deepEqual(list.json.workspaces[0], upd.json);
  assert.equal(list.json.workspaces[1].id, c.id);
  assert.equal((await second.call('GET', `${second.workspaces()}/${b.id}`)).status, 404);
});

test('a corrupt data file is refused and left untouched', T, (t) => {
  const dir = tempDir(t);
  const file = path.join(dir, 'data.json');
  fs.writeFileSync(file, '{"workspaces": [');
  assert.throws(() => createSimulator({ dataFile: file }), /not valid JSON/);
  fs.writeFileSync(file, '{"version": 1, "other": 1}');
  assert.throws(() => createSimulator({ dataFile: file }), /no "workspaces" array/);
  assert.equal(fs.readFileSync(file, 'utf8'), '{"version": 1, "other": 1}');
});

test('temp files of dead processes are removed at start; the data file still loads', T, async (t) => {
  const dir = tempDir(t);
  const file = path.join(dir, 'data.json');
  fs.writeFileSync(file, JSON.stringify({ version: 1, workspaces: [] }));
  fs.writeFileSync(`${file}.tmp-2147483646-1`, '{"half');
  fs.writeFileSync(path.join(dir, 'unrelated.txt'), 'keep');
  const s = await startSim(t, { dataFile: file });
  assert.deepEqual(extraFiles(dir, file), ['unrelated.txt']);
  assert.equal((await s.call('GET', s.workspaces())).json.totalCount, 0);
});

test('reset restores the data loaded at start and saves it', T, async (t) => {
  const dir = tempDir(t);
  const file = path.join(dir, 'data.json');
  const first = await startSim(t, { dataFile: file });
  const kept = await first.create({ name: 'Kept' });
  await first.sim.close();
  const second = await startSim(t, { dataFile: file, faults: true });
  await second.create({ name: 'Temporary' });
  assert.equal((await second.call('POST', '//__admin/reset')).status, 204);
  assert.deepEqual(JSON.parse(fs.readFileSync(file, 'utf8')).workspaces.map((w) => w.id), [kept.id]);
});

test('--seed N seeds an empty data file once, not again on restart', T, async (t) => {
  const dir = tempDir(t);
  const file = path.join(dir, 'data.json');
  const first = await startSim(t, { dataFile: file, seed: 5 });
  assert.equal((await first.call('GET', first.workspaces())).json.totalCount, 5);
  await first.sim.close();
  const second = await startSim(t, { dataFile: file, seed: 5 });
  assert.equal((await second.call('GET', second.workspaces())).json.totalCount, 5);
});

test('SIGKILL in the middle of writes loses no acknowledged write and leaves valid JSON', T, async (t) => {
  const dir = tempDir(t);
  const file = path.join(dir, 'data.json');
  const cli = await spawnCli(t, ['--port', '0', '--data', file, '--quiet']);
  const acknowledged = [];
  let stop = false;
  const target = `${cli.apiBaseUrl}/organizations/${DEMO_ORGANIZATION_ID}/workspaces`;
  const writer = async (n) => {
    for (let i = 0; !stop; i += 1) {
      try {
        const res = await fetch(target, {
          method: 'POST', headers: { authorization: `Bearer ${DEMO_TOKEN}`, 'content-type': 'application/json' },
          body: JSON.stringify({ name: `w${n}-${i}`, description: 'x'.repeat(2000) }), signal: AbortSignal.timeout(5000),
        });
        if (res.status === 200) acknowledged.push((await res.json()).id);
      } catch {
        return; // the server died mid-request: that write was never acknowledged
      }
    }
  };
  const writers = [0, 1, 2, 3].map(writer);
  const deadline = Date.now() + 8000;
  while (acknowledged.length < 40 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
  cli.child.kill('SIGKILL');
  stop = true;
  await waitForExit(cli.child);
  await Promise.all(writers);
  assert.ok(acknowledged.length >= 40, `only ${acknowledged.length} writes were acknowledged before the kill`);

  const saved = JSON.parse(fs.readFileSync(file, 'utf8')).workspaces.map((w) => w.id);
  const missing = acknowledged.filter((id) => !saved.includes(id));
  assert.deepEqual(missing, [], 'every acknowledged create is in the file');

  const restarted = await startSim(t, { dataFile: file });
  const res = await restarted.call('GET', `${restarted.workspaces()}?limit=1000`);
  assert.equal(res.json.totalCount, saved.length);
  assert.deepEqual(extraFiles(dir, file), [], 'the dead process\'s temp file, if any, is cleaned up');
});

test('after a restart, writes stay later than every stored time even if the clock is behind', T, async (t) => {
  const file = path.join(tempDir(t), 'data.json');
  const first = await startSim(t, { dataFile: file, now: fakeClock('2024-06-01T12:00:00.500Z').now });
  const stored = await first.create({ name: 'stored' });
  await first.sim.close();
  const second = await startSim(t, { dataFile: file, now: fakeClock('2024-06-01T11:00:00.000Z').now });
  assert.equal((await second.create({ name: 'later' })).createdAt, '2024-06-01T12:00:00.501Z');
  assert.equal(stored.createdAt, '2024-06-01T12:00:00.500Z');
});
