//! `multipart/form-data` bodies: a form of text, file and JSON parts, built by a generated
//! `send()` and put anew on every attempt (reqwest consumes a form as it sends it) from parts
//! whose bytes are shared.

use std::fmt::Display;
use std::sync::Arc;

use super::payload::{Attach, Payload};
use super::{File, Request, SdkError};

/// The parts of a `multipart/form-data` body, in order.
#[derive(Debug, Clone, Default)]
pub struct Form {
    parts: Vec<Part>,
}

/// One part of a multipart body.
#[derive(Debug, Clone)]
struct Part {
    name: &'static str,
    value: PartValue,
}

/// What a multipart part holds.
#[derive(Debug, Clone)]
enum PartValue {
    Text(String),
    File(File),
    /// A value's JSON, under this `Content-Type`.
    Json {
        content_type: &'static str,
        bytes: bytes::Bytes,
    },
}

impl Form {
    /// An empty form.
    pub fn new() -> Self {
        Form::default()
    }

    /// Adds a text part for each value.
    pub fn text<T: Display>(
        mut self,
        name: &'static str,
        values: impl IntoIterator<Item = T>,
    ) -> Self {
        let parts = values.into_iter().map(|v| Part {
            name,
            value: PartValue::Text(v.to_string()),
        });
        self.parts.extend(parts);
        self
    }

    /// Adds a part for each value, holding its JSON under the `Content-Type` `content_type`
    /// (`application/json`, or the one the document's `encoding` gives): how an object field
    /// is sent.
    pub fn json<'v, T: serde::Serialize + 'v, E>(
        mut self,
        name: &'static str,
        content_type: &'static str,
        values: impl IntoIterator<Item = &'v T>,
    ) -> Result<Self, SdkError<E>> {
        for value in values {
            let bytes = super::json::to_json(value).map_err(SdkError::Config)?;
            let value = PartValue::Json {
                content_type,
                bytes,
            };
            self.parts.push(Part { name, value });
        }
        Ok(self)
    }

    /// Adds a file part for each file.
    pub fn file<'f>(
        mut self,
        name: &'static str,
        files: impl IntoIterator<Item = &'f File>,
    ) -> Self {
        let parts = files.into_iter().map(|f| Part {
            name,
            value: PartValue::File(f.clone()),
        });
        self.parts.extend(parts);
        self
    }

    /// The form reqwest sends: built anew for an attempt, from bytes that are shared.
    fn build(&self) -> Result<reqwest::multipart::Form, String> {
        let mut form = reqwest::multipart::Form::new();
        for part in &self.parts {
            let (bytes, content_type) = match &part.value {
                PartValue::Text(text) => {
                    form = form.text(part.name, text.clone());
                    continue;
                }
                PartValue::File(file) => (
                    &file.bytes,
                    file.content_type
                        .as_deref()
                        .unwrap_or("application/octet-stream"),
                ),
                PartValue::Json {
                    content_type,
                    bytes,
                } => (bytes, *content_type),
            };
            let mut body = reqwest::multipart::Part::stream(reqwest::Body::from(bytes.clone()));
            if let PartValue::File(file) = &part.value {
                body = body.file_name(file.name.clone());
            }
            let body = body.mime_str(content_type).map_err(|e| match &part.value {
                PartValue::File(file) => format!("file `{}`: {e}", file.name),
                _ => format!("part `{}`: {e}", part.name),
            })?;
            form = form.part(part.name, body);
        }
        Ok(form)
    }
}

impl Attach for Form {
    fn attach(&self, request: reqwest::RequestBuilder) -> Result<reqwest::RequestBuilder, String> {
        Ok(request.multipart(self.build()?))
    }
}

impl Request {
    /// Sets a `multipart/form-data` body.
    pub fn multipart(mut self, form: Form) -> Self {
        self.body = Some(Payload::Attached(Arc::new(form)));
        self
    }
}

#[cfg(test)]
mod tests;
