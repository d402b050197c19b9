use std::ops::Deref;

use reqwest::header::HeaderMap;
use reqwest::header::CONTENT_TYPE;
use reqwest::StatusCode;
use serde::de::DeserializeOwned;

use super::details::{OperationErrorValue, Printing};
use super::response_error::{ApiError, DecodeError, UnexpectedResponse};

/// A successful response: the decoded body, with the status and headers it came with.
///
/// Derefs to the body, so `response.id` reads a field of the body directly.
#[derive(Debug, Clone)]
pub struct ResponseValue<T> {
    status: StatusCode,
    headers: HeaderMap,
    body: T,
}

impl<T> ResponseValue<T> {
    /// A response with this status, headers and body: what a test of code that takes a
    /// `ResponseValue` needs to make one.
    pub fn new(status: StatusCode, headers: HeaderMap, body: T) -> Self {
        ResponseValue {
            status,
            headers,
            body,
        }
    }

    /// The response status (the API may answer `201` where it documents `200`).
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The response headers, for a request id or rate-limit information.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The decoded body.
    pub fn into_inner(self) -> T {
        self.body
    }

    /// The same response with its body changed by `f`: how `send()` puts a body in the
    /// variant of its status, for an operation whose success bodies differ by status.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> ResponseValue<U> {
        ResponseValue {
            status: self.status,
            headers: self.headers,
            body: f(self.body),
        }
    }
}

impl<T> Deref for ResponseValue<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.body
    }
}

/// A response read in full, before the operation decides what it means.
#[derive(Debug)]
pub struct RawResponse {
    /// The response status.
    pub status: StatusCode,
    /// The response headers.
    pub headers: HeaderMap,
    /// The whole response body.
    pub body: bytes::Bytes,
    /// How errors print it.
    pub printing: Printing,
}

impl RawResponse {
    /// Decodes a success body.
    pub fn success<T: DeserializeOwned, E>(self) -> Result<ResponseValue<T>, super::SdkError<E>> {
        let body = self.decode()?;
        Ok(ResponseValue {
            status: self.status,
            headers: self.headers,
            body,
        })
    }

    /// A success that the API documents both with and without a body: `None` for an empty
    /// body, the decoded body otherwise.
    pub fn optional_success<T: DeserializeOwned, E>(
        self,
    ) -> Result<ResponseValue<Option<T>>, super::SdkError<E>> {
        let body = if self.body.iter().all(u8::is_ascii_whitespace) {
            None
        } else {
            Some(self.decode()?)
        };
        Ok(ResponseValue {
            status: self.status,
            headers: self.headers,
            body,
        })
    }

    /// A success that documents no body: whatever came is ignored.
    pub fn empty_success<E>(self) -> Result<ResponseValue<()>, super::SdkError<E>> {
        Ok(ResponseValue {
            status: self.status,
            headers: self.headers,
            body: (),
        })
    }

    /// A success whose body is not JSON: the raw bytes.
    pub fn bytes_success<E>(self) -> Result<ResponseValue<bytes::Bytes>, super::SdkError<E>> {
        Ok(ResponseValue {
            status: self.status,
            headers: self.headers,
            body: self.body,
        })
    }

    /// Decodes a documented error body into the operation's error variant; a body that does
    /// not match is an unexpected response with this status, saying why it does not.
    pub fn failure<T: DeserializeOwned, E: OperationErrorValue>(
        self,
        variant: fn(T) -> E,
    ) -> super::SdkError<E> {
        match self.read() {
            Ok(body) => self.api_error(variant(body)),
            Err(None) => self.unexpected(),
            Err(Some(error)) => {
                let mismatch = Mismatch::new(&self.body, error);
                self.unexpected_with(Some(Box::new(mismatch)))
            }
        }
    }

    /// A documented error status that documents no body.
    pub fn failure_without_body<E: OperationErrorValue>(self, error: E) -> super::SdkError<E> {
        self.api_error(error)
    }

    fn api_error<E: OperationErrorValue>(self, error: E) -> super::SdkError<E> {
        let RawResponse {
            status,
            headers,
            body,
            printing,
        } = self;
        let error = ApiError::read(status, headers, body, error, printing);
        super::SdkError::Api(Box::new(error))
    }

    /// A status the operation does not document, or a body that is not JSON where JSON is
    /// documented.
    pub fn unexpected<E>(&self) -> super::SdkError<E> {
        self.unexpected_with(None)
    }

