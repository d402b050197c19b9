//! Verifying webhook deliveries signed as [Standard Webhooks](https://www.standardwebhooks.com)
//! specifies: the scheme of Svix, which sends Clerk's webhooks.
//!
//! The sender signs each delivery with HMAC-SHA256, keyed with the endpoint's secret, over
//! `{id}.{timestamp}.{body}`: the values of the `webhook-id` and `webhook-timestamp` headers
//! (the latter in seconds since 1970) and the raw body. It sends the base64 of the result in
//! the `webhook-signature` header as `v1,<base64>`, in a space-separated list that holds one
//! entry per secret while the endpoint's secret is being rotated. Svix names the headers
//! `svix-id`, `svix-timestamp` and `svix-signature`; either name is accepted.
//!
//! A [`WebhookVerifier`] checks the signature, then that the timestamp is recent, and decodes
//! the body only once both hold. It needs the body exactly as it arrived: a body parsed and
//! serialized again is not the one that was signed.

use std::fmt;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig, STANDARD};
use base64::engine::DecodePaddingMode;
use base64::Engine as _;
use hmac::{Hmac, Mac};
use serde::de::DeserializeOwned;
use sha2::Sha256;

/// The secret's base64, with or without its padding: the secret is pasted by hand, and the
/// padding carries nothing.
const SECRET_BASE64: GeneralPurpose = GeneralPurpose::new(
    &base64::alphabet::STANDARD,
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

/// The length of an HMAC-SHA256 signature.
const SIGNATURE_LEN: usize = 32;

/// Checks that a webhook delivery was signed with the endpoint's secret, recently, and decodes
/// its body.
///
/// Build one from the secret when the application starts and share it: verifying borrows it.
/// The headers are an [`http::HeaderMap`] (axum's and reqwest's), or a closure that gives a
/// header's value by name for other frameworks (see [`WebhookHeaders`]); the body is the raw
/// bytes of the request.
#[derive(Clone)]
pub struct WebhookVerifier {
    /// HMAC-SHA256 keyed with the secret, cloned for each delivery rather than keyed again.
    mac: Hmac<Sha256>,
    tolerance: Duration,
}

impl WebhookVerifier {
    /// How far a delivery's timestamp may be from the current time, either way, unless
    /// [`tolerance`](Self::tolerance) sets another: five minutes, as Standard Webhooks and
    /// Svix use.
    pub const DEFAULT_TOLERANCE: Duration = Duration::from_secs(5 * 60);

    /// A verifier for the endpoint's signing secret as the sender shows it: `whsec_` followed
    /// by the key in base64 (the prefix may be left out, and surrounding whitespace is
    /// ignored).
    ///
    /// Fails with [`WebhookError::BadSecret`] when the key is not base64, or is empty.
    pub fn new(secret: &str) -> Result<Self, WebhookError> {
        let secret = secret.trim();
        let encoded = secret.strip_prefix("whsec_").unwrap_or(secret);
        let key = SECRET_BASE64
            .decode(encoded)
            .map_err(|_| WebhookError::BadSecret("is not `whsec_` followed by base64"))?;
        Self::from_bytes(&key)
    }

    /// A verifier for a secret given as the key's raw bytes.
    ///
    /// Fails with [`WebhookError::BadSecret`] when the key is empty.
    pub fn from_bytes(key: &[u8]) -> Result<Self, WebhookError> {
        if key.is_empty() {
            return Err(WebhookError::BadSecret("is empty"));
        }
        let mac = Hmac::<Sha256>::new_from_slice(key)
            .map_err(|_| WebhookError::BadSecret("is not a usable HMAC key"))?;
        Ok(WebhookVerifier {
            mac,
            tolerance: Self::DEFAULT_TOLERANCE,
        })
    }

    /// Sets how far a delivery's timestamp may be from the current time, either way, in whole
    /// seconds ([`DEFAULT_TOLERANCE`](Self::DEFAULT_TOLERANCE) unless set): older deliveries
    /// fail as replays, and newer ones too, as they would stay replayable for longer.
    pub fn tolerance(mut self, tolerance: Duration) -> Self {
        self.tolerance = tolerance;
        self
    }

    /// Verifies a delivery (as [`verify_signature`](Self::verify_signature) does), then
    /// decodes its body as JSON into a `T`.
    ///
    /// Fails with [`WebhookError::InvalidBody`] when the signed body is not a `T`, and as
    /// [`verify_signature`](Self::verify_signature) does; a body that fails verification is
    /// never decoded.
    pub fn verify<'h, T: DeserializeOwned>(
        &self,
        headers: impl WebhookHeaders<'h>,
        body: &[u8],
    ) -> Result<T, WebhookError> {
        self.verify_at(headers, body, SystemTime::now())
    }

    /// [`verify`](Self::verify) as of the time `now` rather than the system clock's: for tests,
    /// such as those of a handler fed with a recorded delivery.
    pub fn verify_at<'h, T: DeserializeOwned>(
        &self,
        headers: impl WebhookHeaders<'h>,
        body: &[u8],
        now: SystemTime,
    ) -> Result<T, WebhookError> {
        self.verify_signature_at(headers, body, now)?;
        decode(body)
    }

    /// Verifies that the delivery with these headers and this raw body was signed with the
    /// secret, by one of the `v1` signatures of its signature header (the others are
    /// ignored), and that its timestamp is within the tolerance of the system clock's time.
    ///
    /// Fails with [`WebhookError::MissingHeader`] or [`WebhookError::MalformedHeader`] when
    /// the headers are not those of a signed delivery, [`WebhookError::NoMatchingSignature`]
    /// when none of the signatures is right, and [`WebhookError::TimestampTooOld`] or
    /// [`WebhookError::TimestampInFuture`] when the signature is right but the timestamp is
    /// not recent.
    pub fn verify_signature<'h>(
        &self,
        headers: impl WebhookHeaders<'h>,
        body: &[u8],
    ) -> Result<(), WebhookError> {
        self.verify_signature_at(headers, body, SystemTime::now())
    }

    /// [`verify_signature`](Self::verify_signature) as of the time `now` rather than the
    /// system clock's.
    pub fn verify_signature_at<'h>(
        &self,
        headers: impl WebhookHeaders<'h>,
        body: &[u8],
        now: SystemTime,
    ) -> Result<(), WebhookError> {
        let id = find(&headers, WebhookHeader::Id)?;
        if id.is_empty() {
            return Err(WebhookError::MalformedHeader {
                header: WebhookHeader::Id,
                reason: "is empty",
            });
        }
        let timestamp_text = find(&headers, WebhookHeader::Timestamp)?;
        let timestamp = parse_timestamp(timestamp_text)?;
        let signatures = find(&headers, WebhookHeader::Signature)?;

        // The timestamp is signed as the header's text, which the number it reads as would
        // not always give back (leading zeros).
        let mut mac = self.mac.clone();
        for part in [id, b".", timestamp_text, b".", body] {
            mac.update(part);
        }
        let mut any_candidate = false;
        let mut matched = false;
        for entry in signatures.split(|b| *b == b' ') {
            let Some(encoded) = entry.strip_prefix(b"v1,") else {
                continue;
            };
            let Ok(signature) = STANDARD.decode(encoded) else {
                continue;
            };
            if signature.len() != SIGNATURE_LEN {
                continue;
            }
            any_candidate = true;
            // `verify_slice` compares in constant time: how much of a forged signature is
            // right must not show in how long the answer takes.
            if mac.clone().verify_slice(&signature).is_ok() {
                matched = true;
                break;
            }
        }
        if !any_candidate {
            return Err(WebhookError::MalformedHeader {
                header: WebhookHeader::Signature,
                reason: "has no `v1,` entry with the base64 of a 32-byte signature",
            });
        }
        if !matched {
            return Err(WebhookError::NoMatchingSignature);
        }
        // The time is checked only once the signature holds, so that a timestamp error always
        // means an authentic delivery, replayed or from a clock that is off.
        self.check_time(timestamp, now)
    }

    fn check_time(&self, timestamp: i64, now: SystemTime) -> Result<(), WebhookError> {
        let now = match now.duration_since(UNIX_EPOCH) {
            Ok(since) => i64::try_from(since.as_secs()).unwrap_or(i64::MAX),
            Err(before) => i64::try_from(before.duration().as_secs()).map_or(i64::MIN, |s| -s),
        };
        // In i128, where neither the difference nor the largest `Duration` overflows.
        let age = i128::from(now) - i128::from(timestamp);
        let tolerance = i128::from(self.tolerance.as_secs());
        if age > tolerance {
            Err(WebhookError::TimestampTooOld { timestamp, now })
        } else if -age > tolerance {
            Err(WebhookError::TimestampInFuture { timestamp, now })
        } else {
            Ok(())
        }
    }
}

