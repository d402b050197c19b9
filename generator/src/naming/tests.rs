//! Table-driven tests of the naming rules documented in the module.

use super::types::{first_free, inline_candidates};
use super::*;
use crate::ir::{Position, Status};

#[test]
fn pascal_upper_cases_initialisms() {
    let cases = [
        ("createApiKey", "CreateAPIKey"),
        ("getApiKeys", "GetAPIKeys"),
        ("API Keys", "APIKeys"),
        ("getAPIKeySecret", "GetAPIKeySecret"),
        ("apiKeyID", "APIKeyId"),
        ("rapid_fire", "RapidFire"),
        ("list-users", "ListUsers"),
    ];
    for (input, expected) in cases {
        assert_eq!(pascal(input), expected, "pascal({input:?})");
    }
}

#[test]
fn snake_case_methods_and_fields() {
    let cases = [
        ("createApiKey", "create_api_key"),
        ("apiKeyID", "api_key_id"),
        ("seconds_until_expiration", "seconds_until_expiration"),
        ("2fa", "_2fa"),
        ("", "value"),
        ("+1", "plus_1"),
        ("-1", "minus_1"),
        ("200", "v200"),
        ("frontendApi", "frontend_api"),
    ];
    for (input, expected) in cases {
        assert_eq!(snake(input), expected, "snake({input:?})");
    }
}

#[test]
fn keywords_become_raw_or_suffixed() {
    let cases = [
        ("type", "r#type"),
        ("match", "r#match"),
        ("self", "self_"),
        ("Self", "Self_"),
        ("crate", "crate_"),
        ("name", "name"),
    ];
    for (input, expected) in cases {
        assert_eq!(ident(input).to_string(), expected, "ident({input:?})");
    }
}

#[test]
fn enum_variants() {
    let cases = [
        ("api_key", "ApiKey"),
        ("true", "True"),
        ("", "Empty"),
        ("2xx", "V2xx"),
        ("in-progress", "InProgress"),
        ("self", "Self_"),
    ];
    for (input, expected) in cases {
        assert_eq!(variant_name(input), expected, "variant_name({input:?})");
    }
}

#[test]
fn type_names_are_identifiers() {
    let cases = [
        ("Pet", "Pet"),
        ("", "Empty"),
        ("42", "V42"),
        ("1StBuilder", "V1StBuilder"),
        ("Self", "Self_"),
        ("SelfBuilder", "SelfBuilder"),
    ];
    for (input, expected) in cases {
        assert_eq!(
            type_name(input.to_owned()),
            expected,
            "type_name({input:?})"
        );
        assert!(syn::parse_str::<syn::Ident>(expected).is_ok(), "{expected}");
    }
}

fn error(rank: usize, status: u16) -> Position {
    Position::Error {
        rank,
        status: crate::ir::Status::Code(status),
    }
}

/// Names an operation's inline types, given in visiting order, as the naming pass does.
fn name_all(types: &[(Position, &[&str])]) -> Vec<String> {
    let mut taken = BTreeSet::new();
    types
        .iter()
        .map(|(position, path)| {
            let path: Vec<String> = path.iter().map(|s| s.to_string()).collect();
            let name = first_free(
                inline_candidates("CreateAPIKey", "APIKeys", position, &path),
                |name| taken.contains(name),
            );
            taken.insert(name.clone());
            name
        })
        .collect()
}

#[test]
fn inline_type_names_follow_position() {
    let names = name_all(&[
        (Position::RequestBody, &[]),
        (Position::Success, &[]),
        (Position::Success, &["object"]),
        (error(0, 400), &[]),
        (error(0, 400), &["errors"]),
        (error(1, 409), &[]),
        (error(1, 409), &["errors"]),
        (error(2, 422), &[]),
        (error(2, 422), &["errors"]),
        (error(3, 500), &[]),
        (error(3, 500), &["errors"]),
    ]);
    let expected = [
        "CreateAPIKeyRequestBody",
        "CreateAPIKeyResponseBody",
        "CreateAPIKeyObject",
        "CreateAPIKeyAPIKeysResponseBody",
        "CreateAPIKeyErrors",
        "CreateAPIKeyAPIKeysResponseResponseBody",
        "CreateAPIKeyAPIKeysErrors",
        "CreateAPIKeyAPIKeysResponse422ResponseBody",
        "CreateAPIKeyAPIKeysResponseErrors",
        "CreateAPIKeyAPIKeysResponse500ResponseBody",
        "CreateAPIKeyAPIKeysResponseErrors2",
    ];
    assert_eq!(names, expected);
}

