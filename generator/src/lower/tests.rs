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
    super::lower(
        &crate::load::load(DOC, "test.yaml").unwrap(),
        Default::default(),
    )
    .unwrap()
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
    let api = super::lower(
        &crate::load::load(SPEC, "test.yaml").unwrap(),
        Default::default(),
    )
    .unwrap();
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
    let api = super::lower(
        &crate::load::load(SPEC, "test.yaml").unwrap(),
        Default::default(),
    )
    .unwrap();
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

/// The fields of the one component schema `C` of a document whose `components.schemas` is
/// `schemas` (YAML, indented by four).
fn component_fields(schemas: &str) -> Vec<Member> {
    let doc = format!(
        "openapi: 3.0.3\ninfo: {{title: T, version: '1'}}\npaths:\n  /c:\n    get:\n      operationId: getC\n      responses:\n        '200':\n          description: ok\n          content: {{application/json: {{schema: {{$ref: '#/components/schemas/C'}}}}}}\ncomponents:\n  schemas:\n{schemas}"
    );
    let api = super::lower(
        &crate::load::load(&doc, "test.yaml").unwrap(),
        Default::default(),
    )
    .unwrap();
    let c = api.types.iter().find(|t| matches!(&t.origin, crate::ir::Origin::Component { name, path } if name == "C" && path.is_empty())).unwrap();
    match &c.kind {
        TypeKind::Struct(fields) => fields.iter().map(|f| f.value.clone()).collect(),
        other => panic!("C is {other:?}"),
    }
}

#[test]
fn integers_take_their_format_widened_to_hold_every_value_the_schema_states() {
    use crate::ir::IntWidth::*;
    let fields = component_fields(
        r"    C:
      type: object
      properties:
        plain: {type: integer}
        small: {type: integer, format: int32}
        unsigned: {type: integer, format: uint64, minimum: 0, maximum: 18446744073709551615}
        bounded: {type: integer, minimum: 0, maximum: 18446744073709551615}
        listed: {type: integer, enum: [0, 9223372036854775808]}
        example: {type: integer, minimum: 0, example: 10000000000000000000}
        signed: {type: integer, minimum: -1, maximum: 18446744073709551615}
        huge: {type: integer, format: int128}
        huger: {type: integer, format: uint128, example: 1}
        wide: {type: integer, format: int32, default: 3000000000}
        floaty: {type: integer, maximum: 1.0e30}
",
    );
    let widths: Vec<(&str, Type)> = fields
        .iter()
        .map(|f| (f.wire.as_str(), f.ty.clone()))
        .collect();
    let expected = [
        ("plain", I64),
        ("small", I32),
        ("unsigned", U64),
        ("bounded", U64),
        ("listed", U64),
        ("example", U64),
        ("signed", I128),
        ("huge", I128),
        ("huger", U128),
        ("wide", I64),
        ("floaty", I128),
    ];
    let expected: Vec<(&str, Type)> = expected
        .into_iter()
        .map(|(wire, width)| (wire, Type::Integer(width)))
        .collect();
    assert_eq!(widths, expected);
}

