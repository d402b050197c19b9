//! `allOf`: one typed part with others that only annotate or restate it is that part; object
//! parts, and properties beside them, merge into one struct.

use openapiv3::{AnySchema, ReferenceOr, Schema, SchemaData, SchemaKind};

use super::composition::not_objects;
use super::objects::Shape;
use super::schema::Lowered;
use super::{Cursor, Lowerer};
use crate::error::{Result, pointer};
use crate::ir::{Hints, Type, TypeKind};

impl Lowerer<'_> {
    /// `allOf`: one part is that part (with this schema's `nullable` and description); several
    /// object parts, and `own` properties beside them, merge into one struct.
    pub(super) fn all_of(
        &mut self,
        parts: &[ReferenceOr<Schema>],
        own: Option<Shape>,
        data: &SchemaData,
        cursor: &Cursor,
    ) -> Result<Lowered> {
        let parts_at = cursor.child("allOf");
        if own.is_none()
            && let Some(lowered) = self.one_typed_part(parts, data, &parts_at)?
        {
            return Ok(lowered);
        }
        let mut shape = Shape::default();
        for (i, part) in parts.iter().enumerate() {
            if let Err(e) =
                self.collect(part, &pointer(&parts_at.at, &i.to_string()), &mut shape, 0)
            {
                let because = not_objects(&e, "its parts");
                return Ok(self.degraded(&parts_at.at, "the schema", because, data));
            }
        }
        if let Some(own) = own {
            shape.merge(own);
        }
        let doc = data.description.clone();
        Ok(Lowered {
            ty: self.object(shape, doc.clone(), cursor)?,
            nullable: data.nullable,
            doc,
            hints: Hints {
                example: data.example.clone(),
                default: data.default.clone(),
                ..Hints::default()
            },
        })
    }

    /// The one part of an `allOf` that has a type, when the others only annotate it
    /// (`nullable: true`, a description: a common way to make a `$ref` nullable or describe it
    /// in OpenAPI 3.0) or repeat its type (`{type: string, description: …}` beside a `$ref` to
    /// a string enum), with their annotations; `None` when several parts have a shape.
    fn one_typed_part(
        &mut self,
        parts: &[ReferenceOr<Schema>],
        data: &SchemaData,
        parts_at: &Cursor,
    ) -> Result<Option<Lowered>> {
        let mut annotations: Vec<&SchemaData> = parts.iter().filter_map(annotation).collect();
        let restating: Vec<(usize, &'static str)> = (parts.iter().enumerate())
            .filter_map(|(i, p)| Some((i, restated(p)?)))
            .collect();
        let mut typed = parts
            .iter()
            .enumerate()
            .filter(|(i, p)| annotation(p).is_none() && !restating.iter().any(|(r, _)| r == i));
        let (i, part) = match (typed.next(), typed.next(), &restating[..]) {
            (Some(typed), None, _) => typed,
            // Parts that all say one scalar type: the first says it.
            (None, None, [(first, kind), rest @ ..]) if rest.iter().all(|(_, k)| k == kind) => {
                (*first, &parts[*first])
            }
            _ => return Ok(None),
        };
        let mut lowered = self.schema(part, &parts_at.child(&i.to_string()))?;
        let kind = value_kind(&lowered.ty, &self.types);
        if !(restating.iter()).all(|(r, k)| *r == i || kind == Some(*k)) {
            let mut kinds = vec![kind.unwrap_or("object")];
            for (_, k) in &restating {
                if !kinds.contains(k) {
                    kinds.push(k);
                }
            }
            let because = format!(
                "its parts say different types of value ({}), which no value is all of",
                kinds.join(", ")
            );
            return Ok(Some(self.degraded(
                &parts_at.at,
                "the schema",
                because,
                data,
            )));
        }
        for (r, _) in restating.iter().filter(|(r, _)| *r != i) {
            if let ReferenceOr::Item(schema) = &parts[*r] {
                annotations.push(&schema.schema_data);
            }
        }
        // The schema's own annotations win, then the parts' in order, then the typed part's.
        for data in annotations.into_iter().rev().chain([data]) {
            lowered.nullable |= data.nullable;
            lowered.doc = data.description.clone().or(lowered.doc);
            lowered.hints.example = data.example.clone().or(lowered.hints.example);
            lowered.hints.default = data.default.clone().or(lowered.hints.default);
        }
        Ok(Some(lowered))
    }
}

/// The type of value an inline `allOf` part only repeats, with constraints and annotations:
/// a scalar `type` without an `enum` (or an array without `items`), which says no more about
/// the value's shape than the part beside it does.
fn restated(part: &ReferenceOr<Schema>) -> Option<&'static str> {
    let ReferenceOr::Item(schema) = part else {
        return None;
    };
    if schema.schema_data.discriminator.is_some() {
        return None;
    }
    match &schema.schema_kind {
        SchemaKind::Type(openapiv3::Type::String(s)) if s.enumeration.is_empty() => Some("string"),
        SchemaKind::Type(openapiv3::Type::Integer(i)) if i.enumeration.is_empty() => {
            Some("integer")
        }
        SchemaKind::Type(openapiv3::Type::Number(n)) if n.enumeration.is_empty() => Some("number"),
        SchemaKind::Type(openapiv3::Type::Boolean(b)) if b.enumeration.is_empty() => {
            Some("boolean")
        }
        SchemaKind::Type(openapiv3::Type::Array(a)) if a.items.is_none() => Some("array"),
        _ => None,
    }
}

/// The `type` a value of this Rust type has in the document, for the parts that repeat it.
fn value_kind(ty: &Type, types: &[crate::ir::TypeDef<()>]) -> Option<&'static str> {
    Some(match ty {
        Type::String => "string",
        Type::Integer(_) | Type::Duration(_) | Type::UnixTime(_) => "integer",
        Type::Number => "number",
        Type::Boolean => "boolean",
        Type::Array(_) | Type::Tuple(_) => "array",
        Type::Named(id) => match &types[id.0].kind {
            TypeKind::Enum(_) => "string",
            _ => return None,
        },
        _ => return None,
    })
}

/// The annotations of an `allOf` part that says nothing about the value's shape: an inline
/// schema without a type, properties, constraints or composition (`{nullable: true}`,
/// `{description: …}`).
fn annotation(part: &ReferenceOr<Schema>) -> Option<&SchemaData> {
    match part {
        ReferenceOr::Item(schema)
            if schema.schema_data.discriminator.is_none()
                && matches!(&schema.schema_kind, SchemaKind::Any(any) if *any == AnySchema::default()) =>
        {
            Some(&schema.schema_data)
        }
        _ => None,
    }
}
