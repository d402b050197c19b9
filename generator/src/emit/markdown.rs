//! Small pieces of Markdown for the docs pages: table cells, type names with links, and the
//! anchors GitHub gives headings.

use std::collections::BTreeMap;

use crate::ir::{Api, Type, TypeId};

/// Text from the document made safe for a Markdown page: [`super::sanitize`], and lines that
/// would start a heading, a setext underline or a block quote escaped, so that the page's
/// outline is only the generator's.
pub(crate) fn text(text: &str) -> String {
    let mut fences = Fences::default();
    super::sanitize(text)
        .lines()
        .map(|line| {
            let trimmed = line.trim_start();
            if fences.is_marker(line) {
                return line.to_owned();
            }
            let in_fence = fences.inside();
            let underline = !trimmed.is_empty()
                && (trimmed.chars().all(|c| c == '=' || c == ' ')
                    || trimmed.chars().all(|c| c == '-' || c == ' '));
            if !in_fence && (trimmed.starts_with('#') || underline) {
                format!("\\{trimmed}")
            } else {
                line.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Follows the fenced code blocks of a page line by line: a block opens with three or more
/// backticks or tildes and closes with at least as many of the same.
#[derive(Debug, Default)]
struct Fences {
    open: Option<(char, usize)>,
}

impl Fences {
    /// Whether `line` opens or closes a block (and then notes it).
    fn is_marker(&mut self, line: &str) -> bool {
        let trimmed = line.trim();
        let Some(marker) = trimmed.chars().next().filter(|c| *c == '`' || *c == '~') else {
            return false;
        };
        let run = trimmed.chars().take_while(|c| *c == marker).count();
        match self.open {
            None if run >= 3 => {
                self.open = Some((marker, run));
                true
            }
            Some((open, len)) if open == marker && run >= len && run == trimmed.len() => {
                self.open = None;
                true
            }
            _ => false,
        }
    }

    fn inside(&self) -> bool {
        self.open.is_some()
    }
}

/// Markdown text as one table cell: paragraphs joined with `<br>`, code blocks as code spans
/// line by line ([`row`] escapes the `|`).
pub(crate) fn cell(markdown: &str) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut paragraph: Vec<String> = Vec::new();
    let mut fences = Fences::default();
    let flush = |paragraph: &mut Vec<String>, out: &mut Vec<String>| {
        if !paragraph.is_empty() {
            out.push(paragraph.join(" "));
            paragraph.clear();
        }
    };
    for line in markdown.lines() {
        let trimmed = line.trim();
        if fences.is_marker(line) {
            flush(&mut paragraph, &mut out);
        } else if fences.inside() {
            if !trimmed.is_empty() {
                out.push(code(line.trim_end()));
            }
        } else if trimmed.is_empty() {
            flush(&mut paragraph, &mut out);
        } else {
            paragraph.push(trimmed.to_owned());
        }
    }
    flush(&mut paragraph, &mut out);
    out.join("<br>")
}

/// `text` as a code span, with enough backticks around it that none inside can end it.
pub(crate) fn code(text: &str) -> String {
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let ticks = "`".repeat(longest + 1);
    if text.starts_with('`') || text.ends_with('`') {
        format!("{ticks} {text} {ticks}")
    } else {
        format!("{ticks}{text}{ticks}")
    }
}

/// One row of a table, each `|` inside a cell escaped (in code spans too, as GitHub wants).
pub(crate) fn row(cells: &[&str]) -> String {
    let cells: Vec<String> = cells.iter().map(|c| c.replace('|', "\\|")).collect();
    format!("| {} |", cells.join(" | "))
}

/// Where each model's section is: a type id to a link target such as `models.md#pet`.
#[derive(Debug, Default)]
pub(crate) struct Links {
    pub targets: BTreeMap<TypeId, String>,
}

/// A Rust type as Markdown: code spans, with each model's name a link to its section when
/// its target is known.
pub(crate) fn rust_type(api: &Api, ty: &Type, links: &Links) -> String {
    let mut pieces = Vec::new();
    type_pieces(api, ty, &mut pieces);
    render(&pieces, links)
}

/// A type wrapped in `Option<…>` (or twice), `Box<…>` and other containers, as Markdown.
pub(crate) fn wrapped(api: &Api, ty: &Type, wrappers: &[&str], links: &Links) -> String {
    let mut pieces: Vec<Piece> = wrappers
        .iter()
        .map(|w| Piece::Code(format!("{w}<")))
        .collect();
    type_pieces(api, ty, &mut pieces);
    pieces.extend(wrappers.iter().map(|_| Piece::Code(">".to_owned())));
    render(&pieces, links)
}

enum Piece {
    Code(String),
    Model(TypeId, String),
}

fn type_pieces(api: &Api, ty: &Type, out: &mut Vec<Piece>) {
    let code = |out: &mut Vec<Piece>, text: &str| out.push(Piece::Code(text.to_owned()));
    match ty {
        Type::String => code(out, "String"),
        Type::Integer(width) => code(out, width.rust()),
        Type::Number => code(out, "f64"),
        Type::Boolean => code(out, "bool"),
        Type::Any => code(out, "serde_json::Value"),
        Type::File => code(out, "File"),
        Type::Bytes => code(out, "bytes::Bytes"),
        Type::Null => code(out, "()"),
        Type::Tuple(items) => {
            code(out, "(");
            for item in items {
                type_pieces(api, item, out);
                code(out, ", ");
            }
            code(out, ")");
        }
        Type::Array(item) => {
            code(out, "Vec<");
            type_pieces(api, item, out);
            code(out, ">");
        }
        Type::Map(value) => {
            code(out, "BTreeMap<String, ");
            type_pieces(api, value, out);
            code(out, ">");
        }
        Type::Named(id) => out.push(Piece::Model(*id, api.ty(*id).name.clone())),
    }
}

fn render(pieces: &[Piece], links: &Links) -> String {
    let mut out = String::new();
    let mut pending = String::new();
    for piece in pieces {
        match piece {
            Piece::Code(text) => pending.push_str(text),
            Piece::Model(id, name) => match links.targets.get(id) {
                Some(target) => {
                    if !pending.is_empty() {
                        out.push_str(&code(&pending));
                        pending.clear();
                    }
                    out.push_str(&format!("[{}]({target})", code(name)));
                }
                None => pending.push_str(name),
            },
        }
    }
    if !pending.is_empty() {
        out.push_str(&code(&pending));
    }
    out
}

/// The anchors GitHub gives a page's headings, by heading text, in page order: the text
/// lower-cased, spaces as `-`, other punctuation dropped, and `-1`, `-2`, … after a repeat.
/// Headings inside code blocks are not headings.
pub(crate) fn anchors(page: &str) -> Vec<(String, String)> {
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    let mut out = Vec::new();
    let mut fences = Fences::default();
    for line in page.lines() {
        let trimmed = line.trim_start();
        if fences.is_marker(line) {
            continue;
        }
        let level = trimmed.chars().take_while(|c| *c == '#').count();
        if fences.inside() || level == 0 || level > 6 || !trimmed[level..].starts_with(' ') {
            continue;
        }
        let heading = trimmed[level..].trim().to_owned();
        let base: String = heading
            .to_lowercase()
            .chars()
            .filter_map(|c| match c {
                ' ' => Some('-'),
                c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
                _ => None,
            })
            .collect();
        let count = seen.entry(base.clone()).or_insert(0);
        let slug = if *count == 0 {
            base.clone()
        } else {
            format!("{base}-{count}")
        };
        *count += 1;
        // A later heading may already be called like the suffixed one; GitHub counts that too.
        seen.entry(slug.clone()).or_insert(1);
        out.push((heading, slug));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anchors_follow_github() {
        let page = "# Title: API Keys\n\n## `create_api_key`\n\n### Example\n\n```rust\n# hidden\n```\n\n### Example\n\n## `r#match`\n";
        let anchors: Vec<String> = anchors(page).into_iter().map(|(_, s)| s).collect();
        assert_eq!(
            anchors,
            [
                "title-api-keys",
                "create_api_key",
                "example",
                "example-1",
                "rmatch"
            ]
        );
    }

    #[test]
    fn cells_stay_in_their_column() {
        assert_eq!(
            row(&[
                &cell("One | two\nthree\n\nfour\n```text\nx | `y`\n```"),
                "`a|b`"
            ]),
            "| One \\| two three<br>four<br>`` x \\| `y` `` | `a\\|b` |"
        );
        assert_eq!(code("a`b"), "``a`b``");
        assert_eq!(code("`a"), "`` `a ``");
    }

    #[test]
    fn document_text_cannot_add_headings() {
        assert_eq!(
            text("# Heading\nTitle\n---\n```\n# comment\n```"),
            "\\# Heading\nTitle\n\\---\n```text\n# comment\n```"
        );
    }
}
