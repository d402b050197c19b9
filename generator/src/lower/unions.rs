//! `oneOf` and `anyOf` as unions: an enum with one variant per branch.

use openapiv3::{Discriminator, ReferenceOr, Schema, SchemaData};

use super::composition::{keyword, not_objects};
use super::objects::Shape;
use super::schema::{Lowered, SCHEMA_PREFIX};
use super::{Cursor, Lowerer};
use crate::error::{Result, pointer};
use crate::ir::{Branch, Choice, Hints, Merged, Type, TypeKind, Union, UnionVariant};

impl Lowerer<'_> {
    /// `oneOf` or `anyOf`: an enum with one variant per branch, told apart by the
    /// `discriminator` when there is one, else by trying each branch in turn.
    ///
    /// With `shared` properties beside the choice, a value has them *and* one branch's: each
    /// variant is then a struct of the shared properties merged with its branch's (a
    /// branch's property replaces a shared one of the same name), named after the union and
    /// the branch's component (`PetCat`) or number (`Pet1`). The variant's struct holds the
    /// whole object, so the discriminator, shared or not, decodes and encodes with it.
    pub(super) fn union(
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
            let lowered = self.branch(branch, i, shared.as_ref(), choice, branch_at, cursor)?;
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

    /// The `i`th branch of a union at `branch_at`: its own type, or with `shared` properties
    /// beside the choice, a struct of them merged with the branch's. A branch that is not an
    /// object has no properties to share: the variant is the branch's own value.
    fn branch(
        &mut self,
        branch: &ReferenceOr<Schema>,
        i: usize,
        shared: Option<&Shape>,
        choice: Choice,
        branch_at: String,
        cursor: &Cursor,
    ) -> Result<Lowered> {
        let mut shape = match shared {
            Some(shared) => shared.clone(),
            None => return self.schema(branch, &cursor.nested(&(i + 1).to_string(), branch_at)),
        };
        if self.collect(branch, &branch_at, &mut shape, 0).is_err() {
            return self.schema(branch, &cursor.nested(&(i + 1).to_string(), branch_at));
        }
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
        Ok(Lowered {
            ty,
            nullable: false,
            doc,
            hints: Hints::default(),
        })
    }
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
