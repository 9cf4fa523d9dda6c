//! The compact form JS values cross into WASM in (`src/unpack.rs`, written by `js/edge.js`):
//! the two sides use the same tags, every value reads back as it was written, and a buffer
//! that does not follow the form (truncated, huge counts, unknown tags, bad UTF-8, nesting past
//! the reach, random bytes) reads as something safe, without a panic, a hang or a large
//! allocation.
#![cfg(not(target_arch = "wasm32"))]

use astro_platform::unpack::{tag, unpack, Reach};
use astro_platform::Input;
use proptest::prelude::*;

const INPUT: Reach = Reach {
    depth: 2,
    strict_keys: false,
};
const BODY: Reach = Reach {
    depth: 127,
    strict_keys: true,
};
const BROKEN: Input = Input::Opaque("a value that could not be read");

/// Writes values the way `js/edge.js` does.
#[derive(Default)]
struct Writer(Vec<u8>);

impl Writer {
    fn tag(mut self, t: u8) -> Self {
        self.0.push(t);
        self
    }
    fn u32(mut self, n: u32) -> Self {
        self.0.extend(n.to_le_bytes());
        self
    }
    fn number(self, n: f64) -> Self {
        let mut w = self.tag(tag::NUMBER);
        w.0.extend(n.to_le_bytes());
        w
    }
    fn text(self, s: &str) -> Self {
        let mut w = self.u32(s.len() as u32);
        w.0.extend(s.as_bytes());
        w
    }
    fn string(self, s: &str) -> Self {
        self.tag(tag::STRING).text(s)
    }
    fn key(self, s: &str, well_formed: bool) -> Self {
        self.tag(u8::from(well_formed)).text(s)
    }
    fn input(self, value: &Input) -> Self {
        match value {
            Input::Null => self.tag(tag::NULL),
            Input::Bool(b) => self.tag(if *b { tag::TRUE } else { tag::FALSE }),
            Input::Number(n) => self.number(*n),
            Input::String(s) => self.string(s),
            Input::Array(items) => items
                .iter()
                .fold(self.tag(tag::ARRAY).u32(items.len() as u32), |w, v| {
                    w.input(v)
                }),
            Input::Object(entries) => entries.iter().fold(
                self.tag(tag::OBJECT).u32(entries.len() as u32),
                |w, (k, v)| w.key(k, true).input(v),
            ),
            Input::Opaque(_) => self.tag(tag::FUNCTION),
        }
    }
}

/// Equality that tells numbers by their bits (NaN equals NaN, -0 differs from 0).
fn same(a: &Input, b: &Input) -> bool {
    match (a, b) {
        (Input::Number(x), Input::Number(y)) => x.to_bits() == y.to_bits(),
        (Input::Array(x), Input::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same(a, b))
        }
        (Input::Object(x), Input::Object(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|((k, a), (l, b))| k == l && same(a, b))
        }
        _ => a == b,
    }
}

#[test]
fn the_js_writer_uses_the_same_tags() {
    // The block after the comment that names the tags, to the first blank line.
    let source = include_str!("../js/edge.js");
    let (_, block) = source
        .split_once("// The tags")
        .expect("js/edge.js lists its tags");
    let mut js: Vec<(String, u8)> = block
        .lines()
        .skip(1)
        .take_while(|line| !line.is_empty())
        .map(|line| {
            let rest = line
                .strip_prefix("const ")
                .and_then(|l| l.strip_suffix(';'));
            let (name, value) = rest.and_then(|r| r.split_once(" = ")).expect(line);
            (name.to_owned(), value.parse().expect(line))
        })
        .collect();
    js.sort();
    let mut rust = vec![
        ("NULL", tag::NULL),
        ("FALSE", tag::FALSE),
        ("TRUE", tag::TRUE),
        ("NUMBER", tag::NUMBER),
        ("STRING", tag::STRING),
        ("ARRAY", tag::ARRAY),
        ("OBJECT", tag::OBJECT),
        ("FUNCTION", tag::FUNCTION),
        ("SYMBOL", tag::SYMBOL),
        ("BIGINT", tag::BIGINT),
        ("DEEP_ARRAY", tag::DEEP_ARRAY),
        ("LONG_ARRAY", tag::LONG_ARRAY),
        ("DEEP_OBJECT", tag::DEEP_OBJECT),
        ("SIGNAL", tag::SIGNAL),
        ("NO_KEYS", tag::NO_KEYS),
        ("UNPAIRED", tag::UNPAIRED),
    ]
    .into_iter()
    .map(|(n, t)| (n.to_owned(), t))
    .collect::<Vec<_>>();
    rust.sort();
    assert_eq!(js, rust);
}

