//! The features of the crate's parts, as the plan decided them (`plan::features`): `#[cfg]`
//! before each item behind a [`Gate`], the features in `Cargo.toml` (with the examples and tests
//! that need one), and the README's section on them.

use proc_macro2::TokenStream;
use quote::quote;

use crate::Files;
use crate::error::{Error, Result};
use crate::plan::{FULL_FEATURE, Gate, Plan};

/// The `#[cfg(…)]` of a gate; none for a part always compiled.
pub(crate) fn cfg(gate: &Gate) -> Option<TokenStream> {
    match gate.features() {
        [] => None,
        [feature] => Some(quote!(#[cfg(feature = #feature)])),
        features => Some(quote!(#[cfg(any(#(feature = #features),*))])),
    }
}

/// `items`, each behind the gate: the struct or enum, its impls and all, once the file is
/// formatted (see [`crate::format::gated`]).
pub(crate) fn gated(gate: &Gate, items: TokenStream) -> TokenStream {
    match cfg(gate) {
        Some(cfg) => crate::format::gated(cfg, items),
        None => items,
    }
}

/// Adds to the manifest the features of the crate's parts (`plan.part_features()`), `full` in
/// `default`, and marks each example program and test among `files` that uses one part as
/// needing its feature, so that cargo skips it without the feature.
pub fn add_parts(table: &mut toml::Table, plan: &Plan, files: &Files) -> Result<()> {
    let parts = plan.part_features();
    if parts.is_empty() {
        return Ok(());
    }
    let internal = |e: &dyn std::fmt::Display| Error::Internal(format!("Cargo.toml: {e}"));
    let features = (table.get_mut("features"))
        .and_then(toml::Value::as_table_mut)
        .ok_or_else(|| internal(&"no [features]"))?;
    let default = (features.get_mut("default"))
        .and_then(toml::Value::as_array_mut)
        .ok_or_else(|| internal(&"no default feature"))?;
    default.insert(0, FULL_FEATURE.into());
    for (name, enables) in parts {
        features.insert(name, enables.into());
    }
    let mut needing = |kind: &str, name: &str, feature: &str| {
        let target = toml::Table::from_iter([
            ("name".to_owned(), toml::Value::from(name)),
            ("required-features".to_owned(), vec![feature].into()),
        ]);
        let list = (table.entry(kind))
            .or_insert_with(|| toml::Value::Array(Vec::new()))
            .as_array_mut()
            .map(|list| list.push(target.into()));
        list.ok_or_else(|| internal(&format!("[[{kind}]] is not a list")))
    };
    for group in &plan.groups {
        if files.contains_key(&format!("examples/{}.rs", group.example)) {
            needing("example", &group.example, &group.feature)?;
        }
    }
    let webhooks = plan.webhooks.as_ref().map(|w| w.gate.features());
    let test = super::WEBHOOK_EXAMPLES;
    if let Some([feature]) = webhooks
        && files.contains_key(test)
    {
        let name = test.trim_start_matches("tests/").trim_end_matches(".rs");
        needing("test", name, feature)?;
    }
    Ok(())
}

/// The README's section on the features, for a crate with more than one group: a row per
/// group feature with its operations, then how to depend on one group alone.
pub(crate) fn readme_section(plan: &Plan) -> String {
    let [first, _, ..] = plan.groups.as_slice() else {
        return String::new();
    };
    let mut rows: Vec<String> = (plan.groups.iter())
        .map(|g| {
            let (feature, title, count) = (&g.feature, super::group_title(g), g.operations.len());
            format!(
                "| `{feature}` | {title} (`{}`) | {count} |",
                g.module.code()
            )
        })
        .collect();
    let webhooks = plan.webhooks.as_ref().map(|w| w.gate.features());
    if let Some([feature]) = webhooks {
        rows.push(format!(
            "| `{feature}` | the webhooks' events (`webhooks`) | none |"
        ));
    }
    let krate = &plan.config.krate;
    format!(
        "\n### Features\n\n\
         Each group of operations is a feature, with the models its operations use: a build \
         compiles only the groups it turns on, and a model that several groups use is compiled \
         when any of them is on (`docs/models.md` says which features each model needs). \
         `{FULL_FEATURE}`, in the default features, turns on all of them.\n\n\
         | feature | group (module) | operations |\n|---|---|---|\n{}\n\n\
         To compile one group only, turn the default features off and name the group and a TLS \
         feature:\n\n\
         ```toml\n[dependencies]\n{} = {{ version = \"{}\", default-features = false, features = \
         [\"{}\", \"rustls-tls-webpki-roots\"] }}\n```\n\n\
         With no group feature the crate still compiles, with its client, its settings and its \
         errors, and no operation or model.\n",
        rows.join("\n"),
        krate.name,
        krate.version,
        first.feature,
    )
}
