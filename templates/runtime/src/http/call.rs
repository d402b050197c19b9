//! One call, from its request to its last response: the URL and headers it is sent with, its
//! credentials, then its attempts, each reported to the hooks and to `tracing`, until one
//! succeeds or the retry policy stops.
//!
//! Nothing here depends on the operation: a call ends with a [`RawResponse`] or a [`Failure`],
//! which [`Request::send`](super::Request::send) makes the operation's `SdkError`, so that
//! this code is compiled once, not once per operation.

use std::time::{Duration, Instant};

use reqwest::header::{HeaderMap, HeaderName, HeaderValue, CONTENT_TYPE, COOKIE};
use reqwest::Url;
use tracing::Instrument;

use super::auth::Wire;
use super::client::{header_name, header_value, parse_base_url, Inner};
use super::hooks::{AfterError, AfterResponse, BeforeAttempt, BoxError};
use super::payload::Payload;
use super::request::{Request, RequestOptions};
use super::retry::RetryConfig;
use super::transport::TransportError;
use super::{Client, RawResponse, SdkError};

/// Why a call ended without a response: what every operation's `SdkError` says of it.
#[derive(Debug)]
pub(crate) enum Failure {
    Config(String),
    Auth(BoxError),
    Aborted(BoxError),
    Transport(TransportError),
}

impl<E> SdkError<E> {
    /// The error of a call that ended without a response.
    pub(crate) fn from_failure(failure: Failure) -> Self {
        match failure {
            Failure::Config(message) => SdkError::Config(message),
            Failure::Auth(error) => SdkError::Auth(error),
            Failure::Aborted(error) => SdkError::Aborted(error),
            Failure::Transport(error) => SdkError::transport(error),
        }
    }
}

/// What every attempt of a call sends, decided once before the first.
struct Prepared<'a> {
    request: &'a Request,
    url: Url,
    /// Every attempt's headers before its hooks run: each attempt gets a copy, but the last
    /// one the retry policy allows takes them.
    headers: HeaderMap,
    /// API keys that travel in the query: they join the URL only as each attempt is sent, so
    /// that the URL logs, hooks and errors show never holds them.
    query_credentials: Vec<(&'static str, String)>,
    retries: &'a RetryConfig,
    timeout: Option<Duration>,
    started: Instant,
}

impl Client {
    /// Sends a request, retrying as configured, and reads the whole response, in a `tracing`
    /// span of the call whose `attempts` and `status` are recorded as they become known.
    pub(crate) async fn execute(
        &self,
        request: Request,
        options: &RequestOptions,
    ) -> Result<RawResponse, Failure> {
        let span = tracing::debug_span!(
            "call",
            operation = request.operation,
            method = %request.method,
            attempts = tracing::field::Empty,
            status = tracing::field::Empty,
        );
        let call = async {
            let prepared = self.prepare(&request, options).await?;
            self.attempts(prepared, &span).await
        };
        call.instrument(span.clone()).await
    }

