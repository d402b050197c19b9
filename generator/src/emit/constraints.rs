//! The prose of a field's or parameter's constraints, written from the IR's data.

use crate::ir::{Choice, Hints};

/// The constraints of a field or parameter as a doc paragraph: lengths, pattern, bounds,
/// required sets of fields, allowed values and default, in that order.
pub(crate) fn constraints_doc(hints: &Hints) -> Option<String> {
    let quoted = |text: &str| format!("`{}`", text.replace('`', "'"));
    let bound = |name: &str, (value, exclusive): (f64, bool)| {
        let exclusive = if exclusive { " (exclusive)" } else { "" };
        format!("{name}: {value}{exclusive}.")
    };
    let mut out = Vec::new();
    match hints.length {
        (Some(min), Some(max)) => out.push(format!("Length: {min} to {max} characters.")),
        (Some(min), None) => out.push(format!("Length: at least {min} characters.")),
        (None, Some(max)) => out.push(format!("Length: at most {max} characters.")),
        (None, None) => {}
    }
    out.extend(
        hints
            .pattern
            .iter()
            .map(|p| format!("Pattern: {}.", quoted(p))),
    );
    out.extend(hints.minimum.map(|m| bound("Minimum", m)));
    out.extend(hints.maximum.map(|m| bound("Maximum", m)));
    for sets in &hints.field_sets {
        let how_many = match sets.choice {
            Choice::OneOf => "exactly one",
            Choice::AnyOf => "at least one",
        };
        let sets: Vec<String> = sets
            .sets
            .iter()
            .map(|set| match set.as_slice() {
                [] => "none".to_owned(),
                names => names
                    .iter()
                    .map(|n| format!("`{n}`"))
                    .collect::<Vec<_>>()
                    .join(", "),
            })
            .collect();
        out.push(format!(
            "Requires {how_many} of these sets of fields: {}.",
            sets.join("; ")
        ));
    }
    if !hints.values.is_empty() {
        let values: Vec<String> = hints.values.iter().map(|v| quoted(&json_text(v))).collect();
        out.push(format!("One of {}.", values.join(", ")));
    }
    if let Some(default) = &hints.default {
        out.push(format!("Defaults to {}.", quoted(&json_text(default))));
    }
    (!out.is_empty()).then(|| out.join(" "))
}

/// A JSON value as the docs show it: a string without its quotes, a whole float without a
/// fraction (`1`, as the document most likely wrote it), anything else as JSON.
fn json_text(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::String(text) => text.clone(),
        serde_json::Value::Number(n) if n.is_f64() => {
            n.as_f64().map_or(n.to_string(), |f| f.to_string())
        }
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::constraints_doc;
    use crate::ir::{Choice, FieldSets, Hints};
    use serde_json::json;

    #[test]
    fn no_constraints_no_paragraph() {
        let example_only = Hints {
            example: Some(json!("x")),
            ..Hints::default()
        };
        assert_eq!(constraints_doc(&example_only), None);
    }

    #[test]
    fn constraints_are_written_in_a_fixed_order() {
        let string = Hints {
            pattern: Some("^a`b$".into()),
            length: (Some(3), Some(25)),
            default: Some(json!("api_key")),
            ..Hints::default()
        };
        assert_eq!(
            constraints_doc(&string).as_deref(),
            Some("Length: 3 to 25 characters. Pattern: `^a'b$`. Defaults to `api_key`.")
        );
        let number = Hints {
            minimum: Some((0.0, true)),
            maximum: Some((100.5, false)),
            values: vec![json!(1.0), json!(7), serde_json::Value::Null],
            default: Some(json!([])),
            ..Hints::default()
        };
        assert_eq!(
            constraints_doc(&number).as_deref(),
            Some(
                "Minimum: 0 (exclusive). Maximum: 100.5. One of `1`, `7`, `null`. \
                 Defaults to `[]`."
            )
        );
        let lengths = [
            ((Some(3), None), "Length: at least 3 characters."),
            ((None, Some(255)), "Length: at most 255 characters."),
        ];
        for (length, expected) in lengths {
            let hints = Hints {
                length,
                ..Hints::default()
            };
            assert_eq!(constraints_doc(&hints).as_deref(), Some(expected));
        }
    }

    #[test]
    fn required_sets_say_how_many() {
        let hints = Hints {
            field_sets: vec![
                FieldSets {
                    choice: Choice::OneOf,
                    sets: vec![vec!["email".into()], vec!["phone".into(), "country".into()]],
                },
                FieldSets {
                    choice: Choice::AnyOf,
                    sets: vec![vec![], vec!["id".into()]],
                },
            ],
            ..Hints::default()
        };
        assert_eq!(
            constraints_doc(&hints).as_deref(),
            Some(
                "Requires exactly one of these sets of fields: `email`; `phone`, `country`. \
                 Requires at least one of these sets of fields: none; `id`."
            )
        );
    }
}
