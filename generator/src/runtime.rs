//! The runtime of a generated crate: `templates/runtime/src`, a crate of its own in the
//! workspace, copied into the generated crate as `src/runtime/` with only the items of the
//! runtime features its API uses.
//!
//! The runtime gates its optional items with `#[cfg(feature = "…")]` lines, formatted by
//! rustfmt (the workspace's `cargo fmt --check` guarantees it). The copier works on those
//! lines: it keeps an item of a used feature without its `cfg` line, and removes an item of an
//! unused feature together with its doc comments and attributes, finding its end by
//! indentation. `#[cfg(test)]` items are removed too: the runtime's tests run once, in its
//! own crate. A `cfg` of any other form is an error, so the copier cannot silently keep
//! something it does not understand.

use std::collections::BTreeSet;

use crate::error::{Error, Result};
use crate::format::header;
use crate::ir::{Encoding, ParamLocation, Type, TypeKind};
use crate::plan::{Accept, CaseBody, InputKind, OperationPlan, Plan, Presence, Success, Written};
use crate::templates;

/// The runtime features the API uses, by their names in `templates/runtime/Cargo.toml`. It
/// follows what the emitters write (the `codec` helpers in models' serde attributes, `Redacted`
/// in the `Debug` of types with secrets, the adders and response methods in `send()`): a
/// feature missing here fails the generated crate's build, one too many fails its clippy run
/// on dead code, and the fixtures and Clerk's whole document are built with both.
pub fn features(plan: &Plan) -> BTreeSet<&'static str> {
    let mut used = BTreeSet::new();
    for ty in &plan.api.types {
        match &ty.kind {
            TypeKind::Struct(fields) => {
                for field in fields {
                    match Presence::of_field(field) {
                        Presence::RequiredNullable => used.insert("nullable"),
                        Presence::OptionalNullable => used.insert("present"),
                        Presence::Optional if matches!(field.value.ty, Type::Any | Type::Null) => {
                            used.insert("present")
                        }
                        Presence::Optional | Presence::Required => false,
                    };
                    if plan.config.is_sensitive(&field.value.wire) {
                        used.insert("secrets");
                    }
                }
            }
            TypeKind::Union(union) if union.discriminator.is_some() => {
                if union.variants.iter().any(|v| !v.tags.is_empty()) {
                    used.insert("discriminator");
                }
            }
            TypeKind::Union(_) | TypeKind::Enum(_) => {}
        }
    }
    for (_, op) in plan.operations() {
        used.extend(operation_features(op));
    }
    used.extend(crate::emit::auth_features(plan.api));
    used
}

