//! Unit tests of code that uses the SDK, as its users write them: through the `test-util`
//! feature's rules instead of a server, and with errors built by hand in a fake of their own.
//! Nothing here opens a socket: the client's server URL is a listener that no call reaches.

use std::net::TcpListener;

use clerk_backend_api::api_keys::{
    CreateAPIKeyBuilder, GetAPIKeyBuilder, GetAPIKeyError, GetAPIKeysBuilder,
};
use clerk_backend_api::mock::{HttpResponse, mock};
use clerk_backend_api::models::{
    APIKey, APIKeyObject, ClerkError, ClerkErrors, GetAPIKeysResponseBody,
};
use clerk_backend_api::reqwest::StatusCode;
use clerk_backend_api::reqwest::header::HeaderMap;
use clerk_backend_api::{
    Clerk, ClerkBuilder, Error, RetryConfig, SdkError, TransportError, TransportKind, UnixTime,
};

const SUBJECT: &str = "user_2zKq8VbN4mRtX7cLp3WsY9dFhJa";

// --- the code under test, as an application writes it ----------------------------------------

/// An admin command: one line about a key, saying what went wrong in Clerk's words.
async fn describe(clerk: &Clerk, id: &str) -> String {
    match clerk.api_keys().get_api_key(id).send().await {
        Ok(key) if key.revoked => format!("{} (revoked)", key.name),
        Ok(key) => format!("{} (active)", key.name),
        Err(e) if e.code() == Some("resource_not_found") => format!("no key {id}"),
        Err(e) if e.is_timeout() => "Clerk did not answer in time".to_owned(),
        Err(e) => format!(
            "failed ({}): {e}",
            e.request_id().unwrap_or("no request id")
        ),
    }
}

/// A rotation job's first step: a new key named `name`. After a failure that may have reached
/// Clerk, it looks for the key before creating it again, so that a retry cannot make two.
async fn issue(clerk: &Clerk, name: &str) -> Result<APIKey, Error> {
    let create = || clerk.api_keys().create_api_key(name, SUBJECT).send();
    match create().await {
        Ok(key) => Ok(key.into_inner()),
        Err(e) if e.maybe_processed() => {
            let keys = clerk.api_keys().get_api_keys(SUBJECT).send().await?;
            match keys.into_inner().data.into_iter().find(|k| k.name == name) {
                Some(key) => Ok(key),
                None => Ok(create().await?.into_inner()),
            }
        }
        Err(e) => Err(e.into()),
    }
}

// --- the tests ---------------------------------------------------------------------------------

fn key(id: &str, name: &str) -> APIKey {
    let claims = serde_json::Value::Null;
    let times = (1_762_732_800_000, 1_762_736_400_000);
    APIKey::new(
        APIKeyObject::ApiKey,
        id.to_owned(),
        "api_key".to_owned(),
        SUBJECT.to_owned(),
        name.to_owned(),
        claims,
        vec!["deploys:write".to_owned()],
        false,
        false,
        UnixTime::from_count(times.0),
        UnixTime::from_count(times.1),
    )
}

/// Clerk's body of a documented error, with its trace id.
fn clerk_errors(message: &str, long_message: &str, code: &str) -> ClerkErrors {
    let error = ClerkError::new(message.into(), long_message.into(), code.into());
    let mut body = ClerkErrors::new(vec![error]);
    body.clerk_trace_id = Some("trace_7f3a".to_owned());
    body
}

/// A client builder whose server is `listener`, which no mocked call may reach, and which
/// does not retry unless a test asks.
fn builder(listener: &TcpListener) -> ClerkBuilder {
    let address = listener.local_addr().expect("a bound listener");
    Clerk::builder()
        .bearer_auth("sk_test_mock")
        .server_url(format!("http://{address}"))
        .retries(RetryConfig::none())
}

/// A listener that no connection may reach: its `accept` is checked to have nothing.
fn unreached() -> TcpListener {
    let listener = TcpListener::bind("127.0.0.1:0").expect("a free port");
    listener.set_nonblocking(true).expect("non-blocking");
    listener
}

fn assert_no_socket_opened(listener: &TcpListener) {
    let accepted = listener.accept().map(|(_, peer)| peer);
    let error = accepted.expect_err("a call reached the server");
    assert_eq!(error.kind(), std::io::ErrorKind::WouldBlock);
}

