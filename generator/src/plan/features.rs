//! The Cargo features of the crate's parts, decided once: a crate with a client has a feature
//! per group, named after its module in kebab case (`api-keys`, see
//! [`GroupNames::feature`](crate::naming::GroupNames::feature)), `webhooks` for its webhooks'
//! events when it has webhooks too, and `full`, in `default`, which turns on all of them.
//!
//! Each model is compiled under the features of the operations that reach it (their
//! parameters, request bodies and responses, errors included), through the fields and
//! variants of the types between (`$ref`s, unions, `allOf` merges, nested inline types,
//! arrays and maps): a model two groups use is compiled when either is on. A webhook's
//! payload, and what it holds, is compiled under `webhooks`; a model that nothing reaches
//! under `full`. A crate without a client (webhooks only) has no such features: everything
//! in it is always compiled. The emitters put each part behind its [`Gate`] and decide
//! nothing of their own.

use std::collections::{BTreeMap, BTreeSet};

use crate::ir::Api;
use crate::naming::GroupNames;

pub use crate::naming::{FULL_FEATURE, WEBHOOKS_FEATURE};

/// When a part of the crate is compiled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Gate {
    /// Always: the crate has no features of its parts.
    Always,
    /// When any of these features is on; sorted, without repeats.
    Any(Vec<String>),
}

impl Gate {
    /// Compiled with one feature.
    pub fn feature(name: &str) -> Gate {
        Gate::Any(vec![name.to_owned()])
    }

    /// What is compiled when any of `gates` is: always if one of them is, else under every
    /// feature of each.
    pub fn union<'g>(gates: impl IntoIterator<Item = &'g Gate>) -> Gate {
        let mut features = BTreeSet::new();
        for gate in gates {
            match gate {
                Gate::Always => return Gate::Always,
                Gate::Any(names) => features.extend(names.iter().cloned()),
            }
        }
        Gate::Any(features.into_iter().collect())
    }

    /// The features, none for [`Gate::Always`].
    pub fn features(&self) -> &[String] {
        match self {
            Gate::Always => &[],
            Gate::Any(features) => features,
        }
    }
}

/// Whether the crate has the `webhooks` feature: it has webhooks and a client.
pub fn has_webhooks_feature(api: &Api) -> bool {
    !api.webhooks.is_empty() && !api.operations.is_empty()
}

/// The gate of the webhooks' module and events.
pub(super) fn webhooks_gate(api: &Api) -> Gate {
    match has_webhooks_feature(api) {
        true => Gate::feature(WEBHOOKS_FEATURE),
        false => Gate::Always,
    }
}

/// The gate of every type of the model, by [`crate::ir::TypeId`]: the features of the
/// groups whose operations reach it and `webhooks` if a webhook's payload does, `full` if
/// nothing does. `groups` gives each group's feature, by the group's name in the document.
pub(super) fn model_gates(api: &Api, groups: &BTreeMap<String, GroupNames>) -> Vec<Gate> {
    if api.operations.is_empty() {
        return vec![Gate::Always; api.types.len()];
    }
    let mut reached: Vec<BTreeSet<&str>> = vec![BTreeSet::new(); api.types.len()];
    let operations =
        (api.operations.iter()).map(|op| (groups[&op.group].feature.as_str(), op.types()));
    let webhooks = (api.webhooks.iter()).map(|w| (WEBHOOKS_FEATURE, vec![&w.payload]));
    for (feature, types) in operations.chain(webhooks) {
        for ty in types {
            api.walk(ty, |id| reached[id.0].insert(feature));
        }
    }
    (reached.into_iter())
        .map(|features| match features.is_empty() {
            true => Gate::feature(FULL_FEATURE),
            false => Gate::Any(features.into_iter().map(str::to_owned).collect()),
        })
        .collect()
}

impl super::Plan<'_> {
    /// The crate's features of its parts, each with the features it turns on, in the
    /// manifest's order: each group's (turning on nothing), `webhooks` when the crate has it,
    /// and `full`. None for a crate without a client.
    pub fn part_features(&self) -> Vec<(String, Vec<String>)> {
        if self.groups.is_empty() {
            return Vec::new();
        }
        let mut parts: Vec<String> = self.groups.iter().map(|g| g.feature.clone()).collect();
        if has_webhooks_feature(self.api) {
            parts.push(WEBHOOKS_FEATURE.to_owned());
        }
        let full = (FULL_FEATURE.to_owned(), parts.clone());
        (parts.into_iter().map(|name| (name, Vec::new())))
            .chain([full])
            .collect()
    }
}
