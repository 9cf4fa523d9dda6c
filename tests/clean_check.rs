//! The fast path of success bodies: whenever the clean check calls a body clean, the full
//! decoder accepts it unchanged and its model serializes to exactly what `JSON.parse` makes of
//! the same text. (The edge then hands the text to `JSON.parse` and builds nothing.) And the
//! check passes the bodies it should: its answers are compared with `serde_json`'s reading
//! wherever the two must agree.
#![cfg(not(target_arch = "wasm32"))]

use std::cell::Cell;

mod common;

use astro_platform::check::{is_clean_page, is_clean_workspace};
use astro_platform::decode::{workspace_tracked, workspaces_page_tracked};
use astro_platform::input::FORBIDDEN_KEYS;
use astro_platform::Input;
use common::as_js;
use proptest::prelude::*;
use serde_json::{json, Map, Value};

/// Returns the check's verdict on `body` (a Workspace, or a page when `page`), after
/// asserting that a clean body decodes unchanged to exactly its JSON.
fn verdict(body: &[u8], page: bool) -> Result<bool, TestCaseError> {
    let clean = if page {
        is_clean_page(body)
    } else {
        is_clean_workspace(body)
    };
    if clean {
        let text = std::str::from_utf8(body).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let input = Input::from_json(text).map_err(TestCaseError::fail)?;
        let altered = Cell::new(false);
        let model = if page {
            workspaces_page_tracked(&input, &altered).map(|p| serde_json::to_value(p).unwrap())
        } else {
            workspace_tracked(&input, &altered).map(|w| serde_json::to_value(w).unwrap())
        };
        let model = model.map_err(|e| TestCaseError::fail(format!("{text}: {e}")))?;
        prop_assert!(!altered.get(), "{}", text);
        prop_assert_eq!(
            as_js(model),
            as_js(serde_json::from_str(text).unwrap()),
            "{}",
            text
        );
    }
    Ok(clean)
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

fn workspace_of(edits: &[(String, Option<Value>)]) -> Value {
    let mut ws = base();
    for (key, value) in edits {
        match value {
            Some(v) => ws.insert(key.clone(), v.clone()),
            None => ws.remove(key),
        };
    }
    Value::Object(ws)
}

fn text_of(edits: &[(String, Option<Value>)]) -> String {
    serde_json::to_string(&workspace_of(edits)).unwrap()
}

/// Writes `value` as JSON with `spaces` (taken in turn) before and after every token.
fn spaced(value: &Value, spaces: &mut dyn Iterator<Item = &'static str>, out: &mut String) {
    out.push_str(spaces.next().unwrap_or(""));
    match value {
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                out.push_str(if i > 0 { "," } else { "" });
                spaced(item, spaces, out);
            }
            out.push(']');
        }
        Value::Object(map) => {
            out.push('{');
            for (i, (key, item)) in map.iter().enumerate() {
                out.push_str(if i > 0 { "," } else { "" });
                spaced(&Value::String(key.clone()), spaces, out);
                out.push(':');
                spaced(item, spaces, out);
            }
            out.push_str(spaces.next().unwrap_or(""));
            out.push('}');
        }
        other => out.push_str(&serde_json::to_string(other).unwrap()),
    }
    out.push_str(spaces.next().unwrap_or(""));
}

/// The [`piece`]s that are not plain text.
const ODD_PIECES: &[&[u8]] = &[
    b"\x00",
    b"\x1f",
    b"\x7f",
    b"\t",
    "é".as_bytes(),
    "€".as_bytes(),
    "😀".as_bytes(),
    "\u{2028}".as_bytes(),
    "\u{ffff}".as_bytes(),
    b"\x80",
    b"\xff",
    b"\xc0\x80",
    b"\xe0\x80\x80",
    b"\xed\xa0\x80",
    b"\xf4\x90\x80\x80",
    b"\xe2\x82",
    b"\xf0\x9f\x98",
    br#"\""#,
    br"\\",
    br"\/",
    br"\b",
    br"\f",
    br"\n",
    br"\r",
    br"\t",
    br"\u0041",
    br"\u00e9",
    br"\u005f",
    br"\uD83D\uDE00",
    br"\udbff\udfff",
    br"\uD800",
    br"\uDC00",
    br"\uD800\u0041",
    br"\uD800x",
    br"\x",
    br"\u12G4",
    br"\U0041",
    br"\u00",
    br"\'",
    b"__proto__",
    b"constructor",
];

