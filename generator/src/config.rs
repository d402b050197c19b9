//! The generation config: what an SDK needs that its API description does not say.
//!
//! It lives next to the description (`spec/sdk.toml`) and is read by the xtask; the
//! generator itself knows nothing about any particular API.

use serde::Deserialize;

/// Settings of one generated SDK.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    #[serde(rename = "crate")]
    pub krate: CrateConfig,
    pub client: ClientConfig,
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
        Ok(config)
    }

    /// The crate name as Rust code spells it (`clerk_backend_api`).
    pub fn crate_ident(&self) -> String {
        self.krate.name.replace('-', "_")
    }
}
