//! When to try again, and how long to wait first. Time and randomness are arguments, so
//! every decision is exact and testable.

#[allow(unused_imports)]
use crate::prelude::*;

use crate::error::Error;
use crate::request::Operation;
use crate::response::{HttpResponse, Output};

/// The first backoff, before retry 0.
pub const BASE_DELAY_MS: f64 = 500.0;
/// The longest backoff.
pub const MAX_DELAY_MS: f64 = 8_000.0;
/// The largest share of a backoff taken off at random.
pub const JITTER: f64 = 0.25;
/// The longest wait a server's `Retry-After` can ask for and still be honoured.
pub const MAX_RETRY_AFTER_MS: u64 = 60_000;

/// What to do after an attempt.
#[derive(Debug, Clone, PartialEq)]
pub enum Decision {
    /// Stop: this is the call's result.
    Finish(Result<Output, Error>),
    /// Wait this many milliseconds, then try again.
    Retry {
        /// How long to wait.
        delay_ms: u64,
    },
}

/// Returns true when `error` means the request got no answer (a connection failure or a
/// timeout): the server may or may not have acted on it.
pub fn unanswered(error: &Error) -> bool {
    matches!(error, Error::Connection { .. } | Error::Timeout { .. })
}

/// Returns true when repeating `op` after `error` is safe and may help.
pub fn is_retryable(op: &Operation, error: &Error) -> bool {
    let status = match error {
        Error::Api { status, .. } => Some(*status),
        Error::Connection { .. } | Error::Timeout { .. } => None,
        _ => return false,
    };
    match op {
        // A create that may have reached the server is never repeated: one Workspace must
        // not become two. Only 429 says the request was not processed.
        Operation::Create(..) => status == Some(429),
        _ => matches!(status, None | Some(408 | 429 | 500 | 502 | 503 | 504)),
    }
}

/// The backoff before retry `n` (0-based): `min(500 ms * 2^n, 8 s)`, less `random * 25%`.
///
/// `random` is in `[0, 1)`; values outside are clamped.
pub fn backoff_ms(n: u32, random: f64) -> u64 {
    let base = (BASE_DELAY_MS * f64::from(1u32 << n.min(16))).min(MAX_DELAY_MS);
    let random = if random.is_finite() {
        random.clamp(0.0, 1.0)
    } else {
        0.0
    };
    libm::round(base * (1.0 - JITTER * random)) as u64
}

/// Decides what follows attempt `attempt` (0-based) of `op`.
///
/// `earlier_unanswered` says whether an earlier attempt of this call got no answer (a
/// connection failure or a timeout); `random` is in `[0, 1)`.
pub fn decide(
    op: &Operation,
    attempt: u32,
    max_retries: u64,
    earlier_unanswered: bool,
    outcome: Result<Output, Error>,
    random: f64,
) -> Decision {
    let error = match outcome {
        Ok(output) => return Decision::Finish(Ok(output)),
        Err(e) => e,
    };
    if let (Operation::Delete(..), Error::Api { status: 404, .. }) = (op, &error) {
        if earlier_unanswered {
            // The earlier attempt deleted it; the answer was lost on the way back.
            return Decision::Finish(Ok(Output::Deleted));
        }
    }
    if u64::from(attempt) >= max_retries || !is_retryable(op, &error) {
        return Decision::Finish(Err(error));
    }
    match &error {
        Error::Api {
            retry_after_ms: Some(ms),
            ..
        } if *ms > MAX_RETRY_AFTER_MS => Decision::Finish(Err(error)),
        Error::Api {
            retry_after_ms: Some(ms),
            ..
        } => Decision::Retry { delay_ms: *ms },
        _ => Decision::Retry {
            delay_ms: backoff_ms(attempt, random),
        },
    }
}

/// Reads how long the server asked the caller to wait: `retry-after-ms` first, then
/// `Retry-After` as seconds or as an HTTP date (measured from when the response arrived).
pub fn retry_after_ms(response: &HttpResponse) -> Option<u64> {
    if let Some(ms) = response
        .retry_after_ms
        .as_deref()
        .and_then(|v| decimal(v, 1))
    {
        return Some(ms);
    }
    let value = response.retry_after.as_deref()?.trim();
    if let Some(ms) = decimal(value, 1000) {
        return Some(ms);
    }
    let at_ms = http_date_ms(value)? as f64;
    Some(libm::ceil((at_ms - response.received_at_ms).max(0.0)) as u64)
}

/// Reads a non-negative decimal number of units and returns it times `scale`, rounded up
/// (`decimal("1.5", 1000)` is 1500); `None` for anything else.
fn decimal(text: &str, scale: u64) -> Option<u64> {
    let text = text.trim();
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty()
        || whole.len() > 12
        || !digits(whole)
        || !digits(fraction)
        || (text.contains('.') && fraction.is_empty())
    {
        return None;
    }
    let whole: u64 = whole.parse().ok()?;
    // The fraction's first digits, scaled: "5" of "1.5" in thousandths is 500.
    let mut part = 0u64;
    let mut unit = scale;
    let mut rest = false;
    for d in fraction.bytes().map(|b| u64::from(b - b'0')) {
        if unit >= 10 {
            unit /= 10;
            part += d * unit;
        } else if d > 0 {
            rest = true;
        }
    }
    Some(whole * scale + part + u64::from(rest))
}

/// Reads an HTTP date in the IMF-fixdate form every sender must use (RFC 9110, 5.6.7), such
/// as `Sun, 06 Nov 1994 08:49:37 GMT`, as milliseconds since the Unix epoch.
///
/// The two obsolete forms are not read: a `Retry-After` the client cannot read is ignored and
/// the usual backoff applies. (A date crate would cost more WASM bytes than the rule is worth.)
pub fn http_date_ms(text: &str) -> Option<i64> {
    let b = text.as_bytes();
    if b.len() != 29
        || &b[3..5] != b", "
        || &b[25..] != b" GMT"
        || [7, 11, 16].iter().any(|&i| b[i] != b' ')
        || b[19] != b':'
        || b[22] != b':'
    {
        return None;
    }
    let number = |from: usize, to: usize| -> Option<i64> {
        let part = &b[from..to];
        part.iter()
            .all(u8::is_ascii_digit)
            .then(|| part.iter().fold(0i64, |n, d| n * 10 + i64::from(d - b'0')))
    };
    const MONTHS: [&[u8; 3]; 12] = [
        b"Jan", b"Feb", b"Mar", b"Apr", b"May", b"Jun", b"Jul", b"Aug", b"Sep", b"Oct", b"Nov",
        b"Dec",
    ];
    let month = MONTHS.iter().position(|m| &b[8..11] == *m)? as i64 + 1;
    let (day, year) = (number(5, 7)?, number(12, 16)?);
    let (hour, minute, second) = (number(17, 19)?, number(20, 22)?, number(23, 25)?);
    if !(1..=31).contains(&day) || hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    // Days from 1970-01-01 to the civil date (Howard Hinnant's days_from_civil).
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    Some(((days * 24 + hour) * 60 + minute) * 60_000 + second * 1000)
}
