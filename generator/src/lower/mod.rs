//! Lowering: the `openapiv3` document becomes the plain [`Unnamed`] model, once: every name
//! is left for the naming pass.
//!
//! Every `$ref` is resolved here; later passes never see the document again. The steps, one
//! module each:
//! - `operations`: each path's operations, their ids and groups; `parameters` their
//!   parameters, each placed, styled and checked for what the SDK can send;
//! - `bodies`: request and response bodies by media type, form fields;
//! - `responses`: the documented statuses of an operation;
//! - `schema`: a schema becomes a [`Type`](crate::ir::Type), declaring named types;
//!   `objects` for properties, `all_of` for `allOf`, `unions` for `oneOf` and `anyOf`,
//!   `composition` for schemas that mix them with other keywords, and
//!   `hints` for what a schema says about its values beside its type;
//! - `security`: the security schemes and the credentials each operation accepts;
//! - `webhooks`: the webhooks (3.1 `webhooks`, 3.0 `x-webhooks`), each its payload's type,
//!   and the property that names their events ([`dispatch`], with the config's);
//! - `extensions`: the document-wide `x-speakeasy-retries`;
//! - `pointers`: where a `$ref` to any place in the document leads, and the site and path
//!   its type is declared at;
//! - `named`: the types the document gives one name (`title`) and one shape become one, the
//!   names of their places kept as aliases;
//! - `cycles`: last, the fields to box so that types that contain each other have a size;
//! - `limits`: what could not be typed exactly, recorded as [`Limitation`]s, and the
//!   operations each concerns.
//!
//! # Degrade, never refuse
//!
//! A document is refused only where it is not an OpenAPI document at all. Anything else that
//! the generated code cannot type exactly is generated in the most useful honest form where
//! it stands (a schema as any JSON value, a parameter as a string the caller formats, an
//! unknown HTTP authentication scheme as an `Authorization` value the caller supplies, …),
//! and a mistake whose meaning is plain (an undeclared path variable, a `$ref` into the wrong
//! section of `components`) is read as meant. Each is a [`Limitation`]: a located warning,
//! which the generation config's `strict = true` turns into the error of old.
//!
//! A `Cursor` carries where the lowering is: the site and path a type's name derives from,
//! and the JSON pointer every error names.

mod all_of;
mod bodies;
mod composition;
mod cursor;
mod cycles;
mod direction;
mod extensions;
mod hints;
mod limits;
mod named;
mod objects;
mod openapi31;
mod operations;
mod parameters;
mod pointers;
mod responses;
mod schema;
mod security;
mod unions;
mod webhooks;

use std::collections::{BTreeMap, BTreeSet};

use openapiv3::{OpenAPI, ReferenceOr};

use crate::error::{Error, Result};
use crate::ir::{Api, Limitation, Operation, TypeDef, TypeId, Unnamed};
pub(crate) use cursor::{Cursor, Site};
pub(crate) use openapi31::{CLOSED, NULL, PREFIX_ITEMS, UNSUPPORTED, WEBHOOKS};
pub use webhooks::dispatch;

/// The maintainer's choices that change what the lowering makes of a document.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// Whether unnamed inline schemas that repeat a shape are one type (see
    /// [`crate::config::ModelsConfig::share_copies`]).
    pub share_copies: bool,
}

/// Lowers a parsed document into the model. Names are left empty for the naming pass.
pub fn lower(doc: &OpenAPI, options: Options) -> Result<Unnamed> {
    let mut lowerer = Lowerer {
        doc,
        types: Vec::new(),
        components: BTreeMap::new(),
        resolving: BTreeSet::new(),
        places: BTreeMap::new(),
        json: std::cell::OnceCell::new(),
        files: false,
        depth: 0,
        limitations: Vec::new(),
        operation: None,
    };
    let schemes = lowerer.schemes()?;
    let operations = lowerer.operations()?;
    let webhooks = lowerer.webhooks()?;
    if operations.is_empty() && webhooks.is_empty() {
        return Err(Error::at(
            "#/paths",
            "the document has no operations and no webhooks: a crate would have nothing in it",
        ));
    }
    lowerer.named_components()?;
    let mut api = Api {
        title: doc.info.title.clone(),
        version: doc.info.version.clone(),
        description: doc.info.description.clone(),
        server_url: doc
            .servers
            .first()
            .map(|s| s.url.trim_end_matches('/').to_owned()),
        retries: extensions::retries(doc)?,
        group_docs: group_docs(doc, &operations),
        schemes: Vec::new(),
        operations: operations.into_iter().map(|(op, _)| op).collect(),
        webhooks,
        dispatch: None,
        types: lowerer.types,
        aliases: Vec::new(),
        limitations: lowerer.limitations,
    };
    api.schemes = security::keep_used(schemes, &mut api.operations);
    named::merge(&mut api, options.share_copies)?;
    api.types = cycles::box_cycles(api.types, &api.operations)?;
    direction::mark_received_only(&mut api);
    limits::attribute(&mut api);
    Ok(api)
}

