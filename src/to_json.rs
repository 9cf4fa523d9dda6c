//! Writing any `Serialize` value as compact JSON text: the same text as
//! `serde_json::to_string`, from a writer a fraction of its size in the `.wasm`.
//!
//! The models keep serde's derives as their vocabulary; only the writer behind them is ours.
//! `serde_json`'s writer is generic over `io::Write` and a `Formatter`, and its error type
//! boxes a message; here every value goes into one `String` and nothing can fail, so the
//! writer is a handful of small functions. Strings are escaped exactly as `serde_json` escapes
//! them and integers go through `itoa`. Floats are written by a [`Floats`] the caller picks:
//! [`Shortest`] is `zmij`, the formatter `serde_json` uses, so [`to_json`]'s text is
//! `serde_json`'s byte for byte (`tests/to_json.rs` holds it to that over generated values of
//! every type written); the WASM edge passes the platform's `JSON.stringify` instead
//! (`src/wasm/to_json.rs`), which keeps `zmij` and its tables (about 1.9 KB gz) out of the
//! `.wasm`. The core's own calls (request bodies) write no floats, so they link no formatter.
//!
//! Map keys are written as any value is: every map in this crate has string keys. An `f32` is
//! written as the `f64` it converts to (this crate has none).

#[allow(unused_imports)]
use crate::prelude::*;

use core::fmt;
use core::marker::PhantomData;

use serde::ser::{self, Serialize};

/// How a writer turns a finite `f64` into JSON text.
pub trait Floats {
    /// Appends `n`, finite, as a JSON number that reads back as exactly `n`.
    fn push(out: &mut String, n: f64);
}

/// Floats as `serde_json` writes them: `zmij`'s shortest text (`1.0`, `-0.0`, `1e+300`).
pub struct Shortest;

impl Floats for Shortest {
    fn push(out: &mut String, n: f64) {
        out.push_str(zmij::Buffer::new().format_finite(n));
    }
}

/// Writes `value` as compact JSON, exactly as `serde_json::to_string` would.
pub fn to_json<T: Serialize + ?Sized>(value: &T) -> String {
    to_json_with::<Shortest, T>(value)
}

/// Writes `value` as compact JSON, with floats written by `F`.
pub fn to_json_with<F: Floats, T: Serialize + ?Sized>(value: &T) -> String {
    // As `serde_json::to_string` does: most texts fit, so few grow (and copy) at all.
    let mut out = String::with_capacity(128);
    // The writer never fails, and no `Serialize` impl in this crate reports an error.
    let _ = value.serialize(Writer::<F>(&mut out, PhantomData));
    out
}

/// The error a `Serialize` impl may raise through [`ser::Error::custom`]; this crate's never do.
#[derive(Debug)]
pub struct Error;

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a value refused to be serialized")
    }
}

impl core::error::Error for Error {}

impl ser::Error for Error {
    fn custom<T: fmt::Display>(_: T) -> Self {
        Error
    }
}

/// The serializer: appends JSON text to a string, floats written by `F`.
pub struct Writer<'a, F>(&'a mut String, PhantomData<F>);

/// An array or object being written: `first` until its first element.
pub struct Compound<'a, F> {
    out: &'a mut String,
    first: bool,
    /// What closes it: `]`, `}`, or `]}`/`}}` for an enum variant's content.
    close: &'static str,
    floats: PhantomData<F>,
}

/// Appends `s` as a JSON string: `"`, `\`, and control characters escaped as `serde_json`
/// escapes them (`\b \t \n \f \r` by name, the others as `\u00XX` in lowercase hex);
/// everything else, U+2028, U+2029 and U+007F included, as it is.
fn push_str(out: &mut String, s: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push('"');
    let mut start = 0;
    for (i, &b) in s.as_bytes().iter().enumerate() {
        let named = match b {
            b'"' => '"',
            b'\\' => '\\',
            0x08 => 'b',
            0x09 => 't',
            0x0A => 'n',
            0x0C => 'f',
            0x0D => 'r',
            0x00..=0x1F => 'u',
            _ => continue,
        };
        // Escapes are ASCII, so `start..i` lies on character boundaries.
        out.push_str(s.get(start..i).unwrap_or_default());
        out.push('\\');
        out.push(named);
        if named == 'u' {
            out.push_str("00");
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 0xF)]));
        }
        start = i + 1;
    }
    out.push_str(s.get(start..).unwrap_or_default());
    out.push('"');
}

/// Appends an integer in decimal.
fn push_int<I: itoa::Integer>(out: &mut String, n: I) -> Result<(), Error> {
    out.push_str(itoa::Buffer::new().format(n));
    Ok(())
}

impl<'a, F: Floats> Writer<'a, F> {
    /// Appends a float as `serde_json` does: `null` when it is not finite.
    fn float(self, n: f64) -> Result<(), Error> {
        if n.is_finite() {
            F::push(self.0, n);
        } else {
            self.0.push_str("null");
        }
        Ok(())
    }

