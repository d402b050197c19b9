//! Limitations: what the lowering generates in a looser form than the document describes,
//! recorded where it is found, then tied to the operations it concerns.

use std::collections::BTreeSet;

use openapiv3::SchemaData;

use super::Lowerer;
use super::schema::Lowered;
use crate::error::pointer;
use crate::ir::{Encoding, Hints, Limitation, Origin, Type, TypeId, TypeKind, Unnamed};

/// What a schema that cannot be typed exactly becomes.
pub(super) const ANY_JSON: &str = "any JSON value (`serde_json::Value`)";

impl Lowerer<'_> {
    /// Records that `what`, at `at`, is generated as `generated_as` because of `because`.
    pub(super) fn limit(
        &mut self,
        at: &str,
        what: impl Into<String>,
        generated_as: impl Into<String>,
        because: impl Into<String>,
    ) {
        let limitation = Limitation {
            pointer: at.to_owned(),
            what: what.into(),
            generated_as: generated_as.into(),
            because: because.into(),
            operations: self.operation.into_iter().collect(),
        };
        let known = self.limitations.iter_mut().find(|l| {
            (&l.pointer, &l.what, &l.because)
                == (&limitation.pointer, &limitation.what, &limitation.because)
        });
        match known {
            Some(known) => known.operations.extend(limitation.operations),
            None => self.limitations.push(limitation),
        }
    }
}

impl Lowerer<'_> {
    /// A schema at `at` generated as any JSON value, because of `because`, with what `data`
    /// says of it (description, `nullable`, example, default).
    pub(super) fn degraded(
        &mut self,
        at: &str,
        what: &str,
        because: impl Into<String>,
        data: &SchemaData,
    ) -> Lowered {
        self.limit(at, what, ANY_JSON, because);
        Lowered {
            ty: Type::Any,
            nullable: data.nullable,
            doc: data.description.clone(),
            hints: Hints {
                example: data.example.clone(),
                default: data.default.clone(),
                ..Hints::default()
            },
        }
    }
}

/// Ties each limitation to the operations it concerns: the one being lowered when it was
/// found, every operation whose pointer it lies under, and every operation that holds a type
/// of the component schema it lies in (a component is lowered once, for its first user).
pub(super) fn attribute(api: &mut Unnamed) {
    let mut limitations = std::mem::take(&mut api.limitations);
    let reached: Vec<BTreeSet<&str>> = (0..api.operations.len())
        .map(|i| components_reached(api, i))
        .collect();
    for limitation in &mut limitations {
        let at = limitation.pointer.as_str();
        for (i, op) in api.operations.iter().enumerate() {
            let under = |base: &str| at == base || at.starts_with(&format!("{base}/"));
            let in_component =
                (reached[i].iter()).any(|name| under(&pointer("#/components/schemas", name)));
            if under(&op.pointer) || in_component {
                limitation.operations.push(i);
            }
        }
        limitation.operations.sort_unstable();
        limitation.operations.dedup();
    }
    api.limitations = limitations;
}

/// The names of the component schemas whose types operation number `index` holds, through
/// its parameters, bodies and responses and the types inside them.
fn components_reached(api: &Unnamed, index: usize) -> BTreeSet<&str> {
    let op = &api.operations[index];
    let mut stack: Vec<&Type> = op.params.iter().map(|p| &p.value.ty).collect();
    let bodies = (op.responses.iter().filter_map(|r| r.body.as_ref())).chain(op.body.as_ref());
    for body in bodies {
        match &body.encoding {
            Encoding::Json(ty) => stack.push(ty),
            Encoding::Multipart(fields) | Encoding::Form(fields) => {
                stack.extend(fields.iter().map(|f| &f.value.ty))
            }
            Encoding::Text | Encoding::Bytes => {}
        }
    }
    let mut seen: BTreeSet<TypeId> = BTreeSet::new();
    let mut names = BTreeSet::new();
    while let Some(ty) = stack.pop() {
        match ty {
            Type::Array(inner) | Type::Map(inner) => stack.push(inner),
            Type::Tuple(items) => stack.extend(items),
            Type::Named(id) if seen.insert(*id) => {
                let def = api.ty(*id);
                if let Origin::Component { name, .. } = &def.origin {
                    names.insert(name.as_str());
                }
                match &def.kind {
                    TypeKind::Struct(fields) => stack.extend(fields.iter().map(|f| &f.value.ty)),
                    TypeKind::Union(union) => stack.extend(union.variants.iter().map(|v| &v.ty)),
                    TypeKind::Enum(_) => {}
                }
            }
            _ => {}
        }
    }
    names
}
