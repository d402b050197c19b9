//! The plan: every decision about the crate, made once after naming.
//!
//! Per group its module, handle, title, page and Cargo feature; per operation its final Rust
//! names beside the wire facts of the model, its inputs and how each is taken and written, its
//! success type, its error type and variants, its paging and its example (as data); per model
//! its names, fields, presence, sensitivity, catch-all, how it decodes and the features it is
//! compiled under (`features`); per webhook its event and variant of the event enum, and how
//! events are told apart; and the runtime modules all of these need, recorded where each is
//! decided. The Rust emitters, the docs pages, the
//! example programs and `api-surface.json` all read the plan and decide nothing of their own,
//! so they cannot disagree; Rust types are [`RustType`] values, which print as code and as
//! text alike.

mod auth;
mod errors;
mod example;
mod features;
mod mock;
mod models;
mod operation;
mod outcomes;
mod pattern;
mod rust;
mod size;
mod validate;
mod values;
mod webhooks;

use std::collections::{BTreeMap, BTreeSet};

use crate::config::Config;
use crate::error::Result;
use crate::ir::{Api, Encoding, Field, Type};
use crate::naming::{CrateNames, Name};
use crate::runtime::Module;

pub use auth::{CredentialSetter, SetterKind};
pub use errors::{Access, ErrorBodyPlan, Step};
pub use example::{Example, OPTIONAL};
pub use features::{FULL_FEATURE, Gate, WEBHOOKS_FEATURE, has_webhooks_feature};
pub use mock::{Answer, MockPlan};
pub use models::{
    About, AliasPlan, Codec, EnumPlan, FieldPlan, Model, ModelKind, Place, StructPlan, UnionPlan,
    UnionVariantPlan,
};
pub use operation::{FormValue, Input, InputKind, OperationPlan, Paging, PartValue, Written};
pub use outcomes::{CaseBody, ErrorCase, Success, SuccessCase};
pub use rust::{Parameter, Piece, RustType, Scope};
pub use values::Value;
pub use webhooks::{EventPlan, WebhooksPlan};

/// The plan of the whole crate.
#[derive(Debug)]
pub struct Plan<'a> {
    pub api: &'a Api,
    pub config: &'a Config,
    /// The client type, as the config names it (`Clerk`).
    pub client: Name,
    /// Its builder: `{client}Builder`.
    pub builder: Name,
    /// Groups sorted by their name in the document.
    pub groups: Vec<Group<'a>>,
    /// Every type of `models.rs`, in the model's order.
    pub models: Vec<Model<'a>>,
    pub aliases: Vec<AliasPlan<'a>>,
    /// The client builder's credential setters.
    pub credentials: Vec<CredentialSetter>,
    /// The webhooks' events and verifier, when the document has webhooks.
    pub webhooks: Option<WebhooksPlan<'a>>,
    /// The modules of the runtime the crate uses.
    pub runtime: BTreeSet<Module>,
    /// The models that documented error statuses carry, and where each says what went wrong.
    pub error_bodies: Vec<ErrorBodyPlan>,
    /// The model of every documented error body, when they are all one: the crate's
    /// `error_body()` gives it.
    pub error_body: Option<RustType>,
}

/// A group of operations (a tag): a module with a handle type, a docs page and an example
/// program.
#[derive(Debug)]
pub struct Group<'a> {
    /// The group as the document names it (`API Keys`); empty for operations without a tag.
    pub wire: &'a str,
    /// The group's name on one line, `None` for the operations without a tag.
    pub title: Option<String>,
    /// The document's description of the group (its tag's).
    pub about: Option<&'a str>,
    /// `api_keys`: the module, and the client's accessor of the handle.
    pub module: Name,
    /// `ApiKeys`: the handle type.
    pub handle: Name,
    /// `api-keys`: the Cargo feature without which the group (its module, its accessor and the
    /// models only it uses) is left out.
    pub feature: String,
    /// The file name of `docs/{page}.md`.
    pub page: String,
    /// The example program `examples/{example}.rs` (see [`crate::naming::GroupNames`]).
    pub example: String,
    pub operations: Vec<OperationPlan<'a>>,
}

/// How a value is held: the three states of optional and nullable values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Presence {
    /// Required, never null: `T`.
    Required,
    /// Required but may be null: `Option<T>`.
    RequiredNullable,
    /// May be left out, never null: `Option<T>`.
    Optional,
    /// May be left out or null: `Option<Option<T>>`.
    OptionalNullable,
}

impl Presence {
    pub fn of(ty: &Type, required: bool, nullable: bool) -> Presence {
        // `serde_json::Value` holds `null` itself.
        let nullable = nullable && *ty != Type::Any;
        match (required, nullable) {
            (true, false) => Presence::Required,
            (true, true) => Presence::RequiredNullable,
            (false, false) => Presence::Optional,
            (false, true) => Presence::OptionalNullable,
        }
    }

    /// How a model field is held. An optional, nullable field of a struct that is only ever
    /// received ([`Field::received_only`]) is [`Presence::Optional`]: its reader gets `None`
    /// for absent and `null` alike. Every other nullable field keeps its three states.
    pub fn of_field<N>(field: &Field<N>) -> Presence {
        let value = &field.value;
        let nullable = value.nullable && (value.required || !field.received_only);
        Presence::of(&value.ty, value.required, nullable)
    }

