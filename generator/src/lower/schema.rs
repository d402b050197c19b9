//! Lowering of schemas: every object or string enum becomes a [`TypeDef`], everything else a
//! [`Type`] used in place.

use openapiv3::{
    AdditionalProperties, AnySchema, ReferenceOr, Schema, SchemaData, SchemaKind, StringType,
    VariantOrUnknownOrEmpty,
};

use super::Lowerer;
use crate::error::{Error, Result, pointer};
use crate::ir::{
    Field, Hints, IntWidth, Origin, Position, Type, TypeDef, TypeId, TypeKind, Union, UnionVariant,
    Variant,
};

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
    pub hints: Hints,
}

const SCHEMA_PREFIX: &str = "#/components/schemas/";

/// How deep schemas may nest. A `$ref` back to a schema being lowered is a named type, but
/// the properties of an `allOf` part are copied, so a part that contains its own `allOf`
/// would nest forever and overflow the stack; real documents stay far below this.
const MAX_DEPTH: usize = 64;

/// The properties of an object schema, or of several merged by `allOf`.
#[derive(Debug, Default)]
pub(crate) struct Shape {
    properties: Vec<Property>,
    required: Vec<String>,
    additional: Option<AdditionalProperties>,
}

#[derive(Debug)]
struct Property {
    wire: String,
    schema: ReferenceOr<Box<Schema>>,
    /// The property's JSON pointer, for messages.
    at: String,
}

