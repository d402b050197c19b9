//! The webhooks' part of the surface: each event the crate decodes, by its name, with its
//! variant of the event enum and its payload's type. An event added is compatible (the enum is
//! `#[non_exhaustive]`, and a newer sender's events decoded before as the catch-all); one
//! removed, or decoded into another variant or type, breaks a `match` on it.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::plan::Plan;

/// One event the crate decodes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventSurface {
    /// The variant of the event enum: `Event::UserCreated`.
    pub variant: String,
    /// The payload's type.
    pub payload: String,
}

/// The crate's events, by their names (`user.created`).
pub(super) fn events(plan: &Plan) -> BTreeMap<String, EventSurface> {
    let Some(webhooks) = &plan.webhooks else {
        return BTreeMap::new();
    };
    (webhooks.events.iter())
        .map(|e| {
            let surface = EventSurface {
                variant: format!("{}::{}", webhooks.name, e.variant),
                payload: e.payload.to_string(),
            };
            (e.event.clone(), surface)
        })
        .collect()
}

/// The changes to the events from `old` to `new`, given to `add` as (item, what, breaking).
pub(super) fn changes(
    old: &BTreeMap<String, EventSurface>,
    new: &BTreeMap<String, EventSurface>,
    add: &mut impl FnMut(String, &str, bool),
) {
    for (name, before) in old {
        let item = format!("event `{name}`");
        match new.get(name) {
            None => add(item, "removed", true),
            Some(after) if after.variant != before.variant => {
                let what = format!("is `{}` instead of `{}`", after.variant, before.variant);
                add(item, &what, true);
            }
            Some(after) if after.payload != before.payload => {
                let what = format!(
                    "carries `{}` instead of `{}`",
                    after.payload, before.payload
                );
                add(item, &what, true);
            }
            Some(_) => {}
        }
    }
    for name in new.keys().filter(|name| !old.contains_key(*name)) {
        add(format!("event `{name}`"), "added", false);
    }
}
