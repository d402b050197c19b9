//! Retry decisions. The delays come from `backon`'s exponential backoff (a maintained crate
//! with jitter, a growth factor and attempt limits, and no runtime or HTTP ties of its own);
//! what is retried, `Retry-After` and the time budget are decided here, per attempt, because
//! they depend on the response.

use std::time::Duration;

use backon::{BackoffBuilder, ExponentialBackoff, ExponentialBuilder};
use reqwest::header::RETRY_AFTER;
use reqwest::Method;

use super::transport::TransportError;
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
/// `max_elapsed_time` (if set) after the first attempt, and no attempt runs past the
/// `deadline`.
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
/// changed with the `with_*` methods; fields may be added in a compatible release. A policy
/// whose settings contradict each other, so that some would silently do nothing (attempts
/// named but nothing to retry, statuses named but one attempt, a time limit no retry fits
/// in), is refused with [`SdkError::Config`](super::SdkError::Config) by the client
/// builder's `build()` or, for a call's own policy, by its `send()`, before anything is sent;
/// [`check`](Self::check) says the same beforehand.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct RetryConfig {
    /// The delay before the first retry.
    pub initial_interval: Duration,
    /// The longest delay between two attempts.
    pub max_interval: Duration,
    /// The growth factor of the delay from one retry to the next.
    pub exponent: f64,
    /// The time after the first attempt past which no retry starts; `None`: no limit but
    /// the attempts and the deadline.
    pub max_elapsed_time: Option<Duration>,
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
    /// A policy that never retries: one attempt, nothing retried. Make one that retries from
    /// it by naming what to retry ([`with_status_codes`](Self::with_status_codes),
    /// [`with_connection_errors`](Self::with_connection_errors)) and the attempts
    /// ([`with_max_attempts`](Self::with_max_attempts)); its delays start at 500 ms and grow
    /// by 1.5 up to 1 minute unless [`with_backoff`](Self::with_backoff) says otherwise, with
    /// no time limit but the attempts.
    pub fn none() -> Self {
        RetryConfig {
            initial_interval: Duration::from_millis(500),
            max_interval: Duration::from_secs(60),
            exponent: 1.5,
            max_elapsed_time: None,
            max_attempts: Some(1),
            deadline: None,
            status_codes: Vec::new(),
            retry_connection_errors: false,
            retry_non_idempotent: false,
        }
    }

    /// The delays: the first, the longest, and the growth factor from one to the next (at
    /// least 1).
    pub fn with_backoff(mut self, initial: Duration, max: Duration, exponent: f64) -> Self {
        (self.initial_interval, self.max_interval, self.exponent) = (initial, max, exponent);
        self
    }

    /// The time after the first attempt past which no retry starts (`None`: no limit but the
    /// attempts and the deadline).
    pub fn with_max_elapsed_time(mut self, time: impl Into<Option<Duration>>) -> Self {
        self.max_elapsed_time = time.into();
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

    /// Whether the policy does what each of its settings says: `Err` names the first setting
    /// that another makes void (one attempt beside statuses to retry, attempts beside
    /// nothing to retry, a time limit shorter than the first delay, delays that shrink) or
    /// that makes every call fail (no attempt, a zero deadline), and how to fix it.
    pub fn check(&self) -> Result<(), String> {
        self.check_values()?;
        let retried = !self.status_codes.is_empty() || self.retry_connection_errors;
        match (self.max_attempts, retried) {
            (Some(1), true) => Err(
                "the retry policy names what to retry but allows one attempt: set \
                 `with_max_attempts` above 1, or use `RetryConfig::none()` to disable retries"
                    .into(),
            ),
            (Some(1), false) if self.retry_non_idempotent => Err(
                "the retry policy allows `POST` and `PATCH` to be sent again but retries \
                 nothing: name what to retry and the attempts"
                    .into(),
            ),
            (Some(1), false) => Ok(()),
            (attempts, false) => Err(format!(
                "the retry policy allows {} but retries no status and no connection failure: \
                 name them with `with_status_codes` or `with_connection_errors`, or use \
                 `RetryConfig::none()` to disable retries",
                attempts.map_or("any number of attempts".to_owned(), |n| format!(
                    "{n} attempts"
                ))
            )),
            (_, true) => self.check_limits(),
        }
    }

    /// The settings that are wrong on their own.
    fn check_values(&self) -> Result<(), String> {
        if self.max_attempts == Some(0) {
            return Err("the retry policy allows 0 attempts; the first attempt counts".into());
        }
        if !(self.exponent.is_finite() && self.exponent >= 1.0) {
            return Err(format!(
                "the retry policy's exponent {} would not let delays grow: use 1 or more",
                self.exponent
            ));
        }
        if self.initial_interval > self.max_interval {
            return Err(format!(
                "the retry policy's first delay ({:?}) is longer than its longest ({:?})",
                self.initial_interval, self.max_interval
            ));
        }
        if self.deadline == Some(Duration::ZERO) {
            return Err("the retry policy's deadline of 0 leaves no time for any attempt".into());
        }
        Ok(())
    }

    /// For a policy that retries: a bound on the retries, and time limits that a retry fits
    /// in.
    fn check_limits(&self) -> Result<(), String> {
        let limits = [
            ("time after which no retry starts", self.max_elapsed_time),
            ("deadline", self.deadline),
        ];
        for (what, limit) in limits {
            if let Some(limit) = limit.filter(|l| *l <= self.initial_interval) {
                return Err(format!(
                    "the retry policy's {what} ({limit:?}) is not longer than its first delay \
                     ({:?}): no retry could start",
                    self.initial_interval
                ));
            }
        }
        if self.max_attempts.is_none() && self.max_elapsed_time.is_none() && self.deadline.is_none()
        {
            return Err(
                "the retry policy retries without end: set `with_max_attempts`, \
                 `with_max_elapsed_time` or `with_deadline`"
                    .into(),
            );
        }
        Ok(())
    }

    pub(crate) fn backoff(&self) -> ExponentialBackoff {
        let mut builder = ExponentialBuilder::new()
            .with_min_delay(self.initial_interval)
            .with_max_delay(self.max_interval)
            .with_factor(self.exponent as f32)
            .with_jitter()
            .without_max_times();
        if let Some(max) = self.max_attempts {
            builder = builder.with_max_times(max.saturating_sub(1) as usize);
        }
        builder.build()
    }

    /// Whether the policy allows an attempt numbered `attempt` (from 1) at all.
    pub(crate) fn allows(&self, attempt: u32) -> bool {
        self.max_attempts.is_none_or(|max| attempt <= max)
    }

    /// Decides what follows an attempt of a `method` request: `None` when the call is done,
    /// or the delay before the next attempt.
    pub(crate) fn next_delay(
        &self,
        method: &Method,
        outcome: &Result<RawResponse, TransportError>,
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
            Err(error) if self.retry_connection_errors && error.is_retryable() => {
                // A connection that failed before the request was written sent nothing.
                if !resend && error.maybe_processed() {
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
        let in_budget = self.max_elapsed_time.is_none_or(|max| starts <= max);
        (in_budget && in_time).then_some(delay)
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

#[cfg(test)]
mod tests;
