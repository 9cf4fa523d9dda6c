//! The Rust face of the client (src/wasm/promises.rs), run by wasm-bindgen-test in Node and in
//! headless Chromium: each of the five calls through a `fetch` the test controls, and the
//! caller's signal.
#![cfg(target_arch = "wasm32")]

use astro_platform::wasm::AstroClient;
use js_sys::{Array, Function, Reflect, JSON};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;

const ORG: &str = "clm8t5u4q000008jq4qoc3036";
const WS_ID: &str = "clm8t5u4q000008jq4qoc3036";
const WS: &str = include_str!("fixtures/workspace-minimal.json");

fn get(v: &JsValue, key: &str) -> JsValue {
    Reflect::get(v, &key.into()).unwrap()
}

/// A client whose `fetch` answers every call with `status` and `body`, recording each request
/// on `globalThis[record]`.
fn client(status: u16, body: &str, record: &str) -> AstroClient {
    let body = JSON::stringify(&body.into()).unwrap().as_string().unwrap();
    let fetch = Function::new_with_args(
        "url, init",
        &format!(
            "(globalThis.{record} ??= []).push({{ url, method: init.method, body: init.body }}); \
             return Promise.resolve(new Response({status} === 204 ? null : {body}, {{ status: {status} }}));"
        ),
    );
    let options =
        JSON::parse(r#"{"token": "tok-secret", "baseUrl": "http://127.0.0.1:1/v1"}"#).unwrap();
    Reflect::set(&options, &"fetch".into(), &fetch).unwrap();
    AstroClient::new(options).unwrap()
}

/// The requests recorded on `globalThis[record]`, as "METHOD path?query body".
fn requests(record: &str) -> Vec<String> {
    Array::from(&get(&js_sys::global(), record))
        .iter()
        .map(|r| {
            let url = get(&r, "url").as_string().unwrap();
            let path = url.trim_start_matches("http://127.0.0.1:1/v1");
            let body = get(&r, "body").as_string().unwrap_or_default();
            format!("{} {path} {body}", get(&r, "method").as_string().unwrap())
                .trim_end()
                .to_owned()
        })
        .collect()
}

#[wasm_bindgen_test]
async fn each_call_sends_its_request_and_resolves_to_its_result() {
    let c = client(200, WS, "clientCalls");
    let (org, ws) = (JsValue::from(ORG), JsValue::from(WS_ID));
    let body = || JSON::parse(r#"{"name": "New"}"#).unwrap();

    let created = JsFuture::from(c.create_workspace(org.clone(), body(), None))
        .await
        .unwrap();
    assert_eq!(
        get(&created, "name").as_string().as_deref(),
        Some("Minimal")
    );
    let got = JsFuture::from(c.get_workspace(org.clone(), ws.clone(), None))
        .await
        .unwrap();
    assert_eq!(get(&got, "id").as_string().as_deref(), Some(WS_ID));
    let replacement =
        JSON::parse(r#"{"name": "New", "description": "d", "cicdEnforcedDefault": true}"#).unwrap();
    let updated = JsFuture::from(c.update_workspace(org.clone(), ws.clone(), replacement, None))
        .await
        .unwrap();
    assert_eq!(
        get(&updated, "name").as_string().as_deref(),
        Some("Minimal")
    );

    let paths = format!("/organizations/{ORG}/workspaces");
    assert_eq!(
        requests("clientCalls"),
        [
            format!(r#"POST {paths} {{"name":"New"}}"#),
            format!("GET {paths}/{WS_ID}"),
            format!(
                r#"POST {paths}/{WS_ID} {{"name":"New","description":"d","cicdEnforcedDefault":true}}"#
            ),
        ]
    );

    let page = format!(r#"{{"workspaces": [{WS}], "totalCount": 1, "limit": 20, "offset": 0}}"#);
    let lister = client(200, &page, "listCalls");
    let params = JSON::parse(r#"{"limit": 20}"#).unwrap();
    let listed = JsFuture::from(lister.list_workspaces(org.clone(), Some(params), None))
        .await
        .unwrap();
    assert_eq!(get(&listed, "totalCount").as_f64(), Some(1.0));
    assert_eq!(Array::from(&get(&listed, "workspaces")).length(), 1);
    assert_eq!(requests("listCalls"), [format!("GET {paths}?limit=20")]);

    let deleter = client(204, "", "deleteCalls");
    let deleted = JsFuture::from(deleter.delete_workspace(org, ws, None))
        .await
        .unwrap();
    assert!(deleted.is_undefined());
    assert_eq!(requests("deleteCalls"), [format!("DELETE {paths}/{WS_ID}")]);
}

#[wasm_bindgen_test]
async fn bad_input_and_an_aborted_signal_reject_without_a_request() {
    let c = client(200, WS, "refusedCalls");
    let empty = JSON::parse(r#"{"name": ""}"#).unwrap();
    let err = JsFuture::from(c.create_workspace(ORG.into(), empty, None))
        .await
        .unwrap_err();
    assert_eq!(
        get(&err, "name").as_string().as_deref(),
        Some("ValidationError")
    );

    let options = js_sys::Object::new();
    let signal = Function::new_no_args("return AbortSignal.abort()")
        .call0(&JsValue::UNDEFINED)
        .unwrap();
    Reflect::set(&options, &"signal".into(), &signal).unwrap();
    let err = JsFuture::from(c.get_workspace(ORG.into(), WS_ID.into(), Some(options.into())))
        .await
        .unwrap_err();
    assert_eq!(get(&err, "name").as_string().as_deref(), Some("AbortError"));
    assert!(
        get(&js_sys::global(), "refusedCalls").is_undefined(),
        "nothing was sent"
    );
}

/// The README's example ("Rust (wasm32)"), with a base URL and a `fetch` of the test's.
async fn make_workspace(token: &str, org: &str) -> Result<JsValue, JsValue> {
    let options = js_sys::Object::new();
    js_sys::Reflect::set(&options, &"token".into(), &token.into())?;
    let fetch = Function::new_with_args(
        "url, init",
        &format!(
            "return Promise.resolve(new Response({}, {{ status: 201 }}));",
            JSON::stringify(&WS.into()).unwrap().as_string().unwrap()
        ),
    );
    Reflect::set(&options, &"fetch".into(), &fetch)?;
    Reflect::set(&options, &"baseUrl".into(), &"http://127.0.0.1:1/v1".into())?;
    let client = AstroClient::new(options.into())?;
    let body = JSON::parse(r#"{"name": "Data Platform"}"#)?;
    JsFuture::from(client.create_workspace(org.into(), body, None)).await
}

#[wasm_bindgen_test]
async fn the_readme_example_creates_a_workspace() {
    let ws = make_workspace("tok-secret", ORG).await.unwrap();
    assert_eq!(get(&ws, "id").as_string().as_deref(), Some(WS_ID));
    let err = make_workspace("", ORG).await.unwrap_err();
    assert_eq!(
        get(&err, "name").as_string().as_deref(),
        Some("ValidationError")
    );
}
