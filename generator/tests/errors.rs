//! Bad documents are refused with a located error, never a panic; what cannot be typed
//! exactly is degraded with a located warning.

use generator::{Config, Source};

fn config() -> Config {
    Config::from_toml(
        "[crate]\nname = \"t\"\nversion = \"0.1.0\"\ndescription = \"t\"\n[client]\nname = \"Client\"\nuser_agent = \"t\"\n",
    )
    .unwrap()
}

const HEAD: &str = "openapi: 3.0.3\ninfo: {title: T, version: '1'}\n";

/// Renders `text` with `config`: the files, or the error message.
fn render_with(text: &str, config: &Config) -> Result<generator::Files, String> {
    let source = Source {
        name: "test.yaml",
        text,
    };
    generator::render(&source, &[], config).map_err(|e| e.to_string())
}

/// Renders `text` and returns the error message.
fn error(text: &str) -> String {
    match render_with(text, &config()) {
        Ok(_) => panic!("expected an error for:\n{text}"),
        Err(message) => message,
    }
}

/// Renders `text` and returns its warnings, as `api-surface.json` lists them.
fn warnings(text: &str) -> Vec<String> {
    let files = render_with(text, &config()).unwrap_or_else(|e| panic!("{e}\nfor:\n{text}"));
    let surface = generator::surface::Surface::from_json(&files[generator::SURFACE]).unwrap();
    surface.limitations.iter().map(|l| l.message()).collect()
}

/// Documents that are not OpenAPI, and the few mistakes no reading makes sense of, are
/// refused with the node to look at.
#[test]
fn bad_documents_get_located_errors() {
    let ok_response = "responses: {'200': {description: ok}}";
    let cases: Vec<(String, &str)> = vec![
        (
            "openapi: 3.0.3\ninfo: [unclosed\n".into(),
            "test.yaml:3:1: not valid YAML or JSON",
        ),
        (
            "swagger: '2.0'\ninfo: {title: T, version: '1'}\npaths: {}\n".into(),
            "Swagger 2.0 is not supported",
        ),
        (
            "openapi: 3.2.0\ninfo: {title: T, version: '1'}\npaths: {}\n".into(),
            "version 3.2.0 is not supported; only OpenAPI 3.0.x and 3.1.x are",
        ),
        (
            format!("{HEAD}paths: {{/a: {{get: {{operationId: 5, {ok_response}}}}}}}\n"),
            "#/paths: invalid type: integer `5`, expected a string",
        ),
        (
            format!(
                "{HEAD}paths:\n  /a: {{get: {{operationId: a, parameters: [{{$ref: '#/components/schemas/P'}}], {ok_response}}}}}\ncomponents: {{schemas: {{P: {{type: string}}}}}}\n"
            ),
            "#/paths/~1a/get/parameters/0: `$ref: #/components/schemas/P` must point into #/components/parameters/",
        ),
        (
            format!(
                "{HEAD}paths:\n  /a: {{post: {{operationId: a, requestBody: {{content: {{text/plain: {{}}, 'text/é': {{}}}}}}, {ok_response}}}}}\n"
            ),
            "#/paths/~1a/post/requestBody/content/text~1é: a media type must be printable ASCII, without backticks",
        ),
        (
            format!(
                "{HEAD}paths:\n  /a: {{post: {{operationId: a, requestBody: {{content: {{}}}}, {ok_response}}}}}\n"
            ),
            "#/paths/~1a/post/requestBody: a request body needs a media type",
        ),
        (
            format!("{HEAD}paths:\n  /a/{{id/b: {{get: {{operationId: a, {ok_response}}}}}\n"),
            "#/paths/~1a~1{id~1b/get: the path `/a/{id/b` has a `{` left open",
        ),
        (
            format!(
                "{HEAD}paths:\n  /a: {{get: {{operationId: a, responses: {{'200': {{description: ok, content: {{application/json: {{schema: {{$ref: '#/components/schemas/A'}}}}}}}}}}}}}}\ncomponents:\n  schemas:\n    A: {{oneOf: [{{$ref: '#/components/schemas/B'}}, {{type: string}}]}}\n    B: {{anyOf: [{{$ref: '#/components/schemas/A'}}, {{type: integer}}]}}\n"
            ),
            "#/components/schemas/A: a `oneOf` or `anyOf` that is one of its own variants (directly or through other `oneOf`s and `anyOf`s) is not supported",
        ),
    ];
    for (text, expected) in cases {
        let message = error(&text);
        assert!(
            message.contains(expected),
            "expected `{expected}` in `{message}`"
        );
    }
}

