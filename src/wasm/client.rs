//! `AstroClient`: the five operations with shared options, and the page-by-page iterator.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;

use js_sys::{Function, Object, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::future_to_promise;

use crate::call::{prepare_client_call, Call};
use crate::config::{self, Config};
use crate::error::Error;
use crate::model::Workspace;
use crate::paginate::Pager;
use crate::response::Output;
use crate::validate::Problems;
use crate::wasm::convert::{get, is_signal, to_input, to_js};
use crate::wasm::errors::to_js_error;
use crate::wasm::run::{run, Env};
use crate::wasm::{rejected, spawn};

/// A client for the Workspace endpoints, holding the token, base URL and defaults.
#[wasm_bindgen]
pub struct AstroClient {
    config: Rc<Config>,
    fetch: Option<Function>,
    logger: Option<Function>,
}

impl AstroClient {
    /// The environment of one call: the client's functions and the call's signal.
    fn env(&self, options: &JsValue) -> Env {
        let signal = get(options, "signal");
        Env {
            fetch: self.fetch.clone(),
            logger: self.logger.clone(),
            signal: is_signal(&signal).then(|| signal.unchecked_into()),
        }
    }

    fn call(&self, call: Call<'_>, options: Option<JsValue>) -> Promise {
        let options = options.unwrap_or_default();
        match prepare_client_call(call, &self.config, &to_input(&options)) {
            Ok((op, config)) => spawn(op, config, self.env(&options)),
            Err(error) => rejected(&error),
        }
    }
}

#[wasm_bindgen]
impl AstroClient {
    /// Checks the options and makes a client; throws a `ValidationError` for bad options.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "AstroClientOptions")] options: JsValue,
    ) -> Result<AstroClient, JsValue> {
        let mut p = Problems::default();
        let config = config::client_options(&to_input(&options), false, &mut p);
        let config = p
            .finish(config)
            .map_err(|e| to_js_error(&Error::validation(e), None, JsValue::UNDEFINED))?;
        let function = |key| {
            Some(get(&options, key))
                .filter(JsValue::is_function)
                .map(Function::from)
        };
        Ok(AstroClient {
            config: Rc::new(config),
            fetch: function("fetch"),
            logger: function("logger"),
        })
    }

    /// Creates a Workspace; never retried once the request may have reached the server.
    #[wasm_bindgen(js_name = createWorkspace, unchecked_return_type = "Promise<Workspace>")]
    pub fn create_workspace(
        &self,
        #[wasm_bindgen(js_name = organizationId, unchecked_param_type = "string")] organization_id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "CreateWorkspaceRequest")] body: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: Option<JsValue>,
    ) -> Promise {
        let (org, body) = (to_input(&organization_id), to_input(&body));
        self.call(Call::Create(&org, &body), options)
    }

    /// Lists one page of Workspaces.
    #[wasm_bindgen(js_name = listWorkspaces, unchecked_return_type = "Promise<WorkspacesPaginated>")]
    pub fn list_workspaces(
        &self,
        #[wasm_bindgen(js_name = organizationId, unchecked_param_type = "string")] organization_id: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "ListWorkspacesParams")] params: Option<
            JsValue,
        >,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: Option<JsValue>,
    ) -> Promise {
        let (org, params) = (
            to_input(&organization_id),
            to_input(&params.unwrap_or_default()),
        );
        self.call(Call::List(&org, &params), options)
    }

    /// Gets one Workspace.
    #[wasm_bindgen(js_name = getWorkspace, unchecked_return_type = "Promise<Workspace>")]
    pub fn get_workspace(
        &self,
        #[wasm_bindgen(js_name = organizationId, unchecked_param_type = "string")] organization_id: JsValue,
        #[wasm_bindgen(js_name = workspaceId, unchecked_param_type = "string")]
        workspace_id: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: Option<JsValue>,
    ) -> Promise {
        let (org, ws) = (to_input(&organization_id), to_input(&workspace_id));
        self.call(Call::Get(&org, &ws), options)
    }

    /// Replaces a Workspace's name, description and CI/CD default.
    #[wasm_bindgen(js_name = updateWorkspace, unchecked_return_type = "Promise<Workspace>")]
    pub fn update_workspace(
        &self,
        #[wasm_bindgen(js_name = organizationId, unchecked_param_type = "string")] organization_id: JsValue,
        #[wasm_bindgen(js_name = workspaceId, unchecked_param_type = "string")]
        workspace_id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "UpdateWorkspaceRequest")] body: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: Option<JsValue>,
    ) -> Promise {
        let (org, ws, body) = (
            to_input(&organization_id),
            to_input(&workspace_id),
            to_input(&body),
        );
        self.call(Call::Update(&org, &ws, &body), options)
    }

    /// Deletes a Workspace; resolves to `undefined`.
    #[wasm_bindgen(js_name = deleteWorkspace, unchecked_return_type = "Promise<void>")]
    pub fn delete_workspace(
        &self,
        #[wasm_bindgen(js_name = organizationId, unchecked_param_type = "string")] organization_id: JsValue,
        #[wasm_bindgen(js_name = workspaceId, unchecked_param_type = "string")]
        workspace_id: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: Option<JsValue>,
    ) -> Promise {
        let (org, ws) = (to_input(&organization_id), to_input(&workspace_id));
        self.call(Call::Delete(&org, &ws), options)
    }

    /// Walks every matching Workspace, fetching one page at a time as the loop asks.
    #[wasm_bindgen(js_name = iterateWorkspaces)]
    pub fn iterate_workspaces(
        &self,
        #[wasm_bindgen(js_name = organizationId, unchecked_param_type = "string")] organization_id: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "IterateWorkspacesParams")] params: Option<
            JsValue,
        >,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: Option<JsValue>,
    ) -> WorkspaceIterator {
        let (params, options) = (params.unwrap_or_default(), options.unwrap_or_default());
        let mut p = Problems::default();
        let pager = Pager::new(&to_input(&organization_id), &to_input(&params), &mut p);
        let overrides = config::call_options(&to_input(&options), &mut p);
        let state = p
            .finish(pager.zip(overrides))
            .map(|(pager, overrides)| Walk {
                pager,
                page: VecDeque::new(),
                config: self.config.with(&overrides),
                env: self.env(&options),
            })
            .map_err(Error::validation);
        WorkspaceIterator {
            state: Rc::new(RefCell::new(Some(state))),
        }
    }
}

