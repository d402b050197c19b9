//! The lowering's data: constraints stay data, fields and parameters share one shape.

use serde_json::json;

use crate::ir::{Choice, FieldSets, Member, ParamLocation, Style, Type, TypeKind, Unnamed};

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

#[test]
fn media_types_are_read_by_their_essence_and_charset() {
    use super::bodies::{MediaKind, media_kind};
    for (media_type, kind) in [
        ("application/json", MediaKind::Json),
        ("Application/JSON; charset=utf-8", MediaKind::Json),
        ("text/json", MediaKind::Json),
        ("application/merge-patch+json", MediaKind::Json),
        ("application/vnd.api+json", MediaKind::Json),
        ("multipart/form-data", MediaKind::Multipart),
        ("application/x-www-form-urlencoded", MediaKind::Form),
        ("text/plain", MediaKind::Text),
        ("text/csv; charset=\"UTF-8\"", MediaKind::Text),
        // A Rust string is UTF-8: text of another charset is bytes the caller encodes.
        ("text/plain; charset=iso-8859-1", MediaKind::Bytes),
        ("text/*", MediaKind::Bytes),
        ("application/octet-stream", MediaKind::Bytes),
        ("image/png", MediaKind::Bytes),
        ("application/xml", MediaKind::Bytes),
        ("*/*", MediaKind::Bytes),
    ] {
        assert_eq!(media_kind(media_type), kind, "{media_type}");
    }
}

#[test]
fn the_content_type_sent_says_utf_8_for_text_and_names_no_media_range() {
    use crate::ir::Encoding;
    let sent =
        |media_type: &str, encoding: &Encoding<()>| crate::plan::content_type(media_type, encoding);
    assert_eq!(
        sent("text/plain", &Encoding::Text),
        "text/plain; charset=utf-8"
    );
    assert_eq!(
        sent("text/csv; charset=utf-8", &Encoding::Text),
        "text/csv; charset=utf-8"
    );
    assert_eq!(sent("image/png", &Encoding::Bytes), "image/png");
    assert_eq!(
        sent("image/*", &Encoding::Bytes),
        "application/octet-stream"
    );
    assert_eq!(sent("*/*", &Encoding::Bytes), "application/octet-stream");
    let json = Encoding::Json(Type::Any);
    assert_eq!(
        sent("application/vnd.api+json", &json),
        "application/vnd.api+json"
    );
}

#[test]
fn a_body_in_several_media_types_is_its_first_json_and_the_others_are_offered_or_listed() {
    use crate::ir::{AlternativeKind as Kind, Encoding};
    const SPEC: &str = r##"
openapi: 3.0.3
info: {title: T, version: '1'}
components:
  schemas:
    Note:
      type: object
      required: [title]
      properties:
        title: {type: string}
        tags: {type: array, items: {type: string}}
    Deep:
      type: object
      properties:
        meta: {type: object, properties: {a: {type: string}}}
paths:
  /note:
    post:
      operationId: note
      requestBody:
        content:
          application/x-www-form-urlencoded: {schema: {$ref: '#/components/schemas/Note'}}
          application/json: {schema: {$ref: '#/components/schemas/Note'}}
          application/vnd.api+json: {schema: {$ref: '#/components/schemas/Note'}}
          application/merge-patch+json: {schema: {type: object}}
          image/png: {}
          text/plain: {}
          multipart/form-data: {schema: {$ref: '#/components/schemas/Note'}}
      responses: {'204': {description: ok}}
  /deep:
    post:
      operationId: deep
      requestBody:
        content:
          application/json: {schema: {$ref: '#/components/schemas/Deep'}}
          application/x-www-form-urlencoded: {schema: {$ref: '#/components/schemas/Deep'}}
      responses: {'204': {description: ok}}
  /raw:
    post:
      operationId: raw
      requestBody:
        content:
          text/plain: {}
          application/octet-stream: {}
          multipart/form-data: {}
      responses: {'204': {description: ok}}
"##;
    let api = super::lower(&crate::load::load(SPEC, "test.yaml").unwrap()).unwrap();
    let op = |id: &str| api.operations.iter().find(|o| o.id == id).unwrap();
    let offered = |id: &str| {
        let op = op(id);
        let body = op.body.as_ref().unwrap();
        let others: Vec<(&str, Kind)> = (op.alternatives.iter())
            .map(|a| (a.media_type.as_str(), a.kind))
            .collect();
        (body.media_type.as_str(), others)
    };

    assert!(matches!(
        op("note").body.as_ref().unwrap().encoding,
        Encoding::Json(_)
    ));
    assert_eq!(
        offered("note"),
        (
            "application/json",
            vec![
                // The same fields as pairs: `as_form()`.
                ("application/x-www-form-urlencoded", Kind::Form),
                // The same JSON under another type: the call's `Content-Type`.
                ("application/vnd.api+json", Kind::SameBody),
                // JSON of another schema is not sent.
                ("application/merge-patch+json", Kind::Unsent),
                // Bytes instead of the body: `body_bytes(…)`, the first as `image/png`.
                ("image/png", Kind::Bytes),
                ("text/plain", Kind::Bytes),
                ("multipart/form-data", Kind::Unsent),
            ]
        )
    );
    // A field that is an object is sent `as_form()` too, as a `deepObject`.
    assert_eq!(
        offered("deep"),
        (
            "application/json",
            vec![("application/x-www-form-urlencoded", Kind::Form)]
        )
    );
    // Without JSON the first listed is the body; another raw type is the same body.
    assert_eq!(op("raw").body.as_ref().unwrap().encoding, Encoding::Text);
    assert_eq!(
        offered("raw"),
        (
            "text/plain",
            vec![
                ("application/octet-stream", Kind::SameBody),
                ("multipart/form-data", Kind::Unsent)
            ]
        )
    );
}

#[test]
fn a_path_segment_may_hold_several_parameters_and_text() {
    let names = |path| super::operations::path_params(path, "#/paths/p");
    let path = "/compare/{base}...{head}/v1/{project}:archive/{a}{b}";
    assert_eq!(names(path).unwrap(), ["base", "head", "project", "a", "b"]);
    assert_eq!(names("/plain").unwrap(), Vec::<&str>::new());
    for open in ["/a/{id", "/a/{id/b}", "/a/{x{y}"] {
        let message = names(open).unwrap_err().to_string();
        assert!(message.contains("left open"), "{open}: {message}");
    }
}

#[test]
fn query_styles_default_their_explode_as_openapi_says() {
    let doc = r##"
openapi: 3.0.3
info: {title: T, version: '1'}
paths:
  /a:
    get:
      operationId: a
      parameters:
        - {name: form, in: query, schema: {type: string}}
        - {name: comma, in: query, explode: false, schema: {type: string}}
        - {name: space, in: query, style: spaceDelimited, schema: {type: string}}
        - {name: pipes, in: query, style: pipeDelimited, explode: true, schema: {type: string}}
        - {name: deep, in: query, style: deepObject, explode: false, schema: {type: string}}
        - {name: h, in: header, schema: {type: string}}
      responses: {'204': {description: ok}}
"##;
    let api = super::lower(&crate::load::load(doc, "test.yaml").unwrap()).unwrap();
    let styles: Vec<Style> = api.operations[0].params.iter().map(|p| p.style).collect();
    let expected = [
        Style::Form { explode: true },
        Style::Form { explode: false },
        Style::SpaceDelimited,
        Style::Form { explode: true },
        Style::DeepObject,
        Style::Form { explode: true },
    ];
    assert_eq!(styles, expected);
}
