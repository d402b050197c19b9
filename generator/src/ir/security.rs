//! The security schemes: how each kind of credential travels.

/// A security scheme: how a credential of one kind travels.
#[derive(Debug, Clone, PartialEq)]
pub struct SecurityScheme<N = String> {
    /// Its key in `components.securitySchemes`.
    pub name: String,
    pub kind: SchemeKind,
    pub description: Option<String>,
    /// The client builder's setter of its credential (snake_case); `()` before the naming
    /// pass.
    pub setter: N,
}

#[derive(Debug, Clone, PartialEq)]
pub enum SchemeKind {
    /// `Authorization: Bearer <token>`: HTTP bearer, and OAuth 2.0 and OpenID Connect, whose
    /// token the user or a token provider supplies.
    Bearer {
        origin: BearerOrigin,
        format: Option<String>,
    },
    /// HTTP basic: a user name and a password.
    Basic,
    /// An API key in the header, query parameter or cookie `name`.
    ApiKey { location: KeyLocation, name: String },
}

/// What kind of scheme a bearer token comes from, which its docs say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BearerOrigin {
    /// HTTP `bearer`.
    Http,
    OAuth2,
    OpenIdConnect,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyLocation {
    Header,
    Query,
    Cookie,
}
