//! The fast path of success bodies: a shape validator over a body's bytes that says "clean"
//! only when the body decodes (see [`crate::decode`]) to exactly what `JSON.parse` makes of
//! it. Then the edge hands the body over as it came, and nothing is built; anything else (an
//! error, a known key holding `null`, a `__proto__` key, a repeated known key) takes the full
//! decoder, which has the last word.
//!
//! This is not a JSON library: it builds no value, allocates nothing, and says "not clean"
//! whenever it is unsure (an escaped key, an escaped date-time, a number it cannot bound,
//! nesting deeper than 64): `serde_json` stays the decoder of every body it does not pass.
//! It is written by hand because a generic parser driving a visitor (the `serde_json` check it
//! replaced) cost about three times as much in the size-optimized build, and no crate checks
//! a fixed shape without building a value.

#[allow(unused_imports)]
use crate::prelude::*;

mod scan;

use crate::timestamp::is_date_time;
use scan::{is_forbidden, same, Scan};

/// What a key's value must be.
#[derive(Clone, Copy)]
pub(crate) enum Kind {
    Text,
    Bool,
    Time,
    Count,
    Profile,
    Workspaces,
}

/// A key an object may have, what its value must be, and whether it must be there.
pub(crate) type Field = (&'static str, Kind, bool);

/// The keys of `fields`, in order: [`crate::decode`] takes its key lists from here, so the
/// check and the decoder cannot know different keys.
pub(crate) const fn names<const N: usize>(fields: &[Field; N]) -> [&'static str; N] {
    let mut out = [""; N];
    let mut i = 0;
    while i < N {
        out[i] = fields[i].0;
        i += 1;
    }
    out
}

/// A Workspace's keys, as [`crate::decode`] reads them.
pub(crate) const WORKSPACE: [Field; 13] = [
    ("id", Kind::Text, true),
    ("name", Kind::Text, true),
    ("organizationId", Kind::Text, true),
    ("cicdEnforcedDefault", Kind::Bool, true),
    ("createdAt", Kind::Time, true),
    ("updatedAt", Kind::Time, true),
    ("description", Kind::Text, false),
    ("organizationName", Kind::Text, false),
    ("createdBy", Kind::Profile, false),
    ("updatedBy", Kind::Profile, false),
    ("defaultCloudProvider", Kind::Text, false),
    ("defaultRegion", Kind::Text, false),
    ("defaultClusterId", Kind::Text, false),
];

/// A BasicSubjectProfile's keys.
pub(crate) const PROFILE: [Field; 6] = [
    ("id", Kind::Text, true),
    ("subjectType", Kind::Text, false),
    ("username", Kind::Text, false),
    ("fullName", Kind::Text, false),
    ("avatarUrl", Kind::Text, false),
    ("apiTokenName", Kind::Text, false),
];

/// A WorkspacesPaginated's keys.
pub(crate) const PAGE: [Field; 4] = [
    ("workspaces", Kind::Workspaces, true),
    ("totalCount", Kind::Count, true),
    ("offset", Kind::Count, true),
    ("limit", Kind::Count, true),
];

/// Returns true when `body` is a Workspace that decodes to what `JSON.parse` makes of it.
pub fn is_clean_workspace(body: &[u8]) -> bool {
    is_clean(body, Shape::Workspace)
}

/// Returns true when `body` is a page of Workspaces that decodes to what `JSON.parse` makes of it.
pub fn is_clean_page(body: &[u8]) -> bool {
    is_clean(body, Shape::Page)
}

/// Scans all of `body` as an object of `shape`, with nothing but whitespace after it.
fn is_clean(body: &[u8], shape: Shape) -> bool {
    let mut reader = Reader {
        scan: Scan::new(body),
        order: [0; 3],
    };
    reader.object(shape).is_some() && reader.scan.at_end()
}

/// An object of known keys.
#[derive(Clone, Copy)]
enum Shape {
    Page,
    Workspace,
    Profile,
}

impl Shape {
    /// The object's keys.
    fn fields(self) -> &'static [Field] {
        match self {
            Shape::Page => &PAGE,
            Shape::Workspace => &WORKSPACE,
            Shape::Profile => &PROFILE,
        }
    }
}

/// Reads objects of known shapes. Each method returns `None` when the body is not clean.
struct Reader<'a> {
    scan: Scan<'a>,
    /// For each [`Shape`], the index in its fields of the key found at each of the first 16
    /// places of its last object, four bits a place: the objects of a page list their keys
    /// in one order, so the first guess is nearly always right.
    order: [u64; 3],
}

impl Reader<'_> {
    /// Reads an object of `shape`: each known key at most once and every required one
    /// present; any other key holds any value but a forbidden key.
    fn object(&mut self, shape: Shape) -> Option<()> {
        self.scan.expect(b'{')?;
        let fields = shape.fields();
        let (mut seen, mut place) = (0u32, 0);
        if !self.scan.eat(b'}') {
            loop {
                self.scan.expect(b'"')?;
                match self.key(shape, place)? {
                    Some(at) => {
                        // A repeated key: `JSON.parse` keeps the last, so leave it to the decoder.
                        if seen & 1 << at != 0 {
                            return None;
                        }
                        seen |= 1 << at;
                        self.value(fields.get(at)?.1)?;
                    }
                    None => self.scan.any()?,
                }
                place += 1;
                if !self.scan.more(b'}')? {
                    break;
                }
            }
        }
        let mut required = fields.iter().enumerate().filter(|(_, f)| f.2);
        required.all(|(at, _)| seen & 1 << at != 0).then_some(())
    }

    /// Reads the key at `place` of an object of `shape`, after its opening quote, and its
    /// colon: the index of a known key in the fields, `None` for another key, and a failure
    /// for a forbidden key (or one with an escape). The key the last object had at this place
    /// is tried first, straight against the body.
    #[inline(always)]
    fn key(&mut self, shape: Shape, place: u32) -> Option<Option<usize>> {
        let (fields, shift) = (shape.fields(), 4 * (place & 15));
        let order = &mut self.order[shape as usize];
        let guess = (*order >> shift & 15) as usize;
        let at = match fields.get(guess) {
            Some(f) if self.scan.name(f.0.as_bytes()) => Some(guess),
            _ => {
                let key = self.scan.plain_string()?;
                if is_forbidden(key) {
                    return None;
                }
                let at = fields.iter().position(|f| same(f.0.as_bytes(), key));
                if let Some(at) = at {
                    *order = *order & !(15 << shift) | (at as u64) << shift;
                }
                at
            }
        };
        self.scan.expect(b':')?;
        Some(at)
    }

    /// Reads the value of a known key. `null` is never one: the decoder reads it as absent,
    /// which `JSON.parse` does not.
    fn value(&mut self, kind: Kind) -> Option<()> {
        let scan = &mut self.scan;
        match kind {
            Kind::Text => {
                scan.expect(b'"')?;
                scan.string().map(drop)
            }
            Kind::Time => {
                scan.expect(b'"')?;
                is_date_time(scan.plain_string()?).then_some(())
            }
            Kind::Bool if scan.peek() == b't' => scan.word(b"true"),
            Kind::Bool => scan.word(b"false"),
            Kind::Count => scan.count(),
            Kind::Profile => self.object(Shape::Profile),
            Kind::Workspaces => {
                scan.expect(b'[')?;
                if scan.eat(b']') {
                    return Some(());
                }
                loop {
                    self.object(Shape::Workspace)?;
                    if !self.scan.more(b']')? {
                        return Some(());
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests;
