//! The intermediate model: plain owned data, lowered once from the document.
//!
//! Nothing here refers to `openapiv3` or to token streams. Every `$ref` is resolved while
//! lowering, and every named thing keeps its wire name beside its Rust name. The type says
//! whether the model is named yet: the lowering makes an [`Unnamed`] model, with `()` where
//! the Rust names go, and the naming pass turns it into an [`Api`], every name filled in.

use std::collections::BTreeMap;

/// The model as the lowering makes it, before the naming pass.
pub type Unnamed = Api<()>;

/// The whole API: `N` is `String` once named (see [`Unnamed`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Api<N = String> {
    pub title: String,
    /// `info.version`: the API's own version (Clerk uses release dates), not the crate's.
    pub version: String,
    pub description: Option<String>,
    /// The first entry of `servers`, used as the client's default base URL.
    pub server_url: Option<String>,
    /// The document-wide `x-speakeasy-retries` block, if any.
    pub retries: Option<Retries>,
    /// Descriptions of the groups (tags), by group name.
    pub group_docs: BTreeMap<String, String>,
    /// Named types, addressed by [`TypeId`].
    pub types: Vec<TypeDef<N>>,
    /// The names a type also answers to: where the document names an inline schema (a
    /// `title`), the name its place would give it otherwise, so that code using that name
    /// keeps compiling.
    pub aliases: Vec<Alias<N>>,
    /// Operations in document order (paths, then methods in a fixed order).
    pub operations: Vec<Operation<N>>,
    /// The security schemes some operation uses, in `components.securitySchemes` order; an
    /// operation's [`security`](Operation::security) addresses them by index.
    pub schemes: Vec<SecurityScheme<N>>,
    /// The webhooks, the events the API sends its users (3.1 `webhooks`, else a 3.0
    /// document's `x-webhooks`), in document order.
    pub webhooks: Vec<Webhook<N>>,
    /// The payload property that names each webhook's event (`type`): the config's, else the
    /// `discriminator` every payload names; `None` without webhooks or without either, when
    /// the webhooks are their payloads' types only (see `lower::webhooks::dispatch`).
    pub dispatch: Option<String>,
    /// What the generator could not type exactly and generated in a looser form, in document
    /// order: each is a warning at generation, a line of the README's "Limitations" and of
    /// its operations' docs, and an entry of `api-surface.json`.
    pub limitations: Vec<Limitation>,
}

/// A construct of the document generated in a looser form than it describes (or a mistake in
/// the document read as meant): `{pointer}: {what} is generated as {generated_as}, because
/// {because}`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Limitation {
    /// The JSON pointer of the node the maintainer must look at: the use, where there is one.
    pub pointer: String,
    /// What the document says there (`the schema`, `the query parameter \`filters\``).
    pub what: String,
    /// What the crate has instead (`any JSON value (\`serde_json::Value\`)`).
    pub generated_as: String,
    /// Why.
    pub because: String,
    /// The operations it concerns, by index in [`Api::operations`]: those whose request or
    /// responses hold the construct; empty for none in particular.
    pub operations: Vec<usize>,
}

impl Limitation {
    /// The warning, as generation prints it.
    pub fn message(&self) -> String {
        format!(
            "{}: {} is generated as {}, because {}",
            self.pointer, self.what, self.generated_as, self.because
        )
    }
}

/// A webhook: an event the API sends its users, as the JSON body of a request it makes to
/// them (the request body of the webhook's operation).
#[derive(Debug, Clone, PartialEq)]
pub struct Webhook<N = String> {
    /// Its key in `webhooks` (`x-webhooks`): `user.created`.
    pub key: String,
    /// The variant of the event enum (`UserCreated`); `()` before the naming pass.
    pub name: N,
    pub summary: Option<String>,
    pub description: Option<String>,
    /// The payload's type.
    pub payload: Type,
    /// The property the payload's schema (or a part of its `allOf`) names as its
    /// `discriminator`, if it names one.
    pub discriminator: Option<String>,
    /// The body's `example` (or first of its `examples`, a `$ref` to `components.examples`
    /// followed): a whole payload.
    pub example: Option<serde_json::Value>,
    pub deprecated: bool,
    /// The JSON pointer of the webhook's operation, for messages.
    pub pointer: String,
}

