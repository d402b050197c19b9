//! What applications plug into the client: hooks around each attempt, a token provider, and
//! the `tracing` span of each call and event of each attempt.

mod common;

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use clerk_backend_api::reqwest::header::HeaderValue;
use clerk_backend_api::{Clerk, RetryConfig, SdkError, StatusMatch, TransportKind};
use common::*;
use wiremock::{MockServer, ResponseTemplate};

/// Retries of 5XX answers, 1 ms apart, at most `attempts` in all.
fn retry_5xx(attempts: u32) -> RetryConfig {
    RetryConfig::none()
        .with_backoff(Duration::from_millis(1), Duration::from_millis(1), 1.0)
        .with_max_elapsed_time(Duration::from_secs(5))
        .with_max_attempts(attempts)
        .with_status_codes([StatusMatch::Class(5)])
}

/// A server that answers 503 first, then 200 with an API key.
async fn flaky_server() -> MockServer {
    let server = MockServer::start().await;
    let ok = json_response(200, &api_key_json());
    answer_first_then(&server, ResponseTemplate::new(503), 1, ok).await;
    server
}

// --- hooks --------------------------------------------------------------------------------------

#[tokio::test]
async fn before_attempt_hooks_change_the_headers_of_every_attempt_in_order() {
    let server = flaky_server().await;
    let clerk = Clerk::builder()
        .bearer_auth(TOKEN)
        .server_url(server.uri())
        // The second attempt is the last the policy allows: it is sent with the call's headers
        // themselves, the first with a copy.
        .retries(retry_5xx(2))
        .before_attempt(|attempt| {
            let value = HeaderValue::from(attempt.attempt);
            attempt.headers.insert("x-attempt", value);
            attempt
                .headers
                .insert("x-order", HeaderValue::from_static("first"));
            Ok(())
        })
        .before_attempt(|attempt| {
            // Runs second: sees the first hook's header and replaces it.
            assert_eq!(attempt.headers["x-order"], "first");
            assert_eq!(attempt.operation, "getApiKey");
            assert_eq!(attempt.method, "GET");
            assert_eq!(attempt.url.path(), format!("/api_keys/{KEY_ID}"));
            attempt
                .headers
                .insert("x-order", HeaderValue::from_static("second"));
            Ok(())
        })
        .build()
        .expect("the client builds");

    clerk
        .api_keys()
        .get_api_key(KEY_ID)
        .send()
        .await
        .expect("the retry succeeds");

    let received = requests(&server).await;
    let sent: Vec<_> = received
        .iter()
        .map(|r| (header(r, "x-attempt"), header(r, "x-order")))
        .collect();
    assert_eq!(
        sent,
        [(Some("1"), Some("second")), (Some("2"), Some("second"))]
    );
    // The hooks added to the standard headers; they did not replace them.
    assert_standard_headers(&received[0], false);
    assert_standard_headers(&received[1], false);
}

#[tokio::test]
async fn a_before_attempt_hook_can_stop_the_call_before_anything_is_sent() {
    let server = server_answering(json_response(200, &api_key_json())).await;
    let clerk = Clerk::builder()
        .bearer_auth(TOKEN)
        .server_url(server.uri())
        .before_attempt(|_| Err("maintenance window".into()))
        .build()
        .expect("the client builds");

    let result = clerk.api_keys().get_api_key(KEY_ID).send().await;

    match result {
        Err(SdkError::Aborted(reason)) => assert_eq!(reason.to_string(), "maintenance window"),
        other => panic!("expected SdkError::Aborted, got {other:?}"),
    }
    assert!(requests(&server).await.is_empty());
}

#[tokio::test]
async fn a_hook_that_stops_a_retry_keeps_the_attempts_before_it() {
    let server = server_answering(ResponseTemplate::new(503)).await;
    let clerk = Clerk::builder()
        .bearer_auth(TOKEN)
        .server_url(server.uri())
        .retries(retry_5xx(5))
        .before_attempt(|attempt| match attempt.attempt {
            1 => Ok(()),
            n => Err(format!("no attempt {n}").into()),
        })
        .build()
        .expect("the client builds");

    let error = clerk
        .api_keys()
        .get_api_key(KEY_ID)
        .send()
        .await
        .unwrap_err();

    assert!(matches!(error, SdkError::Aborted(_)), "{error:?}");
    assert_eq!(
        report(&error),
        "a `before_attempt` hook stopped the call: no attempt 2"
    );
    assert_eq!(requests(&server).await.len(), 1);
}

