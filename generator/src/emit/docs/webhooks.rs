//! `docs/webhooks.md`: a row per event in a table of contents, then a section per event with
//! its variant, its payload's type and the document's description.

use super::{fill, tidy};
use crate::emit::markdown::{self, Links, code, row};
use crate::error::Result;
use crate::plan::{EventPlan, Plan, WebhooksPlan};
use crate::templates;

/// The page of the crate's webhooks.
pub(super) fn webhooks_page(
    plan: &Plan,
    webhooks: &WebhooksPlan,
    links: &Links,
    spec_name: &str,
) -> Result<String> {
    let event = webhooks.name.as_str();
    let verifier = match webhooks.scheme {
        Some(scheme) => format!(
            "`WebhookVerifier` checks a delivery's `{}-signature` before it is decoded (see \
             [the README](../README.md#webhooks)). ",
            scheme.header_prefix()
        ),
        None => String::new(),
    };
    let sections: Vec<String> = (webhooks.events.iter())
        .map(|e| section(webhooks, e, links))
        .collect();
    let page = |toc: &str| -> Result<String> {
        let text = fill(
            templates::DOCS_WEBHOOKS,
            "webhooks.md",
            &[
                ("title", &markdown::text(&plan.api.title)),
                ("crate_name", &plan.config.krate.name),
                ("event", event),
                ("unknown", webhooks.catch_all.as_str()),
                ("dispatch", &webhooks.dispatch),
                ("verifier", &verifier),
                ("toc", toc),
                ("events", &sections.join("\n")),
            ],
        )?;
        Ok(tidy(&format!(
            "<!--\n{}-->\n\n{text}",
            crate::format::header("", spec_name)
        )))
    };
    let anchors = markdown::anchors(&page("")?);
    let toc: Vec<String> = (webhooks.events.iter())
        .map(|e| {
            let heading = format!("`{}`", e.event);
            let slug = (anchors.iter())
                .find(|(h, _)| *h == heading)
                .map_or(String::new(), |(_, slug)| slug.clone());
            row(&[
                &format!("[{}](#{slug})", code(&e.event)),
                &code(&format!("{event}::{}", e.variant)),
                &markdown::rust_type(&e.payload, links),
            ])
        })
        .collect();
    page(&toc.join("\n"))
}

/// An event's section: its name as the heading, its variant and payload, and what the
/// document says of it.
fn section(webhooks: &WebhooksPlan, event: &EventPlan, links: &Links) -> String {
    let webhook = event.webhook;
    let mut intro = format!(
        "{} · payload {}",
        code(&format!("{}::{}", webhooks.name, event.variant)),
        markdown::rust_type(&event.payload, links)
    );
    if webhook.key != event.event {
        intro.push_str(&format!(" · the webhook {}", code(&webhook.key)));
    }
    if webhook.deprecated {
        intro.push_str(" · **Deprecated.**");
    }
    let text = [&webhook.summary, &webhook.description]
        .into_iter()
        .flatten()
        .map(|t| markdown::text(t))
        .collect::<Vec<_>>()
        .join("\n\n");
    format!("## {}\n\n{intro}\n\n{text}\n", code(&event.event))
}
