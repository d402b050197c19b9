//! `src/webhooks.rs`: the enum of every event the API sends, decoded by the property that names
//! the event, with a catch-all that keeps an event this version does not know; and the
//! verifier of deliveries, re-exported from the runtime when the config names a scheme.

use proc_macro2::TokenStream;
use quote::quote;

use super::{doc, inner_doc, paragraphs, spec};
use crate::plan::{EventPlan, Scope, WebhooksPlan};

/// `src/webhooks.rs`: the module's docs, the verifier's re-exports when the config names a
/// scheme, the enum of events with its `name()`, and its `Serialize` and `Deserialize`.
pub fn webhooks_rs(plan: &WebhooksPlan) -> TokenStream {
    let module_doc = inner_doc(&module_doc(plan));
    let verifier = plan.scheme.is_some().then(|| {
        let exports = (crate::runtime::WEBHOOK_EXPORTS.iter()).map(|e| quote::format_ident!("{e}"));
        quote!(pub use crate::runtime::webhooks::{#(#exports),*};)
    });
    let uses_models = plan.events.iter().any(|e| e.payload.names_model());
    let models = uses_models.then(|| {
        quote!(
            use crate::models;
        )
    });
    let event_enum = event_enum(plan);
    let name_fn = name_fn(plan);
    let serialize = serialize(plan);
    let deserialize = deserialize(plan);
    quote! {
        #module_doc
        #models
        use serde::{Deserialize, Serialize};

        #verifier

        #event_enum

        #name_fn

        #serialize
        #deserialize
    }
}

/// The enum of events: a variant per webhook, and the catch-all that keeps an event this
/// version does not know with its name and whole payload.
fn event_enum(plan: &WebhooksPlan) -> TokenStream {
    let (name, unknown, dispatch) = (&plan.name, &plan.catch_all, &plan.dispatch);
    let enum_doc = doc(&format!(
        "An event the API sends, told apart by its `{dispatch}` property: a variant per \
         webhook of the API description, and [`{name}::{unknown}`] for an event this version \
         does not know, kept rather than refused, so that a newer sender's events do not fail."
    ));
    let large = plan
        .large
        .then(|| quote!(#[allow(clippy::large_enum_variant)]));
    let variants = plan.events.iter().map(variant);
    let unknown_doc = doc(&format!(
        "An event this version does not know, by the name its `{dispatch}` property gives."
    ));
    quote! {
        #enum_doc
        #[derive(Debug, Clone, PartialEq)]
        #[non_exhaustive]
        #large
        pub enum #name {
            #(#variants)*
            #unknown_doc
            #unknown {
                /// The event's name.
                event: String,
                /// The whole payload, as it arrived.
                payload: serde_json::Value,
            },
        }
    }
}

/// `name()`: an event's name, the value of its dispatch property, known or not.
fn name_fn(plan: &WebhooksPlan) -> TokenStream {
    let (name, unknown, dispatch) = (&plan.name, &plan.catch_all, &plan.dispatch);
    let names = plan.events.iter().map(|e| &e.variant);
    let events = plan.events.iter().map(|e| &e.event);
    let name_doc = doc(&format!(
        "The event's name, the value of its `{dispatch}` property."
    ));
    quote! {
        impl #name {
            #name_doc
            pub fn name(&self) -> &str {
                match self {
                    #(Self::#names(_) => #events,)*
                    Self::#unknown { event, .. } => event,
                }
            }
        }
    }
}

/// The module's documentation: what the events are and how a delivery is verified.
fn module_doc(plan: &WebhooksPlan) -> String {
    let (name, dispatch) = (&plan.name, &plan.dispatch);
    let events = format!(
        "The events the API sends to an application's endpoint: one variant of [`{name}`] per \
         webhook, told apart by the payload's `{dispatch}` property."
    );
    let verify = plan.scheme.map(|scheme| {
        let prefix = scheme.header_prefix();
        format!(
            "[`WebhookVerifier`] checks that a delivery was signed with the endpoint's secret \
             (HMAC-SHA256, in the `{prefix}-id`, `{prefix}-timestamp` and `{prefix}-signature` \
             headers, as Standard Webhooks and Svix sign them) and recently, and only then \
             decodes its body: `let event: {name} = verifier.verify(&headers, &body)?;`."
        )
    });
    paragraphs([Some(events.as_str()), verify.as_deref()])
}

/// An event's variant, documented with its name and the document's description.
fn variant(event: &EventPlan) -> TokenStream {
    let webhook = event.webhook;
    let (name, ty) = (&event.variant, event.payload.tokens(Scope::Crate));
    let heading = format!("The `{}` event.", event.event);
    let summary = spec(webhook.summary.as_deref());
    let description = spec(webhook.description.as_deref());
    let docs = doc(&paragraphs([
        Some(heading.as_str()),
        summary.as_deref(),
        description.as_deref(),
    ]));
    let deprecated = webhook.deprecated.then(|| quote!(#[deprecated]));
    quote! {
        #docs
        #deprecated
        #name(#ty),
    }
}

/// An event serializes as its payload.
fn serialize(plan: &WebhooksPlan) -> TokenStream {
    let (name, unknown) = (&plan.name, &plan.catch_all);
    let names = plan.events.iter().map(|e| &e.variant);
    quote! {
        impl Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                match self {
                    #(Self::#names(payload) => payload.serialize(serializer),)*
                    Self::#unknown { payload, .. } => payload.serialize(serializer),
                }
            }
        }
    }
}

/// An event decodes by its dispatch property: a known name as its payload's type (an error
/// names the path of the problem inside it), any other into the catch-all.
fn deserialize(plan: &WebhooksPlan) -> TokenStream {
    let (name, unknown, dispatch) = (&plan.name, &plan.catch_all, &plan.dispatch);
    let arms = plan.events.iter().map(|e| {
        let (event, variant) = (&e.event, &e.variant);
        quote!(#event => crate::runtime::codec::variant(value).map(Self::#variant),)
    });
    let missing = format!("an event needs a string `{dispatch}` property that names it");
    quote! {
        impl<'de> Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = serde_json::Value::deserialize(deserializer)?;
                let Some(event) = value.get(#dispatch).and_then(serde_json::Value::as_str) else {
                    return Err(serde::de::Error::custom(#missing));
                };
                match event {
                    #(#arms)*
                    other => Ok(Self::#unknown {
                        event: other.to_owned(),
                        payload: value,
                    }),
                }
            }
        }
    }
}
