//! The crate's JSON writer (`to_json`) against `serde_json::to_string`, byte for byte, over
//! generated values of every type the package serializes: strings with every escape class,
//! numbers of every kind, nested unknown fields, empty arrays and objects.
#![cfg(not(target_arch = "wasm32"))]

use astro_platform::error::ErrorFields;
use astro_platform::input::Input;
use astro_platform::log::LogEvent;
use astro_platform::model::{
    BasicSubjectProfile, CloudProvider, CreateWorkspaceRequest, DeploymentDefaults, Extra,
    FieldError, Timestamp, UpdateWorkspaceRequest, Workspace, WorkspacesPaginated,
};
use astro_platform::request::DriverRequest;
use astro_platform::to_json::to_json;
use proptest::prelude::*;
use serde::Serialize;

/// Holds `to_json`'s text to `serde_json`'s.
fn same<T: Serialize>(value: &T) -> Result<(), TestCaseError> {
    let ours = to_json(value);
    let theirs = serde_json::to_string(value).expect("serde_json writes every model");
    prop_assert_eq!(ours, theirs);
    Ok(())
}

/// Strings made of every escape class: control characters, `"`, `\`, `/`, DEL, U+2028,
/// U+2029, non-ASCII, emoji, and plain ASCII between them.
fn text() -> impl Strategy<Value = String> {
    let pick = prop_oneof![
        (0u32..0x20).prop_map(|c| char::from_u32(c).unwrap()),
        prop::sample::select(vec![
            '"', '\\', '/', '\u{7F}', '\u{2028}', '\u{2029}', 'é', '\u{FFFD}', '😀', '中', 'a',
            ' ',
        ]),
        any::<char>(),
    ];
    prop_oneof![
        prop::collection::vec(pick, 0..24).prop_map(|cs| cs.into_iter().collect()),
        any::<String>(),
    ]
}

/// Numbers of every kind: integers, -0, huge, tiny, subnormal, fractional, NaN and infinities
/// (which JSON has not: both write `null`).
fn number() -> impl Strategy<Value = f64> {
    prop_oneof![
        any::<f64>(),
        any::<i64>().prop_map(|n| n as f64),
        (-1e6..1e6f64),
        prop::sample::select(vec![
            0.0,
            -0.0,
            1.0,
            -1.0,
            0.1,
            1e15,
            1e16,
            1e21,
            1e-7,
            5e-324,
            2.2250738585072014e-308,
            f64::MAX,
            f64::MIN,
            9007199254740993.0,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
        ]),
    ]
}

/// Any JSON value, nested, with empty arrays and objects among them.
fn input() -> impl Strategy<Value = Input> {
    let leaf = prop_oneof![
        Just(Input::Null),
        any::<bool>().prop_map(Input::Bool),
        number().prop_map(Input::Number),
        text().prop_map(Input::String),
        Just(Input::Opaque("function")),
        Just(Input::Array(vec![])),
        Just(Input::Object(vec![])),
    ];
    leaf.prop_recursive(4, 32, 5, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..5).prop_map(Input::Array),
            prop::collection::vec((text(), inner), 0..5).prop_map(Input::Object),
        ]
    })
}

fn extra() -> impl Strategy<Value = Extra> {
    prop::collection::vec((text(), input()), 0..3).prop_map(Extra)
}

fn timestamp() -> impl Strategy<Value = Timestamp> {
    prop::sample::select(vec![
        "2024-04-05T21:41:04.673Z",
        "2024-04-05t21:41:04z",
        "2024-04-05T21:41:04.5-05:30",
    ])
    .prop_map(|t| Timestamp::parse(t).unwrap())
}

fn profile() -> impl Strategy<Value = BasicSubjectProfile> {
    let optional = || prop::option::of(text());
    (
        text(),
        optional(),
        optional(),
        optional(),
        optional(),
        optional(),
        extra(),
    )
        .prop_map(
            |(id, subject_type, username, full_name, avatar_url, api_token_name, extra)| {
                BasicSubjectProfile {
                    id,
                    subject_type,
                    username,
                    full_name,
                    avatar_url,
                    api_token_name,
                    extra,
                }
            },
        )
}

fn workspace() -> impl Strategy<Value = Workspace> {
    let optional = || prop::option::of(text());
    let head = (
        text(),
        text(),
        text(),
        any::<bool>(),
        timestamp(),
        timestamp(),
    );
    let tail = (
        optional(),
        optional(),
        prop::option::of(profile()),
        prop::option::of(profile()),
        optional(),
        optional(),
        optional(),
        extra(),
    );
    (head, tail).prop_map(|((id, name, org, cicd, created, updated), tail)| {
        let (
            description,
            organization_name,
            created_by,
            updated_by,
            provider,
            region,
            cluster,
            extra,
        ) = tail;
        Workspace {
            id,
            name,
            organization_id: org,
            cicd_enforced_default: cicd,
            created_at: created,
            updated_at: updated,
            description,
            organization_name,
            created_by,
            updated_by,
            default_cloud_provider: provider,
            default_region: region,
            default_cluster_id: cluster,
            extra,
        }
    })
}

