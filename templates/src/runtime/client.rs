use std::fmt;
use std::sync::Arc;
use std::time::{Duration, Instant};

use reqwest::header::{HeaderMap, HeaderName, HeaderValue, AUTHORIZATION, CONTENT_TYPE, USER_AGENT};
use reqwest::{Method, Url};

use super::retry::{Attempt, RetryConfig};
use super::{Error, RawResponse};

/// The time one attempt may take when neither the client nor the call sets a timeout.
const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);

/// What the API description decides for every client: where the API lives, what each request
/// carries and how failures are retried.
#[derive(Debug, Clone)]
pub(crate) struct Defaults {
    /// The base URL of the API, from the description's first server.
    pub server_url: &'static str,
    /// The `User-Agent` of every request.
    pub user_agent: &'static str,
    /// Headers sent with every request, such as the API version.
    pub headers: &'static [(&'static str, &'static str)],
    /// The retry policy, from the description's `x-speakeasy-retries`; `None` never retries.
    pub retries: Option<RetryConfig>,
}

/// The API client. Cheap to clone: clones share one connection pool.
///
/// Build one with its `builder()`, then reach the operations through its group methods.
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

struct Inner {
    http: reqwest::Client,
    server_url: Url,
    headers: HeaderMap,
    retries: RetryConfig,
    timeout: Duration,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The token is a secret: it never appears in logs.
        f.debug_struct("Client")
            .field("server_url", &self.inner.server_url.as_str())
            .field("token", &"<redacted>")
            .field("retries", &self.inner.retries)
            .field("timeout", &self.inner.timeout)
            .finish_non_exhaustive()
    }
}

/// Configures a [`Client`].
pub struct ClientBuilder {
    defaults: Defaults,
    token: Option<String>,
    server_url: Option<String>,
    http: Option<reqwest::Client>,
    headers: Vec<(String, String)>,
    retries: Option<RetryConfig>,
    timeout: Duration,
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("server_url", &self.server_url.as_deref().unwrap_or(self.defaults.server_url))
            .field("token", &self.token.as_ref().map(|_| "<redacted>"))
            .field("retries", &self.retries)
            .field("timeout", &self.timeout)
            .finish_non_exhaustive()
    }
}

impl ClientBuilder {
    /// A builder with the given defaults; the generated `builder()` passes the API's.
    pub(crate) fn new(defaults: Defaults) -> Self {
        ClientBuilder {
            retries: defaults.retries.clone(),
            defaults,
            token: None,
            server_url: None,
            http: None,
            headers: Vec::new(),
            timeout: DEFAULT_TIMEOUT,
        }
    }

    /// The bearer token sent as `Authorization: Bearer <token>` with every request.
    pub fn bearer_auth(mut self, token: impl Into<String>) -> Self {
        self.token = Some(token.into());
        self
    }

    /// Sends requests to another base URL, such as a proxy or a mock server.
    pub fn server_url(mut self, url: impl Into<String>) -> Self {
        self.server_url = Some(url.into());
        self
    }

    /// Uses this `reqwest::Client` (with its proxies, TLS settings and pool) for every request.
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.http = Some(client);
        self
    }

    /// Adds a header to every request; it replaces a default header of the same name.
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// The retry policy of every call; [`RetryConfig::none`] disables retries.
    pub fn retries(mut self, retries: RetryConfig) -> Self {
        self.retries = Some(retries);
        self
    }

    /// The time one attempt may take, from sending the request to reading the whole body
    /// (60 seconds unless set).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// Builds the client, checking the token, URL and headers before any request is sent.
    pub fn build(self) -> Result<Client, Error<std::convert::Infallible>> {
        let token = match self.token {
            Some(token) if !token.trim().is_empty() => token,
            _ => return Err(Error::Config("no bearer token: call `bearer_auth` on the builder".into())),
        };
        let server_url = parse_base_url(self.server_url.as_deref().unwrap_or(self.defaults.server_url))?;
        let mut headers = HeaderMap::new();
        let user_agent = [(USER_AGENT.as_str(), self.defaults.user_agent)];
        let defaults = user_agent.iter().chain(self.defaults.headers).map(|(n, v)| (*n, *v));
        for (name, value) in defaults.chain(self.headers.iter().map(|(n, v)| (n.as_str(), v.as_str()))) {
            headers.insert(header_name(name)?, header_value(name, value)?);
        }
        let mut auth = header_value("Authorization", &format!("Bearer {token}"))?;
        auth.set_sensitive(true);
        headers.insert(AUTHORIZATION, auth);
        Ok(Client {
            inner: Arc::new(Inner {
                http: self.http.unwrap_or_default(),
                server_url,
                headers,
                retries: self.retries.unwrap_or_else(RetryConfig::none),
                timeout: self.timeout,
            }),
        })
    }
}

/// Per-call settings that override the client's.
#[derive(Debug, Clone, Default)]
pub(crate) struct RequestOptions {
    pub server_url: Option<String>,
    pub timeout: Option<Duration>,
    pub retries: Option<RetryConfig>,
    pub headers: Vec<(String, String)>,
}

