//! `docs/models.md`: a section per model, with its fields, values or variants.

use super::super::markdown::{self, Links, cell, code, row};
use super::{NO, YES, fill, tidy};
use crate::error::Result;
use crate::plan::{About, EnumPlan, FieldPlan, Model, ModelKind, Plan, RustType, UnionPlan};
use crate::templates;

/// The models page; without `links`, each model's section is only its heading: enough to find
/// the anchors (the document's text cannot add headings, see `markdown::text`).
pub(super) fn models_page(plan: &Plan, links: Option<&Links>, spec_name: &str) -> Result<String> {
    let sections = (plan.models.iter())
        .map(|model| match links {
            Some(links) => section(model, &features_note(plan, model), links),
            None => fill(
                templates::DOCS_MODEL,
                "model.md",
                &[
                    ("name", model.name.as_str()),
                    ("description", ""),
                    ("details", ""),
                ],
            ),
        })
        .collect::<Result<Vec<_>>>()?
        .join("\n");
    let title = markdown::text(&plan.api.title).replace('\n', " ");
    let text = fill(
        templates::DOCS_MODELS,
        "models.md",
        &[
            ("title", &title),
            ("crate_ident", &plan.config.crate_ident()),
            ("models", &sections),
        ],
    )?;
    Ok(tidy(&format!(
        "<!--\n{}-->\n\n{text}",
        crate::format::header("", spec_name)
    )))
}

/// The sentence that says which features a model is compiled with, in a crate with more than
/// one feature of its parts beside `full`; empty otherwise.
fn features_note(plan: &Plan, model: &Model) -> String {
    if plan.part_features().len() <= 2 {
        return String::new();
    }
    let features = model.gate.features();
    let groups: Vec<&String> = plan.groups.iter().map(|g| &g.feature).collect();
    let others: Vec<String> = (features.iter())
        .filter(|f| !groups.contains(f))
        .map(|f| code(f))
        .collect();
    let every_group = groups.len() > 1 && groups.iter().all(|g| features.contains(g));
    match features {
        _ if every_group && others.is_empty() => "Compiled with any group's feature.".to_owned(),
        _ if every_group => format!(
            "Compiled with any group's feature, or {}.",
            others.join(", ")
        ),
        [one] => format!("Compiled with the `{one}` feature."),
        features => {
            let features: Vec<String> = features.iter().map(|f| code(f)).collect();
            format!("Compiled with any of the features {}.", features.join(", "))
        }
    }
}

fn section(model: &Model, features: &str, links: &Links) -> Result<String> {
    let details = match &model.kind {
        ModelKind::Struct(plan) => {
            let mut rows = vec![
                row(&["Field", "Type", "Required", "Nullable", "Description"]),
                row(&["---"; 5]),
            ];
            rows.extend(plan.fields.iter().map(|f| field_row(f, links)));
            rows.join("\n")
        }
        ModelKind::Enum(plan) => enum_details(plan),
        ModelKind::Union(plan) => union_details(plan, links),
    };
    let aliases: Vec<String> = model.aliases.iter().map(|a| code(a.as_str())).collect();
    let aliases = (!aliases.is_empty()).then(|| {
        format!(
            "Also named after the places that have this shape: {}.",
            aliases.join(", ")
        )
    });
    // The page describes a model by the document's text only, not by where it sits.
    let described = match model.about {
        About::Doc(text) => Some(markdown::text(text)),
        About::Merged(_) => Some(markdown::text(&super::super::models::about(model.about))),
        About::Given(_) | About::Place(_) => None,
    };
    let features = (!features.is_empty()).then(|| features.to_owned());
    let description = [
        described,
        super::super::models::renamed_doc(model),
        aliases,
        features,
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join("\n\n");
    fill(
        templates::DOCS_MODEL,
        "model.md",
        &[
            ("name", model.name.as_str()),
            ("description", &description),
            ("details", &details),
        ],
    )
}

fn enum_details(plan: &EnumPlan) -> String {
    let mut rows = vec![
        "A string, one of these values:".to_owned(),
        String::new(),
        row(&["Variant", "Value"]),
        row(&["---"; 2]),
    ];
    rows.extend(
        (plan.variants.iter()).map(|(name, v)| row(&[&code(name.as_str()), &code(&v.wire)])),
    );
    rows.push(row(&[
        &code(&format!("{}(String)", plan.catch_all)),
        "any other value, kept as it came",
    ]));
    rows.join("\n")
}

fn union_details(plan: &UnionPlan, links: &Links) -> String {
    let how = match &plan.union.discriminator {
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
    rows.extend(plan.variants.iter().map(|v| {
        let tags: Vec<String> = v.variant.tags.iter().map(|t| code(t)).collect();
        row(&[
            &code(v.name.as_str()),
            &markdown::rust_type(&v.ty, links),
            &tags.join(", "),
        ])
    }));
    let json = markdown::rust_type(&RustType::Json, links);
    rows.push(row(&[
        &code(&format!(
            "{}({json_name})",
            plan.catch_all,
            json_name = RustType::Json
        )),
        &json,
        "a value that matches none of them",
    ]));
    rows.join("\n")
}

fn field_row(field: &FieldPlan, links: &Links) -> String {
    let ty = markdown::rust_type(&field.ty, links);
    let (value, wire) = (&field.field.value, &field.field.value.wire);
    let name = match field.name.as_str() == wire {
        true => code(&field.name.code()),
        false => format!("{} ({})", code(&field.name.code()), code(wire)),
    };
    let undescribed = field
        .field
        .undescribed
        .then_some(super::super::models::UNDESCRIBED);
    let mut about = markdown::text(value.doc.as_deref().or(undescribed).unwrap_or(""));
    if let Some(constraints) = super::super::constraints_doc(&value.hints) {
        about.push_str("\n\n");
        about.push_str(&markdown::sanitize(&constraints));
    }
    if value.deprecated {
        about.push_str(" **Deprecated.**");
    }
    if field.sensitive {
        about.push_str(" A secret: `Debug` prints it as `<redacted>`.");
    }
    let yes = |b: bool| if b { YES } else { NO };
    row(&[
        &name,
        &ty,
        yes(value.required),
        yes(value.nullable),
        &cell(&about),
    ])
}