#[test]
fn a_ref_to_any_place_is_the_type_of_that_place_whatever_the_order() {
    use crate::ir::{Origin, Position};
    let doc = r##"
openapi: 3.0.3
info: {title: T, version: '1'}
paths:
  /first:
    get:
      operationId: first
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                type: object
                properties:
                  later: {$ref: '#/paths/~1second/get/responses/404/content/application~1json/schema/properties/inner'}
                  item: {$ref: '#/components/schemas/A/properties/list/items'}
                  again: {$ref: '#/components/schemas/A/properties/list/items'}
  /second:
    get:
      operationId: second
      responses:
        '404':
          description: gone
          content:
            application/json:
              schema:
                type: object
                properties:
                  inner: {type: object, properties: {why: {type: string}}}
                  a: {$ref: '#/components/schemas/A'}
components:
  schemas:
    A:
      type: object
      properties:
        list: {type: array, items: {type: object, properties: {n: {type: integer}}}}
"##;
    let api = super::lower(
        &crate::load::load(doc, "test.yaml").unwrap(),
        Default::default(),
    )
    .unwrap();
    let first = match &api.types[0].kind {
        TypeKind::Struct(fields) => fields.clone(),
        other => panic!("{other:?}"),
    };
    let ty = |wire: &str| {
        first
            .iter()
            .find(|f| f.value.wire == wire)
            .unwrap()
            .value
            .ty
            .clone()
    };
    let origin = |ty: &Type| match ty {
        Type::Named(id) => api.ty(*id).origin.clone(),
        other => panic!("{other:?}"),
    };
    // The 404 body's `inner`, as if declared there: the second operation's, at its position.
    assert!(
        matches!(origin(&ty("later")), Origin::Inline { operation: 1, position: Position::Error { rank: 0, .. }, path, .. } if path == ["inner"]),
        "{:?}",
        origin(&ty("later"))
    );
    // Items add no segment: the items of `A.list` are `A`'s type at the path `list`.
    assert_eq!(ty("item"), ty("again"));
    assert_eq!(
        origin(&ty("item")),
        Origin::Component {
            name: "A".into(),
            path: vec!["list".into()]
        }
    );
    // The places themselves, lowered after the `$ref`s, are the same types.
    let second = api.operations[1].responses[0].body.as_ref().unwrap();
    let Some(Type::Named(body)) = second.json() else {
        panic!("{second:?}")
    };
    let TypeKind::Struct(fields) = &api.ty(*body).kind else {
        panic!()
    };
    assert_eq!(fields[0].value.ty, ty("later"));
    let a_list = api.types.iter().filter(|t| matches!(&t.origin, Origin::Component { name, path } if name == "A" && path == &["list"])).count();
    assert_eq!(a_list, 1, "one type for A.list's items");
}

