//! `$ref`s to schemas anywhere in the document, not only `#/components/schemas/X`: a
//! component's property (`#/components/schemas/A/properties/b`), an operation's response
//! schema (`#/paths/~1a/get/responses/200/content/application~1json/schema`), a component
//! response's schema, an `allOf` part, ….
//!
//! The pointer is followed through the document as JSON (RFC 6901, after percent-decoding the
//! URI fragment), and read as a schema. Its type is declared as if at that place, so every
//! `$ref` to one place, and the place itself, share one type with the place's name:
//! - inside `#/components/schemas/A`: component `A` with the property path down to it
//!   (`properties/b` adds `b`, a `oneOf`/`anyOf` branch its number, `items`, `allOf` parts
//!   and `additionalProperties` nothing), `AB` for `A/properties/b`;
//! - inside an operation's parameter, request body or response schema: that operation's
//!   inline type at that position and path (`GetReportResponseBody`);
//! - inside `#/components/{responses,requestBodies,parameters,headers}/X`, which no single
//!   operation owns: a component named `X` with `ResponseBody`, `RequestBody`, `Parameter` or
//!   `Header` appended (`ProblemResponseBody`), with the property path below it.
//!
//! A pointer that leads nowhere, or through anything but the keywords above to a schema, is
//! an error at the `$ref`.

use std::borrow::Cow;

use openapiv3::{ReferenceOr, Schema};
use serde_json::Value;

use super::schema::SCHEMA_PREFIX;
use super::{Lowerer, Site};
use crate::error::{Error, Result, pointer};
use crate::ir::{Position, Status};

/// Where a `$ref` leads: the schema there and the place its type is declared as.
pub(super) struct Target<'a> {
    pub schema: Cow<'a, ReferenceOr<Schema>>,
    pub site: Site,
    pub path: Vec<String>,
    /// The place's JSON pointer, spelled as the lowering spells its nodes' pointers.
    pub at: String,
}

impl<'a> Lowerer<'a> {
    /// The schema a `$ref` at `at` points to, and its place.
    pub(super) fn target(&self, reference: &str, at: &str) -> Result<Target<'a>> {
        let nothing = || Error::at(at, format!("`$ref: {reference}` points to nothing"));
        if let Some(name) = reference.strip_prefix(SCHEMA_PREFIX)
            && !name.contains('/')
        {
            let components = self.doc.components.as_ref();
            let schema = components
                .and_then(|c| c.schemas.get(name))
                .ok_or_else(nothing)?;
            return Ok(Target {
                schema: Cow::Borrowed(schema),
                site: Site::Component(name.to_owned()),
                path: Vec::new(),
                at: pointer("#/components/schemas", name),
            });
        }
        let tokens = tokens(reference).ok_or_else(|| {
            Error::at(
                at,
                format!("`$ref: {reference}` is not a JSON pointer into this document"),
            )
        })?;
        let (site, taken) = self
            .site(&tokens)
            .ok_or_else(|| not_a_schema(reference, at))?;
        let path = schema_path(&tokens[taken..]).ok_or_else(|| not_a_schema(reference, at))?;
        let json = self.json.get_or_init(|| {
            serde_json::to_value(self.doc).expect("an OpenAPI document serializes")
        });
        let mut value = json;
        for token in &tokens {
            value = match value {
                Value::Object(map) => map.get(token),
                Value::Array(items) => token.parse::<usize>().ok().and_then(|i| items.get(i)),
                _ => None,
            }
            .ok_or_else(nothing)?;
        }
        let schema = serde_json::from_value(value.clone())
            .map_err(|e| Error::at(at, format!("`$ref: {reference}` is not a schema: {e}")))?;
        Ok(Target {
            schema: Cow::Owned(schema),
            site,
            path,
            at: tokens.iter().fold("#".to_owned(), |at, t| pointer(&at, t)),
        })
    }

    /// The site of a place, by the tokens down to its top-level schema, and how many tokens
    /// that takes; the others lead through that schema.
    fn site(&self, tokens: &[String]) -> Option<(Site, usize)> {
        let tokens: Vec<&str> = tokens.iter().map(String::as_str).collect();
        Some(match tokens.as_slice() {
            ["components", "schemas", name, ..] => (Site::Component((*name).to_owned()), 3),
            ["components", section, name, "content", _, "schema", ..] => {
                let suffix = match *section {
                    "responses" => "ResponseBody",
                    "requestBodies" => "RequestBody",
                    _ => return None,
                };
                (Site::Component(format!("{name}{suffix}")), 6)
            }
            ["components", section, name, "schema", ..] => {
                let suffix = match *section {
                    "parameters" => "Parameter",
                    "headers" => "Header",
                    _ => return None,
                };
                (Site::Component(format!("{name}{suffix}")), 4)
            }
            ["paths", path, method, place @ ..] => {
                let op = self.operation_at(path, method)?;
                let (position, taken) = match place {
                    ["requestBody", "content", _, "schema", ..] => (Position::RequestBody, 4),
                    ["responses", code, "content", _, "schema", ..] => {
                        (response_position(&op.1.responses, code)?, 5)
                    }
                    ["parameters", index, "schema", ..] => {
                        let param = op.1.parameters.get(index.parse::<usize>().ok()?)?;
                        let ReferenceOr::Item(param) = param else {
                            return None;
                        };
                        (
                            Position::Parameter(param.parameter_data_ref().name.clone()),
                            3,
                        )
                    }
                    _ => return None,
                };
                let site = Site::Inline {
                    operation: op.0,
                    position,
                };
                (site, 3 + taken)
            }
            _ => return None,
        })
    }

    /// The operation of `method` at `path`, with its index among the document's operations
    /// (the order [`Lowerer::operations`] gives them).
    fn operation_at(&self, path: &str, method: &str) -> Option<(usize, &'a openapiv3::Operation)> {
        let mut index = 0;
        for (p, item) in &self.doc.paths.paths {
            let ReferenceOr::Item(item) = item else {
                return None;
            };
            for (m, op) in item.iter() {
                if (p.as_str(), m) == (path, method) {
                    return Some((index, op));
                }
                index += 1;
            }
        }
        None
    }
}

