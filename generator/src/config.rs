//! The generation config: what an SDK needs that its API description does not say.
//!
//! It lives next to the description (`spec/sdk.toml`) and is read by the xtask; the
//! generator itself knows nothing about any particular API.

use std::collections::BTreeMap;

use serde::Deserialize;

/// Settings of one generated SDK.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// OpenAPI Overlay 1.0 files applied to the document, in order, before it is read
    /// (`overlays = ["overlay.yaml"]`, a top-level key), by paths relative to the config
    /// file. The caller reads them (the xtask does) and passes them to [`crate::render`],
    /// which does not look at this list; see [`crate::overlay`].
    #[serde(default)]
    pub overlays: Vec<String>,
    #[serde(rename = "crate")]
    pub krate: CrateConfig,
    pub client: ClientConfig,
    #[serde(default)]
    pub models: ModelsConfig,
    /// The paging pattern of list operations, if the API has one.
    #[serde(default)]
    pub pagination: Option<PaginationConfig>,
    /// The bounds of the default retry policy, beside what `x-speakeasy-retries` says.
    #[serde(default)]
    pub retries: RetriesConfig,
    /// Where the API's error bodies and responses say what went wrong: the message, code and
    /// request id that errors give.
    #[serde(default)]
    pub errors: ErrorsConfig,
    /// Refuse the document at the first construct the generator cannot type exactly, instead
    /// of generating it in a looser form with a warning (`strict = true`, a top-level key;
    /// `cargo xtask generate --strict` sets it for one run). See
    /// [`crate::ir::Limitation`].
    #[serde(default)]
    pub strict: bool,
}

/// The bounds of the default retry policy: the document's `x-speakeasy-retries` says what is
/// retried and how fast, and has no limit but a time budget; these bound every call.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct RetriesConfig {
    /// The most attempts of one call, the first included (3 unless set).
    pub max_attempts: u32,
    /// The most time one call may take, attempts and delays included, in milliseconds
    /// (2 minutes unless set).
    pub deadline_ms: u64,
}

impl Default for RetriesConfig {
    fn default() -> Self {
        RetriesConfig {
            max_attempts: 3,
            deadline_ms: 120_000,
        }
    }
}

/// The generated crate's package.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CrateConfig {
    /// The package name, e.g. `clerk-backend-api`.
    pub name: String,
    /// The crate's own semver version; the API's `info.version` is something else.
    pub version: String,
    pub description: String,
    /// The package's `repository` URL, if any.
    #[serde(default)]
    pub repository: Option<String>,
    /// The package's `documentation` URL, if any (crates.io links docs.rs without one).
    #[serde(default)]
    pub documentation: Option<String>,
    /// The package's `keywords` on crates.io: at most 5, each at most 20 characters of ASCII
    /// letters, digits, `_`, `-` and `+`, starting with a letter or digit. When not set,
    /// the template's generic ones (`api`, `sdk`, `openapi`, `client`).
    #[serde(default)]
    pub keywords: Option<Vec<String>>,
    /// The package's `categories` on crates.io: at most 5 slugs of its list, such as
    /// `api-bindings` or `web-programming::http-client` (checked for their form here, against
    /// the list by crates.io). When not set, the template's (those two).
    #[serde(default)]
    pub categories: Option<Vec<String>>,
}

/// The generated client.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClientConfig {
    /// The client type's name, e.g. `Clerk`.
    pub name: String,
    /// The product part of the `User-Agent`; the crate version is appended.
    pub user_agent: String,
    /// A header that carries the API's `info.version` with every request, if the API
    /// selects versions that way.
    #[serde(default)]
    pub api_version_header: Option<String>,
    /// Headers sent with every request (after the API-version header), by name. A header
    /// set on the client builder or on a call replaces one of the same name.
    #[serde(default)]
    pub headers: BTreeMap<String, String>,
    /// The environment variable that holds the bearer token (`CLERK_SECRET_KEY`): when set,
    /// the client gets a `from_env()` that reads it.
    #[serde(default)]
    pub token_env: Option<String>,
}

/// Where a documented error body says what went wrong, and where the API puts its id of a
/// request: what the errors' `message()`, `code()` and `request_id()` give. Each place in a
/// body is a JSON pointer (RFC 6901) from the body's root, such as `/errors/0/long_message`;
/// a body whose model has no string there gives `None` for it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ErrorsConfig {
    /// The places of the API's own message, the first a body has winning
    /// (`["/errors/0/long_message", "/errors/0/message"]`).
    #[serde(default)]
    pub message: Vec<String>,
    /// The places of the API's code for the error (`["/errors/0/code"]`).
    #[serde(default)]
    pub code: Vec<String>,
    /// Where the API puts its id of a request, in the order `request_id()` tries them: a
    /// place in a documented error body (`{ body = "/clerk_trace_id" }`) or a response header
    /// (`{ header = "cf-ray" }`).
    #[serde(default)]
    pub request_id: Vec<RequestIdSource>,
}

/// A place where the API puts its id of a request.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase", deny_unknown_fields)]
pub enum RequestIdSource {
    /// A JSON pointer into a documented error body.
    Body(String),
    /// A response header's name.
    Header(String),
}

