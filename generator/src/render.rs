//! Rendering: the whole output tree, in memory.

use std::collections::BTreeMap;

use crate::config::Config;
use crate::emit;
use crate::error::{Error, Result};
use crate::format::{header, rust_file};
use crate::load::Source;
use crate::plan::Plan;
use crate::templates;

/// The generated crate's public surface, as [`crate::surface::Surface`] in JSON.
pub const SURFACE: &str = "api-surface.json";

/// The generated crate: file contents by path relative to its root, with `/` separators.
pub type Files = BTreeMap<String, String>;

/// Renders the crate for the document `spec` with the `overlays` applied to it in order.
/// Generated headers name the document, and the overlays if any, by their names
/// (`from spec/openapi.yaml with spec/overlay.yaml`). The config's hand-written modules are
/// left out: see [`render_with`].
pub fn render(spec: &Source, overlays: &[Source], config: &Config) -> Result<Files> {
    render_with(spec, overlays, &[], config)
}

/// [`render`], with the config's hand-written modules (`[[modules]]`): `modules` holds their
/// files, in the config's order, or none to leave them out (they are written for one
/// document, as overlays are).
pub fn render_with(
    spec: &Source,
    overlays: &[Source],
    modules: &[Source],
    config: &Config,
) -> Result<Files> {
    let modules = hand_written(config, modules)?;
    let document = crate::load::load_with_overlays(spec, overlays)?;
    let spec_name = &source_name(spec, overlays);
    let mut api = crate::lower::lower(&document, config.lowering())?;
    crate::lower::dispatch(&mut api, config.webhooks.dispatch.as_deref());
    let (api, names) = crate::naming::name(api, config)?;
    let plan = crate::plan::plan(&api, config, names)?;
    let examples = emit::Examples::new(&plan)?;
    let rendering = Rendering {
        plan: &plan,
        config,
        modules: &modules,
        examples: &examples,
        spec_name,
    };
    let readme = emit::readme(&plan, spec_name)?;
    let mut files = rendering.code(&readme)?;
    rendering.package(&mut files, readme)?;
    files.extend(emit::docs(&plan, &examples, spec_name)?);
    Ok(files)
}

/// The config's hand-written modules paired with their files: none when no file is given, and
/// an error when some are but not one per module.
fn hand_written<'a>(
    config: &'a Config,
    modules: &'a [Source],
) -> Result<Vec<emit::modules::HandWritten<'a>>> {
    if !modules.is_empty() && modules.len() != config.modules.len() {
        return Err(Error::Internal(format!(
            "the config lists {} modules and {} were given",
            config.modules.len(),
            modules.len()
        )));
    }
    Ok(config.modules.iter().zip(modules).collect())
}

/// What the files of one crate are made from: its plan, its config and hand-written modules,
/// the example of each operation, and how headers name the document.
struct Rendering<'a> {
    plan: &'a Plan<'a>,
    config: &'a Config,
    modules: &'a [emit::modules::HandWritten<'a>],
    examples: &'a emit::Examples,
    spec_name: &'a str,
}

impl Rendering<'_> {
    /// The crate's generated Rust: `src/lib.rs` (its docs the `readme`, declaring the
    /// hand-written modules), `src/models.rs`, the webhooks' module and its example test, and
    /// each group's module and example program.
    fn code(&self, readme: &str) -> Result<Files> {
        let (plan, spec_name) = (self.plan, self.spec_name);
        let mut files = Files::new();
        let lib_rs = emit::lib_rs(plan, readme);
        let declarations = emit::modules::declarations(self.modules);
        let lib_rs = quote::quote!(#lib_rs #declarations);
        files.insert("src/lib.rs".into(), rust_file(lib_rs, spec_name)?);
        let models = emit::models_rs(plan);
        files.insert("src/models.rs".into(), rust_file(models, spec_name)?);
        if let Some(webhooks) = &plan.webhooks {
            let path = format!("src/{}.rs", webhooks.module);
            files.insert(path, rust_file(emit::webhooks_rs(webhooks), spec_name)?);
            if let Some(test) = emit::webhook_examples_rs(webhooks, &self.config.crate_ident()) {
                let path = emit::WEBHOOK_EXAMPLES.to_owned();
                files.insert(path, rust_file(test, spec_name)?);
            }
        }
        for group in &plan.groups {
            let code = emit::group_rs(plan, group, self.examples)?;
            let path = format!("src/{}.rs", group.page);
            files.insert(path, rust_file(code, spec_name)?);
            if let Some(example) = emit::examples_rs(plan, group) {
                let path = format!("examples/{}.rs", group.example);
                files.insert(path, rust_file(example, spec_name)?);
            }
        }
        Ok(files)
    }

    /// Adds to the generated Rust (`files`, whose features the manifest lists) the rest of the
    /// package: the hand-written modules, the runtime's copy, `Cargo.toml`, `rustfmt.toml`, the
    /// `readme` and the surface.
    fn package(&self, files: &mut Files, readme: String) -> Result<()> {
        let (plan, config, spec_name) = (self.plan, self.config, self.spec_name);
        let runtime = crate::runtime::files(&plan.runtime)?;
        let mut manifest = emit::cargo_toml::manifest(config, &plan.runtime)?;
        emit::features::add_parts(&mut manifest, plan, files)?;
        emit::modules::add_features(&mut manifest, config, self.modules)?;
        let manifest = emit::cargo_toml::text(&manifest, spec_name)?;
        let hand_written = emit::modules::files(self.modules);
        let mut surface = crate::surface::surface(plan, spec_name, &runtime)?;
        surface.features = crate::surface::cargo_features(&manifest)?;
        crate::surface::add_modules(&mut surface, &config.modules, &hand_written)?;
        files.extend(hand_written);
        let surface =
            serde_json::to_string_pretty(&surface).map_err(|e| Error::Internal(e.to_string()))?;
        files.extend(runtime);
        files.insert("Cargo.toml".into(), manifest);
        let rustfmt = header("#", "templates/rustfmt.toml") + templates::RUSTFMT_TOML;
        files.insert("rustfmt.toml".into(), rustfmt);
        files.insert("README.md".into(), readme);
        files.insert(SURFACE.into(), surface + "\n");
        Ok(())
    }
}

/// How generated headers name what the crate was generated from: the document, then the
/// overlays applied to it.
fn source_name(spec: &Source, overlays: &[Source]) -> String {
    let mut name = spec.name.to_owned();
    for (i, overlay) in overlays.iter().enumerate() {
        name.push_str(if i == 0 { " with " } else { ", " });
        name.push_str(overlay.name);
    }
    name
}
