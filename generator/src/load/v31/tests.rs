use serde_json::{Value, json};

use super::normalise;
use crate::load::{Source, load, load_with_overlays};

/// A 3.1 document with one component schema, `S`.
fn with_schema(schema: Value) -> Value {
    json!({
        "openapi": "3.1.0",
        "info": {"title": "T", "version": "1"},
        "paths": {},
        "components": {"schemas": {"S": schema}}
    })
}

/// The schema `S` as a 3.0 document says it.
fn normalised(schema: Value) -> Value {
    let mut document = with_schema(schema);
    normalise(&mut document).expect("normalises");
    document["components"]["schemas"]["S"].take()
}

/// The error of a document, as its message.
fn refused_document(mut document: Value) -> String {
    match normalise(&mut document) {
        Ok(()) => panic!("expected an error, got {document:#}"),
        Err(error) => error.to_string(),
    }
}

/// The error of the schema `S`, as its message.
fn refused(schema: Value) -> String {
    refused_document(with_schema(schema))
}

const AT: &str = "#/components/schemas/S";

#[test]
fn a_type_list_with_null_is_the_type_nullable() {
    assert_eq!(
        normalised(json!({"type": ["string", "null"], "maxLength": 3})),
        json!({"type": "string", "maxLength": 3, "nullable": true})
    );
    assert_eq!(
        normalised(json!({"type": ["integer"]})),
        json!({"type": "integer"})
    );
}

#[test]
fn null_alone_is_marked_for_the_lowering_outside_a_choice() {
    for null_type in [json!("null"), json!(["null"])] {
        let schema = json!({"type": "object", "properties": {"gone": {"type": null_type, "description": "d"}}});
        assert_eq!(
            normalised(schema)["properties"]["gone"],
            json!({"description": "d", "x-openapi31-null": true})
        );
    }
}

#[test]
fn several_types_are_a_one_of_with_each_types_keywords() {
    let schema = json!({
        "type": ["string", "integer", "null"],
        "description": "A name or a number.",
        "minLength": 1,
        "minimum": 0,
        "format": "int64",
        "items": {"type": "string"},
    });
    assert_eq!(
        normalised(schema),
        json!({
            "description": "A name or a number.",
            "oneOf": [
                {"type": "string", "minLength": 1, "format": "int64"},
                {"type": "integer", "minimum": 0, "format": "int64"},
            ],
            "nullable": true,
        })
    );
    // Every integer is a number.
    assert_eq!(
        normalised(json!({"type": ["integer", "number"]})),
        json!({"type": "number"})
    );
}

#[test]
fn several_types_beside_enum_or_composition_are_marked_unsupported() {
    let marked =
        normalised(json!({"type": ["string", "integer"], "enum": ["a", 1], "description": "d"}));
    assert_eq!(
        marked,
        json!({"description": "d", "x-openapi31-unsupported": {
            "keyword": "type",
            "what": "a `type` list of several types beside `enum`",
        }})
    );
    let marked = normalised(json!({"type": ["string", "object"], "allOf": [{"$ref": "#/x"}]}));
    assert_eq!(marked["x-openapi31-unsupported"]["keyword"], "type");
    let error = refused(json!({"type": ["string", 5]}));
    assert_eq!(
        error,
        format!("{AT}/type: a `type` list holds something not a name")
    );
}

#[test]
fn a_null_member_of_a_choice_makes_the_schema_nullable() {
    // One member left: an `allOf` of it, which the lowering reads as that member.
    let schema = json!({
        "description": "Maybe a pet.",
        "anyOf": [{"$ref": "#/components/schemas/Pet"}, {"type": "null"}],
    });
    assert_eq!(
        normalised(schema),
        json!({
            "description": "Maybe a pet.",
            "allOf": [{"$ref": "#/components/schemas/Pet"}],
            "nullable": true,
        })
    );
    // Several left: still a choice. `const: null` and `type: [null]` are null members too.
    let schema = json!({
        "oneOf": [
            {"type": "string"},
            {"const": null},
            {"type": "integer"},
            {"type": ["null"], "description": "Nothing."},
        ],
    });
    assert_eq!(
        normalised(schema),
        json!({"oneOf": [{"type": "string"}, {"type": "integer"}], "nullable": true})
    );
    // Beside an `allOf`, the member joins it.
    let schema =
        json!({"allOf": [{"description": "d"}], "anyOf": [{"type": "null"}, {"$ref": "#/x"}]});
    assert_eq!(
        normalised(schema),
        json!({"allOf": [{"description": "d"}, {"$ref": "#/x"}], "nullable": true})
    );
}

