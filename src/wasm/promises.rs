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
use crate::wasm::plan::Plan;
use crate::wasm::plan_create;

// The driver's own loop and its readers of `fetch`, `logger` and `signal`, so these calls read
// their options exactly as the package's do.
#[wasm_bindgen(module = "/js/driver.js")]
extern "C" {
    /// Runs a planned call to its end: resolves to its result or rejects with its error.
    fn run(plan: Plan, fetch: JsValue, logger: JsValue, signal: JsValue) -> Promise;
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
    match plan {
        Ok(plan) => run(plan, fetch.clone(), logger.clone(), signal),
        Err(error) => Promise::reject(&error),
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
