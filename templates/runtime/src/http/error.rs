use std::any::Any;
use std::fmt;

use reqwest::header::HeaderMap;
use reqwest::StatusCode;

use super::hooks::BoxError;
use super::response::excerpt;

/// Any operation's error: what `?` turns every [`SdkError`] into, so that one function can
/// call several operations.
///
/// It is an [`SdkError`] whose documented error value is an [`OperationError`]: the same
/// variants and accessors, with the per-status value of whichever operation failed. Get the
/// typed value back with [`operation_error`](SdkError::operation_error) or the whole typed error
/// with [`downcast`](SdkError::downcast).
pub type Error = SdkError<OperationError>;

/// Why a call of one operation failed. `E` is the operation's own error type, with one variant
/// per documented error status, so that a `match` over it is exhaustive for that operation.
///
/// `?` converts it into the crate's [`Error`] when a function calls several operations.
///
/// The response-carrying variants are boxed to keep `Result`s small; fields read through
/// the box as usual (`e.status`, `e.error`).
#[derive(Debug)]
#[non_exhaustive]
pub enum SdkError<E> {
    /// The server answered with an error status that the API documents for this operation,
    /// with the documented body.
    Api(Box<ApiError<E>>),
    /// The server answered with a status the API does not document for this operation, a
    /// content type other than the documented one, or a documented error status whose body
    /// does not match its schema.
    Unexpected(Box<UnexpectedResponse>),
    /// A success response whose body does not match the documented schema.
    Decode(Box<DecodeError>),
    /// An attempt took longer than its timeout (the last attempt, when the call retried).
    Timeout(reqwest::Error),
    /// The request could not be sent or the response not received (connection refused,
    /// TLS failure, connection reset, …).
    Transport(reqwest::Error),
    /// The client or the call is configured wrongly (no credentials, invalid URL or header, a body
    /// that cannot be serialized); no request was sent.
    Config(String),
    /// The call has no credentials its operation accepts, or a token provider failed or gave a
    /// blank token; no request was sent.
    Auth(BoxError),
    /// A `before_attempt` hook stopped the call with this error; the attempt it stopped was
    /// not sent.
    Aborted(BoxError),
}

impl<E> SdkError<E> {
    /// The HTTP status of the response, when there was one.
    pub fn status(&self) -> Option<StatusCode> {
        self.response().map(|r| r.status)
    }

    /// The headers of the response, when there was one.
    pub fn headers(&self) -> Option<&HeaderMap> {
        self.response().map(|r| r.headers)
    }

    /// The raw body of the response, when there was one.
    pub fn body(&self) -> Option<&bytes::Bytes> {
        self.response().map(|r| r.body)
    }

    /// The id the API gave the request in a response header, to quote when asking its
    /// operators about it; `None` without a response or without that header.
    pub fn request_id(&self) -> Option<&str> {
        self.response().and_then(|r| r.request_id())
    }

    /// Whether the attempt timed out, by this client's timeout or the deadline of the call.
    pub fn is_timeout(&self) -> bool {
        matches!(self, SdkError::Timeout(_))
    }

    /// Whether the same call may succeed if made again later: a timeout, a connection
    /// failure, or a status that says so (408, 429, 500, 502, 503, 504).
    ///
    /// The retry policy decides what a call retries by itself; a call that failed that way
    /// has already used its attempts, and a `POST` that timed out is not re-sent by default
    /// because the server may have processed it.
    pub fn is_retryable(&self) -> bool {
        match self {
            SdkError::Timeout(_) | SdkError::Transport(_) => true,
            _ => self
                .status()
                .is_some_and(|status| matches!(status.as_u16(), 408 | 429 | 500 | 502 | 503 | 504)),
        }
    }

    /// The operation's documented error value, when the server answered with a documented
    /// error status and body.
    pub fn api_error(&self) -> Option<&E> {
        match self {
            SdkError::Api(e) => Some(&e.error),
            _ => None,
        }
    }

    /// This error as an error of another operation type when it is not an [`SdkError::Api`];
    /// the documented error response otherwise.
    fn other<F>(self) -> Result<SdkError<F>, Box<ApiError<E>>> {
        Ok(match self {
            SdkError::Api(e) => return Err(e),
            SdkError::Unexpected(e) => SdkError::Unexpected(e),
            SdkError::Decode(e) => SdkError::Decode(e),
            SdkError::Timeout(e) => SdkError::Timeout(e),
            SdkError::Transport(e) => SdkError::Transport(e),
            SdkError::Config(e) => SdkError::Config(e),
            SdkError::Auth(e) => SdkError::Auth(e),
            SdkError::Aborted(e) => SdkError::Aborted(e),
        })
    }

