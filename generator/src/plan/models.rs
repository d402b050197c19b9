//! The plan of every model: each struct, enum and union of `models.rs`, and each alias, with
//! every fact about it decided once (names and whether they were changed, sensitivity,
//! presence, catch-all variant, how it decodes, what the docs say it is, the features it is
//! compiled under). `models.rs`, the models page and the surface all read it.

use std::collections::BTreeMap;

use super::Presence;
use super::features::Gate;
use super::rust::RustType;
use super::size;
use crate::config::Config;
use crate::ir::{
    Alias, Api, Field, GivenName, Merged, Origin, Type, TypeDef, TypeId, TypeKind, Union,
    UnionVariant, Variant,
};
use crate::naming::{self, Name};

/// A type `models.rs` declares.
#[derive(Debug)]
pub struct Model<'a> {
    pub id: TypeId,
    pub def: &'a TypeDef,
    pub name: Name,
    /// The document's name of a component whose Rust name is not that name in PascalCase:
    /// reserved (`Option` → `Option_`) or made an identifier (`2fa` → `V2fa`).
    pub renamed_from: Option<&'a str>,
    /// What its docs say it is.
    pub about: About<'a>,
    /// The other names of the type (see [`crate::ir::Api::aliases`]).
    pub aliases: Vec<Name>,
    /// The features it is compiled under: those of the operations that reach it (see
    /// `plan::features`).
    pub gate: Gate,
    pub kind: ModelKind<'a>,
}

/// Where a model's description comes from, best first.
#[derive(Debug, Clone, Copy)]
pub enum About<'a> {
    /// The document's description.
    Doc(&'a str),
    /// The properties beside a `oneOf`/`anyOf` merged with one branch's.
    Merged(&'a Merged),
    /// The name the document gives the shape.
    Given(&'a GivenName),
    /// Its place in the document.
    Place(Place<'a>),
}

/// A place in the document, for docs: where a type or an alias comes from.
#[derive(Debug, Clone, Copy)]
pub struct Place<'a> {
    pub origin: &'a Origin,
    /// The `operationId` of an inline place.
    pub operation: Option<&'a str>,
}

#[derive(Debug)]
pub enum ModelKind<'a> {
    Struct(StructPlan<'a>),
    Enum(EnumPlan<'a>),
    Union(UnionPlan<'a>),
}

#[derive(Debug)]
pub struct StructPlan<'a> {
    pub fields: Vec<FieldPlan<'a>>,
    /// Whether a field holds a secret: `Debug` is then written out, to redact it.
    pub secret: bool,
    /// Whether no field is required: the struct derives `Default` and has no `new`.
    pub default: bool,
}

#[derive(Debug)]
pub struct FieldPlan<'a> {
    pub field: &'a Field,
    pub name: Name,
    pub presence: Presence,
    /// The type of the value, as the field's setter or example takes it.
    pub value: RustType,
    /// The field's declared type, `Box` and `Option`s included.
    pub ty: RustType,
    /// A secret: `Debug` prints `<redacted>` for it.
    pub sensitive: bool,
    /// Whether its Rust name is not its wire name in snake_case (told apart by a number or
    /// made an identifier), which its docs say.
    pub renamed: bool,
    /// An optional, nullable field of a type that is only received: `None` for absent and
    /// `null` alike.
    pub reads_null_as_none: bool,
    /// How serde decodes it, when not as its type does.
    pub codec: Option<Codec>,
}

/// A field's `deserialize_with` from the runtime's `codec` module.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Codec {
    /// `codec::nullable`: a required field that may be `null`.
    Nullable,
    /// `codec::present`: a present `null` is `Some`, for fields that tell `null` from absent.
    Present,
}

#[derive(Debug)]
pub struct EnumPlan<'a> {
    /// Each value's variant name beside its wire value.
    pub variants: Vec<(Name, &'a Variant)>,
    /// The variant that keeps unknown values.
    pub catch_all: Name,
    /// Whether it needs `is_known()`: it is a variant of a union told apart by trying each,
    /// with the features of those unions, which alone call it.
    pub is_known: Option<Gate>,
}

#[derive(Debug)]
pub struct UnionPlan<'a> {
    pub union: &'a Union,
    pub variants: Vec<UnionVariantPlan<'a>>,
    /// The variant that keeps values that match none.
    pub catch_all: Name,
    /// Whether it needs `is_known()`, and under which features (see [`EnumPlan::is_known`]).
    pub is_known: Option<Gate>,
    /// Whether every variant is text (a string, a number, an enum, …): the union then has a
    /// `Display` and can be a path, query or header parameter.
    pub display: bool,
    /// Whether the discriminator picks the variant: some variant has a tag. Otherwise each
    /// variant is tried in turn.
    pub tagged: bool,
    /// Whether a variant is so much larger than the others that clippy's
    /// `large_enum_variant` would ask to box it.
    pub large: bool,
}

