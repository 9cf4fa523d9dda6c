//! The one error type of the core, with a variant for each cause of failure.

#[allow(unused_imports)]
use crate::prelude::*;

use core::fmt;

use serde::Serialize;

use crate::model::FieldError;
use crate::text::{self, cat, int};

/// The most bytes of a response body kept in an error, cut on a character boundary.
pub const EXCERPT_LIMIT: usize = 2048;

/// Why an operation failed.
#[derive(Debug, Clone, PartialEq)]
pub enum Error {
    /// The input broke the API's rules; nothing was sent.
    Validation {
        /// Every problem found, one per field.
        field_errors: Vec<FieldError>,
    },
    /// The API (or a proxy in front of it) answered with a status other than 2xx.
    Api {
        /// The HTTP status.
        status: u16,
        /// The API's message, or a description of the status.
        message: String,
        /// The request ID, from the body or the `x-request-id` header.
        request_id: Option<String>,
        /// The API's field errors (empty when none).
        field_errors: Vec<FieldError>,
        /// How long the server asked the caller to wait, when it said so.
        retry_after_ms: Option<u64>,
        /// The start of a body that was not the API's Error shape.
        excerpt: Option<String>,
    },
    /// The request did not complete: DNS, refused connection, reset, CORS.
    Connection {
        /// What the runtime said about it.
        message: String,
    },
    /// An attempt took longer than the configured timeout.
    Timeout {
        /// The timeout that elapsed.
        timeout_ms: u64,
    },
    /// The caller's signal aborted the call.
    Aborted,
    /// A 2xx response whose body is not what the API documents.
    InvalidResponse {
        /// The HTTP status.
        status: u16,
        /// What was wrong with it.
        message: String,
        /// The start of the body.
        excerpt: String,
    },
}

impl Error {
    /// Builds a validation error from its field errors.
    pub fn validation(field_errors: Vec<FieldError>) -> Self {
        Error::Validation { field_errors }
    }