#[tokio::test]
async fn the_admin_command_says_what_each_answer_means_without_a_server() {
    let listener = unreached();
    let found = mock::<GetAPIKeyBuilder>()
        .match_requests(|r| r.path_param("apiKeyID") == Some("ak_found"))
        .then_output(|| key("ak_found", "ci-deploy"));
    let missing = mock::<GetAPIKeyBuilder>()
        .match_requests(|r| r.path_param("apiKeyID") == Some("ak_missing"))
        .then_error(|| {
            let long = "No API key was found with the given ID.";
            GetAPIKeyError::NotFound(clerk_errors("not found", long, "resource_not_found"))
        });
    let gateway = mock::<GetAPIKeyBuilder>()
        .match_requests(|r| r.path_param("apiKeyID") == Some("ak_gateway"))
        .then_http_response(|| {
            HttpResponse::new(502)
                .header("content-type", "text/html")
                .header("cf-ray", "8f1e2d3c4b5a6978-CDG")
                .body("<html><body>502 Bad Gateway</body></html>")
        });
    let slow = mock::<GetAPIKeyBuilder>()
        .match_requests(|r| r.path_param("apiKeyID") == Some("ak_slow"))
        .then_timeout();
    let clerk = builder(&listener)
        .mock(&found)
        .mock(&missing)
        .mock(&gateway)
        .mock(&slow)
        .build()
        .expect("the client builds");

    assert_eq!(describe(&clerk, "ak_found").await, "ci-deploy (active)");
    assert_eq!(describe(&clerk, "ak_missing").await, "no key ak_missing");
    assert_eq!(
        describe(&clerk, "ak_gateway").await,
        "failed (8f1e2d3c4b5a6978-CDG): unexpected response 502 Bad Gateway (text/html): \
         <html><body>502 Bad Gateway</body></html>"
    );
    assert_eq!(
        describe(&clerk, "ak_slow").await,
        "Clerk did not answer in time"
    );
    for rule in [&found, &missing, &gateway, &slow] {
        assert_eq!(rule.num_calls(), 1);
    }
    assert_no_socket_opened(&listener);
}

#[tokio::test]
async fn a_documented_error_from_a_rule_reads_as_clerk_wrote_it() {
    let listener = unreached();
    let long = "No API key was found with the given ID.";
    let missing = mock::<GetAPIKeyBuilder>().then_error(move || {
        GetAPIKeyError::NotFound(clerk_errors("not found", long, "resource_not_found"))
    });
    let clerk = builder(&listener).mock(&missing).build().expect("builds");

    let error = clerk
        .api_keys()
        .get_api_key("ak_1")
        .send()
        .await
        .unwrap_err();

    assert_eq!(error.status(), Some(StatusCode::NOT_FOUND));
    assert_eq!(
        error.to_string(),
        format!("the API answered 404 Not Found: {long} (resource_not_found)")
    );
    assert_eq!(
        (error.message(), error.code()),
        (Some(long), Some("resource_not_found"))
    );
    // The body's trace id comes first; the rule's answer has no `cf-ray`.
    assert_eq!(error.request_id(), Some("trace_7f3a"));
    assert!(!error.maybe_processed() && !error.is_retryable());
    // The same through `?`, in the crate's one error type.
    let error = Error::from(error);
    assert_eq!(
        (error.message(), error.request_id()),
        (Some(long), Some("trace_7f3a"))
    );
    assert_eq!(error.error_body().map(|b| b.errors.len()), Some(1));
    assert_no_socket_opened(&listener);
}

#[tokio::test]
async fn a_reset_after_the_request_was_written_does_not_make_a_second_key() {
    let listener = unreached();
    let create = mock::<CreateAPIKeyBuilder>()
        .match_requests(|r| r.body_json().is_some_and(|b| b["name"] == "ci-deploy"))
        .then_transport_error(|| TransportError::new(TransportKind::Reset));
    // Clerk created it before the connection was lost.
    let list = mock::<GetAPIKeysBuilder>()
        .match_requests(|r| r.query_param("subject") == Some(SUBJECT))
        .then_output(|| GetAPIKeysResponseBody::new(vec![key("ak_new", "ci-deploy")], 1));
    let clerk = builder(&listener)
        .mock(&create)
        .mock(&list)
        .build()
        .expect("builds");

    let issued = issue(&clerk, "ci-deploy")
        .await
        .expect("the key Clerk made");

    assert_eq!(issued.id, "ak_new");
    assert_eq!((create.num_calls(), list.num_calls()), (1, 1));
    assert_no_socket_opened(&listener);
}

