//! Retry decisions. The delays come from `backon`'s exponential backoff (a maintained crate
//! with jitter, a growth factor and attempt limits, and no runtime or HTTP ties of its own);
//! what is retried, `Retry-After` and the time budget are decided here, per attempt, because
//! they depend on the response.

use std::time::Duration;

use backon::{BackoffBuilder, ExponentialBackoff, ExponentialBuilder};
use reqwest::header::RETRY_AFTER;

use super::RawResponse;

/// Which response statuses a [`RetryConfig`] retries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusMatch {
    /// One exact status, such as 429.
    Code(u16),
    /// A whole class by its first digit: `Class(5)` is `5XX`.
    Class(u8),
}

impl StatusMatch {
    fn matches(self, status: u16) -> bool {
        match self {
            StatusMatch::Code(code) => code == status,
            StatusMatch::Class(class) => status / 100 == u16::from(class),
        }
    }
}

/// How failed attempts are retried: exponential backoff with jitter, bounded by a number of
/// attempts and by a total time budget.
///
/// The delay before retry `n` is `initial_interval * exponent^(n-1)` plus a random jitter
/// of up to the same amount again, so that many clients do not retry in lock-step. A
/// `Retry-After` header (seconds or an HTTP date) replaces the computed delay. Either way the
/// delay is at most `max_interval`. No retry is planned that would start later than
/// `max_elapsed_time` after the first attempt.
#[derive(Debug, Clone, PartialEq)]
pub struct RetryConfig {
    /// The delay before the first retry.
    pub initial_interval: Duration,
    /// The longest delay between two attempts.
    pub max_interval: Duration,
    /// The growth factor of the delay from one retry to the next.
    pub exponent: f64,
    /// The time after the first attempt past which no retry starts.
    pub max_elapsed_time: Duration,
    /// The most attempts in all, the first included; `None` for no limit but the time.
    pub max_attempts: Option<u32>,
    /// The response statuses that are retried.
    pub status_codes: Vec<StatusMatch>,
    /// Whether failures to connect, send or receive (timeouts included) are retried.
    pub retry_connection_errors: bool,
}

impl RetryConfig {
    /// A policy that never retries.
    pub fn none() -> Self {
        RetryConfig {
            initial_interval: Duration::ZERO,
            max_interval: Duration::ZERO,
            exponent: 1.0,
            max_elapsed_time: Duration::ZERO,
            max_attempts: Some(1),
            status_codes: Vec::new(),
            retry_connection_errors: false,
        }
    }

    pub(crate) fn backoff(&self) -> ExponentialBackoff {
        let mut builder = ExponentialBuilder::new()
            .with_min_delay(self.initial_interval)
            .with_max_delay(self.max_interval)
            .with_factor(self.exponent.max(1.0) as f32)
            .with_jitter()
            .without_max_times();
        if let Some(max) = self.max_attempts {
            builder = builder.with_max_times(max.saturating_sub(1) as usize);
        }
        builder.build()
    }

    /// Decides what follows an attempt: `None` when the call is done, or the delay before
    /// the next attempt.
    pub(crate) fn next_delay(
        &self,
        outcome: &Result<RawResponse, reqwest::Error>,
        backoff: &mut ExponentialBackoff,
        elapsed: Duration,
    ) -> Option<Duration> {
        let retry_after = match outcome {
            Ok(response)
                if self
                    .status_codes
                    .iter()
                    .any(|s| s.matches(response.status.as_u16())) =>
            {
                retry_after(response)
            }
            Ok(_) => return None,
            Err(error) if self.retry_connection_errors && is_connection_error(error) => None,
            Err(_) => return None,
        };
        let computed = backoff.next()?;
        let delay = retry_after.unwrap_or(computed).min(self.max_interval);
        (elapsed + delay <= self.max_elapsed_time).then_some(delay)
    }
}

fn is_connection_error(error: &reqwest::Error) -> bool {
    error.is_connect() || error.is_timeout() || error.is_request() || error.is_body()
}

/// The delay a `Retry-After` header asks for, in seconds or as an HTTP date.
fn retry_after(response: &RawResponse) -> Option<Duration> {
    let value = response.headers.get(RETRY_AFTER)?.to_str().ok()?.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let date = httpdate::parse_http_date(value).ok()?;
    Some(
        date.duration_since(std::time::SystemTime::now())
            .unwrap_or(Duration::ZERO),
    )
}
