use serde_json::json;

use super::*;

const HEAD: &str = "overlay: 1.0.0\ninfo: {title: t, version: '1'}\n";

/// The document after the overlay's actions (given in YAML after [`HEAD`]).
fn applied(document: Value, actions: &str) -> Result<Value> {
    let text = format!("{HEAD}{actions}");
    let mut document = document;
    apply(
        &mut document,
        &Source {
            name: "o.yaml",
            text: &text,
        },
    )?;
    Ok(document)
}

fn error(document: Value, actions: &str) -> String {
    match applied(document, actions) {
        Ok(value) => panic!("expected an error, got {value}"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn objects_merge_recursively_arrays_concatenate_and_the_rest_is_replaced() {
    let document = json!({"s": {"type": "number", "enum": [1, 2], "x": {"a": 1, "b": 2}}});
    let actions = "actions:
  - target: $.s
    update: {type: integer, format: int64, enum: [3], x: {b: 3, c: 4}}
";
    assert_eq!(
        applied(document, actions).unwrap(),
        json!({"s": {"type": "integer", "enum": [1, 2, 3], "x": {"a": 1, "b": 3, "c": 4}, "format": "int64"}})
    );
}

#[test]
fn new_properties_follow_the_old_ones_in_the_update_order() {
    let document = json!({"s": {"b": 1, "a": 2}});
    let value = applied(
        document,
        "actions: [{target: $.s, update: {z: 0, c: 0, a: 3}}]",
    )
    .unwrap();
    let keys: Vec<&String> = value["s"].as_object().unwrap().keys().collect();
    assert_eq!(keys, ["b", "a", "z", "c"]);
}

#[test]
fn an_array_gets_an_array_concatenated_and_anything_else_appended() {
    let document = json!({"required": ["a"]});
    let actions = "actions:
  - {target: $.required, update: [b, c]}
  - {target: $.required, update: d}
";
    assert_eq!(
        applied(document, actions).unwrap(),
        json!({"required": ["a", "b", "c", "d"]})
    );
}

#[test]
fn remove_takes_properties_and_array_items_by_filter() {
    let document = json!({
        "a": {"required": ["x", "y", "x", "z", "x"], "properties": {"x": {}, "y": {}}},
        "b": {"required": ["x"]},
    });
    let actions = "actions:
  - {target: \"$..required[?@ == 'x']\", remove: true}
  - {target: $.a.properties.x, remove: true, update: {ignored: true}}
";
    assert_eq!(
        applied(document, actions).unwrap(),
        json!({"a": {"required": ["y", "z"], "properties": {"y": {}}}, "b": {"required": []}})
    );
}

#[test]
fn a_node_and_its_ancestor_can_both_be_removed() {
    let document = json!({"keep": 1, "x": {"x": {"x": 1}}});
    assert_eq!(
        applied(document, "actions: [{target: $..x, remove: true}]").unwrap(),
        json!({"keep": 1})
    );
}

#[test]
fn a_node_selected_twice_is_updated_once() {
    let document = json!({"a": []});
    assert_eq!(
        applied(document, "actions: [{target: \"$['a','a']\", update: 1}]").unwrap(),
        json!({"a": [1]})
    );
}

#[test]
fn a_wildcard_target_updates_every_match() {
    let document =
        json!({"paths": {"/a": {"get": {"r": {}}, "put": {"r": {}}}, "/b": {"get": {}}}});
    let value = applied(
        document,
        "actions: [{target: $.paths.*.*.r, update: {n: 1}}]",
    )
    .unwrap();
    assert_eq!(value["paths"]["/a"]["get"]["r"], json!({"n": 1}));
    assert_eq!(value["paths"]["/a"]["put"]["r"], json!({"n": 1}));
    assert_eq!(value["paths"]["/b"]["get"], json!({}));
}

#[test]
fn action_errors_name_the_file_the_action_and_its_target() {
    let cases = [
        (
            "actions: [{target: $.a, update: {}}, {target: \"$.paths['/x'].get\", remove: true}]",
            "o.yaml: action 1 (#/actions/1, target `$.paths['/x'].get`): the target matches nothing",
        ),
        (
            "actions: [{target: '$.a[', update: {}}]",
            "o.yaml: action 0 (#/actions/0, target `$.a[`): the target is not an RFC 9535 JSONPath",
        ),
        (
            "actions: [{target: $.a.n, update: {x: 1}}]",
            "o.yaml: action 0 (#/actions/0, target `$.a.n`): #/a/n is a number; `update` needs an object or an array",
        ),
        (
            "actions: [{target: $.a, update: [1]}]",
            "o.yaml: action 0 (#/actions/0, target `$.a`): #/a is an object, which only an object can update, not an array",
        ),
        (
            "actions: [{target: $, remove: true}]",
            "o.yaml: action 0 (#/actions/0, target `$`): the target selects the document itself, which cannot be removed",
        ),
        (
            "actions: [{target: $.a, description: nothing to do}]",
            "o.yaml: action 0 (#/actions/0, target `$.a`): the action has neither `update` nor `remove: true`",
        ),
    ];
    for (actions, expected) in cases {
        let message = error(json!({"a": {"n": 1}}), actions);
        assert!(
            message.starts_with(expected),
            "{message}\nexpected: {expected}"
        );
    }
}

#[test]
fn an_invalid_overlay_is_refused_with_the_node_at_fault() {
    let action = "[{target: $.a, update: {}}]";
    let cases = [
        (
            HEAD.to_owned(),
            "o.yaml: not a valid overlay (OpenAPI Overlay 1.0): #: missing field `actions`",
        ),
        (
            format!("{HEAD}actions: []"),
            "#/actions: an overlay needs at least one action",
        ),
        (
            format!("overlay: 2.0.0\ninfo: {{title: t, version: '1'}}\nactions: {action}"),
            "#/overlay: version 2.0.0 is not supported; only 1.0.x is",
        ),
        (
            format!("overlay: 1.0.0\nactions: {action}"),
            "#: missing field `info`",
        ),
        (
            format!("{HEAD}actions: {action}\nextra: 1"),
            "#: unknown field `extra`",
        ),
        (
            format!("{HEAD}actions: [{{target: $.a, updates: {{}}}}]"),
            "#/actions/0: unknown field `updates`",
        ),
        (
            format!("{HEAD}actions: [{{update: {{}}}}]"),
            "#/actions/0: missing field `target`",
        ),
        (
            format!("{HEAD}actions: [{{target: $.a, remove: yes}}]"),
            "#/actions/0",
        ),
    ];
    for (text, expected) in cases {
        let mut document = json!({"a": {}});
        let source = Source {
            name: "o.yaml",
            text: &text,
        };
        let message = apply(&mut document, &source).unwrap_err().to_string();
        assert!(
            message.contains(expected),
            "{message}\nexpected: {expected}"
        );
        assert!(
            message.starts_with("o.yaml: not a valid overlay"),
            "{message}"
        );
    }
}

#[test]
fn extensions_are_allowed_where_the_specification_allows_them() {
    let text = "overlay: 1.0.2
x-speakeasy-jsonpath: rfc9535
extends: https://example.com/openapi.yaml
info: {title: t, version: '1', x-owner: us}
actions: [{target: $.a, update: {b: 1}, x-why: because, description: adds b}]
";
    let mut document = json!({"a": {}});
    let source = Source {
        name: "o.yaml",
        text,
    };
    apply(&mut document, &source).unwrap();
    assert_eq!(document, json!({"a": {"b": 1}}));
}

#[test]
fn a_syntax_error_in_an_overlay_has_its_line_and_column() {
    let mut document = json!({});
    let source = Source {
        name: "o.yaml",
        text: "overlay: 1.0.0\nactions: [unclosed\n",
    };
    let message = apply(&mut document, &source).unwrap_err().to_string();
    assert!(
        message.starts_with("o.yaml:3:1: not valid YAML or JSON"),
        "{message}"
    );
}
