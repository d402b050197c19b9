//! The plan: every decision about the crate's operations, made once after naming.
//!
//! Per group its module, handle and page; per operation its final Rust names beside the wire
//! facts of the model, its inputs and how each is held, its success type, its error type and
//! variants, its paging and its example. The Rust emitters, the docs pages, the example
//! programs and `api-surface.json` all read the plan and decide nothing of their own, so they
//! cannot disagree.

mod example;
mod pattern;
mod values;

use std::borrow::Cow;
use std::collections::BTreeMap;

use crate::config::Config;
use crate::ir::{
    Alternative, AlternativeKind, Api, Encoding, Field, Hints, InputSource, Member, Operation,
    ParamLocation, Response, Status, Style, Type, TypeId, TypeKind,
};
use crate::naming::{CrateNames, Name};

pub use example::Example;

/// The plan of the whole crate.
#[derive(Debug)]
pub struct Plan<'a> {
    pub api: &'a Api,
    pub config: &'a Config,
    /// Groups sorted by their name in the document.
    pub groups: Vec<Group<'a>>,
}

/// A group of operations (a tag): a module with a handle type, a docs page and an example
/// program.
#[derive(Debug)]
pub struct Group<'a> {
    /// The group as the document names it (`API Keys`); empty for operations without a tag.
    pub wire: &'a str,
    /// `api_keys`: the module, and the client's accessor of the handle.
    pub module: Name,
    /// `ApiKeys`: the handle type.
    pub handle: Name,
    /// The file name of `docs/{page}.md`.
    pub page: String,
    /// The example program `examples/{example}.rs` (see [`crate::naming::GroupNames`]).
    pub example: String,
    pub operations: Vec<OperationPlan<'a>>,
}

/// Everything the generated crate says about one operation.
#[derive(Debug)]
pub struct OperationPlan<'a> {
    /// The operation's wire facts: id, method, path, docs, responses.
    pub op: &'a Operation,
    /// Its index in [`Api::operations`], the document's order.
    pub index: usize,
    /// The method on the group handle.
    pub method: Name,
    pub builder: Name,
    pub error: Name,
    /// The function that runs the example in `examples/{page}.rs`.
    pub example_fn: Name,
    /// Parameters, then body fields (or the whole body), in the document's order.
    pub inputs: Vec<Input<'a>>,
    /// The model of a JSON body whose fields are inputs.
    pub body_model: Option<TypeId>,
    pub success: Success<'a>,
    /// One per documented error status, in the order of the responses.
    pub errors: Vec<ErrorCase<'a>>,
    /// Whether a status the document does not list is an `UnexpectedResponse` (there is no `default`).
    pub unexpected: bool,
    pub paging: Option<Paging<'a>>,
    pub example: Example,
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

/// One input of an operation: an argument of its method when required, else a setter of its
/// builder.
#[derive(Debug)]
pub struct Input<'a> {
    /// The argument or setter name, and the builder's field that stores it.
    pub name: Name,
    /// What the document says of it: the parameter's or field's own, or for a whole body one
    /// made from the body (named `body` on the wire).
    pub value: Cow<'a, Member>,
    pub presence: Presence,
    pub kind: InputKind<'a>,
    /// Held in a `Box` by its model (a body field that breaks a cycle of types).
    pub boxed: bool,
    /// A secret: `Debug` redacts it.
    pub sensitive: bool,
    /// For a value that may be `null` (a nullable body field), the setter that takes an
    /// `Option`, `None` sending `null`: `set_{name}`.
    pub set_null: Option<Name>,
    /// How `send()` writes it, in the query or a form body.
    pub written: Written,
}

/// How `send()` writes an input's value.
#[derive(Debug, Clone, PartialEq)]
pub enum Written {
    /// As text: one pair, header or part per value (an array's items each); or as a whole
    /// body.
    Text,
    /// As the pairs of its JSON in this style (the runtime's `style::pairs`): a query
    /// parameter that is not text or not of the default style (exploded `form`), or a field of
    /// a form-urlencoded body (or of a JSON body sent `as_form()`) that is an object, a map,
    /// any JSON or a list of them, as a `deepObject` (`address[city]=Paris`).
    Pairs(Style),
    /// As a multipart part holding its JSON (for an array, a part per item), under this
    /// `Content-Type`: a multipart field that is an object, a map, any JSON or a list of them.
    JsonPart(String),
}

impl Input<'_> {
    /// How its argument or setter takes its value.
    pub fn accept(&self) -> Accept {
        Accept::of(&self.value.ty)
    }
}

