//! The API's rules for every input, applied before anything is sent.
//!
//! Each rule reads an [`Input`] and either returns the typed value or records a
//! [`FieldError`] naming the field, so one call reports every problem at once.

#[allow(unused_imports)]
use crate::prelude::*;

mod body;
mod list;

pub use body::{
    check_create_body, check_update_body, v1_only_fields, Body, CreateBody, Defaults, UpdateBody,
    BODY_FIELDS,
};
pub use list::list_params;

use crate::input::Input;
use crate::model::{FieldError, OrganizationId};
use crate::text::{cat, int, join};

/// The most code points a Workspace name may have.
pub const NAME_MAX: usize = 50;
/// The largest page List Workspaces serves.
pub const LIMIT_MAX: u64 = 1000;
/// The smallest `limit` List Workspaces takes (0 gives only `totalCount`).
pub const LIMIT_MIN: u64 = 0;
/// The smallest `pageSize` iteration takes.
pub const PAGE_SIZE_MIN: u64 = 1;
/// The largest integer a JS number holds exactly (`Number.MAX_SAFE_INTEGER`).
pub const MAX_SAFE_INTEGER: f64 = 9_007_199_254_740_991.0;

/// The machine-readable codes of a [`FieldError`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Code {
    /// A required field is absent.
    Required,
    /// The value has the wrong JS type.
    InvalidType,
    /// A string is shorter than allowed.
    TooShort,
    /// A string is longer than allowed.
    TooLong,
    /// A string does not have the required shape.
    InvalidFormat,
    /// The object has a key the API does not know.
    UnknownField,
    /// A number is outside its allowed range.
    OutOfRange,
    /// A value is not one of the allowed values.
    InvalidValue,
    /// A field cannot be given together with another one.
    Conflict,
    /// A field the configured API version does not have.
    Unsupported,
}

impl Code {
    /// Returns the code as it appears in `fieldErrors`.
    pub fn as_str(self) -> &'static str {
        match self {
            Code::Required => "required",
            Code::InvalidType => "invalid_type",
            Code::TooShort => "too_short",
            Code::TooLong => "too_long",
            Code::InvalidFormat => "invalid_format",
            Code::UnknownField => "unknown_field",
            Code::OutOfRange => "out_of_range",
            Code::InvalidValue => "invalid_value",
            Code::Conflict => "conflict",
            Code::Unsupported => "unsupported",
        }
    }
}

/// The problems found so far in one call's input.
#[derive(Debug, Default)]
pub struct Problems(Vec<FieldError>);

impl Problems {
    /// Records one problem with `field`.
    pub fn push(&mut self, field: &str, code: Code, message: String) {
        self.0.push(FieldError {
            field: field.to_owned(),
            code: code.as_str().to_owned(),
            message,
        });
    }

    /// Records that `field` holds a value of the wrong type.
    pub fn wrong_type(&mut self, field: &str, expected: &str, got: &Input) {
        let message = cat(&[field, " must be ", expected, ", not ", got.type_name()]);
        self.push(field, Code::InvalidType, message);
    }

    /// Returns `value` when no problem was recorded, else every problem.
    pub fn finish<T>(self, value: Option<T>) -> Result<T, Vec<FieldError>> {
        match value {
            Some(v) if self.0.is_empty() => Ok(v),
            _ => Err(self.0),
        }
    }

    /// Returns how many problems were recorded.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Returns true when nothing was recorded.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Returns the problems recorded.
    pub fn into_vec(self) -> Vec<FieldError> {
        self.0
    }
}

/// Splits an object into the values of `known` keys, recording any other key as unknown.
///
/// `null` and `undefined` read as an empty object, so its required fields are reported.
pub fn object_fields<'a, const N: usize>(
    input: &'a Input,
    what: &str,
    known: [&str; N],
    p: &mut Problems,
) -> Option<[Option<&'a Input>; N]> {
    let mut out = [None; N];
    fill_fields(input, what, &known, &mut out, p).then_some(out)
}

/// Like [`object_fields`], for a list of keys whose length is known only at run time.
pub fn object_fields_of<'a>(
    input: &'a Input,
    what: &str,
    known: &[&str],
    p: &mut Problems,
) -> Option<Vec<Option<&'a Input>>> {
    let mut out = vec![None; known.len()];
    fill_fields(input, what, known, &mut out, p).then_some(out)
}

/// Puts the value of each `known` key into `out` at the key's place (`out` is as long as
/// `known`); returns false when `input` is not an object.
fn fill_fields<'a>(
    input: &'a Input,
    what: &str,
    known: &[&str],
    out: &mut [Option<&'a Input>],
    p: &mut Problems,
) -> bool {
    match input {
        Input::Null => true,
        Input::Object(entries) => {
            for (key, value) in entries {
                match known.iter().position(|k| k == key) {
                    Some(i) => {
                        if let Some(slot) = out.get_mut(i) {
                            *slot = (!value.is_null()).then_some(value);
                        }
                    }
                    None => p.push(
                        key,
                        Code::UnknownField,
                        cat(&[
                            key,
                            " is not a field of ",
                            what,
                            " (expected one of: ",
                            &join(known.iter().copied(), ", "),
                            ")",
                        ]),
                    ),
                }
            }
            true
        }
        other => {
            p.wrong_type(what, "an object", other);
            false
        }
    }
}

