//! The retry policy and backoff arithmetic, with time and randomness given, so exact.

use astro_platform::model::{
    CreateWorkspaceRequest, OrganizationId, UpdateWorkspaceRequest, WorkspaceId,
};
use astro_platform::request::Operation;
use astro_platform::response::{HttpResponse, Output};
use astro_platform::retry::{backoff_ms, decide, retry_after_ms, Decision};
use astro_platform::Error;

fn org() -> OrganizationId {
    OrganizationId::parse("clm8t5u4q000008jq4qoc3036").unwrap()
}

fn ws() -> WorkspaceId {
    WorkspaceId::parse("clm8t5u4q000008jq4qoc3037").unwrap()
}

fn create() -> Operation {
    Operation::Create(
        org(),
        CreateWorkspaceRequest {
            name: "a".into(),
            description: None,
            cicd_enforced_default: None,
            defaults: Default::default(),
        },
    )
}

fn api(status: u16, retry_after_ms: Option<u64>) -> Error {
    Error::Api {
        status,
        message: String::new(),
        request_id: None,
        field_errors: vec![],
        retry_after_ms,
        excerpt: None,
    }
}

fn connection() -> Error {
    Error::Connection {
        message: "reset".into(),
    }
}

fn retries(op: &Operation, error: Error) -> bool {
    matches!(
        decide(op, 0, 2, false, Err(error), 0.0),
        Decision::Retry { .. }
    )
}

#[test]
fn backoff_doubles_to_a_cap_less_jitter() {
    assert_eq!(
        (0..6).map(|n| backoff_ms(n, 0.0)).collect::<Vec<_>>(),
        [500, 1000, 2000, 4000, 8000, 8000]
    );
    assert_eq!(backoff_ms(0, 0.999_999), 375);
    assert_eq!(backoff_ms(1, 0.5), 875);
    assert_eq!(backoff_ms(4, 1.0), 6000);
    assert_eq!(backoff_ms(40, 0.0), 8000);
    assert_eq!(backoff_ms(0, f64::NAN), 500);
    assert_eq!(backoff_ms(0, -3.0), 500);
}

#[test]
fn create_is_retried_only_on_429() {
    let op = create();
    assert!(retries(&op, api(429, None)));
    for error in [
        connection(),
        Error::Timeout { timeout_ms: 1 },
        api(500, None),
        api(502, None),
        api(503, None),
        api(504, None),
        api(408, None),
    ] {
        assert!(
            !retries(&op, error.clone()),
            "create retried after {error:?}"
        );
    }
}

#[test]
fn idempotent_operations_retry_transient_failures() {
    let page = Operation::List(org(), Default::default());
    let body = UpdateWorkspaceRequest {
        name: "a".into(),
        description: String::new(),
        cicd_enforced_default: false,
        defaults: Default::default(),
    };
    let update = Operation::Update(org(), ws(), body);
    for op in [
        Operation::Get(org(), ws()),
        Operation::Delete(org(), ws()),
        page,
        update,
    ] {
        for error in [
            connection(),
            Error::Timeout { timeout_ms: 1 },
            api(408, None),
            api(429, None),
            api(500, None),
            api(502, None),
            api(503, None),
            api(504, None),
        ] {
            assert!(
                retries(&op, error.clone()),
                "{op:?} not retried after {error:?}"
            );
        }
        for error in [
            api(400, None),
            api(401, None),
            api(403, None),
            api(404, None),
            api(409, None),
            api(501, None),
            api(302, None),
            Error::Aborted,
            Error::InvalidResponse {
                status: 200,
                message: String::new(),
                excerpt: String::new(),
            },
        ] {
            assert!(
                !retries(&op, error.clone()),
                "{op:?} retried after {error:?}"
            );
        }
    }
}

#[test]
fn retries_stop_at_max_retries() {
    let op = Operation::Get(org(), ws());
    assert!(matches!(
        decide(&op, 1, 2, false, Err(connection()), 0.0),
        Decision::Retry { delay_ms: 1000 }
    ));
    assert!(matches!(
        decide(&op, 2, 2, false, Err(connection()), 0.0),
        Decision::Finish(Err(Error::Connection { .. }))
    ));
    assert!(matches!(
        decide(&op, 0, 0, false, Err(connection()), 0.0),
        Decision::Finish(Err(_))
    ));
}

