//! Mutated documents are rendered or refused with a located error, never a panic.
//!
//! The corpus is `spec/openapi.yaml`, every `.yaml` file under `fixtures/` and
//! `generator/tests/fixtures/`, and the documents listed in `GENERATOR_FUZZ_SPECS`
//! (paths separated by `:`, relative ones taken from the workspace root; CI lists Clerk's
//! whole Backend API there). Each case parses a document into a YAML tree, applies one to
//! three mutations aimed at what breaks generators (dangling and cyclic `$ref`s, odd types
//! and names, bad status codes and media types, …), renders the result and checks that it
//! is a crate with no empty file or an error that says where the problem is.
//!
//! The cases of a document have the seeds 0, 1, 2, … (how many depends on its size), and
//! all randomness comes from `fastrand` seeded with them, so runs are reproducible. A
//! failure names the document, the seed and the mutations; to replay one seed on every
//! document, run `GENERATOR_FUZZ_SEED=<seed> cargo test -p generator --test fuzz`. A stack
//! overflow aborts the process before anything can be reported: run with
//! `GENERATOR_FUZZ_TRACE=1` and `-- --nocapture` to print each case before it renders.

use std::ops::Range;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

use fastrand::Rng;
use generator::{Config, Error, Source};
use serde_yaml::Value;

mod degrade;
mod mutations;
mod names;
mod tree;

use mutations::mutate;

/// YAML bytes rendered per document, which sets its number of cases: a fixture of a few
/// kilobytes gets [`MAX_CASES`], the API Keys spec (60 kB) about 200 and Clerk's whole API
/// (0.7 MB, over a second a render in the debug profile) [`MIN_CASES`].
const BYTES_PER_DOCUMENT: usize = 12_000_000;
const MIN_CASES: usize = 40;
const MAX_CASES: usize = 300;

