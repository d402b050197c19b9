//! The generated SDK against Stoplight Prism serving `spec/openapi.yaml`, a check by a tool
//! that no one here wrote: every request the SDK sends must pass Prism's validation, and
//! every documented response, as the document's example or generated from its schema, must
//! decode to its type.
//!
//! Every call goes through [`Prism::checked`], which fails the test when Prism reports the
//! request as a violation; `requests_that_break_the_spec_are_reported` proves that this check
//! can fail.

use std::collections::BTreeSet;

use clerk_backend_api::api_keys::{
    ApiKeys, CreateAPIKeyError, DeleteAPIKeyError, GetAPIKeyError, GetAPIKeySecretError,
    GetAPIKeysError, RevokeAPIKeyError, UpdateAPIKeyError, VerifyAPIKeyError,
};
use clerk_backend_api::reqwest;
use conformance::{CALL_TIMEOUT, Mode, Prism, Spec, TOKEN, violations};
use serde_json::{Value, json};

const KEY_ID: &str = "ak_7c1e4f9a2b6d4e08a3f5c9d2e1b7a460";
const SUBJECT: &str = "user_2zKq8VbN4mRtX7cLp3WsY9dFhJa";
const ORGANIZATION: &str = "org_2zKr3HbW7nPqY5cVm1TsX8eGjLd";
const CREATOR: &str = "user_2zKp1QeT6uHs0GnBv5XyR8aLmCd";
const SECRET: &str = "ak_9d2f6b1c8e4a7f3d0b5c9e2a6f1d4b8c3e7a0f5d";

/// One answer, its body decoded and serialized again for comparison.
#[derive(Debug)]
struct Answer {
    operation: &'static str,
    status: u16,
    body: Value,
}

/// Sends `$call`, which Prism must accept and answer with a 2xx body that decodes, and
/// records the answer in `$answers`.
macro_rules! success {
    ($prism:expr, $answers:expr, $operation:literal, $call:expr) => {{
        let response = $prism.expect_ok($operation, $call.send().await);
        $answers.push(Answer {
            operation: $operation,
            status: response.status().as_u16(),
            body: serde_json::to_value(&*response).expect("a decoded body serializes"),
        });
    }};
}

/// Sends the call that `$call` builds once for each `$status`, asking Prism for that status;
/// each must come back as the documented error `$variant` with a body that decodes. Records
/// the answers in `$answers`.
macro_rules! documented_errors {
    ($prism:expr, $answers:expr, $operation:literal, $call:expr,
     [$($status:literal => $variant:path),+ $(,)?]) => {$({
        let call = ($call)().header("Prefer", concat!("code=", $status));
        let error = $prism.expect_api($operation, call.send().await);
        assert_eq!(error.status.as_u16(), $status, "{}", $operation);
        let body = match error.error {
            $variant(body) => serde_json::to_value(&body).expect("a decoded body serializes"),
            other => panic!(
                "{} {}: expected {}, got {other:?}",
                $operation,
                $status,
                stringify!($variant)
            ),
        };
        $answers.push(Answer {
            operation: $operation,
            status: $status,
            body,
        });
    })+};
}

/// Every operation, with only its required arguments and then with every optional parameter
/// set: once with values and, where the document allows `null`, once with explicit nulls.
async fn every_success(prism: &Prism, api: ApiKeys<'_>) -> Vec<Answer> {
    let mut answers = Vec::new();

    success!(prism, answers, "getApiKeys", api.get_api_keys(SUBJECT));
    // `offset` is nullable too, but a query string has no way to say null.
    success!(
        prism,
        answers,
        "getApiKeys",
        api.get_api_keys(SUBJECT)
            .r#type("api_key")
            .include_invalid(true)
            .limit(100)
            .offset(20)
            .query("billing service & co")
    );

    success!(
        prism,
        answers,
        "createApiKey",
        api.create_api_key("billing-service", SUBJECT)
    );
    success!(
        prism,
        answers,
        "createApiKey",
        api.create_api_key("billing-service", ORGANIZATION)
            .r#type("api_key")
            .description("Used by the nightly invoicing job")
            .claims(json!({ "team": "billing", "tier": 2 }))
            .scopes(["invoices:read", "invoices:write"])
            .created_by(CREATOR)
            .seconds_until_expiration(86_400)
    );
    success!(
        prism,
        answers,
        "createApiKey",
        api.create_api_key("billing-service", SUBJECT)
            .clear_description()
            .claims(Value::Null)
            .scopes(Vec::<String>::new())
            .clear_created_by()
            .clear_seconds_until_expiration()
    );

    success!(prism, answers, "getApiKey", api.get_api_key(KEY_ID));

    success!(prism, answers, "updateApiKey", api.update_api_key(KEY_ID));
    success!(
        prism,
        answers,
        "updateApiKey",
        api.update_api_key(KEY_ID)
            .claims(json!(["any", "JSON", 1]))
            .scopes(["invoices:read"])
            .description("Moved to the organization")
            .subject(ORGANIZATION)
            .seconds_until_expiration(std::time::Duration::from_secs(3_600))
    );
    success!(
        prism,
        answers,
        "updateApiKey",
        api.update_api_key(KEY_ID)
            .claims(Value::Null)
            .clear_description()
            .clear_seconds_until_expiration()
    );

    success!(prism, answers, "deleteApiKey", api.delete_api_key(KEY_ID));

    success!(
        prism,
        answers,
        "getApiKeySecret",
        api.get_api_key_secret(KEY_ID)
    );

    success!(prism, answers, "revokeApiKey", api.revoke_api_key(KEY_ID));
    success!(
        prism,
        answers,
        "revokeApiKey",
        api.revoke_api_key(KEY_ID)
            .revocation_reason("Rotated after a suspected leak")
    );
    success!(
        prism,
        answers,
        "revokeApiKey",
        api.revoke_api_key(KEY_ID).clear_revocation_reason()
    );

    success!(prism, answers, "verifyApiKey", api.verify_api_key(SECRET));

    answers
}

