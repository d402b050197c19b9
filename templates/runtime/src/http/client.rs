use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use reqwest::header::{HeaderMap, HeaderName, HeaderValue, USER_AGENT};
use reqwest::Url;

use super::auth::{Credentials, Ready, Scheme};
use super::details::Printing;
use super::hooks::{AfterError, AfterResponse, BeforeAttempt, BoxError, Hooks};
use super::request::RequestOptions;
use super::retry::RetryConfig;
use super::Error;

/// The time one attempt may take when neither the client nor the call sets a timeout.
const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);

/// What the API description decides for every client: where the API lives, what each request
/// carries and how failures are retried.
#[derive(Debug, Clone)]
pub struct Defaults {
    /// The client's name as the crate root exports it (`Clerk`), which `Debug` prints.
    pub name: &'static str,
    /// The base URL of the API, from the description's first server.
    pub server_url: &'static str,
    /// The `User-Agent` of every request.
    pub user_agent: &'static str,
    /// Headers sent with every request, such as the API version.
    pub headers: &'static [(&'static str, &'static str)],
    /// The retry policy, from the description's `x-speakeasy-retries`; `None` never retries.
    pub retries: Option<RetryConfig>,
    /// How errors and hooks print responses (the fields that hold secrets show
    /// `<redacted>`) and where errors find the API's id of a request.
    pub printing: Printing,
    /// The security schemes the operations use, whose credentials the builder's setters set.
    pub schemes: &'static [Scheme],
    /// Whether every operation needs a credential, so that a client built with none could
    /// make no call: `build` then fails.
    pub credentials_required: bool,
}

impl Defaults {
    /// A client builder with these defaults; the generated `builder()` passes the API's.
    pub fn builder(self) -> ClientBuilder {
        ClientBuilder {
            options: RequestOptions {
                retries: self.retries.clone(),
                ..RequestOptions::default()
            },
            defaults: self,
            credentials: Credentials::default(),
            http: None,
            hooks: Hooks::default(),
            #[cfg(feature = "test-util")]
            mock: None,
        }
    }
}

/// The API client. Cheap to clone: clones share one connection pool.
///
/// Build one with its `builder()`, then reach the operations through its group methods.
#[derive(Clone)]
pub struct Client {
    pub(super) inner: Arc<Inner>,
}

pub(super) struct Inner {
    name: &'static str,
    pub(super) http: reqwest::Client,
    pub(super) server_url: Url,
    pub(super) credentials: Ready,
    pub(super) headers: HeaderMap,
    pub(super) retries: RetryConfig,
    /// `None`: the `reqwest::Client` the user gave keeps its own timeout.
    pub(super) timeout: Option<Duration>,
    /// The timeout `http` applies to every request by itself (the one it was built with,
    /// when this client built it): an attempt sets its own only when it differs.
    pub(super) http_timeout: Option<Duration>,
    pub(super) hooks: Hooks,
    pub(super) printing: Printing,
    /// The rules that answer every call instead of a server, for tests.
    #[cfg(feature = "test-util")]
    pub(super) mock: Option<super::mock::Rules>,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut debug = f.debug_struct(self.inner.name);
        debug.field("server_url", &self.inner.server_url.as_str());
        debug.field("credentials", &self.inner.credentials);
        debug
            .field("retries", &self.inner.retries)
            .field("timeout", &self.inner.timeout)
            .field("hooks", &self.inner.hooks)
            .finish_non_exhaustive()
    }
}

/// The client's `builder()` starts one with the API's defaults, and [`build`](Self::build)
/// makes the client.
pub struct ClientBuilder {
    defaults: Defaults,
    /// What the crate root's credential setters set.
    pub(crate) credentials: Credentials,
    http: Option<reqwest::Client>,
    /// The settings a call may override, set for every call.
    options: RequestOptions,
    hooks: Hooks,
    #[cfg(feature = "test-util")]
    mock: Option<super::mock::Rules>,
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = format!("{}Builder", self.defaults.name);
        let mut debug = f.debug_struct(&name);
        debug.field(
            "server_url",
            &self
                .options
                .server_url
                .as_deref()
                .unwrap_or(self.defaults.server_url),
        );
        debug.field("credentials", &self.credentials);
        debug
            .field("retries", &self.options.retries)
            .field("timeout", &self.options.timeout.unwrap_or(DEFAULT_TIMEOUT))
            .field("hooks", &self.hooks)
            .finish_non_exhaustive()
    }
}

