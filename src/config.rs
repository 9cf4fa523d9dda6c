//! Client and per-call options: the token, the base URL, timeouts, retries, extra headers.

#[allow(unused_imports)]
use crate::prelude::*;

use crate::input::Input;
use crate::text::cat;
use crate::validate::{object_fields, object_fields_of, optional_integer, Code, Problems};

/// The API's public base URL (v1).
pub const DEFAULT_BASE_URL: &str = "https://api.astronomer.io/v1";
/// How the path of a v1beta1 base URL ends; such a URL has no v1-only fields or minor versions.
pub const V1BETA1_SUFFIX: &str = "/v1beta1";
/// How long one attempt may take, headers and body together, unless told otherwise.
pub const DEFAULT_TIMEOUT_MS: u64 = 60_000;
/// The longest timeout a JS timer can hold (`2^31 - 1` ms).
pub const MAX_TIMEOUT_MS: u64 = 2_147_483_647;
/// How many times a failed attempt is retried, unless told otherwise.
pub const DEFAULT_MAX_RETRIES: u64 = 2;
/// The most retries a caller may ask for.
pub const MAX_RETRIES_LIMIT: u64 = 10;
/// Headers the client sets itself, which a caller's `headers` may not replace
/// (`x-api-version` comes from the `apiVersion` option, which is checked).
pub const RESERVED_HEADERS: [&str; 4] =
    ["authorization", "content-type", "accept", "x-api-version"];

/// Everything a request needs besides its operation.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    /// The bearer token (a secret: never put into any message).
    pub token: String,
    /// The base URL without a trailing slash.
    pub base_url: String,
    /// How long one attempt may take, in milliseconds.
    pub timeout_ms: u64,
    /// How many times a failed attempt may be retried.
    pub max_retries: u64,
    /// Extra headers sent with every request.
    pub headers: Vec<(String, String)>,
    /// The minor version of v1 to pin (`X-API-Version`), when set.
    pub api_version: Option<String>,
}

/// What one call may override.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CallOptions {
    /// Replaces the client's timeout for this call.
    pub timeout_ms: Option<u64>,
    /// Replaces the client's retry count for this call.
    pub max_retries: Option<u64>,
    /// Added to (and replacing same-named) client headers for this call.
    pub headers: Vec<(String, String)>,
}

impl CallOptions {
    /// Returns true when the call overrides nothing.
    pub fn is_empty(&self) -> bool {
        self.timeout_ms.is_none() && self.max_retries.is_none() && self.headers.is_empty()
    }
}

impl Config {
    /// Returns this configuration with one call's overrides applied.
    pub fn with(&self, call: &CallOptions) -> Config {
        let mut headers: Vec<(String, String)> = self
            .headers
            .iter()
            .filter(|(k, _)| !call.headers.iter().any(|(c, _)| c.eq_ignore_ascii_case(k)))
            .cloned()
            .collect();
        headers.extend(call.headers.iter().cloned());
        Config {
            token: self.token.clone(),
            base_url: self.base_url.clone(),
            timeout_ms: call.timeout_ms.unwrap_or(self.timeout_ms),
            max_retries: call.max_retries.unwrap_or(self.max_retries),
            headers,
            api_version: self.api_version.clone(),
        }
    }

    /// Returns true when the base URL is v1beta1's, which lacks v1's fields and versions.
    pub fn is_v1beta1(&self) -> bool {
        self.base_url.ends_with(V1BETA1_SUFFIX)
    }
}

/// The keys of client options; `fetch`, `logger` and `signal` are only type-checked here,
/// the JS edge uses them.
const CLIENT_KEYS: [&str; 9] = [
    "token",
    "baseUrl",
    "apiVersion",
    "timeoutMs",
    "maxRetries",
    "headers",
    "fetch",
    "logger",
    "signal",
];

