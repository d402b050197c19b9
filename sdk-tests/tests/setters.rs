//! Setters on the wire: values taken by `impl Into`, lists by any `IntoIterator`, any JSON by
//! `impl Serialize` (a value that does not convert fails `send()` and sends nothing), `Option`s
//! through `set_…` (`None` leaves the field out), explicit `null` through `clear_…()`, and the
//! reading rule of types only responses carry.

mod common;

use std::collections::BTreeMap;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use clerk_backend_api::models::{APIKey, APIKeyObject};
use clerk_backend_api::{Millis, SdkError, Seconds, UnixTime};
use common::{
    CREATOR, KEY_ID, SUBJECT, api_key_json, body_json, client, created_api_key_json, json_response,
    only_request, requests, server_answering,
};
use serde_json::{Value, json};

/// Claims as a user's own type.
#[derive(serde::Serialize)]
struct Claims {
    team: &'static str,
    tier: u8,
    regions: Vec<&'static str>,
}

#[tokio::test]
async fn a_value_setter_takes_a_str_and_an_unset_field_is_absent() {
    let server = server_answering(json_response(200, &created_api_key_json())).await;

    client(&server)
        .api_keys()
        .create_api_key("ci", SUBJECT)
        .description("x")
        .send()
        .await
        .expect("the call succeeds");

    let body = body_json(&only_request(&server).await);
    assert_eq!(
        body,
        json!({ "name": "ci", "subject": SUBJECT, "description": "x" }),
        "only the field that was set is sent"
    );
    for unset in ["created_by", "claims", "scopes", "seconds_until_expiration"] {
        assert!(body.get(unset).is_none(), "{unset} is absent: {body}");
    }
}

#[tokio::test]
async fn set_none_leaves_out_clear_sends_null_and_set_some_equals_the_value_setter() {
    let server = server_answering(json_response(200, &api_key_json())).await;
    let clerk = client(&server);
    let maybe: Option<String> = None;

    // The bug this shape prevents: passing an `Option` along must not erase the description.
    clerk
        .api_keys()
        .update_api_key(KEY_ID)
        .set_description(maybe)
        .set_seconds_until_expiration(None)
        .set_claims(None)
        .set_scopes(None)
        .send()
        .await
        .expect("None");
    clerk
        .api_keys()
        .update_api_key(KEY_ID)
        .clear_description()
        .clear_seconds_until_expiration()
        .clear_claims()
        .send()
        .await
        .expect("null");
    clerk
        .api_keys()
        .update_api_key(KEY_ID)
        .set_description(Some("y".to_owned()))
        .set_scopes(Some(vec!["a".to_owned()]))
        .send()
        .await
        .expect("Some");
    clerk
        .api_keys()
        .update_api_key(KEY_ID)
        .description("y")
        .scopes(["a"])
        .send()
        .await
        .expect("value");
    // The last call wins: `set_…(None)` undoes a value, and a value replaces a `null`.
    clerk
        .api_keys()
        .update_api_key(KEY_ID)
        .description("gone")
        .set_description(None)
        .clear_seconds_until_expiration()
        .seconds_until_expiration(60)
        .send()
        .await
        .expect("replaced");
    // The stand-in answers with a key, not a page: only the request matters here.
    let page = clerk
        .api_keys()
        .get_api_keys(SUBJECT)
        .limit(5)
        .set_limit(None)
        .set_query(Some("ci".to_owned()))
        .send()
        .await;
    assert!(page.is_err(), "a key is not a page");

    let received = requests(&server).await;
    let bodies: Vec<Value> = received[..5].iter().map(body_json).collect();
    assert_eq!(
        bodies,
        [
            json!({}),
            json!({ "description": null, "seconds_until_expiration": null, "claims": null }),
            json!({ "scopes": ["a"], "description": "y" }),
            json!({ "scopes": ["a"], "description": "y" }),
            json!({ "seconds_until_expiration": 60 }),
        ]
    );
    assert_eq!(
        received[5].url.query(),
        Some("subject=user_2zKq8VbN4mRtX7cLp3WsY9dFhJa&query=ci")
    );
}

