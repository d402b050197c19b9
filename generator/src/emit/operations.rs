//! `src/{group}.rs`: a group's handle, one request builder and one error type per operation
//! (and a success enum for an operation whose success bodies differ), all read from the plan.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::{doc, input_doc, paragraphs, redacting_debug, sanitize, spec, type_tokens};
use crate::error::Result;
use crate::ir::{ParamLocation, Style, Type};
use crate::naming::Name;
use crate::plan::{
    Accept, CaseBody, Group, Input, InputKind, OperationPlan, Plan, Presence, Success, SuccessCase,
};

pub fn group_rs(plan: &Plan, group: &Group) -> Result<TokenStream> {
    let (module, handle) = (&group.module, &group.handle);
    let client = format_ident!("{}", plan.config.client.name);
    let about = spec(plan.api.group_docs.get(group.wire).map(String::as_str));
    let title = if group.wire.is_empty() {
        "Operations without a tag.".to_owned()
    } else {
        sanitize(group.wire)
    };
    let module_doc = super::inner_doc(&paragraphs([Some(title.as_str()), about.as_deref()]));
    let handle_doc = doc(&format!(
        "The {module} operations. Get it with [`{client}::{module}`](crate::{client}::{module})."
    ));
    let methods = group
        .operations
        .iter()
        .map(|op| method(plan, op))
        .collect::<Result<Vec<_>>>()?;
    let models = uses_models(group).then(|| {
        quote!(
            use crate::models;
        )
    });
    let mut file = quote! {
        #module_doc
        #models
        use crate::runtime;

        #handle_doc
        #[derive(Debug, Clone, Copy)]
        pub struct #handle<'a> {
            pub(crate) client: &'a runtime::#client,
        }

        impl<'a> #handle<'a> {
            #(#methods)*
        }
    };
    // Moved in, not interpolated: `quote!` would copy every token of every builder.
    for op in &group.operations {
        file.extend(builder(plan, op));
    }
    for op in &group.operations {
        if let Success::ByStatus { name, cases } = &op.success {
            file.extend(success_enum(plan, op, name, cases));
        }
        file.extend(error_enum(plan, op));
    }
    Ok(file)
}

/// Whether the group's code names a model (`models::…`): a body model, or a named type in an
/// input, a success or error body, or a page's items.
fn uses_models(group: &Group) -> bool {
    fn named(ty: &Type) -> bool {
        match ty {
            Type::Named(_) => true,
            Type::Array(item) | Type::Map(item) => named(item),
            _ => false,
        }
    }
    group.operations.iter().any(|op| {
        let success = match &op.success {
            Success::Json { ty, .. } => named(ty),
            Success::Bytes | Success::Empty => false,
            Success::ByStatus { cases, .. } => cases
                .iter()
                .any(|c| matches!(c.body, CaseBody::Json(ty) if named(ty))),
        };
        op.body_model.is_some()
            || success
            || op.inputs.iter().any(|i| named(&i.value.ty))
            || op.errors.iter().any(|e| e.body.is_some_and(named))
    })
}

