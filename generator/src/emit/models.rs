//! `src/models.rs`: one struct or enum per named type.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::{
    Context, Presence, constraints_doc, doc, paragraphs, redacting_debug, sanitize, spec,
    type_tokens,
};
use crate::ir::{Alias, Field, Origin, Position, TypeDef, TypeKind, Union, Variant};
use crate::naming::{ident, pascal};

pub fn models_rs(cx: &Context) -> TokenStream {
    let types = cx.api.types.iter().map(|ty| match &ty.kind {
        TypeKind::Struct(fields) => model_struct(cx, ty, fields),
        TypeKind::Enum(variants) => model_enum(cx, ty, variants),
        TypeKind::Union(union) => model_union(cx, ty, union),
    });
    let aliases = cx.api.aliases.iter().map(|alias| model_alias(cx, alias));
    // Every model derives or implements both traits.
    let uses = (!cx.api.types.is_empty()).then(|| {
        quote!(
            use serde::{Deserialize, Serialize};
        )
    });
    // `Debug` of a type with a secret prints `runtime::Redacted` in its place.
    let secrets = cx.api.types.iter().any(|ty| match &ty.kind {
        TypeKind::Struct(fields) => fields.iter().any(|f| cx.config.is_sensitive(&f.value.wire)),
        _ => false,
    });
    let runtime = secrets.then(|| {
        quote!(
            use crate::runtime;
        )
    });
    quote! {
        //! The request and response bodies of every operation.
        #uses
        #runtime
        #(#types)*
        #(#aliases)*
    }
}

/// Another name of a type: the name the place of a named schema gives it.
fn model_alias(cx: &Context, alias: &Alias) -> TokenStream {
    let name = format_ident!("{}", alias.name);
    let target = &cx.api.ty(alias.target).name;
    let place = sanitize(&place_doc(cx, &alias.origin));
    let text = format!(
        "{}: an alias of [`{target}`], the name the API description gives this shape, kept \
         so that code using this name still compiles.",
        place.trim_end_matches('.')
    );
    let target = format_ident!("{target}");
    let docs = doc(&text);
    quote! {
        #docs
        pub type #name = #target;
    }
}

