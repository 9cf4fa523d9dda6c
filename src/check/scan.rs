//! The pieces of JSON the clean check reads, straight from a body's bytes: whitespace,
//! strings, literals, numbers, and whole values of no known shape. Each read returns `None`
//! where the body is not clean: invalid JSON, or JSON that `serde_json` (the decoder) and
//! `JSON.parse` could read differently, or that this reader leaves to the decoder.

use crate::input::FORBIDDEN_KEYS;
use crate::validate::MAX_SAFE_INTEGER;

/// The deepest a value of no known shape may nest. `serde_json`, the decoder, refuses 128
/// levels in all, and the known shapes around such a value take at most four.
const MAX_DEPTH: u32 = 64;

/// The largest power of ten a number may reach: below 10^308 it is a finite `f64` for
/// `JSON.parse` and for `serde_json` (which refuses an infinite one).
const MAX_MAGNITUDE: i32 = 308;

/// What [`Scan::peek`] returns past the end: a byte no JSON token starts with.
const END: u8 = 0;

/// A position in a body.
pub(super) struct Scan<'a> {
    b: &'a [u8],
    i: usize,
}

impl<'a> Scan<'a> {
    /// Starts at the beginning of `body`.
    pub(super) fn new(body: &'a [u8]) -> Self {
        Scan { b: body, i: 0 }
    }

    /// Returns true when nothing but whitespace is left.
    pub(super) fn at_end(&mut self) -> bool {
        self.peek() == END && self.i == self.b.len()
    }

    /// Skips whitespace and returns the next byte without taking it ([`END`] at the end).
    #[inline(always)]
    pub(super) fn peek(&mut self) -> u8 {
        while let Some(&c) = self.b.get(self.i) {
            if !matches!(c, b' ' | b'\n' | b'\r' | b'\t') {
                return c;
            }
            self.i += 1;
        }
        END
    }

    /// Returns the next byte as it is, whitespace included ([`END`] at the end).
    #[inline(always)]
    fn byte(&self) -> u8 {
        self.b.get(self.i).copied().unwrap_or(END)
    }

    /// Takes `c` after any whitespace; returns false, taking nothing, when `c` is not next.
    #[inline(always)]
    pub(super) fn eat(&mut self, c: u8) -> bool {
        if self.peek() != c {
            return false;
        }
        self.i += 1;
        true
    }

    /// Takes `c` after any whitespace, or fails.
    #[inline(always)]
    pub(super) fn expect(&mut self, c: u8) -> Option<()> {
        self.eat(c).then_some(())
    }

    /// After a member or an element: true after a comma (another follows), false after
    /// `close` (the object or array ends).
    #[inline(always)]
    pub(super) fn more(&mut self, close: u8) -> Option<bool> {
        let c = self.peek();
        if c != b',' && c != close {
            return None;
        }
        self.i += 1;
        Some(c == b',')
    }

    /// Takes `name` and its closing quote when they come next, after a key's opening quote.
    /// Then the key is exactly `name`, a known key (which has no escape or control byte).
    #[inline(always)]
    pub(super) fn name(&mut self, name: &[u8]) -> bool {
        let end = self.i + name.len();
        let next = self.b.get(self.i..=end).and_then(<[u8]>::split_last);
        if !next.is_some_and(|(&quote, key)| quote == b'"' && same(key, name)) {
            return false;
        }
        self.i = end + 1;
        true
    }

