//! What the crate generates in a looser form than the document describes
//! ([`Limitation`](crate::ir::Limitation)s): a "Limitations" section of the README and a note
//! on the docs page of each operation concerned.

use crate::ir::{Api, Limitation};

/// One line of a list: the warning generation printed, as text.
fn item(limitation: &Limitation, text: impl Fn(&str) -> String) -> String {
    format!("- {}", text(&limitation.message()).replace('\n', " "))
}

/// The README's "Limitations" section, after the rest; empty when there is nothing to say.
pub(crate) fn readme_section(api: &Api) -> String {
    if api.limitations.is_empty() {
        return String::new();
    }
    let items: Vec<String> = (api.limitations.iter())
        .map(|l| item(l, super::sanitize))
        .collect();
    format!(
        "\n## Limitations\n\n\
         The API description says things this crate does not type exactly. Rather than refuse \
         the whole API, the generator gave each the most useful form it could, and named the \
         node of the description to look at (a JSON pointer):\n\n{}\n",
        items.join("\n")
    )
}

/// The note on the docs page of operation number `index`, if a limitation concerns it.
pub(crate) fn operation_note(api: &Api, index: usize) -> Option<String> {
    let items: Vec<String> = (api.limitations.iter())
        .filter(|l| l.operations.contains(&index))
        .map(|l| item(l, super::markdown::text))
        .collect();
    (!items.is_empty()).then(|| {
        format!(
            "**Limitations.** Generated in a looser form than the API description says:\n\n{}",
            items.join("\n")
        )
    })
}
