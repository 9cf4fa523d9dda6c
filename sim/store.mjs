/** The Workspace store: in-memory records, optional persistence, list filtering, sorting and paging. */
import { checkWritable, loadDataFile, removeStaleTempFiles, saveDataFile } from './persist.mjs';
import { checkRecords } from './records.mjs';
import { cloneJson, formatTimestamp, newCuid } from './util.mjs';

/** The latest `createdAt`/`updatedAt` among records, in milliseconds since the epoch (-Infinity when none parse). */
function latestTime(records) {
  let latest = -Infinity;
  for (const w of records) {
    for (const time of [Date.parse(w.createdAt), Date.parse(w.updatedAt)]) if (time > latest) latest = time;
  }
  return latest;
}

const nameCollator = new Intl.Collator('en');

/** Compares two timestamps by the instant they name (a data file may hold other RFC 3339 forms); unparsable ones tie. */
function compareTimes(a, b) {
  const d = Date.parse(a) - Date.parse(b);
  return Number.isNaN(d) ? 0 : Math.sign(d);
}

/** Comparators for each sort key of List Workspaces. */
const COMPARE = {
  name: (a, b) => nameCollator.compare(a.name, b.name),
  createdAt: (a, b) => compareTimes(a.createdAt, b.createdAt),
  updatedAt: (a, b) => compareTimes(a.updatedAt, b.updatedAt),
};

/** Holds Workspace records; every write replaces the array and, with a data file, saves it first. */
export class WorkspaceStore {
  #workspaces = [];
  #initial = [];
  #dataFile;
  #now;
  #lastIssued = -Infinity;

  /**
   * Creates a store; `now` returns the current Date. With `dataFile`, first checks that it can be saved and loads it
   * when it exists, refusing (DataFileError) an unwritable place, a bad file, or an entry the API would not accept
   * (its `organizationId` must be one of `organizationIds`).
   */
  constructor({ dataFile, now = () => new Date(), organizationIds = new Set() } = {}) {
    this.#dataFile = dataFile;
    this.#now = now;
    if (dataFile) {
      removeStaleTempFiles(dataFile);
      checkWritable(dataFile);
      const loaded = loadDataFile(dataFile);
      if (loaded) {
        checkRecords(dataFile, loaded.workspaces, organizationIds);
        this.#workspaces = loaded.workspaces;
      }
    }
    this.#lastIssued = latestTime(this.#workspaces);
  }

  /** Returns the time of a write: the clock's, or 1 ms after the last one issued when the clock is not past it. */
  #issueTime() {
    const now = this.#now().getTime();
    this.#lastIssued = now > this.#lastIssued ? now : this.#lastIssued + 1;
    return new Date(this.#lastIssued);
  }

  /** Remembers the current records as what `reset()` restores. */
  markInitial() {
    this.#initial = this.#workspaces;
  }

  /** Restores the records remembered by `markInitial()` (and saves them). */
  reset() {
    this.#commit(this.#initial);
  }

  /** Returns a deep copy of every record (for inspection and tests). */
  all() {
    return cloneJson(this.#workspaces);
  }

  /** Counts the records of an organization. */
  count(organizationId) {
    return this.#workspaces.filter((w) => w.organizationId === organizationId).length;
  }

  /**
   * Returns one organization's records after filters and sorts, the page asked for and the total.
   * Full ties end in creation order, reversed when the first sort is descending (newest first); no sorts: creation order.
   */
  list(organizationId, { workspaceIds = [], names = [], sorts = [], offset = 0, limit = 20 } = {}) {
    const ids = new Set(workspaceIds);
    const wanted = new Set(names);
    const matches = this.#workspaces.filter(
      (w) => w.organizationId === organizationId && (!ids.size || ids.has(w.id)) && (!wanted.size || wanted.has(w.name)),
    );
    const order = sorts.map((sort) => {
      const [key, direction] = sort.split(':');
      return { compare: COMPARE[key], sign: direction === 'desc' ? -1 : 1 };
    });
    const tieSign = order[0]?.sign ?? 1;
    const created = new Map(matches.map((w, i) => [w, i])); // the store keeps records in creation order
    matches.sort((a, b) => {
      for (const { compare, sign } of order) {
        const c = compare(a, b) * sign;
        if (c) return c;
      }
      return (created.get(a) - created.get(b)) * tieSign;
    });
    return { items: cloneJson(matches.slice(offset, offset + limit)), totalCount: matches.length };
  }

  /** Returns one record of an organization, or undefined. */
  get(organizationId, id) {
    return cloneJson(this.#find(organizationId, id));
  }

  /** Creates a record from validated fields, made by `subject`; returns it. */
  create(organizationId, fields, subject) {
    const record = buildRecord(organizationId, fields, subject, this.#issueTime());
    this.#commit([...this.#workspaces, record]);
    return cloneJson(record);
  }

  /**
   * Replaces name, description and cicdEnforcedDefault of a record, and each of the `optional` fields (given in
   * `fields` or cleared); returns the record, or undefined if absent.
   */
  update(organizationId, id, fields, subject, optional = []) {
    const current = this.#find(organizationId, id);
    if (!current) return undefined;
    const record = { ...current };
    for (const field of optional) delete record[field];
    Object.assign(record, cloneJson(fields), {
      updatedAt: formatTimestamp(this.#issueTime()),
      updatedBy: cloneJson(subject),
    });
    this.#commit(this.#workspaces.map((w) => (w === current ? record : w)));
    return cloneJson(record);
  }

  /** Deletes a record; tells whether it existed. */
  delete(organizationId, id) {
    const current = this.#find(organizationId, id);
    if (!current) return false;
    this.#commit(this.#workspaces.filter((w) => w !== current));
    return true;
  }

  /** Adds `count` sample workspaces to an organization, created one minute apart ending now. */
  seed(organizationId, count, subject) {
    const end = this.#issueTime().getTime();
    const width = Math.max(2, String(count).length);
    const records = [];
    for (let i = 1; i <= count; i += 1) {
      const fields = {
        name: `Sample Workspace ${String(i).padStart(width, '0')}`,
        cicdEnforcedDefault: i % 3 === 0,
        ...(i % 2 === 1 ? { description: `Sample workspace number ${i}` } : {}),
      };
      records.push(buildRecord(organizationId, fields, subject, new Date(end - (count - i) * 60_000)));
    }
    this.#commit([...this.#workspaces, ...records]);
  }

  /** Finds the live record object of an organization by ID. */
  #find(organizationId, id) {
    return this.#workspaces.find((w) => w.organizationId === organizationId && w.id === id);
  }

  /** Saves the next records (when persisting) and only then makes them current; a failed save (DataFileError) changes nothing. */
  #commit(next) {
    if (this.#dataFile) saveDataFile(this.#dataFile, next);
    this.#workspaces = next;
  }
}

/** Builds a new record with a fresh ID, created and updated at `at` by `subject`. */
function buildRecord(organizationId, fields, subject, at) {
  const time = formatTimestamp(at);
  return {
    id: newCuid(),
    organizationId,
    ...cloneJson(fields),
    cicdEnforcedDefault: fields.cicdEnforcedDefault ?? false,
    createdAt: time,
    createdBy: cloneJson(subject),
    updatedAt: time,
    updatedBy: cloneJson(subject),
  };
}