impl fmt::Debug for WebhookVerifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WebhookVerifier")
            .field("secret", &super::Redacted)
            .field("tolerance", &self.tolerance)
            .finish()
    }
}

/// The value of `header` under its Svix name or its Standard Webhooks one.
fn find<'h>(
    headers: &impl WebhookHeaders<'h>,
    header: WebhookHeader,
) -> Result<&'h [u8], WebhookError> {
    headers
        .header(header.svix_name())
        .or_else(|| headers.header(header.name()))
        .ok_or(WebhookError::MissingHeader(header))
}

/// The timestamp header's seconds since 1970: digits only, as the senders write it.
fn parse_timestamp(text: &[u8]) -> Result<i64, WebhookError> {
    let malformed = || WebhookError::MalformedHeader {
        header: WebhookHeader::Timestamp,
        reason: "is not a whole number of seconds since 1970",
    };
    if text.is_empty() || !text.iter().all(u8::is_ascii_digit) {
        return Err(malformed());
    }
    (std::str::from_utf8(text).ok())
        .and_then(|text| text.parse().ok())
        .ok_or_else(malformed)
}

/// Decodes a verified body.
fn decode<T: DeserializeOwned>(body: &[u8]) -> Result<T, WebhookError> {
    serde_json::from_slice(body).map_err(|source| WebhookError::InvalidBody {
        path: super::locate::path(body, &source),
        source,
    })
}