#[test]
fn a_choice_of_null_alone_is_null() {
    assert_eq!(
        normalised(json!({"anyOf": [{"type": "null"}]})),
        json!({"x-openapi31-null": true})
    );
}

#[test]
fn const_is_an_enum_of_one() {
    assert_eq!(
        normalised(json!({"type": "string", "const": "card"})),
        json!({"type": "string", "enum": ["card"]})
    );
    // Without a type, the constant's is the schema's.
    assert_eq!(
        normalised(json!({"const": 2, "enum": [1, 2]})),
        json!({"type": "integer", "enum": [2]})
    );
    assert_eq!(
        normalised(json!({"const": "card"})),
        json!({"type": "string", "enum": ["card"]})
    );
    assert_eq!(
        normalised(json!({"const": {"a": 1}})),
        json!({"enum": [{"a": 1}]})
    );
    assert_eq!(
        refused(json!({"const": 3, "enum": [1, 2]})),
        format!("{AT}/const: `const` is not one of the `enum` values beside it: no value is valid")
    );
}

#[test]
fn the_first_of_examples_is_the_example() {
    assert_eq!(
        normalised(json!({"type": "string", "examples": ["a", "b"]})),
        json!({"type": "string", "example": "a"})
    );
    // An `example` the schema has already wins.
    assert_eq!(
        normalised(json!({"example": "x", "examples": ["a"]})),
        json!({"example": "x"})
    );
}

#[test]
fn numeric_exclusive_bounds_are_bounds_marked_exclusive() {
    assert_eq!(
        normalised(json!({"type": "integer", "exclusiveMinimum": 0, "exclusiveMaximum": 10.5})),
        json!({
            "type": "integer",
            "exclusiveMinimum": true,
            "exclusiveMaximum": true,
            "minimum": 0,
            "maximum": 10.5,
        })
    );
    // Both bounds apply in 3.1: the stricter is kept.
    assert_eq!(
        normalised(
            json!({"minimum": 5, "exclusiveMinimum": 1, "maximum": 9, "exclusiveMaximum": 9})
        ),
        json!({"minimum": 5, "maximum": 9, "exclusiveMaximum": true})
    );
    // 3.0's own spelling is left as it is.
    let schema = json!({"minimum": 1, "exclusiveMinimum": true});
    assert_eq!(normalised(schema.clone()), schema);
}

#[test]
fn a_ref_beside_keywords_is_an_all_of_part() {
    assert_eq!(
        normalised(json!({"$ref": "#/components/schemas/Pet", "description": "The pet."})),
        json!({"description": "The pet.", "allOf": [{"$ref": "#/components/schemas/Pet"}]})
    );
    assert_eq!(
        normalised(json!({"$ref": "#/a", "allOf": [{"$ref": "#/b"}], "$comment": "c"})),
        json!({"allOf": [{"$ref": "#/a"}, {"$ref": "#/b"}]})
    );
    // A reference with nothing beside it (once annotations are dropped) stays one.
    assert_eq!(
        normalised(json!({"$ref": "#/a", "$comment": "c"})),
        json!({"$ref": "#/a"})
    );
    // Beside `type: [T, null]`: a nullable reference.
    assert_eq!(
        normalised(json!({"$ref": "#/a", "type": ["object", "null"]})),
        json!({"type": "object", "allOf": [{"$ref": "#/a"}], "nullable": true})
    );
}

#[test]
fn content_keywords_are_formats() {
    let base64 =
        json!({"type": "string", "contentEncoding": "base64", "contentMediaType": "image/png"});
    assert_eq!(
        normalised(base64),
        json!({"type": "string", "format": "byte"})
    );
    let raw = json!({"type": ["string", "null"], "contentMediaType": "application/octet-stream"});
    assert_eq!(
        normalised(raw),
        json!({"type": "string", "format": "binary", "nullable": true})
    );
    for schema in [
        json!({"type": "string", "contentMediaType": "application/json"}),
        json!({"type": "string", "contentMediaType": "text/plain; charset=utf-8"}),
        json!({"type": "string", "contentEncoding": "quoted-printable"}),
        json!({"type": "string", "contentSchema": {"type": "object"}}),
    ] {
        assert_eq!(normalised(schema), json!({"type": "string"}));
    }
    // A format the document gives wins.
    let dated = json!({"type": "string", "format": "date", "contentMediaType": "image/png"});
    assert_eq!(
        normalised(dated),
        json!({"type": "string", "format": "date"})
    );
}

