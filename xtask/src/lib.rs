//! The maintainer's workflow around the generator: render the SDK, write it, check drift;
//! and the test run, which installs the conformance suite's Prism first ([`prism`]).
//!
//! Nothing is written unless the whole crate rendered, and only files whose bytes changed
//! are touched.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use generator::surface::{Report, Surface};
use generator::{Config, Files};

pub mod prism;

/// The workspace root (the parent of this crate).
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
}

/// What a run works on.
#[derive(Debug, Clone)]
pub struct Paths {
    /// The OpenAPI document.
    pub spec: PathBuf,
    /// The generation config (by default `sdk.toml` next to the document).
    pub config: PathBuf,
    /// The generated crate's folder.
    pub out: PathBuf,
    /// Overlays applied after the ones the config lists (`--overlay FILE`).
    pub overlays: Vec<PathBuf>,
    /// Whether the config's `overlays` apply, and its hand-written `modules` are included;
    /// false to generate a document as published with a config written for another document
    /// (`--no-config-overlays`): both are written for the config's own document.
    pub config_overlays: bool,
    /// Whether to refuse what would be generated in a looser form (`--strict`), whatever the
    /// config says.
    pub strict: bool,
}

impl Paths {
    /// The defaults, each replaced by the given value if any.
    pub fn new(spec: Option<PathBuf>, config: Option<PathBuf>, out: Option<PathBuf>) -> Paths {
        let spec = spec.unwrap_or_else(|| root().join("spec/openapi.yaml"));
        let config =
            config.unwrap_or_else(|| spec.parent().unwrap_or(Path::new(".")).join("sdk.toml"));
        Paths {
            spec,
            config,
            out: out.unwrap_or_else(|| root().join("generated")),
            overlays: Vec::new(),
            config_overlays: true,
            strict: false,
        }
    }
}

/// Everything `cargo xtask generate` keeps up to date: the SDK (`spec/` into `generated/`),
/// then each fixture `fixtures/<name>/openapi.yaml` into `fixtures/<name>/sdk/`, by name.
pub fn targets() -> Result<Vec<Paths>, String> {
    let mut targets = vec![Paths::new(None, None, None)];
    let fixtures = root().join("fixtures");
    let entries = std::fs::read_dir(&fixtures)
        .map_err(|e| format!("cannot list {}: {e}", fixtures.display()))?;
    let mut dirs: Vec<PathBuf> = entries
        .filter_map(|entry| Some(entry.ok()?.path()))
        .filter(|dir| dir.join("openapi.yaml").is_file())
        .collect();
    dirs.sort();
    targets.extend(
        dirs.into_iter()
            .map(|dir| Paths::new(Some(dir.join("openapi.yaml")), None, Some(dir.join("sdk")))),
    );
    Ok(targets)
}

/// Renders the crate in memory, with the config's overlays (unless
/// [`Paths::config_overlays`] is false), then [`Paths::overlays`].
pub fn render(paths: &Paths) -> Result<Files, String> {
    let mut config = Config::from_toml(&read(&paths.config)?)
        .map_err(|e| format!("{}: {e}", paths.config.display()))?;
    config.strict |= paths.strict;
    let spec = (display_name(&paths.spec), read(&paths.spec)?);
    let overlays = overlay_paths(paths, &config)
        .iter()
        .map(|path| Ok((display_name(path), read(path)?)))
        .collect::<Result<Vec<_>, String>>()?;
    let sources: Vec<_> = overlays.iter().map(source).collect();
    let modules = module_paths(paths, &config)
        .iter()
        .map(|path| Ok((display_name(path), read(path)?)))
        .collect::<Result<Vec<_>, String>>()?;
    let modules: Vec<_> = modules.iter().map(source).collect();
    generator::render_with(&source(&spec), &sources, &modules, &config).map_err(|e| match e {
        generator::Error::Unsupported { .. } => format!("{}: {e}", paths.spec.display()),
        other => other.to_string(),
    })
}

