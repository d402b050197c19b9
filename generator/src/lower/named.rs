//! Named schemas: the types the document gives one name (a `title`, or a component's key)
//! are one type when they have one shape; when they do not, a title is dropped (each schema
//! keeps its place's name) and any other name is a refusal naming both places.
//!
//! When the maintainer chooses so, unnamed inline schemas that repeat a shape are one type
//! too (see [`copies`]): the named type of that shape, or the first copy in their group and
//! role.
//!
//! Each merged place, and each named inline schema, keeps the name its place would give it
//! as an [`Alias`], so that code written before the document named it still compiles.

use std::collections::{BTreeMap, BTreeSet};

use crate::error::Result;
use crate::ir::{
    Alias, Field, Hints, Origin, Position, Type, TypeDef, TypeId, TypeKind, UnionVariant, Unnamed,
};

/// The name a type is known by: the given name, or a component's key, with the property
/// path below it. Types of one key must have one shape.
type Key = (String, Vec<String>);

fn key(ty: &TypeDef<()>) -> Option<Key> {
    match (&ty.given, &ty.origin) {
        (Some(given), _) => Some((given.name.clone(), given.path.clone())),
        (None, Origin::Component { name, path }) => Some((name.clone(), path.clone())),
        (None, Origin::Inline { .. } | Origin::Webhook { .. }) => None,
    }
}

/// Merges the types of one key into one, the component's if there is one, else the first
/// declared (with the first description among them), and with `share_copies` the copies of a
/// shape; records the aliases; and renumbers the types that remain.
pub(super) fn merge(api: &mut Unnamed, share_copies: bool) -> Result<()> {
    let keys: Vec<Option<Key>> = api.types.iter().map(key).collect();
    let mut groups: BTreeMap<&Key, Vec<TypeId>> = BTreeMap::new();
    for (i, key) in keys.iter().enumerate() {
        if let Some(key) = key {
            groups.entry(key).or_default().push(TypeId(i));
        }
    }
    let mut target: Vec<TypeId> = (0..api.types.len()).map(TypeId).collect();
    for ((name, _), members) in groups.iter().filter(|(_, m)| m.len() > 1) {
        let is_component = |id: &&TypeId| matches!(api.ty(**id).origin, Origin::Component { .. });
        let first = *members.iter().find(is_component).unwrap_or(&members[0]);
        for &other in members.iter().filter(|&&m| m != first) {
            let mut shapes = Shapes::new(&api.types, &keys, false);
            if let Some(difference) = shapes.difference(first, other) {
                // A title on schemas of other shapes (`Reactions` on two different objects)
                // describes them more than it names one type: each keeps its place's name. So
                // does an override, with a warning: it names two types, and one name can only
                // be one of them.
                let given = api.types[other.0].given.take();
                if given.is_some_and(|g| !g.title) {
                    let place = api.ty(other).origin.describe(&api.operations);
                    let first_place = api.ty(first).origin.describe(&api.operations);
                    api.limitations.push(crate::ir::Limitation {
                        pointer: place,
                        what: format!("the name `{name}` (`x-speakeasy-name-override`)"),
                        generated_as: "the name of its place".to_owned(),
                        because: format!(
                            "{first_place} has that name, and its shape is another: {difference}"
                        ),
                        operations: Vec::new(),
                    });
                }
                continue;
            }
            target[other.0] = first;
            if api.types[first.0].doc.is_none() {
                api.types[first.0].doc = api.types[other.0].doc.clone();
            }
        }
    }
    if share_copies {
        copies(api, &keys, &mut target);
    }
    for (i, ty) in api.types.iter().enumerate() {
        if ty.given.is_some() || target[i] != TypeId(i) {
            api.aliases.push(Alias {
                name: (),
                origin: ty.origin.clone(),
                target: target[i],
            });
        }
    }
    renumber(api, &target);
    Ok(())
}

