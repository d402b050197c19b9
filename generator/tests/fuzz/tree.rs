//! Finding nodes of a YAML tree and describing them.

use fastrand::Rng;
use serde_yaml::Value;

/// One step from a node to a child.
#[derive(Debug, Clone)]
pub(crate) enum Step {
    Key(Value),
    Index(usize),
}

/// The paths of the nodes (the root included) for which `want` holds, in document order.
pub(crate) fn find(tree: &Value, want: &dyn Fn(&[Step], &Value) -> bool) -> Vec<Vec<Step>> {
    fn walk(
        node: &Value,
        path: &mut Vec<Step>,
        want: &dyn Fn(&[Step], &Value) -> bool,
        out: &mut Vec<Vec<Step>>,
    ) {
        if want(path, node) {
            out.push(path.clone());
        }
        match node {
            Value::Mapping(map) => {
                for (key, value) in map {
                    path.push(Step::Key(key.clone()));
                    walk(value, path, want, out);
                    path.pop();
                }
            }
            Value::Sequence(items) => {
                for (i, value) in items.iter().enumerate() {
                    path.push(Step::Index(i));
                    walk(value, path, want, out);
                    path.pop();
                }
            }
            Value::Tagged(tagged) => walk(&tagged.value, path, want, out),
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(tree, &mut Vec::new(), want, &mut out);
    out
}

/// The node at a path that [`find`] returned for this tree.
pub(crate) fn node_mut<'a>(tree: &'a mut Value, path: &[Step]) -> &'a mut Value {
    try_node_mut(tree, path).expect("a path found in this tree")
}

/// The node at a path, if the tree still has one there.
pub(crate) fn try_node_mut<'a>(tree: &'a mut Value, path: &[Step]) -> Option<&'a mut Value> {
    path.iter().try_fold(tree, |node, step| {
        let node = match node {
            Value::Tagged(tagged) => &mut tagged.value,
            node => node,
        };
        match step {
            Step::Key(key) => node.get_mut(key),
            Step::Index(i) => node.get_mut(i),
        }
    })
}

/// A random element of a non-empty slice, or `None`.
pub(crate) fn pick<'a, T>(rng: &mut Rng, items: &'a [T]) -> Option<&'a T> {
    (!items.is_empty()).then(|| &items[rng.usize(..items.len())])
}

/// A node's JSON pointer, for descriptions.
pub(crate) fn pointer(path: &[Step]) -> String {
    let mut out = "#".to_owned();
    for step in path {
        let token = match step {
            Step::Key(key) => text(key),
            Step::Index(i) => i.to_string(),
        };
        out.push_str(&child("", &token));
    }
    out
}

/// A pointer with one more reference token, escaped as RFC 6901 requires.
pub(crate) fn child(pointer: &str, token: &str) -> String {
    format!("{pointer}/{}", token.replace('~', "~0").replace('/', "~1"))
}

/// A scalar's text, or any value in compact form, for descriptions.
pub(crate) fn text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => serde_json::to_string(other)
            .unwrap_or_else(|_| serde_yaml::to_string(other).unwrap_or_default()),
    }
}

/// The last step's key, if it is a string.
pub(crate) fn last_key(path: &[Step]) -> Option<&str> {
    match path.last() {
        Some(Step::Key(Value::String(key))) => Some(key),
        _ => None,
    }
}

/// Whether the step at `index` is the string key `wanted`.
pub(crate) fn key_is(path: &[Step], index: usize, wanted: &str) -> bool {
    matches!(path.get(index), Some(Step::Key(Value::String(key))) if key == wanted)
}

const METHODS: &[&str] = &[
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// Whether a node is an operation: `#/paths/{path}/{method}`.
pub(crate) fn is_operation(path: &[Step], node: &Value) -> bool {
    path.len() == 3
        && key_is(path, 0, "paths")
        && last_key(path).is_some_and(|m| METHODS.contains(&m))
        && node.is_mapping()
}

/// Whether a node looks like a schema: a typed, composed or referring mapping.
pub(crate) fn is_schema(node: &Value) -> bool {
    let Some(map) = node.as_mapping() else {
        return false;
    };
    map.get("type").is_some_and(Value::is_string)
        || map
            .get("$ref")
            .and_then(Value::as_str)
            .is_some_and(|r| r.starts_with("#/components/schemas/"))
        || ["properties", "allOf", "oneOf", "anyOf", "items"]
            .iter()
            .any(|k| map.contains_key(*k))
}

/// Whether a node is a `$ref` (of any kind of component).
pub(crate) fn is_ref(node: &Value) -> bool {
    node.get("$ref").is_some_and(Value::is_string)
}

/// The names of the component schemas.
pub(crate) fn component_schemas(tree: &Value) -> Vec<String> {
    tree.get("components")
        .and_then(|c| c.get("schemas"))
        .and_then(Value::as_mapping)
        .map(|schemas| {
            schemas
                .keys()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default()
}

/// The pointers of every component of every section (schemas, responses, parameters, …).
pub(crate) fn component_pointers(tree: &Value) -> Vec<String> {
    let Some(components) = tree.get("components").and_then(Value::as_mapping) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (section, entries) in components {
        let (Some(section), Some(entries)) = (section.as_str(), entries.as_mapping()) else {
            continue;
        };
        for name in entries.keys().filter_map(Value::as_str) {
            out.push(format!("#/components/{section}/{name}"));
        }
    }
    out
}

/// A random element of a non-empty list of this test's own choices.
pub(crate) fn one_of<T: Clone>(rng: &mut Rng, items: &[T]) -> T {
    pick(rng, items).expect("a non-empty list").clone()
}

/// A value written as YAML in this test.
pub(crate) fn yaml(text: &str) -> Value {
    serde_yaml::from_str(text).expect("a YAML literal of this test")
}

/// A value written as YAML in this test, with each string `TARGET` replaced by `target`
/// (which may hold anything a document's names hold, quotes included).
pub(crate) fn yaml_to(text: &str, target: &str) -> Value {
    fn replace(value: &mut Value, target: &str) {
        match value {
            Value::String(s) if s == "TARGET" => *s = target.to_owned(),
            Value::Mapping(map) => map.values_mut().for_each(|v| replace(v, target)),
            Value::Sequence(items) => items.iter_mut().for_each(|v| replace(v, target)),
            _ => {}
        }
    }
    let mut value = yaml(text);
    replace(&mut value, target);
    value
}
