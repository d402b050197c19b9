//! Lowering of schemas: every object, string enum or union becomes a [`TypeDef`], everything
//! else a [`Type`] used in place.

use openapiv3::{ReferenceOr, Schema, SchemaData, SchemaKind, StringType, VariantOrUnknownOrEmpty};

use super::composition::Mixed;
use super::hints::hints;
use super::objects::{Shape, owned_properties};
use super::{Cursor, Lowerer, Site};
use crate::error::{Error, Result, pointer};
use crate::ir::{Choice, Hints, IntWidth, Origin, Type, TypeDef, TypeId, TypeKind, Variant};

/// A lowered schema: its type, whether `null` is allowed, and what it says about its values.
#[derive(Debug, Clone)]
pub(crate) struct Lowered {
    pub ty: Type,
    pub nullable: bool,
    pub doc: Option<String>,
    pub hints: Hints,
}

pub(super) const SCHEMA_PREFIX: &str = "#/components/schemas/";

/// How deep schemas may nest. A `$ref` back to a schema being lowered is a named type, but
/// the properties of an `allOf` part are copied, so a part that contains its own `allOf`
/// would nest forever and overflow the stack; real documents stay far below this.
const MAX_DEPTH: usize = 64;

impl<'a> Lowerer<'a> {
    /// Lowers a schema that may be a `$ref`, at `cursor`.
    pub(super) fn schema(
        &mut self,
        schema: &ReferenceOr<Schema>,
        cursor: &Cursor,
    ) -> Result<Lowered> {
        match schema {
            ReferenceOr::Reference { reference } => self.schema_ref(reference, &cursor.at),
            ReferenceOr::Item(schema) => self.schema_item(schema, cursor),
        }
    }

    /// Same as [`Lowerer::schema`] for the boxed schemas of properties and items.
    pub(super) fn boxed(
        &mut self,
        schema: &ReferenceOr<Box<Schema>>,
        cursor: &Cursor,
    ) -> Result<Lowered> {
        match schema {
            ReferenceOr::Reference { reference } => self.schema_ref(reference, &cursor.at),
            ReferenceOr::Item(schema) => self.schema_item(schema, cursor),
        }
    }

    /// A `$ref`: the type of the place it points to (see [`super::pointers`]), declared on
    /// first use.
    fn schema_ref(&mut self, reference: &str, at: &str) -> Result<Lowered> {
        let target = match self.target(reference, at) {
            Ok(target) => target,
            // A `$ref` that leads nowhere, or not to a schema, says nothing of the value.
            Err(Error::Unsupported { reason, .. }) => {
                let because = reason.replacen(&format!("`$ref: {reference}` "), "it ", 1);
                let what = format!("`$ref: {reference}`");
                return Ok(self.degraded(at, &what, because, &SchemaData::default()));
            }
            Err(other) => return Err(other),
        };
        let component = match &target.site {
            Site::Component(name) if target.at == pointer("#/components/schemas", name) => {
                Some(name.clone())
            }
            _ => None,
        };
        let key = (target.site.clone(), target.path.clone(), target.at.clone());
        let known = match &component {
            Some(name) => self.components.get(name),
            None => self.places.get(&key),
        };
        if let Some(id) = known {
            let item = match target.schema.as_ref() {
                ReferenceOr::Item(schema) => Some(schema),
                ReferenceOr::Reference { .. } => None,
            };
            return Ok(Lowered {
                ty: Type::Named(*id),
                nullable: item.is_some_and(|s| s.schema_data.nullable),
                doc: None,
                hints: item.map(hints).unwrap_or_default(),
            });
        }
        if !self.resolving.insert(target.at.clone()) {
            let what = format!("`$ref: {reference}`");
            let because = "it refers to itself without an object in between";
            return Ok(self.degraded(at, &what, because, &SchemaData::default()));
        }
        let cursor = Cursor {
            path: target.path.clone(),
            referenced: component.is_none(),
            ..Cursor::new(&target.site, target.at.clone())
        };
        let lowered = self.schema(&target.schema, &cursor);
        self.resolving.remove(&target.at);
        let mut lowered = lowered?;
        // References carry no description of their own; the use site documents itself.
        lowered.doc = None;
        Ok(lowered)
    }

