//! The event a caller's `logger` receives for each attempt, with secrets redacted.

#[allow(unused_imports)]
use crate::prelude::*;

use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;

use crate::request::HttpRequest;
use crate::text::find;

/// Request headers whose values are always replaced by `***` in a log event.
pub const REDACTED_HEADERS: [&str; 3] = ["authorization", "cookie", "proxy-authorization"];

/// One attempt, as the logger sees it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LogEvent<'a> {
    /// The HTTP method.
    pub method: &'static str,
    /// The URL.
    pub url: &'a str,
    /// The HTTP status, when a response arrived.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<u16>,
    /// The error class, when the attempt failed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<&'static str>,
    /// How long the attempt took, in milliseconds.
    pub duration_ms: u64,
    /// The attempt's number, from 1.
    pub attempt: u32,
    /// The request headers, with credentials as `***`.
    #[serde(serialize_with = "as_object")]
    pub headers: Vec<(String, String)>,
}

impl<'a> LogEvent<'a> {
    /// Describes one attempt of `request`, redacting credentials and any header holding `secret`.
    pub fn new(request: &'a HttpRequest, secret: &str, attempt: u32, duration_ms: u64) -> Self {
        let headers = request
            .headers
            .iter()
            .map(|(name, value)| {
                let hide =
                    REDACTED_HEADERS.contains(&name.as_str()) || find(value, secret, 0).is_some();
                (
                    name.clone(),
                    if hide {
                        "***".to_owned()
                    } else {
                        value.clone()
                    },
                )
            })
            .collect();
        LogEvent {
            method: request.method.as_str(),
            url: &request.url,
            status: None,
            error: None,
            duration_ms,
            attempt,
            headers,
        }
    }
}

/// Serializes a list of header pairs as a JSON object.
pub fn as_object<S: Serializer>(headers: &[(String, String)], s: S) -> Result<S::Ok, S::Error> {
    let mut map = s.serialize_map(Some(headers.len()))?;
    for (name, value) in headers {
        map.serialize_entry(name, value)?;
    }
    map.end()
}
