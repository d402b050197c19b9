//! How failed calls surface: documented error statuses, undocumented answers, bodies that do
//! not match the schema, and the lenient parts of decoding.

mod common;

use clerk_backend_api::SdkError;
use clerk_backend_api::api_keys::{
    CreateAPIKeyError, DeleteAPIKeyError, GetAPIKeyError, GetAPIKeySecretError, GetAPIKeysError,
    RevokeAPIKeyError, UpdateAPIKeyError, VerifyAPIKeyError,
};
use clerk_backend_api::models::{
    CreateAPIKeyObject, DeleteAPIKeyObject, GetAPIKeyObject, GetAPIKeysDataObject,
};
use common::*;
use serde_json::{Value, json};
use wiremock::{MockServer, ResponseTemplate};

/// A server answering every request with `status` and the error body built from the three texts.
async fn failing_server(
    status: u16,
    message: &str,
    long_message: &str,
    code: &str,
) -> (MockServer, Vec<u8>) {
    let body = error_json(message, long_message, code);
    (
        server_answering(json_response(status, &body)).await,
        bytes_of(&body),
    )
}

fn bad_request() -> (&'static str, &'static str, &'static str) {
    (
        "is invalid",
        "apiKeyID must be `ak_` or `api_key_` followed by 32 hexadecimal characters.",
        "bad_request",
    )
}

fn not_found() -> (&'static str, &'static str, &'static str) {
    (
        "not found",
        "No API key was found with the given ID.",
        "resource_not_found",
    )
}

// --- documented error statuses, per operation ------------------------------------------------

/// Answers `$status` with an error body, sends `$call` and checks that the error decodes to
/// `$variant` with every field of the body, beside the status, headers and raw body.
macro_rules! assert_documented_error {
    ($status:expr, $texts:expr, |$client:ident| $call:expr, $variant:path) => {{
        let (message, long_message, code): (&str, &str, &str) = $texts;
        let (server, raw) = failing_server($status, message, long_message, code).await;
        let $client = client(&server);
        let error = expect_api($call.send().await);
        assert_eq!(error.status, $status);
        assert_eq!(error.body.as_ref(), raw.as_slice());
        assert_eq!(error.request_id(), Some(REQUEST_ID));
        match error.error {
            $variant(body) => {
                assert_eq!(body.errors.len(), 1);
                assert_eq!(body.errors[0].message, message);
                assert_eq!(body.errors[0].long_message, long_message);
                assert_eq!(body.errors[0].code, code);
            }
            other => panic!("expected {}, got {other:?}", stringify!($variant)),
        }
    }};
}

#[tokio::test]
async fn get_api_keys_documented_errors() {
    let missing = (
        "is missing",
        "subject must be included.",
        "form_param_missing",
    );
    assert_documented_error!(
        400,
        missing,
        |c| c.api_keys().get_api_keys(SUBJECT),
        GetAPIKeysError::BadRequest
    );
    assert_documented_error!(
        404,
        not_found(),
        |c| c.api_keys().get_api_keys(SUBJECT),
        GetAPIKeysError::NotFound
    );
}

#[tokio::test]
async fn create_api_key_documented_errors() {
    let missing = ("is missing", "name must be included.", "form_param_missing");
    let duplicate = (
        "duplicate record",
        "An API key with this name already exists for this subject.",
        "duplicate_record",
    );
    assert_documented_error!(
        400,
        missing,
        |c| c.api_keys().create_api_key("billing-service", SUBJECT),
        CreateAPIKeyError::BadRequest
    );
    assert_documented_error!(
        409,
        duplicate,
        |c| c.api_keys().create_api_key("billing-service", SUBJECT),
        CreateAPIKeyError::Conflict
    );
}

#[tokio::test]
async fn create_api_key_undocumented_404_is_an_sdk_error() {
    let (message, long_message, code) = not_found();
    let (server, raw) = failing_server(404, message, long_message, code).await;
    let error = expect_sdk(
        client(&server)
            .api_keys()
            .create_api_key("billing-service", SUBJECT)
            .send()
            .await,
    );
    assert_eq!(error.status, 404);
    assert_eq!(error.body.as_ref(), raw.as_slice());
}

#[tokio::test]
async fn get_api_key_documented_errors() {
    assert_documented_error!(
        400,
        bad_request(),
        |c| c.api_keys().get_api_key("ak_123"),
        GetAPIKeyError::BadRequest
    );
    assert_documented_error!(
        404,
        not_found(),
        |c| c.api_keys().get_api_key(KEY_ID),
        GetAPIKeyError::NotFound
    );
}