#[tokio::test]
async fn after_response_hooks_see_every_attempt_and_whether_it_is_retried() {
    let server = flaky_server().await;
    let bodies = Arc::new(Mutex::new(Vec::new()));
    let seen_bodies = bodies.clone();
    let attempts = Attempts::default();
    let clerk = attempts
        .recorded(Clerk::builder().bearer_auth(TOKEN).server_url(server.uri()))
        .after_response(move |response| {
            let id = response.headers.get("cf-ray").cloned();
            seen_bodies.lock().unwrap().push((response.body.len(), id));
        })
        .retries(retry_5xx(3))
        .build()
        .expect("the client builds");

    clerk
        .api_keys()
        .get_api_key(KEY_ID)
        .send()
        .await
        .expect("the retry succeeds");

    assert_eq!(
        attempts.seen(),
        [
            Seen {
                operation: "getApiKey",
                attempt: 1,
                status: Some(503),
                retry_in: Some(Duration::from_millis(1)),
            },
            Seen {
                operation: "getApiKey",
                attempt: 2,
                status: Some(200),
                retry_in: None,
            },
        ]
    );
    let bodies = bodies.lock().unwrap().clone();
    assert_eq!(bodies[0], (0, None));
    assert_eq!(bodies[1].0, bytes_of(&api_key_json()).len());
    assert_eq!(
        bodies[1].1.as_ref().map(|v| v.to_str().unwrap()),
        Some(REQUEST_ID)
    );
}

#[tokio::test]
async fn after_error_hooks_see_attempts_that_got_no_response() {
    let errors = Arc::new(Mutex::new(Vec::new()));
    let seen = errors.clone();
    let clerk = Clerk::builder()
        .bearer_auth(TOKEN)
        .server_url(refusing_url())
        .retries(retry_5xx(2).with_connection_errors(true))
        .after_error(move |failure| {
            seen.lock().unwrap().push((
                failure.operation,
                failure.attempt,
                failure.error.kind() == TransportKind::Connect && !failure.error.maybe_processed(),
                failure.retry_in.is_some(),
            ));
        })
        .after_response(|response| panic!("no response was expected: {response:?}"))
        .build()
        .expect("the client builds");

    let result = clerk.api_keys().delete_api_key(KEY_ID).send().await;

    assert!(matches!(result, Err(SdkError::Transport(_))), "{result:?}");
    assert_eq!(
        *errors.lock().unwrap(),
        [
            ("deleteApiKey", 1, true, true),
            ("deleteApiKey", 2, true, false)
        ]
    );
}

#[tokio::test]
async fn hook_contexts_never_show_the_token_in_debug_output() {
    let server = server_answering(json_response(200, &api_key_json())).await;
    let printed = Arc::new(Mutex::new(String::new()));
    let out = printed.clone();
    let clerk = Clerk::builder()
        .bearer_auth(TOKEN)
        .server_url(server.uri())
        .before_attempt(move |attempt| {
            out.lock().unwrap().push_str(&format!("{attempt:?}"));
            Ok(())
        })
        .build()
        .expect("the client builds");

    clerk
        .api_keys()
        .get_api_key(KEY_ID)
        .send()
        .await
        .expect("the call succeeds");

    let printed = printed.lock().unwrap().clone();
    assert!(printed.contains("authorization"), "{printed}");
    assert!(printed.contains("clerk-api-version"), "{printed}");
    assert!(!printed.contains("4eC39Hq"), "{printed}");
}

// --- token provider -----------------------------------------------------------------------------

