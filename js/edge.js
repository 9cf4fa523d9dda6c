// The reader the WASM edge imports (src/wasm/convert.rs): it walks a caller's values as far
// as Rust's reach says and writes what it saw in one compact tagged form (src/unpack.rs reads
// it), so a call's inputs cross into WASM in one call and one copy. It reads values and
// reports them; it decides nothing: which values are opaque and what they are called is Rust's.

// The tags (src/unpack.rs `tag`; tests/unpack.rs holds the two lists equal).
const NULL = 0;
const FALSE = 1;
const TRUE = 2;
const NUMBER = 3;
const STRING = 4;
const ARRAY = 5;
const OBJECT = 6;
const FUNCTION = 7;
const SYMBOL = 8;
const BIGINT = 9;
const DEEP_ARRAY = 10;
const LONG_ARRAY = 11;
const DEEP_OBJECT = 12;
const SIGNAL = 13;
const NO_KEYS = 14;
const UNPAIRED = 15;

/** Strings up to this many UTF-16 units are copied by a loop; longer ones by `encodeInto`
 * (a call costs about what a loop over 25 characters does). */
const SHORT = 24;
/** A buffer grown past this size for one call's long strings is not kept for the next. */
const KEEP = 1 << 22;

const encoder = new TextEncoder();
const wellFormed = typeof ''.isWellFormed === 'function'
  ? (s) => s.isWellFormed()
  : (s) => !/\p{Surrogate}/u.test(s);

// The buffer being written (reused from call to call), where the next byte goes, and the
// reach of the value being read: set by `pack`.
let bytes = new Uint8Array(1024);
let data = new DataView(bytes.buffer);
const EMPTY = new Uint8Array(0);
let at = 0;
let maxDepth = 0;
let maxItems = 0;
// The last finished buffer and its length, for `take`; whether a `pack` is under way (a
// caller's getter may call the package again while its object is read).
let last = bytes;
let lastLength = 0;
let busy = false;

/** Makes room for `n` more bytes. */
function room(n) {
  if (at + n <= bytes.length) return;
  const bigger = new Uint8Array(Math.max(bytes.length * 2, at + n));
  bigger.set(bytes.subarray(0, at));
  bytes = bigger;
  data = new DataView(bytes.buffer);
}

/** Writes a `u32` at `offset`. */
function u32At(offset, n) {
  data.setUint32(offset, n, true);
}

/**
 * Writes a string's UTF-8 after its length; returns false, writing nothing, when it has an
 * unpaired surrogate and `check` is set (a key's text is written either way, as U+FFFD).
 */
function text(s, check) {
  const n = s.length;
  if (n <= SHORT) {
    room(4 + n);
    const start = at + 4;
    let i = 0;
    for (; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c > 0x7f) break;
      bytes[start + i] = c;
    }
    if (i === n) {
      u32At(at, n);
      at = start + n;
      return true;
    }
  }
  const ok = wellFormed(s);
  if (!ok && check) return false;
  room(4 + n * 3);
  const { written } = encoder.encodeInto(s, bytes.subarray(at + 4));
  u32At(at, written);
  at += 4 + written;
  return ok;
}

/** Whether `value` looks like an AbortSignal: a boolean `aborted`, a function `addEventListener`. */
function signalShaped(value) {
  try {
    return typeof value.aborted === 'boolean' && typeof value.addEventListener === 'function';
  } catch {
    return false;
  }
}

/** Reads `o[k]`, or `undefined` when a getter or a Proxy trap throws. */
function read(o, k) {
  try {
    return o[k];
  } catch {
    return undefined;
  }
}

