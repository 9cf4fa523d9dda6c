//! A one-pass check of a success body, straight from its JSON text: true only when the body
//! decodes (see [`crate::decode`]) to exactly what `JSON.parse` makes of it. Then the edge
//! hands the body over as it came, and nothing is built; anything else (an error, a known key
//! holding `null`, a `__proto__` key, a repeated key) takes the full decoder, which has the
//! last word. The check allocates nothing for a clean body.

#[allow(unused_imports)]
use crate::prelude::*;

use core::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

use crate::input::is_forbidden_key;
use crate::timestamp::is_date_time;
use crate::validate::MAX_SAFE_INTEGER;

/// What a key's value must be.
#[derive(Clone, Copy)]
pub(crate) enum Kind {
    Text,
    Bool,
    Time,
    Count,
    Profile,
    Workspaces,
    /// Anything, as long as no forbidden key appears in it.
    Any,
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

/// Returns true when `text` is a Workspace that decodes to what `JSON.parse` makes of it.
pub fn is_clean_workspace(text: &str) -> bool {
    run(text, Shape::Object(&WORKSPACE))
}

/// Returns true when `text` is a page of Workspaces that decodes to what `JSON.parse` makes of it.
pub fn is_clean_page(text: &str) -> bool {
    run(text, Shape::Object(&PAGE))
}

fn run(text: &str, shape: Shape) -> bool {
    let mut de = serde_json::Deserializer::from_str(text);
    shape.deserialize(&mut de).is_ok() && de.end().is_ok()
}

/// The shape one value must have: an object of known fields, or a kind.
#[derive(Clone, Copy)]
enum Shape {
    Object(&'static [Field]),
    Kind(Kind),
}

/// Any failure: the body is not clean (why does not matter here, the decoder will say).
struct NotClean;

impl fmt::Display for NotClean {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("not clean")
    }
}

fn not_clean<T, E: de::Error>() -> Result<T, E> {
    Err(E::custom(NotClean))
}

impl<'de> DeserializeSeed<'de> for Shape {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Shape {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a value of the documented shape")
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        match self {
            Shape::Kind(Kind::Bool | Kind::Any) => Ok(()),
            _ => not_clean(),
        }
    }

    fn visit_u64<E: de::Error>(self, n: u64) -> Result<(), E> {
        match self {
            Shape::Kind(Kind::Count) if n as f64 <= MAX_SAFE_INTEGER => Ok(()),
            Shape::Kind(Kind::Any) => Ok(()),
            _ => not_clean(),
        }
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        match self {
            Shape::Kind(Kind::Any) => Ok(()),
            _ => not_clean(),
        }
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        // A count written as `5.0` decodes, but is rare enough to leave to the decoder.
        match self {
            Shape::Kind(Kind::Any) => Ok(()),
            _ => not_clean(),
        }
    }

    fn visit_str<E: de::Error>(self, s: &str) -> Result<(), E> {
        match self {
            Shape::Kind(Kind::Text | Kind::Any) => Ok(()),
            Shape::Kind(Kind::Time) if is_date_time(s.as_bytes()) => Ok(()),
            _ => not_clean(),
        }
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        // `null` for a known key reads as absent, which `JSON.parse` does not do.
        match self {
            Shape::Kind(Kind::Any) => Ok(()),
            _ => not_clean(),
        }
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let item = match self {
            Shape::Kind(Kind::Workspaces) => Shape::Object(&WORKSPACE),
            Shape::Kind(Kind::Any) => Shape::Kind(Kind::Any),
            _ => return not_clean(),
        };
        while seq.next_element_seed(item)?.is_some() {}
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let fields: &[Field] = match self {
            Shape::Object(fields) => fields,
            Shape::Kind(Kind::Profile) => &PROFILE,
            Shape::Kind(Kind::Any) => &[],
            _ => return not_clean(),
        };
        let mut seen = 0u32;
        while let Some(key) = map.next_key::<Key>()? {
            if is_forbidden_key(&key.0) {
                return not_clean();
            }
            match fields.iter().position(|f| f.0 == key.0) {
                Some(i) => {
                    let bit = 1 << i;
                    // A repeated key: `JSON.parse` keeps the last, so leave it to the decoder.
                    if seen & bit != 0 {
                        return not_clean();
                    }
                    seen |= bit;
                    map.next_value_seed(Shape::Kind(fields[i].1))?;
                }
                None => map.next_value_seed(Shape::Kind(Kind::Any))?,
            }
        }
        let missing = fields
            .iter()
            .enumerate()
            .any(|(i, f)| f.2 && seen & (1 << i) == 0);
        if missing {
            return not_clean();
        }
        Ok(())
    }
}

/// A key, borrowed from the text when it has no escapes.
struct Key<'de>(alloc::borrow::Cow<'de, str>);

impl<'de> de::Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a key")
            }
            fn visit_borrowed_str<E: de::Error>(self, s: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(s.into()))
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Key<'de>, E> {
                Ok(Key(s.to_owned().into()))
            }
        }
        d.deserialize_str(KeyVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const WS: &str = r#"{"id": "c1", "name": "n", "organizationId": "o", "cicdEnforcedDefault": true,
        "createdAt": "2024-04-05T21:41:04.673Z", "updatedAt": "2024-04-05T21:41:04+00:00"}"#;

    #[test]
    fn clean_bodies_pass_and_anything_else_goes_to_the_decoder() {
        assert!(is_clean_workspace(WS));
        let with = |extra: &str| WS.replacen('{', &format!("{{{extra}, "), 1);
        assert!(is_clean_workspace(&with(
            r#""future": {"a": [1, null, {"b": -2.5}]}"#
        )));
        assert!(is_clean_workspace(&with(
            r#""createdBy": {"id": "u", "teamId": 1}"#
        )));
        for bad in [
            with(r#""description": null"#),
            with(r#""__proto__": {}"#),
            with(r#""future": [{"constructor": 1}]"#),
            with(r#""name": "again""#),
            with(r#""createdBy": {"subjectType": "USER"}"#),
            with(r#""createdBy": null"#),
            WS.replace("true", "\"true\""),
            WS.replace(".673Z", ".673"),
            WS.replace(r#""id": "c1", "#, ""),
            format!("{WS} x"),
            "[]".to_owned(),
        ] {
            assert!(!is_clean_workspace(&bad), "{bad}");
        }
        let page =
            format!(r#"{{"workspaces": [{WS}, {WS}], "totalCount": 2, "offset": 0, "limit": 0}}"#);
        assert!(is_clean_page(&page));
        assert!(!is_clean_page(
            &page.replace("\"offset\": 0", "\"offset\": -1")
        ));
        assert!(!is_clean_page(
            &page.replace("\"limit\": 0", "\"limit\": 0.0")
        ));
    }
}
