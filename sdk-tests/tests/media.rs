//! Request bodies of other media types than plain JSON and forms (`fixtures/media`): bytes,
//! text, JSON under another media type, and a body offered in several media types. Each test
//! checks the exact bytes and `Content-Type` the server received.

mod common;

use std::time::Duration;

use common::{answer_first_then, header, json_response, only_request, requests, server_answering};
use fixture_media::models::NoteColor;
use fixture_media::{Client, RetryConfig, StatusMatch};
use serde_json::json;
use wiremock::{MockServer, ResponseTemplate};

const TOKEN: &str = "sk_test_media";

/// A client for `server` with retries disabled.
fn client(server: &MockServer) -> Client {
    Client::builder()
        .bearer_auth(TOKEN)
        .server_url(server.uri())
        .retries(RetryConfig::none())
        .build()
        .expect("the client builds")
}

/// A server that answers every request with `{"id": "st_1"}`.
async fn storing() -> MockServer {
    server_answering(json_response(200, &json!({ "id": "st_1" }))).await
}

/// The one request's method, path, `Content-Type` and body, after checking its token.
async fn received(server: &MockServer) -> (String, String, Option<String>, Vec<u8>) {
    let request = only_request(server).await;
    let bearer = format!("Bearer {TOKEN}");
    assert_eq!(header(&request, "authorization"), Some(bearer.as_str()));
    let content_type = header(&request, "content-type").map(str::to_owned);
    (
        request.method.to_string(),
        request.url.path().to_owned(),
        content_type,
        request.body,
    )
}

#[tokio::test]
async fn an_octet_stream_body_is_sent_as_the_bytes_given() {
    let server = storing().await;
    let bytes = vec![0u8, 159, 146, 150, b'\r', b'\n', 255];

    let stored = client(&server)
        .general()
        .upload_blob(bytes.clone())
        .send()
        .await
        .expect("the upload succeeds");

    assert_eq!(stored.id, "st_1");
    let (method, path, content_type, body) = received(&server).await;
    assert_eq!((method.as_str(), path.as_str()), ("POST", "/blobs"));
    assert_eq!(content_type.as_deref(), Some("application/octet-stream"));
    assert_eq!(body, bytes);
}

#[tokio::test]
async fn an_image_body_is_sent_with_its_media_type_from_any_bytes() {
    let server = server_answering(ResponseTemplate::new(204)).await;
    const PNG: &[u8] = b"\x89PNG\r\n\x1a\n";

    // `&'static [u8]`, `Vec<u8>`, `String` and `Bytes` all convert.
    client(&server)
        .general()
        .put_avatar("user_1", PNG)
        .send()
        .await
        .expect("the avatar is replaced");

    let (method, path, content_type, body) = received(&server).await;
    assert_eq!((method.as_str(), path.as_str()), ("PUT", "/avatars/user_1"));
    assert_eq!(content_type.as_deref(), Some("image/png"));
    assert_eq!(body, PNG);
}

#[tokio::test]
async fn a_text_body_is_sent_as_utf8_and_says_so() {
    let server = server_answering(ResponseTemplate::new(204)).await;

    client(&server)
        .general()
        .put_note_text("n 1", "Café au lait\n× 2")
        .send()
        .await
        .expect("the text is saved");

    let (method, path, content_type, body) = received(&server).await;
    assert_eq!(
        (method.as_str(), path.as_str()),
        ("PUT", "/notes/n%201/text")
    );
    assert_eq!(content_type.as_deref(), Some("text/plain; charset=utf-8"));
    assert_eq!(body, "Café au lait\n× 2".as_bytes());
}

