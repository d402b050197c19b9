//! Rendering: the whole output tree, in memory.

use std::collections::BTreeMap;

use crate::config::Config;
use crate::emit::{self, Context, group_names};
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
    let mut api = crate::lower::lower(&document)?;
    crate::naming::name(&mut api)?;
    let cx = Context { api: &api, config };
    let mut examples = Vec::new();
    let mut sources = vec![
        ("src/lib.rs".to_owned(), Source::Lib),
        ("src/models.rs".to_owned(), Source::Models),
    ];
    for (group, ops) in api.groups() {
        let module = group_names(group).module.to_string();
        if ["models", "runtime", "reqwest", "lib"].contains(&module.as_str()) {
            return Err(Error::at(
                &ops[0].pointer,
                format!("the group `{group}` would be named like the crate's `{module}`"),
            ));
        }
        let path = format!("src/{}.rs", module.trim_start_matches("r#"));
        if let Some(example) = emit::examples_rs(&cx, group, &ops) {
            examples.push((format!("examples/{}.rs", emit::page_name(group)), example));
        }
        sources.push((path, Source::Group(group, ops)));
    }
    let mut files = Files::new();
    for ((path, _), text) in sources.iter().zip(emit_all(&cx, &sources, spec_name)) {
        files.insert(path.clone(), text?);
    }
    for (path, example) in examples {
        files.insert(path, rust_file(example, spec_name)?);
    }
    files.extend(crate::runtime::files(&crate::runtime::features(&cx))?);
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
    let surface = crate::surface::surface(&api, config, spec_name);
    let surface =
        serde_json::to_string_pretty(&surface).map_err(|e| Error::Internal(e.to_string()))?;
    files.insert(SURFACE.into(), surface + "\n");
    for (path, text) in emit::docs(&cx, spec_name)? {
        files.insert(path, text);
    }
    Ok(files)
}

/// A Rust file of the generated crate, before it is emitted.
enum Source<'a> {
    Lib,
    Models,
    Group(&'a str, Vec<&'a crate::ir::Operation>),
}

/// Emits and formats every source, each file on its own, so that on several cores they are
/// shared among threads: each takes the next source not yet taken, so `models.rs`, the
/// largest, starts at once. Results come back in the order of `sources`, whatever thread made
/// them, so the output does not depend on the scheduling.
fn emit_all(cx: &Context, sources: &[(String, Source)], spec_name: &str) -> Vec<Result<String>> {
    let emit = |source: &Source| {
        let tokens = match source {
            Source::Lib => emit::lib_rs(cx),
            Source::Models => emit::models_rs(cx),
            Source::Group(group, ops) => emit::group_rs(cx, group, ops)?,
        };
        rust_file(tokens, spec_name)
    };
    let threads = std::thread::available_parallelism()
        .map_or(1, usize::from)
        .min(sources.len());
    if threads <= 1 {
        return sources.iter().map(|(_, source)| emit(source)).collect();
    }
    let next = std::sync::atomic::AtomicUsize::new(0);
    let work = || {
        let mut done = Vec::new();
        loop {
            let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let Some((_, source)) = sources.get(i) else {
                return done;
            };
            done.push((i, emit(source)));
        }
    };
    let mut results: Vec<Option<Result<String>>> = sources.iter().map(|_| None).collect();
    std::thread::scope(|scope| {
        let workers: Vec<_> = (1..threads).map(|_| scope.spawn(work)).collect();
        let mut done = work();
        for worker in workers {
            // A panic in a worker is a bug in an emitter: let it surface as one.
            done.extend(
                worker
                    .join()
                    .unwrap_or_else(|e| std::panic::resume_unwind(e)),
            );
        }
        for (i, result) in done {
            results[i] = Some(result);
        }
    });
    results
        .into_iter()
        .map(|r| r.unwrap_or_else(|| Err(Error::Internal("a file was not emitted".into()))))
        .collect()
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
    let (api, config) = (cx.api, cx.config);
    // The README shows one call on its own: the first operation whose example needs nothing
    // but the client, one that only reads if there is one.
    let mut ops: Vec<&crate::ir::Operation> = api.operations.iter().collect();
    ops.sort_by_key(|op| op.method != crate::ir::Method::Get);
    let example = ops
        .into_iter()
        .map(|op| emit::example(cx, op))
        .find(emit::Example::is_simple);
    let (statements, request) = match &example {
        Some(example) => (example.statements()?, example.request()?),
        None => (String::new(), String::new()),
    };
    let user_agent = format!("{}/{}", config.client.user_agent, config.krate.version);
    let version_header = config
        .client
        .api_version_header
        .iter()
        .map(|n| (n, &api.version));
    let headers: Vec<String> = version_header
        .chain(&config.client.headers)
        .map(|(name, value)| format!("`{name}: {value}`"))
        .collect();
    let default_headers = match headers.as_slice() {
        [] => String::new(),
        headers => format!(", plus {}", headers.join(", ")),
    };
    let paging = api
        .operations
        .iter()
        .find_map(|op| Some((op, emit::stream_call(cx, op)?)))
        .map(|(op, call)| {
            let stream = crate::format::statements(call)?;
            let values = [
                ("method", op.name.as_str()),
                ("crate_ident", &config.crate_ident()),
                ("client", config.client.name.as_str()),
                ("stream", &stream),
            ];
            templates::fill(templates::README_PAGING, &values)
                .map_err(|e| Error::Internal(format!("templates/README-paging.md: {e}")))
        })
        .transpose()?;
    let sensitive = match config.models.sensitive_fields.as_slice() {
        [] => "none in this API".to_owned(),
        fields => fields
            .iter()
            .map(|f| format!("`{f}`"))
            .collect::<Vec<_>>()
            .join(", "),
    };
    let docs = docs_list(cx);
    let values = [
        ("docs", docs.as_str()),
        ("crate_name", config.krate.name.as_str()),
        ("crate_ident", &config.crate_ident()),
        ("client", config.client.name.as_str()),
        ("title", api.title.as_str()),
        ("api_version", api.version.as_str()),
        ("version", config.krate.version.as_str()),
        ("server_url", api.server_url.as_deref().unwrap_or("(none)")),
        ("example", &statements),
        ("request", &request),
        ("user_agent", &user_agent),
        ("default_headers", &default_headers),
        ("paging", paging.as_deref().unwrap_or("")),
        ("sensitive", &sensitive),
        ("retry_policy", &retry_policy(api.retries.as_ref())),
    ];
    let text = templates::fill(templates::README, &values)
        .map_err(|e| Error::Internal(format!("templates/README.md: {e}")))?;
    Ok(format!("<!--\n{}-->\n\n{text}", header("", spec_name)))
}

