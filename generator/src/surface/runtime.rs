//! The runtime's part of the surface: the types a generated crate re-exports from its copy of
//! `templates/runtime/src` (the client, its builder, errors, responses, hooks, retry policy),
//! read from that copy with `syn`, so that a change to the hand-written runtime is reported
//! like a change to a generated type.
//!
//! Each type is listed by the name users write (`Clerk` for the runtime's `Client`) with its
//! public members: fields, enum variants, methods with their signatures, and the traits it
//! implements. Of each file, only its outline is parsed (`outline`): the exported items and
//! their `impl`s, without function bodies.

use std::collections::BTreeMap;

use proc_macro2::TokenStream;
use quote::ToTokens;
use serde::{Deserialize, Serialize};
use syn::{Fields, ImplItem, Item, Visibility};

use crate::error::{Error, Result};

mod outline;

use outline::outline;

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
    let mut reader = Reader {
        exports,
        items: BTreeMap::new(),
    };
    for (path, text) in files {
        let file = syn::parse_file(&prepare(text))
            .map_err(|e| Error::Internal(format!("{path}: the runtime does not parse: {e}")))?;
        for item in &file.items {
            reader.item(item);
        }
    }
    Ok(reader.items)
}

/// The runtime types read so far, by the name users write, and the exports that say which
/// items to read and by which names.
struct Reader<'a> {
    exports: &'a [(&'a str, &'a str)],
    items: BTreeMap<String, RuntimeItem>,
}

impl Reader<'_> {
    /// Reads one top-level item into the entry of the type it declares or implements, if the
    /// crate exports that type.
    fn item(&mut self, item: &Item) {
        let exports = self.exports;
        let show = |tokens: TokenStream| shown(tokens, exports);
        match item {
            Item::Struct(s) => self.structure(s),
            Item::Enum(e) => self.enumeration(e),
            Item::Type(t) => {
                if let Some(entry) = self.entry(&t.ident, "type") {
                    entry
                        .members
                        .insert("=".into(), show(t.ty.to_token_stream()));
                }
            }
            Item::Trait(t) => {
                if let Some(entry) = self.entry(&t.ident, "trait") {
                    entry.members.extend(trait_members(t, &show));
                }
            }
            Item::Fn(f) => {
                if let Some(entry) = self.entry(&f.sig.ident, "fn") {
                    entry
                        .members
                        .insert("fn".into(), show(f.sig.to_token_stream()));
                }
            }
            Item::Impl(i) => self.implementation(i),
            _ => {}
        }
    }

    /// The entry of the runtime type `ident`, by the name the crate exports it under, made
    /// with `kind` if there is none yet (see [`entry`]); `None` for a type it does not export.
    fn entry(&mut self, ident: &syn::Ident, kind: &str) -> Option<&mut RuntimeItem> {
        let ident = ident.to_string();
        let (_, public) = self.exports.iter().find(|(name, _)| *name == ident)?;
        Some(entry(&mut self.items, (*public).to_owned(), kind))
    }

    /// A struct: its public fields and the traits it derives. Users can neither build nor
    /// match exhaustively one that is `#[non_exhaustive]` or has a private field.
    fn structure(&mut self, s: &syn::ItemStruct) {
        let exports = self.exports;
        let Some(entry) = self.entry(&s.ident, "struct") else {
            return;
        };
        let private = s.fields.iter().any(|f| !is_pub(&f.vis));
        let members = s.fields.iter().filter(|f| is_pub(&f.vis)).filter_map(|f| {
            let name = f.ident.as_ref()?;
            let ty = shown(f.ty.to_token_stream(), exports);
            Some((format!("field {name}"), ty))
        });
        entry.sealed = non_exhaustive(&s.attrs) || private;
        entry.members.extend(members);
        entry.members.extend(derives(&s.attrs));
    }

    /// An enum: its variants with what each holds, and the traits it derives.
    fn enumeration(&mut self, e: &syn::ItemEnum) {
        let exports = self.exports;
        let Some(entry) = self.entry(&e.ident, "enum") else {
            return;
        };
        entry.sealed = non_exhaustive(&e.attrs);
        entry.members.extend(derives(&e.attrs));
        for variant in &e.variants {
            let fields = match &variant.fields {
                Fields::Unit => String::new(),
                fields => shown(fields.to_token_stream(), exports),
            };
            entry
                .members
                .insert(format!("variant {}", variant.ident), fields);
        }
    }

    /// An `impl`: of a trait, the trait with the impl's bounds; of the type itself, its public
    /// methods' signatures. The type's entry may not exist yet, whose kind it leaves empty.
    fn implementation(&mut self, i: &syn::ItemImpl) {
        let exports = self.exports;
        let show = |tokens: TokenStream| shown(tokens, exports);
        let Some(entry) = self_name(&i.self_ty).and_then(|ident| self.entry(&ident, "")) else {
            return;
        };
        if let Some((_, trait_path, _)) = &i.trait_ {
            let bounds = show(i.generics.to_token_stream());
            let key = format!("impl {}", show(trait_path.to_token_stream()));
            entry.members.insert(key, bounds);
            return;
        }
        for member in &i.items {
            if let ImplItem::Fn(f) = member
                && is_pub(&f.vis)
            {
                let key = format!("fn {}", f.sig.ident);
                entry.members.insert(key, show(f.sig.to_token_stream()));
            }
        }
    }
}

/// Tokens as the surface shows them: compact, with the runtime's types by the names users
/// write (`Clerk` for `Client`) but not a type of another crate (`reqwest::Client`).
fn shown(tokens: TokenStream, exports: &[(&str, &str)]) -> String {
    compact(renamed(tokens, exports))
}

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

/// The entry of `name`, made with `kind` if there is none yet; an `impl` seen before its type
/// leaves the kind empty for the type to fill in.
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

/// Whether an item or field is public (`pub`, not `pub(crate)` or private).
fn is_pub(vis: &Visibility) -> bool {
    matches!(vis, Visibility::Public(_))
}

/// Whether attributes mark their item `#[non_exhaustive]`.
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
    use super::outline::without_bodies;
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
