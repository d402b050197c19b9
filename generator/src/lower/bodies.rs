//! Bodies: a `content` map becomes a media type and an encoding (JSON of a type, form
//! fields, or raw bytes).

use openapiv3::{MediaType, ReferenceOr};

use super::objects::Shape;
use super::{Cursor, Lowerer, Site};
use crate::error::{Error, Result, pointer};
use crate::ir::{Body, Encoding, Field, Position, Type, TypeDef, TypeKind};

impl Lowerer<'_> {
    /// The request body of operation number `operation`.
    pub(super) fn request_body(
        &mut self,
        operation: usize,
        body: &ReferenceOr<openapiv3::RequestBody>,
        at: &str,
    ) -> Result<Body<()>> {
        let body = self.resolve(body, "requestBodies", at, |c| &c.request_bodies)?;
        let site = Site::Inline {
            operation,
            position: Position::RequestBody,
        };
        let content = Cursor::new(&site, pointer(at, "content"));
        let Some((media_type, encoding)) = self.content(&body.content, &content)? else {
            return Err(Error::at(at, "a request body needs a media type"));
        };
        if encoding == Encoding::Bytes {
            return Err(Error::at(
                &pointer(&content.at, &media_type),
                "request bodies other than JSON, multipart/form-data and form-urlencoded are not supported",
            ));
        }
        let example = body.content.get(&media_type).and_then(media_example);
        Ok(Body {
            media_type,
            encoding,
            required: body.required,
            doc: body.description.clone(),
            example,
        })
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
                let fields = self.form_fields(media.schema.as_ref(), multipart, &cursor)?;
                let encoding = if multipart {
                    Encoding::Multipart(fields)
                } else {
                    Encoding::Form(fields)
                };
                return Ok(Some((media_type.clone(), encoding)));
            }
        }
        Ok(content.keys().next().map(|m| (m.clone(), Encoding::Bytes)))
    }

    /// The fields of a form body: the properties of its object schema, each sent as a part
    /// (multipart, where `format: binary` strings are files) or as a pair.
    fn form_fields(
        &mut self,
        schema: Option<&ReferenceOr<openapiv3::Schema>>,
        multipart: bool,
        cursor: &Cursor,
    ) -> Result<Vec<Field<()>>> {
        let Some(schema) = schema else {
            return Ok(Vec::new());
        };
        let at = &cursor.at;
        let mut shape = Shape::default();
        self.collect(schema, at, &mut shape, 0)
            .map_err(|_| Error::at(at, "a form body must be an object with properties"))?;
        self.files = multipart;
        let fields = self.fields(shape, cursor);
        self.files = false;
        let fields = fields?;
        if let Some(field) = fields
            .iter()
            .find(|f| !form_value(&f.value.ty, multipart, &self.types))
        {
            return Err(Error::at(
                &pointer(&pointer(at, "properties"), &field.value.wire),
                "a form field must be a scalar, an array of scalars or (in multipart) a file",
            ));
        }
        Ok(fields)
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

/// Whether a form field of this type can be sent: scalars, arrays of them and files.
fn form_value(ty: &Type, multipart: bool, types: &[TypeDef<()>]) -> bool {
    match ty {
        Type::String | Type::Integer(_) | Type::Number | Type::Boolean => true,
        Type::File => multipart,
        Type::Array(item) => form_value(item, multipart, types),
        // String enums are scalars too.
        Type::Named(id) => matches!(types[id.0].kind, TypeKind::Enum(_)),
        Type::Any | Type::Map(_) => false,
    }
}
