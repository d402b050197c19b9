//! `README.md` and `Cargo.toml` of the generated crate, from their templates.

use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::TokenStream;
use quote::quote;

use crate::config::{Config, RequestIdSource};
use crate::error::{Error, Result};
use crate::format::header;
use crate::ir::Origin;
use crate::plan::{Input, OperationPlan, Parameter, Plan};
use crate::runtime::Module;
use crate::templates;

/// The manifest: the template's, with the package's name, version, description and crates.io
/// metadata from the config, and reqwest's `multipart` feature when the API sends a
/// `multipart/form-data` body (`modules` are the runtime modules the crate has).
pub fn cargo_toml(config: &Config, modules: &BTreeSet<Module>, spec_name: &str) -> Result<String> {
    let template = |e: &str| Error::Internal(format!("templates/Cargo.toml: {e}"));
    let mut manifest: toml::Table =
        toml::from_str(templates::CARGO_TOML).map_err(|e| template(&e.to_string()))?;
    let package = manifest
        .get_mut("package")
        .and_then(toml::Value::as_table_mut)
        .ok_or_else(|| template("no [package]"))?;
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
    // HTTP basic credentials are base64-encoded (the crate reqwest itself uses for that), by
    // the client's `auth` module.
    if modules.contains(&Module::Http) {
        let dependencies = manifest
            .get_mut("dependencies")
            .and_then(toml::Value::as_table_mut)
            .ok_or_else(|| template("no [dependencies]"))?;
        dependencies.insert("base64".into(), "0.22".into());
    }
    // Test doubles for users' tests, off by default (the runtime's `CRATE_FEATURES`).
    if modules.contains(&Module::Http) {
        let features = manifest
            .get_mut("features")
            .and_then(toml::Value::as_table_mut)
            .ok_or_else(|| template("no [features]"))?;
        for feature in crate::runtime::CRATE_FEATURES {
            features.insert((*feature).into(), toml::Value::Array(Vec::new()));
        }
    }
    if modules.contains(&Module::Multipart) {
        let reqwest = manifest
            .get_mut("dependencies")
            .and_then(|d| d.get_mut("reqwest"))
            .and_then(toml::Value::as_table_mut)
            .ok_or_else(|| template("no reqwest dependency"))?;
        let list = reqwest
            .entry("features")
            .or_insert_with(|| toml::Value::Array(Vec::new()))
            .as_array_mut()
            .ok_or_else(|| template("reqwest's features are not a list"))?;
        list.push("multipart".into());
    }
    let text = toml::to_string(&manifest).map_err(|e| Error::Internal(e.to_string()))?;
    Ok(format!("{}\n{text}", header("#", spec_name)))
}

pub fn readme(plan: &Plan, spec_name: &str) -> Result<String> {
    let (api, config) = (plan.api, plan.config);
    // The README shows one call on its own: the first operation whose example needs nothing
    // but the client, one that only reads if there is one.
    let mut ops: Vec<&OperationPlan> = plan.operations().map(|(_, op)| op).collect();
    ops.sort_by_key(|op| (op.op.method != crate::ir::Method::Get, op.index));
    let example = ops
        .iter()
        .map(|op| &op.example)
        .find(|example| example.is_simple());
    let (statements, request) = match example {
        Some(example) => (
            super::examples::statements(plan, example)?,
            super::examples::request_text(plan, example)?,
        ),
        None => (String::new(), String::new()),
    };
    let request_in_fn: String = request.lines().map(|l| format!("    {l}\n")).collect();
    let request_in_fn = request_in_fn.trim_end();
    // The error type of the operation the examples call.
    let error_type = plan
        .operations()
        .find(|(_, op)| example.is_some_and(|e| std::ptr::eq(&op.example, e)))
        .map(|(group, op)| {
            let (krate, module) = (config.crate_ident(), group.module.code());
            format!("{krate}::{module}::{}", op.error.code())
        })
        .unwrap_or_default();
    // The success example reads the first header that carries a request id, if any.
    let request_id_name = (config.errors.request_id.iter())
        .find_map(|source| match source {
            RequestIdSource::Header(name) => Some(name.as_str()),
            RequestIdSource::Body(_) => None,
        })
        .unwrap_or("x-request-id");
    let user_agent = format!("{}/{}", config.client.user_agent, config.krate.version);
    let default_headers = default_headers(plan);
    let paging = paging_section(plan)?;
    let sensitive = match config.models.sensitive_fields.as_slice() {
        [] => "none in this API".to_owned(),
        fields => list(fields),
    };
    let docs = docs_list(plan);
    let errors = super::readme_errors::ErrorTexts::new(plan, example);
    let setters = setter_examples(plan);
    let from_env = from_env_section(plan);
    let credentials = super::auth::first_credentials(api);
    let provider = super::auth::provider_section(api, &config.crate_ident(), &config.client.name);
    let values = [
        ("from_env", from_env.as_str()),
        ("credentials", &credentials.env_lines()),
        ("placeholder_credentials", &credentials.placeholder_lines()),
        ("test_credentials", &credentials.lines_of("test")),
        ("auth", &super::auth::readme_section(api)),
        ("provider", &provider),
        ("docs", docs.as_str()),
        ("crate_name", config.krate.name.as_str()),
        ("crate_ident", &config.crate_ident()),
        ("client", config.client.name.as_str()),
        ("title", &super::sanitize(&api.title)),
        ("api_version", api.version.as_str()),
        ("version", config.krate.version.as_str()),
        ("server_url", api.server_url.as_deref().unwrap_or("(none)")),
        ("example", &statements),
        ("request", &request),
        ("request_in_fn", request_in_fn),
        ("error_type", &error_type),
        ("request_id_name", request_id_name),
        ("user_agent", &user_agent),
        ("default_headers", &default_headers),
        ("paging", paging.as_deref().unwrap_or("")),
        ("shared", &shared_section(plan)),
        ("setters", &setters),
        ("sensitive", &sensitive),
        ("request_id_header", &errors.request_id),
        ("error_words", &errors.words),
        ("error_body", &errors.body),
        ("builder_type", &errors.builder),
        (
            "retry_policy",
            &retry_policy(crate::plan::default_retries(api, config), &config.retries),
        ),
    ];
    let text = templates::fill(templates::README, &values)
        .map_err(|e| Error::Internal(format!("templates/README.md: {e}")))?;
    let limitations = super::limitations::readme_section(api);
    Ok(format!(
        "<!--\n{}-->\n\n{text}{limitations}",
        header("", spec_name)
    ))
}