#[test]
fn annotations_and_checks_that_keep_the_shape_are_dropped() {
    let schema = json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://example.com/s",
        "$anchor": "s",
        "$comment": "c",
        "$defs": {"x": {"type": "string"}},
        "type": "array",
        "contains": {"type": "string"},
        "minContains": 1,
        "items": true,
        "unevaluatedItems": false,
    });
    assert_eq!(normalised(schema), json!({"type": "array", "items": {}}));
    let schema = json!({
        "type": "object",
        "propertyNames": {"pattern": "^a"},
        "dependentRequired": {"a": ["b"]},
        "unevaluatedProperties": false,
        "additionalProperties": false,
    });
    assert_eq!(
        normalised(schema),
        json!({"type": "object", "additionalProperties": false})
    );
}

#[test]
fn keywords_3_0_cannot_say_are_marked_for_the_lowering() {
    let cases = [
        (json!({"if": {}, "then": {}}), "if", "conditional schemas"),
        (json!({"then": {}}), "then", "conditional schemas"),
        (json!({"else": {}}), "else", "conditional schemas"),
        (
            json!({"dependentSchemas": {"a": {}}}),
            "dependentSchemas",
            "conditional schemas",
        ),
        (
            json!({"patternProperties": {"^x-": {}}, "description": "kept"}),
            "patternProperties",
            "properties matched by a pattern",
        ),
        (
            json!({"$dynamicRef": "#node"}),
            "$dynamicRef",
            "dynamic references",
        ),
        (
            json!({"unevaluatedProperties": {"type": "string"}}),
            "unevaluatedProperties",
            "properties that no other keyword describes",
        ),
        (
            json!({"unevaluatedItems": true}),
            "unevaluatedItems",
            "items that no other keyword describes",
        ),
    ];
    for (keyword_schema, keyword, what) in cases {
        let described = keyword_schema.get("description").cloned();
        let schema = json!({"type": "object", "properties": {"p": {"items": keyword_schema}}});
        let mut expected = json!({"x-openapi31-unsupported": {"keyword": keyword, "what": what}});
        if let Some(description) = described {
            expected["description"] = description;
        }
        assert_eq!(normalised(schema)["properties"]["p"]["items"], expected);
    }
    assert_eq!(
        normalised(json!({"type": "object", "properties": {"never": false}}))["properties"]["never"],
        json!({"x-openapi31-unsupported": {
            "keyword": "",
            "what": "the schema `false` allows no value at all",
        }})
    );
}

#[test]
fn prefix_items_are_a_tuple_closed_by_items_false_or_max_items() {
    let item = json!({"type": ["string", "null"]});
    let closed = normalised(json!({"prefixItems": [item.clone()], "items": false}));
    assert_eq!(
        closed,
        json!({
            "type": "array",
            "x-openapi31-prefixItems": [{"type": "string", "nullable": true}],
            "x-openapi31-closed": true,
        })
    );
    let bounded = normalised(
        json!({"type": "array", "prefixItems": [item.clone(), item.clone()], "maxItems": 2}),
    );
    assert_eq!(bounded["x-openapi31-closed"], json!(true));
    let open =
        normalised(json!({"type": "array", "prefixItems": [item], "items": {"type": "integer"}}));
    assert_eq!(open["x-openapi31-closed"], json!(false));
    assert_eq!(open["items"], json!({"type": "integer"}));
}

