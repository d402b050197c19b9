//! A program as an application developer writes it against the generated crate, with no
//! casts, macros or wrappers: a client shared by tokio tasks, a page stream returned from a
//! function, setters that take what a Rust user has at hand (`&str`, arrays, a struct of
//! claims), an update that clears a field with an explicit `null`, one error type across
//! operations with the typed value still reachable, a retry policy, a hook and a token from
//! the environment. It runs against a loopback server that checks what goes over the wire.

mod common;

use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use clerk_backend_api::api_keys::GetAPIKeyError;
use clerk_backend_api::models::{APIKey, APIKeyObject};
use clerk_backend_api::reqwest::StatusCode;
use clerk_backend_api::reqwest::header::HeaderMap;
use clerk_backend_api::{Clerk, Error, ResponseValue, RetryConfig, StatusMatch};
use common::*;
use futures_util::{Stream, TryStreamExt};
use serde::Serialize;
use serde_json::json;
use wiremock::matchers::{body_json, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

// --- the application -------------------------------------------------------------------------

/// The claims the application attaches to its keys.
#[derive(Serialize)]
struct Claims {
    team: &'static str,
    tier: u8,
}

/// Issues a key for CI, then takes its description off again: two operations, one error type.
async fn issue_ci_key(clerk: &Clerk, subject: &str) -> Result<APIKey, Error> {
    let created = clerk
        .api_keys()
        .create_api_key("ci-deploy", subject)
        .description("Used by CI")
        .scopes(["invoices:read", "invoices:write"])
        .claims(Claims {
            team: "billing",
            tier: 2,
        })
        .send()
        .await?;
    let updated = clerk
        .api_keys()
        .update_api_key(&created.id)
        .clear_description()
        .send()
        .await?;
    Ok(updated.into_inner())
}

/// A key by id, `None` when the API says it does not exist; any other failure is an error.
async fn find_key(clerk: &Clerk, id: &str) -> Result<Option<APIKey>, Error> {
    match clerk.api_keys().get_api_key(id).send().await {
        Ok(key) => Ok(Some(key.into_inner())),
        Err(error) if matches!(error.api_error(), Some(GetAPIKeyError::NotFound(_))) => Ok(None),
        Err(error) => Err(error.into()),
    }
}

/// Every key of a subject, pages fetched as they are read; the stream borrows nothing.
fn all_keys(clerk: &Clerk, subject: &str) -> impl Stream<Item = Result<APIKey, Error>> + 'static {
    (clerk.api_keys().get_api_keys(subject).limit(2).stream()).map_err(Error::from)
}

/// Reads keys on several tasks at once with one client.
async fn read_concurrently(clerk: &Clerk, ids: &[&str]) -> Result<Vec<String>, Error> {
    let tasks: Vec<_> = ids
        .iter()
        .map(|id| tokio::spawn(clerk.api_keys().get_api_key(*id).send()))
        .collect();
    let mut names = Vec::new();
    for task in tasks {
        let key = task.await.expect("the task ran")?;
        names.push(key.name.clone());
    }
    Ok(names)
}

/// What the application logs about a key it got.
fn describe(response: &ResponseValue<APIKey>) -> String {
    format!("{} {} ({})", response.status(), response.id, response.name)
}

// --- the loopback API ------------------------------------------------------------------------

fn key_named(id: &str, name: &str) -> serde_json::Value {
    let mut key = api_key_json();
    key["id"] = json!(id);
    key["name"] = json!(name);
    key
}

