//! What `send()` succeeds with, decided from the success responses; how it writes inputs
//! that are not text.

use super::{CaseBody, FormValue, PartValue, Plan, Success, Written};
use crate::ir::{Status, Style, Type};

const DOC: &str = r##"
openapi: 3.0.3
info: {title: T, version: '1'}
paths:
  /same:
    post:
      operationId: sameBodies
      responses:
        '200': {description: Done, content: {application/json: {schema: {$ref: '#/components/schemas/Widget'}}}}
        '202': {description: Later, content: {application/json: {schema: {$ref: '#/components/schemas/Widget'}}}}
        '204': {description: Nothing}
  /different:
    put:
      operationId: putWidget
      responses:
        '200': {description: Replaced, content: {application/json: {schema: {$ref: '#/components/schemas/Widget'}}}}
        '201': {description: Made, content: {application/json: {schema: {$ref: '#/components/schemas/WidgetCreated'}}}}
        '204': {description: Unchanged}
        '400': {description: Bad}
  /report:
    get:
      operationId: getReport
      responses:
        '200': {description: The CSV, content: {text/csv: {schema: {type: string}}}}
        '203': {description: A copy, content: {application/json: {schema: {$ref: '#/components/schemas/Widget'}}}}
        2XX: {description: Not ready, content: {application/json: {schema: {$ref: '#/components/schemas/WidgetCreated'}}}}
components:
  schemas:
    Widget: {type: object, properties: {id: {type: string}}}
    WidgetCreated: {type: object, properties: {location: {type: string}}}
"##;

/// `check` of the plan of [`DOC`].
fn with_plan<T>(check: impl FnOnce(&Plan) -> T) -> T {
    with_plan_of(DOC, check)
}

/// `check` of the plan of `doc`.
fn with_plan_of<T>(doc: &str, check: impl FnOnce(&Plan) -> T) -> T {
    let config = crate::Config::from_toml(
        "[crate]\nname = \"t\"\nversion = \"0.1.0\"\ndescription = \"t\"\n[client]\nname = \"C\"\nuser_agent = \"t\"\n",
    )
    .unwrap();
    let api = crate::lower::lower(
        &crate::load::load(doc, "t.yaml").unwrap(),
        Default::default(),
    )
    .unwrap();
    let (api, names) = crate::naming::name(api, &config).unwrap();
    check(&super::plan(&api, &config, names).unwrap())
}

/// A success status, its variant and its body as text.
type Case = (Status, String, String);

/// The success of each operation of [`DOC`], with its cases.
fn successes() -> Vec<(String, Vec<Case>)> {
    with_plan(|plan| {
        let ty = |ty: &Type| match ty {
            Type::Named(id) => plan.api.ty(*id).name.clone(),
            other => format!("{other:?}"),
        };
        plan.operations()
            .map(|(_, op)| match &op.success {
                Success::ByStatus { name, cases, .. } => {
                    let cases = cases.iter().map(|c| {
                        let body = match c.body {
                            CaseBody::Json(t) => ty(t),
                            CaseBody::Bytes => "bytes".to_owned(),
                            CaseBody::Empty => "()".to_owned(),
                        };
                        (c.response.status, c.variant.to_string(), body)
                    });
                    (name.to_string(), cases.collect())
                }
                Success::Json { ty: t, optional } => (format!("{} {optional}", ty(t)), Vec::new()),
                other => (format!("{other:?}"), Vec::new()),
            })
            .collect()
    })
}

#[test]
fn success_bodies_of_one_type_are_that_type_and_different_ones_an_enum_by_status() {
    let code = |text: &str, variant: &str, body: &str| {
        let status = match text {
            "2XX" => Status::Range(2),
            code => Status::Code(code.parse().unwrap()),
        };
        (status, variant.to_owned(), body.to_owned())
    };
    let expected = vec![
        // 200 and 202 of one type, beside a 204 without a body: one type, optional.
        ("Widget true".to_owned(), vec![]),
        (
            "PutWidgetSuccess".to_owned(),
            vec![
                code("200", "Ok", "Widget"),
                code("201", "Created", "WidgetCreated"),
                code("204", "NoContent", "()"),
            ],
        ),
        // A body that is not JSON is bytes; a range is named by its class, after the codes.
        (
            "GetReportSuccess".to_owned(),
            vec![
                code("200", "Ok", "bytes"),
                code("203", "NonAuthoritativeInformation", "Widget"),
                code("2XX", "Status2XX", "WidgetCreated"),
            ],
        ),
    ];
    assert_eq!(successes(), expected);
}

