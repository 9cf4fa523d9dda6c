//! The calls as Rust functions returning a JS `Promise`, for a Rust program built to
//! WebAssembly that uses this crate directly (a Rust front end, or this crate's edge tests in
//! tests/wasm.rs). Each call is the same plan the npm package makes, driven by the same JS loop
//! (`run` in `js/driver.js`), so it behaves as the package does: validation, retries,
//! timeouts, the caller's signal, errors.
//!
//! Not in the npm package's build (feature `tiny`): its JS entry wraps the plans itself.

#[allow(unused_imports)]
use crate::prelude::*;

use js_sys::Promise;
use wasm_bindgen::prelude::*;

use crate::wasm::client::Client;
use crate::wasm::handles::{self, hold};
use crate::wasm::plan::Plan;
use crate::wasm::plan_create;

// The driver's own loop and its readers of `fetch`, `logger` and `signal`, so these calls read
// their options exactly as the package's do.
#[wasm_bindgen(module = "/js/driver.js")]
extern "C" {
    /// Runs a planned call (its handle, asked through `plans`) to its end: resolves to its
    /// result or rejects with its error.
    fn run(plans: Plans, plan: f64, fetch: JsValue, logger: JsValue, signal: JsValue) -> Promise;
    /// `options[key]` when it is a function, else `undefined`.
    #[wasm_bindgen(js_name = fn)]
    fn function_of(options: &JsValue, key: &str) -> JsValue;
    /// `options.signal` when it is signal-shaped, else `undefined`.
    #[wasm_bindgen(js_name = signalOf)]
    fn signal_of(options: &JsValue) -> JsValue;
}

/// A call's `options.signal` when it is signal-shaped, else `undefined`.
fn call_signal(options: Option<&JsValue>) -> JsValue {
    options.map_or(JsValue::UNDEFINED, signal_of)
}

/// Drives `plan`, or rejects with the validation error that stopped it.
fn drive(
    plan: Result<Plan, JsValue>,
    fetch: &JsValue,
    logger: &JsValue,
    signal: JsValue,
) -> Promise {
    match hold(plan) {
        Ok(plan) => run(Plans, plan, fetch.clone(), logger.clone(), signal),
        Err(error) => Promise::reject(&error),
    }
}

/// The questions the driver asks a plan, by its handle, as the methods `run` calls: the
/// package's entry makes the same object of the module's `plan*` exports.
#[wasm_bindgen(skip_typescript)]
pub struct Plans;

#[wasm_bindgen]
impl Plans {
    /// See [`handles::plan_request`].
    pub fn request(&self, plan: f64) -> Result<String, JsValue> {
        handles::plan_request(plan)
    }

    /// See [`handles::plan_settle`].
    #[allow(clippy::too_many_arguments)]
    pub fn settle(
        &self,
        plan: f64,
        status: f64,
        body: Option<Vec<u8>>,
        request_id: Option<String>,
        retry_after: Option<String>,
        retry_after_ms: Option<String>,
        location: Option<String>,
        now_ms: f64,
        random: f64,
    ) -> Result<f64, JsValue> {
        handles::plan_settle(
            plan,
            status,
            body,
            request_id,
            retry_after,
            retry_after_ms,
            location,
            now_ms,
            random,
        )
    }

    /// See [`handles::plan_fail`].
    pub fn fail(
        &self,
        plan: f64,
        kind: u8,
        message: Option<String>,
        detail: Option<String>,
        random: f64,
    ) -> Result<f64, JsValue> {
        handles::plan_fail(plan, kind, message, detail, random)
    }

    /// See [`handles::plan_output`].
    pub fn output(&self, plan: f64) -> Result<String, JsValue> {
        handles::plan_output(plan)
    }

    /// See [`handles::plan_error`].
    pub fn error(&self, plan: f64, cause: JsValue) -> JsValue {
        handles::plan_error(plan, cause)
    }

    /// See [`handles::plan_aborted`].
    pub fn aborted(&self, plan: f64) -> JsValue {
        handles::plan_aborted(plan)
    }

    /// See [`handles::plan_log_event`].
    #[wasm_bindgen(js_name = logEvent)]
    pub fn log_event(&self, plan: f64, duration_ms: f64) -> Result<String, JsValue> {
        handles::plan_log_event(plan, duration_ms)
    }

    /// See [`handles::plan_free`] (`free` is the class's own, which frees this object).
    pub fn release(&self, plan: f64) {
        handles::plan_free(plan)
    }
}

/// Creates a Workspace with a one-off configuration (`options.token` is required); resolves to
/// the created Workspace, or rejects with an `AstroError` subclass.
pub fn create_workspace(organization_id: JsValue, body: JsValue, options: JsValue) -> Promise {
    let (fetch, logger) = (
        function_of(&options, "fetch"),
        function_of(&options, "logger"),
    );
    let signal = signal_of(&options);
    drive(
        plan_create(organization_id, body, options),
        &fetch,
        &logger,
        signal,
    )
}

/// A client for the Workspace endpoints, holding the token, base URL and defaults: the Rust
/// face of the package's `AstroClient`. Each method takes the package's arguments as JS values
/// and returns a `Promise` of the package's result.
pub struct AstroClient {
    client: Client,
    fetch: JsValue,
    logger: JsValue,
}

impl AstroClient {
    /// Checks the options; a `ValidationError` for bad ones.
    pub fn new(options: JsValue) -> Result<AstroClient, JsValue> {
        let (fetch, logger) = (
            function_of(&options, "fetch"),
            function_of(&options, "logger"),
        );
        let client = Client::new(options)?;
        Ok(AstroClient {
            client,
            fetch,
            logger,
        })
    }

    /// Drives `plan` with the client's `fetch` and `logger` and the call's `signal`.
    fn drive(&self, plan: Result<Plan, JsValue>, signal: JsValue) -> Promise {
        drive(plan, &self.fetch, &self.logger, signal)
    }

    /// Creates a Workspace; resolves to it.
    pub fn create_workspace(
        &self,
        org: JsValue,
        body: JsValue,
        options: Option<JsValue>,
    ) -> Promise {
        let signal = call_signal(options.as_ref());
        self.drive(self.client.create(org, body, options), signal)
    }

    /// Lists one page of Workspaces; resolves to the page.
    pub fn list_workspaces(
        &self,
        org: JsValue,
        params: Option<JsValue>,
        options: Option<JsValue>,
    ) -> Promise {
        let signal = call_signal(options.as_ref());
        self.drive(self.client.list(org, params, options), signal)
    }

    /// Gets one Workspace; resolves to it.
    pub fn get_workspace(&self, org: JsValue, ws: JsValue, options: Option<JsValue>) -> Promise {
        let signal = call_signal(options.as_ref());
        self.drive(self.client.get(org, ws, options), signal)
    }

    /// Updates a Workspace; resolves to it as updated.
    pub fn update_workspace(
        &self,
        org: JsValue,
        ws: JsValue,
        body: JsValue,
        options: Option<JsValue>,
    ) -> Promise {
        let signal = call_signal(options.as_ref());
        self.drive(self.client.update(org, ws, body, options), signal)
    }

    /// Deletes a Workspace; resolves to `undefined`.
    pub fn delete_workspace(&self, org: JsValue, ws: JsValue, options: Option<JsValue>) -> Promise {
        let signal = call_signal(options.as_ref());
        self.drive(self.client.delete(org, ws, options), signal)
    }
}
