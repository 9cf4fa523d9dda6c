// Helpers the WASM edge imports (src/wasm/convert.rs): learning a value's kind in one call,
// and moving long strings as UTF-8 in one native copy. They read values; they decide nothing.

const encoder = new TextEncoder();

/** Strings longer than this many UTF-16 units are copied by `utf8` rather than by the glue. */
const LONG = 256;

/**
 * The kind of `value`, as src/wasm/convert.rs numbers them: 0 null or undefined, 1 string,
 * 2 long string, 3 number, 4 false, 5 true, 6 function, 7 symbol, 8 bigint, 9 array,
 * 10 object, 11 an object whose kind cannot be read (a revoked Proxy).
 */
export function kindOf(value) {
  switch (typeof value) {
    case 'string': return value.length > LONG ? 2 : 1;
    case 'number': return 3;
    case 'boolean': return value ? 5 : 4;
    case 'undefined': return 0;
    case 'function': return 6;
    case 'symbol': return 7;
    case 'bigint': return 8;
    default:
  }
  if (value === null) return 0;
  try {
    return Array.isArray(value) ? 9 : 10;
  } catch {
    return 11;
  }
}

/** The UTF-8 bytes of a string (an unpaired surrogate becomes U+FFFD). */
export function utf8(value) {
  return encoder.encode(value);
}

/** Whether a string has no unpaired UTF-16 surrogate. */
export function isWellFormed(value) {
  return typeof value.isWellFormed === 'function' ? value.isWellFormed() : !/\p{Surrogate}/u.test(value);
}
