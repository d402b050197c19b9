use std::any::Any;
use std::fmt;

use reqwest::header::HeaderMap;
use reqwest::StatusCode;

use super::details::{ErrorBody, OperationErrorValue, Printing};
use super::hooks::BoxError;
use super::response_error::{ApiError, DecodeError, UnexpectedResponse};
use super::transport::{TransportError, TransportKind};

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
/// the box as usual (`e.status`, `e.error`). Every variant can be built by hand, for a test
/// double of code that calls the API: [`SdkError::api`], [`SdkError::unexpected`],
/// [`SdkError::decode`], [`SdkError::timeout`], [`SdkError::transport`], and the variants
/// that hold a message or an error as they are.
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
    Timeout(TransportError),
    /// The request could not be sent or the response not received (connection refused,
    /// TLS failure, connection reset, …).
    Transport(TransportError),
    /// The client or the call is configured wrongly (no credentials, invalid URL or header, a body
    /// that cannot be serialized, a retry policy that contradicts itself); no request was sent.
    Config(String),
    /// The call has no credentials its operation accepts, or a token provider failed or gave a
    /// blank token; no request was sent.
    Auth(BoxError),
    /// A `before_attempt` hook stopped the call with this error; the attempt it stopped was
    /// not sent.
    Aborted(BoxError),
}

impl<E> SdkError<E> {
    /// A failure without a response: [`SdkError::Timeout`] for a timeout,
    /// [`SdkError::Transport`] for the others.
    pub fn transport(error: TransportError) -> Self {
        match error.kind() {
            TransportKind::Timeout => SdkError::Timeout(error),
            _ => SdkError::Transport(error),
        }
    }

    /// An attempt that timed out after its request was written: [`SdkError::Timeout`].
    pub fn timeout() -> Self {
        SdkError::Timeout(TransportError::new(TransportKind::Timeout))
    }

    /// The HTTP status of the response, when there was one.
    pub fn status(&self) -> Option<StatusCode> {
        self.response().map(|(status, ..)| status)
    }

    /// The headers of the response, when there was one.
    pub fn headers(&self) -> Option<&HeaderMap> {
        self.response().map(|(_, headers, ..)| headers)
    }

    /// The raw body of the response, when there was one.
    pub fn body(&self) -> Option<&bytes::Bytes> {
        self.response().map(|(_, _, body, _)| body)
    }

    /// Whether the attempt timed out, by this client's timeout or the deadline of the call.
    pub fn is_timeout(&self) -> bool {
        matches!(self, SdkError::Timeout(_))
    }

    /// Whether the same call may succeed if made again later: a timeout, a failed or reset
    /// connection, or a status that says so (408, 429, 500, 502, 503, 504). Not a TLS
    /// failure, a request that could not be built, or anything refused before sending.
    ///
    /// The retry policy decides what a call retries by itself; a call that failed that way
    /// has already used its attempts, and a `POST` that timed out is not re-sent by default
    /// because the server may have processed it (see [`maybe_processed`](Self::maybe_processed)).
    pub fn is_retryable(&self) -> bool {
        match self {
            SdkError::Timeout(e) | SdkError::Transport(e) => e.is_retryable(),
            _ => self
                .status()
                .is_some_and(|status| matches!(status.as_u16(), 408 | 429 | 500 | 502 | 503 | 504)),
        }
    }