fn not_a_schema(reference: &str, at: &str) -> Error {
    Error::at(
        at,
        format!(
            "`$ref: {reference}` does not lead to a schema (a component schema, or the schema of \
             a parameter, request body or response, and properties, items and parts below it)"
        ),
    )
}

/// The tokens of a local reference (`#/a/b~1c`), percent-decoded and unescaped; `None` for a
/// reference into another document.
fn tokens(reference: &str) -> Option<Vec<String>> {
    let fragment = reference.strip_prefix("#/")?;
    fragment
        .split('/')
        .map(|token| Some(percent_decode(token)?.replace("~1", "/").replace("~0", "~")))
        .collect()
}

/// A URI fragment's `%XX` escapes decoded; `None` if they do not make UTF-8.
fn percent_decode(text: &str) -> Option<String> {
    let mut bytes = Vec::with_capacity(text.len());
    let mut rest = text.as_bytes();
    while let Some((&byte, tail)) = rest.split_first() {
        let hex = tail.get(..2).and_then(|h| std::str::from_utf8(h).ok());
        match hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
            Some(decoded) if byte == b'%' => {
                bytes.push(decoded);
                rest = &tail[2..];
            }
            _ => {
                bytes.push(byte);
                rest = tail;
            }
        }
    }
    String::from_utf8(bytes).ok()
}

/// The property path that the tokens below a top-level schema add (see the module docs), or
/// `None` if they leave the schema.
fn schema_path(tokens: &[String]) -> Option<Vec<String>> {
    let mut path = Vec::new();
    let mut rest = tokens;
    while let Some((token, tail)) = rest.split_first() {
        rest = match (token.as_str(), tail) {
            ("properties", [name, tail @ ..]) => {
                path.push(name.clone());
                tail
            }
            ("oneOf" | "anyOf", [index, tail @ ..]) => {
                path.push((index.parse::<usize>().ok()? + 1).to_string());
                tail
            }
            ("allOf", [index, tail @ ..]) => {
                index.parse::<usize>().ok()?;
                tail
            }
            ("items" | "additionalProperties", tail) => tail,
            _ => return None,
        };
    }
    Some(path)
}

/// The position of the response `code` among an operation's responses: success, or an error
/// ranked by ascending status.
fn response_position(responses: &openapiv3::Responses, code: &str) -> Option<Position> {
    let status = |code: &str| -> Option<Status> {
        if code == "default" {
            return Some(Status::Default);
        }
        match code.as_bytes() {
            [class @ b'1'..=b'5', b'X' | b'x', b'X' | b'x'] => Some(Status::Range(class - b'0')),
            _ => code.parse().ok().map(Status::Code),
        }
    };
    let wanted = status(code)?;
    if wanted.is_success() {
        return Some(Position::Success);
    }
    let codes = (responses.responses.keys())
        .map(|c| c.to_string())
        .chain(responses.default.as_ref().map(|_| "default".to_owned()));
    let mut errors: Vec<Status> = codes
        .filter_map(|c| status(&c))
        .filter(|s| !s.is_success())
        .collect();
    errors.sort();
    let rank = errors.iter().position(|s| *s == wanted)?;
    Some(Position::Error {
        rank,
        status: wanted,
    })
}
