//! Bodies: a `content` map becomes a media type and an encoding (JSON of a type, form
//! fields, text or raw bytes); a request body's other media types become the alternatives
//! its builder offers.

use openapiv3::{MediaType, ReferenceOr};

use super::objects::Shape;
use super::{Cursor, Lowerer, Site};
use crate::error::{Error, Result, pointer};
use crate::ir::{
    Alternative, AlternativeKind, Body, Encoding, Field, Position, Type, TypeDef, TypeKind,
};

impl Lowerer<'_> {
    /// The request body of operation number `operation`, and its other media types. The
    /// body sent unless the caller picks another is the first JSON media type, else the first
    /// listed (see [`media_kind`] and [`AlternativeKind`]).
    pub(super) fn request_body(
        &mut self,
        operation: usize,
        body: &ReferenceOr<openapiv3::RequestBody>,
        at: &str,
    ) -> Result<(Body<()>, Vec<Alternative>)> {
        let body = self.resolve(body, "requestBodies", at, |c| &c.request_bodies)?;
        let site = Site::Inline {
            operation,
            position: Position::RequestBody,
        };
        let content = Cursor::new(&site, pointer(at, "content"));
        let chosen = (body.content.iter())
            .position(|(m, _)| media_kind(m) == MediaKind::Json)
            .unwrap_or(0);
        let Some((media_type, media)) = body.content.get_index(chosen) else {
            return Err(Error::at(at, "a request body needs a media type"));
        };
        check_media_types(&body.content, &content.at)?;
        let kind = media_kind(media_type);
        let cursor = content.child(media_type).child("schema");
        let mut part_types = std::collections::BTreeMap::new();
        let encoding = match kind {
            MediaKind::Json => match &media.schema {
                Some(schema) => Encoding::Json(self.schema(schema, &cursor)?.ty),
                None => Encoding::Json(Type::Any),
            },
            MediaKind::Multipart | MediaKind::Form => {
                let multipart = kind == MediaKind::Multipart;
                match self.form_fields(media.schema.as_ref(), multipart, &cursor)? {
                    Some(fields) if multipart => {
                        let at = pointer(&pointer(&content.at, media_type), "encoding");
                        part_types = self.part_types(&fields, media, &at)?;
                        Encoding::Multipart(fields)
                    }
                    Some(fields) => Encoding::Form(fields),
                    None => Encoding::Bytes,
                }
            }
            MediaKind::Text => Encoding::Text,
            MediaKind::Bytes => Encoding::Bytes,
        };
        let alternatives = self.alternatives(&body.content, media_type, &encoding);
        let example = media_example(media);
        let body = Body {
            media_type: media_type.clone(),
            encoding,
            required: body.required,
            doc: body.description.clone(),
            example,
            part_types,
        };
        Ok((body, alternatives))
    }

    /// The body's other media types, and how the SDK offers each beside the one it chose.
    fn alternatives(
        &self,
        content: &indexmap::IndexMap<String, openapiv3::MediaType>,
        chosen: &str,
        encoding: &Encoding<()>,
    ) -> Vec<Alternative> {
        let (kind, schema) = (media_kind(chosen), &content[chosen].schema);
        let mut form = false;
        let others = content.iter().filter(|(m, _)| *m != chosen);
        let mut alternatives = Vec::new();
        for (other, other_media) in others {
            let same_schema = other_media.schema == *schema;
            let kind = match media_kind(other) {
                MediaKind::Json if kind == MediaKind::Json && same_schema => {
                    AlternativeKind::SameBody
                }
                MediaKind::Form if !form && same_schema && self.form_of_json(encoding) => {
                    form = true;
                    AlternativeKind::Form
                }
                MediaKind::Text | MediaKind::Bytes if encoding.is_raw() => {
                    AlternativeKind::SameBody
                }
                MediaKind::Text | MediaKind::Bytes => AlternativeKind::Bytes,
                _ => AlternativeKind::Unsent,
            };
            alternatives.push(Alternative {
                media_type: other.clone(),
                kind,
            });
        }
        alternatives
    }

    /// Whether a JSON body of this encoding can be sent form-urlencoded too: it is a struct
    /// (whose object fields are written as `deepObject`s, `address[city]=Paris`).
    fn form_of_json(&self, encoding: &Encoding<()>) -> bool {
        let Encoding::Json(Type::Named(id)) = encoding else {
            return false;
        };
        match &self.types[id.0].kind {
            TypeKind::Struct(fields) => fields
                .iter()
                .all(|f| form_value(&f.value.ty, false, &self.types)),
            _ => false,
        }
    }

    /// The `Content-Type` of each multipart field sent as a JSON part whose `encoding` (at
    /// `at`) gives one: the first JSON media type its `contentType` lists. A list without one
    /// is refused: the SDK writes such a field as JSON only.
    fn part_types(
        &mut self,
        fields: &[Field<()>],
        media: &MediaType,
        at: &str,
    ) -> Result<std::collections::BTreeMap<String, String>> {
        let mut types = std::collections::BTreeMap::new();
        let structured: Vec<&Field<()>> = (fields.iter())
            .filter(|f| f.value.ty.is_structured(&self.types))
            .collect();
        for field in structured {
            let wire = &field.value.wire;
            let Some(listed) = (media.encoding.get(wire)).and_then(|e| e.content_type.as_ref())
            else {
                continue;
            };
            let json = listed
                .split(',')
                .map(str::trim)
                .find(|m| media_kind(m) == MediaKind::Json);
            let Some(json) = json else {
                self.limit(
                    &pointer(&pointer(at, wire), "contentType"),
                    format!("the multipart field `{wire}`"),
                    "a part of `application/json`",
                    format!("the SDK writes an object field as JSON, and `{listed}` names no JSON media type"),
                );
                continue;
            };
            types.insert(wire.clone(), json.to_owned());
        }
        Ok(types)
    }

    /// The media type of a `content` map (at `cursor`) and how its body is encoded, `None`
    /// for no content. JSON is preferred, then `multipart/form-data`, then form-urlencoded;
    /// any other media type is raw bytes.
    pub(super) fn content(
        &mut self,
        content: &indexmap::IndexMap<String, MediaType>,
        cursor: &Cursor,
    ) -> Result<Option<(String, Encoding<()>)>> {
        let essence = |m: &str| {
            m.split(';')
                .next()
                .unwrap_or_default()
                .trim()
                .to_ascii_lowercase()
        };
        let find =
            |wanted: &dyn Fn(&str) -> bool| content.iter().find(|(m, _)| wanted(&essence(m)));
        let json = |m: &str| m == "application/json" || m.ends_with("+json");
        if let Some((media_type, media)) = find(&json) {
            let encoding = match &media.schema {
                Some(schema) => {
                    let cursor = cursor.child(media_type).child("schema");
                    Encoding::Json(self.schema(schema, &cursor)?.ty)
                }
                None => Encoding::Json(Type::Any),
            };
            return Ok(Some((media_type.clone(), encoding)));
        }
        for (form, multipart) in [
            ("multipart/form-data", true),
            ("application/x-www-form-urlencoded", false),
        ] {
            if let Some((media_type, media)) = find(&|m| m == form) {
                let cursor = cursor.child(media_type).child("schema");
                let encoding = match self.form_fields(media.schema.as_ref(), multipart, &cursor)? {
                    Some(fields) if multipart => Encoding::Multipart(fields),
                    Some(fields) => Encoding::Form(fields),
                    None => Encoding::Bytes,
                };
                return Ok(Some((media_type.clone(), encoding)));
            }
        }
        Ok(content.keys().next().map(|m| (m.clone(), Encoding::Bytes)))
    }

    /// The fields of a form body: the properties of its object schema, each sent as a part
    /// (multipart, where `format: binary` strings are files) or as a pair. `None`, with a
    /// warning, for a schema that is not an object or holds a file inside an object: the
    /// body is then bytes the caller encodes.
    fn form_fields(
        &mut self,
        schema: Option<&ReferenceOr<openapiv3::Schema>>,
        multipart: bool,
        cursor: &Cursor,
    ) -> Result<Option<Vec<Field<()>>>> {
        let Some(schema) = schema else {
            return Ok(Some(Vec::new()));
        };
        let at = &cursor.at;
        let as_bytes = "bytes the caller encodes (`body: impl Into<Bytes>`)";
        let mut shape = Shape::default();
        if self.collect(schema, at, &mut shape, 0).is_err() {
            let because = "its schema is not an object with properties, the fields of a form";
            self.limit(at, "the form body", as_bytes, because);
            return Ok(None);
        }
        self.files = multipart;
        let fields = self.fields(shape, cursor);
        self.files = false;
        let fields = fields?;
        if let Some(field) = fields
            .iter()
            .find(|f| !form_value(&f.value.ty, multipart, &self.types))
        {
            let at = pointer(&pointer(at, "properties"), &field.value.wire);
            let because =
                "a file can be a multipart field or a list of them, not a part of an object";
            self.limit(&at, "the form body", as_bytes, because);
            return Ok(None);
        }
        Ok(Some(fields))
    }
}