#[tokio::test]
async fn update_api_key_documented_errors() {
    let invalid = (
        "is invalid",
        "description must be at most 255 characters.",
        "form_param_invalid",
    );
    assert_documented_error!(
        400,
        invalid,
        |c| c
            .api_keys()
            .update_api_key(KEY_ID)
            .description("x".repeat(300)),
        UpdateAPIKeyError::BadRequest
    );
    assert_documented_error!(
        404,
        not_found(),
        |c| c.api_keys().update_api_key(KEY_ID),
        UpdateAPIKeyError::NotFound
    );
}

#[tokio::test]
async fn delete_api_key_documented_errors() {
    assert_documented_error!(
        400,
        bad_request(),
        |c| c.api_keys().delete_api_key("ak_123"),
        DeleteAPIKeyError::BadRequest
    );
    assert_documented_error!(
        404,
        not_found(),
        |c| c.api_keys().delete_api_key(KEY_ID),
        DeleteAPIKeyError::NotFound
    );
}

#[tokio::test]
async fn get_api_key_secret_documented_errors() {
    assert_documented_error!(
        400,
        bad_request(),
        |c| c.api_keys().get_api_key_secret("ak_123"),
        GetAPIKeySecretError::BadRequest
    );
    assert_documented_error!(
        404,
        not_found(),
        |c| c.api_keys().get_api_key_secret(KEY_ID),
        GetAPIKeySecretError::NotFound
    );
}

#[tokio::test]
async fn revoke_api_key_documented_errors() {
    assert_documented_error!(
        400,
        bad_request(),
        |c| c.api_keys().revoke_api_key("ak_123"),
        RevokeAPIKeyError::BadRequest
    );
    assert_documented_error!(
        404,
        not_found(),
        |c| c.api_keys().revoke_api_key(KEY_ID),
        RevokeAPIKeyError::NotFound
    );
}

#[tokio::test]
async fn verify_api_key_documented_errors() {
    let missing = (
        "is missing",
        "secret must be included.",
        "form_param_missing",
    );
    let unknown = (
        "not found",
        "No API key matches the given secret.",
        "resource_not_found",
    );
    assert_documented_error!(
        400,
        missing,
        |c| c.api_keys().verify_api_key(""),
        VerifyAPIKeyError::BadRequest
    );
    assert_documented_error!(
        404,
        unknown,
        |c| c.api_keys().verify_api_key(SECRET),
        VerifyAPIKeyError::NotFound
    );
}

#[tokio::test]
async fn error_bodies_with_several_errors_decode_them_all() {
    let body = json!({ "errors": [
        { "message": "is missing", "long_message": "name must be included.", "code": "form_param_missing" },
        { "message": "is invalid", "long_message": "subject is not a valid ID.", "code": "form_param_invalid", "meta": { "param_name": "subject" } }
    ], "clerk_trace_id": "3f1c0c5b8a2e4d7f" });
    let server = server_answering(json_response(400, &body)).await;

    let error = expect_api(
        client(&server)
            .api_keys()
            .create_api_key("x", "y")
            .send()
            .await,
    );

    let CreateAPIKeyError::BadRequest(decoded) = error.error else {
        panic!("expected BadRequest, got {:?}", error.error)
    };
    let messages: Vec<_> = decoded.errors.iter().map(|e| e.message.as_str()).collect();
    assert_eq!(messages, ["is missing", "is invalid"]);
    assert_eq!(decoded.errors[1].code, "form_param_invalid");
}

// --- Display --------------------------------------------------------------------------------

#[tokio::test]
async fn api_error_display_includes_status_and_message() {
    let long = "An API key with this name already exists for this subject.";
    let (server, _) = failing_server(409, "duplicate record", long, "duplicate_record").await;

    let error = client(&server)
        .api_keys()
        .create_api_key("billing-service", SUBJECT)
        .send()
        .await
        .unwrap_err();

    assert_eq!(error.status().map(|s| s.as_u16()), Some(409));
    // The status once, then Clerk's own words: its `long_message` and its `code`, not the
    // JSON they came in.
    let text = format!("{error}");
    assert_eq!(
        text,
        format!("the API answered 409 Conflict: {long} (duplicate_record)")
    );
    assert_eq!(error.message(), Some(long));
    assert_eq!(error.code(), Some("duplicate_record"));
    let SdkError::Api(api) = &error else {
        panic!("expected SdkError::Api, got {error:?}")
    };
    assert_eq!(api.to_string(), text);
    assert_eq!(
        (api.message(), api.code()),
        (Some(long), Some("duplicate_record"))
    );
    // The body itself, without matching the operation's error type.
    let body = error.error_body().expect("a documented body");
    assert_eq!(body.errors[0].message, "duplicate record");
}

