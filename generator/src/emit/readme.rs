//! `README.md` of the generated crate, from its templates.

use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::TokenStream;
use quote::quote;

use crate::config::RequestIdSource;
use crate::error::{Error, Result};
use crate::format::header;
use crate::ir::Origin;
use crate::plan::{Example, Input, OperationPlan, Parameter, Plan};
use crate::templates;

/// The values of a template's placeholders, each by its name.
pub(super) type Values = Vec<(&'static str, String)>;

/// `README.md`: the template's, filled with the crate's and the API's facts, the example call
/// and the sections this crate needs, then the limitations of the generation; a crate without
/// operations has its own template.
pub fn readme(plan: &Plan, spec_name: &str) -> Result<String> {
    let webhooks = webhooks_section(plan)?;
    if plan.api.operations.is_empty() {
        return readme_without_client(plan, &webhooks, spec_name);
    }
    // The README's examples show one call: the first operation whose example needs nothing
    // but the client, one that only reads if there is one; else the one that needs least.
    let chosen = super::readme_example::chosen(plan);
    let mut values = crate_values(plan);
    values.extend(super::readme_example::values(plan, chosen)?);
    values.extend(error_values(plan, chosen.map(|(_, op)| &op.example)));
    values.extend(section_values(plan, webhooks)?);
    let values: Vec<(&str, &str)> = values.iter().map(|(n, v)| (*n, v.as_str())).collect();
    let text = templates::fill(templates::README, &values)
        .map_err(|e| Error::Internal(format!("templates/README.md: {e}")))?;
    let limitations = super::limitations::readme_section(plan.api);
    Ok(format!(
        "<!--\n{}-->\n\n{text}{limitations}",
        header("", spec_name)
    ))
}

/// The README's facts about the crate and the API: their names and versions, the server, the
/// headers every request carries, the fields hidden in printed errors and the retry policy.
fn crate_values(plan: &Plan) -> Values {
    let (api, config) = (plan.api, plan.config);
    // The success example reads the first header that carries a request id, if any.
    let request_id_name = (config.errors.request_id.iter())
        .find_map(|source| match source {
            RequestIdSource::Header(name) => Some(name.as_str()),
            RequestIdSource::Body(_) => None,
        })
        .unwrap_or("x-request-id");
    let sensitive = match config.models.sensitive_fields.as_slice() {
        [] => "none in this API".to_owned(),
        fields => list(fields),
    };
    let retries = crate::plan::default_retries(api, config);
    let user_agent = format!("{}/{}", config.client.user_agent, config.krate.version);
    vec![
        ("crate_name", config.krate.name.clone()),
        ("crate_ident", config.crate_ident()),
        ("client", config.client.name.clone()),
        ("title", super::sanitize(&api.title)),
        ("api_version", api.version.clone()),
        ("version", config.krate.version.clone()),
        (
            "server_url",
            (api.server_url.as_deref().unwrap_or("(none)")).to_owned(),
        ),
        ("request_id_name", request_id_name.to_owned()),
        ("user_agent", user_agent),
        ("default_headers", default_headers(plan)),
        ("sensitive", sensitive),
        ("retry_policy", retry_policy(retries, &config.retries)),
    ]
}

/// The README's clauses about errors, for the crate whose examples call the operation of
/// `example`.
fn error_values(plan: &Plan, example: Option<&Example>) -> Values {
    let errors = super::readme_errors::ErrorTexts::new(plan, example);
    vec![
        ("request_id_header", errors.request_id),
        ("error_words", errors.words),
        ("error_body", errors.body),
        ("builder_type", errors.builder),
    ]
}

/// The README's sections that depend on what the crate has: credentials and how to give them,
/// the docs pages, paging, shared types, features, webhooks and setters of note.
fn section_values(plan: &Plan, webhooks: String) -> Result<Values> {
    let (api, config) = (plan.api, plan.config);
    let credentials = super::auth::first_credentials(api);
    let provider = super::auth::provider_section(api, &config.crate_ident(), &config.client.name);
    Ok(vec![
        ("from_env", from_env_section(plan)),
        ("credentials", credentials.env_lines()),
        ("placeholder_credentials", credentials.placeholder_lines()),
        ("test_credentials", credentials.lines_of("test")),
        ("auth", super::auth::readme_section(api)),
        ("provider", provider),
        ("docs", docs_list(plan)),
        ("paging", paging_section(plan)?.unwrap_or_default()),
        ("shared", shared_section(plan)),
        ("features", super::features::readme_section(plan)),
        ("webhooks", webhooks),
        ("setters", setter_examples(plan)),
    ])
}

/// The README of a crate without operations: its events and models, and no client.
fn readme_without_client(plan: &Plan, webhooks: &str, spec_name: &str) -> Result<String> {
    let (api, config) = (plan.api, plan.config);
    let verifier = match plan.webhooks.as_ref().and_then(|w| w.scheme) {
        Some(_) => ", with the verification of their signatures",
        None => "",
    };
    let values = [
        ("crate_name", config.krate.name.as_str()),
        ("title", &super::sanitize(&api.title)),
        ("api_version", api.version.as_str()),
        ("version", config.krate.version.as_str()),
        ("verifier", verifier),
        ("webhooks", webhooks),
    ];
    let text = templates::fill(templates::README_NO_CLIENT, &values)
        .map_err(|e| Error::Internal(format!("templates/README-no-client.md: {e}")))?;
    let limitations = super::limitations::readme_section(api);
    Ok(format!(
        "<!--\n{}-->\n\n{text}{limitations}",
        header("", spec_name)
    ))
}

/// The README's webhooks section, with the verifier when the crate has one; empty for an API
/// without webhooks.
fn webhooks_section(plan: &Plan) -> Result<String> {
    let Some(webhooks) = &plan.webhooks else {
        return Ok(String::new());
    };
    let Some(first) = webhooks.events.first() else {
        return Ok(String::new());
    };
    let (template, file) = match webhooks.scheme {
        Some(_) => (templates::README_WEBHOOKS, "README-webhooks.md"),
        None => (templates::README_EVENTS, "README-events.md"),
    };
    let prefix = webhooks.scheme.map_or("", |s| s.header_prefix());
    let values = [
        ("crate_ident", plan.config.crate_ident()),
        ("event", webhooks.name.to_string()),
        ("unknown", webhooks.catch_all.to_string()),
        ("dispatch", webhooks.dispatch.clone()),
        ("variant", first.variant.to_string()),
        ("prefix", prefix.to_owned()),
    ];
    let values: Vec<(&str, &str)> = values.iter().map(|(n, v)| (*n, v.as_str())).collect();
    templates::fill(template, &values)
        .map_err(|e| Error::Internal(format!("templates/{file}: {e}")))
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
        setters().find(|(_, i)| i.clear.is_some()).map(|(op, i)| {
            let clear = i.clear.as_ref().map(|s| s.code()).unwrap_or_default();
            format!(
                "`{}(…).{}(…)` and `.{clear}()` (a field that may be `null`)",
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
                Origin::Component { .. } | Origin::Webhook { .. } => None,
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

/// The headers every request carries beside the User-Agent, as a clause of the README.
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
    if let Some(webhooks) = &plan.webhooks {
        lines.push(format!(
            "- [Webhook events](docs/{}.md): the {} events the API sends, each with its variant and \
             its payload's type.",
            webhooks.module,
            webhooks.events.len()
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
