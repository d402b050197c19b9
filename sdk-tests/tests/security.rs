//! Credentials on the wire, with the `security` fixture (`fixtures/security/openapi.yaml`):
//! each kind of scheme sends its credential where the description says, each operation sends
//! the credentials it accepts (the first alternative the client holds whole, a combination in
//! full, none when it needs none), a call without them fails before anything is sent, and no
//! credential shows in `Debug` output, hooks or errors.

mod common;

use std::sync::{Arc, Mutex};

use common::{header, only_request, query_pairs, refusing_url, report, requests};
use fixture_security::{Client, ClientBuilder, RetryConfig, SdkError};
use wiremock::{MockServer, ResponseTemplate};

/// A server that answers every request with `200 {"name": "ada"}`, which every operation
/// of the fixture takes (a `204` one ignores the body).
async fn answering() -> MockServer {
    let body = serde_json::json!({"name": "ada"});
    common::server_answering(ResponseTemplate::new(200).set_body_json(body)).await
}

/// The builder for `server`, without retries, with `credentials` applied.
fn client(server: &MockServer, credentials: impl FnOnce(ClientBuilder) -> ClientBuilder) -> Client {
    credentials(Client::builder())
        .server_url(server.uri())
        .retries(RetryConfig::none())
        .build()
        .expect("the client builds")
}

/// The credentials a request carried: its `Authorization`, `X-Api-Key` and `Cookie` headers
/// and its `api_key` query parameter, each `None` when absent.
fn carried(request: &wiremock::Request) -> [Option<String>; 4] {
    let query = query_pairs(request)
        .into_iter()
        .find(|(name, _)| name == "api_key")
        .map(|(_, value)| value);
    [
        header(request, "authorization").map(str::to_owned),
        header(request, "x-api-key").map(str::to_owned),
        header(request, "cookie").map(str::to_owned),
        query,
    ]
}

fn some(value: &str) -> Option<String> {
    Some(value.to_owned())
}

#[tokio::test]
async fn the_document_wide_alternatives_send_the_cookie_or_the_key_in_the_query() {
    // Only the cookie: it goes as `Cookie: __session=…`.
    let server = answering().await;
    let cookie = client(&server, |b| b.session_cookie_auth("sess_1"));
    cookie.general().get_me().send().await.unwrap();
    let request = only_request(&server).await;
    assert_eq!(
        carried(&request),
        [None, None, some("__session=sess_1"), None]
    );
    assert_eq!(request.url.path(), "/me");

    // Only the key: it goes in the query, encoded.
    let server = answering().await;
    let key = client(&server, |b| b.query_key_auth("pk 1&x=2"));
    key.general().get_me().send().await.unwrap();
    assert_eq!(
        carried(&only_request(&server).await),
        [None, None, None, some("pk 1&x=2")]
    );

    // Both: the first alternative the document lists, the cookie, and only it.
    let server = answering().await;
    let both = client(&server, |b| {
        b.query_key_auth("pk").session_cookie_auth("sess_2")
    });
    both.general().get_me().send().await.unwrap();
    assert_eq!(
        carried(&only_request(&server).await),
        [None, None, some("__session=sess_2"), None]
    );
}

#[tokio::test]
async fn each_kind_of_scheme_sends_its_credential_where_the_description_says() {
    let server = answering().await;
    let client = client(&server, |b| {
        b.bearer_auth("jwt_1")
            .basic_auth("ada", "pa:ss")
            .header_key_auth("hk_1")
            .oauth_token_auth("oauth_1")
            .oidc_token_auth("oidc_1")
    });
    let general = client.general();
    general.list_tokens().send().await.unwrap();
    general.get_profile().send().await.unwrap();
    // OAuth 2.0 is the first alternative of `listReports`; the login is the second.
    general.list_reports().send().await.unwrap();
    // A combination: the key in its header and the login, together.
    general.purge().send().await.unwrap();
    let sent: Vec<_> = requests(&server).await.iter().map(carried).collect();
    assert_eq!(
        sent,
        [
            [some("Bearer jwt_1"), None, None, None],
            [some("Bearer oidc_1"), None, None, None],
            [some("Bearer oauth_1"), None, None, None],
            // base64("ada:pa:ss"): only the user name may not hold a colon.
            [some("Basic YWRhOnBhOnNz"), some("hk_1"), None, None],
        ]
    );
}

#[tokio::test]
async fn a_later_alternative_is_sent_when_the_client_lacks_the_first() {
    let server = answering().await;
    let client = client(&server, |b| b.basic_auth("ada", "pw"));
    client.general().list_reports().send().await.unwrap();
    assert_eq!(
        carried(&only_request(&server).await),
        [some("Basic YWRhOnB3"), None, None, None]
    );
}