#[test]
fn properties_beside_a_one_of_are_merged_into_each_variant() {
    let doc_fields = |api: &Unnamed, id: crate::ir::TypeId| -> Vec<String> {
        match &api.ty(id).kind {
            TypeKind::Struct(fields) => fields.iter().map(|f| f.value.wire.clone()).collect(),
            other => panic!("{other:?}"),
        }
    };
    let text = r##"
openapi: 3.0.3
info: {title: T, version: '1'}
paths:
  /c:
    get:
      operationId: getC
      responses:
        '200':
          description: ok
          content: {application/json: {schema: {$ref: '#/components/schemas/C'}}}
components:
  schemas:
    C:
      type: object
      properties:
        pet:
          type: object
          required: [id, kind]
          properties: {id: {type: string}, kind: {type: string}}
          oneOf:
            - $ref: '#/components/schemas/Cat'
            - {type: object, properties: {bark: {type: boolean}}}
          discriminator: {propertyName: kind, mapping: {cat: '#/components/schemas/Cat'}}
    Cat:
      type: object
      properties: {kind: {type: string, enum: [cat]}, lives: {type: integer}}
"##;
    let api = super::lower(
        &crate::load::load(text, "test.yaml").unwrap(),
        Default::default(),
    )
    .unwrap();
    let union = api
        .types
        .iter()
        .find_map(|t| match &t.kind {
            TypeKind::Union(u) => Some(u.clone()),
            _ => None,
        })
        .unwrap();
    assert_eq!(union.discriminator.as_deref(), Some("kind"));
    let [cat, other] = &union.variants[..] else {
        panic!("{union:?}")
    };
    assert_eq!(
        (cat.label.as_str(), &cat.tags[..]),
        ("Cat", &["cat".to_owned()][..])
    );
    let (Type::Named(cat_id), Type::Named(other_id)) = (&cat.ty, &other.ty) else {
        panic!("{union:?}")
    };
    // The shared properties first, the branch's after; a branch's `kind` replaces the shared.
    assert_eq!(doc_fields(&api, *cat_id), ["id", "kind", "lives"]);
    assert_eq!(doc_fields(&api, *other_id), ["id", "kind", "bark"]);
    let TypeKind::Struct(cat_fields) = &api.ty(*cat_id).kind else {
        panic!()
    };
    assert!(
        cat_fields
            .iter()
            .all(|f| f.value.required == (f.value.wire != "lives"))
    );
    assert!(
        matches!(&api.ty(*cat_id).origin, crate::ir::Origin::Component { name, path } if name == "C" && path == &["pet", "Cat"])
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
    let api = super::lower(
        &crate::load::load(doc, "test.yaml").unwrap(),
        Default::default(),
    )
    .unwrap();
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

/// A document with a degraded construct in a component two operations use, and one in an
/// operation of its own.
const DEGRADED: &str = r##"
openapi: 3.1.0
info: {title: T, version: '1'}
paths:
  /a:
    get:
      operationId: a
      responses:
        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Box'}}}}
  /b/{id}:
    get:
      operationId: b
      responses:
        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Box'}}}}
  /c:
    get:
      operationId: c
      responses:
        '204': {description: done}
components:
  schemas:
    Box:
      type: object
      properties:
        lid: {type: 'null'}
        pair: {type: array, prefixItems: [{type: string}, {type: number}], items: false}
        odd: {if: {type: string}, then: {minLength: 1}}
"##;

#[test]
fn limitations_are_tied_to_every_operation_that_holds_them_and_exact_types_need_none() {
    let api = super::lower(
        &crate::load::load(DEGRADED, "test.yaml").unwrap(),
        Default::default(),
    )
    .unwrap();
    let found: Vec<(&str, &[usize])> = (api.limitations.iter())
        .map(|l| (l.pointer.as_str(), l.operations.as_slice()))
        .collect();
    assert_eq!(
        found,
        [
            ("#/components/schemas/Box/properties/odd/if", &[0, 1][..]),
            ("#/paths/~1b~1{id}/get", &[1][..]),
        ]
    );
    let box_ = api.types.iter().find(|t| {
        t.given.is_none()
            && matches!(&t.origin, crate::ir::Origin::Component { name, .. } if name == "Box")
    });
    let TypeKind::Struct(fields) = &box_.expect("Box is a struct").kind else {
        panic!("Box is a struct");
    };
    let types: Vec<&Type> = fields.iter().map(|f| &f.value.ty).collect();
    assert_eq!(
        types,
        [
            &Type::Null,
            &Type::Tuple(vec![Type::String, Type::Number]),
            &Type::Any
        ]
    );
}

#[test]
fn an_integer_marked_as_a_duration_or_a_unix_time_is_a_time_type_and_other_marks_are_refused() {
    use crate::ir::TimeUnit;
    let doc = |properties: &str| {
        format!(
            r##"
openapi: 3.0.3
info: {{title: T, version: '1'}}
paths:
  /t:
    get:
      operationId: t
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                type: object
                properties:
{properties}
"##
        )
    };
    let lower = |properties: &str| {
        let doc = doc(properties);
        super::lower(
            &crate::load::load(&doc, "test.yaml").unwrap(),
            Default::default(),
        )
    };
    let api = lower(
        "                  ttl: {type: integer, x-duration: seconds}\n\
         \x20                 at: {type: integer, format: int64, x-unix-time: milliseconds}\n\
         \x20                 times: {type: array, items: {type: integer, x-unix-time: seconds}}\n\
         \x20                 delay: {type: integer, x-duration: milliseconds}",
    )
    .unwrap();
    let TypeKind::Struct(fields) = &api.types[0].kind else {
        panic!("a struct");
    };
    let types: Vec<&Type> = fields.iter().map(|f| &f.value.ty).collect();
    assert_eq!(
        types,
        [
            &Type::Duration(TimeUnit::Seconds),
            &Type::UnixTime(TimeUnit::Millis),
            &Type::Array(Box::new(Type::UnixTime(TimeUnit::Seconds))),
            &Type::Duration(TimeUnit::Millis),
        ]
    );
    let at = "#/paths/~1t/get/responses/200/content/application~1json/schema/properties";
    for (property, pointer, reason) in [
        (
            "ttl: {type: number, x-duration: seconds}",
            format!("{at}/ttl/x-duration"),
            "`x-duration` marks an integer",
        ),
        (
            "ttl: {type: integer, x-duration: hours}",
            format!("{at}/ttl/x-duration"),
            "`x-duration` is `seconds` or `milliseconds`, not `\"hours\"`",
        ),
        (
            "ttl: {type: integer, x-duration: seconds, x-unix-time: seconds}",
            format!("{at}/ttl/x-unix-time"),
            "cannot both mark one integer",
        ),
    ] {
        let error = lower(&format!("                  {property}"))
            .expect_err(property)
            .to_string();
        assert!(
            error.contains(&pointer) && error.contains(reason),
            "{property}: {error}"
        );
    }
}
