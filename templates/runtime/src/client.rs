use std::fmt;
use std::sync::Arc;
use std::time::{Duration, Instant};

#[cfg(feature = "raw-body")]
use reqwest::header::CONTENT_TYPE;
#[cfg(feature = "api-key-cookie")]
use reqwest::header::COOKIE;
use reqwest::header::{HeaderMap, HeaderName, HeaderValue, USER_AGENT};
use reqwest::Url;
use tracing::Instrument;

#[cfg(feature = "auth")]
use super::auth::{Credentials, Ready, Scheme, Wire};
use super::error::Printing;
use super::hooks::{AfterError, AfterResponse, BeforeAttempt, BoxError, Hooks};
#[cfg(feature = "raw-body")]
use super::payload::Payload;
use super::request::{Request, RequestOptions};
use super::retry::RetryConfig;
use super::{Error, RawResponse, SdkError};

/// The time one attempt may take when neither the client nor the call sets a timeout.
const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);

/// What the API description decides for every client: where the API lives, what each request
/// carries and how failures are retried.
#[derive(Debug, Clone)]
pub struct Defaults {
    /// The base URL of the API, from the description's first server.
    pub server_url: &'static str,
    /// The `User-Agent` of every request.
    pub user_agent: &'static str,
    /// Headers sent with every request, such as the API version.
    pub headers: &'static [(&'static str, &'static str)],
    /// The retry policy, from the description's `x-speakeasy-retries`; `None` never retries.
    pub retries: Option<RetryConfig>,
    /// Wire names of the fields that hold secrets: the bodies that errors and hooks print
    /// show `<redacted>` for their values.
    pub sensitive_fields: &'static [&'static str],
    /// The response header that carries the API's id of a request, which errors report.
    pub request_id_header: Option<&'static str>,
    /// The security schemes the operations use, whose credentials the builder's setters set.
    #[cfg(feature = "auth")]
    pub schemes: &'static [Scheme],
    /// Whether every operation needs a credential, so that a client built with none could
    /// make no call: `build` then fails.
    #[cfg(feature = "auth")]
    pub credentials_required: bool,
}

impl Defaults {
    /// A client builder with these defaults; the generated `builder()` passes the API's.
    pub fn builder(self) -> ClientBuilder {
        ClientBuilder {
            options: RequestOptions {
                retries: self.retries.clone(),
                ..RequestOptions::default()
            },
            defaults: self,
            #[cfg(feature = "auth")]
            credentials: Credentials::default(),
            http: None,
            hooks: Hooks::default(),
        }
    }
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
    #[cfg(feature = "auth")]
    credentials: Ready,
    headers: HeaderMap,
    retries: RetryConfig,
    /// `None`: the `reqwest::Client` the user gave keeps its own timeout.
    timeout: Option<Duration>,
    hooks: Hooks,
    printing: Printing,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut debug = f.debug_struct("Client");
        debug.field("server_url", &self.inner.server_url.as_str());
        #[cfg(feature = "auth")]
        debug.field("credentials", &self.inner.credentials);
        debug
            .field("retries", &self.inner.retries)
            .field("timeout", &self.inner.timeout)
            .field("hooks", &self.inner.hooks)
            .finish_non_exhaustive()
    }
}

/// The client's `builder()` starts one with the API's defaults, and [`build`](Self::build)
/// makes the client.
pub struct ClientBuilder {
    defaults: Defaults,
    /// What the crate root's credential setters set.
    #[cfg(feature = "auth")]
    pub(crate) credentials: Credentials,
    http: Option<reqwest::Client>,
    /// The settings a call may override, set for every call.
    options: RequestOptions,
    hooks: Hooks,
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut debug = f.debug_struct("ClientBuilder");
        debug.field(
            "server_url",
            &self
                .options
                .server_url
                .as_deref()
                .unwrap_or(self.defaults.server_url),
        );
        #[cfg(feature = "auth")]
        debug.field("credentials", &self.credentials);
        debug
            .field("retries", &self.options.retries)
            .field("timeout", &self.options.timeout.unwrap_or(DEFAULT_TIMEOUT))
            .field("hooks", &self.hooks)
            .finish_non_exhaustive()
    }
}

