//! The clean check's edge cases, one by one (tests/clean_check.rs holds it to the decoder).

use super::*;

const WS: &str = r#"{"id": "c1", "name": "n", "organizationId": "o", "cicdEnforcedDefault": true,
    "createdAt": "2024-04-05T21:41:04.673Z", "updatedAt": "2024-04-05T21:41:04+00:00"}"#;

/// The Workspace [`WS`] with `extra` members first.
fn with(extra: &str) -> String {
    WS.replacen('{', &format!("{{{extra}, "), 1)
}

/// Asserts the verdict on each Workspace body.
fn verdicts(clean: bool, bodies: &[&str]) {
    for body in bodies {
        assert_eq!(is_clean_workspace(body.as_bytes()), clean, "{body}");
    }
}

#[test]
fn clean_bodies_pass_and_anything_else_goes_to_the_decoder() {
    assert!(is_clean_workspace(WS.as_bytes()));
    assert!(is_clean_workspace(
        with(r#""future": {"a": [1, null, {"b": -2.5}]}"#).as_bytes()
    ));
    assert!(is_clean_workspace(
        with(r#""createdBy": {"id": "u", "teamId": 1}"#).as_bytes()
    ));
    for bad in [
        with(r#""description": null"#),
        with(r#""__proto__": {}"#),
        with(r#""future": [{"constructor": 1}]"#),
        with(r#""name": "again""#),
        with(r#""createdBy": {"subjectType": "USER"}"#),
        with(r#""createdBy": null"#),
        WS.replace("true", "\"true\""),
        WS.replace(".673Z", ".673"),
        WS.replace(r#""id": "c1", "#, ""),
        format!("{WS} x"),
        "[]".to_owned(),
    ] {
        assert!(!is_clean_workspace(bad.as_bytes()), "{bad}");
    }
    let page =
        format!(r#"{{"workspaces": [{WS}, {WS}], "totalCount": 2, "offset": 0, "limit": 0}}"#);
    assert!(is_clean_page(page.as_bytes()));
    assert!(!is_clean_page(
        page.replace("\"offset\": 0", "\"offset\": -1").as_bytes()
    ));
    assert!(!is_clean_page(
        page.replace("\"limit\": 0", "\"limit\": 0.0").as_bytes()
    ));
}

#[test]
fn keys_are_read_exactly_and_escaped_keys_go_to_the_decoder() {
    verdicts(
        true,
        &[
            &with(r#""idx": 1, "names": {"id": 2}"#),
            &with(r#""__proto": 1, "prototypes": [{"constructorX": 0}]"#),
            &with(r#""": "", "id ": 1"#),
        ],
    );
    verdicts(
        false,
        &[
            // Escaped keys are never decoded here, whatever they stand for.
            &with(r#""\u005f_proto__": 1"#),
            &with(r#""future": {"\u005f_proto__": 1}"#),
            &with(r#""future": {"a\nb": 1}"#),
            &WS.replace(r#""id""#, r#""\u0069d""#),
            &WS.replace(r#""id": "c1""#, r#""idX:"c1""#),
            &WS.replace(r#""id": "c1""#, r#""id"  "c1""#),
            &WS.replace(r#""id": "c1""#, r#"id: "c1""#),
            &with(r#""prototype": 1"#),
            &with(r#""createdBy": {"id": "u", "constructor": {}}"#),
        ],
    );
}

#[test]
fn strings_are_valid_json_that_serde_json_and_json_parse_read_alike() {
    verdicts(
        true,
        &[
            &with(r#""description": "caf\u00e9 \"q\" \\ \/ \b\f\n\r\t \ud83d\ude00 é 😀 \u0000""#),
            &with("\"future\": \"\u{7f}\u{2028}\u{ffff}\""),
        ],
    );
    verdicts(
        false,
        &[
            // Lone surrogates: serde_json refuses them, JSON.parse keeps them.
            &with(r#""description": "\ud800""#),
            &with(r#""description": "\udc00\ud800""#),
            &with(r#""future": ["\ud800\u0041"]"#),
            &with(r#""description": "\x""#),
            &with(r#""description": "\u12g4""#),
            &with("\"description\": \"a\tb\""),
            &with("\"description\": \"a\u{1f}b\""),
            // A date-time with an escape is left to the decoder.
            &WS.replace("T21:41:04.673Z", "\\u005421:41:04.673Z"),
        ],
    );
    let mut bytes = with(r#""description": "ab""#).into_bytes();
    let at = bytes.iter().position(|&c| c == b'b').unwrap();
    for bad in [
        &[0x80][..],
        &[0xff],
        &[0xc0, 0x80],
        &[0xed, 0xa0, 0x80],
        &[0xe2, 0x82],
    ] {
        bytes.splice(at..at + 1, bad.iter().copied());
        assert!(!is_clean_workspace(&bytes), "{bad:?}");
        bytes.splice(at..at + bad.len(), [b'b']);
    }
    assert!(is_clean_workspace(&bytes));
}

#[test]
fn counts_are_plain_integers_up_to_max_safe_integer() {
    let page =
        |count: &str| format!(r#"{{"workspaces":[],"totalCount":{count},"offset":0,"limit":0}}"#);
    for count in ["0", "7", " 12 ", "9007199254740991"] {
        assert!(is_clean_page(page(count).as_bytes()), "{count}");
    }
    for count in [
        "9007199254740992",
        "18446744073709551616",
        "01",
        "-0",
        "-1",
        "1.0",
        "1e2",
        "0x1",
        "",
        "null",
        "\"1\"",
    ] {
        assert!(!is_clean_page(page(count).as_bytes()), "{count}");
    }
}

#[test]
fn numbers_of_no_known_shape_follow_json_and_stay_finite() {
    let future = |n: &str| with(&format!(r#""future": [{n}]"#));
    for n in [
        "0",
        "-0",
        "-1.5",
        "1e5",
        "1E+5",
        "2.5e-3",
        "1e307",
        "-9.9e307",
        "1e-400",
        "123456789012345678901234567890",
        "0.000001e300",
    ] {
        assert!(is_clean_workspace(future(n).as_bytes()), "{n}");
    }
    for n in [
        "1e309",
        "1e400",
        "-1e99999999",
        "1",
        "+1",
        ".5",
        "1.",
        "1.e5",
        "1e",
        "1e+",
        "01",
        "-",
        "--1",
        "0x10",
        "NaN",
        "Infinity",
        "1.5.2",
        "1e5e5",
    ] {
        let n = if n == "1" { "1 2" } else { n };
        assert!(!is_clean_workspace(future(n).as_bytes()), "{n}");
    }
}

#[test]
fn nesting_is_bounded_without_recursion() {
    let nested = |depth: usize, open: &str, close: &str| {
        with(&format!(
            r#""future": {}1{}"#,
            open.repeat(depth),
            close.repeat(depth)
        ))
    };
    assert!(is_clean_workspace(nested(64, "[", "]").as_bytes()));
    assert!(is_clean_workspace(nested(64, r#"{"a":"#, "}").as_bytes()));
    assert!(!is_clean_workspace(nested(65, "[", "]").as_bytes()));
    assert!(!is_clean_workspace(nested(65, r#"{"a":"#, "}").as_bytes()));
    // Far deeper than any stack would take if the check recursed.
    assert!(!is_clean_workspace(nested(1_000_000, "[", "]").as_bytes()));
    assert!(!is_clean_workspace("[".repeat(1_000_000).as_bytes()));
}

#[test]
fn the_body_is_one_object_and_whitespace() {
    verdicts(true, &[&format!(" \r\n\t{WS} \n")]);
    verdicts(
        false,
        &[
            "",
            " ",
            "{}",
            &format!("{WS}{WS}"),
            &format!("{WS}\u{0}"),
            &format!("\u{feff}{WS}"),
            &format!("{WS},"),
            &WS.replace('}', ",}"),
            &WS.replace(", \"name\"", " \"name\""),
        ],
    );
    let page = |ws: &str| format!(r#"{{"workspaces":{ws},"totalCount":1,"offset":0,"limit":1}}"#);
    assert!(is_clean_page(page("[]").as_bytes()));
    assert!(is_clean_page(page(&format!("[{WS}]")).as_bytes()));
    for ws in [
        "null",
        "{}",
        "[1]",
        &format!("[{WS},]"),
        &format!("[{WS} {WS}]"),
    ] {
        assert!(!is_clean_page(page(ws).as_bytes()), "{ws}");
    }
    assert!(!is_clean_page(
        page("[]").replace(r#","limit":1"#, "").as_bytes()
    ));
    assert!(!is_clean_page(
        page("[]").replace("}", r#","offset":0}"#).as_bytes()
    ));
}
