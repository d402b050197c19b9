//! An operation's request builder: a field per input, setters per optional input (`x`,
//! `set_x` and, for a value that may be `null`, `clear_x`), the settings of one call, `send()`,
//! and `stream()` for an operation that pages.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::{doc, input_doc, paragraphs, redacting_debug};
use crate::plan::{Input, InputKind, OperationPlan, Parameter, Plan, Presence, Scope};

/// An operation's request builder: its struct, its setters, the settings of one call and
/// `send()`, then `stream()` for an operation that pages and a `Debug` that hides its secrets.
pub(super) fn builder(plan: &Plan, op: &OperationPlan) -> TokenStream {
    let name = &op.builder;
    let builder_doc = doc(&format!(
        "A `{}` call, configured by its setters and sent by [`send`](Self::send).",
        op.method
    ));
    let fields = fields(op);
    let setters = op.setters().map(setter);
    let other_setters = other_body_setters(op);
    let send = super::send::send(plan, op);
    let stream = stream(op);
    let secret = op.inputs.iter().any(|i| i.sensitive);
    let derive_debug = (!secret).then(|| quote!(Debug,));
    let debug = secret.then(|| debug(op));
    let call_options = call_options();
    quote! {
        #builder_doc
        #[derive(#derive_debug Clone)]
        #[must_use = "a request does nothing until it is sent with `.send().await`"]
        pub struct #name {
            client: runtime::Client,
            #fields
            options: runtime::RequestOptions,
        }

        impl #name {
            #(#setters)*
            #other_setters
            #call_options
            #send
        }

        #stream
        #debug
    }
}

/// The inputs the builder holds in fields of their own: all but the body's fields, which it
/// holds in the body.
fn stored_inputs<'o, 'a>(op: &'o OperationPlan<'a>) -> impl Iterator<Item = &'o Input<'a>> {
    (op.inputs.iter()).filter(|i| !matches!(i.kind, InputKind::BodyField(_)))
}

