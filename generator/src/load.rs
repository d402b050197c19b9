//! Loading: text (YAML or JSON) becomes an `openapiv3` document, or a located error,
//! after the [`overlay`](crate::overlay)s, if any, are applied to it. An OpenAPI 3.1
//! document is first rewritten into the 3.0 document that says the same (`load/v31.rs`).

use openapiv3::OpenAPI;
use serde_json::Value;

use crate::error::{Error, Result, path_pointer, pointer};

mod v31;

/// A document's text and the name that messages and generated headers give it (keep it
/// relative, so that output does not depend on the machine).
#[derive(Debug, Clone, Copy)]
pub struct Source<'a> {
    /// How messages and generated headers name the file, e.g. `spec/openapi.yaml`.
    pub name: &'a str,
    /// The file's text, YAML or JSON.
    pub text: &'a str,
}

/// Parses an OpenAPI 3.0 or 3.1 document. `file` names it in messages.
///
/// A valid 3.0 document is read straight into `openapiv3`'s types; a document that fails,
/// and any 3.1 document, is read again through a value, to rewrite 3.1 into 3.0 or to say
/// where and why it is invalid.
pub fn load(text: &str, file: &str) -> Result<OpenAPI> {
    let document = match is_json(text) {
        true => serde_json::from_str::<OpenAPI>(text).ok(),
        false => serde_yaml::from_str::<OpenAPI>(text).ok(),
    };
    match document {
        Some(document) if document.openapi.starts_with("3.0.") => Ok(document),
        _ => from_value(value(&Source { name: file, text })?, file),
    }
}

/// Whether a document is JSON: its first character, after any byte-order mark and white
/// space, opens an object. JSON is read by the JSON parser, at its speed and with every escape
/// JSON has (the YAML parser refuses a UTF-16 surrogate pair such as `\ud83d\ude00`).
fn is_json(text: &str) -> bool {
    text.trim_start_matches('\u{feff}')
        .trim_start()
        .starts_with('{')
}

/// Parses an OpenAPI 3.0 or 3.1 document and applies the overlays to it, in order; without
/// overlays, this is [`load`].
///
/// With overlays, the document is read into a JSON value, each overlay changes it, and the
/// result is read into `openapiv3`'s types; an error then names a node of the document as
/// the overlays left it.
pub fn load_with_overlays(spec: &Source, overlays: &[Source]) -> Result<OpenAPI> {
    if overlays.is_empty() {
        return load(spec.text, spec.name);
    }
    let mut document = value(spec)?;
    check_version(&document, spec.name)?;
    for overlay in overlays {
        crate::overlay::apply(&mut document, overlay)?;
    }
    from_value(document, spec.name)
}

/// The text read as a JSON value, or the error that says where it is not YAML or JSON, or
/// has a key JSON cannot hold.
pub(crate) fn value(source: &Source) -> Result<Value> {
    if is_json(source.text) {
        let text = source.text.trim_start_matches('\u{feff}');
        match serde_json::from_str::<Value>(text) {
            Ok(value) => return Ok(value),
            // A YAML flow mapping starts with `{` too: it is YAML if YAML reads it.
            Err(error) if yaml(source).is_err() => {
                return Err(Error::Syntax {
                    file: source.name.to_owned(),
                    line: error.line(),
                    column: error.column(),
                    reason: error.to_string(),
                });
            }
            Err(_) => {}
        }
    }
    to_json(&yaml(source)?).map_err(|reason| Error::Document {
        file: source.name.to_owned(),
        reason,
    })
}

/// The text read as YAML (JSON is YAML too), or the syntax error with its line and column.
///
/// An integer literal beyond 64 bits (OpenAI's document bounds a seed by
/// `-9223372036854776000`, i64's minimum as JavaScript prints it) is read as the
/// floating-point number closest to it, as the JSON parser reads one: `serde_yaml` refuses it,
/// so the literal is made a float (`….0`) where the error points, and the text read again.
pub(crate) fn yaml(source: &Source) -> Result<serde_yaml::Value> {
    let mut text = std::borrow::Cow::Borrowed(source.text);
    loop {
        let error = match serde_yaml::from_str(&text) {
            Ok(value) => return Ok(value),
            Err(error) => error,
        };
        let floated = (error.location())
            .filter(|_| beyond_64_bits(&error.to_string()))
            .and_then(|at| as_float(&text, at.index()));
        match floated {
            Some(floated) => text = std::borrow::Cow::Owned(floated),
            None => {
                let (line, column) = error.location().map_or((0, 0), |l| (l.line(), l.column()));
                return Err(Error::Syntax {
                    file: source.name.to_owned(),
                    line,
                    column,
                    reason: error.to_string(),
                });
            }
        }
    }
}

