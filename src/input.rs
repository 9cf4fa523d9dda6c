//! An untyped value as a caller handed it over, before validation gives it a type.
//!
//! The WASM edge turns any JS value into an [`Input`] (through serde-wasm-bindgen) and native
//! tests build one from JSON, so the validation rules see exactly the same thing in both.

#[allow(unused_imports)]
use crate::prelude::*;

use core::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};

/// Keys that are never kept from a response at any depth: in JS they reach an object's
/// prototype machinery.
pub const FORBIDDEN_KEYS: [&str; 3] = ["__proto__", "constructor", "prototype"];

/// A dynamically typed value: what a caller passed, with its JS type kept.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Input {
    /// `null` or `undefined`: both mean "absent" for an optional field.
    #[default]
    Null,
    /// A boolean.
    Bool(bool),
    /// A number, NaN and infinities included.
    Number(f64),
    /// A string.
    String(String),
    /// An array.
    Array(Vec<Input>),
    /// An object's own enumerable string-keyed properties, in order.
    Object(Vec<(String, Input)>),
    /// A value with no JSON form, by kind: `function`, `AbortSignal`, `symbol`, `bigint`...
    Opaque(&'static str),
}

impl Input {
    /// Names the value's type the way a JS developer would (`string`, `number`, `array`...).
    pub fn type_name(&self) -> &'static str {
        match self {
            Input::Null => "null",
            Input::Bool(_) => "boolean",
            Input::Number(_) => "number",
            Input::String(_) => "string",
            Input::Array(_) => "array",
            Input::Object(_) => "object",
            Input::Opaque(kind) => kind,
        }
    }

    /// Parses JSON text (the native path; the WASM edge uses the platform's `JSON.parse`).
    pub fn from_json(text: &str) -> Result<Input, String> {
        serde_json::from_str(text).map_err(|e| e.to_string())
    }

    /// Returns true for a JS function.
    pub fn is_function(&self) -> bool {
        matches!(self, Input::Opaque("function"))
    }

    /// Returns true for an AbortSignal.
    pub fn is_signal(&self) -> bool {
        matches!(self, Input::Opaque("AbortSignal"))
    }

    /// Returns true for `null` and `undefined`.
    pub fn is_null(&self) -> bool {
        matches!(self, Input::Null)
    }

    /// Returns true when a [`FORBIDDEN_KEYS`] key appears at any depth.
    pub fn has_forbidden_keys(&self) -> bool {
        match self {
            Input::Array(items) => items.iter().any(Self::has_forbidden_keys),
            Input::Object(entries) => entries
                .iter()
                .any(|(k, v)| is_forbidden_key(k) || v.has_forbidden_keys()),
            _ => false,
        }
    }

    /// Returns a copy without any [`FORBIDDEN_KEYS`] entry, at any depth.
    pub fn without_forbidden_keys(&self) -> Input {
        match self {
            Input::Array(items) => {
                Input::Array(items.iter().map(Self::without_forbidden_keys).collect())
            }
            Input::Object(entries) => Input::Object(
                entries
                    .iter()
                    .filter(|(k, _)| !is_forbidden_key(k))
                    .map(|(k, v)| (k.clone(), v.without_forbidden_keys()))
                    .collect(),
            ),
            other => other.clone(),
        }
    }
}

/// Returns true for a key that is never kept from a response (see [`FORBIDDEN_KEYS`]).
pub fn is_forbidden_key(key: &str) -> bool {
    FORBIDDEN_KEYS.contains(&key)
}

/// Writes the value back as JSON; a value with no JSON form is written as `null`.
impl Serialize for Input {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Input::Null | Input::Opaque(_) => s.serialize_unit(),
            Input::Bool(b) => s.serialize_bool(*b),
            Input::Number(n) => s.serialize_f64(*n),
            Input::String(v) => s.serialize_str(v),
            Input::Array(items) => {
                let mut seq = s.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(item)?;
                }
                seq.end()
            }
            Input::Object(entries) => {
                let mut map = s.serialize_map(Some(entries.len()))?;
                for (k, v) in entries {
                    map.serialize_entry(k, v)?;
                }
                map.end()
            }
        }
    }
}

struct InputVisitor;

impl<'de> Visitor<'de> for InputVisitor {
    type Value = Input;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON-compatible value")
    }

    fn visit_unit<E: de::Error>(self) -> Result<Input, E> {
        Ok(Input::Null)
    }

    fn visit_none<E: de::Error>(self) -> Result<Input, E> {
        Ok(Input::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Input, D::Error> {
        Input::deserialize(d)
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Input, E> {
        Ok(Input::Bool(v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Input, E> {
        Ok(Input::Number(v as f64))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Input, E> {
        Ok(Input::Number(v as f64))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Input, E> {
        Ok(Input::Number(v))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Input, E> {
        Ok(Input::String(v.to_owned()))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Input, E> {
        Ok(Input::String(v))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Input, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Input::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Input, A::Error> {
        let mut entries = Vec::new();
        while let Some((key, value)) = map.next_entry::<String, Input>()? {
            entries.push((key, value));
        }
        Ok(Input::Object(entries))
    }
}

impl<'de> Deserialize<'de> for Input {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Input, D::Error> {
        d.deserialize_any(InputVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_values_keep_their_types() {
        let v: Input = serde_json::from_str(r#"{"a":1.5,"b":"x","c":[true,null],"d":{}}"#).unwrap();
        assert_eq!(
            v,
            Input::Object(vec![
                ("a".into(), Input::Number(1.5)),
                ("b".into(), Input::String("x".into())),
                (
                    "c".into(),
                    Input::Array(vec![Input::Bool(true), Input::Null])
                ),
                ("d".into(), Input::Object(vec![])),
            ])
        );
        assert_eq!(Input::Array(vec![]).type_name(), "array");
    }
}
