//! The hand-written files of the generated crate, kept as real files in `templates/`.
//!
//! The runtime's Rust files are copied by [`crate::runtime`], module by module; `Cargo.toml`
//! is edited with a TOML library; the README has a few `{{name}}` placeholders filled by
//! [`fill`].

/// The runtime crate's manifest, whose features name the modules a crate may go without.
pub const RUNTIME_MANIFEST: &str = include_str!("../../templates/runtime/Cargo.toml");

pub const CARGO_TOML: &str = include_str!("../../templates/Cargo.toml");
pub const README: &str = include_str!("../../templates/README.md");
/// The README's paging section, for APIs with an operation that pages by offset.
pub const README_PAGING: &str = include_str!("../../templates/README-paging.md");
/// The README's webhooks section, with the verifier and without.
pub const README_WEBHOOKS: &str = include_str!("../../templates/README-webhooks.md");
pub const README_EVENTS: &str = include_str!("../../templates/README-events.md");
/// The README of a crate without operations, a document of webhooks only.
pub const README_NO_CLIENT: &str = include_str!("../../templates/README-no-client.md");
/// The docs pages: a group's page, one operation's section, the models page, one model's
/// section.
pub const DOCS_GROUP: &str = include_str!("../../templates/docs/group.md");
pub const DOCS_OPERATION: &str = include_str!("../../templates/docs/operation.md");
pub const DOCS_MODELS: &str = include_str!("../../templates/docs/models.md");
pub const DOCS_MODEL: &str = include_str!("../../templates/docs/model.md");
/// The page of the webhooks' events.
pub const DOCS_WEBHOOKS: &str = include_str!("../../templates/docs/webhooks.md");
pub const RUSTFMT_TOML: &str = include_str!("../../templates/rustfmt.toml");

/// The features of the manifest's template: `default` and the TLS features.
pub fn cargo_features() -> Vec<String> {
    let manifest: toml::Table = toml::from_str(CARGO_TOML).unwrap_or_default();
    (manifest.get("features").and_then(toml::Value::as_table))
        .map(|features| features.keys().cloned().collect())
        .unwrap_or_default()
}

/// Replaces each `{{name}}` with its value; a placeholder with no value is an error, so a
/// template and the generator cannot drift apart silently.
pub fn fill(template: &str, values: &[(&str, &str)]) -> Result<String, String> {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(start) = rest.find("{{") {
        let Some(len) = rest[start + 2..].find("}}") else {
            break;
        };
        let name = &rest[start + 2..start + 2 + len];
        let is_name = !name.is_empty() && name.chars().all(|c| c.is_ascii_lowercase() || c == '_');
        out.push_str(&rest[..start]);
        if is_name {
            let value = values
                .iter()
                .find(|(n, _)| *n == name)
                .ok_or_else(|| format!("no value for `{{{{{name}}}}}`"))?;
            out.push_str(value.1);
            rest = &rest[start + 4 + len..];
        } else {
            out.push_str("{{");
            rest = &rest[start + 2..];
        }
    }
    out.push_str(rest);
    Ok(out)
}
