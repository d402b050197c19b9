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

use crate::ir::{Api, Type, TypeKind};
use crate::plan::{Accept, CaseBody, OperationPlan, Plan, Presence, Success};

mod diff;
mod runtime;

pub use diff::{Bump, Change, Report, diff};
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
    /// The type `send()` succeeds with.
    pub returns: String,
    /// For an operation whose success bodies differ, the variants of the success enum it
    /// returns and what each carries, as for `errors`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub successes: BTreeMap<String, Option<String>>,
    /// The error type's variants and what each carries.
    pub errors: BTreeMap<String, Option<String>>,
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

/// The surface of the crate that `plan` describes: a projection of the plan and of the
/// model's types, and of the runtime's public types. `spec_name` is how the header names the
/// document; `runtime_files` are the runtime's files as copied into the crate.
pub fn surface(
    plan: &Plan,
    spec_name: &str,
    runtime_files: &[(String, String)],
) -> crate::Result<Surface> {
    let api = plan.api;
    let operations = plan
        .operations()
        .map(|(group, op)| {
            let key = format!("{}.{}", group.module, op.method);
            (key, operation(api, op))
        })
        .collect();
    let models = api
        .types
        .iter()
        .map(|ty| (ty.name.clone(), model(api, &ty.kind)))
        .collect();
    let client = plan.config.client.name.as_str();
    let builder = format!("{client}Builder");
    let exports: Vec<(&str, &str)> = crate::emit::RUNTIME_EXPORTS
        .iter()
        .map(|name| (*name, *name))
        .chain([(client, client), (builder.as_str(), builder.as_str())])
        .collect();
    Ok(Surface {
        generated: format!(
            "by `cargo xtask generate` from {spec_name}. Do not edit: edit the source and run `cargo xtask generate` again."
        ),
        version: plan.config.krate.version.clone(),
        api_version: api.version.clone(),
        operations,
        models,
        renamed_schemas: api
            .types
            .iter()
            .filter_map(|ty| Some((crate::emit::renamed_schema(ty)?.to_owned(), ty.name.clone())))
            .collect(),
        aliases: (api.aliases.iter())
            .map(|a| (a.name.clone(), api.ty(a.target).name.clone()))
            .collect(),
        runtime: client_methods(plan, runtime::runtime(runtime_files, &exports)?),
        features: BTreeMap::new(),
        limitations: limitations(api),
    })
}