/// Makes each unnamed inline schema that has the shape of a named one that type, and each
/// with the shape and descriptions of an earlier unnamed one of its group and role (request,
/// success, error, parameter) the earlier one. Documents often repeat a shape inline
/// (Clerk's repeats its error body in each operation's responses): one type builds once, and
/// lets a user handle all of them with one function. The names of the places stay, as
/// aliases. Unnamed shapes are not shared across groups or roles: a name taken from one
/// group's error would mislead another group's users, or a request's.
fn copies(api: &Unnamed, keys: &[Option<Key>], target: &mut [TypeId]) {
    let scope = |i: usize| scope(api, keys, i);
    // The types a copy may become, by scope (`None` for the named ones) and signature.
    let mut originals: BTreeMap<(Option<Scope>, Vec<&str>), Vec<TypeId>> = BTreeMap::new();
    for (i, ty) in api.types.iter().enumerate() {
        if keys[i].is_some() && ty.merged.is_none() && target[i] == TypeId(i) {
            originals
                .entry((None, signature(&ty.kind)))
                .or_default()
                .push(TypeId(i));
        }
    }
    for i in 0..api.types.len() {
        let Some(place) = scope(i).filter(|_| target[i] == TypeId(i)) else {
            continue;
        };
        let signature = signature(&api.types[i].kind);
        let found = [None, Some(place)].into_iter().find_map(|scope| {
            let candidates = originals.get(&(scope, signature.clone()))?;
            candidates.iter().find_map(|&original| {
                let mut shapes = Shapes::new(&api.types, keys, true);
                let same = shapes.difference(original, TypeId(i)).is_none();
                same.then_some(shapes.assumed)
            })
        });
        let Some(pairs) = found else {
            originals
                .entry((Some(place), signature))
                .or_default()
                .push(TypeId(i));
            continue;
        };
        // The unnamed types inside are copies too: each pair compared equal.
        for (original, copy) in pairs {
            if scope(copy.0).is_some() && target[copy.0] == copy {
                target[copy.0] = target[original.0];
            }
        }
    }
    // A copy's original may itself have become a copy since.
    for i in 0..target.len() {
        while target[target[i].0] != target[i] {
            target[i] = target[target[i].0];
        }
    }
}

/// An unnamed type's group and role, within which its copies are one type.
type Scope<'a> = (&'a str, &'a str);

/// The scope of type `i` if it is unnamed: an inline schema of an operation with no name
/// (nor part of a union's variant).
fn scope<'a>(api: &'a Unnamed, keys: &[Option<Key>], i: usize) -> Option<Scope<'a>> {
    let ty = &api.types[i];
    let Origin::Inline {
        operation,
        position,
        ..
    } = &ty.origin
    else {
        return None;
    };
    if keys[i].is_some() || ty.merged.is_some() {
        return None;
    }
    let role = match position {
        Position::Parameter(_) => "parameter",
        Position::RequestBody => "request",
        Position::Success => "success",
        Position::Error { .. } => "error",
    };
    Some((api.operations[*operation].group.as_str(), role))
}

/// What a type's shape is made of at its top: its kind and its properties' or values' wire
/// names, sorted. Types of one shape have one signature.
fn signature(kind: &TypeKind<()>) -> Vec<&str> {
    let mut names: Vec<&str> = match kind {
        TypeKind::Struct(fields) => fields.iter().map(|f| f.value.wire.as_str()).collect(),
        TypeKind::Enum(variants) => variants.iter().map(|v| v.wire.as_str()).collect(),
        TypeKind::Union(union) => vec![union.discriminator.as_deref().unwrap_or("")],
    };
    names.sort_unstable();
    let kind = match kind {
        TypeKind::Struct(_) => "struct",
        TypeKind::Enum(_) => "enum",
        TypeKind::Union(_) => "union",
    };
    names.insert(0, kind);
    names
}

/// Drops the types merged into another and renumbers every reference.
fn renumber(api: &mut Unnamed, target: &[TypeId]) {
    let mut index = vec![TypeId(usize::MAX); target.len()];
    let mut kept = 0;
    for (i, t) in target.iter().enumerate() {
        if t.0 == i {
            index[i] = TypeId(kept);
            kept += 1;
        }
    }
    let mut i = 0;
    api.types.retain(|_| {
        i += 1;
        target[i - 1].0 == i - 1
    });
    api.map_type_ids(|id| index[target[id.0].0]);
}

/// Compares the shapes of types: what their values are on the wire, descriptions and
/// examples aside. Named types inside compare by shape when they have one key.
struct Shapes<'a> {
    types: &'a [TypeDef<()>],
    keys: &'a [Option<Key>],
    /// Pairs being compared, taken as equal: a recursive type compares in finite time.
    assumed: BTreeSet<(TypeId, TypeId)>,
    /// Whether an unnamed type inside compares by shape with any other (see [`copies`]);
    /// otherwise it is only equal to itself.
    by_shape: bool,
}

impl<'a> Shapes<'a> {
    fn new(types: &'a [TypeDef<()>], keys: &'a [Option<Key>], by_shape: bool) -> Self {
        Shapes {
            types,
            keys,
            assumed: BTreeSet::new(),
            by_shape,
        }
    }

