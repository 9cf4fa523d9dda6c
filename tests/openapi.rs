//! The Rust rules against the OpenAPI documents in `openapi/`: every request field, required
//! set, enum value, length and range limit, `if`/`then` pairing, exclusion and ID pattern the
//! documents state is probed through the validators, and every key the validators know is in
//! the documents. A change to one side without the other fails here.
#![cfg(not(target_arch = "wasm32"))]

use astro_platform::call::{prepare_standalone, Call};
use astro_platform::config;
use astro_platform::decode;
use astro_platform::model::{is_cuid, Sort};
use astro_platform::validate::{Problems, BODY_FIELDS};
use astro_platform::{Error, Input};
use proptest::prelude::*;
use regex::{Regex, RegexBuilder};
use serde_json::{json, Map, Value};

mod common;

use common::{ORG, WS};

const V1: &str = include_str!("../openapi/v1.json");
const V1BETA1: &str = include_str!("../openapi/v1beta1.json");
const WORKSPACE: &str = include_str!("fixtures/workspace.json");

type Pairs = Vec<(String, String)>;

fn doc(text: &str) -> Value {
    serde_json::from_str(text).expect("the OpenAPI document is JSON")
}

fn schema<'a>(doc: &'a Value, name: &str) -> &'a Value {
    &doc["components"]["schemas"][name]
}

fn input(value: &Value) -> Input {
    Input::from_json(&value.to_string()).unwrap()
}

fn pairs(errors: Vec<astro_platform::model::FieldError>) -> Pairs {
    errors.into_iter().map(|e| (e.field, e.code)).collect()
}

fn has(pairs: &Pairs, field: &str, code: &str) -> bool {
    pairs.iter().any(|(f, c)| f == field && c == code)
}

/// A JSON Schema `pattern` compiled with ECMA-262's ASCII `\d`.
fn pattern(schema: &Value) -> Regex {
    let source = schema["pattern"].as_str().expect("a pattern");
    RegexBuilder::new(source).unicode(false).build().unwrap()
}

/// Which body a schema describes, and how to validate one.
struct Body<'a> {
    name: &'static str,
    schema: &'a Value,
}

impl Body<'_> {
    fn problems(&self, body: &Value) -> Pairs {
        let body = input(body);
        let (org, ws) = (Input::String(ORG.into()), Input::String(WS.into()));
        pairs(match self.name {
            "CreateWorkspaceRequest" => Call::Create(&org, &body).problems(),
            _ => Call::Update(&org, &ws, &body).problems(),
        })
    }

    fn properties(&self) -> &Map<String, Value> {
        self.schema["properties"].as_object().unwrap()
    }

    fn required(&self) -> Vec<&str> {
        let list = self.schema["required"].as_array().unwrap();
        list.iter().map(|v| v.as_str().unwrap()).collect()
    }

    /// `(if-field, then-field)` pairs from the schema's `allOf` `if`/`then` rules.
    fn pairings(&self) -> Vec<(String, String)> {
        let rules = self.schema["allOf"].as_array().into_iter().flatten();
        let first = |v: &Value| v["required"][0].as_str().map(str::to_owned);
        rules
            .filter_map(|r| Some((first(&r["if"])?, first(&r["then"])?)))
            .collect()
    }

    /// `(field, excluded fields)` from the schema's `not`/`required`/`anyOf` rules.
    fn exclusions(&self) -> Vec<(String, Vec<String>)> {
        let rules = self.schema["allOf"].as_array().into_iter().flatten();
        rules
            .filter_map(|r| {
                let not = r.get("not")?;
                let field = not["required"][0].as_str()?.to_owned();
                let others = not["anyOf"].as_array()?;
                let others = others.iter().filter_map(|o| o["required"][0].as_str());
                Some((field, others.map(str::to_owned).collect()))
            })
            .collect()
    }

    /// A value the property's schema accepts.
    fn sample(&self, field: &str) -> Value {
        let p = &self.properties()[field];
        if let Some(first) = p["enum"].get(0) {
            return first.clone();
        }
        match p["type"].as_str().unwrap() {
            "boolean" => json!(true),
            "string" => json!("x".repeat(p["minLength"].as_u64().unwrap_or(0) as usize)),
            other => panic!("no sample for type {other}"),
        }
    }

    /// The smallest valid body, plus `field` with the partners its pairings need.
    fn valid_with(&self, fields: &[&str], value: Option<Value>) -> Value {
        let mut body = Map::new();
        for name in self.required() {
            body.insert(name.to_owned(), self.sample(name));
        }
        for field in fields {
            for (when, then) in self.pairings() {
                if when == *field {
                    body.insert(then.clone(), self.sample(&then));
                }
            }
            body.insert((*field).to_owned(), self.sample(field));
        }
        if let (Some(value), Some(field)) = (value, fields.first()) {
            body.insert((*field).to_owned(), value);
        }
        Value::Object(body)
    }
}

