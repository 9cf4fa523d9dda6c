//! RFC 3339 date-times, as the API's `format: date-time` allows them.

#[allow(unused_imports)]
use crate::prelude::*;

use serde::Serialize;

/// A date-time as the API sent it: any RFC 3339 form, kept exactly as sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Timestamp(String);

impl Timestamp {
    /// Accepts `s` only when it is an RFC 3339 `date-time` with in-range fields:
    /// `YYYY-MM-DD`, `T` or `t`, `HH:MM:SS`, an optional fraction of any length, and `Z`,
    /// `z` or a numeric offset `+HH:MM`/`-HH:MM`.
    pub fn parse(s: &str) -> Option<Self> {
        is_date_time(s.as_bytes()).then(|| Timestamp(s.to_owned()))
    }

    /// Returns the timestamp exactly as the API sent it.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Reads the run of ASCII digits `b[range]` as a number.
fn digits(b: &[u8], start: usize, len: usize) -> Option<u32> {
    let part = b.get(start..start + len)?;
    part.iter()
        .all(u8::is_ascii_digit)
        .then(|| part.iter().fold(0, |n, d| n * 10 + u32::from(d - b'0')))
}

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Returns true when `b` is an RFC 3339 `date-time` with in-range fields (see [`Timestamp::parse`]).
pub fn is_date_time(b: &[u8]) -> bool {
    let at = |i: usize, c: &[u8]| b.get(i).is_some_and(|x| c.contains(x));
    if !(at(4, b"-") && at(7, b"-") && at(10, b"Tt") && at(13, b":") && at(16, b":")) {
        return false;
    }
    let fields = (
        digits(b, 0, 4),
        digits(b, 5, 2),
        digits(b, 8, 2),
        digits(b, 11, 2),
        digits(b, 14, 2),
        digits(b, 17, 2),
    );
    let (Some(year), Some(month), Some(day), Some(hour), Some(minute), Some(second)) = fields
    else {
        return false;
    };
    let in_range = (1..=12).contains(&month)
        && (1..=days_in_month(year, month)).contains(&day)
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
                && digits(b, i + 1, 2).is_some_and(|h| h < 24)
                && digits(b, i + 4, 2).is_some_and(|m| m < 60)
        }
        _ => false,
    };
    in_range && offset_ok
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc_3339_forms() {
        for good in [
            "2023-09-08T12:00:00Z",
            "2024-02-29T23:59:60Z",
            "2023-09-08T12:00:00.123Z",
            "2024-04-05T21:41:04.673Z",
            "2024-04-05T21:41:04.6Z",
            "2024-04-05T21:41:04.673123456789Z",
            "2024-04-05t21:41:04z",
            "2024-04-05T21:41:04+00:00",
            "2024-04-05T21:41:04.5-05:30",
            "2024-04-05T21:41:04+23:59",
            "2000-02-29T00:00:00Z",
        ] {
            assert_eq!(Timestamp::parse(good).map(|t| t.0), Some(good.to_owned()));
        }
        for bad in [
            "",
            "2023-09-08T12:00:00",
            "2023-09-08 12:00:00Z",
            "2023-09-08T12:00:00+0200",
            "2023-09-08T12:00:00+02",
            "2023-09-08T12:00:00+24:00",
            "2023-09-08T12:00:00+02:60",
            "2023-13-08T12:00:00Z",
            "2023-09-00T12:00:00Z",
            "2023-09-31T12:00:00Z",
            "2023-02-29T12:00:00Z",
            "1900-02-29T12:00:00Z",
            "2023-09-08T24:00:00Z",
            "2023-09-08T12:60:00Z",
            "2023-09-08T12:00:61Z",
            "2023-09-08T12:00:00.Z",
            "2023-09-08T12:00:00,5Z",
            "2023-09-08T12:00:00ZZ",
            "2023-09-08T12:00:00Z ",
            "+2023-09-08T12:00:00Z",
            "yesterday",
            "2023-09-08T12:00:0éZ",
            "2023-09-08T12:00:00+00:0é",
        ] {
            assert!(Timestamp::parse(bad).is_none(), "{bad}");
        }
    }
}
