//! Shared fixtures for the end-to-end tests: a client pointed at a wiremock server, canned
//! response bodies and helpers to inspect what the server received.
//!
//! Every test crate includes this module but uses only part of it.
#![allow(dead_code)]

use std::fmt::Debug;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use clerk_backend_api::{
    ApiError, Clerk, ClerkBuilder, DecodeError, ResponseValue, RetryConfig, SdkError,
    UnexpectedResponse,
};
use serde_json::{Value, json};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

pub const TOKEN: &str = "sk_test_4eC39HqLyjWDarjtT1zdp7dcQx9bKm2N";
pub const USER_AGENT: &str = "clerk-backend-api-rust/0.4.1";
pub const API_VERSION: &str = "2025-11-10";

pub const KEY_ID: &str = "ak_7c1e4f9a2b6d4e08a3f5c9d2e1b7a460";
pub const OTHER_KEY_ID: &str = "ak_0f3b8d2c6e1a4f97b5d0c8e3a2f6b914";
pub const SUBJECT: &str = "user_2zKq8VbN4mRtX7cLp3WsY9dFhJa";
pub const CREATOR: &str = "user_2zKp1QeT6uHs0GnBv5XyR8aLmCd";
pub const SECRET: &str = "ak_9d2f6b1c8e4a7f3d0b5c9e2a6f1d4b8c3e7a0f5d";
pub const REQUEST_ID: &str = "req_01JC8X4M3Q7Z9T2V5B6N8K0W1Y";

/// A client for `server` with retries disabled, so that 5XX answers come back at once.
pub fn client(server: &MockServer) -> Clerk {
    client_for(&server.uri())
}

/// A client for the base URL `url` with retries disabled.
pub fn client_for(url: &str) -> Clerk {
    Clerk::builder()
        .bearer_auth(TOKEN)
        .server_url(url)
        .retries(RetryConfig::none())
        .build()
        .expect("the client builds")
}

/// An API key as `GET /api_keys/{id}` returns it: every required field, some of them null.
pub fn api_key_json() -> Value {
    json!({
        "object": "api_key",
        "id": KEY_ID,
        "type": "api_key",
        "subject": SUBJECT,
        "name": "billing-service",
        "description": "Used by the nightly invoicing job",
        "claims": { "team": "billing" },
        "scopes": ["invoices:read", "invoices:write"],
        "revoked": false,
        "revocation_reason": null,
        "expired": false,
        "expiration": 1794268800000u64,
        "created_by": CREATOR,
        "last_used_at": null,
        "created_at": 1762732800000u64,
        "updated_at": 1762736400000u64
    })
}

/// An API key as `POST /api_keys` returns it: with its secret.
pub fn created_api_key_json() -> Value {
    let mut key = api_key_json();
    key["secret"] = json!(SECRET);
    key
}

/// The body of a documented error response.
pub fn error_json(message: &str, long_message: &str, code: &str) -> Value {
    json!({ "errors": [{ "message": message, "long_message": long_message, "code": code }] })
}

/// The serialized bytes of a JSON value, to compare with a raw response body.
pub fn bytes_of(value: &Value) -> Vec<u8> {
    serde_json::to_vec(value).expect("a JSON value serializes")
}

/// A JSON response with the given status, body and a request id header (`cf-ray`, where
/// Clerk sends its id of a request).
pub fn json_response(status: u16, body: &Value) -> ResponseTemplate {
    ResponseTemplate::new(status)
        .insert_header("cf-ray", REQUEST_ID)
        .set_body_raw(bytes_of(body), "application/json")
}

/// Answers every request to `server` with `template`.
pub async fn respond(server: &MockServer, template: ResponseTemplate) {
    Mock::given(any())
        .respond_with(template)
        .mount(server)
        .await;
}

/// Answers the first `times` requests with `first`, and later ones with `then`.
pub async fn answer_first_then(
    server: &MockServer,
    first: ResponseTemplate,
    times: u64,
    then: ResponseTemplate,
) {
    Mock::given(any())
        .respond_with(first)
        .up_to_n_times(times)
        .with_priority(1)
        .mount(server)
        .await;
    Mock::given(any())
        .respond_with(then)
        .with_priority(2)
        .mount(server)
        .await;
}

/// A base URL where nothing listens.
pub fn refusing_url() -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port");
    let address = listener.local_addr().expect("the port");
    drop(listener);
    format!("http://{address}")
}

/// A fresh server that answers every request with `template`.
pub async fn server_answering(template: ResponseTemplate) -> MockServer {
    let server = MockServer::start().await;
    respond(&server, template).await;
    server
}

/// Every request the server received.
pub async fn requests(server: &MockServer) -> Vec<Request> {
    server
        .received_requests()
        .await
        .expect("request recording is enabled")
}

/// The one request the server received.
pub async fn only_request(server: &MockServer) -> Request {
    let mut received = requests(server).await;
    assert_eq!(
        received.len(),
        1,
        "expected exactly one request, got {received:?}"
    );
    received.remove(0)
}

