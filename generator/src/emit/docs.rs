//! `docs/`: a Markdown page per group with a section per operation (summary, example,
//! parameters, response, errors), and `docs/models.md` with a section per model. The layout
//! is in `templates/docs/`; tables are built here row by row.
//!
//! Links to a model point at the anchor GitHub gives its heading. The anchors are read from
//! the rendered page itself ([`markdown::anchors`]), so that they stay right whatever the
//! headings around them: a page is rendered once to find them and once more with the links.

use super::examples::{self, Example};
use super::markdown::{self, Links, cell, code, row};
use super::operations::{Input, InputKind, inputs, paged_item, variant_name};
use super::{Context, Presence, field_presence, group_names};
use crate::error::{Error, Result};
use crate::ir::{Encoding, Field, Operation, ParamLocation, Status, TypeDef, TypeKind};
use crate::naming::ident;
use crate::templates;

const YES: &str = "✔️";
const NO: &str = "➖";

/// The docs pages, by path in the generated crate.
pub fn docs(cx: &Context, spec_name: &str) -> Result<Vec<(String, String)>> {
    // Model anchors do not depend on the links, so a first rendering without any finds them.
    let unlinked = models_page(cx, &Links::default(), spec_name)?;
    let anchors = markdown::anchors(&unlinked);
    let target = |def: &TypeDef, prefix: &str| {
        anchors
            .iter()
            .find(|(heading, _)| *heading == def.name)
            .map(|(_, slug)| format!("{prefix}#{slug}"))
    };
    let links = |prefix: &str| Links {
        targets: cx
            .api
            .types
            .iter()
            .enumerate()
            .filter_map(|(i, def)| Some((crate::ir::TypeId(i), target(def, prefix)?)))
            .collect(),
    };
    let mut pages = vec![(
        "docs/models.md".to_owned(),
        models_page(cx, &links(""), spec_name)?,
    )];
    let from_groups = links("models.md");
    for (group, ops) in cx.api.groups() {
        let module = page_name(group);
        pages.push((
            format!("docs/{module}.md"),
            group_page(cx, group, &ops, &from_groups, spec_name)?,
        ));
    }
    Ok(pages)
}

