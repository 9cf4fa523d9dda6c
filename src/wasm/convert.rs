//! Moving values across the JS boundary: JS values into [`Input`], Rust values into plain
//! JS objects.

use js_sys::{Array, Object, Reflect, JSON};
use serde::Serialize;
use wasm_bindgen::{JsCast, JsValue};

use crate::input::Input;

/// Reads any JS value as an [`Input`], keeping its JS type; values with no JSON form
/// (functions, symbols, bigints, signals) become [`Input::Opaque`].
pub fn to_input(value: &JsValue) -> Input {
    if value.is_undefined() || value.is_null() {
        Input::Null
    } else if let Some(b) = value.as_bool() {
        Input::Bool(b)
    } else if let Some(n) = value.as_f64() {
        Input::Number(n)
    } else if let Some(s) = value.as_string() {
        Input::String(s)
    } else if value.is_function() {
        Input::Opaque("function")
    } else if !value.is_object() {
        Input::Opaque(if value.is_symbol() {
            "symbol"
        } else {
            "bigint"
        })
    } else if Array::is_array(value) {
        let array: &Array = value.unchecked_ref();
        Input::Array(array.iter().map(|item| to_input(&item)).collect())
    } else if is_signal(value) {
        Input::Opaque("AbortSignal")
    } else {
        let keys = Object::keys(value.unchecked_ref::<Object>());
        let entries = keys
            .iter()
            .filter_map(|key| {
                let v = Reflect::get(value, &key).unwrap_or(JsValue::UNDEFINED);
                Some((key.as_string()?, to_input(&v)))
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