/// The README's list of the docs pages and examples.
fn docs_list(cx: &Context) -> String {
    let mut lines = Vec::new();
    let groups = cx.api.groups();
    for (group, ops) in &groups {
        let page = emit::page_name(group);
        let title = if group.trim().is_empty() {
            "Operations without a tag".to_owned()
        } else {
            emit::sanitize(group).replace('\n', " ")
        };
        lines.push(format!(
            "- [{title}](docs/{page}.md): its {} operations, each with an example, its \
             parameters, its response and its errors.",
            ops.len()
        ));
    }
    lines.push(
        "- [Models](docs/models.md): every request and response type, field by field.".to_owned(),
    );
    for (group, ops) in &groups {
        if emit::examples_rs(cx, group, ops).is_some() {
            let page = emit::page_name(group);
            lines.push(format!(
                "- [`examples/{page}.rs`](examples/{page}.rs): a program that runs the examples \
                 of the `{page}` operations (`API_TOKEN=… cargo run --example {page}`; \
                 `API_SERVER_URL` sends them to another server)."
            ));
        }
    }
    format!(
        "{}\n\nEvery example in these pages is also the doctest of the method it calls, so \
         `cargo test --doc` compiles each of them against this version of the crate.",
        lines.join("\n")
    )
}

/// The API's retry policy in words, for the README.
fn retry_policy(retries: Option<&crate::ir::Retries>) -> String {
    let Some(r) = retries else {
        return "none, calls are not retried unless configured".to_owned();
    };
    let statuses: Vec<String> = r.status_codes.iter().map(|s| s.to_string()).collect();
    let statuses = match statuses.as_slice() {
        [] => "no status".to_owned(),
        list => format!("the statuses {}", list.join(", ")),
    };
    let connection = if r.retry_connection_errors {
        "and connection failures"
    } else {
        "but not connection failures"
    };
    format!(
        "{statuses} {connection} are retried, first after {}, each delay {} times the one \
         before, at most {} apart, and no retry is planned past {} after the first attempt",
        duration(r.initial_interval_ms),
        r.exponent,
        duration(r.max_interval_ms),
        duration(r.max_elapsed_ms),
    )
}

/// Milliseconds in the largest whole unit: `500 ms`, `60 s`, `1 h`.
fn duration(ms: u64) -> String {
    match ms {
        0 => "0 s".to_owned(),
        ms if ms % 3_600_000 == 0 => format!("{} h", ms / 3_600_000),
        ms if ms % 60_000 == 0 => format!("{} min", ms / 60_000),
        ms if ms % 1_000 == 0 => format!("{} s", ms / 1_000),
        ms => format!("{ms} ms"),
    }
}
