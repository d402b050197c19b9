//! `send()` of each request builder: the request from the builder's inputs, and the
//! response decoded by status.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::type_tokens;
use crate::ir::{Encoding, Operation, ParamLocation, Status, Type};
use crate::plan::{Input, InputKind, OperationPlan, Plan, Presence, Success};

pub(super) fn send(plan: &Plan, op_plan: &OperationPlan) -> TokenStream {
    let (op, inputs, cx) = (op_plan.op, op_plan.inputs.as_slice(), plan);
    let method = format_ident!("{}", op.method.as_str());
    let operation = &op.id;
    let error = &op_plan.error;
    let (success_ty, success_call) = match op_plan.success {
        Success::Json { ty, optional: true } => {
            let ty = type_tokens(cx.api, ty, false);
            (
                quote!(::std::option::Option<#ty>),
                quote!(response.optional_success()),
            )
        }
        Success::Json {
            ty,
            optional: false,
        } => (type_tokens(cx.api, ty, false), quote!(response.success())),
        Success::Bytes => (quote!(::bytes::Bytes), quote!(response.bytes_success())),
        Success::Empty => (quote!(()), quote!(response.empty_success())),
    };
    let path = path_segments(op, inputs);
    let list = |location: ParamLocation, name: TokenStream| {
        let pushes: Vec<_> = inputs
            .iter()
            .filter(|i| i.kind == InputKind::Param(location))
            .map(|i| push_param(i, &i.value.wire, name.clone()))
            .collect();
        let mutable = (!pushes.is_empty()).then(|| quote!(mut));
        quote! {
            let #mutable #name: ::std::vec::Vec<(&'static str, ::std::string::String)> = ::std::vec::Vec::new();
            #(#pushes)*
        }
    };
    let secret_headers = inputs
        .iter()
        .filter(|i| i.kind == InputKind::Param(ParamLocation::Header) && i.sensitive)
        .map(|i| i.value.wire.as_str());
    let query = list(ParamLocation::Query, quote!(query));
    let headers = list(ParamLocation::Header, quote!(headers));
    let form_fields = || {
        inputs
            .iter()
            .filter(|i| i.kind == InputKind::FormField)
            .map(|i| (i, i.value.wire.as_str()))
    };
    let body = match op.body.as_ref().map(|b| &b.encoding) {
        Some(Encoding::Json(_)) => {
            let value = match inputs.iter().find(|i| matches!(i.kind, InputKind::Body)) {
                Some(input) => {
                    let name = &input.name;
                    quote!(self.#name)
                }
                None => quote!(self.body),
            };
            quote! {
                let body = ::std::option::Option::Some(crate::runtime::Payload::Json(
                    crate::runtime::codec::to_json(&#value)?,
                ));
            }
        }
        Some(Encoding::Form(_)) => {
            let pushes = form_fields().map(|(i, wire)| push_param(i, wire, quote!(form)));
            quote! {
                let mut form: ::std::vec::Vec<(&'static str, ::std::string::String)> = ::std::vec::Vec::new();
                #(#pushes)*
                let body = ::std::option::Option::Some(crate::runtime::Payload::Form(form));
            }
        }
        Some(Encoding::Multipart(_)) => {
            let pushes = form_fields().map(|(i, wire)| push_part(i, wire));
            quote! {
                let mut parts: ::std::vec::Vec<crate::runtime::Part> = ::std::vec::Vec::new();
                #(#pushes)*
                let body = ::std::option::Option::Some(crate::runtime::Payload::Multipart(parts));
            }
        }
        Some(Encoding::Bytes) | None => quote!(let body = ::std::option::Option::None;),
    };
    let auth = op.auth;
    let arms = op_plan.errors.iter().map(|e| {
        let pattern = match e.response.status {
            Status::Code(code) => {
                let code = proc_macro2::Literal::u16_unsuffixed(code);
                quote!(#code)
            }
            Status::Range(class) => {
                let low = proc_macro2::Literal::u16_unsuffixed(u16::from(class) * 100);
                let high = proc_macro2::Literal::u16_unsuffixed(u16::from(class) * 100 + 99);
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
        quote!(#pattern => ::std::result::Result::Err(#value),)
    });
    let fallback = op_plan
        .unexpected
        .then(|| quote!(_ => ::std::result::Result::Err(response.unexpected()),));
    quote! {
        /// Sends the request and decodes the response.
        pub async fn send(self) -> ::std::result::Result<crate::ResponseValue<#success_ty>, crate::Error<#error>> {
            #query
            #headers
            #path
            #body
            let request = crate::runtime::Request {
                operation: #operation,
                method: ::reqwest::Method::#method,
                path: &path,
                query,
                headers,
                secret_headers: &[#(#secret_headers),*],
                auth: #auth,
                body,
            };
            let response = self.client.execute(request, &self.options).await?;
            match response.status.as_u16() {
                200..=299 => #success_call,
                #(#arms)*
                #fallback
            }
        }
    }
}

/// `let path = [..];` with one entry per path segment, parameters formatted in place.
fn path_segments(op: &Operation, inputs: &[Input]) -> TokenStream {
    let segments = op.path.split('/').filter(|s| !s.is_empty()).map(|segment| {
        if !segment.contains('{') {
            return quote!(::std::string::String::from(#segment));
        }
        let mut template = String::new();
        let mut args = Vec::new();
        let mut rest = segment;
        while let Some(start) = rest.find('{') {
            template.push_str(&rest[..start].replace('}', "}}"));
            let end = rest[start..].find('}').map_or(rest.len(), |e| start + e);
            let wire = &rest[start + 1..end];
            let input = inputs
                .iter()
                .find(|i| i.kind == InputKind::Param(ParamLocation::Path) && i.value.wire == wire);
            if let Some(input) = input {
                let name = &input.name;
                args.push(quote!(self.#name));
            }
            template.push_str("{}");
            rest = &rest[(end + 1).min(rest.len())..];
        }
        template.push_str(&rest.replace('{', "{{").replace('}', "}}"));
        match args.as_slice() {
            [arg] if template == "{}" => quote!(#arg.to_string()),
            _ => quote!(::std::format!(#template, #(#args),*)),
        }
    });
    let segments: Vec<_> = segments.collect();
    quote! {
        let path = [#(#segments),*];
        let path: ::std::vec::Vec<&str> = path.iter().map(::std::string::String::as_str).collect();
    }
}

/// Pushes a multipart field, if set: a file as a file part, anything else as text; array
/// items are repeated.
fn push_part(input: &Input, wire: &str) -> TokenStream {
    let name = &input.name;
    let part = |value: TokenStream, ty: &Type| match ty {
        Type::File => quote!(parts.push(crate::runtime::Part::file(#wire, #value.clone()));),
        _ => quote!(parts.push(crate::runtime::Part::text(#wire, #value.to_string()));),
    };
    let push = match &input.value.ty {
        Type::Array(item) => {
            let one = part(quote!(item), item);
            quote!(for item in value { #one })
        }
        ty => part(quote!(value), ty),
    };
    match input.presence {
        Presence::Required | Presence::RequiredNullable => {
            quote!({ let value = &self.#name; #push })
        }
        Presence::Optional | Presence::OptionalNullable => {
            quote!(if let ::std::option::Option::Some(value) = &self.#name { #push })
        }
    }
}

/// Pushes a query or header parameter, if set, as text; array items are repeated.
fn push_param(input: &Input, wire: &str, list: TokenStream) -> TokenStream {
    let name = &input.name;
    let push = match &input.value.ty {
        Type::Array(_) => quote!(for item in value { #list.push((#wire, item.to_string())); }),
        _ => quote!(#list.push((#wire, value.to_string()));),
    };
    match input.presence {
        Presence::Required | Presence::RequiredNullable => {
            quote!({ let value = &self.#name; #push })
        }
        Presence::Optional | Presence::OptionalNullable => {
            quote!(if let ::std::option::Option::Some(value) = &self.#name { #push })
        }
    }
}
