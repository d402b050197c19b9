use std::ops::Deref;

use reqwest::header::{HeaderMap, CONTENT_TYPE};
use reqwest::StatusCode;
use serde::de::DeserializeOwned;

use super::error::{ApiError, DecodeError, Error, SDKError};

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
}

impl<T> Deref for ResponseValue<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.body
    }
}

/// A response read in full, before the operation decides what it means.
#[derive(Debug)]
pub(crate) struct RawResponse {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: bytes::Bytes,
}

#[allow(dead_code)] // Which of these an API uses depends on its description.
impl RawResponse {
    /// Decodes a success body.
    pub(crate) fn success<T: DeserializeOwned, E>(self) -> Result<ResponseValue<T>, Error<E>> {
        let body = self.decode()?;
        Ok(ResponseValue { status: self.status, headers: self.headers, body })
    }

    /// A success that the API documents both with and without a body: `None` for an empty
    /// body, the decoded body otherwise.
    pub(crate) fn optional_success<T: DeserializeOwned, E>(self) -> Result<ResponseValue<Option<T>>, Error<E>> {
        let body = if self.body.iter().all(u8::is_ascii_whitespace) { None } else { Some(self.decode()?) };
        Ok(ResponseValue { status: self.status, headers: self.headers, body })
    }

    /// A success that documents no body: whatever came is ignored.
    pub(crate) fn empty_success<E>(self) -> Result<ResponseValue<()>, Error<E>> {
        Ok(ResponseValue { status: self.status, headers: self.headers, body: () })
    }

    /// A success whose body is not JSON: the raw bytes.
    pub(crate) fn bytes_success<E>(self) -> Result<ResponseValue<bytes::Bytes>, Error<E>> {
        Ok(ResponseValue { status: self.status, headers: self.headers, body: self.body })
    }

    /// Decodes a documented error body into the operation's error variant.
    pub(crate) fn failure<T: DeserializeOwned, E>(self, variant: fn(T) -> E) -> Error<E> {
        match self.decode() {
            Ok(body) => Error::Api(Box::new(ApiError { status: self.status, headers: self.headers, body: self.body, error: variant(body) })),
            Err(error) => error,
        }
    }

    /// A documented error status that documents no body.
    pub(crate) fn failure_without_body<E>(self, error: E) -> Error<E> {
        Error::Api(Box::new(ApiError { status: self.status, headers: self.headers, body: self.body, error }))
    }

    /// A status the operation does not document.
    pub(crate) fn unexpected<E>(self) -> Error<E> {
        Error::Sdk(Box::new(SDKError { content_type: self.content_type(), status: self.status, headers: self.headers, body: self.body }))
    }

    fn content_type(&self) -> Option<String> {
        self.headers.get(CONTENT_TYPE).map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned())
    }

    fn decode<T: DeserializeOwned, E>(&self) -> Result<T, Error<E>> {
        if let Some(content_type) = self.content_type() {
            let essence = content_type.split(';').next().unwrap_or_default().trim().to_ascii_lowercase();
            if essence != "application/json" && !essence.ends_with("+json") {
                return Err(Error::Sdk(Box::new(SDKError {
                    status: self.status,
                    headers: self.headers.clone(),
                    content_type: Some(content_type),
                    body: self.body.clone(),
                })));
            }
        }
        let deserializer = &mut serde_json::Deserializer::from_slice(&self.body);
        serde_path_to_error::deserialize(deserializer)
            .map_err(|e| Error::Decode(Box::new(DecodeError::new(self.status, self.headers.clone(), self.body.clone(), e))))
    }
}

/// At most 512 bytes of a body, as text, for messages and `Debug` output, with the values of
/// secret fields (the generation config's `sensitive_fields`) replaced by `<redacted>`.
pub(crate) fn excerpt(body: &[u8]) -> String {
    const LIMIT: usize = 512;
    let text = redact(&String::from_utf8_lossy(body), crate::SENSITIVE_FIELDS);
    let cut = (0..=LIMIT.min(text.len())).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0);
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
mod tests {
    use super::redact;

    #[test]
    fn redacts_string_and_scalar_values_of_the_named_keys_only() {
        let names = &["secret", "pin"];
        let cases = [
            (r#"{"id":"ak_1","secret":"ak_s3cr3t"}"#, r#"{"id":"ak_1","secret":"<redacted>"}"#),
            (r#"{ "secret" : "a\"b" , "pin": 1234}"#, r#"{ "secret" : "<redacted>" , "pin": "<redacted>"}"#),
            (r#"[{"secret":"a"},{"secret":"b"}]"#, r#"[{"secret":"<redacted>"},{"secret":"<redacted>"}]"#),
            // A value naming the key is not a key; other keys are untouched.
            (r#"{"scopes":["secret"],"secrets":"x"}"#, r#"{"scopes":["secret"],"secrets":"x"}"#),
            // Bodies that are not valid JSON, the usual reason to print one.
            (r#"{"secret":"ak_unterminated"#, r#"{"secret":"<redacted>""#),
            (r#"{"secret":null,"id":"#, r#"{"secret":"<redacted>","id":"#),
        ];
        for (body, expected) in cases {
            assert_eq!(redact(body, names), expected, "{body}");
        }
    }
}
