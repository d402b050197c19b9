//! The shapes of values ([`Type`]) and the types the generated crate declares ([`TypeDef`]),
//! with their fields, variants and what the document says about their values beside their
//! types. The two are one module because each looks into the other: a type names declared
//! types, whose fields and variants are types.

use super::status::Status;

/// Index of a type in [`Api::types`](crate::ir::Api::types).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TypeId(pub usize);

/// The shape of a value.
#[derive(Debug, Clone, PartialEq)]
pub enum Type {
    String,
    Integer(IntWidth),
    Number,
    Boolean,
    /// A schema with no type: any JSON value, `null` included.
    Any,
    Array(Box<Type>),
    /// An object with only `additionalProperties`: a string-keyed map.
    Map(Box<Type>),
    Named(TypeId),
    /// A file (`format: binary`) in a `multipart/form-data` body.
    File,
    /// Raw bytes: the whole body of a binary media type (`application/octet-stream`,
    /// `image/png`, …).
    Bytes,
    /// `type: null` (OpenAPI 3.1): a value that is always `null`, Rust's `()`.
    Null,
    /// `prefixItems` with no items after them (OpenAPI 3.1): a JSON array of these values in
    /// this order, a Rust tuple.
    Tuple(Vec<Type>),
    /// An integer that counts a span of time in this unit (`x-duration`): the runtime's
    /// `Seconds` or `Millis`, which convert from a `u64` and a `std::time::Duration`.
    Duration(TimeUnit),
    /// An integer that is a point in time, counted in this unit from the Unix epoch
    /// (`x-unix-time`): the runtime's `UnixTime`, which compares with `SystemTime`.
    UnixTime(TimeUnit),
}

/// The unit of an integer that counts time (see [`Type::Duration`] and [`Type::UnixTime`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum TimeUnit {
    Seconds,
    Millis,
}

impl TimeUnit {
    /// The unit as the extensions write it: `seconds`, `milliseconds`.
    pub fn from_extension(text: &str) -> Option<TimeUnit> {
        match text {
            "seconds" => Some(TimeUnit::Seconds),
            "milliseconds" => Some(TimeUnit::Millis),
            _ => None,
        }
    }

    /// The runtime's type of a span of time in this unit, which also names the unit of a
    /// `UnixTime`.
    pub fn rust(self) -> &'static str {
        match self {
            TimeUnit::Seconds => "Seconds",
            TimeUnit::Millis => "Millis",
        }
    }
}

impl Type {
    /// Whether a value of this type is one piece of text: a string, a number, a boolean, an
    /// enum, or a union of those.
    pub fn is_scalar<N>(&self, types: &[TypeDef<N>]) -> bool {
        self.scalar_within(types, 0)
    }

    /// [`Type::is_scalar`], `depth` unions deep: a union that contains itself is not text.
    fn scalar_within<N>(&self, types: &[TypeDef<N>], depth: usize) -> bool {
        match self {
            Type::String | Type::Integer(_) | Type::Number | Type::Boolean => true,
            Type::Duration(_) | Type::UnixTime(_) => true,
            Type::Named(id) => match &types[id.0].kind {
                TypeKind::Enum(_) => true,
                TypeKind::Union(union) => {
                    depth < 8
                        && (union.variants.iter()).all(|v| v.ty.scalar_within(types, depth + 1))
                }
                TypeKind::Struct(_) => false,
            },
            Type::Any
            | Type::Array(_)
            | Type::Map(_)
            | Type::File
            | Type::Bytes
            | Type::Null
            | Type::Tuple(_) => false,
        }
    }

    /// Whether a value of this type can be written as text in a path, query or header (with
    /// `Display`): a string, a number, a boolean, any JSON, an enum, a union of those, or
    /// (unless `list`, which a list's items are) a list of them.
    pub fn is_textual<N>(&self, types: &[TypeDef<N>], list: bool) -> bool {
        self.textual_within(types, list, 0)
    }

