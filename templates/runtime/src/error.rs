use std::fmt;

use reqwest::header::HeaderMap;
use reqwest::StatusCode;

use super::hooks::BoxError;
use super::response::excerpt;

/// Why a call failed. `E` is the operation's own error type: one variant per documented
/// error status, each carrying its decoded body.
///
/// The response-carrying variants are boxed to keep `Result`s small; fields read through
/// the box as usual (`e.status`, `e.error`).
#[derive(Debug)]
#[non_exhaustive]
pub enum Error<E> {
    /// The server answered with an error status that the API documents for this operation.
    Api(Box<ApiError<E>>),
    /// The server answered with a status or content type that the API does not document.
    Sdk(Box<SDKError>),
    /// The response body does not match the documented schema.
    Decode(Box<DecodeError>),
    /// An attempt took longer than the configured timeout.
    Timeout(reqwest::Error),
    /// The request could not be sent or the response not received (connection refused,
    /// TLS failure, connection reset, …).
    Transport(reqwest::Error),
    /// The client or the call is configured wrongly (no token, invalid URL or header); no
    /// request was sent.
    Config(String),
    /// The token provider failed or gave a blank token; no request was sent.
    Auth(BoxError),
    /// A `before_attempt` hook stopped the call with this error; the attempt it stopped was
    /// not sent.
    Aborted(BoxError),
}

impl<E> Error<E> {
    /// The HTTP status of the response, when there was one.
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            Error::Api(e) => Some(e.status),
            Error::Sdk(e) => Some(e.status),
            Error::Decode(e) => Some(e.status),
            Error::Timeout(_)
            | Error::Transport(_)
            | Error::Config(_)
            | Error::Auth(_)
            | Error::Aborted(_) => None,
        }
    }

    pub(crate) fn from_transport(error: reqwest::Error) -> Self {
        if error.is_timeout() {
            Error::Timeout(error)
        } else {
            Error::Transport(error)
        }
    }
}

impl<E: fmt::Debug> fmt::Display for Error<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Api(e) => e.fmt(f),
            Error::Sdk(e) => e.fmt(f),
            Error::Decode(e) => e.fmt(f),
            Error::Timeout(e) => write!(f, "timed out: {e}"),
            Error::Transport(e) => write!(f, "transport error: {e}"),
            Error::Config(message) => write!(f, "invalid configuration: {message}"),
            Error::Auth(e) => write!(f, "no bearer token: {e}"),
            Error::Aborted(e) => write!(f, "aborted by a hook: {e}"),
        }
    }
}

impl<E: fmt::Debug> std::error::Error for Error<E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Timeout(e) | Error::Transport(e) => Some(e),
            Error::Decode(e) => Some(&e.source),
            Error::Auth(e) | Error::Aborted(e) => Some(&**e),
            _ => None,
        }
    }
}

// `Debug` of the response-carrying types shows the body as an excerpt with secrets
// redacted; the `body` field itself keeps the bytes as they came.

/// A documented error response: its status, headers, raw body and decoded body.
#[derive(Clone)]
pub struct ApiError<E> {
    /// The response status.
    pub status: StatusCode,
    /// The response headers.
    pub headers: HeaderMap,
    /// The raw response body.
    pub body: bytes::Bytes,
    /// The decoded body, as the variant of the operation's error type for this status.
    pub error: E,
    /// The names of the fields whose values `Debug` and `Display` hide in the body.
    pub(crate) sensitive_fields: &'static [&'static str],
}

impl<E: fmt::Debug> fmt::Debug for ApiError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ApiError")
            .field("status", &self.status)
            .field("headers", &self.headers)
            .field("body", &excerpt(&self.body, self.sensitive_fields))
            .field("error", &self.error)
            .finish()
    }
}

impl<E> fmt::Display for ApiError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "the API answered {}: {}",
            self.status,
            excerpt(&self.body, self.sensitive_fields)
        )
    }
}

/// A response that the API does not document: an unexpected status, or a content type other
/// than the documented one.
#[derive(Clone)]
pub struct SDKError {
    /// The response status.
    pub status: StatusCode,
    /// The response headers.
    pub headers: HeaderMap,
    /// The `Content-Type` of the response, if any.
    pub content_type: Option<String>,
    /// The raw response body.
    pub body: bytes::Bytes,
    /// The names of the fields whose values `Debug` and `Display` hide in the body.
    pub(crate) sensitive_fields: &'static [&'static str],
}

impl fmt::Debug for SDKError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SDKError")
            .field("status", &self.status)
            .field("headers", &self.headers)
            .field("content_type", &self.content_type)
            .field("body", &excerpt(&self.body, self.sensitive_fields))
            .finish()
    }
}

impl fmt::Display for SDKError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let content_type = self.content_type.as_deref().unwrap_or("no content type");
        write!(
            f,
            "unexpected response {} ({content_type}): {}",
            self.status,
            excerpt(&self.body, self.sensitive_fields)
        )
    }
}

impl std::error::Error for SDKError {}

/// A response body that does not match its documented schema.
pub struct DecodeError {
    /// The response status.
    pub status: StatusCode,
    /// The response headers.
    pub headers: HeaderMap,
    /// Where in the body decoding failed, as a path such as `data[0].id` (`.` for the root).
    pub path: String,
    /// The raw response body.
    pub body: bytes::Bytes,
    source: serde_json::Error,
    sensitive_fields: &'static [&'static str],
}

impl DecodeError {
    #[cfg(feature = "decode")]
    pub(crate) fn new(
        response: &super::RawResponse,
        error: serde_path_to_error::Error<serde_json::Error>,
    ) -> Self {
        DecodeError {
            status: response.status,
            headers: response.headers.clone(),
            path: error.path().to_string(),
            body: response.body.clone(),
            source: error.into_inner(),
            sensitive_fields: response.sensitive_fields,
        }
    }
}

impl fmt::Debug for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DecodeError")
            .field("status", &self.status)
            .field("headers", &self.headers)
            .field("path", &self.path)
            .field("body", &excerpt(&self.body, self.sensitive_fields))
            .field("source", &self.source)
            .finish()
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "could not decode the {} response at `{}`: {}; body: {}",
            self.status,
            self.path,
            self.source,
            excerpt(&self.body, self.sensitive_fields)
        )
    }
}

impl std::error::Error for DecodeError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.source)
    }
}