    /// Lowers a schema that is not a `$ref`, refusing one nested deeper than [`MAX_DEPTH`].
    fn schema_item(&mut self, schema: &Schema, cursor: &Cursor) -> Result<Lowered> {
        // A place a `$ref` elsewhere has already declared (see [`super::pointers`]).
        let key = (cursor.site.clone(), cursor.path.clone(), cursor.at.clone());
        if let Some(id) = self.places.get(&key) {
            return Ok(Lowered {
                ty: Type::Named(*id),
                nullable: schema.schema_data.nullable,
                doc: schema.schema_data.description.clone(),
                hints: hints(schema),
            });
        }
        if self.depth == MAX_DEPTH {
            let because = format!(
                "it is nested more than {MAX_DEPTH} schemas deep (does an `allOf` part contain \
                 the schema it is part of?)"
            );
            return Ok(self.degraded(&cursor.at, "the schema", because, &schema.schema_data));
        }
        self.depth += 1;
        let lowered = self.schema_body(schema, cursor);
        self.depth -= 1;
        lowered
    }

    fn schema_body(&mut self, schema: &Schema, cursor: &Cursor) -> Result<Lowered> {
        let data = &schema.schema_data;
        let named;
        let cursor = match self.given_name(data, cursor) {
            Some((name, title)) => {
                named = cursor.named(name, title);
                &named
            }
            None => cursor,
        };
        if let Some(lowered) = self.openapi31(data, cursor)? {
            return Ok(lowered);
        }
        let mut hints = hints(schema);
        let ty = match (&schema.schema_kind, time_marker(data, &cursor.at)?) {
            (SchemaKind::Type(openapiv3::Type::Integer(_)), Some(time)) => time,
            (_, Some(_)) => {
                let marker = time_extensions(data).next().unwrap_or_default();
                return Err(Error::at(
                    &pointer(&cursor.at, marker),
                    format!("`{marker}` marks an integer, and this schema is not `type: integer`"),
                ));
            }
            (SchemaKind::Type(typed), None) => self.typed(typed, data, cursor)?,
            (SchemaKind::AllOf { all_of }, None) => {
                return self.all_of(all_of, None, data, cursor);
            }
            (SchemaKind::OneOf { one_of }, None) => {
                self.choice(one_of, Choice::OneOf, data, cursor, &mut hints)?
            }
            (SchemaKind::AnyOf { any_of }, None) => {
                self.choice(any_of, Choice::AnyOf, data, cursor, &mut hints)?
            }
            (SchemaKind::Not { .. }, None) => {
                let because = "`not` describes no shape a Rust type can hold";
                let at = pointer(&cursor.at, "not");
                return Ok(self.degraded(&at, "the schema", because, data));
            }
            (SchemaKind::Any(any), None) => match self.any(any, data, cursor, &mut hints)? {
                Mixed::Type(ty) => ty,
                Mixed::Lowered(lowered) => return Ok(*lowered),
            },
        };
        Ok(Lowered {
            ty,
            nullable: data.nullable,
            doc: data.description.clone(),
            hints,
        })
    }