    /// [`Type::is_textual`], `depth` unions deep: a union that contains itself is not text.
    fn textual_within<N>(&self, types: &[TypeDef<N>], list: bool, depth: usize) -> bool {
        match self {
            Type::String | Type::Integer(_) | Type::Number | Type::Boolean | Type::Any => true,
            Type::Duration(_) | Type::UnixTime(_) => true,
            Type::Array(item) if !list => item.textual_within(types, true, depth),
            Type::Named(id) => match &types[id.0].kind {
                TypeKind::Enum(_) => true,
                TypeKind::Union(union) => {
                    depth < 8
                        && (union.variants.iter())
                            .all(|v| v.ty.textual_within(types, true, depth + 1))
                }
                TypeKind::Struct(_) => false,
            },
            Type::Array(_) | Type::Map(_) | Type::File | Type::Bytes => false,
            Type::Null | Type::Tuple(_) => false,
        }
    }

    /// Whether a form field of this type is written through its JSON (a `deepObject` in a
    /// form-urlencoded body, a JSON part in a multipart one) rather than as text: an object, a
    /// map, any JSON, or an array of those or of arrays. Files and arrays of scalars are not.
    pub fn is_structured<N>(&self, types: &[TypeDef<N>]) -> bool {
        match self {
            Type::File | Type::Bytes => false,
            Type::Array(item) => **item != Type::File && !item.is_scalar(types),
            ty => !ty.is_scalar(types),
        }
    }

    /// Whether this type, or one inside it (not behind a named type), is or holds `wanted`.
    pub fn contains(&self, wanted: &impl Fn(&Type) -> bool) -> bool {
        wanted(self)
            || match self {
                Type::Array(inner) | Type::Map(inner) => inner.contains(wanted),
                Type::Tuple(items) => items.iter().any(|item| item.contains(wanted)),
                _ => false,
            }
    }

    /// Replaces the type ids this type refers to by `f` of them.
    pub(super) fn map_ids(&mut self, f: &impl Fn(TypeId) -> TypeId) {
        match self {
            Type::Named(id) => *id = f(*id),
            Type::Array(inner) | Type::Map(inner) => inner.map_ids(f),
            Type::Tuple(items) => items.iter_mut().for_each(|item| item.map_ids(f)),
            _ => {}
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
/// An integer's Rust type: by its `format` (`int32` is `i32`, the unsigned and 128-bit formats
/// that typify and openapi-generator also read, `uint32`, `uint64`, `int128` and `uint128`,
/// are `u32`, `u64`, `i128` and `u128`, any other `i64`), widened when a value the schema
/// states does not fit it (see `lower::schema::integer_type`).
pub enum IntWidth {
    I32,
    I64,
    U32,
    U64,
    I128,
    U128,
}

impl IntWidth {
    /// The Rust type's name.
    pub fn rust(self) -> &'static str {
        match self {
            IntWidth::I32 => "i32",
            IntWidth::I64 => "i64",
            IntWidth::U32 => "u32",
            IntWidth::U64 => "u64",
            IntWidth::I128 => "i128",
            IntWidth::U128 => "u128",
        }
    }

    /// Whether `n` is a value of the Rust type.
    pub fn holds(self, n: i128) -> bool {
        match self {
            IntWidth::I32 => i32::try_from(n).is_ok(),
            IntWidth::I64 => i64::try_from(n).is_ok(),
            IntWidth::U32 => u32::try_from(n).is_ok(),
            IntWidth::U64 => u64::try_from(n).is_ok(),
            IntWidth::I128 => true,
            IntWidth::U128 => n >= 0,
        }
    }

    /// Whether a JSON number is a value of the Rust type: an integer in its range. A number
    /// beyond 64 bits reaches the generator only as a float, compared as one.
    pub fn holds_json(self, n: &serde_json::Number) -> bool {
        if let Some(n) = n.as_i64() {
            return self.holds(n.into());
        }
        if let Some(n) = n.as_u64() {
            return self.holds(n.into());
        }
        n.as_f64().is_some_and(|f| self.holds_float(f))
    }

    /// Whether an integral float is within the Rust type's range, compared as floats (a
    /// bound beyond 2^53 reaches the generator only so).
    pub fn holds_float(self, f: f64) -> bool {
        let (min, max) = match self {
            IntWidth::I32 => (i32::MIN as f64, i32::MAX as f64),
            IntWidth::I64 => (i64::MIN as f64, i64::MAX as f64),
            IntWidth::U32 => (0.0, u32::MAX as f64),
            IntWidth::U64 => (0.0, u64::MAX as f64),
            IntWidth::I128 => (i128::MIN as f64, i128::MAX as f64),
            IntWidth::U128 => (0.0, u128::MAX as f64),
        };
        f.fract() == 0.0 && (min..=max).contains(&f)
    }
}

/// A struct or enum that the generated crate declares.
#[derive(Debug, Clone, PartialEq)]
pub struct TypeDef<N = String> {
    /// The Rust name (`()` before the naming pass).
    pub name: N,
    pub origin: Origin,
    /// The name the document gives the schema, if it gives one.
    pub given: Option<GivenName>,
    pub doc: Option<String>,
    /// For the struct of a union's variant made of the properties beside a `oneOf` or `anyOf`
    /// and one branch's (see `lower::composition`): which branch.
    pub merged: Option<Merged>,
    pub kind: TypeKind<N>,
}

/// The properties beside a `oneOf` or `anyOf` merged with those of one branch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Merged {
    pub choice: Choice,
    pub branch: Branch,
}

/// A branch of a `oneOf` or `anyOf`: a component it refers to, or an inline schema by its
/// place (1 for the first).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Branch {
    Component(String),
    Inline(usize),
}