/// The description of each group: its tag's, or for an `x-speakeasy-group` the one of the
/// first tag of its first operation that has one.
fn group_docs(
    doc: &OpenAPI,
    operations: &[(Operation<()>, Option<&String>)],
) -> BTreeMap<String, String> {
    let tag_doc = |name: &str| {
        doc.tags
            .iter()
            .find(|t| t.name == name)
            .and_then(|t| t.description.clone())
    };
    let mut docs: BTreeMap<String, String> = BTreeMap::new();
    for (op, tag) in operations {
        if let Some(text) = tag.and_then(|t| tag_doc(t)) {
            docs.entry(op.group.clone()).or_insert(text);
        }
    }
    docs
}

/// The lowering's state: the document, and the types declared so far.
pub(crate) struct Lowerer<'a> {
    doc: &'a OpenAPI,
    types: Vec<TypeDef<()>>,
    /// Component schemas already declared, by name.
    components: BTreeMap<String, TypeId>,
    /// The places `$ref`s point to that are being lowered, by JSON pointer, to refuse a
    /// reference cycle with no type in between.
    resolving: BTreeSet<String>,
    /// Every declared type by its place (site, property path and JSON pointer), so that a
    /// `$ref` to a place and the place itself are one type.
    places: BTreeMap<(Site, Vec<String>, String), TypeId>,
    /// The document as JSON, made on the first `$ref` to a place that is not a component.
    json: std::cell::OnceCell<serde_json::Value>,
    /// Whether `format: binary` strings are files: inside a `multipart/form-data` body.
    files: bool,
    /// How many schemas deep the lowering is, to refuse endless nesting.
    depth: usize,
    /// What has been generated in a looser form so far (see the module docs).
    limitations: Vec<Limitation>,
    /// The operation being lowered, by index, which a limitation found meanwhile concerns.
    operation: Option<usize>,
}

impl<'a> Lowerer<'a> {
    /// Declares the component schemas that named inline schemas are named like, so that an
    /// inline schema of a component's shape is that component's type.
    fn named_components(&mut self) -> Result<()> {
        let names: BTreeSet<String> = self
            .types
            .iter()
            .filter_map(|t| t.given.as_ref().filter(|g| g.path.is_empty()))
            .map(|g| g.name.clone())
            .collect();
        let schemas = self.doc.components.as_ref().map(|c| &c.schemas);
        for name in names {
            if schemas.is_some_and(|s| s.contains_key(&name))
                && !self.components.contains_key(&name)
            {
                let reference = format!("{}{name}", schema::SCHEMA_PREFIX);
                self.schema(
                    &ReferenceOr::Reference { reference },
                    &Cursor::new(&Site::Component(name.clone()), String::new()),
                )?;
            }
        }
        Ok(())
    }

    /// Follows a `$ref` into `components.{kind}`, refusing dangling references and cycles.
    /// A `$ref` into another place of the document (`#/components/requestBodies/X` for a
    /// response) whose target reads as the right kind of object is read as meant, with a
    /// warning.
    fn resolve<'d, T>(
        &mut self,
        item: &'d ReferenceOr<T>,
        kind: &str,
        at: &str,
        section: impl Fn(&'d openapiv3::Components) -> &'d indexmap::IndexMap<String, ReferenceOr<T>>,
    ) -> Result<std::borrow::Cow<'d, T>>
    where
        'a: 'd,
        T: Clone + serde::de::DeserializeOwned,
    {
        let mut item = item;
        for _ in 0..16 {
            match item {
                ReferenceOr::Item(value) => return Ok(std::borrow::Cow::Borrowed(value)),
                ReferenceOr::Reference { reference } => {
                    let prefix = format!("#/components/{kind}/");
                    let target = reference.strip_prefix(&prefix).and_then(|name| {
                        self.doc
                            .components
                            .as_ref()
                            .map(&section)
                            .and_then(|s| s.get(name))
                    });
                    item = match target {
                        Some(target) => target,
                        None if reference.starts_with(&prefix) => {
                            return Err(Error::at(
                                at,
                                format!("`$ref: {reference}` points to nothing"),
                            ));
                        }
                        None => return self.elsewhere(reference, kind, at),
                    };
                }
            }
        }
        Err(Error::at(at, "a chain of `$ref`s that never ends"))
    }

    /// The object a `$ref` outside `components.{kind}` points to, read as that kind of
    /// object, or the error that says it is not one.
    fn elsewhere<'d, T: serde::de::DeserializeOwned + Clone>(
        &mut self,
        reference: &str,
        kind: &str,
        at: &str,
    ) -> Result<std::borrow::Cow<'d, T>> {
        let wrong = || {
            Error::at(
                at,
                format!("`$ref: {reference}` must point into #/components/{kind}/"),
            )
        };
        let json = self.json.get_or_init(|| {
            serde_json::to_value(self.doc).expect("an OpenAPI document serializes")
        });
        let target = reference
            .strip_prefix('#')
            .and_then(|pointer| json.pointer(pointer))
            .ok_or_else(wrong)?;
        // A `$ref` there again: its target is not resolved twice over.
        if target.get("$ref").is_some() {
            return Err(wrong());
        }
        let value: T = serde_json::from_value(target.clone()).map_err(|_| wrong())?;
        self.limit(
            at,
            format!("`$ref: {reference}`"),
            format!("a reference to the object there, read as one of #/components/{kind}/"),
            format!("a `$ref` here must point into #/components/{kind}/, and the object there reads as one (read as meant)"),
        );
        Ok(std::borrow::Cow::Owned(value))
    }
}

#[cfg(test)]
mod tests;