#[tokio::test]
async fn a_refused_connection_sent_nothing_so_it_may_be_sent_again() {
    let listener = unreached();
    let refused = || TransportError::new(TransportKind::Connect);
    let create = mock::<CreateAPIKeyBuilder>().then_transport_error(refused);
    let list = mock::<GetAPIKeysBuilder>().then_output(|| GetAPIKeysResponseBody::new(vec![], 0));
    let clerk = builder(&listener)
        .mock(&create)
        .mock(&list)
        .build()
        .expect("builds");

    // Not `maybe_processed`: the job does not look for a key Clerk cannot have made.
    let error = issue(&clerk, "ci-deploy").await.unwrap_err();
    assert!(matches!(&error, Error::Transport(e) if e.kind() == TransportKind::Connect));
    assert!(error.is_retryable() && !error.maybe_processed());
    assert_eq!((create.num_calls(), list.num_calls()), (1, 0));

    // The client's own retry policy sends a `POST` again after such a failure.
    let again = mock::<CreateAPIKeyBuilder>()
        .then_transport_error(refused)
        .then_output(|| key("ak_second", "ci-deploy"));
    let retrying = RetryConfig::none()
        .with_backoff(std::time::Duration::ZERO, std::time::Duration::ZERO, 1.0)
        .with_max_attempts(2)
        .with_connection_errors(true);
    let clerk = builder(&listener)
        .mock(&again)
        .retries(retrying)
        .build()
        .expect("builds");
    let call = clerk.api_keys().create_api_key("ci-deploy", SUBJECT);
    assert_eq!(
        call.send().await.expect("the second attempt").id,
        "ak_second"
    );
    assert_eq!(again.num_calls(), 2);
    assert_no_socket_opened(&listener);
}

// --- a fake of the user's own, returning errors built by hand --------------------------------

/// How the application reads keys: Clerk in production, a fake in tests.
trait Keys {
    async fn get(&self, id: &str) -> Result<APIKey, SdkError<GetAPIKeyError>>;
}

impl Keys for Clerk {
    async fn get(&self, id: &str) -> Result<APIKey, SdkError<GetAPIKeyError>> {
        Ok(self.api_keys().get_api_key(id).send().await?.into_inner())
    }
}

/// What a gateway does with a key it cannot check.
#[derive(Debug, PartialEq)]
enum Verdict {
    Valid,
    Unknown { trace: Option<String> },
    TryLater,
    Broken(String),
}

/// The code under test: a gateway's verdict on a key.
async fn verdict(keys: &impl Keys, id: &str) -> Verdict {
    match keys.get(id).await {
        Ok(key) if !key.revoked => Verdict::Valid,
        Ok(_) => Verdict::Unknown { trace: None },
        Err(e @ SdkError::Api(_)) => Verdict::Unknown {
            trace: e.request_id().map(str::to_owned),
        },
        Err(e) if e.is_retryable() => Verdict::TryLater,
        Err(e) => Verdict::Broken(e.to_string()),
    }
}

/// How a fake makes the error it fails with.
type MakeError = fn() -> SdkError<GetAPIKeyError>;

/// A fake that fails as it is told.
struct Failing(MakeError);

impl Keys for Failing {
    async fn get(&self, _id: &str) -> Result<APIKey, SdkError<GetAPIKeyError>> {
        Err((self.0)())
    }
}

#[tokio::test]
async fn a_fake_of_the_users_own_returns_every_kind_of_error() {
    let not_found: MakeError = || {
        let body = clerk_errors("not found", "No such key.", "resource_not_found");
        SdkError::api(StatusCode::NOT_FOUND, GetAPIKeyError::NotFound(body))
    };
    let gateway: MakeError = || {
        let mut headers = HeaderMap::new();
        headers.insert("cf-ray", "8f1e2d3c4b5a6978-CDG".parse().unwrap());
        SdkError::unexpected(StatusCode::BAD_GATEWAY, headers, "<html>502</html>")
    };
    let undecodable: MakeError = || {
        let source = serde_json::from_str::<bool>("\"no\"").unwrap_err();
        SdkError::decode(StatusCode::OK, r#"{"revoked":"no"}"#, "revoked", source)
    };
    let cases: [(MakeError, Verdict); 6] = [
        (
            not_found,
            Verdict::Unknown {
                trace: Some("trace_7f3a".into()),
            },
        ),
        (SdkError::timeout, Verdict::TryLater),
        (
            || SdkError::transport(TransportError::new(TransportKind::Reset)),
            Verdict::TryLater,
        ),
        (gateway, Verdict::TryLater),
        (
            || SdkError::transport(TransportError::new(TransportKind::Tls)),
            Verdict::Broken("the TLS handshake with the server failed".into()),
        ),
        (
            undecodable,
            Verdict::Broken(
                "the 200 OK response does not match its documented schema at `revoked`: \
                 {\"revoked\":\"no\"}"
                    .into(),
            ),
        ),
    ];
    for (error, expected) in cases {
        assert_eq!(
            verdict(&Failing(error), "ak_1").await,
            expected,
            "{:?}",
            error()
        );
    }
    // Each reads as its kind says, as the errors of a real call do.
    let timeout: SdkError<GetAPIKeyError> = SdkError::timeout();
    assert!(timeout.is_timeout() && timeout.maybe_processed());
    assert_eq!(gateway().request_id(), Some("8f1e2d3c4b5a6978-CDG"));
    assert_eq!((gateway().message(), gateway().code()), (None, None));
    let documented = not_found();
    assert_eq!(documented.message(), Some("No such key."));
    assert_eq!(
        documented.to_string(),
        "the API answered 404 Not Found: No such key. (resource_not_found)"
    );
}
