//! The API-key verifier and the gateway layer on the wire: `client.api_keys().verify(secret)`
//! against a loopback Clerk stand-in (valid, revoked, expired, unknown, Clerk down, Clerk slow,
//! Clerk failing), then `RequireApiKeyLayer` in front of an axum app on loopback: who gets
//! through, 401 and 503, the key in the request's extensions, and the cache (a hit sends no
//! request, a verdict expires, an outage is not cached).

mod common;

use std::net::SocketAddr;
use std::time::{Duration, UNIX_EPOCH};

use axum::routing::get;
use axum::{Extension, Router};
use clerk_backend_api::models::APIKey;
use clerk_backend_api::{Clerk, RequireApiKeyLayer, RetryConfig, Verification};
use common::{
    SECRET, SUBJECT, answer_first_then, api_key_json, body_json, client, client_for, error_json,
    json_response, only_request, refusing_url, requests, server_answering,
};
use serde_json::{Value, json};
use wiremock::MockServer;

/// A key as verify answers it, with some fields changed.
fn key_with(changes: Value) -> Value {
    let mut key = api_key_json();
    for (name, value) in changes.as_object().expect("an object") {
        key[name] = value.clone();
    }
    key
}

fn not_found() -> wiremock::ResponseTemplate {
    let body = error_json("not found", "No API key matches.", "resource_not_found");
    json_response(404, &body)
}

/// A far future, so that the stand-in's key has not expired.
const LATER: u64 = 4_102_444_800_000;

// --- the verifier -------------------------------------------------------------------------

#[tokio::test]
async fn a_valid_key_is_valid_and_the_secret_is_sent_in_the_body() {
    let body = key_with(json!({ "expiration": LATER }));
    let server = server_answering(json_response(200, &body)).await;

    let verdict = client(&server).api_keys().verify(SECRET).await;

    let Ok(Verification::Valid(key)) = verdict else {
        panic!("valid: {verdict:?}");
    };
    assert_eq!(key.subject, SUBJECT);
    let request = only_request(&server).await;
    assert_eq!(request.url.path(), "/api_keys/verify");
    assert_eq!(body_json(&request), json!({ "secret": SECRET }));
}

#[tokio::test]
async fn a_revoked_or_expired_key_is_told_apart_though_clerk_answers_200() {
    let past = UNIX_EPOCH + Duration::from_secs(1_600_000_000);
    let cases = [
        (
            json!({ "revoked": true, "revocation_reason": "leaked" }),
            "revoked",
        ),
        // Revoked wins over expired.
        (json!({ "revoked": true, "expired": true }), "revoked"),
        (json!({ "expired": true }), "expired"),
        // The flag lags the time: a key whose expiration has passed is expired.
        (json!({ "expiration": 1_600_000_000_000u64 }), "expired"),
    ];
    for (changes, expected) in cases {
        let server = server_answering(json_response(200, &key_with(changes.clone()))).await;
        let verdict = client(&server).api_keys().verify(SECRET).await;
        match (verdict, expected) {
            (Ok(Verification::Revoked(key)), "revoked") => assert!(key.revoked),
            (Ok(Verification::Expired(key)), "expired") => {
                assert!(key.expired || key.expiration.is_some_and(|at| at <= past));
            }
            (other, _) => panic!("{changes}: {expected} expected, got {other:?}"),
        }
    }
}

#[tokio::test]
async fn an_unknown_secret_is_unknown_not_an_error() {
    let server = server_answering(not_found()).await;

    let verdict = client(&server).api_keys().verify("ak_nobody").await;

    assert_eq!(verdict.expect("a verdict"), Verification::Unknown);
}

#[tokio::test]
async fn clerk_down_slow_or_failing_is_a_retryable_error_not_a_verdict() {
    let down = client_for(&refusing_url()).api_keys().verify(SECRET).await;
    let down = down.expect_err("nobody listens");
    assert!(down.is_retryable(), "{down:?}");

    let slow_server =
        server_answering(json_response(200, &api_key_json()).set_delay(Duration::from_secs(5)))
            .await;
    let slow = slow_client(&slow_server).api_keys().verify(SECRET).await;
    let slow = slow.expect_err("too slow");
    assert!(slow.is_timeout() && slow.is_retryable(), "{slow:?}");

    let failing = server_answering(json_response(503, &json!({}))).await;
    let failed = client(&failing).api_keys().verify(SECRET).await;
    let failed = failed.expect_err("a 503");
    assert!(failed.is_retryable(), "{failed:?}");

    let bad = server_answering(json_response(400, &error_json("is missing", "", "x"))).await;
    let refused = client(&bad).api_keys().verify("").await;
    assert!(!refused.expect_err("a 400").is_retryable());
}

/// A client of `server` whose attempts time out after 200 ms.
fn slow_client(server: &MockServer) -> Clerk {
    Clerk::builder()
        .bearer_auth(common::TOKEN)
        .server_url(server.uri())
        .retries(RetryConfig::none())
        .timeout(Duration::from_millis(200))
        .build()
        .expect("the client builds")
}

// --- the layer ----------------------------------------------------------------------------

/// An axum app behind the layer, on a loopback port: `/whoami` answers the subject of the key
/// the layer put into the request.
async fn serve(layer: RequireApiKeyLayer) -> SocketAddr {
    async fn whoami(Extension(key): Extension<APIKey>) -> String {
        key.subject
    }
    let app = Router::new().route("/whoami", get(whoami)).layer(layer);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("a loopback port");
    let address = listener.local_addr().expect("its address");
    tokio::spawn(async move { axum::serve(listener, app).await });
    address
}

