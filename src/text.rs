//! Messages built from static parts, without `format!` and its machinery in the WASM build.

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

/// Writes `n` in decimal.
pub fn int(n: u64) -> String {
    itoa::Buffer::new().format(n).to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_and_numbers() {
        assert_eq!(cat(&["a", "", "bc"]), "abc");
        assert_eq!(cat(&[]), "");
        assert_eq!(int(0), "0");
        assert_eq!(int(9_007_199_254_740_991), "9007199254740991");
    }
}
