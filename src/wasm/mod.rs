//! The thin WebAssembly edge: JS exports and JS <-> Rust conversion. The I/O loop (`fetch`,
//! timers, signals) is the small JS driver `js/driver.js`, which asks a [`Plan`] at each step;
//! nothing here decides API behaviour, the core does.

#[allow(unused_imports)]
use crate::prelude::*;

mod client;
mod convert;
mod errors;
mod json;
mod plan;
#[cfg(not(feature = "tiny"))]
mod promises;
mod to_json;
mod types;

use alloc::rc::Rc;

use wasm_bindgen::prelude::*;

use crate::call::{prepare_standalone, Call};
use crate::model::FieldError;
use convert::{to_inputs, to_js};

/// Hands a validator's problems to JS: a new empty array when there are none.
fn problems_to_js(problems: Vec<FieldError>) -> JsValue {
    if problems.is_empty() {
        js_sys::Array::new().into()
    } else {
        to_js(&problems)
    }
}

pub use client::{Client, Pages};
pub use plan::Plan;
#[cfg(not(feature = "tiny"))]
pub use promises::{create_workspace, AstroClient};

// Talc is smaller and faster than the default dlmalloc for single-threaded WASM.
#[cfg(not(target_feature = "atomics"))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

/// Plans a standalone Create Workspace call whose options carry the token and base URL;
/// throws a `ValidationError` for bad input or options.
#[wasm_bindgen(js_name = planCreate, skip_typescript)]
pub fn plan_create(org: JsValue, body: JsValue, options: JsValue) -> Result<Plan, JsValue> {
    let [org, body, options] = to_inputs([&org, &body, &options]);
    let (op, config) =
        prepare_standalone(Call::Create(&org, &body), &options).map_err(client::invalid)?;
    Ok(Plan::new(op, Rc::new(config)))
}

/// Checks a Create Workspace input without sending anything; `[]` when it is valid.
#[wasm_bindgen(js_name = validateCreateWorkspace, unchecked_return_type = "FieldError[]")]
pub fn validate_create_workspace(
    #[wasm_bindgen(js_name = organizationId, unchecked_param_type = "unknown")]
    organization_id: JsValue,
    #[wasm_bindgen(unchecked_param_type = "unknown")] body: JsValue,
) -> JsValue {
    let [org, body] = to_inputs([&organization_id, &body]);
    problems_to_js(Call::Create(&org, &body).problems())
}

/// Checks an Update Workspace input without sending anything; `[]` when it is valid.
#[wasm_bindgen(js_name = validateUpdateWorkspace, unchecked_return_type = "FieldError[]")]
pub fn validate_update_workspace(
    #[wasm_bindgen(js_name = organizationId, unchecked_param_type = "unknown")]
    organization_id: JsValue,
    #[wasm_bindgen(js_name = workspaceId, unchecked_param_type = "unknown")] workspace_id: JsValue,
    #[wasm_bindgen(unchecked_param_type = "unknown")] body: JsValue,
) -> JsValue {
    let [org, ws, body] = to_inputs([&organization_id, &workspace_id, &body]);
    problems_to_js(Call::Update(&org, &ws, &body).problems())
}

/// Checks List Workspaces parameters without sending anything; `[]` when they are valid.
#[wasm_bindgen(js_name = validateListWorkspaces, unchecked_return_type = "FieldError[]")]
pub fn validate_list_workspaces(
    #[wasm_bindgen(js_name = organizationId, unchecked_param_type = "unknown")]
    organization_id: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "unknown")] params: Option<JsValue>,
) -> JsValue {
    let [org, params] = to_inputs([&organization_id, &params.unwrap_or_default()]);
    problems_to_js(Call::List(&org, &params).problems())
}
