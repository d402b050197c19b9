//! Text from the API description made safe for rustdoc and for Markdown pages: nothing in
//! it may break the build, start a code block that rustdoc would compile, or turn into a link
//! or HTML by accident.

/// The fence for a code block holding `code`: three backticks, or more than the longest run
/// of backticks in the code, so that nothing in it can close the block early.
pub(crate) fn fence(code: &str) -> String {
    let longest = code.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    "`".repeat(longest.max(2) + 1)
}

/// Makes text from the document safe for rustdoc, so that nothing in it can break the
/// build: bare URLs are wrapped in `<>`, brackets and angle brackets outside code spans are
/// escaped (no accidental links or HTML), a backtick with no partner on its line is escaped,
/// code blocks are marked `text` (their fence made longer than any backticks inside) and no
/// line is indented enough to start an indented code block, which rustdoc would compile.
pub fn sanitize(text: &str) -> String {
    let mut out: Vec<String> = Vec::new();
    // Tabs render differently everywhere (and clippy refuses them in docs): four spaces.
    let text = text.replace('\t', "    ");
    let mut lines = text.trim().lines();
    // The column where the text of the list item above starts, while its lines go on: a line
    // that continues it is indented to that column, as Markdown reads it anyway.
    let mut item: Option<usize> = None;
    while let Some(line) = lines.next() {
        let trimmed = line.trim_start();
        let marker = trimmed.chars().next().filter(|c| *c == '`' || *c == '~');
        let run = marker.map_or(0, |m| trimmed.chars().take_while(|c| *c == m).count());
        if let (Some(marker), 3..) = (marker, run) {
            out.extend(fenced_block(&mut lines, marker, run));
            continue;
        }
        let columns = indentation(line, &mut item);
        out.push(format!("{}{}", " ".repeat(columns), escape_line(trimmed)));
    }
    out.join("\n")
}

/// A fenced block opened by `run` of `marker`: its lines up to a closing fence of the same
/// kind, or the end, between fences of its own that mark it `text`.
fn fenced_block(lines: &mut std::str::Lines, marker: char, run: usize) -> Vec<String> {
    let mut block = Vec::new();
    for inner in lines.by_ref() {
        let inner_trimmed = inner.trim();
        if inner_trimmed.len() >= run && inner_trimmed.chars().all(|c| c == marker) {
            break;
        }
        block.push(inner.to_owned());
    }
    let fence = fence(&block.join("\n"));
    let mut out = vec![format!("{fence}text")];
    out.extend(block);
    out.push(fence);
    out
}

/// The columns `line` keeps of its indentation, given the column where the text of the list
/// item above starts (`item`), which it updates: four columns of indentation start a code
/// block, so a line keeps at most three beyond that column.
fn indentation(line: &str, item: &mut Option<usize>) -> usize {
    let trimmed = line.trim_start();
    let columns = line.len() - trimmed.len();
    let marker = list_marker(trimmed);
    let columns = match (marker, *item) {
        (None, Some(column)) if !trimmed.is_empty() => columns.clamp(column, column + 3),
        _ => columns.min(3),
    };
    *item = match (marker, trimmed.is_empty()) {
        (_, true) => None,
        (Some(width), false) => Some(columns + width),
        (None, false) => *item,
    };
    columns
}

/// A line without its indentation, escaped: its code spans kept as they are, a backtick
/// without a partner escaped, and the prose between them escaped.
fn escape_line(trimmed: &str) -> String {
    let mut escaped = String::new();
    let parts: Vec<&str> = trimmed.split('`').collect();
    // An odd number of backticks leaves the last one without a partner.
    let paired = if parts.len().is_multiple_of(2) {
        parts.len() - 1
    } else {
        parts.len()
    };
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            escaped.push_str(if i == paired { "\\`" } else { "`" });
        }
        if i % 2 == 1 && i < paired {
            escaped.push_str(part);
        } else {
            escaped.push_str(&escape_prose(part));
        }
    }
    escaped
}

/// The width of the list marker that starts `line` (`- `, `*   `, `1. `, `2) `) with the
/// spaces after it, up to where the item's text starts, if `line` starts with one.
fn list_marker(line: &str) -> Option<usize> {
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    let rest = &line[digits..];
    let marker = match digits {
        0 => rest.starts_with(['-', '*', '+']),
        1..=9 => rest.starts_with(['.', ')']),
        _ => false,
    };
    let spaces = rest
        .get(1..)
        .map_or(0, |r| r.chars().take_while(|c| *c == ' ').count());
    (marker && (1..=4).contains(&spaces)).then_some(digits + 1 + spaces)
}

/// [`sanitize`] for an optional text.
pub(crate) fn spec(text: Option<&str>) -> Option<String> {
    text.map(sanitize)
}

