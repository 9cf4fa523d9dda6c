/** Loading and atomically saving the simulator's JSON data file. */
import fs from 'node:fs';
import path from 'node:path';

/** Version number written into the data file. */
export const DATA_VERSION = 1;

let tmpCounter = 0;

/** A data file that cannot be read, is not valid, or cannot be written; its message is one line naming the file. */
export class DataFileError extends Error {}

/** Describes a file system error in a few words: its code and what it means (`EACCES: permission denied`). */
export function describeFsError(err) {
  const text = String(err?.message ?? err).split(',')[0];
  return err?.code && !text.startsWith(err.code) ? `${err.code}: ${text}` : text;
}

/**
 * Reads the data file: `null` when it does not exist, its workspaces otherwise. Throws a DataFileError when it cannot
 * be read, is not JSON, has a `version` other than 1 or no `workspaces` array (the entries are checked elsewhere).
 */
export function loadDataFile(file) {
  let text;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if (err.code === 'ENOENT') return null;
    throw new DataFileError(`cannot read data file ${file} (${describeFsError(err)})`);
  }
  let data;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new DataFileError(`data file ${file} is not valid JSON (${err.message}); refusing to overwrite it`);
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) {
    throw new DataFileError(`data file ${file} is not a JSON object with "version" and "workspaces"; refusing to overwrite it`);
  }
  if (data.version !== DATA_VERSION) {
    throw new DataFileError(`data file ${file} has "version": ${JSON.stringify(data.version) ?? '(missing)'}; `
      + `this simulator reads version ${DATA_VERSION} only; refusing to overwrite it`);
  }
  if (!Array.isArray(data.workspaces)) {
    throw new DataFileError(`data file ${file} has no "workspaces" array; refusing to overwrite it`);
  }
  return { workspaces: data.workspaces };
}

/** Tells whether file mode bits give nobody write permission (a file or directory made read-only on purpose). */
function isReadOnlyMode(stat) {
  return (stat.mode & 0o222) === 0;
}

/**
 * Checks, before the simulator starts, that `file` can be saved: its directory exists and is writable (a temp file is
 * created and removed there), and the file, if it exists, is a regular file with write permission. Throws a
 * DataFileError saying which and why. Permission bits count even for root, which the kernel would let write anyway.
 */
export function checkWritable(file) {
  const dir = path.dirname(file);
  let dirStat;
  try {
    dirStat = fs.statSync(dir);
  } catch (err) {
    const why = err.code === 'ENOENT' ? 'does not exist' : `cannot be read (${describeFsError(err)})`;
    throw new DataFileError(`cannot use data file ${file}: its directory ${dir} ${why}`);
  }
  if (!dirStat.isDirectory()) throw new DataFileError(`cannot use data file ${file}: ${dir} is not a directory`);
  if (isReadOnlyMode(dirStat)) throw new DataFileError(`cannot use data file ${file}: its directory ${dir} is read-only`);
  const stat = fs.statSync(file, { throwIfNoEntry: false });
  if (stat && !stat.isFile()) throw new DataFileError(`cannot use data file ${file}: it is not a regular file`);
  if (stat && isReadOnlyMode(stat)) throw new DataFileError(`cannot use data file ${file}: it is read-only (no write permission)`);
  if (stat) {
    try {
      fs.accessSync(file, fs.constants.W_OK);
    } catch (err) {
      throw new DataFileError(`cannot use data file ${file}: it is not writable (${describeFsError(err)})`);
    }
  }
  const probe = `${file}.tmp-${process.pid}-probe`;
  try {
    fs.writeFileSync(probe, '', { flag: 'wx' });
  } catch (err) {
    throw new DataFileError(`cannot use data file ${file}: cannot create files in ${dir} (${describeFsError(err)})`);
  } finally {
    fs.rmSync(probe, { force: true });
  }
}

/** Writes the data file atomically (a temp file beside it, fsync, then rename over it); a failure is a DataFileError. */
export function saveDataFile(file, workspaces) {
  try {
    writeJsonAtomic(file, { version: DATA_VERSION, workspaces });
  } catch (err) {
    throw new DataFileError(`cannot save data file ${file} (${describeFsError(err)})`);
  }
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
    const match = name.startsWith(prefix) && /^(\d+)-(\d+|probe)$/.exec(name.slice(prefix.length));
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
