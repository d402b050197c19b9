//! The public surface of a generated crate as data, and what changed between two of them.
//!
//! [`surface`] lists what users can name and call: every operation with its arguments,
//! setters, success type (and its variants, for a success enum) and error variants, and every model with its fields (type, required,
//! nullable), enum values or union variants. The crate carries it as `api-surface.json`, so
//! the drift check covers it and the next generation can [`diff`] against it.
//!
//! Classification follows what the generated code makes possible. Models, enums, unions and
//! error types are `#[non_exhaustive]` and models are built with `new(required fields)`, so
//! adding an operation, a setter, an optional field, an enum value, a union variant or an
//! error status is compatible; anything that changes a signature, a type or what a value may
//! be is breaking.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::plan::{
    Model as ModelPlan, ModelKind, OperationPlan, Parameter, Plan, RustType, Success,
};

mod diff;
mod events;
mod runtime;

pub use diff::{Bump, Change, Report, diff};
pub use events::EventSurface;
pub use runtime::RuntimeItem;

/// Everything users can name and call.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Surface {
    /// Says the file is generated, and how to regenerate it (JSON has no comments).
    #[serde(rename = "@generated")]
    pub generated: String,
    /// The crate's version when this surface was generated.
    pub version: String,
    /// The API description's `info.version`.
    pub api_version: String,
    /// By `group.method`, as users call them.
    pub operations: BTreeMap<String, OperationSurface>,
    /// By Rust name.
    pub models: BTreeMap<String, Model>,
    /// The webhooks' events, by name.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub events: BTreeMap<String, EventSurface>,
    /// The component schemas whose Rust name is not their name in PascalCase (a name the
    /// generated code reserves, `Option` → `Option_`, or one starting with a digit), from the
    /// document's name to the Rust name.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub renamed_schemas: BTreeMap<String, String>,
    /// Type aliases (`pub type GetAPIKeyResponseBody = APIKey;`): the name of each, and the
    /// model it names.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub aliases: BTreeMap<String, String>,
    /// The hand-written types the crate re-exports (client, errors, responses, hooks, retry
    /// policy), by the name users write, with their public members, read from the runtime's
    /// copy in the crate (`surface/runtime.rs`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub runtime: BTreeMap<String, RuntimeItem>,
    /// The crate's Cargo features and what each enables (`default` among them).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub features: BTreeMap<String, Vec<String>>,
    /// What the crate generates in a looser form than the document describes (see
    /// [`crate::ir::Limitation`]), so that typing one exactly later shows in the report.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub limitations: Vec<LimitationSurface>,
}

/// A [`crate::ir::Limitation`] as the surface lists it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct LimitationSurface {
    pub pointer: String,
    pub what: String,
    pub generated_as: String,
    pub because: String,
}

impl LimitationSurface {
    /// The warning generation prints for it.
    pub fn message(&self) -> String {
        format!(
            "{}: {} is generated as {}, because {}",
            self.pointer, self.what, self.generated_as, self.because
        )
    }
}

