//! What the client benchmark (`benches/client.rs`) needs beside the generated SDK: a
//! loopback HTTP/1.1 server that answers canned JSON bodies, and the same calls written by
//! hand with plain `reqwest` + `serde_json`, the baseline the SDK's overhead is measured
//! against. See `BENCHMARKS.md` for the method and the results.
//!
//! The server runs as a task on the client's own current-thread runtime: each request is
//! written, answered and read on one thread, with no thread to wake up in between. On a
//! virtual machine whose idle cores sleep, a cross-thread wake-up costs tens of microseconds
//! and varies run to run, more than the client's own work; on one thread the measurement is
//! the clients' work and the kernel's loopback. The server reuses one buffer per connection,
//! so it adds no allocation per request to the client's counts.

use std::io::ErrorKind;
use std::sync::Arc;
use std::time::Duration;

use clerk_backend_api::reqwest;
use reqwest::header::{AUTHORIZATION, CONTENT_TYPE, HeaderMap, HeaderValue, USER_AGENT};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

pub const TOKEN: &str = "sk_test_4eC39HqLyjWDarjtT1zdp7dcQx9bKm2N";
pub const KEY_ID: &str = "ak_7c1e4f9a2b6d4e08a3f5c9d2e1b7a460";
pub const SUBJECT: &str = "user_2zKq8VbN4mRtX7cLp3WsY9dFhJa";
/// Items on the canned page of `GET /api_keys`: the API's default page size.
pub const PAGE_SIZE: usize = 10;

/// An API key as `GET /api_keys/{id}` returns it.
pub fn api_key_json(n: usize) -> Value {
    json!({
        "object": "api_key",
        "id": format!("ak_7c1e4f9a2b6d4e08a3f5c9d2e1b7a4{n:02}"),
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
        "created_by": "user_2zKp1QeT6uHs0GnBv5XyR8aLmCd",
        "last_used_at": null,
        "created_at": 1762732800000u64,
        "updated_at": 1762736400000u64
    })
}

/// A page of `GET /api_keys`.
pub fn page_json() -> Value {
    let data: Vec<Value> = (0..PAGE_SIZE).map(api_key_json).collect();
    json!({ "data": data, "total_count": PAGE_SIZE })
}

/// A key as `POST /api_keys` returns it: with its secret.
pub fn created_json() -> Value {
    let mut key = api_key_json(0);
    key["secret"] = json!("ak_9d2f6b1c8e4a7f3d0b5c9e2a6f1d4b8c3e7a0f5d");
    key
}

/// The loopback server: its base URL. The server lives as long as the runtime it runs on.
#[derive(Debug)]
pub struct Loopback {
    pub base_url: String,
}

/// Canned responses, whole (status line, headers and body), by route.
#[derive(Debug)]
struct Canned {
    key: Vec<u8>,
    page: Vec<u8>,
    created: Vec<u8>,
    not_found: Vec<u8>,
}

fn response(status: &str, body: &[u8]) -> Vec<u8> {
    let mut out = format!(
        "HTTP/1.1 {status}\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n",
        body.len()
    )
    .into_bytes();
    out.extend_from_slice(body);
    out
}

impl Canned {
    fn new() -> Canned {
        let body = |v: Value| serde_json::to_vec(&v).expect("JSON serializes");
        Canned {
            key: response("200 OK", &body(api_key_json(0))),
            page: response("200 OK", &body(page_json())),
            created: response("200 OK", &body(created_json())),
            not_found: response("404 Not Found", b"{\"errors\":[]}"),
        }
    }

    /// The answer to a request line such as `GET /api_keys/ak_1 HTTP/1.1`.
    fn route(&self, request_line: &[u8]) -> &[u8] {
        let mut parts = request_line.split(|b| *b == b' ');
        let method = parts.next().unwrap_or_default();
        let target = parts.next().unwrap_or_default();
        let path = target.split(|b| *b == b'?').next().unwrap_or_default();
        match (method, path) {
            (b"GET", b"/api_keys") => &self.page,
            (b"POST", b"/api_keys") => &self.created,
            (b"GET", p) if p.starts_with(b"/api_keys/") && p[10..].iter().all(|b| *b != b'/') => {
                &self.key
            }
            _ => &self.not_found,
        }
    }
}

