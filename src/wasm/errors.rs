//! Turning core errors into instances of the package's JS error classes.

#[allow(unused_imports)]
use crate::prelude::*;

use wasm_bindgen::prelude::*;

use crate::error::Error;
use crate::wasm::convert::to_js;

#[wasm_bindgen(module = "/js/errors.js")]
extern "C" {
    #[wasm_bindgen(js_name = createError)]
    fn create_error(class: &str, message: &str, fields: JsValue, cause: JsValue) -> JsValue;
}

/// Builds the JS error for `error`; `attempts` is how many requests the call made (none for
/// a validation error) and `cause` the JS error behind a connection failure.
pub fn to_js_error(error: &Error, attempts: Option<u32>, cause: JsValue) -> JsValue {
    let fields = to_js(&error.fields(attempts));
    create_error(error.class_name(), &error.message(), fields, cause)
}
