//! One call in progress, driven by the small JS loop of `js/driver.js`: the loop moves bytes
//! through `fetch`, timers and signals, and asks the [`Plan`] at each step what follows.
//!
//! Every decision stays here: the request, how to read the answer, whether and when to try
//! again, and which error it is.

#[allow(unused_imports)]
use crate::prelude::*;

use alloc::rc::Rc;
use core::cell::Cell;

use wasm_bindgen::prelude::*;

use crate::check;
use crate::config::Config;
use crate::error::Error;
use crate::log::LogEvent;
use crate::request::{HttpRequest, Operation};
use crate::response::{HttpResponse, Output};
use crate::retry::{self, Decision};
use crate::text::find;
use crate::wasm::convert::get;
use crate::wasm::errors::to_js_error;
use crate::wasm::json;
use crate::wasm::to_json::to_json;

/// The call succeeded: the result is `JSON.parse` of the body as it came.
pub const PARSE: f64 = -1.0;
/// The call succeeded: the result is `JSON.parse` of [`Plan::output`].
pub const OUTPUT: f64 = -2.0;
/// The call succeeded with no result (a delete).
pub const DELETED: f64 = -3.0;
/// The call failed: throw [`Plan::error`].
pub const FAILED: f64 = -4.0;

/// How an attempt failed before an answer came: the connection, the timeout, or the caller.
const CONNECTION: u8 = 0;
const TIMEOUT: u8 = 1;

/// One validated operation with its configuration, and where its attempts stand.
#[wasm_bindgen(skip_typescript)]
pub struct Plan {
    op: Operation,
    config: Rc<Config>,
    request: HttpRequest,
    attempt: u32,
    earlier_unanswered: bool,
    /// The finished call's output or error, once there is one.
    result: Option<Result<Output, Error>>,
    /// The last attempt, for its log event: number, status, error class.
    last: (u32, Option<u16>, Option<&'static str>),
}

impl Plan {
    /// Starts a call of `op` under `config`.
    pub fn new(op: Operation, config: Rc<Config>) -> Plan {
        let request = op.request(&config);
        Plan {
            op,
            config,
            request,
            attempt: 0,
            earlier_unanswered: false,
            result: None,
            last: (0, None, None),
        }
    }

    /// Takes in the outcome of the current attempt and says what follows.
    fn decide(&mut self, outcome: Result<Output, Error>, altered: bool, random: f64) -> f64 {
        self.last = (
            self.attempt + 1,
            self.last.1,
            outcome.as_ref().err().map(Error::class_name),
        );
        let unanswered = matches!(&outcome, Err(e) if retry::unanswered(e));
        let decision = retry::decide(
            &self.op,
            self.attempt,
            self.config.max_retries,
            self.earlier_unanswered,
            outcome,
            random,
        );
        match decision {
            Decision::Finish(result) => {
                let verdict = match &result {
                    Ok(Output::Deleted) => DELETED,
                    Ok(_) if !altered => PARSE,
                    Ok(_) => OUTPUT,
                    Err(_) => FAILED,
                };
                self.attempt += 1;
                self.result = Some(result);
                verdict
            }
            Decision::Retry { delay_ms } => {
                self.earlier_unanswered |= unanswered;
                self.attempt += 1;
                delay_ms as f64
            }
        }
    }
}

#[wasm_bindgen]
impl Plan {
    /// The request as JSON: `{ method, url, headers, body?, timeoutMs }`.
    pub fn request(&self) -> String {
        to_json(&self.request.for_driver(self.config.timeout_ms))
    }

