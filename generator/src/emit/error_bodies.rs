//! The runtime's `ErrorBody` for each model a documented error status carries: its message,
//! code and request ids, read where the plan found them, and the model as `Any`, so that
//! errors give the API's words without a `match` on each operation's error type.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use crate::plan::{Access, ErrorBodyPlan, Plan, Presence, Scope, Step};

/// The impls, for `models.rs`, each behind its model's features.
pub(super) fn impls(plan: &Plan) -> TokenStream {
    let impls =
        (plan.error_bodies.iter()).map(|b| super::features::gated(&plan.model(b.id).gate, body(b)));
    quote!(#(#impls)*)
}

fn body(body: &ErrorBodyPlan) -> TokenStream {
    let ty = body.ty.tokens(Scope::Models);
    let message = first(&body.message).map(|value| {
        quote! {
            fn message(&self) -> Option<&str> {
                #value
            }
        }
    });
    let code = first(&body.code).map(|value| {
        quote! {
            fn code(&self) -> Option<&str> {
                #value
            }
        }
    });
    let request_id = (!body.request_ids.is_empty()).then(|| {
        let arms = body.request_ids.iter().map(|(pointer, access)| {
            let value = expression(access);
            quote!(#pointer => #value,)
        });
        quote! {
            fn request_id(&self, pointer: &str) -> Option<&str> {
                match pointer {
                    #(#arms)*
                    _ => None,
                }
            }
        }
    });
    quote! {
        impl crate::runtime::details::ErrorBody for #ty {
            #message
            #code
            #request_id

            fn as_any(&self) -> &dyn std::any::Any {
                self
            }
        }
    }
}

/// The first of the values `accesses` reach that the body has, as an `Option<&str>`.
fn first(accesses: &[Access]) -> Option<TokenStream> {
    let (head, rest) = accesses.split_first()?;
    let head = expression(head);
    let rest = rest.iter().map(expression);
    Some(quote!(#head #(.or_else(|| #rest))*))
}

/// The `Option<&str>` at the end of `access`, from `self`.
fn expression(access: &Access) -> TokenStream {
    // `value` is the place of the value reached so far, or, once a step may find nothing,
    // an `Option` of a reference to it.
    let (mut value, mut optional) = (quote!(self), false);
    let last = access.steps.len().saturating_sub(1);
    for (i, step) in access.steps.iter().enumerate() {
        let base = match optional {
            true => quote!(v),
            false => value.clone(),
        };
        let (next, next_optional) = step_from(&base, step, i == last);
        value = match (optional, next_optional, i == last) {
            (false, _, _) => next,
            (true, true, _) => quote!(#value.and_then(|v| #next)),
            (true, false, true) => quote!(#value.map(|v| #next)),
            (true, false, false) => quote!(#value.map(|v| &#next)),
        };
        optional |= next_optional;
    }
    match optional {
        true => value,
        false => quote!(Some(#value)),
    }
}

/// One step from the value at `base`: the expression of the next value, and whether it is an
/// `Option`. At the `leaf`, the string's `&str` (or `Option<&str>`).
fn step_from(base: &TokenStream, step: &Step, leaf: bool) -> (TokenStream, bool) {
    match (step, leaf) {
        (Step::Field(name, presence), _) => {
            let field = quote!(#base.#name);
            match (presence, leaf) {
                (Presence::Required, true) => (quote!(#field.as_str()), false),
                (Presence::Required, false) => (field, false),
                (Presence::Optional | Presence::RequiredNullable, true) => {
                    (quote!(#field.as_deref()), true)
                }
                (Presence::Optional | Presence::RequiredNullable, false) => {
                    (quote!(#field.as_ref()), true)
                }
                (Presence::OptionalNullable, true) => {
                    (quote!(#field.as_ref().and_then(Option::as_deref)), true)
                }
                (Presence::OptionalNullable, false) => {
                    (quote!(#field.as_ref().and_then(Option::as_ref)), true)
                }
            }
        }
        (Step::Item(index), _) => {
            let item = match index {
                0 => quote!(#base.first()),
                index => {
                    let index = Literal::usize_unsuffixed(*index);
                    quote!(#base.get(#index))
                }
            };
            (leaf_str(item, leaf), true)
        }
        (Step::Key(key), _) => (leaf_str(quote!(#base.get(#key)), leaf), true),
    }
}

/// An `Option<&String>` as an `Option<&str>` at the leaf.
fn leaf_str(value: TokenStream, leaf: bool) -> TokenStream {
    match leaf {
        true => quote!(#value.map(String::as_str)),
        false => value,
    }
}

#[cfg(test)]
mod tests {
    use super::expression;
    use crate::naming::Name;
    use crate::plan::{Access, Presence, Step};

    fn text(steps: Vec<Step>) -> String {
        expression(&Access { steps }).to_string().replace(' ', "")
    }

    #[test]
    fn each_step_reads_through_options_to_a_str() {
        let field = |name: &str, presence| Step::Field(Name::new(name.to_owned()), presence);
        let cases = [
            (
                vec![
                    field("errors", Presence::Required),
                    Step::Item(0),
                    field("long_message", Presence::Required),
                ],
                "self.errors.first().map(|v|v.long_message.as_str())",
            ),
            (
                vec![field("clerk_trace_id", Presence::Optional)],
                "self.clerk_trace_id.as_deref()",
            ),
            (
                vec![
                    field("error", Presence::Required),
                    field("message", Presence::Required),
                ],
                "Some(self.error.message.as_str())",
            ),
            (
                vec![
                    field("meta", Presence::OptionalNullable),
                    field("detail", Presence::Required),
                    Step::Key("trace".into()),
                ],
                "self.meta.as_ref().and_then(Option::as_ref).map(|v|&v.detail).and_then(|v|v.get(\"trace\").map(String::as_str))",
            ),
            (
                vec![field("codes", Presence::Optional), Step::Item(2)],
                "self.codes.as_ref().and_then(|v|v.get(2).map(String::as_str))",
            ),
        ];
        for (steps, expected) in cases {
            assert_eq!(text(steps), expected);
        }
    }
}