    /// A schema with a `type`.
    fn typed(
        &mut self,
        typed: &openapiv3::Type,
        data: &SchemaData,
        cursor: &Cursor,
    ) -> Result<Type> {
        Ok(match typed {
            openapiv3::Type::String(string) => {
                let binary = matches!(
                    &string.format,
                    VariantOrUnknownOrEmpty::Item(openapiv3::StringFormat::Binary)
                );
                if binary && self.files {
                    Type::File
                } else if string.enumeration.is_empty() {
                    Type::String
                } else {
                    self.string_enum(string, data.description.clone(), cursor)?
                }
            }
            openapiv3::Type::Number(_) => Type::Number,
            openapiv3::Type::Integer(integer) => {
                let format = match &integer.format {
                    VariantOrUnknownOrEmpty::Item(openapiv3::IntegerFormat::Int32) => "int32",
                    VariantOrUnknownOrEmpty::Item(openapiv3::IntegerFormat::Int64) => "int64",
                    VariantOrUnknownOrEmpty::Unknown(format) => format,
                    VariantOrUnknownOrEmpty::Empty => "",
                };
                let bounds = [integer.minimum, integer.maximum];
                let listed = integer.enumeration.iter().flatten();
                let numbers = bounds.into_iter().flatten().chain(listed.copied());
                integer_type(format, numbers.map(Into::into), data)
            }
            openapiv3::Type::Boolean(_) => Type::Boolean,
            openapiv3::Type::Array(array) => match self.tuple(data, cursor)? {
                Some(tuple) => tuple,
                None => self.array(array.items.as_ref(), cursor)?,
            },
            openapiv3::Type::Object(object) => {
                let shape = Shape {
                    properties: owned_properties(&object.properties, &cursor.at),
                    required: object.required.clone(),
                    additional: object.additional_properties.clone(),
                };
                self.object(shape, data.description.clone(), cursor)?
            }
        })
    }

    /// An array of `items` (of any value when it has none).
    pub(super) fn array(
        &mut self,
        items: Option<&ReferenceOr<Box<Schema>>>,
        cursor: &Cursor,
    ) -> Result<Type> {
        let items = match items {
            Some(items) => self.boxed(items, &cursor.child("items"))?.ty,
            None => Type::Any,
        };
        Ok(Type::Array(Box::new(items)))
    }

    /// An `enum` of strings: a Rust enum with one variant per value.
    fn string_enum(
        &mut self,
        string: &StringType,
        doc: Option<String>,
        cursor: &Cursor,
    ) -> Result<Type> {
        let mut variants: Vec<Variant<()>> = Vec::new();
        for value in string.enumeration.iter().flatten() {
            if variants.iter().any(|v| &v.wire == value) {
                self.limit(
                    &pointer(&cursor.at, "enum"),
                    format!("the enum value `{value}`"),
                    "one variant",
                    "the `enum` lists it twice (read as meant)",
                );
                continue;
            }
            variants.push(Variant {
                wire: value.clone(),
                name: (),
            });
        }
        Ok(Type::Named(self.declare(
            cursor,
            doc,
            TypeKind::Enum(variants),
        )))
    }

    /// The name the document gives a schema: `x-speakeasy-name-override`, or an inline
    /// schema's `title` (a component's top-level schema is named by its key, whatever its
    /// title says). A component's override that another component's key already spells is
    /// ignored: a key always names its own schema. The flag says whether the name is a title.
    fn given_name<'s>(&self, data: &'s SchemaData, cursor: &Cursor) -> Option<(&'s str, bool)> {
        let own_key = match cursor.site {
            Site::Component(name) if cursor.at == pointer("#/components/schemas", name) => {
                Some(name)
            }
            _ => None,
        };
        let component_top = own_key.is_some();
        let name_override = data.extensions.get("x-speakeasy-name-override");
        if let Some(name) = name_override.and_then(|v| v.as_str()) {
            let schemas = self.doc.components.as_ref().map(|c| &c.schemas);
            let spelled = |key: &String| {
                Some(key) != own_key
                    && (key == name || crate::naming::pascal(key) == crate::naming::pascal(name))
            };
            let taken = component_top && schemas.is_some_and(|s| s.keys().any(spelled));
            if !taken && !name.trim().is_empty() {
                return Some((name, false));
            }
        }
        (data.title.as_deref())
            .filter(|title| !component_top && !title.trim().is_empty())
            .map(|title| (title, true))
    }

    /// Declares a type at `cursor`'s place; a component's top-level schema is remembered,
    /// so that later references find it.
    pub(super) fn declare(
        &mut self,
        cursor: &Cursor,
        doc: Option<String>,
        kind: TypeKind<()>,
    ) -> TypeId {
        let path = cursor.path.clone();
        let origin = match cursor.site {
            Site::Component(name) => Origin::Component {
                name: name.clone(),
                path,
            },
            Site::Inline {
                operation,
                position,
            } => Origin::Inline {
                operation: *operation,
                position: position.clone(),
                path,
                seq: self.types.len(),
            },
            Site::Webhook { webhook, key } => Origin::Webhook {
                webhook: *webhook,
                key: key.clone(),
                path,
                seq: self.types.len(),
            },
        };
        let id = TypeId(self.types.len());
        // A component's own top-level type; a place a `$ref` points into is not, even at the
        // top of its site (`A/allOf/0`, a component response's schema).
        if let (Site::Component(name), true) = (cursor.site, cursor.path.is_empty())
            && !cursor.referenced
        {
            self.components.insert(name.clone(), id);
        }
        let key = (cursor.site.clone(), cursor.path.clone(), cursor.at.clone());
        self.places.entry(key).or_insert(id);
        self.types.push(TypeDef {
            name: (),
            origin,
            given: cursor.given(),
            doc,
            merged: None,
            kind,
        });
        id
    }
}

