//! Mutations of names: operationIds, properties, components, tags, parameters and enum
//! values that collide or are no Rust identifier.

use fastrand::Rng;
use serde_yaml::Value;

use crate::tree::{
    Step, child, find, is_operation, key_is, last_key, node_mut, one_of, pick, pointer, text,
};

/// Gives an operation the operationId of another, or one that collides after snake_case.
pub(crate) fn duplicate_operation_id(rng: &mut Rng, tree: &mut Value) -> Option<String> {
    let operations = find(tree, &is_operation);
    if operations.len() < 2 {
        return None;
    }
    let from = rng.usize(..operations.len());
    let to = (from + rng.usize(1..operations.len())) % operations.len();
    let (from, to) = (&operations[from], &operations[to]);
    let id = node_mut(tree, from)
        .get("operationId")
        .and_then(Value::as_str)
        .unwrap_or("dup")
        .to_owned();
    let copy = match rng.usize(..4) {
        0 => snake(&id),
        1 => camel(&id),
        2 => id.to_uppercase(),
        _ => id.clone(),
    };
    node_mut(tree, from)
        .as_mapping_mut()?
        .insert("operationId".into(), id.clone().into());
    node_mut(tree, to)
        .as_mapping_mut()?
        .insert("operationId".into(), copy.clone().into());
    Some(format!(
        "operationId of {} → `{copy}` (of {}: `{id}`)",
        pointer(to),
        pointer(from)
    ))
}

/// Names that break name mangling: keywords, empties, digits, non-ASCII, punctuation and
/// names of the generated crate's own items.
const ODD_NAMES: &[&str] = &[
    "type", "self", "Self", "crate", "super", "match", "r#", "r#type", "", " ", "1st", "42", "_",
    "__", "-", "!!!", "$", "ü", "名前", "🎉", "a b", "fooBar", "foo_bar", "FooBar", "value",
    "Value", "models", "runtime", "lib", "default", "None", "Option", "String", "Client",
];

/// A name for a renamed node: an odd one, or one that collides with a sibling after casing.
fn new_name(rng: &mut Rng, siblings: &[String]) -> String {
    match pick(rng, siblings) {
        Some(sibling) if rng.bool() => match rng.usize(..3) {
            0 => snake(sibling),
            1 => camel(sibling),
            _ => format!("{sibling}_"),
        },
        _ => one_of(rng, ODD_NAMES).to_owned(),
    }
}

/// Renames a property, a component schema (with its `$ref`s), an operationId, a tag, a
/// parameter or an enum value.
pub(crate) fn rename(rng: &mut Rng, tree: &mut Value) -> Option<String> {
    match rng.usize(..6) {
        0 => {
            let properties = |path: &[Step], node: &Value| {
                last_key(path) == Some("properties") && node.is_mapping()
            };
            rename_key(rng, tree, &properties).map(|(_, _, description)| description)
        }
        1 => rename_component(rng, tree),
        2 => rename_value(rng, tree, "operationId", &is_operation),
        3 => rename_value(rng, tree, "tags", &is_operation),
        4 => rename_value(rng, tree, "name", &|_, node| node.get("in").is_some()),
        _ => rename_value(rng, tree, "enum", &|_, _| true),
    }
}

/// Renames a key of a mapping that `want` selects, keeping the order of keys. Returns the
/// old name, the new one and a description.
fn rename_key(
    rng: &mut Rng,
    tree: &mut Value,
    want: &dyn Fn(&[Step], &Value) -> bool,
) -> Option<(String, String, String)> {
    let paths = find(tree, &|path, node| {
        want(path, node) && node.as_mapping().is_some_and(|m| !m.is_empty())
    });
    let path = pick(rng, &paths)?;
    let map = node_mut(tree, path).as_mapping_mut()?;
    let keys: Vec<String> = map.keys().map(text).collect();
    let index = rng.usize(..keys.len());
    let new = new_name(rng, &keys);
    *map = std::mem::take(map)
        .into_iter()
        .enumerate()
        .map(|(i, (k, v))| {
            if i == index {
                (new.clone().into(), v)
            } else {
                (k, v)
            }
        })
        .collect();
    let old = keys[index].clone();
    let description = format!("rename {} → `{new}`", child(&pointer(path), &old));
    Some((old, new, description))
}

/// Renames a component schema and every `$ref` to it.
fn rename_component(rng: &mut Rng, tree: &mut Value) -> Option<String> {
    let schemas = |path: &[Step], _: &Value| {
        path.len() == 2 && key_is(path, 0, "components") && key_is(path, 1, "schemas")
    };
    let (old, new, description) = rename_key(rng, tree, &schemas)?;
    let (old, new) = (
        format!("#/components/schemas/{old}"),
        format!("#/components/schemas/{new}"),
    );
    for path in find(tree, &|_, node| {
        node.get("$ref").and_then(Value::as_str) == Some(&old)
    }) {
        if let Some(map) = node_mut(tree, &path).as_mapping_mut() {
            map.insert("$ref".into(), new.clone().into());
        }
    }
    Some(format!("{description}, with its $refs"))
}

/// Gives the string `field` of a node that `want` selects (or one string of it, for a
/// list) a new name.
fn rename_value(
    rng: &mut Rng,
    tree: &mut Value,
    field: &str,
    want: &dyn Fn(&[Step], &Value) -> bool,
) -> Option<String> {
    let paths = find(tree, &|path, node| {
        want(path, node)
            && node
                .get(field)
                .is_some_and(|v| v.is_string() || v.is_sequence())
    });
    let path = pick(rng, &paths)?;
    let value = node_mut(tree, path).get_mut(field)?;
    let siblings: Vec<String> = match &*value {
        Value::Sequence(items) => items.iter().map(text).collect(),
        other => vec![text(other)],
    };
    let new = new_name(rng, &siblings);
    let slot = match value {
        Value::Sequence(items) if !items.is_empty() => {
            let index = rng.usize(..items.len());
            &mut items[index]
        }
        Value::Sequence(items) => {
            items.push(Value::Null);
            items.last_mut()?
        }
        other => other,
    };
    let description = format!("{}/{field}: `{}` → `{new}`", pointer(path), text(slot));
    *slot = new.into();
    Some(description)
}

/// `fooBar` → `foo_bar`.
fn snake(name: &str) -> String {
    let mut out = String::new();
    for (i, c) in name.chars().enumerate() {
        if c.is_uppercase() && i > 0 {
            out.push('_');
        }
        out.extend(c.to_lowercase());
    }
    out
}

/// `foo_bar` → `fooBar`.
fn camel(name: &str) -> String {
    let mut out = String::new();
    let mut upper = false;
    for c in name.chars() {
        match c {
            '_' => upper = true,
            c if upper => {
                out.extend(c.to_uppercase());
                upper = false;
            }
            c => out.push(c),
        }
    }
    out
}
