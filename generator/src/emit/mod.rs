//! Emission: small pure functions from the named model to token streams.

mod docs;
mod examples;
mod lib_rs;
mod markdown;
mod models;
mod operations;

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use crate::config::Config;
use crate::ir::{Api, Field, IntWidth, Type};
use crate::naming::{ident, snake, type_name};

pub use docs::{docs, page_name};
pub use examples::{Example, example, examples_rs};
pub use lib_rs::lib_rs;
pub use models::models_rs;
pub use operations::{group_rs, stream_call};
pub(crate) use operations::{success_type, surface_inputs, variant_name};

/// The module name, struct name and accessor of a group (a tag), e.g. `api_keys`/`ApiKeys`.
#[derive(Debug)]
pub struct GroupNames {
    pub module: proc_macro2::Ident,
    pub handle: proc_macro2::Ident,
}

pub fn group_names(group: &str) -> GroupNames {
    let base = if group.trim().is_empty() {
        "general"
    } else {
        group
    };
    let module = snake(base);
    GroupNames {
        handle: format_ident!(
            "{}",
            type_name(heck::ToUpperCamelCase::to_upper_camel_case(module.as_str()))
        ),
        module: ident(&module),
    }
}

/// The Rust type of a value; `local` is true inside the models module itself.
pub(crate) fn type_tokens(api: &Api, ty: &Type, local: bool) -> TokenStream {
    match ty {
        Type::String => quote!(::std::string::String),
        Type::Integer(IntWidth::I32) => quote!(i32),
        Type::Integer(IntWidth::I64) => quote!(i64),
        Type::Number => quote!(f64),
        Type::Boolean => quote!(bool),
        Type::Any => quote!(::serde_json::Value),
        Type::Array(item) => {
            let item = type_tokens(api, item, local);
            quote!(::std::vec::Vec<#item>)
        }
        Type::Map(value) => {
            let value = type_tokens(api, value, local);
            quote!(::std::collections::BTreeMap<::std::string::String, #value>)
        }
        Type::File => quote!(crate::File),
        Type::Named(id) => {
            let name = format_ident!("{}", api.ty(*id).name);
            if local {
                quote!(#name)
            } else {
                quote!(crate::models::#name)
            }
        }
    }
}

/// How a field or parameter is held: the three states of optional and nullable values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Presence {
    /// Required, never null: `T`.
    Required,
    /// Required but may be null: `Option<T>`.
    RequiredNullable,
    /// May be left out, never null: `Option<T>`.
    Optional,
    /// May be left out or null: `Option<Option<T>>`.
    OptionalNullable,
}

impl Presence {
    pub fn of(ty: &Type, required: bool, nullable: bool) -> Presence {
        // `serde_json::Value` holds `null` itself.
        let nullable = nullable && *ty != Type::Any;
        match (required, nullable) {
            (true, false) => Presence::Required,
            (true, true) => Presence::RequiredNullable,
            (false, false) => Presence::Optional,
            (false, true) => Presence::OptionalNullable,
        }
    }

    pub fn wrap(self, inner: TokenStream) -> TokenStream {
        match self {
            Presence::Required => inner,
            Presence::RequiredNullable | Presence::Optional => {
                quote!(::std::option::Option<#inner>)
            }
            Presence::OptionalNullable => {
                quote!(::std::option::Option<::std::option::Option<#inner>>)
            }
        }
    }
}

pub(crate) fn field_presence(field: &Field) -> Presence {
    Presence::of(&field.ty, field.required, field.nullable)
}

/// `#[doc]` attributes for Markdown text; text from the document must go through
/// [`sanitize`] first.
pub(crate) fn doc(text: &str) -> TokenStream {
    let lines = doc_lines(text);
    quote!(#(#[doc = #lines])*)
}

/// `#![doc]` attributes, for a module's own documentation.
pub(crate) fn inner_doc(text: &str) -> TokenStream {
    let lines = doc_lines(text);
    quote!(#(#![doc = #lines])*)
}

fn doc_lines(text: &str) -> Vec<String> {
    text.trim()
        .lines()
        .map(|line| {
            if line.is_empty() {
                String::new()
            } else {
                format!(" {line}")
            }
        })
        .collect()
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
/// escaped (no accidental links or HTML), and code blocks are marked `text`.
pub fn sanitize(text: &str) -> String {
    let mut out = Vec::new();
    let mut in_fence = false;
    for line in text.trim().lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            out.push(if in_fence {
                "```".to_owned()
            } else {
                "```text".to_owned()
            });
            in_fence = !in_fence;
            continue;
        }
        if in_fence {
            out.push(line.to_owned());
            continue;
        }
        let mut escaped = String::with_capacity(line.len());
        for (i, part) in line.split('`').enumerate() {
            if i > 0 {
                escaped.push('`');
            }
            if i % 2 == 1 {
                escaped.push_str(part);
            } else {
                escaped.push_str(&escape_prose(part));
            }
        }
        out.push(escaped);
    }
    if in_fence {
        out.push("```".to_owned());
    }
    out.join("\n")
}

/// [`sanitize`] for an optional text.
pub(crate) fn spec(text: Option<&str>) -> Option<String> {
    text.map(sanitize)
}

fn escape_prose(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while !rest.is_empty() {
        let url_start = ["https://", "http://"]
            .iter()
            .filter_map(|p| rest.find(p))
            .min();
        let (before, url) = match url_start {
            Some(start) => rest.split_at(start),
            None => (rest, ""),
        };
        for c in before.chars() {
            match c {
                '[' | ']' | '<' | '>' | '\\' => {
                    out.push('\\');
                    out.push(c);
                }
                _ => out.push(c),
            }
        }
        if url.is_empty() {
            break;
        }
        let end = url
            .find(|c: char| c.is_whitespace() || matches!(c, ')' | '>' | '"' | '\''))
            .unwrap_or(url.len());
        let link = url[..end].trim_end_matches(['.', ',', ';', ':']);
        out.push('<');
        out.push_str(link);
        out.push('>');
        rest = &url[link.len()..];
    }
    out
}

/// The constraints of a field or parameter as a doc paragraph.
pub(crate) fn constraints_doc(constraints: &[String]) -> Option<String> {
    (!constraints.is_empty()).then(|| constraints.join(" "))
}

/// Everything the emitters need beside the model.
#[derive(Debug)]
pub struct Context<'a> {
    pub api: &'a Api,
    pub config: &'a Config,
}

/// A `Debug` impl that prints `<redacted>` for the fields marked sensitive, for types that
/// hold secrets. `fields` are (Rust name, sensitive) pairs.
pub(crate) fn redacting_debug(
    ty: TokenStream,
    name: &str,
    fields: &[(Ident, bool)],
) -> TokenStream {
    let fields = fields.iter().map(|(field, sensitive)| {
        let label = field.to_string().trim_start_matches("r#").to_owned();
        if *sensitive {
            quote!(.field(#label, &crate::runtime::Redacted))
        } else {
            quote!(.field(#label, &self.#field))
        }
    });
    quote! {
        impl ::std::fmt::Debug for #ty {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.debug_struct(#name) #(#fields)* .finish()
            }
        }
    }
}
