//! Reading response bodies, already parsed as JSON, into the typed models: strictly for
//! success bodies, leniently for Error bodies. Keys a success body has that this version does
//! not know are kept as they are (less `__proto__`, `constructor` and `prototype`).

#[allow(unused_imports)]
use crate::prelude::*;

use core::cell::Cell;

use crate::check;
use crate::input::{is_forbidden_key, Input};
use crate::model::{
    BasicSubjectProfile, ErrorBody, Extra, FieldError, Timestamp, Workspace, WorkspacesPaginated,
};
use crate::text::{cat, int};
use crate::validate::MAX_SAFE_INTEGER;

/// One JSON object being read, with its path for messages (`workspaces[3].createdBy`).
///
/// `altered` is set when the model will differ from the JSON as `JSON.parse` reads it: a
/// known key holding `null` (read as absent) or a forbidden key somewhere (dropped).
struct Object<'a> {
    entries: &'a [(String, Input)],
    path: String,
    altered: &'a Cell<bool>,
}

impl<'a> Object<'a> {
    fn new(value: &'a Input, path: String, altered: &'a Cell<bool>) -> Result<Self, String> {
        match value {
            Input::Object(entries) => Ok(Object {
                entries,
                path,
                altered,
            }),
            other => Err(cat(&[
                &name_of(&path),
                " must be an object, not ",
                other.type_name(),
            ])),
        }
    }

    fn at(&self, key: &str) -> String {
        if self.path.is_empty() {
            key.to_owned()
        } else {
            cat(&[&self.path, ".", key])
        }
    }

    /// The value of `key`, `None` when absent or `null` (the last one wins, as in `JSON.parse`).
    fn get(&self, key: &str) -> Option<&'a Input> {
        let value = self.entries.iter().rev().find(|(k, _)| k == key)?;
        if value.1.is_null() {
            self.altered.set(true);
            return None;
        }
        Some(&value.1)
    }

    fn required(&self, key: &str) -> Result<&'a Input, String> {
        self.get(key)
            .ok_or_else(|| cat(&["`", &self.at(key), "` is missing"]))
    }

    fn string(&self, key: &str) -> Result<String, String> {
        match self.required(key)? {
            Input::String(s) => Ok(s.clone()),
            other => Err(self.wrong(key, "a string", other)),
        }
    }

    /// The string under `key`, or `None` when absent or of another type (lenient reading).
    fn text(&self, key: &str) -> Option<String> {
        match self.get(key) {
            Some(Input::String(s)) => Some(s.clone()),
            _ => None,
        }
    }

    fn optional_string(&self, key: &str) -> Result<Option<String>, String> {
        match self.get(key) {
            None => Ok(None),
            Some(Input::String(s)) => Ok(Some(s.clone())),
            Some(other) => Err(self.wrong(key, "a string", other)),
        }
    }

    fn boolean(&self, key: &str) -> Result<bool, String> {
        match self.required(key)? {
            Input::Bool(b) => Ok(*b),
            other => Err(self.wrong(key, "a boolean", other)),
        }
    }

    fn count(&self, key: &str) -> Result<u64, String> {
        match self.required(key)? {
            Input::Number(n) if *n >= 0.0 && *n <= MAX_SAFE_INTEGER && libm::trunc(*n) == *n => {
                Ok(*n as u64)
            }
            other => Err(self.wrong(key, "a non-negative integer", other)),
        }
    }

    fn timestamp(&self, key: &str) -> Result<Timestamp, String> {
        let text = self.string(key)?;
        Timestamp::parse(&text).ok_or_else(|| {
            cat(&[
                "`",
                &self.at(key),
                "` must be an RFC 3339 date-time such as 2024-04-05T21:41:04.673Z",
            ])
        })
    }

    /// The entries whose keys are not `known`, kept as sent, never a forbidden key.
    fn extra(&self, known: &[&str]) -> Extra {
        let mut kept = Vec::new();
        for (k, v) in self.entries {
            if is_forbidden_key(k) {
                self.altered.set(true);
            } else if !known.contains(&k.as_str()) {
                if v.has_forbidden_keys() {
                    self.altered.set(true);
                    kept.push((k.clone(), v.without_forbidden_keys()));
                } else {
                    kept.push((k.clone(), v.clone()));
                }
            }
        }
        Extra(kept)
    }

    fn profile(&self, key: &str) -> Result<Option<BasicSubjectProfile>, String> {
        self.get(key)
            .map(|v| decode_profile(v, self.at(key), self.altered))
            .transpose()
    }

    fn wrong(&self, key: &str, expected: &str, got: &Input) -> String {
        cat(&[
            "`",
            &self.at(key),
            "` must be ",
            expected,
            ", not ",
            got.type_name(),
        ])
    }
}

