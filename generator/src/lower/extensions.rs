//! The document-wide `x-speakeasy-retries`.

use openapiv3::OpenAPI;

use crate::error::{Error, Result, pointer};
use crate::ir::{Retries, Status};

/// The `backoff` of `x-speakeasy-retries`, in milliseconds.
#[derive(serde::Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct Backoff {
    initial_interval: u64,
    max_interval: u64,
    max_elapsed_time: u64,
    exponent: f64,
}

/// Reads the document-wide `x-speakeasy-retries` extension.
pub(super) fn retries(doc: &OpenAPI) -> Result<Option<Retries>> {
    #[derive(serde::Deserialize)]
    #[serde(rename_all = "camelCase", deny_unknown_fields)]
    struct Raw {
        strategy: String,
        backoff: Backoff,
        #[serde(default)]
        status_codes: Vec<serde_json::Value>,
        #[serde(default)]
        retry_connection_errors: bool,
    }
    let at = "#/x-speakeasy-retries";
    let Some(value) = doc.extensions.get("x-speakeasy-retries") else {
        return Ok(None);
    };
    let raw: Raw =
        serde_json::from_value(value.clone()).map_err(|e| Error::at(at, e.to_string()))?;
    if raw.strategy != "backoff" {
        return Err(Error::at(
            &pointer(at, "strategy"),
            format!("unknown strategy `{}`", raw.strategy),
        ));
    }
    check_backoff(&raw.backoff, &pointer(at, "backoff"))?;
    let mut status_codes = Vec::new();
    for (i, code) in raw.status_codes.iter().enumerate() {
        let text = match code {
            serde_json::Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        let status = parse_status(&text).ok_or_else(|| {
            Error::at(
                &pointer(&pointer(at, "statusCodes"), &i.to_string()),
                format!("`{text}` is not a status or NXX class"),
            )
        })?;
        status_codes.push(status);
    }
    Ok(Some(Retries {
        initial_interval_ms: raw.backoff.initial_interval,
        max_interval_ms: raw.backoff.max_interval,
        max_elapsed_ms: raw.backoff.max_elapsed_time,
        exponent: raw.backoff.exponent,
        status_codes,
        retry_connection_errors: raw.retry_connection_errors,
    }))
}

/// Refuses a backoff whose values contradict each other, which the generated client would
/// refuse when built (see the runtime's `RetryConfig::check`).
fn check_backoff(backoff: &Backoff, at: &str) -> Result<()> {
    let (initial, max) = (backoff.initial_interval, backoff.max_interval);
    if !(backoff.exponent.is_finite() && backoff.exponent >= 1.0) {
        let reason = format!(
            "{} would not let delays grow: use 1 or more",
            backoff.exponent
        );
        return Err(Error::at(&pointer(at, "exponent"), reason));
    }
    if initial > max {
        let reason = format!("{initial} ms is longer than maxInterval ({max} ms)");
        return Err(Error::at(&pointer(at, "initialInterval"), reason));
    }
    if backoff.max_elapsed_time <= initial {
        let reason = format!(
            "{} ms is not longer than initialInterval ({initial} ms): no retry could start",
            backoff.max_elapsed_time
        );
        return Err(Error::at(&pointer(at, "maxElapsedTime"), reason));
    }
    Ok(())
}

fn parse_status(text: &str) -> Option<Status> {
    let upper = text.to_ascii_uppercase();
    match upper.as_bytes() {
        [class @ b'1'..=b'5', b'X', b'X'] => Some(Status::Range(class - b'0')),
        _ => upper
            .parse()
            .ok()
            .filter(|code| (100..=599).contains(code))
            .map(Status::Code),
    }
}