    /// Opens an array or object.
    fn open(self, open: &str, close: &'static str) -> Compound<'a, F> {
        self.0.push_str(open);
        Compound {
            out: self.0,
            first: true,
            close,
            floats: PhantomData,
        }
    }

    /// Opens `{"variant":` followed by an array or object.
    fn open_variant(self, variant: &str, open: &str, close: &'static str) -> Compound<'a, F> {
        self.0.push('{');
        push_str(self.0, variant);
        self.0.push(':');
        self.open(open, close)
    }
}

impl<F: Floats> Compound<'_, F> {
    /// Writes the separator before an element.
    fn next(&mut self) {
        if !self.first {
            self.out.push(',');
        }
        self.first = false;
    }

    /// Writes an array's element.
    fn element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.next();
        value.serialize(Writer::<F>(self.out, PhantomData))
    }

    /// Writes an object's `"key":value`.
    fn field<T: Serialize + ?Sized>(&mut self, key: &str, value: &T) -> Result<(), Error> {
        self.next();
        push_str(self.out, key);
        self.out.push(':');
        value.serialize(Writer::<F>(self.out, PhantomData))
    }

    /// Closes the array or object.
    fn close(self) -> Result<(), Error> {
        self.out.push_str(self.close);
        Ok(())
    }
}

/// The `Serializer` methods of the integer types: each writes its argument with `itoa`.
macro_rules! integers {
    ($($method:ident: $ty:ty),* $(,)?) => {
        $(
            fn $method(self, v: $ty) -> Result<(), Error> {
                push_int(self.0, v)
            }
        )*
    };
}

impl<'a, F: Floats> ser::Serializer for Writer<'a, F> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Compound<'a, F>;
    type SerializeTuple = Compound<'a, F>;
    type SerializeTupleStruct = Compound<'a, F>;
    type SerializeTupleVariant = Compound<'a, F>;
    type SerializeMap = Compound<'a, F>;
    type SerializeStruct = Compound<'a, F>;
    type SerializeStructVariant = Compound<'a, F>;

    fn serialize_bool(self, v: bool) -> Result<(), Error> {
        self.0.push_str(if v { "true" } else { "false" });
        Ok(())
    }
    // Every integer type, written by `itoa`.
    integers!(
        serialize_i8: i8,
        serialize_i16: i16,
        serialize_i32: i32,
        serialize_i64: i64,
        serialize_i128: i128,
        serialize_u8: u8,
        serialize_u16: u16,
        serialize_u32: u32,
        serialize_u64: u64,
        serialize_u128: u128,
    );
    fn serialize_f32(self, v: f32) -> Result<(), Error> {
        self.float(f64::from(v))
    }
    fn serialize_f64(self, v: f64) -> Result<(), Error> {
        self.float(v)
    }
    fn serialize_char(self, v: char) -> Result<(), Error> {
        push_str(self.0, v.encode_utf8(&mut [0; 4]));
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Result<(), Error> {
        push_str(self.0, v);
        Ok(())
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<(), Error> {
        ser::Serializer::collect_seq(self, v)
    }
    fn serialize_none(self) -> Result<(), Error> {
        self.serialize_unit()
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Error> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Error> {
        self.0.push_str("null");
        Ok(())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Error> {
        self.serialize_unit()
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<(), Error> {
        self.serialize_str(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        let mut object = self.open("{", "}");
        object.field(variant, value)?;
        object.close()
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Compound<'a, F>, Error> {
        Ok(self.open("[", "]"))
    }
    fn serialize_tuple(self, _: usize) -> Result<Compound<'a, F>, Error> {
        Ok(self.open("[", "]"))
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Compound<'a, F>, Error> {
        Ok(self.open("[", "]"))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Compound<'a, F>, Error> {
        Ok(self.open_variant(variant, "[", "]}"))
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Compound<'a, F>, Error> {
        Ok(self.open("{", "}"))
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Compound<'a, F>, Error> {
        Ok(self.open("{", "}"))
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Compound<'a, F>, Error> {
        Ok(self.open_variant(variant, "{", "}}"))
    }
}

/// Implements serde's array-like compound traits: each element written as an array's.
macro_rules! arrays {
    ($($trait:ident :: $method:ident),*) => {$(
        impl<F: Floats> ser::$trait for Compound<'_, F> {
            type Ok = ();
            type Error = Error;
            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
                self.element(value)
            }
            fn end(self) -> Result<(), Error> {
                self.close()
            }
        }
    )*};
}

arrays!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

/// Implements serde's struct-like compound traits: each field written as `"key":value`.
macro_rules! objects {
    ($($trait:ident),*) => {$(
        impl<F: Floats> ser::$trait for Compound<'_, F> {
            type Ok = ();
            type Error = Error;
            fn serialize_field<T: Serialize + ?Sized>(
                &mut self,
                key: &'static str,
                value: &T,
            ) -> Result<(), Error> {
                self.field(key, value)
            }
            fn end(self) -> Result<(), Error> {
                self.close()
            }
        }
    )*};
}

objects!(SerializeStruct, SerializeStructVariant);

impl<F: Floats> ser::SerializeMap for Compound<'_, F> {
    type Ok = ();
    type Error = Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Error> {
        self.element(key)
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.out.push(':');
        value.serialize(Writer::<F>(self.out, PhantomData))
    }
    fn end(self) -> Result<(), Error> {
        self.close()
    }
}
