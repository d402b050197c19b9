//! An operation's side of the test doubles (the `test-util` feature): the runtime's
//! `mock::Operation` on its request builder, which names the operation for the rules and
//! turns a success or a documented error into the answer `send()` reads as it, with the
//! status and media type the plan chose.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use crate::naming::Name;
use crate::plan::{Answer, CaseBody, MockPlan, OperationPlan, Scope, Success, SuccessCase};

/// `impl runtime::mock::Operation for {Builder}`, behind the `test-util` feature.
pub(super) fn operation(op: &OperationPlan) -> TokenStream {
    let (builder, error) = (&op.builder, &op.error);
    let (id, path) = (&op.op.id, &op.op.path);
    let output_ty = op.returns.tokens(Scope::Crate);
    let (output_name, output) = output(op);
    let error_arms = op.errors.iter().zip(&op.mock.errors).map(|(case, answer)| {
        let variant = &case.variant;
        match case.ty {
            Some(_) => {
                let json = json(answer, quote!(body));
                quote!(#error::#variant(body) => #json,)
            }
            None => {
                let bare = bare(answer);
                quote!(#error::#variant => #bare,)
            }
        }
    });
    // An operation without documented errors has an empty error type, matched by value.
    let error_match = match op.errors.is_empty() {
        true => quote!(match *error {}),
        false => quote!(match error { #(#error_arms)* }),
    };
    quote! {
        #[cfg(feature = "test-util")]
        impl runtime::mock::Operation for #builder {
            const ID: &'static str = #id;
            const PATH: &'static str = #path;
            type Output = #output_ty;
            type Error = #error;

            fn output(#output_name: &Self::Output) -> runtime::mock::HttpResponse {
                #output
            }

            fn error(error: &Self::Error) -> runtime::mock::HttpResponse {
                #error_match
            }
        }
    }
}

/// The name of `output()`'s parameter (`_output` when the answer does not read it) and the
/// answer it makes.
fn output(op: &OperationPlan) -> (TokenStream, TokenStream) {
    let mock = &op.mock;
    let answer = match &op.success {
        Success::Json { optional, .. } => json_output(mock, *optional),
        Success::Bytes => {
            let answer = mock.body.clone().unwrap_or(Answer {
                status: 200,
                media_type: None,
            });
            bytes(&answer, quote!(output))
        }
        Success::Empty => {
            let empty = status(mock.empty);
            return (
                quote!(_output),
                quote!(runtime::mock::HttpResponse::new(#empty)),
            );
        }
        Success::ByStatus { name, cases, .. } => by_status(name, cases, mock),
    };
    (quote!(output), answer)
}

/// The status of a success without a body: the plan's, else 200.
fn status(status: Option<u16>) -> Literal {
    Literal::u16_unsuffixed(status.unwrap_or(200))
}

/// The answer to a JSON success: its body, or for an optional one, the body when there is
/// one and a bare answer when there is none.
fn json_output(mock: &MockPlan, optional: bool) -> TokenStream {
    let body = |value: TokenStream| match &mock.body {
        Some(answer) => json(answer, value),
        None => json_default(value),
    };
    if !optional {
        return body(quote!(output));
    }
    let body = body(quote!(body));
    let empty = status(mock.empty);
    quote! {
        match output {
            Some(body) => #body,
            None => runtime::mock::HttpResponse::new(#empty),
        }
    }
}

/// The answer to a success of several statuses: a `match` on the success enum `name`, each
/// variant answered with its status and body.
fn by_status(name: &Name, cases: &[SuccessCase], mock: &MockPlan) -> TokenStream {
    let arms = cases.iter().zip(&mock.cases).map(|(case, answer)| {
        let variant = &case.variant;
        match case.body {
            CaseBody::Json(_) => {
                let json = json(answer, quote!(body));
                quote!(#name::#variant(body) => #json,)
            }
            CaseBody::Bytes => {
                let bytes = bytes(answer, quote!(body));
                quote!(#name::#variant(body) => #bytes,)
            }
            CaseBody::Empty => {
                let bare = bare(answer);
                quote!(#name::#variant => #bare,)
            }
        }
    });
    quote!(match output { #(#arms)* })
}

/// A JSON answer with `value` as its body.
fn json(answer: &Answer, value: TokenStream) -> TokenStream {
    let status = Literal::u16_unsuffixed(answer.status);
    let media_type = answer.media_type.as_deref().unwrap_or("application/json");
    quote!(runtime::mock::HttpResponse::json(#status, #media_type, #value))
}

/// A JSON answer of the usual success status, for a success the plan found no answer for.
fn json_default(value: TokenStream) -> TokenStream {
    json(
        &Answer {
            status: 200,
            media_type: None,
        },
        value,
    )
}

/// An answer whose body is the bytes at `value`, under its media type.
fn bytes(answer: &Answer, value: TokenStream) -> TokenStream {
    let status = Literal::u16_unsuffixed(answer.status);
    let media_type = answer
        .media_type
        .as_deref()
        .unwrap_or("application/octet-stream");
    quote! {
        runtime::mock::HttpResponse::new(#status)
            .header("content-type", #media_type)
            .body(#value.clone())
    }
}

/// An answer without a body.
fn bare(answer: &Answer) -> TokenStream {
    let status = Literal::u16_unsuffixed(answer.status);
    quote!(runtime::mock::HttpResponse::new(#status))
}
