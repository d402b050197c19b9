//! The OpenAPI document: the copy Prism is given, and the operations, statuses and examples
//! the tests check answers against.

use std::path::{Path, PathBuf};

use serde_json::Value;

/// The workspace's OpenAPI document, `spec/openapi.yaml`.
pub fn spec_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec/openapi.yaml")
}

/// The OpenAPI document as JSON.
pub fn load_spec() -> Value {
    let path = spec_path();
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    serde_yaml::from_str(&text)
        .unwrap_or_else(|e| panic!("{} is not a YAML document: {e}", path.display()))
}

/// The document the SDK was generated from: `spec/openapi.yaml` with the overlays that
/// `spec/sdk.toml` lists (`spec/overlay.yaml`), which say what the live API sends where the
/// document is vaguer (integer times and counts).
pub fn sdk_spec() -> Value {
    let mut spec = load_spec();
    let dir = spec_path()
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default();
    let read = |path: &Path| {
        std::fs::read_to_string(path)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
    };
    let config = generator::Config::from_toml(&read(&dir.join("sdk.toml")))
        .unwrap_or_else(|e| panic!("spec/sdk.toml: {e}"));
    for name in &config.overlays {
        let text = read(&dir.join(name));
        let overlay = generator::Source { name, text: &text };
        generator::overlay::apply(&mut spec, &overlay).unwrap_or_else(|e| panic!("{e}"));
    }
    spec
}

/// The document as Prism is given it, with [`drop_typeless_nullable`] applied; the files in
/// `spec/` are not changed.
///
/// With `overlays: false` it is `spec/openapi.yaml` itself, the API as the server behaves:
/// requests are checked against it. With `overlays: true` it is [`sdk_spec`], for answers
/// generated from the schemas: the document alone allows a time of `16033594.02`, which
/// the live API never sends and the SDK, told by the overlay that times are integers,
/// refuses to decode.
pub fn prism_spec(overlays: bool) -> Value {
    let mut spec = if overlays { sdk_spec() } else { load_spec() };
    drop_typeless_nullable(&mut spec);
    spec
}

/// Removes `nullable: true` from every schema that has no `type`, and returns the JSON
/// pointers of the schemas it changed.
///
/// Prism's validator throws on such a schema (the document's `claims`), and Prism then
/// silently treats the whole body as valid: no request would ever be reported. The rewrite
/// allows exactly what the document allows: OpenAPI 3.0.3 gives `nullable` a meaning only
/// beside `type`, and a schema without `type` already admits every JSON value, `null`
/// included. Examples, defaults and enums are data, not schemas, and are left alone.
pub fn drop_typeless_nullable(document: &mut Value) -> Vec<String> {
    let mut rewritten = Vec::new();
    rewrite(document, String::new(), false, &mut rewritten);
    rewritten
}

/// Keywords whose values are data rather than schemas.
const DATA_KEYWORDS: [&str; 4] = ["example", "examples", "default", "enum"];

/// One step of [`drop_typeless_nullable`]. `names` is true for the value of a `properties`
/// keyword, whose keys are property names rather than keywords.
fn rewrite(node: &mut Value, pointer: String, names: bool, rewritten: &mut Vec<String>) {
    match node {
        Value::Object(map) => {
            if !names
                && map.get("nullable") == Some(&Value::Bool(true))
                && !map.contains_key("type")
            {
                map.remove("nullable");
                rewritten.push(pointer.clone());
            }
            for (key, child) in map.iter_mut() {
                if !names && DATA_KEYWORDS.contains(&key.as_str()) {
                    continue;
                }
                let escaped = key.replace('~', "~0").replace('/', "~1");
                let properties = !names && key == "properties";
                rewrite(child, format!("{pointer}/{escaped}"), properties, rewritten);
            }
        }
        Value::Array(items) => {
            for (index, item) in items.iter_mut().enumerate() {
                rewrite(item, format!("{pointer}/{index}"), false, rewritten);
            }
        }
        _ => {}
    }
}

/// Reading the document's operations, statuses and examples.
#[derive(Debug, Clone)]
pub struct Spec {
    document: Value,
}

impl Spec {
    /// `spec/openapi.yaml`, unchanged.
    pub fn load() -> Spec {
        Spec {
            document: load_spec(),
        }
    }

    /// Every operation as `(operationId, path, method, operation object)`.
    fn operations(&self) -> impl Iterator<Item = (&str, &str, &str, &Value)> {
        let paths = self.document["paths"].as_object().into_iter().flatten();
        paths.flat_map(|(path, item)| {
            let methods = item.as_object().into_iter().flatten();
            methods.filter_map(move |(method, operation)| {
                let id = operation.get("operationId")?.as_str()?;
                Some((id, path.as_str(), method.as_str(), operation))
            })
        })
    }

    /// The `operationId` of every operation, sorted.
    pub fn operation_ids(&self) -> Vec<String> {
        let mut ids: Vec<String> = self.operations().map(|(id, ..)| id.to_owned()).collect();
        ids.sort();
        ids
    }