/// What the generated code cannot type exactly is generated in a looser form, with a warning
/// that names the node to look at; `strict = true` refuses it there instead.
#[test]
fn constructs_that_cannot_be_typed_exactly_are_degraded_with_located_warnings() {
    let ok_response = "responses: {'200': {description: ok}}";
    let cases: Vec<(String, &str)> = vec![
        (
            "openapi: 3.1.0\ninfo: {title: T, version: '1'}\npaths: {/a: {get: {operationId: a, responses: {'200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/P'}}}}}}}}\ncomponents: {schemas: {P: {type: array, prefixItems: [{type: string}]}}}\n".into(),
            "#/components/schemas/P/prefixItems: the tuple is generated as a list of any JSON values (`Vec<serde_json::Value>`), because items may follow",
        ),
        (
            format!(
                "{HEAD}paths:\n  /a:\n    get:\n      operationId: a\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: {{$ref: '#/components/schemas/Missing'}}\n"
            ),
            "#/paths/~1a/get/responses/200/content/application~1json/schema: `$ref: #/components/schemas/Missing` is generated as any JSON value (`serde_json::Value`), because it points to nothing",
        ),
        (
            format!(
                "{HEAD}paths:\n  /a: {{get: {{operationId: same, {ok_response}}}}}\n  /b: {{get: {{operationId: same, {ok_response}}}}}\n"
            ),
            "#/paths/~1b/get/operationId: operationId `same` is generated as the operationId `same_get`, because #/paths/~1a/get uses `same` already",
        ),
        (
            format!("{HEAD}paths:\n  /a/{{id}}: {{get: {{operationId: a, {ok_response}}}}}\n"),
            "#/paths/~1a~1{id}/get: the path variable `{id}` is generated as a required string path parameter, because no parameter declares it (read as meant)",
        ),
        (
            format!(
                "{HEAD}paths:\n  /a: {{get: {{operationId: a, parameters: [{{name: c, in: cookie, schema: {{type: string}}}}], {ok_response}}}}}\n"
            ),
            "#/paths/~1a/get/parameters/0: the cookie parameter `c` is generated as nothing: a call's `.header(\"Cookie\", …)` sends it, because the SDK sends no cookie parameters",
        ),
        (
            format!(
                "{HEAD}paths:\n  /a: {{post: {{operationId: a, requestBody: {{content: {{application/json: {{schema: {{not: {{type: string}}}}}}}}}}, {ok_response}}}}}\n"
            ),
            "#/paths/~1a/post/requestBody/content/application~1json/schema/not: the schema is generated as any JSON value (`serde_json::Value`), because `not` describes no shape",
        ),
        (
            format!(
                "{HEAD}paths:\n  /a: {{post: {{operationId: a, requestBody: {{content: {{application/json: {{schema: {{allOf: [{{type: object, properties: {{a: {{type: string}}}}}}, {{type: string}}]}}}}}}}}, {ok_response}}}}}\n"
            ),
            "#/paths/~1a/post/requestBody/content/application~1json/schema/allOf: the schema is generated as any JSON value (`serde_json::Value`), because its parts say different types of value (object, string), which no value is all of",
        ),
        (
            format!(
                "{HEAD}paths:\n  /a: {{post: {{operationId: a, requestBody: {{content: {{application/json: {{schema: {{type: object, oneOf: [{{type: object}}, {{type: array}}], anyOf: [{{type: object}}, {{type: string}}]}}}}}}}}, {ok_response}}}}}\n"
            ),
            "#/paths/~1a/post/requestBody/content/application~1json/schema: the schema is generated as any JSON value (`serde_json::Value`), because a value of one of the `oneOf` branches and one of the `anyOf` branches has no one Rust type",
        ),
        (
            format!(
                "{HEAD}paths:\n  /a: {{get: {{operationId: a, responses: {{'200': {{description: ok, content: {{application/json: {{schema: {{$ref: '#/components/schemas/A/properties/missing'}}}}}}}}}}}}}}\ncomponents: {{schemas: {{A: {{type: object, properties: {{b: {{type: string}}}}}}}}}}\n"
            ),
            "#/paths/~1a/get/responses/200/content/application~1json/schema: `$ref: #/components/schemas/A/properties/missing` is generated as any JSON value (`serde_json::Value`), because it points to nothing",
        ),
        (
            format!(
                "{HEAD}paths:\n  /a: {{get: {{operationId: a, responses: {{'200': {{description: ok, content: {{application/json: {{schema: {{$ref: '#/paths/~1a/get/responses/200/description'}}}}}}}}}}}}}}\n"
            ),
            "#/paths/~1a/get/responses/200/content/application~1json/schema: `$ref: #/paths/~1a/get/responses/200/description` is generated as any JSON value (`serde_json::Value`), because it does not lead to a schema",
        ),
        (
            format!(
                "{HEAD}paths:\n  /a: {{get: {{operationId: a, responses: {{'200': {{description: ok, content: {{application/json: {{schema: {{$ref: '#/components/schemas/A/example'}}}}}}}}}}}}}}\ncomponents: {{schemas: {{A: {{type: object, example: {{b: 1}}}}}}}}\n"
            ),
            "`$ref: #/components/schemas/A/example` is generated as any JSON value (`serde_json::Value`), because it does not lead to a schema",
        ),
        (
            format!(
                "{HEAD}paths:\n  /a: {{get: {{operationId: a, responses: {{'200': {{description: ok, content: {{application/json: {{schema: {{$ref: 'other.yaml#/components/schemas/A'}}}}}}}}}}}}}}\n"
            ),
            "#/paths/~1a/get/responses/200/content/application~1json/schema: `$ref: other.yaml#/components/schemas/A` is generated as any JSON value (`serde_json::Value`), because it is not a JSON pointer into this document",
        ),
        (
            format!(
                "{HEAD}paths:\n  /a: {{get: {{operationId: a, responses: {{'200': {{description: ok, content: {{application/json: {{schema: {{$ref: '#/paths/~1a/get/responses/200/content/application~1json/schema'}}}}}}}}}}}}}}\n"
            ),
            "because it refers to itself without an object in between",
        ),
        (
            format!(
                "{HEAD}paths:\n  /a: {{post: {{operationId: a, requestBody: {{content: {{multipart/form-data: {{schema: {{type: object, properties: {{meta: {{type: object, properties: {{a: {{type: string, format: binary}}}}}}}}}}}}}}}}, {ok_response}}}}}\n"
            ),
            "#/paths/~1a/post/requestBody/content/multipart~1form-data/schema/properties/meta: the form body is generated as bytes the caller encodes (`body: impl Into<Bytes>`), because a file can be a multipart field or a list of them, not a part of an object",
        ),
        (
            format!(
                "{HEAD}paths:\n  /a: {{post: {{operationId: a, requestBody: {{content: {{multipart/form-data: {{schema: {{type: object, properties: {{meta: {{type: object}}}}}}, encoding: {{meta: {{contentType: 'text/plain, application/xml'}}}}}}}}}}, {ok_response}}}}}\n"
            ),
            "#/paths/~1a/post/requestBody/content/multipart~1form-data/encoding/meta/contentType: the multipart field `meta` is generated as a part of `application/json`, because the SDK writes an object field as JSON, and `text/plain, application/xml` names no JSON media type",
        ),
        (
            format!(
                "{HEAD}paths:\n  /a: {{get: {{operationId: a, responses: {{'200': {{description: ok, content: {{application/json: {{schema: {{$ref: '#/components/schemas/A'}}}}}}}}}}}}}}\ncomponents:\n  schemas:\n    A: {{type: object, properties: {{next: {{allOf: [{{$ref: '#/components/schemas/A'}}, {{type: object}}]}}}}}}\n"
            ),
            "the schema is generated as any JSON value (`serde_json::Value`), because it is nested more than 64 schemas deep",
        ),
        (
            format!(
                "{HEAD}paths:\n  /a: {{get: {{operationId: a, parameters: [{{name: \"X-Id\\r\\nX-Evil: 1\", in: header, schema: {{type: string}}}}], {ok_response}}}}}\n"
            ),
            "#/paths/~1a/get/parameters/0/name: the header parameter `X-Id\\r\\nX-Evil: 1` is generated as nothing, because it is not a valid HTTP header name",
        ),
        (
            format!(
                "{HEAD}paths:\n  /a: {{get: {{operationId: a, parameters: [{{name: 'X Id', in: header, schema: {{type: string}}}}], {ok_response}}}}}\n"
            ),
            "#/paths/~1a/get/parameters/0/name: the header parameter `X Id` is generated as nothing, because it is not a valid HTTP header name",
        ),
        (
            format!(
                "{HEAD}paths:\n  /a: {{get: {{operationId: a, parameters: [{{name: filter, in: query, schema: {{type: object, properties: {{x: {{type: object, properties: {{y: {{type: string}}}}}}}}}}}}], {ok_response}}}}}\n"
            ),
            "#/paths/~1a/get/parameters/0: the query parameter `filter` is generated as its style's pairs, each value the style cannot write sent as its JSON text, because its style (`form`) defines no way to write objects or lists inside an object",
        ),
        (
            format!(
                "{HEAD}paths:\n  /a: {{get: {{operationId: a, parameters: [{{name: ids, in: query, style: pipeDelimited, schema: {{type: array, items: {{type: array, items: {{type: string}}}}}}}}], {ok_response}}}}}\n"
            ),
            "#/paths/~1a/get/parameters/0: the query parameter `ids` is generated as its style's pairs, each value the style cannot write sent as its JSON text, because its style (`pipeDelimited`) defines no way to write objects or lists inside a list",
        ),
        (
            format!(
                "{HEAD}paths:\n  /a: {{get: {{operationId: a, parameters: [{{name: f, in: query, explode: false, schema: {{type: object, properties: {{tags: {{type: array, items: {{type: string}}}}}}}}}}], {ok_response}}}}}\n"
            ),
            "because its style (`form`, not exploded) defines no way to write objects or lists inside an object",
        ),
        (
            format!(
                "{HEAD}paths:\n  /a/{{id}}: {{get: {{operationId: a, parameters: [{{name: id, in: path, required: true, schema: {{type: object, properties: {{x: {{type: string}}}}}}}}], {ok_response}}}}}\n"
            ),
            "#/paths/~1a~1{id}/get/parameters/0: the path parameter `id` is generated as a string the caller formats, because it holds an object, a map or a nested list",
        ),
        (
            format!(
                "{HEAD}paths:\n  /a/{{id}}: {{get: {{operationId: a, parameters: [{{name: id, in: path, required: true, style: matrix, schema: {{type: string}}}}], {ok_response}}}}}\n"
            ),
            "#/paths/~1a~1{id}/get/parameters/0: the path parameter `id` is generated as a string the caller formats, because the SDK writes path parameters in the `simple` style only, and this one is `matrix`",
        ),
        (
            format!("{HEAD}paths:\n  /a/{{id}}.{{ext}}: {{get: {{operationId: a, parameters: [{{name: id, in: path, required: true, schema: {{type: string}}}}], {ok_response}}}}}\n"),
            "#/paths/~1a~1{id}.{ext}/get: the path variable `{ext}` is generated as a required string path parameter",
        ),
        (
            format!(
                "{HEAD}paths:\n  /a: {{get: {{operationId: a, parameters: [{{name: q, in: query, content: {{text/csv: {{schema: {{type: string}}}}}}}}], {ok_response}}}}}\n"
            ),
            "#/paths/~1a/get/parameters/0: the query parameter `q` is generated as a string the caller formats, because it is described by `content` (`text/csv`)",
        ),
        (
            format!(
                "{HEAD}paths:\n  /a/{{id}}: {{get: {{operationId: a, parameters: [{{name: id, in: path, required: true, content: {{application/json: {{schema: {{type: object}}}}}}}}], {ok_response}}}}}\n"
            ),
            "the path parameter `id` is generated as a string the caller formats, because it is described by `content` (`application/json`) in the path",
        ),
    ];
    for (text, expected) in cases {
        let warnings = warnings(&text);
        assert!(
            warnings.iter().any(|w| w.contains(expected)),
            "expected `{expected}` in {warnings:#?}\nfor:\n{text}"
        );
        let mut strict = config();
        strict.strict = true;
        let message = render_with(&text, &strict).expect_err("strict refuses it");
        let located =
            (warnings.iter()).any(|w| w.split(": ").next().is_some_and(|p| message.starts_with(p)));
        assert!(
            located && message.contains("`strict` refuses"),
            "`{message}` is not located at a warning's node: {warnings:#?}"
        );
    }
}