#[tokio::test]
async fn the_token_provider_is_called_once_per_call_and_retries_reuse_its_token() {
    let server = flaky_server().await;
    let calls = Arc::new(AtomicU32::new(0));
    let counter = calls.clone();
    let clerk = Clerk::builder()
        .bearer_auth_provider(move || {
            let n = counter.fetch_add(1, Ordering::SeqCst) + 1;
            async move { Ok::<_, std::convert::Infallible>(format!("sk_test_rotated_{n}")) }
        })
        .server_url(server.uri())
        .retries(retry_5xx(3))
        .build()
        .expect("a client with a provider builds");

    clerk
        .api_keys()
        .get_api_key(KEY_ID)
        .send()
        .await
        .expect("the retry succeeds");
    clerk
        .api_keys()
        .get_api_key(KEY_ID)
        .send()
        .await
        .expect("the second call succeeds");

    assert_eq!(calls.load(Ordering::SeqCst), 2);
    let tokens: Vec<_> = requests(&server)
        .await
        .iter()
        .map(|r| header(r, "authorization").unwrap().to_owned())
        .collect();
    assert_eq!(
        tokens,
        [
            "Bearer sk_test_rotated_1",
            "Bearer sk_test_rotated_1",
            "Bearer sk_test_rotated_2"
        ]
    );
}

#[tokio::test]
async fn a_failing_or_blank_token_provider_stops_the_call_before_it_is_sent() {
    let server = server_answering(json_response(200, &api_key_json())).await;
    let failing = Clerk::builder()
        .bearer_auth_provider(|| async { Err(std::io::Error::other("vault unreachable")) })
        .server_url(server.uri())
        .build()
        .expect("the client builds");
    let blank = Clerk::builder()
        .bearer_auth_provider(|| async { Ok::<_, std::io::Error>("  ".to_owned()) })
        .server_url(server.uri())
        .build()
        .expect("the client builds");

    let error = failing
        .api_keys()
        .get_api_key(KEY_ID)
        .send()
        .await
        .unwrap_err();
    assert!(matches!(error, SdkError::Auth(_)), "{error:?}");
    assert_eq!(
        report(&error),
        "no credentials for the call: vault unreachable"
    );

    let error = blank
        .api_keys()
        .get_api_key(KEY_ID)
        .send()
        .await
        .unwrap_err();
    assert!(matches!(error, SdkError::Auth(_)), "{error:?}");
    assert!(report(&error).contains("blank"), "{error}");

    assert!(requests(&server).await.is_empty());
}

#[test]
fn a_client_with_a_token_provider_does_not_show_it_in_debug_output() {
    let clerk = Clerk::builder()
        .bearer_auth_provider(|| async { Ok::<_, std::io::Error>(TOKEN.to_owned()) })
        .build()
        .expect("the client builds");

    let text = format!("{clerk:?}");
    assert!(text.contains("<bearer token from a provider>"), "{text}");
    assert!(!text.contains("4eC39Hq"), "{text}");
}

// --- tracing ------------------------------------------------------------------------------------

/// The events or spans one test captured: each one's fields as text.
type Captured = Arc<Mutex<Vec<Vec<(String, String)>>>>;

/// The span ids the global subscriber gave out, after 1 (every span not captured).
static SPAN_IDS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(2);

thread_local! {
    /// Where the events of the test running on this thread go, if it captures them.
    static CAPTURE: std::cell::RefCell<Option<Captured>> = const { std::cell::RefCell::new(None) };
    /// Where the spans of the test running on this thread go (with their ids), if it
    /// captures them.
    static SPANS: std::cell::RefCell<Option<(Captured, Vec<u64>)>> = const { std::cell::RefCell::new(None) };
    /// The spans entered on this thread, innermost last.
    static ENTERED: std::cell::RefCell<Vec<u64>> = const { std::cell::RefCell::new(Vec::new()) };
}

fn install_router() {
    static INSTALL: std::sync::Once = std::sync::Once::new();
    INSTALL.call_once(|| {
        tracing::subscriber::set_global_default(Router).expect("no other global subscriber")
    });
}

/// Captures the events emitted on this thread until the guard drops.
///
/// One global subscriber routes each event to the test whose thread emitted it. Scoped
/// subscribers (`set_default`) would be simpler, but tests on other threads then race with
/// `tracing`'s cache of which call sites are enabled, and an event can be lost.
fn capture() -> (Captured, impl Drop) {
    install_router();
    let events = Captured::default();
    CAPTURE.with(|c| *c.borrow_mut() = Some(events.clone()));
    struct Stop;
    impl Drop for Stop {
        fn drop(&mut self) {
            CAPTURE.with(|c| *c.borrow_mut() = None);
        }
    }
    (events, Stop)
}

