//! The crate's one error type: `?` over several operations, the typed value got back by the
//! operation's type, the accessors every error has, and error chains that say each part once.

mod common;

use std::time::Duration;

use clerk_backend_api::api_keys::{GetAPIKeyError, RevokeAPIKeyError};
use clerk_backend_api::{
    ApiError, Clerk, DecodeError, Error, OperationError, RetryConfig, SdkError, UnexpectedResponse,
};
use common::*;
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer};

/// Reads a key, then revokes it: two operations, two error types, one `?` each.
async fn revoke_if_valid(client: &Clerk, id: &str) -> Result<bool, Error> {
    let key = client.api_keys().get_api_key(id).send().await?;
    if key.revoked {
        return Ok(false);
    }
    client.api_keys().revoke_api_key(id).send().await?;
    Ok(true)
}

/// A server where reading the key works and revoking it answers `status` with `body`.
async fn revoke_answers(status: u16, body: serde_json::Value) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(format!("/api_keys/{KEY_ID}")))
        .respond_with(json_response(200, &api_key_json()))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path(format!("/api_keys/{KEY_ID}/revoke")))
        .respond_with(json_response(status, &body))
        .mount(&server)
        .await;
    server
}

#[tokio::test]
async fn question_mark_over_two_operations_keeps_the_typed_error() {
    let body = error_json("not found", "No API key was found.", "resource_not_found");
    let server = revoke_answers(404, body.clone()).await;

    let error = revoke_if_valid(&client(&server), KEY_ID).await.unwrap_err();

    assert_eq!(error.status().map(|s| s.as_u16()), Some(404));
    assert_eq!(error.request_id(), Some(REQUEST_ID));
    assert_eq!(error.body().map(|b| b.to_vec()), Some(bytes_of(&body)));
    assert!(
        error
            .headers()
            .is_some_and(|h| h.contains_key("content-type"))
    );
    assert!(!error.is_retryable() && !error.is_timeout());
    // The value is reachable by the type of the operation that failed, and only by it.
    match error.operation_error::<RevokeAPIKeyError>() {
        Some(RevokeAPIKeyError::NotFound(errors)) => {
            assert_eq!(errors.errors[0].code, "resource_not_found")
        }
        other => panic!("expected RevokeAPIKeyError::NotFound, got {other:?}"),
    }
    assert!(error.operation_error::<GetAPIKeyError>().is_none());
    let documented = error.api_error().expect("a documented error");
    assert_eq!(
        documented.to_string(),
        "revoke_api_key error 404: Not Found"
    );
    // So is the whole per-operation error, for an exhaustive `match`.
    let error = error.downcast::<GetAPIKeyError>().unwrap_err();
    let typed: SdkError<RevokeAPIKeyError> = error.downcast().expect("revoke's error");
    let SdkError::Api(api) = typed else {
        panic!("expected SdkError::Api, got {typed:?}")
    };
    assert!(matches!(api.error, RevokeAPIKeyError::NotFound(_)));
    assert_eq!(api.request_id(), Some(REQUEST_ID));
}

#[tokio::test]
async fn errors_without_a_typed_value_convert_to_any_operation_type() {
    let client = client_for(&refusing_url());
    let error = revoke_if_valid(&client, KEY_ID).await.unwrap_err();

    assert!(matches!(error, Error::Transport(_)), "{error:?}");
    assert!(error.is_retryable());
    assert!(error.status().is_none() && error.request_id().is_none());
    let typed = error
        .downcast::<RevokeAPIKeyError>()
        .expect("no typed value");
    assert!(matches!(typed, SdkError::Transport(_)));
}

