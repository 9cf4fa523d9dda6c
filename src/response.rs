//! Interpreting `(status, headers, body)` into a typed result or a typed error.

#[allow(unused_imports)]
use crate::prelude::*;

use core::cell::Cell;

use crate::decode;
use crate::error::{excerpt, Error};
use crate::input::Input;
use crate::model::{Workspace, WorkspacesPaginated};
use crate::request::Operation;
use crate::retry::retry_after_ms;
use crate::text::{cat, int};

/// The headers of a response that the client reads, for a status outside 2xx only (a success
/// needs none of them); the JS driver reads these names (tests/responses.rs holds it to them).
pub const HEADERS_READ: [&str; 4] = ["x-request-id", "retry-after", "retry-after-ms", "location"];

/// What the edge hands over about one HTTP response.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct HttpResponse {
    /// The HTTP status; 0 for a redirect a browser kept opaque.
    pub status: u16,
    /// The `x-request-id` header.
    pub request_id: Option<String>,
    /// The `retry-after` header.
    pub retry_after: Option<String>,
    /// The `retry-after-ms` header.
    pub retry_after_ms: Option<String>,
    /// The `location` header.
    pub location: Option<String>,
    /// The body as text (for excerpts).
    pub body: String,
    /// The body parsed as JSON, or `None` when it is not JSON.
    pub json: Option<Input>,
    /// When the response arrived, in milliseconds since the Unix epoch.
    pub received_at_ms: f64,
}

impl HttpResponse {
    /// Builds a response from its status and body text, parsing the body as JSON with
    /// `serde_json` (not in the release WASM build: its edge fills in `json` from `JSON.parse`).
    #[cfg(not(all(target_arch = "wasm32", feature = "tiny")))]
    pub fn from_text(status: u16, body: &str) -> Self {
        let mut response = HttpResponse {
            status,
            ..HttpResponse::default()
        };
        response.set_body(body.to_owned());
        response
    }

    /// Stores the body text and, when it is JSON, its parsed value (as [`HttpResponse::from_text`]).
    #[cfg(not(all(target_arch = "wasm32", feature = "tiny")))]
    pub fn set_body(&mut self, body: String) {
        self.json = serde_json::from_str(&body).ok();
        self.body = body;
    }

    /// Stores the value of one of [`HEADERS_READ`]; other names are ignored.
    pub fn set_header(&mut self, name: &str, value: String) {
        let slot = match name {
            "x-request-id" => &mut self.request_id,
            "retry-after" => &mut self.retry_after,
            "retry-after-ms" => &mut self.retry_after_ms,
            "location" => &mut self.location,
            _ => return,
        };
        *slot = Some(value);
    }
}

/// What a successful operation produced.
#[derive(Debug, Clone, PartialEq)]
pub enum Output {
    /// A Workspace (create, get, update).
    Workspace(Box<Workspace>),
    /// A page of Workspaces (list).
    Page(WorkspacesPaginated),
    /// The Workspace is gone (delete).
    Deleted,
}

impl Operation {
    /// Interprets a response to this operation: 2xx is parsed strictly, anything else is an
    /// [`Error::Api`].
    pub fn interpret(&self, response: &HttpResponse) -> Result<Output, Error> {
        self.interpret_tracked(response, &Cell::new(false))
    }

    /// Like [`Operation::interpret`], setting `altered` when the output differs from what
    /// `JSON.parse` makes of the body (so the edge can hand over the body as it came).
    pub fn interpret_tracked(
        &self,
        response: &HttpResponse,
        altered: &Cell<bool>,
    ) -> Result<Output, Error> {
        if !(200..300).contains(&response.status) {
            return Err(api_error(response));
        }
        match self {
            Operation::Delete(..) => Ok(Output::Deleted),
            Operation::List(..) => parse(
                response,
                "a page of Workspaces",
                decode::workspaces_page_tracked,
                altered,
            )
            .map(Output::Page),
            _ => parse(response, "a Workspace", decode::workspace_tracked, altered)
                .map(|ws| Output::Workspace(Box::new(ws))),
        }
    }
}

fn parse<T>(
    response: &HttpResponse,
    what: &str,
    decode: fn(&Input, &Cell<bool>) -> Result<T, String>,
    altered: &Cell<bool>,
) -> Result<T, Error> {
    let result = match &response.json {
        Some(json) => decode(json, altered),
        None => Err("it is not JSON (or is cut off)".to_owned()),
    };
    result.map_err(|why| Error::InvalidResponse {
        status: response.status,
        message: cat(&[
            "the API answered ",
            &int(response.status.into()),
            " with a body that is not ",
            what,
            ": ",
            &why,
        ]),
        excerpt: excerpt(&response.body),
    })
}

/// Builds the error for a non-2xx response, reading the API's Error body when there is one.
pub fn api_error(response: &HttpResponse) -> Error {
    let status = response.status;
    let body = response
        .json
        .as_ref()
        .map(decode::error_body)
        .unwrap_or_default();
    let api_message = body.message.filter(|m| !m.is_empty());
    let has_message = api_message.is_some();
    let message = match (api_message, status) {
        (Some(m), _) => m,
        (_, 0) => "the API answered with a redirect, which is not followed so the token stays with the configured origin".to_owned(),
        (_, 300..=399) => {
            let to = response.location.as_deref().map(|l| cat(&[" to ", l])).unwrap_or_default();
            cat(&["the API answered ", &int(status.into()), " (a redirect", &to, "), which is not followed so the token stays with the configured origin"])
        }
        _ => cat(&["the API answered ", &int(status.into()), reason(status).map_or("", |r| r)]),
    };
    Error::Api {
        status,
        message,
        request_id: body.request_id.or_else(|| response.request_id.clone()),
        field_errors: body.field_errors.unwrap_or_default(),
        retry_after_ms: retry_after_ms(response),
        excerpt: (!has_message && !response.body.is_empty()).then(|| excerpt(&response.body)),
    }
}

/// The reason phrase of a status, with a leading space to follow the number.
fn reason(status: u16) -> Option<&'static str> {
    Some(match status {
        400 => " Bad Request",
        401 => " Unauthorized",
        403 => " Forbidden",
        404 => " Not Found",
        408 => " Request Timeout",
        409 => " Conflict",
        429 => " Too Many Requests",
        500 => " Internal Server Error",
        502 => " Bad Gateway",
        503 => " Service Unavailable",
        504 => " Gateway Timeout",
        _ => return None,
    })
}