fn model_struct(cx: &Context, ty: &TypeDef, fields: &[Field]) -> TokenStream {
    let name = format_ident!("{}", ty.name);
    let docs = type_doc(cx, ty);
    let secret = fields.iter().any(|f| cx.config.is_sensitive(&f.value.wire));
    let debug = secret.then(|| {
        let marked: Vec<_> = fields
            .iter()
            .map(|f| (f.name.as_str(), cx.config.is_sensitive(&f.value.wire)))
            .collect();
        redacting_debug(quote!(#name), &ty.name, &marked)
    });
    let derive_debug = (!secret).then(|| quote!(Debug,));
    let constructor = constructor(cx, &name, fields);
    let derive_default = fields
        .iter()
        .all(|f| Presence::of_field(f) != Presence::Required)
        .then(|| quote!(Default,));
    let fields = fields.iter().map(|field| model_field(cx, field));
    quote! {
        #docs
        ///
        /// Build one with `new`, which takes the required fields, then set the optional ones:
        /// fields may be added in a compatible release, so struct literals are not allowed.
        #[derive(#derive_debug #derive_default Clone, PartialEq, Serialize, Deserialize)]
        #[non_exhaustive]
        pub struct #name {
            #(#fields)*
        }

        #constructor
        #debug
    }
}

/// `new()` with the required fields as arguments, in declaration order; the others start
/// unset (`None`).
fn constructor(cx: &Context, name: &proc_macro2::Ident, fields: &[Field]) -> TokenStream {
    let required: Vec<&Field> = fields
        .iter()
        .filter(|f| Presence::of_field(f) == Presence::Required)
        .collect();
    if required.is_empty() {
        // `Default` gives the same, and clippy asks for it instead of an argument-less `new`.
        return quote!();
    }
    let args = required.iter().map(|f| {
        let field = ident(&f.name);
        let ty = type_tokens(cx.api, &f.value.ty, true);
        quote!(#field: #ty)
    });
    let inits = fields.iter().map(|f| {
        let field = ident(&f.name);
        match Presence::of_field(f) {
            Presence::Required if f.boxed => quote!(#field: Box::new(#field),),
            Presence::Required => quote!(#field,),
            _ => quote!(#field: None,),
        }
    });
    let many = (required.len() > 7).then(|| quote!(#[allow(clippy::too_many_arguments)]));
    quote! {
        impl #name {
            /// A value with the required fields; the optional ones are unset.
            #many
            pub fn new(#(#args),*) -> Self {
                Self { #(#inits)* }
            }
        }
    }
}

fn model_field(cx: &Context, field: &Field) -> TokenStream {
    let name = ident(&field.name);
    let presence = Presence::of_field(field);
    let ty = type_tokens(cx.api, &field.value.ty, true);
    let ty = presence.wrap(if field.boxed { quote!(Box<#ty>) } else { ty });
    let deprecated = field.value.deprecated.then(|| quote!(#[deprecated]));
    let wire = &field.value.wire;
    let rename = (field.name != *wire).then(|| quote!(rename = #wire,));
    let serde = match presence {
        Presence::Required => quote!(),
        Presence::RequiredNullable => quote!(deserialize_with = "crate::runtime::codec::nullable",),
        // A missing field stays `None`; a present one, even `null`, is `Some`.
        Presence::Optional
            if matches!(field.value.ty, crate::ir::Type::Any | crate::ir::Type::Null) =>
        {
            quote!(
                default,
                skip_serializing_if = "Option::is_none",
                deserialize_with = "crate::runtime::codec::present",
            )
        }
        Presence::Optional => quote!(default, skip_serializing_if = "Option::is_none",),
        Presence::OptionalNullable => quote!(
            default,
            skip_serializing_if = "Option::is_none",
            deserialize_with = "crate::runtime::codec::present",
        ),
    };
    let attrs = (rename.is_some() || !serde.is_empty()).then(|| quote!(#[serde(#rename #serde)]));
    let described =
        spec(field.value.doc.as_deref()).unwrap_or_else(|| format!("The `{wire}` field."));
    let text = paragraphs([
        Some(described.as_str()),
        constraints_doc(&field.value.hints).as_deref(),
        Some(if Presence::reads_null_as_none(field) {
            "`None` when the field is absent or `null`."
        } else {
            presence_doc(presence)
        }),
        (crate::naming::snake(wire) != field.name)
            .then(|| format!("Named `{wire}` on the wire."))
            .as_deref(),
        cx.config
            .is_sensitive(wire)
            .then_some("A secret: `Debug` prints it as `<redacted>`."),
    ]);
    let docs = doc(&text);
    quote! {
        #docs
        #deprecated
        #attrs
        pub #name: #ty,
    }
}

fn presence_doc(presence: Presence) -> &'static str {
    match presence {
        Presence::Required => "",
        Presence::RequiredNullable => "Always present; `None` is `null`.",
        Presence::Optional => "`None` leaves the field out.",
        Presence::OptionalNullable => "`None` leaves the field out; `Some(None)` is `null`.",
    }
}

fn model_enum(cx: &Context, ty: &TypeDef, variants: &[Variant]) -> TokenStream {
    let name = format_ident!("{}", ty.name);
    let docs = type_doc(cx, ty);
    let unknown = format_ident!(
        "{}",
        crate::naming::catch_all(variants.iter().map(|v| v.name.as_str()))
    );
    let names: Vec<_> = variants
        .iter()
        .map(|v| format_ident!("{}", v.name))
        .collect();
    let wires: Vec<_> = variants.iter().map(|v| v.wire.as_str()).collect();
    let variant_docs = wires.iter().map(|w| format!(" `{w}`"));
    let is_known = known_method(cx, ty, &unknown);
    quote! {
        #docs
        ///
        /// Values this version of the crate does not know decode into the catch-all variant
        /// rather than failing, so a new value on the server breaks no client.
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum #name {
            #(#[doc = #variant_docs] #names,)*
            /// A value this version of the crate does not know.
            #unknown(String),
        }

        impl #name {
            /// The value as sent on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    #(Self::#names => #wires,)*
                    Self::#unknown(value) => value,
                }
            }
        }

        #is_known

        impl std::fmt::Display for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = String::deserialize(deserializer)?;
                let decoded = match value.as_str() {
                    #(#wires => Self::#names,)*
                    _ => Self::#unknown(value),
                };
                Ok(decoded)
            }
        }
    }
}

/// A `oneOf`/`anyOf`: an enum with a variant per branch and a catch-all for values that
/// match none, decoded by the discriminator property or else by trying each branch in turn.
fn model_union(cx: &Context, ty: &TypeDef, union: &Union) -> TokenStream {
    let name = format_ident!("{}", ty.name);
    let docs = type_doc(cx, ty);
    let unknown = format_ident!(
        "{}",
        crate::naming::catch_all(union.variants.iter().map(|v| v.name.as_str()))
    );
    let names: Vec<_> = union
        .variants
        .iter()
        .map(|v| format_ident!("{}", v.name))
        .collect();
    let variants = (union.variants.iter())
        .zip(&names)
        .map(|(v, name)| union_variant(cx, v, name));
    let decode = union_decode(cx, union, &names, &unknown);
    let is_known = known_method(cx, ty, &unknown);
    // `From` each variant's type, so that a setter taking `impl Into<Union>` takes the value of
    // a variant; not for a type two variants share, nor for any JSON (the catch-all's).
    let froms = (union.variants.iter().zip(&names))
        .filter(|(v, _)| {
            v.ty != crate::ir::Type::Any
                && union.variants.iter().filter(|w| w.ty == v.ty).count() == 1
        })
        .map(|(v, variant)| {
            let variant_ty = type_tokens(cx.api, &v.ty, true);
            quote! {
                impl From<#variant_ty> for #name {
                    fn from(value: #variant_ty) -> Self {
                        Self::#variant(value)
                    }
                }
            }
        });
    // A union of text-like values can be a path, query or header parameter: it is written as
    // its value is (a string without quotes).
    let display = union
        .variants
        .iter()
        .all(|v| super::textual(cx.api, &v.ty, true))
        .then(|| {
            quote! {
                impl std::fmt::Display for #name {
                    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        match self {
                            #(Self::#names(value) => std::fmt::Display::fmt(value, f),)*
                            Self::#unknown(serde_json::Value::String(value)) => f.write_str(value),
                            Self::#unknown(value) => std::fmt::Display::fmt(value, f),
                        }
                    }
                }
            }
        });
    let how = match &union.discriminator {
        Some(property) => format!("Its `{property}` property tells which variant a value is."),
        None => "A value is the first variant it decodes as.".to_owned(),
    };
    let how = doc(&how);
    quote! {
        #docs
        ///
        #how
        /// A value that is none of them decodes into the catch-all variant rather than failing.
        #[derive(Debug, Clone, PartialEq)]
        #[non_exhaustive]
        // The variants are the document's shapes, as they are: boxing the large ones would
        // make every match on them clumsier for what one value costs.
        #[allow(clippy::large_enum_variant)]
        pub enum #name {
            #(#variants)*
            /// A value that matches none of the variants.
            #unknown(serde_json::Value),
        }

        #is_known
        #(#froms)*
        #display

        impl Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                match self {
                    #(Self::#names(value) => value.serialize(serializer),)*
                    Self::#unknown(value) => value.serialize(serializer),
                }
            }
        }

        impl<'de> Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = serde_json::Value::deserialize(deserializer)?;
                #decode
            }
        }
    }
}

/// A union's variant for a branch, with a doc that says what it holds and what selects it.
fn union_variant(
    cx: &Context,
    v: &crate::ir::UnionVariant,
    name: &proc_macro2::Ident,
) -> TokenStream {
    let ty = type_tokens(cx.api, &v.ty, true);
    let what = match v.ty {
        crate::ir::Type::String => "A string.".to_owned(),
        crate::ir::Type::Integer(_) => "An integer.".to_owned(),
        crate::ir::Type::Number => "A number.".to_owned(),
        crate::ir::Type::Boolean => "A boolean.".to_owned(),
        crate::ir::Type::Array(_) => "An array.".to_owned(),
        crate::ir::Type::Map(_) => "A map.".to_owned(),
        crate::ir::Type::Any | crate::ir::Type::File | crate::ir::Type::Bytes => {
            "Any value.".to_owned()
        }
        crate::ir::Type::Null => "`null`.".to_owned(),
        crate::ir::Type::Tuple(_) => "A list of values by position.".to_owned(),
        crate::ir::Type::Named(id) => format!("A [`{}`].", cx.api.ty(id).name),
    };
    let text = match v.tags.as_slice() {
        [] => what,
        tags => {
            let tags: Vec<String> = tags.iter().map(|t| format!("`{t}`")).collect();
            format!("{what} Selected by {}.", tags.join(", "))
        }
    };
    let docs = doc(&text);
    quote!(#docs #name(#ty),)
}

/// The body of a union's `Deserialize`: by the discriminator property, else the first
/// variant that decodes (one with a catch-all only when it knows the value).
fn union_decode(
    cx: &Context,
    union: &Union,
    names: &[proc_macro2::Ident],
    unknown: &proc_macro2::Ident,
) -> TokenStream {
    // A discriminator no variant has a value for (inline variants without a `mapping`)
    // selects nothing: each variant is tried instead.
    let tagged = union.variants.iter().any(|v| !v.tags.is_empty());
    match &union.discriminator {
        Some(property) if tagged => {
            let arms = union.variants.iter().zip(names).filter(|(v, _)| !v.tags.is_empty()).map(|(v, name)| {
                let tags = &v.tags;
                quote!(Some(#(#tags)|*) => crate::runtime::codec::variant(value).map(Self::#name),)
            });
            quote! {
                match value.get(#property).and_then(serde_json::Value::as_str) {
                    #(#arms)*
                    _ => Ok(Self::#unknown(value)),
                }
            }
        }
        _ => {
            let tries = union.variants.iter().zip(names).map(|(v, name)| {
                let ty = type_tokens(cx.api, &v.ty, true);
                // An enum or union with a catch-all accepts anything of its kind: only a value
                // it knows picks this variant.
                let known = catch_all(cx, &v.ty).then(|| quote!(if decoded.is_known()));
                quote! {
                    if let Ok(decoded) = serde_json::from_value::<#ty>(value.clone()) {
                        #known {
                            return Ok(Self::#name(decoded));
                        }
                    }
                }
            });
            quote! {
                #(#tries)*
                Ok(Self::#unknown(value))
            }
        }
    }
}

/// Whether a type has a catch-all variant (string enums and unions).
fn catch_all(cx: &Context, ty: &crate::ir::Type) -> bool {
    matches!(ty, crate::ir::Type::Named(id) if !matches!(cx.api.ty(*id).kind, TypeKind::Struct(_)))
}

/// `is_known()`, for an enum or union that is a branch of a union without discriminator.
fn known_method(cx: &Context, ty: &TypeDef, unknown: &proc_macro2::Ident) -> Option<TokenStream> {
    let used = cx.api.types.iter().any(|t| match &t.kind {
        TypeKind::Union(u) if u.discriminator.is_none() => u
            .variants
            .iter()
            .any(|v| matches!(&v.ty, crate::ir::Type::Named(id) if cx.api.ty(*id).name == ty.name)),
        _ => false,
    });
    let name = format_ident!("{}", ty.name);
    used.then(|| {
        quote! {
            impl #name {
                /// Whether the value is one this crate knows, not the catch-all.
                pub(crate) fn is_known(&self) -> bool {
                    !matches!(self, Self::#unknown(_))
                }
            }
        }
    })
}

/// The document's name for a component schema whose Rust name is not that name in
/// PascalCase: reserved (`Option` → `Option_`) or made an identifier (`2fa` → `V2fa`).
pub(crate) fn renamed_schema(ty: &TypeDef) -> Option<&str> {
    match &ty.origin {
        Origin::Component { name, path } if path.is_empty() && pascal(name) != ty.name => {
            Some(name)
        }
        _ => None,
    }
}

/// The sentence that names a renamed schema as the document does, for its docs.
pub(crate) fn renamed_doc(ty: &TypeDef) -> Option<String> {
    renamed_schema(ty).map(|name| sanitize(&format!("The API description names it `{name}`.")))
}

/// The type's docs: the document's description and, for a renamed schema, its name in the
/// document; or else a description from where it sits.
fn type_doc(cx: &Context, ty: &TypeDef) -> TokenStream {
    let text = match spec(ty.doc.as_deref()) {
        Some(text) => paragraphs([Some(text.as_str()), renamed_doc(ty).as_deref()]),
        None => match &ty.given {
            Some(given) if given.path.is_empty() => {
                format!("The shape the API description names `{}`.", given.name)
            }
            Some(given) => format!(
                "The `{}` property of the shape the API description names `{}`.",
                given.path.join("."),
                given.name
            ),
            None => place_doc(cx, &ty.origin),
        },
    };
    doc(&text)
}

/// A description of a place in the document: `The `scopes` property of the request body of
/// `createApiKey`.`
fn place_doc(cx: &Context, origin: &Origin) -> String {
    let (place, path) = match origin {
        Origin::Component { name, path } => (format!("the `{name}` schema"), path),
        Origin::Inline {
            operation,
            position,
            path,
            ..
        } => {
            let op = &cx.api.operations[*operation].id;
            let place = match position {
                Position::Parameter(name) => format!("the `{name}` parameter of `{op}`"),
                Position::RequestBody => format!("the request body of `{op}`"),
                Position::Success => format!("the success response body of `{op}`"),
                Position::Error { status, .. } => format!("the {status} response body of `{op}`"),
            };
            (place, path)
        }
    };
    match path.last() {
        None => format!("{}{}.", place[..1].to_uppercase(), &place[1..]),
        Some(_) => format!("The `{}` property of {place}.", path.join(".")),
    }
}
