//! What an operation's `send()` ends with, beside the plain types: its error type, a variant
//! per documented error status, and, when its success bodies differ, its success enum, a
//! variant per documented success status. Both derive the same traits and are
//! `#[non_exhaustive]`, so that a status added to the document is a compatible change.

use proc_macro2::TokenStream;
use quote::quote;

use super::{doc, paragraphs, sanitize};
use crate::ir::Response;
use crate::plan::{OperationPlan, Plan, Scope, Success};

/// `#[allow(clippy::large_enum_variant)]` where the plan found a variant much larger than the
/// others: the variants are the document's bodies, as they are (see `emit::unions`).
fn allow_large(large: bool) -> Option<TokenStream> {
    large.then(|| quote!(#[allow(clippy::large_enum_variant)]))
}

/// The success enum of an operation whose success bodies differ, a variant per status.
pub(super) fn success_enum(op: &OperationPlan) -> TokenStream {
    let Success::ByStatus { name, cases, large } = &op.success else {
        return quote!();
    };
    let variants = cases.iter().map(|c| {
        let variant = &c.variant;
        let status = status_doc(c.response);
        let docs = match &c.ty {
            Some(crate::plan::RustType::Bytes) => {
                let media_type = c.response.body.as_ref().map_or("", |b| &b.media_type);
                let bytes = format!("The {} body, as bytes.", super::markdown::code(media_type));
                doc(&paragraphs([Some(status.as_str()), Some(bytes.as_str())]))
            }
            _ => doc(&status),
        };
        match &c.ty {
            Some(ty) => {
                let ty = ty.tokens(Scope::Crate);
                quote!(#docs #variant(#ty),)
            }
            None => quote!(#docs #variant,),
        }
    });
    let others = match op.success.refuses_other_2xx() {
        true => {
            " Another `2XX` status is an [`SdkError::Unexpected`](crate::SdkError::Unexpected)."
        }
        false => "",
    };
    let docs = doc(&format!(
        "The successful responses that `{}` documents, one variant per status: `send()` \
         succeeds with the variant of the status that answered, in a \
         [`ResponseValue`](crate::ResponseValue) that also gives the status and headers.{others}",
        op.method
    ));
    let large = allow_large(*large);
    quote! {
        #docs
        #[derive(Debug, Clone, PartialEq)]
        #[non_exhaustive]
        #large
        pub enum #name {
            #(#variants)*
        }
    }
}

/// A status's doc: `` `404`: Not Found ``.
fn status_doc(response: &Response) -> String {
    format!("`{}`: {}", response.status, sanitize(&response.description))
}

pub(super) fn error_enum(plan: &Plan, op: &OperationPlan) -> TokenStream {
    let name = &op.error;
    let variants = op.errors.iter().map(|e| {
        let variant = &e.variant;
        let docs = doc(&status_doc(e.response));
        match &e.ty {
            Some(ty) => {
                let ty = ty.tokens(Scope::Crate);
                quote!(#docs #variant(#ty),)
            }
            None => quote!(#docs #variant,),
        }
    });
    // `Display` says which documented error it is; the response says the rest.
    let texts = op.errors.iter().map(|e| {
        let variant = &e.variant;
        let pattern = match e.ty {
            Some(_) => quote!(Self::#variant(_)),
            None => quote!(Self::#variant),
        };
        let text = error_text(op, e.response);
        quote!(#pattern => #text,)
    });
    let (formatter, display) = match op.errors.is_empty() {
        true => (quote!(_f), quote!(match *self {})),
        false => (quote!(f), quote!(f.write_str(match self { #(#texts)* }))),
    };
    let docs = doc(&format!(
        "The error responses that `{}` documents, one variant per status; \
         [`SdkError::Api`](crate::SdkError::Api) carries it with the status, headers and raw \
         body, and [`Error::operation_error`](crate::Error::operation_error) gets it back from \
         the crate's [`Error`](crate::Error).",
        op.method
    ));
    let large = allow_large(op.large_error);
    let error_body = error_body(plan, op);
    quote! {
        #docs
        #[derive(Debug, Clone, PartialEq)]
        #[non_exhaustive]
        #large
        pub enum #name {
            #(#variants)*
        }

        impl std::fmt::Display for #name {
            fn fmt(&self, #formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                #display
            }
        }

        impl std::error::Error for #name {}

        impl runtime::OperationErrorValue for #name {
            const PRINTING: runtime::Printing = crate::PRINTING;

            #error_body
        }
    }
}

/// `error_body()` of an operation's error type, which gives the documented body of each
/// variant whose model says what went wrong; nothing when none does (the trait's default,
/// `None`).
fn error_body(plan: &Plan, op: &OperationPlan) -> Option<TokenStream> {
    let described = |e: &&crate::plan::ErrorCase| plan.error_body_of(e.body).is_some();
    let arms: Vec<TokenStream> = (op.errors.iter().filter(described))
        .map(|e| {
            let variant = &e.variant;
            quote!(Self::#variant(body) => Some(body),)
        })
        .collect();
    if arms.is_empty() {
        return None;
    }
    let others = (arms.len() < op.errors.len()).then(|| quote!(_ => None,));
    Some(quote! {
        fn error_body(&self) -> Option<&dyn runtime::details::ErrorBody> {
            match self {
                #(#arms)*
                #others
            }
        }
    })
}

/// What a documented error says it is: `get_api_key error 404: Not Found`, the status once
/// even when the response's description starts with it (`404 Not Found`).
fn error_text(op: &OperationPlan, response: &Response) -> String {
    let status = response.status;
    let first = response
        .description
        .lines()
        .next()
        .unwrap_or_default()
        .trim();
    match without_status(&status.to_string(), first) {
        "" => format!("{} error {status}", op.method),
        description => format!("{} error {status}: {description}", op.method),
    }
}

/// A description without the status it starts with: `Not Found` of `404 Not Found`.
fn without_status<'a>(status: &str, description: &'a str) -> &'a str {
    match description.strip_prefix(status) {
        Some(rest) if !rest.starts_with(|c: char| c.is_alphanumeric()) => {
            rest.trim_start_matches([' ', ':', '-', '–', '—']).trim()
        }
        _ => description,
    }
}

#[cfg(test)]
mod tests {
    use super::without_status as text;

    #[test]
    fn a_description_that_starts_with_the_status_does_not_repeat_it() {
        assert_eq!(text("404", "404 Not Found"), "Not Found");
        assert_eq!(text("404", "404: Not Found"), "Not Found");
        assert_eq!(text("404", "404"), "");
        assert_eq!(text("400", "4000 errors"), "4000 errors");
        assert_eq!(text("400", "Bad request"), "Bad request");
    }
}
