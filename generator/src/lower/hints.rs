//! What a schema says about its values beside its type: constraints and examples, as data.

use openapiv3::{Schema, SchemaKind};

use crate::ir::Hints;

/// The hints of a schema's own keywords (`example`, `default`, `enum` of scalars, `pattern`,
/// lengths and bounds). Composition adds its required sets of fields itself.
pub(super) fn hints(schema: &Schema) -> Hints {
    use openapiv3::Type as T;
    let data = &schema.schema_data;
    let json = |v: Option<serde_json::Value>| v.unwrap_or(serde_json::Value::Null);
    let mut hints = Hints {
        example: data.example.clone(),
        default: data.default.clone(),
        ..Hints::default()
    };
    match &schema.schema_kind {
        SchemaKind::Type(T::String(string)) => {
            hints.pattern = string.pattern.clone();
            hints.length = (string.min_length, string.max_length);
        }
        SchemaKind::Type(T::Number(number)) => {
            hints.minimum = number.minimum.map(|m| (m, number.exclusive_minimum));
            hints.maximum = number.maximum.map(|m| (m, number.exclusive_maximum));
            hints.values = number
                .enumeration
                .iter()
                .map(|v| json(v.and_then(serde_json::Number::from_f64).map(Into::into)))
                .collect();
        }
        SchemaKind::Type(T::Integer(integer)) => {
            hints.minimum = integer
                .minimum
                .map(|m| (m as f64, integer.exclusive_minimum));
            hints.maximum = integer
                .maximum
                .map(|m| (m as f64, integer.exclusive_maximum));
            hints.values = integer
                .enumeration
                .iter()
                .map(|v| json(v.map(Into::into)))
                .collect();
        }
        SchemaKind::Type(T::Boolean(boolean)) => {
            hints.values = boolean
                .enumeration
                .iter()
                .map(|v| json(v.map(Into::into)))
                .collect();
        }
        SchemaKind::Any(any) => {
            hints.pattern = any.pattern.clone();
            hints.length = (any.min_length, any.max_length);
            hints.minimum = any
                .minimum
                .map(|m| (m, any.exclusive_minimum.unwrap_or(false)));
            hints.maximum = any
                .maximum
                .map(|m| (m, any.exclusive_maximum.unwrap_or(false)));
            hints.values = any.enumeration.clone();
        }
        _ => {}
    }
    hints
}
