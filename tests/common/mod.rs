//! Shared by the native test files: IDs and builders of raw inputs.
#![allow(dead_code)]

use astro_platform::Input;
use serde_json::{json, Value};

/// An Organization ID of the right shape.
pub const ORG: &str = "clm8t5u4q000008jq4qoc3036";
/// A Workspace ID of the right shape.
pub const WS: &str = "clm8t5u4q000008jq4qoc3037";

/// Parses test JSON into an input.
pub fn json(text: &str) -> Input {
    Input::from_json(text).expect("test JSON parses")
}

/// A string input.
pub fn s(text: &str) -> Input {
    Input::String(text.to_owned())
}

/// Makes every number an f64, as JS has only one kind of number.
pub fn as_js(value: Value) -> Value {
    match value {
        Value::Number(n) => json!(n.as_f64()),
        Value::Array(items) => Value::Array(items.into_iter().map(as_js).collect()),
        Value::Object(map) => Value::Object(map.into_iter().map(|(k, v)| (k, as_js(v))).collect()),
        other => other,
    }
}
