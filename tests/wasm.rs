//! The WASM edge, run by wasm-bindgen-test in Node and in headless Chromium: JS values in,
//! plain objects and Error subclasses out, through a `fetch` the test controls.
#![cfg(target_arch = "wasm32")]

use astro_platform::wasm::{create_workspace, validate_create_workspace, AstroClient};
use js_sys::{Array, Function, Object, Reflect, JSON};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;

const ORG: &str = "clm8t5u4q000008jq4qoc3036";
const WS: &str = include_str!("fixtures/workspace-minimal.json");

/// A `fetch` built from JS source: `(url, init) => ...`.
fn fetch_fn(body: &str) -> Function {
    Function::new_with_args("url, init", body)
}

/// A `fetch` that answers `status` with `body`, recording each call on
/// `globalThis[record]` (one name per test, as tests run concurrently).
fn recording(status: u16, body: &str, record: &str) -> Function {
    let body = JSON::stringify(&JsValue::from_str(body))
        .unwrap()
        .as_string()
        .unwrap();
    fetch_fn(&format!(
        "(globalThis.{record} ??= []).push({{ url, init }}); return Promise.resolve(new Response({body}, {{ status: {status}, headers: {{ 'x-request-id': 'hdr-1' }} }}));"
    ))
}

/// A `fetch` that answers `status` with `body`.
fn answering(status: u16, body: &str) -> Function {
    recording(status, body, "ignoredCalls")
}

fn options(fetch: &Function, extra: &str) -> JsValue {
    let opts = JSON::parse(&format!(
        r#"{{"token": "tok-secret", "baseUrl": "http://127.0.0.1:1/v1"{extra}}}"#
    ))
    .unwrap();
    Reflect::set(&opts, &"fetch".into(), fetch).unwrap();
    opts
}

fn get(v: &JsValue, key: &str) -> JsValue {
    Reflect::get(v, &key.into()).unwrap()
}

