use std::fmt;
use std::sync::Arc;

/// A file sent as a part of a `multipart/form-data` body.
#[derive(Clone, PartialEq, Eq)]
pub struct File {
    /// The file name the server sees.
    pub name: String,
    /// The part's `Content-Type`; `application/octet-stream` when `None`.
    pub content_type: Option<String>,
    /// The file's content.
    pub bytes: bytes::Bytes,
}

impl File {
    /// A file named `name` with this content.
    pub fn new(name: impl Into<String>, bytes: impl Into<bytes::Bytes>) -> Self {
        File {
            name: name.into(),
            content_type: None,
            bytes: bytes.into(),
        }
    }

    /// Sets the part's `Content-Type`, such as `image/png`.
    pub fn content_type(mut self, content_type: impl Into<String>) -> Self {
        self.content_type = Some(content_type.into());
        self
    }
}

impl fmt::Debug for File {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("File")
            .field("name", &self.name)
            .field("content_type", &self.content_type)
            .field("bytes", &format_args!("{} bytes", self.bytes.len()))
            .finish()
    }
}

/// A request body, kept so that every attempt sends it again intact.
#[derive(Debug, Clone)]
pub(crate) enum Payload {
    /// Bytes sent as they are, under their `Content-Type`: JSON (serialized once), text or
    /// raw bytes.
    Raw {
        content_type: &'static str,
        bytes: bytes::Bytes,
    },
    /// `application/x-www-form-urlencoded` pairs.
    Form(Vec<(std::borrow::Cow<'static, str>, String)>),
    /// A body that puts itself on each attempt: a multipart form (the `multipart` module's),
    /// which reqwest consumes as it sends it.
    Attached(Arc<dyn Attach>),
}

/// A body that puts itself on each attempt's request, from data it shares between attempts.
pub(crate) trait Attach: fmt::Debug + Send + Sync {
    fn attach(&self, request: reqwest::RequestBuilder) -> Result<reqwest::RequestBuilder, String>;
}

impl Payload {
    /// Puts the body on a request: built anew for each attempt, from bytes that are shared.
    pub(crate) fn apply(
        &self,
        request: reqwest::RequestBuilder,
    ) -> Result<reqwest::RequestBuilder, String> {
        Ok(match self {
            // The client sets its `Content-Type` with the other headers.
            Payload::Raw { bytes, .. } => request.body(bytes.clone()),
            Payload::Form(pairs) => request.form(pairs),
            Payload::Attached(body) => body.attach(request)?,
        })
    }
}