/// A sentence naming, for each kind of setter the README describes that the crate has, the
/// first such setter in the document's order; empty when the crate has none of them.
fn setter_examples(plan: &Plan) -> String {
    let mut ops: Vec<&OperationPlan> = plan.operations().map(|(_, op)| op).collect();
    ops.sort_by_key(|op| op.index);
    let setters = || ops.iter().flat_map(|op| op.setters().map(move |i| (op, i)));
    let named = |(op, input): (&&OperationPlan, &Input), what: &str| {
        format!("`{}(…).{}(…)` {what}", op.method, input.name.code())
    };
    let kinds = [
        setters()
            .find(|(_, i)| i.set_null.is_some())
            .map(|(op, i)| {
                let set = i.set_null.as_ref().map(|s| s.code()).unwrap_or_default();
                format!(
                    "`{}(…).{}(…)` and `.{set}(None)` (a field that may be `null`)",
                    op.method,
                    i.name.code()
                )
            }),
        setters()
            .find(|(_, i)| matches!(i.param, Parameter::Items(_)))
            .map(|s| named(s, "(a list)")),
        setters()
            .find(|(_, i)| i.param == Parameter::Json)
            .map(|s| named(s, "(any JSON)")),
    ];
    let kinds: Vec<String> = kinds.into_iter().flatten().collect();
    match kinds.as_slice() {
        [] => String::new(),
        [one] => format!("\nIn this crate, for example: {one}.\n"),
        [init @ .., last] => format!(
            "\nIn this crate, for example: {} and {last}.\n",
            init.join(", ")
        ),
    }
}

/// The README's paragraph on `from_env()`, when the config names the token's variable.
fn from_env_section(plan: &Plan) -> String {
    let config = plan.config;
    let (Some(var), Some(scheme)) = (
        &config.client.token_env,
        super::auth::token_scheme(plan.api),
    ) else {
        return String::new();
    };
    let setter = &scheme.setter;
    let (client, krate) = (&config.client.name, config.crate_ident());
    format!(
        "\nOr take the token from the environment variable `{var}`: `{client}::from_env()` builds \
         a client with the API's defaults and that token, and fails with `Error::Config`, naming \
         the variable, when it is not set or blank. With other settings, \
         `.{setter}_env(\"{var}\")` on the builder reads it the same way.\n\n\
         ```rust,no_run\n\
         # fn example() -> Result<(), Box<dyn std::error::Error>> {{\n\
         let client = {krate}::{client}::from_env()?;\n\
         # Ok(())\n\
         # }}\n\
         ```\n"
    )
}

/// The README's paging section, about the first operation (in the document's order) that
/// pages by offset and whose call needs nothing but the client.
fn paging_section(plan: &Plan) -> Result<Option<String>> {
    let mut ops: Vec<&OperationPlan> = plan.operations().map(|(_, op)| op).collect();
    ops.sort_by_key(|op| op.index);
    let Some((op, call)) = ops.iter().find_map(|op| Some((op, stream_call(plan, op)?))) else {
        return Ok(None);
    };
    let stream = crate::format::statements(call)?;
    let config = plan.config;
    let values = [
        ("method", op.method.as_str()),
        ("crate_ident", &config.crate_ident()),
        ("client", config.client.name.as_str()),
        ("stream", &stream),
    ];
    templates::fill(templates::README_PAGING, &values)
        .map(Some)
        .map_err(|e| Error::Internal(format!("templates/README-paging.md: {e}")))
}

