//! Composition: `allOf` merges objects into one struct; `oneOf` and `anyOf` become unions,
//! or, when their branches only list required properties, constraints on an object.

use openapiv3::{AnySchema, Discriminator, ReferenceOr, Schema, SchemaData, SchemaKind};

use super::objects::{Shape, owned_properties};
use super::schema::{Lowered, SCHEMA_PREFIX, integer_type};
use super::{Cursor, Lowerer};
use crate::error::{Error, Result, pointer};
use crate::ir::{Branch, Choice, FieldSets, Hints, Merged, Type, TypeKind, Union, UnionVariant};

/// What lowering a mixed schema gives: a type, or a whole lowered schema (for `allOf`).
pub(super) enum Mixed {
    Type(Type),
    Lowered(Box<Lowered>),
}

/// The keyword of a choice in the document.
fn keyword(choice: Choice) -> &'static str {
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

/// What an inline union variant is called after: the kind of value it holds.
fn label_of(ty: &Type, index: usize) -> String {
    match ty {
        Type::String => "String".into(),
        Type::Integer(_) => "Integer".into(),
        Type::Duration(_) => "Duration".into(),
        Type::UnixTime(_) => "UnixTime".into(),
        Type::Number => "Number".into(),
        Type::Boolean => "Boolean".into(),
        Type::Any => "Value".into(),
        Type::Array(_) => "Array".into(),
        Type::Map(_) => "Map".into(),
        Type::File => "File".into(),
        Type::Bytes => "Bytes".into(),
        Type::Null => "Null".into(),
        Type::Tuple(_) => "Tuple".into(),
        Type::Named(_) => format!("Variant{}", index + 1),
    }
}

/// A union variant's label and discriminator tags: a `$ref` branch is named after its
/// component (and tagged with it, or with the mapping's values); an inline one after its type.
fn variant_label(
    branch: &ReferenceOr<Schema>,
    discriminator: Option<&Discriminator>,
    ty: &Type,
    index: usize,
) -> (String, Vec<String>) {
    let ReferenceOr::Reference { reference } = branch else {
        return (label_of(ty, index), Vec::new());
    };
    let name = ref_name(reference);
    let tags = match discriminator {
        Some(d) if d.mapping.is_empty() => vec![name.clone()],
        Some(d) => d
            .mapping
            .iter()
            .filter(|(_, target)| *target == reference)
            .map(|(tag, _)| tag.clone())
            .collect(),
        None => Vec::new(),
    };
    (name, tags)
}

