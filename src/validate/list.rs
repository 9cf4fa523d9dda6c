//! The rules of List Workspaces' query parameters.

#[allow(unused_imports)]
use crate::prelude::*;

use super::{
    object_fields, optional_integer, string_array, Code, Problems, LIMIT_MAX, LIMIT_MIN,
    MAX_SAFE_INTEGER,
};
use crate::input::Input;
use crate::model::{ListWorkspacesParams, Sort, WorkspaceId};
use crate::text::{cat, join};

/// Checks the query of List Workspaces.
pub fn list_params(input: &Input, p: &mut Problems) -> Option<ListWorkspacesParams> {
    let known = ["workspaceIds", "names", "offset", "limit", "sorts"];
    let [ids, names, offset, limit, sorts] = object_fields(input, "the list parameters", known, p)?;
    let before = p.len();
    let workspace_ids = string_array(ids, "workspaceIds", p)
        .into_iter()
        .filter_map(|(at, s)| {
            let id = WorkspaceId::parse(s);
            if id.is_none() {
                let message = cat(&[
                    &at,
                    " must be a CUID: 'c' followed by 24 lowercase letters or digits",
                ]);
                p.push(&at, Code::InvalidFormat, message);
            }
            id
        })
        .collect();
    let names = string_array(names, "names", p)
        .into_iter()
        .map(|(_, s)| s.to_owned())
        .collect();
    let offset = optional_integer(offset, "offset", 0, MAX_SAFE_INTEGER as u64, p);
    let limit = optional_integer(limit, "limit", LIMIT_MIN, LIMIT_MAX, p);
    let sorts = string_array(sorts, "sorts", p)
        .into_iter()
        .filter_map(|(at, s)| {
            let sort = Sort::parse(s);
            if sort.is_none() {
                let allowed = join(Sort::ALL.iter().map(|s| s.as_str()), ", ");
                p.push(
                    &at,
                    Code::InvalidValue,
                    cat(&[&at, " must be one of: ", &allowed]),
                );
            }
            sort
        })
        .collect();
    (p.len() == before).then_some(ListWorkspacesParams {
        workspace_ids,
        names,
        offset: offset?,
        limit: limit?,
        sorts,
    })
}