/// Calls the gateway with `Authorization: Bearer <secret>` (none without a secret): the status,
/// the `WWW-Authenticate` header and the body.
async fn call(gateway: SocketAddr, secret: Option<&str>) -> (u16, Option<String>, String) {
    let http = clerk_backend_api::reqwest::Client::new();
    let mut request = http.get(format!("http://{gateway}/whoami"));
    if let Some(secret) = secret {
        request = request.bearer_auth(secret);
    }
    let response = request.send().await.expect("the gateway answers");
    let status = response.status().as_u16();
    let challenge =
        (response.headers().get("www-authenticate")).map(|v| v.to_str().expect("text").to_owned());
    (status, challenge, response.text().await.expect("a body"))
}

fn bearer_challenge() -> Option<String> {
    Some("Bearer".to_owned())
}

#[tokio::test]
async fn a_valid_key_gets_through_with_its_key_in_the_extensions() {
    let clerk = server_answering(json_response(
        200,
        &key_with(json!({ "expiration": LATER })),
    ))
    .await;
    let gateway = serve(RequireApiKeyLayer::new(client(&clerk))).await;

    assert_eq!(
        call(gateway, Some(SECRET)).await,
        (200, None, SUBJECT.to_owned())
    );
    assert_eq!(
        body_json(&only_request(&clerk).await),
        json!({ "secret": SECRET })
    );
}

#[tokio::test]
async fn a_revoked_expired_unknown_or_missing_key_is_refused_with_401() {
    let revoked = key_with(json!({ "revoked": true }));
    let expired = key_with(json!({ "expired": true }));
    for answer in [
        json_response(200, &revoked),
        json_response(200, &expired),
        not_found(),
    ] {
        let clerk = server_answering(answer).await;
        let gateway = serve(RequireApiKeyLayer::new(client(&clerk))).await;
        let (status, challenge, body) = call(gateway, Some(SECRET)).await;
        assert_eq!(
            (status, challenge, body),
            (401, bearer_challenge(), String::new())
        );
    }

    let clerk = server_answering(json_response(200, &api_key_json())).await;
    let gateway = serve(RequireApiKeyLayer::new(client(&clerk))).await;
    assert_eq!(call(gateway, None).await.0, 401, "no Authorization header");
    assert_eq!(call(gateway, Some("")).await.0, 401, "an empty bearer");
    assert!(
        requests(&clerk).await.is_empty(),
        "Clerk is not asked without a secret"
    );
}

#[tokio::test]
async fn clerk_down_or_slow_is_503_never_401() {
    let gateway_down = serve(RequireApiKeyLayer::new(client_for(&refusing_url()))).await;
    let (status, challenge, _) = call(gateway_down, Some(SECRET)).await;
    assert_eq!((status, challenge), (503, None));

    let slow = server_answering(
        json_response(200, &key_with(json!({ "expiration": LATER })))
            .set_delay(Duration::from_secs(5)),
    )
    .await;
    let gateway_slow = serve(RequireApiKeyLayer::new(slow_client(&slow))).await;
    assert_eq!(call(gateway_slow, Some(SECRET)).await.0, 503);
}

#[tokio::test]
async fn a_cached_verdict_answers_without_asking_clerk_and_an_outage_is_not_cached() {
    let clerk = MockServer::start().await;
    let valid = json_response(200, &key_with(json!({ "expiration": LATER })));
    answer_first_then(&clerk, json_response(503, &json!({})), 1, valid).await;
    let gateway = serve(RequireApiKeyLayer::new(client(&clerk))).await;

    assert_eq!(call(gateway, Some(SECRET)).await.0, 503, "Clerk fails once");
    assert_eq!(call(gateway, Some(SECRET)).await.0, 200, "then answers");
    assert_eq!(call(gateway, Some(SECRET)).await.0, 200, "from the cache");
    assert_eq!(requests(&clerk).await.len(), 2, "the outage was not cached");

    // A refusal is cached too.
    let unknown = server_answering(not_found()).await;
    let gateway = serve(RequireApiKeyLayer::new(client(&unknown))).await;
    for _ in 0..3 {
        assert_eq!(call(gateway, Some("ak_nobody")).await.0, 401);
    }
    assert_eq!(requests(&unknown).await.len(), 1);
}

#[tokio::test]
async fn a_cached_verdict_expires_and_clerk_is_asked_again() {
    let clerk = server_answering(json_response(
        200,
        &key_with(json!({ "expiration": LATER })),
    ))
    .await;
    let layer = RequireApiKeyLayer::new(client(&clerk))
        .valid_for(Duration::from_millis(150))
        .capacity(16);
    let gateway = serve(layer).await;

    assert_eq!(call(gateway, Some(SECRET)).await.0, 200);
    assert_eq!(call(gateway, Some(SECRET)).await.0, 200);
    assert_eq!(requests(&clerk).await.len(), 1, "the second from the cache");
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(call(gateway, Some(SECRET)).await.0, 200);
    assert_eq!(requests(&clerk).await.len(), 2, "asked again after 150 ms");

    // A key that expires sooner than `valid_for` is not trusted past its expiration.
    let soon = UNIX_EPOCH.elapsed().expect("after 1970") + Duration::from_millis(1_000);
    let expiring = key_with(json!({ "expiration": soon.as_millis() as u64 }));
    let clerk = server_answering(json_response(200, &expiring)).await;
    let gateway = serve(RequireApiKeyLayer::new(client(&clerk))).await;
    assert_eq!(call(gateway, Some(SECRET)).await.0, 200);
    tokio::time::sleep(Duration::from_millis(1_500)).await;
    assert_eq!(call(gateway, Some(SECRET)).await.0, 401, "expired since");
    assert_eq!(requests(&clerk).await.len(), 2);
}
