//! The hand-written part of the crate: the HTTP client, retries, hooks, paging, errors and
//! responses.
//!
//! Everything the generated operations need goes through this module. Its items are `pub` so
//! that the runtime, built as a crate of its own, sees them as its API; in a generated crate
//! the module itself is private, and only what the crate root re-exports is public.

#[cfg(feature = "auth")]
pub mod auth;
mod client;
pub mod codec;
mod error;
mod hooks;
#[cfg(feature = "paging")]
pub mod paginate;
mod payload;
mod request;
mod response;
mod retry;
#[cfg(feature = "flatten")]
pub mod style;
#[cfg(feature = "webhooks")]
pub mod webhooks;

pub use client::{Client, ClientBuilder, Defaults};
pub use error::{
    ApiError, DecodeError, Error, OperationError, OperationErrorValue, SdkError, UnexpectedResponse,
};
pub use hooks::{AfterError, AfterResponse, BeforeAttempt, BoxError};
pub use payload::File;
pub use request::{Request, RequestOptions};
pub use response::{RawResponse, ResponseValue};
pub use retry::{RetryConfig, StatusMatch};

/// Stands for a secret in `Debug` output.
#[cfg(feature = "secrets")]
pub struct Redacted;

#[cfg(feature = "secrets")]
impl std::fmt::Debug for Redacted {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("<redacted>")
    }
}