    /// What differs between the types `a` and `b`, or `None` if nothing does.
    fn difference(&mut self, a: TypeId, b: TypeId) -> Option<String> {
        if a == b || !self.assumed.insert((a, b)) {
            return None;
        }
        // Two unnamed copies become one type with one set of descriptions: only if they
        // have the same (no place loses its words).
        let described = self.by_shape && self.keys[a.0].is_none() && self.keys[b.0].is_none();
        if described && self.types[a.0].doc != self.types[b.0].doc {
            return Some("the descriptions differ".to_owned());
        }
        match (&self.types[a.0].kind, &self.types[b.0].kind) {
            (TypeKind::Struct(x), TypeKind::Struct(y)) => self.fields(x, y, described),
            (TypeKind::Enum(x), TypeKind::Enum(y)) => {
                let values = |v: &[crate::ir::Variant<()>]| -> BTreeSet<String> {
                    v.iter().map(|v| v.wire.clone()).collect()
                };
                (values(x) != values(y)).then(|| "the enum values differ".to_owned())
            }
            (TypeKind::Union(x), TypeKind::Union(y)) => {
                if x.discriminator != y.discriminator || x.variants.len() != y.variants.len() {
                    return Some("the `oneOf`/`anyOf` branches differ".to_owned());
                }
                let branch = |(v, w): (&UnionVariant<()>, &UnionVariant<()>)| {
                    (v.tags != w.tags).then(|| "the discriminator values differ".to_owned())
                };
                let pairs = x.variants.iter().zip(&y.variants);
                pairs.clone().find_map(branch).or_else(|| {
                    pairs
                        .map(|(v, w)| self.types_differ(&v.ty, &w.ty))
                        .find_map(|d| d)
                        .map(|d| format!("a `oneOf`/`anyOf` branch differs: {d}"))
                })
            }
            _ => Some("one is an object, an enum or a union, the other is not".to_owned()),
        }
    }

    /// What differs between two structs' fields, in any order; with `described`, their
    /// descriptions too.
    fn fields(&mut self, x: &[Field<()>], y: &[Field<()>], described: bool) -> Option<String> {
        let find = |fields: &'_ [Field<()>], wire: &str| -> Option<usize> {
            fields.iter().position(|f| f.value.wire == wire)
        };
        for (one, other, here) in [(x, y, "here"), (y, x, "there")] {
            if let Some(f) = one.iter().find(|f| find(other, &f.value.wire).is_none()) {
                return Some(format!("property `{}` is missing {here}", f.value.wire));
            }
        }
        for f in x {
            let g = &y[find(y, &f.value.wire)?];
            let (v, w) = (&f.value, &g.value);
            let property = &v.wire;
            if (v.required, v.nullable, v.deprecated) != (w.required, w.nullable, w.deprecated) {
                return Some(format!(
                    "property `{property}` differs in `required`, `nullable` or `deprecated`"
                ));
            }
            if f.undescribed != g.undescribed {
                return Some(format!("property `{property}` is described in one only"));
            }
            if described && v.doc != w.doc {
                return Some(format!("property `{property}` has another description"));
            }
            if constraints(&v.hints) != constraints(&w.hints) {
                return Some(format!("property `{property}` has other constraints"));
            }
            if let Some(d) = self.types_differ(&v.ty, &w.ty) {
                return Some(format!("property `{property}`: {d}"));
            }
        }
        None
    }

    fn types_differ(&mut self, a: &Type, b: &Type) -> Option<String> {
        match (a, b) {
            (Type::Named(x), Type::Named(y)) if x == y => None,
            (Type::Named(x), Type::Named(y)) if self.keys[x.0].is_some() => {
                let unnamed = self.by_shape && self.keys[y.0].is_none();
                if self.keys[x.0] != self.keys[y.0] && !unnamed {
                    return Some("its types have other names".to_owned());
                }
                self.difference(*x, *y)
            }
            (Type::Named(x), Type::Named(y)) if self.by_shape && self.keys[x.0].is_none() => {
                self.difference(*x, *y)
            }
            (Type::Array(x), Type::Array(y)) | (Type::Map(x), Type::Map(y)) => {
                self.types_differ(x, y)
            }
            _ if a == b => None,
            _ => Some("its types differ".to_owned()),
        }
    }
}

/// What a value's hints say about what it may be: all but its example.
fn constraints(hints: &Hints) -> Hints {
    Hints {
        example: None,
        ..hints.clone()
    }
}
