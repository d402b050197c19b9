//! The naming pass: one walk over the model that fills in every Rust name.
//!
//! # Type names
//!
//! Types declared in `components/schemas` keep their component name in PascalCase.
//!
//! Inline types are named after their operation stem `O` (the operationId in PascalCase,
//! with the initialism `API` upper-cased: `createApiKey` → `CreateAPIKey`) and its group `G`
//! (the first tag in PascalCase: `API Keys` → `APIKeys`), the names Speakeasy gives and that
//! users of Clerk's other SDKs know:
//!
//! | position                          | name                                                |
//! |-----------------------------------|-----------------------------------------------------|
//! | request body                      | `{O}RequestBody`                                    |
//! | success body                      | `{O}ResponseBody`; a second one of another shape `{O}ResponseBody2`, and so on |
//! | error bodies, ascending status    | first free of `{O}{G}ResponseBody`, `{O}{G}ResponseResponseBody`, `{O}{G}Response{S}ResponseBody` |
//! | nested type at property path `P`  | first free of `{O}{P}`, `{O}{G}{P}`, `{O}{G}Response{P}`, `{O}{P}{N}` (N = 2, 3, …) |
//!
//! `P` is the PascalCase property path from the body down to the type (array items add
//! nothing), so the items of a 400 body's `errors` array are `CreateAPIKeyErrors`, those of
//! the 409 body `CreateAPIKeyAPIKeysErrors`. A parameter's inline enum is named as a nested
//! type whose path is the parameter's name. "Free" means not yet taken by an earlier type
//! of the same operation, visited in this order: parameters, request body, success body,
//! error bodies by ascending status, each depth-first in document order. A type's name
//! therefore depends only on its own operation and position, never on other operations.
//!
//! Component names and the names the document gives (below) are declared: they keep them,
//! and an inline type whose candidate one of them takes goes on to its next candidate, as if
//! its operation had taken it. A component `CreateWidgetRequestBody` beside the inline body
//! of `createWidget` makes that body `CreateWidgetRequestBody2`, whatever the order of the
//! document: an inline name depends on its own operation and position and on the names the
//! document declares, never on other operations. Two different types that still end up with
//! the same name (inline types of two operations whose stems and paths spell the same:
//! `fooBar` with a property `baz`, `foo` with `barBaz`) are told apart by number, the later
//! in the document taking the next (`FooBarBaz2`); so are methods, builders, error types and
//! success enums that collide in their scope (`get_thing_2`, `GetThingBuilder2`): a name
//! then depends on the operations before it too, never on those after it.
//!
//! # Webhooks
//!
//! A webhook's inline types are named like an operation's, after its key in PascalCase `E`
//! (`user.created` → `UserCreated`): its payload `{E}Payload`, a type at property path `P` in it
//! the first free of `{E}{P}` and `{E}Payload{P}` (then numbered), free of what its own webhook
//! and the names the document declares have taken. Its variant of the event enum is `E`, told
//! apart by a numeric suffix in document order.
//!
//! # Names the document gives
//!
//! A schema's `x-speakeasy-name-override`, or an inline schema's `title`, names its type: as
//! written when it already is a type name (`APIKey`, `OTP`), else in PascalCase; a type
//! nested in it is named after it with the property path, as in a component
//! (`APIKeyObject`). Schemas given one name are one type when they have one shape, the
//! component's if one has that name (the lowering merges them; of different shapes, a title
//! names the first and the others keep their places' names, and an override is refused); a
//! title that a component's key spells is dropped the same way, and a component's override
//! that another component's key spells is ignored. A type nested in a component whose name a
//! component's key spells takes the next number (`ClassificationTemplate2`). The name each
//! such place would have had by the rules above stays as an alias of the type
//! (`pub type GetAPIKeyResponseBody = APIKey;`), so a name never disappears because the
//! document named a shape.
//!
//! # Other names
//!
//! An operation's request builder is `{O}Builder` and its error type `{O}Error`, with a
//! variant per error status named after it ([`status_variant`]: the reason phrase,
//! `BadRequest`). An operation whose success bodies differ (`200` and `201` of two types)
//! succeeds with `{O}Success`, declared beside them in the group's module, with a variant per
//! success status named the same way: `Ok`, `Created`, `NoContent`, `Status299` for a code
//! without a reason phrase, `Status2XX` for the range.
//!
//! Methods are the snake_case of `x-speakeasy-name-override` if the operation has one, else
//! of its operationId. Fields and parameters are snake_case; enum variants PascalCase; the
//! variants of a `oneOf`/`anyOf` are named after the component they refer to, or after the
//! kind of value (`String`, `Variant2` for an inline object). A Rust keyword
//! becomes a raw identifier (`r#type`), except `self`, `Self`, `super` and `crate`, which
//! cannot be raw and get a trailing underscore. A type, variant or group name that would be
//! empty becomes `Empty`, one that would start with a digit gets a leading `V` (`2xx` →
//! `V2xx`), and `Self` becomes `Self_`. A type whose name is one the generated code writes
//! unqualified ([`RESERVED`]: `Option`, `String`, `Serialize`, …) gets a trailing underscore
//! the same way (`Option` → `Option_`), so that it shadows nothing; its docs and the surface
//! manifest still give the name the document uses. Variants and fields need no such rule: the
//! generated code always reaches them through their type or value. Two fields or variants that collide after
//! casing are told apart by a numeric suffix in document order, except that a field or
//! parameter already written in snake_case keeps its name (`frontend_api` stays, `frontendApi` becomes
//! `frontend_api_2`).

