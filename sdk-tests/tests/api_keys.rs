//! Each operation against a mock server: the request it sends (method, path, query, headers,
//! body) and how it decodes a successful answer.

mod common;

use clerk_backend_api::models::{
    CreateAPIKeyObject, DeleteAPIKeyObject, GetAPIKeyObject, GetAPIKeysDataObject,
    RevokeAPIKeyObject, UpdateAPIKeyObject, VerifyAPIKeyObject,
};
use common::*;
use serde_json::{Value, json};
use wiremock::MockServer;

fn request_id<T>(response: &clerk_backend_api::ResponseValue<T>) -> Option<&str> {
    response
        .headers()
        .get("cf-ray")
        .map(|v| v.to_str().expect("header is text"))
}

// --- getApiKeys -----------------------------------------------------------------------------

fn key_list_json() -> Value {
    let mut second = api_key_json();
    second["id"] = json!(OTHER_KEY_ID);
    second["name"] = json!("reporting");
    second["revoked"] = json!(true);
    second["revocation_reason"] = json!("Rotated after a suspected leak");
    second["expiration"] = Value::Null;
    second["created_by"] = Value::Null;
    second["last_used_at"] = json!(1762819200000u64);
    second
        .as_object_mut()
        .expect("an object")
        .remove("description");
    json!({ "data": [api_key_json(), second], "total_count": 2 })
}