/// Checks client options; `signal` is accepted only for a standalone call (`allow_signal`).
pub fn client_options(input: &Input, allow_signal: bool, p: &mut Problems) -> Option<Config> {
    let keys = if allow_signal {
        &CLIENT_KEYS[..]
    } else {
        &CLIENT_KEYS[..CLIENT_KEYS.len() - 1]
    };
    let fields = object_fields_of(input, "the options", keys, p)?;
    let [token, base_url, api_version, timeout, retries, headers, fetch, logger, signal] =
        core::array::from_fn(|i| fields.get(i).copied().flatten());
    let token = self::token(token, p);
    let base_url = match base_url {
        None => Some(DEFAULT_BASE_URL.to_owned()),
        Some(Input::String(s)) => check_base_url(s)
            .map_err(|m| p.push("baseUrl", Code::InvalidFormat, m))
            .ok(),
        Some(other) => {
            p.wrong_type("baseUrl", "a string", other);
            None
        }
    };
    let api_version = self::api_version(api_version, base_url.as_deref(), p);
    let call = call_parts(timeout, retries, headers, p);
    opaque(fetch, "fetch", Input::is_function, "a function", p);
    opaque(logger, "logger", Input::is_function, "a function", p);
    opaque(signal, "signal", Input::is_signal, "an AbortSignal", p);
    let call = call?;
    Some(Config {
        token: token?,
        base_url: base_url?,
        timeout_ms: call.timeout_ms.unwrap_or(DEFAULT_TIMEOUT_MS),
        max_retries: call.max_retries.unwrap_or(DEFAULT_MAX_RETRIES),
        headers: call.headers,
        api_version: api_version?,
    })
}

/// Checks `apiVersion`: `MAJOR.MINOR` (such as `1.0`), and only for a v1 base URL.
fn api_version(
    input: Option<&Input>,
    base_url: Option<&str>,
    p: &mut Problems,
) -> Option<Option<String>> {
    let is_number = |part: &str| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit());
    match input {
        None => Some(None),
        Some(Input::String(s)) => {
            let well_formed = s
                .split_once('.')
                .is_some_and(|(major, minor)| is_number(major) && is_number(minor));
            if !well_formed {
                let message = "apiVersion must look like MAJOR.MINOR, such as 1.0".to_owned();
                p.push("apiVersion", Code::InvalidFormat, message);
                None
            } else if base_url.is_some_and(|url| url.ends_with(V1BETA1_SUFFIX)) {
                let message = "apiVersion needs API v1, but the base URL is v1beta1's: use https://api.astronomer.io/v1".to_owned();
                p.push("apiVersion", Code::Unsupported, message);
                None
            } else {
                Some(Some(s.clone()))
            }
        }
        Some(other) => {
            p.wrong_type("apiVersion", "a string", other);
            None
        }
    }
}

/// Checks one call's options: `{ signal, timeoutMs, maxRetries, headers }`.
pub fn call_options(input: &Input, p: &mut Problems) -> Option<CallOptions> {
    let [timeout, retries, headers, signal] = object_fields(
        input,
        "the call options",
        ["timeoutMs", "maxRetries", "headers", "signal"],
        p,
    )?;
    opaque(signal, "signal", Input::is_signal, "an AbortSignal", p);
    call_parts(timeout, retries, headers, p)
}

fn call_parts(
    timeout: Option<&Input>,
    retries: Option<&Input>,
    headers: Option<&Input>,
    p: &mut Problems,
) -> Option<CallOptions> {
    let timeout_ms = optional_integer(timeout, "timeoutMs", 1, MAX_TIMEOUT_MS, p);
    let max_retries = optional_integer(retries, "maxRetries", 0, MAX_RETRIES_LIMIT, p);
    let headers = extra_headers(headers, p);
    Some(CallOptions {
        timeout_ms: timeout_ms?,
        max_retries: max_retries?,
        headers: headers?,
    })
}

fn opaque(
    input: Option<&Input>,
    field: &str,
    ok: fn(&Input) -> bool,
    expected: &str,
    p: &mut Problems,
) {
    if let Some(v) = input.filter(|v| !ok(v)) {
        p.wrong_type(field, expected, v);
    }
}

fn token(input: Option<&Input>, p: &mut Problems) -> Option<String> {
    match input {
        None => p.push("token", Code::Required, "token is required".into()),
        Some(Input::String(s)) if s.is_empty() => p.push("token", Code::TooShort, "token must not be empty".into()),
        Some(Input::String(s)) if s.bytes().all(|b| b.is_ascii_graphic()) => return Some(s.clone()),
        Some(Input::String(_)) => p.push(
            "token",
            Code::InvalidFormat,
            "token must contain only printable ASCII characters (no spaces, line breaks or control characters)".into(),
        ),
        Some(other) => p.wrong_type("token", "a string", other),
    }
    None
}

/// Returns true when `name` is an HTTP header name (an RFC 9110 token).
fn is_header_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