    /// Whether the server may have carried out the request, so that sending a `POST` again
    /// could do it twice: a timeout or a lost connection after the request was written, a
    /// success whose body did not decode, or a `5XX` answer other than a `503` with
    /// `Retry-After`. `false` when nothing was sent, when the connection failed before the
    /// request was written, and for a `4XX` answer, by which the server says it did not carry
    /// the request out.
    pub fn maybe_processed(&self) -> bool {
        match self {
            SdkError::Timeout(e) | SdkError::Transport(e) => e.maybe_processed(),
            SdkError::Config(_) | SdkError::Auth(_) | SdkError::Aborted(_) => false,
            _ => self.response().is_some_and(|(status, headers, ..)| {
                let refused = status == StatusCode::SERVICE_UNAVAILABLE
                    && headers.contains_key(reqwest::header::RETRY_AFTER);
                !(status.is_client_error() || refused)
            }),
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

    /// The API's own message about the error, from the documented body where the crate's
    /// generation config locates it (for Clerk, the first error's `long_message`); `None`
    /// for an answer without such a body, an undocumented one among them.
    pub fn message(&self) -> Option<&str> {
        match self {
            SdkError::Api(e) => e.message(),
            _ => None,
        }
    }

    /// The API's code for the error, from the documented body where the crate's generation
    /// config locates it (for Clerk, the first error's `code`); `None` without one.
    pub fn code(&self) -> Option<&str> {
        match self {
            SdkError::Api(e) => e.code(),
            _ => None,
        }
    }

    /// The id the API gave the request, to quote when asking its operators about it: the
    /// first the crate's sources give, in the documented body or a response header; `None`
    /// without a response or without any of them.
    pub fn request_id(&self) -> Option<&str> {
        match self {
            SdkError::Api(e) => e.request_id(),
            SdkError::Unexpected(e) => e.request_id(),
            SdkError::Decode(e) => e.request_id(),
            _ => None,
        }
    }

    /// The status, headers, raw body and printing of the response, when there was one.
    fn response(&self) -> Option<(StatusCode, &HeaderMap, &bytes::Bytes, Printing)> {
        match self {
            SdkError::Api(e) => Some((e.status, &e.headers, &e.body, e.printing)),
            SdkError::Unexpected(e) => Some((e.status, &e.headers, &e.body, e.printing)),
            SdkError::Decode(e) => Some((e.status, &e.headers, &e.body, e.printing)),
            SdkError::Timeout(_)
            | SdkError::Transport(_)
            | SdkError::Config(_)
            | SdkError::Auth(_)
            | SdkError::Aborted(_) => None,
        }
    }
}

impl<E: OperationErrorValue> SdkError<E> {
    /// A documented error status with its documented value: [`SdkError::Api`], without
    /// headers or raw body (see [`ApiError::new`] for those).
    pub fn api(status: StatusCode, error: E) -> Self {
        SdkError::Api(Box::new(ApiError::new(status, error)))
    }

    /// An answer the operation does not document: [`SdkError::Unexpected`] with this status,
    /// headers and raw body (its content type is the headers' `Content-Type`).
    pub fn unexpected(
        status: StatusCode,
        headers: HeaderMap,
        body: impl Into<bytes::Bytes>,
    ) -> Self {
        let response = UnexpectedResponse::new(status, headers, body.into(), None, E::PRINTING);
        SdkError::Unexpected(Box::new(response))
    }

    /// A success whose body does not match its schema: [`SdkError::Decode`], with the path
    /// where it does not (`data[0].id`, `.` for the root) and serde's error as the source.
    pub fn decode(
        status: StatusCode,
        body: impl Into<bytes::Bytes>,
        path: impl Into<String>,
        source: serde_json::Error,
    ) -> Self {
        let error = DecodeError::from_parts(status, body.into(), path.into(), source, E::PRINTING);
        SdkError::Decode(Box::new(error))
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

impl<E: OperationErrorValue> From<SdkError<E>> for Error {
    fn from(error: SdkError<E>) -> Self {
        match error.other() {
            Ok(other) => other,
            Err(api) => {
                let (error, response) = api.split();
                SdkError::Api(Box::new(response.with(OperationError::new(error))))
            }
        }
    }
}

/// The documented error value of some operation, inside the crate's [`Error`]; its `Debug` and
/// `Display` are the value's.
pub struct OperationError(Box<dyn ErrorValue>);

impl OperationError {
    /// The documented error value of an operation, as the crate's [`Error`] holds it.
    pub fn new<E: OperationErrorValue>(error: E) -> Self {
        OperationError(Box::new(error))
    }

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

    pub(crate) fn value(&self) -> &dyn ErrorValue {
        &*self.0
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
pub(crate) trait ErrorValue: fmt::Debug + fmt::Display + Send + Sync {
    fn as_any(&self) -> &dyn Any;
    fn into_any(self: Box<Self>) -> Box<dyn Any>;
    fn error_body(&self) -> Option<&dyn ErrorBody>;
}

impl<T: OperationErrorValue> ErrorValue for T {
    fn as_any(&self) -> &dyn Any {
        self
    }

    fn into_any(self: Box<Self>) -> Box<dyn Any> {
        self
    }

    fn error_body(&self) -> Option<&dyn ErrorBody> {
        OperationErrorValue::error_body(self)
    }
}

impl<E> fmt::Display for SdkError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SdkError::Api(e) => e.fmt(f),
            SdkError::Unexpected(e) => e.fmt(f),
            SdkError::Decode(e) => e.fmt(f),
            // The transport error says what happened; its source, the HTTP client's error, why.
            SdkError::Timeout(e) | SdkError::Transport(e) => e.fmt(f),
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
            SdkError::Timeout(e) | SdkError::Transport(e) => e.source(),
            SdkError::Auth(e) | SdkError::Aborted(e) => Some(&**e),
        }
    }
}