#[test]
fn a_parameter_described_by_json_content_is_typed_without_a_warning() {
    let ok_response = "responses: {'204': {description: ok}}";
    let text = format!(
        "{HEAD}paths:\n  /a: {{get: {{operationId: a, parameters: [{{name: filter, in: query, content: {{application/json: {{schema: {{type: object, properties: {{n: {{type: integer}}}}}}}}}}}}, {{name: x-meta, in: header, content: {{application/vnd.a+json: {{schema: {{type: array, items: {{type: string}}}}}}}}}}], {ok_response}}}}}\n"
    );
    assert_eq!(warnings(&text), Vec::<String>::new());
    let files = render_with(&text, &config()).unwrap();
    let code = &files["src/general.rs"];
    assert!(
        code.contains(".json_query(\"filter\", self.filter.as_ref())?"),
        "{code}"
    );
    assert!(
        code.contains(".json_header(\"x-meta\", self.x_meta.as_ref())?"),
        "{code}"
    );
}

#[test]
fn names_that_collide_in_their_scope_take_the_next_number_in_document_order() {
    let ok_response = "responses: {'200': {description: ok}}";
    let text = format!(
        "{HEAD}paths:\n  /a: {{get: {{operationId: getThing, tags: [Get Thing Builder], {ok_response}}}}}\n  /b: {{get: {{operationId: get_thing, tags: [Get Thing Builder], {ok_response}}}}}\n"
    );
    let files = render_with(&text, &config()).unwrap();
    let code = &files["src/get_thing_builder.rs"];
    // The handle keeps `GetThingBuilder`; the first operation's builder and method take the
    // next names, and the second operation the ones after them.
    for name in [
        "pub struct GetThingBuilder<'a>",
        "pub struct GetThingBuilder2 {",
        "pub struct GetThingBuilder3 {",
        "pub fn get_thing(&self) -> GetThingBuilder2",
        "pub fn get_thing_2(&self) -> GetThingBuilder3",
        "pub enum GetThingError {",
        "pub enum GetThingError2 {",
    ] {
        assert!(code.contains(name), "{name}");
    }
    // A success enum named like its group's handle.
    let text = format!(
        "{HEAD}paths:\n  /a: {{get: {{operationId: a, tags: [A Success], responses: {{'200': {{description: ok, content: {{application/json: {{schema: {{type: string}}}}}}}}, '201': {{description: made, content: {{application/json: {{schema: {{type: integer}}}}}}}}}}}}}}\n"
    );
    let files = render_with(&text, &config()).unwrap();
    let code = &files["src/a_success.rs"];
    assert!(code.contains("pub struct ASuccess<'a>") && code.contains("pub enum ASuccess2 {"));
}

