use std::fmt;

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
#[cfg(feature = "body")]
#[derive(Debug, Clone)]
pub(crate) enum Payload {
    /// Bytes sent as they are, under their `Content-Type`: JSON (serialized once), text or
    /// raw bytes.
    #[cfg(feature = "raw-body")]
    Raw {
        content_type: &'static str,
        bytes: bytes::Bytes,
    },
    #[cfg(feature = "form-body")]
    Form(Vec<(std::borrow::Cow<'static, str>, String)>),
    #[cfg(feature = "multipart")]
    Multipart(Vec<Part>),
}

/// One part of a multipart body.
#[cfg(feature = "multipart")]
#[derive(Debug, Clone)]
pub(crate) struct Part {
    pub(crate) name: &'static str,
    pub(crate) value: PartValue,
}

/// What a multipart part holds.
#[cfg(feature = "multipart")]
#[derive(Debug, Clone)]
pub(crate) enum PartValue {
    #[cfg(feature = "text-part")]
    Text(String),
    #[cfg(feature = "file-part")]
    File(File),
    /// A value's JSON, under this `Content-Type`.
    #[cfg(feature = "json-part")]
    Json {
        content_type: &'static str,
        bytes: bytes::Bytes,
    },
}

#[cfg(feature = "body")]
impl Payload {
    /// Puts the body on a request: built anew for each attempt, from bytes that are shared.
    pub(crate) fn apply(
        &self,
        request: reqwest::RequestBuilder,
    ) -> Result<reqwest::RequestBuilder, String> {
        Ok(match self {
            // The client sets its `Content-Type` with the other headers.
            #[cfg(feature = "raw-body")]
            Payload::Raw { bytes, .. } => request.body(bytes.clone()),
            #[cfg(feature = "form-body")]
            Payload::Form(pairs) => request.form(pairs),
            #[cfg(feature = "multipart")]
            Payload::Multipart(parts) => request.multipart(multipart(parts)?),
        })
    }
}

/// The `multipart/form-data` form of these parts.
#[cfg(feature = "multipart")]
fn multipart(parts: &[Part]) -> Result<reqwest::multipart::Form, String> {
    let mut form = reqwest::multipart::Form::new();
    for part in parts {
        form = match &part.value {
            #[cfg(feature = "text-part")]
            PartValue::Text(text) => form.text(part.name, text.clone()),
            #[cfg(feature = "file-part")]
            PartValue::File(file) => {
                let body =
                    reqwest::multipart::Part::stream(reqwest::Body::from(file.bytes.clone()))
                        .file_name(file.name.clone());
                let content_type = file
                    .content_type
                    .as_deref()
                    .unwrap_or("application/octet-stream");
                let body = body
                    .mime_str(content_type)
                    .map_err(|e| format!("file `{}`: {e}", file.name))?;
                form.part(part.name, body)
            }
            #[cfg(feature = "json-part")]
            PartValue::Json {
                content_type,
                bytes,
            } => {
                let body = reqwest::multipart::Part::stream(reqwest::Body::from(bytes.clone()))
                    .mime_str(content_type)
                    .map_err(|e| format!("part `{}`: {e}", part.name))?;
                form.part(part.name, body)
            }
        };
    }
    Ok(form)
}
