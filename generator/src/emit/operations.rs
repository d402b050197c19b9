//! `src/{group}.rs`: a group's handle, one request builder and one error type per operation.

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use super::{
    Context, Presence, constraints_doc, doc, group_names, paragraphs, redacting_debug, sanitize,
    spec, type_tokens,
};
use crate::error::Result;
use crate::ir::{Encoding, Hints, Operation, ParamLocation, Status, Type, TypeId, TypeKind};
use crate::naming::{ident, pascal, type_name};

/// Names a builder keeps for its own per-call settings; an input with one of them gets a
/// `_param` suffix on its setter.
const RESERVED: &[&str] = &["send", "server_url", "timeout", "retries", "header"];

pub fn group_rs(cx: &Context, group: &str, ops: &[&Operation]) -> Result<TokenStream> {
    let names = group_names(group);
    let handle = &names.handle;
    let client = format_ident!("{}", cx.config.client.name);
    let about = spec(cx.api.group_docs.get(group).map(String::as_str));
    let title = if group.is_empty() {
        "Operations without a tag.".to_owned()
    } else {
        sanitize(group)
    };
    let module_doc = super::inner_doc(&paragraphs([Some(title.as_str()), about.as_deref()]));
    let handle_doc = doc(&format!(
        "The {} operations. Get it with [`{client}::{}`](crate::{client}::{}).",
        names.module, names.module, names.module
    ));
    let methods = ops
        .iter()
        .map(|op| method(cx, op))
        .collect::<Result<Vec<_>>>()?;
    let builders = ops.iter().map(|op| builder(cx, op));
    let errors = ops.iter().map(|op| error_enum(cx, op));
    Ok(quote! {
        #module_doc

        use crate::runtime;

        #handle_doc
        #[derive(Debug, Clone, Copy)]
        pub struct #handle<'a> {
            pub(crate) client: &'a crate::runtime::Client,
        }

        impl<'a> #handle<'a> {
            #(#methods)*
        }

        #(#builders)*
        #(#errors)*
    })
}

/// One input of an operation: a parameter, or a field of a JSON object body.
pub(crate) struct Input<'a> {
    /// The builder's storage field and the method or setter name.
    pub name: Ident,
    /// The name on the wire (`"body"` for a whole body).
    pub wire: String,
    pub ty: Type,
    pub presence: Presence,
    pub doc: String,
    pub kind: InputKind,
    /// Held in a `Box` by its model (a body field that breaks a cycle of types).
    pub boxed: bool,
    pub deprecated: bool,
    /// What the document says its values look like, for examples.
    pub hints: &'a Hints,
}

#[derive(PartialEq)]
pub(crate) enum InputKind {
    Param(ParamLocation, String),
    /// A field of the body struct, by its name in the model.
    BodyField(Ident),
    /// The whole body, when it is not a struct.
    Body,
    /// A field of a multipart or form-urlencoded body, by its wire name.
    FormField(String),
}