/// The extensions that say an integer counts time, in the order they are read.
const TIME_EXTENSIONS: [&str; 2] = ["x-duration", "x-unix-time"];

/// The time extensions a schema has.
fn time_extensions(data: &SchemaData) -> impl Iterator<Item = &'static str> + '_ {
    TIME_EXTENSIONS
        .into_iter()
        .filter(|name| data.extensions.contains_key(*name))
}

/// The type an integer has when an extension says it counts time: `x-duration: seconds` (or
/// `milliseconds`), a span of time, and `x-unix-time: milliseconds` (or `seconds`), a point in
/// time counted from the Unix epoch. `None` without either; an error, at the extension, for
/// another unit or both at once.
fn time_marker(data: &SchemaData, at: &str) -> Result<Option<Type>> {
    let mut found = None;
    for name in time_extensions(data) {
        let at = pointer(at, name);
        if found.is_some() {
            let reason = "`x-duration` and `x-unix-time` cannot both mark one integer";
            return Err(Error::at(&at, reason.to_owned()));
        }
        let value = &data.extensions[name];
        let unit = value.as_str().and_then(crate::ir::TimeUnit::from_extension);
        let Some(unit) = unit else {
            let reason = format!("`{name}` is `seconds` or `milliseconds`, not `{value}`");
            return Err(Error::at(&at, reason));
        };
        found = Some(match name {
            "x-duration" => Type::Duration(unit),
            _ => Type::UnixTime(unit),
        });
    }
    Ok(found)
}

/// An integer's type: its `format`'s (see [`IntWidth`]), or, when a value the schema states
/// (`minimum`, `maximum`, `enum`, `default`, `example`) does not fit that, the first of `i64`,
/// `u64`, `i128` and `u128` that holds them all: `minimum: 0, maximum: 18446744073709551615`
/// is a `u64`, whatever the format says.
pub(super) fn integer_type(
    format: &str,
    numbers: impl Iterator<Item = serde_json::Number>,
    data: &SchemaData,
) -> Type {
    let declared = match format {
        "int32" => IntWidth::I32,
        "uint32" => IntWidth::U32,
        "uint64" => IntWidth::U64,
        "int128" => IntWidth::I128,
        "uint128" => IntWidth::U128,
        _ => IntWidth::I64,
    };
    let stated = [&data.default, &data.example].into_iter().flatten();
    let numbers: Vec<serde_json::Number> = stated
        .filter_map(|v| v.as_number().cloned())
        .chain(numbers)
        .collect();
    let fits = |width: IntWidth| numbers.iter().all(|n| width.holds_json(n));
    let wider = [IntWidth::I64, IntWidth::U64, IntWidth::I128, IntWidth::U128];
    let width = std::iter::once(declared)
        .chain(wider)
        .find(|w| fits(*w))
        .unwrap_or(declared);
    Type::Integer(width)
}
