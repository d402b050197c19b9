//! The values of the examples, from the document's examples, defaults, enums, patterns and
//! bounds, else from the types alone (see the parent module for the order).

use std::cell::Cell;
use std::collections::BTreeMap;

use serde_json::Value as Json;

use super::Presence;
use super::pattern::from_pattern;
use super::rust::{Parameter, RustType};
use crate::ir::{Api, Field, Hints, Type, TypeKind};
use crate::naming::Name;

/// How deep a struct value may nest inside another: past it a value is given up, which only
/// a type that must contain itself reaches.
const MAX_DEPTH: usize = 8;

/// Where a value came from, best first; optional inputs are chosen by it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Source {
    Example,
    Default,
    Derived,
    Placeholder,
}

/// A value of an example, as data: `emit::examples` writes it as code, as the value itself
/// (`"text".to_owned()`, `vec![…]`) or as an argument or setter takes it (which take
/// `impl Into<…>`, `impl IntoIterator<…>`, see [`Parameter`]): `"text"`, `["a", "b"]`.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Str(String),
    Int(i128),
    /// A span or point of time of this type (`Seconds`, `UnixTime<Millis>`, …), `count` units
    /// long or past the Unix epoch: an argument takes the count, which converts.
    Time {
        ty: RustType,
        count: i128,
    },
    Float(f64),
    Bool(bool),
    /// Any JSON: `serde_json::json!(…)`.
    Json(Json),
    /// A list of these items, of type `ty` (which an empty list names); `json` when the
    /// argument takes any JSON, so takes the list itself.
    List {
        items: Vec<Value>,
        ty: RustType,
        json: bool,
    },
    /// A map with these entries, as [`Value::List`].
    Map {
        entries: Vec<(String, Value)>,
        ty: RustType,
        json: bool,
    },
    /// Some bytes, as read from a file.
    Bytes,
    /// A file of this name.
    File(String),
    /// A value of a string enum of `models`.
    Enum {
        ty: Name,
        variant: Name,
    },
    /// A variant of a union of `models` holding `value`.
    Union {
        ty: Name,
        variant: Name,
        value: Box<Value>,
    },
    /// A struct of `models`: `new` with the required fields' values (`default()` without any),
    /// then the optional ones set.
    Struct {
        ty: Name,
        args: Vec<Value>,
        sets: Vec<(Name, Value)>,
    },
    /// `Box::new(…)`.
    Boxed(Box<Value>),
    /// `Some(…)`.
    Some(Box<Value>),
    /// `None`.
    None,
    /// `()`, the value of `null`.
    Unit,
    /// A tuple of these values.
    Tuple(Vec<Value>),
    /// A parameter of the example's function, which has no value.
    Param(Name),
}

impl Value {
    fn some(value: Value) -> Value {
        Value::Some(Box::new(value))
    }
}

/// What a piece of example code needs around it.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(super) struct Needs {
    /// `use …::models`.
    pub models: bool,
    /// `#[allow(deprecated)]`.
    pub deprecated: bool,
}

impl Needs {
    pub fn add(&mut self, other: Needs) {
        self.models |= other.models;
        self.deprecated |= other.deprecated;
    }
}

/// The value builder: the document's examples, and what the values it built need.
pub(super) struct Values<'a> {
    api: &'a Api,
    /// Every example of a field or parameter, by its wire name, in document order.
    examples: BTreeMap<&'a str, Vec<&'a Json>>,
    /// Every string among them, in document order.
    strings: Vec<&'a str>,
    models: Cell<bool>,
    deprecated: Cell<bool>,
}

impl<'a> Values<'a> {
    /// Runs `build` and tells what the code it built needs.
    pub fn measured<T>(&self, build: impl FnOnce() -> T) -> (T, Needs) {
        self.models.set(false);
        self.deprecated.set(false);
        let built = build();
        let needs = Needs {
            models: self.models.get(),
            deprecated: self.deprecated.get(),
        };
        (built, needs)
    }

