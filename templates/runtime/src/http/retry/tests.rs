use std::time::Duration;

use backon::ExponentialBackoff;
use reqwest::Method;

use super::{RetryConfig, StatusMatch};
use crate::http::transport::{TransportError, TransportKind};

const MS: Duration = Duration::from_millis(1);

/// A policy that retries 5XX and connection failures three times, quickly.
fn retrying() -> RetryConfig {
    RetryConfig::none()
        .with_backoff(MS, 10 * MS, 2.0)
        .with_max_attempts(3)
        .with_status_codes([StatusMatch::Class(5)])
        .with_connection_errors(true)
}

#[test]
fn a_policy_whose_settings_contradict_each_other_is_refused() {
    let none = RetryConfig::none;
    let cases: [(RetryConfig, Option<&str>); 14] = [
        (none(), None),
        (retrying(), None),
        (none().with_max_attempts(2), Some("retries no status")),
        (
            none().with_max_attempts(None),
            Some("any number of attempts"),
        ),
        (
            none().with_status_codes([StatusMatch::Code(429)]),
            Some("allows one attempt"),
        ),
        (
            none().with_connection_errors(true),
            Some("allows one attempt"),
        ),
        (none().with_non_idempotent(true), Some("retries nothing")),
        (retrying().with_max_attempts(0), Some("0 attempts")),
        (retrying().with_backoff(MS, MS, 0.5), Some("exponent 0.5")),
        (
            retrying().with_backoff(MS, MS, f64::NAN),
            Some("exponent NaN"),
        ),
        (
            retrying().with_backoff(10 * MS, MS, 1.0),
            Some("longer than its longest"),
        ),
        (
            retrying().with_max_elapsed_time(MS),
            Some("no retry could start"),
        ),
        (
            retrying().with_deadline(Duration::ZERO),
            Some("no time for any attempt"),
        ),
        (
            retrying().with_max_attempts(None),
            Some("retries without end"),
        ),
    ];
    for (policy, refused) in cases {
        match (policy.check(), refused) {
            (Ok(()), None) => {}
            (Err(message), Some(expected)) => {
                assert!(message.contains(expected), "{policy:?}: {message}")
            }
            (result, _) => panic!("{policy:?}: {result:?}, expected {refused:?}"),
        }
    }
    // Bounded by time instead of attempts, it is valid.
    let timed = retrying()
        .with_max_attempts(None)
        .with_max_elapsed_time(Duration::from_secs(1));
    assert_eq!(timed.check(), Ok(()));
    // So is a deadline alone on a policy that does not retry.
    assert_eq!(none().with_deadline(MS).check(), Ok(()));
}

/// The delay a policy plans after a failure of a `method` request, if it retries.
fn after(policy: &RetryConfig, method: Method, error: TransportError) -> Option<Duration> {
    let mut backoff: ExponentialBackoff = policy.backoff();
    policy.next_delay(&method, &Err(error), &mut backoff, Duration::ZERO)
}

#[test]
fn a_failure_without_a_response_is_retried_when_retrying_can_help_and_is_safe() {
    let policy = retrying();
    let kinds = [
        (TransportKind::Connect, true, true),
        (TransportKind::Timeout, true, false),
        (TransportKind::Reset, true, false),
        (TransportKind::Tls, false, false),
        (TransportKind::Build, false, false),
        (TransportKind::Other, false, false),
    ];
    for (kind, get, post) in kinds {
        let get_retried = after(&policy, Method::GET, TransportError::new(kind)).is_some();
        let post_retried = after(&policy, Method::POST, TransportError::new(kind)).is_some();
        assert_eq!((get_retried, post_retried), (get, post), "{kind:?}");
    }
    // A timeout while connecting wrote nothing: a `POST` is sent again.
    let connecting = TransportError::new(TransportKind::Timeout).with_sent(false);
    assert!(after(&policy, Method::POST, connecting).is_some());
    let opted_in = policy.with_non_idempotent(true);
    let reset = TransportError::new(TransportKind::Reset);
    assert!(after(&opted_in, Method::POST, reset).is_some());
}
