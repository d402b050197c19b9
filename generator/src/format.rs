//! Formatting: token streams become source text with the generated-file header.
//!
//! prettyplease prints no blank lines, so [`rust_file`] adds them between items as a person
//! would write them: between top-level items and between the items of an `impl`, `trait` or
//! inline `mod`, but not between statements, fields or variants, and not inside a run of
//! `use` items or of `mod name;` declarations. It does so by giving every such item a marker
//! attribute before printing and turning each printed marker line into a blank line, so the
//! layout stays prettyplease's own and no string literal or doc comment is ever rewritten.
//!
//! Doc comments travel the same way: the emitters write each item's whole documentation as
//! one marker attribute (see [`doc`]), and each printed line that is only such an attribute
//! becomes the `///` (or `//!`) lines of its text, at its indentation. One attribute per item
//! instead of one per line is far less for syn to parse and prettyplease to print, and
//! prettyplease would print a multi-line `#[doc]` as a `/** */` block.
//!
//! Items behind one `#[cfg]` travel as one marker module too (see [`gated`]): [`rust_file`]
//! gives each of its items the module's attributes and puts them in its place, so that an
//! emitter gates a type with its impls without a parse of its own.

use proc_macro2::TokenStream;
use syn::{Attribute, ImplItem, Item, TraitItem};

use crate::error::{Error, Result};

/// The marker attribute's name; a printed line that is exactly `#[MARK]` becomes blank.
const MARK: &str = "__generated_blank_line";

/// The doc marker attribute's name: `#[DOC("text")]` prints as `///` lines of `text`. The
/// text is the list's one token, which syn keeps as it is: a `#[name = "text"]` would have
/// syn parse the literal as an expression (twice, to peek at it and to read it), and for
/// long documentation that was an eighth of a generation.
const DOC: &str = "__generated_doc";

/// The marker module's name: the items of `#[cfg(…)] mod GATE { … }` take its place, each
/// behind its attributes.
const GATE: &str = "__generated_gate";

