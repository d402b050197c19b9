//! Values written as `name=value` pairs by an OpenAPI `style`: the query parameters that are
//! objects, maps, arrays of objects or lists joined into one value, and the object fields of
//! `application/x-www-form-urlencoded` bodies. A value is turned into JSON first (through
//! serde, so that a model's renamed fields are written by their wire names and its unset
//! fields are left out), then written as its style says.

use std::borrow::Cow;

use serde_json::Value;

use super::{Request, SdkError};

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
    Form { explode: bool },
    /// `spaceDelimited`: one pair, joined by spaces (`ids=1 2`).
    SpaceDelimited,
    /// `pipeDelimited`: one pair, joined by pipes (`ids=1|2`).
    PipeDelimited,
    /// `deepObject`: a pair per scalar, named by its path in brackets, array items by their
    /// index (`filter[a]=1`, `filter[tags][0]=x`, `items[0][price]=p`), as Node's `qs` and
    /// Stripe's clients write them.
    DeepObject,
}

/// The pairs `value`, the value of `name`, is written as in `style`. A value that the style
/// cannot write as text (an array or object inside an array, or inside an object in any
/// style but `deepObject`) is written as its JSON text.
pub fn pairs(name: &str, style: Style, value: &Value) -> Vec<(String, String)> {
    let mut out = Vec::new();
    match style {
        Style::DeepObject => deep(name.to_owned(), value, &mut out),
        Style::Form { explode: true } => match value {
            Value::Object(map) => sorted(map).for_each(|(k, v)| exploded(k, v, &mut out)),
            _ => exploded(name, value, &mut out),
        },
        Style::Form { explode: false } => joined(name, ",", value, &mut out),
        Style::SpaceDelimited => joined(name, " ", value, &mut out),
        Style::PipeDelimited => joined(name, "|", value, &mut out),
    }
    out
}

/// `deepObject`: every scalar under its bracketed path.
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

impl Request {
    /// Adds the query pairs of a value written in `style`, if there is one: `Some(&value)` for
    /// a required value, `option.as_ref()` for an optional one. An object, a map, an array
    /// (whole, not item by item) or any value that serializes.
    pub fn styled_query<T: serde::Serialize, E>(
        mut self,
        name: &'static str,
        style: Style,
        value: Option<&T>,
    ) -> Result<Self, SdkError<E>> {
        if let Some(value) = value {
            self.query.extend(styled(name, style, value)?);
        }
        Ok(self)
    }

    /// Adds the fields of a value written in `style` to the `application/x-www-form-urlencoded`
    /// body, if there is one (see [`styled_query`](Self::styled_query)): an object field is
    /// written as a `deepObject` (`address[city]=Paris`).
    pub fn styled_form<T: serde::Serialize, E>(
        self,
        name: &'static str,
        style: Style,
        value: Option<&T>,
    ) -> Result<Self, SdkError<E>> {
        Ok(match value {
            Some(value) => self.form_pairs(styled(name, style, value)?),
            None => self,
        })
    }
}

/// The pairs of `value` written in `style`, through its JSON.
fn styled<T: serde::Serialize, E>(
    name: &'static str,
    style: Style,
    value: &T,
) -> Result<impl Iterator<Item = (Cow<'static, str>, String)>, SdkError<E>> {
    let value = serde_json::to_value(value)
        .map_err(|e| SdkError::Config(format!("`{name}` cannot be serialized: {e}")))?;
    let pairs = pairs(name, style, &value);
    Ok(pairs.into_iter().map(|(k, v)| (Cow::Owned(k), v)))
}

#[cfg(test)]
mod tests;
