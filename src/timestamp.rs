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

/// Reads `part`, all ASCII digits, as a number.
#[inline(always)]
fn number(part: &[u8]) -> Option<u32> {
    let mut n = 0;
    for &c in part {
        let d = c.wrapping_sub(b'0');
        if d > 9 {
            return None;
        }
        n = n * 10 + u32::from(d);
    }
    Some(n)
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
    // `YYYY-MM-DDTHH:MM:SS`, then an optional fraction and the offset.
    let Some((head, mut rest)) = b.split_first_chunk::<19>() else {
        return false;
    };
    let separators = head[4] == b'-'
        && head[7] == b'-'
        && head[10] | 0x20 == b't'
        && head[13] == b':'
        && head[16] == b':';
    let fields = (
        number(&head[0..4]),
        number(&head[5..7]),
        number(&head[8..10]),
        number(&head[11..13]),
        number(&head[14..16]),
        number(&head[17..19]),
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
    if let Some((b'.', fraction)) = rest.split_first() {
        let digits = fraction.iter().take_while(|c| c.is_ascii_digit()).count();
        if digits == 0 {
            return false;
        }
        rest = fraction.get(digits..).unwrap_or_default();
    }
    let offset_ok = match *rest {
        [b'Z' | b'z'] => true,
        [b'+' | b'-', h1, h2, b':', m1, m2] => {
            number(&[h1, h2]).is_some_and(|h| h < 24) && number(&[m1, m2]).is_some_and(|m| m < 60)
        }
        _ => false,
    };
    separators && in_range && offset_ok
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