#[test]
fn mutated_documents_render_or_fail_with_a_located_error() {
    let corpus = corpus();
    assert!(!corpus.is_empty(), "the fuzz corpus is empty");
    let config = config();
    let replay: Option<u64> = std::env::var("GENERATOR_FUZZ_SEED").ok().map(|seed| {
        seed.parse()
            .unwrap_or_else(|_| panic!("GENERATOR_FUZZ_SEED=`{seed}` is not a number"))
    });
    let mut failures = Vec::new();
    for (name, text) in &corpus {
        if let Err(failure) = run(name, text, &config) {
            failures.push(format!("{name}, unmutated: {failure}"));
        }
        let tree: Value = serde_yaml::from_str(text)
            .unwrap_or_else(|e| panic!("{name}: corpus documents must be YAML: {e}"));
        let cases = (BYTES_PER_DOCUMENT / text.len().max(1)).clamp(MIN_CASES, MAX_CASES);
        let seeds = match replay {
            Some(seed) => seed..seed + 1,
            None => 0..cases as u64,
        };
        let start = std::time::Instant::now();
        let (mut rendered, mut refused) = (0, 0);
        for outcome in fuzz(name, &tree, seeds.clone(), &config) {
            match outcome {
                Ok(Outcome::Rendered) => rendered += 1,
                Ok(Outcome::Refused) => refused += 1,
                Err(failure) => failures.push(failure),
            }
        }
        println!(
            "{name}: seeds {seeds:?}: {rendered} rendered, {refused} refused, in {:.1} s",
            start.elapsed().as_secs_f64()
        );
    }
    assert!(
        failures.is_empty(),
        "{} cases failed:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

/// Runs the cases of one document on every core; the outcomes come in seed order.
fn fuzz(
    name: &str,
    tree: &Value,
    seeds: Range<u64>,
    config: &Config,
) -> Vec<Result<Outcome, String>> {
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get());
    let seeds: Vec<u64> = seeds.collect();
    let mut outcomes: Vec<(u64, Result<Outcome, String>)> = std::thread::scope(|scope| {
        let seeds = &seeds;
        let handles: Vec<_> = (0..workers)
            .map(|worker| {
                scope.spawn(move || {
                    let mine = seeds.iter().skip(worker).step_by(workers);
                    mine.map(|&seed| (seed, case(name, tree, seed, config)))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|handle| handle.join().expect("a fuzz worker does not panic"))
            .collect()
    });
    outcomes.sort_by_key(|(seed, _)| *seed);
    outcomes.into_iter().map(|(_, outcome)| outcome).collect()
}

/// Mutates the document as the seed says, renders it and checks the outcome; a failure
/// says how to get the same document again.
fn case(name: &str, tree: &Value, seed: u64, config: &Config) -> Result<Outcome, String> {
    let (text, mutations) = mutated(tree, seed);
    if std::env::var_os("GENERATOR_FUZZ_TRACE").is_some() {
        eprintln!("{name}, seed {seed}: {}", mutations.join("; "));
    }
    run(name, &text, config).map_err(|failure| {
        format!(
            "{name}, seed {seed}, mutations:\n  - {}\n  {failure}",
            mutations.join("\n  - ")
        )
    })
}

/// The document as the seed mutates it, with what each mutation did.
fn mutated(tree: &Value, seed: u64) -> (String, Vec<String>) {
    let mut tree = tree.clone();
    let mut rng = Rng::with_seed(seed);
    let mutations: Vec<String> = (0..rng.usize(1..=3))
        .map(|_| mutate(&mut rng, &mut tree))
        .collect();
    let text = serde_yaml::to_string(&tree).expect("a YAML tree serializes");
    (text, mutations)
}

/// How many rendered mutations [`a_sample_of_rendered_mutations_compiles`] compiles.
const COMPILED_SAMPLE: usize = 12;

/// How many of them also run their doctests (all of them: the doctests are `no_run` examples,
/// compiled in a few seconds).
const DOCTESTED_SAMPLE: usize = COMPILED_SAMPLE;

/// "A crate that builds, or a located error": a fixed sample of the mutations that render (the
/// first [`COMPILED_SAMPLE`], taking seeds from 10,000 up round the small documents of the
/// corpus) is written as one workspace and checked with `cargo check`, offline, in
/// `target/fuzz-sample`; they run their doctests too (the README's examples and each method's),
/// which must compile whatever the document.
#[test]
fn a_sample_of_rendered_mutations_compiles() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let config = config();
    // Clerk's whole document would make each crate take a minute to check.
    let corpus: Vec<(String, Value)> = corpus()
        .into_iter()
        .filter(|(_, text)| text.len() < 200_000)
        .map(|(name, text)| {
            let tree = serde_yaml::from_str(&text).expect("corpus documents are YAML");
            (name, tree)
        })
        .collect();
    let out = root.join("target/fuzz-sample");
    let _ = std::fs::remove_dir_all(&out);
    let mut samples = Vec::new();
    'seeds: for seed in 10_000.. {
        for (name, tree) in &corpus {
            let (text, mutations) = mutated(tree, seed);
            // Each sample is a crate of its own name, which its doctests use.
            let mut config = config.clone();
            config.krate.name = format!("fuzz-sample-{}", samples.len());
            let Ok(Ok(files)) = catch_unwind(AssertUnwindSafe(|| {
                generator::render(&Source { name, text: &text }, &[], &config)
            })) else {
                continue;
            };
            let dir = out.join(format!("sample-{}", samples.len()));
            for (path, content) in files.iter() {
                let path = dir.join(path);
                std::fs::create_dir_all(path.parent().unwrap()).unwrap();
                std::fs::write(path, content).unwrap();
            }
            samples.push(format!("{name}, seed {seed}: {}", mutations.join("; ")));
            if samples.len() == COMPILED_SAMPLE {
                break 'seeds;
            }
        }
    }
    let members: Vec<String> = (0..samples.len())
        .map(|i| format!("\"sample-{i}\""))
        .collect();
    let manifest = format!(
        "[workspace]\nresolver = \"2\"\nmembers = [{}]\n",
        members.join(", ")
    );
    std::fs::write(out.join("Cargo.toml"), manifest).unwrap();
    // The workspace's versions of the dependencies, which `cargo test` has downloaded.
    std::fs::copy(root.join("Cargo.lock"), out.join("Cargo.lock")).unwrap();
    let cargo = |args: &[&str]| {
        let output = std::process::Command::new(env!("CARGO"))
            .args(args)
            .current_dir(&out)
            .env("CARGO_TARGET_DIR", root.join("target/fuzz-sample-target"))
            .output()
            .expect("cargo runs");
        assert!(
            output.status.success(),
            "a rendered mutation does not compile (`cargo {}`):\n{}\n{}\n\nthe samples:\n{}",
            args.join(" "),
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr),
            samples.join("\n")
        );
    };
    cargo(&["check", "--offline", "--quiet", "--workspace"]);
    let doctested: Vec<String> = (0..DOCTESTED_SAMPLE.min(samples.len()))
        .map(|i| format!("--package=fuzz-sample-{i}"))
        .collect();
    let mut args = vec!["test", "--offline", "--quiet", "--doc"];
    args.extend(doctested.iter().map(String::as_str));
    cargo(&args);
}

/// What became of a document that did not make the generator fail the test.
#[derive(Debug)]
enum Outcome {
    Rendered,
    Refused,
}

/// Renders one document and checks the outcome.
fn run(name: &str, text: &str, config: &Config) -> Result<Outcome, String> {
    let result = catch_unwind(AssertUnwindSafe(|| {
        generator::render(&Source { name, text }, &[], config)
    }));
    match result {
        Err(payload) => {
            let message = payload
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "(no message)".to_owned());
            Err(format!("panicked: {message}"))
        }
        Ok(Ok(files)) => match files.iter().find(|(_, text)| text.trim().is_empty()) {
            Some((path, _)) => Err(format!("rendered an empty {path}")),
            None => Ok(Outcome::Rendered),
        },
        Ok(Err(error)) => located(&error, name).map(|()| Outcome::Refused),
    }
}

