use openapiv3::StatusCode;

use super::*;

fn source(text: &str) -> Source<'_> {
    Source {
        name: "test.yaml",
        text,
    }
}

/// An overlay that changes nothing the generator reads, so a document goes the overlay route.
const NO_OP: &str =
    "overlay: 1.0.0\ninfo: {title: t, version: '1'}\nactions: [{target: $.info, update: {}}]\n";

const DOC: &str = "openapi: 3.0.3
info: {title: T, version: '1'}
paths:
  /a:
    get:
      responses:
        200: {description: ok}
        '404': {description: missing}
components:
  schemas:
    S:
      type: object
      properties: {zeta: {type: string}, alpha: {type: string}, mid: {type: string}}
";

#[test]
fn number_and_boolean_keys_become_strings_in_order() {
    let value = value(&source("200: a\ntrue: b\n1.5: c\nname: d\n")).unwrap();
    let keys: Vec<&String> = value.as_object().unwrap().keys().collect();
    assert_eq!(keys, ["200", "true", "1.5", "name"]);
}

#[test]
fn a_key_json_cannot_hold_is_located() {
    let error = value(&source("paths:\n  /a:\n    - {~: x}\n")).unwrap_err();
    assert_eq!(
        error.to_string(),
        "test.yaml: not an OpenAPI 3.0 or 3.1 document: #/paths/~1a/0: a key is not a string, a number or a boolean"
    );
}

#[test]
fn an_integer_status_code_reads_through_the_overlay_route() {
    let overlay = Source {
        name: "o.yaml",
        text: NO_OP,
    };
    let document = load_with_overlays(&source(DOC), &[overlay]).unwrap();
    let responses = &document.paths.paths["/a"].as_item().unwrap().get.as_ref();
    let codes: Vec<&StatusCode> = responses.unwrap().responses.responses.keys().collect();
    assert_eq!(codes, [&StatusCode::Code(200), &StatusCode::Code(404)]);
}

#[test]
fn the_overlay_route_keeps_property_order() {
    let overlay = Source {
        name: "o.yaml",
        text: NO_OP,
    };
    let document = load_with_overlays(&source(DOC), &[overlay]).unwrap();
    assert_eq!(document, load(DOC, "test.yaml").unwrap());
    let schema = document.components.unwrap().schemas["S"].clone();
    let openapiv3::ReferenceOr::Item(schema) = schema else {
        panic!("an inline schema")
    };
    let openapiv3::SchemaKind::Type(openapiv3::Type::Object(object)) = schema.schema_kind else {
        panic!("an object")
    };
    let names: Vec<&String> = object.properties.keys().collect();
    assert_eq!(names, ["zeta", "alpha", "mid"]);
}

#[test]
fn the_version_is_checked_before_any_overlay_applies() {
    let overlay = Source {
        name: "o.yaml",
        text: "overlay: 1.0.0\ninfo: {title: t, version: '1'}\nactions: [{target: $.nothing, remove: true}]\n",
    };
    let swagger = source("swagger: '2.0'\ninfo: {title: T, version: '1'}\npaths: {}\n");
    let error = load_with_overlays(&swagger, &[overlay]).unwrap_err();
    assert!(
        error.to_string().contains("Swagger 2.0 is not supported"),
        "{error}"
    );
}

#[test]
fn an_error_after_overlays_names_the_node_they_left() {
    let overlay = Source {
        name: "o.yaml",
        text: "overlay: 1.0.0\ninfo: {title: t, version: '1'}\nactions: [{target: \"$.paths['/a'].get\", update: {operationId: 5}}]\n",
    };
    let error = load_with_overlays(&source(DOC), &[overlay]).unwrap_err();
    assert_eq!(
        error.to_string(),
        "#/paths: invalid type: integer `5`, expected a string"
    );
}

const JSON_DOC: &str = r#"{
  "openapi": "3.0.3",
  "info": {"title": "Smile \ud83d\ude00", "version": "1"},
  "paths": {"/a": {"get": {"operationId": "a", "responses": {"200": {"description": "ok \u00e9"}}}}}
}"#;

#[test]
fn json_is_read_by_the_json_parser_with_its_escapes() {
    // A UTF-16 surrogate pair: the YAML parser refuses it.
    assert!(serde_yaml::from_str::<serde_yaml::Value>(JSON_DOC).is_err());
    let document = load(JSON_DOC, "doc.json").expect("JSON reads as JSON");
    assert_eq!(document.info.title, "Smile 😀");
    // Through a value too, as overlays read it; a byte-order mark is skipped.
    let with_bom = format!("\u{feff}{JSON_DOC}");
    let document = load_with_overlays(&source(&with_bom), &[source(NO_OP)]).expect("reads");
    assert_eq!(document.info.title, "Smile 😀");
}

#[test]
fn broken_json_is_located_by_the_json_parser_and_yaml_flow_style_still_reads() {
    let broken =
        "{\n  \"openapi\": \"3.0.3\",\n  \"info\": {\"title\": \"T\" \"version\": \"1\"}\n}";
    let error = load(broken, "doc.json").unwrap_err().to_string();
    assert!(error.starts_with("doc.json:3:"), "{error}");
    assert!(error.contains("expected `,` or `}`"), "{error}");
    // YAML's flow style also starts with `{`: what YAML reads is YAML.
    let flow = "{openapi: 3.0.3, info: {title: T, version: '1'}, paths: {}}";
    assert_eq!(load(flow, "doc.yaml").expect("YAML").info.title, "T");
}