// --- undocumented answers ---------------------------------------------------------------------

#[tokio::test]
async fn undocumented_500_is_an_sdk_error_and_is_not_retried_when_retries_are_off() {
    let body = json!({ "errors": [{ "message": "internal error", "long_message": "Something went wrong.", "code": "internal_clerk_error" }] });
    let server = server_answering(json_response(500, &body)).await;

    let error = expect_sdk(client(&server).api_keys().get_api_key(KEY_ID).send().await);

    assert_eq!(error.status, 500);
    assert_eq!(error.content_type.as_deref(), Some("application/json"));
    assert_eq!(error.body.as_ref(), bytes_of(&body).as_slice());
    assert_eq!(
        error.headers.get("cf-ray").map(|v| v.to_str().unwrap()),
        Some(REQUEST_ID)
    );
    let text = error.to_string();
    assert!(text.contains("500"), "{text}");
    assert!(text.contains("application/json"), "{text}");
    assert!(text.contains("internal error"), "{text}");
    assert_eq!(
        requests(&server).await.len(),
        1,
        "RetryConfig::none() sends a single attempt"
    );
}

#[tokio::test]
async fn undocumented_418_is_an_sdk_error_with_its_content_type() {
    let server = server_answering(
        ResponseTemplate::new(418).set_body_raw("I'm a teapot", "text/plain; charset=utf-8"),
    )
    .await;

    let result = client(&server)
        .api_keys()
        .verify_api_key(SECRET)
        .send()
        .await;

    let text = result.as_ref().unwrap_err().to_string();
    assert!(text.contains("418"), "{text}");
    assert!(text.contains("I'm a teapot"), "{text}");
    let error = expect_sdk(result);
    assert_eq!(error.status, 418);
    assert_eq!(
        error.content_type.as_deref(),
        Some("text/plain; charset=utf-8")
    );
    assert_eq!(error.body.as_ref(), b"I'm a teapot");
}

#[tokio::test]
async fn sdk_error_display_shows_only_an_excerpt_of_a_long_body() {
    let long_body = "x".repeat(5000);
    let server =
        server_answering(ResponseTemplate::new(502).set_body_raw(long_body.clone(), "text/plain"))
            .await;

    let result = client(&server).api_keys().get_api_key(KEY_ID).send().await;

    let text = result.as_ref().unwrap_err().to_string();
    assert!(text.contains("502"), "{text}");
    assert!(text.contains("5000 bytes"), "{text}");
    assert!(
        text.len() < 1000,
        "the whole body was printed ({} characters)",
        text.len()
    );
    assert_eq!(
        expect_sdk(result).body.len(),
        5000,
        "the raw body is kept whole"
    );
}

#[tokio::test]
async fn success_status_with_html_is_an_sdk_error() {
    let html = "<!DOCTYPE html><html><body>Gateway login</body></html>";
    let server =
        server_answering(ResponseTemplate::new(200).set_body_raw(html, "text/html; charset=utf-8"))
            .await;

    let error = expect_sdk(client(&server).api_keys().get_api_key(KEY_ID).send().await);

    assert_eq!(error.status, 200);
    assert_eq!(
        error.content_type.as_deref(),
        Some("text/html; charset=utf-8")
    );
    assert_eq!(error.body.as_ref(), html.as_bytes());
    assert!(error.to_string().contains("Gateway login"), "{error}");
}

#[tokio::test]
async fn documented_error_status_with_html_is_an_sdk_error() {
    let html = "<html><body>404 page not found</body></html>";
    let server = server_answering(ResponseTemplate::new(404).set_body_raw(html, "text/html")).await;

    let error = expect_sdk(
        client(&server)
            .api_keys()
            .delete_api_key(KEY_ID)
            .send()
            .await,
    );

    assert_eq!(error.status, 404);
    assert_eq!(error.content_type.as_deref(), Some("text/html"));
    assert_eq!(error.body.as_ref(), html.as_bytes());
}