/** Writes `value`, found under `key` inside `depth` arrays and objects. */
function write(value, depth, key) {
  room(9);
  switch (typeof value) {
    case 'string':
      bytes[at++] = STRING;
      if (!text(value, true)) bytes[at - 1] = UNPAIRED;
      return;
    case 'number':
      bytes[at] = NUMBER;
      data.setFloat64(at + 1, value, true);
      at += 9;
      return;
    case 'boolean': bytes[at++] = value ? TRUE : FALSE; return;
    case 'undefined': bytes[at++] = NULL; return;
    case 'function': bytes[at++] = FUNCTION; return;
    case 'symbol': bytes[at++] = SYMBOL; return;
    case 'bigint': bytes[at++] = BIGINT; return;
    default:
  }
  if (value === null) {
    bytes[at++] = NULL;
    return;
  }
  let isArray;
  try {
    isArray = Array.isArray(value);
  } catch {
    bytes[at++] = NO_KEYS;
    return;
  }
  if (isArray) writeArray(value, depth);
  else if (key === 'signal' && signalShaped(value)) bytes[at++] = SIGNAL;
  else writeObject(value, depth);
}

/** Writes an array's items, unless it is too deep or too long to read. */
function writeArray(value, depth) {
  if (depth >= maxDepth) {
    bytes[at++] = DEEP_ARRAY;
    return;
  }
  const length = read(value, 'length');
  const n = typeof length === 'number' ? length : 0;
  if (n > maxItems) {
    bytes[at++] = LONG_ARRAY;
    return;
  }
  // As Rust's `f64 as u32`: NaN and below zero are 0, a fraction is cut.
  const count = n >= 1 ? Math.min(Math.trunc(n), 0xffffffff) : 0;
  bytes[at] = ARRAY;
  u32At(at + 1, count);
  at += 5;
  for (let i = 0; i < count; i++) write(read(value, i), depth + 1, '');
}

/** Writes an object's own enumerable string keys and their values, unless it is too deep. */
function writeObject(value, depth) {
  if (depth >= maxDepth) {
    bytes[at++] = DEEP_OBJECT;
    return;
  }
  let keys;
  try {
    keys = Object.keys(value);
  } catch {
    bytes[at++] = NO_KEYS;
    return;
  }
  const n = keys.length;
  bytes[at] = OBJECT;
  u32At(at + 1, n);
  at += 5;
  for (let i = 0; i < n; i++) {
    const key = keys[i];
    const v = read(value, key);
    room(1);
    const flag = at++;
    // `text` may move the buffer: write the flag into the one it leaves.
    const keyWellFormed = text(key, false);
    bytes[flag] = keyWellFormed ? 1 : 0;
    write(v, depth + 1, key);
  }
}

/**
 * Writes `a`, `b`, `c` and `d` (absent ones as `undefined`) in the compact form, arrays and
 * objects `depth` levels deep and arrays of up to `items` items, into `into` (a view on WASM
 * memory) when they fit; returns the number of bytes. When they do not fit, `take` copies
 * them into a buffer of that size.
 */
export function pack(into, depth, items, a, b, c, d) {
  const outer = busy ? [bytes, data, at, maxDepth, maxItems] : undefined;
  if (outer) {
    bytes = new Uint8Array(256);
    data = new DataView(bytes.buffer);
  }
  busy = true;
  at = 0;
  maxDepth = depth;
  maxItems = items;
  try {
    write(a, 0, '');
    write(b, 0, '');
    write(c, 0, '');
    write(d, 0, '');
    last = bytes;
    lastLength = at;
  } finally {
    if (outer) {
      [bytes, data, at, maxDepth, maxItems] = outer;
    } else {
      busy = false;
      // `last` keeps a grown buffer until `take` has copied it.
      if (bytes.length > KEEP) {
        bytes = new Uint8Array(1024);
        data = new DataView(bytes.buffer);
      }
    }
  }
  // A view whose memory grew while a getter ran is detached (length 0): `take` then copies.
  if (lastLength <= into.length) into.set(last.subarray(0, lastLength));
  return lastLength;
}

/** Copies what the last `pack` wrote into `into`. */
export function take(into) {
  into.set(last.subarray(0, Math.min(lastLength, into.length)));
  last = EMPTY;
  lastLength = 0;
}
