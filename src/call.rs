//! Validating everything one call needs at once: the operation's input and its options.

#[allow(unused_imports)]
use crate::prelude::*;

use crate::config::{self, CallOptions, Config};
use crate::error::Error;
use crate::input::Input;
use crate::model::{ListWorkspacesParams, OrganizationId, WorkspaceId};
use crate::request::Operation;
use crate::validate::{self, CreateBody, Problems, UpdateBody};

/// The five operations, by name, with the raw inputs each takes.
#[derive(Debug, Clone, Copy)]
pub enum Call<'a> {
    /// `createWorkspace(organizationId, body)`
    Create(&'a Input, &'a Input),
    /// `listWorkspaces(organizationId, params)`
    List(&'a Input, &'a Input),
    /// `getWorkspace(organizationId, workspaceId)`
    Get(&'a Input, &'a Input),
    /// `updateWorkspace(organizationId, workspaceId, body)`
    Update(&'a Input, &'a Input, &'a Input),
    /// `deleteWorkspace(organizationId, workspaceId)`
    Delete(&'a Input, &'a Input),
}

/// A call's inputs once checked, their strings borrowed from them: what the validators stop
/// at, and what the typed [`Operation`] is built from.
enum Checked<'a> {
    Create(&'a str, CreateBody<'a>),
    List(&'a str, ListWorkspacesParams),
    Get(&'a str, &'a str),
    Update(&'a str, &'a str, UpdateBody<'a>),
    Delete(&'a str, &'a str),
}

impl Checked<'_> {
    /// Returns the typed operation.
    fn operation(self) -> Option<Operation> {
        let org = OrganizationId::parse;
        let ws = WorkspaceId::parse;
        Some(match self {
            Checked::Create(o, b) => Operation::Create(org(o)?, b.to_request()),
            Checked::List(o, q) => Operation::List(org(o)?, q),
            Checked::Get(o, w) => Operation::Get(org(o)?, ws(w)?),
            Checked::Update(o, w, b) => Operation::Update(org(o)?, ws(w)?, b.to_request()),
            Checked::Delete(o, w) => Operation::Delete(org(o)?, ws(w)?),
        })
    }
}

impl<'a> Call<'a> {
    /// Checks the call's inputs, recording every problem, without copying any of them.
    fn check(self, p: &mut Problems) -> Option<Checked<'a>> {
        let org = |i: &'a Input, p: &mut Problems| validate::organization_id_str(i, p);
        let ws = |i: &'a Input, p: &mut Problems| validate::workspace_id_str(i, p);
        match self {
            Call::Create(o, b) => {
                let (o, b) = (org(o, p), validate::check_create_body(b, p));
                Some(Checked::Create(o?, b?))
            }
            Call::List(o, q) => {
                let (o, q) = (org(o, p), validate::list_params(q, p));
                Some(Checked::List(o?, q?))
            }
            Call::Get(o, w) => {
                let (o, w) = (org(o, p), ws(w, p));
                Some(Checked::Get(o?, w?))
            }
            Call::Update(o, w, b) => {
                let (o, w, b) = (org(o, p), ws(w, p), validate::check_update_body(b, p));
                Some(Checked::Update(o?, w?, b?))
            }
            Call::Delete(o, w) => {
                let (o, w) = (org(o, p), ws(w, p));
                Some(Checked::Delete(o?, w?))
            }
        }
    }

    /// Checks the call's inputs, recording every problem, and returns the typed operation.
    pub fn operation(self, p: &mut Problems) -> Option<Operation> {
        self.check(p)?.operation()
    }

    /// Checks the call's inputs alone (for form validation): every problem, or none.
    pub fn problems(self) -> Vec<crate::model::FieldError> {
        let mut p = Problems::default();
        self.check(&mut p);
        p.into_vec()
    }
}

/// Records `unsupported` for fields of `op` that the configured API version lacks.
fn check_version(op: &Operation, config: &Config, p: &mut Problems) {
    if !config.is_v1beta1() {
        return;
    }
    match op {
        Operation::Create(_, body) => validate::v1_only_fields(&body.defaults, p),
        Operation::Update(_, _, body) => validate::v1_only_fields(&body.defaults, p),
        _ => {}
    }
}

/// Prepares a standalone call: its inputs and its client options (token, baseUrl...).
pub fn prepare_standalone(call: Call<'_>, options: &Input) -> Result<(Operation, Config), Error> {
    let mut p = Problems::default();
    let op = call.operation(&mut p);
    let config = config::client_options(options, true, &mut p);
    if let (Some(op), Some(config)) = (&op, &config) {
        check_version(op, config, &mut p);
    }
    p.finish(op.zip(config)).map_err(Error::validation)
}

/// Prepares a client's call: its inputs and one call's overrides of the client's options.
pub fn prepare_client_call(
    call: Call<'_>,
    client: &Config,
    options: &Input,
) -> Result<(Operation, Config), Error> {
    check_client_call(call, client, options).map(|(op, overrides)| (op, client.with(&overrides)))
}

/// Checks a client's call: its inputs and one call's overrides, returned as they are.
pub fn check_client_call(
    call: Call<'_>,
    client: &Config,
    options: &Input,
) -> Result<(Operation, CallOptions), Error> {
    let mut p = Problems::default();
    let op = call.operation(&mut p);
    let overrides: Option<CallOptions> = config::call_options(options, &mut p);
    if let Some(op) = &op {
        check_version(op, client, &mut p);
    }
    p.finish(op.zip(overrides)).map_err(Error::validation)
}
