//! The compact form JS values cross into WASM in: `js/edge.js` walks a value as far as Rust's
//! reach says and writes what it saw into one buffer of tagged bytes; [`unpack`] reads that
//! buffer back as [`Input`]s. One call and one copy per call, instead of a crossing per
//! value, key and string.
//!
//! The form, little-endian: a tag byte, then for [`tag::NUMBER`] an `f64`, for
//! [`tag::STRING`] a `u32` byte length and UTF-8, for [`tag::ARRAY`] a `u32` count and the
//! items, for [`tag::OBJECT`] a `u32` count and per entry a key (a well-formed flag byte, a
//! `u32` byte length, UTF-8) and its value. Every other tag stands alone. The JS side only
//! reports what it saw; which values are opaque and how they are named is decided here.
//!
//! A buffer that does not follow the form (it never should) reads as something safe: every
//! read is bounds-checked, nothing is allocated beyond what the buffer holds, and nothing is
//! nested deeper than the reach, so no input can make this panic, hang or overflow the stack.

#[allow(unused_imports)]
use crate::prelude::*;

use crate::input::Input;

/// The tag bytes, as `js/edge.js` writes them (`tests/unpack.rs` holds the two lists equal).
pub mod tag {
    /// `null` or `undefined`.
    pub const NULL: u8 = 0;
    /// `false`.
    pub const FALSE: u8 = 1;
    /// `true`.
    pub const TRUE: u8 = 2;
    /// A number: eight bytes of `f64` follow.
    pub const NUMBER: u8 = 3;
    /// A well-formed string: its UTF-8 length (`u32`) and bytes follow.
    pub const STRING: u8 = 4;
    /// An array that was read: its item count (`u32`) and the items follow.
    pub const ARRAY: u8 = 5;
    /// An object that was read: its entry count (`u32`) and the entries follow.
    pub const OBJECT: u8 = 6;
    /// A function.
    pub const FUNCTION: u8 = 7;
    /// A symbol.
    pub const SYMBOL: u8 = 8;
    /// A bigint.
    pub const BIGINT: u8 = 9;
    /// An array at the reach's depth, not read.
    pub const DEEP_ARRAY: u8 = 10;
    /// An array longer than the reach's item limit, not read.
    pub const LONG_ARRAY: u8 = 11;
    /// An object at the reach's depth, not read.
    pub const DEEP_OBJECT: u8 = 12;
    /// A signal-shaped object (a boolean `aborted`, a function `addEventListener`) under the
    /// key `signal`.
    pub const SIGNAL: u8 = 13;
    /// An object whose kind or keys cannot be read (a revoked Proxy, a throwing `ownKeys`).
    pub const NO_KEYS: u8 = 14;
    /// A string with an unpaired UTF-16 surrogate.
    pub const UNPAIRED: u8 = 15;
}

/// How the buffer is read back: how deep it may nest, and what a key with an unpaired
/// surrogate means.
#[derive(Clone, Copy, Debug)]
pub struct Reach {
    /// Arrays and objects inside this many others were not read (the JS side stops there).
    pub depth: usize,
    /// A key with an unpaired surrogate makes its value opaque (keys are read as text either
    /// way, the surrogate as U+FFFD).
    pub strict_keys: bool,
}

/// What a value that does not follow the form reads as.
const BROKEN: Input = Input::Opaque("a value that could not be read");

/// Reads `N` values from `bytes`, written by `js/edge.js` with the same reach; a value the
/// buffer does not hold reads as opaque.
pub fn unpack<const N: usize>(bytes: &[u8], reach: Reach) -> [Input; N] {
    let mut reader = Reader {
        bytes,
        at: 0,
        reach,
    };
    core::array::from_fn(|_| reader.value(0))
}

/// A cursor over the buffer.
struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
    reach: Reach,
}

impl<'a> Reader<'a> {
    /// Takes the next `n` bytes, or none (and nothing more after) when fewer are left.
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let end = self.at.checked_add(n)?;
        let taken = self.bytes.get(self.at..end);
        self.at = if taken.is_some() {
            end
        } else {
            self.bytes.len()
        };
        taken
    }

    /// Takes `N` bytes as an array.
    fn array<const N: usize>(&mut self) -> Option<[u8; N]> {
        self.take(N)?.try_into().ok()
    }

    /// Takes a `u32` length or count.
    fn count(&mut self) -> Option<usize> {
        usize::try_from(u32::from_le_bytes(self.array()?)).ok()
    }

    /// Takes a length and that many bytes of UTF-8.
    fn text(&mut self) -> Option<String> {
        let len = self.count()?;
        let bytes = self.take(len)?;
        core::str::from_utf8(bytes).ok().map(ToOwned::to_owned)
    }

    /// Reads one value found inside `depth` arrays and objects.
    fn value(&mut self, depth: usize) -> Input {
        let Some(&[tag]) = self.take(1) else {
            return BROKEN;
        };
        match tag {
            tag::NULL => Input::Null,
            tag::FALSE => Input::Bool(false),
            tag::TRUE => Input::Bool(true),
            tag::NUMBER => self
                .array()
                .map_or(BROKEN, |b| Input::Number(f64::from_le_bytes(b))),
            tag::STRING => self.text().map_or(BROKEN, Input::String),
            tag::ARRAY if depth < self.reach.depth => self.items(depth + 1),
            tag::OBJECT if depth < self.reach.depth => self.entries(depth + 1),
            tag::FUNCTION => Input::Opaque("function"),
            tag::SYMBOL => Input::Opaque("symbol"),
            tag::BIGINT => Input::Opaque("bigint"),
            tag::DEEP_ARRAY => Input::Opaque("array"),
            tag::LONG_ARRAY => Input::Opaque("an array of more than 10000 items"),
            tag::DEEP_OBJECT => Input::Opaque("object"),
            tag::SIGNAL => Input::Opaque("AbortSignal"),
            tag::NO_KEYS => Input::Opaque("an object whose keys cannot be read"),
            tag::UNPAIRED => Input::Opaque("a string with an unpaired UTF-16 surrogate"),
            _ => {
                // Nothing after an unknown tag can be trusted to line up.
                self.at = self.bytes.len();
                BROKEN
            }
        }
    }

    /// Reads an array's items, each at least one byte: no more are reserved than remain.
    fn items(&mut self, depth: usize) -> Input {
        let Some(count) = self.count() else {
            return BROKEN;
        };
        let mut items = Vec::with_capacity(count.min(self.bytes.len() - self.at));
        while items.len() < count && self.at < self.bytes.len() {
            items.push(self.value(depth));
        }
        Input::Array(items)
    }

    /// Reads an object's entries (a key with an unpaired surrogate makes its value opaque
    /// when the reach says so).
    fn entries(&mut self, depth: usize) -> Input {
        let Some(count) = self.count() else {
            return BROKEN;
        };
        let mut entries = Vec::with_capacity(count.min(self.bytes.len() - self.at));
        while entries.len() < count && self.at < self.bytes.len() {
            let Some(&[well_formed]) = self.take(1) else {
                break;
            };
            let Some(key) = self.text() else {
                break;
            };
            let value = self.value(depth);
            let value = if well_formed == 0 && self.reach.strict_keys {
                Input::Opaque("a key with an unpaired UTF-16 surrogate")
            } else {
                value
            };
            entries.push((key, value));
        }
        Input::Object(entries)
    }
}