fn bodies(doc: &Value) -> Vec<Body<'_>> {
    ["CreateWorkspaceRequest", "UpdateWorkspaceRequest"]
        .into_iter()
        .map(|name| Body {
            name,
            schema: schema(doc, name),
        })
        .collect()
}

#[test]
fn request_bodies_have_the_same_fields_and_required_sets() {
    let v1 = doc(V1);
    for body in bodies(&v1) {
        let mut documented: Vec<&str> = body.properties().keys().map(String::as_str).collect();
        let mut known = BODY_FIELDS.to_vec();
        documented.sort_unstable();
        known.sort_unstable();
        assert_eq!(documented, known, "{}: fields", body.name);
        assert_eq!(body.schema["additionalProperties"], json!(false));
        let unknown = body.valid_with(&[], None);
        let mut unknown = unknown.as_object().unwrap().clone();
        unknown.insert("notAField".into(), json!(1));
        assert_eq!(
            body.problems(&Value::Object(unknown)),
            vec![("notAField".to_owned(), "unknown_field".to_owned())]
        );
        assert_eq!(
            body.problems(&body.valid_with(&[], None)),
            vec![],
            "{}",
            body.name
        );
        for field in documented {
            let mut without = body.valid_with(&[], None);
            without.as_object_mut().unwrap().remove(field);
            let got = body.problems(&without);
            let required = body.required().contains(&field);
            assert_eq!(
                has(&got, field, "required"),
                required,
                "{} {field}: {got:?}",
                body.name
            );
            let alone = body.valid_with(&[field], None);
            assert_eq!(
                body.problems(&alone),
                vec![],
                "{} {field} valid: {alone}",
                body.name
            );
        }
    }
}

#[test]
fn request_types_enums_and_lengths_agree() {
    let v1 = doc(V1);
    for body in bodies(&v1) {
        for (field, p) in body.properties() {
            let check = |value: Value, code: Option<&str>| {
                let got = body.problems(&body.valid_with(&[field], Some(value.clone())));
                match code {
                    None => assert_eq!(got, vec![], "{} {field} = {value}", body.name),
                    Some(code) => assert!(
                        has(&got, field, code),
                        "{} {field} = {value}: {got:?} lacks {code}",
                        body.name
                    ),
                }
            };
            let wrong = match p["type"].as_str().unwrap() {
                "string" => json!(5),
                _ => json!("yes"),
            };
            check(wrong, Some("invalid_type"));
            if let Some(values) = p["enum"].as_array() {
                for v in values {
                    check(v.clone(), None);
                    check(
                        json!(v.as_str().unwrap().to_lowercase()),
                        Some("invalid_value"),
                    );
                }
                check(json!("NOT_A_PROVIDER"), Some("invalid_value"));
                continue;
            }
            if p["type"] != "string" {
                continue;
            }
            // Astral characters: JSON Schema counts code points, not UTF-16 units.
            let text = |n: u64| json!("😀".repeat(n as usize));
            let min = p["minLength"].as_u64().unwrap_or(0);
            if min > 0 {
                check(text(min - 1), Some("too_short"));
            }
            check(text(min.max(1)), None);
            match p["maxLength"].as_u64() {
                Some(max) => {
                    check(text(max), None);
                    check(text(max + 1), Some("too_long"));
                }
                None => check(text(5000), None),
            }
        }
    }
}

#[test]
fn pairings_and_exclusions_agree() {
    let v1 = doc(V1);
    for body in bodies(&v1) {
        let pairings = body.pairings();
        assert_eq!(
            pairings,
            vec![
                (
                    "defaultCloudProvider".to_owned(),
                    "defaultRegion".to_owned()
                ),
                (
                    "defaultRegion".to_owned(),
                    "defaultCloudProvider".to_owned()
                )
            ],
            "{}",
            body.name
        );
        for (when, then) in pairings {
            let mut lone = body.valid_with(&[], None);
            lone[&when] = body.sample(&when);
            let got = body.problems(&lone);
            assert!(
                has(&got, &then, "required"),
                "{}: {when} without {then}: {got:?}",
                body.name
            );
        }
        let exclusions = body.exclusions();
        assert_eq!(exclusions.len(), 1, "{}", body.name);
        for (field, others) in exclusions {
            for other in others {
                let both = body.valid_with(&[&field, &other], None);
                let got = body.problems(&both);
                assert!(
                    has(&got, &field, "conflict"),
                    "{}: {field} with {other}: {got:?}",
                    body.name
                );
            }
        }
    }
}