/// The only value of the header `name`, as text; panics if it appears more than once.
pub fn header<'a>(request: &'a Request, name: &str) -> Option<&'a str> {
    let values: Vec<_> = request.headers.get_all(name).iter().collect();
    assert!(
        values.len() <= 1,
        "header `{name}` sent {} times: {values:?}",
        values.len()
    );
    values
        .first()
        .map(|v| v.to_str().expect("header value is text"))
}

/// Checks the headers every request carries, and `Content-Type` exactly when there is a body.
pub fn assert_standard_headers(request: &Request, has_body: bool) {
    let bearer = format!("Bearer {TOKEN}");
    assert_eq!(header(request, "authorization"), Some(bearer.as_str()));
    assert_eq!(header(request, "user-agent"), Some(USER_AGENT));
    assert_eq!(header(request, "clerk-api-version"), Some(API_VERSION));
    if has_body {
        assert_eq!(header(request, "content-type"), Some("application/json"));
    } else {
        assert_eq!(header(request, "content-type"), None);
        assert!(
            request.body.is_empty(),
            "unexpected body: {:?}",
            String::from_utf8_lossy(&request.body)
        );
    }
}

/// Checks the method and the exact (still percent-encoded) path of a request without query.
pub fn assert_request_line(request: &Request, method: &str, path: &str) {
    assert_eq!(request.method.as_str(), method);
    assert_eq!(request.url.path(), path);
    assert_eq!(request.url.query(), None, "unexpected query string");
}

/// The decoded query pairs, sorted so that the order of parameters does not matter.
pub fn query_pairs(request: &Request) -> Vec<(String, String)> {
    let mut pairs: Vec<(String, String)> = request
        .url
        .query_pairs()
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    pairs.sort();
    pairs
}

/// Owned, sorted query pairs, to compare with [`query_pairs`].
pub fn pairs(expected: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut pairs: Vec<(String, String)> = expected
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    pairs.sort();
    pairs
}

/// The request body parsed as JSON.
pub fn body_json(request: &Request) -> Value {
    serde_json::from_slice(&request.body).unwrap_or_else(|e| {
        panic!(
            "request body is not JSON ({e}): {:?}",
            String::from_utf8_lossy(&request.body)
        )
    })
}

/// The documented error of a failed call; panics on any other outcome.
pub fn expect_api<T: Debug, E: Debug>(
    result: Result<ResponseValue<T>, SdkError<E>>,
) -> ApiError<E> {
    match result {
        Err(SdkError::Api(error)) => *error,
        other => panic!("expected SdkError::Api, got {other:?}"),
    }
}

/// The undocumented-response error of a failed call; panics on any other outcome.
pub fn expect_sdk<T: Debug, E: Debug>(
    result: Result<ResponseValue<T>, SdkError<E>>,
) -> UnexpectedResponse {
    match result {
        Err(SdkError::Unexpected(error)) => *error,
        other => panic!("expected SdkError::Unexpected, got {other:?}"),
    }
}

/// The decode error of a failed call; panics on any other outcome.
pub fn expect_decode<T: Debug, E: Debug>(
    result: Result<ResponseValue<T>, SdkError<E>>,
) -> DecodeError {
    match result {
        Err(SdkError::Decode(error)) => *error,
        other => panic!("expected SdkError::Decode, got {other:?}"),
    }
}

/// One attempt as the `after_response` and `after_error` hooks saw it.
#[derive(Debug, Clone, PartialEq)]
pub struct Seen {
    pub operation: &'static str,
    pub attempt: u32,
    /// The response status, or `None` when the attempt got no response.
    pub status: Option<u16>,
    pub retry_in: Option<Duration>,
}

/// Records every attempt of a client through its hooks.
#[derive(Debug, Clone, Default)]
pub struct Attempts(Arc<Mutex<Vec<Seen>>>);

impl Attempts {
    /// `builder` with hooks that record into `self`.
    pub fn recorded(&self, builder: ClerkBuilder) -> ClerkBuilder {
        let (responses, errors) = (self.clone(), self.clone());
        builder
            .after_response(move |r| {
                responses.push(Seen {
                    operation: r.operation,
                    attempt: r.attempt,
                    status: Some(r.status.as_u16()),
                    retry_in: r.retry_in,
                })
            })
            .after_error(move |e| {
                errors.push(Seen {
                    operation: e.operation,
                    attempt: e.attempt,
                    status: None,
                    retry_in: e.retry_in,
                })
            })
    }

    fn push(&self, seen: Seen) {
        self.0.lock().expect("no hook panicked").push(seen);
    }

    /// Every attempt so far, in order.
    pub fn seen(&self) -> Vec<Seen> {
        self.0.lock().expect("no hook panicked").clone()
    }

    /// The statuses of every attempt so far (`None` for no response).
    pub fn statuses(&self) -> Vec<Option<u16>> {
        self.seen().iter().map(|s| s.status).collect()
    }

    /// The delays before each retry, and `None` for the attempt that ended the call.
    pub fn delays(&self) -> Vec<Option<Duration>> {
        self.seen().iter().map(|s| s.retry_in).collect()
    }
}

/// An error and its `source()` chain, one `Display` each, joined by `: ` as error reporters
/// print them.
pub fn report(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}