/// How a setter or a method argument takes a value of its input's type. The generated code,
/// the docs pages and `api-surface.json` all read it from here.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Accept {
    /// The type itself: integers (with `impl Into<u32>`, the literal `10` would fall back to
    /// `i32` and not compile), booleans and files.
    Exact,
    /// `impl Into<T>`: strings, models and `f64` (which integer literals convert into).
    Into,
    /// `impl IntoIterator<Item = …>`, each item taken as this says: an array.
    Items(Box<Accept>),
    /// `impl IntoIterator<Item = (impl Into<String>, …)>`, each value taken as this says: a
    /// map.
    Entries(Box<Accept>),
    /// `impl serde::Serialize`: a value that holds any JSON, or an array or map of them,
    /// converted when set. A value that cannot be converted makes `send()` fail with a
    /// configuration error, and nothing is sent.
    Json,
}

impl Accept {
    pub fn of(ty: &Type) -> Accept {
        fn any(ty: &Type) -> bool {
            match ty {
                Type::Any => true,
                Type::Array(item) | Type::Map(item) => any(item),
                _ => false,
            }
        }
        if any(ty) {
            return Accept::Json;
        }
        match ty {
            Type::String | Type::Number | Type::Named(_) | Type::Bytes => Accept::Into,
            Type::Integer(_)
            | Type::Boolean
            | Type::File
            | Type::Any
            | Type::Null
            | Type::Tuple(_) => Accept::Exact,
            Type::Array(item) => Accept::Items(Box::new(Accept::of(item))),
            Type::Map(value) => Accept::Entries(Box::new(Accept::of(value))),
        }
    }

    /// The parameter's type as users read it, `type_name` naming the stored types:
    /// `impl IntoIterator<Item = impl Into<String>>`.
    pub fn describe(&self, ty: &Type, type_name: &dyn Fn(&Type) -> String) -> String {
        match (self, ty) {
            (Accept::Exact, ty) => type_name(ty),
            (Accept::Into, ty) => format!("impl Into<{}>", type_name(ty)),
            (Accept::Items(item), Type::Array(ty)) => {
                format!("impl IntoIterator<Item = {}>", item.describe(ty, type_name))
            }
            (Accept::Entries(value), Type::Map(ty)) => format!(
                "impl IntoIterator<Item = (impl Into<String>, {})>",
                value.describe(ty, type_name)
            ),
            (Accept::Json, _) => "impl Serialize".to_owned(),
            (_, ty) => type_name(ty),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum InputKind<'a> {
    Param(ParamLocation),
    /// A field of the body model.
    BodyField(&'a Field),
    /// The whole body, when it is not a struct.
    Body,
    /// A field of a multipart or form-urlencoded body.
    FormField,
}

/// What `send()` succeeds with.
#[derive(Debug, Clone, PartialEq)]
pub enum Success<'a> {
    /// A JSON body; `optional` when a success is also documented without one (`204`).
    Json { ty: &'a Type, optional: bool },
    /// A body of another media type, handed over as bytes.
    Bytes,
    /// No success has a body.
    Empty,
    /// Success bodies of more than one type or media type: the enum `name`, declared in the
    /// group's module, with one variant per documented success status.
    ByStatus {
        name: Name,
        cases: Vec<SuccessCase<'a>>,
    },
}

/// A documented success status and its variant of the operation's success enum.
#[derive(Debug, Clone, PartialEq)]
pub struct SuccessCase<'a> {
    pub response: &'a Response,
    pub variant: Name,
    pub body: CaseBody<'a>,
}

/// What a variant of a success enum holds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum CaseBody<'a> {
    /// The decoded JSON body.
    Json(&'a Type),
    /// A body of another media type, as bytes.
    Bytes,
    /// Nothing: the status documents no body.
    Empty,
}

impl Success<'_> {
    /// Whether `send()` answers an undocumented `2XX` status with an `UnexpectedResponse`:
    /// a success enum has no variant for it unless the document lists the `2XX` range. The
    /// other successes take any `2XX` status, since the API may answer `201` where it
    /// documents `200`.
    pub fn refuses_other_2xx(&self) -> bool {
        match self {
            Success::ByStatus { cases, .. } => {
                !cases.iter().any(|c| c.response.status == Status::Range(2))
            }
            _ => false,
        }
    }
}

/// A documented error status and its variant of the operation's error type.
#[derive(Debug)]
pub struct ErrorCase<'a> {
    pub response: &'a Response,
    pub variant: Name,
    /// The JSON body the variant carries; `None` for a status without a JSON body.
    pub body: Option<&'a Type>,
}

