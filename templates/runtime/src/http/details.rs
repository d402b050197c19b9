//! What an error says in the API's own words: the message, code and request id that a
//! documented error body carries, where the generation config says they are, and where else
//! the API puts its id of a request.
//!
//! The generated crate implements [`ErrorBody`] for each model that a documented error
//! status carries and [`OperationErrorValue`] for each operation's error type. An error reads
//! what the body says once, when it is made (`Said`), so that its accessors and `Display`
//! need nothing of its operation's type; the crate's typed `error_body()` reads the body
//! through [`Documented`], which the crate's one error type ([`OperationError`]) implements
//! too.

use std::any::Any;
use std::fmt;

use super::error::OperationError;

/// What a documented error body says, read from the fields the generation config names: the
/// model of such a body implements it. Each method is `None` when the body has no such field.
pub trait ErrorBody: fmt::Debug + Send + Sync + 'static {
    /// The API's own account of the error, for people.
    fn message(&self) -> Option<&str> {
        None
    }

    /// The API's code for the error, for programs.
    fn code(&self) -> Option<&str> {
        None
    }

    /// The API's id of the request at this JSON pointer of the body (one of the crate's
    /// [`RequestId::Body`] sources), if the body has it there.
    fn request_id(&self, _pointer: &str) -> Option<&str> {
        None
    }

    /// The body as `Any`, so that the crate can give it back by its type (trait upcasting is
    /// newer than the crate's `rust-version`).
    fn as_any(&self) -> &dyn Any;
}

/// The per-status error type of an operation, which `?` can turn into the crate's
/// [`Error`](super::Error). Implemented by the generated error enums only.
pub trait OperationErrorValue: std::error::Error + Send + Sync + 'static {
    /// How the crate's errors print responses and where they find request ids: the same
    /// for every operation, so that an error built by hand reads like one from the wire.
    const PRINTING: Printing;

    /// The documented body this value carries, if its model says what went wrong.
    fn error_body(&self) -> Option<&dyn ErrorBody> {
        None
    }
}

/// The documented body of an error's value, whatever the operation: implemented by every
/// operation's error type and by the crate's [`OperationError`], for the crate's typed
/// `error_body()`.
pub trait Documented {
    /// The documented body the value carries, if its model says what went wrong.
    fn error_body(&self) -> Option<&dyn ErrorBody>;
}

impl<E: OperationErrorValue> Documented for E {
    fn error_body(&self) -> Option<&dyn ErrorBody> {
        OperationErrorValue::error_body(self)
    }
}

impl Documented for OperationError {
    fn error_body(&self) -> Option<&dyn ErrorBody> {
        self.value().error_body()
    }
}

/// Where the API puts its id of a request, tried in the order the crate lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RequestId {
    /// The field at this JSON pointer of a documented error body (`/clerk_trace_id`).
    Body(&'static str),
    /// This response header (`cf-ray`).
    Header(&'static str),
}

/// How the crate's errors print a response, and where they find the API's id of a request.
#[derive(Debug, Clone, Copy, Default)]
pub struct Printing {
    /// Wire names of the fields whose values `Debug` and `Display` hide in a body.
    pub sensitive_fields: &'static [&'static str],
    /// Where the API puts its id of a request, in the order `request_id()` tries them.
    pub request_id: &'static [RequestId],
}

impl Printing {
    /// The first request id the sources give: `said` holds what a documented body said,
    /// `headers` are the response's.
    pub(crate) fn request_id<'a>(
        &self,
        said: Option<&'a Said>,
        headers: &'a reqwest::header::HeaderMap,
    ) -> Option<&'a str> {
        let found = |source: &RequestId| match *source {
            RequestId::Body(pointer) => said?.request_id(pointer),
            RequestId::Header(name) => headers.get(name)?.to_str().ok(),
        };
        // A blank id is no id: the next source may have one.
        (self.request_id.iter())
            .filter_map(found)
            .find(|id| !id.trim().is_empty())
    }
}

/// What a documented error body said, read once when the error is made, so that every
/// error's accessors and `Display` have it whatever its operation type.
#[derive(Debug, Clone, Default)]
pub(crate) struct Said {
    message: Option<String>,
    code: Option<String>,
    /// The body's request ids, by the pointer of each of the crate's body sources.
    request_ids: Vec<(&'static str, String)>,
}

impl Said {
    /// What `body` says, reading the request ids that `printing` names.
    pub(crate) fn of(body: Option<&dyn ErrorBody>, printing: Printing) -> Said {
        let Some(body) = body else {
            return Said::default();
        };
        let request_ids = (printing.request_id.iter())
            .filter_map(|source| match *source {
                RequestId::Body(pointer) => Some((pointer, body.request_id(pointer)?.to_owned())),
                RequestId::Header(_) => None,
            })
            .collect();
        Said {
            message: body.message().map(str::to_owned),
            code: body.code().map(str::to_owned),
            request_ids,
        }
    }

    pub(crate) fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }

    pub(crate) fn code(&self) -> Option<&str> {
        self.code.as_deref()
    }

    fn request_id(&self, pointer: &str) -> Option<&str> {
        (self.request_ids.iter())
            .find(|(p, _)| *p == pointer)
            .map(|(_, id)| id.as_str())
    }
}

#[cfg(test)]
mod tests;