/// Captures the spans the crate opens on this thread, with each value recorded later, until
/// the guard drops; each span's fields start with its `name` and `id`.
fn capture_spans() -> (Captured, impl Drop) {
    install_router();
    let spans = Captured::default();
    SPANS.with(|c| *c.borrow_mut() = Some((spans.clone(), Vec::new())));
    struct Stop;
    impl Drop for Stop {
        fn drop(&mut self) {
            SPANS.with(|c| *c.borrow_mut() = None);
        }
    }
    (spans, Stop)
}

/// The global subscriber: sends the crate's events and spans to the capture of the emitting
/// thread. An event's fields end with `span`, the id of the innermost span entered.
struct Router;

struct Fields<'a>(&'a mut Vec<(String, String)>);

impl tracing::field::Visit for Fields<'_> {
    fn record_str(&mut self, field: &tracing::field::Field, value: &str) {
        self.0.push((field.name().to_owned(), value.to_owned()));
    }
    fn record_debug(&mut self, field: &tracing::field::Field, value: &dyn std::fmt::Debug) {
        self.0.push((field.name().to_owned(), format!("{value:?}")));
    }
}

fn ours(metadata: &tracing::Metadata<'_>) -> bool {
    metadata.target().starts_with("clerk_backend_api")
}

impl tracing::Subscriber for Router {
    fn enabled(&self, _: &tracing::Metadata<'_>) -> bool {
        true
    }
    fn new_span(&self, span: &tracing::span::Attributes<'_>) -> tracing::span::Id {
        if !ours(span.metadata()) {
            return tracing::span::Id::from_u64(1);
        }
        let id = SPAN_IDS.fetch_add(1, Ordering::Relaxed);
        SPANS.with(|c| {
            if let Some((spans, ids)) = c.borrow_mut().as_mut() {
                let mut fields = vec![
                    ("name".to_owned(), span.metadata().name().to_owned()),
                    ("id".to_owned(), id.to_string()),
                ];
                span.record(&mut Fields(&mut fields));
                spans.lock().unwrap().push(fields);
                ids.push(id);
            }
        });
        tracing::span::Id::from_u64(id)
    }
    fn record(&self, id: &tracing::span::Id, values: &tracing::span::Record<'_>) {
        SPANS.with(|c| {
            if let Some((spans, ids)) = c.borrow().as_ref()
                && let Some(i) = ids.iter().position(|known| *known == id.into_u64())
            {
                values.record(&mut Fields(&mut spans.lock().unwrap()[i]));
            }
        });
    }
    fn record_follows_from(&self, _: &tracing::span::Id, _: &tracing::span::Id) {}
    fn event(&self, event: &tracing::Event<'_>) {
        if !ours(event.metadata()) {
            return;
        }
        let Some(events) = CAPTURE.with(|c| c.borrow().clone()) else {
            return;
        };
        let mut fields = vec![("level".to_owned(), event.metadata().level().to_string())];
        event.record(&mut Fields(&mut fields));
        if let Some(span) = ENTERED.with(|e| e.borrow().last().copied()) {
            fields.push(("span".to_owned(), span.to_string()));
        }
        events.lock().unwrap().push(fields);
    }
    fn enter(&self, id: &tracing::span::Id) {
        ENTERED.with(|e| e.borrow_mut().push(id.into_u64()));
    }
    fn exit(&self, _: &tracing::span::Id) {
        ENTERED.with(|e| e.borrow_mut().pop());
    }
}

/// The value of `name` among an event's fields.
fn field<'a>(event: &'a [(String, String)], name: &str) -> Option<&'a str> {
    event
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
}

