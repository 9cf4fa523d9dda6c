//! Running one operation: attempts through the transport, the core's retry decisions,
//! waits between them, one log event per attempt.

use js_sys::{Function, Math};
use wasm_bindgen::prelude::*;

use crate::config::Config;
use crate::error::Error;
use crate::log::LogEvent;
use crate::request::Operation;
use crate::response::Output;
use crate::retry::{self, Decision};
use crate::wasm::convert::to_js;
use crate::wasm::errors::to_js_error;
use crate::wasm::transport::{now_ms, sleep, AbortSignal, Transport};

/// The JS-only parts of a call: functions and the signal.
#[derive(Clone, Default)]
pub struct Env {
    /// The caller's `fetch`, or `None` for the global one.
    pub fetch: Option<Function>,
    /// The caller's `logger`.
    pub logger: Option<Function>,
    /// The caller's signal.
    pub signal: Option<AbortSignal>,
}

/// Runs `op` with retries and returns its output, or the JS error to throw.
pub async fn run(op: &Operation, config: &Config, env: &Env) -> Result<Output, JsValue> {
    let transport = Transport {
        fetch: env.fetch.as_ref(),
        signal: env.signal.as_ref(),
    };
    let mut earlier_unanswered = false;
    let mut attempt: u32 = 0;
    loop {
        // Nothing is sent once the signal has fired, and nothing unsent counts as an attempt.
        if env.signal.as_ref().is_some_and(AbortSignal::is_aborted) {
            return Err(fail(
                Error::Aborted,
                attempt,
                JsValue::UNDEFINED,
                &config.token,
            ));
        }
        let request = op.request(config);
        let started = now_ms();
        let sent = transport.send(&request, config.timeout_ms).await;
        let status = sent.as_ref().ok().map(|r| r.status);
        let (outcome, cause) = match sent {
            Ok(response) => (op.interpret(&response), JsValue::UNDEFINED),
            Err((error, cause)) => (Err(error), cause),
        };
        if let Some(logger) = &env.logger {
            let mut event = LogEvent::new(
                &request,
                &config.token,
                attempt + 1,
                (now_ms() - started).max(0.0).round() as u64,
            );
            event.status = status;
            event.error = outcome.as_ref().err().map(Error::class_name);
            // A logger that throws must not break the call.
            let _ = logger.call1(&JsValue::UNDEFINED, &to_js(&event));
        }
        let unanswered = matches!(&outcome, Err(e) if retry::unanswered(e));
        match retry::decide(
            op,
            attempt,
            config.max_retries,
            earlier_unanswered,
            outcome,
            Math::random(),
        ) {
            Decision::Finish(result) => {
                return result.map_err(|e| fail(e, attempt + 1, cause, &config.token))
            }
            // An abort during the wait is caught at the top of the loop.
            Decision::Retry { delay_ms } => sleep(delay_ms, env.signal.as_ref()).await,
        }
        earlier_unanswered |= unanswered;
        attempt += 1;
    }
}

/// Builds the JS error, with every copy of the token redacted and the cause dropped if it
/// mentions the token.
fn fail(error: Error, attempts: u32, cause: JsValue, token: &str) -> JsValue {
    let error = error.redact(token);
    let cause_text = js_sys::JSON::stringify(&cause)
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or_default()
        + &cause.as_string().unwrap_or_default()
        + &crate::wasm::convert::get(&cause, "message")
            .as_string()
            .unwrap_or_default();
    let cause = if cause_text.contains(token) {
        JsValue::UNDEFINED
    } else {
        cause
    };
    to_js_error(&error, Some(attempts), cause)
}
