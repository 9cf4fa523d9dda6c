//! Walking every page of List Workspaces, one page at a time.

#[allow(unused_imports)]
use crate::prelude::*;

use crate::input::Input;
use crate::model::{ListWorkspacesParams, OrganizationId, Workspace, WorkspacesPaginated};
use crate::request::Operation;
use crate::validate::{self, object_fields, optional_integer, Problems, LIMIT_MAX};

/// The page size `iterateWorkspaces` uses unless told otherwise.
pub const DEFAULT_PAGE_SIZE: u64 = 100;

/// Where a walk through the pages stands.
#[derive(Debug, Clone, PartialEq)]
pub struct Pager {
    org: OrganizationId,
    params: ListWorkspacesParams,
    next_offset: u64,
    done: bool,
}

impl Pager {
    /// Checks `iterateWorkspaces`' inputs: `{ workspaceIds, names, sorts, pageSize }`.
    pub fn new(org: &Input, params: &Input, p: &mut Problems) -> Option<Pager> {
        let org = validate::organization_id(org, p);
        let known = ["workspaceIds", "names", "sorts", "pageSize"];
        let [ids, names, sorts, size] =
            object_fields(params, "the iteration parameters", known, p)?;
        let page_size = optional_integer(size, "pageSize", 1, LIMIT_MAX, p);
        let mut list = Vec::new();
        for (key, value) in [("workspaceIds", ids), ("names", names), ("sorts", sorts)] {
            if let Some(v) = value {
                list.push((key.to_owned(), v.clone()));
            }
        }
        let params = validate::list_params(&Input::Object(list), p);
        let mut params = params?;
        params.limit = Some(page_size?.unwrap_or(DEFAULT_PAGE_SIZE));
        Some(Pager {
            org: org?,
            params,
            next_offset: 0,
            done: false,
        })
    }

    /// Returns the request for the next page, or `None` when every page has been read.
    pub fn next_operation(&self) -> Option<Operation> {
        (!self.done).then(|| {
            let mut params = self.params.clone();
            params.offset = Some(self.next_offset);
            Operation::List(self.org.clone(), params)
        })
    }

    /// Takes in the page that answered [`Pager::next_operation`] and returns its Workspaces.
    ///
    /// The walk ends at `totalCount` or at an empty page, whichever comes first.
    pub fn accept(&mut self, page: WorkspacesPaginated) -> Vec<Workspace> {
        self.advance(page.workspaces.len() as u64, page.total_count);
        page.workspaces
    }

    /// Records a page of `got` Workspaces out of `total_count`, as [`Pager::accept`] does.
    pub fn advance(&mut self, got: u64, total_count: u64) {
        self.next_offset = self.next_offset.saturating_add(got);
        if got == 0 || self.next_offset >= total_count {
            self.done = true;
        }
    }
}
