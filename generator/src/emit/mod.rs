//! Emission: small pure functions from the named model to token streams.

mod auth;
mod constraints;
mod docs;
mod examples;
mod lib_rs;
mod limitations;
mod markdown;
mod models;
mod operations;
mod readme;
mod send;

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::config::Config;
use crate::ir::{Api, Type};
use crate::plan::{Input, InputKind};

pub use crate::plan::Presence;
pub use auth::{check_token_env, features as auth_features};
pub(crate) use constraints::constraints_doc;
pub use docs::docs;
pub use examples::examples_rs;
pub use lib_rs::{RUNTIME_EXPORTS, lib_rs};
pub use models::models_rs;
pub(crate) use models::{renamed_doc, renamed_schema};
pub use operations::group_rs;
pub use readme::{cargo_toml, readme};

/// The Rust type of a value; `local` is true inside the models module itself. Elsewhere a
/// model is `models::Name`, for a file that has `use crate::models;`.
pub(crate) fn type_tokens(api: &Api, ty: &Type, local: bool) -> TokenStream {
    match ty {
        Type::String => quote!(String),
        Type::Integer(width) => {
            let width = format_ident!("{}", width.rust());
            quote!(#width)
        }
        Type::Number => quote!(f64),
        Type::Boolean => quote!(bool),
        Type::Any => quote!(serde_json::Value),
        Type::Array(item) => {
            let item = type_tokens(api, item, local);
            quote!(Vec<#item>)
        }
        Type::Map(value) => {
            let value = type_tokens(api, value, local);
            quote!(std::collections::BTreeMap<String, #value>)
        }
        Type::File => quote!(crate::File),
        Type::Bytes => quote!(bytes::Bytes),
        Type::Null => quote!(()),
        Type::Tuple(items) => {
            let items = items.iter().map(|item| type_tokens(api, item, local));
            quote!((#(#items,)*))
        }
        Type::Named(id) => {
            let name = format_ident!("{}", api.ty(*id).name);
            if local {
                quote!(#name)
            } else {
                quote!(models::#name)
            }
        }
    }
}

impl Presence {
    pub fn wrap(self, inner: TokenStream) -> TokenStream {
        match self {
            Presence::Required => inner,
            Presence::RequiredNullable | Presence::Optional => {
                quote!(Option<#inner>)
            }
            Presence::OptionalNullable => {
                quote!(Option<Option<#inner>>)
            }
        }
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

/// A group's title in prose: its name, or a phrase for operations without a tag.
pub(crate) fn group_title(group: &crate::plan::Group) -> String {
    if group.wire.trim().is_empty() {
        "Operations without a tag".to_owned()
    } else {
        sanitize(group.wire).replace('\n', " ")
    }
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
    let renamed = !text.is_empty()
        && matches!(input.kind, InputKind::Param(_))
        && crate::naming::snake(&value.wire) != input.name.as_str();
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

/// The fence for a code block holding `code`: three backticks, or more than the longest run
/// of backticks in the code, so that nothing in it can close the block early.
pub(crate) fn fence(code: &str) -> String {
    let longest = code.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    "`".repeat(longest.max(2) + 1)
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

/// Makes text from the document safe for rustdoc, so that nothing in it can break the
/// build: bare URLs are wrapped in `<>`, brackets and angle brackets outside code spans are
/// escaped (no accidental links or HTML), a backtick with no partner on its line is escaped,
/// code blocks are marked `text` (their fence made longer than any backticks inside) and no
/// line is indented enough to start an indented code block, which rustdoc would compile.
pub fn sanitize(text: &str) -> String {
    let mut out: Vec<String> = Vec::new();
    // Tabs render differently everywhere (and clippy refuses them in docs): four spaces.
    let text = text.replace('\t', "    ");
    let mut lines = text.trim().lines();
    // The column where the text of the list item above starts, while its lines go on: a line
    // that continues it is indented to that column, as Markdown reads it anyway.
    let mut item: Option<usize> = None;
    while let Some(line) = lines.next() {
        let trimmed = line.trim_start();
        let marker = trimmed.chars().next().filter(|c| *c == '`' || *c == '~');
        let run = marker.map_or(0, |m| trimmed.chars().take_while(|c| *c == m).count());
        if let (Some(marker), 3..) = (marker, run) {
            // A fenced block: its lines up to a closing fence of the same kind, or the end.
            let mut block = Vec::new();
            for inner in lines.by_ref() {
                let inner_trimmed = inner.trim();
                if inner_trimmed.len() >= run && inner_trimmed.chars().all(|c| c == marker) {
                    break;
                }
                block.push(inner.to_owned());
            }
            let fence = fence(&block.join("\n"));
            out.push(format!("{fence}text"));
            out.extend(block);
            out.push(fence);
            continue;
        }
        // Four columns of indentation start a code block: keep at most three.
        let columns = line.len() - trimmed.len();
        let marker = list_marker(trimmed);
        let columns = match (marker, item) {
            (None, Some(column)) if !trimmed.is_empty() => columns.clamp(column, column + 3),
            _ => columns.min(3),
        };
        item = match (marker, trimmed.is_empty()) {
            (_, true) => None,
            (Some(width), false) => Some(columns + width),
            (None, false) => item,
        };
        let mut escaped = " ".repeat(columns);
        let parts: Vec<&str> = trimmed.split('`').collect();
        // An odd number of backticks leaves the last one without a partner.
        let paired = if parts.len().is_multiple_of(2) {
            parts.len() - 1
        } else {
            parts.len()
        };
        for (i, part) in parts.iter().enumerate() {
            if i > 0 {
                escaped.push_str(if i == paired { "\\`" } else { "`" });
            }
            if i % 2 == 1 && i < paired {
                escaped.push_str(part);
            } else {
                escaped.push_str(&escape_prose(part));
            }
        }
        out.push(escaped);
    }
    out.join("\n")
}

/// The width of the list marker that starts `line` (`- `, `*   `, `1. `, `2) `) with the
/// spaces after it, up to where the item's text starts, if `line` starts with one.
fn list_marker(line: &str) -> Option<usize> {
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    let rest = &line[digits..];
    let marker = match digits {
        0 => rest.starts_with(['-', '*', '+']),
        1..=9 => rest.starts_with(['.', ')']),
        _ => false,
    };
    let spaces = rest
        .get(1..)
        .map_or(0, |r| r.chars().take_while(|c| *c == ' ').count());
    (marker && (1..=4).contains(&spaces)).then_some(digits + 1 + spaces)
}

/// [`sanitize`] for an optional text.
pub(crate) fn spec(text: Option<&str>) -> Option<String> {
    text.map(sanitize)
}

/// Escapes prose (text outside code spans): autolinks `<https://…>` and links
/// `[text](https://…)` stay links, bare URLs become autolinks, and every other bracket,
/// angle bracket and backslash is escaped.
fn escape_prose(text: &str) -> String {
    // Most prose has nothing to escape or link: no bracket, backslash or URL.
    if !text.contains(['[', ']', '<', '>', '\\']) && !text.contains("http") {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if let Some(len) = autolink_len(rest) {
            out.push_str(&rest[..len]);
            rest = &rest[len..];
            continue;
        }
        if let Some((label, url)) = markdown_link(rest) {
            out.push('[');
            out.push_str(&escape_prose(label));
            out.push_str("](");
            out.push_str(url);
            out.push(')');
            rest = &rest[label.len() + url.len() + 4..];
            continue;
        }
        if rest.starts_with("https://") || rest.starts_with("http://") {
            let len = url_len(rest);
            out.push('<');
            out.push_str(&rest[..len]);
            out.push('>');
            rest = &rest[len..];
            continue;
        }
        if matches!(c, '[' | ']' | '<' | '>' | '\\') {
            out.push('\\');
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// The length of an autolink `<http…>` at the start of `text`.
fn autolink_len(text: &str) -> Option<usize> {
    let inner = text.strip_prefix('<')?;
    if !(inner.starts_with("https://") || inner.starts_with("http://")) {
        return None;
    }
    let end = inner.find(|c: char| c == '>' || c == '<' || c.is_whitespace())?;
    inner[end..].starts_with('>').then_some(end + 2)
}

/// The label and URL of a link `[label](http…)` at the start of `text`.
fn markdown_link(text: &str) -> Option<(&str, &str)> {
    let inner = text.strip_prefix('[')?;
    let close = inner.find(['[', ']'])?;
    let label = &inner[..close];
    let after = inner[close..].strip_prefix("](")?;
    if !(after.starts_with("https://") || after.starts_with("http://")) {
        return None;
    }
    let len = url_len(after);
    after[len..]
        .starts_with(')')
        .then(|| (label, &after[..len]))
}

/// The length of the URL at the start of `text`: up to white space, a quote or an angle
/// bracket, or a `)` or `]` it did not open, less trailing punctuation.
fn url_len(text: &str) -> usize {
    let (mut parens, mut brackets) = (0_usize, 0_usize);
    let mut end = text.len();
    for (i, c) in text.char_indices() {
        let stop = match c {
            '(' => {
                parens += 1;
                false
            }
            '[' => {
                brackets += 1;
                false
            }
            ')' if parens > 0 => {
                parens -= 1;
                false
            }
            ']' if brackets > 0 => {
                brackets -= 1;
                false
            }
            ')' | ']' => true,
            c => c.is_whitespace() || matches!(c, '<' | '>' | '"' | '\'' | '`'),
        };
        if stop {
            end = i;
            break;
        }
    }
    text[..end]
        .trim_end_matches(['.', ',', ';', ':', '!', '?'])
        .len()
}

/// Everything the emitters need beside the model.
#[derive(Debug)]
pub struct Context<'a> {
    pub api: &'a Api,
    pub config: &'a Config,
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

/// Whether a value of `ty` can be written as text in a path, query or header (with
/// `Display`): a string, a number, a boolean, any JSON, an enum, a union of those, or (unless
/// `list`, which a list's items are) a list of them.
pub(crate) fn textual(api: &crate::ir::Api, ty: &crate::ir::Type, list: bool) -> bool {
    textual_within(api, ty, list, 0)
}

/// [`textual`], `depth` unions deep: a union that contains itself is not text.
fn textual_within(api: &crate::ir::Api, ty: &crate::ir::Type, list: bool, depth: usize) -> bool {
    use crate::ir::{Type, TypeKind};
    match ty {
        Type::String | Type::Integer(_) | Type::Number | Type::Boolean | Type::Any => true,
        Type::Array(item) if !list => textual_within(api, item, true, depth),
        Type::Named(id) => match &api.ty(*id).kind {
            TypeKind::Enum(_) => true,
            TypeKind::Union(union) => {
                depth < 8
                    && (union.variants.iter()).all(|v| textual_within(api, &v.ty, true, depth + 1))
            }
            TypeKind::Struct(_) => false,
        },
        Type::Array(_) | Type::Map(_) | Type::File | Type::Bytes | Type::Null | Type::Tuple(_) => {
            false
        }
    }
}

#[cfg(test)]
mod tests {
    use super::sanitize;

    #[test]
    fn document_text_cannot_break_rustdoc() {
        let cases = [
            (
                "See https://example.com/a_(b).",
                "See <https://example.com/a_(b)>.",
            ),
            ("(https://x.y/z)", "(<https://x.y/z>)"),
            ("<https://x.y> stays", "<https://x.y> stays"),
            (
                "[a link](https://x.y/z) stays",
                "[a link](https://x.y/z) stays",
            ),
            ("[a [b] c](https://x.y)", "\\[a \\[b\\] c\\](<https://x.y>)"),
            ("[broken] <b>x</b>", "\\[broken\\] \\<b\\>x\\</b\\>"),
            ("C:\\dir `a<b>` [c]", "C:\\\\dir `a<b>` \\[c\\]"),
            ("a `lone b", "a \\`lone b"),
            ("`x` and ` y", "`x` and \\` y"),
            ("text\n\n    let x = 1;", "text\n\n   let x = 1;"),
            ("a\n\tcode", "a\n   code"),
            ("```rust\nfn main() {}\n```", "```text\nfn main() {}\n```"),
            ("~~~\n```\n~~~", "````text\n```\n````"),
            ("```\nunclosed", "```text\nunclosed\n```"),
            // A line that goes on with a list item is indented to its text; tabs are spaces.
            ("- a\nmore\n\nafter", "- a\n  more\n\nafter"),
            ("1. a\n2. b\n more", "1. a\n2. b\n   more"),
            ("*   a\n  more", "*   a\n    more"),
            ("| a\t| b |", "| a    | b |"),
        ];
        for (text, expected) in cases {
            assert_eq!(sanitize(text), expected, "for {text:?}");
        }
    }
}
