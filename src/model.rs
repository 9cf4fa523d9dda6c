//! The API's request and response models, with field names exactly as the API spells them.

#[allow(unused_imports)]
use crate::prelude::*;

use core::fmt;

use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;

use crate::input::Input;
pub use crate::timestamp::Timestamp;

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

/// Fields a response carried that this version does not know, kept as the JSON values they
/// are (never a `__proto__`, `constructor` or `prototype` key, at any depth).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Extra(pub Vec<(String, Input)>);

impl Serialize for Extra {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

/// The cloud providers a Workspace can default new Deployments to (v1 only).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum CloudProvider {
    /// Amazon Web Services.
    #[serde(rename = "AWS")]
    Aws,
    /// Microsoft Azure.
    #[serde(rename = "AZURE")]
    Azure,
    /// Google Cloud.
    #[serde(rename = "GCP")]
    Gcp,
}

impl CloudProvider {
    /// Every provider, in the API's documented order.
    pub const ALL: [CloudProvider; 3] =
        [CloudProvider::Aws, CloudProvider::Azure, CloudProvider::Gcp];

    /// Returns the value as the API spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            CloudProvider::Aws => "AWS",
            CloudProvider::Azure => "AZURE",
            CloudProvider::Gcp => "GCP",
        }
    }

    /// Parses the API's spelling of a provider.
    pub fn parse(s: &str) -> Option<CloudProvider> {
        CloudProvider::ALL.into_iter().find(|p| p.as_str() == s)
    }
}

/// Where new Deployments of a Workspace go by default (v1 only): a provider and a region
/// together, or a cluster.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DeploymentDefaults {
    /// The default cloud provider; comes with `default_region`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub default_cloud_provider: Option<CloudProvider>,
    /// The default region; comes with `default_cloud_provider`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub default_region: Option<String>,
    /// The default cluster; excludes the other two.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub default_cluster_id: Option<String>,
}

impl DeploymentDefaults {
    /// Returns the API names of the fields that are set.
    pub fn fields_set(&self) -> impl Iterator<Item = &'static str> + '_ {
        [
            (
                "defaultCloudProvider",
                self.default_cloud_provider.is_some(),
            ),
            ("defaultRegion", self.default_region.is_some()),
            ("defaultClusterId", self.default_cluster_id.is_some()),
        ]
        .into_iter()
        .filter_map(|(name, set)| set.then_some(name))
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
    /// Fields this version does not know yet.
    #[serde(flatten)]
    pub extra: Extra,
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
    /// The default cloud provider for new Deployments (v1), kept as sent so a new cloud
    /// does not break old clients.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub default_cloud_provider: Option<String>,
    /// The default region for new Deployments (v1).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub default_region: Option<String>,
    /// The default cluster for new Deployments (v1).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub default_cluster_id: Option<String>,
    /// Fields this version does not know yet.
    #[serde(flatten)]
    pub extra: Extra,
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
    /// Fields this version does not know yet.
    #[serde(flatten)]
    pub extra: Extra,
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
    /// Where new Deployments go by default (v1 only).
    #[serde(flatten)]
    pub defaults: DeploymentDefaults,
}

/// The body of Update Workspace: name, description and CI/CD default are replaced.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct UpdateWorkspaceRequest {
    /// The Workspace's new name, 1 to 50 code points.
    pub name: String,
    /// The Workspace's new description.
    pub description: String,
    /// Whether new Deployments enforce CI/CD deploys by default.
    pub cicd_enforced_default: bool,
    /// Where new Deployments go by default (v1 only).
    #[serde(flatten)]
    pub defaults: DeploymentDefaults,
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
    /// Results per page, 0 to 1000 (0 asks only for `totalCount`).
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
    fn sorts_round_trip() {
        for sort in Sort::ALL {
            assert_eq!(Sort::parse(sort.as_str()), Some(sort));
        }
        assert_eq!(Sort::parse("name"), None);
    }
}
