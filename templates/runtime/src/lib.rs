//! The hand-written part of the crate: the HTTP client, retries, hooks, paging, errors and
//! responses.
//!
//! Everything the generated operations need goes through this module. Its items are `pub` so
//! that the runtime, built as a crate of its own, sees them as its API; in a generated crate
//! the module itself is private, and only what the crate root re-exports is public.

/// The settings a call may override, as setters of a builder whose `options` field is a
/// [`RequestOptions`]: the client builder's, and every request builder's (with no arguments,
/// worded for one call). A generated crate declares this module with `#[macro_use]` before its
/// groups, so that their builders can invoke it.
///
/// `RetryConfig` is named `super::RetryConfig`: the parent of the invoking module exports it,
/// be it the runtime (for `client.rs`) or the crate root (for a group module).
macro_rules! call_options {
    () => {
        call_options!(
            "Sends this call to another base URL than the client's.",
            "The time each attempt of this call may take, instead of the client's timeout.",
            "The retry policy of this call, instead of the client's; \
             [`RetryConfig::none`](crate::RetryConfig::none) disables retries.",
            "Adds a header to this call; it replaces a client header of the same name."
        );
    };
    ($server_url:literal, $timeout:literal, $retries:literal, $header:literal) => {
        #[doc = $server_url]
        pub fn server_url(mut self, url: impl Into<String>) -> Self {
            self.options.server_url = Some(url.into());
            self
        }

        #[doc = $timeout]
        pub fn timeout(mut self, timeout: std::time::Duration) -> Self {
            self.options.timeout = Some(timeout);
            self
        }

        #[doc = $retries]
        pub fn retries(mut self, retries: super::RetryConfig) -> Self {
            self.options.retries = Some(retries);
            self
        }

        #[doc = $header]
        pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
            self.options.headers.push((name.into(), value.into()));
            self
        }
    };
}

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
