//! The rules of the Create and Update Workspace bodies.

#[allow(unused_imports)]
use crate::prelude::*;

use super::{name, object_fields, optional_bool, optional_string, required, Code, Problems};
use crate::input::Input;
use crate::model::{
    CloudProvider, CreateWorkspaceRequest, DeploymentDefaults, UpdateWorkspaceRequest,
};
use crate::text::cat;

/// The fields of the Create and Update Workspace bodies.
pub const BODY_FIELDS: [&str; 6] = [
    "name",
    "description",
    "cicdEnforcedDefault",
    "defaultCloudProvider",
    "defaultRegion",
    "defaultClusterId",
];

/// Checks the body of Create Workspace.
pub fn create_body(input: &Input, p: &mut Problems) -> Option<CreateWorkspaceRequest> {
    let [n, d, c, provider, region, cluster] = object_fields(input, "the request", BODY_FIELDS, p)?;
    let name = name(n, p);
    let description = optional_string(d, "description", p);
    let cicd = optional_bool(c, "cicdEnforcedDefault", p);
    let defaults = defaults(provider, region, cluster, p);
    Some(CreateWorkspaceRequest {
        name: name?,
        description: description?,
        cicd_enforced_default: cicd?,
        defaults: defaults?,
    })
}

/// Checks the body of Update Workspace, where name, description and CI/CD default are required.
pub fn update_body(input: &Input, p: &mut Problems) -> Option<UpdateWorkspaceRequest> {
    let [n, d, c, provider, region, cluster] = object_fields(input, "the request", BODY_FIELDS, p)?;
    let name = name(n, p);
    let description = required(optional_string(d, "description", p), "description", p);
    let cicd = required(
        optional_bool(c, "cicdEnforcedDefault", p),
        "cicdEnforcedDefault",
        p,
    );
    let defaults = defaults(provider, region, cluster, p);
    Some(UpdateWorkspaceRequest {
        name: name?,
        description: description?,
        cicd_enforced_default: cicd?,
        defaults: defaults?,
    })
}

/// Records `unsupported` for each v1-only field that is set, for a base URL of v1beta1.
pub fn v1_only_fields(defaults: &DeploymentDefaults, p: &mut Problems) {
    for field in defaults.fields_set() {
        let message = cat(&[
            field,
            " needs API v1, but the base URL is v1beta1's: use https://api.astronomer.io/v1",
        ]);
        p.push(field, Code::Unsupported, message);
    }
}

/// Checks the three default-deployment fields: a provider and a region together, or a cluster.
///
/// Pairing and exclusion go by which fields are present, whatever their values.
fn defaults(
    provider: Option<&Input>,
    region: Option<&Input>,
    cluster: Option<&Input>,
    p: &mut Problems,
) -> Option<DeploymentDefaults> {
    let before = p.len();
    let cloud = match provider {
        None => None,
        Some(Input::String(s)) => {
            let parsed = CloudProvider::parse(s);
            if parsed.is_none() {
                let message = "defaultCloudProvider must be one of: AWS, AZURE, GCP".to_owned();
                p.push("defaultCloudProvider", Code::InvalidValue, message);
            }
            parsed
        }
        Some(other) => {
            p.wrong_type("defaultCloudProvider", "a string", other);
            None
        }
    };
    if provider.is_none() && region.is_some() {
        let message = "defaultCloudProvider is required when defaultRegion is given".to_owned();
        p.push("defaultCloudProvider", Code::Required, message);
    }
    let region_value = non_empty(region, "defaultRegion", p);
    if region.is_none() && provider.is_some() {
        let message = "defaultRegion is required when defaultCloudProvider is given".to_owned();
        p.push("defaultRegion", Code::Required, message);
    }
    let cluster_value = non_empty(cluster, "defaultClusterId", p);
    if cluster.is_some() && (provider.is_some() || region.is_some()) {
        let message = "defaultClusterId cannot be given with defaultCloudProvider or defaultRegion"
            .to_owned();
        p.push("defaultClusterId", Code::Conflict, message);
    }
    (p.len() == before).then_some(DeploymentDefaults {
        default_cloud_provider: cloud,
        default_region: region_value,
        default_cluster_id: cluster_value,
    })
}

/// Checks an optional string that must not be empty.
fn non_empty(input: Option<&Input>, field: &str, p: &mut Problems) -> Option<String> {
    match input {
        None => None,
        Some(Input::String(s)) if s.is_empty() => {
            p.push(field, Code::TooShort, cat(&[field, " must not be empty"]));
            None
        }
        Some(Input::String(s)) => Some(s.clone()),
        Some(other) => {
            p.wrong_type(field, "a string", other);
            None
        }
    }
}