#[test]
fn a_group_named_like_a_module_dependency_or_client_method_takes_api() {
    for tag in [
        "models",
        "runtime",
        "std",
        "serde_json",
        "lib",
        "builder",
        "Models",
    ] {
        let text = format!(
            "{HEAD}paths:\n  /a:\n    get:\n      operationId: a\n      tags: [{tag}]\n      responses: {{'204': {{description: ok}}}}\n"
        );
        let source = Source {
            name: "test.yaml",
            text: &text,
        };
        let files = generator::render(&source, &[], &config()).unwrap_or_else(|e| panic!("{e}"));
        let module = format!("{}_api", tag.to_lowercase());
        assert!(files.contains_key(&format!("src/{module}.rs")), "{tag}");
        assert!(
            files["src/lib.rs"].contains(&format!("pub fn {module}(&self)")),
            "{tag}"
        );
    }
}

#[test]
fn a_reference_cycle_without_an_object_is_any_json_with_a_warning() {
    let text = format!(
        "{HEAD}paths:\n  /a:\n    get:\n      operationId: a\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: {{$ref: '#/components/schemas/A'}}\ncomponents:\n  schemas:\n    A: {{$ref: '#/components/schemas/B'}}\n    B: {{$ref: '#/components/schemas/A'}}\n"
    );
    let warnings = warnings(&text);
    assert!(
        (warnings.iter()).any(|w| w.contains("refers to itself without an object in between")),
        "{warnings:#?}"
    );
}

