//! Emission: small pure functions from the plan to token streams and docs pages. Every
//! decision is the plan's; the emitters write it down.

mod auth;
mod builder;
pub mod cargo_toml;
mod constraints;
mod docs;
mod error_bodies;
mod examples;
pub mod features;
mod lib_rs;
mod limitations;
mod markdown;
mod mock;
mod models;
pub mod modules;
mod operations;
mod outcomes;
mod readme;
mod readme_errors;
mod readme_example;
mod send;
mod unions;
mod webhook_examples;
mod webhooks;

use proc_macro2::TokenStream;
use quote::quote;

use crate::plan::{Group, Input, InputKind};

pub use cargo_toml::cargo_toml;
pub(crate) use constraints::constraints_doc;
pub use docs::docs;
pub use examples::{Examples, examples_rs};
pub use lib_rs::lib_rs;
pub(crate) use markdown::{fence, sanitize, spec};
pub use models::models_rs;
pub use operations::group_rs;
pub use readme::readme;
pub use webhook_examples::{WEBHOOK_EXAMPLES, webhook_examples_rs};
pub use webhooks::webhooks_rs;

/// A group's title for rustdoc: its name, or a phrase for operations without a tag.
pub(crate) fn group_title(group: &Group) -> String {
    match &group.title {
        Some(title) => sanitize(title),
        None => "Operations without a tag".to_owned(),
    }
}

/// What an operation's docs say about its body's media types, when there is more to say than
/// JSON as `application/json` or a form: the `Content-Type` sent, the other media types the
/// builder sends and how, and those this SDK does not send.
pub(crate) fn body_note(op: &crate::plan::OperationPlan) -> Option<String> {
    use crate::ir::{AlternativeKind, Encoding};
    let body = op.op.body.as_ref()?;
    let list = |kind| -> Vec<String> { op.alternatives(kind).map(|m| format!("`{m}`")).collect() };
    let by_header = "with `.header(\"Content-Type\", …)`";
    let mut notes = Vec::new();
    let sent = crate::plan::content_type(&body.media_type, &body.encoding);
    let form = matches!(body.encoding, Encoding::Multipart(_) | Encoding::Form(_));
    if !(form || sent == "application/json") || !op.op.alternatives.is_empty() {
        notes.push(match sent == body.media_type {
            true => format!("The body is sent as `{sent}`."),
            false => format!("The body (`{}`) is sent as `{sent}`.", body.media_type),
        });
    }
    let same = list(AlternativeKind::SameBody);
    if !same.is_empty() {
        notes.push(format!(
            "It may be sent as {} too, {by_header}.",
            same.join(", ")
        ));
    }
    if let Some(other) = op.as_form() {
        let media_type = &other.media_type;
        notes.push(format!(
            "`as_form()` sends its fields as `{media_type}` instead."
        ));
    }
    if let [first, rest @ ..] = list(AlternativeKind::Bytes).as_slice() {
        notes.push(format!("`body_bytes(…)` sends bytes instead, as {first}"));
        if !rest.is_empty() {
            notes.push(format!("(or as {}, {by_header})", rest.join(", ")));
        }
        notes.last_mut().expect("just pushed").push('.');
    }
    let unsent = list(AlternativeKind::Unsent);
    if !unsent.is_empty() {
        notes.push(format!(
            "The document also lists {}, which this SDK does not send.",
            unsent.join(", ")
        ));
    }
    (!notes.is_empty()).then(|| notes.join(" "))
}

/// An input's rustdoc: the document's text and constraints (or a sentence saying what it
/// is), the wire name when the setter's differs, and a word on secrets.
pub(crate) fn input_doc(input: &Input) -> String {
    let value = &input.value;
    let text = paragraphs([
        spec(value.doc.as_deref()).as_deref(),
        constraints_doc(&value.hints).as_deref(),
    ]);
    // The sentence that stands for missing docs names the wire name itself.
    let renamed = !text.is_empty() && input.renamed;
    let text = match (text.is_empty(), input.kind) {
        (false, _) => text,
        (true, InputKind::Param(_)) => format!("The `{}` parameter.", value.wire),
        (true, InputKind::Body) => "The request body.".to_owned(),
        (true, _) => format!("The `{}` field of the request body.", value.wire),
    };
    paragraphs([
        Some(text.as_str()),
        renamed
            .then(|| format!("Sent as the `{}` parameter.", value.wire))
            .as_deref(),
        input
            .sensitive
            .then_some("A secret: `Debug` prints it as `<redacted>`."),
    ])
}

/// `#[doc]` attributes for Markdown text; text from the document must go through
/// [`sanitize`] first.
pub(crate) fn doc(text: &str) -> TokenStream {
    crate::format::doc(text, false)
}

/// `#![doc]`, for a module's own documentation.
pub(crate) fn inner_doc(text: &str) -> TokenStream {
    crate::format::doc(text, true)
}

/// Joins optional paragraphs into one doc text.
pub(crate) fn paragraphs<'a>(parts: impl IntoIterator<Item = Option<&'a str>>) -> String {
    parts
        .into_iter()
        .flatten()
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// A `Debug` impl that prints `<redacted>` for the fields marked sensitive, for types that
/// hold secrets. `fields` are (Rust name, sensitive) pairs.
pub(crate) fn redacting_debug(ty: TokenStream, name: &str, fields: &[(&str, bool)]) -> TokenStream {
    let fields = fields.iter().map(|(label, sensitive)| {
        if *sensitive {
            quote!(.field(#label, &runtime::Redacted))
        } else {
            let field = crate::naming::ident(label);
            quote!(.field(#label, &self.#field))
        }
    });
    quote! {
        impl std::fmt::Debug for #ty {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.debug_struct(#name) #(#fields)* .finish()
            }
        }
    }
}