// The default `current_thread` runtime keeps the call on this thread, whose events it captures.
#[tokio::test]
async fn every_attempt_is_a_tracing_event_with_its_number_outcome_and_delay() {
    let server = flaky_server().await;
    let (events, _capturing) = capture();
    let clerk = Clerk::builder()
        .bearer_auth(TOKEN)
        .server_url(server.uri())
        .retries(retry_5xx(3))
        .build()
        .expect("the client builds");

    clerk
        .api_keys()
        .get_api_key(KEY_ID)
        .send()
        .await
        .expect("the retry succeeds");

    let events = events.lock().unwrap().clone();
    assert_eq!(events.len(), 2, "{events:?}");
    let summary: Vec<_> = events
        .iter()
        .map(|e| {
            (
                field(e, "level"),
                field(e, "operation"),
                field(e, "attempt"),
                field(e, "status"),
                field(e, "retry_in_ms"),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            (
                Some("DEBUG"),
                Some("getApiKey"),
                Some("1"),
                Some("503"),
                Some("1")
            ),
            (
                Some("DEBUG"),
                Some("getApiKey"),
                Some("2"),
                Some("200"),
                None
            ),
        ]
    );
    let message = field(&events[0], "message").unwrap();
    assert!(message.contains("GET http://127.0.0.1"), "{message}");
    assert!(message.contains("503"), "{message}");
    assert!(events.iter().all(|e| field(e, "elapsed_ms").is_some()));
    let printed = format!("{events:?}");
    assert!(!printed.contains("4eC39Hq"), "{printed}");
}

#[tokio::test]
async fn an_attempt_without_response_is_a_tracing_event_with_its_error() {
    let (events, _capturing) = capture();

    let result = client_for(&refusing_url())
        .api_keys()
        .get_api_key(KEY_ID)
        .send()
        .await;

    assert!(result.is_err());
    let events = events.lock().unwrap().clone();
    assert_eq!(events.len(), 1, "{events:?}");
    assert_eq!(field(&events[0], "attempt"), Some("1"));
    assert_eq!(field(&events[0], "status"), None);
    // What happened, then why, as reqwest says it.
    let error = field(&events[0], "error").unwrap_or_default();
    assert!(
        error.starts_with("could not connect to the server: "),
        "{events:?}"
    );
    assert!(
        field(&events[0], "message").unwrap().contains("failed"),
        "{events:?}"
    );
}

#[tokio::test]
async fn every_call_is_a_tracing_span_with_its_operation_method_attempts_and_status() {
    let server = flaky_server().await;
    let (spans, _capturing_spans) = capture_spans();
    let (events, _capturing) = capture();
    let clerk = Clerk::builder()
        .bearer_auth(TOKEN)
        .server_url(server.uri())
        .retries(retry_5xx(3))
        .build()
        .expect("the client builds");

    clerk
        .api_keys()
        .get_api_key(KEY_ID)
        .send()
        .await
        .expect("the retry succeeds");

    let spans = spans.lock().unwrap().clone();
    assert_eq!(spans.len(), 1, "{spans:?}");
    let span = &spans[0];
    assert_eq!(field(span, "name"), Some("call"));
    assert_eq!(field(span, "operation"), Some("getApiKey"));
    assert_eq!(field(span, "method"), Some("GET"));
    // Recorded once per attempt; the last value is the count.
    let attempts: Vec<_> = span.iter().filter(|(n, _)| n == "attempts").collect();
    assert_eq!(
        attempts.last().map(|(_, v)| v.as_str()),
        Some("2"),
        "{span:?}"
    );
    // The status of the answer that ended the call, not the 503 before it.
    let statuses: Vec<_> = span.iter().filter(|(n, _)| n == "status").collect();
    assert_eq!(statuses.len(), 1, "{span:?}");
    assert_eq!(statuses[0].1, "200");
    // The attempts' events happen inside the call's span.
    let events = events.lock().unwrap().clone();
    assert_eq!(events.len(), 2, "{events:?}");
    assert!(
        events.iter().all(|e| field(e, "span") == field(span, "id")),
        "{events:?}"
    );
}

#[tokio::test]
async fn a_call_that_got_no_response_has_a_span_without_status() {
    let (spans, _capturing) = capture_spans();

    let result = client_for(&refusing_url())
        .api_keys()
        .get_api_key(KEY_ID)
        .send()
        .await;

    assert!(result.is_err());
    let spans = spans.lock().unwrap().clone();
    assert_eq!(spans.len(), 1, "{spans:?}");
    assert_eq!(field(&spans[0], "attempts"), Some("1"));
    assert_eq!(field(&spans[0], "status"), None, "{spans:?}");
}
