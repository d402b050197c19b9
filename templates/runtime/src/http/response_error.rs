//! The errors of a call that got a response: a documented error status, an answer the
//! operation does not document, and a success whose body does not decode.

use std::fmt;

use reqwest::header::{HeaderMap, CONTENT_TYPE};
use reqwest::StatusCode;

use super::details::{OperationErrorValue, Printing, Said};
use super::hooks::BoxError;
use super::response::excerpt;

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
    /// What the decoded body says, read when the error was made.
    pub(crate) said: Said,
}

impl<E: OperationErrorValue> ApiError<E> {
    /// A documented error status with its decoded value, without headers or raw body; add
    /// them with [`with_headers`](Self::with_headers) and [`with_body`](Self::with_body).
    pub fn new(status: StatusCode, error: E) -> Self {
        ApiError::read(
            status,
            HeaderMap::new(),
            bytes::Bytes::new(),
            error,
            E::PRINTING,
        )
    }

    /// A documented error response, with what its value says.
    pub(crate) fn read(
        status: StatusCode,
        headers: HeaderMap,
        body: bytes::Bytes,
        error: E,
        printing: Printing,
    ) -> Self {
        let said = Said::of(error.error_body(), printing);
        ApiError {
            status,
            headers,
            body,
            error,
            printing,
            said,
        }
    }
}

impl<E> ApiError<E> {
    /// The same error with these response headers (a request id header, `Retry-After`).
    pub fn with_headers(mut self, headers: HeaderMap) -> Self {
        self.headers = headers;
        self
    }

    /// The same error with this raw body, the bytes the decoded value was read from.
    pub fn with_body(mut self, body: impl Into<bytes::Bytes>) -> Self {
        self.body = body.into();
        self
    }

    pub(crate) fn split(self) -> (E, ApiError<()>) {
        let ApiError {
            status,
            headers,
            body,
            error,
            printing,
            said,
        } = self;
        let response = ApiError {
            status,
            headers,
            body,
            error: (),
            printing,
            said,
        };
        (error, response)
    }

    /// The API's own message about the error, where the crate's generation config locates it
    /// in the body; `None` when the body has none. It is read when the error is made (from
    /// the response, or by [`new`](ApiError::new)), not again if `error` is changed later.
    pub fn message(&self) -> Option<&str> {
        self.said.message()
    }

    /// The API's code for the error, where the crate's generation config locates it in the
    /// body; `None` when the body has none.
    pub fn code(&self) -> Option<&str> {
        self.said.code()
    }

    /// The id the API gave the request, in the body or a response header, if it gave one.
    pub fn request_id(&self) -> Option<&str> {
        self.printing.request_id(Some(&self.said), &self.headers)
    }
}

impl ApiError<()> {
    pub(crate) fn with<E>(self, error: E) -> ApiError<E> {
        ApiError {
            status: self.status,
            headers: self.headers,
            body: self.body,
            error,
            printing: self.printing,
            said: self.said,
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

/// The status once, then the API's own words when the body has them (its message and its
/// code), else an excerpt of the body.
impl<E> fmt::Display for ApiError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "the API answered {}: ", self.status)?;
        match (self.message(), self.code()) {
            (Some(message), Some(code)) => write!(f, "{message} ({code})"),
            (Some(message), None) => f.write_str(message),
            (None, Some(code)) => f.write_str(code),
            (None, None) => f.write_str(&excerpt(&self.body, self.printing.sensitive_fields)),
        }
    }
}

impl<E: fmt::Debug> std::error::Error for ApiError<E> {}

/// A response that the API does not document: an unexpected status, a content type other
/// than the documented one, or a documented error status whose body does not match its
/// schema (then [`source`](std::error::Error::source) says where it does not). Build one
/// with [`SdkError::unexpected`](super::SdkError::unexpected).
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
    pub(crate) fn new(
        status: StatusCode,
        headers: HeaderMap,
        body: bytes::Bytes,
        mismatch: Option<BoxError>,
        printing: Printing,
    ) -> Self {
        let content_type =
            (headers.get(CONTENT_TYPE)).map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned());
        UnexpectedResponse {
            status,
            headers,
            content_type,
            body,
            mismatch,
            printing,
        }
    }

    /// The id the API gave the request in a response header, if it sent one.
    pub fn request_id(&self) -> Option<&str> {
        self.printing.request_id(None, &self.headers)
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

/// A success response whose body does not match its documented schema. Build one with
/// [`SdkError::decode`](super::SdkError::decode).
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
    pub(crate) printing: Printing,
}

impl DecodeError {
    pub(crate) fn new(response: &super::RawResponse, error: serde_json::Error) -> Self {
        let mut decode = DecodeError::from_parts(
            response.status,
            response.body.clone(),
            super::super::locate::path(&response.body, &error),
            error,
            response.printing,
        );
        decode.headers = response.headers.clone();
        decode
    }

    pub(crate) fn from_parts(
        status: StatusCode,
        body: bytes::Bytes,
        path: String,
        source: serde_json::Error,
        printing: Printing,
    ) -> Self {
        DecodeError {
            status,
            headers: HeaderMap::new(),
            path,
            body,
            source,
            printing,
        }
    }

    /// The id the API gave the request in a response header, if it sent one.
    pub fn request_id(&self) -> Option<&str> {
        self.printing.request_id(None, &self.headers)
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
