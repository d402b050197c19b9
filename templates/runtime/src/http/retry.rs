//! Retry decisions. The delays come from `backon`'s exponential backoff (a maintained crate
//! with jitter, a growth factor and attempt limits, and no runtime or HTTP ties of its own);
//! what is retried, `Retry-After` and the time budget are decided here, per attempt, because
//! they depend on the response.

use std::time::Duration;

use backon::{BackoffBuilder, ExponentialBackoff, ExponentialBuilder};
use reqwest::header::RETRY_AFTER;
use reqwest::Method;

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
/// attempts, by a time after which no retry starts and by a deadline for the whole call.
///
/// The delay before retry `n` is `initial_interval * exponent^(n-1)` plus a random jitter
/// of up to the same amount again, so that many clients do not retry in lock-step. A
/// `Retry-After` header (seconds or an HTTP date) replaces the computed delay. Either way the
/// delay is at most `max_interval`. No retry is planned that would start later than
/// `max_elapsed_time` after the first attempt, and no attempt runs past the `deadline`.
///
/// A request is sent again only when that is safe. `GET`, `HEAD`, `PUT`, `DELETE`, `OPTIONS`
/// and `TRACE` are idempotent and are retried as the policy says. A `POST` or `PATCH` that
/// may have reached the server (a timeout, a connection lost after sending, a `5XX`) could be
/// processed twice, so it is retried only when the server certainly did not process it: the
/// connection failed before the request was sent, or the answer was `429`, or `503` with
/// `Retry-After`, unless [`RetryConfig::with_non_idempotent`] opts in. A `429` or `503` that
/// says when to come back (`Retry-After`) is retried whatever `status_codes` lists.
///
/// Built with the client's default (`builder()` of the client) or [`RetryConfig::none`], then
/// changed with the `with_*` methods; fields may be added in a compatible release.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
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
    /// The most time the whole call may take, attempts and delays included; the attempt
    /// running at the deadline is cut off and fails as a timeout. `None`: no deadline.
    pub deadline: Option<Duration>,
    /// The response statuses that are retried.
    pub status_codes: Vec<StatusMatch>,
    /// Whether failures to connect, send or receive (timeouts included) are retried.
    pub retry_connection_errors: bool,
    /// Whether a `POST` or `PATCH` is sent again after a failure the server may have
    /// processed; `false` unless opted in.
    pub retry_non_idempotent: bool,
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
            deadline: None,
            status_codes: Vec::new(),
            retry_connection_errors: false,
            retry_non_idempotent: false,
        }
    }

    /// The delays: the first, the longest, and the growth factor from one to the next.
    pub fn with_backoff(mut self, initial: Duration, max: Duration, exponent: f64) -> Self {
        (self.initial_interval, self.max_interval, self.exponent) = (initial, max, exponent);
        self
    }

    /// The time after the first attempt past which no retry starts.
    pub fn with_max_elapsed_time(mut self, time: Duration) -> Self {
        self.max_elapsed_time = time;
        self
    }

    /// The most attempts in all, the first included (`None`: no limit but the time).
    pub fn with_max_attempts(mut self, attempts: impl Into<Option<u32>>) -> Self {
        self.max_attempts = attempts.into();
        self
    }

    /// The most time the whole call may take (`None`: no deadline).
    pub fn with_deadline(mut self, deadline: impl Into<Option<Duration>>) -> Self {
        self.deadline = deadline.into();
        self
    }

    /// The response statuses that are retried.
    pub fn with_status_codes(mut self, statuses: impl IntoIterator<Item = StatusMatch>) -> Self {
        self.status_codes = statuses.into_iter().collect();
        self
    }

    /// Whether failures to connect, send or receive (timeouts included) are retried.
    pub fn with_connection_errors(mut self, retry: bool) -> Self {
        self.retry_connection_errors = retry;
        self
    }

    /// Whether a `POST` or `PATCH` is sent again after a failure the server may have
    /// processed: only for operations the caller knows to be safe to repeat.
    pub fn with_non_idempotent(mut self, retry: bool) -> Self {
        self.retry_non_idempotent = retry;
        self
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

    /// Decides what follows an attempt of a `method` request: `None` when the call is done,
    /// or the delay before the next attempt.
    pub(crate) fn next_delay(
        &self,
        method: &Method,
        outcome: &Result<RawResponse, reqwest::Error>,
        backoff: &mut ExponentialBackoff,
        elapsed: Duration,
    ) -> Option<Duration> {
        let resend = self.retry_non_idempotent || is_idempotent(method);
        let retry_after = match outcome {
            Ok(response) => {
                let status = response.status.as_u16();
                let retry_after = retry_after(response);
                // The server says it did not process the request.
                let refused = status == 429 || (status == 503 && retry_after.is_some());
                let listed = self.status_codes.iter().any(|s| s.matches(status));
                let come_back = refused && retry_after.is_some();
                if !(come_back || listed && (resend || refused)) {
                    return None;
                }
                retry_after
            }
            Err(error) if self.retry_connection_errors && is_connection_error(error) => {
                // A failed connection sent nothing; anything later may have been processed.
                if !(resend || error.is_connect()) {
                    return None;
                }
                None
            }
            Err(_) => return None,
        };
        let computed = backoff.next()?;
        let delay = retry_after.unwrap_or(computed).min(self.max_interval);
        let starts = elapsed + delay;
        let in_time = self.deadline.is_none_or(|deadline| starts < deadline);
        (starts <= self.max_elapsed_time && in_time).then_some(delay)
    }

    /// The time an attempt starting `elapsed` after the first may take: `timeout` (`None`:
    /// the HTTP client's own), cut to what is left before the deadline (at least a
    /// millisecond, so that an attempt that starts at the deadline fails as a timeout).
    pub(crate) fn attempt_timeout(
        &self,
        timeout: Option<Duration>,
        elapsed: Duration,
    ) -> Option<Duration> {
        let Some(deadline) = self.deadline else {
            return timeout;
        };
        let left = deadline
            .saturating_sub(elapsed)
            .max(Duration::from_millis(1));
        Some(timeout.map_or(left, |timeout| timeout.min(left)))
    }
}

/// Whether sending a request with this method twice has the effect of sending it once.
fn is_idempotent(method: &Method) -> bool {
    [
        Method::GET,
        Method::HEAD,
        Method::PUT,
        Method::DELETE,
        Method::OPTIONS,
        Method::TRACE,
    ]
    .contains(method)
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