#[tokio::test]
async fn json_content_type_parameters_and_suffixes_are_accepted() {
    let server = server_answering(ResponseTemplate::new(200).set_body_raw(
        bytes_of(&json!({ "secret": SECRET })),
        "application/json; charset=utf-8",
    ))
    .await;
    let secret = client(&server)
        .api_keys()
        .get_api_key_secret(KEY_ID)
        .send()
        .await
        .expect("charset is allowed");
    assert_eq!(secret.secret, SECRET);

    let server = server_answering(ResponseTemplate::new(200).set_body_raw(
        bytes_of(&json!({ "secret": SECRET })),
        "application/problem+json",
    ))
    .await;
    let secret = client(&server)
        .api_keys()
        .get_api_key_secret(KEY_ID)
        .send()
        .await
        .expect("+json is allowed");
    assert_eq!(secret.secret, SECRET);
}

// --- bodies that do not match the schema ------------------------------------------------------

fn without(mut value: Value, field: &str) -> Value {
    value
        .as_object_mut()
        .expect("an object")
        .remove(field)
        .unwrap_or_else(|| panic!("no field `{field}`"));
    value
}

#[tokio::test]
async fn missing_required_field_is_a_decode_error() {
    let body = without(created_api_key_json(), "name");
    let server = server_answering(json_response(200, &body)).await;

    let error = expect_decode(
        client(&server)
            .api_keys()
            .create_api_key("billing-service", SUBJECT)
            .send()
            .await,
    );

    assert_eq!(error.status, 200);
    assert_eq!(error.body.as_ref(), bytes_of(&body).as_slice());
    // A missing field is reported at the object that lacks it (the root here), and the
    // message names the field.
    assert_eq!(error.path, ".");
    let text = report(&error);
    assert!(text.contains("missing field `name`"), "{text}");
}

#[tokio::test]
async fn missing_field_in_a_list_item_names_the_item() {
    let body = json!({ "data": [api_key_json(), without(api_key_json(), "id")], "total_count": 2 });
    let server = server_answering(json_response(200, &body)).await;

    let error = expect_decode(
        client(&server)
            .api_keys()
            .get_api_keys(SUBJECT)
            .send()
            .await,
    );

    assert_eq!(error.path, "data[1]");
    assert!(report(&error).contains("missing field `id`"), "{error}");
}

#[tokio::test]
async fn wrongly_typed_field_is_a_decode_error_naming_the_field() {
    let mut body = api_key_json();
    body["revoked"] = json!("no");
    let server = server_answering(json_response(200, &body)).await;

    let result = client(&server).api_keys().get_api_key(KEY_ID).send().await;

    let text = result.as_ref().unwrap_err().to_string();
    assert!(text.contains("revoked"), "{text}");
    let error = expect_decode(result);
    assert_eq!(error.status, 200);
    assert_eq!(error.path, "revoked");
}

#[tokio::test]
async fn wrongly_typed_nested_value_is_a_decode_error_with_its_full_path() {
    let mut key = api_key_json();
    key["scopes"] = json!(["invoices:read", 7]);
    let body = json!({ "data": [key], "total_count": 1 });
    let server = server_answering(json_response(200, &body)).await;

    let error = expect_decode(
        client(&server)
            .api_keys()
            .get_api_keys(SUBJECT)
            .send()
            .await,
    );

    assert_eq!(error.path, "data[0].scopes[1]");
}

#[tokio::test]
async fn missing_required_nullable_field_is_a_decode_error() {
    let body = without(api_key_json(), "expiration");
    let server = server_answering(json_response(200, &body)).await;

    let error = expect_decode(
        client(&server)
            .api_keys()
            .verify_api_key(SECRET)
            .send()
            .await,
    );

    assert!(
        report(&error).contains("missing field `expiration`"),
        "{error}"
    );
}

#[tokio::test]
async fn missing_required_claims_is_a_decode_error() {
    let body = without(api_key_json(), "claims");
    let server = server_answering(json_response(200, &body)).await;

    let error = expect_decode(client(&server).api_keys().get_api_key(KEY_ID).send().await);

    assert!(report(&error).contains("claims"), "{error}");
}

#[tokio::test]
async fn invalid_json_is_a_decode_error() {
    let server = server_answering(
        ResponseTemplate::new(200).set_body_raw("{\"secret\": ", "application/json"),
    )
    .await;

    let error = expect_decode(
        client(&server)
            .api_keys()
            .get_api_key_secret(KEY_ID)
            .send()
            .await,
    );

    assert_eq!(error.status, 200);
    assert_eq!(error.body.as_ref(), b"{\"secret\": ");
}

