//! Building the HTTP request for each operation from typed, validated input.

#[allow(unused_imports)]
use crate::prelude::*;

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use serde::Serialize;

use crate::config::Config;
use crate::model::{
    CreateWorkspaceRequest, ListWorkspacesParams, OrganizationId, UpdateWorkspaceRequest,
    WorkspaceId,
};
use crate::text::{cat, int};
use crate::to_json::to_json;

/// What `encodeURIComponent` leaves as it is; everything else is percent-encoded.
const QUERY_VALUE: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'!')
    .remove(b'~')
    .remove(b'*')
    .remove(b'\'')
    .remove(b'(')
    .remove(b')');

/// The HTTP methods the Workspace endpoints use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// `GET`
    Get,
    /// `POST`
    Post,
    /// `DELETE`
    Delete,
}

impl Method {
    /// Returns the method's name.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Delete => "DELETE",
        }
    }
}

/// One HTTP request, ready for the edge to hand to `fetch`.
#[derive(Debug, Clone, PartialEq)]
pub struct HttpRequest {
    /// The method.
    pub method: Method,
    /// The absolute URL.
    pub url: String,
    /// Every header, names in lowercase.
    pub headers: Vec<(String, String)>,
    /// The JSON body, for POSTs.
    pub body: Option<String>,
}

/// A request as the JS driver takes it (`js/driver.js`): `{ method, url, headers, body?,
/// timeoutMs }`, the headers as one object.
#[derive(Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DriverRequest<'a> {
    /// The method.
    pub method: &'static str,
    /// The absolute URL.
    pub url: &'a str,
    /// Every header, written as one JSON object.
    #[serde(serialize_with = "crate::log::as_object")]
    pub headers: &'a [(String, String)],
    /// The JSON body, for POSTs.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub body: Option<&'a str>,
    /// How long one attempt may take, in milliseconds.
    pub timeout_ms: u64,
}

impl HttpRequest {
    /// The request for the JS driver, each attempt limited to `timeout_ms`.
    pub fn for_driver(&self, timeout_ms: u64) -> DriverRequest<'_> {
        DriverRequest {
            method: self.method.as_str(),
            url: &self.url,
            headers: &self.headers,
            body: self.body.as_deref(),
            timeout_ms,
        }
    }
}

/// One validated call of one of the five Workspace operations.
#[derive(Debug, Clone, PartialEq)]
pub enum Operation {
    /// Create Workspace.
    Create(OrganizationId, CreateWorkspaceRequest),
    /// List Workspaces (one page).
    List(OrganizationId, ListWorkspacesParams),
    /// Get Workspace.
    Get(OrganizationId, WorkspaceId),
    /// Update Workspace.
    Update(OrganizationId, WorkspaceId, UpdateWorkspaceRequest),
    /// Delete Workspace.
    Delete(OrganizationId, WorkspaceId),
}

impl Operation {
    /// Returns the HTTP method this operation uses.
    pub fn method(&self) -> Method {
        match self {
            Operation::Create(..) | Operation::Update(..) => Method::Post,
            Operation::List(..) | Operation::Get(..) => Method::Get,
            Operation::Delete(..) => Method::Delete,
        }
    }

    /// Builds the request: method, URL (IDs are CUIDs, so each is exactly one path segment),
    /// headers and JSON body.
    pub fn request(&self, config: &Config) -> HttpRequest {
        let mut url = String::with_capacity(config.base_url.len() + 96);
        url.push_str(&config.base_url);
        url.push_str("/organizations/");
        let (org, workspace) = match self {
            Operation::Create(org, _) | Operation::List(org, _) => (org, None),
            Operation::Get(org, ws)
            | Operation::Update(org, ws, _)
            | Operation::Delete(org, ws) => (org, Some(ws)),
        };
        url.push_str(org.as_str());
        url.push_str("/workspaces");
        if let Some(ws) = workspace {
            url.push('/');
            url.push_str(ws.as_str());
        }
        if let Operation::List(_, params) = self {
            push_query(&mut url, params);
        }
        let body = match self {
            Operation::Create(_, body) => Some(to_json(body)),
            Operation::Update(_, _, body) => Some(to_json(body)),
            _ => None,
        };
        let mut headers = Vec::with_capacity(4 + config.headers.len());
        headers.push(("authorization".to_owned(), cat(&["Bearer ", &config.token])));
        headers.push(("accept".to_owned(), "application/json".to_owned()));
        if body.is_some() {
            headers.push(("content-type".to_owned(), "application/json".to_owned()));
        }
        if let Some(version) = &config.api_version {
            headers.push(("x-api-version".to_owned(), version.clone()));
        }
        headers.extend(config.headers.iter().cloned());
        HttpRequest {
            method: self.method(),
            url,
            headers,
            body,
        }
    }
}

fn push_query(url: &mut String, params: &ListWorkspacesParams) {
    let mut pairs: Vec<(&str, String)> = Vec::new();
    pairs.extend(
        params
            .workspace_ids
            .iter()
            .map(|id| ("workspaceIds", id.as_str().to_owned())),
    );
    pairs.extend(params.names.iter().map(|n| ("names", n.clone())));
    pairs.extend(params.offset.map(|o| ("offset", int(o))));
    pairs.extend(params.limit.map(|l| ("limit", int(l))));
    pairs.extend(
        params
            .sorts
            .iter()
            .map(|s| ("sorts", s.as_str().to_owned())),
    );
    for (i, (key, value)) in pairs.iter().enumerate() {
        url.push(if i == 0 { '?' } else { '&' });
        url.push_str(key);
        url.push('=');
        url.extend(utf8_percent_encode(value, QUERY_VALUE));
    }
}