#[tokio::test]
async fn list_setters_take_arrays_and_vecs_of_anything_into_the_item() {
    let server = server_answering(json_response(200, &created_api_key_json())).await;
    let clerk = client(&server);
    let (read, write) = ("invoices:read".to_owned(), "invoices:write".to_owned());

    clerk
        .api_keys()
        .create_api_key("ci", SUBJECT)
        .scopes(["a", "b"])
        .send()
        .await
        .expect("an array of &str");
    clerk
        .api_keys()
        .create_api_key("ci", SUBJECT)
        .scopes(vec![read, write])
        .send()
        .await
        .expect("a Vec<String>");
    let from_iterator = (1..=2).map(|n| format!("scope:{n}"));
    clerk
        .api_keys()
        .create_api_key("ci", SUBJECT)
        .scopes(from_iterator)
        .send()
        .await
        .expect("an iterator");

    let scopes: Vec<Value> = requests(&server)
        .await
        .iter()
        .map(|r| body_json(r)["scopes"].clone())
        .collect();
    assert_eq!(
        scopes,
        [
            json!(["a", "b"]),
            json!(["invoices:read", "invoices:write"]),
            json!(["scope:1", "scope:2"]),
        ]
    );
}

#[tokio::test]
async fn a_json_setter_takes_a_struct_or_a_json_value() {
    let server = server_answering(json_response(200, &created_api_key_json())).await;
    let clerk = client(&server);
    let claims = Claims {
        team: "billing",
        tier: 2,
        regions: vec!["eu", "us"],
    };

    clerk
        .api_keys()
        .create_api_key("ci", SUBJECT)
        .claims(claims)
        .created_by(CREATOR)
        .seconds_until_expiration(86_400)
        .send()
        .await
        .expect("a struct");
    clerk
        .api_keys()
        .update_api_key(KEY_ID)
        .claims(json!({ "team": "billing", "flags": [true, null] }))
        .send()
        .await
        .expect("a json! value");

    let received = requests(&server).await;
    assert_eq!(
        body_json(&received[0]),
        json!({
            "name": "ci",
            "subject": SUBJECT,
            "claims": { "team": "billing", "tier": 2, "regions": ["eu", "us"] },
            "created_by": CREATOR,
            "seconds_until_expiration": 86400
        })
    );
    assert_eq!(
        body_json(&received[1]),
        json!({ "claims": { "team": "billing", "flags": [true, null] } })
    );
}

#[tokio::test]
async fn claims_that_cannot_be_json_fail_send_with_the_config_error_and_send_nothing() {
    let server = server_answering(json_response(200, &created_api_key_json())).await;
    // JSON object keys are strings: a map keyed by pairs has no JSON form.
    let unserializable = BTreeMap::from([((1, 2), "x")]);

    let result = client(&server)
        .api_keys()
        .create_api_key("ci", SUBJECT)
        .claims(&unserializable)
        .description("never sent")
        .send()
        .await;

    match result {
        Err(SdkError::Config(message)) => {
            assert!(message.contains("`claims`"), "{message}");
            assert!(message.contains("key must be a string"), "{message}");
        }
        other => panic!("expected the configuration error, got {other:?}"),
    }
    // The builder of a paged call fails the same way, and a later valid value clears it.
    let result = client(&server)
        .api_keys()
        .update_api_key(KEY_ID)
        .claims(&unserializable)
        .send()
        .await;
    assert!(matches!(result, Err(SdkError::Config(_))), "{result:?}");
    assert_eq!(requests(&server).await.len(), 0, "nothing was sent");

    client(&server)
        .api_keys()
        .update_api_key(KEY_ID)
        .claims(&unserializable)
        .claims(json!({ "fixed": true }))
        .send()
        .await
        .expect("the later value replaces the one that failed");
    let request = only_request(&server).await;
    assert_eq!(body_json(&request), json!({ "claims": { "fixed": true } }));
}

