//! Overlays: documents in the OpenAPI Overlay Specification 1.0 that change an API
//! description before it is read, so that a maintainer can keep an upstream document as it
//! is published and keep their changes beside it.
//!
//! An overlay's actions apply in order. Each selects nodes of the document with its
//! `target`, an RFC 9535 JSONPath (evaluated by the `serde_json_path` crate), then either
//! removes them (`remove: true`) or merges its `update` into each of them:
//!
//! - into an object, an object: each property of the update is added after the object's
//!   own, or, if the object has it already, merged: two objects merge the same way, two
//!   arrays are concatenated, and any other value replaces the object's;
//! - into an array, an array is concatenated and any other value appended as one item;
//! - anything else is an error: the specification says targets select objects or arrays.
//!
//! Stricter than the specification (as `speakeasy overlay apply --strict` is), a target
//! that matches nothing is an error: an overlay that no longer fits its document must be
//! noticed, not silently skipped. So is an action with neither `update` nor `remove`. Every
//! error names the overlay file and, for an action, its index and target.

use serde::Deserialize;
use serde_json::{Map, Value};
use serde_json_path::JsonPath;

use crate::error::{Error, Result, path_pointer, pointer};
use crate::load::Source;

/// An overlay document. Fields the specification does not define are collected in
/// `extensions`, and only `x-` names are allowed there.
#[derive(Debug, Deserialize)]
struct Overlay {
    overlay: String,
    info: Info,
    /// The document the overlay was written for; informative, so not checked.
    #[serde(rename = "extends", default)]
    _extends: Option<String>,
    actions: Vec<Action>,
    #[serde(flatten)]
    extensions: Map<String, Value>,
}

/// The overlay's `info`; required, and read only to validate it.
#[derive(Debug, Deserialize)]
struct Info {
    #[serde(rename = "title")]
    _title: String,
    #[serde(rename = "version")]
    _version: String,
    #[serde(flatten)]
    extensions: Map<String, Value>,
}

/// One action of an overlay.
#[derive(Debug, Deserialize)]
struct Action {
    target: String,
    #[serde(rename = "description", default)]
    _description: Option<String>,
    #[serde(default)]
    update: Option<Value>,
    #[serde(default)]
    remove: bool,
    #[serde(flatten)]
    extensions: Map<String, Value>,
}

/// Applies the overlay's actions, in order, to the document.
pub fn apply(document: &mut Value, overlay: &Source) -> Result<()> {
    let parsed = parse(overlay)?;
    for (index, action) in parsed.actions.iter().enumerate() {
        apply_action(document, action).map_err(|reason| Error::OverlayAction {
            file: overlay.name.to_owned(),
            action: index,
            target: action.target.clone(),
            reason,
        })?;
    }
    Ok(())
}

/// Reads and validates an overlay document.
fn parse(source: &Source) -> Result<Overlay> {
    let invalid = |reason: String| Error::Overlay {
        file: source.name.to_owned(),
        reason,
    };
    let value = crate::load::value(source).map_err(|e| match e {
        Error::Document { reason, .. } => invalid(reason),
        other => other,
    })?;
    let overlay: Overlay = serde_path_to_error::deserialize(value)
        .map_err(|e| invalid(format!("{}: {}", path_pointer(e.path()), e.inner())))?;
    if !overlay.overlay.starts_with("1.0.") {
        return Err(invalid(format!(
            "#/overlay: version {} is not supported; only 1.0.x is",
            overlay.overlay
        )));
    }
    if overlay.actions.is_empty() {
        return Err(invalid(
            "#/actions: an overlay needs at least one action".into(),
        ));
    }
    check_extensions(&overlay.extensions, "#").map_err(invalid)?;
    check_extensions(&overlay.info.extensions, "#/info").map_err(invalid)?;
    for (index, action) in overlay.actions.iter().enumerate() {
        check_extensions(&action.extensions, &format!("#/actions/{index}")).map_err(invalid)?;
    }
    Ok(overlay)
}

/// Refuses a field of the object at `at` that neither the specification defines nor is an
/// extension (`x-…`).
fn check_extensions(extensions: &Map<String, Value>, at: &str) -> Result<(), String> {
    match extensions.keys().find(|key| !key.starts_with("x-")) {
        Some(key) => Err(format!(
            "{at}: unknown field `{key}` (only the specification's fields and `x-` extensions are allowed)"
        )),
        None => Ok(()),
    }
}

