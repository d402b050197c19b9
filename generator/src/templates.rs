//! The hand-written files of the generated crate, kept as real files in `templates/`.
//!
//! The runtime's Rust files are copied with the items of the features an API uses (see
//! [`crate::runtime`]); `Cargo.toml` is edited with a TOML library; the README has a few
//! `{{name}}` placeholders filled by [`fill`].

/// The runtime crate's source files (`templates/runtime/src`), by file name; see
/// [`crate::runtime`] for how they are copied. A test checks that the list is complete.
pub const RUNTIME: &[(&str, &str)] = &[
    ("lib.rs", include_str!("../../templates/runtime/src/lib.rs")),
    (
        "auth.rs",
        include_str!("../../templates/runtime/src/auth.rs"),
    ),
    (
        "client.rs",
        include_str!("../../templates/runtime/src/client.rs"),
    ),
    (
        "codec.rs",
        include_str!("../../templates/runtime/src/codec.rs"),
    ),
    (
        "error.rs",
        include_str!("../../templates/runtime/src/error.rs"),
    ),
    (
        "hooks.rs",
        include_str!("../../templates/runtime/src/hooks.rs"),
    ),
    (
        "paginate.rs",
        include_str!("../../templates/runtime/src/paginate.rs"),
    ),
    (
        "payload.rs",
        include_str!("../../templates/runtime/src/payload.rs"),
    ),
    (
        "request.rs",
        include_str!("../../templates/runtime/src/request.rs"),
    ),
    (
        "response.rs",
        include_str!("../../templates/runtime/src/response.rs"),
    ),
    (
        "retry.rs",
        include_str!("../../templates/runtime/src/retry.rs"),
    ),
    (
        "style.rs",
        include_str!("../../templates/runtime/src/style.rs"),
    ),
    (
        "webhooks.rs",
        include_str!("../../templates/runtime/src/webhooks.rs"),
    ),
];
/// The runtime crate's manifest, for its features and what each implies.
pub const RUNTIME_MANIFEST: &str = include_str!("../../templates/runtime/Cargo.toml");

pub const CARGO_TOML: &str = include_str!("../../templates/Cargo.toml");
pub const README: &str = include_str!("../../templates/README.md");
/// The README's paging section, for APIs with an operation that pages by offset.
pub const README_PAGING: &str = include_str!("../../templates/README-paging.md");
/// The docs pages: a group's page, one operation's section, the models page, one model's
/// section.
pub const DOCS_GROUP: &str = include_str!("../../templates/docs/group.md");
pub const DOCS_OPERATION: &str = include_str!("../../templates/docs/operation.md");
pub const DOCS_MODELS: &str = include_str!("../../templates/docs/models.md");
pub const DOCS_MODEL: &str = include_str!("../../templates/docs/model.md");
pub const RUSTFMT_TOML: &str = include_str!("../../templates/rustfmt.toml");

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
