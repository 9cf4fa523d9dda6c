//! The fast path of success bodies: whenever the one-pass check calls a body clean, the full
//! decoder accepts it unchanged and its model serializes to exactly what `JSON.parse` makes of
//! the same text. (The edge then hands the text to `JSON.parse` and builds nothing.)
#![cfg(not(target_arch = "wasm32"))]

use std::cell::Cell;

use astro_platform::check::{is_clean_page, is_clean_workspace};
use astro_platform::decode::{workspace_tracked, workspaces_page_tracked};
use astro_platform::Input;
use proptest::prelude::*;
use serde_json::{json, Map, Value};

/// Makes every number an f64, as JS has only one kind of number.
fn as_js(value: Value) -> Value {
    match value {
        Value::Number(n) => json!(n.as_f64()),
        Value::Array(items) => Value::Array(items.into_iter().map(as_js).collect()),
        Value::Object(map) => Value::Object(map.into_iter().map(|(k, v)| (k, as_js(v))).collect()),
        other => other,
    }
}

fn base() -> Map<String, Value> {
    let value = json!({
        "id": "cln0w8k2a000108l5e2xy7fgh", "name": "n", "organizationId": "o",
        "cicdEnforcedDefault": true, "createdAt": "2024-04-05T21:41:04.673Z",
        "updatedAt": "2024-04-05T21:41:04+00:00", "description": "d",
        "createdBy": {"id": "u", "subjectType": "USER"}, "defaultCloudProvider": "GCP"
    });
    value.as_object().unwrap().clone()
}

/// One change to a Workspace's JSON: a key set to a value, or a key removed.
fn edit() -> impl Strategy<Value = (String, Option<Value>)> {
    let key = prop_oneof![
        Just("id"),
        Just("name"),
        Just("cicdEnforcedDefault"),
        Just("createdAt"),
        Just("description"),
        Just("createdBy"),
        Just("defaultRegion"),
        Just("future"),
        Just("__proto__"),
        Just("constructor"),
        Just("prototype"),
    ]
    .prop_map(str::to_owned);
    let value = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i32>().prop_map(|n| json!(n)),
        Just(json!(1.5)),
        "[a-z]{0,3}".prop_map(Value::String),
        Just(json!("2024-02-30T00:00:00Z")),
        Just(json!("2024-02-29T00:00:00.5-05:30")),
        Just(json!({"id": "x"})),
        Just(json!({"subjectType": "USER"})),
        Just(json!({"a": [1, {"__proto__": 1}]})),
        Just(json!({"a": [1, {"b": null}]})),
        Just(json!([1, "x", null])),
    ];
    (key, prop::option::weighted(0.85, value))
}

fn text_of(edits: &[(String, Option<Value>)]) -> String {
    let mut ws = base();
    for (key, value) in edits {
        match value {
            Some(v) => ws.insert(key.clone(), v.clone()),
            None => ws.remove(key),
        };
    }
    serde_json::to_string(&Value::Object(ws)).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    #[test]
    fn a_clean_workspace_decodes_to_exactly_its_json(edits in prop::collection::vec(edit(), 0..4)) {
        let text = text_of(&edits);
        if is_clean_workspace(text.as_bytes()) {
            let altered = Cell::new(false);
            let ws = workspace_tracked(&Input::from_json(&text).unwrap(), &altered);
            prop_assert!(ws.is_ok(), "{text}: {ws:?}");
            prop_assert!(!altered.get(), "{text}");
            let model = as_js(serde_json::to_value(ws.unwrap()).unwrap());
            prop_assert_eq!(model, as_js(serde_json::from_str(&text).unwrap()), "{}", text);
        }
    }

    #[test]
    fn a_clean_page_decodes_to_exactly_its_json(
        edits in prop::collection::vec(edit(), 0..3),
        total in prop_oneof![Just(json!(2)), Just(json!(-1)), Just(json!(2.0)), Just(json!("2"))],
    ) {
        let ws = text_of(&edits);
        let text = format!(r#"{{"workspaces": [{ws}], "totalCount": {total}, "offset": 0, "limit": 0}}"#);
        if is_clean_page(text.as_bytes()) {
            let altered = Cell::new(false);
            let page = workspaces_page_tracked(&Input::from_json(&text).unwrap(), &altered);
            prop_assert!(page.is_ok(), "{text}: {page:?}");
            prop_assert!(!altered.get(), "{text}");
            let model = as_js(serde_json::to_value(page.unwrap()).unwrap());
            prop_assert_eq!(model, as_js(serde_json::from_str(&text).unwrap()), "{}", text);
        }
    }
}

#[test]
fn the_generators_reach_both_sides() {
    assert!(is_clean_workspace(text_of(&[]).as_bytes()));
    let with_null = text_of(&[("description".into(), Some(Value::Null))]);
    assert!(!is_clean_workspace(with_null.as_bytes()));
}