/// A struct field initializer, in shorthand where the value is a variable of the same name.
fn init(field: &proc_macro2::Ident, value: TokenStream) -> TokenStream {
    if *field == value.to_string() {
        quote!(#field,)
    } else {
        quote!(#field: #value,)
    }
}

/// The parameter type of an input's argument or setter, and the expression that turns the
/// parameter `value` into what the builder stores (before any `Box`); `options` is the
/// `RequestOptions` a value that holds any JSON reports a failed conversion to.
fn argument(
    plan: &Plan,
    input: &Input,
    value: &proc_macro2::Ident,
    options: TokenStream,
) -> (TokenStream, TokenStream) {
    let ty = &input.value.ty;
    match input.accept() {
        Accept::Json => {
            let name = input.name.as_str();
            (
                quote!(impl serde::Serialize),
                quote!(runtime::codec::json_input(#name, #value, &mut #options)),
            )
        }
        accept => (
            parameter(plan, &accept, ty),
            conversion(&accept, quote!(#value)),
        ),
    }
}

/// The parameter type that takes a value of `ty` as `accept` says.
fn parameter(plan: &Plan, accept: &Accept, ty: &Type) -> TokenStream {
    match (accept, ty) {
        (Accept::Into, ty) => {
            let ty = type_tokens(plan.api, ty, false);
            quote!(impl Into<#ty>)
        }
        (Accept::Items(item), Type::Array(ty)) => {
            let item = parameter(plan, item, ty);
            quote!(impl IntoIterator<Item = #item>)
        }
        (Accept::Entries(value), Type::Map(ty)) => {
            let value = parameter(plan, value, ty);
            quote!(impl IntoIterator<Item = (impl Into<String>, #value)>)
        }
        (_, ty) => type_tokens(plan.api, ty, false),
    }
}

/// The expression that turns `value`, taken as `accept` says, into the stored value.
fn conversion(accept: &Accept, value: TokenStream) -> TokenStream {
    match accept {
        Accept::Into => quote!(#value.into()),
        Accept::Items(item) => match &**item {
            Accept::Exact => quote!(#value.into_iter().collect()),
            Accept::Into => quote!(#value.into_iter().map(Into::into).collect()),
            item => {
                let item = conversion(item, quote!(item));
                quote!(#value.into_iter().map(|item| #item).collect())
            }
        },
        Accept::Entries(entry) => {
            let entry = conversion(entry, quote!(value));
            quote!(#value.into_iter().map(|(key, value)| (key.into(), #entry)).collect())
        }
        Accept::Exact | Accept::Json => value,
    }
}

/// The value a builder stores for an input before its setter runs.
fn initial(plan: &Plan, input: &Input) -> TokenStream {
    match input.presence {
        Presence::Required => boxed(
            input,
            argument(plan, input, &input.name.ident(), quote!(options)).1,
        ),
        _ => quote!(None),
    }
}

/// Checks that every path or header parameter of `op` can be written as text (a string, a
/// number, a boolean, an enum or a union of those, or a list of them). Anything else is
/// refused, with where the document says it, rather than emitted as code that does not
/// compile; the lowering makes such a parameter a string, with a warning. A query value that
/// its style cannot write is written by the runtime as JSON text, and the lowering warns of it.
fn check_parameters(plan: &Plan, op: &OperationPlan) -> Result<()> {
    for input in &op.inputs {
        let InputKind::Param(location) = input.kind else {
            continue;
        };
        let (wire, ty) = (&input.value.wire, &input.value.ty);
        let problem = match location {
            ParamLocation::Path | ParamLocation::Header if !super::textual(plan.api, ty, false) => {
                format!(
                    "the {} parameter `{wire}` holds an object, a map or a nested list, which \
                     only a query parameter can hold",
                    match location {
                        ParamLocation::Path => "path",
                        _ => "header",
                    },
                )
            }
            _ => continue,
        };
        let at = crate::error::pointer("#/paths", &op.op.path);
        let at = crate::error::pointer(&at, &op.op.method.as_str().to_ascii_lowercase());
        return Err(crate::error::Error::at(&at, problem));
    }
    Ok(())
}

/// A style as the document writes it, for messages and docs.
pub(crate) fn style_name(style: Style) -> &'static str {
    match style {
        Style::Form { explode: true } => "`form`",
        Style::Form { explode: false } => "`form`, not exploded",
        Style::SpaceDelimited => "`spaceDelimited`",
        Style::PipeDelimited => "`pipeDelimited`",
        Style::DeepObject => "`deepObject`",
    }
}

fn method(plan: &Plan, op: &OperationPlan) -> Result<TokenStream> {
    check_parameters(plan, op)?;
    let (name, builder) = (&op.method, &op.builder);
    let args = op.arguments().map(|i| {
        let (ty, _) = argument(plan, i, &i.name.ident(), quote!(options));
        let name = &i.name;
        quote!(#name: #ty)
    });
    // A required value that holds any JSON reports a failed conversion to the options.
    let json = op.arguments().any(|i| i.accept() == Accept::Json);
    let options = if json {
        quote!(options)
    } else {
        quote!(options: Default::default())
    };
    let let_options = json.then(|| quote!(let mut options = runtime::RequestOptions::default();));
    let params = op
        .inputs
        .iter()
        .filter(|i| !matches!(i.kind, InputKind::BodyField(_)))
        .map(|i| init(&i.name.ident(), initial(plan, i)));
    let body = op.body_model.map(|id| {
        let model = format_ident!("{}", plan.api.ty(id).name);
        let fields = op.inputs.iter().filter_map(|input| match input.kind {
            InputKind::BodyField(field) => Some(init(
                &crate::naming::ident(&field.name),
                initial(plan, input),
            )),
            _ => None,
        });
        quote!(body: models::#model { #(#fields)* },)
    });
    let other_bodies = other_body_fields(op).map(|(name, _, initial)| {
        let name = format_ident!("{name}");
        quote!(#name: #initial,)
    });
    let docs = doc(&method_doc(plan, op)?);
    let deprecated = op.op.deprecated.then(|| quote!(#[deprecated]));
    // The arguments are the operation's required inputs, as many as the document has.
    let many = (op.arguments().count() > 6).then(|| quote!(#[allow(clippy::too_many_arguments)]));
    Ok(quote! {
        #docs
        #deprecated
        #many
        pub fn #name(&self, #(#args),*) -> #builder {
            #let_options
            #builder {
                client: self.client.clone(),
                #(#params)*
                #body
                #(#other_bodies)*
                #options,
            }
        }
    })
}

/// A method's rustdoc: the operation's summary and description, its request line, its
/// arguments and its example as a doctest.
fn method_doc(plan: &Plan, op: &OperationPlan) -> Result<String> {
    let mut text = paragraphs([
        spec(op.op.summary.as_deref()).as_deref(),
        spec(op.op.description.as_deref()).as_deref(),
    ]);
    text.push_str(&format!("\n\n`{} {}`", op.op.method.as_str(), op.op.path));
    if let Some(note) = super::auth::credentials_note(plan.api, op.op) {
        text.push_str(&format!("\n\n{note}"));
    }
    if let Some(note) = super::body_note(op) {
        text.push_str(&format!("\n\n{note}"));
    }
    let arg_docs: Vec<String> = op
        .arguments()
        .map(|i| format!("- `{}`: {}", i.name, first_line(&input_doc(i))))
        .collect();
    if !arg_docs.is_empty() {
        text.push_str("\n\n# Arguments\n\n");
        text.push_str(&arg_docs.join("\n"));
    }
    let example = super::examples::doctest(plan, &op.example)?;
    let fence = super::fence(&example);
    text.push_str(&format!(
        "\n\n# Example\n\n{fence}no_run\n{example}\n{fence}"
    ));
    Ok(text)
}

fn first_line(text: &str) -> &str {
    text.lines()
        .next()
        .filter(|l| !l.trim().is_empty())
        .unwrap_or("see the type")
}

fn builder(plan: &Plan, op: &OperationPlan) -> TokenStream {
    let name = &op.builder;
    let client_type = format_ident!("{}", plan.config.client.name);
    let builder_doc = doc(&format!(
        "A `{}` call, configured by its setters and sent by [`send`](Self::send).",
        op.method
    ));
    let stored = || {
        op.inputs
            .iter()
            .filter(|i| !matches!(i.kind, InputKind::BodyField(_)))
    };
    let fields = stored().map(|i| {
        let name = &i.name;
        let ty = i.presence.wrap(type_tokens(plan.api, &i.value.ty, false));
        quote!(#name: #ty,)
    });
    let body_field = op.body_model.map(|id| {
        let ty = type_tokens(plan.api, &Type::Named(id), false);
        quote!(body: #ty,)
    });
    let other_bodies: Vec<_> = other_body_fields(op).collect();
    let other_fields = other_bodies.iter().map(|(name, ty, _)| {
        let name = format_ident!("{name}");
        quote!(#name: #ty,)
    });
    let setters = op.setters().map(|i| setter(plan, i));
    let other_setters = other_body_setters(op);
    let send = super::send::send(plan, op);
    let stream = stream(plan, op);
    let derive_debug = (!op.inputs.iter().any(|i| i.sensitive)).then(|| quote!(Debug,));
    let debug = derive_debug.is_none().then(|| {
        let mut marked = vec![("client", false)];
        marked.extend(stored().map(|i| (i.name.as_str(), i.sensitive)));
        if body_field.is_some() {
            marked.push(("body", false));
        }
        marked.extend(other_bodies.iter().map(|(name, ..)| (*name, false)));
        marked.push(("options", false));
        redacting_debug(quote!(#name), name.as_str(), &marked)
    });
    quote! {
        #builder_doc
        #[derive(#derive_debug Clone)]
        #[must_use = "a request does nothing until it is sent with `.send().await`"]
        pub struct #name {
            client: runtime::#client_type,
            #(#fields)*
            #body_field
            #(#other_fields)*
            options: runtime::RequestOptions,
        }

        impl #name {
            #(#setters)*
            #other_setters

            call_options!();

            #send
        }

        #stream
        #debug
    }
}

/// The builder's fields that hold the caller's choice of another media type for the body,
/// each with its type and its value before a setter runs: `as_form` and `body_bytes`.
fn other_body_fields(
    op: &OperationPlan,
) -> impl Iterator<Item = (&'static str, TokenStream, TokenStream)> {
    let form = op
        .as_form()
        .map(|_| ("as_form", quote!(bool), quote!(false)));
    let bytes =
        (op.body_bytes()).map(|_| ("body_bytes", quote!(Option<bytes::Bytes>), quote!(None)));
    form.into_iter().chain(bytes)
}

/// `as_form()` and `body_bytes(…)`, for a body the document offers in other media types too;
/// the last one called wins.
fn other_body_setters(op: &OperationPlan) -> TokenStream {
    let default = op.op.body.as_ref().map_or("", |b| b.media_type.as_str());
    let reset_bytes = op.body_bytes().map(|_| quote!(self.body_bytes = None;));
    let reset_form = op.as_form().map(|_| quote!(self.as_form = false;));
    let form = op.as_form().map(|other| {
        let docs = doc(&format!(
            "Sends the body as `{}` instead of `{default}`: the same fields, as pairs (an \
             array as one pair per item; a field that is unset or `null` is left out).",
            other.media_type
        ));
        quote! {
            #docs
            pub fn as_form(mut self) -> Self {
                self.as_form = true;
                #reset_bytes
                self
            }
        }
    });
    let bytes = op.body_bytes().map(|other| {
        let sent = crate::plan::content_type(&other.media_type, &crate::ir::Encoding::<()>::Bytes);
        let others: Vec<String> = op
            .alternatives(crate::ir::AlternativeKind::Bytes)
            .skip(1)
            .map(|m| format!("`{m}`"))
            .collect();
        let also = match others.as_slice() {
            [] => String::new(),
            list => format!(
                " For {}, set it with [`header`](Self::header)`(\"Content-Type\", …)`.",
                list.join(", ")
            ),
        };
        let docs = doc(&format!(
            "Sends these bytes as the body instead of the `{default}` one, as `{sent}`: the \
             arguments and setters of the body are then not sent.{also}"
        ));
        quote! {
            #docs
            pub fn body_bytes(mut self, body: impl Into<bytes::Bytes>) -> Self {
                self.body_bytes = Some(body.into());
                #reset_form
                self
            }
        }
    });
    quote!(#form #bytes)
}

/// `stream()`, for operations that page by offset.
fn stream(plan: &Plan, op: &OperationPlan) -> Option<TokenStream> {
    let paging = op.paging.as_ref()?;
    let item = type_tokens(plan.api, paging.item, false);
    let offset = &op.inputs[paging.offset].name;
    let limit = &op.inputs[paging.limit].name;
    let items = crate::naming::ident(&paging.items.name);
    let total = crate::naming::ident(&paging.total.name);
    let (builder, error, method) = (&op.builder, &op.error, &op.method);
    let docs = doc(&format!(
        "Walks every item of every page, as a [`Stream`](futures_core::Stream).\n\n\
         Paging starts at `{offset}` (the first item when unset) and takes pages of `{limit}` \
         items when it is set. Each page is one `{method}` call with this builder's settings \
         (retries, timeout, headers). The stream ends after the page that reaches `{}`, \
         or at an empty page. An error is yielded after every item of the pages before it, \
         and ends the stream.",
        paging.total.name
    ));
    Some(quote! {
        impl #builder {
            #docs
            pub fn stream(self) -> impl futures_core::Stream<
                Item = Result<#item, crate::SdkError<#error>>,
            > + Send + 'static {
                use runtime::paginate::Count as _;
                let start = self.#offset.map_or(0, |offset| offset.to_count());
                runtime::paginate::by_offset(start, move |offset| {
                    let mut page = self.clone();
                    page.#offset = Some(runtime::paginate::Count::from_count(offset));
                    async move {
                        let body = page.send().await?.into_inner();
                        Ok((body.#items, body.#total.to_count()))
                    }
                })
            }
        }
    })
}

/// The setter of an optional input, and for a value that may be `null` the `set_` setter
/// that takes an `Option`.
fn setter(plan: &Plan, input: &Input) -> TokenStream {
    let name = &input.name;
    let target = match input.kind {
        InputKind::BodyField(field) => {
            let field = crate::naming::ident(&field.name);
            quote!(self.body.#field)
        }
        _ => quote!(self.#name),
    };
    let deprecated = input.value.deprecated.then(|| quote!(#[deprecated]));
    let value = format_ident!("value");
    let (ty, stored) = argument(plan, input, &value, quote!(self.options));
    let stored = boxed(input, stored);
    let Some(set_null) = &input.set_null else {
        let docs = doc(&input_doc(input));
        return quote! {
            #docs
            #deprecated
            pub fn #name(mut self, value: #ty) -> Self {
                #target = Some(#stored);
                self
            }
        };
    };
    let held = if input.boxed {
        quote!(value.map(Box::new))
    } else {
        quote!(value)
    };
    // `Option<Option<T>>` for an optional value, `Option<T>` for a required one.
    let (stored, option) = match input.presence {
        Presence::OptionalNullable => (quote!(Some(Some(#stored))), quote!(Some(#held))),
        _ => (quote!(Some(#stored)), held),
    };
    let docs = doc(&paragraphs([
        Some(input_doc(input).as_str()),
        Some(&format!(
            "It may be `null`: [`{set}(None)`](Self::{set}) sends an explicit `null`.",
            set = set_null.code()
        )),
    ]));
    let unset = match input.presence {
        Presence::OptionalNullable => "Left unset, the field is left out of the request.",
        _ => "Left unset, the field is sent as `null` (the API requires it).",
    };
    let set_docs = doc(&format!(
        "Sets `{name}` from an `Option`: `Some(value)` is the same as `{name}(value)`, and \
         `None` sends an explicit `null`. {unset}",
        name = name.code()
    ));
    let inner = type_tokens(plan.api, &input.value.ty, false);
    quote! {
        #docs
        #deprecated
        pub fn #name(mut self, value: #ty) -> Self {
            #target = #stored;
            self
        }

        #set_docs
        #deprecated
        pub fn #set_null(mut self, value: Option<#inner>) -> Self {
            #target = #option;
            self
        }
    }
}

/// `value` in a `Box` when the model holds the input boxed.
fn boxed(input: &Input, value: TokenStream) -> TokenStream {
    if input.boxed {
        quote!(Box::new(#value))
    } else {
        value
    }
}

/// The success enum of an operation whose success bodies differ, a variant per status.
/// It derives what the error types derive, and is `#[non_exhaustive]` like them, so that a
/// success status added to the document is a compatible change.
fn success_enum(
    plan: &Plan,
    op: &OperationPlan,
    name: &Name,
    cases: &[SuccessCase],
) -> TokenStream {
    let variants = cases.iter().map(|c| {
        let variant = &c.variant;
        let status = format!(
            "`{}`: {}",
            c.response.status,
            sanitize(&c.response.description)
        );
        match c.body {
            CaseBody::Json(ty) => {
                let ty = type_tokens(plan.api, ty, false);
                let docs = doc(&status);
                quote!(#docs #variant(#ty),)
            }
            CaseBody::Bytes => {
                let media_type = c.response.body.as_ref().map_or("", |b| &b.media_type);
                let docs = doc(&paragraphs([
                    Some(status.as_str()),
                    Some(&format!(
                        "The {} body, as bytes.",
                        super::markdown::code(media_type)
                    )),
                ]));
                quote!(#docs #variant(bytes::Bytes),)
            }
            CaseBody::Empty => {
                let docs = doc(&status);
                quote!(#docs #variant,)
            }
        }
    });
    let others = if op.success.refuses_other_2xx() {
        " Another `2XX` status is an [`SdkError::Unexpected`](crate::SdkError::Unexpected)."
    } else {
        ""
    };
    let docs = doc(&format!(
        "The successful responses that `{}` documents, one variant per status: `send()` \
         succeeds with the variant of the status that answered, in a \
         [`ResponseValue`](crate::ResponseValue) that also gives the status and headers.{others}",
        op.method
    ));
    // The variants are the document's bodies, as they are (see `emit::models`'s unions).
    quote! {
        #docs
        #[derive(Debug, Clone, PartialEq)]
        #[non_exhaustive]
        #[allow(clippy::large_enum_variant)]
        pub enum #name {
            #(#variants)*
        }
    }
}

fn error_enum(plan: &Plan, op: &OperationPlan) -> TokenStream {
    let name = &op.error;
    let variants = op.errors.iter().map(|e| {
        let variant = &e.variant;
        let docs = doc(&format!(
            "`{}`: {}",
            e.response.status,
            sanitize(&e.response.description)
        ));
        match e.body {
            Some(ty) => {
                let ty = type_tokens(plan.api, ty, false);
                quote!(#docs #variant(#ty),)
            }
            None => quote!(#docs #variant,),
        }
    });
    // `Display` says which documented error it is; the response says the rest.
    let texts = op.errors.iter().map(|e| {
        let variant = &e.variant;
        let pattern = match e.body {
            Some(_) => quote!(Self::#variant(_)),
            None => quote!(Self::#variant),
        };
        let description = e
            .response
            .description
            .lines()
            .next()
            .unwrap_or_default()
            .trim();
        let text = match description {
            "" => format!("{} error {}", op.method, e.response.status),
            _ => format!("{} error {}: {description}", op.method, e.response.status),
        };
        quote!(#pattern => #text,)
    });
    let (formatter, display) = if op.errors.is_empty() {
        (quote!(_f), quote!(match *self {}))
    } else {
        (quote!(f), quote!(f.write_str(match self { #(#texts)* })))
    };
    let docs = doc(&format!(
        "The error responses that `{}` documents, one variant per status; \
         [`SdkError::Api`](crate::SdkError::Api) carries it with the status, headers and raw \
         body, and [`Error::operation_error`](crate::Error::operation_error) gets it back from \
         the crate's [`Error`](crate::Error).",
        op.method
    ));
    quote! {
        #docs
        #[derive(Debug, Clone, PartialEq)]
        #[non_exhaustive]
        #[allow(clippy::large_enum_variant)]
        pub enum #name {
            #(#variants)*
        }

        impl std::fmt::Display for #name {
            fn fmt(&self, #formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                #display
            }
        }

        impl std::error::Error for #name {}

        impl runtime::OperationErrorValue for #name {}
    }
}
