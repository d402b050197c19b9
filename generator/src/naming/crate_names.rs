//! The names the model has no place for: groups (module, handle, page), and per operation
//! its builder, error type, error variants, success enum and its variants, inputs and example
//! function. Each is made here,
//! once, and [`Namespaces`] checks every name against the others it shares a scope with.

use std::collections::BTreeMap;

use heck::ToUpperCamelCase;

use super::{Name, RESERVED, RESERVED_MODULES, pascal, reserved, snake, type_name};
use crate::error::Result;
use crate::ir::{Api, InputSource, Limitation, Operation, Status};

/// The module of the webhooks, `src/{WEBHOOKS_MODULE}.rs`, and its docs page
/// `docs/{WEBHOOKS_MODULE}.md`. A group of operations of that name takes `_api` in a crate
/// that has webhooks.
pub const WEBHOOKS_MODULE: &str = "webhooks";
/// The name of the client's builder, `{client}Builder` (`ClerkBuilder`): spelled here only.
pub fn client_builder(client: &str) -> String {
    format!("{client}Builder")
}

/// The crate's feature that turns on every group (and `webhooks`), in `default`: named here,
/// since a group's feature must not take its name.
pub const FULL_FEATURE: &str = "full";
/// The crate's feature of the webhooks' events, in a crate that has a client too.
pub const WEBHOOKS_FEATURE: &str = "webhooks";

/// Names a request builder keeps for its own fields and methods; an input named like one of
/// them gets a `_param` suffix.
const BUILDER_NAMES: &[&str] = &[
    "send",
    "server_url",
    "timeout",
    "retries",
    "header",
    "stream",
    "client",
    "body",
    "options",
    "clone",
    "as_form",
    "body_bytes",
];

/// File names of the crate's own sources that a group module's file must not take.
const ROOT_FILES: &[&str] = &["lib", "main"];

/// Methods of the client besides the group accessors, the runtime's private ones included.
const CLIENT_METHODS: &[&str] = &[
    "builder",
    "from_env",
    "retries",
    "execute",
    "execute_attempts",
];

/// A group's names: its module (and client accessor), its handle type, its page and its
/// Cargo feature.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupNames {
    /// `api_keys`: the module, and the client's method that returns the handle.
    pub module: Name,
    /// `api-keys`: the Cargo feature without which the group is left out of the crate: its
    /// module's name in kebab case, numbered when the crate has a feature of that name already.
    pub feature: String,
    /// `ApiKeys`: the type the accessor returns.
    pub handle: Name,
    /// `api_keys`: the file name of `docs/{page}.md`.
    pub page: String,
    /// `clerk_backend_api_api_keys`: the example program `examples/{example}.rs`, run with
    /// `cargo run --example {example}`. Cargo builds the examples of every package of a
    /// workspace into one folder, so the crate's name comes first: two crates from this
    /// generator (a user's, or our fixtures) with a group of the same name must not collide.
    pub example: String,
}

/// An operation's names beside its method (which the model holds).
#[derive(Debug, Clone, PartialEq)]
pub struct OperationNames {
    pub method: Name,
    /// `CreateAPIKeyBuilder`.
    pub builder: Name,
    /// `CreateAPIKeyError`.
    pub error: Name,
    /// One per error response, in the order of [`Operation::responses`] without the successes.
    pub error_variants: Vec<Name>,
    /// `PutWidgetSuccess`, for an operation whose success bodies differ
    /// ([`Operation::success_by_status`]), with one variant per success response, in the order
    /// of [`Operation::responses`]; `None` for the others.
    pub success: Option<(Name, Vec<Name>)>,
    /// One per input, in the order of [`Api::inputs`]: the argument or setter name.
    pub inputs: Vec<Name>,
    /// The function that runs its example in `examples/{page}.rs`.
    pub example_fn: Name,
}

/// Every name the model has no place for.
#[derive(Debug, Clone, PartialEq)]
pub struct CrateNames {
    /// By group, as the document names it (after the naming pass merged spellings).
    pub groups: BTreeMap<String, GroupNames>,
    /// By operation, in the order of [`Api::operations`].
    pub operations: Vec<OperationNames>,
}

/// Names groups and operations, then tells apart the names that collide in a scope. A
/// group's feature named like one of the crate's `other_features` takes a number, with a
/// warning ([`features`]).
pub(super) fn name(
    api: &Api,
    crate_ident: &str,
    other_features: &[String],
) -> Result<(CrateNames, Vec<Limitation>)> {
    // The crate's own modules beside the groups': the webhooks', when it has webhooks.
    let own: &[&str] = match api.webhooks.is_empty() {
        true => &[],
        false => &[WEBHOOKS_MODULE],
    };
    let groups: BTreeMap<String, GroupNames> = api
        .groups()
        .into_keys()
        .map(|group| (group.to_owned(), group_names(group, crate_ident, own)))
        .collect();
    let operations: Vec<OperationNames> = api
        .operations
        .iter()
        .map(|op| operation_names(api, op))
        .collect();
    let mut names = CrateNames { groups, operations };
    resolve(api, &mut names);
    let warnings = features(api, &mut names, other_features);
    Ok((names, warnings))
}

