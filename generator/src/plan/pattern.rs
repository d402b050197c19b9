//! Strings made from a pattern, for examples of inputs that have nothing better.

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
                    .flat_map(|r| r.start()..=r.end())
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
    use super::from_pattern;

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
