//! A `tower` layer that lets through only the requests that carry a valid API key, with the
//! `tower` feature: [`RequireApiKeyLayer`].
//!
//! Written by hand (listed in `spec/sdk.toml`), not generated. It reads
//! `Authorization: Bearer <secret>`, asks Clerk with [`ApiKeys::verify`](crate::api_keys::ApiKeys::verify)
//! and caches the verdict, then:
//!
//! - for a valid key, puts its [`APIKey`] into the request's extensions and calls the inner
//!   service (axum handlers take it with `Extension<APIKey>`);
//! - for a missing header, a revoked, expired or unknown key, answers `401 Unauthorized` with
//!   `WWW-Authenticate: Bearer`;
//! - when Clerk cannot be asked (unreachable, too slow, failing), answers
//!   `503 Service Unavailable`, never 401: an outage is not the caller's fault, and a client
//!   that reads 401 as "my key is bad" must not throw its key away. The error is logged with
//!   `tracing`.
//!
//! Verdicts are cached in memory, bounded in size: a valid key for [`valid_for`] (30 seconds
//! unless set, and never past the key's own expiration), so that a revocation takes effect
//! within that time; a revoked, expired or unknown one for [`invalid_for`] (5 minutes unless
//! set), since revocation and expiry are final and an unknown secret is what a flood of bad
//! requests sends. A failure is never cached: the next request asks again.
//!
//! [`valid_for`]: RequireApiKeyLayer::valid_for
//! [`invalid_for`]: RequireApiKeyLayer::invalid_for

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::{Duration, Instant, SystemTime};

use http::header::{AUTHORIZATION, WWW_AUTHENTICATE};
use http::{HeaderMap, HeaderValue, Request, Response, StatusCode};

use crate::models::APIKey;
use crate::verify::Verification;
use crate::Clerk;

/// A [`tower_layer::Layer`] that requires a valid API key of every request; see the module's
/// documentation.
///
/// ```no_run
/// # fn example(clerk: clerk_backend_api::Clerk) {
/// use std::time::Duration;
/// use clerk_backend_api::RequireApiKeyLayer;
///
/// let layer = RequireApiKeyLayer::new(clerk)
///     .valid_for(Duration::from_secs(10))
///     .capacity(50_000);
/// # let _ = layer;
/// # }
/// ```
#[derive(Clone)]
pub struct RequireApiKeyLayer {
    /// Shared by every service the layer makes: a router may make one per route, or one per
    /// request, and the cache must outlive each.
    verifier: Arc<Verifier>,
}

impl RequireApiKeyLayer {
    /// A layer that asks Clerk through `clerk`, caching up to 10,000 verdicts.
    pub fn new(clerk: Clerk) -> RequireApiKeyLayer {
        let settings = Settings {
            clerk,
            valid_for: Duration::from_secs(30),
            invalid_for: Duration::from_secs(300),
            capacity: 10_000,
        };
        RequireApiKeyLayer {
            verifier: Arc::new(Verifier::new(settings)),
        }
    }

    /// How long a valid key is trusted without asking Clerk again (30 seconds unless set):
    /// the longest a revoked key may still be let through. Zero asks Clerk for every request.
    pub fn valid_for(self, time: Duration) -> Self {
        self.changed(|settings| settings.valid_for = time)
    }

    /// How long a revoked, expired or unknown key is refused without asking Clerk again (5
    /// minutes unless set).
    pub fn invalid_for(self, time: Duration) -> Self {
        self.changed(|settings| settings.invalid_for = time)
    }

    /// How many verdicts the cache holds at most (10,000 unless set, one at least); past it,
    /// the least used are dropped.
    pub fn capacity(self, verdicts: usize) -> Self {
        self.changed(|settings| settings.capacity = verdicts.max(1))
    }

    /// The layer with its settings changed, and a new, empty cache: settings are made before
    /// the layer serves.
    fn changed(self, change: impl FnOnce(&mut Settings)) -> Self {
        let mut settings = self.verifier.settings.clone();
        change(&mut settings);
        RequireApiKeyLayer {
            verifier: Arc::new(Verifier::new(settings)),
        }
    }
}

impl fmt::Debug for RequireApiKeyLayer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let settings = &self.verifier.settings;
        f.debug_struct("RequireApiKeyLayer")
            .field("valid_for", &settings.valid_for)
            .field("invalid_for", &settings.invalid_for)
            .field("capacity", &settings.capacity)
            .finish_non_exhaustive()
    }
}

impl<S> tower_layer::Layer<S> for RequireApiKeyLayer {
    type Service = RequireApiKey<S>;

    fn layer(&self, inner: S) -> RequireApiKey<S> {
        RequireApiKey {
            inner,
            verifier: Arc::clone(&self.verifier),
        }
    }
}