    /// Reads a string with no escape after its opening quote: its bytes up to the closing
    /// quote. A key or a date-time with an escape is left to the decoder rather than decoded.
    #[inline(always)]
    pub(super) fn plain_string(&mut self) -> Option<&'a [u8]> {
        let start = self.i;
        if self.string()? {
            return None;
        }
        self.b.get(start..self.i - 1)
    }

    /// Reads the rest of a string after its opening quote; returns whether it has escapes.
    /// Fails on a control byte, a bad escape, an escaped lone surrogate (`serde_json`
    /// refuses one, `JSON.parse` does not) or invalid UTF-8. Inline where it is read: the
    /// common string, printable ASCII to its closing quote, takes no call.
    #[inline(always)]
    pub(super) fn string(&mut self) -> Option<bool> {
        let end = plain_end(self.b, self.i);
        if let Some(b'"') = self.b.get(end) {
            self.i = end + 1;
            return Some(false);
        }
        self.string_rest(end)
    }

    /// Reads the rest of a string from `i`, where the run of printable ASCII that starts it
    /// ends on an escape, a control or non-ASCII byte, or the end of the body.
    fn string_rest(&mut self, mut i: usize) -> Option<bool> {
        let (b, start) = (self.b, self.i);
        let (mut escaped, mut ascii) = (false, true);
        loop {
            match *b.get(i)? {
                b'"' => break,
                b'\\' => {
                    escaped = true;
                    i = escape_end(b, i + 1)?;
                }
                0x80.. => {
                    ascii = false;
                    i += 1;
                }
                _ => return None,
            }
            i = plain_end(b, i);
        }
        self.i = i + 1;
        // Escapes are ASCII, so the raw bytes are valid UTF-8 when the string is.
        (ascii || core::str::from_utf8(b.get(start..i)?).is_ok()).then_some(escaped)
    }

    /// Reads `word` (`true`, `false` or `null`), whose first byte [`Scan::peek`] has seen.
    pub(super) fn word(&mut self, word: &[u8]) -> Option<()> {
        let end = self.i + word.len();
        same(self.b.get(self.i..end)?, word).then(|| self.i = end)
    }

    /// Reads a run of digits; returns how many there were and the value of the first 16.
    #[inline(always)]
    fn digits(&mut self) -> (usize, u64) {
        let (start, mut n) = (self.i, 0u64);
        while let Some(d @ b'0'..=b'9') = self.b.get(self.i) {
            if self.i - start < 16 {
                n = n * 10 + u64::from(d - b'0');
            }
            self.i += 1;
        }
        (self.i - start, n)
    }

    /// Reads a count: a non-negative integer written without fraction or exponent (`5.0`
    /// decodes, but is rare enough to leave to the decoder), at most `MAX_SAFE_INTEGER`.
    pub(super) fn count(&mut self) -> Option<()> {
        let first = self.peek();
        let (len, n) = self.digits();
        let canonical = len == 1 || (len > 1 && len <= 16 && first != b'0');
        (canonical && n as f64 <= MAX_SAFE_INTEGER).then_some(())
    }

    /// Reads a number of a value of no known shape: JSON's grammar, and a magnitude below
    /// 10^308, counted from the digits before the point and the exponent (so `0.5e308`,
    /// finite, is left to the decoder too).
    fn number(&mut self) -> Option<()> {
        self.i += usize::from(self.byte() == b'-');
        let first = self.byte();
        let (int, _) = self.digits();
        if int == 0 || (int > 1 && first == b'0') {
            return None;
        }
        if self.byte() == b'.' {
            self.i += 1;
            if self.digits().0 == 0 {
                return None;
            }
        }
        let mut magnitude = int.min(100_000) as i32;
        if self.byte() | 0x20 == b'e' {
            self.i += 1;
            let negative = self.byte() == b'-';
            self.i += usize::from(negative || self.byte() == b'+');
            let (len, exp) = self.digits();
            if len == 0 {
                return None;
            }
            let exp = if len > 6 { 1_000_000 } else { exp as i32 };
            magnitude += if negative { -exp } else { exp };
        }
        (magnitude <= MAX_MAGNITUDE).then_some(())
    }

    /// Reads a key of a value of no known shape, and its colon; fails on a forbidden key.
    fn any_key(&mut self) -> Option<()> {
        self.expect(b'"')?;
        let key = self.plain_string()?;
        self.expect(b':')?;
        (!is_forbidden(key)).then_some(())
    }

    /// Reads any JSON value with no forbidden key at any depth, nested at most
    /// [`MAX_DEPTH`] deep. It loops instead of recursing, with one bit per open container.
    pub(super) fn any(&mut self) -> Option<()> {
        let (mut objects, mut depth) = (0u64, 0u32);
        loop {
            match self.peek() {
                open @ (b'{' | b'[') => {
                    self.i += 1;
                    // `}` and `]` come two codes after `{` and `[`.
                    if !self.eat(open + 2) {
                        if depth == MAX_DEPTH {
                            return None;
                        }
                        depth += 1;
                        objects = objects << 1 | u64::from(open == b'{');
                        if open == b'{' {
                            self.any_key()?;
                        }
                        continue;
                    }
                }
                b'"' => {
                    self.i += 1;
                    self.string()?;
                }
                b't' => self.word(b"true")?,
                b'f' => self.word(b"false")?,
                b'n' => self.word(b"null")?,
                _ => self.number()?,
            }
            // A value ended: close every container it ends, then read the next member.
            loop {
                if depth == 0 {
                    return Some(());
                }
                let object = objects & 1 == 1;
                if self.more(if object { b'}' } else { b']' })? {
                    if object {
                        self.any_key()?;
                    }
                    break;
                }
                depth -= 1;
                objects >>= 1;
            }
        }
    }
}

