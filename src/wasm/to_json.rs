//! JSON text for the JS side: the crate's writer (`crate::to_json`), with floats written by the
//! platform's `JSON.stringify`, so no float formatter ships in the `.wasm`.

#[allow(unused_imports)]
use crate::prelude::*;

use js_sys::JSON;
use serde::Serialize;
use wasm_bindgen::JsValue;

use crate::to_json::{to_json_with, Floats};

/// Floats as `JSON.stringify` writes them (the shortest text that reads back as the same
/// number: `1`, `0.1`, `1e+300`), and `-0` as `-0.0`, which `JSON.stringify` would write as `0`.
pub struct Platform;

impl Floats for Platform {
    fn push(out: &mut String, n: f64) {
        if n == 0.0 && n.is_sign_negative() {
            out.push_str("-0.0");
            return;
        }
        let text = JSON::stringify(&JsValue::from_f64(n))
            .ok()
            .and_then(|s| s.as_string());
        // `JSON.stringify` writes every finite number; `null` keeps the text JSON regardless.
        out.push_str(text.as_deref().unwrap_or("null"));
    }
}

/// Writes `value` as compact JSON for `JSON.parse`: `serde_json`'s text, except that a float
/// is written by the platform (the same number when read back).
pub fn to_json<T: Serialize + ?Sized>(value: &T) -> String {
    to_json_with::<Platform, T>(value)
}
