//! The runtime's part of the surface: the types a generated crate re-exports from its copy of
//! `templates/runtime/src` (the client, its builder, errors, responses, hooks, retry policy),
//! read from that copy with `syn`, so that a change to the hand-written runtime is reported
//! like a change to a generated type.
//!
//! Each type is listed by the name users write (`Clerk` for the runtime's `Client`) with its
//! public members: fields, enum variants, methods with their signatures, and the traits it
//! implements.

use std::collections::BTreeMap;

use proc_macro2::TokenStream;
use quote::ToTokens;
use serde::{Deserialize, Serialize};
use syn::{Fields, ImplItem, Item, Visibility};

use crate::error::{Error, Result};

/// One public runtime type.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RuntimeItem {
    /// `struct`, `enum`, `type` (an alias), `trait`, `fn` or `macro`.
    pub kind: String,
    /// Whether users can neither build it with a literal nor match it exhaustively
    /// (`#[non_exhaustive]`, or a struct with private fields), so that a new field or variant
    /// is a compatible change.
    pub sealed: bool,
    /// `field x`, `variant X`, `fn x`, `impl Trait` or `=` (what an alias names), with the
    /// type, variant, signature or bounds.
    pub members: BTreeMap<String, String>,
}

/// The public runtime types of a crate, by the name users write. `files` are the runtime's
/// files as copied into the crate; `exports` pairs each re-exported runtime name with the
/// name the crate root gives it.
pub fn runtime(
    files: &[(String, String)],
    exports: &[(&str, &str)],
) -> Result<BTreeMap<String, RuntimeItem>> {
    // Parsing the whole runtime would take longer than generating the rest of a small crate:
    // only the exported items are parsed, without their function bodies.
    let exported = |name: &str| exports.iter().any(|(n, _)| *n == name);
    collect(files, exports, &|text| outline(text, &exported))
}

/// [`runtime`], reading each file as `prepare` gives it.
fn collect(
    files: &[(String, String)],
    exports: &[(&str, &str)],
    prepare: &dyn Fn(&str) -> String,
) -> Result<BTreeMap<String, RuntimeItem>> {
    let exported = |ident: &syn::Ident| {
        let ident = ident.to_string();
        exports
            .iter()
            .find(|(name, _)| *name == ident)
            .map(|(_, public)| (*public).to_owned())
    };
    // Signatures name the runtime's types as users do (`Clerk` for `Client`), but not a type
    // of another crate (`reqwest::Client`).
    let show = |tokens: TokenStream| compact(renamed(tokens, exports));
    let mut items = BTreeMap::<String, RuntimeItem>::new();
    for (path, text) in files {
        let file = syn::parse_file(&prepare(text))
            .map_err(|e| Error::Internal(format!("{path}: the runtime does not parse: {e}")))?;
        for item in &file.items {
            match item {
                Item::Struct(s) => {
                    let Some(name) = exported(&s.ident) else {
                        continue;
                    };
                    let private = s.fields.iter().any(|f| !is_pub(&f.vis));
                    let members = s.fields.iter().filter(|f| is_pub(&f.vis)).filter_map(|f| {
                        let name = f.ident.as_ref()?;
                        Some((format!("field {name}"), show(f.ty.to_token_stream())))
                    });
                    let entry = entry(&mut items, name, "struct");
                    entry.sealed = non_exhaustive(&s.attrs) || private;
                    entry.members.extend(members);
                    entry.members.extend(derives(&s.attrs));
                }
                Item::Enum(e) => {
                    let Some(name) = exported(&e.ident) else {
                        continue;
                    };
                    let entry = entry(&mut items, name, "enum");
                    entry.sealed = non_exhaustive(&e.attrs);
                    entry.members.extend(derives(&e.attrs));
                    for variant in &e.variants {
                        let fields = match &variant.fields {
                            Fields::Unit => String::new(),
                            fields => show(fields.to_token_stream()),
                        };
                        entry
                            .members
                            .insert(format!("variant {}", variant.ident), fields);
                    }
                }
                Item::Type(t) => {
                    if let Some(name) = exported(&t.ident) {
                        let entry = entry(&mut items, name, "type");
                        entry
                            .members
                            .insert("=".into(), show(t.ty.to_token_stream()));
                    }
                }
                Item::Trait(t) => {
                    if let Some(name) = exported(&t.ident) {
                        let entry = entry(&mut items, name, "trait");
                        entry.members.extend(trait_members(t, &show));
                    }
                }
                Item::Fn(f) => {
                    if let Some(name) = exported(&f.sig.ident) {
                        let entry = entry(&mut items, name, "fn");
                        entry
                            .members
                            .insert("fn".into(), show(f.sig.to_token_stream()));
                    }
                }
                Item::Impl(i) => {
                    let Some(name) = self_name(&i.self_ty).and_then(|n| exported(&n)) else {
                        continue;
                    };
                    let entry = entry(&mut items, name, "");
                    if let Some((_, trait_path, _)) = &i.trait_ {
                        let bounds = show(i.generics.to_token_stream());
                        let key = format!("impl {}", show(trait_path.to_token_stream()));
                        entry.members.insert(key, bounds);
                        continue;
                    }
                    for member in &i.items {
                        match member {
                            ImplItem::Fn(f) if is_pub(&f.vis) => {
                                let key = format!("fn {}", f.sig.ident);
                                entry.members.insert(key, show(f.sig.to_token_stream()));
                            }
                            _ => {}
                        }
                    }
                }
                _ => {}
            }
        }
    }
    Ok(items)
}

