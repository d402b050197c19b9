//! Requests own what they need: a call can be spawned on another task, and a function can
//! return a page stream, after the client value it came from is gone (a builder holds a clone
//! of the client, which shares its connection pool).

mod common;

use clerk_backend_api::api_keys::GetAPIKeysError;
use clerk_backend_api::models::APIKey;
use clerk_backend_api::{Clerk, SdkError};
use common::*;
use futures_util::{Stream, StreamExt};
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer};

/// Every key of a subject, as a stream that borrows nothing.
fn all_keys(
    clerk: &Clerk,
) -> impl Stream<Item = Result<APIKey, SdkError<GetAPIKeysError>>> + 'static {
    clerk.api_keys().get_api_keys(SUBJECT).limit(1).stream()
}

#[tokio::test]
async fn a_call_can_be_spawned_and_a_stream_outlives_its_client() {
    let server = MockServer::start().await;
    let page = json!({ "data": [api_key_json()], "total_count": 1 });
    Mock::given(method("GET"))
        .and(path("/api_keys"))
        .respond_with(json_response(200, &page))
        .mount(&server)
        .await;
    respond(&server, json_response(200, &api_key_json())).await;

    let clerk = client(&server);
    let call = tokio::spawn(clerk.api_keys().get_api_key(KEY_ID).send());
    let keys = all_keys(&clerk);
    drop(clerk);

    let read = call
        .await
        .expect("the task ran")
        .expect("the call succeeds");
    assert_eq!(read.id, KEY_ID);
    let listed: Vec<_> = keys.collect().await;
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].as_ref().expect("a key").id, KEY_ID);
}