#[tokio::test]
async fn get_api_keys_sends_only_the_subject_by_default() {
    let server = server_answering(json_response(200, &key_list_json())).await;

    let page = client(&server)
        .api_keys()
        .get_api_keys(SUBJECT)
        .send()
        .await
        .expect("the call succeeds");

    let request = only_request(&server).await;
    assert_eq!(request.method.as_str(), "GET");
    assert_eq!(request.url.path(), "/api_keys");
    assert_eq!(query_pairs(&request), pairs(&[("subject", SUBJECT)]));
    assert_standard_headers(&request, false);

    assert_eq!(page.status(), 200);
    assert_eq!(request_id(&page), Some(REQUEST_ID));
    assert_eq!(page.total_count, 2);
    assert_eq!(page.data.len(), 2);
    let first = &page.data[0];
    assert_eq!(first.object, GetAPIKeysDataObject::ApiKey);
    assert_eq!(first.id, KEY_ID);
    assert_eq!(first.r#type, "api_key");
    assert_eq!(
        first.description.as_deref(),
        Some("Used by the nightly invoicing job")
    );
    assert_eq!(first.claims, json!({ "team": "billing" }));
    assert_eq!(first.scopes, ["invoices:read", "invoices:write"]);
    assert_eq!(first.expiration, Some(1794268800000.into()));
    assert_eq!(first.created_by.as_deref(), Some(CREATOR));
    assert_eq!(first.last_used_at, None);
    let second = &page.data[1];
    assert_eq!(second.id, OTHER_KEY_ID);
    assert!(second.revoked);
    assert_eq!(
        second.revocation_reason.as_deref(),
        Some("Rotated after a suspected leak")
    );
    assert_eq!(
        second.description, None,
        "an absent optional field decodes to None"
    );
    assert_eq!(second.expiration, None);
    assert_eq!(second.created_by, None);
    assert_eq!(second.last_used_at, Some(1762819200000.into()));
}

#[tokio::test]
async fn get_api_keys_sends_every_query_parameter() {
    let server =
        server_answering(json_response(200, &json!({ "data": [], "total_count": 0 }))).await;

    let page = client(&server)
        .api_keys()
        .get_api_keys(SUBJECT)
        .r#type("api_key")
        .include_invalid(true)
        .limit(10)
        .offset(20)
        .query("billing service & co")
        .send()
        .await
        .expect("the call succeeds");

    let request = only_request(&server).await;
    assert_eq!(request.method.as_str(), "GET");
    assert_eq!(request.url.path(), "/api_keys");
    assert_eq!(
        query_pairs(&request),
        pairs(&[
            ("type", "api_key"),
            ("subject", SUBJECT),
            ("include_invalid", "true"),
            ("limit", "10"),
            ("offset", "20"),
            ("query", "billing service & co"),
        ])
    );
    assert_standard_headers(&request, false);
    assert!(page.data.is_empty());
    assert_eq!(page.total_count, 0);
}

#[tokio::test]
async fn get_api_keys_sends_false_and_zero_as_written() {
    let server =
        server_answering(json_response(200, &json!({ "data": [], "total_count": 0 }))).await;

    client(&server)
        .api_keys()
        .get_api_keys(SUBJECT)
        .include_invalid(false)
        .offset(0)
        .limit(2)
        .send()
        .await
        .expect("the call succeeds");

    let request = only_request(&server).await;
    assert_eq!(
        query_pairs(&request),
        pairs(&[
            ("subject", SUBJECT),
            ("include_invalid", "false"),
            ("offset", "0"),
            ("limit", "2")
        ])
    );
}

// --- createApiKey ---------------------------------------------------------------------------

#[tokio::test]
async fn create_api_key_sends_only_the_required_fields_and_accepts_201() {
    let server = server_answering(json_response(201, &created_api_key_json())).await;

    let key = client(&server)
        .api_keys()
        .create_api_key("billing-service", SUBJECT)
        .send()
        .await
        .expect("a 201 answer is a success");

    let request = only_request(&server).await;
    assert_request_line(&request, "POST", "/api_keys");
    assert_standard_headers(&request, true);
    assert_eq!(
        body_json(&request),
        json!({ "name": "billing-service", "subject": SUBJECT })
    );

    assert_eq!(key.status(), 201);
    assert_eq!(request_id(&key), Some(REQUEST_ID));
    assert_eq!(key.object, CreateAPIKeyObject::ApiKey);
    assert_eq!(key.id, KEY_ID);
    assert_eq!(key.secret.as_deref(), Some(SECRET));
    assert_eq!(key.subject, SUBJECT);
    assert_eq!(key.revocation_reason, None);
    assert_eq!(key.last_used_at, None);
    assert_eq!(key.created_at.count(), 1762732800000);
    assert_eq!(key.updated_at.count(), 1762736400000);
}

#[tokio::test]
async fn create_api_key_sends_every_field_and_accepts_200() {
    let server = server_answering(json_response(200, &created_api_key_json())).await;

    let key = client(&server)
        .api_keys()
        .create_api_key("billing-service", SUBJECT)
        .r#type("api_key")
        .description("Used by the nightly invoicing job")
        .claims(json!({ "team": "billing", "tier": 2, "flags": [true, null] }))
        .scopes(["invoices:read", "invoices:write"])
        .created_by(CREATOR)
        .seconds_until_expiration(86400)
        .send()
        .await
        .expect("the call succeeds");

    let request = only_request(&server).await;
    assert_request_line(&request, "POST", "/api_keys");
    assert_standard_headers(&request, true);
    assert_eq!(
        body_json(&request),
        json!({
            "type": "api_key",
            "name": "billing-service",
            "description": "Used by the nightly invoicing job",
            "subject": SUBJECT,
            "claims": { "team": "billing", "tier": 2, "flags": [true, null] },
            "scopes": ["invoices:read", "invoices:write"],
            "created_by": CREATOR,
            "seconds_until_expiration": 86400
        })
    );
    assert_eq!(key.status(), 200);
    assert_eq!(key.secret.as_deref(), Some(SECRET));
    assert_eq!(key.claims, json!({ "team": "billing" }));
}

#[tokio::test]
async fn create_api_key_sends_explicit_nulls() {
    let server = server_answering(json_response(201, &created_api_key_json())).await;

    client(&server)
        .api_keys()
        .create_api_key("billing-service", SUBJECT)
        .clear_description()
        .claims(Value::Null)
        .scopes(Vec::<String>::new())
        .clear_created_by()
        .clear_seconds_until_expiration()
        .send()
        .await
        .expect("the call succeeds");

    let request = only_request(&server).await;
    assert_eq!(
        body_json(&request),
        json!({
            "name": "billing-service",
            "description": null,
            "subject": SUBJECT,
            "claims": null,
            "scopes": [],
            "created_by": null,
            "seconds_until_expiration": null
        })
    );
}

// --- getApiKey ------------------------------------------------------------------------------

#[tokio::test]
async fn get_api_key_fetches_one_key() {
    let server = server_answering(json_response(200, &api_key_json())).await;

    let key = client(&server)
        .api_keys()
        .get_api_key(KEY_ID)
        .send()
        .await
        .expect("the call succeeds");

    let request = only_request(&server).await;
    assert_request_line(&request, "GET", &format!("/api_keys/{KEY_ID}"));
    assert_standard_headers(&request, false);

    assert_eq!(key.status(), 200);
    assert_eq!(request_id(&key), Some(REQUEST_ID));
    assert_eq!(key.object, GetAPIKeyObject::ApiKey);
    assert_eq!(key.id, KEY_ID);
    assert_eq!(key.name, "billing-service");
    assert!(!key.revoked);
    assert!(!key.expired);
    assert_eq!(key.expiration, Some(1794268800000.into()));
    assert_eq!(key.created_by.as_deref(), Some(CREATOR));
}

#[tokio::test]
async fn path_parameters_are_percent_encoded() {
    let server = server_answering(json_response(200, &api_key_json())).await;

    client(&server)
        .api_keys()
        .get_api_key("ak_a/b c?d#e%f")
        .send()
        .await
        .expect("the call succeeds");

    let request = only_request(&server).await;
    assert_request_line(&request, "GET", "/api_keys/ak_a%2Fb%20c%3Fd%23e%25f");
}

#[tokio::test]
async fn path_parameters_are_percent_encoded_before_a_suffix() {
    let server = server_answering(json_response(200, &json!({ "secret": SECRET }))).await;

    client(&server)
        .api_keys()
        .get_api_key_secret("../ak 1")
        .send()
        .await
        .expect("the call succeeds");

    let request = only_request(&server).await;
    assert_request_line(&request, "GET", "/api_keys/..%2Fak%201/secret");
}

// --- updateApiKey ---------------------------------------------------------------------------

#[tokio::test]
async fn update_api_key_sends_every_field() {
    let mut updated = api_key_json();
    updated["subject"] = json!("org_2zKr3HnM8pWq5TxLc7VbN1sDgYe");
    updated["scopes"] = json!(["reports:read"]);
    let server = server_answering(json_response(200, &updated)).await;

    let key = client(&server)
        .api_keys()
        .update_api_key(KEY_ID)
        .claims(json!({ "a": 1 }))
        .scopes(vec!["reports:read".to_owned()])
        .description("Reporting only".to_owned())
        .subject("org_2zKr3HnM8pWq5TxLc7VbN1sDgYe")
        .seconds_until_expiration(3600)
        .send()
        .await
        .expect("the call succeeds");

    let request = only_request(&server).await;
    assert_request_line(&request, "PATCH", &format!("/api_keys/{KEY_ID}"));
    assert_standard_headers(&request, true);
    assert_eq!(
        body_json(&request),
        json!({
            "claims": { "a": 1 },
            "scopes": ["reports:read"],
            "description": "Reporting only",
            "subject": "org_2zKr3HnM8pWq5TxLc7VbN1sDgYe",
            "seconds_until_expiration": 3600
        })
    );
    assert_eq!(key.status(), 200);
    assert_eq!(request_id(&key), Some(REQUEST_ID));
    assert_eq!(key.object, UpdateAPIKeyObject::ApiKey);
    assert_eq!(key.subject, "org_2zKr3HnM8pWq5TxLc7VbN1sDgYe");
    assert_eq!(key.scopes, ["reports:read"]);
}

#[tokio::test]
async fn update_api_key_with_no_setter_sends_an_empty_object() {
    let server = server_answering(json_response(200, &api_key_json())).await;

    client(&server)
        .api_keys()
        .update_api_key(KEY_ID)
        .send()
        .await
        .expect("the call succeeds");

    let request = only_request(&server).await;
    assert_standard_headers(&request, true);
    assert_eq!(body_json(&request), json!({}));
}

#[tokio::test]
async fn update_api_key_description_has_three_states() {
    let server = server_answering(json_response(200, &api_key_json())).await;
    let clerk = client(&server);
    let api_keys = clerk.api_keys();

    api_keys
        .update_api_key(KEY_ID)
        .scopes([""; 0])
        .send()
        .await
        .expect("untouched");
    api_keys
        .update_api_key(KEY_ID)
        .clear_description()
        .send()
        .await
        .expect("null");
    api_keys
        .update_api_key(KEY_ID)
        .set_description(Some("x".to_owned()))
        .send()
        .await
        .expect("value");

    let received = requests(&server).await;
    assert_eq!(received.len(), 3);
    assert_eq!(
        body_json(&received[0]),
        json!({ "scopes": [] }),
        "an untouched field is left out"
    );
    assert_eq!(
        body_json(&received[1]),
        json!({ "description": null }),
        "clear_description() sends null"
    );
    assert_eq!(
        body_json(&received[2]),
        json!({ "description": "x" }),
        "set_description(Some(v)) sends the value"
    );
}

#[tokio::test]
async fn update_api_key_seconds_until_expiration_and_claims_can_be_null() {
    let server = server_answering(json_response(200, &api_key_json())).await;

    client(&server)
        .api_keys()
        .update_api_key(KEY_ID)
        .clear_seconds_until_expiration()
        .claims(Value::Null)
        .send()
        .await
        .expect("the call succeeds");

    let request = only_request(&server).await;
    assert_eq!(
        body_json(&request),
        json!({ "claims": null, "seconds_until_expiration": null })
    );
}

// --- deleteApiKey ---------------------------------------------------------------------------

#[tokio::test]
async fn delete_api_key_sends_no_body() {
    let server = server_answering(json_response(
        200,
        &json!({ "id": KEY_ID, "object": "api_key", "deleted": true }),
    ))
    .await;

    let deleted = client(&server)
        .api_keys()
        .delete_api_key(KEY_ID)
        .send()
        .await
        .expect("the call succeeds");

    let request = only_request(&server).await;
    assert_request_line(&request, "DELETE", &format!("/api_keys/{KEY_ID}"));
    assert_standard_headers(&request, false);

    assert_eq!(deleted.status(), 200);
    assert_eq!(request_id(&deleted), Some(REQUEST_ID));
    assert_eq!(deleted.id, KEY_ID);
    assert_eq!(deleted.object, DeleteAPIKeyObject::ApiKey);
    assert!(deleted.deleted);
}

// --- getApiKeySecret ------------------------------------------------------------------------

#[tokio::test]
async fn get_api_key_secret_returns_the_secret() {
    let server = server_answering(json_response(200, &json!({ "secret": SECRET }))).await;

    let secret = client(&server)
        .api_keys()
        .get_api_key_secret(KEY_ID)
        .send()
        .await
        .expect("the call succeeds");

    let request = only_request(&server).await;
    assert_request_line(&request, "GET", &format!("/api_keys/{KEY_ID}/secret"));
    assert_standard_headers(&request, false);

    assert_eq!(secret.status(), 200);
    assert_eq!(request_id(&secret), Some(REQUEST_ID));
    assert_eq!(secret.secret, SECRET);
    assert_eq!(secret.into_inner().secret, SECRET);
}

// --- revokeApiKey ---------------------------------------------------------------------------

fn revoked_key_json() -> Value {
    let mut key = api_key_json();
    key["revoked"] = json!(true);
    key["revocation_reason"] = json!("Rotated after a suspected leak");
    key
}

#[tokio::test]
async fn revoke_api_key_sends_the_reason() {
    let server = server_answering(json_response(200, &revoked_key_json())).await;

    let key = client(&server)
        .api_keys()
        .revoke_api_key(KEY_ID)
        .revocation_reason("Rotated after a suspected leak")
        .send()
        .await
        .expect("the call succeeds");

    let request = only_request(&server).await;
    assert_request_line(&request, "POST", &format!("/api_keys/{KEY_ID}/revoke"));
    assert_standard_headers(&request, true);
    assert_eq!(
        body_json(&request),
        json!({ "revocation_reason": "Rotated after a suspected leak" })
    );

    assert_eq!(key.status(), 200);
    assert_eq!(request_id(&key), Some(REQUEST_ID));
    assert_eq!(key.object, RevokeAPIKeyObject::ApiKey);
    assert!(key.revoked);
    assert_eq!(
        key.revocation_reason.as_deref(),
        Some("Rotated after a suspected leak")
    );
}

#[tokio::test]
async fn revoke_api_key_reason_has_three_states() {
    let server = server_answering(json_response(200, &revoked_key_json())).await;
    let clerk = client(&server);

    clerk
        .api_keys()
        .revoke_api_key(KEY_ID)
        .send()
        .await
        .expect("untouched");
    clerk
        .api_keys()
        .revoke_api_key(KEY_ID)
        .clear_revocation_reason()
        .send()
        .await
        .expect("null");

    let received = requests(&server).await;
    assert_eq!(received.len(), 2);
    assert_eq!(body_json(&received[0]), json!({}));
    assert_eq!(
        body_json(&received[1]),
        json!({ "revocation_reason": null })
    );
}

// --- verifyApiKey ---------------------------------------------------------------------------

#[tokio::test]
async fn verify_api_key_sends_the_secret() {
    let mut expired = api_key_json();
    expired["expired"] = json!(true);
    let server = server_answering(json_response(200, &expired)).await;

    let key = client(&server)
        .api_keys()
        .verify_api_key(SECRET)
        .send()
        .await
        .expect("the call succeeds");

    let request = only_request(&server).await;
    assert_request_line(&request, "POST", "/api_keys/verify");
    assert_standard_headers(&request, true);
    assert_eq!(body_json(&request), json!({ "secret": SECRET }));

    assert_eq!(key.status(), 200);
    assert_eq!(request_id(&key), Some(REQUEST_ID));
    assert_eq!(key.object, VerifyAPIKeyObject::ApiKey);
    assert_eq!(key.id, KEY_ID);
    assert!(
        key.expired,
        "a 200 answer may still describe an expired key"
    );
}

// --- per-call options -----------------------------------------------------------------------

#[tokio::test]
async fn per_call_header_is_sent() {
    let server = server_answering(json_response(200, &api_key_json())).await;

    client(&server)
        .api_keys()
        .get_api_key(KEY_ID)
        .header("X-Test", "1")
        .send()
        .await
        .expect("the call succeeds");

    let request = only_request(&server).await;
    assert_eq!(header(&request, "x-test"), Some("1"));
    assert_standard_headers(&request, false);
}

#[tokio::test]
async fn per_call_header_replaces_a_default_header() {
    let server = server_answering(json_response(200, &json!({ "secret": SECRET }))).await;

    client(&server)
        .api_keys()
        .get_api_key_secret(KEY_ID)
        .header("Clerk-API-Version", "2024-10-01")
        .send()
        .await
        .expect("the call succeeds");

    let request = only_request(&server).await;
    assert_eq!(header(&request, "clerk-api-version"), Some("2024-10-01"));
}

#[tokio::test]
async fn per_call_server_url_sends_to_the_other_server() {
    let main = server_answering(json_response(200, &api_key_json())).await;
    let other = server_answering(json_response(200, &created_api_key_json())).await;

    let key = client(&main)
        .api_keys()
        .create_api_key("billing-service", SUBJECT)
        .server_url(other.uri())
        .send()
        .await
        .expect("the call succeeds");

    assert_eq!(key.secret.as_deref(), Some(SECRET));
    assert!(
        requests(&main).await.is_empty(),
        "the client's server got the call"
    );
    let request = only_request(&other).await;
    assert_request_line(&request, "POST", "/api_keys");
    assert_standard_headers(&request, true);
    assert_eq!(
        body_json(&request),
        json!({ "name": "billing-service", "subject": SUBJECT })
    );
}

#[tokio::test]
async fn per_call_server_url_keeps_its_path_prefix() {
    let main = MockServer::start().await;
    let other = server_answering(json_response(200, &api_key_json())).await;

    client(&main)
        .api_keys()
        .get_api_key(KEY_ID)
        .server_url(format!("{}/v1/", other.uri()))
        .send()
        .await
        .expect("the call succeeds");

    assert!(requests(&main).await.is_empty());
    assert_request_line(
        &only_request(&other).await,
        "GET",
        &format!("/v1/api_keys/{KEY_ID}"),
    );
}

#[tokio::test]
async fn dot_segment_path_parameters_do_not_reach_another_endpoint() {
    // `DELETE /api_keys/{apiKeyID}` with the ID `..` must not become `DELETE /api_keys`: the
    // SDK should either keep the segment (percent-encoded) or refuse to send the call.
    let server = server_answering(json_response(
        200,
        &json!({ "id": KEY_ID, "object": "api_key", "deleted": true }),
    ))
    .await;

    let result = client(&server).api_keys().delete_api_key("..").send().await;

    let received = requests(&server).await;
    match received.as_slice() {
        [] => assert!(
            matches!(result, Err(clerk_backend_api::SdkError::Config(_))),
            "no request was sent, so the call should fail with SdkError::Config: {result:?}"
        ),
        [request] => {
            let path = request.url.path();
            assert!(
                path.starts_with("/api_keys/") && path.len() > "/api_keys/".len(),
                "the `..` ID was dropped from the path: DELETE {path}"
            );
        }
        more => panic!("expected at most one request, got {}", more.len()),
    }
}
