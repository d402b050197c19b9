use std::io::{Read, Write};
use std::net::TcpListener;
use std::time::Duration;

use super::{TransportError, TransportKind};

/// What reqwest's failure to get `url` becomes.
async fn failure(client: reqwest::Client, url: String) -> TransportError {
    let error = client.get(url).send().await.expect_err("no answer");
    TransportError::from_reqwest(error)
}

/// A base URL where nothing listens.
fn refusing() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap();
    drop(listener);
    format!("http://{address}/")
}

/// A loopback server that accepts one connection and runs `serve` on it.
fn serving(serve: impl FnOnce(std::net::TcpStream) + Send + 'static) -> std::net::SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        if let Ok((stream, _)) = listener.accept() {
            serve(stream);
        }
    });
    address
}

/// Reads a request's head, up to its blank line.
fn read_head(stream: &mut std::net::TcpStream) {
    let mut head = Vec::new();
    let mut byte = [0];
    while !head.ends_with(b"\r\n\r\n") && stream.read(&mut byte).unwrap_or(0) == 1 {
        head.push(byte[0]);
    }
}

#[tokio::test]
async fn a_refused_connection_sent_nothing_and_may_be_retried() {
    let error = failure(reqwest::Client::new(), refusing()).await;
    assert_eq!(error.kind(), TransportKind::Connect);
    assert!(!error.maybe_processed() && error.is_retryable());
    assert!(std::error::Error::source(&error).is_some());
    assert_eq!(error.to_string(), "could not connect to the server");
}

#[tokio::test]
async fn a_tls_failure_sent_nothing_and_retrying_cannot_help() {
    // A server that answers a TLS handshake in plain HTTP.
    let address = serving(|mut stream| {
        let _ = stream.write_all(b"HTTP/1.1 400 Bad Request\r\ncontent-length: 0\r\n\r\n");
    });
    let error = failure(reqwest::Client::new(), format!("https://{address}/")).await;
    assert_eq!(error.kind(), TransportKind::Tls, "{error:?}");
    assert!(!error.maybe_processed() && !error.is_retryable());
}

#[tokio::test]
async fn a_timeout_after_writing_may_have_been_processed() {
    let address = serving(|mut stream| {
        read_head(&mut stream);
        std::thread::sleep(Duration::from_secs(2));
    });
    let client = reqwest::Client::builder()
        .timeout(Duration::from_millis(200))
        .build()
        .unwrap();
    let error = failure(client, format!("http://{address}/")).await;
    assert_eq!(error.kind(), TransportKind::Timeout);
    assert!(error.maybe_processed() && error.is_retryable() && error.is_timeout());
}

#[tokio::test]
async fn a_connection_closed_after_the_request_may_have_been_processed() {
    let address = serving(|mut stream| {
        read_head(&mut stream);
        // Closed without an answer.
    });
    let error = failure(reqwest::Client::new(), format!("http://{address}/")).await;
    assert_eq!(error.kind(), TransportKind::Reset, "{error:?}");
    assert!(error.maybe_processed() && error.is_retryable());
}

#[tokio::test]
async fn a_request_the_client_cannot_build_is_not_retryable() {
    let error = failure(reqwest::Client::new(), "http://[::1".to_owned()).await;
    assert_eq!(error.kind(), TransportKind::Build);
    assert!(!error.maybe_processed() && !error.is_retryable());
}

#[test]
fn a_failure_built_by_hand_says_what_its_kind_implies_unless_told_otherwise() {
    let cases = [
        (TransportKind::Connect, false, true),
        (TransportKind::Tls, false, false),
        (TransportKind::Timeout, true, true),
        (TransportKind::Reset, true, true),
        (TransportKind::Build, false, false),
        (TransportKind::Other, true, false),
    ];
    for (kind, processed, retryable) in cases {
        let error = TransportError::new(kind);
        assert_eq!(error.maybe_processed(), processed, "{kind:?}");
        assert_eq!(error.is_retryable(), retryable, "{kind:?}");
        assert!(std::error::Error::source(&error).is_none());
    }
    let connecting = TransportError::new(TransportKind::Timeout).with_sent(false);
    assert!(!connecting.maybe_processed());
    assert_eq!(
        connecting.to_string(),
        "the request timed out before it was sent"
    );
    let caused = TransportError::new(TransportKind::Reset).with_source("peer reset");
    let source = std::error::Error::source(&caused).map(ToString::to_string);
    assert_eq!(source.as_deref(), Some("peer reset"));
}
