//! Examples: one call per operation with values from the document, built once in the plan
//! and rendered three ways (see `emit::examples`), as the doctest of the operation's method,
//! as the program in its docs page and as a function of `examples/<group>.rs`, so that the
//! three cannot diverge.
//!
//! A value comes from, in this order:
//!
//! 1. the input's own `example` (for a body field, also the property of the body's example);
//! 2. the example of a field or parameter with the same wire name elsewhere in the document,
//!    when it has the input's type and matches its pattern (request bodies rarely have
//!    examples, but the responses that echo them back do);
//! 3. its `default`, or the first value of its `enum`;
//! 4. a string example anywhere in the document that matches its pattern, else a string made
//!    from the pattern; for a number, its bounds;
//! 5. a placeholder of its type: `"<name>"`, `1`, the first variant, a struct built the same
//!    way with its optional fields left out.
//!
//! Every required input is in the example, and up to [`OPTIONAL`] optional ones, those with
//! the best-sourced values first (a value equal to the default counts as a default). A required
//! input with no value at all (only a type that contains itself can have none) becomes a
//! parameter of the example function instead.

use super::rust::RustType;
use super::values::{Needs, Source, Value, Values};
use super::{Input, InputKind, Presence};
use crate::ir::Operation;
use crate::naming::Name;

/// How many optional inputs an example sets at most.
pub const OPTIONAL: usize = 3;

/// An operation's example, as data: `client.{group}().{method}(args…).{setter}(value)….send()`.
#[derive(Debug)]
pub struct Example {
    /// The group's module, whose accessor the call starts with.
    pub group: Name,
    pub method: Name,
    /// The method's arguments.
    pub args: Vec<Value>,
    /// The setters called, with their values.
    pub setters: Vec<(Name, Value)>,
    /// Required inputs with no value, as the example function's parameters.
    pub params: Vec<(Name, RustType)>,
    /// Whether the code names `models::…`.
    pub models: bool,
    /// Whether the code uses a deprecated item.
    pub deprecated: bool,
    /// The schemes whose credentials the example's client gets: the first alternative of the
    /// operation's `security` that needs any (indices in [`crate::ir::Api::schemes`]).
    pub credentials: Vec<usize>,
    /// Whether the call with its required arguments needs nothing but the client.
    call_simple: bool,
}

/// Builds the example of `op`, a method of the group module `group`.
pub(super) fn example(
    values: &Values,
    group: &Name,
    method: &Name,
    op: &Operation,
    inputs: &[Input],
) -> Example {
    let body_example = op.body.as_ref().and_then(|b| b.example.as_ref());
    let mut args = Vec::new();
    let mut params = Vec::new();
    let mut optional = Vec::new();
    // Each value is built on its own, so that only the values used count for what the code
    // needs (`models`, an allowance for deprecated items).
    let mut needs = Needs::default();
    for (index, input) in inputs.iter().enumerate() {
        let (value, value_needs) = values.measured(|| input_value(values, input, body_example));
        if input.presence == Presence::Required {
            needs.add(value_needs);
            needs.deprecated |= input.value.deprecated;
            match value {
                Some((value, _)) => args.push(value),
                None => {
                    let (ty, type_needs) = values.measured(|| values.user_type(&input.value.ty));
                    needs.add(type_needs);
                    params.push((input.name.clone(), ty));
                    args.push(Value::Param(input.name.clone()));
                }
            }
        } else if let Some((value, source)) = value.filter(|_| !input.value.deprecated) {
            optional.push((source, index, input, value, value_needs));
        }
    }
    let call_simple = params.is_empty() && needs == Needs::default() && !op.deprecated;
    let optional = best_optional(optional);
    for (.., value_needs) in &optional {
        needs.add(*value_needs);
    }
    let setters = (optional.into_iter())
        .map(|(_, _, input, value, _)| (input.name.clone(), value))
        .collect();
    Example {
        group: group.clone(),
        method: method.clone(),
        args,
        setters,
        params,
        models: needs.models,
        deprecated: needs.deprecated || op.deprecated,
        credentials: (op.security.iter())
            .find(|alternative| !alternative.is_empty())
            .cloned()
            .unwrap_or_default(),
        call_simple,
    }
}

/// A value for `input`, from its own hints or the body's example (`body_example`).
fn input_value(
    values: &Values,
    input: &Input,
    body_example: Option<&serde_json::Value>,
) -> Option<(Value, Source)> {
    let value = &input.value;
    let extra = match input.kind {
        InputKind::BodyField(_) => body_example.and_then(|b| b.get(&value.wire)),
        InputKind::Body => body_example,
        _ => None,
    };
    values.value(&value.ty, &value.hints, &value.wire, extra, 0)
}

/// An optional input with a value: where the value comes from, the input's index, the
/// input, the value and what its code needs.
type Optional<'a> = (Source, usize, &'a Input<'a>, Value, Needs);

/// The optional inputs an example sets: the best-sourced ones, up to [`OPTIONAL`], in their
/// own order; a placeholder only when no input has better, so that the example still shows
/// what a setter looks like.
fn best_optional(mut optional: Vec<Optional>) -> Vec<Optional> {
    optional.sort_by_key(|(source, index, ..)| (*source, *index));
    let best = optional.first().map(|(source, ..)| *source);
    optional.retain(|(source, ..)| *source < Source::Placeholder || best == Some(*source));
    optional.truncate(if best == Some(Source::Placeholder) {
        1
    } else {
        OPTIONAL
    });
    optional.sort_by_key(|(_, index, ..)| *index);
    optional
}

impl Example {
    /// Whether the example is a program of its own, needing nothing but the crate and the
    /// client (for the README, which shows one call on its own).
    pub fn is_simple(&self) -> bool {
        self.params.is_empty() && !self.models && !self.deprecated
    }

    /// Whether the call with its required arguments alone needs nothing but the client.
    pub fn call_is_simple(&self) -> bool {
        self.call_simple
    }
}