/// Starts the server on a free port of 127.0.0.1, as a task of `runtime`: it answers while
/// the runtime runs, such as during the `block_on` of a call.
pub fn start(runtime: &tokio::runtime::Runtime) -> Loopback {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
    listener.set_nonblocking(true).expect("non-blocking");
    let address = listener.local_addr().expect("local address");
    let canned = Arc::new(Canned::new());
    let _guard = runtime.enter();
    let listener = tokio::net::TcpListener::from_std(listener).expect("listener");
    runtime.spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let _ = stream.set_nodelay(true);
            tokio::spawn(serve(stream, Arc::clone(&canned)));
        }
    });
    Loopback {
        base_url: format!("http://{address}"),
    }
}

/// Answers the requests of one keep-alive connection until the client closes it.
async fn serve(mut stream: TcpStream, canned: Arc<Canned>) {
    let mut buffer = Vec::with_capacity(16 * 1024);
    loop {
        let head_end = loop {
            if let Some(i) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
                break i + 4;
            }
            match stream.read_buf(&mut buffer).await {
                Ok(0) | Err(_) => return,
                Ok(_) => {}
            }
        };
        let head = &buffer[..head_end];
        let request_line = head.split(|b| *b == b'\r').next().unwrap_or_default();
        let length = content_length(head);
        let answer = canned.route(request_line);
        while buffer.len() < head_end + length {
            match stream.read_buf(&mut buffer).await {
                Ok(0) | Err(_) => return,
                Ok(_) => {}
            }
        }
        if let Err(e) = stream.write_all(answer).await {
            if e.kind() != ErrorKind::BrokenPipe {
                eprintln!("loopback server: {e}");
            }
            return;
        }
        buffer.drain(..head_end + length);
    }
}

fn content_length(head: &[u8]) -> usize {
    head.split(|b| *b == b'\n')
        .filter_map(|line| {
            let text = std::str::from_utf8(line).ok()?;
            let (name, value) = text.split_once(':')?;
            name.trim()
                .eq_ignore_ascii_case("content-length")
                .then(|| value.trim().parse().ok())?
        })
        .next()
        .unwrap_or(0)
}

/// The generated client, as the benchmark uses it: retries off, no hooks.
pub fn sdk_client(loopback: &Loopback) -> clerk_backend_api::Clerk {
    clerk_backend_api::Clerk::builder()
        .bearer_auth(TOKEN)
        .server_url(&loopback.base_url)
        .retries(clerk_backend_api::RetryConfig::none())
        .build()
        .expect("the client builds")
}

/// An API key as plain code decodes it: the same fields as the SDK's model.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct ApiKey {
    pub object: String,
    pub id: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub subject: String,
    pub name: String,
    #[serde(default)]
    pub description: Option<String>,
    pub claims: Value,
    pub scopes: Vec<String>,
    pub revoked: bool,
    pub revocation_reason: Option<String>,
    pub expired: bool,
    pub expiration: Option<i64>,
    pub created_by: Option<String>,
    pub last_used_at: Option<i64>,
    pub created_at: i64,
    pub updated_at: i64,
    #[serde(default)]
    pub secret: Option<String>,
}

/// A page of API keys.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct ApiKeyPage {
    pub data: Vec<ApiKey>,
    pub total_count: i64,
}

#[derive(Debug, Serialize)]
struct CreateApiKey<'a> {
    name: &'a str,
    subject: &'a str,
}

/// Why a plain call failed.
pub type PlainError = Box<dyn std::error::Error + Send + Sync>;

/// The calls written by hand with `reqwest` and `serde_json`, with the headers the SDK sends
/// (bearer token, `User-Agent`, `Clerk-API-Version`) and its default 60-second timeout.
#[derive(Debug, Clone)]
pub struct Plain {
    http: reqwest::Client,
    base_url: String,
}

impl Plain {
    pub fn new(loopback: &Loopback) -> Plain {
        let mut headers = HeaderMap::new();
        let mut auth = HeaderValue::from_str(&format!("Bearer {TOKEN}")).expect("a header");
        auth.set_sensitive(true);
        headers.insert(AUTHORIZATION, auth);
        headers.insert(
            USER_AGENT,
            HeaderValue::from_static("clerk-backend-api-rust/0.4.0"),
        );
        headers.insert("clerk-api-version", HeaderValue::from_static("2025-11-10"));
        let http = reqwest::Client::builder()
            .default_headers(headers)
            .timeout(Duration::from_secs(60))
            .build()
            .expect("a reqwest client");
        Plain {
            http,
            base_url: loopback.base_url.clone(),
        }
    }

