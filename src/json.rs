//! Reading JSON text into an [`Input`] with `serde_json`: the native build's parser. The WASM
//! edge leaves parsing to the platform's `JSON.parse` (`src/wasm/json.rs`), and the release
//! build (`--features tiny`) leaves this module out, so neither it nor serde's deserialization
//! machinery can ship in the `.wasm`.

#[allow(unused_imports)]
use crate::prelude::*;

use core::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};

use crate::input::Input;

impl Input {
    /// Parses JSON text, or says why it is not JSON.
    pub fn from_json(text: &str) -> Result<Input, String> {
        serde_json::from_str(text).map_err(|e| e.to_string())
    }
}

struct InputVisitor;

impl<'de> Visitor<'de> for InputVisitor {
    type Value = Input;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON-compatible value")
    }

    fn visit_unit<E: de::Error>(self) -> Result<Input, E> {
        Ok(Input::Null)
    }

    fn visit_none<E: de::Error>(self) -> Result<Input, E> {
        Ok(Input::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Input, D::Error> {
        Input::deserialize(d)
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Input, E> {
        Ok(Input::Bool(v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Input, E> {
        Ok(Input::Number(v as f64))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Input, E> {
        Ok(Input::Number(v as f64))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Input, E> {
        Ok(Input::Number(v))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Input, E> {
        Ok(Input::String(v.to_owned()))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Input, E> {
        Ok(Input::String(v))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Input, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Input::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Input, A::Error> {
        let mut entries = Vec::new();
        while let Some((key, value)) = map.next_entry::<String, Input>()? {
            entries.push((key, value));
        }
        Ok(Input::Object(entries))
    }
}

impl<'de> Deserialize<'de> for Input {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Input, D::Error> {
        d.deserialize_any(InputVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_values_keep_their_types() {
        let v = Input::from_json(r#"{"a":1.5,"b":"x","c":[true,null],"d":{}}"#).unwrap();
        assert_eq!(
            v,
            Input::Object(vec![
                ("a".into(), Input::Number(1.5)),
                ("b".into(), Input::String("x".into())),
                (
                    "c".into(),
                    Input::Array(vec![Input::Bool(true), Input::Null])
                ),
                ("d".into(), Input::Object(vec![])),
            ])
        );
        assert_eq!(Input::Array(vec![]).type_name(), "array");
    }
}
