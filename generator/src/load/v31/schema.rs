//! A 3.1 schema rewritten as the 3.0 schema that says the same (the list is in the parent
//! module's documentation).

use serde_json::{Map, Value, json};

use super::{each_of, items};
use crate::error::{Error, Result, pointer};

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

/// Rewrites the schema at `at`, its subschemas first (so that errors inside them name the
/// document's own pointers). `in_choice`: a member of `oneOf` or `anyOf`, which may be
/// `null` alone, as its parent then reads it.
pub(super) fn schema(value: &mut Value, at: &str, in_choice: bool) -> Result<()> {
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