/// The inputs of an operation in order: parameters, then body fields (or the whole body).
pub(crate) fn inputs<'a>(cx: &Context<'a>, op: &'a Operation) -> Vec<Input<'a>> {
    static NO_HINTS: Hints = Hints {
        example: None,
        default: None,
        values: Vec::new(),
        pattern: None,
        length: (None, None),
        minimum: None,
        maximum: None,
    };
    let mut inputs: Vec<Input> = op
        .params
        .iter()
        .map(|p| Input {
            name: ident(&p.name),
            wire: p.wire.clone(),
            hints: &p.hints,
            ty: p.ty.clone(),
            // A query parameter has no `null`: leaving it out is all there is.
            presence: Presence::of(&p.ty, p.required, false),
            doc: paragraphs([
                Some(&*or_default(
                    paragraphs([
                        spec(p.doc.as_deref()).as_deref(),
                        constraints_doc(&p.constraints).as_deref(),
                    ]),
                    || format!("The `{}` parameter.", p.wire),
                )),
                (crate::naming::snake(&p.wire) != p.name)
                    .then(|| format!("Sent as the `{}` parameter.", p.wire))
                    .as_deref(),
                cx.config
                    .is_sensitive(&p.wire)
                    .then_some("A secret: `Debug` prints it as `<redacted>`."),
            ]),
            kind: InputKind::Param(p.location, p.wire.clone()),
            boxed: false,
            deprecated: p.deprecated,
        })
        .collect();
    let field_doc = |f: &crate::ir::Field| {
        or_default(
            paragraphs([
                spec(f.doc.as_deref()).as_deref(),
                constraints_doc(&f.constraints).as_deref(),
            ]),
            || format!("The `{}` field of the request body.", f.wire),
        )
    };
    match op.body.as_ref().map(|b| (b, &b.encoding)) {
        Some((_, Encoding::Json(ty))) => match body_fields(cx, ty) {
            Some(fields) => inputs.extend(fields.iter().map(|f| Input {
                name: ident(&f.name),
                wire: f.wire.clone(),
                hints: &f.hints,
                ty: f.ty.clone(),
                presence: super::field_presence(f),
                doc: field_doc(f),
                kind: InputKind::BodyField(ident(&f.name)),
                boxed: f.boxed,
                deprecated: f.deprecated,
            })),
            None => inputs.push(Input {
                name: format_ident!("body"),
                wire: "body".to_owned(),
                hints: &NO_HINTS,
                ty: ty.clone(),
                presence: Presence::Required,
                doc: op
                    .body
                    .as_ref()
                    .and_then(|b| spec(b.doc.as_deref()))
                    .unwrap_or_else(|| "The request body.".to_owned()),
                kind: InputKind::Body,
                boxed: false,
                deprecated: false,
            }),
        },
        Some((_, Encoding::Multipart(fields) | Encoding::Form(fields))) => {
            inputs.extend(fields.iter().map(|f| Input {
                name: ident(&f.name),
                wire: f.wire.clone(),
                hints: &f.hints,
                ty: f.ty.clone(),
                // A form has no `null`: leaving a field out is all there is.
                presence: Presence::of(&f.ty, f.required, false),
                doc: field_doc(f),
                kind: InputKind::FormField(f.wire.clone()),
                boxed: false,
                deprecated: f.deprecated,
            }))
        }
        // The lowering refuses other request bodies.
        Some((_, Encoding::Bytes)) | None => {}
    }
    // Builder fields must be unique: a later input that repeats a name gets a suffix.
    let mut seen = std::collections::BTreeSet::new();
    for input in &mut inputs {
        let base = input.name.to_string().trim_start_matches("r#").to_owned();
        let mut name = if RESERVED.contains(&base.as_str()) {
            format!("{base}_param")
        } else {
            base.clone()
        };
        let mut n = 2;
        while !seen.insert(name.clone()) {
            name = format!("{base}_{n}");
            n += 1;
        }
        input.name = ident(&name);
    }
    inputs
}

/// The operation's inputs as users see them, for the surface manifest: Rust name, type,
/// and how it is held (`Required` inputs are the method's arguments, in order; the others are
/// setters).
pub(crate) fn surface_inputs(cx: &Context, op: &Operation) -> Vec<(String, Type, Presence)> {
    inputs(cx, op)
        .into_iter()
        .map(|i| {
            let name = i.name.to_string().trim_start_matches("r#").to_owned();
            (name, i.ty, i.presence)
        })
        .collect()
}

/// The body of an operation's success: `None` when no success has one, else its JSON type
/// (`None` for a non-JSON body, handed over as bytes) and whether a success documented
/// without a body (`200` with one, `204` without) makes it optional.
pub(crate) fn success_type(op: &Operation) -> Option<(Option<&Type>, bool)> {
    let bodiless = op
        .responses
        .iter()
        .any(|r| r.status.is_success() && r.body.is_none());
    let body = op
        .responses
        .iter()
        .find(|r| r.status.is_success() && r.body.is_some())?
        .body
        .as_ref()?;
    Some((body.json(), bodiless))
}