/// A media type's `example`, or the value of the first of its `examples` written inline.
pub(super) fn media_example(media: &MediaType) -> Option<serde_json::Value> {
    example(media.example.as_ref(), &media.examples)
}

/// `example`, or the value of the first of `examples` written inline (a `$ref` to
/// `components.examples` is not followed).
pub(super) fn example(
    example: Option<&serde_json::Value>,
    examples: &indexmap::IndexMap<String, ReferenceOr<openapiv3::Example>>,
) -> Option<serde_json::Value> {
    example.cloned().or_else(|| {
        examples.values().find_map(|example| match example {
            ReferenceOr::Item(example) => example.value.clone(),
            ReferenceOr::Reference { .. } => None,
        })
    })
}

/// How a request body of a media type is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum MediaKind {
    /// `application/json`, `text/json` and every `+json` type (`application/merge-patch+json`).
    Json,
    Multipart,
    Form,
    /// `text/*`, unless its `charset` is another than UTF-8 (a Rust string is UTF-8): bytes then.
    Text,
    /// Every other media type, and media ranges (`*/*`, `image/*`).
    Bytes,
}

/// How a request body of `media_type` is written, by its essence (type and subtype, case
/// folded) and its `charset`.
pub(super) fn media_kind(media_type: &str) -> MediaKind {
    let mut parts = media_type.split(';');
    let essence = parts.next().unwrap_or_default().trim().to_ascii_lowercase();
    let charset = parts
        .filter_map(|p| p.split_once('='))
        .find(|(name, _)| name.trim().eq_ignore_ascii_case("charset"))
        .map(|(_, value)| value.trim().trim_matches('"').to_ascii_lowercase());
    match essence.as_str() {
        "application/json" | "text/json" => MediaKind::Json,
        m if m.ends_with("+json") => MediaKind::Json,
        "multipart/form-data" => MediaKind::Multipart,
        "application/x-www-form-urlencoded" => MediaKind::Form,
        m if m.starts_with("text/") && !m.contains('*') => match charset.as_deref() {
            None | Some("utf-8" | "utf8") => MediaKind::Text,
            Some(_) => MediaKind::Bytes,
        },
        _ => MediaKind::Bytes,
    }
}