/// A piece of a JSON string's body as bytes: plain text, any kind of character, valid and
/// invalid escapes, control bytes and invalid UTF-8. Never a bare `"` or a lone `\`.
fn piece() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        3 => "[ !#-\\[\\]-~]{1,20}".prop_map(String::into_bytes),
        2 => prop::sample::select(ODD_PIECES).prop_map(<[u8]>::to_vec),
    ]
}

/// A string's body made of [`piece`]s.
fn string_body() -> impl Strategy<Value = Vec<u8>> {
    prop::collection::vec(piece(), 0..6).prop_map(|pieces| pieces.concat())
}

/// Returns `template` with every `@` replaced by `content`.
fn with_bytes(template: &str, content: &[u8]) -> Vec<u8> {
    let parts: Vec<&[u8]> = template.split('@').map(str::as_bytes).collect();
    parts.join(content)
}

/// A number as JSON writes it, or nearly: every part of the grammar, right or wrong.
fn number() -> impl Strategy<Value = String> {
    let text = |s: &str| Just(s.to_owned());
    let sign = prop_oneof![text(""), text("-"), text("+")];
    let int = prop_oneof![
        text(""),
        text("0"),
        text("00"),
        text("01"),
        "[1-9][0-9]{0,25}"
    ];
    let fraction = prop_oneof![text(""), text("."), "\\.[0-9]{1,5}"];
    let exponent = prop_oneof![text(""), text("e"), text("E"), text("e+"), text("E-")];
    let exp_digits = prop_oneof![text(""), "[0-9]{1,2}"];
    (sign, int, fraction, exponent, exp_digits).prop_map(|(s, i, f, e, d)| {
        let exp = if e.is_empty() { String::new() } else { e + &d };
        s + &i + &f + &exp
    })
}

/// Any JSON value, nested a few levels, with forbidden keys among its keys.
fn unknown() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        (-1e12..1e12f64).prop_map(|f| json!(f)),
        "[a-z\"\\\\é\n]{0,6}".prop_map(Value::String),
    ];
    let mut keys = vec!["a", "b", "id", "x y", "é", "protot"];
    keys.extend(FORBIDDEN_KEYS);
    let key = prop::sample::select(keys);
    leaf.prop_recursive(6, 48, 5, move |inner| {
        let entries = prop::collection::vec((key.clone(), inner.clone()), 0..5);
        prop_oneof![
            prop::collection::vec(inner, 0..5).prop_map(Value::Array),
            entries.prop_map(|kv| {
                Value::Object(kv.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())
            }),
        ]
    })
}

