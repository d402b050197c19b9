//! The client builder, client-wide and per-call settings, retries, timeouts and transport
//! failures.

mod common;

use std::time::{Duration, Instant};

use clerk_backend_api::{Clerk, Error, RetryConfig, StatusMatch};
use common::*;
use serde_json::json;
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

/// Fast retries: 1 ms between attempts, at most `attempts` attempts, on the given statuses.
fn fast_retries(attempts: u32, status_codes: Vec<StatusMatch>) -> RetryConfig {
    RetryConfig {
        initial_interval: Duration::from_millis(1),
        max_interval: Duration::from_millis(5),
        exponent: 1.5,
        max_elapsed_time: Duration::from_secs(5),
        max_attempts: Some(attempts),
        status_codes,
        retry_connection_errors: false,
    }
}

/// Answers the first `times` requests with `first`, and later ones with `then`.
async fn answer_first_then(
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

fn expect_config<T: std::fmt::Debug>(result: Result<T, Error<std::convert::Infallible>>) -> String {
    match result {
        Err(Error::Config(message)) => message,
        other => panic!("expected Error::Config, got {other:?}"),
    }
}

// --- builder ----------------------------------------------------------------------------------

#[test]
fn build_without_a_token_is_a_config_error() {
    let message = expect_config(Clerk::builder().server_url("http://127.0.0.1:9").build());
    assert!(message.contains("bearer"), "{message}");
    let error = Clerk::builder().build().unwrap_err();
    assert!(
        error.to_string().contains("invalid configuration"),
        "{error}"
    );
    assert_eq!(error.status(), None);
}

#[test]
fn build_with_a_blank_token_is_a_config_error() {
    expect_config(Clerk::builder().bearer_auth("   ").build());
    expect_config(Clerk::builder().bearer_auth("").build());
}

#[test]
fn build_with_a_token_that_cannot_be_a_header_is_a_config_error() {
    expect_config(
        Clerk::builder()
            .bearer_auth("sk_test_a\r\nX-Injected: 1")
            .build(),
    );
}

#[test]
fn build_with_an_invalid_server_url_is_a_config_error() {
    for url in [
        "not a url",
        "ftp://api.example.com",
        "mailto:ops@example.com",
        "/v1",
    ] {
        let message = expect_config(Clerk::builder().bearer_auth(TOKEN).server_url(url).build());
        assert!(message.contains(url), "message for `{url}`: {message}");
    }
}

#[test]
fn build_with_an_invalid_header_is_a_config_error() {
    expect_config(
        Clerk::builder()
            .bearer_auth(TOKEN)
            .header("Bad Header", "1")
            .build(),
    );
    expect_config(
        Clerk::builder()
            .bearer_auth(TOKEN)
            .header("X-Ok", "line\nbreak")
            .build(),
    );
}

#[test]
fn debug_output_never_contains_the_token() {
    let builder = Clerk::builder().bearer_auth(TOKEN);
    let text = format!("{builder:?}");
    assert!(!text.contains(TOKEN), "{text}");
    assert!(!text.contains("4eC39Hq"), "{text}");
    assert!(
        text.contains("https://api.clerk.com/v1"),
        "the default server URL: {text}"
    );

    let clerk = builder.build().expect("the client builds");
    for text in [
        format!("{clerk:?}"),
        format!("{clerk:#?}"),
        format!("{:?}", clerk.api_keys().get_api_key(KEY_ID)),
    ] {
        assert!(!text.contains(TOKEN), "{text}");
        assert!(!text.contains("4eC39Hq"), "{text}");
    }
}

// --- client-wide settings ---------------------------------------------------------------------

#[tokio::test]
async fn client_headers_are_sent_and_replace_defaults() {
    let server = server_answering(json_response(200, &json!({ "secret": SECRET }))).await;
    let clerk = Clerk::builder()
        .bearer_auth(TOKEN)
        .server_url(server.uri())
        .header("X-Client", "billing-worker")
        .header("Clerk-API-Version", "2024-10-01")
        .build()
        .expect("the client builds");

    clerk
        .api_keys()
        .get_api_key_secret(KEY_ID)
        .send()
        .await
        .expect("the call succeeds");

    let request = only_request(&server).await;
    assert_eq!(header(&request, "x-client"), Some("billing-worker"));
    assert_eq!(header(&request, "clerk-api-version"), Some("2024-10-01"));
    assert_eq!(header(&request, "user-agent"), Some(USER_AGENT));
}

#[tokio::test]
async fn per_call_header_replaces_a_client_header() {
    let server = server_answering(json_response(200, &json!({ "secret": SECRET }))).await;
    let clerk = Clerk::builder()
        .bearer_auth(TOKEN)
        .server_url(server.uri())
        .header("X-Client", "billing-worker")
        .build()
        .expect("the client builds");

    clerk
        .api_keys()
        .get_api_key_secret(KEY_ID)
        .header("x-client", "one-off")
        .send()
        .await
        .expect("the call succeeds");

    assert_eq!(
        header(&only_request(&server).await, "x-client"),
        Some("one-off")
    );
}

#[tokio::test]
async fn server_url_with_a_path_prefix_is_kept() {
    let server = server_answering(json_response(200, &json!({ "secret": SECRET }))).await;

    for base in [
        format!("{}/v1", server.uri()),
        format!("{}/v1/", server.uri()),
    ] {
        client_for(&base)
            .api_keys()
            .get_api_key_secret(KEY_ID)
            .send()
            .await
            .expect("the call succeeds");
    }

    let received = requests(&server).await;
    let paths: Vec<_> = received.iter().map(|r| r.url.path()).collect();
    let expected = format!("/v1/api_keys/{KEY_ID}/secret");
    assert_eq!(paths, [expected.as_str(), expected.as_str()]);
}

#[tokio::test]
async fn invalid_per_call_settings_are_config_errors_and_send_nothing() {
    let server = server_answering(json_response(200, &json!({ "secret": SECRET }))).await;
    let clerk = client(&server);

    let result = clerk
        .api_keys()
        .get_api_key_secret(KEY_ID)
        .header("Bad Header", "1")
        .send()
        .await;
    assert!(matches!(result, Err(Error::Config(_))), "{result:?}");
    let result = clerk
        .api_keys()
        .get_api_key_secret(KEY_ID)
        .server_url("nope")
        .send()
        .await;
    assert!(matches!(result, Err(Error::Config(_))), "{result:?}");

    assert!(requests(&server).await.is_empty());
}

// --- retries ----------------------------------------------------------------------------------

#[tokio::test]
async fn retried_5xx_then_success_resends_the_same_body() {
    let server = MockServer::start().await;
    answer_first_then(
        &server,
        ResponseTemplate::new(503),
        1,
        json_response(201, &created_api_key_json()),
    )
    .await;
    let clerk = Clerk::builder()
        .bearer_auth(TOKEN)
        .server_url(server.uri())
        .retries(fast_retries(3, vec![StatusMatch::Class(5)]))
        .build()
        .expect("the client builds");

    let key = clerk
        .api_keys()
        .create_api_key("billing-service", SUBJECT)
        .claims(json!({ "a": 1 }))
        .send()
        .await
        .expect("the retry succeeds");

    assert_eq!(key.status(), 201);
    let received = requests(&server).await;
    assert_eq!(received.len(), 2);
    assert_eq!(received[0].body, received[1].body);
    assert_eq!(
        body_json(&received[1]),
        json!({ "name": "billing-service", "subject": SUBJECT, "claims": { "a": 1 } })
    );
    assert_standard_headers(&received[1], true);
}

#[tokio::test]
async fn retries_stop_after_max_attempts() {
    let body = error_json(
        "internal error",
        "Something went wrong.",
        "internal_clerk_error",
    );
    let server = server_answering(json_response(500, &body)).await;

    let result = client(&server)
        .api_keys()
        .get_api_key(KEY_ID)
        .retries(fast_retries(3, vec![StatusMatch::Class(5)]))
        .send()
        .await;

    let error = expect_sdk(result);
    assert_eq!(error.status, 500);
    assert_eq!(requests(&server).await.len(), 3);
}

#[tokio::test]
async fn documented_4xx_is_not_retried() {
    let (message, long_message, code) = (
        "not found",
        "No API key was found with the given ID.",
        "resource_not_found",
    );
    let server =
        server_answering(json_response(404, &error_json(message, long_message, code))).await;

    let result = client(&server)
        .api_keys()
        .get_api_key(KEY_ID)
        .retries(fast_retries(3, vec![StatusMatch::Class(5)]))
        .send()
        .await;

    assert_eq!(expect_api(result).status, 404);
    assert_eq!(requests(&server).await.len(), 1);
}

#[tokio::test]
async fn exact_status_codes_can_be_retried() {
    let server = MockServer::start().await;
    answer_first_then(
        &server,
        ResponseTemplate::new(429),
        2,
        json_response(200, &json!({ "secret": SECRET })),
    )
    .await;

    let secret = client(&server)
        .api_keys()
        .get_api_key_secret(KEY_ID)
        .retries(fast_retries(5, vec![StatusMatch::Code(429)]))
        .send()
        .await
        .expect("the third attempt succeeds");

    assert_eq!(secret.secret, SECRET);
    assert_eq!(requests(&server).await.len(), 3);
}

#[tokio::test]
async fn default_policy_retries_5xx_and_honours_retry_after() {
    let server = MockServer::start().await;
    answer_first_then(
        &server,
        ResponseTemplate::new(503).insert_header("Retry-After", "0"),
        1,
        json_response(200, &api_key_json()),
    )
    .await;
    // No `.retries(...)`: the API's own policy (5XX, backoff from 500 ms), which a
    // `Retry-After: 0` answer cuts short.
    let clerk = Clerk::builder()
        .bearer_auth(TOKEN)
        .server_url(server.uri())
        .build()
        .expect("the client builds");

    let started = Instant::now();
    let key = clerk
        .api_keys()
        .get_api_key(KEY_ID)
        .send()
        .await
        .expect("the retry succeeds");

    assert_eq!(key.id, KEY_ID);
    assert_eq!(requests(&server).await.len(), 2);
    assert!(
        started.elapsed() < Duration::from_millis(450),
        "Retry-After: 0 was not honoured: {:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn per_call_retries_replace_the_client_policy() {
    let server = server_answering(ResponseTemplate::new(503)).await;
    let clerk = Clerk::builder()
        .bearer_auth(TOKEN)
        .server_url(server.uri())
        .retries(fast_retries(4, vec![StatusMatch::Class(5)]))
        .build()
        .expect("the client builds");

    let error = expect_sdk(
        clerk
            .api_keys()
            .get_api_key(KEY_ID)
            .retries(RetryConfig::none())
            .send()
            .await,
    );

    assert_eq!(error.status, 503);
    assert_eq!(requests(&server).await.len(), 1);
}

// --- timeouts and transport failures ------------------------------------------------------------

#[tokio::test]
async fn slow_answers_time_out() {
    let server =
        server_answering(json_response(200, &api_key_json()).set_delay(Duration::from_secs(5)))
            .await;

    let started = Instant::now();
    let result = client(&server)
        .api_keys()
        .get_api_key(KEY_ID)
        .timeout(Duration::from_millis(100))
        .send()
        .await;

    assert!(matches!(result, Err(Error::Timeout(_))), "{result:?}");
    assert!(result.unwrap_err().to_string().contains("timed out"));
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "the timeout was not applied: {:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn client_timeout_applies_to_every_call() {
    let server =
        server_answering(json_response(200, &api_key_json()).set_delay(Duration::from_secs(5)))
            .await;
    let clerk = Clerk::builder()
        .bearer_auth(TOKEN)
        .server_url(server.uri())
        .retries(RetryConfig::none())
        .timeout(Duration::from_millis(100))
        .build()
        .expect("the client builds");

    let result = clerk.api_keys().get_api_key(KEY_ID).send().await;

    assert!(matches!(result, Err(Error::Timeout(_))), "{result:?}");
}

#[tokio::test]
async fn refused_connection_is_a_transport_error() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port");
    let address = listener.local_addr().expect("the port");
    drop(listener);

    let result = client_for(&format!("http://{address}"))
        .api_keys()
        .get_api_key(KEY_ID)
        .send()
        .await;

    let error = result.unwrap_err();
    assert!(matches!(error, Error::Transport(_)), "{error:?}");
    assert_eq!(error.status(), None);
    assert!(error.to_string().contains("transport error"), "{error}");
}