/// A 3.1 document with schemas in every place they live, each with a type list.
fn everywhere() -> Value {
    let s = || json!({"type": ["string", "null"]});
    let content = || json!({"application/json": {"schema": s(), "encoding": {"a": {"headers": {"H": {"schema": s()}}}}}});
    let operation = json!({
        "parameters": [{"name": "q", "in": "query", "schema": s()}],
        "requestBody": {"content": content()},
        "responses": {"200": {"description": "ok", "headers": {"H": {"schema": s()}}, "content": content()}},
        "callbacks": {"done": {"{$request.body#/url}": {"post": {"responses": {"200": {"description": "ok", "content": content()}}}}}},
    });
    json!({
        "openapi": "3.1.0",
        "info": {"title": "T", "version": "1"},
        "paths": {"/a": {"parameters": [{"name": "p", "in": "query", "content": content()}], "get": operation}},
        "components": {
            "schemas": {"S": s()},
            "parameters": {"P": {"name": "p", "in": "query", "schema": s()}},
            "headers": {"H": {"schema": s()}},
            "requestBodies": {"B": {"content": content()}},
            "responses": {"R": {"description": "r", "content": content()}},
            "callbacks": {"C": {"{$url}": {"get": {"responses": {"200": {"description": "ok", "content": content()}}}}}},
        },
    })
}

/// The pointers of every value under `value` that is a schema with a `type` list.
fn type_lists(value: &Value, at: &str, into: &mut Vec<String>) {
    match value {
        Value::Object(object) => {
            if object.get("type").is_some_and(Value::is_array) {
                into.push(at.to_owned());
            }
            for (key, value) in object {
                type_lists(value, &crate::error::pointer(at, key), into);
            }
        }
        Value::Array(items) => {
            for (i, value) in items.iter().enumerate() {
                type_lists(value, &crate::error::pointer(at, &i.to_string()), into);
            }
        }
        _ => {}
    }
}

#[test]
fn every_place_schemas_live_is_walked() {
    let mut document = everywhere();
    let mut before = Vec::new();
    type_lists(&document, "#", &mut before);
    assert_eq!(before.len(), 19, "{before:#?}");
    normalise(&mut document).expect("normalises");
    let mut after = Vec::new();
    type_lists(&document, "#", &mut after);
    assert_eq!(after, Vec::<String>::new());
    // And each place's keywords are read: a tuple is marked at each.
    for at in before {
        let mut document = everywhere();
        let path = at.strip_prefix('#').expect("from the root");
        let schema = document.pointer_mut(path).expect("the schema is there");
        schema["prefixItems"] = json!([]);
        normalise(&mut document).expect("normalises");
        let schema = document.pointer(path).expect("the schema is there");
        assert_eq!(schema["x-openapi31-prefixItems"], json!([]), "{at}");
    }
}

#[test]
fn the_document_around_the_schemas_becomes_3_0() {
    let mut document = json!({
        "openapi": "3.1.1",
        "jsonSchemaDialect": "https://spec.openapis.org/oas/3.1/dialect/base",
        "info": {"title": "T", "summary": "S", "version": "1", "license": {"name": "MIT", "identifier": "MIT"}},
        "components": {"pathItems": {"Ping": {"get": {}}}},
    });
    normalise(&mut document).expect("normalises");
    assert_eq!(
        document,
        json!({
            "openapi": "3.0.3",
            "info": {"title": "T", "version": "1", "license": {"name": "MIT"}},
            "components": {},
            "paths": {},
        })
    );
}

#[test]
fn webhooks_are_carried_as_an_extension_and_rewritten_as_paths_are() {
    let body =
        |schema| json!({"requestBody": {"content": {"application/json": {"schema": schema}}}});
    let mut document = json!({
        "openapi": "3.1.0",
        "info": {"title": "T", "version": "1"},
        "webhooks": {"ping": {"post": body(json!({"type": ["string", "null"]}))}},
        "x-webhooks": {"pong": {"post": body(json!({"const": 1}))}},
    });
    normalise(&mut document).expect("normalises");
    assert_eq!(document.get("webhooks"), None);
    let schema = |at: &str| {
        document
            .pointer(&format!(
                "{at}/post/requestBody/content/application~1json/schema"
            ))
            .cloned()
    };
    assert_eq!(
        schema("/x-openapi31-webhooks/ping"),
        Some(json!({"type": "string", "nullable": true}))
    );
    assert_eq!(
        schema("/x-webhooks/pong"),
        Some(json!({"type": "integer", "enum": [1]}))
    );
    // A webhook without responses gets the empty map 3.0 requires, as an operation does.
    let responses = document.pointer("/x-openapi31-webhooks/ping/post/responses");
    assert_eq!(responses, Some(&json!({})));
}