    fn response(&self) -> Option<Response<'_>> {
        let (status, headers, body, printing) = match self {
            SdkError::Api(e) => (e.status, &e.headers, &e.body, e.printing),
            SdkError::Unexpected(e) => (e.status, &e.headers, &e.body, e.printing),
            SdkError::Decode(e) => (e.status, &e.headers, &e.body, e.printing),
            SdkError::Timeout(_)
            | SdkError::Transport(_)
            | SdkError::Config(_)
            | SdkError::Auth(_)
            | SdkError::Aborted(_) => return None,
        };
        Some(Response {
            status,
            headers,
            body,
            printing,
        })
    }

    pub(crate) fn from_transport(error: reqwest::Error) -> Self {
        if error.is_timeout() {
            SdkError::Timeout(error)
        } else {
            SdkError::Transport(error)
        }
    }
}

impl SdkError<OperationError> {
    /// The documented error value of the operation whose error type is `E`, when this error is
    /// one: `error.operation_error::<GetApiKeyError>()`.
    pub fn operation_error<E: 'static>(&self) -> Option<&E> {
        self.api_error().and_then(OperationError::downcast_ref)
    }

    /// The typed error of the operation whose error type is `E`; fails, giving the error back,
    /// only for a documented error response of another operation.
    pub fn downcast<E: 'static>(self) -> Result<SdkError<E>, Self> {
        let (error, response) = match self.other() {
            Ok(other) => return Ok(other),
            Err(api) => api.split(),
        };
        match error.downcast::<E>() {
            Ok(error) => Ok(SdkError::Api(Box::new(response.with(error)))),
            Err(error) => Err(SdkError::Api(Box::new(response.with(error)))),
        }
    }
}

/// The per-status error type of an operation, which `?` can turn into the crate's [`Error`].
/// Implemented by the generated error enums only.
pub trait OperationErrorValue: std::error::Error + Send + Sync + 'static {}

impl<E: OperationErrorValue> From<SdkError<E>> for Error {
    fn from(error: SdkError<E>) -> Self {
        match error.other() {
            Ok(other) => other,
            Err(api) => {
                let (error, response) = api.split();
                SdkError::Api(Box::new(response.with(OperationError(Box::new(error)))))
            }
        }
    }
}

/// The documented error value of some operation, inside the crate's [`Error`]; its `Debug` and
/// `Display` are the value's.
pub struct OperationError(Box<dyn ErrorValue>);

impl OperationError {
    /// The value, if it is of the operation whose error type is `E`.
    pub fn downcast_ref<E: 'static>(&self) -> Option<&E> {
        self.0.as_any().downcast_ref()
    }

    /// The value, if it is of the operation whose error type is `E`; otherwise `self`.
    pub fn downcast<E: 'static>(self) -> Result<E, Self> {
        if self.0.as_any().is::<E>() {
            Ok(*self.0.into_any().downcast().expect("checked by `is`"))
        } else {
            Err(self)
        }
    }
}

impl fmt::Debug for OperationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.0, f)
    }
}

impl fmt::Display for OperationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

impl std::error::Error for OperationError {}

/// What `OperationError` needs of the value it holds (trait upcasting to `Any` is newer than
/// the crate's `rust-version`).
trait ErrorValue: fmt::Debug + fmt::Display + Send + Sync {
    fn as_any(&self) -> &dyn Any;
    fn into_any(self: Box<Self>) -> Box<dyn Any>;
}

impl<T: OperationErrorValue> ErrorValue for T {
    fn as_any(&self) -> &dyn Any {
        self
    }

    fn into_any(self: Box<Self>) -> Box<dyn Any> {
        self
    }
}

impl<E> fmt::Display for SdkError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SdkError::Api(e) => e.fmt(f),
            SdkError::Unexpected(e) => e.fmt(f),
            SdkError::Decode(e) => e.fmt(f),
            SdkError::Timeout(_) => f.write_str("the request timed out"),
            SdkError::Transport(_) => {
                f.write_str("the request could not be sent or its response not received")
            }
            SdkError::Config(message) => write!(f, "invalid configuration: {message}"),
            SdkError::Auth(_) => f.write_str("no credentials for the call"),
            SdkError::Aborted(_) => f.write_str("a `before_attempt` hook stopped the call"),
        }
    }
}

impl<E: fmt::Debug> std::error::Error for SdkError<E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            // The boxed errors say their own part: their source is this error's.
            SdkError::Api(_) | SdkError::Config(_) => None,
            SdkError::Unexpected(e) => e.source(),
            SdkError::Decode(e) => e.source(),
            SdkError::Timeout(e) | SdkError::Transport(e) => Some(e),
            SdkError::Auth(e) | SdkError::Aborted(e) => Some(&**e),
        }
    }
}

