//! A request builder's `send()`: the request described with the adders of the runtime's
//! `Request` (`templates/runtime/src/request.rs`), one line per input, and the response
//! matched by status.

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use super::type_tokens;
use crate::ir::{Encoding, ParamLocation, Status, Type};
use crate::plan::{Input, InputKind, OperationPlan, Plan, Presence, Success, content_type};

/// `send()` of the operation `op`.
pub(crate) fn send(plan: &Plan, op: &OperationPlan) -> TokenStream {
    let (success_ty, success_call) = match op.success {
        Success::Json { ty, optional: true } => {
            let ty = type_tokens(plan.api, ty, false);
            (quote!(Option<#ty>), quote!(response.optional_success()))
        }
        Success::Json {
            ty,
            optional: false,
        } => (type_tokens(plan.api, ty, false), quote!(response.success())),
        Success::Bytes => (quote!(bytes::Bytes), quote!(response.bytes_success())),
        Success::Empty => (quote!(()), quote!(response.empty_success())),
    };
    let error = &op.error;
    let request = request(op);
    // A body the caller may send as another media type is chosen in a statement of its own.
    let chosen = chosen_body(op);
    let arms = error_arms(op);
    let fallback = op
        .unexpected
        .then(|| quote!(_ => Err(response.unexpected()),));
    quote! {
        /// Sends the request and decodes the response.
        pub async fn send(self) -> Result<crate::ResponseValue<#success_ty>, crate::SdkError<#error>> {
            // A statement of its own, so that the path's `&dyn Display`s are dropped before
            // the `await` and the future stays `Send`.
            let request = #request;
            #chosen
            let response = request.send(&self.client, &self.options).await?;
            match response.status.as_u16() {
                200..=299 => #success_call,
                #(#arms)*
                #fallback
            }
        }
    }
}

/// `runtime::Request::new(…)` and one adder per input: its query pairs, headers and body.
fn request(op: &OperationPlan) -> TokenStream {
    let operation = &op.op.id;
    let method = format_ident!("{}", op.op.method.as_str());
    let path = path_segments(op);
    let params = |location: ParamLocation| {
        op.inputs
            .iter()
            .filter(move |i| i.kind == InputKind::Param(location))
            .map(|i| (i, i.value.wire.as_str()))
    };
    let query = params(ParamLocation::Query).map(|(i, wire)| {
        let values = values(i, own(i));
        quote!(.query(#wire, #values))
    });
    let headers = params(ParamLocation::Header).map(|(i, wire)| {
        let values = values(i, own(i));
        match i.sensitive {
            true => quote!(.secret_header(#wire, #values)),
            false => quote!(.header(#wire, #values)),
        }
    });
    let auth = (!op.op.auth).then(|| quote!(.without_auth()));
    let body = (op.as_form().is_none() && op.body_bytes().is_none()).then(|| body(op));
    quote! {
        runtime::Request::new(#operation, reqwest::Method::#method, &[#(#path),*])
            #auth
            #(#query)*
            #(#headers)*
            #body
    }
}

/// `let request = …;` with the body the caller chose, for an operation whose builder offers
/// other media types (`body_bytes(…)`, `as_form()`): the bytes if set, else the JSON body's
/// fields as a form if asked, else the body as the document lists it first.
fn chosen_body(op: &OperationPlan) -> Option<TokenStream> {
    let mut choices = Vec::new();
    if let Some(other) = op.body_bytes() {
        let content_type = content_type(&other.media_type, &Encoding::<()>::Bytes);
        choices.push((
            quote!(let Some(bytes) = self.body_bytes),
            quote!(request.bytes(#content_type, Some(bytes))),
        ));
    }
    if op.as_form().is_some() {
        let adds = op.inputs.iter().filter_map(|i| match i.kind {
            InputKind::BodyField(field) => {
                let (wire, field) = (&i.value.wire, crate::naming::ident(&field.name));
                let values = values(i, quote!(self.body.#field));
                Some(quote!(.form(#wire, #values)))
            }
            _ => None,
        });
        choices.push((quote!(self.as_form), quote!(request #(#adds)*)));
    }
    if choices.is_empty() {
        return None;
    }
    let branches = choices
        .iter()
        .map(|(test, body)| quote!(if #test { #body } else));
    let body = body(op);
    Some(quote!(let request = #(#branches)* { request #body };))
}

/// The adders of the request body, if the operation sends one.
fn body(op: &OperationPlan) -> TokenStream {
    let fields = || {
        op.inputs
            .iter()
            .filter(|i| i.kind == InputKind::FormField)
            .map(|i| (i, i.value.wire.as_str()))
    };
    let whole = op.inputs.iter().find(|i| i.kind == InputKind::Body);
    let Some(body) = &op.op.body else {
        return quote!();
    };
    let content_type = content_type(&body.media_type, &body.encoding);
    match &body.encoding {
        Encoding::Json(_) => {
            let value = match whole {
                Some(input) => {
                    let name = &input.name;
                    quote!(self.#name)
                }
                None => quote!(self.body),
            };
            quote!(.json(#content_type, &#value)?)
        }
        Encoding::Form(_) => {
            let adds = fields().map(|(i, wire)| {
                let values = values(i, own(i));
                quote!(.form(#wire, #values))
            });
            quote!(#(#adds)*)
        }
        Encoding::Multipart(_) => {
            let adds = fields().map(|(i, wire)| {
                let values = values(i, own(i));
                match &i.value.ty {
                    Type::File => quote!(.file_part(#wire, #values)),
                    Type::Array(item) if **item == Type::File => quote!(.file_part(#wire, #values)),
                    _ => quote!(.text_part(#wire, #values)),
                }
            });
            quote!(#(#adds)*)
        }
        // The whole body is an input: bytes, or a string sent as its UTF-8 bytes.
        Encoding::Text | Encoding::Bytes => {
            let Some(input) = whole else {
                return quote!();
            };
            let name = &input.name;
            let text = body.encoding == Encoding::Text;
            let value = match (input.presence == Presence::Required, text) {
                (true, false) => quote!(Some(self.#name)),
                (true, true) => quote!(Some(self.#name.into())),
                (false, false) => quote!(self.#name),
                (false, true) => quote!(self.#name.map(Into::into)),
            };
            quote!(.bytes(#content_type, #value))
        }
    }
}

/// The values of an input held at `target` (`self.name`, or a field of the body model), as
/// the runtime's adders take them: anything that iterates over them, so that an unset
/// optional input (or a `null` one) adds nothing and an array adds one item each.
fn values(input: &Input, target: TokenStream) -> TokenStream {
    let array = matches!(input.value.ty, Type::Array(_));
    match (input.presence, array) {
        (Presence::Required, false) => quote!([&#target]),
        (Presence::Required, true) => quote!(#target.iter()),
        (Presence::RequiredNullable | Presence::Optional, false) => quote!(#target.as_ref()),
        (Presence::RequiredNullable | Presence::Optional, true) => {
            quote!(#target.iter().flatten())
        }
        (Presence::OptionalNullable, false) => quote!(#target.iter().flatten()),
        (Presence::OptionalNullable, true) => quote!(#target.iter().flatten().flatten()),
    }
}

/// The builder's field that holds an input: `self.name`.
fn own(input: &Input) -> TokenStream {
    let name = &input.name;
    quote!(self.#name)
}

/// The path's segments, each a `&dyn Display`: literal text, a parameter, or a
/// `format_args!` of both.
fn path_segments(op: &OperationPlan) -> Vec<TokenStream> {
    let segments = op
        .op
        .path
        .split('/')
        .filter(|s| !s.is_empty())
        .map(|segment| {
            if !segment.contains('{') {
                return quote!(&#segment);
            }
            let mut template = String::new();
            let mut args = Vec::new();
            let mut rest = segment;
            while let Some(start) = rest.find('{') {
                template.push_str(&rest[..start].replace('}', "}}"));
                let end = rest[start..].find('}').map_or(rest.len(), |e| start + e);
                let wire = &rest[start + 1..end];
                let input = op.inputs.iter().find(|i| {
                    i.kind == InputKind::Param(ParamLocation::Path) && i.value.wire == wire
                });
                if let Some(input) = input {
                    let name = &input.name;
                    args.push(quote!(self.#name));
                }
                template.push_str("{}");
                rest = &rest[(end + 1).min(rest.len())..];
            }
            template.push_str(&rest.replace('{', "{{").replace('}', "}}"));
            match args.as_slice() {
                [arg] if template == "{}" => quote!(&#arg),
                _ => quote!(&format_args!(#template, #(#args),*)),
            }
        });
    segments.collect()
}

/// One match arm per documented error status.
fn error_arms(op: &OperationPlan) -> Vec<TokenStream> {
    let error = &op.error;
    op.errors
        .iter()
        .map(|e| {
            let pattern = match e.response.status {
                Status::Code(code) => {
                    let code = Literal::u16_unsuffixed(code);
                    quote!(#code)
                }
                Status::Range(class) => {
                    let low = Literal::u16_unsuffixed(u16::from(class) * 100);
                    let high = Literal::u16_unsuffixed(u16::from(class) * 100 + 99);
                    quote!(#low..=#high)
                }
                Status::Default => quote!(_),
            };
            let variant = &e.variant;
            let value = match e.body {
                Some(_) => quote!(response.failure(#error::#variant)),
                // The raw body of a non-JSON error stays in `ApiError::body`.
                None => quote!(response.failure_without_body(#error::#variant)),
            };
            quote!(#pattern => Err(#value),)
        })
        .collect()
}
