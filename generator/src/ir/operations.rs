//! Operations: their methods, parameters, request bodies and responses.

use std::collections::BTreeMap;

use super::status::Status;
use super::types::{Field, Member, Type};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Method {
    Get,
    Put,
    Post,
    Delete,
    Options,
    Head,
    Patch,
    Trace,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Put => "PUT",
            Method::Post => "POST",
            Method::Delete => "DELETE",
            Method::Options => "OPTIONS",
            Method::Head => "HEAD",
            Method::Patch => "PATCH",
            Method::Trace => "TRACE",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Operation<N = String> {
    /// `operationId` as written in the document.
    pub id: String,
    /// `x-speakeasy-name-override`, a shorter method name within the group, if any.
    pub name_override: Option<String>,
    /// The method name (snake_case); `()` before the naming pass.
    pub name: N,
    /// The operation's PascalCase stem for type names (`CreateAPIKey`); `()` before the
    /// naming pass.
    pub stem: N,
    /// The group as written in the document: `x-speakeasy-group`, else the first tag
    /// (`API Keys`).
    pub group: String,
    pub method: Method,
    /// The path template, e.g. `/api_keys/{apiKeyID}`.
    pub path: String,
    pub summary: Option<String>,
    pub description: Option<String>,
    pub params: Vec<Param<N>>,
    pub body: Option<Body<N>>,
    /// The request body's other media types, in document order: [`Operation::body`] is the
    /// one sent unless the caller picks another.
    pub alternatives: Vec<Alternative>,
    /// Responses in ascending status order, `default` last.
    pub responses: Vec<Response<N>>,
    /// The alternatives of credentials the operation accepts (its `security`, else the
    /// document's), each the indices in [`Api::schemes`](crate::ir::Api::schemes) of the
    /// schemes it combines. Empty: no credentials; an empty alternative makes them optional.
    pub security: Vec<Vec<usize>>,
    pub deprecated: bool,
    /// The JSON pointer of the operation, for messages.
    pub pointer: String,
}

impl<N> Operation<N> {
    /// The types the operation writes: its parameters', its request body's and its
    /// responses' (not looking inside named types).
    pub fn types(&self) -> Vec<&Type> {
        let params = self.params.iter().map(|p| &p.value.ty);
        let bodies = (self.responses.iter().filter_map(|r| r.body.as_ref())).chain(&self.body);
        let bodies = bodies.flat_map(|body| -> Vec<&Type> {
            match &body.encoding {
                Encoding::Json(ty) => vec![ty],
                Encoding::Multipart(fields) | Encoding::Form(fields) => {
                    fields.iter().map(|f| &f.value.ty).collect()
                }
                Encoding::Text | Encoding::Bytes => Vec::new(),
            }
        });
        params.chain(bodies).collect()
    }
}

impl<N: PartialEq> Operation<N> {
    /// Whether its success responses carry bodies of more than one type or media type (`200`
    /// with a `Widget`, `201` with a `WidgetCreated`): `send()` then succeeds with an enum
    /// that has a variant per success status. Bodies that read the same way (`200` and `202`
    /// of one type, beside a `204` without a body) are one type.
    pub fn success_by_status(&self) -> bool {
        let mut bodies = (self.responses.iter())
            .filter(|r| r.status.is_success())
            .filter_map(|r| r.body.as_ref());
        let Some(first) = bodies.next() else {
            return false;
        };
        bodies.any(|b| b.media_type != first.media_type || b.encoding != first.encoding)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamLocation {
    Path,
    Query,
    Header,
}

/// A parameter of an operation.
#[derive(Debug, Clone, PartialEq)]
pub struct Param<N = String> {
    /// The Rust name (`()` before the naming pass).
    pub name: N,
    pub location: ParamLocation,
    pub value: Member,
    /// How a query parameter is written. Path and header parameters are `simple`, text
    /// only, and have the default here.
    pub style: Style,
    /// For a parameter described by `content` of a JSON media type rather than by a
    /// `schema`: that media type. Its value is written as its JSON text.
    pub content: Option<String>,
}

/// How a value is written as `name=value` pairs: OpenAPI's `style` of a query parameter,
/// with its `explode` (the runtime's `style::Style` has the same variants).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// `form`; exploded by default: an array as one pair per item, an object as one pair
    /// per property.
    Form { explode: bool },
    /// `spaceDelimited` (not exploded: exploded, it is `form`'s).
    SpaceDelimited,
    /// `pipeDelimited` (not exploded: exploded, it is `form`'s).
    PipeDelimited,
    /// `deepObject`: `filter[a]=1`, nested by brackets, array items by index.
    DeepObject,
}

impl Default for Style {
    fn default() -> Self {
        Style::Form { explode: true }
    }
}

impl Style {
    /// The style as the document writes it, for messages and docs: `` `form`, not exploded ``.
    pub fn describe(self) -> &'static str {
        match self {
            Style::Form { explode: true } => "`form`",
            Style::Form { explode: false } => "`form`, not exploded",
            Style::SpaceDelimited => "`spaceDelimited`",
            Style::PipeDelimited => "`pipeDelimited`",
            Style::DeepObject => "`deepObject`",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Body<N = String> {
    pub media_type: String,
    pub encoding: Encoding<N>,
    pub required: bool,
    pub doc: Option<String>,
    /// The media type's `example` (or first of its `examples`), a whole body.
    pub example: Option<serde_json::Value>,
    /// The `Content-Type` of the multipart fields sent as JSON parts (see
    /// [`Type::is_structured`]) whose `encoding` names one, by wire name; the others are
    /// `application/json`.
    pub part_types: BTreeMap<String, String>,
}

/// How a body is written on the wire.
#[derive(Debug, Clone, PartialEq)]
pub enum Encoding<N = String> {
    /// JSON of this type.
    Json(Type),
    /// `multipart/form-data` with one part per field.
    Multipart(Vec<Field<N>>),
    /// `application/x-www-form-urlencoded` with one pair per field.
    Form(Vec<Field<N>>),
    /// `text/*` (in a request body): a string, sent as UTF-8.
    Text,
    /// Any other media type: raw bytes.
    Bytes,
}

/// Another media type of a request body, and how the caller sends the body as it.
#[derive(Debug, Clone, PartialEq)]
pub struct Alternative {
    pub media_type: String,
    pub kind: AlternativeKind,
}

/// How a request body is sent as one of its other media types (see [`Alternative`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AlternativeKind {
    /// The body as it is, under this `Content-Type`, which the call sets with
    /// `.header("Content-Type", …)`: JSON of the same schema as the JSON body, or a raw body
    /// (bytes or text) beside a raw body.
    SameBody,
    /// The JSON body's fields as `application/x-www-form-urlencoded` pairs (the same schema,
    /// every field a scalar or an array of scalars): the builder's `as_form()`.
    Form,
    /// Bytes given to the builder's `body_bytes(…)`, instead of a body that is not raw
    /// (bytes or text): sent as the first such media type, or as another with
    /// `.header("Content-Type", …)`.
    Bytes,
    /// Not sent by the SDK (multipart, or a form or JSON of another schema); the docs say
    /// so.
    Unsent,
}

impl<N> Encoding<N> {
    /// Whether a request body of this encoding is raw: bytes or text, taken whole.
    pub fn is_raw(&self) -> bool {
        matches!(self, Encoding::Text | Encoding::Bytes)
    }
}

impl<N> Body<N> {
    /// The JSON type, for a JSON body.
    pub fn json(&self) -> Option<&Type> {
        match &self.encoding {
            Encoding::Json(ty) => Some(ty),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Response<N = String> {
    pub status: Status,
    pub description: String,
    /// The JSON body, if the response declares one.
    pub body: Option<Body<N>>,
}
