//! Moving values across the JS boundary: JS values into [`Input`], Rust values into plain
//! JS objects.

use js_sys::{Array, JsString, Reflect, JSON};
use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::input::Input;

#[wasm_bindgen]
extern "C" {
    // Proxies can throw from any trap, so every call that may run a caller's code catches.
    #[wasm_bindgen(js_namespace = Object, js_name = keys, catch)]
    fn object_keys(value: &JsValue) -> Result<Array, JsValue>;
    #[wasm_bindgen(js_namespace = Array, js_name = isArray, catch)]
    fn is_array(value: &JsValue) -> Result<bool, JsValue>;
}

/// How deep an input may nest before it is refused; this also stops circular objects,
/// which would otherwise overflow the WASM stack.
pub const MAX_DEPTH: usize = 32;
/// The longest array an input may hold (a sparse `length` of 2^32 - 1 must not hang).
pub const MAX_ITEMS: f64 = 10_000.0;

/// Reads any JS value as an [`Input`], keeping its JS type; values with no JSON form
/// (functions, symbols, bigints, signals) become [`Input::Opaque`]. Never throws.
pub fn to_input(value: &JsValue) -> Input {
    to_input_at(value, 0, "")
}

/// Reads `value`, found under `key` at `depth`; the commonest types are tested first, as each
/// test is a call into JS.
fn to_input_at(value: &JsValue, depth: usize, key: &str) -> Input {
    if let Some(s) = value.as_string() {
        // `as_string` replaces an unpaired surrogate with U+FFFD; refuse rather than alter.
        if s.contains('\u{FFFD}') && !value.unchecked_ref::<JsString>().is_valid_utf16() {
            Input::Opaque("a string with an unpaired UTF-16 surrogate")
        } else {
            Input::String(s)
        }
    } else if let Some(n) = value.as_f64() {
        Input::Number(n)
    } else if let Some(b) = value.as_bool() {
        Input::Bool(b)
    } else if value.is_undefined() || value.is_null() {
        Input::Null
    } else if value.is_function() {
        Input::Opaque("function")
    } else if !value.is_object() {
        Input::Opaque(if value.is_symbol() {
            "symbol"
        } else {
            "bigint"
        })
    } else if depth >= MAX_DEPTH {
        Input::Opaque("a value nested too deeply (or circular)")
    } else if key == "signal" && is_signal(value) {
        Input::Opaque("AbortSignal")
    } else if is_array(value).unwrap_or(false) {
        let length = get(value, "length").as_f64().unwrap_or(0.0);
        if length > MAX_ITEMS {
            return Input::Opaque("an array of more than 10000 items");
        }
        let items = (0..length as u32).map(|i| {
            let item = Reflect::get_u32(value, i).unwrap_or(JsValue::UNDEFINED);
            to_input_at(&item, depth + 1, "")
        });
        Input::Array(items.collect())
    } else {
        let Ok(keys) = object_keys(value) else {
            return Input::Opaque("an object whose keys cannot be read");
        };
        let entries = keys
            .iter()
            .filter_map(|key| {
                let v = Reflect::get(value, &key).unwrap_or(JsValue::UNDEFINED);
                let key = key.as_string()?;
                let input = to_input_at(&v, depth + 1, &key);
                Some((key, input))
            })
            .collect();
        Input::Object(entries)
    }
}

/// Returns true for an AbortSignal (anything with a boolean `aborted` and `addEventListener`).
pub fn is_signal(value: &JsValue) -> bool {
    value.is_object()
        && Reflect::get(value, &"aborted".into()).is_ok_and(|a| a.as_bool().is_some())
        && Reflect::get(value, &"addEventListener".into()).is_ok_and(|f| f.is_function())
}

/// Turns a Rust value into a plain JS object in one step: serialize here, `JSON.parse` there.
///
/// Only the model's own fields exist, so no `__proto__` or `constructor` key can come through.
pub fn to_js<T: Serialize>(value: &T) -> JsValue {
    serde_json::to_string(value)
        .ok()
        .and_then(|json| JSON::parse(&json).ok())
        .unwrap_or(JsValue::UNDEFINED)
}

/// Reads one property of an object, or `undefined` for anything else.
pub fn get(object: &JsValue, key: &str) -> JsValue {
    if object.is_object() {
        Reflect::get(object, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
    } else {
        JsValue::UNDEFINED
    }
}