fn list_problems(params: Value) -> Pairs {
    let org = Input::String(ORG.into());
    pairs(Call::List(&org, &input(&params)).problems())
}

#[test]
fn list_parameters_agree() {
    let v1 = doc(V1);
    let params = &v1["components"]["parameters"];
    let query: Vec<&Value> = v1["paths"]["/organizations/{organizationId}/workspaces"]["get"]
        ["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let name = r["$ref"].as_str().unwrap().rsplit('/').next().unwrap();
            &params[name]
        })
        .filter(|p| p["in"] == "query")
        .collect();
    let names: Vec<&str> = query.iter().map(|p| p["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["workspaceIds", "names", "offset", "limit", "sorts"]);
    assert_eq!(
        list_problems(json!({"page": 1})),
        vec![("page".to_owned(), "unknown_field".to_owned())]
    );
    for p in query {
        let (name, s) = (p["name"].as_str().unwrap(), &p["schema"]);
        let at0 = format!("{name}[0]");
        match s["type"].as_str().unwrap() {
            "array" => {
                assert_eq!(
                    list_problems(json!({ name: "x" })),
                    vec![(name.to_owned(), "invalid_type".to_owned())]
                );
                let items = &s["items"];
                if items.get("pattern").is_some() {
                    let re = pattern(items);
                    assert!(re.is_match(WS));
                    assert_eq!(list_problems(json!({ name: [WS] })), vec![]);
                    assert_eq!(
                        list_problems(json!({ name: ["c123"] })),
                        vec![(at0.clone(), "invalid_format".to_owned())]
                    );
                }
                if let Some(values) = items["enum"].as_array() {
                    let documented: Vec<&str> =
                        values.iter().map(|v| v.as_str().unwrap()).collect();
                    let known: Vec<&str> = Sort::ALL.iter().map(|s| s.as_str()).collect();
                    assert_eq!(documented, known);
                    assert_eq!(list_problems(json!({ name: values })), vec![]);
                    assert_eq!(
                        list_problems(json!({ name: ["name"] })),
                        vec![(at0.clone(), "invalid_value".to_owned())]
                    );
                }
                assert_eq!(
                    list_problems(json!({ name: [5] })),
                    vec![(at0, "invalid_type".to_owned())]
                );
            }
            "integer" => {
                let out = vec![(name.to_owned(), "out_of_range".to_owned())];
                let min = s["minimum"].as_i64().unwrap();
                assert_eq!(
                    list_problems(json!({ name: min })),
                    vec![],
                    "{name} = {min}"
                );
                assert_eq!(
                    list_problems(json!({ name: min - 1 })),
                    out,
                    "{name} = {}",
                    min - 1
                );
                match s["maximum"].as_i64() {
                    Some(max) => {
                        assert_eq!(
                            list_problems(json!({ name: max })),
                            vec![],
                            "{name} = {max}"
                        );
                        assert_eq!(
                            list_problems(json!({ name: max + 1 })),
                            out,
                            "{name} = {}",
                            max + 1
                        );
                    }
                    None => assert_eq!(
                        list_problems(json!({ name: 9_007_199_254_740_991_i64 })),
                        vec![]
                    ),
                }
                assert_eq!(
                    list_problems(json!({ name: 1.5 })),
                    vec![(name.to_owned(), "invalid_type".to_owned())]
                );
            }
            other => panic!("an unexpected parameter type {other}"),
        }
    }
}

fn documented_patterns() -> (Regex, Regex) {
    let v1 = doc(V1);
    let params = &v1["components"]["parameters"];
    for name in ["organizationId", "workspaceId"] {
        assert_eq!(
            params[name]["schema"]["pattern"],
            params["organizationId"]["schema"]["pattern"]
        );
    }
    (
        pattern(&params["workspaceId"]["schema"]),
        pattern(&params["apiVersion"]["schema"]),
    )
}

fn api_version_accepted(version: &str) -> bool {
    let mut p = Problems::default();
    let options = json!({"token": "t", "apiVersion": version});
    config::client_options(&input(&options), false, &mut p);
    p.is_empty()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn ids_match_the_documented_pattern(
        s in prop_oneof![
            "c[a-z0-9]{24}",
            "[c-d][a-z0-9A-Z/%.]{23,25}",
            "c[a-z0-9]{0,30}",
            any::<String>(),
        ]
    ) {
        let (id, _) = documented_patterns();
        prop_assert_eq!(is_cuid(&s), id.is_match(&s), "{:?}", s);
    }

    #[test]
    fn api_versions_match_the_documented_pattern(
        s in prop_oneof!["[0-9]{1,3}\\.[0-9]{1,3}", "[0-9.v ]{0,6}", "[0-9]{1,20}\\.[0-9]{1,20}", any::<String>()]
    ) {
        let (_, version) = documented_patterns();
        prop_assert_eq!(api_version_accepted(&s), version.is_match(&s), "{:?}", s);
    }
}

#[test]
fn response_required_sets_agree_with_the_decoder() {
    let v1 = doc(V1);
    let mut full: Value = serde_json::from_str(WORKSPACE).unwrap();
    full["defaultCloudProvider"] = json!("GCP");
    full["defaultRegion"] = json!("us-east4");
    full["defaultClusterId"] = json!("k");
    let ws = schema(&v1, "Workspace");
    assert_eq!(ws["additionalProperties"], json!(true));
    let props = ws["properties"].as_object().unwrap();
    let mut sent: Vec<&String> = full.as_object().unwrap().keys().collect();
    let mut documented: Vec<&String> = props.keys().collect();
    sent.sort();
    documented.sort();
    assert_eq!(
        sent, documented,
        "the full fixture carries every documented field"
    );
    assert!(decode::workspace(&input(&full)).is_ok());
    for field in props.keys() {
        let mut without = full.clone();
        without.as_object_mut().unwrap().remove(field);
        let required = ws["required"].as_array().unwrap().contains(&json!(field));
        assert_eq!(
            decode::workspace(&input(&without)).is_err(),
            required,
            "Workspace.{field}"
        );
    }
    let profile = schema(&v1, "BasicSubjectProfile");
    assert_eq!(profile["required"], json!(["id"]));
    let mut no_id = full.clone();
    no_id["createdBy"].as_object_mut().unwrap().remove("id");
    assert!(decode::workspace(&input(&no_id)).is_err());

    let page = schema(&v1, "WorkspacesPaginated");
    let full_page = json!({"workspaces": [full], "totalCount": 1, "offset": 0, "limit": 0});
    assert!(decode::workspaces_page(&input(&full_page)).is_ok());
    for field in page["properties"].as_object().unwrap().keys() {
        let mut without = full_page.clone();
        without.as_object_mut().unwrap().remove(field);
        let required = page["required"].as_array().unwrap().contains(&json!(field));
        assert_eq!(
            decode::workspaces_page(&input(&without)).is_err(),
            required,
            "page.{field}"
        );
    }
}

#[test]
fn what_v1beta1_lacks_is_unsupported_there() {
    let (v1, beta) = (doc(V1), doc(V1BETA1));
    let options = json!({"token": "t", "baseUrl": "https://api.astronomer.io/platform/v1beta1"});
    for (v1_body, beta_body) in bodies(&v1).into_iter().zip(bodies(&beta)) {
        let beta_fields = beta_body.properties();
        let org = Input::String(ORG.into());
        let ws = Input::String(WS.into());
        for field in v1_body.properties().keys() {
            let body = input(&v1_body.valid_with(&[field], None));
            let call = match v1_body.name {
                "CreateWorkspaceRequest" => Call::Create(&org, &body),
                _ => Call::Update(&org, &ws, &body),
            };
            let got = match prepare_standalone(call, &input(&options)) {
                Ok(_) => vec![],
                Err(Error::Validation { field_errors }) => pairs(field_errors),
                Err(other) => panic!("{other:?}"),
            };
            let unsupported = !beta_fields.contains_key(field);
            assert_eq!(
                has(&got, field, "unsupported"),
                unsupported,
                "{} {field}: {got:?}",
                v1_body.name
            );
        }
    }
    let has_version_header = |d: &Value| d["components"]["parameters"].get("apiVersion").is_some();
    assert!(has_version_header(&v1) && !has_version_header(&beta));
    let mut p = Problems::default();
    let pinned = json!({"token": "t", "apiVersion": "1.0", "baseUrl": "https://api.astronomer.io/platform/v1beta1"});
    config::client_options(&input(&pinned), false, &mut p);
    assert!(has(&pairs(p.into_vec()), "apiVersion", "unsupported"));
}