fn defaults() -> impl Strategy<Value = DeploymentDefaults> {
    (
        prop::option::of(prop::sample::select(CloudProvider::ALL.to_vec())),
        prop::option::of(text()),
        prop::option::of(text()),
    )
        .prop_map(
            |(default_cloud_provider, default_region, default_cluster_id)| DeploymentDefaults {
                default_cloud_provider,
                default_region,
                default_cluster_id,
            },
        )
}

fn field_errors() -> impl Strategy<Value = Vec<FieldError>> {
    prop::collection::vec(
        (text(), text(), text()).prop_map(|(field, code, message)| FieldError {
            field,
            code,
            message,
        }),
        0..4,
    )
}

fn headers() -> impl Strategy<Value = Vec<(String, String)>> {
    prop::collection::vec((text(), text()), 0..5)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn strings_and_values(value in input(), s in text()) {
        same(&value)?;
        same(&s)?;
    }

    #[test]
    fn workspaces_and_pages(ws in workspace(), more in prop::collection::vec(workspace(), 0..3),
                            counts in any::<(u64, u64, u64)>(), extra in extra()) {
        same(&ws)?;
        let page = WorkspacesPaginated {
            workspaces: more,
            total_count: counts.0,
            offset: counts.1,
            limit: counts.2,
            extra,
        };
        same(&page)?;
    }

    #[test]
    fn request_bodies(name in text(), description in prop::option::of(text()),
                      cicd in prop::option::of(any::<bool>()), defaults in defaults()) {
        same(&CreateWorkspaceRequest {
            name: name.clone(),
            description: description.clone(),
            cicd_enforced_default: cicd,
            defaults: defaults.clone(),
        })?;
        same(&UpdateWorkspaceRequest {
            name,
            description: description.unwrap_or_default(),
            cicd_enforced_default: cicd.unwrap_or_default(),
            defaults,
        })?;
    }

    #[test]
    fn edge_requests_log_events_and_errors(
        url in text(), headers in headers(), body in prop::option::of(text()),
        numbers in any::<(u64, u16, u32, u64, bool)>(), text_fields in (text(), text()),
        problems in field_errors(), present in any::<[bool; 7]>(),
    ) {
        let (timeout_ms, status, attempt, duration_ms, failed) = numbers;
        same(&DriverRequest { method: "POST", url: &url, headers: &headers, body: body.as_deref(), timeout_ms })?;
        same(&LogEvent {
            method: "GET",
            url: &url,
            status: present[0].then_some(status),
            error: failed.then_some("TimeoutError"),
            duration_ms,
            attempt,
            headers: headers.clone(),
        })?;
        same(&ErrorFields {
            status: present[0].then_some(status),
            request_id: present[1].then_some(text_fields.0.as_str()),
            field_errors: present[2].then_some(&problems[..]),
            retry_after_ms: present[3].then_some(duration_ms),
            excerpt: present[4].then_some(text_fields.1.as_str()),
            timeout_ms: present[5].then_some(timeout_ms),
            attempts: present[6].then_some(attempt),
        })?;
        same(&problems)?;
    }
}

#[test]
fn every_escape_class_as_serde_json_writes_it() {
    let all: String = (0u32..0x80)
        .filter_map(char::from_u32)
        .chain(['\u{2028}', '\u{2029}', 'é', '😀'])
        .collect();
    let written = to_json(&all);
    assert_eq!(written, serde_json::to_string(&all).unwrap());
    assert!(written.starts_with(r#""\u0000\u0001"#), "{written}");
    assert!(written.contains(r#"\b\t\n\u000b\f\r"#), "{written}");
    assert!(
        written.contains(r##" !\"#"##) && written.contains(r#"[\\]"#),
        "{written}"
    );
    assert!(
        written.ends_with("\u{7F}\u{2028}\u{2029}é😀\""),
        "{written}"
    );
    let numbers = Input::Array(
        [0.0, -0.0, 1.0, 0.1, 1e16, 5e-324, f64::NAN, f64::INFINITY]
            .map(Input::Number)
            .to_vec(),
    );
    assert_eq!(
        to_json(&numbers),
        "[0.0,-0.0,1.0,0.1,1e+16,5e-324,null,null]"
    );
    assert_eq!(to_json(&Input::Object(vec![])), "{}");
}

/// Every other serde construct the writer accepts, though no model uses it yet.
#[derive(Serialize)]
enum Shape {
    Unit,
    Newtype(i8),
    Tuple(i16, i32),
    Struct { a: i64, b: Option<()> },
}

#[derive(Serialize)]
struct Unit;

#[derive(Serialize)]
struct Pair(u8, u128);

#[derive(Serialize)]
struct Wrapped(i128);

struct Bytes<'a>(&'a [u8]);

impl Serialize for Bytes<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_bytes(self.0)
    }
}

proptest! {
    #[test]
    fn other_serde_constructs(ints in any::<(i8, i16, i32, i64, u8, u128, i128)>(), c in any::<char>(),
                              bytes in prop::collection::vec(any::<u8>(), 0..6)) {
        let (a, b, d, e, f, g, h) = ints;
        same(&(Shape::Unit, Shape::Newtype(a), Shape::Tuple(b, d), Shape::Struct { a: e, b: None }))?;
        same(&Shape::Struct { a: e, b: Some(()) })?;
        same(&(Unit, Pair(f, g), Wrapped(h), c, Bytes(&bytes), Vec::<Shape>::new(), ()))?;
    }
}
