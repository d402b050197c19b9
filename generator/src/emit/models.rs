//! `src/models.rs`: one struct or enum per model of the plan, and the aliases.

use proc_macro2::TokenStream;
use quote::quote;

use super::features::{cfg, gated};
use super::{constraints_doc, doc, paragraphs, redacting_debug, sanitize, spec};
use crate::ir::{Branch, Choice, Position};
use crate::plan::{
    About, AliasPlan, Codec, EnumPlan, FieldPlan, Gate, Model, ModelKind, Place, Plan, Presence,
    Scope, StructPlan,
};

pub fn models_rs(plan: &Plan) -> TokenStream {
    // Each model and alias behind its features, with its impls.
    let types = plan.models.iter().map(|model| {
        let items = match &model.kind {
            ModelKind::Struct(plan) => model_struct(model, plan),
            ModelKind::Enum(plan) => model_enum(model, plan),
            ModelKind::Union(union) => super::unions::model_union(model, union),
        };
        gated(&model.gate, items)
    });
    let aliases = (plan.aliases.iter()).map(|alias| gated(&alias.gate, model_alias(alias)));
    // Every model derives or implements both traits: the `use` is needed whenever a model is
    // compiled.
    let uses = (!plan.models.is_empty()).then(|| {
        let cfg = cfg(&Gate::union(plan.models.iter().map(|m| &m.gate)));
        quote!(
            #cfg
            use serde::{Deserialize, Serialize};
        )
    });
    // `Debug` of a type with a secret prints `runtime::Redacted` in its place.
    let secrets: Vec<&Gate> = (plan.models.iter())
        .filter(|m| matches!(&m.kind, ModelKind::Struct(s) if s.secret))
        .map(|m| &m.gate)
        .collect();
    let runtime = (!secrets.is_empty()).then(|| {
        let cfg = cfg(&Gate::union(secrets));
        quote!(
            #cfg
            use crate::runtime;
        )
    });
    let error_bodies = super::error_bodies::impls(plan);
    quote! {
        //! The request and response bodies of every operation.
        #uses
        #runtime
        #(#types)*
        #(#aliases)*
        #error_bodies
    }
}

/// Another name of a type: the name of a place that has its shape (a named schema's inline
/// place, or a copy of its shape).
fn model_alias(alias: &AliasPlan) -> TokenStream {
    let (name, target) = (&alias.name, &alias.target);
    let place = sanitize(&place_doc(&alias.place));
    let text = format!(
        "{}: [`{target}`], the one type of this shape, under the name of this place.",
        place.trim_end_matches('.')
    );
    let docs = doc(&text);
    quote! {
        #docs
        pub type #name = #target;
    }
}

