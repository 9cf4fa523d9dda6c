//! Turning core errors into instances of the package's JS error classes.

#[allow(unused_imports)]
use crate::prelude::*;

use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::error::Error;
use crate::model::FieldError;
use crate::wasm::convert::to_js;

#[wasm_bindgen(module = "/js/errors.js")]
extern "C" {
    #[wasm_bindgen(js_name = createError)]
    fn create_error(class: &str, message: &str, fields: JsValue, cause: JsValue) -> JsValue;
}

/// The fields an error instance carries besides `message`; absent ones are left out.
#[derive(Serialize, Default)]
#[serde(rename_all = "camelCase")]
struct Fields<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    status: Option<u16>,
    #[serde(skip_serializing_if = "Option::is_none")]
    request_id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    field_errors: Option<&'a [FieldError]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    retry_after_ms: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    excerpt: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    timeout_ms: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    attempts: Option<u32>,
}

/// Builds the JS error for `error`; `attempts` is how many requests the call made (none for
/// a validation error) and `cause` the JS error behind a connection failure.
pub fn to_js_error(error: &Error, attempts: Option<u32>, cause: JsValue) -> JsValue {
    let mut fields = Fields {
        attempts,
        ..Fields::default()
    };
    match error {
        Error::Validation { field_errors } => {
            fields.field_errors = Some(field_errors);
            fields.attempts = None;
        }
        Error::Api {
            status,
            request_id,
            field_errors,
            retry_after_ms,
            excerpt,
            ..
        } => {
            fields.status = Some(*status);
            fields.request_id = request_id.as_deref();
            fields.field_errors = Some(field_errors);
            fields.retry_after_ms = *retry_after_ms;
            fields.excerpt = excerpt.as_deref();
        }
        Error::Timeout { timeout_ms } => fields.timeout_ms = Some(*timeout_ms),
        Error::InvalidResponse {
            status, excerpt, ..
        } => {
            fields.status = Some(*status);
            fields.excerpt = Some(excerpt);
        }
        Error::Connection { .. } | Error::Aborted => {}
    }
    create_error(error.class_name(), &error.message(), to_js(&fields), cause)
}