#[test]
fn an_enum_by_status_refuses_another_2xx_status_unless_the_range_is_documented() {
    let refuses = with_plan(|plan| {
        plan.operations()
            .map(|(_, op)| (op.op.id.clone(), op.success.refuses_other_2xx()))
            .collect::<Vec<_>>()
    });
    let expected = [
        ("sameBodies", false),
        ("putWidget", true),
        ("getReport", false),
    ];
    let expected: Vec<(String, bool)> = expected
        .iter()
        .map(|(id, r)| ((*id).to_owned(), *r))
        .collect();
    assert_eq!(refuses, expected);
}

#[test]
fn values_that_are_not_text_or_not_in_the_default_style_are_written_by_their_json() {
    const PARAMS: &str = r##"
openapi: 3.0.3
info: {title: T, version: '1'}
paths:
  /q:
    get:
      operationId: query
      parameters:
        - {name: plain, in: query, schema: {type: array, items: {type: string}}}
        - {name: ids, in: query, explode: false, schema: {type: array, items: {type: string}}}
        - {name: exploded, in: query, style: pipeDelimited, explode: true, schema: {type: array, items: {type: string}}}
        - {name: words, in: query, style: spaceDelimited, schema: {type: array, items: {type: string}}}
        - {name: page, in: query, schema: {$ref: '#/components/schemas/Obj'}}
        - {name: filter, in: query, style: deepObject, schema: {$ref: '#/components/schemas/Obj'}}
        - {name: id, in: header, schema: {type: string}}
      responses: {'204': {description: ok}}
  /form:
    post:
      operationId: form
      requestBody:
        content:
          application/x-www-form-urlencoded:
            schema: {type: object, properties: {name: {type: string}, obj: {$ref: '#/components/schemas/Obj'}, any: {}}}
      responses: {'204': {description: ok}}
  /parts:
    post:
      operationId: parts
      requestBody:
        content:
          multipart/form-data:
            schema:
              type: object
              properties:
                file: {type: string, format: binary}
                tags: {type: array, items: {type: string}}
                obj: {$ref: '#/components/schemas/Obj'}
                other: {$ref: '#/components/schemas/Obj'}
                map: {type: object, additionalProperties: {type: integer}}
            encoding:
              other: {contentType: 'text/plain, application/vnd.obj+json'}
              tags: {contentType: text/csv}
      responses: {'204': {description: ok}}
components:
  schemas:
    Obj: {type: object, properties: {a: {type: string}}}
"##;
    let written = with_plan_of(PARAMS, |plan| {
        plan.operations()
            .flat_map(|(_, op)| op.inputs.iter())
            .map(|i| (i.value.wire.clone(), i.written.clone()))
            .collect::<Vec<_>>()
    });
    let json = |media_type: &str| Written::Part(PartValue::Json(media_type.to_owned()));
    let deep = Written::Form(FormValue::Styled(Style::DeepObject));
    let expected = [
        ("plain", Written::Query),
        ("ids", Written::StyledQuery(Style::Form { explode: false })),
        // Exploded, the delimited styles are `form`'s: a pair per item.
        ("exploded", Written::Query),
        ("words", Written::StyledQuery(Style::SpaceDelimited)),
        ("page", Written::StyledQuery(Style::Form { explode: true })),
        ("filter", Written::StyledQuery(Style::DeepObject)),
        ("id", Written::Header { secret: false }),
        ("name", Written::Form(FormValue::Text)),
        ("obj", deep.clone()),
        ("any", deep),
        ("file", Written::Part(PartValue::File)),
        ("tags", Written::Part(PartValue::Text)),
        ("obj", json("application/json")),
        // The first JSON media type of the encoding's list.
        ("other", json("application/vnd.obj+json")),
        ("map", json("application/json")),
    ];
    let expected: Vec<_> = (expected.into_iter())
        .map(|(wire, written)| (wire.to_owned(), written))
        .collect();
    assert_eq!(written, expected);
}

/// Three groups and a webhook: models shared and not, reached through unions, `allOf`, arrays,
/// maps and nesting, one reached by nothing, and a group named like a feature of the crate.
const GROUPS: &str = r##"
openapi: 3.0.3
info: {title: T, version: '1'}
paths:
  /pets:
    get:
      operationId: listPets
      tags: [Pets]
      responses:
        '200': {description: Pets, content: {application/json: {schema: {type: array, items: {$ref: '#/components/schemas/Pet'}}}}}
        '404': {description: None, content: {application/json: {schema: {$ref: '#/components/schemas/Error'}}}}
  /owners:
    post:
      operationId: createOwner
      tags: [Owners]
      requestBody: {content: {application/json: {schema: {$ref: '#/components/schemas/Owner'}}}}
      responses:
        '204': {description: Made}
        '400': {description: Bad, content: {application/json: {schema: {$ref: '#/components/schemas/Error'}}}}
  /stores:
    get:
      operationId: getStore
      tags: [Stores]
      responses:
        '200': {description: A store, content: {application/json: {schema: {$ref: '#/components/schemas/Store'}}}}
  /util:
    get:
      operationId: getUtil
      tags: [Test Util]
      responses:
        '204': {description: Nothing}
