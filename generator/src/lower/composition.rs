//! Schemas that mix keywords, and `oneOf` and `anyOf` whose branches only list required
//! properties (constraints on an object); `allOf` itself is in `all_of.rs`, unions in
//! `unions.rs`.

use openapiv3::{AnySchema, ReferenceOr, Schema, SchemaData, SchemaKind};

use super::objects::{Shape, owned_properties};
use super::schema::{Lowered, integer_type};
use super::{Cursor, Lowerer};
use crate::error::{Error, Result, pointer};
use crate::ir::{Choice, FieldSets, Hints, Type};

/// What lowering a mixed schema gives: a type, or a whole lowered schema (for `allOf`).
pub(super) enum Mixed {
    Type(Type),
    Lowered(Box<Lowered>),
}

/// The keyword of a choice in the document.
pub(super) fn keyword(choice: Choice) -> &'static str {
    match choice {
        Choice::OneOf => "oneOf",
        Choice::AnyOf => "anyOf",
    }
}

/// The `required` lists of branches that say nothing else; `None` if any branch has a
/// shape of its own.
fn required_only(branches: &[ReferenceOr<Schema>]) -> Option<Vec<Vec<String>>> {
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
                Some(any.required.clone())
            }
            _ => None,
        })
        .collect()
}

impl Lowerer<'_> {
    /// A schema that mixes keywords `openapiv3` has no single kind for: `type: object` with
    /// `oneOf`, properties next to `allOf`, an `anyOf` of `required` lists, …
    pub(super) fn any(
        &mut self,
        any: &AnySchema,
        data: &SchemaData,
        cursor: &Cursor,
        hints: &mut Hints,
    ) -> Result<Mixed> {
        let at = &cursor.at;
        // `not` of a list of required properties only forbids setting them together (OpenAI:
        // "exactly one of `image_url` or `file_id`"): a check on values, not a shape, which the
        // generated code leaves to the server as it does `minLength`. Any other `not` is
        // refused.
        if let Some(not) = &any.not
            && required_only(std::slice::from_ref(&**not)).is_none()
        {
            let lowered = self.degraded(
                &pointer(at, "not"),
                "the schema",
                "`not` (but of a `required` list) describes no shape a Rust type can hold",
                data,
            );
            return Ok(Mixed::Lowered(Box::new(lowered)));
        }
        let choices = choices(any, hints);
        let shape = Shape {
            properties: owned_properties(&any.properties, at),
            required: any.required.clone(),
            additional: any.additional_properties.clone(),
        };
        let has_shape = !shape.properties.is_empty() || shape.additional.is_some();
        if let Some((choice, branches)) = choices.first() {
            if choices.len() > 1 {
                let lowered = self.degraded(
                    at,
                    "the schema",
                    "a value of one of the `oneOf` branches and one of the `anyOf` branches has \
                     no one Rust type",
                    data,
                );
                return Ok(Mixed::Lowered(Box::new(lowered)));
            }
            return self.choice_beside(any, (*choice, branches), shape, data, cursor);
        }
        if !any.all_of.is_empty() {
            let own = has_shape.then_some(shape);
            let lowered = self.all_of(&any.all_of, own, data, cursor)?;
            return Ok(Mixed::Lowered(Box::new(lowered)));
        }
        let shape = has_shape.then_some(shape);
        Ok(Mixed::Type(self.any_type(any, shape, data, cursor)?))
    }

    /// A choice with properties beside it (own, or of `allOf` parts): every value has them.
    fn choice_beside(
        &mut self,
        any: &AnySchema,
        (choice, branches): (Choice, &[ReferenceOr<Schema>]),
        shape: Shape,
        data: &SchemaData,
        cursor: &Cursor,
    ) -> Result<Mixed> {
        let mut shared = Shape::default();
        let parts_at = pointer(&cursor.at, "allOf");
        for (i, part) in any.all_of.iter().enumerate() {
            let part_at = pointer(&parts_at, &i.to_string());
            if let Err(e) = self.collect(part, &part_at, &mut shared, 0) {
                let because = not_objects(&e, "the `allOf` parts beside the choice");
                let lowered = self.degraded(&parts_at, "the schema", because, data);
                return Ok(Mixed::Lowered(Box::new(lowered)));
            }
        }
        shared.merge(shape);
        let shared =
            (!shared.properties.is_empty() || shared.additional.is_some()).then_some(shared);
        let ty = self.union(branches, choice, shared, data, cursor)?;
        Ok(Mixed::Type(ty))
    }

    /// The type of a mixed schema with no composition: by its `type`, if it says one.
    fn any_type(
        &mut self,
        any: &AnySchema,
        shape: Option<Shape>,
        data: &SchemaData,
        cursor: &Cursor,
    ) -> Result<Type> {
        Ok(match (any.typ.as_deref(), shape) {
            (None | Some("object"), Some(shape)) => {
                self.object(shape, data.description.clone(), cursor)?
            }
            (Some("object"), None) => Type::Map(Box::new(Type::Any)),
            (None, None) => Type::Any,
            (Some("string"), _) => Type::String,
            (Some("number"), _) => Type::Number,
            (Some("integer"), _) => {
                // `openapiv3` reads an integer schema as this only when a bound or an `enum`
                // value is beyond `i64`: its bounds are floats then, its values JSON.
                let bounds = [any.minimum, any.maximum].into_iter().flatten();
                let bounds = bounds.filter_map(serde_json::Number::from_f64);
                let listed = any
                    .enumeration
                    .iter()
                    .filter_map(|v| v.as_number().cloned());
                let format = any.format.as_deref().unwrap_or_default();
                integer_type(format, bounds.chain(listed), data)
            }
            (Some("boolean"), _) => Type::Boolean,
            (Some("array"), _) => self.array(any.items.as_ref(), cursor)?,
            (Some(other), _) => {
                let because = format!("`type: {other}` is not a type of OpenAPI");
                let at = pointer(&cursor.at, "type");
                return Ok(self.degraded(&at, "the schema", because, data).ty);
            }
        })
    }

    /// Adds the properties of an `allOf` part at `at`, following references and nested
    /// `allOf`s.
    pub(super) fn collect(
        &self,
        part: &ReferenceOr<Schema>,
        at: &str,
        into: &mut Shape,
        depth: usize,
    ) -> Result<()> {
        if depth > 32 {
            return Err(Error::at(at, "`allOf` parts that include each other"));
        }
        let target;
        let (schema, at) = match part {
            ReferenceOr::Reference { reference } => {
                target = self.target(reference, at)?;
                match target.schema.as_ref() {
                    ReferenceOr::Item(schema) => (schema, target.at.clone()),
                    reference => return self.collect(reference, at, into, depth + 1),
                }
            }
            ReferenceOr::Item(schema) => (schema, at.to_owned()),
        };
        let Some(ObjectParts {
            all_of: parts,
            properties,
            required,
            additional,
        }) = object_parts(&schema.schema_kind)
        else {
            return Err(Error::at(
                &at,
                "an `allOf` of several parts, and a `oneOf` or `anyOf` beside properties, \
                 needs every part and branch to be an object",
            ));
        };
        for (i, part) in parts.iter().enumerate() {
            let at = pointer(&pointer(&at, "allOf"), &i.to_string());
            self.collect(part, &at, into, depth + 1)?;
        }
        into.merge(Shape {
            properties: owned_properties(properties, &at),
            required: required.to_vec(),
            additional: additional.cloned(),
        });
        Ok(())
    }

    /// `oneOf` or `anyOf` with nothing beside it: a union, or any value when the branches
    /// only list required properties (which `hints` then records).
    pub(super) fn choice(
        &mut self,
        branches: &[ReferenceOr<Schema>],
        choice: Choice,
        data: &SchemaData,
        cursor: &Cursor,
        hints: &mut Hints,
    ) -> Result<Type> {
        if let Some(sets) = required_only(branches) {
            hints.field_sets.push(FieldSets { choice, sets });
            return Ok(Type::Any);
        }
        self.union(branches, choice, None, data, cursor)
    }
}

