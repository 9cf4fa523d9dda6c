//! Interpreting responses: the contract's fixtures, every status class, malformed bodies.

use astro_platform::error::EXCERPT_LIMIT;
use astro_platform::model::{OrganizationId, WorkspaceId};
use astro_platform::request::Operation;
use astro_platform::response::{HttpResponse, Output, HEADERS_READ};
use astro_platform::Error;

const WORKSPACE: &str = include_str!("fixtures/workspace.json");
const MINIMAL: &str = include_str!("fixtures/workspace-minimal.json");
const PAGE: &str = include_str!("fixtures/workspaces-page.json");
const ERROR_400: &str = include_str!("fixtures/error-400.json");
const ERROR_404: &str = include_str!("fixtures/error-404.json");
const PROXY_502: &str = include_str!("fixtures/proxy-502.html");

fn org() -> OrganizationId {
    OrganizationId::parse("clm8t5u4q000008jq4qoc3036").unwrap()
}

fn get_op() -> Operation {
    Operation::Get(
        org(),
        WorkspaceId::parse("clm8t5u4q000008jq4qoc3037").unwrap(),
    )
}

fn workspace_of(status: u16, body: &str) -> Result<Output, Error> {
    get_op().interpret(&HttpResponse::from_text(status, body))
}

fn serialized(output: &Output) -> serde_json::Value {
    match output {
        Output::Workspace(ws) => serde_json::to_value(ws).unwrap(),
        Output::Page(page) => serde_json::to_value(page).unwrap(),
        Output::Deleted => serde_json::Value::Null,
    }
}

#[test]
fn the_seed_workspace_round_trips_exactly() {
    let output = workspace_of(200, WORKSPACE).unwrap();
    let want: serde_json::Value = serde_json::from_str(WORKSPACE).unwrap();
    assert_eq!(serialized(&output), want);
}

#[test]
fn absent_optional_fields_stay_absent() {
    let output = workspace_of(200, MINIMAL).unwrap();
    let value = serialized(&output);
    let keys: Vec<_> = value.as_object().unwrap().keys().cloned().collect();
    assert_eq!(keys.len(), 6, "{keys:?}");
    assert!(value.get("description").is_none());
}

#[test]
fn unknown_keys_are_kept_and_prototype_keys_never_at_any_depth() {
    let body = MINIMAL.replacen(
        '{',
        r#"{"__proto__": {"polluted": true}, "constructor": {"prototype": {"x": 1}}, "prototype": 1,
            "future": {"list": [1, "two", null, {"__proto__": 1, "constructor": 2, "deep": [{"prototype": 3, "ok": true}]}], "n": 1.5},
            "createdBy": {"id": "u1", "teamId": "t1", "__proto__": {"a": 1}}, "#,
        1,
    );
    let value = serialized(&workspace_of(200, &body).unwrap());
    for key in ["__proto__", "constructor", "prototype"] {
        assert!(value.get(key).is_none(), "{key}");
    }
    assert_eq!(
        value["future"],
        serde_json::json!({"list": [1.0, "two", null, {"deep": [{"ok": true}]}], "n": 1.5})
    );
    assert_eq!(
        value["createdBy"],
        serde_json::json!({"id": "u1", "teamId": "t1"})
    );
    let text = serde_json::to_string(&value).unwrap();
    for key in ["__proto__", "constructor", "prototype"] {
        assert!(!text.contains(key), "{key} in {text}");
    }
}

#[test]
fn real_v1_data_decodes_and_keeps_every_timestamp_as_sent() {
    for (created, updated) in [
        ("2024-04-05T21:41:04.673Z", "2026-02-01T08:00:00.1Z"),
        (
            "2024-04-05T21:41:04+00:00",
            "2024-04-05T16:41:04.123456-05:30",
        ),
        ("2024-04-05t21:41:04z", "2024-04-05T21:41:04.000000000Z"),
    ] {
        let body = format!(
            r#"{{"id": "cln0w8k2a000108l5e2xy7fgh", "name": "n", "organizationId": "clm8t5u4q000008jq4qoc3036",
                "cicdEnforcedDefault": true, "createdAt": "{created}", "updatedAt": "{updated}",
                "defaultCloudProvider": "GCP", "defaultRegion": "us-east4", "defaultClusterId": null,
                "workspaceRole": "OWNER"}}"#
        );
        let Output::Workspace(ws) = workspace_of(200, &body).unwrap() else {
            panic!("not a workspace")
        };
        assert_eq!(
            (ws.created_at.as_str(), ws.updated_at.as_str()),
            (created, updated)
        );
        assert_eq!(ws.default_cloud_provider.as_deref(), Some("GCP"));
        assert_eq!(ws.default_region.as_deref(), Some("us-east4"));
        assert_eq!(ws.default_cluster_id, None);
        let value = serialized(&Output::Workspace(ws));
        assert_eq!(value["workspaceRole"], "OWNER");
        assert!(value.get("defaultClusterId").is_none());
    }
    let future_cloud = MINIMAL.replacen('{', r#"{"defaultCloudProvider": "ORACLE", "#, 1);
    let Output::Workspace(ws) = workspace_of(200, &future_cloud).unwrap() else {
        panic!("not a workspace")
    };
    assert_eq!(ws.default_cloud_provider.as_deref(), Some("ORACLE"));
}

