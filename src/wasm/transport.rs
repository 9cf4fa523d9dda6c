//! One HTTP attempt through `fetch`, bounded by a timeout and the caller's AbortSignal.

use std::cell::Cell;
use std::rc::Rc;

use js_sys::{Function, Promise, Reflect};
use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use crate::error::Error;
use crate::request::HttpRequest;
use crate::response::{needs_headers, HttpResponse, HEADERS_READ};
use crate::wasm::convert::get;

#[wasm_bindgen]
extern "C" {
    /// The global `fetch` (Node 18+, browsers, workers), never `window.fetch`.
    #[wasm_bindgen(js_name = fetch, catch)]
    fn global_fetch(url: &str, init: &JsValue) -> Result<JsValue, JsValue>;

    #[wasm_bindgen(js_name = setTimeout)]
    fn set_timeout(handler: &Function, ms: f64) -> JsValue;

    #[wasm_bindgen(js_name = clearTimeout)]
    fn clear_timeout(handle: &JsValue);

    #[wasm_bindgen(js_namespace = Date, js_name = now)]
    pub fn now_ms() -> f64;

    /// `AbortController`.
    #[derive(Clone)]
    pub type AbortController;
    #[wasm_bindgen(constructor)]
    fn new() -> AbortController;
    #[wasm_bindgen(method, getter)]
    fn signal(this: &AbortController) -> JsValue;
    #[wasm_bindgen(method)]
    fn abort(this: &AbortController);

    /// `AbortSignal`, or anything shaped like one.
    #[derive(Clone)]
    pub type AbortSignal;
    #[wasm_bindgen(method, getter, catch)]
    fn aborted(this: &AbortSignal) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(method, catch, js_name = addEventListener)]
    fn add_event_listener(
        this: &AbortSignal,
        kind: &str,
        listener: &Function,
    ) -> Result<(), JsValue>;
    #[wasm_bindgen(method, catch, js_name = removeEventListener)]
    fn remove_event_listener(
        this: &AbortSignal,
        kind: &str,
        listener: &Function,
    ) -> Result<(), JsValue>;

    type FetchResponse;
    #[wasm_bindgen(method, getter, catch)]
    fn status(this: &FetchResponse) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(method, getter, catch)]
    fn headers(this: &FetchResponse) -> Result<FetchHeaders, JsValue>;
    #[wasm_bindgen(method, catch)]
    fn text(this: &FetchResponse) -> Result<JsValue, JsValue>;

    type FetchHeaders;
    #[wasm_bindgen(method, catch)]
    fn get(this: &FetchHeaders, name: &str) -> Result<JsValue, JsValue>;
}

impl AbortSignal {
    /// Returns true when the signal has fired.
    pub fn is_aborted(&self) -> bool {
        self.aborted()
            .ok()
            .and_then(|a| a.as_bool())
            .unwrap_or(false)
    }
}

/// Which of the two stop reasons fired first.
#[derive(Clone, Copy, PartialEq)]
enum Stop {
    None,
    Timeout,
    Aborted,
}

/// What an attempt needs besides the request.
pub struct Transport<'a> {
    /// The caller's `fetch`, or `None` for the global one.
    pub fetch: Option<&'a Function>,
    /// The caller's signal.
    pub signal: Option<&'a AbortSignal>,
}

/// The `fetch` options, serialized in one piece and parsed by the platform's `JSON.parse`.
#[derive(Serialize)]
struct Init<'a> {
    method: &'static str,
    #[serde(serialize_with = "crate::log::as_object")]
    headers: &'a [(String, String)],
    #[serde(skip_serializing_if = "Option::is_none")]
    body: Option<&'a str>,
    redirect: &'static str,
}