/// The builder's fields between its client and its call settings: one per stored input
/// (optional unless required), the body model, and the choices of another media type.
fn fields(op: &OperationPlan) -> TokenStream {
    let fields = stored_inputs(op).map(|i| {
        let (name, ty) = (&i.name, i.ty.tokens(Scope::Crate));
        match i.presence {
            Presence::Required => quote!(#name: #ty,),
            _ => quote!(#name: Option<#ty>,),
        }
    });
    let body_field = op.body_model.as_ref().map(|(_, model)| {
        let ty = model.tokens(Scope::Crate);
        quote!(body: #ty,)
    });
    let other_fields = other_body_fields(op).map(|(name, ty, _)| quote!(#name: #ty,));
    quote!(#(#fields)* #body_field #(#other_fields)*)
}

/// The `Debug` of a builder with a sensitive input, which hides the values of those inputs.
fn debug(op: &OperationPlan) -> TokenStream {
    let name = &op.builder;
    let mut marked = vec![("client", false)];
    marked.extend(stored_inputs(op).map(|i| (i.name.as_str(), i.sensitive)));
    if op.body_model.is_some() {
        marked.push(("body", false));
    }
    let others: Vec<String> = other_body_fields(op).map(|(n, ..)| n.to_string()).collect();
    marked.extend(others.iter().map(|n| (n.as_str(), false)));
    marked.push(("options", false));
    redacting_debug(quote!(#name), name.as_str(), &marked)
}

/// The settings of one call, which replace the client's: every request builder has them.
fn call_options() -> TokenStream {
    quote! {
        /// Sends this call to another base URL than the client's.
        pub fn server_url(mut self, url: impl Into<String>) -> Self {
            self.options.server_url = Some(url.into());
            self
        }

        /// The time each attempt of this call may take, instead of the client's timeout.
        pub fn timeout(mut self, timeout: std::time::Duration) -> Self {
            self.options.timeout = Some(timeout);
            self
        }

        /// The retry policy of this call, instead of the client's;
        /// [`RetryConfig::none`](crate::RetryConfig::none) disables retries.
        pub fn retries(mut self, retries: crate::RetryConfig) -> Self {
            self.options.retries = Some(retries);
            self
        }

        /// Adds a header to this call; it replaces a client header of the same name.
        pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
            self.options.headers.push((name.into(), value.into()));
            self
        }
    }
}

/// The expression that turns `value`, an argument or setter's parameter, into the value the
/// builder stores (before any `Box`); `options` is the `RequestOptions` a value that holds any
/// JSON reports a failed conversion to.
pub(super) fn taken(input: &Input, value: TokenStream, options: TokenStream) -> TokenStream {
    match &input.param {
        Parameter::Json => {
            let name = input.name.as_str();
            quote!(runtime::json::json_input(#name, #value, &mut #options))
        }
        param => conversion(param, value),
    }
}

/// The expression that turns `value`, taken as `param` says, into the stored value.
fn conversion(param: &Parameter, value: TokenStream) -> TokenStream {
    match param {
        Parameter::Into(_) => quote!(#value.into()),
        Parameter::Items(item) => match &**item {
            Parameter::Exact(_) => quote!(#value.into_iter().collect()),
            Parameter::Into(_) => quote!(#value.into_iter().map(Into::into).collect()),
            item => {
                let item = conversion(item, quote!(item));
                quote!(#value.into_iter().map(|item| #item).collect())
            }
        },
        Parameter::Entries(entry) => {
            let entry = conversion(entry, quote!(value));
            quote!(#value.into_iter().map(|(key, value)| (key.into(), #entry)).collect())
        }
        Parameter::Exact(_) | Parameter::Json => value,
    }
}

/// `value` in a `Box` when the model holds the input boxed.
pub(super) fn stored(input: &Input, value: TokenStream) -> TokenStream {
    match input.boxed {
        true => quote!(Box::new(#value)),
        false => value,
    }
}

/// The builder's fields that hold the caller's choice of another media type for the body,
/// each with its type and its value before a setter runs: `as_form` and `body_bytes`.
pub(super) fn other_body_fields(
    op: &OperationPlan,
) -> impl Iterator<Item = (proc_macro2::Ident, TokenStream, TokenStream)> {
    let form = (op.as_form()).map(|_| (format_ident!("as_form"), quote!(bool), quote!(false)));
    let bytes = (op.body_bytes()).map(|_| {
        let ty = quote!(Option<bytes::Bytes>);
        (format_ident!("body_bytes"), ty, quote!(None))
    });
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
fn stream(op: &OperationPlan) -> Option<TokenStream> {
    let paging = op.paging.as_ref()?;
    let item = paging.item.tokens(Scope::Crate);
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

/// The setters of an input that is not an argument: `name(value)`, `set_name(Option<T>)`,
/// whose `None` leaves it unset as if no setter had been called, and for a value that may be
/// `null`, `clear_name()`, which sends `null`.
fn setter(input: &Input) -> TokenStream {
    let (name, target) = (&input.name, target(input));
    let deprecated = deprecated(input);
    let ty = input.param.tokens(Scope::Crate);
    let held = Held::of(input);
    let clear_note = input.clear.as_ref().map(|clear| {
        format!(
            "It may be `null`: [`{clear}()`](Self::{clear}) sends an explicit `null`.",
            clear = clear.code()
        )
    });
    let docs = doc(&paragraphs([
        Some(input_doc(input).as_str()),
        clear_note.as_deref(),
    ]));
    let set = set_setter(input, &target, &held.option);
    let clear = clear_setter(input, &target, &held.null);
    let value = held.value;
    quote! {
        #docs
        #deprecated
        pub fn #name(mut self, value: #ty) -> Self {
            #target = #value;
            self
        }

        #set
        #clear
    }
}

/// Where the builder holds an input: its own field, or the field of the body it fills.
fn target(input: &Input) -> TokenStream {
    let name = &input.name;
    match input.kind {
        InputKind::BodyField(field) => {
            let field = crate::naming::ident(&field.name);
            quote!(self.body.#field)
        }
        _ => quote!(self.#name),
    }
}

/// `#[deprecated]` on the setters of a deprecated input.
fn deprecated(input: &Input) -> Option<TokenStream> {
    input.value.deprecated.then(|| quote!(#[deprecated]))
}

/// What the setters of an input assign to where the builder holds it.
struct Held {
    /// For a value, in the setter named for the input.
    value: TokenStream,
    /// For the `Option` that `set_` takes.
    option: TokenStream,
    /// For `null`, in `clear_`.
    null: TokenStream,
}

impl Held {
    /// What the builder holds for a value, for the `Option` of `set_`, and for `null`: an
    /// optional value that may be `null` is an `Option<Option<T>>`, a required one an
    /// `Option<T>` whose `None` is `null`, and any JSON holds `null` itself.
    fn of(input: &Input) -> Held {
        let value = stored(input, taken(input, quote!(value), quote!(self.options)));
        let held = match input.boxed {
            true => quote!(value.map(Box::new)),
            false => quote!(value),
        };
        let (value, option, null) = match input.presence {
            Presence::OptionalNullable => (
                quote!(Some(Some(#value))),
                quote!(#held.map(Some)),
                quote!(Some(None)),
            ),
            Presence::RequiredNullable => (quote!(Some(#value)), held, quote!(None)),
            _ => (
                quote!(Some(#value)),
                held,
                quote!(Some(serde_json::Value::Null)),
            ),
        };
        Held {
            value,
            option,
            null,
        }
    }
}

/// `set_name(Option<T>)`, which assigns `option` to `target`, when the input has it.
fn set_setter(input: &Input, target: &TokenStream, option: &TokenStream) -> Option<TokenStream> {
    let set = input.set.as_ref()?;
    let (docs, deprecated) = (doc(&set_doc(input)), deprecated(input));
    let inner = input.ty.tokens(Scope::Crate);
    Some(quote! {
        #docs
        #deprecated
        pub fn #set(mut self, value: Option<#inner>) -> Self {
            #target = #option;
            self
        }
    })
}

/// `clear_name()`, which assigns `null` to `target`, when the input may be `null`.
fn clear_setter(input: &Input, target: &TokenStream, null: &TokenStream) -> Option<TokenStream> {
    let clear = input.clear.as_ref()?;
    let (docs, deprecated) = (doc(&clear_doc(input)), deprecated(input));
    Some(quote! {
        #docs
        #deprecated
        pub fn #clear(mut self) -> Self {
            #target = #null;
            self
        }
    })
}

/// The rustdoc of the `set_` setter, which takes an `Option`.
fn set_doc(input: &Input) -> String {
    let unset = match input.presence {
        Presence::RequiredNullable => "Unset, the field is sent as `null` (the API requires it).",
        _ => "Unset, it is left out of the request.",
    };
    let clear = match &input.clear {
        Some(clear) => format!(
            " To send `null`, call [`{c}()`](Self::{c}).",
            c = clear.code()
        ),
        None => String::new(),
    };
    format!(
        "Sets `{name}` from an `Option`: `Some(value)` is the same as `{name}(value)`, and \
         `None` leaves it unset, as if no setter had been called (it undoes an earlier \
         `{name}(…)`). {unset}{clear}",
        name = input.name.code()
    )
}

/// The rustdoc of the `clear_` setter, which sends `null`.
fn clear_doc(input: &Input) -> String {
    let (name, set) = (
        input.name.code(),
        input.set.as_ref().map(|s| s.code()).unwrap_or_default(),
    );
    let unlike = match input.presence {
        Presence::RequiredNullable => {
            "the same as leaving it unset, since the API requires the field".to_owned()
        }
        _ => format!("unlike [`{set}(None)`](Self::{set}), which leaves the field out"),
    };
    format!(
        "Sends `{name}` as an explicit `null` (which an update usually reads as \"erase the \
         value\"): {unlike}."
    )
}
