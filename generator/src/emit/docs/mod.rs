//! `docs/`: a Markdown page per group with a section per operation (summary, example,
//! parameters, response, errors), `docs/models.md` with a section per model, and
//! `docs/webhooks.md` with a section per event when the API has webhooks. The layout
//! is in `templates/docs/`; tables are built here row by row.
//!
//! Links to a model point at the anchor GitHub gives its heading. The anchors are read from
//! the rendered page itself ([`markdown::anchors`]), so that they stay right whatever the
//! headings around them: a page is rendered once to find them and once more with the links.

use super::examples::Examples;
use super::input_doc;
use super::markdown::{self, Links, cell, code, row};
use crate::error::{Error, Result};
use crate::ir::{Alias, Encoding, ParamLocation, Position, Style};
use crate::naming::Name;
use crate::plan::{
    FormValue, Group, Input, InputKind, OperationPlan, PartValue, Plan, Presence, RustType,
    Success, SuccessCase, Written,
};
use crate::templates;

mod models;
mod webhooks;

use models::models_page;

const YES: &str = "✔️";
const NO: &str = "➖";

/// The docs pages, by path in the generated crate.
pub fn docs(plan: &Plan, examples: &Examples, spec_name: &str) -> Result<Vec<(String, String)>> {
    // Model anchors do not depend on the links, so a first rendering of the headings alone
    // finds them.
    let unlinked = models_page(plan, None, spec_name)?;
    let anchors = markdown::anchors(&unlinked);
    let target = |name: &Name, prefix: &str| {
        anchors
            .iter()
            .find(|(heading, _)| heading == name.as_str())
            .map(|(_, slug)| format!("{prefix}#{slug}"))
    };
    let links = |prefix: &str| Links {
        targets: (plan.models.iter())
            .filter_map(|model| Some((model.id, target(&model.name, prefix)?)))
            .collect(),
    };
    let mut pages = vec![(
        "docs/models.md".to_owned(),
        models_page(plan, Some(&links("")), spec_name)?,
    )];
    let from_groups = links("models.md");
    for group in &plan.groups {
        let page = group_page(plan, group, examples, &from_groups, spec_name)?;
        pages.push((format!("docs/{}.md", group.page), page));
    }
    if let Some(webhooks) = &plan.webhooks {
        let page = webhooks::webhooks_page(plan, webhooks, &from_groups, spec_name)?;
        pages.push((format!("docs/{}.md", webhooks.module), page));
    }
    Ok(pages)
}

fn fill(template: &str, name: &str, values: &[(&str, &str)]) -> Result<String> {
    templates::fill(template, values)
        .map_err(|e| Error::Internal(format!("templates/docs/{name}: {e}")))
}

/// Collapses runs of blank lines that empty placeholders leave.
fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank = 0;
    for line in text.lines() {
        let line = line.trim_end();
        blank = if line.is_empty() { blank + 1 } else { 0 };
        if blank < 2 {
            out.push_str(line);
            out.push('\n');
        }
    }
    format!("{}\n", out.trim_end())
}

fn group_page(
    plan: &Plan,
    group: &Group,
    examples: &Examples,
    links: &Links,
    spec_name: &str,
) -> Result<String> {
    let module = &group.page;
    let runnable = if super::examples::runnable(group) {
        let name = &group.example;
        format!(
            " [`examples/{name}.rs`](../examples/{name}.rs) runs them \
             (`cargo run --example {name}`)."
        )
    } else {
        String::new()
    };
    let sections = group
        .operations
        .iter()
        .map(|op| operation(plan, op, examples, links))
        .collect::<Result<Vec<_>>>()?
        .join("\n");
    let title = match &group.title {
        Some(title) => markdown::text(title),
        None => "Operations without a tag".to_owned(),
    };
    let description = markdown::text(group.about.unwrap_or(""));
    let crate_name = &plan.config.krate.name;
    let page = |toc: &str| {
        let text = fill(
            templates::DOCS_GROUP,
            "group.md",
            &[
                ("title", &title),
                ("description", &description),
                ("module", module),
                ("crate_name", crate_name),
                ("feature", &group.feature),
                ("runnable", &runnable),
                ("toc", toc),
                ("operations", &sections),
            ],
        )?;
        Ok::<_, Error>(tidy(&format!(
            "<!--\n{}-->\n\n{text}",
            crate::format::header("", spec_name)
        )))
    };
    let anchors = markdown::anchors(&page("")?);
    page(&toc(group, &anchors).join("\n"))
}