/// The top-level items of `text`, a rustfmt-formatted Rust file, that the surface reads: the
/// types `exported` accepts and their `impl`s, with their
/// attributes and without function bodies ([`without_bodies`]).
///
/// rustfmt starts a top-level item at the first column and ends it on a line of its own that
/// starts with `}` at the first column (or on its first line, with `;` or `{}`).
fn outline(text: &str, exported: &dyn Fn(&str) -> bool) -> String {
    let mut out = String::new();
    let mut attributes = String::new();
    let mut lines = text.lines();
    while let Some(line) = lines.next() {
        if line.starts_with("#[") {
            attributes.push_str(line);
            attributes.push('\n');
            continue;
        }
        if line.is_empty() || line.starts_with(' ') || line.starts_with("//") {
            continue;
        }
        let mut item = format!("{line}\n");
        let end = line.trim_end();
        if !(end.ends_with(';') || end.ends_with("{}")) {
            for next in lines.by_ref() {
                item.push_str(next);
                item.push('\n');
                if next.starts_with('}') {
                    break;
                }
            }
        }
        if kept(&item, exported) {
            out.push_str(&attributes);
            out.push_str(&members(&item));
        }
        attributes.clear();
    }
    out
}

/// What the surface reads of a kept item: of a trait `impl` its header, of anything else all
/// but function bodies.
fn members(item: &str) -> String {
    if item.starts_with("impl") {
        // The header ends with the first line that ends with `{`.
        let mut header = String::new();
        for line in item.lines() {
            header.push_str(line);
            header.push('\n');
            if line.trim_end().ends_with('{') {
                if header.contains(" for ") {
                    return header + "}\n";
                }
                break;
            }
        }
    }
    without_bodies(item)
}

/// Whether a top-level item is one the surface reads.
fn kept(item: &str, exported: &dyn Fn(&str) -> bool) -> bool {
    let ident = |text: &str| {
        let end = text
            .find(|c: char| !(c.is_alphanumeric() || c == '_'))
            .unwrap_or(text.len());
        text[..end].to_owned()
    };
    for kind in [
        "pub struct ",
        "pub enum ",
        "pub type ",
        "pub trait ",
        "pub fn ",
    ] {
        if let Some(rest) = item.strip_prefix(kind) {
            return exported(&ident(rest));
        }
    }
    let Some(header) = item.strip_prefix("impl") else {
        return false;
    };
    // The type after `for`, or after the generic parameters: its last path segment.
    let header = header.split('{').next().unwrap_or_default();
    let self_ty = match header.rsplit_once(" for ") {
        Some((_, ty)) => ty,
        None => skip_generics(header),
    };
    let path = self_ty.trim().split('<').next().unwrap_or_default();
    exported(&ident(path.rsplit("::").next().unwrap_or_default()))
}

/// `text` after the generic parameters it starts with (`<E: Debug> SdkError<E>` →
/// ` SdkError<E>`), if any.
fn skip_generics(text: &str) -> &str {
    let Some(rest) = text.strip_prefix('<') else {
        return text;
    };
    let mut depth = 1;
    for (i, c) in rest.char_indices() {
        match c {
            '<' => depth += 1,
            '>' => depth -= 1,
            _ => {}
        }
        if depth == 0 {
            return &rest[i + 1..];
        }
    }
    ""
}