use std::collections::{BTreeMap, BTreeSet};

use crate::config::Config;
use crate::error::Result;
use crate::ir::{
    Alias, Api, Body, Encoding, Field, Operation, Param, Response, SecurityScheme, TypeDef,
    TypeKind, Union, UnionVariant, Unnamed, Variant, Webhook,
};

mod case;
mod crate_names;
mod types;

use case::member;
pub use case::{
    Name, RESERVED, RESERVED_MODULES, catch_all, ident, is_keyword, pascal, reserved, snake,
    type_name, variant_name,
};
pub use crate_names::{
    CrateNames, FULL_FEATURE, GroupNames, OperationNames, WEBHOOKS_FEATURE, WEBHOOKS_MODULE,
    client_builder, status_variant,
};

/// Names the model: every type, method, field and variant gets its Rust name, and the names
/// the model has no place for come beside it.
pub fn name(mut api: Unnamed, config: &Config) -> Result<(Api, CrateNames)> {
    // Groups whose names give the same module (`instanceSettings`, `Instance Settings`) are one
    // group, under the name seen first.
    let mut groups: BTreeMap<String, String> = BTreeMap::new();
    for op in &mut api.operations {
        let canonical = groups
            .entry(snake(&op.group))
            .or_insert_with(|| op.group.clone());
        op.group.clone_from(canonical);
    }
    let operations: Vec<Operation> = api.operations.into_iter().map(name_operation).collect();
    let (names, alias_names) = types::type_names(&api.types, &api.aliases, &operations)?;
    let types = api
        .types
        .into_iter()
        .zip(names)
        .map(|(ty, name)| TypeDef {
            name,
            origin: ty.origin,
            given: ty.given,
            doc: ty.doc,
            merged: ty.merged,
            kind: name_kind(ty.kind),
        })
        .collect();
    let aliases = (api.aliases.into_iter().zip(alias_names))
        .filter_map(|(alias, name)| {
            Some(Alias {
                name: name?,
                origin: alias.origin,
                target: alias.target,
            })
        })
        .collect();
    let mut api = Api {
        title: api.title,
        version: api.version,
        description: api.description,
        server_url: api.server_url,
        retries: api.retries,
        group_docs: api.group_docs,
        types,
        aliases,
        operations,
        schemes: setters(api.schemes),
        webhooks: name_webhooks(api.webhooks),
        dispatch: api.dispatch,
        limitations: api.limitations,
    };
    let others = other_features(&api, config);
    let (names, warnings) = crate_names::name(&api, &config.crate_ident(), &others)?;
    api.limitations.extend(warnings);
    hand_written_modules(&api, &names, config)?;
    Ok((api, names))
}

