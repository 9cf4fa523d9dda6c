//! Moving values across the JS boundary: JS values into [`Input`], Rust values into plain
//! JS objects.

#[allow(unused_imports)]
use crate::prelude::*;

use js_sys::{Array, Reflect, Uint8Array, JSON};
use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::input::Input;
use crate::text::find;
use crate::wasm::to_json::to_json;

#[wasm_bindgen(module = "/js/edge.js")]
extern "C" {
    #[wasm_bindgen(js_name = kindOf)]
    fn kind_of(value: &JsValue) -> u8;
    fn utf8(value: &JsValue) -> Uint8Array;
    #[wasm_bindgen(js_name = isWellFormed)]
    fn is_well_formed(value: &JsValue) -> bool;
}

#[wasm_bindgen]
extern "C" {
    // Proxies can throw from any trap, so every call that may run a caller's code catches.
    #[wasm_bindgen(js_namespace = Object, js_name = keys, catch)]
    fn object_keys(value: &JsValue) -> Result<Array, JsValue>;
}

/// How deep arrays and objects are read: no rule looks further than a body's fields, a list
/// parameter's items or a header's value, so a value below that is known by its type alone.
/// This also makes circular and very deep values cheap.
pub const READ_DEPTH: usize = 2;
/// The longest array an input may hold (a sparse `length` of 2^32 - 1 must not hang).
pub const MAX_ITEMS: f64 = 10_000.0;

/// Reads any JS value as an [`Input`], keeping its JS type; values with no JSON form
/// (functions, symbols, bigints, signals) become [`Input::Opaque`]. Never throws.
pub fn to_input(value: &JsValue) -> Input {
    to_input_at(value, 0, "", INPUT)
}

/// How far a read goes. A caller's input is read [`READ_DEPTH`] levels deep with at most
/// [`MAX_ITEMS`] items per array; a response body (`src/wasm/json.rs`) to the end.
#[derive(Clone, Copy)]
pub(crate) struct Reach {
    /// Arrays and objects inside this many others are read as opaque, by their type alone.
    pub depth: usize,
    /// Longer arrays are read as opaque.
    pub items: f64,
    /// A key with an unpaired surrogate makes its value opaque (keys are read as text either way).
    pub strict_keys: bool,
}

/// The reach of a caller's input.
const INPUT: Reach = Reach {
    depth: READ_DEPTH,
    items: MAX_ITEMS,
    strict_keys: false,
};

/// Reads a string, refusing (rather than altering) one with an unpaired surrogate: both
/// copies would replace it with U+FFFD.
fn read_string(value: &JsValue, long: bool) -> Input {
    const UNPAIRED: Input = Input::Opaque("a string with an unpaired UTF-16 surrogate");
    if long {
        // One native check and one native copy, rather than a scan and a loop in the glue.
        if !is_well_formed(value) {
            return UNPAIRED;
        }
        return Input::String(String::from_utf8(utf8(value).to_vec()).unwrap_or_default());
    }
    let text = value.as_string().unwrap_or_default();
    if find(&text, "\u{FFFD}", 0).is_some() && !is_well_formed(value) {
        UNPAIRED
    } else {
        Input::String(text)
    }
}

/// Reads `value`, found under `key` inside `depth` arrays and objects, as far as `reach` goes:
/// one call learns its kind, one more its content.
pub(crate) fn to_input_at(value: &JsValue, depth: usize, key: &str, reach: Reach) -> Input {
    match kind_of(value) {
        0 => Input::Null,
        1 => read_string(value, false),
        2 => read_string(value, true),
        3 => Input::Number(value.as_f64().unwrap_or(f64::NAN)),
        4 => Input::Bool(false),
        5 => Input::Bool(true),
        6 => Input::Opaque("function"),
        7 => Input::Opaque("symbol"),
        8 => Input::Opaque("bigint"),
        9 if depth >= reach.depth => Input::Opaque("array"),
        9 => {
            let length = get(value, "length").as_f64().unwrap_or(0.0);
            if length > reach.items {
                return Input::Opaque("an array of more than 10000 items");
            }
            let items = (0..length as u32).map(|i| {
                let item = Reflect::get_u32(value, i).unwrap_or(JsValue::UNDEFINED);
                to_input_at(&item, depth + 1, "", reach)
            });
            Input::Array(items.collect())
        }
        10 if key == "signal" && is_signal(value) => Input::Opaque("AbortSignal"),
        10 if depth >= reach.depth => Input::Opaque("object"),
        10 => {
            let Ok(keys) = object_keys(value) else {
                return Input::Opaque("an object whose keys cannot be read");
            };
            let entries = keys
                .iter()
                .filter_map(|key| {
                    let v = Reflect::get(value, &key).unwrap_or(JsValue::UNDEFINED);
                    let text = key.as_string()?;
                    let unpaired = reach.strict_keys
                        && find(&text, "\u{FFFD}", 0).is_some()
                        && !is_well_formed(&key);
                    let input = if unpaired {
                        Input::Opaque("a key with an unpaired UTF-16 surrogate")
                    } else {
                        to_input_at(&v, depth + 1, &text, reach)
                    };
                    Some((text, input))
                })
                .collect();
            Input::Object(entries)
        }
        _ => Input::Opaque("an object whose keys cannot be read"),
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
    JSON::parse(&to_json(value)).unwrap_or(JsValue::UNDEFINED)
}

/// Reads one property of an object, or `undefined` for anything else.
pub fn get(object: &JsValue, key: &str) -> JsValue {
    if object.is_object() {
        Reflect::get(object, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
    } else {
        JsValue::UNDEFINED
    }
}
