//! Every retry policy the `with_*` methods can make, against failures answered by mock rules:
//! each either retries as its settings name, or is refused with a configuration error when the
//! client is built and when a call is sent, before anything goes out. None silently does less
//! than it names (issue 22: `RetryConfig::none().with_max_attempts(2)` used to send one
//! attempt).

use std::time::Duration;

use clerk_backend_api::api_keys::{CreateAPIKeyBuilder, GetAPIKeyBuilder};
use clerk_backend_api::mock::{HttpResponse, Rule, mock};
use clerk_backend_api::models::{APIKey, APIKeyObject};
use clerk_backend_api::{Clerk, Error, RetryConfig, SdkError, StatusMatch, TransportError};
use clerk_backend_api::{TransportKind, UnixTime, mock::Operation};

const HOUR: Duration = Duration::from_secs(3600);

/// One combination of the policy's settings; delays are zero, so that retries are instant.
#[derive(Debug, Clone, Copy)]
struct Combination {
    attempts: Option<u32>,
    statuses: bool,
    connection: bool,
    non_idempotent: bool,
    elapsed: Option<Duration>,
    deadline: Option<Duration>,
    exponent: f64,
}

impl Combination {
    fn policy(self) -> RetryConfig {
        let statuses = self.statuses.then_some(StatusMatch::Class(5));
        RetryConfig::none()
            .with_backoff(Duration::ZERO, Duration::ZERO, self.exponent)
            .with_max_attempts(self.attempts)
            .with_status_codes(statuses)
            .with_connection_errors(self.connection)
            .with_non_idempotent(self.non_idempotent)
            .with_max_elapsed_time(self.elapsed)
            .with_deadline(self.deadline)
    }

    /// What of its settings another one makes void, or that makes every call fail: the
    /// reason it must be refused, in the words of the refusal.
    fn contradiction(self) -> Option<&'static str> {
        let named = self.statuses || self.connection;
        let unbounded =
            self.attempts.is_none() && self.elapsed.is_none() && self.deadline.is_none();
        [
            (self.attempts == Some(0), "0 attempts"),
            (self.exponent < 1.0, "would not let delays grow"),
            (
                self.deadline == Some(Duration::ZERO),
                "no time for any attempt",
            ),
            (named && self.attempts == Some(1), "allows one attempt"),
            (
                self.non_idempotent && self.attempts == Some(1),
                "retries nothing",
            ),
            (!named && self.attempts != Some(1), "retries no status"),
            (
                named && self.elapsed == Some(Duration::ZERO),
                "no retry could start",
            ),
            (named && unbounded, "retries without end"),
        ]
        .into_iter()
        .find_map(|(refused, reason)| refused.then_some(reason))
    }

    /// How many attempts a call makes against two `failure`s and then a success: three when
    /// the policy names that failure and may send the request again, else one.
    fn attempts_against(self, failure: Failure, idempotent: bool) -> usize {
        let resend = idempotent || self.non_idempotent;
        let retried = match failure {
            Failure::Status503 => self.statuses && resend,
            Failure::Reset => self.connection && resend,
            // Nothing was written: safe to send again, whatever the method.
            Failure::Refused => self.connection,
        };
        match retried {
            true => 3,
            false => 1,
        }
    }
}

#[derive(Debug, Clone, Copy)]
enum Failure {
    Status503,
    Reset,
    Refused,
}

/// Every combination of the settings, with values that are fine alone and in a pair.
fn combinations() -> Vec<Combination> {
    let mut all = Vec::new();
    for attempts in [Some(0), Some(1), Some(3), None] {
        for (statuses, connection, non_idempotent) in flags() {
            for elapsed in [None, Some(Duration::ZERO), Some(HOUR)] {
                for deadline in [None, Some(Duration::ZERO), Some(HOUR)] {
                    for exponent in [1.0, 0.5] {
                        all.push(Combination {
                            attempts,
                            statuses,
                            connection,
                            non_idempotent,
                            elapsed,
                            deadline,
                            exponent,
                        });
                    }
                }
            }
        }
    }
    all
}

fn flags() -> impl Iterator<Item = (bool, bool, bool)> {
    (0..8).map(|bits| (bits & 1 != 0, bits & 2 != 0, bits & 4 != 0))
}