/// The page's table of contents: a row per operation, linked to its section.
fn toc(group: &Group, anchors: &[(String, String)]) -> Vec<String> {
    group
        .operations
        .iter()
        .map(|plan| {
            let (method, op) = (plan.method.code(), plan.op);
            let heading = format!("`{method}`");
            let slug = anchors
                .iter()
                .find(|(h, _)| *h == heading)
                .map_or(String::new(), |(_, slug)| slug.clone());
            let summary = op
                .summary
                .as_deref()
                .map(markdown::text)
                .unwrap_or_default();
            row(&[
                &format!("[{}](#{slug})", code(&method)),
                &cell(&summary),
                &code(&format!("{} {}", op.method.as_str(), op.path)),
            ])
        })
        .collect()
}

fn operation(
    plan: &Plan,
    op_plan: &OperationPlan,
    examples: &Examples,
    links: &Links,
) -> Result<String> {
    let op = op_plan.op;
    let http = code(&format!("{} {}", op.method.as_str(), op.path));
    let summary = op
        .summary
        .as_deref()
        .map(|s| format!("**{}** · ", markdown::text(s).replace('\n', " ")))
        .unwrap_or_default();
    let deprecated = if op.deprecated {
        " · **Deprecated.**"
    } else {
        ""
    };
    let mut intro = format!("{summary}{http}{deprecated}");
    if let Some(note) = super::auth::credentials_note(plan.api, op) {
        intro.push_str(&format!("\n\n{note}"));
    }
    if let Some(note) = super::body_note(op_plan) {
        intro.push_str(&format!("\n\n{note}"));
    }
    if let Some(note) = super::limitations::operation_note(plan.api, op_plan.index) {
        intro.push_str(&format!("\n\n{note}"));
    }
    let program = examples.program(op_plan);
    let fence = super::fence(&program);
    let example = format!("{fence}rust\n{}\n{fence}", program.trim_end());
    let method = op_plan.method.code();
    fill(
        templates::DOCS_OPERATION,
        "operation.md",
        &[
            ("method", &method),
            ("intro", &intro),
            (
                "description",
                &markdown::text(op.description.as_deref().unwrap_or("")),
            ),
            ("example", &example),
            ("parameters", &parameters(op_plan, links).join("\n")),
            ("response", &response(plan, op_plan, links)),
            ("errors", &errors(plan, op_plan, links).join("\n")),
        ],
    )
}

/// One row per input, required ones first as the method takes them, then the per-call
/// settings every request builder has.
fn parameters(op: &OperationPlan, links: &Links) -> Vec<String> {
    let mut rows: Vec<String> = op
        .arguments()
        .chain(op.setters())
        .map(|input| {
            let ty = markdown::rust_type(&input.ty, links);
            let required = if input.presence == Presence::Required {
                YES
            } else {
                NO
            };
            let wire = match input.kind {
                InputKind::BodyField(_) | InputKind::FormField
                    if input.name.as_str() != input.value.wire =>
                {
                    format!(" as {}", code(&input.value.wire))
                }
                _ => String::new(),
            };
            let place = match input.kind {
                InputKind::Param(ParamLocation::Path) => "In the path.".to_owned(),
                InputKind::Param(ParamLocation::Query) => {
                    format!("In the query string{}.", written(input))
                }
                InputKind::Param(ParamLocation::Header) => {
                    format!("A request header{}.", written(input))
                }
                InputKind::BodyField(_) => format!("In the JSON body{wire}."),
                InputKind::FormField => format!("In the form body{wire}{}.", written(input)),
                InputKind::Body => match op.op.body.as_ref().map(|b| &b.encoding) {
                    Some(Encoding::Text) => "The whole body, as text.".to_owned(),
                    Some(Encoding::Bytes) => "The whole body, as bytes.".to_owned(),
                    _ => "The whole JSON body.".to_owned(),
                },
            };
            let mut about = format!("{}\n\n{place}", input_doc(input));
            if let Some(clear) = &input.clear {
                about.push_str(&format!(" `{}()` sends `null`.", clear.code()));
            }
            if input.value.deprecated {
                about.push_str(" **Deprecated.**");
            }
            row(&[&code(&input.name.code()), &ty, required, &cell(&about)])
        })
        .collect();
    rows.extend(other_body_rows(op));
    rows.extend(settings_rows());
    rows
}

