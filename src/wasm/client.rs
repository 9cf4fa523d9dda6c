//! The client's state on the Rust side: its checked configuration, and the call plans and
//! page walks it starts. The JS driver (`js/driver.js`) wraps them as `AstroClient`.

#[allow(unused_imports)]
use crate::prelude::*;

use alloc::rc::Rc;

use wasm_bindgen::prelude::*;

use crate::call::{check_client_call, Call};
use crate::config::{self, CallOptions, Config};
use crate::error::Error;
use crate::input::Input;
use crate::paginate::Pager;
use crate::validate::Problems;
use crate::wasm::convert::{to_input, to_inputs};
use crate::wasm::errors::to_js_error;
use crate::wasm::plan::Plan;

/// A client's checked options (token, base URL, defaults).
#[wasm_bindgen(skip_typescript)]
pub struct Client {
    config: Rc<Config>,
}

/// Turns a validation failure into the JS `ValidationError`.
pub fn invalid(error: Error) -> JsValue {
    to_js_error(&error, None, JsValue::UNDEFINED)
}

impl Client {
    /// The client's configuration for one call: shared as it is unless the call overrides it.
    fn config_with(&self, overrides: &CallOptions) -> Rc<Config> {
        if overrides.is_empty() {
            self.config.clone()
        } else {
            Rc::new(self.config.with(overrides))
        }
    }

    /// Checks a call and its options (read with its other inputs) and plans it.
    fn plan(&self, call: Call<'_>, options: &Input) -> Result<Plan, JsValue> {
        let (op, overrides) = check_client_call(call, &self.config, options).map_err(invalid)?;
        Ok(Plan::new(op, self.config_with(&overrides)))
    }
}

#[wasm_bindgen]
impl Client {
    /// Checks the options; throws a `ValidationError` for bad ones.
    #[wasm_bindgen(constructor)]
    pub fn new(options: JsValue) -> Result<Client, JsValue> {
        let mut p = Problems::default();
        let config = config::client_options(&to_input(&options), false, &mut p);
        let config = p
            .finish(config)
            .map_err(|e| invalid(Error::validation(e)))?;
        Ok(Client {
            config: Rc::new(config),
        })
    }

    /// Plans a Create Workspace call.
    pub fn create(
        &self,
        org: JsValue,
        body: JsValue,
        options: Option<JsValue>,
    ) -> Result<Plan, JsValue> {
        let [org, body, options] = to_inputs([&org, &body, &options.unwrap_or_default()]);
        self.plan(Call::Create(&org, &body), &options)
    }

    /// Plans a List Workspaces call.
    pub fn list(
        &self,
        org: JsValue,
        params: Option<JsValue>,
        options: Option<JsValue>,
    ) -> Result<Plan, JsValue> {
        let (params, options) = (params.unwrap_or_default(), options.unwrap_or_default());
        let [org, params, options] = to_inputs([&org, &params, &options]);
        self.plan(Call::List(&org, &params), &options)
    }

    /// Plans a Get Workspace call.
    pub fn get(
        &self,
        org: JsValue,
        ws: JsValue,
        options: Option<JsValue>,
    ) -> Result<Plan, JsValue> {
        let [org, ws, options] = to_inputs([&org, &ws, &options.unwrap_or_default()]);
        self.plan(Call::Get(&org, &ws), &options)
    }

    /// Plans an Update Workspace call.
    pub fn update(
        &self,
        org: JsValue,
        ws: JsValue,
        body: JsValue,
        options: Option<JsValue>,
    ) -> Result<Plan, JsValue> {
        let options = options.unwrap_or_default();
        let [org, ws, body, options] = to_inputs([&org, &ws, &body, &options]);
        self.plan(Call::Update(&org, &ws, &body), &options)
    }

    /// Plans a Delete Workspace call.
    pub fn delete(
        &self,
        org: JsValue,
        ws: JsValue,
        options: Option<JsValue>,
    ) -> Result<Plan, JsValue> {
        let [org, ws, options] = to_inputs([&org, &ws, &options.unwrap_or_default()]);
        self.plan(Call::Delete(&org, &ws), &options)
    }

    /// Starts a walk over every page of List Workspaces.
    pub fn pages(
        &self,
        org: JsValue,
        params: Option<JsValue>,
        options: Option<JsValue>,
    ) -> Result<Pages, JsValue> {
        let (params, options) = (params.unwrap_or_default(), options.unwrap_or_default());
        // In the order they were always read: a getter sees the same sequence.
        let [params, options, org] = to_inputs([&params, &options, &org]);
        let mut p = Problems::default();
        let pager = Pager::new(&org, &params, &mut p);
        let overrides = config::call_options(&options, &mut p);
        let (pager, overrides) = p
            .finish(pager.zip(overrides))
            .map_err(|e| invalid(Error::validation(e)))?;
        Ok(Pages {
            pager,
            config: self.config_with(&overrides),
        })
    }
}

/// A walk over the pages of List Workspaces: which page comes next, and when it ends.
#[wasm_bindgen(skip_typescript)]
pub struct Pages {
    pager: Pager,
    config: Rc<Config>,
}

#[wasm_bindgen]
impl Pages {
    /// The plan of the next page's call, or `undefined` when every page has been read.
    pub fn next(&self) -> Option<Plan> {
        let op = self.pager.next_operation()?;
        Some(Plan::new(op, self.config.clone()))
    }

    /// Records the page that answered: how many Workspaces it held, out of how many.
    pub fn advance(&mut self, got: f64, total_count: f64) {
        self.pager.advance(got as u64, total_count as u64);
    }
}
