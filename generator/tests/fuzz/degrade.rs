//! Mutations towards the constructs the generator degrades rather than refuses (see
//! docs/openapi-support.md): each turns a fitting node into one of them, so that the fuzz test
//! renders them in every document and the compiled sample builds what they become.

use fastrand::Rng;
use serde_yaml::{Mapping, Value};

use crate::tree::{
    Step, find, is_operation, is_ref, is_schema, key_is, node_mut, one_of, pick, pointer, text,
    yaml, yaml_to,
};

/// Makes a schema always `null`, a tuple (`prefixItems`), or an `allOf` of a `$ref` and a part
/// that repeats its type.
pub(crate) fn degraded_schema(rng: &mut Rng, tree: &mut Value) -> Option<String> {
    let paths = find(tree, &|_, node| is_schema(node));
    let path = pick(rng, &paths)?.clone();
    let node = node_mut(tree, &path);
    let inner = node.clone();
    let (what, new) = match rng.usize(..3) {
        0 => ("`type: null`", yaml("{type: 'null'}")),
        1 => {
            let mut tuple = Mapping::new();
            tuple.insert("type".into(), "array".into());
            let items = vec![inner, yaml("{type: integer}")];
            tuple.insert("prefixItems".into(), Value::Sequence(items));
            if rng.bool() {
                tuple.insert("items".into(), false.into());
            }
            ("`prefixItems`", Value::Mapping(tuple))
        }
        _ => {
            let repeated = yaml("{type: string, nullable: true, description: repeated}");
            let mut all_of = Mapping::new();
            all_of.insert("allOf".into(), Value::Sequence(vec![inner, repeated]));
            (
                "an `allOf` with a part that repeats its type",
                Value::Mapping(all_of),
            )
        }
    };
    *node = new;
    Some(format!("{} → {what}", pointer(&path)))
}

/// Describes a parameter by `content` instead of `schema`, or makes a query parameter a list
/// of objects in the `form` style.
pub(crate) fn degraded_parameter(rng: &mut Rng, tree: &mut Value) -> Option<String> {
    let paths = find(tree, &|_, node| {
        node.get("in").is_some() && node.get("schema").is_some()
    });
    let path = pick(rng, &paths)?.clone();
    let param = node_mut(tree, &path).as_mapping_mut()?;
    if rng.bool() {
        let schema = param.remove("schema")?;
        let mut media = Mapping::new();
        media.insert("schema".into(), schema);
        let mut content = Mapping::new();
        content.insert("application/json".into(), Value::Mapping(media));
        param.insert("content".into(), Value::Mapping(content));
        return Some(format!("{}: `schema` → `content`", pointer(&path)));
    }
    param.insert("in".into(), "query".into());
    param.insert("style".into(), "form".into());
    let objects = "{type: array, items: {type: object, properties: {field: {type: string}}}}";
    param.insert("schema".into(), yaml(objects));
    Some(format!(
        "{}: a query list of objects, `form`",
        pointer(&path)
    ))
}

/// A security scheme of an HTTP scheme other than bearer and basic, or a requirement naming
/// a scheme that is not defined.
pub(crate) fn degraded_security(rng: &mut Rng, tree: &mut Value) -> Option<String> {
    let operations = find(tree, &is_operation);
    let root = tree.as_mapping_mut()?;
    if rng.bool() {
        let components = root
            .entry("components".into())
            .or_insert_with(|| Value::Mapping(Mapping::new()))
            .as_mapping_mut()?;
        let schemes = components
            .entry("securitySchemes".into())
            .or_insert_with(|| Value::Mapping(Mapping::new()))
            .as_mapping_mut()?;
        let scheme = one_of(rng, &["DSN", "digest", "postBody", ""]);
        schemes.insert(
            "odd".into(),
            yaml_to("{type: http, scheme: TARGET}", scheme),
        );
        root.insert("security".into(), yaml("[{odd: []}]"));
        return Some(format!("HTTP `{scheme}` scheme `odd`, required everywhere"));
    }
    let operation = pick(rng, &operations)?.clone();
    let node = node_mut(tree, &operation).as_mapping_mut()?;
    node.insert("security".into(), yaml("[{undefined: []}, {}]"));
    Some(format!(
        "{}/security names an undefined scheme",
        pointer(&operation)
    ))
}

/// Mistakes whose meaning is plain: a path variable no parameter declares, a `$ref` into the
/// wrong section of `components`, an enum value listed twice.
pub(crate) fn document_mistake(rng: &mut Rng, tree: &mut Value) -> Option<String> {
    match rng.usize(..3) {
        0 => undeclared_path_variable(rng, tree),
        1 => wrong_section_ref(rng, tree),
        _ => duplicate_enum_value(rng, tree),
    }
}

fn undeclared_path_variable(rng: &mut Rng, tree: &mut Value) -> Option<String> {
    let paths: Vec<String> = (tree.get("paths")?.as_mapping()?.keys())
        .filter_map(Value::as_str)
        .map(str::to_owned)
        .collect();
    let path = pick(rng, &paths)?.clone();
    let renamed = format!("{}/{{undeclared}}", path.trim_end_matches('/'));
    let item = tree
        .get_mut("paths")?
        .as_mapping_mut()?
        .remove(path.as_str())?;
    (tree.get_mut("paths")?.as_mapping_mut()?).insert(renamed.clone().into(), item);
    Some(format!("path `{path}` → `{renamed}`"))
}

fn wrong_section_ref(rng: &mut Rng, tree: &mut Value) -> Option<String> {
    let refs = find(tree, &|path, node| {
        is_ref(node) && key_is(path, 0, "paths") && path.iter().any(is_responses)
    });
    let path = pick(rng, &refs)?.clone();
    let node = node_mut(tree, &path);
    let target = node.get("$ref")?.as_str()?.to_owned();
    let moved = target.replacen("#/components/responses/", "#/components/requestBodies/", 1);
    if moved == target {
        return None;
    }
    // The object the `$ref` pointed to, now in the section it should not be in.
    let name = target.rsplit('/').next()?.to_owned();
    let components = tree.get_mut("components")?.as_mapping_mut()?;
    let object = components.get("responses")?.get(name.as_str())?.clone();
    let bodies = components
        .entry("requestBodies".into())
        .or_insert_with(|| Value::Mapping(Mapping::new()))
        .as_mapping_mut()?;
    bodies.insert(name.into(), object);
    (node_mut(tree, &path).as_mapping_mut()?).insert("$ref".into(), moved.clone().into());
    Some(format!("{}/$ref → `{moved}`", pointer(&path)))
}

fn is_responses(step: &Step) -> bool {
    matches!(step, Step::Key(Value::String(key)) if key == "responses")
}

fn duplicate_enum_value(rng: &mut Rng, tree: &mut Value) -> Option<String> {
    let enums = find(tree, &|_, node| {
        node.get("enum")
            .and_then(Value::as_sequence)
            .is_some_and(|v| !v.is_empty())
    });
    let path = pick(rng, &enums)?.clone();
    let values = node_mut(tree, &path).get_mut("enum")?.as_sequence_mut()?;
    let first = values.first()?.clone();
    values.push(first.clone());
    Some(format!(
        "{}/enum lists {} twice",
        pointer(&path),
        text(&first)
    ))
}
