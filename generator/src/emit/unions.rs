//! A `oneOf`/`anyOf` of `src/models.rs`: an enum with a variant per branch and a catch-all
//! for values that match none, decoded by the discriminator property or else by trying each
//! branch in turn.

use proc_macro2::TokenStream;
use quote::quote;

use super::doc;
use super::models::{is_known, type_doc};
use crate::plan::{Model, RustType, Scope, UnionPlan, UnionVariantPlan};

pub(super) fn model_union(model: &Model, plan: &UnionPlan) -> TokenStream {
    let name = &model.name;
    let docs = doc(&type_doc(model));
    let unknown = &plan.catch_all;
    let names: Vec<_> = plan.variants.iter().map(|v| &v.name).collect();
    let variants = plan.variants.iter().map(variant);
    let is_known = (plan.is_known.as_ref()).map(|gate| is_known(model, unknown, gate));
    let how = match &plan.union.discriminator {
        Some(property) => format!("Its `{property}` property tells which variant a value is."),
        None => "A value is the first variant it decodes as.".to_owned(),
    };
    let how = doc(&how);
    // The variants are the document's shapes, as they are: boxing a large one would make
    // every match on them clumsier for what one value costs.
    let large = plan
        .large
        .then(|| quote!(#[allow(clippy::large_enum_variant)]));
    let froms = froms(model, plan);
    let display = plan.display.then(|| display(model, plan));
    let decode = decode(plan);
    quote! {
        #docs
        ///
        #how
        /// A value that is none of them decodes into the catch-all variant rather than failing.
        #[derive(Debug, Clone, PartialEq)]
        #[non_exhaustive]
        #large
        pub enum #name {
            #(#variants)*
            /// A value that matches none of the variants.
            #unknown(serde_json::Value),
        }

        #is_known
        #froms
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
fn variant(v: &UnionVariantPlan) -> TokenStream {
    let (name, ty) = (&v.name, v.ty.tokens(Scope::Models));
    let what = match &v.ty {
        RustType::String => "A string.".to_owned(),
        RustType::Int(_) => "An integer.".to_owned(),
        RustType::F64 => "A number.".to_owned(),
        RustType::Bool => "A boolean.".to_owned(),
        RustType::Vec(_) => "An array.".to_owned(),
        RustType::Map(_) => "A map.".to_owned(),
        RustType::Model(_, model) => format!("A [`{model}`]."),
        RustType::Unit => "`null`.".to_owned(),
        RustType::Tuple(_) => "A list of values by position.".to_owned(),
        _ => "Any value.".to_owned(),
    };
    let text = match v.variant.tags.as_slice() {
        [] => what,
        tags => {
            let tags: Vec<String> = tags.iter().map(|t| format!("`{t}`")).collect();
            format!("{what} Selected by {}.", tags.join(", "))
        }
    };
    let docs = doc(&text);
    quote!(#docs #name(#ty),)
}

/// `From` each variant's type the plan allows, so that a setter taking `impl Into<Union>` takes
/// the value of a variant.
fn froms(model: &Model, plan: &UnionPlan) -> TokenStream {
    let name = &model.name;
    let froms = plan.variants.iter().filter(|v| v.from).map(|v| {
        let (variant, ty) = (&v.name, v.ty.tokens(Scope::Models));
        quote! {
            impl From<#ty> for #name {
                fn from(value: #ty) -> Self {
                    Self::#variant(value)
                }
            }
        }
    });
    quote!(#(#froms)*)
}

/// `Display` of a union of text-like values, which can then be a path, query or header
/// parameter: it is written as its value is (a string without quotes).
fn display(model: &Model, plan: &UnionPlan) -> TokenStream {
    let name = &model.name;
    let unknown = &plan.catch_all;
    let names = plan.variants.iter().map(|v| &v.name);
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
}

/// The body of a union's `Deserialize`: by the discriminator property, else the first
/// variant that decodes (one with a catch-all only when it knows the value).
fn decode(plan: &UnionPlan) -> TokenStream {
    let unknown = &plan.catch_all;
    match (&plan.union.discriminator, plan.tagged) {
        (Some(property), true) => {
            let tagged = plan.variants.iter().filter(|v| !v.variant.tags.is_empty());
            let arms = tagged.map(|v| {
                let (tags, name) = (&v.variant.tags, &v.name);
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
            let tries = plan.variants.iter().map(|v| {
                let (name, ty) = (&v.name, v.ty.tokens(Scope::Models));
                let known = v.known_only.then(|| quote!(if decoded.is_known()));
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