/// A security scheme: how a credential of one kind travels.
#[derive(Debug, Clone, PartialEq)]
pub struct SecurityScheme<N = String> {
    /// Its key in `components.securitySchemes`.
    pub name: String,
    pub kind: SchemeKind,
    pub description: Option<String>,
    /// The client builder's setter of its credential (snake_case); `()` before the naming
    /// pass.
    pub setter: N,
}

#[derive(Debug, Clone, PartialEq)]
pub enum SchemeKind {
    /// `Authorization: Bearer <token>`: HTTP bearer, and OAuth 2.0 and OpenID Connect, whose
    /// token the user or a token provider supplies.
    Bearer {
        origin: BearerOrigin,
        format: Option<String>,
    },
    /// HTTP basic: a user name and a password.
    Basic,
    /// An API key in the header, query parameter or cookie `name`.
    ApiKey { location: KeyLocation, name: String },
}

/// What kind of scheme a bearer token comes from, which its docs say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BearerOrigin {
    /// HTTP `bearer`.
    Http,
    OAuth2,
    OpenIdConnect,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyLocation {
    Header,
    Query,
    Cookie,
}

/// Index of a type in [`Api::types`].
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
    fn map_ids(&mut self, f: &impl Fn(TypeId) -> TypeId) {
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
/// [`Api::aliases`]).
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

impl Origin {
    /// Where a type comes from, for messages.
    pub fn describe<N>(&self, operations: &[Operation<N>]) -> String {
        match self {
            Origin::Component { name, path } => {
                let mut pointer = crate::error::pointer("#/components/schemas", name);
                for segment in path {
                    pointer = crate::error::pointer(&pointer, segment);
                }
                pointer
            }
            Origin::Inline {
                operation,
                position,
                path,
                ..
            } => {
                let op = &operations[*operation];
                let place = match position {
                    Position::Parameter(name) => format!("parameter `{name}`"),
                    Position::RequestBody => "request body".to_owned(),
                    Position::Success => "success response".to_owned(),
                    Position::Error { status, .. } => format!("{status} response"),
                };
                let path = if path.is_empty() {
                    String::new()
                } else {
                    format!(", property `{}`", path.join("."))
                };
                format!("{} ({place}{path})", op.pointer)
            }
            Origin::Webhook { key, path, .. } => match path.is_empty() {
                true => format!("the payload of the webhook `{key}`"),
                false => format!(
                    "the payload of the webhook `{key}`, property `{}`",
                    path.join(".")
                ),
            },
        }
    }
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

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Method {
    Get,
    Put,
    Post,
    Delete,
    Options,
    Head,
    Patch,
    Trace,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Put => "PUT",
            Method::Post => "POST",
            Method::Delete => "DELETE",
            Method::Options => "OPTIONS",
            Method::Head => "HEAD",
            Method::Patch => "PATCH",
            Method::Trace => "TRACE",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Operation<N = String> {
    /// `operationId` as written in the document.
    pub id: String,
    /// `x-speakeasy-name-override`, a shorter method name within the group, if any.
    pub name_override: Option<String>,
    /// The method name (snake_case); `()` before the naming pass.
    pub name: N,
    /// The operation's PascalCase stem for type names (`CreateAPIKey`); `()` before the
    /// naming pass.
    pub stem: N,
    /// The group as written in the document: `x-speakeasy-group`, else the first tag
    /// (`API Keys`).
    pub group: String,
    pub method: Method,
    /// The path template, e.g. `/api_keys/{apiKeyID}`.
    pub path: String,
    pub summary: Option<String>,
    pub description: Option<String>,
    pub params: Vec<Param<N>>,
    pub body: Option<Body<N>>,
    /// The request body's other media types, in document order: [`Operation::body`] is the
    /// one sent unless the caller picks another.
    pub alternatives: Vec<Alternative>,
    /// Responses in ascending status order, `default` last.
    pub responses: Vec<Response<N>>,
    /// The alternatives of credentials the operation accepts (its `security`, else the
    /// document's), each the indices in [`Api::schemes`] of the schemes it combines. Empty:
    /// no credentials; an empty alternative makes them optional.
    pub security: Vec<Vec<usize>>,
    pub deprecated: bool,
    /// The JSON pointer of the operation, for messages.
    pub pointer: String,
}

impl<N> Operation<N> {
    /// The types the operation writes: its parameters', its request body's and its
    /// responses' (not looking inside named types).
    pub fn types(&self) -> Vec<&Type> {
        let params = self.params.iter().map(|p| &p.value.ty);
        let bodies = (self.responses.iter().filter_map(|r| r.body.as_ref())).chain(&self.body);
        let bodies = bodies.flat_map(|body| -> Vec<&Type> {
            match &body.encoding {
                Encoding::Json(ty) => vec![ty],
                Encoding::Multipart(fields) | Encoding::Form(fields) => {
                    fields.iter().map(|f| &f.value.ty).collect()
                }
                Encoding::Text | Encoding::Bytes => Vec::new(),
            }
        });
        params.chain(bodies).collect()
    }
}

impl<N: PartialEq> Operation<N> {
    /// Whether its success responses carry bodies of more than one type or media type (`200`
    /// with a `Widget`, `201` with a `WidgetCreated`): `send()` then succeeds with an enum
    /// that has a variant per success status. Bodies that read the same way (`200` and `202`
    /// of one type, beside a `204` without a body) are one type.
    pub fn success_by_status(&self) -> bool {
        let mut bodies = (self.responses.iter())
            .filter(|r| r.status.is_success())
            .filter_map(|r| r.body.as_ref());
        let Some(first) = bodies.next() else {
            return false;
        };
        bodies.any(|b| b.media_type != first.media_type || b.encoding != first.encoding)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamLocation {
    Path,
    Query,
    Header,
}

/// A parameter of an operation.
#[derive(Debug, Clone, PartialEq)]
pub struct Param<N = String> {
    /// The Rust name (`()` before the naming pass).
    pub name: N,
    pub location: ParamLocation,
    pub value: Member,
    /// How a query parameter is written. Path and header parameters are `simple`, text
    /// only, and have the default here.
    pub style: Style,
    /// For a parameter described by `content` of a JSON media type rather than by a
    /// `schema`: that media type. Its value is written as its JSON text.
    pub content: Option<String>,
}

/// How a value is written as `name=value` pairs: OpenAPI's `style` of a query parameter,
/// with its `explode` (the runtime's `style::Style` has the same variants).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// `form`; exploded by default: an array as one pair per item, an object as one pair
    /// per property.
    Form { explode: bool },
    /// `spaceDelimited` (not exploded: exploded, it is `form`'s).
    SpaceDelimited,
    /// `pipeDelimited` (not exploded: exploded, it is `form`'s).
    PipeDelimited,
    /// `deepObject`: `filter[a]=1`, nested by brackets, array items by index.
    DeepObject,
}

impl Default for Style {
    fn default() -> Self {
        Style::Form { explode: true }
    }
}

impl Style {
    /// The style as the document writes it, for messages and docs: `` `form`, not exploded ``.
    pub fn describe(self) -> &'static str {
        match self {
            Style::Form { explode: true } => "`form`",
            Style::Form { explode: false } => "`form`, not exploded",
            Style::SpaceDelimited => "`spaceDelimited`",
            Style::PipeDelimited => "`pipeDelimited`",
            Style::DeepObject => "`deepObject`",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Body<N = String> {
    pub media_type: String,
    pub encoding: Encoding<N>,
    pub required: bool,
    pub doc: Option<String>,
    /// The media type's `example` (or first of its `examples`), a whole body.
    pub example: Option<serde_json::Value>,
    /// The `Content-Type` of the multipart fields sent as JSON parts (see
    /// [`Type::is_structured`]) whose `encoding` names one, by wire name; the others are
    /// `application/json`.
    pub part_types: BTreeMap<String, String>,
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

/// How a body is written on the wire.
#[derive(Debug, Clone, PartialEq)]
pub enum Encoding<N = String> {
    /// JSON of this type.
    Json(Type),
    /// `multipart/form-data` with one part per field.
    Multipart(Vec<Field<N>>),
    /// `application/x-www-form-urlencoded` with one pair per field.
    Form(Vec<Field<N>>),
    /// `text/*` (in a request body): a string, sent as UTF-8.
    Text,
    /// Any other media type: raw bytes.
    Bytes,
}

/// Another media type of a request body, and how the caller sends the body as it.
#[derive(Debug, Clone, PartialEq)]
pub struct Alternative {
    pub media_type: String,
    pub kind: AlternativeKind,
}

/// How a request body is sent as one of its other media types (see [`Alternative`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AlternativeKind {
    /// The body as it is, under this `Content-Type`, which the call sets with
    /// `.header("Content-Type", …)`: JSON of the same schema as the JSON body, or a raw body
    /// (bytes or text) beside a raw body.
    SameBody,
    /// The JSON body's fields as `application/x-www-form-urlencoded` pairs (the same schema,
    /// every field a scalar or an array of scalars): the builder's `as_form()`.
    Form,
    /// Bytes given to the builder's `body_bytes(…)`, instead of a body that is not raw
    /// (bytes or text): sent as the first such media type, or as another with
    /// `.header("Content-Type", …)`.
    Bytes,
    /// Not sent by the SDK (multipart, or a form or JSON of another schema); the docs say
    /// so.
    Unsent,
}

impl<N> Encoding<N> {
    /// Whether a request body of this encoding is raw: bytes or text, taken whole.
    pub fn is_raw(&self) -> bool {
        matches!(self, Encoding::Text | Encoding::Bytes)
    }
}

impl<N> Body<N> {
    /// The JSON type, for a JSON body.
    pub fn json(&self) -> Option<&Type> {
        match &self.encoding {
            Encoding::Json(ty) => Some(ty),
            _ => None,
        }
    }
}

/// A documented status: an exact code, a class such as `4XX`, or `default`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Status {
    Code(u16),
    /// The leading digit of an `NXX` range.
    Range(u8),
    Default,
}

impl Status {
    pub fn is_success(self) -> bool {
        matches!(self, Status::Code(200..=299) | Status::Range(2))
    }
}

impl std::fmt::Display for Status {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Status::Code(code) => write!(f, "{code}"),
            Status::Range(class) => write!(f, "{class}XX"),
            Status::Default => f.write_str("default"),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Response<N = String> {
    pub status: Status,
    pub description: String,
    /// The JSON body, if the response declares one.
    pub body: Option<Body<N>>,
}

/// `x-speakeasy-retries`, with the document's values.
#[derive(Debug, Clone, PartialEq)]
pub struct Retries {
    pub initial_interval_ms: u64,
    pub max_interval_ms: u64,
    pub max_elapsed_ms: u64,
    pub exponent: f64,
    /// Exact codes and `NXX` classes.
    pub status_codes: Vec<Status>,
    pub retry_connection_errors: bool,
}

impl<N> Api<N> {
    pub fn ty(&self, id: TypeId) -> &TypeDef<N> {
        &self.types[id.0]
    }

    /// Replaces every reference to a type, in types, operations and aliases, by `f` of it.
    pub fn map_type_ids(&mut self, f: impl Fn(TypeId) -> TypeId) {
        let mut types: Vec<&mut Type> = Vec::new();
        for def in &mut self.types {
            match &mut def.kind {
                TypeKind::Struct(fields) => {
                    types.extend(fields.iter_mut().map(|f| &mut f.value.ty))
                }
                TypeKind::Union(union) => {
                    types.extend(union.variants.iter_mut().map(|v| &mut v.ty))
                }
                TypeKind::Enum(_) => {}
            }
        }
        for op in &mut self.operations {
            types.extend(op.params.iter_mut().map(|p| &mut p.value.ty));
            let bodies = op.responses.iter_mut().filter_map(|r| r.body.as_mut());
            for body in bodies.chain(op.body.as_mut()) {
                match &mut body.encoding {
                    Encoding::Json(ty) => types.push(ty),
                    Encoding::Multipart(fields) | Encoding::Form(fields) => {
                        types.extend(fields.iter_mut().map(|f| &mut f.value.ty))
                    }
                    Encoding::Text | Encoding::Bytes => {}
                }
            }
        }
        types.extend(self.webhooks.iter_mut().map(|w| &mut w.payload));
        for ty in types {
            ty.map_ids(&f);
        }
        for alias in &mut self.aliases {
            alias.target = f(alias.target);
        }
    }

    /// The alias named after the top-level schema of operation number `operation` at the
    /// position `at` says, if that schema is a named type.
    pub fn alias_at(&self, operation: usize, at: impl Fn(&Position) -> bool) -> Option<&Alias<N>> {
        self.aliases.iter().find(|a| match &a.origin {
            Origin::Inline {
                operation: o,
                position,
                path,
                ..
            } => *o == operation && path.is_empty() && at(position),
            Origin::Component { .. } | Origin::Webhook { .. } => false,
        })
    }

    /// Every type written in the model: the fields and variants of the named types, and the
    /// parameters and bodies of the operations (not looking inside named types).
    pub fn written_types(&self) -> impl Iterator<Item = &Type> {
        let in_types = self.types.iter().flat_map(|def| def.kind.types());
        let in_operations = self.operations.iter().flat_map(Operation::types);
        in_types.chain(in_operations)
    }

    /// Operations grouped by their group name, groups sorted by name.
    pub fn groups(&self) -> BTreeMap<&str, Vec<&Operation<N>>> {
        let mut groups: BTreeMap<&str, Vec<&Operation<N>>> = BTreeMap::new();
        for op in &self.operations {
            groups.entry(op.group.as_str()).or_default().push(op);
        }
        groups
    }
}

impl Api {
    /// What the caller of `op` gives, in order: its parameters, then the fields of its body
    /// (a JSON body that is an object gives its properties, any other JSON body is one
    /// input, a form gives its fields).
    pub fn inputs<'a>(&'a self, op: &'a Operation) -> Vec<InputSource<'a>> {
        let mut inputs: Vec<InputSource> = op.params.iter().map(InputSource::Param).collect();
        match op.body.as_ref().map(|b| (b, &b.encoding)) {
            Some((body, Encoding::Json(ty))) => match ty {
                Type::Named(id) => match &self.ty(*id).kind {
                    TypeKind::Struct(fields) => {
                        inputs.extend(fields.iter().map(|f| InputSource::BodyField(*id, f)))
                    }
                    _ => inputs.push(InputSource::Body(body, ty)),
                },
                _ => inputs.push(InputSource::Body(body, ty)),
            },
            Some((_, Encoding::Multipart(fields) | Encoding::Form(fields))) => {
                inputs.extend(fields.iter().map(InputSource::FormField))
            }
            // A raw body is one input of its own type: a string for text, bytes otherwise.
            Some((body, Encoding::Text)) => inputs.push(InputSource::Body(body, &TEXT)),
            Some((body, Encoding::Bytes)) => inputs.push(InputSource::Body(body, &BYTES)),
            None => {}
        }
        inputs
    }
}

/// The type of a text body's input.
static TEXT: Type = Type::String;
/// The type of a bytes body's input.
static BYTES: Type = Type::Bytes;

/// One input of an operation, as the document declares it: see [`Api::inputs`].
#[derive(Debug, Clone, Copy)]
pub enum InputSource<'a> {
    Param(&'a Param),
    /// A property of the JSON body, a struct of the given type.
    BodyField(TypeId, &'a Field),
    /// The whole body: JSON that is not a struct, text or bytes.
    Body(&'a Body, &'a Type),
    /// A field of a multipart or form-urlencoded body.
    FormField(&'a Field),
}

impl InputSource<'_> {
    /// The Rust name the naming pass gave the parameter or field (`body` for a whole body).
    pub fn name(&self) -> &str {
        match self {
            InputSource::Param(p) => &p.name,
            InputSource::BodyField(_, f) | InputSource::FormField(f) => &f.name,
            InputSource::Body(..) => "body",
        }
    }
}
