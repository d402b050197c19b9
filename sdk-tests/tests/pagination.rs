//! `get_api_keys().stream()`: every key across pages, walked by `offset` and `limit`.

mod common;

use clerk_backend_api::SdkError;
use clerk_backend_api::api_keys::GetAPIKeysError;
use clerk_backend_api::models::GetAPIKeysData;
use common::*;
use futures_util::StreamExt;
use serde_json::{Value, json};
use wiremock::{MockServer, Request, Respond, ResponseTemplate};

/// A server with `total` API keys that answers `GET /api_keys` with the page its `offset`
/// and `limit` ask for, never more than `max_page` keys.
struct Keys {
    total: usize,
    max_page: usize,
    /// The `total_count` it answers, when it differs from `total`.
    claimed_total: Option<usize>,
    /// An offset whose page is a 404.
    fail_at: Option<usize>,
}

impl Keys {
    fn new(total: usize) -> Self {
        Keys {
            total,
            max_page: 100,
            claimed_total: None,
            fail_at: None,
        }
    }

    async fn serve(self) -> MockServer {
        let server = MockServer::start().await;
        respond(&server, ResponseTemplate::new(500)).await;
        wiremock::Mock::given(wiremock::matchers::path("/api_keys"))
            .respond_with(self)
            .with_priority(1)
            .mount(&server)
            .await;
        server
    }
}

fn number(request: &Request, name: &str) -> Option<usize> {
    let (_, value) = request.url.query_pairs().find(|(n, _)| n == name)?;
    Some(value.parse().expect("a whole number"))
}

/// The `index`-th key of the server, with an id that tells its place.
fn key_json(index: usize) -> Value {
    let mut key = api_key_json();
    key["id"] = json!(format!("ak_{index:032x}"));
    key
}

impl Respond for Keys {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let offset = number(request, "offset").unwrap_or(0);
        let limit = number(request, "limit").unwrap_or(10).min(self.max_page);
        if self.fail_at == Some(offset) {
            let body = error_json(
                "not found",
                "No subject with this ID.",
                "resource_not_found",
            );
            return json_response(404, &body);
        }
        let data: Vec<Value> = (offset..(offset + limit).min(self.total))
            .map(key_json)
            .collect();
        let total_count = self.claimed_total.unwrap_or(self.total);
        json_response(200, &json!({ "data": data, "total_count": total_count }))
    }
}

/// The offset and limit of every request the server received, in order.
async fn pages_asked(server: &MockServer) -> Vec<(Option<usize>, Option<usize>)> {
    requests(server)
        .await
        .iter()
        .map(|r| (number(r, "offset"), number(r, "limit")))
        .collect()
}

fn ids(keys: &[GetAPIKeysData]) -> Vec<String> {
    keys.iter().map(|k| k.id.clone()).collect()
}

fn expected_ids(range: std::ops::Range<usize>) -> Vec<String> {
    range.map(|i| format!("ak_{i:032x}")).collect()
}

#[tokio::test]
async fn stream_walks_every_page_until_total_count() {
    let server = Keys::new(5).serve().await;
    let clerk = client(&server);

    let keys: Vec<_> = clerk
        .api_keys()
        .get_api_keys(SUBJECT)
        .limit(2)
        .stream()
        .collect()
        .await;

    let keys: Vec<_> = keys.into_iter().map(|k| k.expect("a key")).collect();
    assert_eq!(ids(&keys), expected_ids(0..5));
    // Three pages and no fourth request: the third page reached `total_count`.
    assert_eq!(
        pages_asked(&server).await,
        [(Some(0), Some(2)), (Some(2), Some(2)), (Some(4), Some(2))]
    );
    for request in requests(&server).await {
        assert_eq!(
            query_pairs(&request)
                .iter()
                .find(|(k, _)| k == "subject")
                .map(|(_, v)| v.as_str()),
            Some(SUBJECT)
        );
        assert_standard_headers(&request, false);
    }
}

#[tokio::test]
async fn stream_starts_at_the_offset_set_on_the_builder() {
    let server = Keys::new(5).serve().await;

    let keys: Vec<_> = client(&server)
        .api_keys()
        .get_api_keys(SUBJECT)
        .offset(3)
        .limit(10)
        .stream()
        .map(|k| k.expect("a key"))
        .collect()
        .await;

    assert_eq!(ids(&keys), expected_ids(3..5));
    assert_eq!(pages_asked(&server).await, [(Some(3), Some(10))]);
}

#[tokio::test]
async fn stream_follows_the_page_size_the_server_chose() {
    let server = Keys {
        max_page: 2,
        ..Keys::new(5)
    }
    .serve()
    .await;

    let keys: Vec<_> = client(&server)
        .api_keys()
        .get_api_keys(SUBJECT)
        .stream()
        .map(|k| k.expect("a key"))
        .collect()
        .await;

    assert_eq!(ids(&keys), expected_ids(0..5));
    assert_eq!(
        pages_asked(&server).await,
        [(Some(0), None), (Some(2), None), (Some(4), None)]
    );
}

#[tokio::test]
async fn stream_stops_at_an_empty_page_even_if_total_count_says_more() {
    let server = Keys {
        claimed_total: Some(100),
        ..Keys::new(3)
    }
    .serve()
    .await;

    let keys: Vec<_> = client(&server)
        .api_keys()
        .get_api_keys(SUBJECT)
        .limit(2)
        .stream()
        .map(|k| k.expect("a key"))
        .collect()
        .await;

    assert_eq!(ids(&keys), expected_ids(0..3));
    assert_eq!(
        pages_asked(&server).await,
        [(Some(0), Some(2)), (Some(2), Some(2)), (Some(3), Some(2))]
    );
}

#[tokio::test]
async fn stream_yields_an_error_after_the_items_before_it_and_ends() {
    let server = Keys {
        fail_at: Some(2),
        ..Keys::new(5)
    }
    .serve()
    .await;

    let results: Vec<_> = client(&server)
        .api_keys()
        .get_api_keys(SUBJECT)
        .limit(2)
        .stream()
        .collect()
        .await;

    assert_eq!(results.len(), 3, "{results:?}");
    let keys: Vec<_> = results[..2]
        .iter()
        .map(|k| k.as_ref().expect("a key").clone())
        .collect();
    assert_eq!(ids(&keys), expected_ids(0..2));
    match &results[2] {
        Err(SdkError::Api(error)) => {
            assert_eq!(error.status, 404);
            assert!(matches!(error.error, GetAPIKeysError::NotFound(_)));
        }
        other => panic!("expected the 404 of the second page, got {other:?}"),
    }
    assert_eq!(pages_asked(&server).await.len(), 2);
}

#[tokio::test]
async fn stream_of_an_empty_list_asks_once() {
    let server = Keys::new(0).serve().await;

    let keys: Vec<_> = client(&server)
        .api_keys()
        .get_api_keys(SUBJECT)
        .stream()
        .collect()
        .await;

    assert!(keys.is_empty(), "{keys:?}");
    assert_eq!(pages_asked(&server).await, [(Some(0), None)]);
}

#[test]
fn stream_is_send_so_it_can_move_across_tasks() {
    fn assert_send<T: Send>(_: &T) {}
    let clerk = client_for("http://127.0.0.1:9");
    let stream = clerk.api_keys().get_api_keys(SUBJECT).stream();
    assert_send(&stream);
}
