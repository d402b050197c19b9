//! The documents' `pattern`s as regexes: compiled once per process, with JSON Schema's ASCII
//! `\d` and `\w`.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use regex::Regex;

/// The regex of `pattern`, compiled once per process (`None` when it does not compile): the
/// same patterns come back for every operation, field and value that carries them, and
/// compiling one costs far more than matching with it. Shared, not cloned, so that the
/// search caches inside it are kept too.
pub(crate) fn compiled(pattern: &str) -> Option<Arc<Regex>> {
    type Cache = Mutex<HashMap<String, Option<Arc<Regex>>>>;
    static CACHE: OnceLock<Cache> = OnceLock::new();
    let mut cache = CACHE
        .get_or_init(Cache::default)
        .lock()
        .unwrap_or_else(PoisonError::into_inner);
    if let Some(regex) = cache.get(pattern) {
        return regex.clone();
    }
    let regex = Regex::new(&ascii_classes(pattern)).ok().map(Arc::new);
    cache.insert(pattern.to_owned(), regex.clone());
    regex
}

/// `pattern` with `\d` and `\w` matching ASCII only, as in JSON Schema's regular expressions
/// (ECMA-262). A string that matches the result also matches `pattern` read with Unicode
/// classes, so what it accepts is valid under either reading; and the ASCII classes compile
/// to a small automaton where Unicode `\w{27}` is a large one. A pattern with a negated
/// class is kept as it is: there the ASCII class would accept more, not less.
fn ascii_classes(pattern: &str) -> Cow<'_, str> {
    if !pattern.contains('\\') || pattern.contains("[^") {
        return Cow::Borrowed(pattern);
    }
    let mut out = String::with_capacity(pattern.len() + 32);
    let mut chars = pattern.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        // A nested class is valid both inside and outside a class.
        match chars.next() {
            Some('d') => out.push_str("[[:digit:]]"),
            Some('w') => out.push_str("[[:word:]]"),
            Some(escaped) => {
                out.push('\\');
                out.push(escaped);
            }
            None => out.push('\\'),
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::{ascii_classes, compiled};

    #[test]
    fn perl_classes_become_ascii() {
        assert_eq!(
            ascii_classes(r"^(user|org)_\w{27}$"),
            r"^(user|org)_[[:word:]]{27}$"
        );
        assert_eq!(
            ascii_classes(r"[\d\w.-]+\\d\s"),
            r"[[[:digit:]][[:word:]].-]+\\d\s"
        );
        assert_eq!(ascii_classes(r"[^\w]"), r"[^\w]");
        let id = compiled(r"^user_\w{3}$").expect("it compiles");
        assert!(id.is_match("user_a_9"));
        assert!(
            !id.is_match("user_ab\u{e9}"),
            "Unicode letters are not \\w in JSON Schema"
        );
        let digits = compiled(r"^[\d-]+$").expect("it compiles");
        assert!(digits.is_match("2024-01-02"));
        assert!(
            !digits.is_match("\u{0663}"),
            "Arabic-Indic digits are not \\d"
        );
        assert!(compiled(r"(unclosed").is_none());
    }
}
