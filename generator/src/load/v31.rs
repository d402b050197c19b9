//! OpenAPI 3.1, read as 3.0: a 3.1 document (as a JSON value, after any overlays) is
//! rewritten in place into the 3.0 document that says the same, so that `openapiv3` reads it
//! and the rest of the pipeline never sees a difference.
//!
//! 3.1 schemas are JSON Schema 2020-12; most of what they say differently has a 3.0 spelling:
//!
//! - `type: [T, "null"]` is `type: T` and `nullable: true`; a list of several types is a
//!   `oneOf` with one branch per type, each with the keywords that apply to its type;
//! - a `null` member of `oneOf` or `anyOf` is `nullable: true` on the schema; one member
//!   left is `allOf: [member]`, which the lowering reads as that member;
//! - `const: v` is `enum: [v]` (of `v`'s type when the schema has none); `examples: [a, …]`
//!   is `example: a`;
//! - a numeric `exclusiveMinimum: n` is `minimum: n` with `exclusiveMinimum: true` (and the
//!   same for the maximum);
//! - a `$ref` beside other keywords (3.0 ignores them) is `allOf: [{$ref}]` beside them;
//! - `contentEncoding: base64` is `format: byte`, a `contentMediaType` that is not text is
//!   `format: binary`;
//! - `webhooks` (the calls the API makes to its users) are carried, path items rewritten as
//!   those of `paths` are, as the extension `x-openapi31-webhooks`, which the lowering reads
//!   as it reads a 3.0 document's `x-webhooks` (`lower/webhooks.rs`);
//! - `jsonSchemaDialect`, `info.summary`, `license.identifier`, and annotations such as
//!   `$comment` are dropped; a missing `paths` is an empty one.
//!
//! What 3.0 cannot say is carried as extensions that the lowering reads (`lower/openapi31.rs`):
//! `type: null` alone (a value that is always `null`), tuples (`prefixItems`), and the
//! keywords no Rust type follows (conditional schemas, properties matched by pattern, dynamic
//! references, the schema `false`, …), which the lowering generates as any JSON with a
//! located warning. `mutualTLS` and `$ref`s to `components.pathItems` are refused with an
//! error that names them by their JSON pointer. Only the places where
//! schemas live are walked; pointers in later errors name the rewritten document, which
//! differs from the original only inside the rewritten schemas.

use serde_json::{Map, Value, json};

use crate::error::{Error, Result, pointer};

mod schema;
use schema::schema;

/// The version a normalised document says it is.
const VERSION: &str = "3.0.3";

/// The HTTP methods of a path item.
const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// Whether a document says it is OpenAPI 3.1.
pub(crate) fn is_31(document: &Value) -> bool {
    matches!(document.get("openapi"), Some(Value::String(v)) if v.starts_with("3.1."))
}

/// Rewrites a 3.1 document into 3.0, in place, or says where it says what 3.0 cannot.
/// Anything malformed is left as it is, for `openapiv3` to locate.
pub(crate) fn normalise(document: &mut Value) -> Result<()> {
    let Value::Object(root) = document else {
        return Ok(());
    };
    root.insert("openapi".into(), VERSION.into());
    if let Some(mut webhooks) = root.shift_remove("webhooks") {
        for (name, item) in objects(&mut webhooks) {
            path_item(item, &pointer("#/webhooks", name))?;
        }
        root.insert(crate::lower::WEBHOOKS.to_owned(), webhooks);
    }
    // A 3.1 document may still use the 3.0 extension.
    if let Some(webhooks) = root.get_mut("x-webhooks") {
        for (name, item) in objects(webhooks) {
            path_item(item, &pointer("#/x-webhooks", name))?;
        }
    }
    for key in ["jsonSchemaDialect", "$schema", "$id", "$comment"] {
        root.shift_remove(key);
    }
    if let Some(Value::Object(info)) = root.get_mut("info") {
        info.shift_remove("summary");
        if let Some(Value::Object(license)) = info.get_mut("license") {
            license.shift_remove("identifier");
        }
    }
    let paths = root.entry("paths").or_insert_with(|| json!({}));
    for (path, item) in objects(paths) {
        path_item(item, &pointer("#/paths", path))?;
    }
    if let Some(Value::Object(components)) = root.get_mut("components") {
        self::components(components)?;
    }
    Ok(())
}

/// The entries of a map, or none when the value is not one (`openapiv3` locates that).
fn objects(map: &mut Value) -> impl Iterator<Item = (&String, &mut Value)> {
    map.as_object_mut().into_iter().flatten()
}

/// The items of a list, with their index, or none when the value is not one.
fn items(list: &mut Value) -> impl Iterator<Item = (usize, &mut Value)> {
    list.as_array_mut().into_iter().flatten().enumerate()
}

