//! Objects: a schema's properties (or several schemas' merged by `allOf`) become a struct's
//! fields; an object with only `additionalProperties` is a map.

use openapiv3::{AdditionalProperties, ReferenceOr, Schema};

use super::{Cursor, Lowerer};
use crate::error::{Result, pointer};
use crate::ir::{Field, Hints, Member, Type, TypeKind};

/// The properties of an object schema, or of several merged by `allOf`.
#[derive(Debug, Default, Clone)]
pub(crate) struct Shape {
    pub properties: Vec<Property>,
    pub required: Vec<String>,
    pub additional: Option<AdditionalProperties>,
}

#[derive(Debug, Clone)]
pub(crate) struct Property {
    wire: String,
    schema: ReferenceOr<Box<Schema>>,
    /// The property's JSON pointer, for messages.
    at: String,
}

impl Shape {
    /// Adds `other`'s properties; a later property of the same name replaces an earlier one.
    pub fn merge(&mut self, other: Shape) {
        for property in other.properties {
            self.properties.retain(|p| p.wire != property.wire);
            self.properties.push(property);
        }
        for name in other.required {
            if !self.required.contains(&name) {
                self.required.push(name);
            }
        }
        self.additional = other.additional.or(self.additional.take());
    }
}

/// The properties of the object schema at `at`, each with its own pointer.
pub(super) fn owned_properties(
    properties: &indexmap::IndexMap<String, ReferenceOr<Box<Schema>>>,
    at: &str,
) -> Vec<Property> {
    properties
        .iter()
        .map(|(wire, schema)| Property {
            wire: wire.clone(),
            schema: schema.clone(),
            at: pointer(&pointer(at, "properties"), wire),
        })
        .collect()
}

impl Lowerer<'_> {
    /// A struct of `shape`'s properties, or a map when it has none.
    pub(super) fn object(
        &mut self,
        shape: Shape,
        doc: Option<String>,
        cursor: &Cursor,
    ) -> Result<Type> {
        if shape.properties.is_empty() {
            let values = match &shape.additional {
                Some(AdditionalProperties::Schema(values)) => {
                    self.schema(values, &cursor.child("additionalProperties"))?
                        .ty
                }
                _ => Type::Any,
            };
            return Ok(Type::Map(Box::new(values)));
        }
        // Claim the id first, so that a schema that refers back to itself finds it.
        let id = self.declare(cursor, doc, TypeKind::Struct(Vec::new()));
        let fields = self.fields(shape, cursor)?;
        self.types[id.0].kind = TypeKind::Struct(fields);
        Ok(Type::Named(id))
    }

    /// The fields of an object's properties; `cursor` is the object's place.
    pub(super) fn fields(&mut self, shape: Shape, cursor: &Cursor) -> Result<Vec<Field<()>>> {
        let mut fields = Vec::with_capacity(shape.properties.len());
        // JSON Schema lets `required` name a property it does not describe: any value.
        let undescribed: Vec<Field<()>> = shape
            .required
            .iter()
            .filter(|name| !shape.properties.iter().any(|p| &p.wire == *name))
            .map(|name| Field {
                name: (),
                value: Member {
                    wire: name.clone(),
                    ty: Type::Any,
                    required: true,
                    nullable: false,
                    doc: None,
                    deprecated: false,
                    hints: Hints::default(),
                },
                boxed: false,
                undescribed: true,
                received_only: false,
            })
            .collect();
        for property in shape.properties {
            let inner = cursor.nested(&property.wire, property.at);
            let lowered = self.boxed(&property.schema, &inner)?;
            let deprecated =
                matches!(&property.schema, ReferenceOr::Item(s) if s.schema_data.deprecated);
            fields.push(Field {
                name: (),
                value: Member {
                    required: shape.required.contains(&property.wire),
                    wire: property.wire,
                    ty: lowered.ty,
                    nullable: lowered.nullable,
                    doc: lowered.doc,
                    deprecated,
                    hints: lowered.hints,
                },
                boxed: false,
                undescribed: false,
                received_only: false,
            });
        }
        fields.extend(undescribed);
        Ok(fields)
    }
}