    /// The URL, headers and credentials of every attempt.
    async fn prepare<'a>(
        &'a self,
        request: &'a Request,
        options: &'a RequestOptions,
    ) -> Result<Prepared<'a>, Failure> {
        let inner = &*self.inner;
        let retries = options.retries.as_ref().unwrap_or(&inner.retries);
        // The client's policy and timeout were checked when it was built; a call's own here,
        // before anything is sent.
        retries.check().map_err(Failure::Config)?;
        let timeout = options.timeout.or(inner.timeout);
        super::client::check_timeout(timeout).map_err(Failure::Config)?;
        let url = url(inner, request, options).map_err(Failure::Config)?;
        let call_headers = call_headers(request, options).map_err(Failure::Config)?;
        // Room for the client's headers, the call's, a body's media type, and credentials in a
        // header and in a cookie: filled without growing.
        let room = inner.headers.len() + call_headers.len() + 3;
        let mut headers = HeaderMap::with_capacity(room);
        for (name, value) in &inner.headers {
            headers.append(name.clone(), value.clone());
        }
        // The body's media type; a per-call `Content-Type` header (added below) replaces it.
        if let Some(Payload::Raw { content_type, .. }) = &request.body {
            let value = header_value("Content-Type", content_type).map_err(Failure::Config)?;
            headers.insert(CONTENT_TYPE, value);
        }
        let query_credentials = credentials(inner, request, &mut headers).await?;
        for (name, value) in call_headers {
            headers.insert(name, value);
        }
        Ok(Prepared {
            request,
            url,
            headers,
            query_credentials,
            retries,
            timeout,
            started: Instant::now(),
        })
    }

    /// The attempts of a call, until one is not retried.
    async fn attempts(
        &self,
        mut call: Prepared<'_>,
        span: &tracing::Span,
    ) -> Result<RawResponse, Failure> {
        let mut backoff = call.retries.backoff();
        let mut attempt = 0;
        // The first attempt starts as the call is prepared; the clock is read once more as
        // each attempt ends, and as each later one starts.
        let mut sent = call.started;
        loop {
            attempt += 1;
            span.record("attempts", attempt);
            // An attempt that no other can follow takes the headers; the others, a copy.
            let headers = if call.retries.allows(attempt + 1) {
                call.headers.clone()
            } else {
                std::mem::take(&mut call.headers)
            };
            let outcome = (self.attempt(&call, attempt, headers, sent - call.started)).await?;
            let ended = Instant::now();
            let (elapsed, since_start) = (ended - sent, ended - call.started);
            let method = &call.request.method;
            let retry_in = (call.retries).next_delay(method, &outcome, &mut backoff, since_start);
            self.report(&call, attempt, &outcome, elapsed, retry_in);
            let Some(delay) = retry_in else {
                if let Ok(response) = &outcome {
                    span.record("status", response.status.as_u16());
                }
                return outcome.map_err(Failure::Transport);
            };
            tokio::time::sleep(delay).await;
            sent = Instant::now();
        }
    }

    /// One attempt: the `before_attempt` hooks, then the request on the wire (or, with
    /// `test-util`, to the client's mock rules) and its whole response, or the transport's
    /// error.
    async fn attempt(
        &self,
        call: &Prepared<'_>,
        attempt: u32,
        mut headers: HeaderMap,
        since_start: Duration,
    ) -> Result<Result<RawResponse, TransportError>, Failure> {
        let (inner, request) = (&*self.inner, call.request);
        for hook in &inner.hooks.before_attempt {
            let mut before = BeforeAttempt {
                operation: request.operation,
                attempt,
                method: &request.method,
                url: &call.url,
                headers: &mut headers,
            };
            hook(&mut before).map_err(Failure::Aborted)?;
        }
        #[cfg(feature = "test-util")]
        if let Some(rules) = &inner.mock {
            return Ok(rules.answer(request, &call.url, &headers, inner.printing));
        }
        let mut builder = (inner.http).request(request.method.clone(), call.url.clone());
        if !call.query_credentials.is_empty() {
            builder = builder.query(&call.query_credentials);
        }
        let timeout = (call.retries).attempt_timeout(call.timeout, since_start);
        if let Some(timeout) = timeout.filter(|&timeout| Some(timeout) != inner.http_timeout) {
            builder = builder.timeout(timeout);
        }
        if let Some(body) = &request.body {
            builder = body.apply(builder).map_err(Failure::Config)?;
        }
        let outcome = match builder.build() {
            Ok(mut built) => {
                // The headers move into the request whole (`RequestBuilder::headers` would copy
                // them one by one into a new map); those the body set (a form's or multipart's
                // `Content-Type`) replace their namesakes, since they describe the body.
                let body_headers = std::mem::replace(built.headers_mut(), headers);
                built.headers_mut().extend(body_headers);
                send(inner, built).await
            }
            Err(error) => Err(error),
        };
        // A transport error names the URL it was sent to, API keys included.
        let failed = |error: reqwest::Error| error.with_url(call.url.clone());
        Ok(outcome.map_err(|error| TransportError::from_reqwest(failed(error))))
    }

    /// Tells `tracing` and the `after_response` or `after_error` hooks how an attempt went.
    fn report(
        &self,
        call: &Prepared<'_>,
        attempt: u32,
        outcome: &Result<RawResponse, TransportError>,
        elapsed: Duration,
        retry_in: Option<Duration>,
    ) {
        let (inner, request, url) = (&*self.inner, call.request, &call.url);
        let (operation, method) = (request.operation, &request.method);
        let (elapsed_ms, retry_in_ms) = (
            elapsed.as_millis() as u64,
            retry_in.map(|d| d.as_millis() as u64),
        );
        match outcome {
            Ok(response) => {
                let status = response.status;
                tracing::debug!(
                    operation,
                    attempt,
                    status = status.as_u16(),
                    elapsed_ms,
                    retry_in_ms,
                    "{method} {url} answered {status}"
                );
                let after = AfterResponse {
                    operation,
                    attempt,
                    method,
                    url,
                    status,
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
                // What happened, then why, as the HTTP client says it.
                let cause = std::error::Error::source(error).map(ToString::to_string);
                let error_text = match cause {
                    Some(cause) => format!("{error}: {cause}"),
                    None => error.to_string(),
                };
                tracing::debug!(operation, attempt, error = %error_text, elapsed_ms, retry_in_ms, "{method} {url} failed");
                let after = AfterError {
                    operation,
                    attempt,
                    method,
                    url,
                    error,
                    elapsed,
                    retry_in,
                };
                inner.hooks.after_error.iter().for_each(|hook| hook(&after));
            }
        }
    }
}

