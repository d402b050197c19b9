//! Checking a config once parsed: what its types cannot say, with an error that names the
//! key at fault.

use super::{
    ClientConfig, Config, CrateConfig, ErrorsConfig, RequestIdSource, RetriesConfig, WebhooksConfig,
};
use crate::error::{Error, Result};

impl ErrorsConfig {
    /// Checks that every place in a body is a JSON pointer below the root and every header
    /// name is one.
    pub(super) fn check(&self) -> Result<()> {
        let fail = |message: String| Err(Error::Config(message));
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

impl CrateConfig {
    /// Checks that the crate's name is a package name and its version a semver version.
    pub(super) fn check_package(&self) -> Result<()> {
        let is_package_name = |s: &str| {
            !s.is_empty()
                && s.chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        };
        if !is_package_name(&self.name) {
            return Err(Error::Config(format!(
                "crate.name `{}` is not a package name",
                self.name
            )));
        }
        if let Err(e) = semver::Version::parse(&self.version) {
            return Err(Error::Config(format!(
                "crate.version `{}` is not a semver version: {e}",
                self.version
            )));
        }
        Ok(())
    }

    /// Checks the crates.io metadata as crates.io would: URLs, keywords and the form of
    /// categories.
    pub(super) fn check_metadata(&self) -> Result<()> {
        let fail = |message: String| Err(Error::Config(message));
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

impl ClientConfig {
    /// Checks that the client's name is a Rust identifier. An empty name is no `[client]`,
    /// which only a document without operations may leave out.
    pub(super) fn check_name(&self) -> Result<()> {
        let valid_ident = |s: &str| syn::parse_str::<syn::Ident>(s).is_ok();
        if !self.name.is_empty() && !valid_ident(&self.name) {
            return Err(Error::Config(format!(
                "client.name `{}` is not a Rust identifier",
                self.name
            )));
        }
        Ok(())
    }

    /// Checks that each default header is a valid header name and value.
    pub(super) fn check_headers(&self) -> Result<()> {
        for (name, value) in &self.headers {
            if http::HeaderName::from_bytes(name.as_bytes()).is_err()
                || http::HeaderValue::from_str(value).is_err()
            {
                return Err(Error::Config(format!(
                    "client.headers: `{name}: {value}` is not a valid header"
                )));
            }
        }
        Ok(())
    }

    /// Checks that the token's environment variable, if any, has a portable name.
    pub(super) fn check_token_env(&self) -> Result<()> {
        if let Some(var) = &self.token_env {
            let valid = !var.is_empty()
                && !var.starts_with(|c: char| c.is_ascii_digit())
                && var.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
            if !valid {
                return Err(Error::Config(format!(
                    "client.token_env `{var}` is not an environment variable name \
                     (ASCII letters, digits and `_`, not starting with a digit)"
                )));
            }
        }
        Ok(())
    }
}

impl WebhooksConfig {
    /// Checks that the property that names the events, if the config gives one, is named.
    pub(super) fn check(&self) -> Result<()> {
        if let Some(field) = &self.dispatch
            && field.is_empty()
        {
            return Err(Error::Config(
                "webhooks.dispatch must name a property of the payloads".into(),
            ));
        }
        Ok(())
    }
}

impl RetriesConfig {
    /// Checks that a call may make its first attempt: at least one attempt, and time for it.
    pub(super) fn check(&self) -> Result<()> {
        if self.max_attempts == 0 {
            return Err(Error::Config(
                "retries.max_attempts must be at least 1 (the first attempt)".into(),
            ));
        }
        if self.deadline_ms == 0 {
            return Err(Error::Config(
                "retries.deadline_ms must be above 0: a call needs time for its first attempt"
                    .into(),
            ));
        }
        Ok(())
    }
}

impl Config {
    /// Checks the hand-written modules: each a `.rs` file whose name is a Rust identifier that
    /// no other module (nor `lib`) has, and exports that are identifiers; and that each feature
    /// turns something on. Whether a module's feature and those a feature turns on exist is
    /// checked once the groups are named (`naming::hand_written_modules`).
    pub(super) fn check_modules(&self) -> Result<()> {
        let fail = |message: String| Err(Error::Config(message));
        let ident = |s: &str| syn::parse_str::<syn::Ident>(s).is_ok();
        let mut names = std::collections::BTreeSet::new();
        for module in &self.modules {
            let (file, name) = (&module.file, module.name());
            if !file.ends_with(".rs") || !ident(name) || name == "lib" || name == "main" {
                return fail(format!(
                    "modules: `{file}` is not a `.rs` file named like a Rust module"
                ));
            }
            if !names.insert(name) {
                return fail(format!("modules: two modules are named `{name}`"));
            }
            if let Some(export) = module.exports.iter().find(|e| !ident(e)) {
                return fail(format!(
                    "modules: `{file}` exports `{export}`, not an identifier"
                ));
            }
        }
        for (name, feature) in &self.features {
            let valid = !name.is_empty()
                && name
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
            if !valid || (feature.dependencies.is_empty() && feature.features.is_empty()) {
                return fail(format!(
                    "features.{name}: a feature is named with ASCII letters, digits, `-` and `_`, \
                     and turns on at least one dependency or feature"
                ));
            }
        }
        Ok(())
    }
}
