//! What the document and the config must satisfy before anything is emitted: each problem is
//! refused here, with where the document (or the config) says it, rather than emitted as code
//! that does not compile or sends what the document does not describe.

use crate::config::Config;
use crate::error::{Error, Result, pointer};
use crate::ir::{Api, Operation, Param, ParamLocation, SchemeKind, Style, Type, TypeKind};

/// Checks the named model and the config.
pub(super) fn validate(api: &Api, config: &Config) -> Result<()> {
    for op in &api.operations {
        for param in &op.params {
            check_parameter(api, op, param)?;
        }
    }
    check_token_env(api, config)?;
    check_client_name(config)
}

/// Refuses a client name that the crate root could not export: one of the runtime's types it
/// re-exports beside it (`Error`), also for its builder (`{client}Builder`).
fn check_client_name(config: &Config) -> Result<()> {
    let client = &config.client.name;
    let builder = format!("{client}Builder");
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

/// Checks that a parameter can be written: a path or header parameter as text (a string, a
/// number, a boolean, an enum or a union of those, or a list of them), a query parameter as
/// its style says (see [`fits`]).
fn check_parameter(api: &Api, op: &Operation, param: &Param) -> Result<()> {
    let (wire, ty) = (&param.value.wire, &param.value.ty);
    let textual = ty.is_textual(&api.types, false);
    let problem = match param.location {
        ParamLocation::Query if param.style == Style::default() && textual => return Ok(()),
        ParamLocation::Query if fits(api, param.style, ty) => return Ok(()),
        ParamLocation::Query => format!(
            "the query parameter `{wire}` holds objects or lists inside {}, which its style \
             ({}) cannot write; `style: deepObject` can",
            match ty {
                Type::Array(_) => "a list",
                _ => "an object",
            },
            param.style.describe()
        ),
        ParamLocation::Path | ParamLocation::Header if textual => return Ok(()),
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

/// Whether `style` writes a value of `ty` as pairs of text: `deepObject` writes anything; the
/// others a scalar, a list of scalars or an object (a struct or a map) of scalars, and
/// exploded `form` an object of lists of scalars too (a pair per item). Any JSON counts as a
/// scalar: the runtime writes what the style cannot as JSON text.
fn fits(api: &Api, style: Style, ty: &Type) -> bool {
    let scalar = |t: &Type| *t == Type::Any || t.is_scalar(&api.types);
    let list = |t: &Type| matches!(t, Type::Array(item) if scalar(item));
    let property = |t: &Type| scalar(t) || (style == Style::default() && list(t));
    match ty {
        _ if style == Style::DeepObject => true,
        Type::Map(value) => property(value),
        Type::Named(id) => match &api.ty(*id).kind {
            TypeKind::Struct(fields) => fields.iter().all(|f| property(&f.value.ty)),
            // A union is written as the variant it holds.
            TypeKind::Union(union) => union.variants.iter().all(|v| fits(api, style, &v.ty)),
            _ => scalar(ty),
        },
        ty => scalar(ty) || list(ty),
    }
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
