use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use reqwest::header::HeaderMap;
use reqwest::{Method, StatusCode, Url};

/// Any error, as hooks and token providers return them.
pub type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// What a `before_attempt` hook sees: the attempt about to be sent. Changing `headers`
/// changes what this attempt sends.
#[derive(Debug)]
#[non_exhaustive]
pub struct BeforeAttempt<'a> {
    /// The operation's `operationId`, such as `createApiKey`.
    pub operation: &'static str,
    /// 1 for the first attempt, 2 for the first retry, and so on.
    pub attempt: u32,
    /// The request method.
    pub method: &'a Method,
    /// The request URL, query included.
    pub url: &'a Url,
    /// The headers this attempt will send, `Authorization` included (marked sensitive, so
    /// `Debug` does not show it).
    pub headers: &'a mut HeaderMap,
}

/// What an `after_response` hook sees: an attempt that got a response, whatever its status.
#[non_exhaustive]
pub struct AfterResponse<'a> {
    /// The operation's `operationId`.
    pub operation: &'static str,
    /// 1 for the first attempt, 2 for the first retry, and so on.
    pub attempt: u32,
    /// The request method.
    pub method: &'a Method,
    /// The request URL, query included.
    pub url: &'a Url,
    /// The response status.
    pub status: StatusCode,
    /// The response headers.
    pub headers: &'a HeaderMap,
    /// The whole response body.
    pub body: &'a bytes::Bytes,
    /// The time from sending the request to having read the whole body.
    pub elapsed: Duration,
    /// `Some(delay)` when the call retries after `delay`; `None` when this response is the
    /// call's answer.
    pub retry_in: Option<Duration>,
    /// The names of the fields whose values `Debug` hides in the body.
    pub(crate) sensitive_fields: &'static [&'static str],
}

impl fmt::Debug for AfterResponse<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The body as an excerpt with secrets redacted, like the error types show it.
        f.debug_struct("AfterResponse")
            .field("operation", &self.operation)
            .field("attempt", &self.attempt)
            .field("method", &self.method)
            .field("url", &self.url.as_str())
            .field("status", &self.status)
            .field("headers", &self.headers)
            .field(
                "body",
                &super::response::excerpt(self.body, self.sensitive_fields),
            )
            .field("elapsed", &self.elapsed)
            .field("retry_in", &self.retry_in)
            .finish()
    }
}

/// What an `after_error` hook sees: an attempt that got no response (connection refused,
/// timeout, connection reset, …).
#[derive(Debug)]
#[non_exhaustive]
pub struct AfterError<'a> {
    /// The operation's `operationId`.
    pub operation: &'static str,
    /// 1 for the first attempt, 2 for the first retry, and so on.
    pub attempt: u32,
    /// The request method.
    pub method: &'a Method,
    /// The request URL, query included.
    pub url: &'a Url,
    /// What went wrong: its kind, and whether the request may have reached the server.
    pub error: &'a super::TransportError,
    /// The time from sending the request to the failure.
    pub elapsed: Duration,
    /// `Some(delay)` when the call retries after `delay`; `None` when the call fails with
    /// this error.
    pub retry_in: Option<Duration>,
}

type BeforeHook = dyn Fn(&mut BeforeAttempt<'_>) -> Result<(), BoxError> + Send + Sync;
type ResponseHook = dyn Fn(&AfterResponse<'_>) + Send + Sync;
type ErrorHook = dyn Fn(&AfterError<'_>) + Send + Sync;

/// The hooks registered on a client, each list in registration order.
#[derive(Clone, Default)]
pub(crate) struct Hooks {
    pub before_attempt: Vec<Arc<BeforeHook>>,
    pub after_response: Vec<Arc<ResponseHook>>,
    pub after_error: Vec<Arc<ErrorHook>>,
}

impl fmt::Debug for Hooks {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Hooks")
            .field("before_attempt", &self.before_attempt.len())
            .field("after_response", &self.after_response.len())
            .field("after_error", &self.after_error.len())
            .finish()
    }
}
