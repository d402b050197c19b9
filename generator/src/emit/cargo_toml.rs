//! `Cargo.toml` of the generated crate, from its template.

use std::collections::BTreeSet;

use crate::config::Config;
use crate::error::{Error, Result};
use crate::format::header;
use crate::runtime::Module;
use crate::templates;

/// The dependencies of a crate without an HTTP client (a document of webhooks only): the
/// models' and the runtime root's.
const MODEL_DEPENDENCIES: &[&str] = &["serde", "serde_json", "serde_path_to_error"];

/// The end of a step that edits the manifest: on failure, what the template lacks.
type TemplateResult = std::result::Result<(), &'static str>;

/// The manifest: the template's, with the package's name, version, description and crates.io
/// metadata from the config, and reqwest's `multipart` feature when the API sends a
/// `multipart/form-data` body (`modules` are the runtime modules the crate has). A crate
/// without the HTTP client has none of the client's dependencies nor its TLS features; one with
/// the webhook verifier has the crates it uses.
pub fn cargo_toml(config: &Config, modules: &BTreeSet<Module>, spec_name: &str) -> Result<String> {
    text(&manifest(config, modules)?, spec_name)
}

/// The manifest of [`cargo_toml`] as a table, for the features of the crate's parts and of its
/// hand-written modules to be added before it is written out once by [`text`].
pub fn manifest(config: &Config, modules: &BTreeSet<Module>) -> Result<toml::Table> {
    let template = |e: &str| Error::Internal(format!("templates/Cargo.toml: {e}"));
    let mut manifest: toml::Table =
        toml::from_str(templates::CARGO_TOML).map_err(|e| template(&e.to_string()))?;
    package(&mut manifest, config).map_err(template)?;
    if modules.contains(&Module::Http) {
        with_client(&mut manifest).map_err(template)?;
    }
    if modules.contains(&Module::Multipart) {
        with_multipart(&mut manifest).map_err(template)?;
    }
    if !modules.contains(&Module::Http) {
        without_client(&mut manifest).map_err(template)?;
    }
    if modules.contains(&Module::Webhooks) {
        with_verifier(&mut manifest).map_err(template)?;
    }
    Ok(manifest)
}

/// The manifest's text, after the generated-file header.
pub fn text(manifest: &toml::Table, spec_name: &str) -> Result<String> {
    let text = toml::to_string(manifest).map_err(|e| Error::Internal(e.to_string()))?;
    Ok(format!("{}\n{text}", header("#", spec_name)))
}

/// Writes the config's package metadata into `[package]`: the name, version and description,
/// and the repository and documentation URLs, keywords and categories the config gives.
fn package(manifest: &mut toml::Table, config: &Config) -> TemplateResult {
    let package = manifest
        .get_mut("package")
        .and_then(toml::Value::as_table_mut)
        .ok_or("no [package]")?;
    let krate = &config.krate;
    package.insert("name".into(), krate.name.clone().into());
    package.insert("version".into(), krate.version.clone().into());
    package.insert("description".into(), krate.description.clone().into());
    let urls = [
        ("repository", &krate.repository),
        ("documentation", &krate.documentation),
    ];
    for (key, url) in urls {
        if let Some(url) = url {
            package.insert(key.into(), url.clone().into());
        }
    }
    for (key, list) in [
        ("keywords", &krate.keywords),
        ("categories", &krate.categories),
    ] {
        if let Some(list) = list {
            package.insert(key.into(), list.clone().into());
        }
    }
    Ok(())
}

/// Adds what the HTTP client needs beside the template's dependencies: base64, and the
/// features of its test doubles.
fn with_client(manifest: &mut toml::Table) -> TemplateResult {
    // HTTP basic credentials are base64-encoded (the crate reqwest itself uses for that), by
    // the client's `auth` module.
    let dependencies = manifest
        .get_mut("dependencies")
        .and_then(toml::Value::as_table_mut)
        .ok_or("no [dependencies]")?;
    dependencies.insert("base64".into(), "0.22".into());
    // Test doubles for users' tests, off by default (the runtime's `CRATE_FEATURES`).
    let features = manifest
        .get_mut("features")
        .and_then(toml::Value::as_table_mut)
        .ok_or("no [features]")?;
    for feature in crate::runtime::CRATE_FEATURES {
        features.insert((*feature).into(), toml::Value::Array(Vec::new()));
    }
    Ok(())
}

/// Adds reqwest's `multipart` feature, for an API that sends a `multipart/form-data` body.
fn with_multipart(manifest: &mut toml::Table) -> TemplateResult {
    let reqwest = manifest
        .get_mut("dependencies")
        .and_then(|d| d.get_mut("reqwest"))
        .and_then(toml::Value::as_table_mut)
        .ok_or("no reqwest dependency")?;
    let list = reqwest
        .entry("features")
        .or_insert_with(|| toml::Value::Array(Vec::new()))
        .as_array_mut()
        .ok_or("reqwest's features are not a list")?;
    list.push("multipart".into());
    Ok(())
}

/// Leaves out of the manifest what only the HTTP client needs: its dependencies, its TLS
/// features and the dev-dependencies of its examples.
fn without_client(manifest: &mut toml::Table) -> TemplateResult {
    manifest.remove("features");
    manifest.remove("dev-dependencies");
    let dependencies = (manifest.get_mut("dependencies"))
        .and_then(toml::Value::as_table_mut)
        .ok_or("no [dependencies]")?;
    dependencies.retain(|name, _| MODEL_DEPENDENCIES.contains(&name));
    Ok(())
}

/// Adds what the webhook verifier (`runtime/webhooks.rs`) uses: HMAC-SHA256 from RustCrypto,
/// base64 for the secret and the signatures, and `http`'s `HeaderMap`; and axum with tokio
/// for the README's receiver, a doctest, with the features it needs and no others.
fn with_verifier(manifest: &mut toml::Table) -> TemplateResult {
    let dependencies: toml::Table = toml::from_str(
        r#"
        base64 = "0.22"
        hmac = "0.12"
        http = "1"
        sha2 = { version = "0.10", default-features = false }
        "#,
    )
    .map_err(|_| "the verifier's dependencies")?;
    let dev: toml::Table = toml::from_str(
        r#"
        axum = { version = "0.8", default-features = false, features = ["http1", "tokio"] }
        tokio = { version = "1", features = ["macros", "net", "rt-multi-thread"] }
        "#,
    )
    .map_err(|_| "the verifier's dev-dependencies")?;
    for (section, entries) in [("dependencies", dependencies), ("dev-dependencies", dev)] {
        let table = (manifest.entry(section))
            .or_insert_with(|| toml::Value::Table(toml::Table::new()))
            .as_table_mut()
            .ok_or("a dependency section is not a table")?;
        table.extend(entries);
    }
    Ok(())
}