/// The runtime features one operation's builder and `send()` use.
fn operation_features(op: &OperationPlan) -> Vec<&'static str> {
    let mut used = Vec::new();
    let encoding = op.op.body.as_ref().map(|b| &b.encoding);
    let multipart = matches!(encoding, Some(Encoding::Multipart(_)));
    for input in &op.inputs {
        // The style a value is written in: a query parameter's or a form field's, or a JSON
        // body field's when `as_form()` sends it.
        let sent_as_pairs = match input.kind {
            InputKind::Param(ParamLocation::Query) | InputKind::FormField => true,
            InputKind::BodyField(_) => op.as_form().is_some(),
            _ => false,
        };
        if let (true, Written::Pairs(style)) = (sent_as_pairs, &input.written) {
            used.push(match style {
                crate::ir::Style::Form { .. } => "style-form",
                crate::ir::Style::SpaceDelimited => "style-space",
                crate::ir::Style::PipeDelimited => "style-pipe",
                crate::ir::Style::DeepObject => "style-deep",
            });
        }
        match (input.kind, &input.written) {
            (InputKind::Param(ParamLocation::Query), Written::Pairs(_)) => {
                used.push("styled-query")
            }
            (InputKind::FormField, Written::Pairs(_)) => used.push("styled-form"),
            // The JSON body's fields are pairs only when `as_form()` sends them so.
            (InputKind::BodyField(_), Written::Pairs(_)) if op.as_form().is_some() => {
                used.push("styled-form")
            }
            (_, Written::JsonPart(_)) => used.push("json-part"),
            // A multipart field that is not JSON is a file part or a text part.
            (InputKind::FormField, _) if multipart => used.push(match &input.value.ty {
                Type::File => "file-part",
                Type::Array(item) if **item == Type::File => "file-part",
                _ => "text-part",
            }),
            _ => {}
        }
        let text = input.written == Written::Text;
        match input.kind {
            InputKind::Param(ParamLocation::Query) if text => used.push("query"),
            InputKind::Param(ParamLocation::Header) if input.sensitive => {
                used.push("secret-header")
            }
            InputKind::Param(ParamLocation::Header) => used.push("header"),
            _ => {}
        }
        // The builder's `Debug` prints a secret parameter as `Redacted`.
        if input.sensitive {
            used.push("secrets");
        }
        if input.accept() == Accept::Json {
            used.push("json-input");
        }
    }
    // A part's value has a variant of some kind: with only JSON parts (or no field), the
    // text one, unused then.
    if multipart && !used.iter().any(|f| matches!(*f, "text-part" | "file-part")) {
        used.push("text-part");
    }
    if op.paging.is_some() {
        used.push("paging");
    }
    used.extend(op.op.body.as_ref().map(|b| match b.encoding {
        Encoding::Json(_) => "json-body",
        Encoding::Form(_) => "form-body",
        Encoding::Multipart(_) => "multipart",
        Encoding::Text | Encoding::Bytes => "bytes-body",
    }));
    // The text fields of a form body, and of a JSON body the builder sends `as_form()` (the
    // other media types it offers: `as_form()` and `body_bytes(…)`).
    let form_text = |kind: fn(&InputKind) -> bool| {
        (op.inputs.iter()).any(|i| kind(&i.kind) && i.written == Written::Text)
    };
    let form = matches!(encoding, Some(Encoding::Form(_)));
    if form && form_text(|k| *k == InputKind::FormField) {
        used.push("form");
    }
    if op.as_form().is_some() {
        used.push("form-body");
        if form_text(|k| matches!(k, InputKind::BodyField(_))) {
            used.push("form");
        }
    }
    if op.body_bytes().is_some() {
        used.push("bytes-body");
    }
    match &op.success {
        Success::Json { optional: true, .. } => used.push("optional-response"),
        Success::Json {
            optional: false, ..
        } => used.push("json-response"),
        Success::Bytes => used.push("bytes-response"),
        Success::Empty => used.push("empty-response"),
        // Each status's arm decodes as a lone success of its body would, then puts the body
        // in its variant.
        Success::ByStatus { cases, .. } => {
            used.push("status-response");
            used.extend(cases.iter().map(|c| match c.body {
                CaseBody::Json(_) => "json-response",
                CaseBody::Bytes => "bytes-response",
                CaseBody::Empty => "empty-response",
            }));
        }
    }
    if op.success.refuses_other_2xx() {
        used.push("unexpected");
    }
    for error in &op.errors {
        used.push(match error.body {
            Some(_) => "error-body",
            None => "error-without-body",
        });
    }
    if op.unexpected {
        used.push("unexpected");
    }
    used
}

/// The runtime's files for a crate whose API uses `features`, by their paths in the generated
/// crate, each with the generated header. The runtime's `Client` and `ClientBuilder` take the
/// client's name (`Clerk`, `ClerkBuilder`), so that the crate's docs and `Debug` output call
/// them as users do.
pub fn files(features: &BTreeSet<&str>, client: &str) -> Result<Vec<(String, String)>> {
    let builder = format!("{client}Builder");
    for name in [client, builder.as_str()] {
        if client != "Client" && declares_item(name) {
            return Err(Error::Config(format!(
                "client.name `{client}`: the runtime already has an item named `{name}`"
            )));
        }
    }
    let manifest = Manifest::parse(templates::RUNTIME_MANIFEST)?;
    let keep = manifest.closure(features)?;
    let strip = |name: &str, text: &str| {
        strip(text, &keep, &manifest.features)
            .map_err(|e| Error::Internal(format!("templates/runtime/src/{name}: {e}")))
    };
    let (_, lib) = templates::RUNTIME
        .iter()
        .find(|(name, _)| *name == "lib.rs")
        .ok_or_else(|| Error::Internal("templates/runtime/src has no lib.rs".into()))?;
    let lib = strip("lib.rs", lib)?;
    let mut files = Vec::new();
    for (name, text) in templates::RUNTIME {
        let (path, text) = if *name == "lib.rs" {
            ("src/runtime/mod.rs".to_owned(), lib.clone())
        } else if declares(&lib, name.trim_end_matches(".rs")) {
            (format!("src/runtime/{name}"), strip(name, text)?)
        } else {
            continue;
        };
        let text = rename_client(&text, client);
        let source = header("//", &format!("templates/runtime/src/{name}"));
        files.push((path, format!("{source}\n{text}")));
    }
    Ok(files)
}

