//! API v1: the default base URL, `apiVersion`, and the default-deployment fields with their
//! pairing, exclusion and version rules.

use astro_platform::call::{prepare_client_call, prepare_standalone, Call};
use astro_platform::config::{self, Config};
use astro_platform::model::FieldError;
use astro_platform::request::HttpRequest;
use astro_platform::validate::Problems;
use astro_platform::Error;

mod common;

use common::{json, s, ORG, WS};

fn pairs(errors: &[FieldError]) -> Vec<(String, String)> {
    errors
        .iter()
        .map(|e| (e.field.clone(), e.code.clone()))
        .collect()
}

fn pair(field: &str, code: &str) -> (String, String) {
    (field.to_owned(), code.to_owned())
}

fn create(body: &str) -> Vec<(String, String)> {
    pairs(&Call::Create(&s(ORG), &json(body)).problems())
}

fn update(body: &str) -> Vec<(String, String)> {
    pairs(&Call::Update(&s(ORG), &s(WS), &json(body)).problems())
}

fn header<'a>(req: &'a HttpRequest, name: &str) -> Option<&'a str> {
    req.headers
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
}

fn send(body: &str, options: &str) -> Result<HttpRequest, Vec<(String, String)>> {
    match prepare_standalone(Call::Create(&s(ORG), &json(body)), &json(options)) {
        Ok((op, config)) => Ok(op.request(&config)),
        Err(Error::Validation { field_errors }) => Err(pairs(&field_errors)),
        Err(other) => panic!("not a validation error: {other:?}"),
    }
}