#[tokio::test]
async fn a_documented_status_with_a_body_of_someone_else_keeps_its_status() {
    // A gateway's 404, not Clerk's `ClerkErrors`.
    let server = revoke_answers(404, json!({ "message": "no route" })).await;

    let error = revoke_if_valid(&client(&server), KEY_ID).await.unwrap_err();

    let Error::Unexpected(response) = &error else {
        panic!("expected Error::Unexpected, got {error:?}")
    };
    assert_eq!(response.status, 404);
    assert_eq!(response.body.as_ref(), br#"{"message":"no route"}"#);
    assert_eq!(error.status().map(|s| s.as_u16()), Some(404));
    assert!(error.operation_error::<RevokeAPIKeyError>().is_none());
    // Where the body differs from the documented one is the source, said once.
    let text = report(&error);
    assert!(text.contains("404"), "{text}");
    assert!(text.contains("missing field `errors`"), "{text}");
    assert_eq!(text.matches("missing field").count(), 1, "{text}");
}

#[tokio::test]
async fn retryable_statuses_and_timeouts_say_so() {
    for (status, retryable) in [
        (429, true),
        (503, true),
        (500, true),
        (400, false),
        (409, false),
    ] {
        let body = error_json("e", "e", "e");
        let server = server_answering(json_response(status, &body)).await;
        let error = client(&server)
            .api_keys()
            .get_api_key(KEY_ID)
            .send()
            .await
            .unwrap_err();
        assert_eq!(error.is_retryable(), retryable, "{status}");
        assert!(!error.is_timeout());
    }

    let server =
        server_answering(json_response(200, &api_key_json()).set_delay(Duration::from_secs(2)))
            .await;
    let error = client(&server)
        .api_keys()
        .get_api_key(KEY_ID)
        .timeout(Duration::from_millis(100))
        .retries(RetryConfig::none())
        .send()
        .await
        .unwrap_err();
    assert!(error.is_timeout() && error.is_retryable(), "{error:?}");
    assert!(error.status().is_none());
}

/// Every part of an error chain appears once: no `Display` repeats its source's text.
fn assert_said_once(error: &dyn std::error::Error) {
    let mut current = error;
    while let Some(source) = current.source() {
        let (outer, inner) = (current.to_string(), source.to_string());
        assert!(
            !outer.contains(&inner),
            "`{outer}` repeats its source `{inner}`"
        );
        current = source;
    }
}

#[tokio::test]
async fn displays_say_their_own_part_once() {
    // A decode failure: the path in the error, serde's message in its source.
    let mut key = api_key_json();
    key["revoked"] = json!("no");
    let server = server_answering(json_response(200, &key)).await;
    let error = client(&server)
        .api_keys()
        .get_api_key(KEY_ID)
        .send()
        .await
        .unwrap_err();
    assert_said_once(&error);
    let text = report(&error);
    assert!(
        text.contains("`revoked`") && text.contains("invalid type"),
        "{text}"
    );

    // A timeout and a refused connection: reqwest's error is the source.
    let server =
        server_answering(json_response(200, &api_key_json()).set_delay(Duration::from_secs(2)))
            .await;
    let timeout = client(&server)
        .api_keys()
        .get_api_key(KEY_ID)
        .timeout(Duration::from_millis(100))
        .retries(RetryConfig::none())
        .send()
        .await
        .unwrap_err();
    assert_said_once(&timeout);
    let refused = client_for(&refusing_url())
        .api_keys()
        .get_api_key(KEY_ID)
        .send()
        .await
        .unwrap_err();
    assert_said_once(&refused);
    assert!(std::error::Error::source(&refused).is_some());

    // A token provider's failure is the source of the `Auth` error.
    let failing = Clerk::builder()
        .server_url(server.uri())
        .bearer_auth_provider(|| async { Err::<String, _>("vault sealed") })
        .build()
        .expect("valid");
    let auth = failing
        .api_keys()
        .get_api_key(KEY_ID)
        .send()
        .await
        .unwrap_err();
    assert_said_once(&auth);
    assert!(
        report(&auth).ends_with(": vault sealed"),
        "{}",
        report(&auth)
    );
}

#[test]
fn every_public_error_type_is_a_std_error_that_crosses_threads() {
    fn is_error<T: std::error::Error + Send + Sync + 'static>() {}
    is_error::<Error>();
    is_error::<SdkError<GetAPIKeyError>>();
    is_error::<ApiError<GetAPIKeyError>>();
    is_error::<UnexpectedResponse>();
    is_error::<DecodeError>();
    is_error::<OperationError>();
    is_error::<GetAPIKeyError>();
}

#[test]
fn build_errors_are_the_crate_error() {
    fn build() -> Result<Clerk, Error> {
        let client = Clerk::builder().bearer_auth(" ").build()?;
        Ok(client)
    }
    let error = build().unwrap_err();
    assert!(matches!(error, Error::Config(_)), "{error:?}");
}

#[tokio::test]
async fn the_request_id_is_clerks_trace_id_in_the_body_else_the_cf_ray_header() {
    let mut body = error_json("not found", "No API key was found.", "resource_not_found");
    body["clerk_trace_id"] = json!("trace_2b9d");
    // `json_response` sends `cf-ray` too: the body's trace id comes first.
    let server = revoke_answers(404, body).await;
    let error = revoke_if_valid(&client(&server), KEY_ID).await.unwrap_err();
    assert_eq!(error.request_id(), Some("trace_2b9d"));
    assert_eq!(error.message(), Some("No API key was found."));
    assert_eq!(error.code(), Some("resource_not_found"));
    let SdkError::Api(api) = &error else {
        panic!("expected SdkError::Api, got {error:?}")
    };
    assert_eq!(api.request_id(), Some("trace_2b9d"));

    // An answer without a documented body: the header's.
    let server = revoke_answers(502, json!("<html>Bad Gateway</html>")).await;
    let error = revoke_if_valid(&client(&server), KEY_ID).await.unwrap_err();
    assert!(matches!(error, Error::Unexpected(_)), "{error:?}");
    assert_eq!(error.request_id(), Some(REQUEST_ID));
    assert_eq!((error.message(), error.code()), (None, None));
}