/// The Cargo features a crate with a client has beside its groups': the template's (`default`
/// and the TLS features), `full`, `test-util`, `webhooks` when the document has webhooks, and
/// the config's.
fn other_features(api: &Api, config: &Config) -> Vec<String> {
    let mut features = crate::templates::cargo_features();
    features.push(FULL_FEATURE.to_owned());
    features.extend(
        crate::runtime::CRATE_FEATURES
            .iter()
            .map(|f| (*f).to_owned()),
    );
    if !api.webhooks.is_empty() {
        features.push(WEBHOOKS_FEATURE.to_owned());
    }
    features.extend(config.features.keys().cloned());
    features
}

/// A group's module named like a module written by hand (`[[modules]]` of the config) is an
/// error that names both: either one would have to be renamed.
fn hand_written_modules(api: &Api, names: &CrateNames, config: &Config) -> Result<()> {
    for (group, group_names) in &names.groups {
        let module = group_names.module.as_str();
        let Some(hand) = config.modules.iter().find(|m| m.name() == module) else {
            continue;
        };
        let op = api.operations.iter().find(|op| &op.group == group);
        return Err(crate::error::Error::at(
            op.map_or("#/paths", |op| op.pointer.as_str()),
            format!(
                "the module of the group `{group}` would be named `{module}`, like the \
                 hand-written module `{}` the config lists",
                hand.file
            ),
        ));
    }
    Ok(())
}

/// An operation with its method name, its stem and the names of its parameters and form
/// fields.
fn name_operation(op: Operation<()>) -> Operation {
    let names = member_names(op.params.iter().map(|p| p.value.wire.as_str()));
    let params = op
        .params
        .into_iter()
        .zip(names)
        .map(|(p, name)| Param {
            name,
            location: p.location,
            value: p.value,
            style: p.style,
            content: p.content,
        })
        .collect();
    let responses = op
        .responses
        .into_iter()
        .map(|r| Response {
            status: r.status,
            description: r.description,
            body: r.body.map(name_body),
        })
        .collect();
    Operation {
        name: member(op.name_override.as_deref().unwrap_or(&op.id)),
        stem: pascal(&op.id),
        id: op.id,
        name_override: op.name_override,
        group: op.group,
        method: op.method,
        path: op.path,
        summary: op.summary,
        description: op.description,
        params,
        body: op.body.map(name_body),
        alternatives: op.alternatives,
        responses,
        security: op.security,
        deprecated: op.deprecated,
        pointer: op.pointer,
    }
}

/// The webhooks with their variants of the event enum: the key in PascalCase (`user.created` →
/// `UserCreated`), told apart by a numeric suffix in document order.
fn name_webhooks(webhooks: Vec<Webhook<()>>) -> Vec<Webhook> {
    let mut names: Vec<String> = (webhooks.iter())
        .map(|w| type_name(pascal(&w.key)))
        .collect();
    dedupe(names.iter_mut(), "");
    let named = webhooks.into_iter().zip(names);
    named
        .map(|(w, name)| Webhook {
            key: w.key,
            name,
            summary: w.summary,
            description: w.description,
            payload: w.payload,
            discriminator: w.discriminator,
            example: w.example,
            deprecated: w.deprecated,
            pointer: w.pointer,
        })
        .collect()
}

fn name_body(body: Body<()>) -> Body {
    let encoding = match body.encoding {
        Encoding::Json(ty) => Encoding::Json(ty),
        Encoding::Multipart(fields) => Encoding::Multipart(name_fields(fields)),
        Encoding::Form(fields) => Encoding::Form(name_fields(fields)),
        Encoding::Text => Encoding::Text,
        Encoding::Bytes => Encoding::Bytes,
    };
    Body {
        media_type: body.media_type,
        encoding,
        required: body.required,
        doc: body.doc,
        example: body.example,
        part_types: body.part_types,
    }
}

