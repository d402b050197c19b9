//! The lowering's last step: which struct fields must be boxed.

use std::collections::BTreeSet;

use crate::ir::{Type, TypeDef, TypeId, TypeKind};

/// Marks the struct fields that must be boxed: those through which a type contains itself
/// without an array or map in between (which would make its size infinite).
pub(super) fn box_cycles(mut types: Vec<TypeDef<()>>) -> Vec<TypeDef<()>> {
    fn direct(ty: &Type) -> Option<TypeId> {
        match ty {
            Type::Named(id) => Some(*id),
            _ => None,
        }
    }
    let edges: Vec<Vec<TypeId>> = types
        .iter()
        .map(|t| match &t.kind {
            TypeKind::Struct(fields) => fields.iter().filter_map(|f| direct(&f.value.ty)).collect(),
            TypeKind::Union(union) => union
                .variants
                .iter()
                .filter_map(|v| direct(&v.ty))
                .collect(),
            TypeKind::Enum(_) => Vec::new(),
        })
        .collect();
    let reaches = |from: TypeId, to: TypeId| {
        let mut seen = BTreeSet::new();
        let mut stack = vec![from];
        while let Some(id) = stack.pop() {
            if id == to {
                return true;
            }
            if seen.insert(id) {
                stack.extend(edges[id.0].iter().copied());
            }
        }
        false
    };
    for (i, ty) in types.iter_mut().enumerate() {
        if let TypeKind::Struct(fields) = &mut ty.kind {
            for field in fields {
                field.boxed =
                    direct(&field.value.ty).is_some_and(|target| reaches(target, TypeId(i)));
            }
        }
    }
    types
}
