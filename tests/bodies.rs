//! Bodies that take the full decoder (errors, success bodies the one-pass check does not pass),
//! from tests/fixtures/bodies.json. Here `serde_json` parses them; tests/faults/bodies.test.mjs
//! runs the same cases through the package, where the platform's `JSON.parse` does, so the two
//! builds are held to one answer: nesting past 127 levels, numbers out of range and escaped
//! unpaired surrogates are not JSON in both.

mod common;

use astro_platform::model::{OrganizationId, WorkspaceId};
use astro_platform::request::Operation;
use astro_platform::response::{HttpResponse, Output};
use astro_platform::Error;
use common::as_js;
use serde_json::{json, Value};

const CASES: &str = include_str!("fixtures/bodies.json");

fn operation(name: &str) -> Operation {
    let org = OrganizationId::parse("clm8t5u4q000008jq4qoc3036").unwrap();
    match name {
        "list" => Operation::List(org, Default::default()),
        _ => Operation::Get(
            org,
            WorkspaceId::parse("clm8t5u4q000008jq4qoc3037").unwrap(),
        ),
    }
}

/// What a user sees of an error, in the fixture's terms.
fn seen(error: &Error) -> Value {
    let mut out = json!({ "class": error.class_name(), "message": error.message() });
    match error {
        Error::Api {
            request_id,
            field_errors,
            excerpt,
            ..
        } => {
            out["requestId"] = json!(request_id);
            out["fieldErrors"] = json!(field_errors);
            out["excerpt"] = json!(excerpt);
        }
        Error::InvalidResponse { excerpt, .. } => out["excerpt"] = json!(excerpt),
        _ => {}
    }
    out
}

#[test]
fn every_body_reads_as_the_fixture_says() {
    let cases: Vec<Value> = serde_json::from_str(CASES).unwrap();
    assert!(cases.len() >= 15);
    for case in cases {
        let name = case["name"].as_str().unwrap();
        let body = case["body"].as_str().unwrap();
        let status = case["status"].as_u64().unwrap() as u16;
        let op = operation(case["op"].as_str().unwrap_or("get"));
        let expect = &case["expect"];
        match op.interpret(&HttpResponse::from_text(status, body)) {
            Ok(output) => {
                let value = match output {
                    Output::Workspace(ws) => serde_json::to_value(ws).unwrap(),
                    Output::Page(page) => serde_json::to_value(page).unwrap(),
                    Output::Deleted => Value::Null,
                };
                assert_eq!(as_js(value), as_js(expect["result"].clone()), "{name}");
            }
            Err(error) => {
                let mut want = expect.clone();
                if want["excerpt"] == json!(true) {
                    want["excerpt"] = json!(body);
                } else if want["excerpt"] == json!(false) {
                    want["excerpt"] = Value::Null;
                }
                assert_eq!(seen(&error), want, "{name}");
            }
        }
    }
}