/// The service [`RequireApiKeyLayer`] wraps around another.
#[derive(Clone)]
pub struct RequireApiKey<S> {
    inner: S,
    verifier: Arc<Verifier>,
}

impl<S> fmt::Debug for RequireApiKey<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RequireApiKey")
            .field("cached", &self.verifier.cache.len())
            .finish_non_exhaustive()
    }
}

impl<S, B, R> tower_service::Service<Request<B>> for RequireApiKey<S>
where
    S: tower_service::Service<Request<B>, Response = Response<R>> + Clone + Send + 'static,
    S::Future: Send,
    B: Send + 'static,
    R: Default,
{
    type Response = Response<R>;
    type Error = S::Error;
    type Future = Pin<Box<dyn Future<Output = Result<Response<R>, S::Error>> + Send>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), S::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, mut request: Request<B>) -> Self::Future {
        // The service that was polled ready goes with this request; its clone stays for the next.
        let clone = self.inner.clone();
        let mut inner = std::mem::replace(&mut self.inner, clone);
        let verifier = Arc::clone(&self.verifier);
        Box::pin(async move {
            let Some(secret) = bearer(request.headers()) else {
                return Ok(unauthorized());
            };
            match verifier.verdict(secret).await {
                Some(Verification::Valid(key)) => {
                    request.extensions_mut().insert(key);
                    inner.call(request).await
                }
                Some(_) => Ok(unauthorized()),
                None => Ok(answer(StatusCode::SERVICE_UNAVAILABLE)),
            }
        })
    }
}

/// The secret of `Authorization: Bearer <secret>` (the scheme in any case), if the request
/// has one.
fn bearer(headers: &HeaderMap) -> Option<String> {
    let value = headers.get(AUTHORIZATION)?.to_str().ok()?;
    let (scheme, secret) = value.trim().split_once(' ')?;
    let secret = secret.trim();
    (scheme.eq_ignore_ascii_case("bearer") && !secret.is_empty()).then(|| secret.to_owned())
}

/// `401 Unauthorized`, with the scheme a client should use (RFC 6750).
fn unauthorized<R: Default>() -> Response<R> {
    let mut response = answer(StatusCode::UNAUTHORIZED);
    let scheme = HeaderValue::from_static("Bearer");
    response.headers_mut().insert(WWW_AUTHENTICATE, scheme);
    response
}

/// An answer of this status with an empty body.
fn answer<R: Default>(status: StatusCode) -> Response<R> {
    let mut response = Response::new(R::default());
    *response.status_mut() = status;
    response
}

/// How the layer verifies.
#[derive(Clone)]
struct Settings {
    clerk: Clerk,
    valid_for: Duration,
    invalid_for: Duration,
    capacity: usize,
}

/// Asks Clerk for verdicts, and remembers them for a while.
struct Verifier {
    settings: Settings,
    cache: quick_cache::sync::Cache<String, Cached>,
}

/// A verdict, and until when it holds.
#[derive(Clone)]
struct Cached {
    verdict: Arc<Verification>,
    until: Instant,
}

impl Verifier {
    fn new(settings: Settings) -> Verifier {
        Verifier {
            cache: quick_cache::sync::Cache::new(settings.capacity),
            settings,
        }
    }

    /// The verdict on `secret`, from the cache while it holds, else from Clerk; `None` when
    /// Clerk could not be asked (logged, and not cached).
    async fn verdict(&self, secret: String) -> Option<Verification> {
        let now = Instant::now();
        if let Some(cached) = self.cache.get(&secret) {
            if cached.until > now {
                return Some(Verification::clone(&cached.verdict));
            }
            self.cache.remove(&secret);
        }
        let verdict = match self.settings.clerk.api_keys().verify(secret.clone()).await {
            Ok(verdict) => verdict,
            Err(error) => {
                tracing::warn!(
                    %error,
                    retryable = error.is_retryable(),
                    "an API key could not be verified: answering 503"
                );
                return None;
            }
        };
        let held = self.lifetime(&verdict);
        if !held.is_zero() {
            let until = Instant::now() + held;
            let verdict = Arc::new(verdict.clone());
            self.cache.insert(secret, Cached { verdict, until });
        }
        Some(verdict)
    }

    /// How long a verdict holds: a valid key's until it expires at the latest.
    fn lifetime(&self, verdict: &Verification) -> Duration {
        let valid_for = self.settings.valid_for;
        let Verification::Valid(key) = verdict else {
            return self.settings.invalid_for;
        };
        key_lifetime(key).map_or(valid_for, |left| left.min(valid_for))
    }
}

/// The time left before `key` expires; `None` for a key that never does.
fn key_lifetime(key: &APIKey) -> Option<Duration> {
    let expiration = key.expiration?.to_system_time()?;
    Some(
        expiration
            .duration_since(SystemTime::now())
            .unwrap_or_default(),
    )
}