#[derive(Debug)]
pub struct UnionVariantPlan<'a> {
    pub variant: &'a UnionVariant,
    pub name: Name,
    pub ty: RustType,
    /// Whether the union has `From` this variant's type: not for a type two variants share,
    /// nor for any JSON (the catch-all's).
    pub from: bool,
    /// Whether trying this variant takes only values its type knows (an enum or union with a
    /// catch-all would take any value of its kind).
    pub known_only: bool,
}

/// An alias of a model.
#[derive(Debug)]
pub struct AliasPlan<'a> {
    pub alias: &'a Alias,
    pub name: Name,
    pub target: Name,
    pub place: Place<'a>,
    /// Its target's features: the alias is compiled whenever its target is.
    pub gate: Gate,
}

/// Plans every model and alias of `api`, with the gate of each type by its id.
pub(super) fn models<'a>(
    api: &'a Api,
    config: &Config,
    gates: Vec<Gate>,
) -> (Vec<Model<'a>>, Vec<AliasPlan<'a>>) {
    let tried = tried_variants(api, &gates);
    let mut models: Vec<Model> = (api.types.iter().enumerate().zip(gates))
        .map(|((i, def), gate)| model(api, config, &tried, TypeId(i), def, gate))
        .collect();
    let aliases: Vec<AliasPlan> = (api.aliases.iter())
        .map(|alias| AliasPlan {
            alias,
            name: Name::new(alias.name.clone()),
            target: Name::new(api.ty(alias.target).name.clone()),
            place: place(api, &alias.origin),
            gate: models[alias.target.0].gate.clone(),
        })
        .collect();
    for alias in &aliases {
        models[alias.alias.target.0]
            .aliases
            .push(alias.name.clone());
    }
    (models, aliases)
}

fn model<'a>(
    api: &'a Api,
    config: &Config,
    tried: &BTreeMap<TypeId, Gate>,
    id: TypeId,
    def: &'a TypeDef,
    gate: Gate,
) -> Model<'a> {
    let kind = match &def.kind {
        TypeKind::Struct(fields) => ModelKind::Struct(struct_plan(api, config, fields)),
        TypeKind::Enum(variants) => ModelKind::Enum(EnumPlan {
            variants: variants
                .iter()
                .map(|v| (Name::new(v.name.clone()), v))
                .collect(),
            catch_all: catch_all(variants.iter().map(|v| v.name.as_str())),
            is_known: tried.get(&id).cloned(),
        }),
        TypeKind::Union(union) => ModelKind::Union(union_plan(api, union, tried.get(&id).cloned())),
    };
    let renamed_from = match &def.origin {
        Origin::Component { name, path } if path.is_empty() && naming::pascal(name) != def.name => {
            Some(name.as_str())
        }
        _ => None,
    };
    let about = match (&def.doc, &def.merged, &def.given) {
        (Some(doc), ..) => About::Doc(doc),
        (None, Some(merged), _) => About::Merged(merged),
        (None, None, Some(given)) => About::Given(given),
        (None, None, None) => About::Place(place(api, &def.origin)),
    };
    Model {
        id,
        def,
        name: Name::new(def.name.clone()),
        renamed_from,
        about,
        aliases: Vec::new(),
        gate,
        kind,
    }
}

fn struct_plan<'a>(api: &Api, config: &Config, fields: &'a [Field]) -> StructPlan<'a> {
    let fields: Vec<FieldPlan> = fields.iter().map(|f| field(api, config, f)).collect();
    let secret = fields.iter().any(|f| f.sensitive);
    StructPlan {
        default: fields.iter().all(|f| f.presence != Presence::Required),
        secret,
        fields,
    }
}

