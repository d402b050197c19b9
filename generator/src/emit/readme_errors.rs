//! What the README says of a crate's errors: where `message()`, `code()` and `request_id()`
//! read the API's words, the typed error body when every error shares one, and the request
//! builder its test-double example names.

use crate::config::{Config, RequestIdSource};
use crate::plan::{Example, Plan};

/// The README's clauses about errors.
pub(super) struct ErrorTexts {
    /// Where `request_id()` looks: `, from the error body's … else the … header`.
    pub request_id: String,
    /// Where `message()` and `code()` read, in parentheses, or nothing.
    pub words: String,
    /// A sentence on `error_body()`, when the crate has it.
    pub body: String,
    /// The path of the request builder of the operation the examples call.
    pub builder: String,
}

impl ErrorTexts {
    /// The clauses for the crate of `plan`, whose examples call the operation of `example`.
    pub(super) fn new(plan: &Plan, example: Option<&Example>) -> ErrorTexts {
        let config = plan.config;
        let builder = (plan.operations())
            .find(|(_, op)| example.is_some_and(|e| std::ptr::eq(&op.example, e)))
            .map(|(group, op)| {
                let (krate, module) = (config.crate_ident(), group.module.code());
                format!("{krate}::{module}::{}", op.builder.code())
            })
            .unwrap_or_default();
        let body = match &plan.error_body {
            Some(ty) => format!(
                " `error_body()` gives the documented body itself, a `models::{ty}` (the model \
                 of every documented error of this API), without a `match` on the operation's \
                 error type."
            ),
            None => String::new(),
        };
        ErrorTexts {
            request_id: request_id(config),
            words: words(config),
            body,
            builder,
        }
    }
}

/// Where `message()` and `code()` read, as the crate's generation config says.
fn words(config: &Config) -> String {
    let pointers = |list: &[String]| -> String {
        let list: Vec<String> = list.iter().map(|p| format!("`{p}`")).collect();
        list.join(", else ")
    };
    let errors = &config.errors;
    let parts: Vec<String> = [("message()", &errors.message), ("code()", &errors.code)]
        .into_iter()
        .filter(|(_, list)| !list.is_empty())
        .map(|(method, list)| format!("`{method}` at {}", pointers(list)))
        .collect();
    match parts.as_slice() {
        [] => " (this crate's generation config names no place for them, so both are `None`)"
            .to_owned(),
        parts => format!(" ({} of the body)", parts.join(", ")),
    }
}

/// Where `request_id()` looks, in order.
fn request_id(config: &Config) -> String {
    let sources: Vec<String> = (config.errors.request_id.iter())
        .map(|source| match source {
            RequestIdSource::Body(pointer) => format!("the error body's `{pointer}`"),
            RequestIdSource::Header(name) => format!("the `{name}` response header"),
        })
        .collect();
    match sources.as_slice() {
        [] => ", when the crate's generation config says where the API gives one (this one \
               does not)"
            .to_owned(),
        [one] => format!(", from {one}"),
        [init @ .., last] => format!(", from {}, else {last}", init.join(", else ")),
    }
}
