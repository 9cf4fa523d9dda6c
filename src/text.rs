//! Messages built from static parts, without `format!` and its machinery in the WASM build, and
//! the one substring search the crate needs (for the token), without core's `str::find`.

#[allow(unused_imports)]
use crate::prelude::*;

/// Joins `parts` into one string, allocated once.
pub fn cat(parts: &[&str]) -> String {
    let mut out = String::with_capacity(parts.iter().map(|p| p.len()).sum());
    for part in parts {
        out.push_str(part);
    }
    out
}

/// Joins `parts` with `separator` between them (`[T]::join` without alloc's copy machinery).
pub fn join<'a>(parts: impl IntoIterator<Item = &'a str>, separator: &str) -> String {
    let mut out = String::new();
    for (i, part) in parts.into_iter().enumerate() {
        if i > 0 {
            out.push_str(separator);
        }
        out.push_str(part);
    }
    out
}

/// Writes `n` in decimal.
pub fn int(n: u64) -> String {
    itoa::Buffer::new().format(n).to_owned()
}

/// Returns where `needle` first occurs in `text` at or after byte `from`; `None` for an empty
/// `needle`.
///
/// A plain scan, not `str::find`: core's Two-Way searcher adds about 3 KB to the `.wasm`, and
/// the texts searched for the token (error messages, header values) are short. The scan is
/// linear for a needle that does not repeat itself, as a token does not.
pub fn find(text: &str, needle: &str, from: usize) -> Option<usize> {
    let (text, needle) = (text.as_bytes(), needle.as_bytes());
    let first = needle.first()?;
    (from..text.len()).find(|&i| {
        text.get(i..)
            .is_some_and(|rest| rest.first() == Some(first) && rest.starts_with(needle))
    })
}

/// Replaces every occurrence of `needle` in `text` with `with`, left to right.
pub fn replace(text: String, needle: &str, with: &str) -> String {
    let Some(mut at) = find(&text, needle, 0) else {
        return text;
    };
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(text.len());
    let mut start = 0;
    loop {
        out.extend_from_slice(bytes.get(start..at).unwrap_or_default());
        out.extend_from_slice(with.as_bytes());
        start = at + needle.len();
        match find(&text, needle, start) {
            Some(next) => at = next,
            None => break,
        }
    }
    out.extend_from_slice(bytes.get(start..).unwrap_or_default());
    // A match of valid UTF-8 in valid UTF-8 starts and ends on character boundaries.
    String::from_utf8(out).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_and_numbers() {
        assert_eq!(cat(&["a", "", "bc"]), "abc");
        assert_eq!(cat(&[]), "");
        assert_eq!(join(["a", "b", "c"], ", "), "a, b, c");
        assert_eq!(join([], ", "), "");
        assert_eq!(int(0), "0");
        assert_eq!(int(9_007_199_254_740_991), "9007199254740991");
    }

    #[test]
    fn find_and_replace_as_core_does() {
        let cases = [
            ("", "a"),
            ("abc", ""),
            ("abc", "abc"),
            ("aaaa", "aa"),
            ("xaxaax", "aa"),
            ("é tok é tok", "tok"),
            ("tok", "tok-longer"),
            ("ééé", "é"),
        ];
        for (text, needle) in cases {
            let want = if needle.is_empty() {
                None
            } else {
                text.find(needle)
            };
            assert_eq!(find(text, needle, 0), want, "{text:?} {needle:?}");
            let want = if needle.is_empty() {
                text.to_owned()
            } else {
                text.replace(needle, "***")
            };
            assert_eq!(replace(text.to_owned(), needle, "***"), want);
        }
        assert_eq!(find("abcabc", "bc", 2), Some(4));
        assert_eq!(find("abc", "c", 9), None);
    }
}