#[test]
fn nested_paths_and_parameters() {
    let names = name_all(&[
        (Position::Parameter("include_invalid".into()), &[]),
        (Position::Success, &[]),
        (Position::Success, &["data"]),
        (Position::Success, &["data", "object"]),
    ]);
    assert_eq!(
        names,
        [
            "CreateAPIKeyIncludeInvalid",
            "CreateAPIKeyResponseBody",
            "CreateAPIKeyData",
            "CreateAPIKeyDataObject"
        ]
    );
}

#[test]
fn variants_that_differ_only_in_case_get_camel_case_names() {
    let mut names: Vec<String> = ["self", "Self", "SELF", "next", "Next"]
        .iter()
        .map(|v| variant_name(v))
        .collect();
    dedupe(names.iter_mut(), "");
    assert_eq!(names, ["Self_", "Self2", "Self3", "Next", "Next2"]);
}

#[test]
fn dedupe_adds_suffixes_in_order() {
    let mut names = vec![
        "frontend_api".to_owned(),
        "frontend_api".to_owned(),
        "other".to_owned(),
        "frontend_api".to_owned(),
    ];
    dedupe(names.iter_mut(), "_");
    assert_eq!(
        names,
        ["frontend_api", "frontend_api_2", "other", "frontend_api_3"]
    );
}

#[test]
fn reserved_names_get_a_trailing_underscore() {
    for name in RESERVED {
        assert_eq!(reserved((*name).to_owned()), format!("{name}_"));
    }
    for name in ["Error", "Client", "Value", "Options", "Self_", "StringList"] {
        assert_eq!(reserved(name.to_owned()), name);
    }
}

/// A document whose inline schemas are named by `title`, for the tests below.
const NAMED: &str = r##"
openapi: 3.0.3
info: {title: T, version: '1'}
paths:
  /things/{id}:
    parameters:
      - {name: id, in: path, required: true, schema: {type: string}}
    get:
      operationId: getThing
      responses:
        '200':
          description: OK
          content:
            application/json:
              schema:
                title: Thing
                type: object
                description: A thing, as read.
                required: [id]
                properties:
                  id: {type: string, description: Its id.}
                  kind: {type: string, enum: [a, b]}
        '404':
          description: Not found
          content:
            application/json:
              schema: {title: Problem, type: object, properties: {message: {type: string}}}
    patch:
      operationId: updateThing
      responses:
        '200':
          description: OK
          content:
            application/json:
              schema:
                title: Thing
                type: object
                properties:
                  kind: {type: string, enum: [b, a]}
                  id: {type: string, description: Another description, same shape.}
                required: [id]
  /things:
    get:
      operationId: listThings
      responses:
        '200':
          description: OK
          content:
            application/json:
              schema:
                title: Things
                type: array
                items:
                  type: object
                  properties:
                    id: {type: string}
                    otp: {$ref: '#/components/schemas/verification_otp'}
components:
  schemas:
    Problem:
      type: object
      properties:
        message: {type: string}
    verification_otp:
      x-speakeasy-name-override: OTP
      type: object
      properties:
        code: {type: string}
        status: {type: string, enum: [new, used]}
"##;

fn named(doc: &str) -> Result<Api> {
    named_with(doc, Default::default())
}

fn named_with(doc: &str, options: crate::lower::Options) -> Result<Api> {
    let api = crate::lower::lower(&crate::load::load(doc, "named.yaml")?, options)?;
    let config = Config::from_toml(
        "[crate]\nname = \"t\"\nversion = \"0.1.0\"\ndescription = \"t\"\n[client]\nname = \"C\"\nuser_agent = \"t\"\n",
    )?;
    Ok(name(api, &config)?.0)
}