/// The warnings of a rendered crate: what it generates in a looser form than the document
/// describes, one line each, `warning: <document>: <pointer>: <what> is generated as <what>,
/// because <why>`, as `api-surface.json` lists them.
pub fn warnings(files: &Files, paths: &Paths) -> Vec<String> {
    let surface = files.get(generator::SURFACE).map(|s| Surface::from_json(s));
    let limitations = surface.and_then(Result::ok).map(|s| s.limitations);
    let spec = display_name(&paths.spec);
    (limitations.into_iter().flatten())
        .map(|l| format!("warning: {spec}: {}", l.message()))
        .collect()
}

/// Prints [`warnings`] to stderr.
pub fn print_warnings(files: &Files, paths: &Paths) {
    for warning in warnings(files, paths) {
        eprintln!("{warning}");
    }
}

/// The overlays to apply, in order: the config's, relative to the config file, then the
/// ones given on the command line.
pub fn overlay_paths(paths: &Paths, config: &Config) -> Vec<PathBuf> {
    let folder = paths.config.parent().unwrap_or(Path::new("."));
    let listed = config.overlays.iter().filter(|_| paths.config_overlays);
    listed
        .map(|overlay| folder.join(overlay))
        .chain(paths.overlays.iter().cloned())
        .collect()
}

/// The files of the config's hand-written modules, relative to the config file; none when
/// the config's overlays are left out.
pub fn module_paths(paths: &Paths, config: &Config) -> Vec<PathBuf> {
    let folder = paths.config.parent().unwrap_or(Path::new("."));
    (config.modules.iter())
        .filter(|_| paths.config_overlays)
        .map(|module| folder.join(&module.file))
        .collect()
}

/// A file read by [`render`], (name, text), as the generator takes it.
fn source((name, text): &(String, String)) -> generator::Source<'_> {
    generator::Source { name, text }
}

fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

/// How generated headers and messages name the document or an overlay: relative to the
/// workspace when inside it, so the output is the same on every machine.
fn display_name(spec: &Path) -> String {
    let absolute = std::fs::canonicalize(spec).unwrap_or_else(|_| spec.to_path_buf());
    let root = std::fs::canonicalize(root()).unwrap_or_else(|_| root());
    match absolute.strip_prefix(&root) {
        Ok(relative) => relative.to_string_lossy().replace('\\', "/"),
        Err(_) => spec.file_name().map_or_else(
            || spec.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        ),
    }
}

/// What the rendered crate changes in the public surface of the one in `out`, or `None` when
/// `out` has no surface yet (a first generation).
pub fn surface_report(files: &Files, out: &Path) -> Result<Option<Report>, String> {
    let path = out.join(generator::SURFACE);
    let old = match std::fs::read_to_string(&path) {
        Ok(text) => match Surface::from_json(&text) {
            Ok(old) => old,
            // Written by another version of the generator, or edited: nothing to compare with,
            // which must not stop a generation.
            Err(e) => {
                eprintln!(
                    "note: {} is unreadable ({e}); no API report",
                    path.display()
                );
                return Ok(None);
            }
        },
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(format!("cannot read {}: {e}", path.display())),
    };
    let new = files
        .get(generator::SURFACE)
        .ok_or("the generator rendered no surface")?;
    let new = Surface::from_json(new).map_err(|e| format!("the rendered surface: {e}"))?;
    Ok(Some(generator::surface::diff(&old, &new)))
}

/// Sets `[crate] version` in the generation config, keeping the file's layout and comments.
pub fn set_version(config: &Path, version: &str) -> Result<(), String> {
    let text = read(config)?;
    let mut document: toml_edit::DocumentMut = text
        .parse()
        .map_err(|e| format!("{}: {e}", config.display()))?;
    let Some(table) = document
        .get_mut("crate")
        .and_then(|c| c.as_table_like_mut())
    else {
        return Err(format!("{} has no [crate] table", config.display()));
    };
    match table
        .get_mut("version")
        .and_then(|item| item.as_value_mut())
    {
        // In place, so that the comments around the key stay.
        Some(value) => {
            let decor = value.decor().clone();
            *value = version.into();
            *value.decor_mut() = decor;
        }
        None => {
            table.insert("version", toml_edit::value(version));
        }
    }
    std::fs::write(config, document.to_string())
        .map_err(|e| format!("cannot write {}: {e}", config.display()))
}