/// How a value that is not text is written, as the end of a sentence: its query style with an
/// example, or a multipart field's JSON part.
fn written(input: &Input) -> String {
    let wire = &input.value.wire;
    let list = matches!(input.value.ty, crate::ir::Type::Array(_));
    let style = match &input.written {
        Written::StyledQuery(style) | Written::Form(FormValue::Styled(style)) => *style,
        Written::Json { media_type, .. } => {
            return format!(", as its JSON text (`{media_type}`)");
        }
        Written::Part(PartValue::Json(content_type)) => {
            return format!(", as a JSON part (`{content_type}`)");
        }
        _ => return String::new(),
    };
    let joined = |by: &str, sep: &str| match list {
        true => format!("items joined by {by} (`{wire}=1{sep}2`)"),
        false => format!("names and values joined by {by} (`{wire}=a{sep}1{sep}b{sep}2`)"),
    };
    let how = match style {
        Style::Form { explode: true } => "one pair per property (`a=1&b=2`)".to_owned(),
        Style::Form { explode: false } => joined("commas", ","),
        Style::SpaceDelimited => joined("spaces", " "),
        Style::PipeDelimited => joined("pipes", "|"),
        Style::DeepObject if list => {
            format!("a pair per value, by index and path in brackets (`{wire}[0][a]=1`)")
        }
        Style::DeepObject => format!(
            "a pair per value, by its path in brackets (`{wire}[a]=1`, `{wire}[a][b]=1`, \
             list items by index: `{wire}[a][0]=1`)"
        ),
    };
    format!(", as {}: {how}", style.describe())
}

/// The rows of `as_form()` and `body_bytes(…)`, for a body offered in other media types.
fn other_body_rows(op: &OperationPlan) -> Vec<String> {
    let form = op.as_form().map(|other| {
        let about = format!(
            "Sends the body's fields as {} instead.",
            code(&other.media_type)
        );
        row(&[&code("as_form"), "", NO, &about])
    });
    let bytes = op.body_bytes().map(|other| {
        let about = format!(
            "Sends these bytes as the body instead, as {} (the body's arguments and setters \
             are then not sent).",
            code(&other.media_type)
        );
        let ty = markdown::rust_type(&RustType::Bytes, &Links::default());
        row(&[&code("body_bytes"), &ty, NO, &about])
    });
    form.into_iter().chain(bytes).collect()
}

/// The rows of the per-call settings every request builder has.
fn settings_rows() -> Vec<String> {
    let settings = [
        (
            "server_url",
            code("String"),
            "Sends this call to another base URL than the client's.",
        ),
        (
            "timeout",
            code("std::time::Duration"),
            "The time each attempt of this call may take, instead of the client's timeout.",
        ),
        (
            "retries",
            format!(
                "[{}](../README.md#retries-and-timeouts)",
                code("RetryConfig")
            ),
            "The retry policy of this call, instead of the client's; `RetryConfig::none()` disables retries.",
        ),
        (
            "header",
            code("(String, String)"),
            "`.header(name, value)` adds a header to this call, replacing a client header of the same name.",
        ),
    ];
    // Inputs named like these were given a `_param` suffix, so these names are free.
    settings
        .iter()
        .map(|(name, ty, about)| row(&[&code(name), ty, NO, about]))
        .collect()
}