/// A walk in progress: the pager and the one page held in memory.
struct Walk {
    pager: Pager,
    page: VecDeque<Workspace>,
    config: Config,
    env: Env,
}

/// The async iterator `iterateWorkspaces` returns (use it with `for await`).
#[wasm_bindgen]
pub struct WorkspaceIterator {
    /// `None` once finished; `Some(Err)` holds a validation error for the first `next()`.
    state: Rc<RefCell<Option<Result<Walk, Error>>>>,
}

/// Builds `{ done, value }`.
fn step(done: bool, value: &JsValue) -> JsValue {
    let result = Object::new();
    let _ = Reflect::set(&result, &"done".into(), &JsValue::from_bool(done));
    let _ = Reflect::set(&result, &"value".into(), value);
    result.into()
}

#[wasm_bindgen]
impl WorkspaceIterator {
    /// Returns the next Workspace, fetching the next page when this one is used up.
    #[wasm_bindgen(unchecked_return_type = "Promise<IteratorResult<Workspace, undefined>>")]
    pub fn next(&self) -> Promise {
        let state = self.state.clone();
        future_to_promise(async move {
            loop {
                let (op, config, env) = {
                    let mut slot = state.borrow_mut();
                    let walk = match slot.take() {
                        None => return Ok(step(true, &JsValue::UNDEFINED)),
                        Some(Err(error)) => {
                            return Err(to_js_error(&error, None, JsValue::UNDEFINED))
                        }
                        Some(Ok(walk)) => walk,
                    };
                    let mut walk = walk;
                    if let Some(ws) = walk.page.pop_front() {
                        *slot = Some(Ok(walk));
                        return Ok(step(false, &to_js(&ws)));
                    }
                    let Some(op) = walk.pager.next_operation() else {
                        return Ok(step(true, &JsValue::UNDEFINED));
                    };
                    let (config, env) = (walk.config.clone(), walk.env.clone());
                    *slot = Some(Ok(walk));
                    (op, config, env)
                };
                let output = run(&op, &config, &env).await;
                let mut slot = state.borrow_mut();
                match (output, slot.as_mut()) {
                    (Ok(Output::Page(page)), Some(Ok(walk))) => {
                        walk.page = walk.pager.accept(page).into()
                    }
                    (Err(error), _) => {
                        *slot = None;
                        return Err(error);
                    }
                    // Stopped by `return()` while the page was on its way.
                    _ => return Ok(step(true, &JsValue::UNDEFINED)),
                }
            }
        })
    }

    /// Ends the walk early (a `break` out of `for await` calls this): no further request.
    #[wasm_bindgen(
        js_name = "return",
        unchecked_return_type = "Promise<IteratorResult<Workspace, undefined>>"
    )]
    pub fn finish(&self) -> Promise {
        self.state.borrow_mut().take();
        Promise::resolve(&step(true, &JsValue::UNDEFINED))
    }
}
