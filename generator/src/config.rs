//! The generation config: what an SDK needs that its API description does not say.
//!
//! It lives next to the description (`spec/sdk.toml`) and is read by the xtask; the
//! generator itself knows nothing about any particular API. What its types cannot say is
//! checked once it is parsed (`check`).

use std::collections::BTreeMap;

use serde::Deserialize;

mod check;

/// Settings of one generated SDK.
#[derive(Debug, Clone, PartialEq, Deserialize)]
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
    /// The client: needed when the document has operations (the plan refuses one without
    /// it), left out for a document of webhooks only, whose crate has no client. Without it,
    /// every field is empty.
    #[serde(default)]
    pub client: ClientConfig,
    #[serde(default)]
    pub models: ModelsConfig,
    /// The paging pattern of list operations, if the API has one.
    #[serde(default)]
    pub pagination: Option<PaginationConfig>,
    /// The bounds of the default retry policy, beside what `x-speakeasy-retries` says.
    #[serde(default)]
    pub retries: RetriesConfig,
    /// Rust modules written by hand that the crate includes (`[[modules]]`), in order: each
    /// is copied whole into `src/`, declared in `lib.rs` and compiled, linted, documented and
    /// checked for drift with the generated code. The caller reads the files (the xtask does,
    /// by paths relative to the config file) and passes them to [`crate::render_with`].
    #[serde(default)]
    pub modules: Vec<ModuleConfig>,
    /// Cargo features the hand-written modules need (`[features.tower]`), by name: the optional
    /// dependencies each turns on.
    #[serde(default)]
    pub features: BTreeMap<String, FeatureConfig>,
    /// How the document's webhooks are told apart and verified.
    #[serde(default)]
    pub webhooks: WebhooksConfig,
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

/// A module written by hand, part of the crate (`[[modules]]`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ModuleConfig {
    /// The file, relative to the config file (`rust/verify.rs`); its name without `.rs` is the
    /// module's name, and it becomes `src/{name}.rs`.
    pub file: String,
    /// The module's items that the crate root re-exports (`Verification`): the module itself
    /// is private, so these are its public API.
    #[serde(default)]
    pub exports: Vec<String>,
    /// The Cargo feature without which the module is left out: one of [`Config::features`],
    /// or a group's (`api-keys`, see [`crate::naming::GroupNames::feature`]).
    #[serde(default)]
    pub feature: Option<String>,
}

impl ModuleConfig {
    /// The module's name: its file's name without `.rs`.
    pub fn name(&self) -> &str {
        let file = self.file.rsplit('/').next().unwrap_or(&self.file);
        file.strip_suffix(".rs").unwrap_or(file)
    }
}

/// A Cargo feature of the crate, for hand-written modules: it turns on other features, optional
/// dependencies, or both.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FeatureConfig {
    /// The crate's other features it turns on (`["api-keys"]`, a group's, for a module that
    /// uses the group): a group's, `webhooks`, `full`, `test-util` or another of the config's.
    #[serde(default)]
    pub features: Vec<String>,
    /// The optional dependencies the feature turns on, as `Cargo.toml` writes dependencies
    /// (`tower-service = "0.3"`, `http = { version = "1" }`); none may be a dependency the
    /// crate already has.
    #[serde(default)]
    pub dependencies: toml::Table,
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
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
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

/// How the generated models treat some fields.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ModelsConfig {
    /// Wire names of fields and parameters that hold secrets (`secret`): wherever they
    /// appear, `Debug` prints `<redacted>` instead of their value.
    #[serde(default)]
    pub sensitive_fields: Vec<String>,
    /// Whether unnamed inline schemas that repeat a shape are one type (default: no): a copy
    /// of a named schema's shape is that type, and copies within one group and role (request,
    /// success, error, parameter) that say the same are the first one's; each place's name
    /// stays as an alias. Users build and handle one type instead of many; the price is that
    /// when the document later makes one copy differ, it becomes its own type again, which
    /// is a breaking change (the surface report says so). Choose it when the document's
    /// copies are one type on the server, as in a document rendered from the server's code.
    #[serde(default)]
    pub share_copies: bool,
}

/// The webhooks of the document (OpenAPI 3.1 `webhooks`, or a 3.0 document's `x-webhooks`):
/// how a payload says which event it is, and how deliveries are signed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WebhooksConfig {
    /// The payload's property that carries the event's name (Clerk's `type`, whose value is
    /// the webhook's key, `user.created`). Without it, the property the payloads' schemas
    /// name as their `discriminator`; a document with webhooks and neither is refused.
    #[serde(default)]
    pub dispatch: Option<String>,
    /// How the sender signs deliveries; the crate then has a verifier of them. Without it,
    /// the crate has the events' types and no verifier.
    #[serde(default)]
    pub scheme: Option<WebhookScheme>,
}

/// A signature scheme of webhook deliveries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum WebhookScheme {
    /// [Standard Webhooks](https://www.standardwebhooks.com): HMAC-SHA256 over
    /// `{id}.{timestamp}.{body}` in `webhook-id`, `webhook-timestamp` and
    /// `webhook-signature` headers.
    StandardWebhooks,
    /// Svix's, the same scheme under `svix-` headers (Clerk's webhooks); the verifier takes
    /// either name of each header whatever the scheme, which only says which the docs show.
    Svix,
}

impl WebhookScheme {
    /// The prefix of the scheme's header names: `svix` or `webhook`.
    pub fn header_prefix(self) -> &'static str {
        match self {
            WebhookScheme::StandardWebhooks => "webhook",
            WebhookScheme::Svix => "svix",
        }
    }
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

impl Config {
    /// Parses a config file's text.
    pub fn from_toml(text: &str) -> crate::Result<Config> {
        let config: Config =
            toml::from_str(text).map_err(|e| crate::Error::Config(e.to_string()))?;
        // A config with several mistakes is told of the first in this order.
        config.client.check_name()?;
        config.krate.check_package()?;
        config.client.check_headers()?;
        config.errors.check()?;
        config.krate.check_metadata()?;
        config.client.check_token_env()?;
        config.check_modules()?;
        config.webhooks.check()?;
        config.retries.check()?;
        Ok(config)
    }

    /// What the lowering makes of the document by the maintainer's choice.
    pub fn lowering(&self) -> crate::lower::Options {
        crate::lower::Options {
            share_copies: self.models.share_copies,
        }
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