#[tokio::test]
async fn json_under_another_media_type_is_sent_with_that_content_type() {
    let server = storing().await;
    client(&server)
        .general()
        .create_legacy_note("Groceries")
        .pinned(true)
        .send()
        .await
        .expect("the note is created");
    let (_, path, content_type, body) = received(&server).await;
    assert_eq!(path, "/legacy/notes");
    assert_eq!(content_type.as_deref(), Some("text/json"));
    assert_eq!(body, br#"{"title":"Groceries","pinned":true}"#);

    let server = server_answering(ResponseTemplate::new(204)).await;
    client(&server)
        .general()
        .patch_note("n_1")
        .clear_pinned()
        .send()
        .await
        .expect("the note is patched");
    let (method, path, content_type, body) = received(&server).await;
    assert_eq!((method.as_str(), path.as_str()), ("PATCH", "/notes/n_1"));
    assert_eq!(
        content_type.as_deref(),
        Some("application/merge-patch+json")
    );
    assert_eq!(body, br#"{"pinned":null}"#);
}

#[tokio::test]
async fn a_body_offered_as_json_and_form_is_json_unless_the_caller_asks_for_the_form() {
    let note = |client: &Client| {
        client
            .general()
            .create_note("Call Ann & Bo")
            .labels(["home", "to do"])
            .color(NoteColor::Green)
    };

    let server = storing().await;
    note(&client(&server)).send().await.expect("sent as JSON");
    let (_, path, content_type, body) = received(&server).await;
    assert_eq!(path, "/notes");
    assert_eq!(content_type.as_deref(), Some("application/json"));
    assert_eq!(
        body,
        br#"{"title":"Call Ann & Bo","labels":["home","to do"],"color":"green"}"#
    );

    let server = storing().await;
    let stored = note(&client(&server))
        .as_form()
        .send()
        .await
        .expect("sent as a form");
    assert_eq!(stored.id, "st_1");
    let (_, path, content_type, body) = received(&server).await;
    assert_eq!(path, "/notes");
    assert_eq!(
        content_type.as_deref(),
        Some("application/x-www-form-urlencoded")
    );
    assert_eq!(
        String::from_utf8(body).unwrap(),
        "title=Call+Ann+%26+Bo&labels=home&labels=to+do&color=green"
    );
}

#[tokio::test]
async fn a_body_offered_as_json_and_bytes_takes_either() {
    let server = server_answering(ResponseTemplate::new(202)).await;
    client(&server)
        .general()
        .import_notes("https://example.com/notes.json")
        .send()
        .await
        .expect("sent as JSON");
    let (_, _, content_type, body) = received(&server).await;
    assert_eq!(content_type.as_deref(), Some("application/json"));
    assert_eq!(body, br#"{"source":"https://example.com/notes.json"}"#);

    // The bytes replace the JSON body, under the first raw media type the document lists.
    let server = server_answering(ResponseTemplate::new(202)).await;
    client(&server)
        .general()
        .import_notes("unused")
        .body_bytes(b"\x00\x01 notes".as_slice())
        .send()
        .await
        .expect("sent as bytes");
    let (_, _, content_type, body) = received(&server).await;
    assert_eq!(content_type.as_deref(), Some("application/octet-stream"));
    assert_eq!(body, b"\x00\x01 notes");

    // Another of the document's media types: the call's `Content-Type` replaces the body's.
    let server = server_answering(ResponseTemplate::new(202)).await;
    client(&server)
        .general()
        .import_notes("unused")
        .body_bytes("PK archive")
        .header("Content-Type", "application/zip")
        .send()
        .await
        .expect("sent as a zip");
    let (_, _, content_type, body) = received(&server).await;
    assert_eq!(content_type.as_deref(), Some("application/zip"));
    assert_eq!(body, b"PK archive");
}

#[tokio::test]
async fn a_retried_call_resends_the_same_body() {
    const ONE_MS: Duration = Duration::from_millis(1);
    let retrying = |server: &MockServer| {
        Client::builder()
            .bearer_auth(TOKEN)
            .server_url(server.uri())
            .retries(
                RetryConfig::none()
                    .with_backoff(ONE_MS, ONE_MS, 1.0)
                    .with_max_elapsed_time(Duration::from_secs(5))
                    .with_max_attempts(2)
                    .with_status_codes([StatusMatch::Class(5)])
                    // Uploads are POSTs: the test says they are safe to send again.
                    .with_non_idempotent(true),
            )
            .build()
            .expect("the client builds")
    };
    let stored = || json_response(200, &json!({ "id": "st_1" }));
    let bodies = |received: &[wiremock::Request]| -> Vec<(Option<String>, Vec<u8>)> {
        received
            .iter()
            .map(|r| {
                let content_type = header(r, "content-type").map(str::to_owned);
                (content_type, r.body.clone())
            })
            .collect()
    };

    let server = MockServer::start().await;
    answer_first_then(&server, ResponseTemplate::new(503), 1, stored()).await;
    let bytes: Vec<u8> = (0..=255).collect();
    retrying(&server)
        .general()
        .upload_blob(bytes.clone())
        .send()
        .await
        .expect("the second attempt succeeds");
    let sent = (Some("application/octet-stream".to_owned()), bytes);
    assert_eq!(bodies(&requests(&server).await), [sent.clone(), sent]);

    let server = MockServer::start().await;
    answer_first_then(&server, ResponseTemplate::new(503), 1, stored()).await;
    retrying(&server)
        .general()
        .create_note("Again")
        .pinned(false)
        .as_form()
        .send()
        .await
        .expect("the second attempt succeeds");
    let form = "application/x-www-form-urlencoded".to_owned();
    let sent = (Some(form), b"title=Again&pinned=false".to_vec());
    assert_eq!(bodies(&requests(&server).await), [sent.clone(), sent]);
}