/// The headers of a webhook delivery, as a [`WebhookVerifier`] reads them.
///
/// Implemented for `&http::HeaderMap` (axum's and reqwest's), and for closures that give a
/// header's value by its name, for other frameworks: `|name: &str| request.header(name)`,
/// returning `None` when the request has no such header. The names asked for are in
/// lowercase. The closure's parameter needs its type written out: without it, Rust infers a
/// closure for one lifetime of `name` only, and the call does not compile.
pub trait WebhookHeaders<'h> {
    /// The value of the header `name` (in lowercase), `None` when the request has none.
    fn header(&self, name: &str) -> Option<&'h [u8]>;
}

impl<'h> WebhookHeaders<'h> for &'h http::HeaderMap {
    fn header(&self, name: &str) -> Option<&'h [u8]> {
        let map: &'h http::HeaderMap = self;
        map.get(name).map(http::HeaderValue::as_bytes)
    }
}

impl<'h, F> WebhookHeaders<'h> for F
where
    F: Fn(&str) -> Option<&'h str>,
{
    fn header(&self, name: &str) -> Option<&'h [u8]> {
        self(name).map(str::as_bytes)
    }
}

/// One of the three headers of a signed delivery, each under two names: Standard Webhooks'
/// and Svix's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WebhookHeader {
    /// `webhook-id` or `svix-id`: the message's id, the same for each attempt to deliver it.
    Id,
    /// `webhook-timestamp` or `svix-timestamp`: when it was signed, in seconds since 1970.
    Timestamp,
    /// `webhook-signature` or `svix-signature`: its signatures.
    Signature,
}