fn model_struct(model: &Model, plan: &StructPlan) -> TokenStream {
    let name = &model.name;
    let docs = doc(&type_doc(model));
    let debug = plan.secret.then(|| {
        let marked: Vec<_> = (plan.fields.iter())
            .map(|f| (f.name.as_str(), f.sensitive))
            .collect();
        redacting_debug(quote!(#name), name.as_str(), &marked)
    });
    let derive_debug = (!plan.secret).then(|| quote!(Debug,));
    let constructor = constructor(model, plan);
    let derive_default = plan.default.then(|| quote!(Default,));
    let fields = plan.fields.iter().map(model_field);
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
/// unset (`None`). A struct without required fields has `Default` instead, which clippy
/// prefers to an argument-less `new`.
fn constructor(model: &Model, plan: &StructPlan) -> Option<TokenStream> {
    if plan.default {
        return None;
    }
    let required = || (plan.fields.iter()).filter(|f| f.presence == Presence::Required);
    let args = required().map(|f| {
        let (field, ty) = (&f.name, f.value.tokens(Scope::Models));
        quote!(#field: #ty)
    });
    let inits = plan.fields.iter().map(|f| {
        let field = &f.name;
        match f.presence {
            Presence::Required if f.field.boxed => quote!(#field: Box::new(#field),),
            Presence::Required => quote!(#field,),
            _ => quote!(#field: None,),
        }
    });
    let many = (required().count() > 7).then(|| quote!(#[allow(clippy::too_many_arguments)]));
    let name = &model.name;
    Some(quote! {
        impl #name {
            /// A value with the required fields; the optional ones are unset.
            #many
            pub fn new(#(#args),*) -> Self {
                Self { #(#inits)* }
            }
        }
    })
}

fn model_field(field: &FieldPlan) -> TokenStream {
    let name = &field.name;
    let ty = field.ty.tokens(Scope::Models);
    let deprecated = field.field.value.deprecated.then(|| quote!(#[deprecated]));
    let wire = &field.field.value.wire;
    let rename = (name.as_str() != wire).then(|| quote!(rename = #wire,));
    let serde = match (field.presence, field.codec) {
        (Presence::Required, _) => quote!(),
        (_, Some(Codec::Nullable)) => {
            quote!(deserialize_with = "crate::runtime::codec::nullable",)
        }
        // A missing field stays `None`; a present one, even `null`, is `Some`.
        (_, Some(Codec::Present)) => quote!(
            default,
            skip_serializing_if = "Option::is_none",
            deserialize_with = "crate::runtime::codec::present",
        ),
        (_, None) => quote!(default, skip_serializing_if = "Option::is_none",),
    };
    let attrs = (rename.is_some() || !serde.is_empty()).then(|| quote!(#[serde(#rename #serde)]));
    let docs = doc(&field_doc(field));
    quote! {
        #docs
        #deprecated
        #attrs
        pub #name: #ty,
    }
}

/// What a field the document requires but does not describe is.
pub(super) const UNDESCRIBED: &str = "Required by the API description, which does not describe it.";

/// A field's rustdoc: the document's text (or a sentence saying what it is), its constraints,
/// what `None` means, its wire name when the Rust name is not that name in snake_case, and a
/// word on secrets.
fn field_doc(field: &FieldPlan) -> String {
    let value = &field.field.value;
    let wire = &value.wire;
    let described = spec(value.doc.as_deref()).unwrap_or_else(|| match field.field.undescribed {
        true => UNDESCRIBED.to_owned(),
        false => format!("The `{wire}` field."),
    });
    paragraphs([
        Some(described.as_str()),
        constraints_doc(&value.hints).as_deref(),
        Some(if field.reads_null_as_none {
            "`None` when the field is absent or `null`."
        } else {
            presence_doc(field.presence)
        }),
        (field.renamed)
            .then(|| format!("Named `{wire}` on the wire."))
            .as_deref(),
        (field.sensitive).then_some("A secret: `Debug` prints it as `<redacted>`."),
    ])
}

fn presence_doc(presence: Presence) -> &'static str {
    match presence {
        Presence::Required => "",
        Presence::RequiredNullable => "Always present; `None` is `null`.",
        Presence::Optional => "`None` leaves the field out.",
        Presence::OptionalNullable => "`None` leaves the field out; `Some(None)` is `null`.",
    }
}

fn model_enum(model: &Model, plan: &EnumPlan) -> TokenStream {
    let name = &model.name;
    let docs = doc(&type_doc(model));
    let unknown = &plan.catch_all;
    let names: Vec<_> = plan.variants.iter().map(|(name, _)| name).collect();
    let wires: Vec<_> = plan.variants.iter().map(|(_, v)| v.wire.as_str()).collect();
    let variant_docs = wires.iter().map(|w| format!(" `{w}`"));
    let is_known = (plan.is_known.as_ref()).map(|gate| is_known(model, unknown, gate));
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

/// `is_known()`, for an enum or union that is a variant of a union told apart by trying each,
/// behind the features of those unions.
pub(super) fn is_known(model: &Model, unknown: &crate::naming::Name, gate: &Gate) -> TokenStream {
    let name = &model.name;
    let cfg = cfg(gate);
    quote! {
        #cfg
        impl #name {
            /// Whether the value is one this crate knows, not the catch-all.
            pub(crate) fn is_known(&self) -> bool {
                !matches!(self, Self::#unknown(_))
            }
        }
    }
}

/// The sentence that names a renamed schema as the document does, for its docs.
pub(crate) fn renamed_doc(model: &Model) -> Option<String> {
    let name = model.renamed_from?;
    Some(sanitize(&format!("The API description names it `{name}`.")))
}

/// The type's rustdoc: the document's description and, for a renamed schema, its name in the
/// document; or else a description from what it is or where it sits.
pub(super) fn type_doc(model: &Model) -> String {
    match model.about {
        About::Given(_) | About::Place(_) => about(model.about),
        described => paragraphs([
            Some(sanitize(&about(described)).as_str()),
            renamed_doc(model).as_deref(),
        ]),
    }
}

/// The sentence that says what a type without a description is.
pub(crate) fn about(about: About) -> String {
    match about {
        About::Doc(text) => text.to_owned(),
        About::Merged(merged) => {
            let keyword = match merged.choice {
                Choice::OneOf => "oneOf",
                Choice::AnyOf => "anyOf",
            };
            match &merged.branch {
                Branch::Component(name) => format!(
                    "The properties beside the `{keyword}`, with those of its branch `{name}`."
                ),
                Branch::Inline(n) => {
                    format!("The properties beside the `{keyword}`, with those of its branch {n}.")
                }
            }
        }
        About::Given(given) if given.path.is_empty() => {
            format!("The shape the API description names `{}`.", given.name)
        }
        About::Given(given) => format!(
            "The `{}` property of the shape the API description names `{}`.",
            given.path.join("."),
            given.name
        ),
        About::Place(place) => place_doc(&place),
    }
}

/// A description of a place in the document: `The `scopes` property of the request body of
/// `createApiKey`.`
fn place_doc(place: &Place) -> String {
    use crate::ir::Origin;
    let op = place.operation.unwrap_or_default();
    let (place, path) = match place.origin {
        Origin::Component { name, path } => (format!("the `{name}` schema"), path),
        Origin::Inline { position, path, .. } => {
            let place = match position {
                Position::Parameter(name) => format!("the `{name}` parameter of `{op}`"),
                Position::RequestBody => format!("the request body of `{op}`"),
                Position::Success => format!("the success response body of `{op}`"),
                Position::Error { status, .. } => format!("the {status} response body of `{op}`"),
            };
            (place, path)
        }
        Origin::Webhook { key, path, .. } => (format!("the payload of the webhook `{key}`"), path),
    };
    match path.last() {
        None => format!("{}{}.", place[..1].to_uppercase(), &place[1..]),
        Some(_) => format!("The `{}` property of {place}.", path.join(".")),
    }
}