async fn api() -> MockServer {
    let server = MockServer::start().await;
    let created = key_named(KEY_ID, "ci-deploy");
    Mock::given(method("POST"))
        .and(path("/api_keys"))
        .and(body_json(json!({
            "name": "ci-deploy",
            "subject": SUBJECT,
            "description": "Used by CI",
            "scopes": ["invoices:read", "invoices:write"],
            "claims": { "team": "billing", "tier": 2 },
        })))
        .respond_with(json_response(201, &created))
        .mount(&server)
        .await;
    Mock::given(method("PATCH"))
        .and(path(format!("/api_keys/{KEY_ID}")))
        .and(body_json(json!({ "description": null })))
        .respond_with(json_response(200, &created))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/api_keys/ak_missing"))
        .respond_with(json_response(
            404,
            &error_json("not found", "No API key was found.", "resource_not_found"),
        ))
        .mount(&server)
        .await;
    // The first read of the other key is throttled; the retry policy waits and tries again.
    Mock::given(method("GET"))
        .and(path(format!("/api_keys/{OTHER_KEY_ID}")))
        .respond_with(
            ResponseTemplate::new(429)
                .insert_header("retry-after", "0")
                .set_body_json(error_json(
                    "too many requests",
                    "Slow down.",
                    "rate_limited",
                )),
        )
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(format!("/api_keys/{OTHER_KEY_ID}")))
        .respond_with(json_response(200, &key_named(OTHER_KEY_ID, "reporting")))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(format!("/api_keys/{KEY_ID}")))
        .respond_with(json_response(200, &created))
        .mount(&server)
        .await;
    for (offset, ids) in [("0", &["ak_1", "ak_2"][..]), ("2", &["ak_3"][..])] {
        let data: Vec<_> = ids.iter().map(|id| key_named(id, id)).collect();
        Mock::given(method("GET"))
            .and(path("/api_keys"))
            .and(query_param("offset", offset))
            .respond_with(json_response(
                200,
                &json!({ "data": data, "total_count": 3 }),
            ))
            .mount(&server)
            .await;
    }
    server
}

// --- the run ---------------------------------------------------------------------------------

#[tokio::test]
async fn a_real_program_compiles_and_runs_against_the_loopback_api() {
    let server = api().await;
    let responses = Arc::new(AtomicU32::new(0));
    let counted = responses.clone();
    let clerk = Clerk::builder()
        .bearer_auth(TOKEN)
        .server_url(server.uri())
        .timeout(Duration::from_secs(5))
        .retries(
            RetryConfig::none()
                .with_status_codes([StatusMatch::Class(5)])
                .with_max_attempts(3)
                .with_max_elapsed_time(Duration::from_secs(5))
                .with_backoff(Duration::from_millis(1), Duration::from_millis(10), 1.5)
                .with_deadline(Duration::from_secs(10)),
        )
        .after_response(move |_| {
            counted.fetch_add(1, Ordering::Relaxed);
        })
        .build()
        .expect("the client builds");

    let key = issue_ci_key(&clerk, SUBJECT).await.expect("issued");
    assert_eq!(key.id, KEY_ID);

    assert!(
        find_key(&clerk, "ak_missing")
            .await
            .expect("no error")
            .is_none()
    );
    let found = find_key(&clerk, KEY_ID).await.expect("no error");
    assert_eq!(found.map(|k| k.name), Some("ci-deploy".to_owned()));

    let names = read_concurrently(&clerk, &[KEY_ID, OTHER_KEY_ID])
        .await
        .expect("the throttled read is retried");
    assert_eq!(names, ["ci-deploy", "reporting"]);

    let keys = all_keys(&clerk, SUBJECT);
    drop(clerk);
    let ids: Vec<String> = keys
        .map_ok(|key| key.id)
        .try_collect()
        .await
        .expect("every page");
    assert_eq!(ids, ["ak_1", "ak_2", "ak_3"]);

    // create, update, missing, found, 2 reads + 1 retry, 2 pages.
    assert_eq!(responses.load(Ordering::Relaxed), 9);
}

#[tokio::test]
async fn a_failure_keeps_what_the_program_needs_to_report_it() {
    let server = api().await;
    let clerk = client(&server);

    let error = find_key(&clerk, "..").await;
    let error = error.expect_err("a path parameter that changes the path is refused");
    assert!(matches!(error, Error::Config(_)), "{error:?}");

    let server_down = client_for(&refusing_url());
    let error = issue_ci_key(&server_down, SUBJECT).await.unwrap_err();
    assert!(error.is_retryable() && error.status().is_none(), "{error}");
}

#[test]
fn application_code_can_be_tested_with_a_response_made_up_by_hand() {
    let key = APIKey::new(
        APIKeyObject::ApiKey,
        KEY_ID.into(),
        "api_key".into(),
        SUBJECT.into(),
        "ci-deploy".into(),
        json!({}),
        vec![],
        false,
        false,
        1_700_000_000_000.into(),
        1_700_000_000_000.into(),
    );
    let response = ResponseValue::new(StatusCode::CREATED, HeaderMap::new(), key);
    assert_eq!(
        describe(&response),
        format!("201 Created {KEY_ID} (ci-deploy)")
    );
}