#[test]
fn truncated_documents_never_panic() {
    let spec =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../spec/openapi.yaml"))
            .unwrap();
    // Every prefix at a line boundary is either a document or a located error.
    let lines: Vec<&str> = spec.lines().collect();
    for end in (0..lines.len()).step_by(23) {
        let text = lines[..end].join("\n");
        let _ = generator::render(
            &Source {
                name: "prefix.yaml",
                text: &text,
            },
            &[],
            &config(),
        );
    }
}

#[test]
fn bad_generation_configs_are_refused_with_the_reason() {
    let base = "[crate]\nname = \"t\"\nversion = \"0.1.0\"\ndescription = \"t\"\n[client]\nname = \"Client\"\nuser_agent = \"t\"\n";
    let cases = [
        (
            "[client.headers]\n\"Bad Name\" = \"x\"\n",
            "`Bad Name: x` is not a valid header",
        ),
        (
            "[client.headers]\nX-Ok = \"line\\nbreak\"\n",
            "is not a valid header",
        ),
        (
            "[models]\nsecret_fields = [\"secret\"]\n",
            "unknown field `secret_fields`",
        ),
        (
            "[pagination]\noffset = \"offset\"\n",
            "missing field `limit`",
        ),
        (
            "[webhooks]\nscheme = \"hmac\"\n",
            "unknown variant `hmac`, expected `standard-webhooks` or `svix`",
        ),
        (
            "[webhooks]\ndispatch = \"\"\n",
            "webhooks.dispatch must name a property",
        ),
        (
            "[errors]\nmessage = [\"errors.0.message\"]\n",
            "errors.message: `errors.0.message` is not a JSON pointer",
        ),
        (
            "[errors]\nrequest_id = [{ header = \"cf ray\" }]\n",
            "errors.request_id: `cf ray` is not a valid header name",
        ),
        (
            "[errors]\nrequest_id = [{ cookie = \"id\" }]\n",
            "unknown variant `cookie`",
        ),
        (
            "[retries]\ndeadline_ms = 0\n",
            "retries.deadline_ms must be above 0",
        ),
        // Replaced by `[errors] request_id`, which names headers and body fields in order.
        (
            "request_id_header = \"x-id\"\n",
            "unknown field `request_id_header`",
        ),
    ];
    for (extra, expected) in cases {
        let text = format!("{base}{extra}");
        let message = match Config::from_toml(&text) {
            Ok(config) => panic!("expected an error for:\n{text}\ngot {config:?}"),
            Err(e) => e.to_string(),
        };
        assert!(message.contains(expected), "{message}\nfor:\n{text}");
    }
}