/// Checks a required CUID, borrowed from the input.
pub(crate) fn cuid<'a>(input: Option<&'a Input>, field: &str, p: &mut Problems) -> Option<&'a str> {
    match input {
        None => p.push(field, Code::Required, cat(&[field, " is required"])),
        Some(Input::String(s)) if crate::model::is_cuid(s) => return Some(s),
        Some(Input::String(_)) => p.push(
            field,
            Code::InvalidFormat,
            cat(&[
                field,
                " must be a CUID: 'c' followed by 24 lowercase letters or digits",
            ]),
        ),
        Some(other) => p.wrong_type(field, "a string", other),
    }
    None
}

/// Checks an Organization ID, borrowed from the input.
pub fn organization_id_str<'a>(input: &'a Input, p: &mut Problems) -> Option<&'a str> {
    cuid((!input.is_null()).then_some(input), "organizationId", p)
}

/// Checks a Workspace ID, borrowed from the input.
pub fn workspace_id_str<'a>(input: &'a Input, p: &mut Problems) -> Option<&'a str> {
    cuid((!input.is_null()).then_some(input), "workspaceId", p)
}

/// Checks an Organization ID.
pub fn organization_id(input: &Input, p: &mut Problems) -> Option<OrganizationId> {
    organization_id_str(input, p).and_then(OrganizationId::parse)
}

/// Checks a Workspace name: a string of 1 to 50 Unicode code points, borrowed from the input.
pub fn name<'a>(input: Option<&'a Input>, p: &mut Problems) -> Option<&'a str> {
    match input {
        None => p.push("name", Code::Required, "name is required".into()),
        Some(Input::String(s)) => {
            let count = s.chars().count();
            if count == 0 {
                p.push(
                    "name",
                    Code::TooShort,
                    "name must have at least 1 character".into(),
                );
            } else if count > NAME_MAX {
                let message = cat(&[
                    "name must have at most ",
                    &int(NAME_MAX as u64),
                    " characters (it has ",
                    &int(count as u64),
                    ")",
                ]);
                p.push("name", Code::TooLong, message);
            } else {
                return Some(s);
            }
        }
        Some(other) => p.wrong_type("name", "a string", other),
    }
    None
}

/// Checks an optional string, borrowed from the input; absent and `null` give `Some(None)`.
pub fn optional_string<'a>(
    input: Option<&'a Input>,
    field: &str,
    p: &mut Problems,
) -> Option<Option<&'a str>> {
    match input {
        None => Some(None),
        Some(Input::String(s)) => Some(Some(s)),
        Some(other) => {
            p.wrong_type(field, "a string", other);
            None
        }
    }
}

/// Checks an optional boolean; absent and `null` give `Some(None)`.
pub fn optional_bool(input: Option<&Input>, field: &str, p: &mut Problems) -> Option<Option<bool>> {
    match input {
        None => Some(None),
        Some(Input::Bool(b)) => Some(Some(*b)),
        Some(other) => {
            p.wrong_type(field, "a boolean", other);
            None
        }
    }
}

pub(crate) fn required<T>(value: Option<Option<T>>, field: &str, p: &mut Problems) -> Option<T> {
    match value {
        Some(None) => {
            p.push(field, Code::Required, cat(&[field, " is required"]));
            None
        }
        Some(v) => v,
        None => None,
    }
}

/// Checks an optional integer within `min..=max`; absent and `null` give `Some(None)`.
pub fn optional_integer(
    input: Option<&Input>,
    field: &str,
    min: u64,
    max: u64,
    p: &mut Problems,
) -> Option<Option<u64>> {
    match input {
        None => Some(None),
        Some(Input::Number(n)) if n.is_finite() && libm::trunc(*n) == *n => {
            if *n < min as f64 || *n > max as f64 {
                p.push(
                    field,
                    Code::OutOfRange,
                    cat(&[field, " must be from ", &int(min), " to ", &int(max)]),
                );
                None
            } else {
                Some(Some(*n as u64))
            }
        }
        Some(other) => {
            p.wrong_type(field, "an integer", other);
            None
        }
    }
}

pub(crate) fn string_array<'a>(
    input: Option<&'a Input>,
    field: &str,
    p: &mut Problems,
) -> Vec<(String, &'a str)> {
    match input {
        None => Vec::new(),
        Some(Input::Array(items)) => items
            .iter()
            .enumerate()
            .filter_map(|(i, item)| {
                let at = cat(&[field, "[", &int(i as u64), "]"]);
                match item {
                    Input::String(s) => Some((at, s.as_str())),
                    other => {
                        p.wrong_type(&at, "a string", other);
                        None
                    }
                }
            })
            .collect(),
        Some(other) => {
            p.wrong_type(field, "an array of strings", other);
            Vec::new()
        }
    }
}