/// The URL of a request: its path's segments after the base URL (the call's, else the
/// client's), then its query.
fn url(inner: &Inner, request: &Request, options: &RequestOptions) -> Result<Url, String> {
    // `url` drops `.` and `..` segments, so such a parameter would silently reach another
    // endpoint (`delete_api_key("..")` deleting on `/api_keys`).
    let odd = (request.path.iter()).find(|s| matches!(s.as_str(), "" | "." | ".."));
    if let Some(segment) = odd {
        return Err(format!(
            "`{segment}` cannot be a path parameter: it would change the request's path"
        ));
    }
    let mut url = match &options.server_url {
        Some(base) => parse_base_url(base)?,
        None => inner.server_url.clone(),
    };
    url.path_segments_mut()
        .map_err(|()| "the server URL cannot be a base URL".to_owned())?
        .pop_if_empty()
        .extend(&request.path);
    if !request.query.is_empty() {
        url.query_pairs_mut().extend_pairs(&request.query);
    }
    Ok(url)
}

/// The request's own headers, then the call's, each checked and marked sensitive when it
/// holds a secret: they replace the client's headers and credentials of the same names.
fn call_headers(
    request: &Request,
    options: &RequestOptions,
) -> Result<Vec<(HeaderName, HeaderValue)>, String> {
    let own = request.headers.iter().map(|(n, v)| (*n, v.as_str()));
    let call = options
        .headers
        .iter()
        .map(|(n, v)| (n.as_str(), v.as_str()));
    let secret = |name: &str| (request.secret_headers.iter()).any(|s| s.eq_ignore_ascii_case(name));
    own.chain(call)
        .map(|(name, value)| {
            let mut value = header_value(name, value)?;
            value.set_sensitive(secret(name));
            Ok((header_name(name)?, value))
        })
        .collect()
}

/// Puts the call's credentials in `headers` (cookies as one `Cookie` header), and returns
/// those that travel in the query.
async fn credentials(
    inner: &Inner,
    request: &Request,
    headers: &mut HeaderMap,
) -> Result<Vec<(&'static str, String)>, Failure> {
    let credentials = (inner.credentials)
        .for_call(request.operation, request.security)
        .await
        .map_err(Failure::Auth)?;
    let (mut query, mut cookies) = (Vec::new(), Vec::new());
    for credential in credentials {
        match credential {
            Wire::Header(name, value) => {
                headers.insert(name, value);
            }
            Wire::Query(name, value) => query.push((name, value)),
            Wire::Cookie(pair) => cookies.push(pair),
        }
    }
    if !cookies.is_empty() {
        let mut value = header_value("cookie", &cookies.join("; ")).map_err(Failure::Config)?;
        value.set_sensitive(true);
        headers.insert(COOKIE, value);
    }
    Ok(query)
}

async fn send(inner: &Inner, request: reqwest::Request) -> Result<RawResponse, reqwest::Error> {
    let mut response = inner.http.execute(request).await?;
    let status = response.status();
    // Taken rather than cloned: reading the body does not need them.
    let headers = std::mem::take(response.headers_mut());
    let body = response.bytes().await?;
    Ok(RawResponse {
        status,
        headers,
        body,
        printing: inner.printing,
    })
}
