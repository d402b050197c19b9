//! The hand-written part of the crate: the HTTP client, retries, errors and responses.
//!
//! Everything the generated operations need goes through this module.

mod client;
pub(crate) mod codec;
mod error;
mod response;
mod retry;

pub(crate) use client::call_options;
pub(crate) use client::Defaults;
pub use client::{Client, ClientBuilder};
pub(crate) use client::Request;
pub use error::{ApiError, DecodeError, Error, SDKError};
pub(crate) use response::RawResponse;
pub use response::ResponseValue;
pub use retry::{RetryConfig, StatusMatch};
pub(crate) use client::RequestOptions;
