//! Building requests: method, path, query, headers, and the body with only the fields given.

use astro_platform::call::{prepare_client_call, prepare_standalone, Call};
use astro_platform::config::Config;
use astro_platform::request::{HttpRequest, Method};
use astro_platform::{Error, Input};

mod common;

use common::{json, s, ORG, WS};

fn standalone(call: Call<'_>, options: &str) -> HttpRequest {
    let (op, config) = prepare_standalone(call, &json(options)).expect("valid call");
    op.request(&config)
}

fn header<'a>(req: &'a HttpRequest, name: &str) -> Option<&'a str> {
    req.headers
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
}

#[test]
fn create_request_matches_the_contract() {
    let body =
        json(r#"{"name": "My Workspace", "description": null, "cicdEnforcedDefault": true}"#);
    let req = standalone(Call::Create(&s(ORG), &body), r#"{"token": "tok"}"#);
    assert_eq!(req.method, Method::Post);
    assert_eq!(
        req.url,
        "https://api.astronomer.io/v1/organizations/clm8t5u4q000008jq4qoc3036/workspaces"
    );
    assert_eq!(header(&req, "authorization"), Some("Bearer tok"));
    assert_eq!(header(&req, "content-type"), Some("application/json"));
    assert_eq!(header(&req, "accept"), Some("application/json"));
    assert_eq!(
        req.body.as_deref(),
        Some(r#"{"name":"My Workspace","cicdEnforcedDefault":true}"#)
    );
}

#[test]
fn absent_fields_are_left_out_of_the_body() {
    let req = standalone(
        Call::Create(&s(ORG), &json(r#"{"name": "é😀"}"#)),
        r#"{"token": "tok"}"#,
    );
    assert_eq!(req.body.as_deref(), Some(r#"{"name":"é😀"}"#));
}

#[test]
fn base_url_and_extra_headers() {
    let options = r#"{"token": "tok", "baseUrl": "http://127.0.0.1:9/platform/v1/", "headers": {"X-Astro-Client-Identifier": "my-app"}}"#;
    let req = standalone(Call::Create(&s(ORG), &json(r#"{"name": "a"}"#)), options);
    assert_eq!(
        req.url,
        format!("http://127.0.0.1:9/platform/v1/organizations/{ORG}/workspaces")
    );
    assert_eq!(header(&req, "x-astro-client-identifier"), Some("my-app"));
}

#[test]
fn the_other_operations() {
    let config = Config {
        token: "tok".into(),
        base_url: "https://h/v1".into(),
        timeout_ms: 1000,
        max_retries: 2,
        headers: vec![],
        api_version: None,
    };
    let build = |call: Call<'_>| {
        let (op, config) = prepare_client_call(call, &config, &Input::Null).expect("valid call");
        op.request(&config)
    };
    let get = build(Call::Get(&s(ORG), &s(WS)));
    assert_eq!(
        (get.method, get.url.as_str()),
        (
            Method::Get,
            format!("https://h/v1/organizations/{ORG}/workspaces/{WS}").as_str()
        )
    );
    assert_eq!(get.body, None);
    assert_eq!(header(&get, "content-type"), None);

    let update = build(Call::Update(
        &s(ORG),
        &s(WS),
        &json(r#"{"name": "n", "description": "", "cicdEnforcedDefault": false}"#),
    ));
    assert_eq!(update.method, Method::Post);
    assert_eq!(
        update.body.as_deref(),
        Some(r#"{"name":"n","description":"","cicdEnforcedDefault":false}"#)
    );

    let delete = build(Call::Delete(&s(ORG), &s(WS)));
    assert_eq!((delete.method, delete.body), (Method::Delete, None));

    let list = build(Call::List(
        &s(ORG),
        &json(&format!(
            r#"{{"names": ["a b", "x&y=z", "é"], "workspaceIds": ["{WS}"], "offset": 40, "limit": 20, "sorts": ["name:asc", "createdAt:desc"]}}"#
        )),
    ));
    assert_eq!(
        list.url,
        format!("https://h/v1/organizations/{ORG}/workspaces?workspaceIds={WS}&names=a%20b&names=x%26y%3Dz&names=%C3%A9&offset=40&limit=20&sorts=name%3Aasc&sorts=createdAt%3Adesc")
    );
    let bare = build(Call::List(&s(ORG), &Input::Null));
    assert_eq!(
        bare.url,
        format!("https://h/v1/organizations/{ORG}/workspaces")
    );
}

#[test]
fn call_options_override_the_client() {
    let config = Config {
        token: "tok".into(),
        base_url: "https://h".into(),
        timeout_ms: 1000,
        max_retries: 2,
        headers: vec![
            ("x-a".into(), "client".into()),
            ("x-b".into(), "client".into()),
        ],
        api_version: None,
    };
    let call = Call::Get(&s(ORG), &s(WS));
    let (_, merged) = prepare_client_call(
        call,
        &config,
        &json(r#"{"timeoutMs": 5, "maxRetries": 0, "headers": {"X-A": "call"}}"#),
    )
    .unwrap();
    assert_eq!((merged.timeout_ms, merged.max_retries), (5, 0));
    assert_eq!(
        merged.headers,
        vec![
            ("x-b".to_owned(), "client".to_owned()),
            ("x-a".to_owned(), "call".to_owned())
        ]
    );
    let err = prepare_client_call(call, &config, &json(r#"{"token": "other"}"#)).unwrap_err();
    assert!(
        matches!(err, Error::Validation { ref field_errors } if field_errors[0].field == "token" && field_errors[0].code == "unknown_field")
    );
}