/// `APIKey` is only ever received: its optional, nullable `description` reads `null` and
/// absence alike as `None`, and a value built in a test serializes back to what decodes to it.
#[test]
fn a_response_only_model_is_built_and_round_trips() {
    let mut key = APIKey::new(
        APIKeyObject::ApiKey,
        KEY_ID.to_owned(),
        "api_key".to_owned(),
        SUBJECT.to_owned(),
        "ci".to_owned(),
        json!({ "team": "billing" }),
        vec!["a".to_owned()],
        false,
        false,
        UnixTime::from_count(1),
        2.into(),
    );
    assert_eq!(key.description, None);
    let json = serde_json::to_value(&key).expect("serializes");
    assert_eq!(
        (&json["created_at"], &json["updated_at"]),
        (&json!(1), &json!(2))
    );
    assert!(
        json.get("description").is_none(),
        "None is left out: {json}"
    );
    assert_eq!(
        json["revocation_reason"],
        Value::Null,
        "a required nullable field is null"
    );
    assert_eq!(
        serde_json::from_value::<APIKey>(json).expect("decodes"),
        key
    );

    key.description = Some("set in a test".to_owned());
    key.secret = Some("sk".to_owned());
    let json = serde_json::to_value(&key).expect("serializes");
    assert_eq!(json["description"], "set in a test");
    assert_eq!(
        serde_json::from_value::<APIKey>(json).expect("decodes"),
        key
    );

    let mut null = api_key_json();
    null["description"] = Value::Null;
    let mut absent = api_key_json();
    absent
        .as_object_mut()
        .expect("an object")
        .remove("description");
    for body in [null, absent] {
        let key: APIKey = serde_json::from_value(body.clone()).expect("decodes");
        assert_eq!(key.description, None, "{body}");
    }
}

// --- every kind of setter in a fixture ---------------------------------------------------------

/// A fixture client for `server`.
fn composition(server: &wiremock::MockServer) -> fixture_composition::Client {
    fixture_composition::Client::builder()
        .bearer_auth("sk_test_fixture")
        .server_url(server.uri())
        .retries(fixture_composition::RetryConfig::none())
        .build()
        .expect("the client builds")
}

#[tokio::test]
async fn a_required_json_argument_a_required_nullable_field_and_a_json_map() {
    use fixture_composition::models::CreateNoteResponseBody;

    let answer = json!({ "id": "n1", "note": null });
    let server = server_answering(json_response(200, &answer)).await;
    let api = composition(&server);

    let note = api
        .general()
        .create_note(Claims {
            team: "t",
            tier: 1,
            regions: vec![],
        })
        .meta(BTreeMap::from([
            ("source", json!("ci")),
            ("attempt", json!(2)),
        ]))
        .send()
        .await
        .expect("the call succeeds");
    assert_eq!(
        note.into_inner(),
        CreateNoteResponseBody::new("n1".to_owned())
    );
    api.general()
        .create_note(json!(["any", 1]))
        .note("hello")
        .send()
        .await
        .expect("with a note");
    api.general()
        .create_note(Value::Null)
        .set_note(Some("again".to_owned()))
        .set_note(None)
        .send()
        .await
        .expect("null note");

    let bodies: Vec<Value> = requests(&server).await.iter().map(body_json).collect();
    assert_eq!(
        bodies,
        [
            json!({
                "data": { "team": "t", "tier": 1, "regions": [] },
                "note": null,
                "meta": { "attempt": 2, "source": "ci" }
            }),
            json!({ "data": ["any", 1], "note": "hello" }),
            json!({ "data": null, "note": null }),
        ],
        "a required nullable field left unset is sent as null"
    );

    // A required argument that cannot be JSON fails the call before anything is sent, and
    // so does a map setter given a value that is not a map.
    let before = requests(&server).await.len();
    let bad = api
        .general()
        .create_note(BTreeMap::from([((1, 2), 3)]))
        .send()
        .await;
    assert!(
        matches!(&bad, Err(fixture_composition::SdkError::Config(m)) if m.contains("`data`")),
        "{bad:?}"
    );
    let not_a_map = api
        .general()
        .create_note(1)
        .meta([("pairs", "are a list, not a map")])
        .send()
        .await;
    assert!(
        matches!(&not_a_map, Err(fixture_composition::SdkError::Config(m)) if m.contains("`meta`")),
        "{not_a_map:?}"
    );
    assert_eq!(
        requests(&server).await.len(),
        before,
        "nothing more was sent"
    );
}