impl ClientBuilder {
    /// Runs `hook` before every attempt, retries included, after the call's headers (and
    /// token) are set. It may add or replace headers of that attempt, or return an error to
    /// stop the call with [`SdkError::Aborted`] without sending the attempt. Hooks run in the
    /// order they were added.
    pub fn before_attempt(
        mut self,
        hook: impl Fn(&mut BeforeAttempt<'_>) -> Result<(), BoxError> + Send + Sync + 'static,
    ) -> Self {
        self.hooks.before_attempt.push(std::sync::Arc::new(hook));
        self
    }

    /// Runs `hook` after every attempt that got a response, whatever its status, once its
    /// body is read and before the call retries or decodes it; `retry_in` tells which.
    pub fn after_response(
        mut self,
        hook: impl Fn(&AfterResponse<'_>) + Send + Sync + 'static,
    ) -> Self {
        self.hooks.after_response.push(std::sync::Arc::new(hook));
        self
    }

    /// Runs `hook` after every attempt that got no response (connection refused, timeout,
    /// reset), before the call retries or fails; `retry_in` tells which.
    pub fn after_error(mut self, hook: impl Fn(&AfterError<'_>) + Send + Sync + 'static) -> Self {
        self.hooks.after_error.push(std::sync::Arc::new(hook));
        self
    }

    /// Uses this `reqwest::Client` (with its proxies, TLS settings and pool) for every request.
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.http = Some(client);
        self
    }

    /// Sends requests to another base URL, such as a proxy or a mock server.
    pub fn server_url(mut self, url: impl Into<String>) -> Self {
        self.options.server_url = Some(url.into());
        self
    }

    /// The time one attempt may take, from sending the request to reading the whole body (60
    /// seconds unless set; with an `http_client` of yours, its own timeout unless set).
    pub fn timeout(mut self, timeout: std::time::Duration) -> Self {
        self.options.timeout = Some(timeout);
        self
    }

    /// The retry policy of every call; [`RetryConfig::none`] disables retries.
    pub fn retries(mut self, retries: RetryConfig) -> Self {
        self.options.retries = Some(retries);
        self
    }

    /// Adds a header to every request; it replaces a default header of the same name.
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.options.headers.push((name.into(), value.into()));
        self
    }

    /// Builds the client, checking the credentials, URL and headers before any request is
    /// sent.
    pub fn build(self) -> Result<Client, Error> {
        #[cfg(feature = "auth")]
        let credentials = {
            let schemes = self.defaults.schemes;
            if self.defaults.credentials_required && self.credentials.is_empty() {
                let setters: Vec<String> =
                    schemes.iter().map(|s| format!("`{}`", s.setter)).collect();
                return Err(Error::Config(format!(
                    "no credentials, and every operation needs one: set {} on the builder",
                    setters.join(" or ")
                )));
            }
            self.credentials.ready(schemes).map_err(Error::Config)?
        };
        let server_url = parse_base_url(
            self.options
                .server_url
                .as_deref()
                .unwrap_or(self.defaults.server_url),
        )
        .map_err(Error::Config)?;
        let mut headers = HeaderMap::new();
        let user_agent = [(USER_AGENT.as_str(), self.defaults.user_agent)];
        let defaults = user_agent
            .iter()
            .chain(self.defaults.headers)
            .map(|(n, v)| (*n, *v));
        for (name, value) in defaults.chain(
            self.options
                .headers
                .iter()
                .map(|(n, v)| (n.as_str(), v.as_str())),
        ) {
            headers.insert(
                header_name(name).map_err(Error::Config)?,
                header_value(name, value).map_err(Error::Config)?,
            );
        }
        // A `reqwest::Client` of the user's keeps its own timeout unless one is set here.
        let timeout = match (self.options.timeout, &self.http) {
            (Some(timeout), _) => Some(timeout),
            (None, Some(_)) => None,
            (None, None) => Some(DEFAULT_TIMEOUT),
        };
        Ok(Client {
            inner: Arc::new(Inner {
                http: self.http.unwrap_or_default(),
                server_url,
                #[cfg(feature = "auth")]
                credentials,
                headers,
                retries: self.options.retries.unwrap_or_else(RetryConfig::none),
                timeout,
                hooks: self.hooks,
                printing: Printing {
                    sensitive_fields: self.defaults.sensitive_fields,
                    request_id_header: self.defaults.request_id_header,
                },
            }),
        })
    }
}

impl Client {
    /// The retry policy of every call made with this client (a call's `.retries(…)` replaces
    /// it): a starting point for another, `client.retries().clone().with_max_attempts(5)`.
    pub fn retries(&self) -> &RetryConfig {
        &self.inner.retries
    }