/// `text` with the words `Client` and `ClientBuilder` (not `reqwest::Client`) renamed after
/// the client.
fn rename_client(text: &str, client: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("Client") {
        let (before, after) = rest.split_at(at);
        out.push_str(before);
        let word_start = !out.ends_with(|c: char| c.is_alphanumeric() || c == '_');
        let qualified = out.ends_with("reqwest::");
        let tail = &after["Client".len()..];
        let (word, len) = match tail.strip_prefix("Builder") {
            Some(next) if !next.starts_with(|c: char| c.is_alphanumeric() || c == '_') => {
                (format!("{client}Builder"), "ClientBuilder".len())
            }
            _ if !tail.starts_with(|c: char| c.is_alphanumeric() || c == '_') => {
                (client.to_owned(), "Client".len())
            }
            _ => ("Client".to_owned(), "Client".len()),
        };
        if word_start && !qualified {
            out.push_str(&word);
        } else {
            out.push_str(&after[..len]);
        }
        rest = &after[len..];
    }
    out.push_str(rest);
    out
}

/// Whether the runtime declares a type or trait named `name`, which the client's types would
/// clash with once renamed.
fn declares_item(name: &str) -> bool {
    templates::RUNTIME.iter().any(|(_, text)| {
        text.lines().any(|line| {
            let line = line
                .trim_start()
                .trim_start_matches("pub ")
                .trim_start_matches("pub(crate) ");
            ["struct ", "enum ", "trait ", "type "].iter().any(|kind| {
                line.strip_prefix(kind).is_some_and(|rest| {
                    rest.strip_prefix(name)
                        .is_some_and(|r| !r.starts_with(|c: char| c.is_alphanumeric() || c == '_'))
                })
            })
        })
    })
}

/// Whether the runtime's root, once stripped, still declares the module `name`.
fn declares(lib: &str, name: &str) -> bool {
    lib.lines().any(|line| {
        let line = line.trim();
        let line = line.strip_prefix("pub ").unwrap_or(line);
        line.strip_prefix("mod ").and_then(|l| l.strip_suffix(';')) == Some(name)
    })
}

/// The `[features]` table of the runtime's manifest.
struct Manifest {
    /// Every feature but `default`.
    features: BTreeSet<String>,
    table: toml::Table,
}

impl Manifest {
    fn parse(text: &str) -> Result<Manifest> {
        let internal = |e: &str| Error::Internal(format!("templates/runtime/Cargo.toml: {e}"));
        let manifest: toml::Table = toml::from_str(text).map_err(|e| internal(&e.to_string()))?;
        let table = manifest
            .get("features")
            .and_then(toml::Value::as_table)
            .cloned()
            .ok_or_else(|| internal("no [features]"))?;
        let features = table.keys().filter(|k| *k != "default").cloned().collect();
        Ok(Manifest { features, table })
    }

    /// `used` with every feature they imply; an unknown name is an error.
    fn closure(&self, used: &BTreeSet<&str>) -> Result<BTreeSet<String>> {
        let mut keep = BTreeSet::new();
        let mut todo: Vec<String> = used.iter().map(|f| (*f).to_owned()).collect();
        while let Some(feature) = todo.pop() {
            if !self.features.contains(&feature) {
                return Err(Error::Internal(format!(
                    "`{feature}` is not a feature of templates/runtime/Cargo.toml"
                )));
            }
            if let Some(implied) = self.table[&feature].as_array() {
                todo.extend(implied.iter().filter_map(|f| f.as_str().map(str::to_owned)));
            }
            keep.insert(feature);
        }
        Ok(keep)
    }
}

/// What a `#[cfg(…)]` line gates.
enum Gate<'a> {
    Test,
    Feature(&'a str),
}

