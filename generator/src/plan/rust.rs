//! Rust types as values: each decided once by the plan, then printed as code by the emitters
//! ([`RustType::tokens`]) and as text by the docs pages and the surface ([`Display`]), so that
//! the two spellings cannot drift apart.

use std::fmt;

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::ir::{Api, IntWidth, TimeUnit, Type, TypeId};
use crate::naming::Name;

/// A Rust type of the generated crate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RustType {
    String,
    Int(IntWidth),
    F64,
    Bool,
    /// `serde_json::Value`: any JSON.
    Json,
    /// The crate's `File`, a part of a multipart body.
    File,
    /// `bytes::Bytes`.
    Bytes,
    Vec(Box<RustType>),
    /// `BTreeMap<String, T>`.
    Map(Box<RustType>),
    /// A type of `models`, with its id for the docs pages' links.
    Model(TypeId, Name),
    /// A type declared in the module that uses it (an operation's success enum).
    Local(Name),
    Option(Box<RustType>),
    Box(Box<RustType>),
    /// `()`: a value that is always `null`.
    Unit,
    /// A tuple: a JSON array of these values in this order.
    Tuple(Vec<RustType>),
    /// The crate's `Seconds` or `Millis`: a span of time counted in that unit.
    Duration(TimeUnit),
    /// The crate's `UnixTime<Seconds>` or `UnixTime<Millis>`: a point in time.
    UnixTime(TimeUnit),
}

/// Where code names a type, which decides its path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope<'a> {
    /// Inside `models.rs`: models by their bare names.
    Models,
    /// Elsewhere in the crate, in a file that has `use crate::models;`.
    Crate,
    /// In the user's code (examples), which has `use {krate}::models;`.
    User(&'a str),
}

impl RustType {
    /// The type of a value of `ty`.
    pub fn of(api: &Api, ty: &Type) -> RustType {
        match ty {
            Type::String => RustType::String,
            Type::Integer(width) => RustType::Int(*width),
            Type::Number => RustType::F64,
            Type::Boolean => RustType::Bool,
            Type::Any => RustType::Json,
            Type::File => RustType::File,
            Type::Bytes => RustType::Bytes,
            Type::Array(item) => RustType::Vec(Box::new(RustType::of(api, item))),
            Type::Map(value) => RustType::Map(Box::new(RustType::of(api, value))),
            Type::Named(id) => RustType::Model(*id, Name::new(api.ty(*id).name.clone())),
            Type::Null => RustType::Unit,
            Type::Tuple(items) => {
                RustType::Tuple(items.iter().map(|i| RustType::of(api, i)).collect())
            }
            Type::Duration(unit) => RustType::Duration(*unit),
            Type::UnixTime(unit) => RustType::UnixTime(*unit),
        }
    }

    /// `Option<self>`.
    pub fn optional(self) -> RustType {
        RustType::Option(Box::new(self))
    }

    /// `Box<self>`.
    pub fn boxed(self) -> RustType {
        RustType::Box(Box::new(self))
    }