/// A config with `crate_extra` in `[crate]` and `client_extra` in `[client]`.
fn config_with(crate_extra: &str, client_extra: &str) -> Result<Config, String> {
    let text = format!(
        "[crate]\nname = \"t\"\nversion = \"0.1.0\"\ndescription = \"t\"\n{crate_extra}\n\
         [client]\nname = \"Client\"\nuser_agent = \"t\"\n{client_extra}\n"
    );
    Config::from_toml(&text).map_err(|e| e.to_string())
}

#[test]
fn crates_io_metadata_and_the_token_variable_are_checked() {
    let good = config_with(
        "repository = \"https://github.com/o/r\"\ndocumentation = \"https://docs.rs/t\"\n\
         keywords = [\"clerk\", \"api-keys\", \"c++\", \"oauth_2\", \"a2345678901234567890\"]\n\
         categories = [\"api-bindings\", \"web-programming::http-client\"]",
        "token_env = \"CLERK_SECRET_KEY\"",
    )
    .expect("valid metadata");
    assert_eq!(good.krate.keywords.as_ref().map(Vec::len), Some(5));
    assert_eq!(good.client.token_env.as_deref(), Some("CLERK_SECRET_KEY"));
    let none = config_with("", "").expect("all optional");
    assert!(none.krate.repository.is_none() && none.client.token_env.is_none());

    let cases = [
        (
            "repository = \"github.com/o/r\"",
            "",
            "crate.repository `github.com/o/r` is not an http(s) URL",
        ),
        (
            "documentation = \"https://docs.rs/a b\"",
            "",
            "crate.documentation",
        ),
        (
            "keywords = [\"a\", \"b\", \"c\", \"d\", \"e\", \"f\"]",
            "",
            "6 keywords, crates.io allows at most 5",
        ),
        (
            "keywords = [\"a23456789012345678901\"]",
            "",
            "`a23456789012345678901` is not a crates.io keyword",
        ),
        (
            "keywords = [\"-api\"]",
            "",
            "`-api` is not a crates.io keyword",
        ),
        (
            "keywords = [\"web api\"]",
            "",
            "`web api` is not a crates.io keyword",
        ),
        (
            "categories = [\"API bindings\"]",
            "",
            "`API bindings` is not a crates.io category slug",
        ),
        (
            "categories = [\"web-programming::\"]",
            "",
            "is not a crates.io category slug",
        ),
        (
            "categories = [\"a\", \"b\", \"c\", \"d\", \"e\", \"f\"]",
            "",
            "6 categories",
        ),
        ("homepage = \"https://x\"", "", "unknown field `homepage`"),
        (
            "",
            "token_env = \"CLERK SECRET\"",
            "client.token_env `CLERK SECRET` is not an environment variable name",
        ),
        ("", "token_env = \"\"", "client.token_env ``"),
        ("", "token_env = \"1KEY\"", "client.token_env `1KEY`"),
    ];
    for (krate, client, expected) in cases {
        match config_with(krate, client) {
            Ok(config) => panic!("expected an error for {krate} {client}, got {config:?}"),
            Err(message) => assert!(
                message.contains(expected),
                "{message}\nfor {krate} {client}"
            ),
        }
    }
}

