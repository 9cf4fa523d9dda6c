//! Property tests: no input and no response makes the core panic, and the rules hold for
//! arbitrary strings.
#![cfg(not(target_arch = "wasm32"))]

use astro_platform::call::{prepare_standalone, Call};
use astro_platform::config::check_base_url;
use astro_platform::model::{is_cuid, OrganizationId, WorkspaceId};
use astro_platform::request::Operation;
use astro_platform::response::HttpResponse;
use astro_platform::retry::{backoff_ms, retry_after_ms};
use astro_platform::timestamp::is_date_time;
use astro_platform::Input;
use proptest::prelude::*;

fn input() -> impl Strategy<Value = Input> {
    let leaf = prop_oneof![
        Just(Input::Null),
        any::<bool>().prop_map(Input::Bool),
        any::<f64>().prop_map(Input::Number),
        ".{0,60}".prop_map(Input::String),
        Just(Input::Opaque("function")),
    ];
    leaf.prop_recursive(3, 24, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Input::Array),
            prop::collection::vec(
                (
                    prop_oneof![
                        Just("name".to_owned()),
                        Just("description".to_owned()),
                        Just("cicdEnforcedDefault".to_owned()),
                        Just("token".to_owned()),
                        Just("baseUrl".to_owned()),
                        Just("headers".to_owned()),
                        ".{0,8}".prop_map(String::from)
                    ],
                    inner
                ),
                0..5
            )
            .prop_map(Input::Object),
        ]
    })
}

/// RFC 3339 `date-time`, read the plain way (the reader before its fast rewrite): what
/// [`is_date_time`] must agree with.
fn reference_date_time(b: &[u8]) -> bool {
    let digits = |start: usize, len: usize| -> Option<u32> {
        let part = b.get(start..start + len)?;
        part.iter()
            .all(u8::is_ascii_digit)
            .then(|| part.iter().fold(0, |n, d| n * 10 + u32::from(d - b'0')))
    };
    let at = |i: usize, c: &[u8]| b.get(i).is_some_and(|x| c.contains(x));
    if !(at(4, b"-") && at(7, b"-") && at(10, b"Tt") && at(13, b":") && at(16, b":")) {
        return false;
    }
    let fields = [(0, 4), (5, 2), (8, 2), (11, 2), (14, 2), (17, 2)].map(|(s, l)| digits(s, l));
    let [Some(year), Some(month), Some(day), Some(hour), Some(minute), Some(second)] = fields
    else {
        return false;
    };
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    let in_range = (1..=12).contains(&month)
        && (1..=days).contains(&day)
        && hour < 24
        && minute < 60
        && second <= 60;
    let mut i = 19;
    if at(i, b".") {
        let start = i + 1;
        i = start;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        if i == start {
            return false;
        }
    }
    let offset_ok = match b.get(i) {
        Some(b'Z' | b'z') => i + 1 == b.len(),
        Some(b'+' | b'-') => {
            i + 6 == b.len()
                && at(i + 3, b":")
                && digits(i + 1, 2).is_some_and(|h| h < 24)
                && digits(i + 4, 2).is_some_and(|m| m < 60)
        }
        _ => false,
    };
    in_range && offset_ok
}