#[test]
fn an_empty_page_of_limit_zero_still_counts() {
    let op = Operation::List(org(), Default::default());
    let body = r#"{"workspaces": [], "totalCount": 7, "offset": 0, "limit": 0, "nextCursor": "x"}"#;
    let Output::Page(page) = op.interpret(&HttpResponse::from_text(200, body)).unwrap() else {
        panic!("not a page")
    };
    assert_eq!(
        (page.workspaces.len(), page.total_count, page.limit),
        (0, 7, 0)
    );
    let value = serialized(&Output::Page(page));
    assert_eq!(value["nextCursor"], "x");
}

#[test]
fn a_page_of_workspaces() {
    let op = Operation::List(org(), Default::default());
    let output = op.interpret(&HttpResponse::from_text(200, PAGE)).unwrap();
    let Output::Page(page) = output else {
        panic!("not a page")
    };
    assert_eq!(
        (
            page.total_count,
            page.offset,
            page.limit,
            page.workspaces.len()
        ),
        (42, 20, 2, 2)
    );
    assert_eq!(page.workspaces[1].description.as_deref(), Some("second"));
}

#[test]
fn delete_resolves_on_204() {
    let op = Operation::Delete(
        org(),
        WorkspaceId::parse("clm8t5u4q000008jq4qoc3037").unwrap(),
    );
    assert_eq!(
        op.interpret(&HttpResponse::from_text(204, "")),
        Ok(Output::Deleted)
    );
}