#[test]
fn named_inline_schemas_of_one_shape_are_one_type_and_keep_their_names_as_aliases() {
    let api = named(NAMED).unwrap();
    let types: Vec<&str> = api.types.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(
        types.iter().filter(|n| **n == "Thing").count(),
        1,
        "{types:?}"
    );
    assert!(types.contains(&"ThingKind"), "{types:?}");
    // The 404 body is named like the component `Problem` and has its shape: it is that type.
    assert_eq!(
        types.iter().filter(|n| **n == "Problem").count(),
        1,
        "{types:?}"
    );
    // A component renamed by `x-speakeasy-name-override`, kept as written.
    assert!(
        types.contains(&"OTP") && types.contains(&"OTPStatus"),
        "{types:?}"
    );
    // The items of a titled array are not named by its title.
    assert!(!types.contains(&"Things"), "{types:?}");
    assert!(types.contains(&"ListThingsResponseBody"), "{types:?}");
    let aliases: BTreeMap<&str, &str> = api
        .aliases
        .iter()
        .map(|a| (a.name.as_str(), api.ty(a.target).name.as_str()))
        .collect();
    let expected = [
        ("GetThingResponseBody", "Thing"),
        ("GetThingKind", "ThingKind"),
        ("UpdateThingResponseBody", "Thing"),
        ("UpdateThingKind", "ThingKind"),
        ("GetThingResponseResponseBody", "Problem"),
        ("VerificationOtp", "OTP"),
        ("VerificationOtpStatus", "OTPStatus"),
    ];
    for (alias, target) in expected {
        assert_eq!(aliases.get(alias), Some(&target), "{aliases:?}");
    }
    // Both operations answer with the one type.
    let success = |op: &Operation| op.responses[0].body.as_ref().unwrap().json().cloned();
    assert_eq!(success(&api.operations[0]), success(&api.operations[1]));
}

#[test]
fn a_title_on_two_shapes_names_neither_the_other_keeps_its_place_name() {
    // Two `Thing`s of different shapes: the first keeps the title, the second its place's name.
    let doc = NAMED.replace(
        "kind: {type: string, enum: [b, a]}",
        "kind: {type: integer}",
    );
    let api = named(&doc).unwrap();
    let name = |op: usize| {
        let ty = api.operations[op].responses[0]
            .body
            .as_ref()
            .unwrap()
            .json()
            .cloned();
        match ty {
            Some(crate::ir::Type::Named(id)) => api.ty(id).name.clone(),
            other => panic!("{other:?}"),
        }
    };
    assert_eq!(
        (name(0), name(1)),
        ("Thing".into(), "UpdateThingResponseBody".into())
    );
    // An inline `Problem` unlike the component `Problem`: the component keeps its name.
    let doc = NAMED.replace(
        "properties: {message: {type: string}}}",
        "properties: {text: {type: string}}}",
    );
    let api = named(&doc).unwrap();
    let types: Vec<&str> = api.types.iter().map(|t| t.name.as_str()).collect();
    assert!(
        types.contains(&"Problem") && types.contains(&"GetThingResponseResponseBody"),
        "{types:?}"
    );
}

#[test]
fn status_variants_are_reason_phrases_else_the_status() {
    let cases = [
        (Status::Code(200), "Ok"),
        (Status::Code(201), "Created"),
        (Status::Code(202), "Accepted"),
        (Status::Code(203), "NonAuthoritativeInformation"),
        (Status::Code(204), "NoContent"),
        (Status::Code(206), "PartialContent"),
        (Status::Code(299), "Status299"),
        (Status::Range(2), "Status2XX"),
        (Status::Code(404), "NotFound"),
        (Status::Range(4), "ClientError"),
        (Status::Range(5), "ServerError"),
        (Status::Default, "Default"),
    ];
    for (status, expected) in cases {
        assert_eq!(status_variant(status).as_str(), expected, "{status}");
    }
}