fn extra_headers(input: Option<&Input>, p: &mut Problems) -> Option<Vec<(String, String)>> {
    let entries = match input {
        None => return Some(Vec::new()),
        Some(Input::Object(entries)) => entries,
        Some(other) => {
            p.wrong_type("headers", "an object of strings", other);
            return None;
        }
    };
    let before = p.len();
    let mut out = Vec::with_capacity(entries.len());
    for (key, value) in entries {
        let field = cat(&["headers.", key]);
        if !is_header_name(key) {
            p.push(
                &field,
                Code::InvalidFormat,
                cat(&[&field, " is not a valid HTTP header name"]),
            );
        } else if RESERVED_HEADERS.iter().any(|r| r.eq_ignore_ascii_case(key)) {
            p.push(
                &field,
                Code::InvalidValue,
                cat(&[&field, " is set by the client and cannot be replaced"]),
            );
        } else {
            match value {
                Input::String(v)
                    if v.chars().all(|c| {
                        c == '\t'
                            || (' '..='\u{7e}').contains(&c)
                            || ('\u{80}'..='\u{ff}').contains(&c)
                    }) =>
                {
                    out.push((key.to_ascii_lowercase(), v.clone()))
                }
                Input::String(_) => {
                    let message = cat(&[&field, " must not contain line breaks, control characters or characters above U+00FF"]);
                    p.push(&field, Code::InvalidFormat, message)
                }
                other => p.wrong_type(&field, "a string", other),
            }
        }
    }
    (p.len() == before).then_some(out)
}

/// Checks a base URL: absolute `https:`, or `http:` for loopback hosts only, with no credentials,
/// query or fragment. Returns it without trailing slashes.
pub fn check_base_url(url: &str) -> Result<String, String> {
    let fail = |why: &str| Err(cat(&["baseUrl ", why]));
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    let (secure, rest) = if lower.starts_with("https://") {
        (true, url.get(8..).unwrap_or_default())
    } else if lower.starts_with("http://") {
        (false, url.get(7..).unwrap_or_default())
    } else {
        return fail("must be an absolute https: URL (http: is allowed only for localhost)");
    };
    if url
        .chars()
        .any(|c| c.is_whitespace() || c.is_control() || c == '\\')
    {
        return fail("must not contain spaces, control characters or backslashes");
    }
    if url.contains(['?', '#']) {
        return fail("must not have a query or a fragment");
    }
    let authority = rest
        .split_once('/')
        .map_or(rest, |(authority, _)| authority);
    if authority.contains('@') {
        return fail("must not contain a user name or password");
    }
    let (host, port) = split_host_port(authority)
        .ok_or_else(|| "baseUrl has an invalid host or port".to_owned())?;
    if host.is_empty()
        || port.is_some_and(|p| {
            p.is_empty()
                || p.len() > 5
                || !p.bytes().all(|b| b.is_ascii_digit())
                || p.parse::<u32>().map_or(true, |n| n > 65535)
        })
    {
        return fail("has an invalid host or port");
    }
    if !secure && !is_loopback(host) {
        return fail(
            "must use https: (http: is allowed only for localhost, 127.0.0.0/8 and [::1])",
        );
    }
    Ok(url.trim_end_matches('/').to_owned())
}

fn split_host_port(authority: &str) -> Option<(&str, Option<&str>)> {
    if let Some(v6) = authority.strip_prefix('[') {
        let end = v6.find(']')?;
        let after = v6.get(end + 1..)?;
        let port = match after {
            "" => None,
            _ => Some(after.strip_prefix(':')?),
        };
        return Some((authority.get(..end + 2)?, port));
    }
    match authority.split_once(':') {
        Some((host, port)) => Some((host, Some(port))),
        None => Some((authority, None)),
    }
}

/// Returns true for `localhost`, an address in 127.0.0.0/8, and `[::1]`.
pub fn is_loopback(host: &str) -> bool {
    if host.eq_ignore_ascii_case("localhost") || host == "[::1]" {
        return true;
    }
    let octets: Vec<&str> = host.split('.').collect();
    octets.len() == 4
        && octets[0] == "127"
        && octets.iter().all(|o| {
            !o.is_empty()
                && o.len() <= 3
                && o.bytes().all(|b| b.is_ascii_digit())
                && o.parse::<u16>().is_ok_and(|n| n <= 255)
        })
}