    /// Every documented status of every operation as `(operationId, status)`, sorted.
    pub fn statuses(&self) -> Vec<(String, u16)> {
        let mut statuses = Vec::new();
        for (id, path, method, operation) in self.operations() {
            let responses = operation["responses"].as_object().into_iter().flatten();
            for (status, _) in responses {
                let code = status.parse().unwrap_or_else(|_| {
                    panic!("{method} {path}: status `{status}` is not a number")
                });
                statuses.push((id.to_owned(), code));
            }
        }
        statuses.sort();
        statuses
    }

    /// The JSON response of `operation_id` for `status`: its media type object.
    fn media(&self, operation_id: &str, status: u16) -> &Value {
        let (_, path, method, operation) = self
            .operations()
            .find(|(id, ..)| *id == operation_id)
            .unwrap_or_else(|| panic!("the spec has no operation `{operation_id}`"));
        operation["responses"][status.to_string()]["content"]
            .get("application/json")
            .unwrap_or_else(|| panic!("{method} {path} documents no JSON {status} response"))
    }

    /// The `example` of the JSON response of `operation_id` for `status`.
    pub fn example(&self, operation_id: &str, status: u16) -> &Value {
        self.media(operation_id, status)
            .get("example")
            .unwrap_or_else(|| panic!("{operation_id} {status}: the spec has no example"))
    }

    /// Compares a decoded response body with the examples of its schema's properties, which
    /// is what Prism builds a response from when the response has no example of its own.
    /// Returns how many examples were compared and every difference.
    pub fn compare_property_examples(
        &self,
        operation_id: &str,
        status: u16,
        body: &Value,
    ) -> (usize, Vec<String>) {
        let schema = &self.media(operation_id, status)["schema"];
        let mut compared = 0;
        let mut differences = Vec::new();
        compare(schema, body, String::new(), &mut compared, &mut differences);
        (compared, differences)
    }
}

/// One step of [`Spec::compare_property_examples`].
fn compare(
    schema: &Value,
    actual: &Value,
    at: String,
    compared: &mut usize,
    differences: &mut Vec<String>,
) {
    if let Some(example) = schema.get("example") {
        *compared += 1;
        if !same_json(example, actual) {
            differences.push(format!("{at}: the example is {example}, decoded {actual}"));
        }
    } else if let Some(properties) = schema.get("properties").and_then(Value::as_object) {
        for (name, property) in properties {
            let value = actual.get(name).unwrap_or(&Value::Null);
            compare(
                property,
                value,
                format!("{at}/{name}"),
                compared,
                differences,
            );
        }
    } else if let Some(items) = schema.get("items") {
        for (index, item) in actual.as_array().into_iter().flatten().enumerate() {
            compare(items, item, format!("{at}/{index}"), compared, differences);
        }
    }
}

/// JSON equality in which numbers compare by value: the SDK holds `number` as `f64`, so
/// `1762732800000` comes back as `1762732800000.0`.
fn same_json(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(a), Value::Number(b)) => a.as_f64() == b.as_f64(),
        (Value::Array(a), Value::Array(b)) => {
            a.len() == b.len() && a.iter().zip(b).all(|(a, b)| same_json(a, b))
        }
        (Value::Object(a), Value::Object(b)) => {
            a.len() == b.len()
                && a.iter()
                    .all(|(k, v)| b.get(k).is_some_and(|w| same_json(v, w)))
        }
        _ => a == b,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn drops_nullable_only_where_there_is_no_type() {
        let mut schema = json!({
            "properties": {
                "claims": { "nullable": true, "description": "any value" },
                "name": { "type": "string", "nullable": true },
                "nullable": { "nullable": true },
                "note": { "type": "object", "example": { "nullable": true } }
            }
        });
        let rewritten = drop_typeless_nullable(&mut schema);
        assert_eq!(rewritten, ["/properties/claims", "/properties/nullable"]);
        assert_eq!(
            schema,
            json!({
                "properties": {
                    "claims": { "description": "any value" },
                    "name": { "type": "string", "nullable": true },
                    "nullable": {},
                    "note": { "type": "object", "example": { "nullable": true } }
                }
            })
        );
    }

    #[test]
    fn the_prism_copy_of_the_spec_differs_only_by_those_nullable_keywords() {
        let original = load_spec();
        let mut copy = original.clone();
        let rewritten = drop_typeless_nullable(&mut copy);
        assert!(
            !rewritten.is_empty(),
            "the spec has typeless nullable schemas"
        );
        let mut expected = original;
        for pointer in &rewritten {
            let schema = expected.pointer_mut(pointer).and_then(Value::as_object_mut);
            let schema = schema.unwrap_or_else(|| panic!("{pointer} is a schema"));
            assert!(!schema.contains_key("type"), "{pointer}");
            assert_eq!(schema.remove("nullable"), Some(json!(true)), "{pointer}");
        }
        assert_eq!(copy, expected);
    }

    #[test]
    fn numbers_compare_by_value() {
        assert!(same_json(
            &json!([1762732800000u64]),
            &json!([1762732800000.0])
        ));
        assert!(!same_json(&json!({ "a": 1 }), &json!({ "a": 1, "b": 2 })));
        assert!(!same_json(&json!("1"), &json!(1)));
    }
}