impl Shape {
    /// Adds `other`'s properties; a later property of the same name replaces an earlier one.
    fn merge(&mut self, other: Shape) {
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

fn owned_properties(
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

/// What lowering a mixed schema gives: a type, or a whole lowered schema (for `allOf`).
enum Mixed {
    Type(Type),
    Lowered(Box<Lowered>),
}

/// The `required` lists of branches that say nothing else, as text; `None` if any branch
/// has a shape of its own.
fn required_only(branches: &[ReferenceOr<Schema>]) -> Option<Vec<String>> {
    branches
        .iter()
        .map(|branch| match branch {
            ReferenceOr::Item(Schema {
                schema_kind: SchemaKind::Any(any),
                ..
            }) if any.typ.is_none()
                && any.properties.is_empty()
                && any.additional_properties.is_none()
                && any.items.is_none()
                && any.enumeration.is_empty()
                && any.one_of.is_empty()
                && any.all_of.is_empty()
                && any.any_of.is_empty()
                && any.not.is_none() =>
            {
                let names: Vec<String> = any.required.iter().map(|r| format!("`{r}`")).collect();
                Some(if names.is_empty() {
                    "none".to_owned()
                } else {
                    names.join(", ")
                })
            }
            _ => None,
        })
        .collect()
}

/// What an inline union variant is called after: the kind of value it holds.
fn label_of(ty: &Type, index: usize) -> String {
    match ty {
        Type::String => "String".into(),
        Type::Integer(_) => "Integer".into(),
        Type::Number => "Number".into(),
        Type::Boolean => "Boolean".into(),
        Type::Any => "Value".into(),
        Type::Array(_) => "Array".into(),
        Type::Map(_) => "Map".into(),
        Type::File => "File".into(),
        Type::Named(_) => format!("Variant{}", index + 1),
    }
}

fn integer_type(format: &VariantOrUnknownOrEmpty<openapiv3::IntegerFormat>) -> Type {
    match format {
        VariantOrUnknownOrEmpty::Item(openapiv3::IntegerFormat::Int32) => {
            Type::Integer(IntWidth::I32)
        }
        _ => Type::Integer(IntWidth::I64),
    }
}

impl<'a> Lowerer<'a> {
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

    /// The component schema a `$ref` names, with its name.
    pub(crate) fn component_schema<'r>(
        &self,
        reference: &'r str,
        at: &str,
    ) -> Result<(&'r str, &'a ReferenceOr<Schema>)> {
        let Some(name) = reference.strip_prefix(SCHEMA_PREFIX) else {
            return Err(Error::at(
                at,
                format!("`$ref: {reference}` does not point into {SCHEMA_PREFIX}"),
            ));
        };
        let components = self.doc.components.as_ref();
        match components.and_then(|c| c.schemas.get(name)) {
            Some(target) => Ok((name, target)),
            None => Err(Error::at(
                at,
                format!("`$ref: {reference}` points to nothing"),
            )),
        }
    }

    fn schema_ref(&mut self, reference: &str, at: &str) -> Result<Lowered> {
        let (name, target) = self.component_schema(reference, at)?;
        if let Some(id) = self.components.get(name) {
            let nullable = matches!(target, ReferenceOr::Item(s) if s.schema_data.nullable);
            return Ok(Lowered {
                ty: Type::Named(*id),
                nullable,
                doc: None,
                constraints: Vec::new(),
                hints: match target {
                    ReferenceOr::Item(schema) => hints(schema),
                    ReferenceOr::Reference { .. } => Hints::default(),
                },
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

    /// Lowers a schema that is not a `$ref`, refusing one nested deeper than [`MAX_DEPTH`].
    fn schema_item(
        &mut self,
        schema: &Schema,
        site: &Site,
        path: &[String],
        at: &str,
    ) -> Result<Lowered> {
        if self.depth == MAX_DEPTH {
            return Err(Error::at(
                at,
                format!(
                    "schemas nested more than {MAX_DEPTH} deep are not supported (does an \
                     `allOf` part contain the schema it is part of?)"
                ),
            ));
        }
        self.depth += 1;
        let lowered = self.schema_body(schema, site, path, at);
        self.depth -= 1;
        lowered
    }

    fn schema_body(
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
                let binary = matches!(
                    &string.format,
                    VariantOrUnknownOrEmpty::Item(openapiv3::StringFormat::Binary)
                );
                if binary && self.files {
                    Type::File
                } else if string.enumeration.is_empty() {
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
                describe_values(&number.enumeration, &mut constraints);
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
                describe_values(&integer.enumeration, &mut constraints);
                integer_type(&integer.format)
            }
            SchemaKind::Type(openapiv3::Type::Boolean(boolean)) => {
                describe_values(&boolean.enumeration, &mut constraints);
                Type::Boolean
            }
            SchemaKind::Type(openapiv3::Type::Array(array)) => {
                self.array(array.items.as_ref(), site, path, at)?
            }
            SchemaKind::Type(openapiv3::Type::Object(object)) => {
                let properties = owned_properties(&object.properties, at);
                let shape = Shape {
                    properties,
                    required: object.required.clone(),
                    additional: object.additional_properties.clone(),
                };
                self.object(shape, data.description.clone(), site, path, at)?
            }
            SchemaKind::AllOf { all_of } => {
                return self.all_of(all_of, None, data, site, path, at);
            }
            SchemaKind::OneOf { one_of } => {
                self.union(one_of, "oneOf", data, site, path, at, &mut constraints)?
            }
            SchemaKind::AnyOf { any_of } => {
                self.union(any_of, "anyOf", data, site, path, at, &mut constraints)?
            }
            SchemaKind::Not { .. } => {
                return Err(Error::at(at, "`not` is not supported"));
            }
            SchemaKind::Any(any) => match self.any(any, data, site, path, at, &mut constraints)? {
                Mixed::Type(ty) => ty,
                Mixed::Lowered(lowered) => return Ok(*lowered),
            },
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
            hints: hints(schema),
        })
    }

    fn array(
        &mut self,
        items: Option<&ReferenceOr<Box<Schema>>>,
        site: &Site,
        path: &[String],
        at: &str,
    ) -> Result<Type> {
        let items = match items {
            Some(items) => self.boxed(items, site, path, &pointer(at, "items"))?.ty,
            None => Type::Any,
        };
        Ok(Type::Array(Box::new(items)))
    }

    /// A schema that mixes keywords `openapiv3` has no single kind for: `type: object` with
    /// `oneOf`, properties next to `allOf`, an `anyOf` of `required` lists, …
    fn any(
        &mut self,
        any: &AnySchema,
        data: &SchemaData,
        site: &Site,
        path: &[String],
        at: &str,
        constraints: &mut Vec<String>,
    ) -> Result<Mixed> {
        if any.not.is_some() {
            return Err(Error::at(at, "`not` is not supported"));
        }
        // Branches that only list required properties constrain the object; they add no shape.
        let mut choices = Vec::new();
        for (keyword, branches) in [("oneOf", &any.one_of), ("anyOf", &any.any_of)] {
            if branches.is_empty() {
                continue;
            }
            match required_only(branches) {
                Some(sets) => constraints.push(format!(
                    "Requires {} of these sets of fields: {}.",
                    if keyword == "oneOf" {
                        "exactly one"
                    } else {
                        "at least one"
                    },
                    sets.join("; ")
                )),
                None => choices.push((keyword, branches)),
            }
        }
        let shape = Shape {
            properties: owned_properties(&any.properties, at),
            required: any.required.clone(),
            additional: any.additional_properties.clone(),
        };
        let has_shape = !shape.properties.is_empty() || shape.additional.is_some();
        if !any.all_of.is_empty() {
            if !choices.is_empty() {
                return Err(Error::at(
                    at,
                    "`allOf` next to `oneOf` or `anyOf` is not supported",
                ));
            }
            let own = has_shape.then_some(shape);
            return Ok(Mixed::Lowered(Box::new(self.all_of(
                &any.all_of,
                own,
                data,
                site,
                path,
                at,
            )?)));
        }
        if let Some((keyword, branches)) = choices.first() {
            if choices.len() > 1 || has_shape {
                return Err(Error::at(
                    at,
                    format!("properties or a second choice next to `{keyword}` are not supported"),
                ));
            }
            return Ok(Mixed::Type(self.union(
                branches,
                keyword,
                data,
                site,
                path,
                at,
                constraints,
            )?));
        }
        let ty = match any.typ.as_deref() {
            None | Some("object") if has_shape => {
                self.object(shape, data.description.clone(), site, path, at)?
            }
            Some("object") => Type::Map(Box::new(Type::Any)),
            None => Type::Any,
            Some("string") => Type::String,
            Some("number") => Type::Number,
            Some("integer") => integer_type(&VariantOrUnknownOrEmpty::Empty),
            Some("boolean") => Type::Boolean,
            Some("array") => self.array(any.items.as_ref(), site, path, at)?,
            Some(other) => {
                return Err(Error::at(at, format!("`type: {other}` is not a type")));
            }
        };
        if !any.enumeration.is_empty() && !matches!(ty, Type::Named(_)) {
            let values: Vec<Option<&serde_json::Value>> =
                any.enumeration.iter().map(Some).collect();
            describe_values(&values, constraints);
        }
        Ok(Mixed::Type(ty))
    }

    /// `allOf`: one part is that part (with this schema's `nullable` and description); several
    /// object parts, and `own` properties beside them, merge into one struct.
    fn all_of(
        &mut self,
        parts: &[ReferenceOr<Schema>],
        own: Option<Shape>,
        data: &SchemaData,
        site: &Site,
        path: &[String],
        at: &str,
    ) -> Result<Lowered> {
        let parts_at = pointer(at, "allOf");
        if let ([part], None) = (parts, &own) {
            let mut lowered = self.schema(part, site, path, &pointer(&parts_at, "0"))?;
            lowered.nullable |= data.nullable;
            lowered.doc = data.description.clone().or(lowered.doc);
            lowered.hints.example = data.example.clone().or(lowered.hints.example);
            lowered.hints.default = data.default.clone().or(lowered.hints.default);
            return Ok(lowered);
        }
        let mut shape = Shape::default();
        for (i, part) in parts.iter().enumerate() {
            self.collect(part, &pointer(&parts_at, &i.to_string()), &mut shape, 0)?;
        }
        if let Some(own) = own {
            shape.merge(own);
        }
        let doc = data.description.clone();
        Ok(Lowered {
            ty: self.object(shape, doc.clone(), site, path, at)?,
            nullable: data.nullable,
            doc,
            constraints: Vec::new(),
            hints: Hints {
                example: data.example.clone(),
                default: data.default.clone(),
                ..Hints::default()
            },
        })
    }

    /// Adds the properties of an `allOf` part, following references and nested `allOf`s.
    pub(crate) fn collect(
        &self,
        part: &ReferenceOr<Schema>,
        at: &str,
        into: &mut Shape,
        depth: usize,
    ) -> Result<()> {
        if depth > 32 {
            return Err(Error::at(at, "`allOf` parts that include each other"));
        }
        let (schema, at) = match part {
            ReferenceOr::Reference { reference } => {
                let (name, target) = self.component_schema(reference, at)?;
                match target {
                    ReferenceOr::Item(schema) => (schema, pointer("#/components/schemas", name)),
                    reference => return self.collect(reference, at, into, depth + 1),
                }
            }
            ReferenceOr::Item(schema) => (schema, at.to_owned()),
        };
        match &schema.schema_kind {
            SchemaKind::Type(openapiv3::Type::Object(object)) => into.merge(Shape {
                properties: owned_properties(&object.properties, &at),
                required: object.required.clone(),
                additional: object.additional_properties.clone(),
            }),
            SchemaKind::AllOf { all_of } => {
                for (i, part) in all_of.iter().enumerate() {
                    let at = pointer(&pointer(&at, "allOf"), &i.to_string());
                    self.collect(part, &at, into, depth + 1)?;
                }
            }
            SchemaKind::Any(any)
                if matches!(any.typ.as_deref(), None | Some("object"))
                    && any.one_of.is_empty()
                    && any.any_of.is_empty()
                    && any.not.is_none() =>
            {
                for (i, part) in any.all_of.iter().enumerate() {
                    let at = pointer(&pointer(&at, "allOf"), &i.to_string());
                    self.collect(part, &at, into, depth + 1)?;
                }
                into.merge(Shape {
                    properties: owned_properties(&any.properties, &at),
                    required: any.required.clone(),
                    additional: any.additional_properties.clone(),
                });
            }
            _ => {
                return Err(Error::at(
                    &at,
                    "an `allOf` of several parts needs every part to be an object",
                ));
            }
        }
        Ok(())
    }

    /// `oneOf` or `anyOf`: an enum with one variant per branch, told apart by the
    /// `discriminator` when there is one, else by trying each branch in turn.
    #[allow(clippy::too_many_arguments)]
    fn union(
        &mut self,
        branches: &[ReferenceOr<Schema>],
        keyword: &str,
        data: &SchemaData,
        site: &Site,
        path: &[String],
        at: &str,
        constraints: &mut Vec<String>,
    ) -> Result<Type> {
        if let Some(sets) = required_only(branches) {
            // Only constraints, on a schema with no shape of its own: any value.
            constraints.push(format!(
                "Requires one of these sets of fields: {}.",
                sets.join("; ")
            ));
            return Ok(Type::Any);
        }
        if let [only] = branches {
            // A choice of one is that one.
            return Ok(self
                .schema(only, site, path, &pointer(&pointer(at, keyword), "0"))?
                .ty);
        }
        let id = self.declare(
            site,
            path,
            data.description.clone(),
            TypeKind::Struct(Vec::new()),
        );
        let discriminator = data.discriminator.as_ref();
        let mut variants = Vec::new();
        for (i, branch) in branches.iter().enumerate() {
            let branch_at = pointer(&pointer(at, keyword), &i.to_string());
            let mut inner = path.to_vec();
            inner.push((i + 1).to_string());
            let lowered = self.schema(branch, site, &inner, &branch_at)?;
            let (label, tags) = match branch {
                ReferenceOr::Reference { reference } => {
                    let name = reference.strip_prefix(SCHEMA_PREFIX).unwrap_or(reference);
                    let tags = match discriminator {
                        Some(d) if d.mapping.is_empty() => vec![name.to_owned()],
                        Some(d) => d
                            .mapping
                            .iter()
                            .filter(|(_, target)| *target == reference)
                            .map(|(tag, _)| tag.clone())
                            .collect(),
                        None => Vec::new(),
                    };
                    (name.to_owned(), tags)
                }
                ReferenceOr::Item(_) => (label_of(&lowered.ty, i), Vec::new()),
            };
            variants.push(UnionVariant {
                label,
                name: String::new(),
                ty: lowered.ty,
                tags,
            });
        }
        self.types[id.0].kind = TypeKind::Union(Union {
            variants,
            discriminator: discriminator.map(|d| d.property_name.clone()),
        });
        Ok(Type::Named(id))
    }

    fn object(
        &mut self,
        shape: Shape,
        doc: Option<String>,
        site: &Site,
        path: &[String],
        at: &str,
    ) -> Result<Type> {
        if shape.properties.is_empty() {
            let values = match &shape.additional {
                Some(AdditionalProperties::Schema(values)) => {
                    self.schema(values, site, path, &pointer(at, "additionalProperties"))?
                        .ty
                }
                _ => Type::Any,
            };
            return Ok(Type::Map(Box::new(values)));
        }
        // Claim the id first, so that a schema that refers back to itself finds it.
        let id = self.declare(site, path, doc, TypeKind::Struct(Vec::new()));
        let fields = self.fields(shape, site, path)?;
        self.types[id.0].kind = TypeKind::Struct(fields);
        Ok(Type::Named(id))
    }

    /// The fields of an object's properties.
    pub(crate) fn fields(
        &mut self,
        shape: Shape,
        site: &Site,
        path: &[String],
    ) -> Result<Vec<Field>> {
        let mut fields = Vec::with_capacity(shape.properties.len());
        // JSON Schema lets `required` name a property it does not describe: any value.
        let undescribed: Vec<Field> = shape
            .required
            .iter()
            .filter(|name| !shape.properties.iter().any(|p| &p.wire == *name))
            .map(|name| Field {
                wire: name.clone(),
                name: String::new(),
                ty: Type::Any,
                required: true,
                nullable: false,
                doc: Some("Required by the API description, which does not describe it.".into()),
                constraints: Vec::new(),
                deprecated: false,
                hints: Hints::default(),
                boxed: false,
            })
            .collect();
        for property in shape.properties {
            let mut inner = path.to_vec();
            inner.push(property.wire.clone());
            let lowered = self.boxed(&property.schema, site, &inner, &property.at)?;
            let deprecated =
                matches!(&property.schema, ReferenceOr::Item(s) if s.schema_data.deprecated);
            fields.push(Field {
                required: shape.required.contains(&property.wire),
                wire: property.wire,
                name: String::new(),
                ty: lowered.ty,
                nullable: lowered.nullable,
                doc: lowered.doc,
                constraints: lowered.constraints,
                deprecated,
                hints: lowered.hints,
                boxed: false,
            });
        }
        fields.extend(undescribed);
        Ok(fields)
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

/// What a schema says about its values beside its type.
fn hints(schema: &Schema) -> Hints {
    use openapiv3::Type as T;
    let data = &schema.schema_data;
    let json = |v: Option<serde_json::Value>| v.unwrap_or(serde_json::Value::Null);
    let mut hints = Hints {
        example: data.example.clone(),
        default: data.default.clone(),
        ..Hints::default()
    };
    match &schema.schema_kind {
        SchemaKind::Type(T::String(string)) => {
            hints.pattern = string.pattern.clone();
            hints.length = (string.min_length, string.max_length);
        }
        SchemaKind::Type(T::Number(number)) => {
            hints.minimum = number.minimum.map(|m| (m, number.exclusive_minimum));
            hints.maximum = number.maximum.map(|m| (m, number.exclusive_maximum));
            hints.values = number
                .enumeration
                .iter()
                .map(|v| json(v.and_then(serde_json::Number::from_f64).map(Into::into)))
                .collect();
        }
        SchemaKind::Type(T::Integer(integer)) => {
            hints.minimum = integer
                .minimum
                .map(|m| (m as f64, integer.exclusive_minimum));
            hints.maximum = integer
                .maximum
                .map(|m| (m as f64, integer.exclusive_maximum));
            hints.values = integer
                .enumeration
                .iter()
                .map(|v| json(v.map(Into::into)))
                .collect();
        }
        SchemaKind::Type(T::Boolean(boolean)) => {
            hints.values = boolean
                .enumeration
                .iter()
                .map(|v| json(v.map(Into::into)))
                .collect();
        }
        SchemaKind::Any(any) => {
            hints.pattern = any.pattern.clone();
            hints.length = (any.min_length, any.max_length);
            hints.minimum = any
                .minimum
                .map(|m| (m, any.exclusive_minimum.unwrap_or(false)));
            hints.maximum = any
                .maximum
                .map(|m| (m, any.exclusive_maximum.unwrap_or(false)));
            hints.values = any.enumeration.clone();
        }
        _ => {}
    }
    hints
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

/// The allowed values of a non-string enum, for the docs (the Rust type stays the scalar).
fn describe_values<T: ToString>(values: &[Option<T>], out: &mut Vec<String>) {
    if values.is_empty() {
        return;
    }
    let values: Vec<String> = values
        .iter()
        .map(|v| {
            v.as_ref().map_or("null".to_owned(), |v| {
                format!("`{}`", v.to_string().replace('`', "'"))
            })
        })
        .collect();
    out.push(format!("One of {}.", values.join(", ")));
}
