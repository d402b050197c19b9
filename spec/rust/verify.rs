//! Verifying the API key a caller presents, the call the API Keys endpoints exist for, as one
//! verdict: [`ApiKeys::verify`] and [`Verification`].
//!
//! Written by hand (listed in `spec/sdk.toml`), not generated: `verifyApiKey` answers 200 for a
//! revoked or expired key, with flags in the body, and 404 for a secret no key has, so every
//! caller would otherwise derive the verdict from three places.

use std::future::Future;
use std::time::SystemTime;

use crate::api_keys::{ApiKeys, VerifyAPIKeyError};
use crate::models::APIKey;
use crate::SdkError;

/// What Clerk says of a secret: whether the key it belongs to may be trusted now.
///
/// Clerk being unreachable, slow or failing is not a verdict: [`ApiKeys::verify`] returns it
/// as an error, whose [`is_retryable`](SdkError::is_retryable) says whether asking again later
/// may help.
#[derive(Debug, Clone, PartialEq)]
pub enum Verification {
    /// The key exists, is not revoked and has not expired: the caller is who the key's
    /// `subject` says.
    Valid(APIKey),
    /// The key exists and was revoked (its `revocation_reason` may say why).
    Revoked(APIKey),
    /// The key exists and its expiration time has passed.
    Expired(APIKey),
    /// No key has this secret.
    Unknown,
}

impl Verification {
    /// The verdict on `key` as Clerk answered it at `now`: revoked before expired, and a key
    /// whose `expiration` is past is expired even if the answer's `expired` flag lags.
    pub fn of(key: APIKey, now: SystemTime) -> Verification {
        if key.revoked {
            Verification::Revoked(key)
        } else if key.expired || key.expiration.is_some_and(|at| at <= now) {
            Verification::Expired(key)
        } else {
            Verification::Valid(key)
        }
    }

    /// Whether the key may be trusted.
    pub fn is_valid(&self) -> bool {
        matches!(self, Verification::Valid(_))
    }

    /// The key, valid or not; `None` when no key has the secret.
    pub fn key(&self) -> Option<&APIKey> {
        match self {
            Verification::Valid(key) | Verification::Revoked(key) | Verification::Expired(key) => {
                Some(key)
            }
            Verification::Unknown => None,
        }
    }
}

impl ApiKeys<'_> {
    /// Verifies a secret: [`Verification::Valid`] with its key when the key may be trusted,
    /// [`Revoked`](Verification::Revoked) or [`Expired`](Verification::Expired) with its key
    /// when it may not, [`Unknown`](Verification::Unknown) when no key has this secret.
    ///
    /// One `verify_api_key` call with the client's settings. The future owns what it needs
    /// (it is `Send + 'static`), so a server can spawn it.
    ///
    /// # Errors
    ///
    /// Every failure but the documented 404: Clerk unreachable or too slow
    /// ([`SdkError::is_retryable`] is true, as for a 5XX answer), a 400 for a malformed
    /// request, an answer the API does not document, or a client without credentials.
    ///
    /// ```no_run
    /// use clerk_backend_api::{Clerk, Verification};
    ///
    /// # async fn example(clerk: Clerk, secret: &str) -> Result<(), Box<dyn std::error::Error>> {
    /// match clerk.api_keys().verify(secret).await? {
    ///     Verification::Valid(key) => println!("hello, {}", key.subject),
    ///     Verification::Revoked(_) | Verification::Expired(_) | Verification::Unknown => {
    ///         println!("go away")
    ///     }
    /// }
    /// # Ok(())
    /// # }
    /// ```
    pub fn verify(
        &self,
        secret: impl Into<String>,
    ) -> impl Future<Output = Result<Verification, SdkError<VerifyAPIKeyError>>> + Send + 'static
    {
        let call = self.verify_api_key(secret);
        async move {
            match call.send().await {
                Ok(key) => Ok(Verification::of(key.into_inner(), SystemTime::now())),
                Err(error) if matches!(error.api_error(), Some(VerifyAPIKeyError::NotFound(_))) => {
                    Ok(Verification::Unknown)
                }
                Err(error) => Err(error),
            }
        }
    }
}