/// Whether `serde_yaml` refused an integer literal beyond 64 bits (it calls it an invalid
/// type).
fn beyond_64_bits(message: &str) -> bool {
    message
        .split_once(": invalid type: integer `")
        .is_some_and(|(_, rest)| {
            rest.split_once('`').is_some_and(|(_, rest)| {
                rest.starts_with(" as u128") || rest.starts_with(" as i128")
            })
        })
}

/// `text` with the integer literal at byte `at` made a float literal, or `None` if there is
/// none there.
fn as_float(text: &str, at: usize) -> Option<String> {
    let rest = text.get(at..)?;
    let sign = usize::from(rest.starts_with(['-', '+']));
    let digits = rest[sign..].bytes().take_while(u8::is_ascii_digit).count();
    (digits > 0).then(|| {
        format!(
            "{}.0{}",
            &text[..at + sign + digits],
            &text[at + sign + digits..]
        )
    })
}

/// A YAML value as a JSON value, keeping the order of every mapping. Keys that are numbers
/// or booleans, such as the status code in `200:`, become strings (`"200"`), as they are in
/// JSON; any other key is an error that names its mapping's JSON pointer.
pub(crate) fn to_json(yaml: &serde_yaml::Value) -> Result<Value, String> {
    serde_json::to_value(yaml).map_err(|e| match bad_key(yaml, "#") {
        Some(at) => format!("{at}: a key is not a string, a number or a boolean"),
        None => e.to_string(),
    })
}

/// The JSON pointer of the first mapping with a key that JSON cannot hold, if any.
fn bad_key(yaml: &serde_yaml::Value, at: &str) -> Option<String> {
    use serde_yaml::Value as Yaml;
    match yaml {
        Yaml::Sequence(items) => items
            .iter()
            .enumerate()
            .find_map(|(i, item)| bad_key(item, &pointer(at, &i.to_string()))),
        Yaml::Mapping(mapping) => mapping.iter().find_map(|(key, value)| match key {
            Yaml::String(key) => bad_key(value, &pointer(at, key)),
            Yaml::Number(key) if key.as_f64().is_some_and(f64::is_finite) => {
                bad_key(value, &pointer(at, &key.to_string()))
            }
            Yaml::Bool(key) => bad_key(value, &pointer(at, &key.to_string())),
            _ => Some(at.to_owned()),
        }),
        Yaml::Tagged(tagged) => bad_key(&tagged.value, at),
        _ => None,
    }
}

/// The document read from a value (a 3.1 one rewritten into 3.0 first), or the located
/// error that makes it invalid.
fn from_value(mut value: Value, file: &str) -> Result<OpenAPI> {
    check_version(&value, file)?;
    if v31::is_31(&value) {
        v31::normalise(&mut value)?;
    }
    // A 3.0 document of webhooks only (Clerk's, under `x-webhooks`) has no `paths`, which 3.0
    // requires and 3.1 does not: it is read as an empty map, as in 3.1.
    if let Value::Object(root) = &mut value
        && root.contains_key("x-webhooks")
    {
        root.entry("paths").or_insert_with(|| serde_json::json!({}));
    }
    serde_path_to_error::deserialize(value)
        .map_err(|e| Error::at(&path_pointer(e.path()), e.into_inner().to_string()))
}

/// Refuses anything but OpenAPI 3.0.x and 3.1.x, naming what the document is instead.
fn check_version(value: &Value, file: &str) -> Result<()> {
    let document = |reason: String| Error::Document {
        file: file.to_owned(),
        reason,
    };
    let version = match (value.get("openapi"), value.get("swagger")) {
        (Some(Value::String(version)), _) => version,
        (_, Some(_)) => {
            return Err(document(
                "Swagger 2.0 is not supported; convert it to OpenAPI 3.0".into(),
            ));
        }
        _ => {
            return Err(document(
                "the `openapi` field is missing or not a string".into(),
            ));
        }
    };
    if !version.starts_with("3.0.") && !version.starts_with("3.1.") {
        return Err(document(format!(
            "version {version} is not supported; only OpenAPI 3.0.x and 3.1.x are"
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests;