    fn unexpected_with<E>(&self, mismatch: Option<super::BoxError>) -> super::SdkError<E> {
        super::SdkError::Unexpected(Box::new(UnexpectedResponse::new(
            self.status,
            self.headers.clone(),
            self.body.clone(),
            mismatch,
            self.printing,
        )))
    }

    /// Decodes a success body: a body that is not JSON is an unexpected response, one that does
    /// not match the schema a decode error.
    fn decode<T: DeserializeOwned, E>(&self) -> Result<T, super::SdkError<E>> {
        self.read().map_err(|error| match error {
            None => self.unexpected(),
            Some(error) => super::SdkError::Decode(Box::new(DecodeError::new(self, error))),
        })
    }

    /// Reads a JSON body: `Err(None)` when the content type is not JSON, `Err(Some(_))` when
    /// the body does not match `T`.
    fn read<T: DeserializeOwned>(&self) -> Result<T, Option<serde_json::Error>> {
        if let Some(value) = self.headers.get(CONTENT_TYPE) {
            if !is_json(&String::from_utf8_lossy(value.as_bytes())) {
                return Err(None);
            }
        }
        let deserializer = &mut serde_json::Deserializer::from_slice(&self.body);
        T::deserialize(deserializer).map_err(Some)
    }
}

/// Why a documented error body does not match its schema: where, and serde_json's error.
#[derive(Debug)]
struct Mismatch {
    path: String,
    error: serde_json::Error,
}

impl Mismatch {
    fn new(body: &[u8], error: serde_json::Error) -> Self {
        let path = super::super::locate::path(body, &error);
        Mismatch { path, error }
    }
}

impl std::fmt::Display for Mismatch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // As serde_path_to_error writes its errors: no path when it says nothing.
        match self.path.as_str() {
            "." | "?" => self.error.fmt(f),
            path => write!(f, "{path}: {}", self.error),
        }
    }
}

impl std::error::Error for Mismatch {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        std::error::Error::source(&self.error)
    }
}

/// Whether a `Content-Type` is JSON: `application/json` or `…+json`, parameters aside and
/// whatever the case.
fn is_json(content_type: &str) -> bool {
    let essence = content_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .as_bytes();
    essence.eq_ignore_ascii_case(b"application/json")
        || essence.len() >= 5 && essence[essence.len() - 5..].eq_ignore_ascii_case(b"+json")
}

/// At most 512 bytes of a body, as text, for messages and `Debug` output, with the values of
/// the fields named in `sensitive_fields` (the generation config's) replaced by `<redacted>`.
pub(crate) fn excerpt(body: &[u8], sensitive_fields: &[&str]) -> String {
    const LIMIT: usize = 512;
    let text = redact(&String::from_utf8_lossy(body), sensitive_fields);
    let cut = (0..=LIMIT.min(text.len()))
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(0);
    if cut < text.len() {
        format!("{}… ({} bytes in all)", &text[..cut], body.len())
    } else if text.is_empty() {
        "(empty body)".to_owned()
    } else {
        text
    }
}

/// `text` with the string or scalar after every `"name":` replaced by `"<redacted>"`, for
/// each of `names`. Works on text rather than parsed JSON, so that a body that is not valid JSON
/// (the usual reason for printing it) is redacted too.
fn redact(text: &str, names: &[&str]) -> String {
    let mut text = text.to_owned();
    for name in names {
        let key = format!("\"{name}\"");
        let mut from = 0;
        while let Some(found) = text[from..].find(&key) {
            let after_key = from + found + key.len();
            let Some(value) = text[after_key..].trim_start().strip_prefix(':') else {
                from = after_key;
                continue;
            };
            let start = text.len() - value.trim_start().len();
            let end = value_end(&text[start..]).map_or(text.len(), |e| start + e);
            text.replace_range(start..end, "\"<redacted>\"");
            from = start + "\"<redacted>\"".len();
        }
    }
    text
}

/// The length of the JSON value at the start of `text`: a whole string, or a scalar up to the
/// next delimiter; `None` when it runs to the end of the text.
fn value_end(text: &str) -> Option<usize> {
    if let Some(string) = text.strip_prefix('"') {
        let mut escaped = false;
        for (i, c) in string.char_indices() {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => return Some(i + 2),
                _ => {}
            }
        }
        return None;
    }
    text.find(|c: char| matches!(c, ',' | '}' | ']') || c.is_whitespace())
}

#[cfg(test)]
mod tests;