/// How the files on disk differ from the rendered ones.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Drift {
    /// Rendered files that are not on disk.
    pub missing: Vec<String>,
    /// Files on disk that are no longer rendered.
    pub extra: Vec<String>,
    /// Files whose contents differ, with a unified diff from disk to rendered.
    pub changed: Vec<(String, String)>,
}

impl Drift {
    pub fn is_empty(&self) -> bool {
        self.missing.is_empty() && self.extra.is_empty() && self.changed.is_empty()
    }

    /// A readable report of the drift.
    pub fn report(&self) -> String {
        let mut out = String::new();
        for (_, diff) in &self.changed {
            out.push_str(diff);
        }
        for path in &self.missing {
            let _ = writeln!(out, "missing: {path}");
        }
        for path in &self.extra {
            let _ = writeln!(out, "extra: {path}");
        }
        out
    }
}

/// Compares the files on disk in `out` with `files`. Reads only.
pub fn compare(files: &Files, out: &Path) -> Result<Drift, String> {
    let existing = list(out)?;
    let mut drift = Drift::default();
    for (path, text) in files {
        match std::fs::read(out.join(path)) {
            Ok(old) if old == text.as_bytes() => {}
            Ok(old) => {
                let old = String::from_utf8_lossy(&old);
                let diff = similar::TextDiff::from_lines(old.as_ref(), text.as_str())
                    .unified_diff()
                    .context_radius(3)
                    .header(&format!("a/{path}"), &format!("b/{path}"))
                    .to_string();
                drift.changed.push((path.clone(), diff));
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => drift.missing.push(path.clone()),
            Err(e) => return Err(format!("cannot read {}: {e}", out.join(path).display())),
        }
    }
    drift.extra = existing
        .into_iter()
        .filter(|path| !files.contains_key(path))
        .collect();
    Ok(drift)
}

/// Writes `files` into `out`: only files whose bytes changed, each replaced atomically, then
/// removes files no longer rendered. Returns what changed.
pub fn write(files: &Files, out: &Path) -> Result<Drift, String> {
    let drift = compare(files, out)?;
    let io = |path: &Path, e: std::io::Error| format!("cannot write {}: {e}", path.display());
    for path in drift
        .missing
        .iter()
        .chain(drift.changed.iter().map(|(p, _)| p))
    {
        let target = out.join(path);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent).map_err(|e| io(parent, e))?;
        }
        let temporary = target.with_extension("xtask-tmp");
        std::fs::write(&temporary, &files[path]).map_err(|e| io(&temporary, e))?;
        std::fs::rename(&temporary, &target).map_err(|e| io(&target, e))?;
    }
    for path in &drift.extra {
        let target = out.join(path);
        std::fs::remove_file(&target)
            .map_err(|e| format!("cannot remove {}: {e}", target.display()))?;
    }
    Ok(drift)
}

/// The files under `out`, relative and with `/` separators, leaving out build output
/// (`target/`, `Cargo.lock`).
fn list(out: &Path) -> Result<Vec<String>, String> {
    let mut files = Vec::new();
    let mut folders = vec![out.to_path_buf()];
    while let Some(folder) = folders.pop() {
        let entries = match std::fs::read_dir(&folder) {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(e) => return Err(format!("cannot list {}: {e}", folder.display())),
        };
        for entry in entries {
            let entry = entry.map_err(|e| format!("cannot list {}: {e}", folder.display()))?;
            let path = entry.path();
            let name = entry.file_name();
            if path.is_dir() {
                if name != "target" {
                    folders.push(path);
                }
            } else if name == "Cargo.lock" {
                // Build output of a crate generated outside a workspace, not ours to remove.
            } else if let Ok(relative) = path.strip_prefix(out) {
                files.push(relative.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    files.sort();
    Ok(files)
}