/// `items`, each behind the attributes `attrs` (a `#[cfg(…)]`) once formatted by [`rust_file`].
pub fn gated(attrs: TokenStream, items: TokenStream) -> TokenStream {
    let name = proc_macro2::Ident::new(GATE, proc_macro2::Span::call_site());
    quote::quote!(#attrs mod #name { #items })
}

/// Replaces each marker module of [`gated`] with its items, each given the module's
/// attributes first.
fn spread_gates(items: Vec<Item>) -> Result<Vec<Item>> {
    let mut spread = Vec::with_capacity(items.len());
    for item in items {
        let module = match item {
            Item::Mod(module) if module.ident == GATE => module,
            item => {
                spread.push(item);
                continue;
            }
        };
        // syn's types are not `Clone` without a feature of their own: the attributes are
        // read again, a few tokens, for each item.
        let gate: TokenStream = module
            .attrs
            .iter()
            .map(quote::ToTokens::to_token_stream)
            .collect();
        for mut inner in module.content.map(|(_, items)| items).unwrap_or_default() {
            let attrs = syn::parse::Parser::parse2(Attribute::parse_outer, gate.clone())
                .map_err(|e| Error::Internal(format!("a gate does not parse: {e}")))?;
            (item_attrs(&mut inner))
                .ok_or_else(|| Error::Internal("a gated item takes no attributes".into()))?
                .splice(0..0, attrs);
            spread.push(inner);
        }
    }
    Ok(spread)
}

/// The attribute that documents an item with `text` (Markdown, one line per `///`).
pub fn doc(text: &str, inner: bool) -> TokenStream {
    let name = proc_macro2::Ident::new(DOC, proc_macro2::Span::call_site());
    let text = text.trim();
    if inner {
        quote::quote!(#![#name(#text)])
    } else {
        quote::quote!(#[#name(#text)])
    }
}

/// Replaces each printed doc marker with the doc comment lines of its text. prettyplease
/// prints a marker on one line, `#[DOC("text")]`, or, when that is too long, on three:
/// `#[DOC(`, the text's literal, `)]`. A marker printed otherwise is an error, never left in
/// the output.
fn expand_docs(text: &str) -> Result<String> {
    let mut out = String::with_capacity(text.len() + text.len() / 4);
    let mut lines = text.split_inclusive('\n');
    while let Some(line) = lines.next() {
        let trimmed = line.trim_start();
        let indent = &line[..line.len() - trimmed.len()];
        let (prefix, rest) = match (trimmed.strip_prefix("#["), trimmed.strip_prefix("#![")) {
            (Some(rest), _) => ("///", rest),
            (None, Some(rest)) => ("//!", rest),
            (None, None) => {
                out.push_str(line);
                continue;
            }
        };
        let Some(list) = rest.strip_prefix(DOC).map(str::trim_end) else {
            out.push_str(line);
            continue;
        };
        let literal = match list.strip_prefix('(') {
            Some("") => match (lines.next(), lines.next()) {
                (Some(literal), Some(end)) if end.trim() == ")]" => Some(literal.trim()),
                _ => None,
            },
            Some(one_line) => one_line.strip_suffix(")]"),
            None => None,
        };
        let literal =
            literal.ok_or_else(|| Error::Internal(format!("a doc marker printed as `{line}`")))?;
        let value = unescape(literal)
            .ok_or_else(|| Error::Internal(format!("a doc marker's text: {literal}")))?;
        for doc_line in value.lines() {
            let doc_line = doc_line.trim_end_matches(' ');
            out.push_str(indent);
            out.push_str(prefix);
            if !doc_line.is_empty() {
                out.push(' ');
                out.push_str(doc_line);
            }
            out.push('\n');
        }
    }
    Ok(out)
}

/// The text of a string literal as proc-macro2 prints it (`"a\"b\n"`): the escapes it writes
/// (`\\`, `\"`, `\'`, `\n`, `\r`, `\t`, `\0`, `\u{…}`) undone; `None` for anything else.
fn unescape(literal: &str) -> Option<String> {
    let inner = literal.strip_prefix('"')?.strip_suffix('"')?;
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        out.push(match chars.next()? {
            'n' => '\n',
            'r' => '\r',
            't' => '\t',
            '0' => '\0',
            c @ ('\\' | '"' | '\'') => c,
            'u' => {
                let hex: String = chars.by_ref().skip(1).take_while(|c| *c != '}').collect();
                char::from_u32(u32::from_str_radix(&hex, 16).ok()?)?
            }
            _ => return None,
        });
    }
    Some(out)
}

/// The first lines of every generated file, in the file's comment syntax.
pub fn header(comment: &str, source: &str) -> String {
    format!(
        "{comment} @generated by `cargo xtask generate` from {source}. Do not edit: edit the source and\n\
         {comment} run `cargo xtask generate` again.\n"
    )
}

/// Formats a token stream as a Rust file with prettyplease, with blank lines between items.
pub fn rust_file(tokens: TokenStream, source: &str) -> Result<String> {
    let mut file: syn::File = syn::parse2(tokens)
        .map_err(|e| Error::Internal(format!("emitted code does not parse: {e}")))?;
    file.items = spread_gates(file.items)?;
    let marked = mark_items(&mut file.items, !file.attrs.is_empty());
    Ok(format!(
        "{}\n{}",
        header("//", source),
        expand_docs(&blank_marked_lines(&prettyplease::unparse(&file), marked)?)?
    ))
}

/// Formats items as Rust code without a header, for code inside documentation.
pub fn code(tokens: TokenStream) -> Result<String> {
    let file: syn::File = syn::parse2(tokens)
        .map_err(|e| Error::Internal(format!("emitted example does not parse: {e}")))?;
    expand_docs(&prettyplease::unparse(&file))
}

/// Formats statements, as they would be indented at the top level of a function body.
pub fn statements(tokens: TokenStream) -> Result<String> {
    let function = code(quote::quote!(fn wrapper() { #tokens }))?;
    let lines: Vec<&str> = function.lines().collect();
    let inner = lines
        .get(1..lines.len().saturating_sub(1))
        .unwrap_or_default();
    Ok(inner
        .iter()
        .map(|line| line.strip_prefix("    ").unwrap_or(line))
        .collect::<Vec<_>>()
        .join("\n"))
}

/// Replaces each line that is only the marker attribute with an empty line; `expected` is
/// how many markers were placed, so a marker-like line anywhere else is an error, not a
/// silent change.
fn blank_marked_lines(text: &str, expected: usize) -> Result<String> {
    let marker = format!("#[{MARK}]");
    let mut found = 0;
    let mut out = String::with_capacity(text.len() + expected);
    for line in text.split_inclusive('\n') {
        if line.trim() == marker {
            found += 1;
            out.push('\n');
        } else {
            out.push_str(line);
        }
    }
    if found != expected {
        return Err(Error::Internal(format!(
            "placed {expected} blank-line markers but found {found} lines holding one"
        )));
    }
    Ok(out)
}

/// Marks the items of a block (and, recursively, of the `impl`, `trait` and `mod` blocks in
/// it) that a blank line should precede; `after_header` is true when inner attributes or
/// docs come before the first item. Returns how many markers were placed.
fn mark_items(items: &mut [Item], after_header: bool) -> usize {
    let mut marked = 0;
    let mut previous: Option<Kind> = after_header.then_some(Kind::Other);
    for item in items.iter_mut() {
        marked += mark_inner(item);
        let kind = kind(item);
        let together = matches!(
            (previous, kind),
            (Some(Kind::Use), Kind::Use) | (Some(Kind::ModDecl), Kind::ModDecl)
        );
        if previous.is_some() && !together && mark(item_attrs(item)) {
            marked += 1;
        }
        previous = Some(kind);
    }
    marked
}

/// Marks the items inside an `impl`, `trait` or inline `mod`.
fn mark_inner(item: &mut Item) -> usize {
    match item {
        Item::Impl(block) => mark_members(block.items.iter_mut().map(impl_item_attrs)),
        Item::Trait(block) => mark_members(block.items.iter_mut().map(trait_item_attrs)),
        Item::Mod(module) => match &mut module.content {
            Some((_, items)) => mark_items(items, false),
            None => 0,
        },
        _ => 0,
    }
}

/// Marks every member of an `impl` or `trait` block but the first.
fn mark_members<'a>(members: impl Iterator<Item = Option<&'a mut Vec<Attribute>>>) -> usize {
    members.skip(1).map(|attrs| usize::from(mark(attrs))).sum()
}

/// Adds the marker as the first attribute; false for an item that cannot carry one.
fn mark(attrs: Option<&mut Vec<Attribute>>) -> bool {
    let Some(attrs) = attrs else { return false };
    let name = proc_macro2::Ident::new(MARK, proc_macro2::Span::call_site());
    attrs.insert(0, syn::parse_quote!(#[#name]));
    true
}

/// The kinds of item that are kept together without blank lines between them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Use,
    ModDecl,
    Other,
}

fn kind(item: &Item) -> Kind {
    match item {
        Item::Use(_) => Kind::Use,
        Item::Mod(module) if module.content.is_none() => Kind::ModDecl,
        _ => Kind::Other,
    }
}

fn item_attrs(item: &mut Item) -> Option<&mut Vec<Attribute>> {
    Some(match item {
        Item::Const(i) => &mut i.attrs,
        Item::Enum(i) => &mut i.attrs,
        Item::ExternCrate(i) => &mut i.attrs,
        Item::Fn(i) => &mut i.attrs,
        Item::ForeignMod(i) => &mut i.attrs,
        Item::Impl(i) => &mut i.attrs,
        Item::Macro(i) => &mut i.attrs,
        Item::Mod(i) => &mut i.attrs,
        Item::Static(i) => &mut i.attrs,
        Item::Struct(i) => &mut i.attrs,
        Item::Trait(i) => &mut i.attrs,
        Item::TraitAlias(i) => &mut i.attrs,
        Item::Type(i) => &mut i.attrs,
        Item::Union(i) => &mut i.attrs,
        Item::Use(i) => &mut i.attrs,
        _ => return None,
    })
}

fn impl_item_attrs(item: &mut ImplItem) -> Option<&mut Vec<Attribute>> {
    Some(match item {
        ImplItem::Const(i) => &mut i.attrs,
        ImplItem::Fn(i) => &mut i.attrs,
        ImplItem::Type(i) => &mut i.attrs,
        ImplItem::Macro(i) => &mut i.attrs,
        _ => return None,
    })
}

fn trait_item_attrs(item: &mut TraitItem) -> Option<&mut Vec<Attribute>> {
    Some(match item {
        TraitItem::Const(i) => &mut i.attrs,
        TraitItem::Fn(i) => &mut i.attrs,
        TraitItem::Type(i) => &mut i.attrs,
        TraitItem::Macro(i) => &mut i.attrs,
        _ => return None,
    })
}

#[cfg(test)]
mod tests;