#[tokio::test]
async fn model_list_map_and_nullable_model_setters() {
    use fixture_composition::models::{Animal, Cat, CatKind, Named};

    let server = server_answering(wiremock::ResponseTemplate::new(204)).await;
    let api = composition(&server);
    // A union takes the value of a variant: `impl Into<Animal>` takes a `Cat`.
    let cat = Cat::new(CatKind::Cat, 9);

    #[allow(deprecated)]
    api.general()
        .replace_owner("o1", "Ada", 1, cat.clone())
        .friends([Named::new("Bob".to_owned())])
        .by_name([("tom", cat)])
        .previous(Named::new("Eve".to_owned()))
        .send()
        .await
        .expect("the call succeeds");
    #[allow(deprecated)]
    api.general()
        .replace_owner("o1", "Ada", 1, Animal::Unknown(json!({ "kind": "ferret" })))
        .clear_previous()
        .send()
        .await
        .expect("null previous");

    let bodies: Vec<Value> = requests(&server).await.iter().map(body_json).collect();
    assert_eq!(bodies[0]["friends"], json!([{ "name": "Bob" }]));
    assert_eq!(
        bodies[0]["by_name"],
        json!({ "tom": { "kind": "cat", "lives": 9 } })
    );
    assert_eq!(bodies[0]["previous"], json!({ "name": "Eve" }));
    assert_eq!(bodies[0]["pet"], json!({ "kind": "cat", "lives": 9 }));
    assert_eq!(bodies[1].get("previous"), Some(&Value::Null));
    assert!(bodies[1].get("friends").is_none(), "{}", bodies[1]);
}

/// Times read as `UnixTime<Millis>`, which compares with `SystemTime`; a lifetime takes a `u64`
/// or a `Duration`, and goes on the wire as whole seconds.
#[tokio::test]
async fn times_compare_with_system_time_and_a_lifetime_takes_a_u64_or_a_duration() {
    let server = server_answering(json_response(200, &api_key_json())).await;
    let clerk = client(&server);
    let days: u64 = 30;

    let key = clerk
        .api_keys()
        .update_api_key(KEY_ID)
        .seconds_until_expiration(days * 86_400)
        .send()
        .await
        .expect("a u64")
        .into_inner();
    clerk
        .api_keys()
        .update_api_key(KEY_ID)
        .seconds_until_expiration(Duration::from_millis(90_500))
        .send()
        .await
        .expect("a Duration");
    clerk
        .api_keys()
        .update_api_key(KEY_ID)
        .set_seconds_until_expiration(Some(Seconds::new(60)))
        .send()
        .await
        .expect("an Option");

    let lifetimes: Vec<Value> = (requests(&server).await.iter())
        .map(|r| body_json(r)["seconds_until_expiration"].clone())
        .collect();
    assert_eq!(lifetimes, [json!(2_592_000), json!(91), json!(60)]);

    let created = UNIX_EPOCH + Duration::from_millis(1_762_732_800_000);
    assert_eq!(key.created_at, created);
    assert_eq!(key.created_at.count(), 1_762_732_800_000);
    assert!(key.created_at < key.updated_at);
    let expiration: UnixTime<Millis> = key.expiration.expect("the key expires");
    assert!(expiration > SystemTime::UNIX_EPOCH && created < expiration);
    assert_eq!(
        expiration.to_system_time(),
        Some(UNIX_EPOCH + Duration::from_millis(1_794_268_800_000))
    );
    assert_eq!(key.last_used_at, None);
}
