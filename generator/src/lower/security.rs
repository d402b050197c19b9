//! Security: the schemes of `components.securitySchemes`, and the alternatives of credentials
//! each operation accepts.
//!
//! HTTP bearer, OAuth 2.0 and OpenID Connect all send `Authorization: Bearer <token>` (the
//! user, or a token provider of theirs, supplies the token: the SDK implements no OAuth flow);
//! HTTP basic sends a user name and a password; an API key travels in a header, the query or
//! a cookie. Any other HTTP scheme (`digest`, …) is refused.

use openapiv3::{APIKeyLocation, OpenAPI, ReferenceOr, SecurityRequirement, SecurityScheme};

use crate::error::{Error, Result, pointer};
use crate::ir::{BearerOrigin, KeyLocation, Operation, SchemeKind};

/// Every declared scheme, in document order, or the located error of one the generated crate
/// could not send.
pub(super) fn schemes(doc: &OpenAPI) -> Result<Vec<crate::ir::SecurityScheme<()>>> {
    let Some(components) = &doc.components else {
        return Ok(Vec::new());
    };
    let mut schemes = Vec::new();
    for (name, scheme) in &components.security_schemes {
        let at = pointer("#/components/securitySchemes", name);
        let ReferenceOr::Item(scheme) = scheme else {
            return Err(Error::at(
                &at,
                "a `$ref` to a security scheme is not supported",
            ));
        };
        let (kind, description) = match scheme {
            SecurityScheme::HTTP {
                scheme,
                bearer_format,
                description,
                ..
            } => {
                let kind = match scheme.to_ascii_lowercase().as_str() {
                    "bearer" => SchemeKind::Bearer {
                        origin: BearerOrigin::Http,
                        format: bearer_format.clone(),
                    },
                    "basic" => SchemeKind::Basic,
                    _ => {
                        return Err(Error::at(
                            &pointer(&at, "scheme"),
                            format!(
                                "HTTP `{scheme}` authentication is not supported (bearer and \
                                 basic are)"
                            ),
                        ));
                    }
                };
                (kind, description)
            }
            SecurityScheme::OAuth2 { description, .. } => (
                SchemeKind::Bearer {
                    origin: BearerOrigin::OAuth2,
                    format: None,
                },
                description,
            ),
            SecurityScheme::OpenIDConnect { description, .. } => (
                SchemeKind::Bearer {
                    origin: BearerOrigin::OpenIdConnect,
                    format: None,
                },
                description,
            ),
            SecurityScheme::APIKey {
                location,
                name: key,
                description,
                ..
            } => {
                let location = match location {
                    APIKeyLocation::Header => KeyLocation::Header,
                    APIKeyLocation::Query => KeyLocation::Query,
                    APIKeyLocation::Cookie => KeyLocation::Cookie,
                };
                check_key_name(location, key, &pointer(&at, "name"))?;
                let kind = SchemeKind::ApiKey {
                    location,
                    name: key.clone(),
                };
                (kind, description)
            }
        };
        schemes.push(crate::ir::SecurityScheme {
            name: name.clone(),
            kind,
            description: description.clone(),
            setter: (),
        });
    }
    Ok(schemes)
}

/// Refuses a key name that the runtime could not send: not a header name, an empty query
/// parameter name, or not a cookie name (an HTTP token).
fn check_key_name(location: KeyLocation, name: &str, at: &str) -> Result<()> {
    let valid = match location {
        KeyLocation::Header => http::HeaderName::from_bytes(name.as_bytes()).is_ok(),
        KeyLocation::Query => !name.is_empty(),
        KeyLocation::Cookie => {
            !name.is_empty()
                && name
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
        }
    };
    match valid {
        true => Ok(()),
        false => Err(Error::at(
            at,
            format!(
                "`{}` is not a valid {} name",
                name.escape_debug(),
                match location {
                    KeyLocation::Header => "header",
                    KeyLocation::Query => "query parameter",
                    KeyLocation::Cookie => "cookie",
                }
            ),
        )),
    }
}

/// The alternatives of credentials an operation accepts: its own `security` (at `at`), else
/// the document's; each alternative the indices of its schemes in `components.securitySchemes`.
/// No `security` at all, `security: []` and `security: [{}]` need no credentials.
pub(super) fn requirements(
    doc: &OpenAPI,
    own: Option<&Vec<SecurityRequirement>>,
    at: &str,
) -> Result<Vec<Vec<usize>>> {
    let (requirements, at) = match (own, &doc.security) {
        (Some(own), _) => (own, pointer(at, "security")),
        (None, Some(global)) => (global, "#/security".to_owned()),
        (None, None) => return Ok(Vec::new()),
    };
    let declared = doc.components.as_ref().map(|c| &c.security_schemes);
    let mut alternatives = Vec::new();
    for (i, requirement) in requirements.iter().enumerate() {
        let mut alternative = Vec::new();
        for name in requirement.keys() {
            let index = declared.and_then(|d| d.get_index_of(name)).ok_or_else(|| {
                Error::at(
                    &pointer(&pointer(&at, &i.to_string()), name),
                    format!("no security scheme `{name}` in #/components/securitySchemes"),
                )
            })?;
            alternative.push(index);
        }
        if !alternatives.contains(&alternative) {
            alternatives.push(alternative);
        }
    }
    // Only empty alternatives (`security: [{}]`): no credentials, as with `security: []`.
    if alternatives.iter().all(Vec::is_empty) {
        alternatives.clear();
    }
    Ok(alternatives)
}

/// The schemes some operation uses, in document order, the operations' indices renumbered
/// to address them: a scheme nothing uses gets no setter.
pub(super) fn keep_used(
    schemes: Vec<crate::ir::SecurityScheme<()>>,
    operations: &mut [Operation<()>],
) -> Vec<crate::ir::SecurityScheme<()>> {
    let used = |i: usize| {
        operations.iter().any(|op| {
            op.security
                .iter()
                .any(|alternative| alternative.contains(&i))
        })
    };
    let kept: Vec<usize> = (0..schemes.len()).filter(|&i| used(i)).collect();
    for op in operations.iter_mut() {
        for alternative in &mut op.security {
            for index in alternative.iter_mut() {
                *index = kept.iter().position(|&k| k == *index).unwrap_or(*index);
            }
        }
    }
    let mut schemes: Vec<_> = schemes.into_iter().map(Some).collect();
    kept.iter().filter_map(|&i| schemes[i].take()).collect()
}
