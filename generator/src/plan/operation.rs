//! The plan of one operation: its inputs and how each is taken and written, what `send()`
//! succeeds and fails with, its paging, and the runtime modules all of that needs.

use std::borrow::Cow;
use std::collections::BTreeSet;

use super::outcomes::{ErrorCase, Success, errors, returns, success};
use super::rust::{Parameter, RustType};
use super::values::Values;
use super::{Presence, size};
use crate::config::Config;
use crate::ir::{
    Alternative, AlternativeKind, Api, Encoding, Field, Hints, InputSource, Member, Operation,
    ParamLocation, Status, Style, Type, TypeId, TypeKind,
};
use crate::naming::{Name, OperationNames};
use crate::runtime::Module;

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
    pub body_model: Option<(TypeId, RustType)>,
    pub success: Success<'a>,
    /// What `send()` succeeds with, inside its `ResponseValue`.
    pub returns: RustType,
    /// One per documented error status, in the order of the responses.
    pub errors: Vec<ErrorCase<'a>>,
    /// Whether an error variant is so much larger than the others that clippy's
    /// `large_enum_variant` would ask to box it (see `plan/size.rs`).
    pub large_error: bool,
    /// Whether a status the document does not list is an `UnexpectedResponse` (there is no
    /// `default`).
    pub unexpected: bool,
    pub paging: Option<Paging<'a>>,
    pub example: super::Example,
    /// How its test doubles answer (the `test-util` feature).
    pub mock: super::MockPlan,
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
    /// The value's type.
    pub ty: RustType,
    /// How the argument or setter takes it.
    pub param: Parameter,
    /// Held in a `Box` by its model (a body field that breaks a cycle of types).
    pub boxed: bool,
    /// A secret: `Debug` redacts it.
    pub sensitive: bool,
    /// Whether the parameter's name is not its wire name in snake_case, which its docs say.
    pub renamed: bool,
    /// For an input with setters (one that is not a plain argument), the setter that takes an
    /// `Option`: `set_{name}`, whose `None` leaves the input unset, as if no setter had been
    /// called (aws-sdk-rust's `set_x`).
    pub set: Option<Name>,
    /// For a value that may be `null` (a nullable body field), the setter that sends an
    /// explicit `null`: `clear_{name}`.
    pub clear: Option<Name>,
    /// How `send()` writes it.
    pub written: Written,
}

/// Where an input comes from.
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

/// How `send()` writes an input's value: which adder of the runtime's `Request` takes it.
#[derive(Debug, Clone, PartialEq)]
pub enum Written {
    /// In the path, as text (a list's items joined by commas).
    Path,
    /// A query pair per value, as text.
    Query,
    /// The query pairs of its JSON in this style (the runtime's `style::pairs`): a value that
    /// is not text, or not in the default style (exploded `form`).
    StyledQuery(Style),
    /// A header per value; `secret` marks it sensitive.
    Header { secret: bool },
    /// A query pair, or a header, holding the value's JSON text: a parameter described by
    /// `content` of this JSON media type.
    Json {
        location: ParamLocation,
        media_type: String,
    },
    /// A field of the JSON body's model, sent with it; when the builder offers `as_form()`, how
    /// that writes it.
    JsonField { as_form: Option<FormValue> },
    /// The whole body: JSON, or raw bytes (text as UTF-8).
    Body,
    /// A field of a form-urlencoded body.
    Form(FormValue),
    /// A field of a multipart body.
    Part(PartValue),
}

impl Written {
    /// Whether the value is written by a style (the runtime's `style` module).
    pub fn styled(&self) -> bool {
        matches!(
            self,
            Written::StyledQuery(_)
                | Written::Form(FormValue::Styled(_))
                | Written::JsonField {
                    as_form: Some(FormValue::Styled(_))
                }
        )
    }
}

/// How a form-urlencoded field is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormValue {
    /// A pair per value, as text.
    Text,
    /// The pairs of its JSON in this style: an object, a map, any JSON or a list of them, as
    /// a `deepObject` (`address[city]=Paris`).
    Styled(Style),
}

/// What a multipart field's parts hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PartValue {
    /// Text, a part per value.
    Text,
    /// A file, a part per file.
    File,
    /// Its JSON under this `Content-Type` (for an array, a part per item): an object, a map,
    /// any JSON or a list of them.
    Json(String),
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
    /// The type of an item.
    pub item: RustType,
}