impl ClientBuilder {
    /// Runs `hook` before every attempt, retries included, after the call's headers (and
    /// token) are set. It may add or replace headers of that attempt, or return an error to
    /// stop the call with [`SdkError::Aborted`](super::SdkError::Aborted) without sending the attempt. Hooks run in the
    /// order they were added.
    pub fn before_attempt(
        mut self,
        hook: impl Fn(&mut BeforeAttempt<'_>) -> Result<(), BoxError> + Send + Sync + 'static,
    ) -> Self {
        self.hooks.before_attempt.push(std::sync::Arc::new(hook));
        self
    }

    /// Runs `hook` after every attempt that got a response, whatever its status, once its
    /// body is read and before the call retries or decodes it; `retry_in` tells which.
    pub fn after_response(
        mut self,
        hook: impl Fn(&AfterResponse<'_>) + Send + Sync + 'static,
    ) -> Self {
        self.hooks.after_response.push(std::sync::Arc::new(hook));
        self
    }

    /// Runs `hook` after every attempt that got no response (connection refused, timeout,
    /// reset), before the call retries or fails; `retry_in` tells which.
    pub fn after_error(mut self, hook: impl Fn(&AfterError<'_>) + Send + Sync + 'static) -> Self {
        self.hooks.after_error.push(std::sync::Arc::new(hook));
        self
    }

    /// Uses this `reqwest::Client` (with its proxies, TLS settings and pool) for every request.
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.http = Some(client);
        self
    }

    /// Sends requests to another base URL, such as a proxy or a mock server.
    pub fn server_url(mut self, url: impl Into<String>) -> Self {
        self.options.server_url = Some(url.into());
        self
    }

    /// The time one attempt may take, from sending the request to reading the whole body (60
    /// seconds unless set; with an `http_client` of yours, its own timeout unless set). A
    /// timeout of zero, which would fail every call, makes [`build`](Self::build) fail.
    pub fn timeout(mut self, timeout: std::time::Duration) -> Self {
        self.options.timeout = Some(timeout);
        self
    }

    /// The retry policy of every call; [`RetryConfig::none`] disables retries. A policy whose
    /// settings contradict each other makes [`build`](Self::build) fail (see
    /// [`RetryConfig::check`]).
    pub fn retries(mut self, retries: RetryConfig) -> Self {
        self.options.retries = Some(retries);
        self
    }

    /// Adds a header to every request; it replaces a default header of the same name.
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.options.headers.push((name.into(), value.into()));
        self
    }

    /// Answers the calls of `rule`'s operation that it matches with its answers, instead of
    /// sending them: a client for tests, which opens no connection (see
    /// [`mock`](super::mock)). Rules are tried in the order they were added; a call that none
    /// matches panics.
    #[cfg(feature = "test-util")]
    pub fn mock<O: super::mock::Operation>(mut self, rule: &super::mock::Rule<O>) -> Self {
        self.mock.get_or_insert_with(Default::default).push(rule);
        self
    }

    /// Builds the client, checking the credentials, URL, headers, timeout and retry policy
    /// before any request is sent.
    pub fn build(self) -> Result<Client, Error> {
        let credentials = {
            let schemes = self.defaults.schemes;
            if self.defaults.credentials_required && self.credentials.is_empty() {
                let setters: Vec<String> =
                    schemes.iter().map(|s| format!("`{}`", s.setter)).collect();
                return Err(Error::Config(format!(
                    "no credentials, and every operation needs one: set {} on the builder",
                    setters.join(" or ")
                )));
            }
            self.credentials.ready(schemes).map_err(Error::Config)?
        };
        let server_url = parse_base_url(
            self.options
                .server_url
                .as_deref()
                .unwrap_or(self.defaults.server_url),
        )
        .map_err(Error::Config)?;
        let mut headers = HeaderMap::new();
        let user_agent = [(USER_AGENT.as_str(), self.defaults.user_agent)];
        let defaults = user_agent
            .iter()
            .chain(self.defaults.headers)
            .map(|(n, v)| (*n, *v));
        for (name, value) in defaults.chain(
            self.options
                .headers
                .iter()
                .map(|(n, v)| (n.as_str(), v.as_str())),
        ) {
            headers.insert(
                header_name(name).map_err(Error::Config)?,
                header_value(name, value).map_err(Error::Config)?,
            );
        }
        // A `reqwest::Client` of the user's keeps its own timeout unless one is set here; one
        // built here applies the client's timeout by itself.
        let timeout = match (self.options.timeout, &self.http) {
            (Some(timeout), _) => Some(timeout),
            (None, Some(_)) => None,
            (None, None) => Some(DEFAULT_TIMEOUT),
        };
        check_timeout(timeout).map_err(Error::Config)?;
        let (http, http_timeout) = match self.http {
            Some(http) => (http, None),
            None => {
                let builder =
                    reqwest::Client::builder().timeout(timeout.unwrap_or(DEFAULT_TIMEOUT));
                let http = builder.build().map_err(|error| {
                    Error::Config(format!("the HTTP client cannot be built: {error}"))
                })?;
                (http, timeout)
            }
        };
        let retries = self.options.retries.unwrap_or_else(RetryConfig::none);
        retries.check().map_err(Error::Config)?;
        Ok(Client {
            inner: Arc::new(Inner {
                name: self.defaults.name,
                http,
                server_url,
                credentials,
                headers,
                retries,
                timeout,
                http_timeout,
                hooks: self.hooks,
                printing: self.defaults.printing,
                #[cfg(feature = "test-util")]
                mock: self.mock,
            }),
        })
    }
}

impl Client {
    /// The retry policy of every call made with this client (a call's `.retries(…)` replaces
    /// it): a starting point for another, `client.retries().clone().with_max_attempts(5)`.
    pub fn retries(&self) -> &RetryConfig {
        &self.inner.retries
    }
}

/// Refuses a timeout of zero, which would fail every attempt before it is sent.
pub(super) fn check_timeout(timeout: Option<Duration>) -> Result<(), String> {
    match timeout {
        Some(Duration::ZERO) => {
            Err("a timeout of 0 leaves no time for any attempt: every call would fail".into())
        }
        _ => Ok(()),
    }
}

pub(super) fn parse_base_url(text: &str) -> Result<Url, String> {
    let url = Url::parse(text).map_err(|e| format!("server URL `{text}`: {e}"))?;
    if url.cannot_be_a_base() || !matches!(url.scheme(), "http" | "https") {
        return Err(format!("server URL `{text}` is not an http(s) base URL"));
    }
    Ok(url)
}

pub(super) fn header_name(name: &str) -> Result<HeaderName, String> {
    HeaderName::try_from(name).map_err(|_| format!("`{name}` is not a valid header name"))
}

pub(super) fn header_value(name: &str, value: &str) -> Result<HeaderValue, String> {
    HeaderValue::try_from(value).map_err(|_| format!("the value of header `{name}` is not valid"))
}
