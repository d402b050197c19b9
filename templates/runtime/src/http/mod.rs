//! The HTTP client of a crate whose API has operations: the client and its builder, each
//! call's request, its retries, hooks and credentials, and the responses and errors it ends
//! with.
//!
//! The modules declared with a feature are copied into a generated crate only when its API
//! uses them (see `generator/src/runtime.rs`); the others come with the client.

pub mod auth;
mod call;
mod client;
mod error;
mod hooks;
pub mod json;
#[cfg(feature = "multipart")]
pub mod multipart;
#[cfg(feature = "paginate")]
pub mod paginate;
mod payload;
mod request;
mod response;
mod retry;
#[cfg(feature = "style")]
pub mod style;

pub use client::{Client, ClientBuilder, Defaults};
pub use error::{ApiError, DecodeError, Error, OperationError};
pub use error::{OperationErrorValue, SdkError, UnexpectedResponse};
pub use hooks::{AfterError, AfterResponse, BeforeAttempt, BoxError};
pub use payload::File;
pub use request::{Request, RequestOptions};
pub use response::{RawResponse, ResponseValue};
pub use retry::{RetryConfig, StatusMatch};
