//! Rendering: the whole output tree, in memory.

use std::collections::BTreeMap;

use crate::config::Config;
use crate::emit::{self, Context, group_names};
use crate::error::{Error, Result};
use crate::format::{header, rust_file};
use crate::templates;

/// The generated crate: file contents by path relative to its root, with `/` separators.
pub type Files = BTreeMap<String, String>;

/// Renders the crate for the document `spec_text`. `spec_name` is how generated headers name
/// the document (keep it relative, so that output does not depend on the machine).
pub fn render(spec_text: &str, spec_name: &str, config: &Config) -> Result<Files> {
    let document = crate::load::load(spec_text, spec_name)?;
    let mut api = crate::lower::lower(&document)?;
    crate::naming::name(&mut api)?;
    let cx = Context { api: &api, config };
    let mut files = Files::new();
    files.insert(
        "src/lib.rs".into(),
        rust_file(emit::lib_rs(&cx), spec_name)?,
    );
    files.insert(
        "src/models.rs".into(),
        rust_file(emit::models_rs(&cx), spec_name)?,
    );
    for (group, ops) in api.groups() {
        let module = group_names(group).module.to_string();
        if ["models", "runtime", "reqwest", "lib"].contains(&module.as_str()) {
            return Err(Error::at(
                &ops[0].pointer,
                format!("the group `{group}` would be named like the crate's `{module}`"),
            ));
        }
        files.insert(
            format!("src/{}.rs", module.trim_start_matches("r#")),
            rust_file(emit::group_rs(&cx, group, &ops), spec_name)?,
        );
    }
    let template_source = "templates/";
    for (path, text) in templates::RUNTIME {
        files.insert(
            (*path).to_owned(),
            format!(
                "{}\n{text}",
                header("//", &format!("{template_source}{path}"))
            ),
        );
    }
    files.insert("Cargo.toml".into(), cargo_toml(config, spec_name)?);
    files.insert(
        "rustfmt.toml".into(),
        format!(
            "{}{}",
            header("#", "templates/rustfmt.toml"),
            templates::RUSTFMT_TOML
        ),
    );
    files.insert("README.md".into(), readme(&cx, spec_name)?);
    Ok(files)
}

fn cargo_toml(config: &Config, spec_name: &str) -> Result<String> {
    let mut manifest: toml::Table = toml::from_str(templates::CARGO_TOML)
        .map_err(|e| Error::Internal(format!("templates/Cargo.toml: {e}")))?;
    let package = manifest
        .get_mut("package")
        .and_then(toml::Value::as_table_mut)
        .ok_or_else(|| Error::Internal("templates/Cargo.toml has no [package]".into()))?;
    package.insert("name".into(), config.krate.name.clone().into());
    package.insert("version".into(), config.krate.version.clone().into());
    package.insert(
        "description".into(),
        config.krate.description.clone().into(),
    );
    let text = toml::to_string(&manifest).map_err(|e| Error::Internal(e.to_string()))?;
    Ok(format!("{}\n{text}", header("#", spec_name)))
}

fn readme(cx: &Context, spec_name: &str) -> Result<String> {
    let example = cx
        .api
        .operations
        .iter()
        .find_map(|op| emit::example_call(cx, op))
        .map(|call| {
            format!("let response = client.{call}.send().await?;\nprintln!(\"{{:?}}\", *response);")
        });
    let values = [
        ("crate_name", cx.config.krate.name.as_str()),
        ("crate_ident", &cx.config.crate_ident()),
        ("client", cx.config.client.name.as_str()),
        ("title", cx.api.title.as_str()),
        ("api_version", cx.api.version.as_str()),
        ("version", cx.config.krate.version.as_str()),
        (
            "server_url",
            cx.api.server_url.as_deref().unwrap_or("(none)"),
        ),
        ("example", example.as_deref().unwrap_or("")),
    ];
    let text = templates::fill(templates::README, &values)
        .map_err(|e| Error::Internal(format!("templates/README.md: {e}")))?;
    Ok(format!("<!--\n{}-->\n\n{text}", header("", spec_name)))
}