/// The fields of a struct, or the variants of an enum or union, with their names.
fn name_kind(kind: TypeKind<()>) -> TypeKind {
    match kind {
        TypeKind::Struct(fields) => TypeKind::Struct(name_fields(fields)),
        TypeKind::Enum(variants) => {
            let mut names: Vec<String> = variants.iter().map(|v| variant_name(&v.wire)).collect();
            dedupe(names.iter_mut(), "");
            let variants = variants.into_iter().zip(names);
            TypeKind::Enum(
                variants
                    .map(|(v, name)| Variant { wire: v.wire, name })
                    .collect(),
            )
        }
        TypeKind::Union(union) => {
            let mut names: Vec<String> = (union.variants.iter())
                .map(|v| type_name(pascal(&v.label)))
                .collect();
            dedupe(names.iter_mut(), "");
            let variants = union.variants.into_iter().zip(names);
            TypeKind::Union(Union {
                variants: variants
                    .map(|(v, name)| UnionVariant {
                        label: v.label,
                        name,
                        ty: v.ty,
                        tags: v.tags,
                    })
                    .collect(),
                discriminator: union.discriminator,
            })
        }
    }
}

fn name_fields(fields: Vec<Field<()>>) -> Vec<Field> {
    let names = member_names(fields.iter().map(|f| f.value.wire.as_str()));
    let fields = fields.into_iter().zip(names);
    fields
        .map(|(f, name)| Field {
            name,
            value: f.value,
            boxed: f.boxed,
            undescribed: f.undescribed,
            received_only: f.received_only,
        })
        .collect()
}

/// The names of fields or parameters with these wire names, told apart (see
/// [`dedupe_wire_names`]).
fn member_names<'a>(wires: impl Iterator<Item = &'a str>) -> Vec<String> {
    let wires: Vec<&str> = wires.collect();
    let mut names: Vec<String> = wires.iter().map(|w| member(w)).collect();
    dedupe_wire_names(names.iter_mut().zip(wires.iter().copied()));
    names
}

/// Tells apart snake_case names that collide: a name already written that way on the wire
/// keeps it (`frontend_api` stays, `frontendApi` becomes `frontend_api_2`), the others get a
/// numeric suffix in document order.
fn dedupe_wire_names<'a>(names: impl Iterator<Item = (&'a mut String, &'a str)>) {
    let (exact, other): (Vec<_>, Vec<_>) = names.partition(|(name, wire)| name == wire);
    dedupe(exact.into_iter().chain(other).map(|(name, _)| name), "_");
}

/// Adds `{separator}{n}` to the second, third, … occurrence of a name. Without a separator
/// (type and variant names) a trailing `_` goes first: `Self_` and `Self_` become `Self_` and
/// `Self2`, since `Self_2` is not UpperCamelCase and fails the `non_camel_case_types` lint.
fn dedupe<'a>(names: impl Iterator<Item = &'a mut String>, separator: &str) {
    let mut seen = BTreeSet::new();
    for name in names {
        let base = match separator {
            "" => name.trim_end_matches('_').to_owned(),
            _ => name.clone(),
        };
        let mut n = 2;
        while !seen.insert(name.clone()) {
            *name = format!("{base}{separator}{n}");
            n += 1;
        }
    }
}

/// The schemes with their client builder setters: the scheme's name in snake_case, with
/// `_auth` added unless its last word is `auth` already (`bearerAuth` → `bearer_auth`,
/// `api_key` → `api_key_auth`), told apart by a numeric suffix in document order. Every
/// setter ends in `auth` (or a number), so none can be a method the builder has already.
fn setters(schemes: Vec<SecurityScheme<()>>) -> Vec<SecurityScheme> {
    let mut names: Vec<String> = (schemes.iter())
        .map(|scheme| {
            let name = snake(&scheme.name);
            match name.rsplit('_').next() {
                Some("auth") => name,
                _ => format!("{}_auth", name.trim_end_matches('_')),
            }
        })
        .collect();
    dedupe(names.iter_mut(), "_");
    let named = schemes.into_iter().zip(names);
    named
        .map(|(scheme, setter)| SecurityScheme {
            name: scheme.name,
            kind: scheme.kind,
            description: scheme.description,
            setter,
        })
        .collect()
}

#[cfg(test)]
mod tests;