/// Applies one action; the error is the reason only, which the caller locates.
fn apply_action(document: &mut Value, action: &Action) -> Result<(), String> {
    let path = JsonPath::parse(&action.target)
        .map_err(|e| format!("the target is not an RFC 9535 JSONPath: {e}"))?;
    let nodes = matches(&path, document);
    if nodes.is_empty() {
        return Err("the target matches nothing".into());
    }
    match (&action.update, action.remove) {
        // The specification: `update` has no effect when `remove` is true.
        (_, true) => remove_all(document, nodes),
        (Some(update), false) => nodes
            .iter()
            .try_for_each(|steps| update_one(document, steps, update)),
        (None, false) => Err("the action has neither `update` nor `remove: true`".into()),
    }
}

/// One step from a node to a child: a property name or an array index.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Step {
    Index(usize),
    Key(String),
}

/// The locations of the nodes the path selects, each once, in the order RFC 9535 gives.
fn matches(path: &JsonPath, document: &Value) -> Vec<Vec<Step>> {
    let mut found: Vec<Vec<Step>> = Vec::new();
    for location in path.query_located(document).locations() {
        let steps = location
            .iter()
            .map(|element| match element.as_index() {
                Some(index) => Step::Index(index),
                None => Step::Key(element.as_name().unwrap_or_default().to_owned()),
            })
            .collect();
        if !found.contains(&steps) {
            found.push(steps);
        }
    }
    found
}

/// The JSON pointer of a location, for messages.
fn to_pointer(steps: &[Step]) -> String {
    steps.iter().fold("#".to_owned(), |at, step| match step {
        Step::Index(index) => pointer(&at, &index.to_string()),
        Step::Key(key) => pointer(&at, key),
    })
}

/// The node at a location; `None` when an earlier change of the same action removed or
/// replaced it.
fn node_mut<'a>(document: &'a mut Value, steps: &[Step]) -> Option<&'a mut Value> {
    steps.iter().try_fold(document, |node, step| match step {
        Step::Index(index) => node.get_mut(*index),
        Step::Key(key) => node.get_mut(key.as_str()),
    })
}

/// Removes every selected node from its parent. Locations are taken in descending order, so
/// that a node goes before its ancestor and a later array item before an earlier one, and
/// every index stays valid.
fn remove_all(document: &mut Value, mut nodes: Vec<Vec<Step>>) -> Result<(), String> {
    nodes.sort_unstable_by(|a, b| b.cmp(a));
    for steps in &nodes {
        let Some((last, parent)) = steps.split_last() else {
            return Err("the target selects the document itself, which cannot be removed".into());
        };
        let removed = match (node_mut(document, parent), last) {
            (Some(Value::Object(map)), Step::Key(key)) => map.shift_remove(key).is_some(),
            (Some(Value::Array(items)), Step::Index(index)) if *index < items.len() => {
                items.remove(*index);
                true
            }
            _ => false,
        };
        if !removed {
            return Err(format!(
                "{} vanished before it was removed",
                to_pointer(steps)
            ));
        }
    }
    Ok(())
}

/// Merges the update into the node at one location.
fn update_one(document: &mut Value, steps: &[Step], update: &Value) -> Result<(), String> {
    let at = || to_pointer(steps);
    let node = node_mut(document, steps)
        .ok_or_else(|| format!("{} vanished before it was updated", at()))?;
    match (node, update) {
        (Value::Object(object), Value::Object(update)) => merge_object(object, update),
        (Value::Array(items), Value::Array(more)) => items.extend(more.iter().cloned()),
        (Value::Array(items), item) => items.push(item.clone()),
        (Value::Object(_), update) => {
            return Err(format!(
                "{} is an object, which only an object can update, not {}",
                at(),
                kind(update)
            ));
        }
        (node, _) => {
            return Err(format!(
                "{} is {}; `update` needs an object or an array",
                at(),
                kind(node)
            ));
        }
    }
    Ok(())
}

/// Merges an object into another: new properties are added in the update's order, objects
/// merge recursively, arrays are concatenated, and any other value replaces the old one.
fn merge_object(object: &mut Map<String, Value>, update: &Map<String, Value>) {
    for (key, new) in update {
        match (object.get_mut(key), new) {
            (Some(Value::Object(old)), Value::Object(new)) => merge_object(old, new),
            (Some(Value::Array(old)), Value::Array(new)) => old.extend(new.iter().cloned()),
            (Some(old), new) => *old = new.clone(),
            (None, new) => {
                object.insert(key.clone(), new.clone());
            }
        }
    }
}

/// What kind of JSON value this is, with its article, for messages.
fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests;