/// Returns true when `a` and `b` are the same bytes: inline, eight at a time (slice
/// equality calls `memcmp`, and keys are short).
#[inline(always)]
pub(super) fn same(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let word = |s: &[u8], at: usize| s.get(at..).and_then(<[u8]>::first_chunk::<8>).copied();
    let mut at = 0;
    while at + 8 < a.len() {
        if word(a, at) != word(b, at) {
            return false;
        }
        at += 8;
    }
    if a.len() >= 8 {
        // The last eight bytes, which may overlap the word before.
        return word(a, a.len() - 8) == word(b, a.len() - 8);
    }
    for (x, y) in a.iter().zip(b) {
        if x != y {
            return false;
        }
    }
    true
}

/// Returns true for a key that is never kept from a response (see [`FORBIDDEN_KEYS`]).
pub(super) fn is_forbidden(key: &[u8]) -> bool {
    FORBIDDEN_KEYS.iter().any(|k| same(k.as_bytes(), key))
}

/// Returns where the run of bytes a string holds as they are (printable ASCII but `"` and
/// `\`) that starts at `i` ends. It reads eight bytes at a time; the lowest byte flagged in
/// a word is always a real one, as a borrow only carries upwards from a real one.
#[inline(always)]
fn plain_end(b: &[u8], mut i: usize) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = ONES * 0x80;
    const SPACE: u64 = ONES * b' ' as u64;
    const QUOTE: u64 = ONES * b'"' as u64;
    const BACKSLASH: u64 = ONES * b'\\' as u64;
    let zero = |v: u64| v.wrapping_sub(ONES) & !v;
    while let Some(&word) = b.get(i..).and_then(<[u8]>::first_chunk::<8>) {
        let w = u64::from_le_bytes(word);
        let below_space = w.wrapping_sub(SPACE) & !w;
        let special = (below_space | zero(w ^ QUOTE) | zero(w ^ BACKSLASH) | w) & HIGH;
        if special != 0 {
            return i + (special.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while let Some(&c) = b.get(i) {
        if c.wrapping_sub(b' ') >= 0x60 || c == b'"' || c == b'\\' {
            break;
        }
        i += 1;
    }
    i
}

/// Reads an escape whose backslash is just before `i`; returns where it ends. A high
/// surrogate must come with its low half.
fn escape_end(b: &[u8], i: usize) -> Option<usize> {
    let end = match *b.get(i)? {
        b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't' => i + 1,
        b'u' => match hex4(b, i + 1)? {
            0xD800..=0xDBFF => {
                let low = b.get(i + 5..i + 7) == Some(b"\\u");
                if !(low && (0xDC00..=0xDFFF).contains(&hex4(b, i + 7)?)) {
                    return None;
                }
                i + 11
            }
            0xDC00..=0xDFFF => return None,
            _ => i + 5,
        },
        _ => return None,
    };
    Some(end)
}

/// Reads the four hex digits of a `\u` escape at `i`.
fn hex4(b: &[u8], i: usize) -> Option<u32> {
    let mut unit = 0;
    for &c in b.get(i..i + 4)? {
        unit = unit * 16 + char::from(c).to_digit(16)?;
    }
    Some(unit)
}
