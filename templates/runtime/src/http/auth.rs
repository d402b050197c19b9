//! Credentials: the API's security schemes, the credential the client holds for each, and the
//! ones a call sends.
//!
//! The crate root declares the schemes its operations use (`Defaults::schemes`) and gives the
//! client builder one setter per scheme, which stores its credential in the builder's
//! [`Credentials`]. Each request names the alternatives its operation's `security` allows
//! ([`Request::security`](super::Request::security)); the call sends the first alternative
//! whose every credential the client holds, and fails before sending when there is none.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use reqwest::header::{HeaderName, HeaderValue};

use super::hooks::BoxError;

/// A security scheme of the API.
#[derive(Debug, Clone, Copy)]
pub struct Scheme {
    /// Its key in the description's `components.securitySchemes`.
    pub name: &'static str,
    /// The client builder's method that sets its credential, which messages name.
    pub setter: &'static str,
    /// How its credential travels.
    pub kind: SchemeKind,
}

/// How a scheme's credential travels.
#[derive(Debug, Clone, Copy)]
pub enum SchemeKind {
    /// `Authorization: Bearer <token>`: HTTP bearer, OAuth 2.0 and OpenID Connect.
    Bearer,
    /// `Authorization: Basic <base64 of username:password>`.
    Basic,
    /// An API key in the header of this name.
    Header(&'static str),
    /// An API key in the query parameter of this name.
    Query(&'static str),
    /// An API key in the cookie of this name.
    Cookie(&'static str),
}

impl SchemeKind {
    /// What its credential is, for `Debug` output.
    fn credential(self) -> &'static str {
        match self {
            SchemeKind::Bearer => "bearer token",
            SchemeKind::Basic => "user name and password",
            SchemeKind::Header(_) => "API key",
            SchemeKind::Query(_) => "API key",
            SchemeKind::Cookie(_) => "API key",
        }
    }
}

type SecretFuture = Pin<Box<dyn Future<Output = Result<String, BoxError>> + Send>>;

/// Where a token or key comes from.
#[derive(Clone)]
enum Secret {
    Fixed(String),
    /// Called once per call, before its first attempt; retries reuse its answer.
    Provider(Arc<dyn Fn() -> SecretFuture + Send + Sync>),
}

/// What the client holds for one scheme.
#[derive(Clone)]
enum Credential {
    Secret(Secret),
    Basic { username: String, password: String },
}

impl fmt::Debug for Credential {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Credentials are secrets: they never appear in logs.
        if let Credential::Secret(Secret::Provider(_)) = self {
            return f.write_str("<provider>");
        }
        f.write_str("<redacted>")
    }
}

/// The credentials a client builder collects: at most one per scheme, the last one set.
#[derive(Clone, Default)]
pub struct Credentials {
    /// By scheme name. An `Err` says why a `…_env` setter found nothing, which `build`
    /// reports.
    held: Vec<(&'static str, Result<Credential, String>)>,
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let held = self.held.iter().map(|(name, credential)| match credential {
            Ok(credential) => (*name, credential as &dyn fmt::Debug),
            Err(_) => (*name, &"<missing>" as &dyn fmt::Debug),
        });
        f.debug_map().entries(held).finish()
    }
}

impl Credentials {
    fn set(&mut self, scheme: &'static str, credential: Result<Credential, String>) {
        self.held.retain(|(name, _)| *name != scheme);
        self.held.push((scheme, credential));
    }

    /// Sets the token or key of `scheme`.
    pub fn secret(&mut self, scheme: &'static str, secret: String) {
        self.set(scheme, Ok(Credential::Secret(Secret::Fixed(secret))));
    }

