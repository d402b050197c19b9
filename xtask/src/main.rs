//! `cargo xtask`: regenerate the SDK, check that `generated/` matches the spec, or run every
//! test.

use std::path::PathBuf;
use std::process::{Command, ExitCode};

use clap::{Args, Parser, Subcommand};

/// Rendering allocates and frees small token and syntax-tree nodes by the million: glibc's
/// malloc spent about a third of a whole-document run's cycles on them (see BENCHMARKS.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(about = "Maintainer tasks for the generated SDK")]
struct Cli {
    #[command(subcommand)]
    task: Task,
}

#[derive(Subcommand)]
enum Task {
    /// Regenerate the SDK and the fixture crates (or the one crate the options name): write
    /// changed files, remove stale ones, print what changed and what that does to the crate's
    /// public API, with the semver bump it needs.
    Generate(GenerateArgs),
    /// Fail with a diff if the SDK or a fixture crate (or the one the options name) differs
    /// from what its spec produces.
    Check(Inputs),
    /// Run every test: install Prism from conformance/package-lock.json if needed (npm ci),
    /// then `cargo test --workspace`.
    Test(TestArgs),
}

#[derive(Args)]
struct Inputs {
    /// The OpenAPI document [default: spec/openapi.yaml]
    #[arg(long)]
    spec: Option<PathBuf>,
    /// The generation config [default: sdk.toml next to the spec]
    #[arg(long)]
    config: Option<PathBuf>,
    /// The generated crate's folder [default: generated]
    #[arg(long)]
    out: Option<PathBuf>,
    /// An OpenAPI Overlay 1.0 file to apply after the ones the config lists (repeatable,
    /// applied in order)
    #[arg(long = "overlay", value_name = "FILE")]
    overlays: Vec<PathBuf>,
    /// Ignore the config's `overlays` and hand-written `modules`, which are written for its own
    /// document, e.g. to generate another document with spec/sdk.toml (`--overlay` files still
    /// apply)
    #[arg(long)]
    no_config_overlays: bool,
    /// Refuse a document at the first construct that would be generated in a looser form
    /// (with a warning) instead, as the config's `strict = true` does
    #[arg(long)]
    strict: bool,
}

#[derive(Args)]
struct GenerateArgs {
    #[command(flatten)]
    inputs: Inputs,
    /// Set the crate's version in the generation config to the one the API changes need,
    /// then generate with it
    #[arg(long)]
    bump: bool,
}

#[derive(Args)]
struct TestArgs {
    /// Passed on to `cargo test`, such as `--locked`; arguments for the test binaries follow
    /// a `--` after them: `cargo xtask test --locked -- --nocapture`
    #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
    cargo_args: Vec<String>,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.task {
        Task::Generate(args) => generate(args),
        Task::Check(inputs) => check(inputs),
        Task::Test(args) => test(args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

/// The crate the options name, or with none, the SDK and every fixture.
fn targets(inputs: Inputs) -> Result<Vec<xtask::Paths>, String> {
    let Inputs {
        spec,
        config,
        out,
        overlays,
        no_config_overlays,
        strict,
    } = inputs;
    let named = spec.is_some() || config.is_some() || out.is_some() || !overlays.is_empty();
    if !named && !no_config_overlays {
        let mut targets = xtask::targets()?;
        targets.iter_mut().for_each(|paths| paths.strict = strict);
        return Ok(targets);
    }
    let mut paths = xtask::Paths::new(spec, config, out);
    paths.overlays = overlays;
    paths.config_overlays = !no_config_overlays;
    paths.strict = strict;
    Ok(vec![paths])
}

fn generate(args: GenerateArgs) -> Result<(), String> {
    // Render everything before writing anything: one bad document leaves every crate as it was.
    let mut rendered = Vec::new();
    for paths in targets(args.inputs)? {
        let mut files = xtask::render(&paths)?;
        xtask::print_warnings(&files, &paths);
        let mut report = xtask::surface_report(&files, &paths.out)?;
        if let Some(r) = report.as_ref().filter(|r| args.bump && r.needs_bump()) {
            xtask::set_version(&paths.config, &r.next_version)?;
            println!(
                "{}: version set to {}",
                paths.config.display(),
                r.next_version
            );
            files = xtask::render(&paths)?;
            report = xtask::surface_report(&files, &paths.out)?;
        }
        rendered.push((files, report, paths));
    }
    for (files, report, paths) in rendered {
        write(&files, &paths)?;
        if let Some(report) = report.filter(|r| !r.changes.is_empty()) {
            print!("{report}");
        }
    }
    Ok(())
}

fn write(files: &generator::Files, paths: &xtask::Paths) -> Result<(), String> {
    let drift = xtask::write(files, &paths.out)?;
    let out = paths.out.display();
    if drift.is_empty() {
        println!("{out}: up to date ({} files)", files.len());
    }
    for path in &drift.missing {
        println!("created {out}/{path}");
    }
    for (path, _) in &drift.changed {
        println!("updated {out}/{path}");
    }
    for path in &drift.extra {
        println!("removed {out}/{path}");
    }
    Ok(())
}

fn check(inputs: Inputs) -> Result<(), String> {
    let mut drifted = Vec::new();
    for paths in targets(inputs)? {
        let files = xtask::render(&paths)?;
        xtask::print_warnings(&files, &paths);
        let drift = xtask::compare(&files, &paths.out)?;
        if drift.is_empty() {
            println!(
                "{}: up to date ({} files)",
                paths.out.display(),
                files.len()
            );
        } else {
            print!("{}", drift.report());
            if let Some(report) = xtask::surface_report(&files, &paths.out)? {
                print!("{report}");
            }
            drifted.push(paths.out.display().to_string());
        }
    }
    if drifted.is_empty() {
        return Ok(());
    }
    Err(format!(
        "{} drifted from the spec; run `cargo xtask generate`",
        drifted.join(", ")
    ))
}

fn test(args: TestArgs) -> Result<(), String> {
    let root = xtask::root();
    xtask::prism::ensure_installed(&root)?;
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let status = Command::new(cargo)
        .current_dir(&root)
        .args(["test", "--workspace"])
        .args(&args.cargo_args)
        .status()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("cargo test failed ({status})"))
    }
}