/// `let items = client.….stream();` for examples, when the operation pages by offset.
pub fn stream_call(cx: &Context, op: &Operation) -> Option<TokenStream> {
    let inputs = inputs(cx, op);
    let limit = &paging(cx, op, &inputs)?.limit.name;
    let example = super::example(cx, op);
    let call = example.simple_call()?;
    Some(quote!(let items = client.#call.#limit(100).stream();))
}

fn or_default(text: String, default: impl FnOnce() -> String) -> String {
    if text.is_empty() { default() } else { text }
}

/// A struct field initializer, in shorthand where the value is a variable of the same name.
fn init(field: &Ident, value: TokenStream) -> TokenStream {
    if *field == value.to_string() {
        quote!(#field,)
    } else {
        quote!(#field: #value,)
    }
}

/// The model of a JSON body that is a struct, and its fields: its setters fill them in.
fn json_struct<'a>(cx: &Context<'a>, op: &Operation) -> Option<(TypeId, &'a [crate::ir::Field])> {
    let ty = op.body.as_ref()?.json()?;
    let Type::Named(id) = ty else { return None };
    Some((*id, body_fields(cx, ty)?))
}

fn body_fields<'a>(cx: &Context<'a>, ty: &Type) -> Option<&'a [crate::ir::Field]> {
    match ty {
        Type::Named(id) => match &cx.api.ty(*id).kind {
            TypeKind::Struct(fields) => Some(fields),
            _ => None,
        },
        _ => None,
    }
}

fn builder_name(op: &Operation) -> Ident {
    format_ident!("{}", type_name(format!("{}Builder", op.stem)))
}

pub(crate) fn error_name(op: &Operation) -> Ident {
    format_ident!("{}", type_name(format!("{}Error", op.stem)))
}

/// The argument type of a required input and the expression that stores it.
fn argument(cx: &Context, ty: &Type, name: &Ident) -> (TokenStream, TokenStream) {
    match ty {
        Type::String => (
            quote!(impl ::std::convert::Into<::std::string::String>),
            quote!(#name.into()),
        ),
        Type::Number => (quote!(impl ::std::convert::Into<f64>), quote!(#name.into())),
        other => (type_tokens(cx.api, other, false), quote!(#name)),
    }
}

fn method(cx: &Context, op: &Operation) -> Result<TokenStream> {
    let inputs = inputs(cx, op);
    let name = ident(&op.name);
    let builder = builder_name(op);
    let required: Vec<&Input> = inputs
        .iter()
        .filter(|i| i.presence == Presence::Required)
        .collect();
    let args = required.iter().map(|i| {
        let (ty, _) = argument(cx, &i.ty, &i.name);
        let name = &i.name;
        quote!(#name: #ty)
    });
    let stored = |input: &Input| {
        let name = &input.name;
        match input.presence {
            Presence::Required => boxed(input, argument(cx, &input.ty, name).1),
            _ => quote!(::std::option::Option::None),
        }
    };
    let params = inputs
        .iter()
        .filter(|i| !matches!(i.kind, InputKind::BodyField(_)))
        .map(|i| init(&i.name, stored(i)));
    let body = json_struct(cx, op).map(|(id, _)| {
        let model = format_ident!("{}", cx.api.ty(id).name);
        let fields = inputs.iter().filter_map(|input| match &input.kind {
            InputKind::BodyField(field) => Some(init(field, stored(input))),
            _ => None,
        });
        quote!(body: crate::models::#model { #(#fields)* },)
    });
    let mut text = paragraphs([
        spec(op.summary.as_deref()).as_deref(),
        spec(op.description.as_deref()).as_deref(),
    ]);
    text.push_str(&format!("\n\n`{} {}`", op.method.as_str(), op.path));
    let arg_docs: Vec<String> = required
        .iter()
        .map(|i| {
            format!(
                "- `{}`: {}",
                i.name.to_string().trim_start_matches("r#"),
                first_line(&i.doc)
            )
        })
        .collect();
    if !arg_docs.is_empty() {
        text.push_str("\n\n# Arguments\n\n");
        text.push_str(&arg_docs.join("\n"));
    }
    let example = super::example(cx, op).doctest(cx)?;
    let fence = super::fence(&example);
    text.push_str(&format!(
        "\n\n# Example\n\n{fence}no_run\n{example}\n{fence}"
    ));
    let docs = doc(&text);
    let deprecated = op.deprecated.then(|| quote!(#[deprecated]));
    Ok(quote! {
        #docs
        #deprecated
        pub fn #name(&self, #(#args),*) -> #builder<'a> {
            #builder {
                client: self.client,
                #(#params)*
                #body
                options: ::std::default::Default::default(),
            }
        }
    })
}

fn first_line(text: &str) -> &str {
    text.lines()
        .next()
        .filter(|l| !l.trim().is_empty())
        .unwrap_or("see the type")
}

fn builder(cx: &Context, op: &Operation) -> TokenStream {
    let inputs = inputs(cx, op);
    let name = builder_name(op);
    let method = &op.name;
    let builder_doc = doc(&format!(
        "A `{method}` call, configured by its setters and sent by [`send`](Self::send)."
    ));
    let fields = inputs
        .iter()
        .filter(|i| !matches!(i.kind, InputKind::BodyField(_)))
        .map(|i| {
            let name = &i.name;
            let ty = i.presence.wrap(type_tokens(cx.api, &i.ty, false));
            quote!(#name: #ty,)
        });
    let body_field = json_struct(cx, op).map(|(id, _)| {
        let ty = type_tokens(cx.api, &Type::Named(id), false);
        quote!(body: #ty,)
    });
    let setters = inputs
        .iter()
        .filter(|i| i.presence != Presence::Required)
        .map(|i| setter(cx, i));
    let send = super::send::send(cx, op, &inputs);
    let stream = stream(cx, op, &inputs);
    let sensitive =
        |i: &Input| matches!(&i.kind, InputKind::Param(_, wire) if cx.config.is_sensitive(wire));
    let secret = inputs.iter().any(sensitive);
    let derive_debug = (!secret).then(|| quote!(Debug,));
    let debug = secret.then(|| {
        let mut marked = vec![(format_ident!("client"), false)];
        marked.extend(
            inputs
                .iter()
                .filter(|i| !matches!(i.kind, InputKind::BodyField(_)))
                .map(|i| (i.name.clone(), sensitive(i))),
        );
        if body_field.is_some() {
            marked.push((format_ident!("body"), false));
        }
        marked.push((format_ident!("options"), false));
        redacting_debug(quote!(#name<'_>), &name.to_string(), &marked)
    });
    quote! {
        #builder_doc
        #[derive(#derive_debug Clone)]
        #[must_use = "a request does nothing until it is sent with `.send().await`"]
        pub struct #name<'a> {
            client: &'a crate::runtime::Client,
            #(#fields)*
            #body_field
            options: crate::runtime::RequestOptions,
        }

        impl #name<'_> {
            #(#setters)*

            call_options!();

            #send
        }

        #stream
        #debug
    }
}

/// What offset paging needs of an operation, when it follows the configured pattern: an
/// optional number query parameter for the offset, another for the page size, and a success
/// body with an array of items and a number that counts them across pages.
struct Paging<'a> {
    offset: &'a Input<'a>,
    limit: &'a Input<'a>,
    items: Ident,
    total: Ident,
    item: Type,
}

fn paging<'a>(cx: &Context, op: &Operation, inputs: &'a [Input<'a>]) -> Option<Paging<'a>> {
    let config = cx.config.pagination.as_ref()?;
    let number = |ty: &Type| matches!(ty, Type::Integer(_) | Type::Number);
    let query = |wire: &str| {
        inputs.iter().find(|i| {
            matches!(&i.kind, InputKind::Param(ParamLocation::Query, w) if w == wire)
                && i.presence == Presence::Optional
                && number(&i.ty)
        })
    };
    let offset = query(&config.offset)?;
    let limit = query(&config.limit)?;
    let success = op.responses.iter().find(|r| r.status.is_success())?;
    let fields = body_fields(cx, success.body.as_ref()?.json()?)?;
    let field = |wire: &str| {
        fields
            .iter()
            .find(|f| f.wire == wire && f.required && !f.nullable)
    };
    let items = field(&config.items)?;
    let total = field(&config.total).filter(|f| number(&f.ty))?;
    let Type::Array(item) = &items.ty else {
        return None;
    };
    Some(Paging {
        offset,
        limit,
        items: ident(&items.name),
        total: ident(&total.name),
        item: (**item).clone(),
    })
}

/// The type of the items that `stream()` yields, for operations that page by offset.
pub(crate) fn paged_item(cx: &Context, op: &Operation) -> Option<Type> {
    let inputs = inputs(cx, op);
    Some(paging(cx, op, &inputs)?.item)
}

/// `stream()`, for operations that page by offset.
fn stream(cx: &Context, op: &Operation, inputs: &[Input]) -> Option<TokenStream> {
    let Paging {
        offset,
        limit,
        items,
        total,
        item,
    } = paging(cx, op, inputs)?;
    let item = type_tokens(cx.api, &item, false);
    let offset = &offset.name;
    let limit = limit.name.to_string();
    let builder = builder_name(op);
    let error = error_name(op);
    let method = &op.name;
    let docs = doc(&format!(
        "Walks every item of every page, as a [`Stream`](::futures_core::Stream).\n\n\
         Paging starts at `{offset}` (the first item when unset) and takes pages of `{limit}` \
         items when it is set. Each page is one `{method}` call with this builder's settings \
         (retries, timeout, headers). The stream ends after the page that reaches `{total}`, \
         or at an empty page. An error is yielded after every item of the pages before it, \
         and ends the stream."
    ));
    Some(quote! {
        impl<'a> #builder<'a> {
            #docs
            pub fn stream(self) -> impl ::futures_core::Stream<
                Item = ::std::result::Result<#item, crate::Error<#error>>,
            > + ::std::marker::Send + 'a {
                use crate::runtime::paginate::Count as _;
                let start = self.#offset.map_or(0, |offset| offset.to_count());
                crate::runtime::paginate::by_offset(start, move |offset| {
                    let mut page = self.clone();
                    page.#offset = ::std::option::Option::Some(crate::runtime::paginate::Count::from_count(offset));
                    async move {
                        let body = page.send().await?.into_inner();
                        ::std::result::Result::Ok((body.#items, body.#total.to_count()))
                    }
                })
            }
        }
    })
}

fn setter(cx: &Context, input: &Input) -> TokenStream {
    let name = &input.name;
    let target = match &input.kind {
        InputKind::BodyField(field) => quote!(self.body.#field),
        _ => quote!(self.#name),
    };
    let docs = doc(&input.doc);
    let deprecated = input.deprecated.then(|| quote!(#[deprecated]));
    match input.presence {
        Presence::OptionalNullable => {
            let ty = type_tokens(cx.api, &input.ty, false);
            let value = if input.boxed {
                quote!(value.map(::std::boxed::Box::new))
            } else {
                quote!(value)
            };
            quote! {
                #docs
                ///
                /// `None` sends an explicit `null`.
                #deprecated
                pub fn #name(mut self, value: ::std::option::Option<#ty>) -> Self {
                    #target = ::std::option::Option::Some(#value);
                    self
                }
            }
        }
        _ => {
            let value = format_ident!("value");
            let (ty, stored) = argument(cx, &input.ty, &value);
            let stored = boxed(input, stored);
            quote! {
                #docs
                #deprecated
                pub fn #name(mut self, value: #ty) -> Self {
                    #target = ::std::option::Option::Some(#stored);
                    self
                }
            }
        }
    }
}

/// `value` in a `Box` when the model holds the input boxed.
fn boxed(input: &Input, value: TokenStream) -> TokenStream {
    if input.boxed {
        quote!(::std::boxed::Box::new(#value))
    } else {
        value
    }
}

/// The error variant for a status: its reason phrase (`BadRequest`), `ClientError` and
/// `ServerError` for the `4XX` and `5XX` classes, `Default` for `default`.
pub(crate) fn variant_name(status: Status) -> Ident {
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
    format_ident!("{}", name)
}

fn error_enum(cx: &Context, op: &Operation) -> TokenStream {
    let name = error_name(op);
    let method = &op.name;
    let variants = op
        .responses
        .iter()
        .filter(|r| !r.status.is_success())
        .map(|r| {
            let variant = variant_name(r.status);
            let docs = doc(&format!("`{}`: {}", r.status, sanitize(&r.description)));
            match r.body.as_ref().and_then(|b| b.json()) {
                Some(ty) => {
                    let ty = type_tokens(cx.api, ty, false);
                    quote!(#docs #variant(#ty),)
                }
                None => quote!(#docs #variant,),
            }
        });
    let docs = doc(&format!(
        "The error responses that `{method}` documents, one variant per status; \
         [`crate::Error::Api`] carries it with the status, headers and raw body."
    ));
    quote! {
        #docs
        #[derive(Debug, Clone, PartialEq)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
        }
    }
}
