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

/// A Create or Update Workspace body once checked, its strings borrowed from the input: what
/// the validators stop at, and what the typed request is built from.
#[derive(Debug, Clone, Copy)]
pub struct Body<'a, D, C> {
    /// The name, 1 to 50 code points.
    pub name: &'a str,
    /// The description: optional on create, required on update.
    pub description: D,
    /// The CI/CD default: optional on create, required on update.
    pub cicd_enforced_default: C,
    /// The default-deployment fields.
    pub defaults: Defaults<'a>,
}

/// A checked Create Workspace body.
pub type CreateBody<'a> = Body<'a, Option<&'a str>, Option<bool>>;
/// A checked Update Workspace body.
pub type UpdateBody<'a> = Body<'a, &'a str, bool>;

/// The default-deployment fields once checked, borrowed from the input.
#[derive(Debug, Clone, Copy)]
pub struct Defaults<'a> {
    cloud: Option<CloudProvider>,
    region: Option<&'a str>,
    cluster: Option<&'a str>,
}

impl Defaults<'_> {
    /// Returns the typed defaults.
    fn to_owned(self) -> DeploymentDefaults {
        DeploymentDefaults {
            default_cloud_provider: self.cloud,
            default_region: self.region.map(ToOwned::to_owned),
            default_cluster_id: self.cluster.map(ToOwned::to_owned),
        }
    }
}

impl CreateBody<'_> {
    /// Returns the typed request.
    pub fn to_request(self) -> CreateWorkspaceRequest {
        CreateWorkspaceRequest {
            name: self.name.to_owned(),
            description: self.description.map(ToOwned::to_owned),
            cicd_enforced_default: self.cicd_enforced_default,
            defaults: self.defaults.to_owned(),
        }
    }
}

impl UpdateBody<'_> {
    /// Returns the typed request.
    pub fn to_request(self) -> UpdateWorkspaceRequest {
        UpdateWorkspaceRequest {
            name: self.name.to_owned(),
            description: self.description.to_owned(),
            cicd_enforced_default: self.cicd_enforced_default,
            defaults: self.defaults.to_owned(),
        }
    }
}

/// Checks the body of Create Workspace, keeping its strings borrowed.
pub fn check_create_body<'a>(input: &'a Input, p: &mut Problems) -> Option<CreateBody<'a>> {
    let [n, d, c, provider, region, cluster] = object_fields(input, "the request", BODY_FIELDS, p)?;
    let name = name(n, p);
    let description = optional_string(d, "description", p);
    let cicd = optional_bool(c, "cicdEnforcedDefault", p);
    let defaults = defaults(provider, region, cluster, p);
    Some(Body {
        name: name?,
        description: description?,
        cicd_enforced_default: cicd?,
        defaults: defaults?,
    })
}

/// Checks the body of Update Workspace, where name, description and CI/CD default are
/// required, keeping its strings borrowed.
pub fn check_update_body<'a>(input: &'a Input, p: &mut Problems) -> Option<UpdateBody<'a>> {
    let [n, d, c, provider, region, cluster] = object_fields(input, "the request", BODY_FIELDS, p)?;
    let name = name(n, p);
    let description = required(optional_string(d, "description", p), "description", p);
    let cicd = required(
        optional_bool(c, "cicdEnforcedDefault", p),
        "cicdEnforcedDefault",
        p,
    );
    let defaults = defaults(provider, region, cluster, p);
    Some(Body {
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
fn defaults<'a>(
    provider: Option<&'a Input>,
    region: Option<&'a Input>,
    cluster: Option<&'a Input>,
    p: &mut Problems,
) -> Option<Defaults<'a>> {
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
    (p.len() == before).then_some(Defaults {
        cloud,
        region: region_value,
        cluster: cluster_value,
    })
}

/// Checks an optional string that must not be empty, borrowed from the input.
fn non_empty<'a>(input: Option<&'a Input>, field: &str, p: &mut Problems) -> Option<&'a str> {
    match input {
        None => None,
        Some(Input::String(s)) if s.is_empty() => {
            p.push(field, Code::TooShort, cat(&[field, " must not be empty"]));
            None
        }
        Some(Input::String(s)) => Some(s),
        Some(other) => {
            p.wrong_type(field, "a string", other);
            None
        }
    }
}