    pub fn new(api: &'a Api) -> Values<'a> {
        let fields = api.types.iter().flat_map(|t| match &t.kind {
            TypeKind::Struct(fields) => fields.as_slice(),
            _ => &[],
        });
        let form_fields =
            api.operations
                .iter()
                .flat_map(|op| match op.body.as_ref().map(|b| &b.encoding) {
                    Some(crate::ir::Encoding::Multipart(f) | crate::ir::Encoding::Form(f)) => {
                        f.as_slice()
                    }
                    _ => &[],
                });
        let field_examples = fields
            .chain(form_fields)
            .filter_map(|f| Some((f.value.wire.as_str(), f.value.hints.example.as_ref()?)));
        let param_examples = api
            .operations
            .iter()
            .flat_map(|op| &op.params)
            .filter_map(|p| Some((p.value.wire.as_str(), p.value.hints.example.as_ref()?)));
        let mut examples: BTreeMap<&str, Vec<&Json>> = BTreeMap::new();
        let mut strings = Vec::new();
        for (wire, example) in field_examples.chain(param_examples) {
            examples.entry(wire).or_default().push(example);
            strings.extend(example.as_str());
        }
        Values {
            api,
            examples,
            strings,
            models: Cell::new(false),
            deprecated: Cell::new(false),
        }
    }

    /// A value of type `ty` for an input or field named `wire`, and where it came from;
    /// `extra` is an example from around it (the body's example, a parent's example).
    pub fn value(
        &self,
        ty: &Type,
        hints: &Hints,
        wire: &str,
        extra: Option<&Json>,
        depth: usize,
    ) -> Option<(Value, Source)> {
        let pattern = hints.pattern.as_deref().and_then(super::pattern::compiled);
        let fits_pattern = |v: &Json| match (&pattern, v) {
            (Some(re), Json::String(s)) => re.is_match(s),
            _ => true,
        };
        let borrowed = self.examples.get(wire).into_iter().flatten().copied();
        let candidates = hints
            .example
            .iter()
            .chain(extra)
            .map(|v| (v, Source::Example))
            .chain(borrowed.map(|v| (v, Source::Example)))
            .chain(hints.default.iter().map(|v| (v, Source::Default)))
            .chain(hints.values.first().map(|v| (v, Source::Default)));
        for (candidate, source) in candidates {
            if !fits_pattern(candidate) {
                continue;
            }
            if let Some(value) = self.json_value(ty, candidate, depth) {
                let source =
                    if source == Source::Example && hints.default.as_ref() == Some(candidate) {
                        Source::Default
                    } else {
                        source
                    };
                return Some((value, source));
            }
        }
        if let Some(value) = self.derived(ty, hints, pattern.as_deref()) {
            return Some((value, Source::Derived));
        }
        self.placeholder(ty, wire, depth)
            .map(|value| (value, Source::Placeholder))
    }

    /// A value from the input's pattern or bounds.
    fn derived(&self, ty: &Type, hints: &Hints, pattern: Option<&regex::Regex>) -> Option<Value> {
        match ty {
            Type::String => {
                let pattern = pattern?;
                let found = self
                    .strings
                    .iter()
                    .find(|s| pattern.is_match(s))
                    .map(|s| (*s).to_owned())
                    .or_else(|| hints.pattern.as_deref().and_then(from_pattern))
                    .filter(|s| pattern.is_match(s))?;
                Some(Value::Str(found))
            }
            Type::Number | Type::Integer(_) | Type::Duration(_) | Type::UnixTime(_) => {
                let number = match (hints.minimum, hints.maximum) {
                    (Some((min, exclusive)), _) => min + if exclusive { 1.0 } else { 0.0 },
                    (None, Some((max, exclusive))) => max - if exclusive { 1.0 } else { 0.0 },
                    (None, None) => return None,
                };
                self.json_value(ty, &serde_json::json!(number.ceil()), 0)
            }
            _ => None,
        }
    }

    /// A value of type `ty` from a JSON example, when the example has that type.
    fn json_value(&self, ty: &Type, value: &Json, depth: usize) -> Option<Value> {
        match (ty, value) {
            (Type::String, Json::String(s)) => Some(Value::Str(s.clone())),
            (Type::Number, Json::Number(n)) => Some(Value::Float(n.as_f64()?)),
            (Type::Integer(width), Json::Number(n)) => {
                let n = (n.as_i64().map(i128::from))
                    .or_else(|| n.as_u64().map(i128::from))
                    .or_else(|| {
                        let f = n.as_f64()?;
                        (f.fract() == 0.0 && f.abs() < 9e15).then_some(f as i128)
                    })?;
                width.holds(n).then_some(Value::Int(n))
            }
            (Type::Duration(_) | Type::UnixTime(_), Json::Number(n)) => {
                let count = n.as_i64().map(i128::from).or(n.as_u64().map(i128::from))?;
                self.time(ty, count)
            }
            (Type::Boolean, Json::Bool(b)) => Some(Value::Bool(*b)),
            (Type::Any, value) => Some(Value::Json(value.clone())),
            (Type::Array(item), Json::Array(values)) => {
                let items = values
                    .iter()
                    .take(3)
                    .map(|v| self.json_value(item, v, depth))
                    .collect::<Option<Vec<_>>>()?;
                Some(self.list(ty, items))
            }
            (Type::Map(item), Json::Object(map)) => {
                let entries = map
                    .iter()
                    .take(3)
                    .map(|(k, v)| Some((k.clone(), self.json_value(item, v, depth)?)))
                    .collect::<Option<Vec<_>>>()?;
                Some(self.map(ty, entries))
            }
            (Type::Named(id), value) => self.named(*id, Some(value), depth),
            _ => None,
        }
    }

    /// A value of a named type, from a JSON example when there is one.
    fn named(&self, id: crate::ir::TypeId, json: Option<&Json>, depth: usize) -> Option<Value> {
        if depth > MAX_DEPTH {
            return None;
        }
        let def = self.api.ty(id);
        let ty = Name::new(def.name.clone());
        let value = match &def.kind {
            TypeKind::Enum(variants) => {
                let variant = match json {
                    Some(json) => variants.iter().find(|v| json.as_str() == Some(&v.wire))?,
                    None => variants.first()?,
                };
                let variant = Name::new(variant.name.clone());
                Value::Enum { ty, variant }
            }
            TypeKind::Union(union) => {
                let (variant, value) = union.variants.iter().find_map(|v| {
                    let value = match json {
                        Some(json) => self.json_value(&v.ty, json, depth + 1),
                        None => self.placeholder(&v.ty, &v.name.to_lowercase(), depth + 1),
                    };
                    Some((v, value?))
                })?;
                let variant = Name::new(variant.name.clone());
                let value = Box::new(value);
                Value::Union { ty, variant, value }
            }
            TypeKind::Struct(fields) => self.struct_value(ty, fields, json, depth)?,
        };
        self.models.set(true);
        Some(value)
    }

    /// A value of a struct: `new` takes the required fields (models are `#[non_exhaustive]`),
    /// the optional ones are set on the value.
    fn struct_value(
        &self,
        ty: Name,
        fields: &[Field],
        json: Option<&Json>,
        depth: usize,
    ) -> Option<Value> {
        let object = match json {
            Some(Json::Object(object)) => Some(object),
            Some(_) => return None,
            None => None,
        };
        let mut args = Vec::new();
        let mut sets = Vec::new();
        for f in fields {
            let value = self.field(f, object.and_then(|o| o.get(&f.value.wire)), depth)?;
            match (Presence::of_field(f), value) {
                (Presence::Required, Some(value)) => args.push(value),
                (_, Some(value)) => sets.push((Name::new(f.name.clone()), value)),
                (_, None) => {}
            }
        }
        Some(Value::Struct { ty, args, sets })
    }

    /// A struct field's value: the argument of `new` for a required field; for an optional one
    /// the value to set, or `Some(None)` to leave it unset, unless the example around it has
    /// it. `None` when no value can be made.
    fn field(&self, field: &Field, json: Option<&Json>, depth: usize) -> Option<Option<Value>> {
        if field.value.deprecated {
            self.deprecated.set(true);
        }
        let boxed = |value: Value| match field.boxed {
            true => Value::Boxed(Box::new(value)),
            false => value,
        };
        let from_example =
            |json: &Json| Some(boxed(self.json_value(&field.value.ty, json, depth + 1)?));
        let (ty, hints, wire) = (&field.value.ty, &field.value.hints, &field.value.wire);
        Some(match (Presence::of_field(field), json) {
            // `new` boxes what it must.
            (Presence::Required, json) => Some(self.value(ty, hints, wire, json, depth + 1)?.0),
            (Presence::RequiredNullable, Some(json)) if !json.is_null() => {
                from_example(json).map(Value::some)
            }
            (Presence::Optional, Some(json)) => from_example(json).map(Value::some),
            (Presence::OptionalNullable, Some(Json::Null)) => Some(Value::some(Value::None)),
            (Presence::OptionalNullable, Some(json)) => {
                from_example(json).map(|v| Value::some(Value::some(v)))
            }
            _ => None,
        })
    }

    /// A value made up from the type alone.
    fn placeholder(&self, ty: &Type, wire: &str, depth: usize) -> Option<Value> {
        Some(match ty {
            Type::String => Value::Str(format!("<{wire}>")),
            Type::Number => Value::Float(1.0),
            Type::Integer(_) => Value::Int(1),
            Type::Duration(_) | Type::UnixTime(_) => self.time(ty, 1)?,
            Type::Boolean => Value::Bool(true),
            Type::Any => Value::Json(serde_json::json!({})),
            Type::Bytes => Value::Bytes,
            Type::Null => Value::Unit,
            Type::Tuple(items) => Value::Tuple(
                (items.iter())
                    .map(|item| self.placeholder(item, wire, depth + 1))
                    .collect::<Option<_>>()?,
            ),
            Type::File => Value::File(format!("{wire}.txt")),
            Type::Array(item) => {
                let items = self.placeholder(item, wire, depth + 1);
                self.list(ty, items.into_iter().collect())
            }
            Type::Map(item) => {
                let entries = self.placeholder(item, wire, depth + 1);
                let entries = entries.into_iter().map(|v| ("key".to_owned(), v));
                self.map(ty, entries.collect())
            }
            Type::Named(id) => self.named(*id, None, depth + 1)?,
        })
    }

    /// A span or point of time of type `ty`, `count` units long or past the epoch, when the
    /// type holds that count (a span is never negative).
    fn time(&self, ty: &Type, count: i128) -> Option<Value> {
        let holds = match ty {
            Type::Duration(_) => u64::try_from(count).is_ok(),
            _ => i64::try_from(count).is_ok(),
        };
        holds.then(|| Value::Time {
            ty: self.user_type(ty),
            count,
        })
    }

    /// A list of type `ty` with these items.
    fn list(&self, ty: &Type, items: Vec<Value>) -> Value {
        Value::List {
            json: Parameter::of(self.api, ty) == Parameter::Json,
            ty: self.user_type(ty),
            items,
        }
    }

    /// A map of type `ty` with these entries.
    fn map(&self, ty: &Type, entries: Vec<(String, Value)>) -> Value {
        Value::Map {
            json: Parameter::of(self.api, ty) == Parameter::Json,
            ty: self.user_type(ty),
            entries,
        }
    }

    /// The type of a value of `ty`, noting that the code names a model when it does.
    pub fn user_type(&self, ty: &Type) -> RustType {
        let ty = RustType::of(self.api, ty);
        if ty.names_model() {
            self.models.set(true);
        }
        ty
    }
}
