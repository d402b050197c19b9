//! Lowering of schemas: every object or string enum becomes a [`TypeDef`], everything else a
//! [`Type`] used in place.

use openapiv3::{AdditionalProperties, ReferenceOr, Schema, SchemaKind, StringType};

use super::Lowerer;
use crate::error::{Error, Result, pointer};
use crate::ir::{Field, IntWidth, Origin, Position, Type, TypeDef, TypeId, TypeKind, Variant};

/// Where a schema sits, which is all its type's name may depend on.
#[derive(Debug, Clone)]
pub(crate) enum Site {
    Component(String),
    Inline {
        operation: usize,
        position: Position,
    },
}

/// A lowered schema: its type and whether `null` is allowed.
#[derive(Debug, Clone)]
pub(crate) struct Lowered {
    pub ty: Type,
    pub nullable: bool,
    pub doc: Option<String>,
    pub constraints: Vec<String>,
}

const SCHEMA_PREFIX: &str = "#/components/schemas/";

impl Lowerer<'_> {
    /// Lowers a schema that may be a `$ref`. `path` is the property path from the site's
    /// top-level schema; `at` is the node's JSON pointer.
    pub(crate) fn schema(
        &mut self,
        schema: &ReferenceOr<Schema>,
        site: &Site,
        path: &[String],
        at: &str,
    ) -> Result<Lowered> {
        match schema {
            ReferenceOr::Reference { reference } => self.schema_ref(reference, at),
            ReferenceOr::Item(schema) => self.schema_item(schema, site, path, at),
        }
    }

    /// Same as [`Lowerer::schema`] for the boxed schemas of properties and items.
    fn boxed(
        &mut self,
        schema: &ReferenceOr<Box<Schema>>,
        site: &Site,
        path: &[String],
        at: &str,
    ) -> Result<Lowered> {
        match schema {
            ReferenceOr::Reference { reference } => self.schema_ref(reference, at),
            ReferenceOr::Item(schema) => self.schema_item(schema, site, path, at),
        }
    }

    fn schema_ref(&mut self, reference: &str, at: &str) -> Result<Lowered> {
        let Some(name) = reference.strip_prefix(SCHEMA_PREFIX) else {
            return Err(Error::at(
                at,
                format!("`$ref: {reference}` does not point into {SCHEMA_PREFIX}"),
            ));
        };
        let components = self.doc.components.as_ref();
        let Some(target) = components.and_then(|c| c.schemas.get(name)) else {
            return Err(Error::at(
                at,
                format!("`$ref: {reference}` points to nothing"),
            ));
        };
        if let Some(id) = self.components.get(name) {
            let nullable = matches!(target, ReferenceOr::Item(s) if s.schema_data.nullable);
            return Ok(Lowered {
                ty: Type::Named(*id),
                nullable,
                doc: None,
                constraints: Vec::new(),
            });
        }
        if !self.resolving.insert(name.to_owned()) {
            return Err(Error::at(
                at,
                format!("`$ref: {reference}` refers to itself without an object in between"),
            ));
        }
        let site = Site::Component(name.to_owned());
        let target_at = pointer("#/components/schemas", name);
        let lowered = self.schema(target, &site, &[], &target_at);
        self.resolving.remove(name);
        let mut lowered = lowered?;
        // References carry no description of their own; the use site documents itself.
        lowered.doc = None;
        Ok(lowered)
    }

    fn schema_item(
        &mut self,
        schema: &Schema,
        site: &Site,
        path: &[String],
        at: &str,
    ) -> Result<Lowered> {
        let data = &schema.schema_data;
        let mut constraints = Vec::new();
        let ty = match &schema.schema_kind {
            SchemaKind::Type(openapiv3::Type::String(string)) => {
                describe_string(string, &mut constraints);
                if string.enumeration.is_empty() {
                    Type::String
                } else {
                    self.string_enum(string, data.description.clone(), site, path, at)?
                }
            }
            SchemaKind::Type(openapiv3::Type::Number(number)) => {
                describe_bounds(
                    number.minimum,
                    number.exclusive_minimum,
                    number.maximum,
                    number.exclusive_maximum,
                    &mut constraints,
                );
                Type::Number
            }
            SchemaKind::Type(openapiv3::Type::Integer(integer)) => {
                let (min, max) = (
                    integer.minimum.map(|v| v as f64),
                    integer.maximum.map(|v| v as f64),
                );
                describe_bounds(
                    min,
                    integer.exclusive_minimum,
                    max,
                    integer.exclusive_maximum,
                    &mut constraints,
                );
                match &integer.format {
                    openapiv3::VariantOrUnknownOrEmpty::Item(openapiv3::IntegerFormat::Int32) => {
                        Type::Integer(IntWidth::I32)
                    }
                    _ => Type::Integer(IntWidth::I64),
                }
            }
            SchemaKind::Type(openapiv3::Type::Boolean(_)) => Type::Boolean,
            SchemaKind::Type(openapiv3::Type::Array(array)) => {
                let items = match &array.items {
                    Some(items) => self.boxed(items, site, path, &pointer(at, "items"))?.ty,
                    None => Type::Any,
                };
                Type::Array(Box::new(items))
            }
            SchemaKind::Type(openapiv3::Type::Object(object)) => self.object(
                &object.properties,
                &object.required,
                object.additional_properties.as_ref(),
                data.description.clone(),
                site,
                path,
                at,
            )?,
            SchemaKind::Any(any) => {
                if any.typ.is_some()
                    || !any.one_of.is_empty()
                    || !any.all_of.is_empty()
                    || !any.any_of.is_empty()
                    || any.not.is_some()
                {
                    return Err(Error::at(
                        at,
                        "this combination of schema keywords is not supported yet",
                    ));
                }
                if any.properties.is_empty() && any.additional_properties.is_none() {
                    Type::Any
                } else {
                    let description = data.description.clone();
                    self.object(
                        &any.properties,
                        &any.required,
                        any.additional_properties.as_ref(),
                        description,
                        site,
                        path,
                        at,
                    )?
                }
            }
            SchemaKind::AllOf { all_of } if all_of.len() == 1 => {
                return self.schema(&all_of[0], site, path, &pointer(&pointer(at, "allOf"), "0"));
            }
            SchemaKind::OneOf { .. }
            | SchemaKind::AllOf { .. }
            | SchemaKind::AnyOf { .. }
            | SchemaKind::Not { .. } => {
                return Err(Error::at(
                    at,
                    "oneOf, allOf, anyOf and not are not supported yet",
                ));
            }
        };
        if let Some(default) = &data.default {
            let default = match default {
                serde_json::Value::String(text) => text.clone(),
                other => other.to_string(),
            };
            constraints.push(format!("Defaults to `{}`.", default.replace('`', "'")));
        }
        Ok(Lowered {
            ty,
            nullable: data.nullable,
            doc: data.description.clone(),
            constraints,
        })
    }

    #[allow(clippy::too_many_arguments)]
    fn object(
        &mut self,
        properties: &indexmap::IndexMap<String, ReferenceOr<Box<Schema>>>,
        required: &[String],
        additional: Option<&AdditionalProperties>,
        doc: Option<String>,
        site: &Site,
        path: &[String],
        at: &str,
    ) -> Result<Type> {
        if properties.is_empty() {
            let values = match additional {
                Some(AdditionalProperties::Schema(values)) => {
                    self.schema(values, site, path, &pointer(at, "additionalProperties"))?
                        .ty
                }
                _ => Type::Any,
            };
            return Ok(Type::Map(Box::new(values)));
        }
        for name in required {
            if !properties.contains_key(name) {
                return Err(Error::at(
                    &pointer(at, "required"),
                    format!("`{name}` is required but not a property"),
                ));
            }
        }
        // Claim the id first, so that a schema that refers back to itself finds it.
        let id = self.declare(site, path, doc, TypeKind::Struct(Vec::new()));
        let mut fields = Vec::with_capacity(properties.len());
        for (wire, schema) in properties {
            let mut inner = path.to_vec();
            inner.push(wire.clone());
            let at = pointer(&pointer(at, "properties"), wire);
            let lowered = self.boxed(schema, site, &inner, &at)?;
            fields.push(Field {
                wire: wire.clone(),
                name: String::new(),
                ty: lowered.ty,
                required: required.contains(wire),
                nullable: lowered.nullable,
                doc: lowered.doc,
                constraints: lowered.constraints,
            });
        }
        self.types[id.0].kind = TypeKind::Struct(fields);
        Ok(Type::Named(id))
    }

    fn string_enum(
        &mut self,
        string: &StringType,
        doc: Option<String>,
        site: &Site,
        path: &[String],
        at: &str,
    ) -> Result<Type> {
        let mut variants: Vec<Variant> = Vec::new();
        for value in string.enumeration.iter().flatten() {
            if variants.iter().any(|v| &v.wire == value) {
                return Err(Error::at(
                    &pointer(at, "enum"),
                    format!("`{value}` is listed twice"),
                ));
            }
            variants.push(Variant {
                wire: value.clone(),
                name: String::new(),
            });
        }
        Ok(Type::Named(self.declare(
            site,
            path,
            doc,
            TypeKind::Enum(variants),
        )))
    }

    fn declare(
        &mut self,
        site: &Site,
        path: &[String],
        doc: Option<String>,
        kind: TypeKind,
    ) -> TypeId {
        let origin = match site {
            Site::Component(name) => Origin::Component {
                name: name.clone(),
                path: path.to_vec(),
            },
            Site::Inline {
                operation,
                position,
            } => Origin::Inline {
                operation: *operation,
                position: position.clone(),
                path: path.to_vec(),
            },
        };
        let id = TypeId(self.types.len());
        if let (Site::Component(name), true) = (site, path.is_empty()) {
            self.components.insert(name.clone(), id);
        }
        self.types.push(TypeDef {
            name: String::new(),
            origin,
            doc,
            kind,
        });
        id
    }
}

fn describe_string(string: &StringType, out: &mut Vec<String>) {
    match (string.min_length, string.max_length) {
        (Some(min), Some(max)) => out.push(format!("Length: {min} to {max} characters.")),
        (Some(min), None) => out.push(format!("Length: at least {min} characters.")),
        (None, Some(max)) => out.push(format!("Length: at most {max} characters.")),
        (None, None) => {}
    }
    if let Some(pattern) = &string.pattern {
        out.push(format!("Pattern: `{}`.", pattern.replace('`', "'")));
    }
}

fn describe_bounds(
    min: Option<f64>,
    min_excl: bool,
    max: Option<f64>,
    max_excl: bool,
    out: &mut Vec<String>,
) {
    if let Some(min) = min {
        out.push(format!(
            "Minimum: {min}{}.",
            if min_excl { " (exclusive)" } else { "" }
        ));
    }
    if let Some(max) = max {
        out.push(format!(
            "Maximum: {max}{}.",
            if max_excl { " (exclusive)" } else { "" }
        ));
    }
}
