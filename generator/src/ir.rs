//! The intermediate model: plain owned data, lowered once from the document.
//!
//! Nothing here refers to `openapiv3` or to token streams. Every `$ref` is resolved while
//! lowering, and every named thing keeps its wire name beside its Rust name. The type says
//! whether the model is named yet: the lowering makes an [`Unnamed`] model, with `()` where
//! the Rust names go, and the naming pass turns it into an [`Api`], every name filled in.
//!
//! The parts of the model are one module each, re-exported here, so that every path names
//! them as `crate::ir::X`:
//! - `types`: the shape of a value ([`Type`]) and the types the crate declares ([`TypeDef`]),
//!   with their fields, variants and where each was declared;
//! - `operations`: methods, parameters, request bodies and responses;
//! - `status`: a documented status, which responses and retries name;
//! - `security`: the security schemes;
//! - `webhooks`: the events the API sends its users;
//! - `limitations`: what is generated in a looser form than the document describes.

use std::collections::BTreeMap;

mod limitations;
mod operations;
mod security;
mod status;
mod types;
mod webhooks;

pub use limitations::Limitation;
pub use operations::{
    Alternative, AlternativeKind, Body, Encoding, Method, Operation, Param, ParamLocation,
    Response, Style,
};
pub use security::{BearerOrigin, KeyLocation, SchemeKind, SecurityScheme};
pub use status::Status;
pub use types::{
    Alias, Branch, Choice, Field, FieldSets, GivenName, Hints, IntWidth, Member, Merged, Origin,
    Position, TimeUnit, Type, TypeDef, TypeId, TypeKind, Union, UnionVariant, Variant,
};
pub use webhooks::Webhook;

/// The model as the lowering makes it, before the naming pass.
pub type Unnamed = Api<()>;

/// The whole API: `N` is `String` once named (see [`Unnamed`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Api<N = String> {
    pub title: String,
    /// `info.version`: the API's own version (Clerk uses release dates), not the crate's.
    pub version: String,
    pub description: Option<String>,
    /// The first entry of `servers`, used as the client's default base URL.
    pub server_url: Option<String>,
    /// The document-wide `x-speakeasy-retries` block, if any.
    pub retries: Option<Retries>,
    /// Descriptions of the groups (tags), by group name.
    pub group_docs: BTreeMap<String, String>,
    /// Named types, addressed by [`TypeId`].
    pub types: Vec<TypeDef<N>>,
    /// The names a type also answers to: where the document names an inline schema (a
    /// `title`), the name its place would give it otherwise, so that code using that name
    /// keeps compiling.
    pub aliases: Vec<Alias<N>>,
    /// Operations in document order (paths, then methods in a fixed order).
    pub operations: Vec<Operation<N>>,
    /// The security schemes some operation uses, in `components.securitySchemes` order; an
    /// operation's [`security`](Operation::security) addresses them by index.
    pub schemes: Vec<SecurityScheme<N>>,
    /// The webhooks, the events the API sends its users (3.1 `webhooks`, else a 3.0
    /// document's `x-webhooks`), in document order.
    pub webhooks: Vec<Webhook<N>>,
    /// The payload property that names each webhook's event (`type`): the config's, else the
    /// `discriminator` every payload names; `None` without webhooks or without either, when
    /// the webhooks are their payloads' types only (see `lower::webhooks::dispatch`).
    pub dispatch: Option<String>,
    /// What the generator could not type exactly and generated in a looser form, in document
    /// order: each is a warning at generation, a line of the README's "Limitations" and of
    /// its operations' docs, and an entry of `api-surface.json`.
    pub limitations: Vec<Limitation>,
}

/// `x-speakeasy-retries`, with the document's values.
#[derive(Debug, Clone, PartialEq)]
pub struct Retries {
    pub initial_interval_ms: u64,
    pub max_interval_ms: u64,
    pub max_elapsed_ms: u64,
    pub exponent: f64,
    /// Exact codes and `NXX` classes.
    pub status_codes: Vec<Status>,
    pub retry_connection_errors: bool,
}

impl<N> Api<N> {
    pub fn ty(&self, id: TypeId) -> &TypeDef<N> {
        &self.types[id.0]
    }