/// `text`, a rustfmt-formatted Rust file, with the body of every function emptied (`{}`) and
/// without its comment lines, doc comments included.
///
/// rustfmt puts a body's opening brace at the end of the signature's last line (or alone on a
/// line after a `where` clause) and its closing brace alone on a line at the signature's
/// indentation, so a body is found by lines, without parsing it.
fn without_bodies(text: &str) -> String {
    let mut out = String::with_capacity(text.len() / 2);
    let mut lines = text.lines();
    while let Some(line) = lines.next() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("//") {
            continue;
        }
        if !declares_fn(trimmed) {
            out.push_str(line);
            out.push('\n');
            continue;
        }
        let indent = &line[..line.len() - trimmed.len()];
        // The signature, up to the line that opens the body (or ends a declaration).
        let mut current = line;
        loop {
            let end = current.trim_end();
            if end.ends_with(';') || end.ends_with("{}") {
                out.push_str(current);
                out.push('\n');
                break;
            }
            if let Some(open) = end.strip_suffix('{') {
                out.push_str(open);
                out.push_str("{}\n");
                let close = format!("{indent}}}");
                for body in lines.by_ref() {
                    if body.trim_end() == close {
                        break;
                    }
                }
                break;
            }
            out.push_str(current);
            out.push('\n');
            match lines.next() {
                Some(next) => current = next,
                None => return out,
            }
        }
    }
    out
}

/// Whether a line (without its indentation) starts a function: `fn`, after any of `pub`,
/// `pub(crate)`, `async`, `const` and `unsafe`.
fn declares_fn(mut line: &str) -> bool {
    loop {
        let rest = [
            "pub ",
            "pub(crate) ",
            "pub(super) ",
            "async ",
            "const ",
            "unsafe ",
        ]
        .iter()
        .find_map(|prefix| line.strip_prefix(prefix));
        match rest {
            Some(rest) => line = rest,
            None => return line.starts_with("fn "),
        }
    }
}

/// The entry of `name`, made with `kind` if there is none yet; an `impl` seen before its type
/// leaves the kind empty for the type to fill in.
/// A trait's items: its methods' signatures, its constants' and types' bounds.
fn trait_members(
    t: &syn::ItemTrait,
    show: &dyn Fn(TokenStream) -> String,
) -> Vec<(String, String)> {
    (t.items.iter())
        .filter_map(|item| match item {
            syn::TraitItem::Fn(f) => {
                Some((format!("fn {}", f.sig.ident), show(f.sig.to_token_stream())))
            }
            syn::TraitItem::Const(c) => {
                Some((format!("const {}", c.ident), show(c.ty.to_token_stream())))
            }
            syn::TraitItem::Type(t) => Some((
                format!("type {}", t.ident),
                show(t.bounds.to_token_stream()),
            )),
            _ => None,
        })
        .collect()
}

fn entry<'a>(
    items: &'a mut BTreeMap<String, RuntimeItem>,
    name: String,
    kind: &str,
) -> &'a mut RuntimeItem {
    let entry = items.entry(name).or_insert_with(|| RuntimeItem {
        kind: String::new(),
        sealed: false,
        members: BTreeMap::new(),
    });
    if !kind.is_empty() {
        entry.kind = kind.to_owned();
    }
    entry
}

/// The traits a type derives, as `impl Trait` members.
fn derives(attrs: &[syn::Attribute]) -> Vec<(String, String)> {
    let mut traits = Vec::new();
    for attr in attrs.iter().filter(|a| a.path().is_ident("derive")) {
        // A derive that does not parse as a list of paths has nothing to list.
        let _ = attr.parse_nested_meta(|meta| {
            let path = compact(meta.path.to_token_stream());
            traits.push((format!("impl {path}"), String::new()));
            Ok(())
        });
    }
    traits
}

fn is_pub(vis: &Visibility) -> bool {
    matches!(vis, Visibility::Public(_))
}

fn non_exhaustive(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(|a| a.path().is_ident("non_exhaustive"))
}

/// The name of the type an `impl` is for: the last segment of its path.
fn self_name(ty: &syn::Type) -> Option<syn::Ident> {
    match ty {
        syn::Type::Path(p) => p.path.segments.last().map(|s| s.ident.clone()),
        _ => None,
    }
}

/// `tokens` with each identifier that `exports` renames renamed, unless a path qualifies it.
fn renamed(tokens: TokenStream, exports: &[(&str, &str)]) -> TokenStream {
    use proc_macro2::{Group, Ident, TokenTree};
    let mut qualified = false;
    let mut out = Vec::new();
    for token in tokens {
        let token = match token {
            TokenTree::Ident(ident) if !qualified => {
                let text = ident.to_string();
                match exports
                    .iter()
                    // A type re-exported in a module (`mock::Rule`) keeps its own name in
                    // the signatures of its module's items.
                    .find(|(name, public)| *name == text && name != public && !public.contains(':'))
                {
                    Some((_, public)) => TokenTree::Ident(Ident::new(public, ident.span())),
                    None => TokenTree::Ident(ident),
                }
            }
            TokenTree::Group(group) => {
                let stream = renamed(group.stream(), exports);
                TokenTree::Group(Group::new(group.delimiter(), stream))
            }
            other => other,
        };
        qualified = matches!(&token, TokenTree::Punct(p) if p.as_char() == ':');
        out.push(token);
    }
    out.into_iter().collect()
}