/// Every documented error status of every operation, asked for with `Prefer: code=NNN`
/// through the SDK's per-call header option.
async fn every_documented_error(prism: &Prism, api: ApiKeys<'_>) -> Vec<Answer> {
    let mut answers = Vec::new();
    documented_errors!(prism, answers, "getApiKeys", || api.get_api_keys(SUBJECT), [
        400 => GetAPIKeysError::BadRequest,
        404 => GetAPIKeysError::NotFound,
    ]);
    documented_errors!(prism, answers, "createApiKey", || api.create_api_key("billing-service", SUBJECT), [
        400 => CreateAPIKeyError::BadRequest,
        409 => CreateAPIKeyError::Conflict,
    ]);
    documented_errors!(prism, answers, "getApiKey", || api.get_api_key(KEY_ID), [
        400 => GetAPIKeyError::BadRequest,
        404 => GetAPIKeyError::NotFound,
    ]);
    documented_errors!(prism, answers, "updateApiKey", || api.update_api_key(KEY_ID).subject(SUBJECT), [
        400 => UpdateAPIKeyError::BadRequest,
        404 => UpdateAPIKeyError::NotFound,
    ]);
    documented_errors!(prism, answers, "deleteApiKey", || api.delete_api_key(KEY_ID), [
        400 => DeleteAPIKeyError::BadRequest,
        404 => DeleteAPIKeyError::NotFound,
    ]);
    documented_errors!(prism, answers, "getApiKeySecret", || api.get_api_key_secret(KEY_ID), [
        400 => GetAPIKeySecretError::BadRequest,
        404 => GetAPIKeySecretError::NotFound,
    ]);
    documented_errors!(prism, answers, "revokeApiKey", || api.revoke_api_key(KEY_ID), [
        400 => RevokeAPIKeyError::BadRequest,
        404 => RevokeAPIKeyError::NotFound,
    ]);
    documented_errors!(prism, answers, "verifyApiKey", || api.verify_api_key(SECRET), [
        400 => VerifyAPIKeyError::BadRequest,
        404 => VerifyAPIKeyError::NotFound,
    ]);
    answers
}

/// The `(operationId, status)` pairs of `answers`, to compare with the document's.
fn covered(answers: &[Answer]) -> BTreeSet<(String, u16)> {
    answers
        .iter()
        .map(|a| (a.operation.to_owned(), a.status))
        .collect()
}

/// The document's `(operationId, status)` pairs whose status is, or is not, a success.
fn documented(spec: &Spec, success: bool) -> BTreeSet<(String, u16)> {
    let statuses = spec.statuses().into_iter();
    statuses
        .filter(|(_, status)| (200..300).contains(status) == success)
        .collect()
}

#[tokio::test]
async fn every_success_example_decodes_to_its_type() {
    let spec = Spec::load();
    let prism = Prism::start(Mode::Static);
    let clerk = prism.client();

    let answers = every_success(&prism, clerk.api_keys()).await;

    assert_eq!(covered(&answers), documented(&spec, true));
    for answer in &answers {
        let (compared, differences) =
            spec.compare_property_examples(answer.operation, answer.status, &answer.body);
        assert!(
            differences.is_empty(),
            "{} {}: the decoded body differs from the spec's examples:\n{}",
            answer.operation,
            answer.status,
            differences.join("\n")
        );
        assert!(compared > 0, "{}: no example compared", answer.operation);
    }
}