    /// Walks the named types a value of `ty` may contain, `ty`'s own included, through arrays,
    /// maps, tuples, fields and variants: `enter` is called on each named type met, and the walk
    /// goes into it only when `enter` returns true (the first time, for a caller that marks
    /// what it has seen).
    pub fn walk<'a>(&'a self, ty: &'a Type, mut enter: impl FnMut(TypeId) -> bool) {
        let mut stack = vec![ty];
        while let Some(ty) = stack.pop() {
            match ty {
                Type::Named(id) if enter(*id) => stack.extend(self.ty(*id).kind.types()),
                Type::Array(inner) | Type::Map(inner) => stack.push(inner),
                Type::Tuple(items) => stack.extend(items),
                _ => {}
            }
        }
    }

    /// Replaces every reference to a type, in types, operations and aliases, by `f` of it.
    pub fn map_type_ids(&mut self, f: impl Fn(TypeId) -> TypeId) {
        let mut types: Vec<&mut Type> = Vec::new();
        for def in &mut self.types {
            match &mut def.kind {
                TypeKind::Struct(fields) => {
                    types.extend(fields.iter_mut().map(|f| &mut f.value.ty))
                }
                TypeKind::Union(union) => {
                    types.extend(union.variants.iter_mut().map(|v| &mut v.ty))
                }
                TypeKind::Enum(_) => {}
            }
        }
        for op in &mut self.operations {
            types.extend(op.params.iter_mut().map(|p| &mut p.value.ty));
            let bodies = op.responses.iter_mut().filter_map(|r| r.body.as_mut());
            for body in bodies.chain(op.body.as_mut()) {
                match &mut body.encoding {
                    Encoding::Json(ty) => types.push(ty),
                    Encoding::Multipart(fields) | Encoding::Form(fields) => {
                        types.extend(fields.iter_mut().map(|f| &mut f.value.ty))
                    }
                    Encoding::Text | Encoding::Bytes => {}
                }
            }
        }
        types.extend(self.webhooks.iter_mut().map(|w| &mut w.payload));
        for ty in types {
            ty.map_ids(&f);
        }
        for alias in &mut self.aliases {
            alias.target = f(alias.target);
        }
    }

    /// The alias named after the top-level schema of operation number `operation` at the
    /// position `at` says, if that schema is a named type.
    pub fn alias_at(&self, operation: usize, at: impl Fn(&Position) -> bool) -> Option<&Alias<N>> {
        self.aliases.iter().find(|a| match &a.origin {
            Origin::Inline {
                operation: o,
                position,
                path,
                ..
            } => *o == operation && path.is_empty() && at(position),
            Origin::Component { .. } | Origin::Webhook { .. } => false,
        })
    }

    /// Every type written in the model: the fields and variants of the named types, and the
    /// parameters and bodies of the operations (not looking inside named types).
    pub fn written_types(&self) -> impl Iterator<Item = &Type> {
        let in_types = self.types.iter().flat_map(|def| def.kind.types());
        let in_operations = self.operations.iter().flat_map(Operation::types);
        in_types.chain(in_operations)
    }

    /// Operations grouped by their group name, groups sorted by name.
    pub fn groups(&self) -> BTreeMap<&str, Vec<&Operation<N>>> {
        let mut groups: BTreeMap<&str, Vec<&Operation<N>>> = BTreeMap::new();
        for op in &self.operations {
            groups.entry(op.group.as_str()).or_default().push(op);
        }
        groups
    }
}

impl Api {
    /// What the caller of `op` gives, in order: its parameters, then the fields of its body
    /// (a JSON body that is an object gives its properties, any other JSON body is one
    /// input, a form gives its fields).
    pub fn inputs<'a>(&'a self, op: &'a Operation) -> Vec<InputSource<'a>> {
        let mut inputs: Vec<InputSource> = op.params.iter().map(InputSource::Param).collect();
        match op.body.as_ref().map(|b| (b, &b.encoding)) {
            Some((body, Encoding::Json(ty))) => match ty {
                Type::Named(id) => match &self.ty(*id).kind {
                    TypeKind::Struct(fields) => {
                        inputs.extend(fields.iter().map(|f| InputSource::BodyField(*id, f)))
                    }
                    _ => inputs.push(InputSource::Body(body, ty)),
                },
                _ => inputs.push(InputSource::Body(body, ty)),
            },
            Some((_, Encoding::Multipart(fields) | Encoding::Form(fields))) => {
                inputs.extend(fields.iter().map(InputSource::FormField))
            }
            // A raw body is one input of its own type: a string for text, bytes otherwise.
            Some((body, Encoding::Text)) => inputs.push(InputSource::Body(body, &TEXT)),
            Some((body, Encoding::Bytes)) => inputs.push(InputSource::Body(body, &BYTES)),
            None => {}
        }
        inputs
    }
}

/// The type of a text body's input.
static TEXT: Type = Type::String;
/// The type of a bytes body's input.
static BYTES: Type = Type::Bytes;

/// One input of an operation, as the document declares it: see [`Api::inputs`].
#[derive(Debug, Clone, Copy)]
pub enum InputSource<'a> {
    Param(&'a Param),
    /// A property of the JSON body, a struct of the given type.
    BodyField(TypeId, &'a Field),
    /// The whole body: JSON that is not a struct, text or bytes.
    Body(&'a Body, &'a Type),
    /// A field of a multipart or form-urlencoded body.
    FormField(&'a Field),
}

impl InputSource<'_> {
    /// The Rust name the naming pass gave the parameter or field (`body` for a whole body).
    pub fn name(&self) -> &str {
        match self {
            InputSource::Param(p) => &p.name,
            InputSource::BodyField(_, f) | InputSource::FormField(f) => &f.name,
            InputSource::Body(..) => "body",
        }
    }
}

// This is here rather than beside `Origin` in `types`, which stays below the operations that
// an origin names.
impl Origin {
    /// Where a type comes from, for messages.
    pub fn describe<N>(&self, operations: &[Operation<N>]) -> String {
        match self {
            Origin::Component { name, path } => {
                let mut pointer = crate::error::pointer("#/components/schemas", name);
                for segment in path {
                    pointer = crate::error::pointer(&pointer, segment);
                }
                pointer
            }
            Origin::Inline {
                operation,
                position,
                path,
                ..
            } => {
                let op = &operations[*operation];
                let place = match position {
                    Position::Parameter(name) => format!("parameter `{name}`"),
                    Position::RequestBody => "request body".to_owned(),
                    Position::Success => "success response".to_owned(),
                    Position::Error { status, .. } => format!("{status} response"),
                };
                let path = if path.is_empty() {
                    String::new()
                } else {
                    format!(", property `{}`", path.join("."))
                };
                format!("{} ({place}{path})", op.pointer)
            }
            Origin::Webhook { key, path, .. } => match path.is_empty() {
                true => format!("the payload of the webhook `{key}`"),
                false => format!(
                    "the payload of the webhook `{key}`, property `{}`",
                    path.join(".")
                ),
            },
        }
    }
}
