//! The generator in process, stage by stage (load, lower, name, emit, format, surface, write)
//! and whole (`render`), on `spec/openapi.yaml` and on Clerk's whole Backend API document.
//!
//! The whole document is read from `$BENCH_CLERK_DOC`, or else from
//! `../shared/reference/clerk-backend-api-2025-11-10.yml` beside the checkout; without it only
//! `spec/` is measured.
//!
//! `cargo bench -p bench --bench generator`

use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use divan::Bencher;
use generator::emit;
use generator::naming::CrateNames;
use generator::plan::Plan;
use generator::{Config, Files};
use proc_macro2::TokenStream;

#[global_allocator]
static ALLOC: divan::AllocProfiler = divan::AllocProfiler::system();

fn main() {
    divan::main();
}

/// A document to generate from, as `cargo xtask generate` would name it.
struct Document {
    name: &'static str,
    text: String,
    spec_name: String,
}

fn root() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
}

fn clerk_path() -> PathBuf {
    std::env::var_os("BENCH_CLERK_DOC").map_or_else(
        || root().join("../shared/reference/clerk-backend-api-2025-11-10.yml"),
        PathBuf::from,
    )
}

static DOCUMENTS: LazyLock<Vec<Document>> = LazyLock::new(|| {
    let read = |path: &Path| {
        std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    };
    let mut documents = vec![Document {
        name: "api-keys",
        text: read(&root().join("spec/openapi.yaml")),
        spec_name: "spec/openapi.yaml".into(),
    }];
    let clerk = clerk_path();
    if clerk.is_file() {
        documents.push(Document {
            name: "clerk-whole",
            text: read(&clerk),
            spec_name: "clerk-backend-api-2025-11-10.yml".into(),
        });
    } else {
        eprintln!(
            "note: {} not found (set BENCH_CLERK_DOC); measuring spec/ only",
            clerk.display()
        );
    }
    documents
});

static CONFIG: LazyLock<Config> = LazyLock::new(|| {
    let text = std::fs::read_to_string(root().join("spec/sdk.toml")).expect("spec/sdk.toml");
    Config::from_toml(&text).expect("a valid config")
});

/// The documents' names, the benchmarks' arguments.
fn documents() -> Vec<&'static str> {
    DOCUMENTS.iter().map(|d| d.name).collect()
}

fn document(name: &str) -> &'static Document {
    DOCUMENTS
        .iter()
        .find(|d| d.name == name)
        .expect("a known document")
}

fn loaded(doc: &Document) -> openapiv3::OpenAPI {
    generator::load::load(&doc.text, &doc.spec_name).expect("the document loads")
}

fn named(doc: &Document) -> (generator::ir::Api, CrateNames) {
    let api =
        generator::lower::lower(&loaded(doc), CONFIG.lowering()).expect("the document lowers");
    generator::naming::name(api, &CONFIG).expect("the model is named")
}

/// Every emitted Rust file, as `render` emits them: `lib.rs`, `models.rs`, one per group.
fn emit_all(plan: &Plan) -> Vec<TokenStream> {
    let examples = emit::Examples::new(plan).expect("the examples format");
    let readme = emit::readme(plan, "openapi.yaml").expect("the README renders");
    let mut files = vec![emit::lib_rs(plan, &readme), emit::models_rs(plan)];
    for group in &plan.groups {
        files.push(emit::group_rs(plan, group, &examples).expect("the group emits"));
    }
    files
}

fn rendered(doc: &Document) -> Files {
    let spec = generator::Source {
        name: &doc.spec_name,
        text: &doc.text,
    };
    generator::render(&spec, &[], &CONFIG).expect("the document renders")
}

/// YAML text to an `openapiv3` document.
#[divan::bench(args = documents())]
fn load(bencher: Bencher, name: &str) {
    let doc = document(name);
    bencher.bench(|| generator::load::load(&doc.text, &doc.spec_name).expect("loads"));
}

/// The document to the IR, every `$ref` resolved.
#[divan::bench(args = documents())]
fn lower(bencher: Bencher, name: &str) {
    let openapi = loaded(document(name));
    bencher.bench(|| generator::lower::lower(&openapi, CONFIG.lowering()).expect("lowers"));
}