    /// Sets the token or key of `scheme` to the value of the environment variable `var`,
    /// read now; `build` fails, naming the variable, when it is not set, not Unicode or blank.
    pub fn secret_env(&mut self, scheme: &'static str, setter: &str, var: &str) {
        let credential = match std::env::var(var) {
            Ok(secret) if !secret.trim().is_empty() => {
                Ok(Credential::Secret(Secret::Fixed(secret)))
            }
            Ok(_) => Err("is blank"),
            Err(std::env::VarError::NotPresent) => Err("is not set"),
            Err(std::env::VarError::NotUnicode(_)) => Err("is not valid Unicode"),
        };
        let credential = credential.map_err(|problem| {
            format!("no credential for `{setter}`: the environment variable `{var}` {problem}")
        });
        self.set(scheme, credential);
    }

    /// Makes `provider` give the token or key of `scheme`, once per call.
    pub fn provider<F, Fut, E>(&mut self, scheme: &'static str, provider: F)
    where
        F: Fn() -> Fut + Send + Sync + 'static,
        Fut: Future<Output = Result<String, E>> + Send + 'static,
        E: Into<BoxError>,
    {
        let provider = Secret::Provider(Arc::new(move || {
            let secret = provider();
            Box::pin(async move { secret.await.map_err(Into::into) })
        }));
        self.set(scheme, Ok(Credential::Secret(provider)));
    }

    /// Sets the user name and password of the HTTP basic scheme `scheme`.
    pub fn basic(&mut self, scheme: &'static str, username: String, password: String) {
        self.set(scheme, Ok(Credential::Basic { username, password }));
    }

    /// Whether no credential is set.
    pub(crate) fn is_empty(&self) -> bool {
        self.held.is_empty()
    }

    /// The credentials made ready for calls: each fixed one checked and encoded once, so that
    /// a bad value fails `build` rather than every call.
    pub(crate) fn ready(self, schemes: &'static [Scheme]) -> Result<Ready, String> {
        let mut ready = Vec::new();
        for scheme in schemes {
            let Some((_, credential)) = self.held.iter().find(|(name, _)| *name == scheme.name)
            else {
                continue;
            };
            let held = match credential.clone()? {
                Credential::Secret(Secret::Fixed(secret)) => Held::Wire(
                    encode(scheme, &secret)
                        .map_err(|e| format!("{e}, given to `{}`", scheme.setter))?,
                ),
                Credential::Secret(Secret::Provider(provider)) => Held::Provider(provider),
                Credential::Basic { username, password } => Held::Wire(
                    basic(&username, &password)
                        .map_err(|e| format!("{e}, given to `{}`", scheme.setter))?,
                ),
            };
            ready.push((scheme, held));
        }
        Ok(Ready {
            schemes,
            held: ready,
        })
    }
}

/// The credentials of a built client.
#[derive(Clone)]
pub(crate) struct Ready {
    /// Every scheme of the API, for messages.
    schemes: &'static [Scheme],
    held: Vec<(&'static Scheme, Held)>,
}

#[derive(Clone)]
enum Held {
    Wire(Wire),
    Provider(Arc<dyn Fn() -> SecretFuture + Send + Sync>),
}

impl fmt::Debug for Ready {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let held = self.held.iter().map(|(scheme, held)| {
            let what = scheme.kind.credential();
            match held {
                Held::Wire(_) => (scheme.name, format!("<redacted {what}>")),
                Held::Provider(_) => (scheme.name, format!("<{what} from a provider>")),
            }
        });
        f.debug_map().entries(held).finish()
    }
}

/// A credential as a request carries it.
#[derive(Clone)]
pub(crate) enum Wire {
    /// `Authorization` for bearer and basic schemes, or an API key's header; the value is
    /// marked sensitive.
    Header(HeaderName, HeaderValue),
    /// A query pair; the URL that logs, hooks and errors show has the value redacted.
    Query(&'static str, String),
    /// A cookie, `name=value`, joined with the call's other cookies into one `Cookie` header.
    Cookie(String),
}

/// `secret` as `scheme` sends it, or why it cannot be sent.
fn encode(scheme: &Scheme, secret: &str) -> Result<Wire, String> {
    if secret.trim().is_empty() {
        return Err("the credential is blank".into());
    }
    match scheme.kind {
        SchemeKind::Bearer => header(reqwest::header::AUTHORIZATION, &format!("Bearer {secret}")),
        SchemeKind::Basic => Err("a basic scheme takes a user name and a password".into()),
        SchemeKind::Header(name) => {
            let name =
                HeaderName::try_from(name).map_err(|_| format!("`{name}` is not a header name"))?;
            header(name, secret)
        }
        SchemeKind::Query(name) => Ok(Wire::Query(name, secret.to_owned())),
        SchemeKind::Cookie(name) => {
            // A cookie value cannot hold these without quoting, which servers read differently.
            if secret
                .bytes()
                .any(|b| matches!(b, b';' | b',' | b'"' | b'\\') || !b.is_ascii_graphic())
            {
                return Err("the credential is not a valid cookie value".into());
            }
            Ok(Wire::Cookie(format!("{name}={secret}")))
        }
    }
}

/// The `Authorization` header of HTTP basic authentication.
fn basic(username: &str, password: &str) -> Result<Wire, String> {
    use base64::Engine as _;
    if username.contains(':') {
        return Err("a basic user name cannot contain `:`".into());
    }
    let encoded =
        base64::engine::general_purpose::STANDARD.encode(format!("{username}:{password}"));
    header(reqwest::header::AUTHORIZATION, &format!("Basic {encoded}"))
}

/// A sensitive header, so that `Debug` output of the request's headers hides it.
fn header(name: HeaderName, value: &str) -> Result<Wire, String> {
    let mut value = HeaderValue::try_from(value)
        .map_err(|_| "the credential is not a valid header value".to_owned())?;
    value.set_sensitive(true);
    Ok(Wire::Header(name, value))
}

impl Ready {
    /// The credentials of one call to `operation`, whose description allows the alternatives
    /// `security` (each the names of the schemes it combines): those of the first alternative
    /// that needs credentials and whose every one the client holds, else none if an
    /// alternative needs none (`{}` in the description: authentication is optional) or there
    /// are no alternatives. Each provider involved is asked once.
    pub(crate) async fn for_call(
        &self,
        operation: &str,
        security: &[&[&'static str]],
    ) -> Result<Vec<Wire>, BoxError> {
        let held = |name: &str| self.held.iter().find(|(s, _)| s.name == name);
        let usable = security
            .iter()
            .filter(|alternative| !alternative.is_empty())
            .find(|alternative| alternative.iter().all(|name| held(name).is_some()));
        let Some(alternative) = usable else {
            // No alternatives: the operation needs no credentials.
            if security.is_empty() || security.iter().any(|alternative| alternative.is_empty()) {
                return Ok(Vec::new());
            }
            return Err(self.missing(operation, security).into());
        };
        let mut wires = Vec::with_capacity(alternative.len());
        for entry in alternative.iter().filter_map(|name| held(name)) {
            wires.push(match &entry.1 {
                Held::Wire(wire) => wire.clone(),
                Held::Provider(provider) => {
                    let (scheme, secret) = (entry.0, provider().await?);
                    encode(scheme, &secret)
                        .map_err(|e| format!("{e}, given by the provider of `{}`", scheme.setter))?
                }
            });
        }
        Ok(wires)
    }

    /// What to set on the client builder for a call to `operation`.
    fn missing(&self, operation: &str, security: &[&[&'static str]]) -> String {
        let setter = |name: &'static str| match self.schemes.iter().find(|s| s.name == name) {
            Some(scheme) => scheme.setter,
            None => name,
        };
        let alternatives: Vec<String> = security
            .iter()
            .map(|alternative| {
                let setters: Vec<String> = alternative
                    .iter()
                    .map(|name| format!("`{}`", setter(name)))
                    .collect();
                setters.join(" and ")
            })
            .collect();
        format!(
            "`{operation}` needs credentials the client does not hold: set {} on the client builder",
            alternatives.join(", or ")
        )
    }
}

#[cfg(test)]
mod tests;
