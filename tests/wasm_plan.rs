//! The WASM edge, run by wasm-bindgen-test in Node and in headless Chromium: JS values in,
//! plans that answer the JS driver's questions, plain objects and Error subclasses out. The
//! I/O loop itself (`js/driver.js`) is tested through the package in tests/node, tests/faults
//! and tests/browser, and through the Rust face of the calls in tests/wasm.rs and
//! tests/wasm_client.rs.
#![cfg(target_arch = "wasm32")]

use astro_platform::wasm::{plan_create, Client, Plan};
use js_sys::{Array, Object, Reflect, JSON};
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;

const ORG: &str = "clm8t5u4q000008jq4qoc3036";
const WS: &str = include_str!("fixtures/workspace-minimal.json");
const PARSE: f64 = -1.0;
const OUTPUT: f64 = -2.0;
const FAILED: f64 = -4.0;

fn options(extra: &str) -> JsValue {
    JSON::parse(&format!(
        r#"{{"token": "tok-secret", "baseUrl": "http://127.0.0.1:1/v1"{extra}}}"#
    ))
    .unwrap()
}

fn get(v: &JsValue, key: &str) -> JsValue {
    Reflect::get(v, &key.into()).unwrap()
}

fn plan(body: &str, extra: &str) -> Result<Plan, JsValue> {
    plan_create(ORG.into(), JSON::parse(body).unwrap(), options(extra))
}

fn answer(plan: &mut Plan, status: f64, body: &str) -> f64 {
    plan.settle(
        status,
        Some(body.into()),
        Some("hdr-1".into()),
        None,
        None,
        None,
        0.0,
        0.5,
    )
}

fn error_name(e: &JsValue) -> String {
    assert!(e.is_instance_of::<js_sys::Error>(), "not an Error: {e:?}");
    get(e, "name").as_string().unwrap()
}

fn all_text(e: &JsValue) -> String {
    let message = get(e, "message").as_string().unwrap_or_default();
    let stack = get(e, "stack").as_string().unwrap_or_default();
    let json = JSON::stringify(e).unwrap().as_string().unwrap_or_default();
    format!(
        "{message}{stack}{json}{}",
        String::from(js_sys::Error::from(e.clone()).to_string())
    )
}

