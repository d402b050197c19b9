//! Mutations of a document's YAML tree, aimed at what breaks generators; the renaming ones
//! are in [`crate::names`].

use fastrand::Rng;
use serde_yaml::{Mapping, Value};

use crate::degrade::{degraded_parameter, degraded_schema, degraded_security, document_mistake};
use crate::names::{duplicate_operation_id, rename};
use crate::tree::{
    Step, child, component_pointers, component_schemas, find, is_ref, is_schema, key_is, last_key,
    node_mut, one_of, pick, pointer, text, try_node_mut, yaml, yaml_to,
};

/// A mutation: changes the tree and says what it did, or `None` if the tree has nothing
/// it applies to.
type Mutation = fn(&mut Rng, &mut Value) -> Option<String>;

const MUTATIONS: &[Mutation] = &[
    delete_key,
    replace_node,
    retarget_ref,
    change_type,
    wrap_schema,
    duplicate_operation_id,
    rename,
    odd_status,
    change_media_type,
    change_parameter,
    degraded_schema,
    degraded_parameter,
    degraded_security,
    document_mistake,
];

/// Applies one mutation that fits the tree and describes it.
pub(crate) fn mutate(rng: &mut Rng, tree: &mut Value) -> String {
    // Deleting a key or replacing a node fits any document with more than a root; the
    // bound only keeps a corpus file that is empty or a bare scalar from looping forever.
    for _ in 0..1000 {
        let mutation = MUTATIONS[rng.usize(..MUTATIONS.len())];
        if let Some(description) = mutation(rng, tree) {
            return description;
        }
    }
    "none: no mutation fits the document".to_owned()
}

/// Deletes a random key of a random mapping.
fn delete_key(rng: &mut Rng, tree: &mut Value) -> Option<String> {
    let paths = find(tree, &|_, node| {
        node.as_mapping().is_some_and(|m| !m.is_empty())
    });
    let path = pick(rng, &paths)?;
    let map = node_mut(tree, path).as_mapping_mut()?;
    let key = map.keys().nth(rng.usize(..map.len()))?.clone();
    map.shift_remove(&key);
    Some(format!("delete {}", child(&pointer(path), &text(&key))))
}

/// Replaces a random node with a value of another kind.
fn replace_node(rng: &mut Rng, tree: &mut Value) -> Option<String> {
    let paths = find(tree, &|path, _| !path.is_empty());
    let path = pick(rng, &paths)?;
    let node = node_mut(tree, path);
    let kind = std::mem::discriminant(&*node);
    let replacement = loop {
        let candidate = match rng.usize(..6) {
            0 => Value::Null,
            1 => Value::Bool(rng.bool()),
            2 => one_of(rng, &[yaml("0"), yaml("-1"), yaml("1.5"), yaml("1e300")]),
            3 => Value::String(one_of(rng, &["", "x", "#/components/schemas/X", "3.0.3"]).into()),
            4 => Value::Mapping(Mapping::new()),
            _ => Value::Sequence(Vec::new()),
        };
        if std::mem::discriminant(&candidate) != kind {
            break candidate;
        }
    };
    let description = format!("replace {} with {}", pointer(path), text(&replacement));
    *node = replacement;
    Some(description)
}

/// Points a `$ref` (or turns a schema into one) at another component, at nothing, or at a
/// component that refers to itself.
fn retarget_ref(rng: &mut Rng, tree: &mut Value) -> Option<String> {
    let mut paths = find(tree, &|_, node| is_ref(node));
    if paths.is_empty() || rng.usize(..4) == 0 {
        paths = find(tree, &|_, node| is_schema(node));
    }
    let path = pick(rng, &paths)?.clone();
    let (target, extra) = match rng.usize(..3) {
        0 => {
            // Mostly another schema; sometimes a component of another kind.
            let schemas: Vec<String> = component_schemas(tree)
                .iter()
                .map(|name| format!("#/components/schemas/{name}"))
                .collect();
            let targets = if schemas.is_empty() || rng.usize(..4) == 0 {
                component_pointers(tree)
            } else {
                schemas
            };
            (pick(rng, &targets)?.clone(), String::new())
        }
        1 => {
            let dangling = [
                "#/components/schemas/DoesNotExist",
                "#/components/schemas/",
                "#/components/responses/Nope",
                "#/paths",
                "#",
                "",
                "other.yaml#/components/schemas/X",
            ];
            (one_of(rng, &dangling).to_owned(), String::new())
        }
        _ => make_cycle(rng, tree)?,
    };
    // `make_cycle` may have replaced the node or an ancestor, and then the cycle is all.
    let Some(node) = try_node_mut(tree, &path) else {
        return Some(format!("make {}", extra.trim_start_matches(", and ")));
    };
    match node.as_mapping_mut() {
        Some(map) => {
            map.insert("$ref".into(), target.clone().into());
        }
        None => *node = yaml_to("{$ref: TARGET}", &target),
    }
    Some(format!("$ref at {} → `{target}`{extra}", pointer(&path)))
}

