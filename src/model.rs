//! The API's request and response models, with field names exactly as the API spells them.

use std::fmt;

use serde::Serialize;

/// Returns true when `s` is a CUID: `c` followed by 24 lowercase ASCII letters or digits.
pub fn is_cuid(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 25
        && b[0] == b'c'
        && b[1..]
            .iter()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
}

macro_rules! cuid_newtype {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        pub struct $name(String);

        impl $name {
            /// Accepts `s` only when it is a CUID, so it is always one safe path segment.
            pub fn parse(s: &str) -> Option<Self> {
                is_cuid(s).then(|| Self(s.to_owned()))
            }

            /// Returns the ID as a string slice.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

cuid_newtype!(
    /// An Organization's ID (a CUID).
    OrganizationId
);
cuid_newtype!(
    /// A Workspace's ID (a CUID).
    WorkspaceId
);

/// A UTC timestamp as the API sends it: `YYYY-MM-DDTHH:MM:SSZ` (fractional seconds allowed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Timestamp(String);

impl Timestamp {
    /// Accepts `s` only when it is a UTC date-time of the API's shape with in-range fields.
    pub fn parse(s: &str) -> Option<Self> {
        let b = s.as_bytes();
        if b.len() < 20 || b[b.len() - 1] != b'Z' {
            return None;
        }
        let num = |r: std::ops::Range<usize>| -> Option<u32> {
            let part = b.get(r)?;
            part.iter().all(u8::is_ascii_digit).then(|| {
                part.iter()
                    .fold(0u32, |acc, d| acc * 10 + u32::from(d - b'0'))
            })
        };
        let seps = [(4, b'-'), (7, b'-'), (10, b'T'), (13, b':'), (16, b':')];
        if seps.iter().any(|&(i, c)| b[i] != c) {
            return None;
        }
        let (month, day) = (num(5..7)?, num(8..10)?);
        let (hour, minute, second) = (num(11..13)?, num(14..16)?, num(17..19)?);
        num(0..4)?;
        let fraction = &b[19..b.len() - 1];
        let fraction_ok = fraction.is_empty()
            || (fraction.len() >= 2
                && fraction[0] == b'.'
                && fraction[1..].iter().all(u8::is_ascii_digit));
        let in_range = (1..=12).contains(&month)
            && (1..=31).contains(&day)
            && hour < 24
            && minute < 60
            && second <= 60;
        (fraction_ok && in_range).then(|| Timestamp(s.to_owned()))
    }

    /// Returns the timestamp exactly as the API sent it.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Who created or last changed a Workspace: a user or an API token.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BasicSubjectProfile {
    /// The subject's ID.
    pub id: String,
    /// `USER` or `SERVICEKEY` (kept as sent, so a new kind does not break old clients).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subject_type: Option<String>,
    /// The user's username.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub username: Option<String>,
    /// The user's full name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub full_name: Option<String>,
    /// The user's avatar URL.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub avatar_url: Option<String>,
    /// The API token's name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub api_token_name: Option<String>,
}

/// A Workspace as the API returns it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Workspace {
    /// The Workspace's ID.
    pub id: String,
    /// The Workspace's name.
    pub name: String,
    /// The ID of the Organization the Workspace belongs to.
    pub organization_id: String,
    /// Whether new Deployments enforce CI/CD deploys by default.
    pub cicd_enforced_default: bool,
    /// When the Workspace was created (UTC).
    pub created_at: Timestamp,
    /// When the Workspace was last updated (UTC).
    pub updated_at: Timestamp,
    /// The Workspace's description.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The name of the Organization the Workspace belongs to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub organization_name: Option<String>,
    /// Who created the Workspace.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub created_by: Option<BasicSubjectProfile>,
    /// Who last updated the Workspace.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub updated_by: Option<BasicSubjectProfile>,
}

/// One page of Workspaces from List Workspaces.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct WorkspacesPaginated {
    /// The Workspaces on this page.
    pub workspaces: Vec<Workspace>,
    /// How many Workspaces match in all.
    pub total_count: u64,
    /// How many results were skipped.
    pub offset: u64,
    /// The page size the server used.
    pub limit: u64,
}

/// The body of Create Workspace: only the fields given are sent.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CreateWorkspaceRequest {
    /// The Workspace's name, 1 to 50 code points.
    pub name: String,
    /// The Workspace's description.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Whether new Deployments enforce CI/CD deploys by default.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cicd_enforced_default: Option<bool>,
}

