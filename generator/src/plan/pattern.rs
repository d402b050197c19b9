//! The documents' `pattern`s: compiled once per process, with JSON Schema's ASCII `\d` and
//! `\w`, and strings made from them for examples of inputs that have nothing better.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use regex::Regex;

/// The regex of `pattern`, compiled once per process (`None` when it does not compile): the
/// same patterns come back for every operation, field and value that carries them, and
/// compiling one costs far more than matching with it. Shared, not cloned, so that the
/// search caches inside it are kept too.
pub(super) fn compiled(pattern: &str) -> Option<Arc<Regex>> {
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

/// A string that matches `pattern`: the first branch of each alternation, each repetition
/// at its minimum (at least once), and characters drawn from each class by a fixed sequence
/// (letters and digits where the class has them), so that an identifier pattern gives an
/// identifier that looks like one. `None` for a pattern the `regex` crate cannot read.
pub(super) fn from_pattern(pattern: &str) -> Option<String> {
    use regex_syntax::hir::{Class, Hir, HirKind};
    fn walk(hir: &Hir, seed: &mut u64, out: &mut String) -> Option<()> {
        match hir.kind() {
            HirKind::Empty | HirKind::Look(_) => {}
            HirKind::Literal(literal) => out.push_str(std::str::from_utf8(&literal.0).ok()?),
            HirKind::Class(Class::Unicode(class)) => {
                let chars: Vec<char> = class
                    .ranges()
                    .iter()
                    // Only ASCII is kept: a Unicode class has over 100,000 other characters.
                    .flat_map(|r| r.start()..=r.end().min('\x7f'))
                    .filter(char::is_ascii_alphanumeric)
                    .collect();
                let chars = if chars.is_empty() {
                    let first = class.ranges().first()?.start();
                    vec![first]
                } else {
                    chars
                };
                // A linear congruential sequence: the same pattern always gives the same string.
                *seed = seed
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1_442_695_040_888_963_407);
                out.push(chars[((*seed >> 33) % chars.len() as u64) as usize]);
            }
            HirKind::Class(Class::Bytes(class)) => {
                let first = class.ranges().first()?.start();
                out.push(char::from(first));
            }
            HirKind::Repetition(repetition) => {
                let count = repetition
                    .min
                    .max(1)
                    .min(repetition.max.unwrap_or(u32::MAX));
                for _ in 0..count.min(256) {
                    walk(&repetition.sub, seed, out)?;
                }
            }
            HirKind::Capture(capture) => walk(&capture.sub, seed, out)?,
            HirKind::Concat(parts) => {
                for part in parts {
                    walk(part, seed, out)?;
                }
            }
            HirKind::Alternation(branches) => walk(branches.first()?, seed, out)?,
        }
        Some(())
    }
    let hir = regex_syntax::Parser::new().parse(pattern).ok()?;
    let mut out = String::new();
    let mut seed = pattern.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    walk(&hir, &mut seed, &mut out)?;
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::{ascii_classes, compiled, from_pattern};

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

    #[test]
    fn patterns_give_matching_strings() {
        for pattern in [
            r"^(user|org|mch|scim)_\w{27}$",
            r"^(ak|api_key)_[0-9A-Fa-f]{32}$",
            r"^(\S(.*\S)?)?$",
            r"^[a-z]+(-[a-z]+)*$",
            r"^\d{4}-\d{2}-\d{2}$",
        ] {
            let text = from_pattern(pattern).expect("a string");
            let re = regex::Regex::new(pattern).unwrap();
            assert!(re.is_match(&text), "{text:?} does not match {pattern}");
            assert_eq!(from_pattern(pattern), Some(text), "not deterministic");
        }
        assert_eq!(
            from_pattern(r"^(user|org)_\w{3}$").map(|s| s.len()),
            Some(8)
        );
    }
}