/// Calls `each` on every entry of the map `object[key]`, with its pointer.
fn each_of(
    object: &mut Map<String, Value>,
    key: &str,
    at: &str,
    mut each: impl FnMut(&mut Value, &str) -> Result<()>,
) -> Result<()> {
    let at = pointer(at, key);
    for (name, value) in object.get_mut(key).into_iter().flat_map(objects) {
        each(value, &pointer(&at, name))?;
    }
    Ok(())
}

fn components(components: &mut Map<String, Value>) -> Result<()> {
    let at = "#/components";
    // Path items to reuse are new in 3.1; a `$ref` to one is refused where it is made.
    components.shift_remove("pathItems");
    each_of(components, "schemas", at, |s, at| schema(s, at, false))?;
    each_of(components, "parameters", at, parameter)?;
    each_of(components, "headers", at, parameter)?;
    each_of(components, "requestBodies", at, request_body)?;
    each_of(components, "responses", at, response)?;
    each_of(components, "callbacks", at, callback)?;
    each_of(
        components,
        "securitySchemes",
        at,
        |scheme, at| match scheme.get("type") {
            Some(Value::String(kind)) if kind == "mutualTLS" => Err(Error::at(
                at,
                "`type: mutualTLS` security schemes (OpenAPI 3.1) are not supported",
            )),
            _ => Ok(()),
        },
    )
}

/// Drops a `$ref`'s `summary` and `description` (3.1 lets them override the target's; 3.0
/// has no place for them) and says whether the object is a reference, which the walk then
/// leaves: its target is walked where it is defined.
fn reference(object: &mut Map<String, Value>) -> bool {
    if !object.contains_key("$ref") {
        return false;
    }
    object.shift_remove("summary");
    object.shift_remove("description");
    true
}

fn path_item(item: &mut Value, at: &str) -> Result<()> {
    let Value::Object(item) = item else {
        return Ok(());
    };
    if let Some(Value::String(target)) = item.get("$ref") {
        if target.starts_with("#/components/pathItems/") {
            return Err(Error::at(
                at,
                "a `$ref` to `components.pathItems` (OpenAPI 3.1) is not supported",
            ));
        }
        reference(item);
        return Ok(());
    }
    parameters(item, at)?;
    for method in METHODS {
        if let Some(Value::Object(operation)) = item.get_mut(method) {
            self::operation(operation, &pointer(at, method))?;
        }
    }
    Ok(())
}

fn parameters(object: &mut Map<String, Value>, at: &str) -> Result<()> {
    let at = pointer(at, "parameters");
    for (i, p) in object.get_mut("parameters").into_iter().flat_map(items) {
        parameter(p, &pointer(&at, &i.to_string()))?;
    }
    Ok(())
}

fn operation(operation: &mut Map<String, Value>, at: &str) -> Result<()> {
    parameters(operation, at)?;
    if let Some(body) = operation.get_mut("requestBody") {
        request_body(body, &pointer(at, "requestBody"))?;
    }
    // 3.1 lets an operation list no responses; 3.0 requires the map, and the lowering says
    // what an operation without a success response lacks.
    let responses = operation.entry("responses").or_insert_with(|| json!({}));
    for (status, r) in objects(responses) {
        response(r, &pointer(&pointer(at, "responses"), status))?;
    }
    each_of(operation, "callbacks", at, callback)
}

/// A parameter or a header: its `schema`, or the schemas of its `content`.
fn parameter(parameter: &mut Value, at: &str) -> Result<()> {
    let Value::Object(parameter) = parameter else {
        return Ok(());
    };
    if reference(parameter) {
        return Ok(());
    }
    if let Some(s) = parameter.get_mut("schema") {
        schema(s, &pointer(at, "schema"), false)?;
    }
    content(parameter, at)
}

fn request_body(body: &mut Value, at: &str) -> Result<()> {
    let Value::Object(body) = body else {
        return Ok(());
    };
    if reference(body) {
        return Ok(());
    }
    content(body, at)
}

fn response(response: &mut Value, at: &str) -> Result<()> {
    let Value::Object(response) = response else {
        return Ok(());
    };
    if reference(response) {
        return Ok(());
    }
    each_of(response, "headers", at, parameter)?;
    content(response, at)
}

/// A callback: path items by expression.
fn callback(callback: &mut Value, at: &str) -> Result<()> {
    let Value::Object(callback) = callback else {
        return Ok(());
    };
    if reference(callback) {
        return Ok(());
    }
    for (expression, item) in callback {
        path_item(item, &pointer(at, expression))?;
    }
    Ok(())
}

/// The media types of an object's `content`: each one's schema, and its encodings' headers.
fn content(object: &mut Map<String, Value>, at: &str) -> Result<()> {
    each_of(object, "content", at, |media, at| {
        let Value::Object(media) = media else {
            return Ok(());
        };
        if let Some(s) = media.get_mut("schema") {
            schema(s, &pointer(at, "schema"), false)?;
        }
        each_of(media, "encoding", at, |encoding, at| match encoding {
            Value::Object(encoding) => each_of(encoding, "headers", at, parameter),
            _ => Ok(()),
        })
    })
}

#[cfg(test)]
mod tests;