    /// Whether a field reads `null` as `None` though its type says it may be `null`: an
    /// optional, nullable field of a struct that is only ever received.
    pub fn reads_null_as_none(field: &Field) -> bool {
        field.value.nullable
            && field.received_only
            && Presence::of_field(field) == Presence::Optional
            && field.value.ty != Type::Any
    }
}

/// The `Content-Type` a body of `media_type` is sent with, `encoding` saying how it is
/// written: text says it is UTF-8 (`text/plain; charset=utf-8`) unless its media type names a
/// charset, and bytes of a media range (`*/*`, `image/*`) are `application/octet-stream` (a
/// call sets another with `.header("Content-Type", …)`). Anything else is sent as declared.
pub fn content_type<N>(media_type: &str, encoding: &Encoding<N>) -> String {
    let essence = media_type.split(';').next().unwrap_or_default();
    match encoding {
        Encoding::Text if !media_type.to_ascii_lowercase().contains("charset") => {
            format!("{media_type}; charset=utf-8")
        }
        Encoding::Bytes if essence.contains('*') => "application/octet-stream".to_owned(),
        _ => media_type.to_owned(),
    }
}

/// The default retry policy of every client: the document's `x-speakeasy-retries`, when it
/// retries something and the config allows more than one attempt; `None` (no retries)
/// otherwise, since the runtime refuses a policy that names what it cannot do.
pub fn default_retries<'a>(api: &'a Api, config: &Config) -> Option<&'a crate::ir::Retries> {
    let retries = api.retries.as_ref()?;
    let retried = !retries.status_codes.is_empty() || retries.retry_connection_errors;
    (retried && config.retries.max_attempts > 1).then_some(retries)
}

/// Plans the crate for the named model, after checking what it must satisfy.
pub fn plan<'a>(api: &'a Api, config: &'a Config, names: CrateNames) -> Result<Plan<'a>> {
    validate::validate(api, config)?;
    let mut runtime = BTreeSet::new();
    let values = values::Values::new(api);
    let mut operations: BTreeMap<&str, Vec<OperationPlan>> = BTreeMap::new();
    let CrateNames {
        groups,
        operations: op_names,
    } = names;
    for (index, op_names) in op_names.into_iter().enumerate() {
        let op = &api.operations[index];
        let module = &groups[&op.group].module;
        let plan = operation::operation(
            api,
            config,
            &values,
            module,
            (index, op_names),
            &mut runtime,
        );
        operations.entry(op.group.as_str()).or_default().push(plan);
    }
    let gates = features::model_gates(api, &groups);
    let groups: Vec<Group> = (operations.into_iter())
        .map(|(wire, operations)| group(api, &groups[wire], wire, operations))
        .collect();
    let (models, aliases) = models::models(api, config, gates);
    let time = |ty: &Type| matches!(ty, Type::Duration(_) | Type::UnixTime(_));
    if api.written_types().any(|ty| ty.contains(&time)) {
        runtime.insert(Module::Time);
    }
    let webhooks = webhooks::webhooks(api, config, &mut runtime)?;
    let (error_bodies, error_body) = errors::error_bodies(config, &models, &groups);
    let client = Name::new(config.client.name.clone());
    Ok(Plan {
        api,
        config,
        builder: Name::new(crate::naming::client_builder(client.as_str())),
        client,
        groups,
        models,
        aliases,
        credentials: auth::credential_setters(&api.schemes),
        webhooks,
        runtime,
        error_bodies,
        error_body,
    })
}

fn group<'a>(
    api: &'a Api,
    group_names: &crate::naming::GroupNames,
    wire: &'a str,
    operations: Vec<OperationPlan<'a>>,
) -> Group<'a> {
    let title = wire.trim();
    Group {
        wire,
        title: (!title.is_empty()).then(|| title.replace('\n', " ")),
        about: api.group_docs.get(wire).map(String::as_str),
        module: group_names.module.clone(),
        handle: group_names.handle.clone(),
        feature: group_names.feature.clone(),
        page: group_names.page.clone(),
        example: group_names.example.clone(),
        operations,
    }
}

impl Group<'_> {
    /// The gate of the group's module and accessor: its feature.
    pub fn gate(&self) -> Gate {
        Gate::feature(&self.feature)
    }
}

impl<'a> Plan<'a> {
    /// Every operation, group by group.
    pub fn operations(&self) -> impl Iterator<Item = (&Group<'a>, &OperationPlan<'a>)> {
        self.groups
            .iter()
            .flat_map(|g| g.operations.iter().map(move |op| (g, op)))
    }

    /// The group an operation belongs to.
    pub fn group_of(&self, op: &crate::ir::Operation) -> Option<&Group<'a>> {
        self.groups.iter().find(|g| g.wire == op.group)
    }

    /// The plan of a model.
    pub fn model(&self, id: crate::ir::TypeId) -> &Model<'a> {
        &self.models[id.0]
    }

    /// The plan of an error body, when a documented error's body is one of them.
    pub fn error_body_of(&self, body: Option<&Type>) -> Option<&ErrorBodyPlan> {
        let Some(Type::Named(id)) = body else {
            return None;
        };
        self.error_bodies.iter().find(|b| b.id == *id)
    }
}

#[cfg(test)]
mod tests;
