//! Where in a JSON text decoding failed, as a path such as `data[0].id`: read from the text's
//! structure up to the position of serde_json's error, so that a body is decoded once, and a
//! type's `Deserialize` is compiled once, for serde_json, rather than once more for a
//! deserializer that records the path as it goes (serde_path_to_error).
//!
//! The path is the one serde_path_to_error gives for the same failure, so it reads the same
//! as before: the tests compare the two on many texts, whole and broken.

use serde_json::error::Category;

/// The path of the value at which decoding `text` failed with `error`: object keys joined by
/// `.` and array indexes in brackets (`data[0].scopes[1]`), `.` for the root, and `?` for a
/// key that could not be read.
///
/// Everything before serde_json's position is JSON that it accepted, so the text is read as
/// JSON up to there, and the kind of error says which value is at fault:
///
/// - a value that does not match its type (a [`Category::Data`] error) is placed just after
///   its text, or just before it when it is an object or array: the value that ends or begins
///   there;
/// - text that is not JSON (a [`Category::Syntax`] error) is placed just after the byte that
///   is wrong: the value that byte is part of, or, between values, the object or array that
///   expected a `,`, a `:` or its end (with `?` for an object's key);
/// - a text that stops too soon (a [`Category::Eof`] error): the same, at its end.
pub fn path(text: &[u8], error: &serde_json::Error) -> String {
    let at = offset(text, error.line(), error.column());
    match error.classify() {
        Category::Data => {
            let starts = matches!(text.get(at), Some(b'{' | b'['));
            Scan::new(text, at + usize::from(starts)).data_path()
        }
        Category::Syntax => match at.checked_sub(1) {
            Some(wrong) => Scan::new(text, wrong).syntax_path(text.get(wrong).copied()),
            None => ".".to_owned(),
        },
        Category::Eof => Scan::new(text, text.len()).syntax_path(None),
        Category::Io => ".".to_owned(),
    }
}

/// The byte offset of serde_json's position: `line` counts from 1 (0 when the error has no
/// position), `column` is the number of bytes before it on its line.
fn offset(text: &[u8], line: usize, column: usize) -> usize {
    let lines_before = line.saturating_sub(1);
    let line_start: usize = (text.split(|&b| b == b'\n'))
        .take(lines_before)
        .map(|line| line.len() + 1)
        .sum();
    line_start.saturating_add(column).min(text.len())
}

/// Where an object or array is between its brackets.
#[derive(Clone, Copy, PartialEq)]
enum At {
    /// After `{`, `[` or `,`: expecting a key or an item.
    Start,
    /// In a key's string.
    Key,
    /// After a key, expecting `:`.
    Colon,
    /// After `:`, expecting the value.
    Value,
    /// In a value or item: a string, a number, `true`, `false`, `null` or an object or array.
    In,
    /// After a value or item, expecting `,` or the end.
    After,
}

/// An object or array that the text has opened and not yet closed.
struct Open {
    /// Whether it is an array.
    array: bool,
    /// The key of the object's current value, once read.
    key: Option<String>,
    /// The index of the array's current item.
    index: usize,
    at: At,
}

/// The state of the text at a byte offset: the objects and arrays open there and the token
/// being read.
struct Scan<'a> {
    /// The text up to where the scan stopped.
    text: &'a [u8],
    opened: Vec<Open>,
    /// Where the number, `true`, `false` or `null` being read starts.
    scalar: Option<usize>,
    /// Whether a string is being read.
    string: bool,
}

impl<'a> Scan<'a> {
    /// Reads `text` up to byte `end`.
    fn new(text: &'a [u8], end: usize) -> Self {
        let text = &text[..end.min(text.len())];
        let mut scan = Scan {
            text,
            opened: Vec::new(),
            scalar: None,
            string: false,
        };
        let mut i = 0;
        // Where the string being read starts (its quote).
        let mut quote = 0;
        while let Some(&byte) = text.get(i) {
            if scan.string {
                match byte {
                    // An escape, which serde_json reads whole: `\u` and four bytes, whatever
                    // they are, or `\` and one.
                    b'\\' => i += if text.get(i + 1) == Some(&b'u') { 6 } else { 2 },
                    b'"' => {
                        scan.string = false;
                        scan.end_token(text.get(quote..=i));
                        i += 1;
                    }
                    _ => i += 1,
                }
                continue;
            }
            if scan.scalar.is_some() {
                if is_scalar(byte) {
                    i += 1;
                    continue;
                }
                scan.scalar = None;
                scan.end_token(None);
            }
            match byte {
                b'"' => {
                    scan.begin();
                    scan.string = true;
                    quote = i;
                }
                b'{' | b'[' => {
                    scan.begin();
                    scan.opened.push(Open {
                        array: byte == b'[',
                        key: None,
                        index: 0,
                        at: At::Start,
                    });
                }
                b'}' | b']' => {
                    scan.opened.pop();
                    scan.end_token(None);
                }
                b':' => scan.set(At::Colon, At::Value),
                b',' => {
                    if let Some(open) = scan.opened.last_mut() {
                        open.key = None;
                        open.index += usize::from(open.array);
                        open.at = At::Start;
                    }
                }
                b' ' | b'\t' | b'\n' | b'\r' => {}
                _ => {
                    scan.begin();
                    scan.scalar = Some(i);
                }
            }
            i += 1;
        }
        scan
    }