    async fn decode<T: serde::de::DeserializeOwned>(
        response: reqwest::Response,
    ) -> Result<T, PlainError> {
        let status = response.status();
        let body = response.bytes().await?;
        if !status.is_success() {
            return Err(format!("the API answered {status}").into());
        }
        Ok(serde_json::from_slice(&body)?)
    }

    /// `GET /api_keys/{id}`.
    pub async fn get_api_key(&self, id: &str) -> Result<ApiKey, PlainError> {
        let url = format!("{}/api_keys/{id}", self.base_url);
        Self::decode(self.http.get(url).send().await?).await
    }

    /// `GET /api_keys?subject=…&limit=…`.
    pub async fn get_api_keys(&self, subject: &str, limit: u32) -> Result<ApiKeyPage, PlainError> {
        let url = format!("{}/api_keys", self.base_url);
        let request = self
            .http
            .get(url)
            .query(&[("subject", subject), ("limit", &limit.to_string())]);
        Self::decode(request.send().await?).await
    }

    /// `POST /api_keys` with a JSON body.
    pub async fn create_api_key(&self, name: &str, subject: &str) -> Result<ApiKey, PlainError> {
        let url = format!("{}/api_keys", self.base_url);
        let body = serde_json::to_vec(&CreateApiKey { name, subject })?;
        let request = self
            .http
            .post(url)
            .header(CONTENT_TYPE, HeaderValue::from_static("application/json"))
            .body(body);
        Self::decode(request.send().await?).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn runtime() -> tokio::runtime::Runtime {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a runtime")
    }

    /// Both sides of the benchmark must do the same work: the same requests answered with
    /// the same bodies, decoded into the same values.
    #[test]
    fn the_sdk_and_the_plain_calls_decode_the_same_answers() {
        let runtime = runtime();
        let loopback = start(&runtime);
        let (sdk, plain) = (sdk_client(&loopback), Plain::new(&loopback));
        runtime.block_on(async {
            let key = sdk
                .api_keys()
                .get_api_key(KEY_ID)
                .send()
                .await
                .expect("sdk");
            let plain_key = plain.get_api_key(KEY_ID).await.expect("plain");
            assert_eq!(key.id, plain_key.id);
            assert_eq!(key.description, plain_key.description);
            assert_eq!(key.claims, plain_key.claims);

            let page = sdk.api_keys().get_api_keys(SUBJECT).limit(10).send().await;
            let page = page.expect("sdk page");
            let plain_page = plain.get_api_keys(SUBJECT, 10).await.expect("plain page");
            assert_eq!(page.data.len(), PAGE_SIZE);
            assert_eq!(plain_page.data.len(), PAGE_SIZE);
            assert_eq!(page.total_count, plain_page.total_count);

            let created = sdk.api_keys().create_api_key("ci", SUBJECT).send().await;
            let plain_created = plain.create_api_key("ci", SUBJECT).await.expect("plain");
            let secret = created.expect("sdk create").into_inner().secret;
            assert!(secret.is_some());
            assert_eq!(secret, plain_created.secret);
        });
    }

    #[test]
    fn routes_and_content_length() {
        let canned = Canned::new();
        assert_eq!(
            canned.route(b"GET /api_keys/ak_1 HTTP/1.1"),
            &canned.key[..]
        );
        assert_eq!(
            canned.route(b"GET /api_keys?subject=u HTTP/1.1"),
            &canned.page[..]
        );
        assert_eq!(
            canned.route(b"POST /api_keys HTTP/1.1"),
            &canned.created[..]
        );
        assert_eq!(
            canned.route(b"GET /api_keys/ak_1/secret HTTP/1.1"),
            &canned.not_found[..]
        );
        assert_eq!(
            content_length(b"POST / HTTP/1.1\r\nContent-Length: 42\r\n\r\n"),
            42
        );
        assert_eq!(content_length(b"GET / HTTP/1.1\r\nhost: x\r\n\r\n"), 0);
    }
}