/// Whether a form field of this type can be sent: anything but files other than a multipart
/// field's own (a file or an array of them). Scalars and arrays of them are text, the rest is
/// written through its JSON (see [`Type::is_structured`]), which has no place for a file.
fn form_value(ty: &Type, multipart: bool, types: &[TypeDef<()>]) -> bool {
    match ty {
        Type::File => multipart,
        Type::Array(item) if **item == Type::File => multipart,
        ty => !holds_file(ty, types, 0),
    }
}

/// Whether a value of this type holds a file (or raw bytes), `depth` types deep: a type that
/// contains itself is looked into a few times only.
fn holds_file(ty: &Type, types: &[TypeDef<()>], depth: usize) -> bool {
    match ty {
        Type::File | Type::Bytes => true,
        Type::Array(item) | Type::Map(item) => holds_file(item, types, depth),
        Type::Named(id) if depth < 8 => match &types[id.0].kind {
            TypeKind::Struct(fields) => {
                (fields.iter()).any(|f| holds_file(&f.value.ty, types, depth + 1))
            }
            TypeKind::Union(union) => {
                (union.variants.iter()).any(|v| holds_file(&v.ty, types, depth + 1))
            }
            TypeKind::Enum(_) => false,
        },
        _ => false,
    }
}

/// A `Content-Type` header is printable ASCII, and the docs quote it in backticks.
fn check_media_types(
    content: &indexmap::IndexMap<String, openapiv3::MediaType>,
    at: &str,
) -> Result<()> {
    for media_type in content.keys() {
        if !(media_type.bytes()).all(|b| (b.is_ascii_graphic() && b != b'`') || b == b' ') {
            return Err(Error::at(
                &pointer(at, media_type),
                "a media type must be printable ASCII, without backticks",
            ));
        }
    }
    Ok(())
}
