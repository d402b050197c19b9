//! The client builder, client-wide and per-call settings, retries, timeouts and transport
//! failures.

mod common;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use clerk_backend_api::{Clerk, RetryConfig, SdkError, StatusMatch, TransportKind};
use common::*;
use serde_json::json;
use wiremock::{MockServer, ResponseTemplate};

/// Fast retries: 1 ms between attempts, at most `attempts` attempts, on the given statuses.
fn fast_retries(attempts: u32, status_codes: Vec<StatusMatch>) -> RetryConfig {
    RetryConfig::none()
        .with_backoff(Duration::from_millis(1), Duration::from_millis(5), 1.5)
        .with_max_elapsed_time(Duration::from_secs(5))
        .with_max_attempts(attempts)
        .with_status_codes(status_codes)
}

fn expect_config<T: std::fmt::Debug>(result: Result<T, clerk_backend_api::Error>) -> String {
    match result {
        Err(SdkError::Config(message)) => message,
        other => panic!("expected SdkError::Config, got {other:?}"),
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

/// Panics if `text` shows any part of the API key secret.
fn assert_no_secret(text: &str) {
    assert!(!text.contains(&SECRET[3..20]), "the secret leaked: {text}");
}

#[tokio::test]
async fn debug_output_of_models_responses_and_builders_redacts_secrets() {
    let server = server_answering(json_response(201, &created_api_key_json())).await;
    let clerk = client(&server);

    let created = clerk
        .api_keys()
        .create_api_key("billing-service", SUBJECT)
        .send()
        .await
        .expect("the key is created");
    assert_eq!(
        created.secret.as_deref(),
        Some(SECRET),
        "the value itself is intact"
    );
    let text = format!("{created:?}");
    assert_no_secret(&text);
    assert!(text.contains(r#"secret: <redacted>"#), "{text}");
    assert!(text.contains(KEY_ID), "other fields are shown: {text}");

    let verify = clerk.api_keys().verify_api_key(SECRET);
    assert_no_secret(&format!("{verify:?}"));
    assert_no_secret(&format!("{:#?}", created.into_inner()));
}

#[tokio::test]
async fn error_output_redacts_secrets_in_raw_bodies() {
    // A create response missing a required field, and an undocumented status, both with the
    // secret in their body.
    let mut broken = created_api_key_json();
    broken.as_object_mut().unwrap().remove("name");
    let server = server_answering(json_response(201, &broken)).await;
    let error = client(&server)
        .api_keys()
        .create_api_key("billing-service", SUBJECT)
        .send()
        .await
        .unwrap_err();
    assert!(matches!(error, SdkError::Decode(_)), "{error:?}");
    assert_no_secret(&format!("{error:?}"));
    assert_no_secret(&error.to_string());
    assert!(
        error.to_string().contains(r#""secret":"<redacted>""#),
        "{error}"
    );

    let server = server_answering(json_response(502, &created_api_key_json())).await;
    let printed = Arc::new(Mutex::new(String::new()));
    let out = printed.clone();
    let clerk = Clerk::builder()
        .bearer_auth(TOKEN)
        .server_url(server.uri())
        .retries(RetryConfig::none())
        .after_response(move |response| out.lock().unwrap().push_str(&format!("{response:?}")))
        .build()
        .expect("the client builds");
    let error = clerk
        .api_keys()
        .get_api_key_secret(KEY_ID)
        .send()
        .await
        .unwrap_err();
    assert!(matches!(error, SdkError::Unexpected(_)), "{error:?}");
    assert_no_secret(&format!("{error:?}"));
    assert_no_secret(&error.to_string());
    let printed = printed.lock().unwrap().clone();
    assert!(printed.contains(KEY_ID), "{printed}");
    assert_no_secret(&printed);
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
    assert!(matches!(result, Err(SdkError::Config(_))), "{result:?}");
    let result = clerk
        .api_keys()
        .get_api_key_secret(KEY_ID)
        .server_url("nope")
        .send()
        .await;
    assert!(matches!(result, Err(SdkError::Config(_))), "{result:?}");

    assert!(requests(&server).await.is_empty());
}

// --- retries ----------------------------------------------------------------------------------

#[tokio::test]
async fn an_opted_in_post_after_two_503s_takes_three_attempts_and_resends_the_same_body() {
    let server = MockServer::start().await;
    answer_first_then(
        &server,
        ResponseTemplate::new(503),
        2,
        json_response(201, &created_api_key_json()),
    )
    .await;
    let attempts = Attempts::default();
    let clerk = attempts
        .recorded(Clerk::builder().bearer_auth(TOKEN).server_url(server.uri()))
        .retries(fast_retries(5, vec![StatusMatch::Class(5)]).with_non_idempotent(true))
        .build()
        .expect("the client builds");

    let key = clerk
        .api_keys()
        .create_api_key("billing-service", SUBJECT)
        .claims(json!({ "a": 1 }))
        .send()
        .await
        .expect("the third attempt succeeds");

    assert_eq!(key.status(), 201);
    // Five attempts were allowed; none follows the 201.
    assert_eq!(attempts.statuses(), [Some(503), Some(503), Some(201)]);
    let delays = attempts.delays();
    assert!(delays[0].is_some() && delays[1].is_some(), "{delays:?}");
    assert_eq!(delays[2], None);
    let received = requests(&server).await;
    assert_eq!(received.len(), 3);
    assert!(received.iter().all(|r| r.body == received[0].body));
    assert_eq!(
        body_json(&received[2]),
        json!({ "name": "billing-service", "subject": SUBJECT, "claims": { "a": 1 } })
    );
    assert_standard_headers(&received[2], true);
}

#[tokio::test]
async fn a_post_that_may_have_been_processed_is_not_sent_again_by_default() {
    // A 503 without `Retry-After` and a timeout: the server may have created the key.
    let server = MockServer::start().await;
    respond(&server, ResponseTemplate::new(503)).await;
    let slow = server_answering(
        json_response(201, &created_api_key_json()).set_delay(Duration::from_secs(5)),
    )
    .await;
    for (url, timeout) in [(server.uri(), 60_000), (slow.uri(), 50)] {
        let clerk = Clerk::builder()
            .bearer_auth(TOKEN)
            .server_url(url)
            .timeout(Duration::from_millis(timeout))
            .retries(fast_retries(3, vec![StatusMatch::Class(5)]).with_connection_errors(true))
            .build()
            .expect("the client builds");
        let result = clerk.api_keys().create_api_key("ci", SUBJECT).send().await;
        assert!(result.is_err(), "{result:?}");
    }
    assert_eq!(requests(&server).await.len(), 1, "the 503 is not re-sent");
    assert_eq!(
        requests(&slow).await.len(),
        1,
        "the timed-out POST is not re-sent"
    );

    // Opted in, the timed-out POST is sent again.
    let clerk = Clerk::builder()
        .bearer_auth(TOKEN)
        .server_url(slow.uri())
        .timeout(Duration::from_millis(50))
        .build()
        .expect("the client builds");
    let policy = fast_retries(3, vec![]).with_connection_errors(true);
    let result = (clerk.api_keys().create_api_key("ci", SUBJECT))
        .retries(policy.with_non_idempotent(true))
        .send()
        .await;
    assert!(matches!(result, Err(SdkError::Timeout(_))), "{result:?}");
    assert_eq!(requests(&slow).await.len(), 1 + 3);
}

#[tokio::test]
async fn a_post_refused_with_429_and_retry_after_is_sent_again() {
    let server = MockServer::start().await;
    let slow_down = ResponseTemplate::new(429).insert_header("retry-after", "0");
    let created = json_response(201, &created_api_key_json());
    answer_first_then(&server, slow_down, 1, created).await;
    let clerk = Clerk::builder()
        .bearer_auth(TOKEN)
        .server_url(server.uri())
        // 429 is not in the list: `Retry-After` is enough.
        .retries(fast_retries(3, vec![StatusMatch::Class(5)]))
        .build()
        .expect("the client builds");

    let key = clerk.api_keys().create_api_key("ci", SUBJECT).send().await;

    assert_eq!(key.expect("the second attempt succeeds").status(), 201);
    assert_eq!(requests(&server).await.len(), 2);
}

#[tokio::test]
async fn the_default_policy_is_bounded_by_attempts_and_by_a_deadline() {
    // The client's defaults: at most 3 attempts (spec/sdk.toml), then the error.
    let server = server_answering(ResponseTemplate::new(503)).await;
    let clerk = Clerk::builder()
        .bearer_auth(TOKEN)
        .server_url(server.uri())
        .build()
        .expect("the client builds");
    let fast = Duration::from_millis(1);
    let policy = clerk.retries().clone().with_backoff(fast, fast, 1.0);
    assert_eq!(policy.max_attempts, Some(3));
    assert_eq!(policy.deadline, Some(Duration::from_secs(120)));
    let result = clerk
        .api_keys()
        .get_api_key(KEY_ID)
        .retries(policy)
        .send()
        .await;
    assert!(result.is_err(), "{result:?}");
    assert_eq!(requests(&server).await.len(), 3);

    // A deadline cuts the attempt running when it passes and plans no retry after it.
    let slow =
        server_answering(json_response(200, &api_key_json()).set_delay(Duration::from_secs(5)))
            .await;
    let clerk = client(&slow);
    let policy = fast_retries(100, vec![])
        .with_connection_errors(true)
        .with_deadline(Duration::from_millis(300));
    let started = std::time::Instant::now();
    let result = clerk
        .api_keys()
        .get_api_key(KEY_ID)
        .retries(policy)
        .send()
        .await;
    let took = started.elapsed();
    assert!(matches!(result, Err(SdkError::Timeout(_))), "{result:?}");
    // One attempt of the client's 60 s timeout would take 5 s here: the deadline ended it.
    assert!(took < Duration::from_secs(3), "{took:?}");
    assert!(
        requests(&slow).await.len() == 1,
        "no attempt starts after the deadline"
    );
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
async fn bad_request_is_never_retried_by_the_default_policy() {
    let body = error_json("is invalid", "name is invalid", "form_param_format_invalid");
    let server = server_answering(json_response(400, &body)).await;
    let clerk = Clerk::builder()
        .bearer_auth(TOKEN)
        .server_url(server.uri())
        .build()
        .expect("the client builds");

    let result = clerk
        .api_keys()
        .create_api_key(" bad ", SUBJECT)
        .send()
        .await;

    assert_eq!(expect_api(result).status, 400);
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
    let attempts = Attempts::default();
    let clerk = attempts
        .recorded(Clerk::builder().bearer_auth(TOKEN).server_url(server.uri()))
        .build()
        .expect("the client builds");

    let key = clerk
        .api_keys()
        .get_api_key(KEY_ID)
        .send()
        .await
        .expect("the retry succeeds");

    assert_eq!(key.id, KEY_ID);
    assert_eq!(attempts.statuses(), [Some(503), Some(200)]);
    assert_eq!(attempts.delays(), [Some(Duration::ZERO), None]);
}

/// The delay the client chose after one 503 answer carrying `retry_after`.
async fn delay_after(retry_after: &str, policy: RetryConfig) -> Option<Duration> {
    let server = MockServer::start().await;
    answer_first_then(
        &server,
        ResponseTemplate::new(503).insert_header("Retry-After", retry_after),
        1,
        json_response(200, &api_key_json()),
    )
    .await;
    let attempts = Attempts::default();
    let clerk = attempts
        .recorded(Clerk::builder().bearer_auth(TOKEN).server_url(server.uri()))
        .retries(policy)
        .build()
        .expect("the client builds");
    clerk
        .api_keys()
        .get_api_key(KEY_ID)
        .send()
        .await
        .expect("the retry succeeds");
    attempts.delays()[0]
}

#[tokio::test]
async fn retry_after_is_read_as_seconds_or_http_date_and_capped_by_max_interval() {
    // The computed delays are as long as `max_interval` allows (a first delay longer than
    // it is refused), so that only `Retry-After` can make one shorter.
    let policy = fast_retries(2, vec![StatusMatch::Class(5)]).with_backoff(
        Duration::from_millis(20),
        Duration::from_millis(20),
        1.5,
    );
    // Asked for more than the longest allowed delay: capped.
    assert_eq!(
        delay_after("120", policy.clone()).await,
        Some(Duration::from_millis(20))
    );
    let in_an_hour = std::time::SystemTime::now() + Duration::from_secs(3600);
    assert_eq!(
        delay_after(&httpdate::fmt_http_date(in_an_hour), policy.clone()).await,
        Some(Duration::from_millis(20))
    );
    // A date in the past: retry at once.
    assert_eq!(
        delay_after("Wed, 21 Oct 2015 07:28:00 GMT", policy.clone()).await,
        Some(Duration::ZERO)
    );
    // Unreadable: the computed backoff (at most `max_interval`).
    let delay = delay_after("soon", policy).await.expect("a retry");
    assert!(delay <= Duration::from_millis(20), "{delay:?}");
}

#[tokio::test]
async fn the_time_budget_stops_retrying() {
    let server = server_answering(ResponseTemplate::new(503)).await;
    let attempts = Attempts::default();
    let budget = Duration::from_millis(60);
    let clerk = attempts
        .recorded(Clerk::builder().bearer_auth(TOKEN).server_url(server.uri()))
        .retries(
            RetryConfig::none()
                .with_backoff(Duration::from_millis(10), Duration::from_millis(10), 1.0)
                .with_max_elapsed_time(budget)
                .with_max_attempts(None)
                .with_status_codes([StatusMatch::Class(5)]),
        )
        .build()
        .expect("the client builds");

    let error = expect_sdk(clerk.api_keys().get_api_key(KEY_ID).send().await);

    assert_eq!(error.status, 503);
    let delays = attempts.delays();
    // No attempt limit: only the budget ended the call, after at least one retry, and no
    // retry was planned past it.
    assert!(delays.len() >= 2, "{delays:?}");
    assert_eq!(delays.last(), Some(&None));
    let planned: Duration = delays.iter().flatten().sum();
    assert!(planned <= budget, "{delays:?}");
    assert_eq!(requests(&server).await.len(), delays.len());
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
    // The server would answer after 5 s; the call allows 100 ms.
    let server =
        server_answering(json_response(200, &api_key_json()).set_delay(Duration::from_secs(5)))
            .await;

    let result = client(&server)
        .api_keys()
        .get_api_key(KEY_ID)
        .timeout(Duration::from_millis(100))
        .send()
        .await;

    assert!(matches!(result, Err(SdkError::Timeout(_))), "{result:?}");
    assert!(result.unwrap_err().to_string().contains("timed out"));
}

#[tokio::test]
async fn timeouts_are_retried_as_connection_failures() {
    let server =
        server_answering(json_response(200, &api_key_json()).set_delay(Duration::from_secs(5)))
            .await;
    let attempts = Attempts::default();
    let clerk = attempts
        .recorded(Clerk::builder().bearer_auth(TOKEN).server_url(server.uri()))
        .timeout(Duration::from_millis(50))
        .retries(fast_retries(2, vec![]).with_connection_errors(true))
        .build()
        .expect("the client builds");

    let result = clerk.api_keys().get_api_key(KEY_ID).send().await;

    assert!(matches!(result, Err(SdkError::Timeout(_))), "{result:?}");
    assert_eq!(attempts.statuses(), [None, None]);
    assert_eq!(requests(&server).await.len(), 2);
}

#[tokio::test]
async fn a_reqwest_client_of_the_users_keeps_its_own_timeout() {
    let server =
        server_answering(json_response(200, &api_key_json()).set_delay(Duration::from_millis(800)))
            .await;
    let http = clerk_backend_api::reqwest::Client::builder()
        .timeout(Duration::from_millis(200))
        .build()
        .expect("a reqwest client");
    let clerk = Clerk::builder()
        .bearer_auth(TOKEN)
        .server_url(server.uri())
        .retries(RetryConfig::none())
        .http_client(http.clone())
        .build()
        .expect("the client builds");
    let result = clerk.api_keys().get_api_key(KEY_ID).send().await;
    assert!(matches!(result, Err(SdkError::Timeout(_))), "{result:?}");

    // A timeout set on the SDK replaces it.
    let clerk = Clerk::builder()
        .bearer_auth(TOKEN)
        .server_url(server.uri())
        .retries(RetryConfig::none())
        .http_client(http)
        .timeout(Duration::from_secs(5))
        .build()
        .expect("the client builds");
    let result = clerk.api_keys().get_api_key(KEY_ID).send().await;
    assert!(result.is_ok(), "{result:?}");
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

    assert!(matches!(result, Err(SdkError::Timeout(_))), "{result:?}");
}

#[tokio::test]
async fn a_calls_own_timeout_outlasts_the_clients() {
    // The HTTP client the SDK builds applies the client's timeout by itself; a call's own,
    // longer one must replace it, not be cut by it.
    let server =
        server_answering(json_response(200, &api_key_json()).set_delay(Duration::from_millis(400)))
            .await;
    let clerk = Clerk::builder()
        .bearer_auth(TOKEN)
        .server_url(server.uri())
        .retries(RetryConfig::none())
        .timeout(Duration::from_millis(100))
        .build()
        .expect("the client builds");
    let call = || clerk.api_keys().get_api_key(KEY_ID);

    let result = call().timeout(Duration::from_secs(5)).send().await;
    assert!(result.is_ok(), "{result:?}");
    let result = call().send().await;
    assert!(matches!(result, Err(SdkError::Timeout(_))), "{result:?}");
}

#[tokio::test]
async fn refused_connection_is_a_transport_error() {
    let result = client_for(&refusing_url())
        .api_keys()
        .get_api_key(KEY_ID)
        .send()
        .await;

    let error = result.unwrap_err();
    let SdkError::Transport(transport) = &error else {
        panic!("expected a transport error, got {error:?}");
    };
    assert_eq!(transport.kind(), TransportKind::Connect);
    // Nothing was written: the call can be made again safely, and may succeed.
    assert!(!error.maybe_processed() && error.is_retryable());
    assert_eq!(error.status(), None);
    assert!(error.to_string().contains("could not connect"), "{error}");
    let text = report(&error);
    assert!(text.contains("onnect"), "the source says why: {text}");
}

#[tokio::test]
async fn refused_connections_are_retried_only_when_configured() {
    for (retry_connection_errors, expected) in [(false, 1), (true, 3)] {
        let attempts = Attempts::default();
        let clerk = attempts
            .recorded(
                Clerk::builder()
                    .bearer_auth(TOKEN)
                    .server_url(refusing_url()),
            )
            .retries(
                fast_retries(3, vec![StatusMatch::Class(5)])
                    .with_connection_errors(retry_connection_errors),
            )
            .build()
            .expect("the client builds");

        let result = clerk.api_keys().get_api_key(KEY_ID).send().await;

        assert!(matches!(result, Err(SdkError::Transport(_))), "{result:?}");
        let seen = attempts.seen();
        assert_eq!(seen.len(), expected, "{seen:?}");
        assert!(seen.iter().all(|s| s.status.is_none()), "{seen:?}");
        assert_eq!(seen.last().map(|s| s.retry_in), Some(None));
    }
}

#[test]
fn send_futures_are_send_so_they_can_be_spawned() {
    fn assert_send<T: Send>(_: &T) {}
    let clerk = client_for("http://127.0.0.1:9");
    let keys = clerk.api_keys();
    // A path parameter, a JSON body, query parameters.
    assert_send(&keys.get_api_key("ak_1").send());
    assert_send(&keys.update_api_key("ak_1").send());
    assert_send(&keys.get_api_keys(SUBJECT).limit(5).send());
}