#[test]
fn an_inline_type_named_like_a_component_takes_its_next_candidate() {
    // The components name other shapes; the request body and its nested `options` would be
    // named like them, the success body like none.
    let doc = r##"
openapi: 3.0.3
info: {title: T, version: '1'}
paths:
  /widgets:
    post:
      operationId: createWidget
      tags: [Widgets]
      requestBody:
        content:
          application/json:
            schema:
              type: object
              properties:
                options: {type: object, properties: {fast: {type: boolean}}}
      responses:
        '200':
          description: OK
          content:
            application/json:
              schema:
                type: object
                properties:
                  request: {$ref: '#/components/schemas/CreateWidgetRequestBody'}
                  options: {$ref: '#/components/schemas/CreateWidgetOptions'}
components:
  schemas:
    CreateWidgetRequestBody:
      type: object
      properties:
        name: {type: string}
    CreateWidgetOptions:
      type: object
      properties:
        slow: {type: boolean}
"##;
    let names = |doc: &str| -> Vec<String> {
        let api = named(doc).unwrap();
        api.types.iter().map(|t| t.name.clone()).collect()
    };
    let expected = [
        "CreateWidgetRequestBody2",
        "CreateWidgetWidgetsOptions",
        "CreateWidgetResponseBody",
        "CreateWidgetRequestBody",
        "CreateWidgetOptions",
    ];
    let mut got = names(doc);
    got.sort();
    let mut sorted = expected.map(String::from).to_vec();
    sorted.sort();
    assert_eq!(got, sorted);
    // Another operation before it changes nothing.
    let earlier = doc.replace(
        "paths:\n",
        "paths:\n  /a:\n    get: {operationId: a, responses: {'204': {description: ok}}}\n",
    );
    let mut got = names(&earlier);
    got.sort();
    assert_eq!(got, sorted);
}

/// Two groups' operations that repeat shapes inline, and one that repeats a component's.
const COPIES: &str = r##"
openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /a:
    get:
      operationId: getA
      tags: [Alpha]
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {type: object, properties: {id: {type: string}}}
        '400':
          description: bad
          content:
            application/json:
              schema:
                type: object
                properties:
                  errors: {type: array, items: {type: object, properties: {message: {type: string}}}}
        '404':
          description: gone
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Problem'}
    post:
      operationId: makeA
      tags: [Alpha]
      requestBody:
        content:
          application/json:
            schema: {type: object, properties: {id: {type: string}}}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {type: object, properties: {id: {type: string, description: The new one.}}}
        '422':
          description: bad
          content:
            application/json:
              schema:
                type: object
                properties:
                  errors: {type: array, items: {type: object, properties: {message: {type: string}}}}
  /b:
    get:
      operationId: getB
      tags: [Beta]
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {type: object, properties: {id: {type: string}}}
        '400':
          description: bad
          content:
            application/json:
              schema: {type: object, properties: {code: {type: string}}}
components:
  schemas:
    Problem:
      type: object
      properties:
        code: {type: string}
"##;

#[test]
fn unnamed_copies_of_a_shape_are_one_type_within_a_group_and_role_when_shared() {
    let share = crate::lower::Options { share_copies: true };
    let api = named_with(COPIES, share).unwrap();
    let aliases: BTreeMap<&str, &str> = (api.aliases.iter())
        .map(|a| (a.name.as_str(), api.ty(a.target).name.as_str()))
        .collect();
    // The second error body of the group, and its item inside, are the first's.
    let types: Vec<&str> = api.types.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(
        aliases.get("MakeAAlphaResponseBody"),
        Some(&"GetAAlphaResponseBody"),
        "{aliases:?} {types:?}"
    );
    assert_eq!(
        aliases.get("MakeAErrors"),
        Some(&"GetAErrors"),
        "{aliases:?}"
    );
    // A copy of a component is the component, whatever its group.
    assert_eq!(
        aliases.get("GetBBetaResponseBody"),
        Some(&"Problem"),
        "{aliases:?} {types:?}"
    );
    // Not merged: a request with a success's shape, a success with another description, and
    // another group's success.
    for kept in ["MakeARequestBody", "MakeAResponseBody", "GetBResponseBody"] {
        assert!(types.contains(&kept), "{kept} in {types:?}");
    }
}

#[test]
fn unnamed_copies_stay_apart_by_default() {
    let api = named(COPIES).unwrap();
    assert!(api.aliases.is_empty(), "{:?}", api.aliases);
}