/// Naming every type, method and field.
#[divan::bench(args = documents())]
fn name(bencher: Bencher, name: &str) {
    let doc = document(name);
    let api = generator::lower::lower(&loaded(doc), CONFIG.lowering()).expect("lowers");
    bencher
        .with_inputs(|| api.clone())
        .bench_values(|api| generator::naming::name(api, &CONFIG).expect("names"));
}

/// The plan of every operation, examples included.
#[divan::bench(args = documents())]
fn plan(bencher: Bencher, name: &str) {
    let (api, names) = named(document(name));
    bencher
        .with_inputs(|| names.clone())
        .bench_local_values(|names| {
            generator::plan::plan(&api, &CONFIG, names)
                .expect("plans")
                .groups
                .len()
        });
}

/// The plan to token streams, `quote!` by `quote!`.
#[divan::bench(args = documents())]
fn emit(bencher: Bencher, name: &str) {
    let (api, names) = named(document(name));
    let plan = generator::plan::plan(&api, &CONFIG, names).expect("plans");
    bencher.bench_local(|| emit_all(&plan));
}

/// Token streams to text: `syn::parse2` and prettyplease.
#[divan::bench(args = documents())]
fn format(bencher: Bencher, name: &str) {
    let doc = document(name);
    let (api, names) = named(doc);
    let plan = generator::plan::plan(&api, &CONFIG, names).expect("plans");
    let tokens = emit_all(&plan);
    bencher
        .with_inputs(|| tokens.clone())
        .bench_local_values(|tokens| {
            tokens
                .into_iter()
                .map(|t| generator::format::rust_file(t, &doc.spec_name).expect("formats"))
                .collect::<Vec<String>>()
        });
}

/// The first half of `format`: token streams to a `syn::File` each.
#[divan::bench(args = documents())]
fn format_parse(bencher: Bencher, name: &str) {
    let (api, names) = named(document(name));
    let plan = generator::plan::plan(&api, &CONFIG, names).expect("plans");
    let tokens = emit_all(&plan);
    bencher
        .with_inputs(|| tokens.clone())
        .bench_local_values(|tokens| {
            tokens
                .into_iter()
                .map(|t| syn::parse2(t).expect("parses"))
                .collect::<Vec<syn::File>>()
        });
}

/// The second half of `format`: prettyplease prints each `syn::File`.
#[divan::bench(args = documents())]
fn format_print(bencher: Bencher, name: &str) {
    let (api, names) = named(document(name));
    let plan = generator::plan::plan(&api, &CONFIG, names).expect("plans");
    let files: Vec<syn::File> = emit_all(&plan)
        .into_iter()
        .map(|t| syn::parse2(t).expect("parses"))
        .collect();
    bencher.bench_local(|| {
        files
            .iter()
            .map(prettyplease::unparse)
            .collect::<Vec<String>>()
    });
}

/// The public-surface manifest, `api-surface.json`.
#[divan::bench(args = documents())]
fn surface(bencher: Bencher, name: &str) {
    let doc = document(name);
    let (api, names) = named(doc);
    let plan = generator::plan::plan(&api, &CONFIG, names).expect("plans");
    let runtime = generator::runtime::files(&plan.runtime).unwrap();
    bencher.bench_local(|| generator::surface::surface(&plan, &doc.spec_name, &runtime));
}

/// The whole crate in memory: every stage above plus the templates, `Cargo.toml` and
/// README.
#[divan::bench(args = documents())]
fn render(bencher: Bencher, name: &str) {
    let doc = document(name);
    bencher.bench(|| rendered(doc));
}

/// Writing the rendered crate into an empty folder (`xtask::write`, a first generation).
#[divan::bench(args = documents())]
fn write_new(bencher: Bencher, name: &str) {
    let files = rendered(document(name));
    bencher
        .with_inputs(|| tempfile::tempdir().expect("a temporary folder"))
        .bench_values(|dir| {
            xtask::write(&files, dir.path()).expect("writes");
            dir
        });
}

/// Writing the rendered crate over an identical one: every file compared, none written (a
/// regeneration that changes nothing, the common case of `cargo xtask generate`).
#[divan::bench(args = documents())]
fn write_unchanged(bencher: Bencher, name: &str) {
    let files = rendered(document(name));
    let dir = tempfile::tempdir().expect("a temporary folder");
    xtask::write(&files, dir.path()).expect("writes");
    bencher.bench(|| xtask::write(&files, dir.path()).expect("compares"));
}
