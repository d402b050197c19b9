//! The size of a value of a Rust type, estimated as rustc lays it out on a 64-bit target,
//! for one decision: whether an enum has a variant so much larger than the others that
//! clippy's `large_enum_variant` lint would ask to box it. The generated enums keep the
//! document's shapes as they are (boxing would make every match clumsier for what one value
//! costs), so such an enum, and only such an enum, allows the lint.
//!
//! The estimate follows the layouts of the types the crate uses (`String`, `Vec`,
//! `BTreeMap` and `serde_json::Value` by their std and serde_json layouts) and lays a struct
//! out as rustc does, largest alignment first; it errs on the large side for enums, whose
//! tags rustc often hides in a niche.

use super::rust::RustType;
use crate::ir::{Api, IntWidth, TypeKind};

/// How much larger than the second largest the largest variant may be before clippy's
/// `large_enum_variant` speaks (its `enum-variant-size-threshold` is 200 bytes), less a
/// margin for the estimate's error.
const THRESHOLD: usize = 160;

/// How deep models are followed inside each other; past it a model counts as a pointer,
/// which only a type that contains itself through a box reaches.
const MAX_DEPTH: usize = 8;

/// A layout: size and alignment in bytes, and whether some bit pattern is never a value (a
/// niche, which `Option` uses for `None` instead of a tag).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Layout {
    size: usize,
    align: usize,
    niche: bool,
}

const WORD: Layout = Layout {
    size: 8,
    align: 8,
    niche: false,
};

fn words(n: usize, niche: bool) -> Layout {
    Layout {
        size: 8 * n,
        align: 8,
        niche,
    }
}

/// The estimated size of a value of `ty`, in bytes.
pub fn of(api: &Api, ty: &RustType) -> usize {
    layout(api, ty, 0).size
}

/// Whether, of variants of these sizes, the largest is larger than the second largest by
/// enough for clippy's `large_enum_variant`.
pub fn large_variant(sizes: impl IntoIterator<Item = usize>) -> bool {
    let mut sizes: Vec<usize> = sizes.into_iter().collect();
    sizes.sort_unstable_by(|a, b| b.cmp(a));
    match sizes.as_slice() {
        [largest, second, ..] => largest - second > THRESHOLD,
        _ => false,
    }
}

fn layout(api: &Api, ty: &RustType, depth: usize) -> Layout {
    match ty {
        // A capacity or a pointer that is never null: a niche.
        RustType::String | RustType::Vec(_) | RustType::Map(_) => words(3, true),
        RustType::Json | RustType::Bytes => words(4, true),
        // `File`: a name, an optional content type and the bytes.
        RustType::File => words(10, true),
        RustType::Box(_) => words(1, true),
        RustType::Int(IntWidth::I32 | IntWidth::U32) => Layout {
            size: 4,
            align: 4,
            niche: false,
        },
        // A `u64` or `i64` count (the unit of a `UnixTime` takes no room).
        RustType::Int(IntWidth::I64 | IntWidth::U64)
        | RustType::F64
        | RustType::Duration(_)
        | RustType::UnixTime(_) => WORD,
        RustType::Int(IntWidth::I128 | IntWidth::U128) => Layout {
            size: 16,
            align: 16,
            niche: false,
        },
        RustType::Bool => Layout {
            size: 1,
            align: 1,
            niche: true,
        },
        RustType::Unit => Layout {
            size: 0,
            align: 1,
            niche: false,
        },
        RustType::Tuple(items) => structure(items.iter().map(|item| layout(api, item, depth))),
        RustType::Option(inner) => {
            let inner = layout(api, inner, depth);
            match inner.niche {
                true => inner,
                false => Layout {
                    size: round(inner.size + inner.align, inner.align),
                    align: inner.align,
                    niche: true,
                },
            }
        }
        RustType::Model(id, _) if depth < MAX_DEPTH => model(api, &api.ty(*id).kind, depth + 1),
        RustType::Model(..) | RustType::Local(_) => words(1, true),
    }
}

fn model(api: &Api, kind: &TypeKind, depth: usize) -> Layout {
    match kind {
        // Known values, and the catch-all's `String`, whose capacity holds the tag.
        TypeKind::Enum(_) => words(3, true),
        TypeKind::Struct(fields) => {
            let layouts = fields.iter().map(|f| {
                let ty = RustType::of(api, &f.value.ty);
                let held = if f.boxed { ty.boxed() } else { ty };
                let presence = super::Presence::of_field(f);
                let ty = match presence {
                    super::Presence::Required => held,
                    super::Presence::OptionalNullable => held.optional().optional(),
                    _ => held.optional(),
                };
                layout(api, &ty, depth)
            });
            structure(layouts)
        }
        // The largest variant (the catch-all holds a `serde_json::Value`) and a tag.
        TypeKind::Union(union) => {
            let variants = (union.variants.iter())
                .map(|v| layout(api, &RustType::of(api, &v.ty), depth))
                .chain([layout(api, &RustType::Json, depth)]);
            let largest = variants.fold(words(0, false), |a, b| Layout {
                size: a.size.max(b.size),
                align: a.align.max(b.align),
                niche: false,
            });
            Layout {
                size: round(largest.size + largest.align, largest.align),
                align: largest.align,
                niche: true,
            }
        }
    }
}

/// A struct of fields of these layouts: rustc orders fields to waste the least padding,
/// which, as every size is a multiple of its alignment, leaves only the end's.
fn structure(fields: impl Iterator<Item = Layout>) -> Layout {
    let mut total = Layout {
        size: 0,
        align: 1,
        niche: false,
    };
    for field in fields {
        total.size += field.size;
        total.align = total.align.max(field.align);
        total.niche |= field.niche;
    }
    total.size = round(total.size, total.align);
    total
}

fn round(size: usize, align: usize) -> usize {
    size.div_ceil(align) * align
}

#[cfg(test)]
mod tests {
    use super::{Layout, large_variant, structure};

    #[test]
    fn a_struct_is_its_fields_rounded_to_its_alignment() {
        let field = |size, align| Layout {
            size,
            align,
            niche: false,
        };
        let layout = structure([field(24, 8), field(1, 1), field(4, 4)].into_iter());
        assert_eq!((layout.size, layout.align), (32, 8));
    }

    #[test]
    fn a_variant_is_large_only_far_past_the_second() {
        assert!(!large_variant([24, 0]));
        assert!(!large_variant([400]));
        assert!(large_variant([24, 400, 32]));
        assert!(!large_variant([400, 380, 0]));
    }
}
