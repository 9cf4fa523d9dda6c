//! Moving values across the JS boundary: JS values into [`Input`], Rust values into plain
//! JS objects.

#[allow(unused_imports)]
use crate::prelude::*;

use js_sys::{Reflect, JSON};
use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::input::Input;
use crate::unpack::{unpack, Reach};
use crate::wasm::to_json::to_json;

#[wasm_bindgen(module = "/js/edge.js")]
extern "C" {
    /// Writes up to four values in the compact form of `src/unpack.rs` into `into` when they
    /// fit; returns how many bytes they take. Reads with a caller's code (getters, Proxy traps)
    /// catch what it throws.
    fn pack(
        into: &mut [u8],
        depth: u32,
        items: f64,
        a: &JsValue,
        b: &JsValue,
        c: &JsValue,
        d: &JsValue,
    ) -> u32;
    /// Copies what the last `pack` wrote into `into`, when it did not fit there.
    fn take(into: &mut [u8]);
}

/// How deep arrays and objects are read: no rule looks further than a body's fields, a list
/// parameter's items or a header's value, so a value below that is known by its type alone.
/// This also makes circular and very deep values cheap.
pub const READ_DEPTH: usize = 2;
/// The longest array an input may hold (a sparse `length` of 2^32 - 1 must not hang).
pub const MAX_ITEMS: f64 = 10_000.0;

/// The reach of a caller's input: [`READ_DEPTH`] levels, keys read as text.
const INPUT: Reach = Reach {
    depth: READ_DEPTH,
    strict_keys: false,
};

/// Bytes set aside for a call's inputs: a normal call's fit (a create's take about 150).
const SCRATCH: usize = 512;

/// Reads up to four JS values as [`Input`]s in one pass, keeping their JS types; values with
/// no JSON form (functions, symbols, bigints, signals) become [`Input::Opaque`]. Never throws.
pub fn to_inputs<const N: usize>(values: [&JsValue; N]) -> [Input; N] {
    read(values, INPUT, MAX_ITEMS)
}

/// Reads any JS value as an [`Input`] (see [`to_inputs`]).
pub fn to_input(value: &JsValue) -> Input {
    let [input] = to_inputs([value]);
    input
}

/// Reads `values` as far as `reach` goes, arrays of up to `items` items: the JS side writes
/// them into a scratch buffer on the stack here, or into one of their size when they do not fit.
pub(crate) fn read<const N: usize>(values: [&JsValue; N], reach: Reach, items: f64) -> [Input; N] {
    let absent = JsValue::UNDEFINED;
    let value = |i: usize| values.get(i).copied().unwrap_or(&absent);
    let mut scratch = [0; SCRATCH];
    let depth = u32::try_from(reach.depth).unwrap_or(u32::MAX);
    let len = pack(
        &mut scratch,
        depth,
        items,
        value(0),
        value(1),
        value(2),
        value(3),
    ) as usize;
    match scratch.get(..len) {
        Some(bytes) => unpack(bytes, reach),
        None => {
            let mut bytes = vec![0; len];
            take(&mut bytes);
            unpack(&bytes, reach)
        }
    }
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
