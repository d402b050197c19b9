//! The runtime of a generated crate: `templates/runtime/src`, a crate of its own in the
//! workspace, copied into the generated crate as `src/runtime/`, module by module.
//!
//! The runtime's root, the models' serde helpers and the locating of decoding errors come
//! with every crate; the HTTP client with every crate whose API has operations; each other
//! [`Module`] with the crates whose API uses it, as the plan records. A module comes whole: the
//! parts of it an API does not use are compiled but never generated into machine code (rustc
//! skips the unused functions of a private module), so the crate's root allows them to be dead
//! rather than the runtime being cut statement by statement.
//!
//! A module that a crate may go without is declared by one line after a
//! `#[cfg(feature = "…")]` line in `src/lib.rs` or `src/http/mod.rs`, the feature named after
//! it in the runtime's `Cargo.toml`. The copier keeps that line, without its gate, when the
//! crate has the module, and drops both otherwise; it drops each `#[cfg(test)] mod tests;`
//! the same way (the runtime's tests run once, in its own crate). The features of the
//! generated crates themselves ([`CRATE_FEATURES`], such as `test-util`) are the exception:
//! their `cfg`s stay as they are, wherever they stand, for the crate's users to choose. Any
//! other `cfg` is an error, so that the copier cannot silently keep something it does not
//! understand.

use std::collections::BTreeSet;

use crate::error::{Error, Result};
use crate::format::header;

/// The runtime's types that the crate root re-exports under their own names (the client and
/// its builder are re-exported under the client's configured name); the surface lists their
/// public members.
pub const EXPORTS: &[&str] = &[
    "AfterError",
    "AfterResponse",
    "ApiError",
    "BeforeAttempt",
    "BoxError",
    "DecodeError",
    "Error",
    "File",
    "OperationError",
    "ResponseValue",
    "RetryConfig",
    "SdkError",
    "StatusMatch",
    "TransportError",
    "TransportKind",
    "UnexpectedResponse",
];

/// The runtime's webhook types that a crate's `webhooks` module re-exports when it has a
/// verifier; the surface lists their public members.
pub const WEBHOOK_EXPORTS: &[&str] = &[
    "WebhookError",
    "WebhookHeader",
    "WebhookHeaders",
    "WebhookVerifier",
];
/// The runtime's features that every generated crate has as a Cargo feature of its own, off
/// by default: their `cfg` lines are copied as they are. Each comes with the HTTP client.
pub const CRATE_FEATURES: &[&str] = &["test-util"];

/// The runtime's types of the `test-util` feature, which the crate root re-exports in its
/// `mock` module: the surface lists them by the path users write (`mock::Rule`).
pub const MOCK_EXPORTS: &[&str] = &["HttpResponse", "MockRequest", "Operation", "Rule", "mock"];

/// A module of the runtime that a crate may go without. The plan records each where it
/// decides something that needs it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Module {
    /// The HTTP client (`http/`): for an API with operations.
    Http,
    /// Values written as pairs by an OpenAPI `style` (`http/style.rs`).
    Style,
    /// Offset paging (`http/paginate.rs`).
    Paginate,
    /// `multipart/form-data` bodies (`http/multipart.rs`), with reqwest's `multipart`.
    Multipart,
    /// The verification of webhook deliveries (`webhooks.rs`).
    Webhooks,
    /// Spans and points of time counted in a unit (`time.rs`), for integers that an
    /// `x-duration` or `x-unix-time` extension marks.
    Time,
}

/// A file of the runtime: its path in `templates/runtime/src` and its text, read when the
/// generator is compiled, so that a file the list names and the runtime lacks fails the build.
type File = (&'static str, &'static str);

macro_rules! runtime_files {
    ($($path:literal),* $(,)?) => {
        &[$(($path, include_str!(concat!("../../templates/runtime/src/", $path)))),*]
    };
}

/// The files every crate gets: the runtime's root, the models' serde helpers and the path of a
/// decoding error in a body (for the client's responses and the webhooks' payloads).
const ALWAYS: &[File] = runtime_files!["lib.rs", "codec.rs", "locate.rs"];

impl Module {
    /// Every module, in order.
    pub const ALL: [Module; 6] = [
        Module::Http,
        Module::Style,
        Module::Paginate,
        Module::Multipart,
        Module::Webhooks,
        Module::Time,
    ];