#[tokio::test]
async fn every_documented_error_example_decodes_to_its_variant() {
    let spec = Spec::load();
    let prism = Prism::start(Mode::Static);
    let clerk = prism.client();

    let answers = every_documented_error(&prism, clerk.api_keys()).await;

    assert_eq!(covered(&answers), documented(&spec, false));
    for answer in &answers {
        assert_eq!(
            &answer.body,
            spec.example(answer.operation, answer.status),
            "{} {}: the decoded body differs from the spec's example",
            answer.operation,
            answer.status
        );
    }
}

/// Prism generates bodies from the schemas: random strings that match their patterns,
/// negative and fractional timestamps, extra keys wherever `additionalProperties` is not
/// `false`. Each must decode, for successes and documented errors alike.
async fn generated_bodies_decode(seed: u32) {
    let spec = Spec::load();
    let prism = Prism::start(Mode::Dynamic { seed });
    let clerk = prism.client();

    let successes = every_success(&prism, clerk.api_keys()).await;
    let errors = every_documented_error(&prism, clerk.api_keys()).await;

    assert_eq!(covered(&successes), documented(&spec, true), "seed {seed}");
    assert_eq!(covered(&errors), documented(&spec, false), "seed {seed}");
    let generated = successes.iter().filter(|answer| {
        let (_, differences) =
            spec.compare_property_examples(answer.operation, answer.status, &answer.body);
        !differences.is_empty()
    });
    assert!(
        generated.count() > 0,
        "seed {seed}: every body is the spec's example; Prism generated nothing"
    );
}

#[tokio::test]
async fn generated_bodies_decode_with_seed_1() {
    generated_bodies_decode(1).await;
}

#[tokio::test]
async fn generated_bodies_decode_with_seed_2() {
    generated_bodies_decode(2).await;
}

#[tokio::test]
async fn generated_bodies_decode_with_seed_3() {
    generated_bodies_decode(3).await;
}

/// What Prism reports about a request sent without the SDK.
async fn raw(
    prism: &Prism,
    method: reqwest::Method,
    path: &str,
    authorization: &str,
    body: Option<Value>,
) -> Option<String> {
    let http = reqwest::Client::builder()
        .timeout(CALL_TIMEOUT)
        .build()
        .expect("the HTTP client builds");
    let mut request = http
        .request(method, format!("{}{path}", prism.url()))
        .header("Authorization", authorization);
    if let Some(body) = body {
        request = request
            .header("Content-Type", "application/json")
            .body(body.to_string());
    }
    let response = request.send().await.expect("Prism answers");
    let headers = response.headers().clone();
    let body = response.bytes().await.expect("the body is read");
    violations(&headers, &body)
}

#[tokio::test]
async fn requests_that_break_the_spec_are_reported() {
    let prism = Prism::start(Mode::Static);
    let bearer = format!("Bearer {TOKEN}");
    let post = reqwest::Method::POST;
    let get = reqwest::Method::GET;

    // A valid request sent the same way passes, so what follows fails for its content.
    let valid = json!({ "name": "billing-service", "subject": SUBJECT, "claims": null });
    let reported = raw(&prism, post.clone(), "/api_keys", &bearer, Some(valid)).await;
    assert_eq!(reported, None);

    // The body has `claims`, the schema Prism's validator throws on unless the harness
    // rewrote it: with the validator silently off, this would pass and the test fail.
    let invalid = json!({ "name": 42, "claims": null, "color": "red" });
    let reported = raw(&prism, post, "/api_keys", &bearer, Some(invalid)).await;
    let reported = reported.expect("a body of the wrong shape is reported");
    for complaint in ["'subject'", "name", "'color'"] {
        assert!(reported.contains(complaint), "{complaint} in {reported}");
    }

    let reported = raw(&prism, get.clone(), "/api_keys?limit=0", &bearer, None).await;
    let reported = reported.expect("a missing required query parameter is reported");
    assert!(reported.contains("'subject'"), "{reported}");
    assert!(reported.contains("limit"), "{reported}");

    let reported = raw(&prism, get.clone(), "/api_keys/key_1", &bearer, None).await;
    let reported = reported.expect("a malformed path parameter is reported");
    assert!(reported.contains("path"), "{reported}");

    let lowercase = format!("bearer {TOKEN}");
    let path = format!("/api_keys/{KEY_ID}");
    let reported = raw(&prism, get, &path, &lowercase, None).await;
    let reported = reported.expect("a failed security check is reported");
    assert!(reported.contains("security"), "{reported}");
}