fn field<'a>(api: &Api, config: &Config, field: &'a Field) -> FieldPlan<'a> {
    let presence = Presence::of_field(field);
    let value = RustType::of(api, &field.value.ty);
    let held = if field.boxed {
        value.clone().boxed()
    } else {
        value.clone()
    };
    let ty = match presence {
        Presence::Required => held,
        Presence::RequiredNullable | Presence::Optional => held.optional(),
        Presence::OptionalNullable => held.optional().optional(),
    };
    let codec = match presence {
        Presence::Required => None,
        Presence::RequiredNullable => Some(Codec::Nullable),
        // A missing field stays `None`; a present one, even `null`, is `Some`.
        // `null` is the only value of `()` (and `Value` holds it): a present `null` is `Some`.
        Presence::Optional if matches!(field.value.ty, Type::Any | Type::Null) => {
            Some(Codec::Present)
        }
        Presence::Optional => None,
        Presence::OptionalNullable => Some(Codec::Present),
    };
    let wire = &field.value.wire;
    FieldPlan {
        field,
        name: Name::new(field.name.clone()),
        presence,
        value,
        ty,
        sensitive: config.is_sensitive(wire),
        renamed: naming::snake(wire) != field.name,
        reads_null_as_none: Presence::reads_null_as_none(field),
        codec,
    }
}

fn union_plan<'a>(api: &Api, union: &'a Union, is_known: Option<Gate>) -> UnionPlan<'a> {
    let names = union.variants.iter().map(|v| v.name.as_str());
    let variants: Vec<UnionVariantPlan> = (union.variants.iter())
        .map(|v| UnionVariantPlan {
            variant: v,
            name: Name::new(v.name.clone()),
            ty: RustType::of(api, &v.ty),
            from: v.ty != Type::Any && union.variants.iter().filter(|w| w.ty == v.ty).count() == 1,
            known_only: matches!(&v.ty, Type::Named(id) if !matches!(api.ty(*id).kind, TypeKind::Struct(_))),
        })
        .collect();
    let tagged = is_tagged(union);
    // The catch-all holds a `serde_json::Value`.
    let sizes =
        (variants.iter().map(|v| size::of(api, &v.ty))).chain([size::of(api, &RustType::Json)]);
    UnionPlan {
        catch_all: catch_all(names),
        display: union
            .variants
            .iter()
            .all(|v| v.ty.is_textual(&api.types, true)),
        large: size::large_variant(sizes),
        tagged,
        is_known,
        variants,
        union,
    }
}

/// The catch-all variant of an enum or union whose variants are `taken`: `Unknown`, unless a
/// value already took it (then `UnknownValue`, and so on).
fn catch_all<'a>(taken: impl IntoIterator<Item = &'a str> + Clone) -> Name {
    Name::new(naming::catch_all(taken))
}

/// The enums and unions that are variants of a union told apart by trying each: they need
/// `is_known()`, under the features of the unions that try them (`gates`, by type id).
fn tried_variants(api: &Api, gates: &[Gate]) -> BTreeMap<TypeId, Gate> {
    let mut tried: BTreeMap<TypeId, Vec<&Gate>> = BTreeMap::new();
    for (i, def) in api.types.iter().enumerate() {
        let TypeKind::Union(union) = &def.kind else {
            continue;
        };
        if is_tagged(union) {
            continue;
        }
        for variant in &union.variants {
            if let Type::Named(id) = variant.ty
                && !matches!(api.ty(id).kind, TypeKind::Struct(_))
            {
                tried.entry(id).or_default().push(&gates[i]);
            }
        }
    }
    (tried.into_iter())
        .map(|(id, unions)| (id, Gate::union(unions)))
        .collect()
}

fn place<'a>(api: &'a Api, origin: &'a Origin) -> Place<'a> {
    let operation = match origin {
        Origin::Inline { operation, .. } => Some(api.operations[*operation].id.as_str()),
        Origin::Component { .. } | Origin::Webhook { .. } => None,
    };
    Place { origin, operation }
}

/// Whether a union's discriminator picks its variant: it has one, and some variant has a tag
/// (a discriminator no variant has a value for, inline variants without a `mapping`, selects
/// nothing).
fn is_tagged(union: &Union) -> bool {
    union.discriminator.is_some() && union.variants.iter().any(|v| !v.tags.is_empty())
}
