//! The values of the examples, from the document's examples, defaults, enums, patterns and
//! bounds, else from the types alone (see the parent module for the order).

use std::cell::Cell;
use std::collections::BTreeMap;

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};
use serde_json::Value;

use super::Presence;
use super::pattern::from_pattern;
use crate::config::Config;
use crate::ir::{Api, Field, Hints, Type, TypeKind};
use crate::naming::ident;

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

/// A value as Rust code: `tokens` has exactly the value's type; `arg` is set where an
/// argument or setter (which take `impl Into<…>`, `impl IntoIterator<…>`, see
/// [`super::Accept`]) takes a plainer spelling: `"text"` for a string, `["a", "b"]` for an
/// array of them.
pub(super) struct Expr {
    pub tokens: TokenStream,
    arg: Option<TokenStream>,
}

impl Expr {
    fn of(tokens: TokenStream) -> Expr {
        Expr { tokens, arg: None }
    }

    /// The value as an argument or setter takes it.
    pub fn argument(&self) -> TokenStream {
        self.arg.clone().unwrap_or_else(|| self.tokens.clone())
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
    config: &'a Config,
    /// Every example of a field or parameter, by its wire name, in document order.
    examples: BTreeMap<&'a str, Vec<&'a Value>>,
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

    pub fn new(api: &'a Api, config: &'a Config) -> Values<'a> {
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
        let mut examples: BTreeMap<&str, Vec<&Value>> = BTreeMap::new();
        let mut strings = Vec::new();
        for (wire, example) in field_examples.chain(param_examples) {
            examples.entry(wire).or_default().push(example);
            strings.extend(example.as_str());
        }
        Values {
            api,
            config,
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
        extra: Option<&Value>,
        depth: usize,
    ) -> Option<(Expr, Source)> {
        let pattern = hints.pattern.as_deref().and_then(super::pattern::compiled);
        let fits_pattern = |v: &Value| match (&pattern, v) {
            (Some(re), Value::String(s)) => re.is_match(s),
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
            if let Some(expr) = self.json_value(ty, candidate, depth) {
                let source =
                    if source == Source::Example && hints.default.as_ref() == Some(candidate) {
                        Source::Default
                    } else {
                        source
                    };
                return Some((expr, source));
            }
        }
        if let Some(expr) = self.derived(ty, hints, pattern.as_deref()) {
            return Some((expr, Source::Derived));
        }
        self.placeholder(ty, wire, depth)
            .map(|expr| (expr, Source::Placeholder))
    }

    /// A value from the input's pattern or bounds.
    fn derived(&self, ty: &Type, hints: &Hints, pattern: Option<&regex::Regex>) -> Option<Expr> {
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
                Some(string(&found))
            }
            Type::Number | Type::Integer(_) => {
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
    fn json_value(&self, ty: &Type, value: &Value, depth: usize) -> Option<Expr> {
        match (ty, value) {
            (Type::String, Value::String(s)) => Some(string(s)),
            (Type::Number, Value::Number(n)) => Some(Expr::of(float(n.as_f64()?))),
            (Type::Integer(width), Value::Number(n)) => {
                let n = (n.as_i64().map(i128::from))
                    .or_else(|| n.as_u64().map(i128::from))
                    .or_else(|| {
                        let f = n.as_f64()?;
                        (f.fract() == 0.0 && f.abs() < 9e15).then_some(f as i128)
                    })?;
                if !width.holds(n) {
                    return None;
                }
                Some(Expr::of(integer(n)))
            }
            (Type::Boolean, Value::Bool(b)) => Some(Expr::of(quote!(#b))),
            (Type::Any, value) => {
                let json = json_tokens(value);
                Some(Expr::of(quote!(serde_json::json!(#json))))
            }
            (Type::Array(item), Value::Array(values)) => {
                let items = values
                    .iter()
                    .take(3)
                    .map(|v| self.json_value(item, v, depth))
                    .collect::<Option<Vec<_>>>()?;
                Some(self.array(ty, items))
            }
            (Type::Map(item), Value::Object(map)) => {
                let entries = map
                    .iter()
                    .take(3)
                    .map(|(k, v)| Some((k.as_str(), self.json_value(item, v, depth)?)))
                    .collect::<Option<Vec<_>>>()?;
                Some(self.map(ty, entries))
            }
            (Type::Named(id), value) => self.named(*id, Some(value), depth),
            _ => None,
        }
    }

    /// A value of a named type, from a JSON example when there is one.
    fn named(&self, id: crate::ir::TypeId, json: Option<&Value>, depth: usize) -> Option<Expr> {
        if depth > MAX_DEPTH {
            return None;
        }
        let def = self.api.ty(id);
        let name = format_ident!("{}", def.name);
        let expr = match &def.kind {
            TypeKind::Enum(variants) => {
                let variant = match json {
                    Some(json) => variants.iter().find(|v| json.as_str() == Some(&v.wire))?,
                    None => variants.first()?,
                };
                let variant = format_ident!("{}", variant.name);
                quote!(models::#name::#variant)
            }
            TypeKind::Union(union) => {
                let (variant, value) = union.variants.iter().find_map(|v| {
                    let value = match json {
                        Some(json) => self.json_value(&v.ty, json, depth + 1),
                        None => self.placeholder(&v.ty, &v.name.to_lowercase(), depth + 1),
                    };
                    Some((v, value?))
                })?;
                let variant = format_ident!("{}", variant.name);
                let value = value.tokens;
                quote!(models::#name::#variant(#value))
            }
            TypeKind::Struct(fields) => self.struct_value(&name, fields, json, depth)?,
        };
        self.models.set(true);
        Some(Expr::of(expr))
    }

    /// A value of a struct: `new` takes the required fields (models are `#[non_exhaustive]`),
    /// the optional ones are set on the value.
    fn struct_value(
        &self,
        name: &proc_macro2::Ident,
        fields: &[Field],
        json: Option<&Value>,
        depth: usize,
    ) -> Option<TokenStream> {
        let object = match json {
            Some(Value::Object(object)) => Some(object),
            Some(_) => return None,
            None => None,
        };
        let mut args = Vec::new();
        let mut sets = Vec::new();
        for f in fields {
            let value = self.field(f, object.and_then(|o| o.get(&f.value.wire)), depth)?;
            let field = ident(&f.name);
            match (Presence::of_field(f), value) {
                (Presence::Required, Some(value)) => args.push(value),
                (_, Some(value)) => sets.push(quote!(value.#field = #value;)),
                (_, None) => {}
            }
        }
        let base = if args.is_empty() {
            quote!(models::#name::default())
        } else {
            quote!(models::#name::new(#(#args),*))
        };
        Some(if sets.is_empty() {
            base
        } else {
            quote!({
                let mut value = #base;
                #(#sets)*
                value
            })
        })
    }

    /// A struct field's value: the argument of `new` for a required field; for an optional one
    /// the value to set, or `Some(None)` to leave it unset, unless the example around it has
    /// it. `None` when no value can be made.
    fn field(
        &self,
        field: &Field,
        json: Option<&Value>,
        depth: usize,
    ) -> Option<Option<TokenStream>> {
        if field.value.deprecated {
            self.deprecated.set(true);
        }
        let boxed = |tokens: TokenStream| {
            if field.boxed {
                quote!(Box::new(#tokens))
            } else {
                tokens
            }
        };
        let some = |tokens: TokenStream| Some(quote!(Some(#tokens)));
        let from_example = |json: &Value| {
            let value = self.json_value(&field.value.ty, json, depth + 1)?.tokens;
            Some(boxed(value))
        };
        Some(match (Presence::of_field(field), json) {
            // `new` boxes what it must.
            (Presence::Required, json) => {
                let (value, _) = self.value(
                    &field.value.ty,
                    &field.value.hints,
                    &field.value.wire,
                    json,
                    depth + 1,
                )?;
                Some(value.tokens)
            }
            (Presence::RequiredNullable, Some(json)) if !json.is_null() => {
                from_example(json).and_then(some)
            }
            (Presence::Optional, Some(json)) => from_example(json).and_then(some),
            (Presence::OptionalNullable, Some(Value::Null)) => some(quote!(None)),
            (Presence::OptionalNullable, Some(json)) => {
                from_example(json).and_then(|v| some(quote!(Some(#v))))
            }
            _ => None,
        })
    }

    /// A value made up from the type alone.
    fn placeholder(&self, ty: &Type, wire: &str, depth: usize) -> Option<Expr> {
        Some(match ty {
            Type::String => string(&format!("<{wire}>")),
            Type::Number => Expr::of(float(1.0)),
            Type::Integer(_) => Expr::of(integer(1)),
            Type::Boolean => Expr::of(quote!(true)),
            Type::Any => Expr::of(quote!(serde_json::json!({}))),
            // `impl Into<Bytes>` takes a `Vec<u8>`, as read from a file.
            Type::Bytes => Expr::of(quote!(b"content".to_vec())),
            Type::Null => Expr::of(quote!(())),
            Type::Tuple(items) => {
                let items = (items.iter())
                    .map(|item| self.placeholder(item, wire, depth + 1).map(|e| e.tokens))
                    .collect::<Option<Vec<_>>>()?;
                Expr::of(quote!((#(#items,)*)))
            }
            Type::File => {
                let krate = format_ident!("{}", self.config.crate_ident());
                let name = format!("{wire}.txt");
                Expr::of(quote!(#krate::File::new(#name, b"file content".to_vec())))
            }
            Type::Array(item) => {
                let items = self.placeholder(item, wire, depth + 1);
                self.array(ty, items.into_iter().collect())
            }
            Type::Map(item) => {
                let entries = self.placeholder(item, wire, depth + 1);
                self.map(ty, entries.into_iter().map(|v| ("key", v)).collect())
            }
            Type::Named(id) => self.named(*id, None, depth + 1)?,
        })
    }

    /// An array of type `ty` with these items: `vec![…]`, and for an argument `[…]` of the
    /// items as arguments (or, when it takes any JSON, the `vec!`). Empty, it names its type,
    /// which an argument cannot infer.
    fn array(&self, ty: &Type, items: Vec<Expr>) -> Expr {
        if items.is_empty() {
            let ty = self.user_type(ty);
            return Expr::of(quote!(<#ty>::new()));
        }
        let tokens = items.iter().map(|e| &e.tokens);
        let tokens = quote!(vec![#(#tokens),*]);
        let arg = (super::Accept::of(ty) != super::Accept::Json).then(|| {
            let args = items.iter().map(Expr::argument);
            quote!([#(#args),*])
        });
        Expr { tokens, arg }
    }

    /// A map of type `ty` with these entries: `BTreeMap::from([…])`, and for an argument
    /// `[("key", value), …]` with the values as arguments (or, when it takes any JSON, the
    /// map). Empty, it names its type.
    fn map(&self, ty: &Type, entries: Vec<(&str, Expr)>) -> Expr {
        if entries.is_empty() {
            let ty = self.user_type(ty);
            return Expr::of(quote!(<#ty>::new()));
        }
        let tokens = entries.iter().map(|(k, v)| {
            let v = &v.tokens;
            quote!((#k.to_owned(), #v))
        });
        let tokens = quote!(std::collections::BTreeMap::from([#(#tokens),*]));
        let arg = (super::Accept::of(ty) != super::Accept::Json).then(|| {
            let args = entries.iter().map(|(k, v)| {
                let v = v.argument();
                quote!((#k, #v))
            });
            quote!([#(#args),*])
        });
        Expr { tokens, arg }
    }

    /// A type as user code spells it, for the parameters of an example.
    pub fn user_type(&self, ty: &Type) -> TokenStream {
        match ty {
            Type::String => quote!(String),
            Type::Integer(width) => {
                let width = format_ident!("{}", width.rust());
                quote!(#width)
            }
            Type::Number => quote!(f64),
            Type::Boolean => quote!(bool),
            Type::Any => quote!(serde_json::Value),
            Type::Array(item) => {
                let item = self.user_type(item);
                quote!(Vec<#item>)
            }
            Type::Map(item) => {
                let item = self.user_type(item);
                quote!(std::collections::BTreeMap<String, #item>)
            }
            Type::File => {
                let krate = format_ident!("{}", self.config.crate_ident());
                quote!(#krate::File)
            }
            Type::Bytes => quote!(Vec<u8>),
            Type::Null => quote!(()),
            Type::Tuple(items) => {
                let items = items.iter().map(|item| self.user_type(item));
                quote!((#(#items,)*))
            }
            Type::Named(id) => {
                self.models.set(true);
                let name = format_ident!("{}", self.api.ty(*id).name);
                quote!(models::#name)
            }
        }
    }
}

fn string(text: &str) -> Expr {
    Expr {
        tokens: quote!(#text.to_owned()),
        arg: Some(quote!(#text)),
    }
}

fn float(value: f64) -> TokenStream {
    let literal = Literal::f64_unsuffixed(value.abs());
    if value < 0.0 {
        quote!(-#literal)
    } else {
        quote!(#literal)
    }
}

fn integer(value: i128) -> TokenStream {
    let literal = Literal::u128_unsuffixed(value.unsigned_abs());
    if value < 0 {
        quote!(-#literal)
    } else {
        quote!(#literal)
    }
}

/// A JSON value as the tokens of a `serde_json::json!` invocation.
fn json_tokens(value: &Value) -> TokenStream {
    match value {
        Value::Null => quote!(null),
        Value::Bool(b) => quote!(#b),
        Value::Number(n) => match (n.as_i64(), n.as_u64(), n.as_f64()) {
            (Some(i), ..) => integer(i.into()),
            (None, Some(u), _) => {
                let literal = Literal::u64_unsuffixed(u);
                quote!(#literal)
            }
            (None, None, Some(f)) => float(f),
            (None, None, None) => quote!(null),
        },
        Value::String(s) => quote!(#s),
        Value::Array(items) => {
            let items = items.iter().map(json_tokens);
            quote!([#(#items),*])
        }
        Value::Object(map) => {
            let entries = map.iter().map(|(k, v)| {
                let v = json_tokens(v);
                quote!(#k: #v)
            });
            quote!({ #(#entries),* })
        }
    }
}