impl ErrorsConfig {
    /// Checks that every place in a body is a JSON pointer below the root and every header
    /// name is one.
    fn check(&self) -> crate::Result<()> {
        let fail = |message: String| Err(crate::Error::Config(message));
        let places = (self.message.iter().map(|p| ("message", p)))
            .chain(self.code.iter().map(|p| ("code", p)))
            .chain(self.request_id.iter().filter_map(|s| match s {
                RequestIdSource::Body(p) => Some(("request_id", p)),
                RequestIdSource::Header(_) => None,
            }));
        for (key, place) in places {
            if !place.starts_with('/') {
                return fail(format!(
                    "errors.{key}: `{place}` is not a JSON pointer into the body (such as \
                     `/errors/0/message`)"
                ));
            }
        }
        for source in &self.request_id {
            if let RequestIdSource::Header(name) = source
                && http::HeaderName::from_bytes(name.as_bytes()).is_err()
            {
                return fail(format!(
                    "errors.request_id: `{name}` is not a valid header name"
                ));
            }
        }
        Ok(())
    }
}

/// How the generated models treat some fields.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ModelsConfig {
    /// Wire names of fields and parameters that hold secrets (`secret`): wherever they
    /// appear, `Debug` prints `<redacted>` instead of their value.
    #[serde(default)]
    pub sensitive_fields: Vec<String>,
}

/// Offset paging: an operation whose query has both parameters and whose success body has
/// both fields gets a `stream()` that walks every item across pages.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PaginationConfig {
    /// The query parameter that skips items (`offset`).
    pub offset: String,
    /// The query parameter that sets the page size (`limit`).
    pub limit: String,
    /// The array field of the body that holds a page's items (`data`).
    pub items: String,
    /// The number field of the body that counts the items of all pages (`total_count`).
    pub total: String,
}

impl CrateConfig {
    /// Checks the crates.io metadata as crates.io would: URLs, keywords and the form of
    /// categories.
    fn check_metadata(&self) -> crate::Result<()> {
        let fail = |message: String| Err(crate::Error::Config(message));
        for (key, url) in [
            ("repository", &self.repository),
            ("documentation", &self.documentation),
        ] {
            if let Some(url) = url {
                let valid = (url.starts_with("https://") || url.starts_with("http://"))
                    && url.len() > "https://".len()
                    && !url.chars().any(|c| c.is_whitespace() || c.is_control());
                if !valid {
                    return fail(format!("crate.{key} `{url}` is not an http(s) URL"));
                }
            }
        }
        if let Some(keywords) = &self.keywords {
            if keywords.len() > 5 {
                return fail(format!(
                    "crate.keywords: {} keywords, crates.io allows at most 5",
                    keywords.len()
                ));
            }
            for keyword in keywords {
                let valid = keyword.len() <= 20
                    && keyword.starts_with(|c: char| c.is_ascii_alphanumeric())
                    && keyword
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '+'));
                if !valid {
                    return fail(format!(
                        "crate.keywords: `{keyword}` is not a crates.io keyword (at most 20 \
                         ASCII letters, digits, `_`, `-` or `+`, starting with a letter or digit)"
                    ));
                }
            }
        }
        if let Some(categories) = &self.categories {
            if categories.len() > 5 {
                return fail(format!(
                    "crate.categories: {} categories, crates.io allows at most 5",
                    categories.len()
                ));
            }
            for category in categories {
                let valid = category.split("::").all(|slug| {
                    !slug.is_empty()
                        && slug
                            .chars()
                            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
                });
                if !valid {
                    return fail(format!(
                        "crate.categories: `{category}` is not a crates.io category slug \
                         (such as `api-bindings` or `web-programming::http-client`)"
                    ));
                }
            }
        }
        Ok(())
    }
}

impl Config {
    /// Parses a config file's text.
    pub fn from_toml(text: &str) -> crate::Result<Config> {
        let config: Config =
            toml::from_str(text).map_err(|e| crate::Error::Config(e.to_string()))?;
        let valid_ident = |s: &str| syn::parse_str::<syn::Ident>(s).is_ok();
        if !valid_ident(&config.client.name) {
            return Err(crate::Error::Config(format!(
                "client.name `{}` is not a Rust identifier",
                config.client.name
            )));
        }
        let is_package_name = |s: &str| {
            !s.is_empty()
                && s.chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        };
        if !is_package_name(&config.krate.name) {
            return Err(crate::Error::Config(format!(
                "crate.name `{}` is not a package name",
                config.krate.name
            )));
        }
        if let Err(e) = semver::Version::parse(&config.krate.version) {
            return Err(crate::Error::Config(format!(
                "crate.version `{}` is not a semver version: {e}",
                config.krate.version
            )));
        }
        for (name, value) in &config.client.headers {
            if http::HeaderName::from_bytes(name.as_bytes()).is_err()
                || http::HeaderValue::from_str(value).is_err()
            {
                return Err(crate::Error::Config(format!(
                    "client.headers: `{name}: {value}` is not a valid header"
                )));
            }
        }
        config.errors.check()?;
        config.krate.check_metadata()?;
        if let Some(var) = &config.client.token_env {
            let valid = !var.is_empty()
                && !var.starts_with(|c: char| c.is_ascii_digit())
                && var.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
            if !valid {
                return Err(crate::Error::Config(format!(
                    "client.token_env `{var}` is not an environment variable name \
                     (ASCII letters, digits and `_`, not starting with a digit)"
                )));
            }
        }
        if config.retries.max_attempts == 0 {
            return Err(crate::Error::Config(
                "retries.max_attempts must be at least 1 (the first attempt)".into(),
            ));
        }
        if config.retries.deadline_ms == 0 {
            return Err(crate::Error::Config(
                "retries.deadline_ms must be above 0: a call needs time for its first attempt"
                    .into(),
            ));
        }
        Ok(config)
    }

    /// Whether the field or parameter with this wire name holds a secret.
    pub fn is_sensitive(&self, wire: &str) -> bool {
        self.models.sensitive_fields.iter().any(|f| f == wire)
    }

    /// The crate name as Rust code spells it (`clerk_backend_api`).
    pub fn crate_ident(&self) -> String {
        self.krate.name.replace('-', "_")
    }
}
