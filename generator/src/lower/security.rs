//! Security: the schemes of `components.securitySchemes`, and the alternatives of credentials
//! each operation accepts.
//!
//! HTTP bearer, OAuth 2.0 and OpenID Connect all send `Authorization: Bearer <token>` (the
//! user, or a token provider of theirs, supplies the token: the SDK implements no OAuth flow);
//! HTTP basic sends a user name and a password; an API key travels in a header, the query or
//! a cookie. Any other HTTP scheme (`digest`, Sentry's `DSN`, …) is degraded: its credential
//! is the whole `Authorization` header value, which the caller supplies (`DSN <key>`), as an
//! API key in that header.

use openapiv3::{APIKeyLocation, SecurityRequirement, SecurityScheme};

use super::Lowerer;
use crate::error::{Error, Result, pointer};
use crate::ir::{BearerOrigin, KeyLocation, Operation, SchemeKind};

impl Lowerer<'_> {
    /// Every declared scheme, in document order, or the located error of one the generated
    /// crate could not send.
    pub(super) fn schemes(&mut self) -> Result<Vec<crate::ir::SecurityScheme<()>>> {
        let doc = self.doc;
        let Some(components) = &doc.components else {
            return Ok(Vec::new());
        };
        let mut schemes = Vec::new();
        for (name, scheme) in &components.security_schemes {
            let at = pointer("#/components/securitySchemes", name);
            let scheme = self.resolve(scheme, "securitySchemes", &at, |c| &c.security_schemes)?;
            let (kind, description) = self.scheme(&scheme, &at)?;
            schemes.push(crate::ir::SecurityScheme {
                name: name.clone(),
                description: description.clone(),
                kind,
                setter: (),
            });
        }
        Ok(schemes)
    }

    /// How a scheme's credential travels, and its description.
    fn scheme<'s>(
        &mut self,
        scheme: &'s SecurityScheme,
        at: &str,
    ) -> Result<(SchemeKind, &'s Option<String>)> {
        let at = at.to_owned();
        Ok(match scheme {
            SecurityScheme::HTTP {
                scheme,
                bearer_format,
                description,
                ..
            } => (self.http_scheme(scheme, bearer_format, &at), description),
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
        })
    }

    /// An HTTP scheme: bearer, basic, or another whose whole `Authorization` value the caller
    /// supplies, with a warning.
    fn http_scheme(
        &mut self,
        scheme: &str,
        bearer_format: &Option<String>,
        at: &str,
    ) -> SchemeKind {
        match scheme.to_ascii_lowercase().as_str() {
            "bearer" => SchemeKind::Bearer {
                origin: BearerOrigin::Http,
                format: bearer_format.clone(),
            },
            "basic" => SchemeKind::Basic,
            _ => {
                self.limit(
                    &pointer(at, "scheme"),
                    format!("HTTP `{scheme}` authentication"),
                    "an `Authorization` header whose whole value the caller supplies \
                     (`<scheme> <credentials>`), as an API key in that header",
                    "the SDK implements HTTP bearer and basic authentication only",
                );
                SchemeKind::ApiKey {
                    location: KeyLocation::Header,
                    name: "Authorization".to_owned(),
                }
            }
        }
    }
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

impl Lowerer<'_> {
    /// The alternatives of credentials an operation accepts: its own `security` (at `at`),
    /// else the document's; each alternative the indices of its schemes in
    /// `components.securitySchemes`. No `security` at all, `security: []` and `security: [{}]`
    /// need no credentials. A scheme the document names but does not define is left out of its
    /// alternative (an alternative of only such schemes goes), with a warning: the caller can
    /// still send its credential with a call's `.header(…)`.
    pub(super) fn requirements(
        &mut self,
        own: Option<&Vec<SecurityRequirement>>,
        at: &str,
    ) -> Vec<Vec<usize>> {
        let doc = self.doc;
        let (requirements, at) = match (own, &doc.security) {
            (Some(own), _) => (own, pointer(at, "security")),
            (None, Some(global)) => (global, "#/security".to_owned()),
            (None, None) => return Vec::new(),
        };
        let declared = doc.components.as_ref().map(|c| &c.security_schemes);
        let mut alternatives = Vec::new();
        for (i, requirement) in requirements.iter().enumerate() {
            let mut alternative = Vec::new();
            for name in requirement.keys() {
                match declared.and_then(|d| d.get_index_of(name)) {
                    Some(index) => alternative.push(index),
                    None => self.limit(
                        &pointer(&pointer(&at, &i.to_string()), name),
                        format!("the security requirement `{name}`"),
                        "no credential (a call's `.header(…)` can send one)",
                        format!(
                            "no security scheme `{name}` is defined in #/components/securitySchemes"
                        ),
                    ),
                }
            }
            if alternative.is_empty() && !requirement.is_empty() {
                continue;
            }
            if !alternatives.contains(&alternative) {
                alternatives.push(alternative);
            }
        }
        // Only empty alternatives (`security: [{}]`): no credentials, as with `security: []`.
        if alternatives.iter().all(Vec::is_empty) {
            alternatives.clear();
        }
        alternatives
    }
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