/// The gate of a line that is a `#[cfg(…)]` attribute, `None` for other lines, an error for a
/// `cfg` this copier does not understand.
fn gate(line: &str) -> std::result::Result<Option<Gate<'_>>, String> {
    let line = line.trim();
    let Some(predicate) = line
        .strip_prefix("#[cfg(")
        .and_then(|l| l.strip_suffix(")]"))
    else {
        if line.starts_with('#') && line.contains("cfg") {
            return Err(format!(
                "`{line}`: only whole-line `#[cfg(…)]` attributes are supported"
            ));
        }
        return Ok(None);
    };
    if predicate == "test" || predicate.starts_with("all(test,") {
        return Ok(Some(Gate::Test));
    }
    let name = predicate
        .strip_prefix("feature = \"")
        .and_then(|p| p.strip_suffix('"'))
        .filter(|n| !n.contains('"'));
    match name {
        Some(name) => Ok(Some(Gate::Feature(name))),
        None => Err(format!(
            "`{line}`: only `feature = \"…\"` and `test` are supported"
        )),
    }
}

/// `source` with the items of features not in `keep` and the test items removed, and the
/// `cfg` lines of the features in `keep` dropped. `known` are the manifest's features.
pub(crate) fn strip(
    source: &str,
    keep: &BTreeSet<String>,
    known: &BTreeSet<String>,
) -> std::result::Result<String, String> {
    let lines: Vec<&str> = source.lines().collect();
    let mut out: Vec<&str> = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let kept = match gate(lines[i])? {
            None => {
                out.push(lines[i]);
                i += 1;
                continue;
            }
            Some(Gate::Test) => false,
            Some(Gate::Feature(name)) if !known.contains(name) => {
                return Err(format!("line {}: unknown feature `{name}`", i + 1));
            }
            Some(Gate::Feature(name)) => keep.contains(name),
        };
        if kept {
            i += 1;
            continue;
        }
        let indent = indentation(lines[i]);
        while out
            .last()
            .is_some_and(|l| indentation(l) == indent && is_prefix(l))
        {
            out.pop();
        }
        i = item_end(&lines, i, indent).map_err(|e| format!("line {}: {e}", i + 1))? + 1;
        tidy_blank_lines(&mut out, &lines, &mut i);
    }
    let mut text = out.join("\n");
    text.truncate(text.trim_end().len());
    text.push('\n');
    Ok(text)
}

fn indentation(line: &str) -> usize {
    line.len() - line.trim_start().len()
}

/// Doc comments, comments and attributes: lines that belong to the item below them.
fn is_prefix(line: &str) -> bool {
    let line = line.trim_start();
    (line.starts_with("//") && !line.starts_with("//!")) || line.starts_with("#[")
}

/// The index of the last line of the item whose `cfg` line is at `start`: the first line at
/// the item's indentation that ends it (`;`, `,` or `}` at the end of its first line, or of a
/// line that starts with a closing bracket).
fn item_end(lines: &[&str], start: usize, indent: usize) -> std::result::Result<usize, String> {
    let mut first = start + 1;
    while lines
        .get(first)
        .is_some_and(|l| indentation(l) == indent && is_prefix(l))
    {
        first += 1;
    }
    if lines.get(first).is_none_or(|l| indentation(l) != indent) {
        return Err("a `cfg` line must stand above an item at its own indentation".into());
    }
    for (k, line) in lines.iter().enumerate().skip(first) {
        let text = line.trim();
        let at_indent = indentation(line) == indent && !text.is_empty();
        let closes = k == first || text.starts_with(['}', ')', ']']);
        if at_indent && closes && text.ends_with([';', ',', '}']) {
            return Ok(k);
        }
        if k > first && !text.is_empty() && indentation(line) < indent {
            break;
        }
    }
    Err("the gated item has no end at its indentation".into())
}

/// After an item is removed: no two blank lines in a row, and none just inside braces.
fn tidy_blank_lines(out: &mut Vec<&str>, lines: &[&str], next: &mut usize) {
    let blank = |l: Option<&&str>| l.is_some_and(|l| l.trim().is_empty());
    let opens = out.last().is_none_or(|l| l.trim_end().ends_with('{'));
    if blank(lines.get(*next)) && (blank(out.last()) || opens) {
        *next += 1;
    }
    let closes = lines
        .get(*next)
        .is_none_or(|l| l.trim_start().starts_with('}'));
    if closes && blank(out.last()) {
        out.pop();
    }
}

#[cfg(test)]
mod tests;