#[test]
fn numbers_keep_their_bits() {
    for n in [
        -0.0,
        0.0,
        f64::NAN,
        f64::INFINITY,
        f64::NEG_INFINITY,
        1e308,
        5e-324,
        9007199254740993.0,
    ] {
        let [got] = unpack(&Writer::default().number(n).0, INPUT);
        assert!(same(&got, &Input::Number(n)), "{n}: {got:?}");
    }
}

#[test]
fn strings_and_keys_arrive_as_written() {
    let tricky = "\0\u{1}\u{1f}\"\\/\u{8}\u{c}\n\r\t\u{7f}\u{80}\u{ff}\u{100}\u{7ff}\u{800}\u{ffff}\u{fffd}\u{feff}\u{2028}\u{2029}é e\u{301}😀\u{10ffff}\u{10000}";
    let bytes = Writer::default()
        .string(tricky)
        .tag(tag::OBJECT)
        .u32(2)
        .key(tricky, true)
        .string("")
        .key("a\u{fffd}", false)
        .tag(tag::TRUE)
        .0;
    let want_object = |second: Input| {
        Input::Object(vec![
            (tricky.to_owned(), Input::String(String::new())),
            ("a\u{fffd}".to_owned(), second),
        ])
    };
    let [s, o] = unpack(&bytes, INPUT);
    assert_eq!(s, Input::String(tricky.to_owned()));
    assert_eq!(
        o,
        want_object(Input::Bool(true)),
        "a caller's key is read as text"
    );
    let [_, o] = unpack(&bytes, BODY);
    assert_eq!(
        o,
        want_object(Input::Opaque("a key with an unpaired UTF-16 surrogate")),
        "a body's key with an unpaired surrogate makes its value opaque"
    );
}

#[test]
fn each_opaque_tag_has_its_name() {
    let cases = [
        (tag::FUNCTION, "function"),
        (tag::SYMBOL, "symbol"),
        (tag::BIGINT, "bigint"),
        (tag::DEEP_ARRAY, "array"),
        (tag::LONG_ARRAY, "an array of more than 10000 items"),
        (tag::DEEP_OBJECT, "object"),
        (tag::SIGNAL, "AbortSignal"),
        (tag::NO_KEYS, "an object whose keys cannot be read"),
        (tag::UNPAIRED, "a string with an unpaired UTF-16 surrogate"),
    ];
    for (t, name) in cases {
        let [got] = unpack(&[t], INPUT);
        assert_eq!(got, Input::Opaque(name));
    }
}