/// The file name (without `.md`) of a group's page and example.
pub fn page_name(group: &str) -> String {
    group_names(group)
        .module
        .to_string()
        .trim_start_matches("r#")
        .to_owned()
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
    cx: &Context,
    group: &str,
    ops: &[&Operation],
    links: &Links,
    spec_name: &str,
) -> Result<String> {
    let module = page_name(group);
    let examples: Vec<Example> = ops.iter().map(|op| examples::example(cx, op)).collect();
    let runnable = if ops
        .iter()
        .zip(&examples)
        .any(|(op, example)| example.function(cx, op).is_some())
    {
        let name = super::example_name(cx.config, group);
        format!(
            " [`examples/{name}.rs`](../examples/{name}.rs) runs them \
             (`cargo run --example {name}`)."
        )
    } else {
        String::new()
    };
    let sections = ops
        .iter()
        .zip(&examples)
        .map(|(op, example)| operation(cx, op, example, links))
        .collect::<Result<Vec<_>>>()?
        .join("\n");
    let title = if group.trim().is_empty() {
        "Operations without a tag".to_owned()
    } else {
        markdown::text(group).replace('\n', " ")
    };
    let description = markdown::text(cx.api.group_docs.get(group).map_or("", String::as_str));
    let crate_name = &cx.config.krate.name;
    let page = |toc: &str| {
        let text = fill(
            templates::DOCS_GROUP,
            "group.md",
            &[
                ("title", &title),
                ("description", &description),
                ("module", &module),
                ("crate_name", crate_name),
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
    let toc: Vec<String> = ops
        .iter()
        .map(|op| {
            let method = ident(&op.name).to_string();
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
        .collect();
    page(&toc.join("\n"))
}

fn operation(cx: &Context, op: &Operation, example: &Example, links: &Links) -> Result<String> {
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
    let intro = format!("{summary}{http}{deprecated}");
    let program = example.program(cx)?;
    let fence = super::fence(&program);
    let example = format!("{fence}rust\n{}\n{fence}", program.trim_end());
    let method = ident(&op.name).to_string();
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
            ("parameters", &parameters(cx, op, links).join("\n")),
            ("response", &response(cx, op, links)),
            ("errors", &errors(cx, op, links).join("\n")),
        ],
    )
}

/// One row per input, required ones first as the method takes them, then the per-call
/// settings every request builder has.
fn parameters(cx: &Context, op: &Operation, links: &Links) -> Vec<String> {
    let inputs = inputs(cx, op);
    let (required, optional): (Vec<&Input>, Vec<&Input>) = inputs
        .iter()
        .partition(|i| i.presence == Presence::Required);
    let mut rows: Vec<String> = required
        .into_iter()
        .chain(optional)
        .map(|input| {
            let ty = match input.presence {
                Presence::OptionalNullable => {
                    markdown::wrapped(cx.api, &input.ty, &["Option"], links)
                }
                _ => markdown::rust_type(cx.api, &input.ty, links),
            };
            let required = if input.presence == Presence::Required {
                YES
            } else {
                NO
            };
            let wire = match &input.kind {
                InputKind::BodyField(_) | InputKind::FormField(_)
                    if input.name.to_string().trim_start_matches("r#") != input.wire =>
                {
                    format!(" as {}", code(&input.wire))
                }
                _ => String::new(),
            };
            let place = match &input.kind {
                InputKind::Param(ParamLocation::Path, _) => "In the path.".to_owned(),
                InputKind::Param(ParamLocation::Query, _) => "In the query string.".to_owned(),
                InputKind::Param(ParamLocation::Header, _) => "A request header.".to_owned(),
                InputKind::BodyField(_) => format!("In the JSON body{wire}."),
                InputKind::FormField(_) => format!("In the form body{wire}."),
                InputKind::Body => "The whole JSON body.".to_owned(),
            };
            let mut about = format!("{}\n\n{place}", input.doc);
            if input.presence == Presence::OptionalNullable {
                about.push_str(" `None` sends `null`.");
            }
            if input.deprecated {
                about.push_str(" **Deprecated.**");
            }
            row(&[&code(&input.name.to_string()), &ty, required, &cell(&about)])
        })
        .collect();
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
    rows.extend(
        settings
            .iter()
            .map(|(name, ty, about)| row(&[&code(name), ty, NO, about])),
    );
    rows
}

fn response(cx: &Context, op: &Operation, links: &Links) -> String {
    let successes: Vec<_> = op
        .responses
        .iter()
        .filter(|r| r.status.is_success())
        .collect();
    let statuses: Vec<String> = successes
        .iter()
        .map(|r| code(&r.status.to_string()))
        .collect();
    let with_body = successes.iter().find_map(|r| r.body.as_ref());
    let bodiless = successes.iter().find(|r| r.body.is_none());
    let mut text = match (with_body, bodiless) {
        (Some(body), bodiless) => {
            let ty = match &body.encoding {
                Encoding::Json(ty) => markdown::rust_type(cx.api, ty, links),
                _ => code("bytes::Bytes"),
            };
            let ty = match (bodiless, body.json()) {
                (Some(_), Some(inner)) => markdown::wrapped(cx.api, inner, &["Option"], links),
                _ => ty,
            };
            let mut text = format!(
                "{ty} ({}), in a `ResponseValue` that derefs to it and also gives the status \
                 and headers.",
                code(&body.media_type)
            );
            if let (Some(empty), Some(_)) = (bodiless, body.json()) {
                text.push_str(&format!(
                    " `None` when the answer is {} with no body.",
                    code(&empty.status.to_string())
                ));
            }
            text
        }
        (None, _) => {
            "No body: `()`, in a `ResponseValue` that gives the status and headers.".to_owned()
        }
    };
    if !statuses.is_empty() {
        text.push_str(&format!(" Success: {}.", statuses.join(", ")));
    }
    if let Some(item) = paged_item(cx, op) {
        text.push_str(&format!(
            "\n\n`.stream()` on the request builder yields every {} of every page instead \
             (see [Paging](../README.md#paging)).",
            markdown::rust_type(cx.api, &item, links)
        ));
    }
    text
}

/// One row per documented error status, then the row for everything else.
fn errors(cx: &Context, op: &Operation, links: &Links) -> Vec<String> {
    let error = format!("{}Error", op.stem);
    let mut rows: Vec<String> = op
        .responses
        .iter()
        .filter(|r| !r.status.is_success())
        .map(|r| {
            let variant = format!("{error}::{}", variant_name(r.status));
            let (ty, media) = match &r.body {
                Some(body) => match body.json() {
                    Some(ty) => (
                        format!(
                            "{}{}{}",
                            code(&format!("{variant}(")),
                            markdown::rust_type(cx.api, ty, links),
                            code(")")
                        ),
                        code(&body.media_type),
                    ),
                    None => (
                        format!("{} (the body in `ApiError::body`)", code(&variant)),
                        code(&body.media_type),
                    ),
                },
                None => (code(&variant), "none".to_owned()),
            };
            row(&[&ty, &code(&r.status.to_string()), &media])
        })
        .collect();
    let other = if op.responses.iter().any(|r| r.status == Status::Default) {
        "any, when the body is not the documented JSON"
    } else {
        "4XX, 5XX not listed"
    };
    rows.push(row(&[
        &format!("[{}](../README.md#errors)", code("SDKError")),
        other,
        &code("*/*"),
    ]));
    rows
}

fn models_page(cx: &Context, links: &Links, spec_name: &str) -> Result<String> {
    let sections = cx
        .api
        .types
        .iter()
        .map(|def| model(cx, def, links))
        .collect::<Result<Vec<_>>>()?
        .join("\n");
    let title = markdown::text(&cx.api.title).replace('\n', " ");
    let text = fill(
        templates::DOCS_MODELS,
        "models.md",
        &[
            ("title", &title),
            ("crate_ident", &cx.config.crate_ident()),
            ("models", &sections),
        ],
    )?;
    Ok(tidy(&format!(
        "<!--\n{}-->\n\n{text}",
        crate::format::header("", spec_name)
    )))
}

fn model(cx: &Context, def: &TypeDef, links: &Links) -> Result<String> {
    let details = match &def.kind {
        TypeKind::Struct(fields) => {
            let mut rows = vec![
                row(&["Field", "Type", "Required", "Nullable", "Description"]),
                row(&["---"; 5]),
            ];
            rows.extend(fields.iter().map(|f| field_row(cx, f, links)));
            rows.join("\n")
        }
        TypeKind::Enum(variants) => {
            let unknown = super::models::unknown_variant(variants);
            let mut rows = vec![
                "A string, one of these values:".to_owned(),
                String::new(),
                row(&["Variant", "Value"]),
                row(&["---"; 2]),
            ];
            rows.extend(
                variants
                    .iter()
                    .map(|v| row(&[&code(&v.name), &code(&v.wire)])),
            );
            rows.push(row(&[
                &code(&format!("{unknown}(String)")),
                "any other value, kept as it came",
            ]));
            rows.join("\n")
        }
        TypeKind::Union(union) => {
            let how = match &union.discriminator {
                Some(property) => format!(
                    "One of these, told apart by its {} property:",
                    code(property)
                ),
                None => "One of these: a value is the first variant it decodes as.".to_owned(),
            };
            let mut rows = vec![
                how,
                String::new(),
                row(&["Variant", "Type", "Selected by"]),
                row(&["---"; 3]),
            ];
            rows.extend(union.variants.iter().map(|v| {
                let tags: Vec<String> = v.tags.iter().map(|t| code(t)).collect();
                row(&[
                    &code(&v.name),
                    &markdown::rust_type(cx.api, &v.ty, links),
                    &tags.join(", "),
                ])
            }));
            let labels: Vec<crate::ir::Variant> = union
                .variants
                .iter()
                .map(|v| crate::ir::Variant {
                    wire: String::new(),
                    name: v.name.clone(),
                })
                .collect();
            let unknown = super::models::unknown_variant(&labels);
            rows.push(row(&[
                &code(&format!("{unknown}(serde_json::Value)")),
                &code("serde_json::Value"),
                "a value that matches none of them",
            ]));
            rows.join("\n")
        }
    };
    let description = [
        def.doc.as_deref().map(markdown::text),
        super::renamed_doc(def),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join("\n\n");
    fill(
        templates::DOCS_MODEL,
        "model.md",
        &[
            ("name", &def.name),
            ("description", &description),
            ("details", &details),
        ],
    )
}

fn field_row(cx: &Context, field: &Field, links: &Links) -> String {
    let presence = field_presence(field);
    let mut wrappers: Vec<&str> = match presence {
        Presence::Required => vec![],
        Presence::RequiredNullable | Presence::Optional => vec!["Option"],
        Presence::OptionalNullable => vec!["Option", "Option"],
    };
    if field.boxed {
        wrappers.push("Box");
    }
    let ty = markdown::wrapped(cx.api, &field.ty, &wrappers, links);
    let name = ident(&field.name).to_string();
    let name = if name.trim_start_matches("r#") == field.wire {
        code(&name)
    } else {
        format!("{} ({})", code(&name), code(&field.wire))
    };
    let mut about = markdown::text(field.doc.as_deref().unwrap_or(""));
    if !field.constraints.is_empty() {
        about.push_str("\n\n");
        about.push_str(&super::sanitize(&field.constraints.join(" ")));
    }
    if field.deprecated {
        about.push_str(" **Deprecated.**");
    }
    if cx.config.is_sensitive(&field.wire) {
        about.push_str(" A secret: `Debug` prints it as `<redacted>`.");
    }
    let yes = |b: bool| if b { YES } else { NO };
    row(&[
        &name,
        &ty,
        yes(field.required),
        yes(field.nullable),
        &cell(&about),
    ])
}