/// Returns true when a forbidden key appears in `value` at any depth.
fn has_forbidden(value: &Value) -> bool {
    match value {
        Value::Array(items) => items.iter().any(has_forbidden),
        Value::Object(map) => map
            .iter()
            .any(|(k, v)| FORBIDDEN_KEYS.contains(&k.as_str()) || has_forbidden(v)),
        _ => false,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    #[test]
    fn a_clean_workspace_decodes_to_exactly_its_json(edits in prop::collection::vec(edit(), 0..4)) {
        verdict(text_of(&edits).as_bytes(), false)?;
    }

    #[test]
    fn a_clean_page_decodes_to_exactly_its_json(
        edits in prop::collection::vec(edit(), 0..3),
        total in prop_oneof![Just(json!(2)), Just(json!(-1)), Just(json!(2.0)), Just(json!("2"))],
    ) {
        let ws = text_of(&edits);
        let text = format!(r#"{{"workspaces": [{ws}], "totalCount": {total}, "offset": 0, "limit": 0}}"#);
        verdict(text.as_bytes(), true)?;
    }

    #[test]
    fn whitespace_anywhere_between_tokens_changes_nothing(
        edits in prop::collection::vec(edit(), 0..3),
        spaces in prop::collection::vec(prop::sample::select(&["", " ", "\n", "\r\n\t", "    "][..]), 1..40),
    ) {
        let value = workspace_of(&edits);
        let mut text = String::new();
        spaced(&value, &mut spaces.iter().copied().cycle(), &mut text);
        let compact = serde_json::to_string(&value).unwrap();
        prop_assert_eq!(verdict(text.as_bytes(), false)?, verdict(compact.as_bytes(), false)?, "{}", text);
    }

    #[test]
    fn a_string_is_clean_exactly_when_serde_json_reads_it(content in string_body()) {
        let reads = |body: &[u8]| serde_json::from_slice::<Value>(body).is_ok();
        let ws = text_of(&[("description".into(), None)]);
        // As a known key's text and as a value of no known shape, the check agrees with serde_json.
        for template in [r#""description":"@""#, r#""future":["@", {"a":"@"}]"#] {
            let body = with_bytes(&ws.replacen('{', &format!("{{{template},"), 1), &content);
            prop_assert_eq!(verdict(&body, false)?, reads(&body), "{}", String::from_utf8_lossy(&body));
        }
        // As a key: clean only without escapes, and never a forbidden one.
        let body = with_bytes(&ws.replacen('{', r#"{"future":{"@":1},"#, 1), &content);
        let plain = !content.contains(&b'\\') && !FORBIDDEN_KEYS.iter().any(|k| k.as_bytes() == content);
        prop_assert_eq!(verdict(&body, false)?, reads(&body) && plain, "{}", String::from_utf8_lossy(&body));
        // As a date-time: clean only without escapes.
        let body = with_bytes(&ws.replace("2024-04-05T21:41:04.673Z", "2024-04-05T21:41:04.@Z"), &content);
        if verdict(&body, false)? {
            prop_assert!(!content.contains(&b'\\'));
        }
    }

    #[test]
    fn numbers_are_read_by_the_grammar(number in number()) {
        let reads = |body: &str| serde_json::from_str::<Value>(body).is_ok();
        let ws = text_of(&[]);
        // Of no known shape: clean exactly when serde_json reads it (the magnitudes made here
        // are all far from f64's limit).
        for template in [r#""future":@"#, r#""future":[@,{"a":@}]"#] {
            let body = ws.replacen('{', &format!("{{{},", template.replace('@', &number)), 1);
            prop_assert_eq!(verdict(body.as_bytes(), false)?, reads(&body), "{}", body);
        }
        // As a count: a plain non-negative integer no larger than MAX_SAFE_INTEGER.
        let page = format!(r#"{{"workspaces":[],"totalCount":{number},"offset":0,"limit":0}}"#);
        let canonical = number == "0" || (!number.starts_with('0') && !number.is_empty() && number.bytes().all(|c| c.is_ascii_digit()));
        let safe = canonical && number.parse::<u128>().is_ok_and(|n| n <= 9_007_199_254_740_991);
        prop_assert_eq!(verdict(page.as_bytes(), true)?, safe, "{}", page);
    }

    #[test]
    fn a_value_of_no_known_shape_is_clean_unless_it_holds_a_forbidden_key(value in unknown()) {
        let text = serde_json::to_string(&value).unwrap();
        let ws = text_of(&[]);
        let profile = ws.replace(r#""id":"u","#, &format!(r#""id":"u","more":{text},"#));
        let workspace = ws.replacen('{', &format!(r#"{{"future":{text},"#), 1);
        for body in [profile, workspace.clone()] {
            prop_assert_eq!(verdict(body.as_bytes(), false)?, !has_forbidden(&value), "{}", body);
        }
        let page = format!(r#"{{"next":{text},"workspaces":[{workspace}],"totalCount":1,"offset":0,"limit":1}}"#);
        prop_assert_eq!(verdict(page.as_bytes(), true)?, !has_forbidden(&value), "{}", page);
    }
}

#[test]
fn the_generators_reach_both_sides() {
    assert!(is_clean_workspace(text_of(&[]).as_bytes()));
    let with_null = text_of(&[("description".into(), Some(Value::Null))]);
    assert!(!is_clean_workspace(with_null.as_bytes()));
}

#[test]
fn no_cut_of_a_clean_body_is_clean() {
    let ws = r#"{"id":"c1","name":"caf\u00e9 \"x\" é","organizationId":"o","cicdEnforcedDefault":false,"createdAt":"2024-04-05T21:41:04.673Z","updatedAt":"2024-04-05T21:41:04+00:00","createdBy":{"id":"u","x":[1.5e3,-0,true,null,{}]},"future":{"a":[[],{"b":"😀"}]}}"#;
    let page = format!(r#"{{"workspaces":[{ws},{ws}],"totalCount":12,"offset":0,"limit":2}}"#);
    assert!(is_clean_workspace(ws.as_bytes()) && is_clean_page(page.as_bytes()));
    for end in 0..ws.len() {
        assert!(!is_clean_workspace(&ws.as_bytes()[..end]), "cut at {end}");
    }
    for end in 0..page.len() {
        assert!(!is_clean_page(&page.as_bytes()[..end]), "cut at {end}");
    }
}
