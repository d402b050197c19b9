//! `docs/models.md`: a section per model, with its fields, values or variants.

use super::super::markdown::{self, Links, cell, code, row};
use super::super::{Context, Presence};
use super::{NO, YES, fill, tidy};
use crate::error::Result;
use crate::ir::{Field, TypeDef, TypeKind};
use crate::naming::ident;
use crate::templates;

/// The models page; without `links`, each model's section is only its heading: enough to find
/// the anchors (the document's text cannot add headings, see `markdown::text`).
pub(super) fn models_page(cx: &Context, links: Option<&Links>, spec_name: &str) -> Result<String> {
    let sections = cx
        .api
        .types
        .iter()
        .map(|def| match links {
            Some(links) => model(cx, def, links),
            None => fill(
                templates::DOCS_MODEL,
                "model.md",
                &[("name", &def.name), ("description", ""), ("details", "")],
            ),
        })
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
        TypeKind::Enum(variants) => enum_details(variants),
        TypeKind::Union(union) => union_details(cx, union, links),
    };
    let aliases: Vec<String> = (cx.api.aliases.iter())
        .filter(|a| cx.api.ty(a.target).name == def.name)
        .map(|a| code(&a.name))
        .collect();
    let aliases = (!aliases.is_empty()).then(|| {
        format!(
            "Also named, for code written before the API description named it: {}.",
            aliases.join(", ")
        )
    });
    let description = [
        def.doc.as_deref().map(markdown::text),
        super::super::renamed_doc(def),
        aliases,
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

fn enum_details(variants: &[crate::ir::Variant]) -> String {
    let unknown = crate::naming::catch_all(variants.iter().map(|v| v.name.as_str()));
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

fn union_details(cx: &Context, union: &crate::ir::Union, links: &Links) -> String {
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
    let unknown = crate::naming::catch_all(union.variants.iter().map(|v| v.name.as_str()));
    rows.push(row(&[
        &code(&format!("{unknown}(serde_json::Value)")),
        &code("serde_json::Value"),
        "a value that matches none of them",
    ]));
    rows.join("\n")
}

fn field_row(cx: &Context, field: &Field, links: &Links) -> String {
    let presence = Presence::of_field(field);
    let mut wrappers: Vec<&str> = match presence {
        Presence::Required => vec![],
        Presence::RequiredNullable | Presence::Optional => vec!["Option"],
        Presence::OptionalNullable => vec!["Option", "Option"],
    };
    if field.boxed {
        wrappers.push("Box");
    }
    let ty = markdown::wrapped(cx.api, &field.value.ty, &wrappers, links);
    let name = ident(&field.name).to_string();
    let name = if field.name == field.value.wire {
        code(&name)
    } else {
        format!("{} ({})", code(&name), code(&field.value.wire))
    };
    let mut about = markdown::text(field.value.doc.as_deref().unwrap_or(""));
    if let Some(constraints) = super::super::constraints_doc(&field.value.hints) {
        about.push_str("\n\n");
        about.push_str(&super::super::sanitize(&constraints));
    }
    if field.value.deprecated {
        about.push_str(" **Deprecated.**");
    }
    if cx.config.is_sensitive(&field.value.wire) {
        about.push_str(" A secret: `Debug` prints it as `<redacted>`.");
    }
    let yes = |b: bool| if b { YES } else { NO };
    row(&[
        &name,
        &ty,
        yes(field.value.required),
        yes(field.value.nullable),
        &cell(&about),
    ])
}