impl Transport<'_> {
    /// Sends `request` and reads the whole body, within `timeout_ms`; the JS error behind a
    /// connection failure comes back beside the core error. The caller checks first that the
    /// signal has not fired (an already-aborted signal sends no further event).
    pub async fn send(
        &self,
        request: &HttpRequest,
        timeout_ms: u64,
    ) -> Result<HttpResponse, (Error, JsValue)> {
        let controller = AbortController::new();
        let stop = Rc::new(Cell::new(Stop::None));
        // The global fetch ends both the headers and the body when its signal fires; a
        // caller's fetch may ignore it, so its promises also race one that rejects then.
        let mut reject_stop: Option<Function> = None;
        let stopped = self
            .fetch
            .map(|_| Promise::new(&mut |_, reject| reject_stop = Some(reject)));
        let on_stop = {
            let (stop, controller) = (stop.clone(), controller.clone());
            // The timer calls it with no argument, the signal with its abort event.
            Closure::<dyn FnMut(JsValue)>::new(move |event: JsValue| {
                if stop.get() == Stop::None {
                    stop.set(if event.is_undefined() {
                        Stop::Timeout
                    } else {
                        Stop::Aborted
                    });
                    controller.abort();
                    if let Some(reject) = &reject_stop {
                        let _ = reject.call0(&JsValue::UNDEFINED);
                    }
                }
            })
        };
        let listener: &Function = on_stop.as_ref().unchecked_ref();
        let timer = set_timeout(listener, timeout_ms as f64);
        if let Some(signal) = self.signal {
            let _ = signal.add_event_listener("abort", listener);
        }

        let result = self.exchange(request, &controller, stopped.as_ref()).await;

        clear_timeout(&timer);
        if let Some(signal) = self.signal {
            let _ = signal.remove_event_listener("abort", listener);
        }
        let stop = stop.get();
        let aborted = stop == Stop::Aborted || self.signal.is_some_and(AbortSignal::is_aborted);
        result.map_err(|cause| {
            let error = match stop {
                _ if aborted => Error::Aborted,
                Stop::Timeout => Error::Timeout { timeout_ms },
                _ => Error::Connection {
                    message: describe(&cause),
                },
            };
            (error, cause)
        })
    }

    async fn exchange(
        &self,
        request: &HttpRequest,
        controller: &AbortController,
        stopped: Option<&Promise>,
    ) -> Result<HttpResponse, JsValue> {
        let init = Init {
            method: request.method.as_str(),
            headers: &request.headers,
            body: request.body.as_deref(),
            redirect: "manual",
        };
        let init = js_sys::JSON::parse(&serde_json::to_string(&init).unwrap_or_default())?;
        Reflect::set(&init, &JsValue::from_str("signal"), &controller.signal())?;

        let pending = match self.fetch {
            Some(fetch) => {
                fetch.call2(&JsValue::UNDEFINED, &JsValue::from_str(&request.url), &init)?
            }
            None => global_fetch(&request.url, &init)?,
        };
        let response: FetchResponse = settle(pending, stopped).await?.unchecked_into();
        let status = response
            .status()?
            .as_f64()
            .filter(|s| (0.0..1000.0).contains(s));
        let status = status.ok_or_else(|| {
            JsValue::from(js_sys::Error::new(
                "fetch resolved to something that is not a Response",
            ))
        })?;
        let mut out = HttpResponse {
            status: status as u16,
            ..HttpResponse::default()
        };
        if needs_headers(out.status) {
            let headers = response.headers()?;
            for name in HEADERS_READ {
                if let Some(value) = headers.get(name).ok().and_then(|v| v.as_string()) {
                    out.set_header(name, value);
                }
            }
        }
        let body = settle(response.text()?, stopped).await?;
        out.set_body(body.as_string().unwrap_or_default());
        out.received_at_ms = now_ms();
        Ok(out)
    }
}

/// Waits for `value` (a promise or not), unless `stopped` rejects first.
async fn settle(value: JsValue, stopped: Option<&Promise>) -> Result<JsValue, JsValue> {
    let value = Promise::resolve(&value);
    match stopped {
        Some(stopped) => JsFuture::from(Promise::race(&js_sys::Array::of2(&value, stopped))).await,
        None => JsFuture::from(value).await,
    }
}

/// Describes a JS error from `fetch` in a sentence: its message and, for Node, its cause's.
fn describe(cause: &JsValue) -> String {
    let text = |v: &JsValue| get(v, "message").as_string().filter(|m| !m.is_empty());
    let mut message = text(cause).unwrap_or_else(|| "fetch failed".to_owned());
    if let Some(inner) = text(&get(cause, "cause")) {
        message = format!("{message} ({inner})");
    }
    message
}

/// Waits `ms` milliseconds, or less if the caller's signal fires (or already has).
pub async fn sleep(ms: u64, signal: Option<&AbortSignal>) {
    if signal.is_some_and(AbortSignal::is_aborted) {
        return;
    }
    let mut settle: Option<Function> = None;
    let wait = Promise::new(&mut |resolve, _| settle = Some(resolve));
    let Some(settle) = settle else { return };
    let timer = set_timeout(&settle, ms as f64);
    if let Some(signal) = signal {
        let _ = signal.add_event_listener("abort", &settle);
    }
    let _ = JsFuture::from(wait).await;
    clear_timeout(&timer);
    if let Some(signal) = signal {
        let _ = signal.remove_event_listener("abort", &settle);
    }
}