/// The `[features]` of a generated `Cargo.toml`.
pub fn cargo_features(manifest: &str) -> crate::Result<BTreeMap<String, Vec<String>>> {
    #[derive(Deserialize)]
    struct Manifest {
        #[serde(default)]
        features: BTreeMap<String, Vec<String>>,
    }
    toml::from_str::<Manifest>(manifest)
        .map(|m| m.features)
        .map_err(|e| crate::Error::Internal(format!("the generated Cargo.toml: {e}")))
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OperationSurface {
    pub operation_id: String,
    /// `GET /api_keys`: what the operation is on the wire, to recognise a renamed one.
    pub request: String,
    /// The method's arguments, in order.
    pub arguments: Vec<Argument>,
    /// The request builder's setters, by name, with the type each takes.
    pub setters: BTreeMap<String, String>,
    /// The parameter of each setter as written (`impl Into<String>`,
    /// `impl IntoIterator<Item = impl Into<String>>`, `impl Serialize`, `u32`), by name: a
    /// setter that comes to take more than it did is a compatible change.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub takes: BTreeMap<String, String>,
    /// What `None` sends for each setter that takes an `Option`, by name: a change of meaning
    /// under the same signature is breaking.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub none: BTreeMap<String, NoneMeans>,
    /// The type `send()` succeeds with.
    pub returns: String,
    /// For an operation whose success bodies differ, the variants of the success enum it
    /// returns and what each carries, as for `errors`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub successes: BTreeMap<String, Option<String>>,
    /// The error type's variants and what each carries.
    pub errors: BTreeMap<String, Option<String>>,
}

/// What a setter's `None` puts on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NoneMeans {
    /// The field is left out of the request.
    LeftOut,
    /// The field is sent as `null`.
    Null,
}

impl NoneMeans {
    /// What `set_x(None)` sends for an input of this presence: nothing, but for a field the
    /// API requires, which is then `null`.
    fn of(presence: crate::plan::Presence) -> NoneMeans {
        match presence {
            crate::plan::Presence::RequiredNullable => NoneMeans::Null,
            _ => NoneMeans::LeftOut,
        }
    }

    /// What a setter's `None` sent in a surface written before surfaces said so: the only
    /// setters that took an `Option` then were the `set_` setters of values that may be
    /// `null`, and their `None` sent `null`.
    pub fn unrecorded() -> NoneMeans {
        NoneMeans::Null
    }
}