    /// The type as code in `scope` spells it.
    pub fn tokens(&self, scope: Scope) -> TokenStream {
        match self {
            RustType::String => quote!(String),
            RustType::Int(width) => {
                let width = format_ident!("{}", width.rust());
                quote!(#width)
            }
            RustType::F64 => quote!(f64),
            RustType::Bool => quote!(bool),
            RustType::Json => quote!(serde_json::Value),
            RustType::File => match scope {
                Scope::User(krate) => {
                    let krate = format_ident!("{krate}");
                    quote!(#krate::File)
                }
                _ => quote!(crate::File),
            },
            // User code passes bytes as it reads them from a file: setters take
            // `impl Into<Bytes>`.
            RustType::Bytes => match scope {
                Scope::User(_) => quote!(Vec<u8>),
                _ => quote!(bytes::Bytes),
            },
            RustType::Vec(item) => {
                let item = item.tokens(scope);
                quote!(Vec<#item>)
            }
            RustType::Map(value) => {
                let value = value.tokens(scope);
                quote!(std::collections::BTreeMap<String, #value>)
            }
            RustType::Model(_, name) => match scope {
                Scope::Models => quote!(#name),
                _ => quote!(models::#name),
            },
            RustType::Local(name) => quote!(#name),
            RustType::Option(inner) => {
                let inner = inner.tokens(scope);
                quote!(Option<#inner>)
            }
            RustType::Box(inner) => {
                let inner = inner.tokens(scope);
                quote!(Box<#inner>)
            }
            RustType::Unit => quote!(()),
            RustType::Tuple(items) => {
                let items = items.iter().map(|item| item.tokens(scope));
                quote!((#(#items,)*))
            }
            RustType::Duration(unit) => time_type(scope, unit.rust()),
            RustType::UnixTime(unit) => {
                let (time, unit) = (time_type(scope, "UnixTime"), time_type(scope, unit.rust()));
                quote!(#time<#unit>)
            }
        }
    }

    /// Whether a value of this type refers to a model.
    pub fn names_model(&self) -> bool {
        match self {
            RustType::Model(..) => true,
            RustType::Vec(inner)
            | RustType::Map(inner)
            | RustType::Option(inner)
            | RustType::Box(inner) => inner.names_model(),
            RustType::Tuple(items) => items.iter().any(RustType::names_model),
            _ => false,
        }
    }

    /// The pieces of the text form, each model apart, for a renderer that links models.
    pub fn pieces(&self) -> Vec<Piece<'_>> {
        let mut pieces = Vec::new();
        self.push_pieces(&mut pieces);
        pieces
    }

    fn push_pieces<'a>(&'a self, out: &mut Vec<Piece<'a>>) {
        let wrap = |out: &mut Vec<Piece<'a>>, outer: &'static str, inner: &'a RustType| {
            out.push(Piece::Text(outer));
            inner.push_pieces(out);
            out.push(Piece::Text(">"));
        };
        match self {
            RustType::Model(id, name) => out.push(Piece::Model(*id, name)),
            RustType::Vec(inner) => wrap(out, "Vec<", inner),
            RustType::Map(inner) => wrap(out, "BTreeMap<String, ", inner),
            RustType::Option(inner) => wrap(out, "Option<", inner),
            RustType::Box(inner) => wrap(out, "Box<", inner),
            RustType::Local(name) => out.push(Piece::Name(name)),
            RustType::Int(width) => out.push(Piece::Text(width.rust())),
            RustType::String => out.push(Piece::Text("String")),
            RustType::F64 => out.push(Piece::Text("f64")),
            RustType::Bool => out.push(Piece::Text("bool")),
            RustType::Json => out.push(Piece::Text("serde_json::Value")),
            RustType::File => out.push(Piece::Text("File")),
            RustType::Bytes => out.push(Piece::Text("Bytes")),
            RustType::Unit => out.push(Piece::Text("()")),
            RustType::Duration(unit) => out.push(Piece::Text(unit.rust())),
            RustType::UnixTime(unit) => {
                out.push(Piece::Text("UnixTime<"));
                out.push(Piece::Text(unit.rust()));
                out.push(Piece::Text(">"));
            }
            // Rust's spelling: `(A, B)`, and `(A,)` for one.
            RustType::Tuple(items) => {
                out.push(Piece::Text("("));
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(Piece::Text(", "));
                    }
                    item.push_pieces(out);
                }
                out.push(Piece::Text(if items.len() == 1 { ",)" } else { ")" }));
            }
        }
    }
}

/// A type of the runtime's `time` module, which the crate root re-exports, as code in `scope`
/// names it: through the crate root, so that a model of the same name cannot shadow it.
fn time_type(scope: Scope, name: &str) -> TokenStream {
    let name = format_ident!("{name}");
    match scope {
        Scope::User(krate) => {
            let krate = format_ident!("{krate}");
            quote!(#krate::#name)
        }
        _ => quote!(crate::#name),
    }
}

/// A piece of a type's text: plain text, a local name, or a model (which docs pages link).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Piece<'a> {
    Text(&'static str),
    Name(&'a Name),
    Model(TypeId, &'a Name),
}

/// The type as people read it in docs and in `api-surface.json`: without paths but those
/// that tell it apart (`serde_json::Value`).
impl fmt::Display for RustType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for piece in self.pieces() {
            match piece {
                Piece::Text(text) => f.write_str(text)?,
                Piece::Name(name) | Piece::Model(_, name) => f.write_str(name.as_str())?,
            }
        }
        Ok(())
    }
}

/// How a method argument or setter takes a value of its input's type, with that type. The
/// generated code, the docs pages and `api-surface.json` all print it from here.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Parameter {
    /// The type itself: integers (with `impl Into<u32>`, the literal `10` would fall back to
    /// `i32` and not compile), booleans and files.
    Exact(RustType),
    /// `impl Into<T>`: strings, models, bytes and `f64` (which integer literals convert into).
    Into(RustType),
    /// `impl IntoIterator<Item = …>`, each item taken as this says: an array.
    Items(Box<Parameter>),
    /// `impl IntoIterator<Item = (impl Into<String>, …)>`, each value taken as this says: a
    /// map.
    Entries(Box<Parameter>),
    /// `impl serde::Serialize`: a value that holds any JSON, or an array or map of them,
    /// converted when set. A value that cannot be converted makes `send()` fail with a
    /// configuration error, and nothing is sent.
    Json,
}

impl Parameter {
    /// How a value of `ty` is taken.
    pub fn of(api: &Api, ty: &Type) -> Parameter {
        fn any(ty: &Type) -> bool {
            match ty {
                Type::Any => true,
                Type::Array(item) | Type::Map(item) => any(item),
                _ => false,
            }
        }
        if any(ty) {
            return Parameter::Json;
        }
        match ty {
            // A span takes a count or a `Duration`, a time a count or a `SystemTime`.
            Type::String
            | Type::Number
            | Type::Named(_)
            | Type::Bytes
            | Type::Duration(_)
            | Type::UnixTime(_) => Parameter::Into(RustType::of(api, ty)),
            Type::Integer(_)
            | Type::Boolean
            | Type::File
            | Type::Any
            | Type::Null
            | Type::Tuple(_) => Parameter::Exact(RustType::of(api, ty)),
            Type::Array(item) => Parameter::Items(Box::new(Parameter::of(api, item))),
            Type::Map(value) => Parameter::Entries(Box::new(Parameter::of(api, value))),
        }
    }

    /// The parameter's type as code in `scope` spells it.
    pub fn tokens(&self, scope: Scope) -> TokenStream {
        match self {
            Parameter::Exact(ty) => ty.tokens(scope),
            Parameter::Into(ty) => {
                let ty = ty.tokens(scope);
                quote!(impl Into<#ty>)
            }
            Parameter::Items(item) => {
                let item = item.tokens(scope);
                quote!(impl IntoIterator<Item = #item>)
            }
            Parameter::Entries(value) => {
                let value = value.tokens(scope);
                quote!(impl IntoIterator<Item = (impl Into<String>, #value)>)
            }
            Parameter::Json => quote!(impl serde::Serialize),
        }
    }
}

/// The parameter's type as users read it: `impl IntoIterator<Item = impl Into<String>>`.
impl fmt::Display for Parameter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Parameter::Exact(ty) => write!(f, "{ty}"),
            Parameter::Into(ty) => write!(f, "impl Into<{ty}>"),
            Parameter::Items(item) => write!(f, "impl IntoIterator<Item = {item}>"),
            Parameter::Entries(value) => {
                write!(f, "impl IntoIterator<Item = (impl Into<String>, {value})>")
            }
            Parameter::Json => f.write_str("impl Serialize"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Parameter, RustType, Scope};
    use crate::ir::{IntWidth, TypeId};
    use crate::naming::Name;

    #[test]
    fn a_type_prints_as_code_by_scope_and_as_text_once() {
        let pet = || RustType::Model(TypeId(0), Name::new("Pet".into()));
        let ty = RustType::Map(Box::new(RustType::Vec(Box::new(pet())))).optional();
        let code = |scope| ty.tokens(scope).to_string().replace(' ', "");
        assert_eq!(
            code(Scope::Models),
            "Option<std::collections::BTreeMap<String,Vec<Pet>>>"
        );
        assert_eq!(
            code(Scope::Crate),
            "Option<std::collections::BTreeMap<String,Vec<models::Pet>>>"
        );
        assert_eq!(ty.to_string(), "Option<BTreeMap<String, Vec<Pet>>>");
        let bytes = RustType::Bytes;
        assert_eq!(bytes.to_string(), "Bytes");
        assert_eq!(bytes.tokens(Scope::User("k")).to_string(), "Vec < u8 >");
        let file = RustType::File.tokens(Scope::User("my_sdk")).to_string();
        assert_eq!(file, "my_sdk :: File");
    }

    #[test]
    fn a_parameter_prints_what_it_takes() {
        let param = Parameter::Entries(Box::new(Parameter::Items(Box::new(Parameter::Exact(
            RustType::Int(IntWidth::U32),
        )))));
        assert_eq!(
            param.to_string(),
            "impl IntoIterator<Item = (impl Into<String>, impl IntoIterator<Item = u32>)>"
        );
        assert_eq!(
            Parameter::Json.tokens(Scope::Crate).to_string(),
            "impl serde :: Serialize"
        );
    }
}