/// Offset paging, for an operation that follows the configured pattern: an optional number
/// query parameter for the offset, another for the page size, and a success body with an
/// array of items and a number that counts them across pages.
#[derive(Debug)]
pub struct Paging<'a> {
    /// Indexes into [`OperationPlan::inputs`].
    pub offset: usize,
    pub limit: usize,
    /// The fields of the success body.
    pub items: &'a Field,
    pub total: &'a Field,
    pub item: &'a Type,
}

/// Plans the crate for the named model.
pub fn plan<'a>(api: &'a Api, config: &'a Config, names: CrateNames) -> Plan<'a> {
    let values = values::Values::new(api, config);
    let mut operations: BTreeMap<&str, Vec<OperationPlan>> = BTreeMap::new();
    for (index, (op, op_names)) in api.operations.iter().zip(names.operations).enumerate() {
        let module = &names.groups[&op.group].module;
        let inputs: Vec<Input> = api
            .inputs(op)
            .into_iter()
            .zip(op_names.inputs)
            .map(|(source, name)| input(api, config, op, source, name))
            .collect();
        let example = example::example(&values, module, &op_names.method, op, &inputs);
        let errors = op
            .responses
            .iter()
            .filter(|r| !r.status.is_success())
            .zip(op_names.error_variants)
            .map(|(response, variant)| ErrorCase {
                response,
                variant,
                body: response.body.as_ref().and_then(|b| b.json()),
            })
            .collect();
        let plan = OperationPlan {
            op,
            index,
            method: op_names.method,
            builder: op_names.builder,
            error: op_names.error,
            example_fn: op_names.example_fn,
            body_model: body_model(api, op),
            success: success(op, op_names.success),
            errors,
            unexpected: !op.responses.iter().any(|r| r.status == Status::Default),
            paging: paging(api, config, op, &inputs),
            inputs,
            example,
        };
        operations.entry(op.group.as_str()).or_default().push(plan);
    }
    let groups = operations
        .into_iter()
        .map(|(wire, operations)| {
            let names = &names.groups[wire];
            Group {
                wire,
                module: names.module.clone(),
                handle: names.handle.clone(),
                page: names.page.clone(),
                example: names.example.clone(),
                operations,
            }
        })
        .collect();
    Plan {
        api,
        config,
        groups,
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
    pub fn group_of(&self, op: &Operation) -> Option<&Group<'a>> {
        self.groups.iter().find(|g| g.wire == op.group)
    }
}

impl OperationPlan<'_> {
    /// The inputs the method takes as arguments, in order.
    pub fn arguments(&self) -> impl Iterator<Item = &Input<'_>> {
        self.inputs
            .iter()
            .filter(|i| i.presence == Presence::Required)
    }

    /// The inputs that have setters.
    pub fn setters(&self) -> impl Iterator<Item = &Input<'_>> {
        self.inputs
            .iter()
            .filter(|i| i.presence != Presence::Required)
    }

    /// The media type the builder's `as_form()` sends the JSON body's fields as, if any.
    pub fn as_form(&self) -> Option<&Alternative> {
        self.alternative(AlternativeKind::Form)
    }

    /// The media type the builder's `body_bytes(…)` sends its bytes as, if any.
    pub fn body_bytes(&self) -> Option<&Alternative> {
        self.alternative(AlternativeKind::Bytes)
    }

    /// The body's other media types of this kind.
    pub fn alternatives(&self, kind: AlternativeKind) -> impl Iterator<Item = &str> {
        (self.op.alternatives.iter())
            .filter(move |a| a.kind == kind)
            .map(|a| a.media_type.as_str())
    }

    fn alternative(&self, kind: AlternativeKind) -> Option<&Alternative> {
        self.op.alternatives.iter().find(|a| a.kind == kind)
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

fn input<'a>(
    api: &Api,
    config: &Config,
    op: &Operation,
    source: InputSource<'a>,
    name: Name,
) -> Input<'a> {
    let (value, kind, boxed) = match source {
        InputSource::Param(p) => (Cow::Borrowed(&p.value), InputKind::Param(p.location), false),
        InputSource::BodyField(_, f) => (Cow::Borrowed(&f.value), InputKind::BodyField(f), f.boxed),
        InputSource::FormField(f) => (Cow::Borrowed(&f.value), InputKind::FormField, false),
        InputSource::Body(body, ty) => {
            let value = Member {
                wire: "body".to_owned(),
                ty: ty.clone(),
                required: true,
                nullable: false,
                doc: body.doc.clone(),
                deprecated: false,
                hints: Hints::default(),
            };
            (Cow::Owned(value), InputKind::Body, false)
        }
    };
    // Parameters and form fields have no `null`: leaving one out is all there is.
    let nullable = value.nullable && matches!(kind, InputKind::BodyField(_));
    let presence = Presence::of(&value.ty, value.required, nullable);
    let set_null = matches!(
        presence,
        Presence::RequiredNullable | Presence::OptionalNullable
    )
    .then(|| Name::new(format!("set_{}", name.as_str())));
    let structured = value.ty.is_structured(&api.types);
    let written = match source {
        InputSource::Param(p) if p.location == ParamLocation::Query => {
            let text = crate::emit::textual(api, &value.ty, false);
            match p.style == Style::default() && text {
                true => Written::Text,
                false => Written::Pairs(p.style),
            }
        }
        InputSource::FormField(_) | InputSource::BodyField(..) if structured => {
            match op.body.as_ref().map(|b| (b, &b.encoding)) {
                Some((body, Encoding::Multipart(_))) => Written::JsonPart(
                    (body.part_types.get(&value.wire).cloned())
                        .unwrap_or_else(|| "application/json".to_owned()),
                ),
                _ => Written::Pairs(Style::DeepObject),
            }
        }
        _ => Written::Text,
    };
    Input {
        written,
        set_null,
        name,
        presence,
        sensitive: matches!(kind, InputKind::Param(_)) && config.is_sensitive(&value.wire),
        value,
        kind,
        boxed,
    }
}

