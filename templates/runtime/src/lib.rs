//! The hand-written part of the crate: the HTTP client, retries, hooks, paging, errors and
//! responses, the serde helpers of the models, where a body fails to decode, spans and points
//! of time, and the verification of webhooks.
//!
//! Its items are `pub` so that the runtime, built as a crate of its own, sees them as its API;
//! in a generated crate the module itself is private, and only what the crate root re-exports
//! is public. A generated crate gets the modules its API uses, each whole: the lines below
//! that a feature gates are the modules it may go without (see `generator/src/runtime.rs`).

pub mod codec;
#[cfg(feature = "http")]
mod http;
pub mod locate;
#[cfg(feature = "http")]
pub use http::*;
#[cfg(feature = "time")]
pub mod time;
#[cfg(feature = "webhooks")]
pub mod webhooks;

/// Stands for a secret in `Debug` output.
pub struct Redacted;

impl std::fmt::Debug for Redacted {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("<redacted>")
    }
}