#[test]
fn names_that_are_not_identifiers_still_render() {
    let text = format!(
        "{HEAD}paths:\n  /a: {{get: {{operationId: '42', tags: [1st], responses: {{'200': {{description: ok, content: {{application/json: {{schema: {{$ref: '#/components/schemas/42'}}}}}}}}}}}}}}\n  /b: {{get: {{operationId: b, tags: [self], responses: {{'200': {{description: ok, content: {{application/json: {{schema: {{$ref: '#/components/schemas/self'}}}}}}}}}}}}}}\ncomponents:\n  schemas:\n    '42': {{type: object, properties: {{a: {{type: string}}}}}}\n    self: {{type: string, enum: [self, 2xx]}}\n"
    );
    let files = match generator::render(
        &Source {
            name: "test.yaml",
            text: &text,
        },
        &[],
        &config(),
    ) {
        Ok(files) => files,
        Err(e) => panic!("{e}"),
    };
    let all: String = files.values().map(String::as_str).collect();
    for expected in [
        "pub struct V42 {",
        "pub enum Self_ {",
        "Self_,",
        "V2xx,",
        "pub struct V42Builder",
        "pub struct V1st<'a>",
        "pub struct Self_<'a>",
    ] {
        assert!(all.contains(expected), "`{expected}` is missing");
    }
}

#[test]
fn security_the_generated_crate_could_not_send_is_refused_or_degraded() {
    let op = "paths:\n  /a: {get: {operationId: a, responses: {'204': {description: ok}}}}\n";
    let schemes = |scheme: &str| {
        format!(
            "{HEAD}security: [{{s: []}}]\n{op}components:\n  securitySchemes:\n    s: {scheme}\n"
        )
    };
    let cases = [
        (
            schemes("{type: apiKey, in: header, name: 'X Key'}"),
            "#/components/securitySchemes/s/name: `X Key` is not a valid header name",
        ),
        (
            schemes("{type: apiKey, in: cookie, name: 'a;b'}"),
            "#/components/securitySchemes/s/name: `a;b` is not a valid cookie name",
        ),
    ];
    for (text, expected) in cases {
        let message = error(&text);
        assert!(
            message.contains(expected),
            "expected `{expected}` in `{message}`"
        );
    }
    let degraded = [
        (
            schemes("{type: http, scheme: digest}"),
            "#/components/securitySchemes/s/scheme: HTTP `digest` authentication is generated as an `Authorization` header whose whole value the caller supplies",
            "pub fn s_auth(mut self, key: impl Into<String>)",
        ),
        (
            format!("{HEAD}security: [{{missing: []}}]\n{op}"),
            "#/security/0/missing: the security requirement `missing` is generated as no credential",
            "pub fn a(&self)",
        ),
        (
            format!(
                "{HEAD}paths:\n  /a: {{get: {{operationId: a, security: [{{}}, {{t: []}}, {{nope: []}}], responses: {{'204': {{description: ok}}}}}}}}\ncomponents: {{securitySchemes: {{t: {{type: http, scheme: bearer}}}}}}\n"
            ),
            "#/paths/~1a/get/security/2/nope: the security requirement `nope` is generated as no credential (a call's `.header(…)` can send one), because no security scheme `nope` is defined",
            "pub fn t_auth(",
        ),
    ];
    for (text, expected, code) in degraded {
        let warnings = warnings(&text);
        assert!(
            warnings.iter().any(|w| w.contains(expected)),
            "expected `{expected}` in {warnings:#?}"
        );
        let files = render_with(&text, &config()).unwrap();
        let all: String = files.values().cloned().collect();
        assert!(all.contains(code), "`{code}` is missing");
    }
}

