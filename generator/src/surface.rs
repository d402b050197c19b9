//! The public surface of a generated crate as data, and what changed between two of them.
//!
//! [`surface`] lists what users can name and call: every operation with its arguments,
//! setters, success type and error variants, and every model with its fields (type, required,
//! nullable), enum values or union variants. The crate carries it as `api-surface.json`, so
//! the drift check covers it and the next generation can [`diff`] against it.
//!
//! Classification follows what the generated code makes possible. Models, enums, unions and
//! error types are `#[non_exhaustive]` and models are built with `new(required fields)`, so
//! adding an operation, a setter, an optional field, an enum value, a union variant or an
//! error status is compatible; anything that changes a signature, a type or what a value may
//! be is breaking.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::config::Config;
use crate::emit::{Context, Presence, field_presence, group_names};
use crate::ir::{Api, Type, TypeKind};
use crate::naming::pascal;

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
    /// The type `send()` succeeds with.
    pub returns: String,
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

/// The surface of the crate generated from `api` (named) with `config`; `spec_name` is how
/// the header names the document.
pub fn surface(api: &Api, config: &Config, spec_name: &str) -> Surface {
    let cx = Context { api, config };
    let operations = api
        .operations
        .iter()
        .map(|op| {
            let inputs = crate::emit::surface_inputs(&cx, op);
            let arguments = inputs
                .iter()
                .filter(|(_, _, p)| *p == Presence::Required)
                .map(|(name, ty, _)| Argument {
                    name: name.clone(),
                    ty: type_name(api, ty),
                })
                .collect();
            let setters = inputs
                .iter()
                .filter(|(_, _, p)| *p != Presence::Required)
                .map(|(name, ty, p)| {
                    // What the setter takes: `None` of an `Option` argument sends `null`.
                    let taken = match p {
                        Presence::OptionalNullable => format!("Option<{}>", type_name(api, ty)),
                        _ => type_name(api, ty),
                    };
                    (name.clone(), taken)
                })
                .collect();
            let returns = match crate::emit::success_type(op) {
                None => "()".to_owned(),
                Some((None, _)) => "Bytes".to_owned(),
                Some((Some(ty), false)) => type_name(api, ty),
                Some((Some(ty), true)) => format!("Option<{}>", type_name(api, ty)),
            };
            let errors = op
                .responses
                .iter()
                .filter(|r| !r.status.is_success())
                .map(|r| {
                    let payload = r.body.as_ref().and_then(|b| b.json());
                    (
                        crate::emit::variant_name(r.status).to_string(),
                        payload.map(|ty| type_name(api, ty)),
                    )
                })
                .collect();
            let key = format!("{}.{}", group_names(&op.group).module, op.name);
            let key = key.replace("r#", "");
            (
                key,
                OperationSurface {
                    operation_id: op.id.clone(),
                    request: format!("{} {}", op.method.as_str(), op.path),
                    arguments,
                    setters,
                    returns,
                    errors,
                },
            )
        })
        .collect();
    let models = api
        .types
        .iter()
        .map(|ty| {
            let model = match &ty.kind {
                TypeKind::Struct(fields) => Model::Struct {
                    fields: fields
                        .iter()
                        .map(|f| {
                            let mut name = type_name(api, &f.ty);
                            if f.boxed {
                                name = format!("Box<{name}>");
                            }
                            let field = FieldSurface {
                                ty: wrapped(name, field_presence(f)),
                                required: f.required,
                                nullable: f.nullable,
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
            };
            (ty.name.clone(), model)
        })
        .collect();
    Surface {
        generated: format!(
            "by `cargo xtask generate` from {spec_name}. Do not edit: edit the source and run `cargo xtask generate` again."
        ),
        version: config.krate.version.clone(),
        api_version: api.version.clone(),
        operations,
        models,
        renamed_schemas: api
            .types
            .iter()
            .filter_map(|ty| Some((crate::emit::renamed_schema(ty)?.to_owned(), ty.name.clone())))
            .collect(),
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
        Type::Integer(crate::ir::IntWidth::I32) => "i32".into(),
        Type::Integer(crate::ir::IntWidth::I64) => "i64".into(),
        Type::Number => "f64".into(),
        Type::Boolean => "bool".into(),
        Type::Any => "serde_json::Value".into(),
        Type::File => "File".into(),
        Type::Array(item) => format!("Vec<{}>", type_name(api, item)),
        Type::Map(value) => format!("BTreeMap<String, {}>", type_name(api, value)),
        Type::Named(id) => api.ty(*id).name.clone(),
    }
}

fn wrapped(name: String, presence: Presence) -> String {
    match presence {
        Presence::Required => name,
        Presence::RequiredNullable | Presence::Optional => format!("Option<{name}>"),
        Presence::OptionalNullable => format!("Option<Option<{name}>>"),
    }
}

/// One difference between two surfaces.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// What changed, such as ``field `GetAPIKeyResponseBody.name` ``.
    pub item: String,
    /// `added`, `removed`, or what changed about it.
    pub what: String,
    pub breaking: bool,
}

/// The semver bump a change needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Bump {
    /// Nothing users can see changed (documentation, or nothing at all).
    None,
    /// Compatible additions.
    Minor,
    /// Breaking changes.
    Major,
}

/// What regenerating did to the crate's users.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    pub changes: Vec<Change>,
    pub bump: Bump,
    /// The version the crate has now.
    pub version: String,
    /// The version the crate should have, by Cargo's semver rules (a breaking change of a
    /// `0.y.z` crate bumps `y`).
    pub next_version: String,
}

/// The changes from `old` to `new`, classified, and the version they call for.
pub fn diff(old: &Surface, new: &Surface) -> Report {
    let mut changes = Vec::new();
    let mut add = |item: String, what: &str, breaking: bool| {
        changes.push(Change {
            item,
            what: what.to_owned(),
            breaking,
        });
    };
    // An operation removed and one added for the same request is a rename.
    let renamed_to = |key: &str| {
        let request = &old.operations.get(key)?.request;
        new.operations
            .iter()
            .find(|(k, op)| &op.request == request && !old.operations.contains_key(*k))
            .map(|(k, _)| k.as_str())
    };
    let renamed: Vec<&str> = old
        .operations
        .keys()
        .filter_map(|k| renamed_to(k))
        .collect();
    for (key, change) in pairs(&old.operations, &new.operations) {
        let item = format!("operation `{key}`");
        match change {
            Pair::Added(_) if renamed.contains(&key) => {}
            Pair::Added(_) => add(item, "added", false),
            Pair::Removed => match renamed_to(key) {
                Some(to) => add(item, &format!("renamed to `{to}`"), true),
                None => add(item, "removed", true),
            },
            Pair::Both(a, b) => {
                if a.arguments != b.arguments {
                    let what = format!(
                        "arguments changed from ({}) to ({})",
                        signature(&a.arguments),
                        signature(&b.arguments)
                    );
                    add(item.clone(), &what, true);
                }
                for (name, setter) in pairs(&a.setters, &b.setters) {
                    let item = format!("setter `{key}().{name}`");
                    match setter {
                        Pair::Added(_) => add(item, "added", false),
                        Pair::Removed => add(item, "removed", true),
                        Pair::Both(x, y) if x != y => {
                            add(item, &format!("type changed from `{x}` to `{y}`"), true);
                        }
                        Pair::Both(..) => {}
                    }
                }
                if a.returns != b.returns {
                    let what = format!("returns `{}` instead of `{}`", b.returns, a.returns);
                    add(item.clone(), &what, true);
                }
                for (variant, error) in pairs(&a.errors, &b.errors) {
                    let item = format!("error variant `{key}: {variant}`");
                    match error {
                        Pair::Added(_) => add(item, "added", false),
                        Pair::Removed => add(item, "removed", true),
                        Pair::Both(x, y) if x != y => add(item, "payload type changed", true),
                        Pair::Both(..) => {}
                    }
                }
            }
        }
    }
    // A model removed for one added is a rename: after its operation's (the type names start
    // with the operation's), or with the same content.
    let stems: Vec<(String, String)> = old
        .operations
        .iter()
        .filter_map(|(key, op)| {
            let to = new.operations.get(renamed_to(key)?)?;
            Some((pascal(&op.operation_id), pascal(&to.operation_id)))
        })
        .collect();
    let is_new = |name: &str| new.models.contains_key(name) && !old.models.contains_key(name);
    let mut model_renames: BTreeMap<&str, String> = BTreeMap::new();
    for name in old.models.keys().filter(|n| !new.models.contains_key(*n)) {
        let by_stem = stems.iter().find_map(|(from, to)| {
            let renamed = format!("{to}{}", name.strip_prefix(from.as_str())?);
            is_new(&renamed).then_some(renamed)
        });
        let by_content = || {
            new.models
                .iter()
                .find(|(n, m)| {
                    is_new(n)
                        && *m == &old.models[name]
                        && !model_renames.values().any(|taken| taken == *n)
                })
                .map(|(n, _)| n.clone())
        };
        if let Some(to) = by_stem.or_else(by_content) {
            model_renames.insert(name, to);
        }
    }
    let renamed: Vec<&str> = model_renames.values().map(String::as_str).collect();
    let model_renamed_to = |name: &str| model_renames.get(name).map(String::as_str);
    for (name, change) in pairs(&old.models, &new.models) {
        match change {
            Pair::Added(_) if renamed.contains(&name) => {}
            Pair::Added(_) => add(format!("model `{name}`"), "added", false),
            Pair::Removed => match model_renamed_to(name) {
                Some(to) => add(
                    format!("model `{name}`"),
                    &format!("renamed to `{to}`"),
                    true,
                ),
                None => add(format!("model `{name}`"), "removed", true),
            },
            Pair::Both(a, b) => model_changes(name, a, b, &mut add),
        }
    }
    let bump = changes
        .iter()
        .map(|c| if c.breaking { Bump::Major } else { Bump::Minor })
        .max()
        .unwrap_or(Bump::None);
    Report {
        next_version: next_version(&old.version, bump),
        version: new.version.clone(),
        changes,
        bump,
    }
}

fn model_changes(name: &str, a: &Model, b: &Model, add: &mut impl FnMut(String, &str, bool)) {
    match (a, b) {
        (Model::Struct { fields: a }, Model::Struct { fields: b }) => {
            for (field, change) in pairs(a, b) {
                let item = format!("field `{name}.{field}`");
                match change {
                    // `new()` takes the required fields: a new one changes its signature.
                    Pair::Added(f) if f.required => add(item, "added, required", true),
                    Pair::Added(_) => add(item, "added, optional", false),
                    Pair::Removed => add(item, "removed", true),
                    Pair::Both(x, y) => {
                        if x.required != y.required {
                            let what = if y.required {
                                "made required"
                            } else {
                                "made optional"
                            };
                            add(item.clone(), what, true);
                        }
                        if x.nullable != y.nullable {
                            let what = if y.nullable {
                                "made nullable"
                            } else {
                                "made non-nullable"
                            };
                            add(item.clone(), what, true);
                        } else if x.required == y.required && x.ty != y.ty {
                            let what = format!("type changed from `{}` to `{}`", x.ty, y.ty);
                            add(item, &what, true);
                        }
                    }
                }
            }
        }
        (Model::Enum { values: a }, Model::Enum { values: b }) => {
            for value in a.iter().filter(|v| !b.contains(v)) {
                add(format!("enum value `{name}::{value}`"), "removed", true);
            }
            for value in b.iter().filter(|v| !a.contains(v)) {
                add(format!("enum value `{name}::{value}`"), "added", false);
            }
        }
        (Model::Union { variants: a }, Model::Union { variants: b }) => {
            for (variant, change) in pairs(a, b) {
                let item = format!("union variant `{name}::{variant}`");
                match change {
                    Pair::Added(_) => add(item, "added", false),
                    Pair::Removed => add(item, "removed", true),
                    Pair::Both(x, y) if x != y => add(item, "type changed", true),
                    Pair::Both(..) => {}
                }
            }
        }
        _ => add(format!("model `{name}`"), "changed kind", true),
    }
}

fn signature(arguments: &[Argument]) -> String {
    arguments
        .iter()
        .map(|a| format!("{}: {}", a.name, a.ty))
        .collect::<Vec<_>>()
        .join(", ")
}

enum Pair<'a, T> {
    Added(&'a T),
    Removed,
    Both(&'a T, &'a T),
}

/// The union of two maps' keys, in order, with what each side has.
fn pairs<'a, T>(
    old: &'a BTreeMap<String, T>,
    new: &'a BTreeMap<String, T>,
) -> Vec<(&'a str, Pair<'a, T>)> {
    let mut keys: Vec<&str> = old.keys().chain(new.keys()).map(String::as_str).collect();
    keys.sort_unstable();
    keys.dedup();
    keys.into_iter()
        .map(|key| {
            let pair = match (old.get(key), new.get(key)) {
                (Some(a), Some(b)) => Pair::Both(a, b),
                (Some(_), None) => Pair::Removed,
                (None, Some(b)) => Pair::Added(b),
                (None, None) => unreachable!("the key comes from one of the maps"),
            };
            (key, pair)
        })
        .collect()
}