    /// Notes that a token begins: a key where the innermost object expects one, else a value.
    fn begin(&mut self) {
        if let Some(open) = self.opened.last_mut() {
            open.at = match open.at {
                At::Start if !open.array => At::Key,
                _ => At::In,
            };
        }
    }

    /// Notes that a token ended: a key (`quoted`, with its quotes) or a value.
    fn end_token(&mut self, quoted: Option<&[u8]>) {
        if let Some(open) = self.opened.last_mut() {
            if open.at == At::Key {
                open.key = quoted.map(unescape);
                open.at = At::Colon;
            } else {
                open.at = At::After;
            }
        }
    }

    /// Moves the innermost container from `from` to `to`.
    fn set(&mut self, from: At, to: At) {
        if let Some(open) = self.opened.last_mut() {
            if open.at == from {
                open.at = to;
            }
        }
    }

    /// The path of a value that does not match its type, ending or beginning where the scan
    /// stopped.
    fn data_path(&self) -> String {
        self.written(|at| matches!(at, At::In | At::After), false)
    }

    /// The path of the value that the byte `wrong` (`None` at the end of the text) is part of,
    /// or of the object or array that expected something else.
    fn syntax_path(&self, wrong: Option<u8>) -> String {
        let Some(innermost) = self.opened.last() else {
            return ".".to_owned();
        };
        // Whether the wrong byte is in the current value, as serde_json reads it.
        let within = match innermost.at {
            // serde_json reads whatever follows `[`, `,` or `:` as a value, except an array's
            // end, and except the text's end after `[` or `,`.
            At::Start => innermost.array && !matches!(wrong, None | Some(b']')),
            At::Value => true,
            // A string that is not closed is at fault, and so is a number or literal that is
            // not whole (`1.`, `tru`) or that a digit follows (`01`); after a whole one, the
            // object or array expected `,` or its end.
            At::In => {
                self.string
                    || self.scalar.is_some_and(|start| {
                        let token = self.text.get(start..).unwrap_or_default();
                        let number = matches!(token.first(), Some(b'-' | b'0'..=b'9'));
                        !is_whole(token) || (number && wrong.is_some_and(|b| b.is_ascii_digit()))
                    })
            }
            At::Key | At::Colon | At::After => false,
        };
        // An object's key that serde_json could not read is `?` to serde_path_to_error.
        let unknown = !within && !innermost.array && innermost.at != At::Colon;
        self.written(|_| within, unknown)
    }

    /// The path through the open objects and arrays: every one but the innermost is in a value,
    /// and the innermost's value counts when `current(its state)`; `?` follows when `unknown`.
    fn written(&self, current: impl Fn(At) -> bool, unknown: bool) -> String {
        let mut path = String::new();
        let last = self.opened.len().saturating_sub(1);
        for (depth, open) in self.opened.iter().enumerate() {
            if depth == last && !current(open.at) {
                break;
            }
            if open.array {
                path.push('[');
                path.push_str(&open.index.to_string());
                path.push(']');
            } else {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(open.key.as_deref().unwrap_or("?"));
            }
        }
        if unknown {
            if !path.is_empty() {
                path.push('.');
            }
            path.push('?');
        }
        if path.is_empty() {
            path.push('.');
        }
        path
    }
}

/// Whether a byte that is not a string's continues a number, `true`, `false` or `null`.
fn is_scalar(byte: u8) -> bool {
    !matches!(
        byte,
        b'"' | b'{' | b'}' | b'[' | b']' | b':' | b',' | b' ' | b'\t' | b'\n' | b'\r'
    )
}

/// Whether a number or literal is whole: `true`, `false`, `null` or a number ending with a
/// digit.
fn is_whole(token: &[u8]) -> bool {
    matches!(token, b"true" | b"false" | b"null") || token.last().is_some_and(u8::is_ascii_digit)
}

/// A key as the object has it: `quoted` (with its quotes) with its escapes undone.
fn unescape(quoted: &[u8]) -> String {
    serde_json::from_slice(quoted).unwrap_or_else(|_| {
        let inner = quoted
            .get(1..quoted.len().saturating_sub(1))
            .unwrap_or_default();
        String::from_utf8_lossy(inner).into_owned()
    })
}

#[cfg(test)]
mod tests;