impl WebhookHeader {
    /// Its Standard Webhooks name: `webhook-id`, `webhook-timestamp` or `webhook-signature`.
    pub fn name(self) -> &'static str {
        match self {
            WebhookHeader::Id => "webhook-id",
            WebhookHeader::Timestamp => "webhook-timestamp",
            WebhookHeader::Signature => "webhook-signature",
        }
    }

    /// Its Svix name: `svix-id`, `svix-timestamp` or `svix-signature`.
    pub fn svix_name(self) -> &'static str {
        match self {
            WebhookHeader::Id => "svix-id",
            WebhookHeader::Timestamp => "svix-timestamp",
            WebhookHeader::Signature => "svix-signature",
        }
    }
}

impl fmt::Display for WebhookHeader {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}` (or `{}`)", self.name(), self.svix_name())
    }
}

/// Why a webhook delivery was refused, or a secret.
#[derive(Debug)]
#[non_exhaustive]
pub enum WebhookError {
    /// The secret the verifier was built with cannot be used: the text says why.
    BadSecret(&'static str),
    /// The request has no such header: it is not a signed delivery.
    MissingHeader(WebhookHeader),
    /// A header is not as the scheme writes it.
    MalformedHeader {
        /// The header.
        header: WebhookHeader,
        /// What is wrong with it.
        reason: &'static str,
    },
    /// No `v1` signature of the signature header is right: the delivery was not signed with
    /// this secret, or its id, timestamp or body changed after it was.
    NoMatchingSignature,
    /// The delivery is authentic but was signed longer ago than the tolerance: a replay, or
    /// a clock that is off.
    TimestampTooOld {
        /// When it was signed, in seconds since 1970.
        timestamp: i64,
        /// The time it was verified at, in seconds since 1970.
        now: i64,
    },
    /// The delivery is authentic but its timestamp is further in the future than the
    /// tolerance: a clock that is off.
    TimestampInFuture {
        /// When it was signed, in seconds since 1970.
        timestamp: i64,
        /// The time it was verified at, in seconds since 1970.
        now: i64,
    },
    /// The delivery is authentic but its body is not JSON of the type asked for.
    InvalidBody {
        /// Where in the body decoding failed, as a path such as `data.id` (`.` for the root).
        path: String,
        /// Why.
        source: serde_json::Error,
    },
}

impl fmt::Display for WebhookError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WebhookError::BadSecret(reason) => write!(f, "the webhook secret {reason}"),
            WebhookError::MissingHeader(header) => {
                write!(f, "the webhook request has no {header} header")
            }
            WebhookError::MalformedHeader { header, reason } => {
                write!(f, "the webhook request's {header} header {reason}")
            }
            WebhookError::NoMatchingSignature => f.write_str(
                "no signature of the webhook request matches its body and the secret: \
                 it was not signed with this secret, or it changed after it was",
            ),
            WebhookError::TimestampTooOld { timestamp, now } => write!(
                f,
                "the webhook delivery was signed at {timestamp}, {} s before {now}, \
                 longer ago than the tolerance: a replay, or a clock that is off",
                i128::from(*now) - i128::from(*timestamp)
            ),
            WebhookError::TimestampInFuture { timestamp, now } => write!(
                f,
                "the webhook delivery was signed at {timestamp}, {} s after {now}, \
                 further ahead than the tolerance: a clock that is off",
                i128::from(*timestamp) - i128::from(*now)
            ),
            WebhookError::InvalidBody { path, source } => write!(
                f,
                "the webhook delivery's body does not match its type at `{path}`: {source}"
            ),
        }
    }
}

impl std::error::Error for WebhookError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            WebhookError::InvalidBody { source, .. } => Some(source),
            _ => None,
        }
    }
}
