//! The API's input rules, as a table: every code, the Unicode counting, hostile IDs.

use astro_platform::call::Call;
use astro_platform::config::{self, check_base_url};
use astro_platform::model::FieldError;
use astro_platform::validate::Problems;
use astro_platform::Input;

mod common;

use common::{json, s, ORG, WS};

/// Returns the `(field, code)` pairs of a list of field errors.
fn codes(errors: &[FieldError]) -> Vec<(String, String)> {
    errors
        .iter()
        .map(|e| (e.field.clone(), e.code.clone()))
        .collect()
}

fn create_problems(org: &Input, body: &Input) -> Vec<(String, String)> {
    codes(&Call::Create(org, body).problems())
}

fn pair(field: &str, code: &str) -> (String, String) {
    (field.to_owned(), code.to_owned())
}

#[test]
fn a_valid_create_has_no_problems() {
    for body in [
        r#"{"name": "My Workspace"}"#,
        r#"{"name": "x", "description": "d", "cicdEnforcedDefault": true}"#,
        r#"{"name": "x", "description": null, "cicdEnforcedDefault": null}"#,
    ] {
        assert_eq!(create_problems(&s(ORG), &json(body)), vec![], "{body}");
    }
}

#[test]
fn name_length_counts_code_points() {
    let table: Vec<(String, Option<&str>)> = vec![
        (String::new(), Some("too_short")),
        ("a".into(), None),
        ("a".repeat(50), None),
        ("a".repeat(51), Some("too_long")),
        ("é".repeat(50), None),
        ("é".repeat(51), Some("too_long")),
        ("😀".repeat(50), None),
        ("😀".repeat(51), Some("too_long")),
        // 25 emoji are 50 UTF-16 units and 100 bytes, but 25 characters.
        ("👍".repeat(25), None),
    ];
    for (name, expected) in table {
        let body = Input::Object(vec![("name".into(), Input::String(name.clone()))]);
        let got = create_problems(&s(ORG), &body);
        let want: Vec<_> = expected.into_iter().map(|c| pair("name", c)).collect();
        assert_eq!(got, want, "name of {} code points", name.chars().count());
    }
}