/// A name the document gives a schema: its `title` (inline schemas only: a component is
/// named by its key) or Speakeasy's `x-speakeasy-name-override`. Inline schemas that are
/// given the same name and have the same shape are one type.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct GivenName {
    /// The name, as written.
    pub name: String,
    /// Property names from the named schema down to this type: a type nested in a named
    /// schema is named after it, as one nested in a component is.
    pub path: Vec<String>,
    /// Whether the name is a `title`, which describes a schema more than it names a type,
    /// rather than an `x-speakeasy-name-override`, which names it on purpose.
    pub title: bool,
}

/// Another name of a type: the name the place of a named inline schema gives (see
/// [`Api::aliases`](crate::ir::Api::aliases)).
#[derive(Debug, Clone, PartialEq)]
pub struct Alias<N = String> {
    /// The Rust name (`()` before the naming pass).
    pub name: N,
    /// The place whose name this is.
    pub origin: Origin,
    /// The type it names.
    pub target: TypeId,
}

/// Where a type was declared: names derive from this and nothing else.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// `#/components/schemas/{name}`, or an inline schema `path` deep inside it.
    Component { name: String, path: Vec<String> },
    /// An inline schema inside operation number `operation`.
    Inline {
        operation: usize,
        position: Position,
        /// Property names from the top-level schema down to this one; empty for the
        /// top-level schema itself. Array items add no segment.
        path: Vec<String>,
        /// How many types the lowering had declared before this one: the naming rule
        /// visits the types of a position in this order (depth-first, document order).
        seq: usize,
    },
    /// An inline schema inside the payload of webhook number `webhook`, whose key is `key`.
    Webhook {
        webhook: usize,
        key: String,
        /// Property names from the payload's schema down to this one, as for
        /// [`Origin::Inline`].
        path: Vec<String>,
        /// As for [`Origin::Inline`].
        seq: usize,
    },
}

