//! Credentials in the generated crate: the schemes the client's defaults declare, one client
//! builder setter per scheme (three for a token or key: the value, an environment variable, a
//! provider), each request's alternatives, and the credentials the examples read.
//!
//! The runtime (`templates/runtime/src/auth.rs`) stores and sends them; the names here are
//! the naming pass's ([`crate::naming`]).

use heck::ToShoutySnakeCase;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::doc;
use crate::ir::{Api, BearerOrigin, KeyLocation, Operation, SchemeKind, SecurityScheme};
use crate::plan::{CredentialSetter, Plan, SetterKind};

/// The environment variable the examples read a single token or key from.
pub const TOKEN_ENV: &str = "API_TOKEN";

/// The fields of the client's `Defaults` that declare the schemes (none for an API without
/// security schemes, whose calls carry no credentials).
pub(crate) fn defaults(api: &Api) -> TokenStream {
    let schemes = api.schemes.iter().map(|scheme| {
        let (name, setter) = (&scheme.name, &scheme.setter);
        let kind = match &scheme.kind {
            SchemeKind::Bearer { .. } => quote!(Bearer),
            SchemeKind::Basic => quote!(Basic),
            SchemeKind::ApiKey { location, name } => {
                let location = format_ident!("{}", location_name(*location));
                quote!(#location(#name))
            }
        };
        quote! {
            runtime::auth::Scheme {
                name: #name,
                setter: #setter,
                kind: runtime::auth::SchemeKind::#kind,
            }
        }
    });
    let required = !api.operations.is_empty()
        && api
            .operations
            .iter()
            .all(|op| !op.security.is_empty() && op.security.iter().all(|a| !a.is_empty()));
    quote! {
        schemes: &[#(#schemes),*],
        credentials_required: #required,
    }
}

/// The runtime's name of where an API key travels.
fn location_name(location: KeyLocation) -> &'static str {
    match location {
        KeyLocation::Header => "Header",
        KeyLocation::Query => "Query",
        KeyLocation::Cookie => "Cookie",
    }
}

/// `.security(…)` of an operation's request: the names of the schemes of each alternative.
pub(crate) fn request_security(api: &Api, op: &Operation) -> TokenStream {
    if op.security.is_empty() {
        return quote!();
    }
    let alternatives = op.security.iter().map(|alternative| {
        let names = alternative.iter().map(|&i| &api.schemes[i].name);
        quote!(&[#(#names),*])
    });
    quote!(.security(&[#(#alternatives),*]))
}

/// The client builder's credential setters, one `impl` block for all schemes.
pub(crate) fn setters(plan: &Plan) -> TokenStream {
    if plan.credentials.is_empty() {
        return quote!();
    }
    let builder = &plan.builder;
    let setters = (plan.credentials.iter()).map(|s| setter(&plan.api.schemes[s.scheme], s));
    quote! {
        /// The credentials of the API's security schemes: each call sends those its operation
        /// accepts.
        impl #builder {
            #(#setters)*
        }
    }
}

/// What a scheme's credential is and how it travels, for its setter's docs.
fn about(scheme: &SecurityScheme) -> String {
    let name = &scheme.name;
    let what = match &scheme.kind {
        SchemeKind::Bearer {
            origin: BearerOrigin::Http,
            format,
        } => {
            let format = format
                .as_deref()
                .map(|f| format!(", formatted `{}`", f.replace('`', "'")))
                .unwrap_or_default();
            format!("The bearer token of the `{name}` security scheme{format}")
        }
        SchemeKind::Bearer { origin, .. } => {
            let origin = match origin {
                BearerOrigin::OAuth2 => "OAuth 2.0",
                _ => "OpenID Connect",
            };
            format!(
                "The access token of the `{name}` security scheme ({origin}; get it from the \
                 authorization server, as this crate runs no {origin} flow)"
            )
        }
        SchemeKind::Basic => {
            format!("The user name and password of the `{name}` security scheme (HTTP basic)")
        }
        SchemeKind::ApiKey {
            location: KeyLocation::Query,
            ..
        } => format!(
            "The API key of the `{name}` security scheme (which logs, hooks and errors never show)"
        ),
        SchemeKind::ApiKey { .. } => format!("The API key of the `{name}` security scheme"),
    };
    let what = format!("{what}, sent {}", sent(&scheme.kind));
    let description = super::spec(scheme.description.as_deref())
        .map(|d| format!("\n\n{d}"))
        .unwrap_or_default();
    format!("{what} by the operations that accept it.{description}")
}

/// Where and how a scheme's credential travels: `as `Authorization: Bearer <token>``, `in
/// the header `X-Api-Key``, ….
fn sent(kind: &SchemeKind) -> String {
    match kind {
        SchemeKind::Bearer { .. } => "as `Authorization: Bearer <token>`".to_owned(),
        SchemeKind::Basic => "as `Authorization: Basic <base64 of user:password>`".to_owned(),
        SchemeKind::ApiKey { location, name } => match location {
            KeyLocation::Header => format!("in the header `{name}`"),
            KeyLocation::Query => format!("as the query parameter `{name}`"),
            KeyLocation::Cookie => format!("as the cookie `{name}`"),
        },
    }
}

/// A credential setter of the client builder, as its kind says: the credential itself, the
/// environment variable to read it from, or a provider to call for it.
fn setter(scheme: &SecurityScheme, setter: &CredentialSetter) -> TokenStream {
    match setter.kind {
        SetterKind::Basic | SetterKind::Secret(_) => value_setter(scheme, setter),
        SetterKind::Env => env_setter(scheme, setter),
        SetterKind::Provider => provider_setter(scheme, setter),
    }
}

/// The setter that takes the credential itself: a user name and a password for HTTP basic,
/// else the token or key, named as the plan says.
fn value_setter(scheme: &SecurityScheme, setter: &CredentialSetter) -> TokenStream {
    let (name, scheme_name) = (&setter.name, &scheme.name);
    let docs = doc(&about(scheme));
    match setter.kind {
        SetterKind::Secret(arg) => {
            let arg = format_ident!("{arg}");
            quote! {
                #docs
                pub fn #name(mut self, #arg: impl Into<String>) -> Self {
                    self.credentials.secret(#scheme_name, #arg.into());
                    self
                }
            }
        }
        _ => quote! {
            #docs
            pub fn #name(mut self, username: impl Into<String>, password: impl Into<String>) -> Self {
                self.credentials.basic(#scheme_name, username.into(), password.into());
                self
            }
        },
    }
}

/// The setter that reads the credential of the scheme's value setter from an environment
/// variable, when the client is built.
fn env_setter(scheme: &SecurityScheme, setter: &CredentialSetter) -> TokenStream {
    let (name, scheme_name, value) = (&setter.name, &scheme.name, &scheme.setter);
    let docs = doc(&format!(
        "The credential of [`{value}`](Self::{value}) read now from the environment \
         variable `name`. When the variable is not set, is not Unicode or is blank, \
         [`build`](Self::build) fails with a configuration error that names it."
    ));
    let setter_name = name.as_str();
    quote! {
        #docs
        pub fn #name(mut self, name: &str) -> Self {
            self.credentials.secret_env(#scheme_name, #setter_name, name);
            self
        }
    }
}

/// The setter that takes a provider of the credential of the scheme's value setter, called
/// once per call.
fn provider_setter(scheme: &SecurityScheme, setter: &CredentialSetter) -> TokenStream {
    let (name, scheme_name, value) = (&setter.name, &scheme.name, &scheme.setter);
    let docs = doc(&format!(
        "Gets the credential of [`{value}`](Self::{value}) from `provider`, called \
         once per call before its first attempt (retries reuse what it gave), so that a \
         rotated secret is picked up by the next call.\n\n\
         When the provider fails or gives a blank value, the call fails with \
         [`SdkError::Auth`] and sends nothing."
    ));
    quote! {
        #docs
        pub fn #name<F, Fut, E>(mut self, provider: F) -> Self
        where
            F: Fn() -> Fut + Send + Sync + 'static,
            Fut: std::future::Future<Output = Result<String, E>> + Send + 'static,
            E: Into<BoxError>,
        {
            self.credentials.provider(#scheme_name, provider);
            self
        }
    }
}

/// What an operation's docs say of its credentials, when the API has security schemes: the
/// client builder setters of each alternative it accepts.
pub(crate) fn credentials_note(api: &Api, op: &Operation) -> Option<String> {
    if api.schemes.is_empty() {
        return None;
    }
    let alternatives: Vec<String> = (op.security.iter())
        .filter(|alternative| !alternative.is_empty())
        .map(|alternative| {
            let setters: Vec<String> = (alternative.iter())
                .map(|&i| format!("`{}`", api.schemes[i].setter))
                .collect();
            setters.join(" and ")
        })
        .collect();
    let optional = op.security.iter().any(Vec::is_empty);
    Some(match (alternatives.as_slice(), optional) {
        ([], _) => "Credentials: none; the call sends none.".to_owned(),
        (list, true) => format!(
            "Credentials: optional; sent when the client holds them: {}.",
            list.join(", or ")
        ),
        (list, false) => format!("Credentials: {}.", list.join(", or ")),
    })
}

/// The scheme a single token or key is for: the API's only scheme with a value setter, which
/// `from_env()` and the docs' examples of a token provider use.
pub(crate) fn token_scheme(api: &Api) -> Option<&SecurityScheme> {
    let mut tokens = api.schemes.iter().filter(|s| s.kind != SchemeKind::Basic);
    match (tokens.next(), tokens.next()) {
        (Some(scheme), None) => Some(scheme),
        _ => None,
    }
}

/// The credentials an example gives the client builder: the schemes of `alternative`
/// (indices in [`Api::schemes`]), each with the environment variables its call reads.
pub(crate) struct ExampleCredentials<'a> {
    pub schemes: Vec<(&'a SecurityScheme, Vec<String>)>,
}

/// The credentials of the README's and the example programs' client: the first alternative
/// of the first operation that needs credentials.
pub(crate) fn first_credentials(api: &Api) -> ExampleCredentials<'_> {
    let alternative = api
        .operations
        .iter()
        .find_map(|op| op.security.iter().find(|a| !a.is_empty()));
    example_credentials(api, alternative.map(Vec::as_slice).unwrap_or_default())
}

pub(crate) fn example_credentials<'a>(
    api: &'a Api,
    alternative: &[usize],
) -> ExampleCredentials<'a> {
    let alone = alternative.len() == 1;
    let schemes = alternative
        .iter()
        .map(|&i| {
            let scheme = &api.schemes[i];
            let prefix = match alone {
                true => "API".to_owned(),
                false => format!("API_{}", scheme.setter.to_shouty_snake_case()),
            };
            let vars = match (&scheme.kind, alone) {
                (SchemeKind::Basic, _) => {
                    vec![format!("{prefix}_USERNAME"), format!("{prefix}_PASSWORD")]
                }
                (_, true) => vec![TOKEN_ENV.to_owned()],
                (_, false) => vec![prefix],
            };
            (scheme, vars)
        })
        .collect();
    ExampleCredentials { schemes }
}

impl ExampleCredentials<'_> {
    /// The environment variables, in order.
    pub fn vars(&self) -> Vec<&str> {
        self.schemes
            .iter()
            .flat_map(|(_, vars)| vars.iter().map(String::as_str))
            .collect()
    }

    /// The builder calls, each reading its variables with `read` (an expression of a variable
    /// name, e.g. `std::env::var(name)?`).
    pub fn calls(&self, read: impl Fn(&str) -> TokenStream) -> TokenStream {
        let calls = self.schemes.iter().map(|(scheme, vars)| {
            let setter = format_ident!("{}", scheme.setter);
            let args = vars.iter().map(|v| read(v));
            quote!(.#setter(#(#args),*))
        });
        quote!(#(#calls)*)
    }

    /// The builder calls as README lines (four spaces in), with literal placeholder values.
    pub fn placeholder_lines(&self) -> String {
        self.lines_of("…")
    }

    /// The builder calls as README lines, with `value` for every credential: a test's, which
    /// must be valid in a header or cookie (ASCII), unlike the placeholder.
    pub fn lines_of(&self, value: &str) -> String {
        self.schemes
            .iter()
            .map(|(scheme, vars)| {
                let args: Vec<String> = vars.iter().map(|_| format!("\"{value}\"")).collect();
                format!("    .{}({})\n", scheme.setter, args.join(", "))
            })
            .collect()
    }

    /// The builder calls as README lines, reading the variables.
    pub fn env_lines(&self) -> String {
        self.schemes
            .iter()
            .map(|(scheme, vars)| {
                let args: Vec<String> = vars
                    .iter()
                    .map(|v| format!("std::env::var(\"{v}\")?"))
                    .collect();
                format!("    .{}({})\n", scheme.setter, args.join(", "))
            })
            .collect()
    }
}

/// The README's paragraph on credentials: each scheme's setters and what they send.
pub(crate) fn readme_section(api: &Api) -> String {
    if api.schemes.is_empty() {
        return String::new();
    }
    let items: String = api
        .schemes
        .iter()
        .map(|scheme| {
            let s = &scheme.setter;
            let call = match &scheme.kind {
                SchemeKind::Bearer { .. } => "token",
                SchemeKind::Basic => "username, password",
                SchemeKind::ApiKey { .. } => "key",
            };
            let sends = sent(&scheme.kind);
            let more = match scheme.kind {
                SchemeKind::Basic => String::new(),
                _ => format!(
                    "; `.{s}_env(name)` reads it from an environment variable, `.{s}_provider(f)` \
                     asks a function of yours for it on every call"
                ),
            };
            format!(
                "- `.{s}({call})`: the `{}` scheme, sent {sends}{more}.\n",
                scheme.name
            )
        })
        .collect();
    let several = api
        .operations
        .iter()
        .any(|op| op.security.len() > 1 || op.security.iter().any(|a| a.len() > 1));
    let choice = match several {
        true => {
            " An operation that accepts several alternatives gets the first that the client \
             holds whole, and one that combines schemes gets each of them."
        }
        false => "",
    };
    format!(
        "\nEach call sends the credentials its operation accepts (its `security` in the API \
         description), set once on the client builder:\n\n{items}\n\
         A call whose operation needs credentials that the client does not hold fails with \
         `SdkError::Auth`, naming the setters, and nothing is sent.{choice} `Debug` output, \
         logs and errors never show a credential.\n"
    )
}

/// The README's example of a token provider, for the first scheme that takes a token or key.
pub(crate) fn provider_section(api: &Api, krate: &str, client: &str) -> String {
    let Some(scheme) = api.schemes.iter().find(|s| s.kind != SchemeKind::Basic) else {
        return String::new();
    };
    let provider = format!("{}_provider", scheme.setter);
    format!(
        "A token or key that rotates can come from a provider instead: it is called once per \
         call, before the first attempt (retries reuse what it gave). If it fails or gives a \
         blank value, the call fails with `SdkError::Auth` and nothing is sent.\n\n\
         ```rust,no_run\n\
         use std::sync::{{Arc, RwLock}};\n\
         use {krate}::{client};\n\n\
         # fn example() -> Result<(), Box<dyn std::error::Error>> {{\n\
         let current = Arc::new(RwLock::new(\"…\".to_owned())); // updated elsewhere\n\
         let client = {client}::builder()\n    \
             .{provider}(move || {{\n        \
                 let token = current.read().map(|t| t.clone()).map_err(|e| e.to_string());\n        \
                 async move {{ token }}\n    \
             }})\n    \
             .build()?;\n\
         # Ok(())\n\
         # }}\n\
         ```\n\n"
    )
}
