//! The runtime's part of the surface: the types a generated crate re-exports from its copy of
//! `templates/runtime/src` (the client, its builder, errors, responses, hooks, retry policy),
//! read from that copy with `syn`, so that a change to the hand-written runtime is reported
//! like a change to a generated type.
//!
//! Each type is listed by the name users write (`Clerk` for the runtime's `Client`) with its
//! public members: fields, enum variants, methods with their signatures, and the traits it
//! implements. The setters that `call_options!` gives the client builder and every request
//! builder are listed as `call options`.

use std::collections::BTreeMap;

use proc_macro2::TokenStream;
use quote::ToTokens;
use serde::{Deserialize, Serialize};
use syn::{Fields, ImplItem, Item, Visibility};

use crate::error::{Error, Result};

/// One public runtime type.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RuntimeItem {
    /// `struct`, `enum`, `type` (an alias) or `macro`.
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
    let exported = |ident: &syn::Ident| {
        let ident = ident.to_string();
        exports
            .iter()
            .find(|(name, _)| *name == ident)
            .map(|(_, public)| (*public).to_owned())
    };
    let mut items = BTreeMap::<String, RuntimeItem>::new();
    for (path, text) in files {
        let file = syn::parse_file(text)
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
                        Some((format!("field {name}"), compact(f.ty.to_token_stream())))
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
                            fields => compact(fields.to_token_stream()),
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
                            .insert("=".into(), compact(t.ty.to_token_stream()));
                    }
                }
                Item::Impl(i) => {
                    let Some(name) = self_name(&i.self_ty).and_then(|n| exported(&n)) else {
                        continue;
                    };
                    let entry = entry(&mut items, name, "");
                    if let Some((_, trait_path, _)) = &i.trait_ {
                        let bounds = compact(i.generics.to_token_stream());
                        let key = format!("impl {}", compact(trait_path.to_token_stream()));
                        entry.members.insert(key, bounds);
                        continue;
                    }
                    for member in &i.items {
                        match member {
                            ImplItem::Fn(f) if is_pub(&f.vis) => {
                                let key = format!("fn {}", f.sig.ident);
                                entry.members.insert(key, compact(f.sig.to_token_stream()));
                            }
                            ImplItem::Macro(m) => {
                                let key = format!("{}!", compact(m.mac.path.to_token_stream()));
                                entry.members.insert(key, String::new());
                            }
                            _ => {}
                        }
                    }
                }
                Item::Macro(m) if m.ident.as_ref().is_some_and(|i| i == "call_options") => {
                    let entry = entry(&mut items, "call options".into(), "macro");
                    entry.sealed = true;
                    entry.members.extend(macro_fns(&m.mac.tokens));
                }
                _ => {}
            }
        }
    }
    Ok(items)
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

/// The `pub fn` signatures in a `macro_rules!` body, by `fn name`.
fn macro_fns(tokens: &TokenStream) -> Vec<(String, String)> {
    let text = compact(tokens.clone());
    text.split("pub fn ")
        .skip(1)
        .filter_map(|rest| {
            let signature = rest.split('{').next()?.trim();
            let name = signature.split('(').next()?.trim();
            Some((format!("fn {name}"), format!("fn {signature}")))
        })
        .collect()
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
    ] {
        text = text.replace(from, to);
    }
    text.replace('\u{2192}', " -> ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_public_members_by_exported_name() {
        let source = r#"
            #[derive(Debug)]
            #[non_exhaustive]
            pub enum SdkError<E> { Api(Box<ApiError<E>>), Config(String) }
            pub type Error = SdkError<OperationError>;
            pub struct Client { inner: Arc<Inner> }
            pub struct Hidden { pub x: u8 }
            impl<E> SdkError<E> {
                pub fn status(&self) -> Option<StatusCode> { None }
                pub(crate) fn internal(&self) {}
            }
            impl<E: fmt::Debug> std::error::Error for SdkError<E> {}
            impl Client { call_options!(); }
            macro_rules! call_options {
                () => {};
                ($a:literal) => {
                    #[doc = $a]
                    pub fn timeout(mut self, timeout: std::time::Duration) -> Self { self }
                };
            }
        "#;
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
        assert_eq!(names, ["Clerk", "Error", "SdkError", "call options"]);
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
            items["call options"].members["fn timeout"],
            "fn timeout(mut self, timeout: std::time::Duration) -> Self"
        );
    }
}
