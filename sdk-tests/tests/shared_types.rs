//! One type per resource (spec/overlay.yaml names the shapes): every answer with a key is an
//! `APIKey`, every documented error body a `ClerkErrors`, counts are integers, and the
//! per-operation names of earlier versions still name the same types.

mod common;

use clerk_backend_api::api_keys::{CreateAPIKeyError, GetAPIKeyError};
use clerk_backend_api::models::{self, APIKey, ClerkErrors};
use common::*;
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer};

/// What an application writes once for every key it is given.
fn show(key: &APIKey) -> String {
    format!("{} {}", key.id, key.name)
}

/// What an application writes once for every error Clerk documents.
fn first_code(body: &ClerkErrors) -> &str {
    &body.errors[0].code
}

#[tokio::test]
async fn every_answer_with_a_key_is_one_api_key_type() {
    let server = MockServer::start().await;
    let page = json!({ "data": [api_key_json()], "total_count": 1 });
    Mock::given(method("GET"))
        .and(path("/api_keys"))
        .respond_with(json_response(200, &page))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/api_keys"))
        .respond_with(json_response(201, &created_api_key_json()))
        .mount(&server)
        .await;
    respond(&server, json_response(200, &api_key_json())).await;
    let clerk = client(&server);
    let keys = clerk.api_keys();

    let created = keys.create_api_key("ci", SUBJECT).send().await.unwrap();
    let read = keys.get_api_key(KEY_ID).send().await.unwrap();
    let updated = keys.update_api_key(KEY_ID).send().await.unwrap();
    let revoked = keys.revoke_api_key(KEY_ID).send().await.unwrap();
    let verified = keys.verify_api_key(SECRET).send().await.unwrap();
    let page_size: u32 = 10;
    let page = keys
        .get_api_keys(SUBJECT)
        .limit(page_size)
        .send()
        .await
        .unwrap();

    let answers: [&APIKey; 6] = [
        &created,
        &read,
        &updated,
        &revoked,
        &verified,
        &page.data[0],
    ];
    for shown in answers.map(show) {
        assert_eq!(shown, format!("{KEY_ID} billing-service"));
    }
    // Only the answer of create carries the secret.
    assert_eq!(created.secret.as_deref(), Some(SECRET));
    assert_eq!(read.secret, None);
    // Counts and times are integers.
    assert_eq!(page.total_count, 1);
    assert_eq!(read.created_at.count(), 1_762_732_800_000_i64);

    // The names of earlier versions are the same type.
    let earlier: &models::GetAPIKeyResponseBody = &read;
    let listed: &models::GetAPIKeysData = &page.data[0];
    let created_earlier: &models::CreateAPIKeyResponseBody = &created;
    assert_eq!(show(earlier), show(listed));
    assert_eq!(show(created_earlier), show(listed));
}

#[tokio::test]
async fn every_documented_error_body_is_one_clerk_errors_type() {
    let server = MockServer::start().await;
    let conflict = error_json("Taken", "The name is taken.", "duplicate_record");
    let mut not_found = error_json("Not found", "No such key.", "resource_not_found");
    not_found["clerk_trace_id"] = json!("trace_1");
    Mock::given(method("POST"))
        .and(path("/api_keys"))
        .respond_with(json_response(409, &conflict))
        .mount(&server)
        .await;
    respond(&server, json_response(404, &not_found)).await;
    let clerk = client(&server);
    let keys = clerk.api_keys();

    let error = expect_api(keys.create_api_key("ci", SUBJECT).send().await);
    let CreateAPIKeyError::Conflict(body) = &error.error else {
        panic!("expected Conflict, got {:?}", error.error);
    };
    assert_eq!(first_code(body), "duplicate_record");
    // Still the name Clerk's other SDKs give the 409 body of create.
    let _: &models::CreateAPIKeyAPIKeysResponseResponseBody = body;

    let error = expect_api(keys.get_api_key(KEY_ID).send().await);
    let GetAPIKeyError::NotFound(body) = &error.error else {
        panic!("expected NotFound, got {:?}", error.error);
    };
    assert_eq!(first_code(body), "resource_not_found");
    assert_eq!(body.clerk_trace_id.as_deref(), Some("trace_1"));
}