/// Gives each group its Cargo feature: its module's name in kebab case (`api_keys` is
/// `api-keys`, `r#match` is `match`). A group whose feature the crate has already
/// (`other_features`: `default`, `full`, `test-util`, a TLS feature, `webhooks`, one of the
/// config's) takes the first number that no feature takes (`full-2`), in the document's order
/// of groups, and a warning located at its first operation: a valid document always
/// generates.
fn features(api: &Api, names: &mut CrateNames, other_features: &[String]) -> Vec<Limitation> {
    let natural = |g: &GroupNames| g.module.as_str().replace('_', "-");
    let mut taken: std::collections::BTreeSet<String> = other_features.iter().cloned().collect();
    let clear: Vec<String> = (names.groups.values())
        .map(natural)
        .filter(|f| !other_features.contains(f))
        .collect();
    taken.extend(clear);
    let mut warnings = Vec::new();
    for (group, ops) in api.groups() {
        let g = names.groups.get_mut(group).expect("named above");
        let base = natural(g);
        if !other_features.contains(&base) {
            g.feature = base;
            continue;
        }
        let mut n = 2;
        while taken.contains(&format!("{base}-{n}")) {
            n += 1;
        }
        g.feature = format!("{base}-{n}");
        taken.insert(g.feature.clone());
        warnings.push(Limitation {
            pointer: ops
                .first()
                .map_or("#/paths", |op| op.pointer.as_str())
                .to_owned(),
            what: format!("the Cargo feature of the group `{group}`"),
            generated_as: format!("`{}`", g.feature),
            because: format!("the crate has a feature `{base}` of its own"),
            operations: Vec::new(),
        });
    }
    warnings
}

fn group_names(group: &str, crate_ident: &str, own: &[&str]) -> GroupNames {
    let base = if group.trim().is_empty() {
        "general"
    } else {
        group
    };
    // A group named like a module or dependency of the crate (`Models`, a common tag, or
    // `Webhooks` beside the webhooks' module), a source file or a method of the client takes
    // `_api`: `client.models_api()`.
    let mut module = snake(base);
    if [RESERVED_MODULES, own, ROOT_FILES, CLIENT_METHODS]
        .iter()
        .any(|names| names.contains(&module.as_str()))
    {
        module.push_str("_api");
    }
    let module = Name::new(module);
    GroupNames {
        feature: String::new(),
        handle: Name::new(reserved(type_name(module.as_str().to_upper_camel_case()))),
        page: module.as_str().to_owned(),
        example: format!("{crate_ident}_{module}"),
        module,
    }
}

fn operation_names(api: &Api, op: &Operation) -> OperationNames {
    let method = Name::new(op.name.clone());
    let example_fn = if op.name == "main" {
        Name::new("main_operation".to_owned())
    } else {
        method.clone()
    };
    OperationNames {
        builder: Name::new(type_name(format!("{}Builder", op.stem))),
        error: Name::new(type_name(format!("{}Error", op.stem))),
        error_variants: op
            .responses
            .iter()
            .filter(|r| !r.status.is_success())
            .map(|r| status_variant(r.status))
            .collect(),
        success: op.success_by_status().then(|| {
            let variants = (op.responses.iter())
                .filter(|r| r.status.is_success())
                .map(|r| status_variant(r.status))
                .collect();
            (
                Name::new(type_name(format!("{}Success", op.stem))),
                variants,
            )
        }),
        inputs: input_names(&api.inputs(op)),
        example_fn,
        method,
    }
}

/// The variant of a status in an operation's error type or success enum: its reason phrase
/// (`BadRequest`; `Ok`, `Created`, `NoContent`), `Status{code}` for a code without one
/// (`Status299`), `ClientError` and `ServerError` for the `4XX` and `5XX` classes,
/// `Status{class}XX` for the others (`Status2XX`), `Default` for `default`. Each status of an
/// operation is documented once, so its variants are distinct.
pub fn status_variant(status: Status) -> Name {
    let name = match status {
        Status::Code(code) => match http::StatusCode::from_u16(code)
            .ok()
            .and_then(|s| s.canonical_reason())
        {
            Some(reason) => pascal(reason),
            None => format!("Status{code}"),
        },
        Status::Range(4) => "ClientError".to_owned(),
        Status::Range(5) => "ServerError".to_owned(),
        Status::Range(class) => format!("Status{class}XX"),
        Status::Default => "Default".to_owned(),
    };
    Name::new(name)
}

