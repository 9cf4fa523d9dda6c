/** Loading and atomically saving the simulator's JSON data file. */
import fs from 'node:fs';
import path from 'node:path';

/** Version number written into the data file. */
export const DATA_VERSION = 1;

let tmpCounter = 0;

/** Reads the data file: `null` when it does not exist, its workspaces otherwise; throws on a corrupt file. */
export function loadDataFile(file) {
  let text;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if (err.code === 'ENOENT') return null;
    throw err;
  }
  let data;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new Error(`data file ${file} is not valid JSON (${err.message}); refusing to overwrite it`);
  }
  if (!data || !Array.isArray(data.workspaces) || !data.workspaces.every((w) => w && typeof w.id === 'string')) {
    throw new Error(`data file ${file} has no "workspaces" array of objects; refusing to overwrite it`);
  }
  return { workspaces: data.workspaces };
}

/** Writes the data file atomically: a temp file beside it, fsync, then rename over it. */
export function saveDataFile(file, workspaces) {
  writeJsonAtomic(file, { version: DATA_VERSION, workspaces });
}

/** Writes JSON to `file` so readers only ever see the old or the new complete content. */
export function writeJsonAtomic(file, value) {
  tmpCounter += 1;
  const tmp = `${file}.tmp-${process.pid}-${tmpCounter}`;
  const text = `${JSON.stringify(value, null, 2)}\n`;
  let fd;
  try {
    fd = fs.openSync(tmp, 'wx');
    fs.writeFileSync(fd, text);
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = undefined;
    fs.renameSync(tmp, file);
  } catch (err) {
    if (fd !== undefined) fs.closeSync(fd);
    fs.rmSync(tmp, { force: true });
    throw err;
  }
  fsyncDirectory(path.dirname(file));
}

/** Flushes a directory entry (the rename) to disk where the platform allows it. */
function fsyncDirectory(dir) {
  let fd;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch {
    // Some platforms cannot fsync a directory; the rename is still atomic.
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** Deletes temp files of `file` left by simulator processes that are no longer running. */
export function removeStaleTempFiles(file) {
  const dir = path.dirname(file);
  const prefix = `${path.basename(file)}.tmp-`;
  let names;
  try {
    names = fs.readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const match = name.startsWith(prefix) && /^(\d+)-\d+$/.exec(name.slice(prefix.length));
    if (match && !isProcessAlive(Number(match[1]))) fs.rmSync(path.join(dir, name), { force: true });
  }
}

/** Tells whether another process with this ID exists (writes are synchronous, so our own temp files are stale). */
function isProcessAlive(pid) {
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === 'EPERM';
  }
}
