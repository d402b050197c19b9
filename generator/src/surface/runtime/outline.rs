//! The part of a runtime file that the surface reads, found by lines rather than by parsing
//! it all: parsing the whole runtime would take longer than generating the rest of a small
//! crate, so only the exported items and their `impl`s are kept, without function bodies.
//!
//! Every function here relies on rustfmt's layout of the runtime's files.

/// The top-level items of `text`, a rustfmt-formatted Rust file, that the surface reads: the
/// types `exported` accepts and their `impl`s, with their
/// attributes and without function bodies ([`without_bodies`]).
///
/// rustfmt starts a top-level item at the first column and ends it on a line of its own that
/// starts with `}` at the first column (or on its first line, with `;` or `{}`).
pub(super) fn outline(text: &str, exported: &dyn Fn(&str) -> bool) -> String {
    let mut out = String::new();
    let mut attributes = String::new();
    let mut lines = text.lines();
    while let Some(line) = lines.next() {
        if line.starts_with("#[") {
            attributes.push_str(line);
            attributes.push('\n');
            continue;
        }
        if line.is_empty() || line.starts_with(' ') || line.starts_with("//") {
            continue;
        }
        let mut item = format!("{line}\n");
        let end = line.trim_end();
        if !(end.ends_with(';') || end.ends_with("{}")) {
            for next in lines.by_ref() {
                item.push_str(next);
                item.push('\n');
                if next.starts_with('}') {
                    break;
                }
            }
        }
        if kept(&item, exported) {
            out.push_str(&attributes);
            out.push_str(&members(&item));
        }
        attributes.clear();
    }
    out
}

/// What the surface reads of a kept item: of a trait `impl` its header, of anything else all
/// but function bodies.
fn members(item: &str) -> String {
    if item.starts_with("impl") {
        // The header ends with the first line that ends with `{`.
        let mut header = String::new();
        for line in item.lines() {
            header.push_str(line);
            header.push('\n');
            if line.trim_end().ends_with('{') {
                if header.contains(" for ") {
                    return header + "}\n";
                }
                break;
            }
        }
    }
    without_bodies(item)
}

/// Whether a top-level item is one the surface reads.
fn kept(item: &str, exported: &dyn Fn(&str) -> bool) -> bool {
    let ident = |text: &str| {
        let end = text
            .find(|c: char| !(c.is_alphanumeric() || c == '_'))
            .unwrap_or(text.len());
        text[..end].to_owned()
    };
    for kind in [
        "pub struct ",
        "pub enum ",
        "pub type ",
        "pub trait ",
        "pub fn ",
    ] {
        if let Some(rest) = item.strip_prefix(kind) {
            return exported(&ident(rest));
        }
    }
    let Some(header) = item.strip_prefix("impl") else {
        return false;
    };
    // The type after `for`, or after the generic parameters: its last path segment.
    let header = header.split('{').next().unwrap_or_default();
    let self_ty = match header.rsplit_once(" for ") {
        Some((_, ty)) => ty,
        None => skip_generics(header),
    };
    let path = self_ty.trim().split('<').next().unwrap_or_default();
    exported(&ident(path.rsplit("::").next().unwrap_or_default()))
}

/// `text` after the generic parameters it starts with (`<E: Debug> SdkError<E>` →
/// ` SdkError<E>`), if any.
fn skip_generics(text: &str) -> &str {
    let Some(rest) = text.strip_prefix('<') else {
        return text;
    };
    let mut depth = 1;
    for (i, c) in rest.char_indices() {
        match c {
            '<' => depth += 1,
            '>' => depth -= 1,
            _ => {}
        }
        if depth == 0 {
            return &rest[i + 1..];
        }
    }
    ""
}

/// `text`, a rustfmt-formatted Rust file, with the body of every function emptied (`{}`) and
/// without its comment lines, doc comments included.
///
/// rustfmt puts a body's opening brace at the end of the signature's last line (or alone on a
/// line after a `where` clause) and its closing brace alone on a line at the signature's
/// indentation, so a body is found by lines, without parsing it.
pub(super) fn without_bodies(text: &str) -> String {
    let mut out = String::with_capacity(text.len() / 2);
    let mut lines = text.lines();
    while let Some(line) = lines.next() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("//") {
            continue;
        }
        if !declares_fn(trimmed) {
            out.push_str(line);
            out.push('\n');
            continue;
        }
        let indent = &line[..line.len() - trimmed.len()];
        // The signature, up to the line that opens the body (or ends a declaration).
        let mut current = line;
        loop {
            let end = current.trim_end();
            if end.ends_with(';') || end.ends_with("{}") {
                out.push_str(current);
                out.push('\n');
                break;
            }
            if let Some(open) = end.strip_suffix('{') {
                out.push_str(open);
                out.push_str("{}\n");
                let close = format!("{indent}}}");
                for body in lines.by_ref() {
                    if body.trim_end() == close {
                        break;
                    }
                }
                break;
            }
            out.push_str(current);
            out.push('\n');
            match lines.next() {
                Some(next) => current = next,
                None => return out,
            }
        }
    }
    out
}

/// Whether a line (without its indentation) starts a function: `fn`, after any of `pub`,
/// `pub(crate)`, `async`, `const` and `unsafe`.
fn declares_fn(mut line: &str) -> bool {
    loop {
        let rest = [
            "pub ",
            "pub(crate) ",
            "pub(super) ",
            "async ",
            "const ",
            "unsafe ",
        ]
        .iter()
        .find_map(|prefix| line.strip_prefix(prefix));
        match rest {
            Some(rest) => line = rest,
            None => return line.starts_with("fn "),
        }
    }
}
