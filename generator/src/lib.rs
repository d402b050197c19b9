//! Turns an OpenAPI 3.0 or 3.1 document into the source of a Rust crate: a client of its
//! operations, and the typed events of its webhooks with a verifier of their signatures.
//!
//! The pipeline, one module per stage:
//!
//! 1. [`load`]: YAML or JSON text becomes an `openapiv3` document, after each [`overlay`]
//!    (OpenAPI Overlay 1.0) given has changed it; a 3.1 document is rewritten into the 3.0
//!    document that says the same, so that every later stage reads 3.0 only.
//! 2. [`lower`]: the document becomes the plain [`ir::Api`] model, every `$ref` resolved.
//! 3. [`naming`]: one pass gives every type, method, field, variant, group (and its Cargo
//!    feature), builder and error type its Rust name, and checks each against the others of its
//!    scope.
//! 4. [`plan`]: every decision about each operation, made once: its names, inputs, success and
//!    error types, paging and example; and the Cargo features each group and model is compiled
//!    under.
//! 5. [`emit`]: small functions turn the model and the plan into token streams with `quote!`,
//!    and the docs pages.
//! 6. [`format`](mod@format): prettyplease turns each token stream into text with a generated header.
//! 7. [`render`]: the whole output tree, emitted files and [`templates`], in memory, with the
//!    crate's public [`surface`] as `api-surface.json` and the parts of the [`runtime`] the
//!    API uses.
//!
//! Writing files is the caller's business (see the `xtask` crate), so that nothing is
//! written unless the whole tree rendered.

pub mod config;
pub mod emit;
pub mod error;
pub mod format;
pub mod ir;
pub mod load;
pub mod lower;
pub mod naming;
pub mod overlay;
pub mod plan;
mod render;
pub mod runtime;
pub mod surface;
pub mod templates;

pub use config::Config;
pub use error::{Error, Result};
pub use load::Source;
pub use render::{Files, SURFACE, render, render_with};
