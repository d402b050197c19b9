//! Everything that can go wrong while turning a document into a crate.

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
    /// The text is YAML, but not an OpenAPI 3.0 document.
    #[error("{file}: not an OpenAPI 3.0 document: {reason}")]
    Document { file: String, reason: String },
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

pub type Result<T, E = Error> = std::result::Result<T, E>;