/// The model of a JSON body that is a struct: its fields are the operation's inputs.
fn body_model(api: &Api, op: &Operation) -> Option<TypeId> {
    let Type::Named(id) = op.body.as_ref()?.json()? else {
        return None;
    };
    matches!(api.ty(*id).kind, TypeKind::Struct(_)).then_some(*id)
}

/// The body of an operation's success: JSON (optional when a success is also documented
/// without a body, `200` with one and `204` without), other bytes, or none; or, when the
/// success bodies differ, the enum the naming pass named, a variant per success status.
fn success(op: &Operation, by_status: Option<(Name, Vec<Name>)>) -> Success<'_> {
    if let Some((name, variants)) = by_status {
        let successes = op.responses.iter().filter(|r| r.status.is_success());
        let cases = successes
            .zip(variants)
            .map(|(response, variant)| SuccessCase {
                response,
                variant,
                body: match &response.body {
                    None => CaseBody::Empty,
                    Some(body) => body.json().map_or(CaseBody::Bytes, CaseBody::Json),
                },
            })
            .collect();
        return Success::ByStatus { name, cases };
    }
    let bodiless = op
        .responses
        .iter()
        .any(|r| r.status.is_success() && r.body.is_none());
    let body = op
        .responses
        .iter()
        .filter(|r| r.status.is_success())
        .find_map(|r| r.body.as_ref());
    match body {
        None => Success::Empty,
        Some(body) => match body.json() {
            Some(ty) => Success::Json {
                ty,
                optional: bodiless,
            },
            None => Success::Bytes,
        },
    }
}

fn paging<'a>(
    api: &'a Api,
    config: &Config,
    op: &'a Operation,
    inputs: &[Input<'a>],
) -> Option<Paging<'a>> {
    let pattern = config.pagination.as_ref()?;
    // Pages are read from one body type.
    if op.success_by_status() {
        return None;
    }
    let number = |ty: &Type| matches!(ty, Type::Integer(_) | Type::Number);
    let query = |wire: &str| {
        inputs.iter().position(|i| {
            i.kind == InputKind::Param(ParamLocation::Query)
                && i.value.wire == wire
                && i.presence == Presence::Optional
                && number(&i.value.ty)
        })
    };
    let offset = query(&pattern.offset)?;
    let limit = query(&pattern.limit)?;
    let success = op.responses.iter().find(|r| r.status.is_success())?;
    let Type::Named(id) = success.body.as_ref()?.json()? else {
        return None;
    };
    let TypeKind::Struct(fields) = &api.ty(*id).kind else {
        return None;
    };
    let field = |wire: &str| {
        fields
            .iter()
            .find(|f| f.value.wire == wire && f.value.required && !f.value.nullable)
    };
    let items = field(&pattern.items)?;
    let total = field(&pattern.total).filter(|f| number(&f.value.ty))?;
    let Type::Array(item) = &items.value.ty else {
        return None;
    };
    Some(Paging {
        offset,
        limit,
        items,
        total,
        item,
    })
}

#[cfg(test)]
mod tests;
