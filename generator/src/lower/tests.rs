//! The lowering's data: constraints stay data, fields and parameters share one shape.

use serde_json::json;

use crate::ir::{Choice, FieldSets, Member, ParamLocation, Type, TypeKind, Unnamed};

const DOC: &str = r##"
openapi: 3.0.3
info: {title: T, version: '1'}
paths:
  /items/{id}:
    parameters:
      - {name: id, in: path, schema: {type: string, pattern: '^it_\w+$'}}
    post:
      operationId: createItem
      parameters:
        - name: limit
          in: query
          example: 20
          schema: {type: integer, minimum: 1, maximum: 100, exclusiveMaximum: true, default: 10}
      requestBody:
        content:
          application/json:
            schema: {$ref: '#/components/schemas/Item'}
      responses:
        '204': {description: Done}
components:
  schemas:
    Kind:
      type: string
      enum: [a, b]
      default: a
    Item:
      type: object
      required: [name]
      properties:
        name: {type: string, minLength: 3, maxLength: 25, deprecated: true}
        first: {$ref: '#/components/schemas/Kind'}
        second: {$ref: '#/components/schemas/Kind'}
        contact:
          type: object
          properties:
            email: {type: string}
          anyOf:
            - required: [email]
            - required: [phone]
"##;

fn lowered() -> Unnamed {
    super::lower(&crate::load::load(DOC, "test.yaml").unwrap()).unwrap()
}

fn item_fields(api: &Unnamed) -> Vec<&Member> {
    let item = api
        .types
        .iter()
        .find(|t| matches!(&t.origin, crate::ir::Origin::Component { name, path } if name == "Item" && path.is_empty()))
        .unwrap();
    match &item.kind {
        TypeKind::Struct(fields) => fields.iter().map(|f| &f.value).collect(),
        other => panic!("Item is {other:?}"),
    }
}

#[test]
fn parameters_keep_their_constraints_as_data() {
    let api = lowered();
    let [id, limit] = &api.operations[0].params[..] else {
        panic!("{:?}", api.operations[0].params);
    };
    assert_eq!(
        (id.location, limit.location),
        (ParamLocation::Path, ParamLocation::Query)
    );
    assert!(id.value.required, "a path parameter is required");
    assert_eq!(id.value.hints.pattern.as_deref(), Some(r"^it_\w+$"));
    let limit = &limit.value;
    assert_eq!((limit.wire.as_str(), limit.required), ("limit", false));
    assert_eq!(limit.hints.minimum, Some((1.0, false)));
    assert_eq!(limit.hints.maximum, Some((100.0, true)));
    assert_eq!(limit.hints.default, Some(json!(10)));
    assert_eq!(limit.hints.example, Some(json!(20)));
}

#[test]
fn fields_keep_their_constraints_as_data() {
    let api = lowered();
    let fields = item_fields(&api);
    let [name, first, second, contact] = &fields[..] else {
        panic!("{fields:?}");
    };
    assert_eq!(name.ty, Type::String);
    assert!(name.required && name.deprecated && !first.required);
    assert_eq!(name.hints.length, (Some(3), Some(25)));
    // Every reference to a component carries what the component says, not only the first.
    assert_eq!(first.hints.default, Some(json!("a")));
    assert_eq!(second.hints, first.hints);
    assert_eq!(
        contact.hints.field_sets,
        vec![FieldSets {
            choice: Choice::AnyOf,
            sets: vec![vec!["email".to_owned()], vec!["phone".to_owned()]],
        }]
    );
}

/// Structs only responses reach (through an array, and error bodies too) read `null` as
/// absent; one a request reaches too (through a union here) keeps the three states.
#[test]
fn structs_only_responses_reach_are_marked_received_only() {
    const SPEC: &str = r##"
openapi: 3.0.3
info: {title: T, version: '1'}
paths:
  /a:
    post:
      operationId: sendA
      requestBody:
        content:
          application/json:
            schema:
              type: object
              properties:
                choice:
                  oneOf: [{$ref: '#/components/schemas/Both'}, {type: string}]
      responses:
        '200':
          description: A
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Out'}
        '400':
          description: Bad
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Failure'}
components:
  schemas:
    Out:
      type: object
      properties:
        note: {type: string, nullable: true}
        inner: {type: array, items: {$ref: '#/components/schemas/Inner'}}
        both: {$ref: '#/components/schemas/Both'}
    Inner:
      type: object
      properties:
        note: {type: string, nullable: true}
    Failure:
      type: object
      properties:
        note: {type: string, nullable: true}
    Both:
      type: object
      properties:
        note: {type: string, nullable: true}
"##;
    let api = super::lower(&crate::load::load(SPEC, "test.yaml").unwrap()).unwrap();
    let received_only = |component: &str| {
        let ty = api
            .types
            .iter()
            .find(|t| matches!(&t.origin, crate::ir::Origin::Component { name, path } if name == component && path.is_empty()))
            .unwrap();
        match &ty.kind {
            TypeKind::Struct(fields) => fields.iter().all(|f| f.received_only),
            _ => panic!("{component} is a struct"),
        }
    };
    for (component, expected) in [
        ("Out", true),
        ("Inner", true),
        ("Failure", true),
        ("Both", false),
    ] {
        assert_eq!(received_only(component), expected, "{component}");
    }
    let note = |component: &str| {
        let ty = api.types.iter().find(|t| matches!(&t.origin, crate::ir::Origin::Component { name, .. } if name == component)).unwrap();
        let TypeKind::Struct(fields) = &ty.kind else {
            unreachable!()
        };
        crate::plan::Presence::of_field(&fields[0])
    };
    assert_eq!(note("Out"), crate::plan::Presence::Optional);
    assert_eq!(note("Both"), crate::plan::Presence::OptionalNullable);
}