    /// The runtime's feature of the module: the gate of the line that declares it.
    pub fn feature(self) -> &'static str {
        match self {
            Module::Http => "http",
            Module::Style => "style",
            Module::Paginate => "paginate",
            Module::Multipart => "multipart",
            Module::Webhooks => "webhooks",
            Module::Time => "time",
        }
    }

    /// The module's types that the crate root re-exports, beside [`EXPORTS`], by their path
    /// in the runtime and their name.
    pub fn exports(self) -> &'static [(&'static str, &'static str)] {
        match self {
            Module::Time => &[
                ("time", "Millis"),
                ("time", "Seconds"),
                ("time", "TimeUnit"),
                ("time", "UnixTime"),
            ],
            _ => &[],
        }
    }

    /// The module's files.
    fn files(self) -> &'static [File] {
        match self {
            Module::Http => runtime_files![
                "http/mod.rs",
                "http/auth.rs",
                "http/call.rs",
                "http/client.rs",
                "http/details.rs",
                "http/error.rs",
                "http/hooks.rs",
                "http/json.rs",
                "http/mock.rs",
                "http/payload.rs",
                "http/request.rs",
                "http/response.rs",
                "http/response_error.rs",
                "http/retry.rs",
                "http/transport.rs",
            ],
            Module::Style => runtime_files!["http/style.rs"],
            Module::Paginate => runtime_files!["http/paginate.rs"],
            Module::Multipart => runtime_files!["http/multipart.rs"],
            Module::Webhooks => runtime_files!["webhooks.rs"],
            Module::Time => runtime_files!["time.rs"],
        }
    }
}

/// The runtime's files for a crate that has `modules`, by their paths in the generated crate,
/// each with the generated header.
pub fn files(modules: &BTreeSet<Module>) -> Result<Vec<(String, String)>> {
    let chosen = modules.iter().flat_map(|m| m.files());
    let mut files = Vec::new();
    for (path, text) in ALWAYS.iter().chain(chosen) {
        let text = copied(text, modules)
            .map_err(|e| Error::Internal(format!("templates/runtime/src/{path}: {e}")))?;
        let target = match *path {
            "lib.rs" => "src/runtime/mod.rs".to_owned(),
            path => format!("src/runtime/{path}"),
        };
        let source = header("//", &format!("templates/runtime/src/{path}"));
        files.push((target, format!("{source}\n{text}")));
    }
    Ok(files)
}

/// `text` as a crate with `modules` gets it: each gated line kept without its gate when its
/// module is among them, dropped with its gate otherwise, and the test modules dropped.
fn copied(text: &str, modules: &BTreeSet<Module>) -> std::result::Result<String, String> {
    let mut out = String::with_capacity(text.len());
    let mut lines = text.lines().enumerate();
    while let Some((index, line)) = lines.next() {
        let Some(kept) = gate(line, modules).map_err(|e| format!("line {}: {e}", index + 1))?
        else {
            out.push_str(line);
            out.push('\n');
            continue;
        };
        let gated = lines.next().map(|(_, line)| line.trim());
        let Some(gated) = gated.filter(|l| l.ends_with(';') && !l.starts_with('#')) else {
            return Err(format!(
                "line {}: a `cfg` line must stand above a one-line item",
                index + 1
            ));
        };
        if kept {
            out.push_str(gated);
            out.push('\n');
        }
    }
    Ok(out)
}

/// For a `cfg` line, whether the line below it is kept: a module's feature when the crate has
/// the module, never for `test`. `None` for any other line, a crate feature's `cfg` among
/// them.
fn gate(line: &str, modules: &BTreeSet<Module>) -> std::result::Result<Option<bool>, String> {
    let line = line.trim();
    let Some(predicate) = (line.strip_prefix("#[cfg(")).and_then(|l| l.strip_suffix(")]")) else {
        if line.starts_with('#') && line.contains("cfg") {
            return Err(format!(
                "`{line}`: only whole-line `#[cfg(…)]` attributes are supported"
            ));
        }
        return Ok(None);
    };
    if predicate == "test" {
        return Ok(Some(false));
    }
    let feature = (predicate.strip_prefix("feature = \""))
        .and_then(|p| p.strip_suffix('"'))
        .ok_or_else(|| format!("`{line}`: only `feature = \"…\"` and `test` are supported"))?;
    // A feature of the generated crate: the line is code like any other.
    if CRATE_FEATURES.contains(&feature) {
        return Ok(None);
    }
    let module = (Module::ALL.iter())
        .find(|m| m.feature() == feature)
        .ok_or_else(|| format!("`{line}`: `{feature}` is not a module's feature"))?;
    Ok(Some(modules.contains(module)))
}

#[cfg(test)]
mod tests;