#[tokio::test]
async fn operations_without_security_send_none_and_optional_credentials_go_when_held() {
    let server = answering().await;
    let everything = client(&server, |b| {
        b.session_cookie_auth("s")
            .query_key_auth("k")
            .header_key_auth("h")
    });
    // `security: []`: nothing, although the client holds credentials.
    everything.general().get_status().send().await.unwrap();
    // `security: [{}, {bearerAuth: []}]` without a bearer token: nothing either.
    everything.general().get_feed().send().await.unwrap();
    let with_token = client(&server, |b| b.bearer_auth("t"));
    with_token.general().get_feed().send().await.unwrap();
    let sent: Vec<_> = requests(&server).await.iter().map(carried).collect();
    assert_eq!(
        sent,
        [
            [None, None, None, None],
            [None, None, None, None],
            [some("Bearer t"), None, None, None],
        ]
    );
}

#[tokio::test]
async fn a_call_without_the_credentials_it_needs_fails_before_sending() {
    let server = answering().await;
    // Some operations need nothing, so a client without credentials builds.
    let anonymous = client(&server, |b| b);
    let error = anonymous.general().get_me().send().await.unwrap_err();
    assert!(matches!(error, SdkError::Auth(_)), "{error:?}");
    assert_eq!(
        report(&error),
        "no credentials for the call: `getMe` needs credentials the client does not hold: set \
         `session_cookie_auth`, or `query_key_auth` on the client builder"
    );
    // Half of a combination is not enough.
    let half = client(&server, |b| b.header_key_auth("h"));
    let error = half.general().purge().send().await.unwrap_err();
    assert!(
        report(&error).ends_with("set `header_key_auth` and `basic_auth` on the client builder"),
        "{error}"
    );
    assert!(requests(&server).await.is_empty());
}

#[tokio::test]
async fn a_provider_gives_the_key_of_each_call_and_its_failure_stops_the_call() {
    let server = answering().await;
    let calls = Arc::new(Mutex::new(0));
    let counter = calls.clone();
    let client = client(&server, move |b| {
        b.query_key_auth_provider(move || {
            let mut n = counter.lock().unwrap();
            *n += 1;
            let key = format!("rotated_{n}");
            async move { Ok::<_, std::io::Error>(key) }
        })
    });
    client.general().get_me().send().await.unwrap();
    client.general().get_me().send().await.unwrap();
    let keys: Vec<_> = requests(&server)
        .await
        .iter()
        .map(|r| carried(r)[3].clone())
        .collect();
    assert_eq!(keys, [some("rotated_1"), some("rotated_2")]);

    let failing = self::client(&server, |b| {
        b.session_cookie_auth_provider(|| async { Err(std::io::Error::other("vault down")) })
    });
    let error = failing.general().get_me().send().await.unwrap_err();
    assert_eq!(report(&error), "no credentials for the call: vault down");
    assert_eq!(requests(&server).await.len(), 2, "nothing more was sent");
}

#[tokio::test]
async fn credentials_never_show_in_debug_output_hooks_or_errors() {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let record = seen.clone();
    let builder = Client::builder()
        .query_key_auth("pk_secret_query")
        .session_cookie_auth("sess_secret_cookie")
        .basic_auth("ada", "pw_secret_basic")
        .server_url(refusing_url())
        .retries(RetryConfig::none())
        .before_attempt(move |attempt| {
            record
                .lock()
                .unwrap()
                .push(format!("{} {:?}", attempt.url, attempt.headers));
            Ok(())
        });
    let builder_debug = format!("{builder:?}");
    let client = builder.build().unwrap();
    let client_debug = format!("{client:?}");
    // The key goes in the query, which the hooks and the transport error show without it.
    let error = client.general().get_me().send().await.unwrap_err();
    assert!(matches!(error, SdkError::Transport(_)), "{error:?}");
    let error_text = format!("{} {error:?}", report(&error));
    let hooks = seen.lock().unwrap().join("\n");
    for text in [&builder_debug, &client_debug, &error_text, &hooks] {
        for secret in ["pk_secret_query", "sess_secret_cookie", "pw_secret_basic"] {
            assert!(!text.contains(secret), "{secret} shows in {text}");
        }
    }
    assert!(
        client_debug.contains(r#""queryKey": "<redacted API key>""#),
        "{client_debug}"
    );
    assert!(hooks.contains("/me") && hooks.contains("cookie"), "{hooks}");
    // The error does name the URL, without the key.
    assert!(error_text.contains("/me"), "{error_text}");
}

#[test]
fn a_credential_the_client_cannot_send_fails_the_build_naming_its_setter() {
    let build = |builder: ClientBuilder| builder.build().map(|_| ()).unwrap_err().to_string();
    assert_eq!(
        build(Client::builder().session_cookie_auth("a;b")),
        "invalid configuration: the credential is not a valid cookie value, given to \
         `session_cookie_auth`"
    );
    assert_eq!(
        build(Client::builder().header_key_auth(" ")),
        "invalid configuration: the credential is blank, given to `header_key_auth`"
    );
    assert_eq!(
        build(Client::builder().bearer_auth_env("FIXTURE_SECURITY_UNSET_VARIABLE")),
        "invalid configuration: no credential for `bearer_auth_env`: the environment variable \
         `FIXTURE_SECURITY_UNSET_VARIABLE` is not set"
    );
}