#[test]
fn default_deployment_fields_follow_the_rules() {
    let table = [
        (
            r#"{"name": "a", "defaultCloudProvider": "GCP", "defaultRegion": "us-east4"}"#,
            vec![],
        ),
        (
            r#"{"name": "a", "defaultClusterId": "clm8t5u4q000008jq4qoc3099"}"#,
            vec![],
        ),
        (
            r#"{"name": "a", "defaultCloudProvider": null, "defaultRegion": null, "defaultClusterId": null}"#,
            vec![],
        ),
        (
            r#"{"name": "a", "defaultCloudProvider": "AWS"}"#,
            vec![pair("defaultRegion", "required")],
        ),
        (
            r#"{"name": "a", "defaultRegion": "eastus"}"#,
            vec![pair("defaultCloudProvider", "required")],
        ),
        (
            r#"{"name": "a", "defaultCloudProvider": "aws", "defaultRegion": "x"}"#,
            vec![pair("defaultCloudProvider", "invalid_value")],
        ),
        (
            r#"{"name": "a", "defaultCloudProvider": "ORACLE", "defaultRegion": "x"}"#,
            vec![pair("defaultCloudProvider", "invalid_value")],
        ),
        (
            r#"{"name": "a", "defaultCloudProvider": 1, "defaultRegion": "x"}"#,
            vec![pair("defaultCloudProvider", "invalid_type")],
        ),
        (
            r#"{"name": "a", "defaultCloudProvider": "AZURE", "defaultRegion": ""}"#,
            vec![pair("defaultRegion", "too_short")],
        ),
        (
            r#"{"name": "a", "defaultCloudProvider": "AZURE", "defaultRegion": ["eastus"]}"#,
            vec![pair("defaultRegion", "invalid_type")],
        ),
        (
            r#"{"name": "a", "defaultClusterId": ""}"#,
            vec![pair("defaultClusterId", "too_short")],
        ),
        (
            r#"{"name": "a", "defaultCloudProvider": "GCP", "defaultRegion": "us-east4", "defaultClusterId": "c1"}"#,
            vec![pair("defaultClusterId", "conflict")],
        ),
        (
            r#"{"name": "a", "defaultRegion": "us-east4", "defaultClusterId": "c1"}"#,
            vec![
                pair("defaultCloudProvider", "required"),
                pair("defaultClusterId", "conflict"),
            ],
        ),
        (
            r#"{"name": "", "defaultCloudProvider": "GCP", "defaultClusterId": 5}"#,
            vec![
                pair("name", "too_short"),
                pair("defaultRegion", "required"),
                pair("defaultClusterId", "invalid_type"),
                pair("defaultClusterId", "conflict"),
            ],
        ),
    ];
    for (body, want) in table {
        assert_eq!(create(body), want, "create {body}");
    }
    let base = r#""name": "a", "description": "", "cicdEnforcedDefault": false"#;
    assert_eq!(update(&format!("{{{base}}}")), vec![]);
    assert_eq!(
        update(&format!(
            r#"{{{base}, "defaultCloudProvider": "GCP", "defaultRegion": "x"}}"#
        )),
        vec![]
    );
    assert_eq!(
        update(&format!(r#"{{{base}, "defaultCloudProvider": "GCP"}}"#)),
        vec![pair("defaultRegion", "required")]
    );
    assert_eq!(
        update(r#"{"defaultClusterId": "c1", "defaultRegion": "x"}"#),
        vec![
            pair("name", "required"),
            pair("description", "required"),
            pair("cicdEnforcedDefault", "required"),
            pair("defaultCloudProvider", "required"),
            pair("defaultClusterId", "conflict"),
        ]
    );
}

#[test]
fn the_fields_are_sent_only_when_given() {
    let req = send(
        r#"{"name": "a", "defaultCloudProvider": "GCP", "defaultRegion": "us-east4"}"#,
        r#"{"token": "tok"}"#,
    )
    .unwrap();
    assert_eq!(
        req.body.as_deref(),
        Some(r#"{"name":"a","defaultCloudProvider":"GCP","defaultRegion":"us-east4"}"#)
    );
    let req = send(
        r#"{"name": "a", "defaultClusterId": "k"}"#,
        r#"{"token": "tok"}"#,
    )
    .unwrap();
    assert_eq!(
        req.body.as_deref(),
        Some(r#"{"name":"a","defaultClusterId":"k"}"#)
    );
}

#[test]
fn v1_fields_to_a_v1beta1_base_url_are_unsupported_and_nothing_is_built() {
    let beta = r#"{"token": "tok", "baseUrl": "https://api.astronomer.io/platform/v1beta1/"}"#;
    assert!(send(r#"{"name": "a"}"#, beta).is_ok());
    assert_eq!(
        send(r#"{"name": "a", "defaultClusterId": "k"}"#, beta).unwrap_err(),
        vec![pair("defaultClusterId", "unsupported")]
    );
    assert_eq!(
        send(
            r#"{"name": "a", "defaultCloudProvider": "GCP", "defaultRegion": "x"}"#,
            beta
        )
        .unwrap_err(),
        vec![
            pair("defaultCloudProvider", "unsupported"),
            pair("defaultRegion", "unsupported")
        ]
    );
    let client = Config {
        token: "tok".into(),
        base_url: "http://127.0.0.1:1/platform/v1beta1".into(),
        timeout_ms: 1000,
        max_retries: 0,
        headers: vec![],
        api_version: None,
    };
    let body = json(
        r#"{"name": "a", "description": "", "cicdEnforcedDefault": true, "defaultClusterId": "k"}"#,
    );
    let err = prepare_client_call(Call::Update(&s(ORG), &s(WS), &body), &client, &json("null"))
        .unwrap_err();
    let Error::Validation { field_errors } = err else {
        panic!("not a validation error")
    };
    assert_eq!(
        pairs(&field_errors),
        vec![pair("defaultClusterId", "unsupported")]
    );
    assert!(field_errors[0].message.contains("needs API v1"));
}

#[test]
fn api_version_is_checked_and_sent_only_when_set() {
    let plain = send(r#"{"name": "a"}"#, r#"{"token": "tok"}"#).unwrap();
    assert!(plain.url.starts_with("https://api.astronomer.io/v1/"));
    assert_eq!(header(&plain, "x-api-version"), None);
    let pinned = send(
        r#"{"name": "a"}"#,
        r#"{"token": "tok", "apiVersion": "1.0"}"#,
    )
    .unwrap();
    assert_eq!(header(&pinned, "x-api-version"), Some("1.0"));

    let options = |text: &str| {
        let mut p = Problems::default();
        config::client_options(&json(text), false, &mut p);
        pairs(&p.into_vec())
    };
    for good in ["1.0", "1.12", "2.0"] {
        assert_eq!(
            options(&format!(r#"{{"token": "t", "apiVersion": "{good}"}}"#)),
            vec![]
        );
    }
    for bad in [
        "1", "v1.0", "1.0.0", "1.", ".1", "1.x", "", " 1.0", "1,0", "１.０",
    ] {
        assert_eq!(
            options(&format!(r#"{{"token": "t", "apiVersion": "{bad}"}}"#)),
            vec![pair("apiVersion", "invalid_format")],
            "{bad:?}"
        );
    }
    assert_eq!(
        options(r#"{"token": "t", "apiVersion": 1.0}"#),
        vec![pair("apiVersion", "invalid_type")]
    );
    assert_eq!(
        options(
            r#"{"token": "t", "apiVersion": "1.0", "baseUrl": "https://x.example/platform/v1beta1"}"#
        ),
        vec![pair("apiVersion", "unsupported")]
    );
    assert_eq!(
        options(r#"{"token": "t", "headers": {"X-API-Version": "1.0"}}"#),
        vec![pair("headers.X-API-Version", "invalid_value")]
    );
}