x-webhooks:
  pet.adopted:
    post:
      requestBody: {content: {application/json: {schema: {$ref: '#/components/schemas/Adoption'}}}}
      responses: {'200': {description: Received}}
components:
  schemas:
    Error: {type: object, properties: {message: {type: string}}}
    Pet:
      type: object
      properties:
        kind: {$ref: '#/components/schemas/Kind'}
        toys: {type: object, additionalProperties: {$ref: '#/components/schemas/Toy'}}
        marking: {anyOf: [{$ref: '#/components/schemas/Mood'}, {type: integer}]}
    Kind: {oneOf: [{$ref: '#/components/schemas/Cat'}, {$ref: '#/components/schemas/Dog'}]}
    Cat: {type: object, required: [lives], properties: {lives: {type: integer}}}
    Dog: {type: object, required: [owner], properties: {owner: {$ref: '#/components/schemas/Owner'}}}
    Toy: {type: object, properties: {name: {type: string}}}
    Owner: {type: object, properties: {name: {type: string}, mood: {$ref: '#/components/schemas/Mood'}}}
    Mood: {type: string, enum: [calm, busy]}
    Place: {type: object, properties: {city: {type: string}}}
    Store:
      allOf:
        - $ref: '#/components/schemas/Place'
        - type: object
          properties:
            stock: {type: array, items: {$ref: '#/components/schemas/Toy'}}
            label: {title: Label, type: object, properties: {text: {type: string}}}
    Label: {type: object, required: [code], properties: {code: {type: integer}}}
    Adoption: {type: object, properties: {owner: {$ref: '#/components/schemas/Owner'}}}
"##;

#[test]
fn each_model_is_compiled_with_the_features_of_the_operations_that_reach_it() {
    use super::Gate;
    let (gates, groups, known, warnings) = with_plan_of(GROUPS, |plan| {
        let gates: Vec<(String, Vec<String>)> = (plan.models.iter())
            .map(|m| (m.name.to_string(), m.gate.features().to_vec()))
            .collect();
        let groups: Vec<(String, String)> = (plan.groups.iter())
            .map(|g| (g.module.to_string(), g.feature.clone()))
            .collect();
        let known = plan.models.iter().find_map(|m| match &m.kind {
            super::ModelKind::Enum(e) if m.name.as_str() == "Mood" => e.is_known.clone(),
            _ => None,
        });
        let warnings: Vec<String> = plan.api.limitations.iter().map(|l| l.message()).collect();
        (gates, groups, known, warnings)
    });
    let gate = |name: &str| {
        let (_, features) = gates.iter().find(|(n, _)| n == name).expect(name);
        features.join(" ")
    };
    // Shared by two groups' errors.
    assert_eq!(gate("Error"), "owners pets");
    // One group's, through an array, a union and a map.
    for name in ["Pet", "Kind", "Cat", "Dog"] {
        assert_eq!(gate(name), "pets", "{name}");
    }
    // A request body of one group, inside a union variant of another, and in a webhook's payload.
    assert_eq!(gate("Owner"), "owners pets webhooks");
    assert_eq!(gate("Mood"), "owners pets webhooks");
    // Only Pets tries `Mood` as a variant of a union without a discriminator.
    assert_eq!(known, Some(Gate::feature("pets")));
    // Through a map of one group and an array merged by `allOf` into another's.
    assert_eq!(gate("Toy"), "pets stores");
    assert_eq!(gate("Store"), "stores");
    assert_eq!(gate("Adoption"), "webhooks");
    // Declared for the inline shape titled like it, which has another shape: reached by nothing.
    assert_eq!(gate("Label"), "full");
    assert_eq!(
        groups,
        [
            ("owners".to_owned(), "owners".to_owned()),
            ("pets".to_owned(), "pets".to_owned()),
            ("stores".to_owned(), "stores".to_owned()),
            ("test_util".to_owned(), "test-util-2".to_owned()),
        ]
    );
    let collision = "#/paths/~1util/get: the Cargo feature of the group `Test Util` is generated \
                     as `test-util-2`, because the crate has a feature `test-util` of its own";
    assert!(warnings.iter().any(|w| w == collision), "{warnings:?}");
}

#[test]
fn a_crate_without_a_client_has_no_features_of_its_parts() {
    let doc = r##"
openapi: 3.1.0
info: {title: T, version: '1'}
webhooks:
  pet.adopted:
    post:
      requestBody: {content: {application/json: {schema: {$ref: '#/components/schemas/Adoption'}}}}
      responses: {'200': {description: Received}}
components:
  schemas:
    Adoption: {type: object, properties: {name: {type: string}}}
"##;
    with_plan_of(doc, |plan| {
        assert!(plan.part_features().is_empty());
        assert!(plan.models.iter().all(|m| m.gate == super::Gate::Always));
    });
}
