//! The hand-written part of the crate: the HTTP client, retries, hooks, paging, errors and
//! responses.
//!
//! Everything the generated operations need goes through this module.

mod client;
pub(crate) mod codec;
mod error;
mod hooks;
mod payload;
#[allow(dead_code)] // Used only by APIs with offset paging.
pub(crate) mod paginate;
mod response;
mod retry;

pub(crate) use client::{call_options, Defaults, Request, RequestOptions};
pub use client::{Client, ClientBuilder};
pub use error::{ApiError, DecodeError, Error, SDKError};
pub use hooks::{AfterError, AfterResponse, BeforeAttempt, BoxError};
pub use payload::File;
#[allow(unused_imports)] // `Part` is used only by APIs with multipart bodies.
pub(crate) use payload::{Part, Payload};
pub(crate) use response::RawResponse;
pub use response::ResponseValue;
pub use retry::{RetryConfig, StatusMatch};

/// Stands for a secret in `Debug` output.
#[allow(dead_code)] // Used only by the models of APIs that have secrets.
pub(crate) struct Redacted;

impl std::fmt::Debug for Redacted {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("<redacted>")
    }
}