#[test]
fn retry_after_replaces_the_backoff_up_to_a_minute() {
    let op = Operation::Get(org(), ws());
    assert_eq!(
        decide(&op, 0, 2, false, Err(api(429, Some(2000))), 0.9),
        Decision::Retry { delay_ms: 2000 }
    );
    assert_eq!(
        decide(&op, 0, 2, false, Err(api(503, Some(0))), 0.9),
        Decision::Retry { delay_ms: 0 }
    );
    assert_eq!(
        decide(&op, 0, 2, false, Err(api(429, Some(60_000))), 0.9),
        Decision::Retry { delay_ms: 60_000 }
    );
    let too_long = decide(&op, 0, 2, false, Err(api(429, Some(60_001))), 0.9);
    assert!(matches!(
        too_long,
        Decision::Finish(Err(Error::Api {
            status: 429,
            retry_after_ms: Some(60_001),
            ..
        }))
    ));
}

#[test]
fn a_delete_whose_answer_was_lost_is_done_on_404() {
    let op = Operation::Delete(org(), ws());
    assert_eq!(
        decide(&op, 1, 2, true, Err(api(404, None)), 0.0),
        Decision::Finish(Ok(Output::Deleted))
    );
    assert!(matches!(
        decide(&op, 0, 2, false, Err(api(404, None)), 0.0),
        Decision::Finish(Err(Error::Api { status: 404, .. }))
    ));
    // Only deletes: a get whose retry finds nothing is still not found.
    let get = Operation::Get(org(), ws());
    assert!(matches!(
        decide(&get, 1, 2, true, Err(api(404, None)), 0.0),
        Decision::Finish(Err(_))
    ));
}

fn headers(
    retry_after: Option<&str>,
    retry_after_ms_value: Option<&str>,
    received_at_ms: f64,
) -> HttpResponse {
    let mut response = HttpResponse::from_text(429, "");
    if let Some(v) = retry_after {
        response.set_header("retry-after", v.into());
    }
    if let Some(v) = retry_after_ms_value {
        response.set_header("retry-after-ms", v.into());
    }
    response.received_at_ms = received_at_ms;
    response
}

#[test]
fn retry_after_headers() {
    // 1994-11-06T08:49:37Z is 784111777 s after the epoch.
    let at = 784_111_777_000.0;
    let table = [
        (headers(Some("2"), None, 0.0), Some(2000)),
        (headers(Some(" 0 "), None, 0.0), Some(0)),
        (headers(Some("1.5"), None, 0.0), Some(1500)),
        (headers(Some("99999"), None, 0.0), Some(99_999_000)),
        (headers(None, Some("1500"), 0.0), Some(1500)),
        (headers(None, Some("0.4"), 0.0), Some(1)),
        (headers(Some("2"), Some("250"), 0.0), Some(250)),
        (
            headers(Some("Sun, 06 Nov 1994 08:49:37 GMT"), None, at - 3000.0),
            Some(3000),
        ),
        (
            headers(Some("Sun, 06 Nov 1994 08:49:37 GMT"), None, at + 5000.0),
            Some(0),
        ),
        (headers(Some("-1"), None, 0.0), None),
        (headers(Some("soon"), None, 0.0), None),
        (headers(Some("1."), None, 0.0), None),
        (headers(None, Some("NaN"), 0.0), None),
        (headers(None, None, 0.0), None),
    ];
    for (response, want) in table {
        assert_eq!(
            retry_after_ms(&response),
            want,
            "{:?} / {:?}",
            response.retry_after,
            response.retry_after_ms
        );
    }
}

#[test]
fn http_dates() {
    use astro_platform::retry::http_date_ms;
    assert_eq!(http_date_ms("Thu, 01 Jan 1970 00:00:00 GMT"), Some(0));
    assert_eq!(
        http_date_ms("Thu, 29 Feb 2024 12:00:00 GMT"),
        Some(1_709_208_000_000)
    );
    assert_eq!(
        http_date_ms("Fri, 31 Dec 2099 23:59:59 GMT"),
        Some(4_102_444_799_000)
    );
    for bad in [
        "Thu, 29 Feb 2024 12:00:00 UTC",
        "Thu, 29 Fex 2024 12:00:00 GMT",
        "Sunday, 06-Nov-94 08:49:37 GMT",
        "Thu, 32 Jan 2024 12:00:00 GMT",
        "Thu, 1 Jan 2024 12:00:00 GMT",
        "Thu, 01 Jan 2024 12:00:0é GMT",
    ] {
        assert_eq!(http_date_ms(bad), None, "{bad}");
    }
}