/// The headers every request carries beside the User-Agent, as a clause of the README.
/// The types the API description names (a `title`) that serve several places, with the
/// methods that use each; empty when there are none.
fn shared_section(plan: &Plan) -> String {
    let api = plan.api;
    let methods: BTreeMap<usize, &str> = plan
        .operations()
        .map(|(_, op)| (op.index, op.method.as_str()))
        .collect();
    let mut rows = Vec::new();
    for (i, ty) in api.types.iter().enumerate() {
        if !ty.given.as_ref().is_some_and(|g| g.path.is_empty()) {
            continue;
        }
        let users: BTreeSet<&str> = (api.aliases.iter())
            .filter(|a| a.target.0 == i)
            .filter_map(|a| match a.origin {
                Origin::Inline { operation, .. } => methods.get(&operation).copied(),
                Origin::Component { .. } => None,
            })
            .collect();
        if users.len() > 1 {
            let users: Vec<String> = users.iter().map(|m| format!("`{m}`")).collect();
            rows.push(format!("- `models::{}`: {}", ty.name, users.join(", ")));
        }
    }
    let Some(alias) = api.aliases.first() else {
        return String::new();
    };
    if rows.is_empty() {
        return String::new();
    }
    format!(
        "\n## Shared types\n\nThe API description names some shapes, and each is one type \
         wherever it appears, so one function over it serves every operation that uses it:\n\n\
         {}\n\nThe name each place had before the description named it stays as an alias of \
         the type (`pub type {} = {};`), for code written against it; `docs/models.md` lists \
         them.\n",
        rows.join("\n"),
        alias.name,
        api.ty(alias.target).name
    )
}

fn default_headers(plan: &Plan) -> String {
    let client = &plan.config.client;
    let version_header = client
        .api_version_header
        .iter()
        .map(|n| (n, &plan.api.version));
    let headers: Vec<String> = version_header
        .chain(&client.headers)
        .map(|(name, value)| format!("{name}: {value}"))
        .collect();
    match headers.as_slice() {
        [] => String::new(),
        headers => format!(", plus {}", list(headers)),
    }
}

/// Items in code spans, separated by commas.
fn list(items: &[String]) -> String {
    let items: Vec<String> = items.iter().map(|i| format!("`{i}`")).collect();
    items.join(", ")
}

/// `let items = client.….stream();`, for the README's paging section, when the operation
/// pages by offset and its call needs nothing but the client.
fn stream_call(plan: &Plan, op: &OperationPlan) -> Option<TokenStream> {
    let limit = &op.inputs[op.paging.as_ref()?.limit].name;
    let call = super::examples::simple_call(plan, &op.example)?;
    Some(quote!(let items = client.#call.#limit(100).stream();))
}

/// The README's list of the docs pages and examples.
fn docs_list(plan: &Plan) -> String {
    let mut lines = Vec::new();
    for group in &plan.groups {
        lines.push(format!(
            "- [{}](docs/{}.md): its {} operations, each with an example, its \
             parameters, its response and its errors.",
            super::group_title(group),
            group.page,
            group.operations.len()
        ));
    }
    lines.push(
        "- [Models](docs/models.md): every request and response type, field by field.".to_owned(),
    );
    for group in plan.groups.iter().filter(|g| super::examples::runnable(g)) {
        let (page, name) = (&group.page, &group.example);
        lines.push(format!(
            "- [`examples/{name}.rs`](examples/{name}.rs): a program that runs the examples \
             of the `{page}` operations (`API_TOKEN=… cargo run --example {name}`; \
             `API_SERVER_URL` sends them to another server)."
        ));
    }
    format!(
        "{}\n\nEvery example in these pages is also the doctest of the method it calls, so \
         `cargo test --doc` compiles each of them against this version of the crate.",
        lines.join("\n")
    )
}

/// The API's retry policy in words, for the README.
fn retry_policy(
    retries: Option<&crate::ir::Retries>,
    bounds: &crate::config::RetriesConfig,
) -> String {
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
         before, at most {} apart; no retry is planned past {} after the first attempt, a call \
         makes at most {} attempts in all, and it ends {} after it started whatever it is doing",
        duration(r.initial_interval_ms),
        r.exponent,
        duration(r.max_interval_ms),
        duration(r.max_elapsed_ms),
        bounds.max_attempts,
        duration(bounds.deadline_ms),
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
