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

/// The version a normalised document says it is.
const VERSION: &str = "3.0.3";

/// The HTTP methods of a path item.
const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// Schema keywords that change the shape of a value in a way 3.0 has no words for; dropping
/// them would make the generated types accept or send the wrong values, so the schema is
/// marked as one no Rust type follows.
const UNSUPPORTED: [(&str, &str); 6] = [
    ("if", "conditional schemas"),
    ("then", "conditional schemas"),
    ("else", "conditional schemas"),
    ("dependentSchemas", "conditional schemas"),
    ("patternProperties", "properties matched by a pattern"),
    ("$dynamicRef", "dynamic references"),
];

/// Schema keywords dropped: annotations, identifiers, and checks on values that keep their
/// shape (the generated code checks none of 3.0's either, such as `uniqueItems`). `$defs`
/// goes too: a `$ref` into it is refused by the lowering, which only follows references to
/// `#/components/schemas/<name>`, and references are resolved within the document whatever
/// an `$id` says.
const DROPPED: [&str; 12] = [
    "$schema",
    "$id",
    "$anchor",
    "$dynamicAnchor",
    "$comment",
    "$defs",
    "contentSchema",
    "contains",
    "minContains",
    "maxContains",
    "dependentRequired",
    "propertyNames",
];

/// The keywords that apply to values of one type only, and so go to that type's branch when
/// a list of types becomes a `oneOf`.
const TYPE_KEYWORDS: [(&str, &[&str]); 5] = [
    ("string", &["minLength", "maxLength", "pattern", "format"]),
    ("number", NUMERIC),
    ("integer", NUMERIC),
    ("array", &["items", "minItems", "maxItems", "uniqueItems"]),
    (
        "object",
        &[
            "properties",
            "required",
            "additionalProperties",
            "minProperties",
            "maxProperties",
        ],
    ),
];

