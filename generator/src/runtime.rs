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
use crate::templates;

/// The runtime's types that the crate root re-exports under their own names (the client is
/// re-exported under its configured name); the surface lists their public members.
pub const EXPORTS: &[&str] = &[
    "AfterError",
    "AfterResponse",
    "ApiError",
    "BeforeAttempt",
    "BoxError",
    "DecodeError",
    "Error",
    "File",
    "OperationError",
    "ResponseValue",
    "RetryConfig",
    "SdkError",
    "StatusMatch",
    "UnexpectedResponse",
];

/// A part of the runtime a crate may need: a feature of `templates/runtime/Cargo.toml`, which
/// gates its items. The plan records each where it decides to use it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Part {
    /// `Request::query`: query parameters written as text.
    Query,
    /// `Request::styled_query`: query parameters written by a style.
    StyledQuery,
    StyleForm,
    StyleSpace,
    StylePipe,
    StyleDeep,
    /// `Request::header`.
    Header,
    /// `Request::secret_header`: header parameters that hold secrets.
    SecretHeader,
    BearerAuth,
    BasicAuth,
    ApiKeyHeader,
    ApiKeyQuery,
    ApiKeyCookie,
    /// Offset paging: `paginate::by_offset`.
    Paging,
    /// `Redacted`, printed in place of secrets.
    Secrets,
    /// `codec::present`.
    Present,
    /// `codec::nullable`.
    Nullable,
    /// `codec::variant`: unions told apart by a discriminator.
    Discriminator,
    /// `codec::json_input`: setters that take anything `Serialize`.
    JsonInput,
    JsonBody,
    BytesBody,
    /// The text fields of a form-urlencoded body.
    Form,
    /// A form-urlencoded body.
    FormBody,
    /// Fields of a form-urlencoded body written by a style.
    StyledForm,
    Multipart,
    JsonPart,
    TextPart,
    FilePart,
    JsonResponse,
    OptionalResponse,
    EmptyResponse,
    BytesResponse,
    /// Success bodies that differ by status.
    StatusResponse,
    ErrorBody,
    ErrorWithoutBody,
    /// Statuses the operation does not document.
    Unexpected,
}

impl Part {
    /// The runtime's feature of this part.
    pub fn feature(self) -> &'static str {
        match self {
            Part::Query => "query",
            Part::StyledQuery => "styled-query",
            Part::StyleForm => "style-form",
            Part::StyleSpace => "style-space",
            Part::StylePipe => "style-pipe",
            Part::StyleDeep => "style-deep",
            Part::Header => "header",
            Part::SecretHeader => "secret-header",
            Part::BearerAuth => "bearer-auth",
            Part::BasicAuth => "basic-auth",
            Part::ApiKeyHeader => "api-key-header",
            Part::ApiKeyQuery => "api-key-query",
            Part::ApiKeyCookie => "api-key-cookie",
            Part::Paging => "paging",
            Part::Secrets => "secrets",
            Part::Present => "present",
            Part::Nullable => "nullable",
            Part::Discriminator => "discriminator",
            Part::JsonInput => "json-input",
            Part::JsonBody => "json-body",
            Part::BytesBody => "bytes-body",
            Part::Form => "form",
            Part::FormBody => "form-body",
            Part::StyledForm => "styled-form",
            Part::Multipart => "multipart",
            Part::JsonPart => "json-part",
            Part::TextPart => "text-part",
            Part::FilePart => "file-part",
            Part::JsonResponse => "json-response",
            Part::OptionalResponse => "optional-response",
            Part::EmptyResponse => "empty-response",
            Part::BytesResponse => "bytes-response",
            Part::StatusResponse => "status-response",
            Part::ErrorBody => "error-body",
            Part::ErrorWithoutBody => "error-without-body",
            Part::Unexpected => "unexpected",
        }
    }
}

/// The runtime's files for a crate whose API uses `features`, by their paths in the generated
/// crate, each with the generated header. The runtime's `Client` and `ClientBuilder` take the
/// client's name (`Clerk`, `ClerkBuilder`), so that the crate's docs and `Debug` output call
/// them as users do.
pub fn files(parts: &BTreeSet<Part>, client: &str) -> Result<Vec<(String, String)>> {
    let features: BTreeSet<&str> = parts.iter().map(|p| p.feature()).collect();
    let builder = format!("{client}Builder");
    for name in [client, builder.as_str()] {
        if client != "Client" && declares_item(name) {
            return Err(Error::Config(format!(
                "client.name `{client}`: the runtime already has an item named `{name}`"
            )));
        }
    }
    let manifest = Manifest::parse(templates::RUNTIME_MANIFEST)?;
    let keep = manifest.closure(&features)?;
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
