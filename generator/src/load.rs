//! Loading: text (YAML or JSON) becomes an `openapiv3` document, or a located error.

use openapiv3::OpenAPI;
use serde_path_to_error::Segment;

use crate::error::{Error, Result, pointer};

/// Parses an OpenAPI 3.0 document. `file` names it in messages.
///
/// A valid document is read straight into `openapiv3`'s types; only a document that fails
/// is read again, through a YAML value, to say where and why.
pub fn load(text: &str, file: &str) -> Result<OpenAPI> {
    match serde_yaml::from_str::<OpenAPI>(text) {
        Ok(document) if document.openapi.starts_with("3.0.") => Ok(document),
        _ => located(text, file),
    }
}

/// The document read through a YAML value, or the located error that makes it invalid.
fn located(text: &str, file: &str) -> Result<OpenAPI> {
    let value: serde_yaml::Value = serde_yaml::from_str(text).map_err(|e| {
        let (line, column) = e.location().map_or((0, 0), |l| (l.line(), l.column()));
        Error::Syntax {
            file: file.to_owned(),
            line,
            column,
            reason: e.to_string(),
        }
    })?;
    let document = |reason: String| Error::Document {
        file: file.to_owned(),
        reason,
    };
    let version = match (value.get("openapi"), value.get("swagger")) {
        (Some(serde_yaml::Value::String(version)), _) => version.clone(),
        (_, Some(_)) => {
            return Err(document(
                "Swagger 2.0 is not supported; convert it to OpenAPI 3.0".into(),
            ));
        }
        _ => {
            return Err(document(
                "the `openapi` field is missing or not a string".into(),
            ));
        }
    };
    if !version.starts_with("3.0.") {
        return Err(document(format!(
            "version {version} is not supported; only OpenAPI 3.0.x is"
        )));
    }
    serde_path_to_error::deserialize(value).map_err(|e| {
        let mut at = "#".to_owned();
        for segment in e.path().iter() {
            match segment {
                Segment::Seq { index } => at = pointer(&at, &index.to_string()),
                Segment::Map { key } => at = pointer(&at, key),
                Segment::Enum { variant } => at = pointer(&at, variant),
                Segment::Unknown => {}
            }
        }
        Error::at(&at, e.into_inner().to_string())
    })
}