/// Makes a component schema refer to itself, returning its pointer and a description.
fn make_cycle(rng: &mut Rng, tree: &mut Value) -> Option<(String, String)> {
    let name = pick(rng, &component_schemas(tree))
        .cloned()
        .unwrap_or_else(|| "Cycle".to_owned());
    let target = format!("#/components/schemas/{name}");
    let shapes = [
        "{$ref: TARGET}",
        "{allOf: [{$ref: TARGET}]}",
        "{oneOf: [{$ref: TARGET}, {type: string}]}",
        "{type: array, items: {$ref: TARGET}}",
        "{type: object, required: [next], properties: {next: {$ref: TARGET}}}",
        "{type: object, additionalProperties: {$ref: TARGET}}",
    ];
    let shape = one_of(rng, &shapes);
    let schemas = tree
        .as_mapping_mut()?
        .entry("components".into())
        .or_insert_with(|| Value::Mapping(Mapping::new()))
        .as_mapping_mut()?
        .entry("schemas".into())
        .or_insert_with(|| Value::Mapping(Mapping::new()))
        .as_mapping_mut()?;
    schemas.insert(name.clone().into(), yaml_to(shape, &target));
    let shape = shape.replace("TARGET", &format!("'{target}'"));
    Some((target, format!(", and {name} := {shape}")))
}

/// Changes a schema's `type` to another one, an unknown word or a list.
fn change_type(rng: &mut Rng, tree: &mut Value) -> Option<String> {
    let paths = find(tree, &|_, node| node.get("type").is_some());
    let path = pick(rng, &paths)?;
    let types = [
        "object",
        "string",
        "array",
        "integer",
        "number",
        "boolean",
        "null",
        "file",
        "Object",
        "[string, 'null']",
    ];
    let new = yaml(one_of(rng, &types));
    let description = format!("{}/type → {}", pointer(path), text(&new));
    node_mut(tree, path)
        .as_mapping_mut()?
        .insert("type".into(), new);
    Some(description)
}

/// Makes a schema nullable, wraps it in `allOf`/`oneOf`/`anyOf`, or gives it a bogus
/// `discriminator`.
fn wrap_schema(rng: &mut Rng, tree: &mut Value) -> Option<String> {
    let paths = find(tree, &|_, node| is_schema(node));
    let path = pick(rng, &paths)?;
    let components = component_pointers(tree);
    let other = match pick(rng, &components) {
        Some(target) if rng.bool() => yaml_to("{$ref: TARGET}", target),
        _ => yaml(one_of(
            rng,
            &["{type: string}", "{type: integer}", "{type: object}"],
        )),
    };
    let node = node_mut(tree, path);
    let inner = node.clone();
    let (what, wrapped) = match rng.usize(..5) {
        0 => {
            let nullable = !inner
                .get("nullable")
                .and_then(Value::as_bool)
                .unwrap_or(false);
            node.as_mapping_mut()?
                .insert("nullable".into(), nullable.into());
            return Some(format!("{}/nullable → {nullable}", pointer(path)));
        }
        1 => ("allOf", vec![inner]),
        2 => (
            "allOf",
            vec![
                inner,
                yaml("{type: object, properties: {extra: {type: string}}}"),
            ],
        ),
        3 => (one_of(rng, &["oneOf", "anyOf"]), vec![inner, other]),
        _ => return Some(add_discriminator(rng, node, path, other)),
    };
    let mut map = Mapping::new();
    map.insert(what.into(), Value::Sequence(wrapped));
    if rng.bool() {
        map.insert("nullable".into(), true.into());
    }
    *node = Value::Mapping(map);
    Some(format!("wrap {} in {what}", pointer(path)))
}