const NUMERIC: &[&str] = &[
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "multipleOf",
    "format",
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

/// Rewrites the schema at `at`, its subschemas first (so that errors inside them name the
/// document's own pointers). `in_choice`: a member of `oneOf` or `anyOf`, which may be
/// `null` alone, as its parent then reads it.
fn schema(value: &mut Value, at: &str, in_choice: bool) -> Result<()> {
    let object = match value {
        // `true` allows any value, as `{}` does; `false` allows none, which 3.0 cannot say.
        Value::Bool(true) => {
            *value = json!({});
            return Ok(());
        }
        Value::Bool(false) => {
            *value = unsupported(Map::new(), "", "the schema `false` allows no value at all");
            return Ok(());
        }
        Value::Object(object) => object,
        _ => return Ok(()),
    };
    for (keyword, what) in UNSUPPORTED {
        if object.contains_key(keyword) {
            *value = unsupported(std::mem::take(object), keyword, what);
            return Ok(());
        }
    }
    // `false` forbids what no other keyword describes, which the generated types never
    // send and may ignore when they receive it; any other value adds properties or items.
    for (keyword, what) in [
        (
            "unevaluatedProperties",
            "properties that no other keyword describes",
        ),
        ("unevaluatedItems", "items that no other keyword describes"),
    ] {
        match object.get(keyword) {
            None | Some(Value::Bool(false)) => {
                object.shift_remove(keyword);
            }
            Some(_) => {
                *value = unsupported(std::mem::take(object), keyword, what);
                return Ok(());
            }
        }
    }
    for keyword in DROPPED {
        object.shift_remove(keyword);
    }
    tuple(object, at)?;
    subschemas(object, at)?;
    reference_siblings(object, at)?;
    constant(object, at)?;
    examples(object);
    exclusive_bounds(object);
    content_keywords(object);
    types(object, at, in_choice)?;
    null_members(object, at)
}

/// A schema that says what no Rust type follows (`keyword`, empty for the schema itself, and
/// what it is): only its annotations stay, beside the mark the lowering reads.
fn unsupported(mut object: Map<String, Value>, keyword: &str, what: &str) -> Value {
    let mut marked = Map::new();
    for key in [
        "description",
        "title",
        "nullable",
        "deprecated",
        "example",
        "default",
    ] {
        if let Some(value) = object.shift_remove(key) {
            marked.insert(key.to_owned(), value);
        }
    }
    let mark = json!({ "keyword": keyword, "what": what });
    marked.insert(crate::lower::UNSUPPORTED.to_owned(), mark);
    Value::Object(marked)
}

/// `prefixItems`, a tuple: its schemas, rewritten, move to the extension the lowering reads,
/// with whether any item may follow them (not when `items` is `false`, or `maxItems` is no
/// larger than the list). `items: false` goes: 3.0 has no such schema.
fn tuple(object: &mut Map<String, Value>, at: &str) -> Result<()> {
    let Some(mut listed) = object.shift_remove("prefixItems") else {
        return Ok(());
    };
    let parts_at = pointer(at, "prefixItems");
    for (i, item) in items(&mut listed) {
        schema(item, &pointer(&parts_at, &i.to_string()), false)?;
    }
    let count = listed.as_array().map_or(0, Vec::len);
    let no_more = object.get("items") == Some(&Value::Bool(false));
    let bounded =
        (object.get("maxItems").and_then(Value::as_u64)).is_some_and(|max| max <= count as u64);
    if no_more {
        object.shift_remove("items");
    }
    object.entry("type").or_insert("array".into());
    object.insert(crate::lower::PREFIX_ITEMS.to_owned(), listed);
    object.insert(crate::lower::CLOSED.to_owned(), (no_more || bounded).into());
    Ok(())
}

/// The schemas inside a schema: properties, items, additional properties, composition.
fn subschemas(object: &mut Map<String, Value>, at: &str) -> Result<()> {
    each_of(object, "properties", at, |s, at| schema(s, at, false))?;
    for key in ["items", "not"] {
        if let Some(s) = object.get_mut(key) {
            schema(s, &pointer(at, key), false)?;
        }
    }
    // `additionalProperties: true` and `false` are 3.0 already.
    if let Some(s @ Value::Object(_)) = object.get_mut("additionalProperties") {
        schema(s, &pointer(at, "additionalProperties"), false)?;
    }
    for (key, in_choice) in [("allOf", false), ("oneOf", true), ("anyOf", true)] {
        let parts_at = pointer(at, key);
        for (i, part) in object.get_mut(key).into_iter().flat_map(items) {
            schema(part, &pointer(&parts_at, &i.to_string()), in_choice)?;
        }
    }
    Ok(())
}

/// A `$ref` beside other keywords: 3.1 applies both, 3.0 ignores the siblings, so the
/// reference becomes the first `allOf` part beside them.
fn reference_siblings(object: &mut Map<String, Value>, at: &str) -> Result<()> {
    if object.len() < 2 || !object.contains_key("$ref") {
        return Ok(());
    }
    let target = object.shift_remove("$ref").unwrap_or_default();
    let part = json!({ "$ref": target });
    match object.get_mut("allOf") {
        None => {
            object.insert("allOf".into(), json!([part]));
        }
        Some(Value::Array(parts)) => parts.insert(0, part),
        Some(_) => {
            return Err(Error::at(
                &pointer(at, "allOf"),
                "`allOf` beside a `$ref` is not a list",
            ));
        }
    }
    Ok(())
}

/// `const: v` is `enum: [v]`; beside an `enum` that does not list it, no value is valid.
/// Without a `type`, the value's own is the schema's (a `const` allows no other), so that a
/// string constant is a string enum rather than any value.
fn constant(object: &mut Map<String, Value>, at: &str) -> Result<()> {
    let Some(value) = object.shift_remove("const") else {
        return Ok(());
    };
    if let Some(Value::Array(values)) = object.get("enum")
        && !values.contains(&value)
    {
        return Err(Error::at(
            &pointer(at, "const"),
            "`const` is not one of the `enum` values beside it: no value is valid",
        ));
    }
    let scalar_type = match &value {
        Value::String(_) => Some("string"),
        Value::Bool(_) => Some("boolean"),
        Value::Number(n) if n.is_i64() || n.is_u64() => Some("integer"),
        Value::Number(_) => Some("number"),
        _ => None,
    };
    if let Some(name) = scalar_type {
        object.entry("type").or_insert(name.into());
    }
    object.insert("enum".into(), json!([value]));
    Ok(())
}

/// A schema's `examples` list: its first item is the one `example` 3.0 has room for.
fn examples(object: &mut Map<String, Value>) {
    if let Some(Value::Array(values)) = object.shift_remove("examples")
        && let Some(first) = values.into_iter().next()
    {
        object.entry("example").or_insert(first);
    }
}

/// A numeric `exclusiveMinimum: n` is `minimum: n` with 3.0's `exclusiveMinimum: true`, and
/// likewise for the maximum. 3.1 applies both bounds when `minimum` is there too; 3.0 has
/// room for one, so the stricter is kept.
fn exclusive_bounds(object: &mut Map<String, Value>) {
    for (exclusive, bound, stricter) in [
        ("exclusiveMinimum", "minimum", std::cmp::Ordering::Greater),
        ("exclusiveMaximum", "maximum", std::cmp::Ordering::Less),
    ] {
        let Some(Value::Number(limit)) = object.get(exclusive) else {
            continue;
        };
        let limit = limit.clone();
        let inclusive = object.get(bound).and_then(Value::as_f64);
        if inclusive.is_some_and(|b| b.partial_cmp(&limit.as_f64().unwrap_or(b)) == Some(stricter))
        {
            object.shift_remove(exclusive);
        } else {
            object.insert(bound.into(), Value::Number(limit));
            object.insert(exclusive.into(), true.into());
        }
    }
}

/// `contentEncoding` and `contentMediaType` on a string: base64 text is 3.0's `format:
/// byte`, the raw content of a type that is not text is `format: binary` (a file in a
/// multipart body). A `format` the document gives wins; other encodings, and text, stay
/// plain strings.
fn content_keywords(object: &mut Map<String, Value>) {
    let encoding = object.shift_remove("contentEncoding");
    let media_type = object.shift_remove("contentMediaType");
    let string = match object.get("type") {
        Some(Value::String(name)) => name == "string",
        Some(Value::Array(names)) => names.contains(&json!("string")),
        _ => false,
    };
    if !string || object.contains_key("format") {
        return;
    }
    let format = match (encoding.as_ref().and_then(Value::as_str), media_type) {
        (Some(encoding), _) if encoding.eq_ignore_ascii_case("base64") => "byte",
        (None, Some(Value::String(media_type))) if !is_text(&media_type) => "binary",
        _ => return,
    };
    object.insert("format".into(), format.into());
}

/// Whether a media type is text: `text/*`, JSON, XML, form fields.
fn is_text(media_type: &str) -> bool {
    let essence = media_type.split(';').next().unwrap_or("").trim();
    let essence = essence.to_ascii_lowercase();
    essence.starts_with("text/")
        || ["json", "xml"]
            .iter()
            .any(|t| essence == format!("application/{t}") || essence.ends_with(&format!("+{t}")))
        || essence == "application/x-www-form-urlencoded"
}

/// Whether a schema allows `null` alone: `type: "null"` (or a list of only `"null"`), or no
/// type and `enum: [null]` (what `const: null` became).
fn is_null(schema: &Value) -> bool {
    match schema.get("type") {
        Some(Value::String(name)) => name == "null",
        Some(Value::Array(names)) => names.iter().all(|n| n == "null"),
        None => schema.get("enum") == Some(&json!([null])),
        Some(_) => false,
    }
}

/// `type` as a list: `null` in it is `nullable: true`, one other type is that type, several
/// are a `oneOf` (see [`split`]). A schema of `null` alone (a value that is always `null`)
/// is refused, except as a member of `oneOf` or `anyOf`, which [`null_members`] reads.
fn types(object: &mut Map<String, Value>, at: &str, in_choice: bool) -> Result<()> {
    let at_type = pointer(at, "type");
    let names: Vec<String> = match object.get("type") {
        Some(Value::String(name)) => vec![name.clone()],
        Some(Value::Array(names)) => names
            .iter()
            .map(|n| n.as_str().map(str::to_owned))
            .collect::<Option<_>>()
            .ok_or_else(|| Error::at(&at_type, "a `type` list holds something not a name"))?,
        _ => return Ok(()),
    };
    let nullable = names.iter().any(|n| n == "null");
    let mut others: Vec<String> = Vec::new();
    for name in names.into_iter().filter(|n| n != "null") {
        if !others.contains(&name) {
            others.push(name);
        }
    }
    // Every integer is a number: a list of both is a number.
    if others.iter().any(|n| n == "number") {
        others.retain(|n| n != "integer");
    }
    match others.as_slice() {
        [] if in_choice => return Ok(()),
        [] => {
            object.shift_remove("type");
            object.insert(crate::lower::NULL.to_owned(), true.into());
            return Ok(());
        }
        [one] => {
            object.insert("type".into(), one.as_str().into());
        }
        several => split(object, several)?,
    }
    if nullable {
        object.insert("nullable".into(), true.into());
    }
    Ok(())
}

/// A list of several types is a `oneOf` with one branch per type, each with the keywords
/// that apply to its type (keywords for a type not listed apply to no value and go). What
/// stays on the schema annotates the whole (`description`, `default`, …). Beside `enum` or
/// composition, which would have to be split per type too, it is refused.
fn split(object: &mut Map<String, Value>, types: &[String]) -> Result<()> {
    for keyword in ["enum", "allOf", "oneOf", "anyOf", "not"] {
        if object.contains_key(keyword) {
            let what = format!("a `type` list of several types beside `{keyword}`");
            *object = match unsupported(std::mem::take(object), "type", &what) {
                Value::Object(marked) => marked,
                _ => Map::new(),
            };
            return Ok(());
        }
    }
    let mut taken = Map::new();
    for (_, keywords) in TYPE_KEYWORDS {
        for keyword in keywords {
            if let Some(value) = object.shift_remove(*keyword) {
                taken.insert((*keyword).to_owned(), value);
            }
        }
    }
    let branches = types
        .iter()
        .map(|name| {
            let mut branch = Map::new();
            branch.insert("type".into(), name.as_str().into());
            let keywords = TYPE_KEYWORDS.iter().find(|(t, _)| t == name);
            for keyword in keywords.map_or(&[][..], |(_, k)| k) {
                if let Some(value) = taken.get(*keyword) {
                    branch.insert((*keyword).to_owned(), value.clone());
                }
            }
            Value::Object(branch)
        })
        .collect();
    object.shift_remove("type");
    object.insert("oneOf".into(), Value::Array(branches));
    Ok(())
}

/// A `null` member of `oneOf` or `anyOf` (FastAPI writes every optional value so) is
/// `nullable: true` on the schema. One member left is the schema's last `allOf` part, which
/// the lowering reads as that member, nullable; none left is a value that is always `null`.
fn null_members(object: &mut Map<String, Value>, at: &str) -> Result<()> {
    for keyword in ["oneOf", "anyOf"] {
        let Some(Value::Array(members)) = object.get_mut(keyword) else {
            continue;
        };
        let before = members.len();
        members.retain(|m| !is_null(m));
        if members.len() == before {
            continue;
        }
        if members.len() == 1 {
            let member = members.pop().unwrap_or_default();
            object.shift_remove(keyword);
            match object.get_mut("allOf") {
                None => {
                    object.insert("allOf".into(), json!([member]));
                }
                Some(Value::Array(parts)) => parts.push(member),
                Some(_) => {
                    return Err(Error::at(
                        &pointer(at, "allOf"),
                        format!("`allOf` beside `{keyword}` is not a list"),
                    ));
                }
            }
        } else if members.is_empty() {
            object.shift_remove(keyword);
            object.insert(crate::lower::NULL.to_owned(), true.into());
            continue;
        }
        object.insert("nullable".into(), true.into());
    }
    Ok(())
}

#[cfg(test)]
mod tests;