/// Whether an error says where its cause is: the file, or the JSON pointer of the node.
fn located(error: &Error, name: &str) -> Result<(), String> {
    let located = match error {
        Error::Syntax { file, .. } | Error::Document { file, .. } => file == name,
        Error::Unsupported { pointer, reason } => pointer.starts_with('#') && !reason.is_empty(),
        // The document cannot make the config invalid, there is no overlay, and an internal
        // error is a bug.
        Error::Internal(_)
        | Error::Config(_)
        | Error::Overlay { .. }
        | Error::OverlayAction { .. } => false,
    };
    if located && !error.to_string().trim().is_empty() {
        Ok(())
    } else {
        Err(format!("error without a location: {error:?}"))
    }
}

fn config() -> Config {
    Config::from_toml(
        r#"
        [crate]
        name = "fuzz-sdk"
        version = "0.1.0"
        description = "A mutated document."
        [client]
        name = "Client"
        user_agent = "fuzz-sdk-rust"
        api_version_header = "Api-Version"
        [client.headers]
        X-Fuzz = "yes"
        [models]
        sensitive_fields = ["secret"]
        [pagination]
        offset = "offset"
        limit = "limit"
        items = "data"
        total = "total_count"
        "#,
    )
    .unwrap()
}

/// The corpus documents, by name, in a fixed order.
fn corpus() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut paths = Vec::new();
    let spec = root.join("spec/openapi.yaml");
    if spec.is_file() {
        paths.push(spec);
    }
    for dir in ["fixtures", "generator/tests/fixtures"] {
        yaml_files(&root.join(dir), &mut paths);
    }
    paths.sort();
    paths.dedup();
    let mut documents: Vec<(String, String)> = paths
        .iter()
        .map(|path| {
            let name = path.strip_prefix(&root).unwrap_or(path);
            (
                name.display().to_string(),
                read(path, "found in the corpus folders"),
            )
        })
        .collect();
    if let Ok(extra) = std::env::var("GENERATOR_FUZZ_SPECS") {
        for path in extra.split(':').filter(|p| !p.is_empty()) {
            let text = read(
                &root.join(path),
                &format!("listed as `{path}` in GENERATOR_FUZZ_SPECS, from the workspace root"),
            );
            documents.push((path.to_owned(), text));
        }
    }
    documents
}

/// A corpus document's text; one that cannot be read fails the test, never skips it.
fn read(path: &Path, origin: &str) -> String {
    std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("{} ({origin}) cannot be read: {e}", path.display()))
}

/// Adds the `.yaml` files under `dir` that are OpenAPI documents (an overlay beside one is
/// not), recursively; a missing folder has none.
fn yaml_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries {
        let path = entry.expect("a readable folder entry").path();
        if path.is_dir() {
            yaml_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "yaml")
            && read(&path, "found in the corpus folders")
                .lines()
                .any(|line| line.starts_with("openapi:"))
        {
            out.push(path);
        }
    }
}