fn response(plan: &Plan, op: &OperationPlan, links: &Links) -> String {
    let successes: Vec<_> = (op.op.responses.iter())
        .filter(|r| r.status.is_success())
        .collect();
    let statuses: Vec<String> = successes
        .iter()
        .map(|r| code(&r.status.to_string()))
        .collect();
    let media_type = successes
        .iter()
        .find_map(|r| Some(code(&r.body.as_ref()?.media_type)))
        .unwrap_or_default();
    let in_value = "in a `ResponseValue` that derefs to it and also gives the status and headers.";
    let ty = markdown::rust_type(&op.returns, links);
    let mut text = match &op.success {
        &Success::Json { optional, .. } => {
            let alias = (!optional)
                .then(|| plan.api.alias_at(op.index, |p| *p == Position::Success))
                .flatten();
            let mut text = format!("{ty}{} ({media_type}), {in_value}", also_named(alias));
            let empty = successes.iter().find(|r| r.body.is_none());
            if let Some(empty) = empty.filter(|_| optional) {
                text.push_str(&format!(
                    " `None` when the answer is {} with no body.",
                    code(&empty.status.to_string())
                ));
            }
            text
        }
        Success::Bytes => format!("{ty} ({media_type}), {in_value}"),
        Success::Empty => {
            "No body: `()`, in a `ResponseValue` that gives the status and headers.".to_owned()
        }
        Success::ByStatus { name, cases, .. } => by_status(op, name, cases, links),
    };
    if !statuses.is_empty() && !matches!(op.success, Success::ByStatus { .. }) {
        text.push_str(&format!(" Success: {}.", statuses.join(", ")));
    }
    if let Some(paging) = &op.paging {
        text.push_str(&format!(
            "\n\n`.stream()` on the request builder yields every {} of every page instead \
             (see [Paging](../README.md#paging)).",
            markdown::rust_type(&paging.item, links)
        ));
    }
    text
}

/// A variant holding a value, as Markdown: `` `Enum::Variant(`[`Type`](…)`)` ``.
fn holding(variant: &str, ty: Option<&RustType>, links: &Links) -> String {
    match ty {
        // A type without a model to link is one code span with its variant.
        Some(ty) if !ty.names_model() => code(&format!("{variant}({ty})")),
        Some(ty) => format!(
            "{}{}{}",
            code(&format!("{variant}(")),
            markdown::rust_type(ty, links),
            code(")")
        ),
        None => code(variant),
    }
}

/// The success enum of an operation whose success bodies differ: what `send()` succeeds
/// with, and a table of its variants, one per status, as the error table has.
fn by_status(op: &OperationPlan, name: &Name, cases: &[SuccessCase], links: &Links) -> String {
    let mut rows = vec![
        row(&["Variant", "Status Code", "Content Type"]),
        "| --- | --- | --- |".to_owned(),
    ];
    for c in cases {
        let variant = format!("{name}::{}", c.variant);
        let shown = holding(&variant, c.ty.as_ref(), links);
        let media =
            (c.response.body.as_ref()).map_or_else(|| "none".to_owned(), |b| code(&b.media_type));
        rows.push(row(&[
            &shown,
            &code(&c.response.status.to_string()),
            &media,
        ]));
    }
    let others = if op.success.refuses_other_2xx() {
        " Another `2XX` status is an [`UnexpectedResponse`](../README.md#errors)."
    } else {
        ""
    };
    format!(
        "{}, in a `ResponseValue` that derefs to it and also gives the status and headers; \
         its variant says which documented success status answered.{others}\n\n{}",
        code(name.as_str()),
        rows.join("\n")
    )
}

/// The name a body's place gives its named type, for the docs: ` (alias `GetAPIKeyResponseBody`)`.
fn also_named(alias: Option<&Alias>) -> String {
    alias.map_or_else(String::new, |a| format!(" (alias {})", code(&a.name)))
}

/// One row per documented error status, then the row for everything else.
fn errors(plan: &Plan, op: &OperationPlan, links: &Links) -> Vec<String> {
    let mut rows: Vec<String> = (op.errors.iter())
        .map(|e| {
            let (r, variant) = (e.response, format!("{}::{}", op.error, e.variant));
            let media =
                (r.body.as_ref()).map_or_else(|| "none".to_owned(), |b| code(&b.media_type));
            let shown = match (&r.body, &e.ty) {
                (Some(_), Some(ty)) => {
                    let alias = plan.api.alias_at(
                        op.index,
                        |p| matches!(p, Position::Error { status, .. } if *status == r.status),
                    );
                    format!(
                        "{}{}",
                        holding(&variant, Some(ty), links),
                        also_named(alias)
                    )
                }
                (Some(_), None) => format!("{} (the body in `ApiError::body`)", code(&variant)),
                (None, _) => code(&variant),
            };
            row(&[&shown, &code(&r.status.to_string()), &media])
        })
        .collect();
    let other = if op.unexpected {
        "4XX, 5XX not listed"
    } else {
        "any, when the body is not the documented JSON"
    };
    rows.push(row(&[
        &format!("[{}](../README.md#errors)", code("UnexpectedResponse")),
        other,
        &code("*/*"),
    ]));
    rows
}
