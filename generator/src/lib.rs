//! Turns an OpenAPI 3.0 document into the source of a Rust client crate.
//!
//! The pipeline, one module per stage:
//!
//! 1. [`load`]: YAML or JSON text becomes an `openapiv3` document.
//! 2. [`lower`]: the document becomes the plain [`ir::Api`] model, every `$ref` resolved.
//! 3. [`naming`]: one pass gives every type, method, field and variant its Rust name.
//! 4. [`emit`]: small functions turn the model into token streams with `quote!`.
//! 5. [`format`](mod@format): prettyplease turns each token stream into text with a generated header.
//! 6. [`render`]: the whole output tree, emitted files and [`templates`], in memory, with the
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
mod render;
pub mod runtime;
pub mod surface;
pub mod templates;

pub use config::Config;
pub use error::{Error, Result};
pub use render::{Files, SURFACE, render};