/// Plans operation number `index` of `api`, a method of the group module `module`, with the
/// names the naming pass gave it, recording the runtime modules it needs.
pub(super) fn operation<'a>(
    api: &'a Api,
    config: &Config,
    values: &Values,
    module: &Name,
    (index, names): (usize, OperationNames),
    modules: &mut BTreeSet<Module>,
) -> OperationPlan<'a> {
    let op = &api.operations[index];
    let inputs: Vec<Input> = (api.inputs(op).into_iter())
        .zip(names.inputs)
        .map(|(source, name)| input(api, config, op, source, name, modules))
        .collect();
    let errors = errors(api, op, names.error_variants);
    let unexpected = !op.responses.iter().any(|r| r.status == Status::Default);
    let success = success(api, op, names.success);
    modules.insert(Module::Http);
    if matches!(
        op.body.as_ref().map(|b| &b.encoding),
        Some(Encoding::Multipart(_))
    ) {
        modules.insert(Module::Multipart);
    }
    let paging = paging(api, config, op, &inputs);
    if paging.is_some() {
        modules.insert(Module::Paginate);
    }
    let error_sizes = errors
        .iter()
        .map(|e| e.ty.as_ref().map_or(0, |t| size::of(api, t)));
    let example = super::example::example(values, module, &names.method, op, &inputs);
    let mock = super::mock::mock(op, &success, &errors);
    OperationPlan {
        op,
        index,
        builder: names.builder,
        error: names.error,
        example_fn: names.example_fn,
        method: names.method,
        body_model: body_model(api, op),
        returns: returns(api, &success),
        success,
        large_error: size::large_variant(error_sizes),
        errors,
        unexpected,
        paging,
        example,
        inputs,
        mock,
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

fn input<'a>(
    api: &Api,
    config: &Config,
    op: &Operation,
    source: InputSource<'a>,
    name: Name,
    modules: &mut BTreeSet<Module>,
) -> Input<'a> {
    let (value, kind, boxed) = match source {
        InputSource::Param(p) => (Cow::Borrowed(&p.value), InputKind::Param(p.location), false),
        InputSource::BodyField(_, f) => (Cow::Borrowed(&f.value), InputKind::BodyField(f), f.boxed),
        InputSource::FormField(f) => (Cow::Borrowed(&f.value), InputKind::FormField, false),
        InputSource::Body(body, ty) => (Cow::Owned(body_member(body, ty)), InputKind::Body, false),
    };
    // Parameters and form fields have no `null`: leaving one out is all there is.
    let nullable = value.nullable && matches!(kind, InputKind::BodyField(_));
    let presence = Presence::of(&value.ty, value.required, nullable);
    let set = (presence != Presence::Required).then(|| Name::new(format!("set_{name}")));
    // Any JSON holds `null` itself, but a nullable one says so: it has `clear_` too.
    let clear =
        (nullable && presence != Presence::Required).then(|| Name::new(format!("clear_{name}")));
    let sensitive = matches!(kind, InputKind::Param(_)) && config.is_sensitive(&value.wire);
    let written = written(api, op, &source, &value, sensitive);
    if written.styled() {
        modules.insert(Module::Style);
    }
    let param = Parameter::of(api, &value.ty);
    Input {
        written,
        set,
        clear,
        renamed: matches!(kind, InputKind::Param(_))
            && crate::naming::snake(&value.wire) != name.as_str(),
        name,
        presence,
        sensitive,
        ty: RustType::of(api, &value.ty),
        param,
        value,
        kind,
        boxed,
    }
}

/// What the document says of a whole body, as of an input named `body`.
fn body_member(body: &crate::ir::Body, ty: &Type) -> Member {
    Member {
        wire: "body".to_owned(),
        ty: ty.clone(),
        required: true,
        nullable: false,
        doc: body.doc.clone(),
        deprecated: false,
        hints: Hints::default(),
    }
}

/// How `send()` writes an input of `op` with this value.
fn written(
    api: &Api,
    op: &Operation,
    source: &InputSource,
    value: &Member,
    sensitive: bool,
) -> Written {
    let structured = value.ty.is_structured(&api.types);
    let form = |structured: bool| match structured {
        true => FormValue::Styled(Style::DeepObject),
        false => FormValue::Text,
    };
    match source {
        InputSource::Param(p) if p.content.is_some() => Written::Json {
            location: p.location,
            media_type: p.content.clone().unwrap_or_default(),
        },
        InputSource::Param(p) => match p.location {
            ParamLocation::Path => Written::Path,
            ParamLocation::Header => Written::Header { secret: sensitive },
            ParamLocation::Query => {
                let text = value.ty.is_textual(&api.types, false);
                match p.style == Style::default() && text {
                    true => Written::Query,
                    false => Written::StyledQuery(p.style),
                }
            }
        },
        InputSource::BodyField(..) => Written::JsonField {
            as_form: (op.alternatives.iter())
                .any(|a| a.kind == AlternativeKind::Form)
                .then(|| form(structured)),
        },
        InputSource::Body(..) => Written::Body,
        InputSource::FormField(_) => match op.body.as_ref().map(|b| (b, &b.encoding)) {
            Some((body, Encoding::Multipart(_))) => Written::Part(match &value.ty {
                _ if structured => PartValue::Json(
                    (body.part_types.get(&value.wire).cloned())
                        .unwrap_or_else(|| "application/json".to_owned()),
                ),
                Type::File => PartValue::File,
                Type::Array(item) if **item == Type::File => PartValue::File,
                _ => PartValue::Text,
            }),
            _ => Written::Form(form(structured)),
        },
    }
}

/// The model of a JSON body that is a struct: its fields are the operation's inputs.
fn body_model(api: &Api, op: &Operation) -> Option<(TypeId, RustType)> {
    let ty = op.body.as_ref()?.json()?;
    let Type::Named(id) = ty else {
        return None;
    };
    matches!(api.ty(*id).kind, TypeKind::Struct(_)).then(|| (*id, RustType::of(api, ty)))
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
        item: RustType::of(api, item),
    })
}