#[wasm_bindgen_test]
fn a_create_plan_builds_the_request_and_hands_back_the_body() {
    let mut p = plan(r#"{"name": "My Workspace", "description": null}"#, "").unwrap();
    let request = JSON::parse(&p.request()).unwrap();
    assert_eq!(get(&request, "method").as_string().as_deref(), Some("POST"));
    assert_eq!(
        get(&request, "url").as_string().unwrap(),
        format!("http://127.0.0.1:1/v1/organizations/{ORG}/workspaces")
    );
    assert_eq!(
        get(&request, "body").as_string().as_deref(),
        Some(r#"{"name":"My Workspace"}"#)
    );
    assert_eq!(get(&request, "timeoutMs").as_f64(), Some(60000.0));
    assert_eq!(
        get(&get(&request, "headers"), "authorization")
            .as_string()
            .as_deref(),
        Some("Bearer tok-secret")
    );
    assert_eq!(
        answer(&mut p, 200.0, WS),
        PARSE,
        "a clean body is handed back as it came"
    );
    let event = JSON::parse(&p.log_event(12.4)).unwrap();
    assert_eq!(get(&event, "status").as_f64(), Some(200.0));
    assert_eq!(get(&event, "durationMs").as_f64(), Some(12.0));
    assert!(!p.log_event(1.0).contains("tok-secret"));
}

#[wasm_bindgen_test]
fn a_body_the_model_changes_comes_back_rewritten() {
    let mut p = plan(r#"{"name": "a"}"#, "").unwrap();
    let body = WS.replacen(
        '{',
        r#"{"description": null, "__proto__": {"x": 1}, "extra": [1], "#,
        1,
    );
    assert_eq!(answer(&mut p, 200.0, &body), OUTPUT);
    let ws = JSON::parse(&p.output()).unwrap();
    assert_eq!(get(&ws, "name").as_string().as_deref(), Some("Minimal"));
    assert!(
        !Reflect::has(&ws, &"description".into()).unwrap(),
        "null reads as absent"
    );
    let object: Object = ws.clone().unchecked_into();
    let keys: Vec<String> = Object::keys(&object)
        .iter()
        .filter_map(|k| k.as_string())
        .collect();
    assert!(!keys.iter().any(|k| k == "__proto__"), "{keys:?}");
    assert_eq!(Array::from(&get(&ws, "extra")).length(), 1);
    assert_eq!(
        Object::get_prototype_of(&ws),
        Object::get_prototype_of(&Object::new())
    );
}

#[wasm_bindgen_test]
fn numbers_in_unknown_fields_come_back_as_the_same_numbers() {
    // The edge writes floats with the platform's `JSON.stringify` (no float formatter ships):
    // every number must read back as exactly the one the server sent, -0 included.
    let numbers = "[0, -0, 1, -1, 0.1, 123.456, 1e21, 1e-7, 5e-324, 2.2250738585072014e-308, \
                   1.7976931348623157e308, -1.7976931348623157e308, 9007199254740993, \
                   12345678901234567890, 3.141592653589793, -2.5e-300]";
    let mut p = plan(r#"{"name": "a"}"#, "").unwrap();
    let body = WS.replacen(
        '{',
        &format!(r#"{{"description": null, "n": {numbers}, "o": {{"x": [{numbers}]}}, "#),
        1,
    );
    assert_eq!(answer(&mut p, 200.0, &body), OUTPUT);
    let ws = JSON::parse(&p.output()).unwrap();
    let sent = Array::from(&JSON::parse(numbers).unwrap());
    let nested = Array::from(&get(&get(&ws, "o"), "x")).get(0);
    for got in [get(&ws, "n"), nested] {
        let got = Array::from(&got);
        assert_eq!(got.length(), sent.length());
        for i in 0..sent.length() {
            assert!(
                Object::is(&got.get(i), &sent.get(i)),
                "{i}: {:?} came back as {:?}",
                sent.get(i),
                got.get(i)
            );
        }
    }
}

#[wasm_bindgen_test]
fn api_errors_are_error_subclasses_without_the_token() {
    let mut p = plan(r#"{"name": "a"}"#, "").unwrap();
    let body =
        r#"{"message": "token tok-secret rejected", "requestId": "req-9", "statusCode": 401}"#;
    assert_eq!(answer(&mut p, 401.0, body), FAILED);
    let err = p.error(JsValue::UNDEFINED);
    assert_eq!(error_name(&err), "AuthenticationError");
    assert_eq!(get(&err, "status").as_f64(), Some(401.0));
    assert_eq!(get(&err, "requestId").as_string().as_deref(), Some("req-9"));
    assert_eq!(get(&err, "attempts").as_f64(), Some(1.0));
    assert!(!all_text(&err).contains("tok-secret"), "{}", all_text(&err));
}

#[wasm_bindgen_test]
fn validation_throws_before_any_plan() {
    let err = plan(r#"{"name": ""}"#, "")
        .err()
        .expect("an empty name is refused");
    assert_eq!(error_name(&err), "ValidationError");
    let first = Array::from(&get(&err, "fieldErrors")).get(0);
    assert_eq!(
        get(&first, "code").as_string().as_deref(),
        Some("too_short")
    );
}

#[wasm_bindgen_test]
fn failed_attempts_are_connection_timeout_or_abort_errors_and_the_module_survives() {
    let mut p = plan(r#"{"name": "a"}"#, r#", "maxRetries": 0"#).unwrap();
    assert_eq!(
        p.fail(
            0,
            Some("fetch failed".into()),
            Some("ECONNREFUSED tok-secret".into()),
            0.5
        ),
        FAILED
    );
    let err = p.error(js_sys::Error::new("tok-secret inside").into());
    assert_eq!(error_name(&err), "ConnectionError");
    assert!(
        get(&err, "cause").is_undefined(),
        "a cause that names the token is dropped"
    );
    assert!(!all_text(&err).contains("tok-secret"));

    let mut p = plan(r#"{"name": "a"}"#, r#", "timeoutMs": 50"#).unwrap();
    assert_eq!(p.fail(1, None, None, 0.5), FAILED);
    let err = p.error(JsValue::UNDEFINED);
    assert_eq!(error_name(&err), "TimeoutError");
    assert_eq!(get(&err, "timeoutMs").as_f64(), Some(50.0));

    let mut p = plan(r#"{"name": "a"}"#, "").unwrap();
    assert_eq!(
        p.settle(f64::NAN, None, None, None, None, None, 0.0, 0.5),
        FAILED
    );
    assert_eq!(error_name(&p.error(JsValue::UNDEFINED)), "ConnectionError");
    assert_eq!(
        error_name(&plan(r#"{"name": "a"}"#, "").unwrap().aborted()),
        "AbortError"
    );

    let mut p = plan(r#"{"name": "a"}"#, "").unwrap();
    assert_eq!(answer(&mut p, 200.0, WS), PARSE);
}

#[wasm_bindgen_test]
fn a_retry_is_a_wait_then_another_attempt() {
    let client = Client::new(options(r#", "maxRetries": 2"#)).unwrap();
    let mut p = client.list(ORG.into(), None, None).unwrap();
    let wait = answer(&mut p, 503.0, "Service Unavailable");
    assert!((0.0..=500.0).contains(&wait), "{wait}");
    let page = r#"{"workspaces": [], "totalCount": 0, "offset": 0, "limit": 20}"#;
    assert_eq!(answer(&mut p, 200.0, page), PARSE);
    let event = JSON::parse(&p.log_event(0.0)).unwrap();
    assert_eq!(get(&event, "attempt").as_f64(), Some(2.0));
}

#[wasm_bindgen_test]
fn an_invalid_success_body_is_an_invalid_response() {
    let mut p = plan(r#"{"name": "a"}"#, "").unwrap();
    assert_eq!(answer(&mut p, 200.0, "<html>hi</html>"), FAILED);
    let err = p.error(JsValue::UNDEFINED);
    assert_eq!(error_name(&err), "InvalidResponseError");
    assert_eq!(
        get(&err, "excerpt").as_string().as_deref(),
        Some("<html>hi</html>")
    );
}