/// Tokens as compact text: `Option<&str>` rather than `Option < & str >`.
fn compact(tokens: TokenStream) -> String {
    let mut text = tokens.to_string().replace(" -> ", "\u{2192}");
    for (from, to) in [
        (" :: ", "::"),
        (":: ", "::"),
        (" ::", "::"),
        ("& ", "&"),
        (" ,", ","),
        ("( ", "("),
        (" (", "("),
        (" )", ")"),
        ("< ", "<"),
        (" <", "<"),
        (" >", ">"),
        ("[ ", "["),
        (" ]", "]"),
        (" :", ":"),
        ("' ", "'"),
        // A trailing comma is the formatter's, where it broke a long list into lines.
        (",)", ")"),
        (",>", ">"),
    ] {
        text = text.replace(from, to);
    }
    text.replace('\u{2192}', " -> ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_outline_changes_nothing_of_the_surface() {
        let all = crate::runtime::Module::ALL.into();
        let files = crate::runtime::files(&all).unwrap();
        for (path, text) in &files {
            let skeleton = without_bodies(text);
            assert!(skeleton.len() <= text.len(), "{path}");
            let (full, skeleton) = (syn::parse_file(text), syn::parse_file(&skeleton));
            assert_eq!(
                full.unwrap().items.len(),
                skeleton.unwrap().items.len(),
                "{path}"
            );
        }
        let exports: Vec<(&str, &str)> = (crate::runtime::EXPORTS.iter())
            .map(|n| (*n, *n))
            .chain([("Client", "Client"), ("ClientBuilder", "ClientBuilder")])
            .collect();
        let fast = runtime(&files, &exports).unwrap();
        assert!(fast["SdkError"].members.contains_key("fn status"));
        assert!(fast["Error"].members.contains_key("impl From<SdkError<E>>"));
        assert!(fast["ClientBuilder"].members.contains_key("fn timeout"));
        assert_eq!(fast, collect(&files, &exports, &str::to_owned).unwrap());
    }

    #[test]
    fn lists_public_members_by_exported_name() {
        // As rustfmt formats it, which the outline relies on.
        let source = "\
#[derive(Debug)]
#[non_exhaustive]
pub enum SdkError<E> {
    Api(Box<ApiError<E>>),
    Config(String),
}

pub type Error = SdkError<OperationError>;

pub struct Client {
    inner: Arc<Inner>,
}

pub struct Hidden {
    pub x: u8,
}

impl<E> SdkError<E> {
    /// The status.
    pub fn status(&self) -> Option<StatusCode> {
        None
    }

    pub(crate) fn internal(&self) {}
}

impl<E: fmt::Debug> std::error::Error for SdkError<E> {}

impl Client {
    /// The timeout.
    pub fn timeout(
        mut self,
        timeout: std::time::Duration,
    ) -> Self {
        self
    }
}
";
        let files = [("src/runtime/mod.rs".to_owned(), source.to_owned())];
        let items = runtime(
            &files,
            &[
                ("SdkError", "SdkError"),
                ("Error", "Error"),
                ("Client", "Clerk"),
            ],
        )
        .unwrap();
        let names: Vec<_> = items.keys().map(String::as_str).collect();
        assert_eq!(names, ["Clerk", "Error", "SdkError"]);
        let sdk = &items["SdkError"];
        assert!(sdk.sealed);
        assert_eq!(sdk.members["variant Api"], "(Box<ApiError<E>>)");
        assert_eq!(
            sdk.members["fn status"],
            "fn status(&self) -> Option<StatusCode>"
        );
        assert!(!sdk.members.contains_key("fn internal"));
        assert_eq!(sdk.members["impl std::error::Error"], "<E: fmt::Debug>");
        assert_eq!(sdk.members["impl Debug"], "");
        assert_eq!(items["Error"].members["="], "SdkError<OperationError>");
        assert!(items["Clerk"].sealed, "private fields");
        assert_eq!(
            items["Clerk"].members["fn timeout"],
            "fn timeout(mut self, timeout: std::time::Duration) -> Self"
        );
    }
}
