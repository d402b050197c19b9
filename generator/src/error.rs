//! Everything that can go wrong while turning a document into a crate.

use serde_path_to_error::Segment;

/// A generation failure. Every error caused by the document names the offending node with a
/// JSON pointer (`#/paths/~1api_keys/post/responses/400`).
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The text is not valid YAML or JSON.
    #[error("{file}:{line}:{column}: not valid YAML or JSON: {reason}")]
    Syntax {
        file: String,
        line: usize,
        column: usize,
        reason: String,
    },
    /// The text is YAML, but not an OpenAPI 3.0 or 3.1 document.
    #[error("{file}: not an OpenAPI 3.0 or 3.1 document: {reason}")]
    Document { file: String, reason: String },
    /// An overlay is not a valid OpenAPI Overlay 1.0 document; `reason` starts with the JSON
    /// pointer of the offending node of the overlay.
    #[error("{file}: not a valid overlay (OpenAPI Overlay 1.0): {reason}")]
    Overlay { file: String, reason: String },
    /// An action of an overlay cannot be applied: its target is not a JSONPath or matches
    /// nothing, or its update does not fit the node it selects. `action` counts from 0, as
    /// the pointer `#/actions/N` does.
    #[error("{file}: action {action} (#/actions/{action}, target `{target}`): {reason}")]
    OverlayAction {
        file: String,
        action: usize,
        target: String,
        reason: String,
    },
    /// A node of the document that the generator cannot turn into Rust.
    #[error("{pointer}: {reason}")]
    Unsupported { pointer: String, reason: String },
    /// A bug in the generator: it emitted something that is not Rust.
    #[error("internal error (please report it): {0}")]
    Internal(String),
    /// The generation config is invalid.
    #[error("generation config: {0}")]
    Config(String),
}

impl Error {
    pub(crate) fn at(pointer: &str, reason: impl Into<String>) -> Self {
        Error::Unsupported {
            pointer: pointer.to_owned(),
            reason: reason.into(),
        }
    }
}

/// Appends one reference token to a JSON pointer, escaping it as RFC 6901 requires.
pub(crate) fn pointer(base: &str, token: &str) -> String {
    format!("{base}/{}", token.replace('~', "~0").replace('/', "~1"))
}

/// The JSON pointer of the node a `serde_path_to_error` path leads to, from `#`.
pub(crate) fn path_pointer(path: &serde_path_to_error::Path) -> String {
    let mut at = "#".to_owned();
    for segment in path.iter() {
        match segment {
            Segment::Seq { index } => at = pointer(&at, &index.to_string()),
            Segment::Map { key } => at = pointer(&at, key),
            Segment::Enum { variant } => at = pointer(&at, variant),
            Segment::Unknown => {}
        }
    }
    at
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
