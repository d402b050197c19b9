//! The client builder's credential setters: one per security scheme an operation uses, three
//! for a token or key (the value, an environment variable, a provider). `emit::auth` writes
//! them; the surface lists their signatures, printed here.

use std::fmt;

use crate::ir::{SchemeKind, SecurityScheme};
use crate::naming::Name;

/// A setter of the client builder that sets a scheme's credential.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CredentialSetter {
    /// The scheme's index in [`crate::ir::Api::schemes`].
    pub scheme: usize,
    pub name: Name,
    pub kind: SetterKind,
}

/// What a credential setter takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SetterKind {
    /// The token or key itself, named as its argument says (`token`, `key`).
    Secret(&'static str),
    /// The name of the environment variable to read it from.
    Env,
    /// A function that gives it on every call.
    Provider,
    /// A user name and a password (HTTP basic).
    Basic,
}

/// The setters of every scheme, in the schemes' order.
pub(super) fn credential_setters(schemes: &[SecurityScheme]) -> Vec<CredentialSetter> {
    let mut setters = Vec::new();
    for (index, scheme) in schemes.iter().enumerate() {
        let setter = |suffix: &str, kind| CredentialSetter {
            scheme: index,
            name: Name::new(format!("{}{suffix}", scheme.setter)),
            kind,
        };
        let value = match scheme.kind {
            SchemeKind::Basic => {
                setters.push(setter("", SetterKind::Basic));
                continue;
            }
            SchemeKind::ApiKey { .. } => "key",
            SchemeKind::Bearer { .. } => "token",
        };
        setters.push(setter("", SetterKind::Secret(value)));
        setters.push(setter("_env", SetterKind::Env));
        setters.push(setter("_provider", SetterKind::Provider));
    }
    setters
}

/// The setter's signature as the surface lists it.
impl fmt::Display for CredentialSetter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = &self.name;
        match self.kind {
            SetterKind::Secret(value) => {
                write!(f, "fn {name}(mut self, {value}: impl Into<String>) -> Self")
            }
            SetterKind::Env => write!(f, "fn {name}(mut self, name: &str) -> Self"),
            SetterKind::Provider => write!(
                f,
                "fn {name}<F, Fut, E>(mut self, provider: F) -> Self where F: Fn() -> Fut + \
                 Send + Sync + 'static, Fut: std::future::Future<Output = Result<String, E>> + \
                 Send + 'static, E: Into<BoxError>,"
            ),
            SetterKind::Basic => write!(
                f,
                "fn {name}(mut self, username: impl Into<String>, password: impl Into<String>) \
                 -> Self"
            ),
        }
    }
}
