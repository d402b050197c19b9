//! The plan of a crate's webhooks: the `webhooks` module with its enum of every event, the
//! property of a payload that says which event it is, the value of that property for each
//! event, and the verifier of the scheme the config names.

use std::collections::BTreeSet;

use super::{RustType, size};
use crate::config::{Config, WebhookScheme};
use crate::error::{Error, Result};
use crate::ir::{Api, Type, TypeKind, Webhook};
use crate::naming::Name;
use crate::runtime::Module;

/// The webhooks of the crate.
#[derive(Debug)]
pub struct WebhooksPlan<'a> {
    /// `webhooks`: the module, and the file name of its docs page.
    pub module: Name,
    /// `Event`: the enum of every event, in the module.
    pub name: Name,
    /// The enum's variant for an event this version does not know: `Unknown`.
    pub catch_all: Name,
    /// The payload's property that carries the event's name (`type`), by its wire name.
    pub dispatch: String,
    /// How deliveries are signed; `None`: the crate has no verifier.
    pub scheme: Option<WebhookScheme>,
    /// Whether a variant is larger than the others by enough for clippy's
    /// `large_enum_variant`.
    pub large: bool,
    /// In document order.
    pub events: Vec<EventPlan<'a>>,
    /// The features of the module: `webhooks` beside a client, always without one.
    pub gate: super::Gate,
}

/// One event: a webhook of the document and its variant of the enum.
#[derive(Debug)]
pub struct EventPlan<'a> {
    pub webhook: &'a Webhook,
    /// The value of the dispatch property that makes a payload this event: the one value
    /// the payload's schema allows there, else the webhook's key (`user.created`).
    pub event: String,
    /// `UserCreated`.
    pub variant: Name,
    /// The payload's type.
    pub payload: RustType,
}

/// Plans the webhooks of the document, if it has any, recording the runtime module the
/// verifier needs in `runtime`.
pub(super) fn webhooks<'a>(
    api: &'a Api,
    config: &Config,
    runtime: &mut BTreeSet<Module>,
) -> Result<Option<WebhooksPlan<'a>>> {
    // Without a property that names the event, the webhooks are their payloads' types only
    // (the lowering warned of it).
    let Some(dispatch) = api.dispatch.clone() else {
        return Ok(None);
    };
    let mut events: Vec<EventPlan> = Vec::new();
    for webhook in &api.webhooks {
        let event = fixed_value(api, &webhook.payload, &dispatch).unwrap_or(&webhook.key);
        if let Some(other) = events.iter().find(|e| e.event == event) {
            return Err(Error::at(
                &webhook.pointer,
                format!(
                    "the webhooks `{}` and `{}` are both the event `{event}`: a payload's \
                     `{dispatch}` cannot tell them apart",
                    other.webhook.key, webhook.key
                ),
            ));
        }
        events.push(EventPlan {
            webhook,
            event: event.to_owned(),
            variant: Name::new(webhook.name.clone()),
            payload: RustType::of(api, &webhook.payload),
        });
    }
    let scheme = config.webhooks.scheme;
    if scheme.is_some() {
        runtime.insert(Module::Webhooks);
    }
    // The catch-all holds the event's name and its payload as any JSON.
    let unknown = size::of(api, &RustType::String) + size::of(api, &RustType::Json);
    let sizes = events.iter().map(|e| size::of(api, &e.payload));
    Ok(Some(WebhooksPlan {
        module: Name::new(crate::naming::WEBHOOKS_MODULE.to_owned()),
        name: Name::new("Event".to_owned()),
        catch_all: Name::new(crate::naming::catch_all(
            events.iter().map(|e| e.variant.as_str()),
        )),
        dispatch,
        scheme,
        large: size::large_variant(sizes.chain([unknown])),
        events,
        gate: super::features::webhooks_gate(api),
    }))
}

/// The one value a payload of type `ty` may have in its property `property`: an enum of one
/// value (a 3.1 `const`).
fn fixed_value<'a>(api: &'a Api, ty: &Type, property: &str) -> Option<&'a str> {
    let Type::Named(id) = ty else {
        return None;
    };
    let TypeKind::Struct(fields) = &api.ty(*id).kind else {
        return None;
    };
    let field = fields.iter().find(|f| f.value.wire == property)?;
    let Type::Named(id) = field.value.ty else {
        return None;
    };
    match &api.ty(id).kind {
        TypeKind::Enum(values) if values.len() == 1 => Some(values[0].wire.as_str()),
        _ => None,
    }
}