fn key() -> APIKey {
    let (id, name) = ("ak_1".to_owned(), "ci".to_owned());
    let scopes = vec!["deploys:write".to_owned()];
    let (kind, subject) = ("api_key".to_owned(), "user_1".to_owned());
    let claims = serde_json::Value::Null;
    APIKey::new(
        APIKeyObject::ApiKey,
        id,
        kind,
        subject,
        name,
        claims,
        scopes,
        false,
        false,
        UnixTime::from_count(1),
        UnixTime::from_count(2),
    )
}

/// A rule for `O` that fails twice with `failure`, then succeeds.
fn failing_twice<O>(failure: Failure) -> Rule<O>
where
    O: Operation<Output = APIKey>,
{
    let rule = mock::<O>();
    let rule = match failure {
        Failure::Status503 => {
            let answer = || HttpResponse::new(503);
            rule.then_http_response(answer).then_http_response(answer)
        }
        Failure::Reset | Failure::Refused => {
            let kind = match failure {
                Failure::Reset => TransportKind::Reset,
                _ => TransportKind::Connect,
            };
            let answer = move || TransportError::new(kind);
            rule.then_transport_error(answer)
                .then_transport_error(answer)
        }
    };
    rule.then_output(key)
}

fn client(
    policy: RetryConfig,
    get: &Rule<GetAPIKeyBuilder>,
    create: &Rule<CreateAPIKeyBuilder>,
) -> Result<Clerk, Error> {
    Clerk::builder()
        .bearer_auth("sk_test_policies")
        .retries(policy)
        .mock(get)
        .mock(create)
        .build()
}

#[tokio::test]
async fn every_policy_retries_as_named_or_is_refused_before_anything_is_sent() {
    let (mut accepted, mut refused) = (0, 0);
    for combination in combinations() {
        let policy = combination.policy();
        let expected = combination.contradiction();
        for failure in [Failure::Status503, Failure::Reset, Failure::Refused] {
            let (get, create) = (failing_twice(failure), failing_twice(failure));
            let built = client(policy.clone(), &get, &create);
            let context = format!("{combination:?} against {failure:?}");
            match (built, expected) {
                (Err(Error::Config(message)), Some(reason)) => {
                    assert!(message.contains(reason), "{context}: {message}");
                    refused += 1;
                    // A call's own policy is refused the same way, and sends nothing.
                    let plain = client(RetryConfig::none(), &get, &create).expect("builds");
                    let sent = plain
                        .api_keys()
                        .get_api_key("ak_1")
                        .retries(policy.clone())
                        .send()
                        .await;
                    assert!(
                        matches!(sent, Err(SdkError::Config(ref m)) if m == &message),
                        "{context}: {sent:?}"
                    );
                    assert_eq!(get.num_calls(), 0, "{context}");
                }
                (Ok(clerk), None) => {
                    accepted += 1;
                    let got = clerk.api_keys().get_api_key("ak_1").send().await;
                    let attempts = combination.attempts_against(failure, true);
                    assert_eq!(
                        (get.num_calls(), got.is_ok()),
                        (attempts, attempts == 3),
                        "{context}: GET"
                    );
                    let created = clerk.api_keys().create_api_key("ci", "user_1").send().await;
                    let attempts = combination.attempts_against(failure, false);
                    assert_eq!(
                        (create.num_calls(), created.is_ok()),
                        (attempts, attempts == 3),
                        "{context}: POST"
                    );
                }
                (built, expected) => {
                    panic!("{context}: built {built:?}, expected refusal {expected:?}")
                }
            }
        }
    }
    // Both kinds are well represented: the table is not all one way.
    assert!(
        accepted > 100 && refused > 100,
        "{accepted} accepted, {refused} refused"
    );
}

#[tokio::test]
async fn a_timeout_of_zero_is_refused_as_it_would_fail_every_call() {
    let refused = Clerk::builder()
        .bearer_auth("sk_test_policies")
        .timeout(Duration::ZERO)
        .build()
        .unwrap_err();
    assert!(
        matches!(&refused, Error::Config(m) if m.contains("timeout of 0")),
        "{refused:?}"
    );

    let get = mock::<GetAPIKeyBuilder>().then_output(key);
    let clerk = Clerk::builder()
        .bearer_auth("sk_test_policies")
        .mock(&get)
        .build()
        .expect("builds");
    let call = clerk.api_keys().get_api_key("ak_1").timeout(Duration::ZERO);
    let error = call.send().await.unwrap_err();
    assert!(
        matches!(&error, SdkError::Config(m) if m.contains("timeout of 0")),
        "{error:?}"
    );
    assert_eq!(get.num_calls(), 0);
}