/// Why parts do not merge into one struct, from the error of the part that is not an object.
pub(super) fn not_objects(error: &Error, parts: &str) -> String {
    match error {
        Error::Unsupported { pointer, .. } => {
            format!("{parts} do not merge into one struct: {pointer} is not an object")
        }
        other => format!("{parts} do not merge into one struct: {other}"),
    }
}

/// What an object schema, or an `allOf` part, gives a struct it merges into.
struct ObjectParts<'s> {
    all_of: &'s [ReferenceOr<Schema>],
    properties: &'s indexmap::IndexMap<String, ReferenceOr<Box<Schema>>>,
    required: &'s [String],
    additional: Option<&'s openapiv3::AdditionalProperties>,
}

/// The parts of a schema that merges as an object: an object, an `allOf`, or a schema that
/// mixes them. A parent whose `oneOf` lists its children, each of which has the parent as an
/// `allOf` part (the usual pattern of inheritance), merges too: a child has the parent's
/// properties, the choice aside. `None` for a schema that is not an object.
fn object_parts(kind: &SchemaKind) -> Option<ObjectParts<'_>> {
    static NO_PROPERTIES: std::sync::LazyLock<
        indexmap::IndexMap<String, ReferenceOr<Box<Schema>>>,
    > = std::sync::LazyLock::new(indexmap::IndexMap::new);
    Some(match kind {
        SchemaKind::Type(openapiv3::Type::Object(object)) => ObjectParts {
            all_of: &[],
            properties: &object.properties,
            required: &object.required,
            additional: object.additional_properties.as_ref(),
        },
        SchemaKind::AllOf { all_of } => ObjectParts {
            all_of,
            properties: &NO_PROPERTIES,
            required: &[],
            additional: None,
        },
        SchemaKind::Any(any)
            if matches!(any.typ.as_deref(), None | Some("object"))
                && ((any.one_of.is_empty() && any.any_of.is_empty())
                    || !any.properties.is_empty()
                    || !any.all_of.is_empty())
                && any.not.is_none() =>
        {
            ObjectParts {
                all_of: &any.all_of,
                properties: &any.properties,
                required: &any.required,
                additional: any.additional_properties.as_ref(),
            }
        }
        _ => return None,
    })
}

/// The choices of a mixed schema that add a shape; branches that only list required
/// properties constrain the object instead, and `hints` records them.
fn choices<'s>(
    any: &'s AnySchema,
    hints: &mut Hints,
) -> Vec<(Choice, &'s Vec<ReferenceOr<Schema>>)> {
    let mut choices = Vec::new();
    for (choice, branches) in [(Choice::OneOf, &any.one_of), (Choice::AnyOf, &any.any_of)] {
        if branches.is_empty() {
            continue;
        }
        match required_only(branches) {
            Some(sets) => hints.field_sets.push(FieldSets { choice, sets }),
            None => choices.push((choice, branches)),
        }
    }
    choices
}