/// The model's limitations, sorted.
fn limitations(api: &Api) -> Vec<LimitationSurface> {
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

fn operation(api: &Api, op: &OperationPlan) -> OperationSurface {
    let arguments = op
        .arguments()
        .map(|i| Argument {
            name: i.name.to_string(),
            ty: type_name(api, &i.value.ty),
        })
        .collect();
    // The type of the value each setter takes (as for arguments, `String` for a setter that
    // takes `impl Into<String>`); the `set_` setter of a value that may be `null` takes an
    // `Option`, whose `None` sends `null`.
    let (mut setters, mut takes) = (BTreeMap::new(), BTreeMap::new());
    for input in op.setters() {
        let (name, ty) = (input.name.to_string(), type_name(api, &input.value.ty));
        if let Some(set) = &input.set_null {
            setters.insert(set.to_string(), format!("Option<{ty}>"));
            takes.insert(set.to_string(), format!("Option<{ty}>"));
        }
        takes.insert(
            name.clone(),
            parameter(api, &input.accept(), &input.value.ty),
        );
        setters.insert(name, ty);
    }
    // A body offered in other media types: `as_form()` takes nothing, `body_bytes` bytes.
    if op.as_form().is_some() {
        setters.insert("as_form".to_owned(), "()".to_owned());
        takes.insert("as_form".to_owned(), "()".to_owned());
    }
    if op.body_bytes().is_some() {
        setters.insert("body_bytes".to_owned(), "Bytes".to_owned());
        takes.insert("body_bytes".to_owned(), "impl Into<Bytes>".to_owned());
    }
    let mut successes = BTreeMap::new();
    let returns = match &op.success {
        Success::Empty => "()".to_owned(),
        Success::Bytes => "Bytes".to_owned(),
        Success::Json {
            ty,
            optional: false,
        } => type_name(api, ty),
        Success::Json { ty, optional: true } => format!("Option<{}>", type_name(api, ty)),
        Success::ByStatus { name, cases } => {
            for c in cases {
                let carries = match c.body {
                    CaseBody::Json(ty) => Some(type_name(api, ty)),
                    CaseBody::Bytes => Some("Bytes".to_owned()),
                    CaseBody::Empty => None,
                };
                successes.insert(c.variant.to_string(), carries);
            }
            name.to_string()
        }
    };
    let errors = op
        .errors
        .iter()
        .map(|e| (e.variant.to_string(), e.body.map(|ty| type_name(api, ty))))
        .collect();
    OperationSurface {
        operation_id: op.op.id.clone(),
        request: format!("{} {}", op.op.method.as_str(), op.op.path),
        arguments,
        setters,
        takes,
        returns,
        successes,
        errors,
    }
}

fn model(api: &Api, kind: &TypeKind) -> Model {
    match kind {
        TypeKind::Struct(fields) => Model::Struct {
            fields: fields
                .iter()
                .map(|f| {
                    let mut name = type_name(api, &f.value.ty);
                    if f.boxed {
                        name = format!("Box<{name}>");
                    }
                    let field = FieldSurface {
                        ty: wrapped(name, Presence::of_field(f)),
                        required: f.value.required,
                        nullable: f.value.nullable,
                    };
                    (f.name.clone(), field)
                })
                .collect(),
        },
        TypeKind::Enum(variants) => Model::Enum {
            values: variants.iter().map(|v| v.wire.clone()).collect(),
        },
        TypeKind::Union(union) => Model::Union {
            variants: union
                .variants
                .iter()
                .map(|v| (v.name.clone(), type_name(api, &v.ty)))
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

/// A type as users write it, without paths.
fn type_name(api: &Api, ty: &Type) -> String {
    match ty {
        Type::String => "String".into(),
        Type::Integer(width) => width.rust().into(),
        Type::Number => "f64".into(),
        Type::Boolean => "bool".into(),
        Type::Any => "serde_json::Value".into(),
        Type::File => "File".into(),
        Type::Bytes => "Bytes".into(),
        Type::Null => "()".into(),
        Type::Tuple(items) => {
            let items: Vec<String> = items.iter().map(|item| type_name(api, item)).collect();
            format!("({},)", items.join(", "))
        }
        Type::Array(item) => format!("Vec<{}>", type_name(api, item)),
        Type::Map(value) => format!("BTreeMap<String, {}>", type_name(api, value)),
        Type::Named(id) => api.ty(*id).name.clone(),
    }
}

/// The runtime's types, with the client's generated methods (`builder`, `from_env`, one
/// accessor per group) added to the client's.
fn client_methods(
    plan: &Plan,
    mut runtime: BTreeMap<String, RuntimeItem>,
) -> BTreeMap<String, RuntimeItem> {
    let client = &plan.config.client;
    let Some(item) = runtime.get_mut(&client.name) else {
        return runtime;
    };
    let name = &client.name;
    let mut methods = vec![(
        "fn builder".to_owned(),
        format!("fn builder() -> {name}Builder"),
    )];
    if client.token_env.is_some() {
        let from_env = format!("fn from_env() -> Result<{name}, Error>");
        methods.push(("fn from_env".to_owned(), from_env));
    }
    for group in &plan.groups {
        let (module, handle) = (group.module.code(), group.handle.code());
        let accessor = format!("fn {module}(&self) -> {module}::{handle}<'_>");
        methods.push((format!("fn {module}"), accessor));
    }
    item.members.extend(methods);
    runtime
}

/// A setter's parameter as the generated code writes it (see `emit::operations::parameter`).
fn parameter(api: &Api, accept: &Accept, ty: &Type) -> String {
    match (accept, ty) {
        (Accept::Into, ty) => format!("impl Into<{}>", type_name(api, ty)),
        (Accept::Items(item), Type::Array(ty)) => {
            format!("impl IntoIterator<Item = {}>", parameter(api, item, ty))
        }
        (Accept::Entries(value), Type::Map(ty)) => format!(
            "impl IntoIterator<Item = (impl Into<String>, {})>",
            parameter(api, value, ty)
        ),
        (Accept::Json, _) => "impl Serialize".to_owned(),
        (_, ty) => type_name(api, ty),
    }
}

fn wrapped(name: String, presence: Presence) -> String {
    match presence {
        Presence::Required => name,
        Presence::RequiredNullable | Presence::Optional => format!("Option<{name}>"),
        Presence::OptionalNullable => format!("Option<Option<{name}>>"),
    }
}
