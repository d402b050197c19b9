//! Rendering: the whole output tree, in memory.

use std::collections::BTreeMap;

use crate::config::Config;
use crate::emit::{self, Context};
use crate::error::{Error, Result};
use crate::format::{header, rust_file};
use crate::templates;

/// The generated crate's public surface, as [`crate::surface::Surface`] in JSON.
pub const SURFACE: &str = "api-surface.json";

/// The generated crate: file contents by path relative to its root, with `/` separators.
pub type Files = BTreeMap<String, String>;

/// Renders the crate for the document `spec_text`. `spec_name` is how generated headers name
/// the document (keep it relative, so that output does not depend on the machine).
pub fn render(spec_text: &str, spec_name: &str, config: &Config) -> Result<Files> {
    let document = crate::load::load(spec_text, spec_name)?;
    let api = crate::lower::lower(&document)?;
    let (api, names) = crate::naming::name(api, config)?;
    let plan = crate::plan::plan(&api, config, names);
    let mut files = Files::new();
    files.insert(
        "src/lib.rs".into(),
        rust_file(emit::lib_rs(&plan), spec_name)?,
    );
    let models = emit::models_rs(&Context { api: &api, config });
    files.insert("src/models.rs".into(), rust_file(models, spec_name)?);
    for group in &plan.groups {
        let code = emit::group_rs(&plan, group)?;
        files.insert(
            format!("src/{}.rs", group.page),
            rust_file(code, spec_name)?,
        );
        if let Some(example) = emit::examples_rs(&plan, group) {
            let path = format!("examples/{}.rs", group.example);
            files.insert(path, rust_file(example, spec_name)?);
        }
    }
    files.extend(crate::runtime::files(&crate::runtime::features(&plan))?);
    files.insert("Cargo.toml".into(), emit::cargo_toml(config, spec_name)?);
    let rustfmt = header("#", "templates/rustfmt.toml") + templates::RUSTFMT_TOML;
    files.insert("rustfmt.toml".into(), rustfmt);
    files.insert("README.md".into(), emit::readme(&plan, spec_name)?);
    let surface = crate::surface::surface(&plan, spec_name);
    let surface =
        serde_json::to_string_pretty(&surface).map_err(|e| Error::Internal(e.to_string()))?;
    files.insert(SURFACE.into(), surface + "\n");
    files.extend(emit::docs(&plan, spec_name)?);
    Ok(files)
}