#[test]
fn malformed_success_bodies_are_invalid_responses() {
    let cut = &WORKSPACE[..WORKSPACE.len() / 2];
    let no_created = MINIMAL.replace(r#""createdAt": "2024-01-02T03:04:05Z", "#, "");
    let local_time = MINIMAL.replace("2024-01-02T03:04:05Z", "2024-01-02 03:04");
    let wrong_type = MINIMAL.replace(
        r#""cicdEnforcedDefault": false"#,
        r#""cicdEnforcedDefault": "no""#,
    );
    let bad_profile = MINIMAL.replacen('{', r#"{"createdBy": {"subjectType": "USER"}, "#, 1);
    let table: [(&str, &str); 7] = [
        ("<html>ok</html>", "not JSON"),
        (cut, "not JSON"),
        (&no_created, "`createdAt` is missing"),
        (&local_time, "`createdAt` must be an RFC 3339 date-time"),
        (
            &wrong_type,
            "`cicdEnforcedDefault` must be a boolean, not string",
        ),
        (&bad_profile, "`createdBy.id` is missing"),
        ("[]", "the body must be an object"),
    ];
    for (body, why) in table {
        match workspace_of(200, body) {
            Err(Error::InvalidResponse {
                status,
                message,
                excerpt,
            }) => {
                assert_eq!(status, 200);
                assert!(message.contains(why), "{message:?} should say {why:?}");
                assert!(excerpt.len() <= EXCERPT_LIMIT && body.starts_with(&excerpt));
            }
            other => panic!("{body}: {other:?}"),
        }
    }
}

#[test]
fn the_api_error_body_is_read() {
    let Err(Error::Api {
        status,
        message,
        request_id,
        field_errors,
        excerpt,
        ..
    }) = workspace_of(400, ERROR_400)
    else {
        panic!("not an API error")
    };
    assert_eq!(
        (status, message.as_str(), request_id.as_deref()),
        (400, "Invalid request", Some("req-0a1b2c"))
    );
    assert_eq!(field_errors.len(), 1);
    assert_eq!(
        (
            field_errors[0].field.as_str(),
            field_errors[0].code.as_str()
        ),
        ("name", "too_long")
    );
    assert_eq!(excerpt, None);
    assert_eq!(
        workspace_of(400, ERROR_400).unwrap_err().class_name(),
        "BadRequestError"
    );
    assert_eq!(
        workspace_of(404, ERROR_404).unwrap_err().class_name(),
        "NotFoundError"
    );
}

#[test]
fn every_status_class() {
    for (status, class) in [
        (301, "ApiError"),
        (302, "ApiError"),
        (400, "BadRequestError"),
        (401, "AuthenticationError"),
        (403, "PermissionDeniedError"),
        (404, "NotFoundError"),
        (408, "ApiError"),
        (409, "ConflictError"),
        (422, "ApiError"),
        (429, "RateLimitError"),
        (500, "InternalServerError"),
        (502, "InternalServerError"),
        (503, "InternalServerError"),
        (504, "InternalServerError"),
        (599, "InternalServerError"),
    ] {
        let err = workspace_of(status, "").unwrap_err();
        assert_eq!((err.class_name(), err.status()), (class, Some(status)));
    }
}

#[test]
fn a_proxy_page_keeps_its_class_and_an_excerpt() {
    let Err(err @ Error::Api { .. }) = workspace_of(502, PROXY_502) else {
        panic!()
    };
    assert_eq!(err.class_name(), "InternalServerError");
    let Error::Api {
        message,
        excerpt,
        field_errors,
        ..
    } = err
    else {
        unreachable!()
    };
    assert_eq!(message, "the API answered 502 Bad Gateway");
    assert_eq!(excerpt.as_deref(), Some(PROXY_502));
    assert!(field_errors.is_empty());

    let huge = format!("<html>{}</html>", "é".repeat(10_000));
    let Err(Error::Api {
        excerpt: Some(excerpt),
        ..
    }) = workspace_of(502, &huge)
    else {
        panic!()
    };
    assert!(excerpt.len() <= EXCERPT_LIMIT && huge.starts_with(&excerpt));
}

#[test]
fn request_id_falls_back_to_the_header() {
    let mut response = HttpResponse::from_text(500, "oops");
    response.set_header("x-request-id", "hdr-1".into());
    let Err(Error::Api { request_id, .. }) = get_op().interpret(&response) else {
        panic!()
    };
    assert_eq!(request_id.as_deref(), Some("hdr-1"));
}

#[test]
fn redirects_say_where_they_pointed() {
    let mut response = HttpResponse::from_text(302, "");
    response.set_header("location", "https://elsewhere.example/".into());
    let Err(Error::Api {
        status, message, ..
    }) = get_op().interpret(&response)
    else {
        panic!()
    };
    assert_eq!(status, 302);
    assert!(
        message.contains("redirect to https://elsewhere.example/"),
        "{message}"
    );
    let Err(Error::Api {
        status: 0, message, ..
    }) = get_op().interpret(&HttpResponse::from_text(0, ""))
    else {
        panic!()
    };
    assert!(message.contains("redirect"));
}

#[test]
fn an_echoed_token_is_redacted() {
    let body = r#"{"message": "token tok-123 is invalid", "requestId": "r", "statusCode": 401}"#;
    let err = workspace_of(401, body).unwrap_err().redact("tok-123");
    assert_eq!(err.to_string(), "token *** is invalid");
}

#[test]
fn the_js_driver_reads_exactly_the_headers_the_core_reads_in_settles_order() {
    // js/driver.js hands `Plan.settle` the headers by position, in this order.
    let driver = include_str!("../js/driver.js");
    let gets: Vec<&str> = driver
        .split("h.get('")
        .skip(1)
        .filter_map(|rest| rest.split_once('\'').map(|(name, _)| name))
        .collect();
    assert_eq!(gets, HEADERS_READ);
    // And each of them lands in a field of its own.
    let mut response = HttpResponse::default();
    for (i, name) in HEADERS_READ.iter().enumerate() {
        response.set_header(name, i.to_string());
    }
    let fields = [
        response.request_id,
        response.retry_after,
        response.retry_after_ms,
        response.location,
    ];
    let want: Vec<Option<String>> = (0..4).map(|i| Some(i.to_string())).collect();
    assert_eq!(fields.to_vec(), want);
}