proptest! {
    #[test]
    fn date_times_are_read_as_the_plain_reader_reads_them(
        (year, month, day) in (0u32..10000, 0u32..14, 0u32..33),
        (hour, minute, second) in (0u32..25, 0u32..61, 0u32..62),
        fraction in prop_oneof![Just(""), Just("."), Just(".5"), Just(".123456789")],
        offset in prop_oneof![Just("Z"), Just("z"), Just("+05:30"), Just("-23:59"), Just("+24:00"), Just("+00:60"), Just("+0530"), Just("")],
        edit in prop::option::of((any::<prop::sample::Index>(), prop::sample::select(&['0', '9', ':', '-', 'T', 't', ' ', '.', 'Z', '+', 'é'][..]))),
        other in "\\PC{0,30}",
    ) {
        let mut text = format!("{year:04}-{month:02}-{day:02}T{hour:02}:{minute:02}:{second:02}{fraction}{offset}");
        if let Some((at, c)) = edit {
            let at = at.index(text.len());
            text.replace_range(at..at + 1, c.encode_utf8(&mut [0; 4]));
        }
        prop_assert_eq!(is_date_time(text.as_bytes()), reference_date_time(text.as_bytes()), "{}", text);
        prop_assert_eq!(is_date_time(other.as_bytes()), reference_date_time(other.as_bytes()), "{}", other);
    }

    #[test]
    fn names_follow_the_code_point_rule(name in "\\PC{0,70}") {
        let body = Input::Object(vec![("name".into(), Input::String(name.clone()))]);
        let org = Input::String("clm8t5u4q000008jq4qoc3036".into());
        let problems = Call::Create(&org, &body).problems();
        let count = name.chars().count();
        let want = if count == 0 { Some("too_short") } else if count > 50 { Some("too_long") } else { None };
        prop_assert_eq!(problems.first().map(|p| p.code.as_str()), want);
    }

    #[test]
    fn any_accepted_id_is_one_safe_path_segment(id in "[a-z0-9/.%?#c]{20,30}") {
        if let Some(parsed) = OrganizationId::parse(&id) {
            prop_assert!(is_cuid(parsed.as_str()));
            prop_assert!(!id.contains(['/', '.', '%', '?', '#']));
        }
    }

    #[test]
    fn arbitrary_inputs_never_panic(org in input(), body in input(), options in input()) {
        let _ = Call::Create(&org, &body).problems();
        let _ = Call::Update(&org, &body, &options).problems();
        let _ = Call::List(&org, &body).problems();
        if let Ok((op, config)) = prepare_standalone(Call::Create(&org, &body), &options) {
            let request = op.request(&config);
            prop_assert!(request.url.starts_with(&config.base_url));
            prop_assert!(!request.headers.iter().any(|(_, v)| v.contains(['\r', '\n'])));
        }
    }

    #[test]
    fn arbitrary_responses_never_panic(status in 0u16..1000, body in ".{0,200}", json in input(), retry_after in ".{0,40}", ms in ".{0,20}", at in any::<f64>()) {
        let org = OrganizationId::parse("clm8t5u4q000008jq4qoc3036").unwrap();
        let ws = WorkspaceId::parse("clm8t5u4q000008jq4qoc3037").unwrap();
        for op in [Operation::Get(org.clone(), ws.clone()), Operation::List(org.clone(), Default::default()), Operation::Delete(org.clone(), ws)] {
            let mut response = HttpResponse::from_text(status, &body);
            response.set_header("retry-after", retry_after.clone());
            response.set_header("retry-after-ms", ms.clone());
            response.received_at_ms = at;
            let _ = op.interpret(&response);
            response.json = Some(json.clone());
            let _ = op.interpret(&response);
            let _ = retry_after_ms(&response);
        }
    }

    #[test]
    fn backoff_stays_within_its_bounds(n in 0u32..100, random in 0.0f64..1.0) {
        let delay = backoff_ms(n, random);
        let base = (500u64 << n.min(5)).min(8000);
        prop_assert!(delay <= base && delay * 4 >= base * 3, "{} for base {}", delay, base);
    }

    #[test]
    fn base_urls_never_panic_and_accepted_ones_are_safe(url in "(https?://)?[a-zA-Z0-9:@/?#.\\[\\] %-]{0,40}") {
        if let Ok(clean) = check_base_url(&url) {
            prop_assert!(!clean.contains(['?', '#', ' ']));
            prop_assert!(!clean.ends_with('/'));
            // No user name or password: an `@` may only come after the authority ends (a path
            // such as `https://host/@` is allowed, as WHATWG URL parsing reads it as a path).
            let rest = clean.split_once("://").map_or("", |(_, rest)| rest);
            let authority = rest.split_once('/').map_or(rest, |(authority, _)| authority);
            prop_assert!(!authority.contains('@'), "{}", clean);
        }
    }
}