/// The name a `$ref` gives what it points to: a component's name.
fn ref_name(reference: &str) -> String {
    reference
        .strip_prefix(SCHEMA_PREFIX)
        .unwrap_or(reference)
        .to_owned()
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
        // Branches that only list required properties constrain the object; they add no shape.
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
            // Properties (own, or of `allOf` parts) beside the choice: every value has them.
            let mut shared = Shape::default();
            let parts_at = pointer(at, "allOf");
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
            let ty = self.union(branches, *choice, shared, data, cursor)?;
            return Ok(Mixed::Type(ty));
        }
        if !any.all_of.is_empty() {
            let own = has_shape.then_some(shape);
            let lowered = self.all_of(&any.all_of, own, data, cursor)?;
            return Ok(Mixed::Lowered(Box::new(lowered)));
        }
        let shape = has_shape.then_some(shape);
        Ok(Mixed::Type(self.any_type(any, shape, data, cursor)?))
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
        // Parts that only annotate (`nullable: true`, a description) the one typed part beside
        // them, a common way to make a `$ref` nullable or describe it in OpenAPI 3.0; and parts
        // that only repeat its type (`{type: string, description: …}` beside a `$ref` to a
        // string enum), constraints and annotations aside.
        let mut annotations: Vec<&SchemaData> = parts.iter().filter_map(annotation).collect();
        let restating: Vec<(usize, &'static str)> = (parts.iter().enumerate())
            .filter_map(|(i, p)| Some((i, restated(p)?)))
            .collect();
        let mut typed = parts
            .iter()
            .enumerate()
            .filter(|(i, p)| annotation(p).is_none() && !restating.iter().any(|(r, _)| r == i));
        let only = match (typed.next(), typed.next(), &restating[..]) {
            (Some(typed), None, _) => Some(typed),
            // Parts that all say one scalar type: the first says it.
            (None, None, [(first, kind), rest @ ..]) if rest.iter().all(|(_, k)| k == kind) => {
                Some((*first, &parts[*first]))
            }
            _ => None,
        };
        if let (Some((i, part)), None) = (only, &own) {
            let mut lowered = self.schema(part, &parts_at.child(&i.to_string()))?;
            let kind = value_kind(&lowered.ty, &self.types);
            let fits = (restating.iter()).all(|(r, k)| *r == i || kind == Some(*k));
            if !fits {
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
                return Ok(self.degraded(&parts_at.at, "the schema", because, data));
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
        let (no_properties, no_required) = (indexmap::IndexMap::new(), Vec::new());
        let (parts, properties, required, additional) = match &schema.schema_kind {
            SchemaKind::Type(openapiv3::Type::Object(object)) => (
                &[][..],
                &object.properties,
                &object.required,
                &object.additional_properties,
            ),
            SchemaKind::AllOf { all_of } => (&all_of[..], &no_properties, &no_required, &None),
            // A parent whose `oneOf` lists its children, each of which has the parent as an
            // `allOf` part (the usual pattern of inheritance): a child has the parent's
            // properties, the choice aside.
            SchemaKind::Any(any)
                if matches!(any.typ.as_deref(), None | Some("object"))
                    && ((any.one_of.is_empty() && any.any_of.is_empty())
                        || !any.properties.is_empty()
                        || !any.all_of.is_empty())
                    && any.not.is_none() =>
            {
                (
                    &any.all_of[..],
                    &any.properties,
                    &any.required,
                    &any.additional_properties,
                )
            }
            _ => {
                return Err(Error::at(
                    &at,
                    "an `allOf` of several parts, and a `oneOf` or `anyOf` beside properties, \
                     needs every part and branch to be an object",
                ));
            }
        };
        for (i, part) in parts.iter().enumerate() {
            let at = pointer(&pointer(&at, "allOf"), &i.to_string());
            self.collect(part, &at, into, depth + 1)?;
        }
        into.merge(Shape {
            properties: owned_properties(properties, &at),
            required: required.clone(),
            additional: additional.clone(),
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

    /// `oneOf` or `anyOf`: an enum with one variant per branch, told apart by the
    /// `discriminator` when there is one, else by trying each branch in turn.
    ///
    /// With `shared` properties beside the choice, a value has them *and* one branch's: each
    /// variant is then a struct of the shared properties merged with its branch's (a
    /// branch's property replaces a shared one of the same name), named after the union and
    /// the branch's component (`PetCat`) or number (`Pet1`). The variant's struct holds the
    /// whole object, so the discriminator, shared or not, decodes and encodes with it.
    fn union(
        &mut self,
        branches: &[ReferenceOr<Schema>],
        choice: Choice,
        shared: Option<Shape>,
        data: &SchemaData,
        cursor: &Cursor,
    ) -> Result<Type> {
        let branches_at = cursor.child(keyword(choice));
        let doc = data.description.clone();
        if let [only] = branches {
            // A choice of one is that one.
            let only_at = branches_at.child("0");
            return match shared {
                None => Ok(self.schema(only, &only_at)?.ty),
                Some(mut shape) => match self.collect(only, &only_at.at, &mut shape, 0) {
                    Ok(()) => self.object(shape, doc, cursor),
                    Err(e) => {
                        let because = not_objects(&e, "its only branch, beside properties,");
                        Ok(self.degraded(&only_at.at, "the schema", because, data).ty)
                    }
                },
            };
        }
        let id = self.declare(cursor, doc, TypeKind::Struct(Vec::new()));
        let discriminator = data.discriminator.as_ref();
        let mut variants = Vec::new();
        for (i, branch) in branches.iter().enumerate() {
            let branch_at = pointer(&branches_at.at, &i.to_string());
            let lowered = match &shared {
                None => self.schema(branch, &cursor.nested(&(i + 1).to_string(), branch_at))?,
                // A branch that is not an object has no properties to share: the variant is
                // the branch's own value.
                Some(shared)
                    if self
                        .collect(branch, &branch_at, &mut shared.clone(), 0)
                        .is_err() =>
                {
                    self.schema(branch, &cursor.nested(&(i + 1).to_string(), branch_at))?
                }
                Some(shared) => {
                    let mut shape = shared.clone();
                    self.collect(branch, &branch_at, &mut shape, 0)?;
                    let (segment, branch, doc) = match branch {
                        ReferenceOr::Reference { reference } => {
                            let name = ref_name(reference);
                            (name.clone(), Branch::Component(name), None)
                        }
                        ReferenceOr::Item(schema) => {
                            let doc = schema.schema_data.description.clone();
                            ((i + 1).to_string(), Branch::Inline(i + 1), doc)
                        }
                    };
                    let inner = cursor.nested(&segment, branch_at);
                    let ty = self.object(shape, doc.clone(), &inner)?;
                    if let Type::Named(id) = ty {
                        self.types[id.0].merged = Some(Merged { choice, branch });
                    }
                    Lowered {
                        ty,
                        nullable: false,
                        doc,
                        hints: Hints::default(),
                    }
                }
            };
            let (label, tags) = variant_label(branch, discriminator, &lowered.ty, i);
            variants.push(UnionVariant {
                label,
                name: (),
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

/// Why parts do not merge into one struct, from the error of the part that is not an object.
fn not_objects(error: &Error, parts: &str) -> String {
    match error {
        Error::Unsupported { pointer, .. } => {
            format!("{parts} do not merge into one struct: {pointer} is not an object")
        }
        other => format!("{parts} do not merge into one struct: {other}"),
    }
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