/// Escapes prose (text outside code spans): autolinks `<https://…>` and links
/// `[text](https://…)` stay links, bare URLs become autolinks, and every other bracket,
/// angle bracket and backslash is escaped.
fn escape_prose(text: &str) -> String {
    // Most prose has nothing to escape or link: no bracket, backslash or URL.
    if !text.contains(['[', ']', '<', '>', '\\']) && !text.contains("http") {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if let Some(len) = autolink_len(rest) {
            out.push_str(&rest[..len]);
            rest = &rest[len..];
            continue;
        }
        if let Some((label, url)) = markdown_link(rest) {
            out.push('[');
            out.push_str(&escape_prose(label));
            out.push_str("](");
            out.push_str(url);
            out.push(')');
            rest = &rest[label.len() + url.len() + 4..];
            continue;
        }
        if rest.starts_with("https://") || rest.starts_with("http://") {
            let len = url_len(rest);
            out.push('<');
            out.push_str(&rest[..len]);
            out.push('>');
            rest = &rest[len..];
            continue;
        }
        if matches!(c, '[' | ']' | '<' | '>' | '\\') {
            out.push('\\');
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// The length of an autolink `<http…>` at the start of `text`.
fn autolink_len(text: &str) -> Option<usize> {
    let inner = text.strip_prefix('<')?;
    if !(inner.starts_with("https://") || inner.starts_with("http://")) {
        return None;
    }
    let end = inner.find(|c: char| c == '>' || c == '<' || c.is_whitespace())?;
    inner[end..].starts_with('>').then_some(end + 2)
}

/// The label and URL of a link `[label](http…)` at the start of `text`.
fn markdown_link(text: &str) -> Option<(&str, &str)> {
    let inner = text.strip_prefix('[')?;
    let close = inner.find(['[', ']'])?;
    let label = &inner[..close];
    let after = inner[close..].strip_prefix("](")?;
    if !(after.starts_with("https://") || after.starts_with("http://")) {
        return None;
    }
    let len = url_len(after);
    after[len..]
        .starts_with(')')
        .then(|| (label, &after[..len]))
}

/// The length of the URL at the start of `text`: up to white space, a quote or an angle
/// bracket, or a `)` or `]` it did not open, less trailing punctuation.
fn url_len(text: &str) -> usize {
    let (mut parens, mut brackets) = (0_usize, 0_usize);
    let mut end = text.len();
    for (i, c) in text.char_indices() {
        let stop = match c {
            '(' => {
                parens += 1;
                false
            }
            '[' => {
                brackets += 1;
                false
            }
            ')' if parens > 0 => {
                parens -= 1;
                false
            }
            ']' if brackets > 0 => {
                brackets -= 1;
                false
            }
            ')' | ']' => true,
            c => c.is_whitespace() || matches!(c, '<' | '>' | '"' | '\'' | '`'),
        };
        if stop {
            end = i;
            break;
        }
    }
    text[..end]
        .trim_end_matches(['.', ',', ';', ':', '!', '?'])
        .len()
}

#[cfg(test)]
mod tests {
    use super::sanitize;

    #[test]
    fn document_text_cannot_break_rustdoc() {
        let cases = [
            (
                "See https://example.com/a_(b).",
                "See <https://example.com/a_(b)>.",
            ),
            ("(https://x.y/z)", "(<https://x.y/z>)"),
            ("<https://x.y> stays", "<https://x.y> stays"),
            (
                "[a link](https://x.y/z) stays",
                "[a link](https://x.y/z) stays",
            ),
            ("[a [b] c](https://x.y)", "\\[a \\[b\\] c\\](<https://x.y>)"),
            ("[broken] <b>x</b>", "\\[broken\\] \\<b\\>x\\</b\\>"),
            ("C:\\dir `a<b>` [c]", "C:\\\\dir `a<b>` \\[c\\]"),
            ("a `lone b", "a \\`lone b"),
            ("`x` and ` y", "`x` and \\` y"),
            ("text\n\n    let x = 1;", "text\n\n   let x = 1;"),
            ("a\n\tcode", "a\n   code"),
            ("```rust\nfn main() {}\n```", "```text\nfn main() {}\n```"),
            ("~~~\n```\n~~~", "````text\n```\n````"),
            ("```\nunclosed", "```text\nunclosed\n```"),
            // A line that goes on with a list item is indented to its text; tabs are spaces.
            ("- a\nmore\n\nafter", "- a\n  more\n\nafter"),
            ("1. a\n2. b\n more", "1. a\n2. b\n   more"),
            ("*   a\n  more", "*   a\n    more"),
            ("| a\t| b |", "| a    | b |"),
        ];
        for (text, expected) in cases {
            assert_eq!(sanitize(text), expected, "for {text:?}");
        }
    }
}
