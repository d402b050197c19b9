//! Values written as `name=value` pairs by an OpenAPI `style`: the query parameters that are
//! objects, maps, arrays of objects or lists joined into one value, and the object fields of
//! `application/x-www-form-urlencoded` bodies. A value is turned into JSON first (through
//! serde, so that a model's renamed fields are written by their wire names and its unset
//! fields are left out), then written as its style says.

use serde_json::Value;

/// How a value is written as pairs: OpenAPI's `style` (with `explode`) of a query parameter.
/// `null` is left out wherever it is, as an unset value is. An object's properties are
/// written in the order of their names, whatever the order of the fields of its type: that
/// order is the same in every build (serde_json keeps insertion order only with its
/// `preserve_order` feature, which any crate of a build may turn on).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// `form`. Exploded (the default), an array is one pair per item (`ids=1&ids=2`) and an
    /// object one pair per property (`a=1&b=2`, a property's array one pair per item);
    /// otherwise each is one pair, joined by commas (`ids=1,2`, `filter=a,1,b,2`).
    #[cfg(feature = "style-form")]
    Form { explode: bool },
    /// `spaceDelimited`: one pair, joined by spaces (`ids=1 2`).
    #[cfg(feature = "style-space")]
    SpaceDelimited,
    /// `pipeDelimited`: one pair, joined by pipes (`ids=1|2`).
    #[cfg(feature = "style-pipe")]
    PipeDelimited,
    /// `deepObject`: a pair per scalar, named by its path in brackets, array items by their
    /// index (`filter[a]=1`, `filter[tags][0]=x`, `items[0][price]=p`), as Node's `qs` and
    /// Stripe's clients write them.
    #[cfg(feature = "style-deep")]
    DeepObject,
}

/// The pairs `value`, the value of `name`, is written as in `style`. A value that the style
/// cannot write as text (an array or object inside an array, or inside an object in any
/// style but `deepObject`) is written as its JSON text.
pub fn pairs(name: &str, style: Style, value: &Value) -> Vec<(String, String)> {
    let mut out = Vec::new();
    match style {
        #[cfg(feature = "style-deep")]
        Style::DeepObject => deep(name.to_owned(), value, &mut out),
        #[cfg(feature = "style-form")]
        Style::Form { explode: true } => match value {
            Value::Object(map) => sorted(map).for_each(|(k, v)| exploded(k, v, &mut out)),
            _ => exploded(name, value, &mut out),
        },
        #[cfg(feature = "style-form")]
        Style::Form { explode: false } => joined(name, ",", value, &mut out),
        #[cfg(feature = "style-space")]
        Style::SpaceDelimited => joined(name, " ", value, &mut out),
        #[cfg(feature = "style-pipe")]
        Style::PipeDelimited => joined(name, "|", value, &mut out),
    }
    out
}

/// `deepObject`: every scalar under its bracketed path.
#[cfg(feature = "style-deep")]
fn deep(name: String, value: &Value, out: &mut Vec<(String, String)>) {
    match value {
        Value::Object(map) => sorted(map).for_each(|(k, v)| deep(format!("{name}[{k}]"), v, out)),
        Value::Array(items) => {
            (items.iter().enumerate()).for_each(|(i, v)| deep(format!("{name}[{i}]"), v, out))
        }
        _ => out.extend(text(value).map(|text| (name, text))),
    }
}

/// One pair per item of an array, else one pair.
#[cfg(feature = "style-form")]
fn exploded(name: &str, value: &Value, out: &mut Vec<(String, String)>) {
    let items = match value {
        Value::Array(items) => items.as_slice(),
        value => std::slice::from_ref(value),
    };
    out.extend(items.iter().filter_map(text).map(|t| (name.to_owned(), t)));
}

/// One pair: an array's items, or an object's names and values, joined by `separator`. An
/// empty array or object is left out, as RFC 6570 (which these styles follow) leaves out an
/// empty list.
#[cfg(feature = "style-joined")]
fn joined(name: &str, separator: &str, value: &Value, out: &mut Vec<(String, String)>) {
    let parts: Vec<String> = match value {
        Value::Array(items) => items.iter().filter_map(text).collect(),
        Value::Object(map) => sorted(map)
            .filter_map(|(k, v)| Some([k.clone(), text(v)?]))
            .flatten()
            .collect(),
        value => text(value).into_iter().collect(),
    };
    if !parts.is_empty() {
        out.push((name.to_owned(), parts.join(separator)));
    }
}