/// The place of a top-level inline schema within its operation.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Position {
    Parameter(String),
    RequestBody,
    Success,
    /// An error response; `rank` is its index among the operation's error responses in
    /// ascending status order.
    Error {
        rank: usize,
        status: Status,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub enum TypeKind<N = String> {
    Struct(Vec<Field<N>>),
    /// An enum of string values.
    Enum(Vec<Variant<N>>),
    /// `oneOf` or `anyOf`: a value of one of several shapes.
    Union(Union<N>),
}

impl<N> TypeKind<N> {
    /// The types of its fields or variants (not looking inside named types).
    pub fn types(&self) -> Vec<&Type> {
        match self {
            TypeKind::Struct(fields) => fields.iter().map(|f| &f.value.ty).collect(),
            TypeKind::Union(union) => union.variants.iter().map(|v| &v.ty).collect(),
            TypeKind::Enum(_) => Vec::new(),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Union<N = String> {
    pub variants: Vec<UnionVariant<N>>,
    /// The `discriminator` property that tells the variants apart, if the document names one;
    /// without it, the first variant that decodes wins.
    pub discriminator: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct UnionVariant<N = String> {
    /// What the variant's name derives from: the component's name, or the kind of value.
    pub label: String,
    /// The Rust name (`()` before the naming pass).
    pub name: N,
    pub ty: Type,
    /// The discriminator values that select this variant.
    pub tags: Vec<String>,
}

/// What a struct field and an operation parameter have in common: a value the API names on
/// the wire, with its type and what the document says about it.
#[derive(Debug, Clone, PartialEq)]
pub struct Member {
    /// The name on the wire, as written in the document.
    pub wire: String,
    pub ty: Type,
    /// Whether it must be present: listed in `required`, or `required: true` (always for
    /// a path parameter).
    pub required: bool,
    /// Whether `null` is allowed (`nullable: true`).
    pub nullable: bool,
    /// The description, the parameter's own or its schema's.
    pub doc: Option<String>,
    pub deprecated: bool,
    /// The document's constraints on the value (lengths, bounds, pattern, …) and its
    /// example, as data: the emitters write the prose and draw the examples.
    pub hints: Hints,
}

/// A property of a struct.
#[derive(Debug, Clone, PartialEq)]
pub struct Field<N = String> {
    /// The Rust name (`()` before the naming pass).
    pub name: N,
    pub value: Member,
    /// Whether the field is held in a `Box`, to break a cycle of types that contain
    /// each other; set by the lowering's last step.
    pub boxed: bool,
    /// Whether the document lists it in `required` without describing it: any value.
    pub undescribed: bool,
    /// Whether the struct that holds it is only ever received: it is (or is part of) a
    /// response body and of no request. Such a field that is optional and nullable reads as
    /// one `Option`, `None` for absent and `null` alike (see [`crate::plan::Presence::of_field`]);
    /// set by the lowering's last step.
    pub received_only: bool,
}

/// A value of a string enum.
#[derive(Debug, Clone, PartialEq)]
pub struct Variant<N = String> {
    pub wire: String,
    /// The Rust name (`()` before the naming pass).
    pub name: N,
}

/// What the document says about a value beside its type: the constraints the docs
/// describe and the raw material of the examples. Nothing here changes the generated
/// code's types; the emitters write the prose (`emit::constraints_doc`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Hints {
    /// `example`, or for a parameter its own `example` or the first of its `examples`.
    pub example: Option<serde_json::Value>,
    pub default: Option<serde_json::Value>,
    /// The values of an `enum` of numbers or booleans (an enum of strings is a type).
    pub values: Vec<serde_json::Value>,
    /// A string's `pattern`.
    pub pattern: Option<String>,
    /// A string's `minLength` and `maxLength`.
    pub length: (Option<usize>, Option<usize>),
    /// A number's `minimum` and whether it is exclusive.
    pub minimum: Option<(f64, bool)>,
    /// A number's `maximum` and whether it is exclusive.
    pub maximum: Option<(f64, bool)>,
    /// `oneOf` or `anyOf` branches that only list required properties: the sets of fields
    /// an object must have, beside its shape.
    pub field_sets: Vec<FieldSets>,
}

/// The branches of a `oneOf` or `anyOf` that only say which properties are required.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldSets {
    /// How many of the sets the value must satisfy.
    pub choice: Choice,
    /// Each branch's `required` list, in document order.
    pub sets: Vec<Vec<String>>,
}

/// How many branches of a choice a value must satisfy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Choice {
    /// `oneOf`: exactly one.
    OneOf,
    /// `anyOf`: at least one.
    AnyOf,
}
