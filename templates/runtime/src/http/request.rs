//! The request of one call, as a generated `send()` describes it: path, query, headers and
//! body, added one by one and sent with [`Request::send`].

use std::borrow::Cow;
use std::fmt::Display;
use std::time::Duration;

use reqwest::Method;

use super::payload::Payload;
use super::{Client, RawResponse, RetryConfig, SdkError};

/// Per-call settings that override the client's.
#[derive(Debug, Clone, Default)]
pub struct RequestOptions {
    /// Another base URL than the client's.
    pub server_url: Option<String>,
    /// The time each attempt may take, instead of the client's timeout.
    pub timeout: Option<Duration>,
    /// The retry policy of this call, instead of the client's.
    pub retries: Option<RetryConfig>,
    /// Headers added to the call, replacing client headers of the same names.
    pub headers: Vec<(String, String)>,
    /// Values given to setters that could not be converted to JSON, by setter, with the
    /// reason (see [`json::json_input`](super::json::json_input)): `send()` fails with the
    /// first, and sends nothing.
    pub invalid: Vec<(&'static str, String)>,
}

/// One operation's request. Values are added as text (their `Display`); each adder takes
/// anything that iterates over values, so one method serves every shape of input: `[&value]`
/// for a required value, `option.as_ref()` for an optional one, `vec.iter()` for an array (one
/// pair per item), `option.iter().flatten()` for an optional array.
#[derive(Debug)]
pub struct Request {
    /// The operation's `operationId`, for hooks and logs.
    pub(crate) operation: &'static str,
    pub(crate) method: Method,
    /// Path segments after the base URL, not yet percent-encoded.
    pub(crate) path: Vec<String>,
    /// Query pairs; a name is the parameter's, or made from it by a style (`filter[a]`).
    pub(crate) query: Vec<(Cow<'static, str>, String)>,
    pub(crate) headers: Vec<(&'static str, String)>,
    /// The names of header parameters that hold secrets, hidden from `Debug` output.
    pub(crate) secret_headers: Vec<&'static str>,
    /// The body, encoded once and sent again intact on every attempt.
    pub(crate) body: Option<Payload>,
    /// The alternatives of credentials the operation accepts, each the names of the security
    /// schemes it combines; none when the operation needs no credentials.
    pub(crate) security: &'static [&'static [&'static str]],
}

impl Request {
    /// A request for the operation `operation` (its `operationId`), without credentials, to
    /// the path made of `path`'s segments, each formatted and then percent-encoded.
    pub fn new(operation: &'static str, method: Method, path: &[&dyn Display]) -> Self {
        Request {
            operation,
            method,
            path: path.iter().map(ToString::to_string).collect(),
            query: Vec::new(),
            headers: Vec::new(),
            secret_headers: Vec::new(),
            body: None,
            security: &[],
        }
    }

    /// Sends the credentials of the first of these alternatives (each the names of the
    /// security schemes it combines) that the client holds; an empty alternative makes them
    /// optional.
    pub fn security(mut self, alternatives: &'static [&'static [&'static str]]) -> Self {
        self.security = alternatives;
        self
    }

    /// Adds a `name=value` query pair for each value.
    pub fn query<T: Display>(
        mut self,
        name: &'static str,
        values: impl IntoIterator<Item = T>,
    ) -> Self {
        self.query
            .extend(values.into_iter().map(|v| (name.into(), v.to_string())));
        self
    }

    /// Adds a header for each value.
    pub fn header<T: Display>(
        mut self,
        name: &'static str,
        values: impl IntoIterator<Item = T>,
    ) -> Self {
        self.headers
            .extend(values.into_iter().map(|v| (name, v.to_string())));
        self
    }

    /// Adds a header for each value, marked sensitive so that `Debug` output of the request
    /// hides it; a per-call header of the same name is marked too.
    pub fn secret_header<T: Display>(
        mut self,
        name: &'static str,
        values: impl IntoIterator<Item = T>,
    ) -> Self {
        self.secret_headers.push(name);
        self.header(name, values)
    }

    /// Sets a JSON body of the media type `content_type` (`application/json`, or any other
    /// JSON type the operation declares), serialized now so that retries send the same bytes.
    pub fn json<T: serde::Serialize, E>(
        mut self,
        content_type: &'static str,
        body: &T,
    ) -> Result<Self, SdkError<E>> {
        let bytes = super::json::to_json(body).map_err(SdkError::Config)?;
        self.body = Some(Payload::Raw {
            content_type,
            bytes,
        });
        Ok(self)
    }

    /// Sets a body of bytes (or of text, as UTF-8) of the media type `content_type`, if there
    /// is one. Every attempt sends the same bytes again: `Bytes` clones share them.
    pub fn bytes(mut self, content_type: &'static str, body: Option<bytes::Bytes>) -> Self {
        if let Some(bytes) = body {
            self.body = Some(Payload::Raw {
                content_type,
                bytes,
            });
        }
        self
    }

    /// Adds a field to the `application/x-www-form-urlencoded` body for each value.
    pub fn form<T: Display>(self, name: &'static str, values: impl IntoIterator<Item = T>) -> Self {
        let pairs = values.into_iter().map(|v| (name.into(), v.to_string()));
        self.form_pairs(pairs)
    }

    pub(crate) fn form_pairs(
        mut self,
        pairs: impl Iterator<Item = (Cow<'static, str>, String)>,
    ) -> Self {
        match &mut self.body {
            Some(Payload::Form(form)) => form.extend(pairs),
            _ => self.body = Some(Payload::Form(pairs.collect())),
        }
        self
    }

    /// Sends the request with `client`, retrying as configured, and reads the whole response.
    pub async fn send<E>(
        self,
        client: &Client,
        options: &RequestOptions,
    ) -> Result<RawResponse, SdkError<E>> {
        if let Some((_, reason)) = options.invalid.first() {
            return Err(SdkError::Config(reason.clone()));
        }
        (client.execute(self, options).await).map_err(SdkError::from_failure)
    }
}

#[cfg(test)]
mod tests;