#[test]
fn each_used_scheme_gets_setters_named_after_it_and_unused_ones_none() {
    let text = format!(
        "{HEAD}security: [{{bearerAuth: []}}, {{api_key: []}}]\npaths:\n  /a: {{get: {{operationId: a, responses: {{'204': {{description: ok}}}}}}}}\n  /b: {{get: {{operationId: b, security: [{{Login: [], OAuth: [read]}}], responses: {{'204': {{description: ok}}}}}}}}\ncomponents:\n  securitySchemes:\n    bearerAuth: {{type: http, scheme: Bearer}}\n    api_key: {{type: apiKey, in: query, name: key}}\n    Login: {{type: http, scheme: basic}}\n    OAuth: {{type: oauth2, flows: {{}}}}\n    spare: {{type: apiKey, in: cookie, name: spare}}\n"
    );
    let files = generator::render(
        &Source {
            name: "test.yaml",
            text: &text,
        },
        &[],
        &config(),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let lib = &files["src/lib.rs"];
    for setter in [
        "pub fn bearer_auth(",
        "pub fn bearer_auth_env(",
        "pub fn bearer_auth_provider<",
        "pub fn api_key_auth(mut self, key: impl Into<String>)",
        "pub fn login_auth(\n        mut self,\n        username: impl Into<String>,",
        "pub fn o_auth(",
    ] {
        assert!(lib.contains(setter), "`{setter}` is missing from\n{lib}");
    }
    assert!(!lib.contains("spare"), "an unused scheme gets no setter");
    assert!(
        files["Cargo.toml"].contains("base64"),
        "basic credentials are base64-encoded"
    );
}

#[test]
fn a_token_variable_needs_exactly_one_scheme_that_takes_a_token() {
    let config = config_with("", "token_env = \"API_TOKEN\"").unwrap();
    let render = |schemes: &str| {
        let text = format!(
            "{HEAD}security: [{{a: []}}, {{b: []}}]\npaths:\n  /a: {{get: {{operationId: a, responses: {{'204': {{description: ok}}}}}}}}\ncomponents:\n  securitySchemes:\n{schemes}"
        );
        let source = Source {
            name: "test.yaml",
            text: &text,
        };
        generator::render(&source, &[], &config).map(|files| files["src/lib.rs"].clone())
    };
    // One token scheme beside a basic one: `from_env()` reads the token.
    let lib = render("    a: {type: http, scheme: bearer}\n    b: {type: http, scheme: basic}\n")
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        lib.contains("Self::builder().a_auth_env(\"API_TOKEN\").build()"),
        "{lib}"
    );
    // Two: which one `from_env()` would read is not the config's to guess.
    let error =
        render("    a: {type: http, scheme: bearer}\n    b: {type: apiKey, in: query, name: k}\n")
            .unwrap_err()
            .to_string();
    assert!(
        error.starts_with("#/components/securitySchemes: the generation config's `client.token_env = \"API_TOKEN\"` needs exactly one")
            && error.ends_with("found `a`, `b`"),
        "{error}"
    );
}

#[test]
fn an_integer_literal_beyond_64_bits_reads_as_the_nearest_float() {
    // As the JSON parser reads one; OpenAI's document bounds a seed by -9223372036854776000.
    let text = format!(
        "{HEAD}paths:\n  /a: {{get: {{operationId: a, parameters: [{{name: seed, in: query, schema: {{type: integer, minimum: -9223372036854776000, example: 170141183460469231731687303715884105727}}}}], responses: {{'204': {{description: ok}}}}}}}}\n"
    );
    let source = Source {
        name: "test.yaml",
        text: &text,
    };
    let files = generator::render(&source, &[], &config()).unwrap_or_else(|e| panic!("{e}"));
    assert!(files["src/general.rs"].contains("seed"));
}

/// A retry policy whose values contradict each other, which every client would refuse when
/// built, is refused at its node; so is a deadline that leaves no time for its first retry.
#[test]
fn retry_policies_that_contradict_themselves_are_refused() {
    let retries = |backoff: &str| {
        format!(
            "{HEAD}paths: {{/a: {{get: {{operationId: a, responses: {{'200': {{description: ok}}}}}}}}}}\n\
             x-speakeasy-retries:\n  strategy: backoff\n  backoff: {{{backoff}}}\n  \
             statusCodes: [5XX]\n  retryConnectionErrors: true\n"
        )
    };
    let cases = [
        (
            "initialInterval: 500, maxInterval: 60000, maxElapsedTime: 3600000, exponent: 0.5",
            "#/x-speakeasy-retries/backoff/exponent: 0.5 would not let delays grow",
        ),
        (
            "initialInterval: 5000, maxInterval: 500, maxElapsedTime: 3600000, exponent: 1.5",
            "#/x-speakeasy-retries/backoff/initialInterval: 5000 ms is longer than maxInterval",
        ),
        (
            "initialInterval: 500, maxInterval: 500, maxElapsedTime: 0, exponent: 1.5",
            "#/x-speakeasy-retries/backoff/maxElapsedTime: 0 ms is not longer than initialInterval",
        ),
    ];
    for (backoff, expected) in cases {
        let message = error(&retries(backoff));
        assert!(message.contains(expected), "{message}");
    }
    let valid =
        retries("initialInterval: 500, maxInterval: 60000, maxElapsedTime: 3600000, exponent: 1.5");
    let short = config_with("", "").unwrap();
    assert!(render_with(&valid, &short).is_ok());
    let mut short = short;
    short.retries.deadline_ms = 500;
    let message = render_with(&valid, &short).unwrap_err();
    assert!(
        message.contains("retries.deadline_ms (500 ms) is not longer"),
        "{message}"
    );
}