/// One operation's request, as the generated code describes it.
#[derive(Debug)]
pub(crate) struct Request<'a> {
    pub method: Method,
    /// Path segments after the base URL, not yet percent-encoded.
    pub path: &'a [&'a str],
    pub query: Vec<(&'static str, String)>,
    pub headers: Vec<(&'static str, String)>,
    /// The JSON body, serialized once and sent again intact on every attempt.
    pub body: Option<Vec<u8>>,
}

impl Client {
    /// Sends a request, retrying as configured, and reads the whole response.
    pub(crate) async fn execute<E>(&self, request: Request<'_>, options: &RequestOptions) -> Result<RawResponse, Error<E>> {
        let inner = &*self.inner;
        // `url` drops `.` and `..` segments, so such a parameter would silently reach
        // another endpoint (`delete_api_key("..")` deleting on `/api_keys`).
        if let Some(segment) = request.path.iter().find(|s| matches!(**s, "" | "." | "..")) {
            return Err(Error::Config(format!("`{segment}` cannot be a path parameter: it would change the request's path")));
        }
        let mut url = match &options.server_url {
            Some(base) => parse_base_url(base)?,
            None => inner.server_url.clone(),
        };
        url.path_segments_mut()
            .map_err(|()| Error::Config("the server URL cannot be a base URL".into()))?
            .pop_if_empty()
            .extend(request.path);
        if !request.query.is_empty() {
            url.query_pairs_mut().extend_pairs(&request.query);
        }
        let mut headers = inner.headers.clone();
        let call_headers = request.headers.iter().map(|(n, v)| (*n, v.as_str()));
        for (name, value) in call_headers.chain(options.headers.iter().map(|(n, v)| (n.as_str(), v.as_str()))) {
            headers.insert(header_name(name)?, header_value(name, value)?);
        }
        if request.body.is_some() {
            headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
        }
        let body = request.body.map(bytes::Bytes::from);
        let timeout = options.timeout.unwrap_or(inner.timeout);
        let retries = options.retries.as_ref().unwrap_or(&inner.retries);
        let started = Instant::now();
        let mut backoff = retries.backoff();
        loop {
            let mut builder = inner.http.request(request.method.clone(), url.clone()).headers(headers.clone()).timeout(timeout);
            if let Some(body) = &body {
                builder = builder.body(body.clone());
            }
            let outcome = send(builder).await;
            let delay = match retries.next_delay(&outcome, &mut backoff, started.elapsed()) {
                Attempt::Done => return outcome.map_err(Error::from_transport),
                Attempt::RetryAfter(delay) => delay,
            };
            tokio::time::sleep(delay).await;
        }
    }
}

async fn send(builder: reqwest::RequestBuilder) -> Result<RawResponse, reqwest::Error> {
    let response = builder.send().await?;
    let status = response.status();
    let headers = response.headers().clone();
    let body = response.bytes().await?;
    Ok(RawResponse { status, headers, body })
}

fn parse_base_url<E>(text: &str) -> Result<Url, Error<E>> {
    let url = Url::parse(text).map_err(|e| Error::Config(format!("server URL `{text}`: {e}")))?;
    if url.cannot_be_a_base() || !matches!(url.scheme(), "http" | "https") {
        return Err(Error::Config(format!("server URL `{text}` is not an http(s) base URL")));
    }
    Ok(url)
}

fn header_name<E>(name: &str) -> Result<HeaderName, Error<E>> {
    HeaderName::try_from(name).map_err(|_| Error::Config(format!("`{name}` is not a valid header name")))
}

fn header_value<E>(name: &str, value: &str) -> Result<HeaderValue, Error<E>> {
    HeaderValue::try_from(value).map_err(|_| Error::Config(format!("the value of header `{name}` is not valid")))
}

/// The per-call settings every request builder offers, beside its own setters.
macro_rules! call_options {
    () => {
        /// Sends this call to another base URL than the client's.
        pub fn server_url(mut self, url: impl ::std::convert::Into<::std::string::String>) -> Self {
            self.options.server_url = ::std::option::Option::Some(url.into());
            self
        }

        /// The time each attempt of this call may take, instead of the client's timeout.
        pub fn timeout(mut self, timeout: ::std::time::Duration) -> Self {
            self.options.timeout = ::std::option::Option::Some(timeout);
            self
        }

        /// The retry policy of this call, instead of the client's;
        /// [`RetryConfig::none`](crate::RetryConfig::none) disables retries.
        pub fn retries(mut self, retries: crate::RetryConfig) -> Self {
            self.options.retries = ::std::option::Option::Some(retries);
            self
        }

        /// Adds a header to this call; it replaces a client header of the same name.
        pub fn header(
            mut self,
            name: impl ::std::convert::Into<::std::string::String>,
            value: impl ::std::convert::Into<::std::string::String>,
        ) -> Self {
            self.options.headers.push((name.into(), value.into()));
            self
        }
    };
}
pub(crate) use call_options;