#[test]
fn wrong_types_are_named_never_a_crash() {
    let table = [
        (r#"{"name": 5}"#, vec![pair("name", "invalid_type")]),
        (r#"{"name": ["a"]}"#, vec![pair("name", "invalid_type")]),
        (
            r#"{"name": "a", "description": 1}"#,
            vec![pair("description", "invalid_type")],
        ),
        (
            r#"{"name": "a", "cicdEnforcedDefault": "true"}"#,
            vec![pair("cicdEnforcedDefault", "invalid_type")],
        ),
        (
            r#"{"name": "a", "cicdEnforced": true}"#,
            vec![pair("cicdEnforced", "unknown_field")],
        ),
        (r#"{}"#, vec![pair("name", "required")]),
        (r#"{"name": null}"#, vec![pair("name", "required")]),
        (r#"null"#, vec![pair("name", "required")]),
        (r#""a string""#, vec![pair("the request", "invalid_type")]),
        (r#"[]"#, vec![pair("the request", "invalid_type")]),
    ];
    for (body, want) in table {
        assert_eq!(create_problems(&s(ORG), &json(body)), want, "{body}");
    }
    let opaque = Input::Object(vec![("name".into(), Input::Opaque("function"))]);
    assert_eq!(
        create_problems(&s(ORG), &opaque),
        vec![pair("name", "invalid_type")]
    );
}

#[test]
fn every_problem_is_reported_at_once() {
    let got = create_problems(
        &s("nope"),
        &json(r#"{"name": "", "description": 3, "extra": 1}"#),
    );
    assert_eq!(
        got,
        vec![
            pair("organizationId", "invalid_format"),
            pair("extra", "unknown_field"),
            pair("name", "too_short"),
            pair("description", "invalid_type"),
        ]
    );
}

#[test]
fn hostile_ids_never_pass() {
    for id in [
        "..",
        "a/b",
        "?",
        "#",
        "%2F",
        "../../etc/passwd",
        "clm8t5u4q000008jq4qoc303/",
        "clm8t5u4q000008jq4qoc30%2F",
        "clm8t5u4q000008jq4qoc3036?x=1",
        "clm8t5u4q000008jq4qoc3036#",
        "CLM8T5U4Q000008JQ4QOC3036",
        " clm8t5u4q000008jq4qoc3036",
        "",
    ] {
        let got = create_problems(&s(id), &json(r#"{"name": "a"}"#));
        assert_eq!(
            got,
            vec![pair("organizationId", "invalid_format")],
            "{id:?}"
        );
        let got = codes(&Call::Get(&s(ORG), &s(id)).problems());
        assert_eq!(got, vec![pair("workspaceId", "invalid_format")], "{id:?}");
    }
    assert_eq!(
        create_problems(&Input::Null, &json(r#"{"name": "a"}"#)),
        vec![pair("organizationId", "required")]
    );
    assert_eq!(
        create_problems(&Input::Number(1.0), &json(r#"{"name": "a"}"#)),
        vec![pair("organizationId", "invalid_type")]
    );
}

#[test]
fn update_requires_all_three_fields() {
    let problems = |body: &str| codes(&Call::Update(&s(ORG), &s(WS), &json(body)).problems());
    assert_eq!(
        problems(r#"{"name": "a", "description": "", "cicdEnforcedDefault": false}"#),
        vec![]
    );
    assert_eq!(
        problems(r#"{"name": "a"}"#),
        vec![
            pair("description", "required"),
            pair("cicdEnforcedDefault", "required")
        ]
    );
    assert_eq!(
        problems(r#"{"name": "", "description": null, "cicdEnforcedDefault": 1}"#),
        vec![
            pair("name", "too_short"),
            pair("description", "required"),
            pair("cicdEnforcedDefault", "invalid_type")
        ]
    );
}

#[test]
fn list_parameters() {
    let problems = |params: &str| codes(&Call::List(&s(ORG), &json(params)).problems());
    assert_eq!(problems("null"), vec![]);
    assert_eq!(
        problems(&format!(
            r#"{{"workspaceIds": ["{WS}"], "names": ["a", "b"], "offset": 0, "limit": 1000, "sorts": ["name:asc", "updatedAt:desc"]}}"#
        )),
        vec![]
    );
    let table = [
        (r#"{"limit": 0}"#, vec![]),
        (r#"{"limit": -1}"#, vec![pair("limit", "out_of_range")]),
        (r#"{"limit": 1001}"#, vec![pair("limit", "out_of_range")]),
        (r#"{"limit": 1.5}"#, vec![pair("limit", "invalid_type")]),
        (r#"{"offset": -1}"#, vec![pair("offset", "out_of_range")]),
        (r#"{"offset": "1"}"#, vec![pair("offset", "invalid_type")]),
        (
            r#"{"sorts": ["name"]}"#,
            vec![pair("sorts[0]", "invalid_value")],
        ),
        (
            r#"{"sorts": "name:asc"}"#,
            vec![pair("sorts", "invalid_type")],
        ),
        (
            r#"{"workspaceIds": ["x"]}"#,
            vec![pair("workspaceIds[0]", "invalid_format")],
        ),
        (
            r#"{"names": ["a", 2]}"#,
            vec![pair("names[1]", "invalid_type")],
        ),
        (r#"{"name": ["a"]}"#, vec![pair("name", "unknown_field")]),
    ];
    for (params, want) in table {
        assert_eq!(problems(params), want, "{params}");
    }
}

fn options(text: &str) -> Vec<(String, String)> {
    let mut p = Problems::default();
    config::client_options(&json(text), true, &mut p);
    codes(&p.into_vec())
}

#[test]
fn client_options_rules() {
    assert_eq!(options(r#"{"token": "t"}"#), vec![]);
    let table = [
        ("{}", vec![pair("token", "required")]),
        (r#"{"token": ""}"#, vec![pair("token", "too_short")]),
        (
            r#"{"token": "a\r\nX-Evil: 1"}"#,
            vec![pair("token", "invalid_format")],
        ),
        (r#"{"token": "a b"}"#, vec![pair("token", "invalid_format")]),
        (r#"{"token": 5}"#, vec![pair("token", "invalid_type")]),
        (
            r#"{"token": "t", "timeoutMs": 0}"#,
            vec![pair("timeoutMs", "out_of_range")],
        ),
        (
            r#"{"token": "t", "maxRetries": 11}"#,
            vec![pair("maxRetries", "out_of_range")],
        ),
        (
            r#"{"token": "t", "timeout": 5}"#,
            vec![pair("timeout", "unknown_field")],
        ),
        (
            r#"{"token": "t", "headers": {"Authorization": "x"}}"#,
            vec![pair("headers.Authorization", "invalid_value")],
        ),
        (
            r#"{"token": "t", "headers": {"x-a": "1\r\nx-b: 2"}}"#,
            vec![pair("headers.x-a", "invalid_format")],
        ),
        (
            r#"{"token": "t", "headers": {"bad name": "1"}}"#,
            vec![pair("headers.bad name", "invalid_format")],
        ),
        (
            r#"{"token": "t", "headers": {"x-a": 1}}"#,
            vec![pair("headers.x-a", "invalid_type")],
        ),
        (
            r#"{"token": "t", "baseUrl": "http://example.com"}"#,
            vec![pair("baseUrl", "invalid_format")],
        ),
        (
            r#"{"token": "t", "fetch": "fetch"}"#,
            vec![pair("fetch", "invalid_type")],
        ),
    ];
    for (text, want) in table {
        assert_eq!(options(text), want, "{text}");
    }
}

#[test]
fn validation_messages_never_echo_the_token() {
    let mut p = Problems::default();
    config::client_options(&json(r#"{"token": "sekrit\ttoken"}"#), true, &mut p);
    let errors = p.into_vec();
    assert_eq!(errors.len(), 1);
    assert!(
        !errors[0].message.contains("sekrit"),
        "{}",
        errors[0].message
    );
}

#[test]
fn base_urls() {
    let ok = [
        (
            "https://api.astronomer.io/platform/v1beta1",
            "https://api.astronomer.io/platform/v1beta1",
        ),
        (
            "https://api.astronomer.io/platform/v1/",
            "https://api.astronomer.io/platform/v1",
        ),
        ("HTTPS://example.com", "HTTPS://example.com"),
        (
            "http://localhost:8080/platform/v1beta1",
            "http://localhost:8080/platform/v1beta1",
        ),
        ("http://127.0.0.1:1", "http://127.0.0.1:1"),
        ("http://127.255.0.9/x", "http://127.255.0.9/x"),
        ("http://[::1]:8080", "http://[::1]:8080"),
        // An `@` after the host is part of the path, not a user name.
        (
            "https://example.com/@team/v1",
            "https://example.com/@team/v1",
        ),
    ];
    for (url, want) in ok {
        assert_eq!(check_base_url(url).as_deref(), Ok(want), "{url}");
    }
    for url in [
        "api.astronomer.io",
        "ftp://example.com",
        "http://example.com",
        "http://128.0.0.1",
        "http://127.0.0.1.evil.com",
        "http://localhost.evil.com",
        "http://[::2]",
        "https://user:pw@example.com",
        "https://example.com@evil.com",
        "https://example.com/a?b=c",
        "https://example.com/#x",
        "https://exa mple.com",
        "https://example.com:99999",
        "https://example.com:",
        "https://",
        "https://example.com\\@evil.com",
        "",
    ] {
        assert!(check_base_url(url).is_err(), "{url} should be refused");
    }
}