#[tokio::test]
async fn error_body_that_does_not_match_is_an_unexpected_response_with_its_status() {
    let body = json!({ "error": "not found" });
    let server = server_answering(json_response(404, &body)).await;

    let result = client(&server).api_keys().get_api_key(KEY_ID).send().await;
    assert_eq!(
        result.as_ref().unwrap_err().status().map(|s| s.as_u16()),
        Some(404)
    );
    let error = expect_sdk(result);

    assert_eq!(error.status, 404);
    assert_eq!(error.body.as_ref(), bytes_of(&body).as_slice());
    assert!(
        report(&error).contains("missing field `errors`"),
        "{}",
        report(&error)
    );
}

// --- lenient decoding -------------------------------------------------------------------------

#[tokio::test]
async fn unknown_object_value_decodes_into_the_catch_all_variant() {
    let mut body = api_key_json();
    body["object"] = json!("api_key_v2");
    let server = server_answering(json_response(200, &body)).await;

    let key = client(&server)
        .api_keys()
        .get_api_key(KEY_ID)
        .send()
        .await
        .expect("unknown enum values are accepted");

    assert_eq!(
        key.object,
        GetAPIKeyObject::Unknown("api_key_v2".to_owned())
    );
    assert_eq!(key.object.as_str(), "api_key_v2");
    assert_eq!(key.id, KEY_ID);
}

#[tokio::test]
async fn unknown_object_values_in_list_items_and_delete_answers() {
    let mut item = api_key_json();
    item["object"] = json!("machine_token");
    let server = server_answering(json_response(
        200,
        &json!({ "data": [api_key_json(), item], "total_count": 2 }),
    ))
    .await;
    let page = client(&server)
        .api_keys()
        .get_api_keys(SUBJECT)
        .send()
        .await
        .expect("the call succeeds");
    assert_eq!(page.data[0].object, GetAPIKeysDataObject::ApiKey);
    assert_eq!(
        page.data[1].object,
        GetAPIKeysDataObject::Unknown("machine_token".to_owned())
    );

    let server = server_answering(json_response(
        200,
        &json!({ "id": KEY_ID, "object": "api_key_v2", "deleted": true }),
    ))
    .await;
    let deleted = client(&server)
        .api_keys()
        .delete_api_key(KEY_ID)
        .send()
        .await
        .expect("the call succeeds");
    assert_eq!(
        deleted.object,
        DeleteAPIKeyObject::Unknown("api_key_v2".to_owned())
    );
}

#[tokio::test]
async fn unknown_response_fields_are_ignored() {
    let mut body = created_api_key_json();
    body["rate_limit"] = json!({ "per_minute": 600 });
    body["legacy"] = Value::Null;
    let server = server_answering(json_response(201, &body)).await;

    let key = client(&server)
        .api_keys()
        .create_api_key("billing-service", SUBJECT)
        .send()
        .await
        .expect("extra fields are ignored");

    assert_eq!(key.object, CreateAPIKeyObject::ApiKey);
    assert_eq!(key.secret.as_deref(), Some(SECRET));
}

/// `APIKey` is only ever received: its optional, nullable `description` is one `Option`,
/// `None` for `null` and for a missing field alike.
#[tokio::test]
async fn optional_nullable_response_field_reads_null_and_absent_as_none() {
    let mut null_description = api_key_json();
    null_description["description"] = Value::Null;
    let cases = [
        (
            api_key_json(),
            Some("Used by the nightly invoicing job".to_owned()),
        ),
        (null_description, None),
        (without(api_key_json(), "description"), None),
    ];
    for (body, expected) in cases {
        let server = server_answering(json_response(200, &body)).await;
        let key = client(&server)
            .api_keys()
            .get_api_key(KEY_ID)
            .send()
            .await
            .expect("the call succeeds");
        assert_eq!(key.description, expected, "body: {body}");
    }
}

#[tokio::test]
async fn claims_keep_any_json_value() {
    for claims in [
        Value::Null,
        json!({ "a": 1, "nested": { "b": [1, "two", null] } }),
        json!("plain"),
        json!([1, 2]),
    ] {
        let mut body = api_key_json();
        body["claims"] = claims.clone();
        let server = server_answering(json_response(200, &body)).await;
        let key = client(&server)
            .api_keys()
            .get_api_key(KEY_ID)
            .send()
            .await
            .expect("the call succeeds");
        assert_eq!(key.claims, claims);
    }
}