/// The body of Update Workspace: all three values are replaced.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct UpdateWorkspaceRequest {
    /// The Workspace's new name, 1 to 50 code points.
    pub name: String,
    /// The Workspace's new description.
    pub description: String,
    /// Whether new Deployments enforce CI/CD deploys by default.
    pub cicd_enforced_default: bool,
}

/// One sort order List Workspaces accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sort {
    /// `name:asc`
    NameAsc,
    /// `name:desc`
    NameDesc,
    /// `createdAt:asc`
    CreatedAtAsc,
    /// `createdAt:desc`
    CreatedAtDesc,
    /// `updatedAt:asc`
    UpdatedAtAsc,
    /// `updatedAt:desc`
    UpdatedAtDesc,
}

impl Sort {
    /// Every sort order, in the API's documented order.
    pub const ALL: [Sort; 6] = [
        Sort::NameAsc,
        Sort::NameDesc,
        Sort::CreatedAtAsc,
        Sort::CreatedAtDesc,
        Sort::UpdatedAtAsc,
        Sort::UpdatedAtDesc,
    ];

    /// Returns the value as the API spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            Sort::NameAsc => "name:asc",
            Sort::NameDesc => "name:desc",
            Sort::CreatedAtAsc => "createdAt:asc",
            Sort::CreatedAtDesc => "createdAt:desc",
            Sort::UpdatedAtAsc => "updatedAt:asc",
            Sort::UpdatedAtDesc => "updatedAt:desc",
        }
    }

    /// Parses the API's spelling of a sort order.
    pub fn parse(s: &str) -> Option<Sort> {
        Sort::ALL.into_iter().find(|sort| sort.as_str() == s)
    }
}

/// The query of List Workspaces; empty lists and `None` are left out of the URL.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ListWorkspacesParams {
    /// Only these Workspaces.
    pub workspace_ids: Vec<WorkspaceId>,
    /// Only Workspaces with these names.
    pub names: Vec<String>,
    /// Results to skip.
    pub offset: Option<u64>,
    /// Results per page, 1 to 1000.
    pub limit: Option<u64>,
    /// Sort orders, applied in turn.
    pub sorts: Vec<Sort>,
}

/// One problem with one field, in the same shape as the API's own `fieldErrors`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldError {
    /// The field's name (`name`, `organizationId`, `token`...).
    pub field: String,
    /// A machine-readable code such as `required` or `too_long`.
    pub code: String,
    /// A sentence for a person.
    pub message: String,
}

/// The API's Error body, read leniently: any field may be missing (`statusCode` only repeats
/// the HTTP status, so it is not kept).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ErrorBody {
    /// The API's human-readable message.
    pub message: Option<String>,
    /// The request ID to quote to Astronomer support.
    pub request_id: Option<String>,
    /// Problems with individual fields, on validation 400s.
    pub field_errors: Option<Vec<FieldError>>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuids() {
        assert!(is_cuid("clm8t5u4q000008jq4qoc3036"));
        for bad in [
            "",
            "clm8t5u4q000008jq4qoc303",
            "clm8t5u4q000008jq4qoc30366",
            "Clm8t5u4q000008jq4qoc3036",
            "clm8t5u4q000008jq4qoC3036",
            "clm8t5u4q000008jq4q/c3036",
            "clm8t5u4q000008jq4q%2F036",
            "c........................",
            "clm8t5u4q000008jq4qoc303é",
        ] {
            assert!(!is_cuid(bad), "{bad:?}");
        }
    }

    #[test]
    fn timestamps() {
        for good in [
            "2023-09-08T12:00:00Z",
            "2024-02-29T23:59:60Z",
            "2023-09-08T12:00:00.123Z",
        ] {
            assert!(Timestamp::parse(good).is_some(), "{good}");
        }
        for bad in [
            "2023-09-08T12:00:00",
            "2023-09-08 12:00:00Z",
            "2023-09-08T12:00:00+02:00",
            "2023-13-08T12:00:00Z",
            "2023-09-00T12:00:00Z",
            "2023-09-08T24:00:00Z",
            "2023-09-08T12:00:00.Z",
            "yesterday",
            "2023-09-08T12:00:0éZ",
        ] {
            assert!(Timestamp::parse(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn sorts_round_trip() {
        for sort in Sort::ALL {
            assert_eq!(Sort::parse(sort.as_str()), Some(sort));
        }
        assert_eq!(Sort::parse("name"), None);
    }
}
