//! What the document and the config must satisfy before anything is emitted: each problem is
//! refused here, with where the document (or the config) says it, rather than emitted as code
//! that does not compile or sends what the document does not describe.

use crate::config::Config;
use crate::error::{Error, Result, pointer};
use crate::ir::{Api, Operation, Param, ParamLocation, SchemeKind};

/// Checks the named model and the config.
pub(super) fn validate(api: &Api, config: &Config) -> Result<()> {
    check_strict(api, config)?;
    for op in &api.operations {
        for param in &op.params {
            check_parameter(api, op, param)?;
        }
    }
    check_token_env(api, config)?;
    check_retries(api, config)?;
    check_client_name(api, config)
}

/// Refuses a deadline that leaves no time for the first retry of the document's policy,
/// which every client would refuse when built (the runtime's `RetryConfig::check`).
fn check_retries(api: &Api, config: &Config) -> Result<()> {
    let Some(retries) = super::default_retries(api, config) else {
        return Ok(());
    };
    let (deadline, initial) = (config.retries.deadline_ms, retries.initial_interval_ms);
    match deadline <= initial {
        true => Err(Error::Config(format!(
            "retries.deadline_ms ({deadline} ms) is not longer than the first delay of the \
             document's x-speakeasy-retries ({initial} ms): no retry could start"
        ))),
        false => Ok(()),
    }
}

/// Refuses a document with operations and no client in the config, and a client name that the
/// crate root could not export: one of the runtime's types it re-exports beside it (`Error`),
/// also for its builder (`{client}Builder`).
fn check_client_name(api: &Api, config: &Config) -> Result<()> {
    let client = &config.client.name;
    if api.operations.is_empty() {
        return Ok(());
    }
    if client.is_empty() {
        return Err(Error::Config(
            "the document has operations: the config needs a `[client]` with a `name` and a \
             `user_agent`"
                .into(),
        ));
    }
    let builder = crate::naming::client_builder(client);
    match [client.as_str(), builder.as_str()]
        .into_iter()
        .find(|name| crate::runtime::EXPORTS.contains(name))
    {
        Some(name) => Err(Error::Config(format!(
            "client.name `{client}`: the crate root already exports a type named `{name}`"
        ))),
        None => Ok(()),
    }
}

/// With `strict`, refuses the first construct the generator would type more loosely than the
/// document describes, at the node the maintainer must look at.
fn check_strict(api: &Api, config: &Config) -> Result<()> {
    match api.limitations.first().filter(|_| config.strict) {
        Some(first) => Err(Error::at(
            &first.pointer,
            format!(
                "{} cannot be typed exactly, because {} (`strict` refuses what would be \
                 generated as {})",
                first.what, first.because, first.generated_as
            ),
        )),
        None => Ok(()),
    }
}

/// Checks that a path or header parameter can be written as text (a string, a number, a
/// boolean, an enum or a union of those, or a list of them): the lowering makes any other a
/// string the caller formats, with a warning, so this only keeps code that would not compile
/// from being emitted. A query value its style cannot write is written as JSON text by the
/// runtime, and the lowering warns of it.
fn check_parameter(api: &Api, op: &Operation, param: &Param) -> Result<()> {
    let (wire, ty) = (&param.value.wire, &param.value.ty);
    let problem = match param.location {
        // A value described by `content` is written as its JSON text.
        _ if param.content.is_some() => return Ok(()),
        ParamLocation::Query => return Ok(()),
        _ if ty.is_textual(&api.types, false) => return Ok(()),
        ParamLocation::Path | ParamLocation::Header => format!(
            "the {} parameter `{wire}` holds an object, a map or a nested list, which only a \
             query parameter can hold",
            match param.location {
                ParamLocation::Path => "path",
                _ => "header",
            },
        ),
    };
    let at = pointer(
        &pointer("#/paths", &op.path),
        &op.method.as_str().to_ascii_lowercase(),
    );
    Err(Error::at(&at, problem))
}

/// Refuses a `client.token_env` that `from_env()` could not use: it reads one token or key,
/// so the API must have exactly one scheme that takes one.
fn check_token_env(api: &Api, config: &Config) -> Result<()> {
    let Some(var) = &config.client.token_env else {
        return Ok(());
    };
    let tokens: Vec<String> = (api.schemes.iter())
        .filter(|s| s.kind != SchemeKind::Basic)
        .map(|s| format!("`{}`", s.name))
        .collect();
    let found = match tokens.as_slice() {
        [_] => return Ok(()),
        [] => "none".to_owned(),
        names => names.join(", "),
    };
    Err(Error::at(
        "#/components/securitySchemes",
        format!(
            "the generation config's `client.token_env = \"{var}\"` needs exactly one security \
             scheme that an operation uses and that takes a token or key, for `from_env()`; \
             found {found}"
        ),
    ))
}