fn name_of(path: &str) -> String {
    if path.is_empty() {
        "the body".to_owned()
    } else {
        cat(&["`", path, "`"])
    }
}

/// The keys of a BasicSubjectProfile, a Workspace and a page: those of [`crate::check`].
const PROFILE_KEYS: [&str; 6] = check::names(&check::PROFILE);
const WORKSPACE_KEYS: [&str; 13] = check::names(&check::WORKSPACE);
const PAGE_KEYS: [&str; 4] = check::names(&check::PAGE);

fn decode_profile(
    value: &Input,
    path: String,
    altered: &Cell<bool>,
) -> Result<BasicSubjectProfile, String> {
    let o = Object::new(value, path, altered)?;
    Ok(BasicSubjectProfile {
        id: o.string("id")?,
        subject_type: o.optional_string("subjectType")?,
        username: o.optional_string("username")?,
        full_name: o.optional_string("fullName")?,
        avatar_url: o.optional_string("avatarUrl")?,
        api_token_name: o.optional_string("apiTokenName")?,
        extra: o.extra(&PROFILE_KEYS),
    })
}

fn decode_workspace_at(
    value: &Input,
    path: String,
    altered: &Cell<bool>,
) -> Result<Workspace, String> {
    let o = Object::new(value, path, altered)?;
    Ok(Workspace {
        id: o.string("id")?,
        name: o.string("name")?,
        organization_id: o.string("organizationId")?,
        cicd_enforced_default: o.boolean("cicdEnforcedDefault")?,
        created_at: o.timestamp("createdAt")?,
        updated_at: o.timestamp("updatedAt")?,
        description: o.optional_string("description")?,
        organization_name: o.optional_string("organizationName")?,
        created_by: o.profile("createdBy")?,
        updated_by: o.profile("updatedBy")?,
        default_cloud_provider: o.optional_string("defaultCloudProvider")?,
        default_region: o.optional_string("defaultRegion")?,
        default_cluster_id: o.optional_string("defaultClusterId")?,
        extra: o.extra(&WORKSPACE_KEYS),
    })
}

/// Reads a Workspace, or says which field is missing or wrong.
pub fn workspace(value: &Input) -> Result<Workspace, String> {
    workspace_tracked(value, &Cell::new(false))
}

/// Like [`workspace`], setting `altered` when the model differs from what `JSON.parse`
/// makes of the same JSON (a known key holding `null`, a forbidden key).
pub fn workspace_tracked(value: &Input, altered: &Cell<bool>) -> Result<Workspace, String> {
    decode_workspace_at(value, String::new(), altered)
}

/// Reads a page of Workspaces, or says which field is missing or wrong.
pub fn workspaces_page(value: &Input) -> Result<WorkspacesPaginated, String> {
    workspaces_page_tracked(value, &Cell::new(false))
}

/// Like [`workspaces_page`], setting `altered` as [`workspace_tracked`] does.
pub fn workspaces_page_tracked(
    value: &Input,
    altered: &Cell<bool>,
) -> Result<WorkspacesPaginated, String> {
    let o = Object::new(value, String::new(), altered)?;
    let workspaces = match o.required("workspaces")? {
        Input::Array(items) => items
            .iter()
            .enumerate()
            .map(|(i, item)| {
                let path = cat(&["workspaces[", &int(i as u64), "]"]);
                decode_workspace_at(item, path, altered)
            })
            .collect::<Result<Vec<_>, _>>()?,
        other => return Err(o.wrong("workspaces", "an array", other)),
    };
    Ok(WorkspacesPaginated {
        workspaces,
        total_count: o.count("totalCount")?,
        offset: o.count("offset")?,
        limit: o.count("limit")?,
        extra: o.extra(&PAGE_KEYS),
    })
}

/// Reads the API's Error body leniently: a field of the wrong type is treated as absent.
pub fn error_body(value: &Input) -> ErrorBody {
    let altered = Cell::new(false);
    let Ok(o) = Object::new(value, String::new(), &altered) else {
        return ErrorBody::default();
    };
    let field_errors = match o.get("fieldErrors") {
        Some(Input::Array(items)) => Some(items.iter().filter_map(field_error).collect()),
        _ => None,
    };
    ErrorBody {
        message: o.text("message"),
        request_id: o.text("requestId"),
        field_errors,
    }
}

fn field_error(value: &Input) -> Option<FieldError> {
    let altered = Cell::new(false);
    let o = Object::new(value, String::new(), &altered).ok()?;
    Some(FieldError {
        field: o.text("field")?,
        code: o.text("code").unwrap_or_default(),
        message: o.text("message").unwrap_or_default(),
    })
}