/// How errors print a response: which body fields to hide, which header holds the request id.
#[derive(Debug, Clone, Copy)]
pub struct Printing {
    /// Wire names of the fields whose values `Debug` and `Display` hide in a body.
    pub sensitive_fields: &'static [&'static str],
    /// The response header that carries the API's id of the request, if the API has one.
    pub request_id_header: Option<&'static str>,
}

/// The response part of an error, for the accessors.
struct Response<'a> {
    status: StatusCode,
    headers: &'a HeaderMap,
    body: &'a bytes::Bytes,
    printing: Printing,
}

impl<'a> Response<'a> {
    fn request_id(&self) -> Option<&'a str> {
        request_id(self.headers, self.printing)
    }
}

fn request_id(headers: &HeaderMap, printing: Printing) -> Option<&str> {
    headers.get(printing.request_id_header?)?.to_str().ok()
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
    pub(crate) printing: Printing,
}

impl<E> ApiError<E> {
    fn split(self) -> (E, ApiError<()>) {
        let ApiError {
            status,
            headers,
            body,
            error,
            printing,
        } = self;
        let response = ApiError {
            status,
            headers,
            body,
            error: (),
            printing,
        };
        (error, response)
    }

    /// The id the API gave the request in a response header, if it sent one.
    pub fn request_id(&self) -> Option<&str> {
        request_id(&self.headers, self.printing)
    }
}

impl ApiError<()> {
    fn with<E>(self, error: E) -> ApiError<E> {
        ApiError {
            status: self.status,
            headers: self.headers,
            body: self.body,
            error,
            printing: self.printing,
        }
    }
}

impl<E: fmt::Debug> fmt::Debug for ApiError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ApiError")
            .field("status", &self.status)
            .field("headers", &self.headers)
            .field("body", &excerpt(&self.body, self.printing.sensitive_fields))
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
            excerpt(&self.body, self.printing.sensitive_fields)
        )
    }
}

impl<E: fmt::Debug> std::error::Error for ApiError<E> {}

/// A response that the API does not document: an unexpected status, a content type other
/// than the documented one, or a documented error status whose body does not match its
/// schema (then [`source`](std::error::Error::source) says where it does not).
pub struct UnexpectedResponse {
    /// The response status.
    pub status: StatusCode,
    /// The response headers.
    pub headers: HeaderMap,
    /// The `Content-Type` of the response, if any.
    pub content_type: Option<String>,
    /// The raw response body.
    pub body: bytes::Bytes,
    /// Why the body of a documented error status could not be read as documented.
    pub(crate) mismatch: Option<BoxError>,
    pub(crate) printing: Printing,
}

impl UnexpectedResponse {
    /// The id the API gave the request in a response header, if it sent one.
    pub fn request_id(&self) -> Option<&str> {
        request_id(&self.headers, self.printing)
    }
}

impl fmt::Debug for UnexpectedResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("UnexpectedResponse")
            .field("status", &self.status)
            .field("headers", &self.headers)
            .field("content_type", &self.content_type)
            .field("body", &excerpt(&self.body, self.printing.sensitive_fields))
            .field("mismatch", &self.mismatch)
            .finish()
    }
}

impl fmt::Display for UnexpectedResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let content_type = self.content_type.as_deref().unwrap_or("no content type");
        let what = match self.mismatch {
            Some(_) => "the API answered an undocumented body with",
            None => "unexpected response",
        };
        write!(
            f,
            "{what} {} ({content_type}): {}",
            self.status,
            excerpt(&self.body, self.printing.sensitive_fields)
        )
    }
}

impl std::error::Error for UnexpectedResponse {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.mismatch
            .as_deref()
            .map(|e| e as &(dyn std::error::Error + 'static))
    }
}

/// A success response whose body does not match its documented schema.
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
    printing: Printing,
}

impl DecodeError {
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
            printing: response.printing,
        }
    }

    /// The id the API gave the request in a response header, if it sent one.
    pub fn request_id(&self) -> Option<&str> {
        request_id(&self.headers, self.printing)
    }
}

impl fmt::Debug for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DecodeError")
            .field("status", &self.status)
            .field("headers", &self.headers)
            .field("path", &self.path)
            .field("body", &excerpt(&self.body, self.printing.sensitive_fields))
            .field("source", &self.source)
            .finish()
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "the {} response does not match its documented schema at `{}`: {}",
            self.status,
            self.path,
            excerpt(&self.body, self.printing.sensitive_fields)
        )
    }
}

impl std::error::Error for DecodeError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.source)
    }
}