async fn create(body: &str, opts: JsValue) -> Result<JsValue, JsValue> {
    JsFuture::from(create_workspace(
        ORG.into(),
        JSON::parse(body).unwrap(),
        opts,
    ))
    .await
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
async fn create_resolves_to_a_plain_workspace() {
    let ws = create(
        r#"{"name": "My Workspace", "description": null}"#,
        options(&recording(200, WS, "createCalls"), ""),
    )
    .await
    .unwrap();
    assert_eq!(get(&ws, "name").as_string().as_deref(), Some("Minimal"));
    assert!(
        !Reflect::has(&ws, &"description".into()).unwrap(),
        "absent optional field is absent"
    );
    assert_eq!(
        Object::get_prototype_of(&ws),
        Object::get_prototype_of(&Object::new())
    );
    let calls: Array = get(&js_sys::global(), "createCalls").unchecked_into();
    let init = get(&calls.pop(), "init");
    assert_eq!(
        get(&init, "body").as_string().as_deref(),
        Some(r#"{"name":"My Workspace"}"#)
    );
    assert_eq!(
        get(&init, "redirect").as_string().as_deref(),
        Some("manual")
    );
    assert_eq!(
        get(&get(&init, "headers"), "authorization")
            .as_string()
            .as_deref(),
        Some("Bearer tok-secret")
    );
}

#[wasm_bindgen_test]
async fn api_errors_are_error_subclasses_without_the_token() {
    let body =
        r#"{"message": "token tok-secret rejected", "requestId": "req-9", "statusCode": 401}"#;
    let err = create(r#"{"name": "a"}"#, options(&answering(401, body), ""))
        .await
        .unwrap_err();
    assert_eq!(error_name(&err), "AuthenticationError");
    assert_eq!(get(&err, "status").as_f64(), Some(401.0));
    assert_eq!(get(&err, "requestId").as_string().as_deref(), Some("req-9"));
    assert_eq!(get(&err, "attempts").as_f64(), Some(1.0));
    assert!(!all_text(&err).contains("tok-secret"), "{}", all_text(&err));
}

#[wasm_bindgen_test]
async fn validation_rejects_before_fetch() {
    let fetch = fetch_fn("throw new Error('fetch must not be called')");
    let err = create(r#"{"name": ""}"#, options(&fetch, ""))
        .await
        .unwrap_err();
    assert_eq!(error_name(&err), "ValidationError");
    let first = Array::from(&get(&err, "fieldErrors")).get(0);
    assert_eq!(
        get(&first, "code").as_string().as_deref(),
        Some("too_short")
    );
}

#[wasm_bindgen_test]
async fn broken_fetches_are_connection_errors_and_the_module_survives() {
    for body in [
        "return Promise.reject(new TypeError('fetch failed'))",
        "throw new TypeError('sync throw')",
        "return undefined",
        "return Promise.resolve({ status: 'x' })",
        "return Promise.resolve({ status: 200, headers: null, text: () => { throw new Error('no') } })",
    ] {
        let err = create(r#"{"name": "a"}"#, options(&fetch_fn(body), r#", "maxRetries": 0"#)).await.unwrap_err();
        assert_eq!(error_name(&err), "ConnectionError", "{body}");
    }
    let ws = create(r#"{"name": "a"}"#, options(&answering(200, WS), ""))
        .await
        .unwrap();
    assert_eq!(
        get(&ws, "id").as_string().as_deref(),
        Some("clm8t5u4q000008jq4qoc3036")
    );
}

#[wasm_bindgen_test]
async fn a_fetch_that_ignores_its_signal_still_times_out() {
    let never = fetch_fn("return new Promise(() => {})");
    let err = create(r#"{"name": "a"}"#, options(&never, r#", "timeoutMs": 50"#))
        .await
        .unwrap_err();
    assert_eq!(error_name(&err), "TimeoutError");
    assert_eq!(get(&err, "timeoutMs").as_f64(), Some(50.0));
}

#[wasm_bindgen_test]
async fn an_invalid_success_body_is_an_invalid_response() {
    let err = create(
        r#"{"name": "a"}"#,
        options(&answering(200, "<html>hi</html>"), ""),
    )
    .await
    .unwrap_err();
    assert_eq!(error_name(&err), "InvalidResponseError");
    assert_eq!(
        get(&err, "excerpt").as_string().as_deref(),
        Some("<html>hi</html>")
    );
}

#[wasm_bindgen_test]
fn odd_js_values_are_named_not_crashes() {
    let body = Object::new();
    Reflect::set(&body, &"name".into(), &Function::new_no_args("")).unwrap();
    Reflect::set(&body, &"description".into(), &js_sys::Symbol::for_("x")).unwrap();
    Reflect::set(
        &body,
        &"cicdEnforcedDefault".into(),
        &js_sys::BigInt::from(1u32),
    )
    .unwrap();
    let problems = Array::from(&validate_create_workspace(ORG.into(), body.into()));
    let codes: Vec<String> = problems
        .iter()
        .map(|p| {
            format!(
                "{}:{}",
                get(&p, "field").as_string().unwrap(),
                get(&p, "code").as_string().unwrap()
            )
        })
        .collect();
    assert_eq!(
        codes,
        [
            "name:invalid_type",
            "description:invalid_type",
            "cicdEnforcedDefault:invalid_type"
        ]
    );
    assert_eq!(
        Array::from(&validate_create_workspace(
            JsValue::UNDEFINED,
            JsValue::NULL
        ))
        .length(),
        2
    );
}

#[wasm_bindgen_test]
fn a_client_with_bad_options_throws_a_validation_error() {
    let err = AstroClient::new(JsValue::UNDEFINED)
        .err()
        .expect("no token is refused");
    assert_eq!(error_name(&err), "ValidationError");
}

#[wasm_bindgen_test]
async fn circular_deep_and_hostile_inputs_are_refused_and_the_module_survives() {
    let cases = [
        "const c = {}; c.c = c; return { name: 'x', description: c };",
        "let d = {}; for (let i = 0; i < 10000; i++) d = { d }; return { name: 'x', description: d };",
        "const a = []; a.length = 4294967295; return { name: 'x', description: a };",
        "return { name: 'ab\\uD800cd' };",
        "return new Proxy({}, { ownKeys() { throw new Error('trap') } });",
    ];
    for case in cases {
        let body = Function::new_no_args(case)
            .call0(&JsValue::UNDEFINED)
            .unwrap();
        let problems = Array::from(&validate_create_workspace(ORG.into(), body.clone()));
        assert!(problems.length() > 0, "{case}");
        let promise = create_workspace(ORG.into(), body, options(&answering(200, WS), ""));
        let err = JsFuture::from(promise).await.unwrap_err();
        assert_eq!(error_name(&err), "ValidationError", "{case}");
    }
    let ws = create(r#"{"name": "a"}"#, options(&answering(200, WS), ""))
        .await
        .unwrap();
    assert_eq!(get(&ws, "name").as_string().as_deref(), Some("Minimal"));
}
