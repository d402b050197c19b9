//! What the crate generates in a looser form than the document describes: each a located
//! warning at generation, and a line of the README and of `api-surface.json`.

/// A construct of the document generated in a looser form than it describes (or a mistake in
/// the document read as meant): `{pointer}: {what} is generated as {generated_as}, because
/// {because}`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Limitation {
    /// The JSON pointer of the node the maintainer must look at: the use, where there is one.
    pub pointer: String,
    /// What the document says there (`the schema`, `the query parameter \`filters\``).
    pub what: String,
    /// What the crate has instead (`any JSON value (\`serde_json::Value\`)`).
    pub generated_as: String,
    /// Why.
    pub because: String,
    /// The operations it concerns, by index in [`Api::operations`](crate::ir::Api::operations):
    /// those whose request or responses hold the construct; empty for none in particular.
    pub operations: Vec<usize>,
}

impl Limitation {
    /// The warning, as generation prints it.
    pub fn message(&self) -> String {
        format!(
            "{}: {} is generated as {}, because {}",
            self.pointer, self.what, self.generated_as, self.because
        )
    }
}
