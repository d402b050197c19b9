//! The lowering's last step: which struct fields must be boxed.

use std::collections::BTreeSet;

use crate::error::{Error, Result};
use crate::ir::{Operation, Type, TypeDef, TypeId, TypeKind};

/// Marks the struct fields that must be boxed: those through which a type contains itself
/// without an array or map in between (which would make its size infinite). A `oneOf` or
/// `anyOf` that is one of its own variants, directly or through other unions only, has no
/// value to hold and is refused, where the document says it.
pub(super) fn box_cycles(
    mut types: Vec<TypeDef<()>>,
    operations: &[Operation<()>],
) -> Result<Vec<TypeDef<()>>> {
    let edges: Vec<Vec<TypeId>> = types.iter().map(|t| direct_edges(&t.kind)).collect();
    for (i, ty) in types.iter().enumerate() {
        // Through unions only: a struct on the way can box its field.
        let through_unions = |id: TypeId| matches!(types[id.0].kind, TypeKind::Union(_));
        if let TypeKind::Union(_) = ty.kind
            && (edges[i].iter()).any(|&variant| reaches(&edges, variant, TypeId(i), through_unions))
        {
            return Err(Error::at(
                &ty.origin.describe(operations),
                "a `oneOf` or `anyOf` that is one of its own variants (directly or through \
                 other `oneOf`s and `anyOf`s) is not supported",
            ));
        }
    }
    for (i, ty) in types.iter_mut().enumerate() {
        if let TypeKind::Struct(fields) = &mut ty.kind {
            for field in fields {
                field.boxed = direct(&field.value.ty)
                    .is_some_and(|target| reaches(&edges, target, TypeId(i), |_| true));
            }
        }
    }
    Ok(types)
}

/// The named type a value of `ty` holds in place: not inside an array or a map.
fn direct(ty: &Type) -> Option<TypeId> {
    match ty {
        Type::Named(id) => Some(*id),
        _ => None,
    }
}

/// The types a type holds in place: its fields' or its variants'.
fn direct_edges(kind: &TypeKind<()>) -> Vec<TypeId> {
    match kind {
        TypeKind::Struct(fields) => fields.iter().filter_map(|f| direct(&f.value.ty)).collect(),
        TypeKind::Union(union) => (union.variants.iter())
            .filter_map(|v| direct(&v.ty))
            .collect(),
        TypeKind::Enum(_) => Vec::new(),
    }
}

/// Whether `from` holds `to` in place, directly or through the types that `through` lets
/// the search pass.
fn reaches(
    edges: &[Vec<TypeId>],
    from: TypeId,
    to: TypeId,
    through: impl Fn(TypeId) -> bool,
) -> bool {
    let mut seen = BTreeSet::new();
    let mut stack = vec![from];
    while let Some(id) = stack.pop() {
        if id == to {
            return true;
        }
        if seen.insert(id) && through(id) {
            stack.extend(edges[id.0].iter().copied());
        }
    }
    false
}
