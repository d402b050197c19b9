//! Where each documented error body says what went wrong, found through its model's fields.

use crate::naming::Name;
use crate::plan::{Access, Presence, Step};

const DOC: &str = r##"
openapi: 3.0.3
info: {title: T, version: '1'}
paths:
  /a:
    get:
      operationId: getA
      responses:
        '200': {description: Ok}
        '400': {description: Bad, content: {application/json: {schema: {$ref: '#/components/schemas/Problem'}}}}
        '500':
          description: Broken
          content: {application/json: {schema: {type: object, properties: {detail: {type: string}}}}}
  /b:
    post:
      operationId: postB
      responses:
        '200': {description: Ok}
        '409': {description: Conflict, content: {application/json: {schema: {$ref: '#/components/schemas/Problem'}}}}
        '422': {description: Unreadable, content: {text/plain: {schema: {type: string}}}}
components:
  schemas:
    Problem:
      type: object
      required: [error]
      properties:
        error:
          type: object
          required: [message]
          properties:
            message: {type: string}
            code: {type: integer}
            hints: {type: array, items: {type: string}}
        trace: {type: string}
"##;

const CONFIG: &str = r#"
[crate]
name = "t"
version = "0.1.0"
description = "t"
[client]
name = "C"
user_agent = "t"
[errors]
message = ["/error/message", "/detail", "/error/hints/1"]
code = ["/error/code"]
request_id = [{ body = "/trace" }, { header = "x-id" }, { body = "/missing" }]
"#;

/// `check` of the plan of `doc` with the config `config`.
fn with_plan<T>(doc: &str, config: &str, check: impl FnOnce(&super::super::Plan) -> T) -> T {
    let config = crate::Config::from_toml(config).unwrap();
    let api = crate::lower::lower(
        &crate::load::load(doc, "t.yaml").unwrap(),
        Default::default(),
    )
    .unwrap();
    let (api, names) = crate::naming::name(api, &config).unwrap();
    check(&super::super::plan(&api, &config, names).unwrap())
}

fn field(name: &str, presence: Presence) -> Step {
    Step::Field(Name::new(name.to_owned()), presence)
}

#[test]
fn each_error_model_gets_the_places_it_has_and_only_those() {
    with_plan(DOC, CONFIG, |plan| {
        let bodies: Vec<(String, Vec<Access>, usize, Vec<&str>)> = (plan.error_bodies.iter())
            .map(|b| {
                let ids = b.request_ids.iter().map(|(p, _)| p.as_str()).collect();
                (b.ty.to_string(), b.message.clone(), b.code.len(), ids)
            })
            .collect();
        let problem_message = vec![
            Access {
                steps: vec![
                    field("error", Presence::Required),
                    field("message", Presence::Required),
                ],
            },
            Access {
                steps: vec![
                    field("error", Presence::Required),
                    field("hints", Presence::Optional),
                    Step::Item(1),
                ],
            },
        ];
        let detail = vec![Access {
            steps: vec![field("detail", Presence::Optional)],
        }];
        // The code is an integer, not text: no `code()`. `/missing` is in no body.
        assert_eq!(
            bodies,
            [
                ("Problem".to_owned(), problem_message, 0, vec!["/trace"]),
                ("GetAResponseBody".to_owned(), detail, 0, vec![]),
            ]
        );
        // Two models, so no `error_body()` of one type.
        assert_eq!(plan.error_body, None);
    });
}

#[test]
fn one_model_for_every_error_is_the_crates_error_body() {
    let doc = DOC.replace(
        "content: {application/json: {schema: {type: object, properties: {detail: {type: string}}}}}",
        "content: {application/json: {schema: {$ref: '#/components/schemas/Problem'}}}",
    );
    with_plan(&doc, CONFIG, |plan| {
        let body = plan.error_body.as_ref().map(ToString::to_string);
        assert_eq!(body.as_deref(), Some("Problem"));
    });
    // A JSON error body that is not a model of its own (a string) leaves no one model.
    let doc = doc.replace(
        "text/plain: {schema: {type: string}}",
        "application/json: {schema: {type: string}}",
    );
    with_plan(&doc, CONFIG, |plan| assert_eq!(plan.error_body, None));
}