    /// Sends a request, retrying as configured, and reads the whole response, in a `tracing`
    /// span of the call whose `attempts` and `status` are recorded as they become known.
    pub(crate) async fn execute<E>(
        &self,
        request: Request,
        options: &RequestOptions,
    ) -> Result<RawResponse, SdkError<E>> {
        let span = tracing::debug_span!(
            "call",
            operation = request.operation,
            method = %request.method,
            attempts = tracing::field::Empty,
            status = tracing::field::Empty,
        );
        self.execute_attempts(request, options, &span)
            .instrument(span.clone())
            .await
    }

    /// The body of [`execute`](Self::execute), inside its span.
    async fn execute_attempts<E>(
        &self,
        request: Request,
        options: &RequestOptions,
        span: &tracing::Span,
    ) -> Result<RawResponse, SdkError<E>> {
        let inner = &*self.inner;
        // `url` drops `.` and `..` segments, so such a parameter would silently reach
        // another endpoint (`delete_api_key("..")` deleting on `/api_keys`).
        if let Some(segment) = request
            .path
            .iter()
            .find(|s| matches!(s.as_str(), "" | "." | ".."))
        {
            return Err(SdkError::Config(format!(
                "`{segment}` cannot be a path parameter: it would change the request's path"
            )));
        }
        let mut url = match &options.server_url {
            Some(base) => parse_base_url(base).map_err(SdkError::Config)?,
            None => inner.server_url.clone(),
        };
        url.path_segments_mut()
            .map_err(|()| SdkError::Config("the server URL cannot be a base URL".into()))?
            .pop_if_empty()
            .extend(&request.path);
        if !request.query.is_empty() {
            url.query_pairs_mut().extend_pairs(&request.query);
        }
        let mut headers = inner.headers.clone();
        // The body's media type; a per-call `Content-Type` header (added below) replaces it.
        #[cfg(feature = "raw-body")]
        if let Some(Payload::Raw { content_type, .. }) = &request.body {
            let value = header_value("Content-Type", content_type).map_err(SdkError::Config)?;
            headers.insert(CONTENT_TYPE, value);
        }
        let call_headers = request.headers.iter().map(|(n, v)| (*n, v.as_str()));
        let mut call_headers = call_headers.chain(
            options
                .headers
                .iter()
                .map(|(n, v)| (n.as_str(), v.as_str())),
        );
        let call_headers = call_headers.try_fold(Vec::new(), |mut list, (name, value)| {
            let mut value = header_value(name, value).map_err(SdkError::Config)?;
            value.set_sensitive(
                request
                    .secret_headers
                    .iter()
                    .any(|s| s.eq_ignore_ascii_case(name)),
            );
            list.push((header_name(name).map_err(SdkError::Config)?, value));
            Ok::<_, SdkError<E>>(list)
        })?;
        // API keys in the query join the URL only when each attempt is sent, so that the URL
        // that logs, hooks and errors show never holds them.
        #[cfg(feature = "api-key-query")]
        let mut query_credentials = Vec::new();
        #[cfg(feature = "auth")]
        {
            let credentials = inner
                .credentials
                .for_call(request.operation, request.security)
                .await
                .map_err(SdkError::Auth)?;
            #[cfg(feature = "api-key-cookie")]
            let mut cookies = Vec::new();
            for credential in credentials {
                match credential {
                    #[cfg(feature = "auth-header")]
                    Wire::Header(name, value) => {
                        headers.insert(name, value);
                    }
                    #[cfg(feature = "api-key-query")]
                    Wire::Query(name, value) => query_credentials.push((name, value)),
                    #[cfg(feature = "api-key-cookie")]
                    Wire::Cookie(pair) => cookies.push(pair),
                }
            }
            #[cfg(feature = "api-key-cookie")]
            if !cookies.is_empty() {
                let mut value =
                    header_value("cookie", &cookies.join("; ")).map_err(SdkError::Config)?;
                value.set_sensitive(true);
                headers.insert(COOKIE, value);
            }
        }
        for (name, value) in call_headers {
            headers.insert(name, value);
        }
        let timeout = options.timeout.or(inner.timeout);
        let retries = options.retries.as_ref().unwrap_or(&inner.retries);
        let started = Instant::now();
        let mut backoff = retries.backoff();
        let mut attempt = 0;
        loop {
            attempt += 1;
            span.record("attempts", attempt);
            let mut attempt_headers = headers.clone();
            for hook in &inner.hooks.before_attempt {
                let mut before = BeforeAttempt {
                    operation: request.operation,
                    attempt,
                    method: &request.method,
                    url: &url,
                    headers: &mut attempt_headers,
                };
                hook(&mut before).map_err(SdkError::Aborted)?;
            }
            let mut builder = inner
                .http
                .request(request.method.clone(), url.clone())
                .headers(attempt_headers);
            if let Some(timeout) = retries.attempt_timeout(timeout, started.elapsed()) {
                builder = builder.timeout(timeout);
            }
            #[cfg(feature = "api-key-query")]
            let builder = builder.query(&query_credentials);
            #[cfg(feature = "body")]
            let builder = match &request.body {
                Some(body) => body.apply(builder).map_err(SdkError::Config)?,
                None => builder,
            };
            let sent = Instant::now();
            let outcome = send(builder, inner.printing).await;
            // A transport error names the URL it was sent to, API keys included.
            #[cfg(feature = "api-key-query")]
            let outcome = outcome.map_err(|error| error.with_url(url.clone()));
            let elapsed = sent.elapsed();
            let retry_in =
                retries.next_delay(&request.method, &outcome, &mut backoff, started.elapsed());
            let delay_ms = retry_in.map(|d| d.as_millis() as u64);
            match &outcome {
                Ok(response) => {
                    tracing::debug!(
                        operation = request.operation,
                        attempt,
                        status = response.status.as_u16(),
                        elapsed_ms = elapsed.as_millis() as u64,
                        retry_in_ms = delay_ms,
                        "{} {} answered {}",
                        request.method,
                        url,
                        response.status,
                    );
                    let after = AfterResponse {
                        operation: request.operation,
                        attempt,
                        method: &request.method,
                        url: &url,
                        status: response.status,
                        headers: &response.headers,
                        body: &response.body,
                        elapsed,
                        retry_in,
                        sensitive_fields: inner.printing.sensitive_fields,
                    };
                    inner
                        .hooks
                        .after_response
                        .iter()
                        .for_each(|hook| hook(&after));
                }
                Err(error) => {
                    tracing::debug!(
                        operation = request.operation,
                        attempt,
                        error = %error,
                        elapsed_ms = elapsed.as_millis() as u64,
                        retry_in_ms = delay_ms,
                        "{} {} failed",
                        request.method,
                        url,
                    );
                    let after = AfterError {
                        operation: request.operation,
                        attempt,
                        method: &request.method,
                        url: &url,
                        error,
                        elapsed,
                        retry_in,
                    };
                    inner.hooks.after_error.iter().for_each(|hook| hook(&after));
                }
            }
            match retry_in {
                None => {
                    if let Ok(response) = &outcome {
                        span.record("status", response.status.as_u16());
                    }
                    return outcome.map_err(SdkError::from_transport);
                }
                Some(delay) => tokio::time::sleep(delay).await,
            }
        }
    }
}

async fn send(
    builder: reqwest::RequestBuilder,
    printing: Printing,
) -> Result<RawResponse, reqwest::Error> {
    let mut response = builder.send().await?;
    let status = response.status();
    // Taken rather than cloned: reading the body does not need them.
    let headers = std::mem::take(response.headers_mut());
    let body = response.bytes().await?;
    Ok(RawResponse {
        status,
        headers,
        body,
        printing,
    })
}

fn parse_base_url(text: &str) -> Result<Url, String> {
    let url = Url::parse(text).map_err(|e| format!("server URL `{text}`: {e}"))?;
    if url.cannot_be_a_base() || !matches!(url.scheme(), "http" | "https") {
        return Err(format!("server URL `{text}` is not an http(s) base URL"));
    }
    Ok(url)
}

fn header_name(name: &str) -> Result<HeaderName, String> {
    HeaderName::try_from(name).map_err(|_| format!("`{name}` is not a valid header name"))
}

fn header_value(name: &str, value: &str) -> Result<HeaderValue, String> {
    HeaderValue::try_from(value).map_err(|_| format!("the value of header `{name}` is not valid"))
}
