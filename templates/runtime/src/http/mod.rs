//! The HTTP client of a crate whose API has operations: the client and its builder, each
//! call's request, its retries, hooks and credentials, and the responses and errors it ends
//! with.
//!
//! The modules declared with a feature are copied into a generated crate only when its API
//! uses them (see `generator/src/runtime.rs`); the others come with the client. `mock` is
//! the exception: every crate with a client has it, behind its own `test-util` feature.

pub mod auth;
mod call;
mod client;
pub mod details;
mod error;
mod hooks;
pub mod json;
#[cfg(feature = "test-util")]
pub mod mock;
#[cfg(feature = "multipart")]
pub mod multipart;
#[cfg(feature = "paginate")]
pub mod paginate;
mod payload;
mod request;
mod response;
mod response_error;
mod retry;
#[cfg(feature = "style")]
pub mod style;
mod transport;

pub use client::{Client, ClientBuilder, Defaults};
pub use details::{OperationErrorValue, Printing};
pub use error::{Error, OperationError, SdkError};
pub use hooks::{AfterError, AfterResponse, BeforeAttempt, BoxError};
pub use payload::File;
pub use request::{Request, RequestOptions};
pub use response::{RawResponse, ResponseValue};
pub use response_error::{ApiError, DecodeError, UnexpectedResponse};
pub use retry::{RetryConfig, StatusMatch};
pub use transport::{TransportError, TransportKind};