    /// Names the JS error class this error becomes.
    pub fn class_name(&self) -> &'static str {
        match self {
            Error::Validation { .. } => "ValidationError",
            Error::Api { status, .. } => match status {
                400 => "BadRequestError",
                401 => "AuthenticationError",
                403 => "PermissionDeniedError",
                404 => "NotFoundError",
                409 => "ConflictError",
                429 => "RateLimitError",
                500..=599 => "InternalServerError",
                _ => "ApiError",
            },
            Error::Connection { .. } => "ConnectionError",
            Error::Timeout { .. } => "TimeoutError",
            Error::Aborted => "AbortError",
            Error::InvalidResponse { .. } => "InvalidResponseError",
        }
    }

    /// Returns the HTTP status the error carries, if any.
    pub fn status(&self) -> Option<u16> {
        match self {
            Error::Api { status, .. } | Error::InvalidResponse { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// Replaces every occurrence of `secret` in the error's text with `***`.
    pub fn redact(self, secret: &str) -> Self {
        let clean = |s: String| redact(s, secret);
        let clean_fields = |v: Vec<FieldError>| {
            v.into_iter()
                .map(|f| FieldError {
                    field: clean(f.field),
                    code: clean(f.code),
                    message: clean(f.message),
                })
                .collect()
        };
        match self {
            Error::Api {
                status,
                message,
                request_id,
                field_errors,
                retry_after_ms,
                excerpt,
            } => Error::Api {
                status,
                message: clean(message),
                request_id: request_id.map(clean),
                field_errors: clean_fields(field_errors),
                retry_after_ms,
                excerpt: excerpt.map(clean),
            },
            Error::Connection { message } => Error::Connection {
                message: clean(message),
            },
            Error::InvalidResponse {
                status,
                message,
                excerpt,
            } => Error::InvalidResponse {
                status,
                message: clean(message),
                excerpt: clean(excerpt),
            },
            other => other,
        }
    }
}

impl Error {
    /// Describes the error in a sentence (what `Display` writes, built without `format!`).
    pub fn message(&self) -> String {
        match self {
            Error::Validation { field_errors } => {
                let messages = field_errors.iter().map(|e| e.message.as_str());
                cat(&["invalid input: ", &text::join(messages, "; ")])
            }
            Error::Api { message, .. } | Error::InvalidResponse { message, .. } => message.clone(),
            Error::Connection { message } => cat(&["connection failed: ", message]),
            Error::Timeout { timeout_ms } => {
                cat(&["request timed out after ", &int(*timeout_ms), " ms"])
            }
            Error::Aborted => "request aborted by the caller's signal".to_owned(),
        }
    }
}

/// The fields a JS error instance carries besides its message (`js/errors.js`); absent ones
/// are left out.
#[derive(Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ErrorFields<'a> {
    /// The HTTP status, for an API error or an invalid response.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<u16>,
    /// The request ID of an API error.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request_id: Option<&'a str>,
    /// Every problem, for a validation error or an API error.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field_errors: Option<&'a [FieldError]>,
    /// How long the server asked the caller to wait.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub retry_after_ms: Option<u64>,
    /// The start of a body that was not what the API documents.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub excerpt: Option<&'a str>,
    /// The timeout that elapsed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub timeout_ms: Option<u64>,
    /// How many requests the call made (none for a validation error: it made none).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attempts: Option<u32>,
}

impl Error {
    /// The fields its JS error carries, after a call that made `attempts` requests.
    pub fn fields(&self, attempts: Option<u32>) -> ErrorFields<'_> {
        let mut fields = ErrorFields {
            attempts,
            ..ErrorFields::default()
        };
        match self {
            Error::Validation { field_errors } => {
                fields.field_errors = Some(field_errors);
                fields.attempts = None;
            }
            Error::Api {
                status,
                request_id,
                field_errors,
                retry_after_ms,
                excerpt,
                ..
            } => {
                fields.status = Some(*status);
                fields.request_id = request_id.as_deref();
                fields.field_errors = Some(field_errors);
                fields.retry_after_ms = *retry_after_ms;
                fields.excerpt = excerpt.as_deref();
            }
            Error::Timeout { timeout_ms } => fields.timeout_ms = Some(*timeout_ms),
            Error::InvalidResponse {
                status, excerpt, ..
            } => {
                fields.status = Some(*status);
                fields.excerpt = Some(excerpt);
            }
            Error::Connection { .. } | Error::Aborted => {}
        }
        fields
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

impl core::error::Error for Error {}

/// Replaces every occurrence of `secret` in `text` with `***` (a no-op for an empty secret).
pub fn redact(text: String, secret: &str) -> String {
    text::replace(text, secret, "***")
}

/// Returns the first [`EXCERPT_LIMIT`] bytes of `body`, cut on a character boundary.
pub fn excerpt(body: &str) -> String {
    if body.len() <= EXCERPT_LIMIT {
        return body.to_owned();
    }
    let mut end = EXCERPT_LIMIT;
    while !body.is_char_boundary(end) {
        end -= 1;
    }
    body.get(..end).unwrap_or_default().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_error_carries_the_fields_of_its_class() {
        let problem = FieldError {
            field: "name".into(),
            code: "too_short".into(),
            message: "name is too short".into(),
        };
        let validation = Error::validation(vec![problem.clone()]);
        assert_eq!(
            validation.fields(Some(3)),
            ErrorFields {
                field_errors: Some(&[problem][..]),
                ..ErrorFields::default()
            },
            "a validation error made no request"
        );
        let api = Error::Api {
            status: 429,
            message: "slow down".into(),
            request_id: Some("req-1".into()),
            field_errors: vec![],
            retry_after_ms: Some(1500),
            excerpt: None,
        };
        assert_eq!(
            api.fields(Some(2)),
            ErrorFields {
                status: Some(429),
                request_id: Some("req-1"),
                field_errors: Some(&[]),
                retry_after_ms: Some(1500),
                attempts: Some(2),
                ..ErrorFields::default()
            }
        );
        let timeout = Error::Timeout { timeout_ms: 50 };
        assert_eq!(timeout.fields(Some(1)).timeout_ms, Some(50));
        let invalid = Error::InvalidResponse {
            status: 200,
            message: "not JSON".into(),
            excerpt: "<html>".into(),
        };
        assert_eq!(
            (invalid.fields(None).status, invalid.fields(None).excerpt),
            (Some(200), Some("<html>"))
        );
        assert_eq!(
            Error::Aborted.fields(Some(1)),
            ErrorFields {
                attempts: Some(1),
                ..ErrorFields::default()
            }
        );
    }

    #[test]
    fn excerpt_cuts_on_a_char_boundary() {
        let body = "é".repeat(EXCERPT_LIMIT);
        let cut = excerpt(&body);
        assert!(cut.len() <= EXCERPT_LIMIT);
        assert_eq!(cut.chars().count(), EXCERPT_LIMIT / 2);
        assert_eq!(excerpt("short"), "short");
    }

    #[test]
    fn redaction_removes_every_copy_of_the_secret() {
        let err = Error::Api {
            status: 401,
            message: "bad token tok-123 (tok-123)".into(),
            request_id: Some("tok-123".into()),
            field_errors: vec![FieldError {
                field: "token".into(),
                code: "invalid".into(),
                message: "tok-123".into(),
            }],
            retry_after_ms: None,
            excerpt: Some("<p>tok-123</p>".into()),
        }
        .redact("tok-123");
        assert!(!format!("{err:?}").contains("tok-123"));
        assert_eq!(err.to_string(), "bad token *** (***)");
    }

    #[test]
    fn classes_by_status() {
        let api = |status| Error::Api {
            status,
            message: String::new(),
            request_id: None,
            field_errors: vec![],
            retry_after_ms: None,
            excerpt: None,
        };
        let table = [
            (302, "ApiError"),
            (400, "BadRequestError"),
            (401, "AuthenticationError"),
            (403, "PermissionDeniedError"),
            (404, "NotFoundError"),
            (409, "ConflictError"),
            (418, "ApiError"),
            (429, "RateLimitError"),
            (500, "InternalServerError"),
            (503, "InternalServerError"),
        ];
        for (status, class) in table {
            assert_eq!(api(status).class_name(), class, "{status}");
        }
    }
}
