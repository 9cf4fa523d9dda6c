//! Response bodies that take the full decoder (errors, success bodies the one-pass check did
//! not pass) are parsed by the platform's `JSON.parse` and the value read into an [`Input`]
//! here, so no JSON parser ships in the `.wasm`. The native build parses the same text with
//! `serde_json` (`src/json.rs`); this reader refuses what that parser refuses, so both builds
//! see the same bodies as JSON.

#[allow(unused_imports)]
use crate::prelude::*;

use js_sys::{Reflect, JSON};
use wasm_bindgen::prelude::*;

use crate::input::Input;
use crate::wasm::convert::{get, is_well_formed, kind_of, object_keys, read_string};

/// The deepest nesting of arrays and objects a body may have: `serde_json`'s limit (it refuses
/// the 128th level), which also bounds the recursion of everything that walks an [`Input`].
pub const MAX_DEPTH: usize = 127;

/// Parses a body with `JSON.parse` and reads the value; `None` when it is not JSON, or is JSON
/// that `serde_json` refuses: nested deeper than [`MAX_DEPTH`], a number out of the `f64`
/// range, or an escaped unpaired UTF-16 surrogate in a string or a key.
pub fn parse(text: &str) -> Option<Input> {
    let value = JSON::parse(text).ok()?;
    read(&value, 0)
}

/// Reads a value `JSON.parse` made, found inside `depth` arrays and objects.
fn read(value: &JsValue, depth: usize) -> Option<Input> {
    Some(match kind_of(value) {
        0 => Input::Null,
        kind @ (1 | 2) => match read_string(value, kind == 2) {
            Input::String(text) => Input::String(text),
            _ => return None,
        },
        3 => Input::Number(value.as_f64().filter(|n| n.is_finite())?),
        4 => Input::Bool(false),
        5 => Input::Bool(true),
        9 if depth < MAX_DEPTH => {
            let length = get(value, "length").as_f64().unwrap_or(0.0) as u32;
            let mut items = Vec::with_capacity(length as usize);
            for i in 0..length {
                let item = Reflect::get_u32(value, i).unwrap_or(JsValue::UNDEFINED);
                items.push(read(&item, depth + 1)?);
            }
            Input::Array(items)
        }
        10 if depth < MAX_DEPTH => {
            let mut entries = Vec::new();
            for key in object_keys(value).ok()?.iter() {
                let item = Reflect::get(value, &key).unwrap_or(JsValue::UNDEFINED);
                entries.push((key_of(&key)?, read(&item, depth + 1)?));
            }
            Input::Object(entries)
        }
        _ => return None,
    })
}

/// Reads a key, refusing one with an unpaired surrogate (the copy would replace it with U+FFFD).
fn key_of(key: &JsValue) -> Option<String> {
    let text = key.as_string()?;
    if text.contains('\u{FFFD}') && !is_well_formed(key) {
        return None;
    }
    Some(text)
}
