//! An untyped value as a caller handed it over, before validation gives it a type.
//!
//! The WASM edge turns any JS value into an [`Input`] (`src/wasm/convert.rs`), response bodies
//! included once the platform's `JSON.parse` has read them; the native build parses JSON text
//! with `serde_json`. The validation rules and the decoders see the same thing in both.

#[allow(unused_imports)]
use crate::prelude::*;

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
