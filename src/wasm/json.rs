//! Response bodies that take the full decoder (errors, success bodies the one-pass check did
//! not pass) are parsed by the platform's `JSON.parse`, and the value is read into an
//! [`Input`] by the same reader as a caller's input, to the end. So no JSON parser ships in the
//! `.wasm`. The native build parses the same text with `serde_json` (`src/json.rs`); what that
//! parser refuses is refused here too, so both builds see the same bodies as JSON.

#[allow(unused_imports)]
use crate::prelude::*;

use js_sys::JSON;

use crate::input::Input;
use crate::unpack::Reach;
use crate::wasm::convert::read;

/// The deepest nesting of arrays and objects a body may have: `serde_json`'s limit (it refuses
/// the 128th level), which also bounds the recursion of everything that walks an [`Input`].
pub const MAX_DEPTH: usize = 127;

/// The reach of a response body: every level up to [`MAX_DEPTH`], every item, keys checked.
const BODY: Reach = Reach {
    depth: MAX_DEPTH,
    strict_keys: true,
};

/// Parses a body with `JSON.parse` and reads the value; `None` when it is not JSON, or is JSON
/// that `serde_json` refuses: nested deeper than [`MAX_DEPTH`], a number out of the `f64`
/// range, or an escaped unpaired UTF-16 surrogate in a string or a key.
pub fn parse(text: &str) -> Option<Input> {
    let value = JSON::parse(text).ok()?;
    let [input] = read([&value], BODY, f64::INFINITY);
    is_json(&input).then_some(input)
}

/// Returns true when every part of `value` has the JSON form `serde_json` reads: no opaque part
/// (nested too deep, an unpaired surrogate) and no number out of range.
fn is_json(value: &Input) -> bool {
    match value {
        Input::Number(n) => n.is_finite(),
        Input::Opaque(_) => false,
        Input::Array(items) => items.iter().all(is_json),
        Input::Object(entries) => entries.iter().all(|(_, v)| is_json(v)),
        _ => true,
    }
}