/// An object's properties in the order of their names.
fn sorted(map: &serde_json::Map<String, Value>) -> impl Iterator<Item = (&String, &Value)> {
    let mut entries: Vec<_> = map.iter().collect();
    entries.sort_unstable_by_key(|(k, _)| *k);
    entries.into_iter()
}

/// A value as text: a string as it is, a number as Rust prints it (a whole `f64` without
/// `.0`, as a parameter's `Display` writes it), an array or object as JSON; `None` for `null`.
fn text(value: &Value) -> Option<String> {
    Some(match value {
        Value::Null => return None,
        Value::String(s) => s.clone(),
        Value::Number(n) => match n.as_f64() {
            Some(f) if n.is_f64() => f.to_string(),
            _ => n.to_string(),
        },
        Value::Bool(b) => b.to_string(),
        Value::Array(_) | Value::Object(_) => value.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::{pairs, Style};

    /// The pairs as `a=1&b=2`, unencoded, to read them at a glance.
    fn written(name: &str, style: Style, value: serde_json::Value) -> String {
        let pairs = pairs(name, style, &value);
        let pairs: Vec<String> = pairs.iter().map(|(k, v)| format!("{k}={v}")).collect();
        pairs.join("&")
    }

    #[test]
    fn each_style_writes_scalars_arrays_and_objects_as_openapi_says() {
        let (array, object) = (json!([1, 2.5, "x"]), json!({"b": 2, "a": "x y"}));
        let form = Style::Form { explode: true };
        let comma = Style::Form { explode: false };
        let cases = [
            (form, json!(3), "v=3"),
            (form, array.clone(), "v=1&v=2.5&v=x"),
            (form, object.clone(), "a=x y&b=2"),
            (comma, json!("s"), "v=s"),
            (comma, array.clone(), "v=1,2.5,x"),
            (comma, object.clone(), "v=a,x y,b,2"),
            (Style::SpaceDelimited, array.clone(), "v=1 2.5 x"),
            (Style::SpaceDelimited, object.clone(), "v=a x y b 2"),
            (Style::PipeDelimited, array.clone(), "v=1|2.5|x"),
            (Style::PipeDelimited, object.clone(), "v=a|x y|b|2"),
            (Style::DeepObject, object, "v[a]=x y&v[b]=2"),
            (Style::DeepObject, array, "v[0]=1&v[1]=2.5&v[2]=x"),
            (Style::DeepObject, json!(true), "v=true"),
        ];
        for (style, value, expected) in cases {
            assert_eq!(
                written("v", style, value.clone()),
                expected,
                "{style:?} {value}"
            );
        }
    }

    #[test]
    fn deep_objects_nest_by_brackets_and_index_arrays() {
        let value = json!({
            "address": {"city": "Paris", "lines": ["1 rue", "2e étage"]},
            "items": [{"price": "p_1", "quantity": 2}, {"price": "p_2"}],
            "empty": {},
        });
        let expected = "f[address][city]=Paris&f[address][lines][0]=1 rue\
                        &f[address][lines][1]=2e étage&f[items][0][price]=p_1\
                        &f[items][0][quantity]=2&f[items][1][price]=p_2";
        assert_eq!(written("f", Style::DeepObject, value), expected);
    }

    #[test]
    fn null_is_left_out_and_what_a_style_cannot_nest_is_json() {
        let form = Style::Form { explode: true };
        let value = json!({"a": null, "b": [1, null], "c": {"d": 1}});
        assert_eq!(written("v", form, value.clone()), r#"b=1&c={"d":1}"#);
        let comma = Style::Form { explode: false };
        assert_eq!(
            written("v", comma, value.clone()),
            r#"v=b,[1,null],c,{"d":1}"#
        );
        assert_eq!(
            written("v", Style::DeepObject, value),
            "v[b][0]=1&v[c][d]=1"
        );
        assert_eq!(written("v", comma, json!(null)), "");
        assert_eq!(written("v", comma, json!([[1, 2], null])), "v=[1,2]");
        assert_eq!(written("v", Style::PipeDelimited, json!([])), "");
        // A whole `f64` is written as the parameter's `Display` writes it.
        assert_eq!(
            written("v", form, json!([1.0, 1e-7, u64::MAX])),
            "v=1&v=0.0000001&v=18446744073709551615"
        );
    }
}