#[test]
fn a_broken_buffer_reads_as_something_safe() {
    // Empty, truncated numbers, strings and counts.
    assert_eq!(unpack::<3>(&[], INPUT), [BROKEN, BROKEN, BROKEN]);
    assert_eq!(unpack::<1>(&[tag::NUMBER, 0, 0], INPUT), [BROKEN]);
    assert_eq!(
        unpack::<1>(&[tag::STRING, 9, 0, 0, 0, b'a'], INPUT),
        [BROKEN]
    );
    assert_eq!(unpack::<1>(&[tag::ARRAY, 1], INPUT), [BROKEN]);
    // A count of 2^32 - 1 with two items behind it: two items, no huge allocation, no hang.
    let huge = Writer::default()
        .tag(tag::ARRAY)
        .u32(u32::MAX)
        .tag(tag::NULL)
        .tag(tag::TRUE)
        .0;
    assert_eq!(
        unpack::<1>(&huge, INPUT),
        [Input::Array(vec![Input::Null, Input::Bool(true)])]
    );
    let keys = Writer::default()
        .tag(tag::OBJECT)
        .u32(u32::MAX)
        .key("k", true)
        .0;
    assert_eq!(
        unpack::<1>(&keys, INPUT),
        [Input::Object(vec![("k".to_owned(), BROKEN)])]
    );
    // Invalid UTF-8 in a string and in a key.
    assert_eq!(
        unpack::<1>(&[tag::STRING, 1, 0, 0, 0, 0xff], INPUT),
        [BROKEN]
    );
    let bad_key = [tag::OBJECT, 1, 0, 0, 0, 1, 1, 0, 0, 0, 0xc3, tag::NULL];
    assert_eq!(unpack::<1>(&bad_key, INPUT), [Input::Object(vec![])]);
    // An unknown tag ends the buffer: nothing after it is trusted.
    assert_eq!(unpack::<2>(&[200, tag::TRUE], INPUT), [BROKEN, BROKEN]);
    // Nesting past the reach is refused, not followed.
    let deep = Writer::default()
        .tag(tag::ARRAY)
        .u32(1)
        .tag(tag::ARRAY)
        .u32(1)
        .tag(tag::ARRAY)
        .u32(0)
        .0;
    assert_eq!(
        unpack::<1>(&deep, INPUT),
        [Input::Array(vec![Input::Array(vec![BROKEN])])]
    );
    // Values after the last one are ignored.
    assert_eq!(
        unpack::<1>(&[tag::TRUE, tag::FALSE], INPUT),
        [Input::Bool(true)]
    );
}

#[test]
fn a_million_nested_arrays_read_without_overflowing_the_stack() {
    let mut bytes = Vec::new();
    for _ in 0..1_000_000 {
        bytes.extend([tag::ARRAY, 1, 0, 0, 0]);
    }
    let [got] = unpack(&bytes, BODY);
    let mut depth = 0;
    let mut at = &got;
    while let Input::Array(items) = at {
        depth += 1;
        at = &items[0];
    }
    assert_eq!((depth, at), (127, &BROKEN));
}

fn input() -> impl Strategy<Value = Input> {
    let leaf = prop_oneof![
        Just(Input::Null),
        any::<bool>().prop_map(Input::Bool),
        any::<f64>().prop_map(Input::Number),
        any::<String>().prop_map(Input::String),
    ];
    leaf.prop_recursive(2, 24, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Input::Array),
            prop::collection::vec((any::<String>(), inner), 0..6).prop_map(Input::Object),
        ]
    })
}

proptest! {
    #[test]
    fn every_value_reads_back_as_written(values in [input(), input(), input(), input()]) {
        let bytes = values.iter().fold(Writer::default(), Writer::input).0;
        let got: [Input; 4] = unpack(&bytes, BODY);
        for (g, v) in got.iter().zip(&values) {
            prop_assert!(same(g, v), "{g:?} != {v:?}");
        }
    }

    #[test]
    fn random_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        let _: [Input; 4] = unpack(&bytes, INPUT);
        let _: [Input; 4] = unpack(&bytes, BODY);
    }

    #[test]
    fn a_cut_buffer_never_panics(values in [input(), input()], cut in any::<prop::sample::Index>()) {
        let bytes = values.iter().fold(Writer::default(), Writer::input).0;
        let end = cut.index(bytes.len() + 1);
        let _: [Input; 2] = unpack(&bytes[..end], BODY);
    }
}