#[test]
fn the_siblings_of_a_ref_elsewhere_are_dropped() {
    let reference = || json!({"$ref": "#/components/x/y", "summary": "s", "description": "d"});
    let mut document = json!({
        "openapi": "3.1.0",
        "info": {"title": "T", "version": "1"},
        "paths": {"/a": {"get": {
            "parameters": [reference()],
            "requestBody": reference(),
            "responses": {"200": reference()},
        }}},
    });
    normalise(&mut document).expect("normalises");
    let operation = &document["paths"]["/a"]["get"];
    for at in ["/parameters/0", "/requestBody", "/responses/200"] {
        assert_eq!(
            operation.pointer(at),
            Some(&json!({"$ref": "#/components/x/y"}))
        );
    }
}

#[test]
fn an_operation_without_responses_gets_an_empty_map() {
    let mut document = json!({
        "openapi": "3.1.0",
        "info": {"title": "T", "version": "1"},
        "paths": {"/a": {"get": {"operationId": "a"}}},
    });
    normalise(&mut document).expect("normalises");
    assert_eq!(document["paths"]["/a"]["get"]["responses"], json!({}));
}

#[test]
fn what_3_0_cannot_say_outside_schemas_is_refused() {
    let mut document = with_schema(json!({}));
    document["components"]["securitySchemes"] = json!({"mtls": {"type": "mutualTLS"}});
    assert_eq!(
        refused_document(document),
        "#/components/securitySchemes/mtls: `type: mutualTLS` security schemes (OpenAPI 3.1) \
         are not supported"
    );
    let mut document = with_schema(json!({}));
    document["paths"] = json!({"/a": {"$ref": "#/components/pathItems/A"}});
    document["components"]["pathItems"] = json!({"A": {"get": {}}});
    assert_eq!(
        refused_document(document),
        "#/paths/~1a: a `$ref` to `components.pathItems` (OpenAPI 3.1) is not supported"
    );
}

const DOC_31: &str = "openapi: 3.1.0
info: {title: T, version: '1'}
paths:
  /pets/{id}:
    get:
      operationId: getPet
      parameters:
        - {name: id, in: path, required: true, schema: {type: integer, exclusiveMinimum: 0}}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Pet', description: The pet.}
components:
  schemas:
    Pet:
      type: object
      properties:
        name: {type: [string, 'null'], examples: [Rex]}
        kind: {const: dog}
        owner: {anyOf: [{$ref: '#/components/schemas/Owner'}, {type: 'null'}]}
    Owner:
      type: object
      properties:
        id: {type: string}
";

const DOC_30: &str = "openapi: 3.0.3
info: {title: T, version: '1'}
paths:
  /pets/{id}:
    get:
      operationId: getPet
      parameters:
        - {name: id, in: path, required: true, schema: {type: integer, minimum: 0, exclusiveMinimum: true}}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {description: The pet., allOf: [$ref: '#/components/schemas/Pet']}
components:
  schemas:
    Pet:
      type: object
      properties:
        name: {type: string, nullable: true, example: Rex}
        kind: {type: string, enum: [dog]}
        owner: {allOf: [$ref: '#/components/schemas/Owner'], nullable: true}
    Owner:
      type: object
      properties:
        id: {type: string}
";

#[test]
fn a_3_1_document_loads_as_the_3_0_document_that_says_the_same() {
    assert_eq!(
        load(DOC_31, "31.yaml").expect("loads"),
        load(DOC_30, "30.yaml").expect("loads")
    );
}

#[test]
fn overlays_apply_to_the_3_1_document_before_it_is_rewritten() {
    let overlay = Source {
        name: "o.yaml",
        text: "overlay: 1.0.0\ninfo: {title: t, version: '1'}\nactions:\n  - target: $.components.schemas.Owner.properties.id\n    update: {type: [string, 'null']}\n",
    };
    let spec = Source {
        name: "31.yaml",
        text: DOC_31,
    };
    let document = load_with_overlays(&spec, &[overlay]).expect("loads");
    let owner = &document.components.expect("components").schemas["Owner"];
    let openapiv3::ReferenceOr::Item(owner) = owner else {
        panic!("an inline schema")
    };
    let openapiv3::SchemaKind::Type(openapiv3::Type::Object(object)) = &owner.schema_kind else {
        panic!("an object")
    };
    let openapiv3::ReferenceOr::Item(id) = &object.properties["id"] else {
        panic!("an inline schema")
    };
    assert!(id.schema_data.nullable);
}