impl std::fmt::Display for NoneMeans {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            NoneMeans::LeftOut => "leaving the field out",
            NoneMeans::Null => "sending `null`",
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Argument {
    pub name: String,
    #[serde(rename = "type")]
    pub ty: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Model {
    Struct {
        fields: BTreeMap<String, FieldSurface>,
    },
    /// Wire values.
    Enum { values: Vec<String> },
    /// Variant names and what each holds.
    Union { variants: BTreeMap<String, String> },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FieldSurface {
    /// The field's Rust type, `Option`s included.
    #[serde(rename = "type")]
    pub ty: String,
    pub required: bool,
    pub nullable: bool,
}

/// The surface of the crate that `plan` describes: a projection of the plan, and of the
/// runtime's public types. `spec_name` is how the header names the document; `runtime_files`
/// are the runtime's files as copied into the crate.
pub fn surface(
    plan: &Plan,
    spec_name: &str,
    runtime_files: &[(String, String)],
) -> crate::Result<Surface> {
    let operations = plan
        .operations()
        .map(|(group, op)| (format!("{}.{}", group.module, op.method), operation(op)))
        .collect();
    let models = (plan.models.iter())
        .map(|m| (m.name.to_string(), model(m)))
        .collect();
    let (client, builder) = (plan.client.as_str(), plan.builder.as_str());
    let mock: Vec<(&str, String)> = (crate::runtime::MOCK_EXPORTS.iter())
        .map(|name| (*name, format!("mock::{name}")))
        .collect();
    let mut exports: Vec<(&str, &str)> = Vec::new();
    if plan.runtime.contains(&crate::runtime::Module::Http) {
        exports.extend(crate::runtime::EXPORTS.iter().map(|name| (*name, *name)));
        exports.extend([("Client", client), ("ClientBuilder", builder)]);
        exports.extend(mock.iter().map(|(name, public)| (*name, public.as_str())));
    }
    let module_exports = plan.runtime.iter().flat_map(|m| m.exports());
    exports.extend(module_exports.map(|(_, name)| (*name, *name)));
    // The verifier's types, which the `webhooks` module re-exports under their own names.
    if plan.runtime.contains(&crate::runtime::Module::Webhooks) {
        let verifier = crate::runtime::WEBHOOK_EXPORTS.iter();
        exports.extend(verifier.map(|name| (*name, *name)));
    }
    let mut runtime = runtime::runtime(runtime_files, &exports)?;
    client_methods(plan, &mut runtime);
    error_body(plan, &mut runtime);
    Ok(Surface {
        generated: format!(
            "by `cargo xtask generate` from {spec_name}. Do not edit: edit the source and run `cargo xtask generate` again."
        ),
        version: plan.config.krate.version.clone(),
        api_version: plan.api.version.clone(),
        operations,
        models,
        events: events::events(plan),
        renamed_schemas: (plan.models.iter())
            .filter_map(|m| Some((m.renamed_from?.to_owned(), m.name.to_string())))
            .collect(),
        aliases: (plan.aliases.iter())
            .map(|a| (a.name.to_string(), a.target.to_string()))
            .collect(),
        runtime,
        features: BTreeMap::new(),
        limitations: limitations(plan.api),
    })
}

/// Adds the items the hand-written modules export to the surface's hand-written types, read
/// from their `files` in the crate as the runtime's are.
pub fn add_modules(
    surface: &mut Surface,
    modules: &[crate::config::ModuleConfig],
    files: &[(String, String)],
) -> crate::Result<()> {
    let exports: Vec<(&str, &str)> = (modules.iter())
        .flat_map(|module| module.exports.iter().map(|e| (e.as_str(), e.as_str())))
        .collect();
    surface.runtime.extend(runtime::runtime(files, &exports)?);
    Ok(())
}

/// The model's limitations, sorted.
fn limitations(api: &crate::ir::Api) -> Vec<LimitationSurface> {
    let mut list: Vec<LimitationSurface> = (api.limitations.iter())
        .map(|l| LimitationSurface {
            pointer: l.pointer.clone(),
            what: l.what.clone(),
            generated_as: l.generated_as.clone(),
            because: l.because.clone(),
        })
        .collect();
    list.sort();
    list
}

/// An operation as the surface lists it: its arguments, setters, success type and variants,
/// and error variants.
fn operation(op: &OperationPlan) -> OperationSurface {
    let arguments = op
        .arguments()
        .map(|i| Argument {
            name: i.name.to_string(),
            ty: i.ty.to_string(),
        })
        .collect();
    let setters = Setters::of(op);
    let successes = match &op.success {
        Success::ByStatus { cases, .. } => (cases.iter())
            .map(|c| {
                (
                    c.variant.to_string(),
                    c.ty.as_ref().map(RustType::to_string),
                )
            })
            .collect(),
        _ => BTreeMap::new(),
    };
    let errors = (op.errors.iter())
        .map(|e| {
            (
                e.variant.to_string(),
                e.ty.as_ref().map(RustType::to_string),
            )
        })
        .collect();
    OperationSurface {
        operation_id: op.op.id.clone(),
        request: format!("{} {}", op.op.method.as_str(), op.op.path),
        arguments,
        setters: setters.types,
        takes: setters.takes,
        none: setters.none,
        returns: op.returns.to_string(),
        successes,
        errors,
    }
}

/// The request builder's setters of an operation, by name: the type of the value each takes,
/// its parameter as written, and what `None` sends for each that takes an `Option` (the
/// [`OperationSurface`] fields `setters`, `takes` and `none`).
struct Setters {
    types: BTreeMap<String, String>,
    takes: BTreeMap<String, String>,
    none: BTreeMap<String, NoneMeans>,
}

impl Setters {
    /// The setters of `op`: one per input, with its `set_` and `clear_` setters, and those of
    /// a body offered in other media types.
    fn of(op: &OperationPlan) -> Setters {
        // The type of the value each setter takes (as for arguments, `String` for a setter that
        // takes `impl Into<String>`); the `set_` setter takes an `Option`, and `clear_` nothing.
        let (mut setters, mut takes, mut none) =
            (BTreeMap::new(), BTreeMap::new(), BTreeMap::new());
        for input in op.setters() {
            let (name, ty) = (input.name.to_string(), input.ty.to_string());
            if let Some(set) = &input.set {
                setters.insert(set.to_string(), format!("Option<{ty}>"));
                takes.insert(set.to_string(), format!("Option<{ty}>"));
                none.insert(set.to_string(), NoneMeans::of(input.presence));
            }
            if let Some(clear) = &input.clear {
                setters.insert(clear.to_string(), "()".to_owned());
                takes.insert(clear.to_string(), "()".to_owned());
            }
            takes.insert(name.clone(), input.param.to_string());
            setters.insert(name, ty);
        }
        // A body offered in other media types: `as_form()` takes nothing, `body_bytes` bytes.
        if op.as_form().is_some() {
            setters.insert("as_form".to_owned(), "()".to_owned());
            takes.insert("as_form".to_owned(), "()".to_owned());
        }
        if op.body_bytes().is_some() {
            let bytes = Parameter::Into(RustType::Bytes);
            setters.insert("body_bytes".to_owned(), RustType::Bytes.to_string());
            takes.insert("body_bytes".to_owned(), bytes.to_string());
        }
        Setters {
            types: setters,
            takes,
            none,
        }
    }
}

/// A model as the surface lists it: a struct's fields, an enum's wire values or a union's
/// variants.
fn model(model: &ModelPlan) -> Model {
    match &model.kind {
        ModelKind::Struct(plan) => Model::Struct {
            fields: (plan.fields.iter())
                .map(|f| {
                    let field = FieldSurface {
                        ty: f.ty.to_string(),
                        required: f.field.value.required,
                        nullable: f.field.value.nullable,
                    };
                    (f.name.to_string(), field)
                })
                .collect(),
        },
        ModelKind::Enum(plan) => Model::Enum {
            values: plan.variants.iter().map(|(_, v)| v.wire.clone()).collect(),
        },
        ModelKind::Union(plan) => Model::Union {
            variants: (plan.variants.iter())
                .map(|v| (v.name.to_string(), v.ty.to_string()))
                .collect(),
        },
    }
}

impl Surface {
    /// Reads a surface written by an earlier generation.
    pub fn from_json(text: &str) -> Result<Surface, String> {
        serde_json::from_str(text).map_err(|e| e.to_string())
    }
}

/// The errors' generated `error_body()`, when every documented error carries one model.
fn error_body(plan: &Plan, runtime: &mut BTreeMap<String, RuntimeItem>) {
    let (Some(ty), Some(item)) = (&plan.error_body, runtime.get_mut("SdkError")) else {
        return;
    };
    let signature = format!("fn error_body(&self) -> Option<&{ty}>");
    item.members.insert("fn error_body".to_owned(), signature);
}

/// The client's generated methods (`builder`, `from_env`, one accessor per group) and the
/// client builder's credential setters, beside the runtime's own members of the two types.
fn client_methods(plan: &Plan, runtime: &mut BTreeMap<String, RuntimeItem>) {
    let (name, builder) = (plan.client.as_str(), plan.builder.as_str());
    if let Some(item) = runtime.get_mut(name) {
        item.members.insert(
            "fn builder".to_owned(),
            format!("fn builder() -> {builder}"),
        );
        if plan.config.client.token_env.is_some() {
            let from_env = format!("fn from_env() -> Result<{name}, Error>");
            item.members.insert("fn from_env".to_owned(), from_env);
        }
        for group in &plan.groups {
            let (module, handle) = (group.module.code(), group.handle.code());
            let accessor = format!("fn {module}(&self) -> {module}::{handle}<'_>");
            item.members.insert(format!("fn {module}"), accessor);
        }
    }
    if let Some(item) = runtime.get_mut(builder) {
        let setters = plan.credentials.iter();
        item.members
            .extend(setters.map(|s| (format!("fn {}", s.name), s.to_string())));
    }
}