/// The version after `bump`, by Cargo's rules; an unreadable version is kept as it is.
fn next_version(version: &str, bump: Bump) -> String {
    let Ok(mut v) = semver::Version::parse(version) else {
        return version.to_owned();
    };
    v.pre = semver::Prerelease::EMPTY;
    match (bump, v.major) {
        (Bump::None, _) => return version.to_owned(),
        (Bump::Major, 0) | (Bump::Minor, 1..) => {
            v.minor += 1;
            v.patch = 0;
        }
        (Bump::Major, _) => {
            v.major += 1;
            v.minor = 0;
            v.patch = 0;
        }
        (Bump::Minor, 0) => v.patch += 1,
    }
    v.to_string()
}

impl Report {
    /// Whether the crate's version is lower than the changes call for.
    pub fn needs_bump(&self) -> bool {
        match (
            semver::Version::parse(&self.version),
            semver::Version::parse(&self.next_version),
        ) {
            (Ok(now), Ok(needed)) => now < needed,
            _ => false,
        }
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.changes.is_empty() {
            return writeln!(f, "API surface: unchanged");
        }
        let breaking = self.changes.iter().filter(|c| c.breaking).count();
        writeln!(
            f,
            "API surface: {} changes, {breaking} breaking",
            self.changes.len()
        )?;
        for change in &self.changes {
            let mark = if change.breaking {
                "breaking  "
            } else {
                "compatible"
            };
            writeln!(f, "  {mark}  {}: {}", change.item, change.what)?;
        }
        let bump = match self.bump {
            Bump::None => "none",
            Bump::Minor => "minor (compatible)",
            Bump::Major => "major (breaking)",
        };
        if self.needs_bump() {
            writeln!(
                f,
                "semver: a {bump} change; the crate's version {} should become {} \
                 (`cargo xtask generate --bump`)",
                self.version, self.next_version
            )
        } else {
            writeln!(
                f,
                "semver: a {bump} change; version {} covers it",
                self.version
            )
        }
    }
}
