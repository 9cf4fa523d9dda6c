//! One HTTP attempt through `fetch`, bounded by a timeout and the caller's AbortSignal.

use std::cell::Cell;
use std::rc::Rc;

use js_sys::{Function, Object, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use crate::error::Error;
use crate::request::HttpRequest;
use crate::response::{HttpResponse, HEADERS_READ};
use crate::wasm::convert::{get, to_input};

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
    fn add_event_listener(this: &AbortSignal, kind: &str, listener: &Function) -> Result<(), JsValue>;
    #[wasm_bindgen(method, catch, js_name = removeEventListener)]
    fn remove_event_listener(this: &AbortSignal, kind: &str, listener: &Function) -> Result<(), JsValue>;

    type FetchResponse;
    #[wasm_bindgen(method, catch)]
    fn text(this: &FetchResponse) -> Result<JsValue, JsValue>;

    type FetchHeaders;
    #[wasm_bindgen(method, catch)]
    fn get(this: &FetchHeaders, name: &str) -> Result<JsValue, JsValue>;
}

impl AbortSignal {
    /// Returns true when the signal has fired.
    pub fn is_aborted(&self) -> bool {
        self.aborted().ok().and_then(|a| a.as_bool()).unwrap_or(false)
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

impl Transport<'_> {
    /// Sends `request` and reads the whole body, within `timeout_ms`; the JS error behind a
    /// connection failure comes back beside the core error.
    pub async fn send(&self, request: &HttpRequest, timeout_ms: u64) -> Result<HttpResponse, (Error, JsValue)> {
        if self.signal.is_some_and(AbortSignal::is_aborted) {
            return Err((Error::Aborted, JsValue::UNDEFINED));
        }
        let controller = AbortController::new();
        let stop = Rc::new(Cell::new(Stop::None));
        let mut reject_stop: Option<Function> = None;
        // Settles only when the timeout or the caller's signal fires, so a `fetch` that
        // ignores its signal is still cut off.
        let stopped = Promise::new(&mut |_, reject| reject_stop = Some(reject));
        let fire = |why: Stop| {
            let (stop, controller, reject) = (stop.clone(), controller.clone(), reject_stop.clone());
            Closure::<dyn FnMut()>::new(move || {
                if stop.get() == Stop::None {
                    stop.set(why);
                    controller.abort();
                    if let Some(reject) = &reject {
                        let _ = reject.call0(&JsValue::UNDEFINED);
                    }
                }
            })
        };
        let on_timeout = fire(Stop::Timeout);
        let on_abort = fire(Stop::Aborted);
        let timer = set_timeout(on_timeout.as_ref().unchecked_ref(), timeout_ms as f64);
        if let Some(signal) = self.signal {
            let _ = signal.add_event_listener("abort", on_abort.as_ref().unchecked_ref());
        }

        let result = self.exchange(request, &controller, &stopped).await;

        clear_timeout(&timer);
        if let Some(signal) = self.signal {
            let _ = signal.remove_event_listener("abort", on_abort.as_ref().unchecked_ref());
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

    async fn exchange(&self, request: &HttpRequest, controller: &AbortController, stopped: &Promise) -> Result<HttpResponse, JsValue> {
        let init = Object::new();
        let set = |k: &str, v: &JsValue| Reflect::set(&init, &JsValue::from_str(k), v);
        set("method", &JsValue::from_str(request.method.as_str()))?;
        let headers = Object::new();
        for (name, value) in &request.headers {
            Reflect::set(&headers, &JsValue::from_str(name), &JsValue::from_str(value))?;
        }
        set("headers", &headers)?;
        if let Some(body) = &request.body {
            set("body", &JsValue::from_str(body))?;
        }
        set("redirect", &JsValue::from_str("manual"))?;
        set("signal", &controller.signal())?;

        let pending = match self.fetch {
            Some(fetch) => fetch.call2(&JsValue::UNDEFINED, &JsValue::from_str(&request.url), &init)?,
            None => global_fetch(&request.url, &init)?,
        };
        let response = race(pending, stopped).await?;
        let mut out = HttpResponse {
            status: get(&response, "status").as_f64().filter(|s| (0.0..1000.0).contains(s)).ok_or_else(|| {
                JsValue::from(js_sys::Error::new("fetch resolved to something that is not a Response"))
            })? as u16,
            ..HttpResponse::default()
        };
        let headers: FetchHeaders = get(&response, "headers").unchecked_into();
        for name in HEADERS_READ {
            if let Some(value) = headers.get(name).ok().and_then(|v| v.as_string()) {
                out.set_header(name, value);
            }
        }
        let response: FetchResponse = response.unchecked_into();
        let body = race(response.text()?, stopped).await?;
        out.body = body.as_string().unwrap_or_default();
        out.json = js_sys::JSON::parse(&out.body).ok().map(|json| to_input(&json));
        out.received_at_ms = now_ms();
        Ok(out)
    }
}

/// Waits for `value` (a promise or not) unless `stopped` rejects first.
async fn race(value: JsValue, stopped: &Promise) -> Result<JsValue, JsValue> {
    let both = js_sys::Array::of2(&Promise::resolve(&value), stopped);
    JsFuture::from(Promise::race(&both)).await
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

/// Waits `ms` milliseconds, or less if the caller's signal fires; returns false if it fired.
pub async fn sleep(ms: u64, signal: Option<&AbortSignal>) -> bool {
    let mut settle: Option<Function> = None;
    let wait = Promise::new(&mut |resolve, _| settle = Some(resolve));
    let Some(settle) = settle else { return false };
    let timer = set_timeout(&settle, ms as f64);
    if let Some(signal) = signal {
        let _ = signal.add_event_listener("abort", &settle);
    }
    let _ = JsFuture::from(wait).await;
    clear_timeout(&timer);
    if let Some(signal) = signal {
        let _ = signal.remove_event_listener("abort", &settle);
        return !signal.is_aborted();
    }
    true
}