    /// Takes in an answer (`status` not a number: `fetch` resolved to something else) and
    /// returns a verdict: [`PARSE`], [`OUTPUT`], [`DELETED`], [`FAILED`], or the milliseconds to
    /// wait before the next attempt. Headers are read for a status outside 2xx only.
    #[allow(clippy::too_many_arguments)]
    pub fn settle(
        &mut self,
        status: f64,
        body: Option<Vec<u8>>,
        request_id: Option<String>,
        retry_after: Option<String>,
        retry_after_ms: Option<String>,
        location: Option<String>,
        now_ms: f64,
        random: f64,
    ) -> f64 {
        if !(libm::trunc(status) == status && (0.0..1000.0).contains(&status)) {
            let message = "fetch resolved to something that is not a Response".to_owned();
            return self.fail_with(Error::Connection { message }, random);
        }
        let status = status as u16;
        let body = body.unwrap_or_default();
        if (200..300).contains(&status) {
            // Checked as bytes, as `TextDecoder` reads them for `JSON.parse`: less one BOM.
            let bytes = body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&body[..]);
            let verdict = match &self.op {
                Operation::Delete(..) => Some(DELETED),
                Operation::List(..) => check::is_clean_page(bytes).then_some(PARSE),
                _ => check::is_clean_workspace(bytes).then_some(PARSE),
            };
            if let Some(verdict) = verdict {
                // A success is never retried: this is the call's result.
                self.attempt += 1;
                self.last = (self.attempt, Some(status), None);
                return verdict;
            }
        }
        let body = text_of(body);
        let response = HttpResponse {
            status,
            request_id,
            retry_after,
            retry_after_ms,
            location,
            // Only here, off the clean path: the platform's `JSON.parse` reads the body.
            json: json::parse(&body),
            body,
            received_at_ms: now_ms,
        };
        self.last.1 = Some(status);
        let altered = Cell::new(false);
        let outcome = self.op.interpret_tracked(&response, &altered);
        self.decide(outcome, altered.get(), random)
    }

    /// Takes in an attempt that got no answer: `kind` 0 is a connection failure (with the
    /// runtime's `message` and its cause's `detail`), 1 the timeout, 2 the caller's abort.
    pub fn fail(
        &mut self,
        kind: u8,
        message: Option<String>,
        detail: Option<String>,
        random: f64,
    ) -> f64 {
        let error = match kind {
            CONNECTION => {
                let mut message = message
                    .filter(|m| !m.is_empty())
                    .unwrap_or_else(|| "fetch failed".to_owned());
                if let Some(detail) = detail.filter(|d| !d.is_empty()) {
                    message.push_str(" (");
                    message.push_str(&detail);
                    message.push(')');
                }
                Error::Connection { message }
            }
            TIMEOUT => Error::Timeout {
                timeout_ms: self.config.timeout_ms,
            },
            _ => Error::Aborted,
        };
        self.fail_with(error, random)
    }

    fn fail_with(&mut self, error: Error, random: f64) -> f64 {
        self.last.1 = None;
        self.decide(Err(error), false, random)
    }

    /// The result as JSON, after [`OUTPUT`].
    pub fn output(&self) -> String {
        match &self.result {
            Some(Ok(Output::Workspace(ws))) => to_json(ws),
            Some(Ok(Output::Page(page))) => to_json(page),
            _ => String::new(),
        }
    }

    /// The JS error to throw after [`FAILED`]; `cause` is the runtime's error behind a
    /// connection failure, dropped if it mentions the token.
    pub fn error(&mut self, cause: JsValue) -> JsValue {
        let error = match self.result.take() {
            Some(Err(error)) => error,
            _ => Error::Aborted,
        };
        self.js_error(error, cause)
    }

    /// The `AbortError` for a call whose signal fired before its next attempt.
    pub fn aborted(&self) -> JsValue {
        self.js_error(Error::Aborted, JsValue::UNDEFINED)
    }

    /// The logger's event for the attempt just taken in, as JSON.
    #[wasm_bindgen(js_name = logEvent)]
    pub fn log_event(&self, duration_ms: f64) -> String {
        let (attempt, status, error) = self.last;
        let duration = libm::round(duration_ms.max(0.0)) as u64;
        let mut event = LogEvent::new(&self.request, &self.config.token, attempt, duration);
        event.status = status;
        event.error = error;
        to_json(&event)
    }
}

/// Reads a body's bytes as text the way `Response.text()` does: UTF-8, a leading byte order
/// mark dropped, anything invalid replaced by U+FFFD.
fn text_of(bytes: Vec<u8>) -> String {
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    };
    match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_owned(),
        None => text,
    }
}

impl Plan {
    fn js_error(&self, error: Error, cause: JsValue) -> JsValue {
        let token = &self.config.token;
        let error = error.redact(token);
        let text = js_sys::JSON::stringify(&cause)
            .ok()
            .and_then(|s| s.as_string())
            .unwrap_or_default()
            + &cause.as_string().unwrap_or_default()
            + &get(&cause, "message").as_string().unwrap_or_default();
        let cause = if find(&text, token, 0).is_some() {
            JsValue::UNDEFINED
        } else {
            cause
        };
        to_js_error(&error, Some(self.attempt), cause)
    }
}