/// Argument and setter names: the name of the parameter or field, with a `_param` suffix
/// when a builder has a field or method of that name, and `_2`, `_3`, … for a later input
/// that repeats an earlier one's name. Each input also takes `set_{name}`, the setter that
/// takes an `Option`, and `clear_{name}`, the setter that sends `null` (both taken for every
/// input, so that a change of presence or nullability renames nothing).
fn input_names(inputs: &[InputSource]) -> Vec<Name> {
    let mut seen = std::collections::BTreeSet::new();
    inputs
        .iter()
        .map(|input| {
            let base = input.name();
            // The whole body is the builder's `body` (it has no body model then).
            let whole = matches!(input, InputSource::Body(..));
            let mut name = if BUILDER_NAMES.contains(&base) && !whole {
                format!("{base}_param")
            } else {
                base.to_owned()
            };
            let mut n = 2;
            let taken = |name: &str, seen: &std::collections::BTreeSet<String>| {
                [
                    name.to_owned(),
                    format!("set_{name}"),
                    format!("clear_{name}"),
                ]
                .iter()
                .any(|n| seen.contains(n))
            };
            while taken(&name, &seen) {
                name = format!("{base}_{n}");
                n += 1;
            }
            seen.insert(format!("set_{name}"));
            seen.insert(format!("clear_{name}"));
            seen.insert(name.clone());
            Name::new(name)
        })
        .collect()
}

/// The scopes of the generated crate, each the set of names taken in it.
#[derive(Default)]
struct Namespaces {
    scopes: BTreeMap<String, std::collections::BTreeSet<String>>,
}

impl Namespaces {
    /// Takes `name` in `scope`, or, when something earlier in the document took it, the first
    /// free name made of it and a number: `_2`, `_3`, … after a snake_case name, `2`, `3`, …
    /// after a PascalCase one (so that `FooBuilder` stays a type name).
    fn take(&mut self, scope: &str, name: &Name) -> Name {
        let taken = self.scopes.entry(scope.to_owned()).or_default();
        let text = name.as_str();
        let pascal = text.starts_with(|c: char| c.is_ascii_uppercase());
        let mut candidate = text.to_owned();
        let mut n = 2;
        while taken.contains(&candidate) {
            candidate = match pascal {
                true => format!("{}{n}", text.trim_end_matches('_')),
                false => format!("{text}_{n}"),
            };
            n += 1;
        }
        taken.insert(candidate.clone());
        match candidate == text {
            true => name.clone(),
            false => Name::new(candidate),
        }
    }

    fn reserve(&mut self, scope: &str, names: &[&str]) {
        let taken = self.scopes.entry(scope.to_owned()).or_default();
        taken.extend(names.iter().map(|name| (*name).to_owned()));
    }
}

/// Tells apart the names of the crate that collide in their scope (modules at the crate root,
/// the client's methods, the types of each group module, each handle's methods, the functions
/// of each example program), in the document's order: the first keeps its name, a later one
/// takes the next free one ([`Namespaces::take`]). A name depends on its own operation and on
/// those before it in the document, never on those after it.
fn resolve(api: &Api, names: &mut CrateNames) {
    let mut scopes = Namespaces::default();
    let root = "root";
    scopes.reserve(root, RESERVED_MODULES);
    scopes.reserve(root, ROOT_FILES);
    scopes.reserve("client", CLIENT_METHODS);
    for group in api.groups().into_keys() {
        let g = names.groups.get_mut(group).expect("named above");
        // The accessor is the module: one name for both scopes.
        let module = scopes.take(root, &g.module);
        g.module = scopes.take("client", &module);
        let scope = format!("module {}", g.module);
        scopes.reserve(&scope, RESERVED);
        g.handle = scopes.take(&scope, &g.handle);
    }
    for (op, n) in api.operations.iter().zip(&mut names.operations) {
        let g = &names.groups[&op.group];
        n.method = scopes.take(&format!("methods of {}", g.handle), &n.method);
        let module = format!("module {}", g.module);
        n.builder = scopes.take(&module, &n.builder);
        n.error = scopes.take(&module, &n.error);
        if let Some((success, _)) = &mut n.success {
            *success = scopes.take(&module, success);
        }
        let program = format!("examples/{}.rs", g.example);
        scopes.reserve(&program, &["main"]);
        n.example_fn = match n.method.as_str() {
            "main" => Name::new("main_operation".to_owned()),
            _ => n.method.clone(),
        };
        n.example_fn = scopes.take(&program, &n.example_fn);
    }
}
