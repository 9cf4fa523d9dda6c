//! The thin WebAssembly edge: JS exports, JS <-> Rust conversion, `fetch`, timers, signals.
//! Nothing here decides API behaviour; the core does.

mod client;
mod convert;
mod errors;
mod run;
mod transport;
mod types;

use js_sys::{Function, Promise};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::future_to_promise;

use crate::call::{prepare_standalone, Call};
use crate::config::Config;
use crate::error::Error;
use crate::request::Operation;
use crate::response::Output;
use convert::{get, to_input, to_js};
use run::{run, Env};

pub use client::{AstroClient, WorkspaceIterator};

// Talc is smaller and faster than the default dlmalloc for single-threaded WASM.
#[cfg(not(target_feature = "atomics"))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

/// Turns an operation's output into what the JS promise resolves to.
fn output_to_js(output: Output) -> JsValue {
    match output {
        Output::Workspace(ws) => to_js(&ws),
        Output::Page(page) => to_js(&page),
        Output::Deleted => JsValue::UNDEFINED,
    }
}

/// Runs a validated operation and returns the promise of its result.
fn spawn(op: Operation, config: Config, env: Env) -> Promise {
    future_to_promise(async move { run(&op, &config, &env).await.map(output_to_js) })
}

/// Returns a promise rejected with the JS form of `error`.
fn rejected(error: &Error) -> Promise {
    Promise::reject(&errors::to_js_error(error, None, JsValue::UNDEFINED))
}

/// Reads the JS-only parts of validated options: `fetch`, `logger`, `signal`.
fn env_of(options: &JsValue) -> Env {
    let function = |key| {
        Some(get(options, key))
            .filter(JsValue::is_function)
            .map(Function::from)
    };
    Env {
        fetch: function("fetch"),
        logger: function("logger"),
        signal: Some(get(options, "signal"))
            .filter(convert::is_signal)
            .map(JsCast::unchecked_into),
    }
}

/// Validates and runs a standalone call whose options carry the token and base URL.
fn standalone(call: Call<'_>, options: &JsValue) -> Promise {
    match prepare_standalone(call, &to_input(options)) {
        Ok((op, config)) => spawn(op, config, env_of(options)),
        Err(error) => rejected(&error),
    }
}

/// Creates a Workspace in an Organization; resolves to the created Workspace.
#[wasm_bindgen(js_name = createWorkspace, unchecked_return_type = "Promise<Workspace>")]
pub fn create_workspace(
    #[wasm_bindgen(js_name = organizationId, unchecked_param_type = "string")]
    organization_id: JsValue,
    #[wasm_bindgen(unchecked_param_type = "CreateWorkspaceRequest")] body: JsValue,
    #[wasm_bindgen(unchecked_param_type = "CreateWorkspaceOptions")] options: JsValue,
) -> Promise {
    let (org, body) = (to_input(&organization_id), to_input(&body));
    standalone(Call::Create(&org, &body), &options)
}

/// Checks a Create Workspace input without sending anything; `[]` when it is valid.
#[wasm_bindgen(js_name = validateCreateWorkspace, unchecked_return_type = "FieldError[]")]
pub fn validate_create_workspace(
    #[wasm_bindgen(js_name = organizationId, unchecked_param_type = "unknown")]
    organization_id: JsValue,
    #[wasm_bindgen(unchecked_param_type = "unknown")] body: JsValue,
) -> JsValue {
    let (org, body) = (to_input(&organization_id), to_input(&body));
    to_js(&Call::Create(&org, &body).problems())
}

/// Checks an Update Workspace input without sending anything; `[]` when it is valid.
#[wasm_bindgen(js_name = validateUpdateWorkspace, unchecked_return_type = "FieldError[]")]
pub fn validate_update_workspace(
    #[wasm_bindgen(js_name = organizationId, unchecked_param_type = "unknown")]
    organization_id: JsValue,
    #[wasm_bindgen(js_name = workspaceId, unchecked_param_type = "unknown")] workspace_id: JsValue,
    #[wasm_bindgen(unchecked_param_type = "unknown")] body: JsValue,
) -> JsValue {
    let (org, ws, body) = (
        to_input(&organization_id),
        to_input(&workspace_id),
        to_input(&body),
    );
    to_js(&Call::Update(&org, &ws, &body).problems())
}

/// Checks List Workspaces parameters without sending anything; `[]` when they are valid.
#[wasm_bindgen(js_name = validateListWorkspaces, unchecked_return_type = "FieldError[]")]
pub fn validate_list_workspaces(
    #[wasm_bindgen(js_name = organizationId, unchecked_param_type = "unknown")]
    organization_id: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "unknown")] params: Option<JsValue>,
) -> JsValue {
    let (org, params) = (
        to_input(&organization_id),
        to_input(&params.unwrap_or_default()),
    );
    to_js(&Call::List(&org, &params).problems())
}