/// Gives a `oneOf`/`anyOf` (wrapping the node in one if it is none) a `discriminator` whose
/// property and mapping may name nothing.
fn add_discriminator(rng: &mut Rng, node: &mut Value, path: &[Step], other: Value) -> String {
    let property = one_of(rng, &["type", "kind", "object", "", "missing"]);
    let mapping = one_of(
        rng,
        &[
            "{}",
            "{a: '#/components/schemas/Nope', '': X, b: '#'}",
            "{a: TARGET, b: TARGET, c: '#/components/schemas/Nope'}",
        ],
    );
    let target = other.get("$ref").and_then(Value::as_str).unwrap_or("Nope");
    let mut discriminator = yaml_to(&format!("{{mapping: {mapping}}}"), target);
    if let Some(map) = discriminator.as_mapping_mut() {
        map.insert("propertyName".into(), property.into());
    }
    let composed = ["oneOf", "anyOf"].iter().any(|k| node.get(k).is_some());
    if !composed {
        let inner = node.clone();
        *node = Value::Mapping(Mapping::from_iter([(
            "oneOf".into(),
            Value::Sequence(vec![inner, other]),
        )]));
    }
    if let Some(map) = node.as_mapping_mut() {
        map.insert("discriminator".into(), discriminator.clone());
    }
    format!(
        "discriminator {} at {}",
        text(&discriminator),
        pointer(path)
    )
}

/// Gives a response an odd status code, or copies it under one.
fn odd_status(rng: &mut Rng, tree: &mut Value) -> Option<String> {
    let paths = find(tree, &|path, node| {
        key_is(path, 0, "paths") && last_key(path) == Some("responses") && node.is_mapping()
    });
    let path = pick(rng, &paths)?;
    let codes = [
        "'2XX'", "'2xx'", "default", "'600'", "'abc'", "'99'", "'0'", "'1XX'", "'5XX'", "''",
        "'200'", "'204'", "'304'", "'-1'", "600", "201", "2.5",
    ];
    let code = yaml(one_of(rng, &codes));
    let map = node_mut(tree, path).as_mapping_mut()?;
    let (key, response) = map.iter().nth(rng.usize(..map.len().max(1)))?;
    let (key, response) = (key.clone(), response.clone());
    let copy = rng.bool();
    if !copy {
        map.shift_remove(&key);
    }
    map.insert(code.clone(), response);
    let verb = if copy { "copy" } else { "move" };
    Some(format!(
        "{verb} {} to status {}",
        child(&pointer(path), &text(&key)),
        text(&code)
    ))
}

/// Changes a media type, or adds another one with the same content.
fn change_media_type(rng: &mut Rng, tree: &mut Value) -> Option<String> {
    let paths = find(tree, &|path, node| {
        last_key(path) == Some("content") && node.as_mapping().is_some_and(|m| !m.is_empty())
    });
    let path = pick(rng, &paths)?;
    let media_types = [
        "multipart/form-data",
        "text/plain",
        "application/x-www-form-urlencoded",
        "application/problem+json",
        "application/json; charset=utf-8",
        "APPLICATION/JSON",
        "*/*",
        "application/octet-stream",
        "application/xml",
        "",
    ];
    let new = one_of(rng, &media_types);
    let map = node_mut(tree, path).as_mapping_mut()?;
    let (key, media) = map.iter().nth(rng.usize(..map.len()))?;
    let (key, media) = (key.clone(), media.clone());
    let copy = rng.bool();
    if !copy {
        map.shift_remove(&key);
    }
    map.insert(new.into(), media);
    let verb = if copy { "copy" } else { "move" };
    Some(format!(
        "{verb} {} to `{new}`",
        child(&pointer(path), &text(&key))
    ))
}

/// Moves a parameter to another location or changes whether it is required.
fn change_parameter(rng: &mut Rng, tree: &mut Value) -> Option<String> {
    let paths = find(tree, &|_, node| node.get("in").is_some());
    let path = pick(rng, &paths)?;
    let (field, value) = if rng.bool() {
        let location = one_of(rng, &["path", "query", "header", "cookie", "body", "Query"]);
        ("in", Value::from(location))
    } else {
        (
            "required",
            one_of(rng, &[Value::from(true), Value::from(false), Value::Null]),
        )
    };
    let description = format!("{}/{field} → {}", pointer(path), text(&value));
    node_mut(tree, path)
        .as_mapping_mut()?
        .insert(field.into(), value);
    Some(description)
}
