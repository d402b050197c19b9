//! The webhooks of the generated crates, received as an application receives them: an axum
//! handler on loopback verifies each delivery with the crate's `WebhookVerifier` and dispatches
//! the decoded event, as the generated README shows. Deliveries are signed here, with the
//! RustCrypto HMAC the verifier's code does not share a line with: authentic ones of every event
//! and of one the crate does not know, and forged, replayed, stale, re-serialised and truncated
//! ones, each refused with its own error and never decoded.

use std::sync::{Arc, Mutex};
use std::time::{SystemTime, UNIX_EPOCH};

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use fixture_webhooks::models::ParcelStatus;
use fixture_webhooks::webhooks::{Event, WebhookError, WebhookVerifier};
use fixture_x_webhooks::reqwest;
use hmac::{Hmac, Mac};
use serde_json::{Value, json};
use sha2::Sha256;

/// The endpoint's secret as the sender shows it, and its key.
const SECRET: &str = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
const OTHER_SECRET: &str = "whsec_dGhpcyBpcyBhbm90aGVyIHNlY3JldA==";

fn key(secret: &str) -> Vec<u8> {
    STANDARD
        .decode(secret.trim_start_matches("whsec_"))
        .expect("base64")
}

/// The `v1,` signature of a delivery, as a sender computes it.
fn signature(secret: &str, id: &str, timestamp: i64, body: &[u8]) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(&key(secret)).expect("any key length");
    mac.update(format!("{id}.{timestamp}.").as_bytes());
    mac.update(body);
    format!("v1,{}", STANDARD.encode(mac.finalize().into_bytes()))
}

fn now() -> i64 {
    let since = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .expect("after 1970");
    i64::try_from(since.as_secs()).expect("in range")
}

/// A delivery: its headers by name and its raw body.
#[derive(Clone)]
struct Delivery {
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

/// A delivery of `payload` signed with `secret` at `timestamp`, under the headers `prefix`
/// names (`webhook` or `svix`).
fn signed(prefix: &str, secret: &str, timestamp: i64, payload: &Value) -> Delivery {
    let id = "msg_2hYhJ6Gz0s1mT3nBqX";
    let body = serde_json::to_vec(payload).expect("JSON");
    let name = |header: &str| format!("{prefix}-{header}");
    Delivery {
        headers: vec![
            (name("id"), id.to_owned()),
            (name("timestamp"), timestamp.to_string()),
            (name("signature"), signature(secret, id, timestamp, &body)),
        ],
        body,
    }
}

impl Delivery {
    fn set(&mut self, name: &str, value: String) {
        let header = self.headers.iter_mut().find(|(n, _)| n.ends_with(name));
        header.expect("the header is there").1 = value;
    }
}

/// What the application's handler received, in order.
struct Receiver {
    verifier: WebhookVerifier,
    events: Mutex<Vec<Event>>,
}

/// The application's handler: verify, then dispatch; a refused delivery answers 400 with the
/// error's kind, for the test to tell them apart.
async fn receive(
    State(receiver): State<Arc<Receiver>>,
    headers: HeaderMap,
    body: Bytes,
) -> (StatusCode, String) {
    let event: Event = match receiver.verifier.verify(&headers, &body) {
        Ok(event) => event,
        Err(error) => return (StatusCode::BAD_REQUEST, kind(&error).to_owned()),
    };
    let answer = match &event {
        Event::ParcelCreated(payload) => format!("created {}", payload.data.id),
        Event::ParcelShipped(payload) => format!("shipped by {}", payload.data.carrier),
        other => format!("{} kept", other.name()),
    };
    receiver.events.lock().expect("not poisoned").push(event);
    (StatusCode::OK, answer)
}

fn kind(error: &WebhookError) -> &'static str {
    match error {
        WebhookError::MissingHeader(_) => "missing header",
        WebhookError::MalformedHeader { .. } => "malformed header",
        WebhookError::NoMatchingSignature => "no matching signature",
        WebhookError::TimestampTooOld { .. } => "too old",
        WebhookError::TimestampInFuture { .. } => "in the future",
        WebhookError::InvalidBody { .. } => "invalid body",
        _ => "other",
    }
}

/// The receiver on a loopback port, and a function that posts a delivery to it.
struct App {
    receiver: Arc<Receiver>,
    url: String,
    client: reqwest::Client,
}

impl App {
    async fn start() -> App {
        let receiver = Arc::new(Receiver {
            verifier: WebhookVerifier::new(SECRET).expect("the secret"),
            events: Mutex::new(Vec::new()),
        });
        let app = Router::new()
            .route("/webhooks", post(receive))
            .with_state(receiver.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("a loopback port");
        let url = format!("http://{}/webhooks", listener.local_addr().expect("bound"));
        // The server ends with the test's runtime.
        tokio::spawn(async move { axum::serve(listener, app).await });
        App {
            receiver,
            url,
            client: reqwest::Client::new(),
        }
    }

    async fn post(&self, delivery: &Delivery) -> (u16, String) {
        let mut request = self.client.post(&self.url).body(delivery.body.clone());
        for (name, value) in &delivery.headers {
            request = request.header(name, value);
        }
        let response = request.send().await.expect("the receiver answers");
        let status = response.status().as_u16();
        (status, response.text().await.expect("a body"))
    }

    fn received(&self) -> usize {
        self.receiver.events.lock().expect("not poisoned").len()
    }
}

fn created() -> Value {
    json!({
        "id": "evt_1",
        "kind": "parcel.created",
        "created_at": 1_738_368_000,
        "data": {"id": "prc_1", "weight_grams": 1200, "status": "registered"},
    })
}

#[tokio::test]
async fn an_authentic_delivery_of_each_event_is_verified_and_dispatched() {
    let app = App::start().await;
    let shipped = json!({
        "id": "evt_2",
        "kind": "parcel.shipped",
        "created_at": 1_738_368_200,
        "data": {"parcel_id": "prc_1", "carrier": "acme", "tracking_url": null},
    });
    let lost = json!({
        "id": "evt_3",
        "kind": "parcel.lost",
        "created_at": 1_738_368_300,
        "data": {"id": "prc_3", "weight_grams": 90, "status": "lost"},
    });
    let answers = [
        (created(), "created prc_1"),
        (shipped, "shipped by acme"),
        (lost, "parcel.lost kept"),
    ];
    for (payload, answer) in answers {
        let delivery = signed("webhook", SECRET, now(), &payload);
        assert_eq!(app.post(&delivery).await, (200, answer.to_owned()));
    }
    let events = app.receiver.events.lock().expect("not poisoned");
    let Event::ParcelCreated(created) = &events[0] else {
        panic!("{:?}", events[0]);
    };
    assert_eq!(created.data.weight_grams, 1200);
    assert_eq!(created.data.status, ParcelStatus::Registered);
    assert!(matches!(&events[1], Event::ParcelShipped(p) if p.data.tracking_url.is_none()));
    #[allow(deprecated)]
    let lost = matches!(&events[2], Event::ParcelLost(p) if p.data.status == ParcelStatus::Lost);
    assert!(lost, "{:?}", events[2]);
}

#[tokio::test]
async fn an_event_the_crate_does_not_know_is_kept_with_its_name_and_payload() {
    let app = App::start().await;
    let returned = json!({"id": "evt_9", "kind": "parcel.returned", "data": {"reason": 7}});
    let delivery = signed("svix", SECRET, now(), &returned);
    assert_eq!(
        app.post(&delivery).await,
        (200, "parcel.returned kept".to_owned())
    );
    let events = app.receiver.events.lock().expect("not poisoned");
    match &events[0] {
        Event::Unknown { event, payload } => {
            assert_eq!(event, "parcel.returned");
            assert_eq!(payload, &returned);
        }
        other => panic!("{other:?}"),
    }
    // It serializes back to the payload it was.
    assert_eq!(serde_json::to_value(&events[0]).expect("JSON"), returned);
}

#[tokio::test]
async fn forged_replayed_stale_reserialised_and_truncated_deliveries_are_refused() {
    let app = App::start().await;
    let authentic = signed("webhook", SECRET, now(), &created());
    let forged = signed("webhook", OTHER_SECRET, now(), &created());
    // Captured and sent again with a fresh timestamp, to get past the tolerance.
    let mut replayed = signed("webhook", SECRET, now() - 3600, &created());
    replayed.set("timestamp", now().to_string());
    let stale = signed("webhook", SECRET, now() - 6 * 60, &created());
    let future = signed("webhook", SECRET, now() + 6 * 60, &created());
    let mut reserialised = authentic.clone();
    let value: Value = serde_json::from_slice(&authentic.body).expect("JSON");
    reserialised.body = serde_json::to_vec_pretty(&value).expect("JSON");
    let mut truncated = authentic.clone();
    truncated.body.pop();
    let mut tampered = authentic.clone();
    let text = String::from_utf8(tampered.body).expect("UTF-8");
    tampered.body = text.replace("1200", "9200").into_bytes();
    assert_eq!(tampered.body.len(), authentic.body.len());
    let mut unsigned = authentic.clone();
    unsigned
        .headers
        .retain(|(name, _)| !name.ends_with("signature"));
    let mut malformed = authentic.clone();
    malformed.set("signature", "v1,not-base64!".to_owned());
    // Authentic, but not the event its `kind` names: refused after verification, not before.
    let incomplete = signed("webhook", SECRET, now(), &json!({"kind": "parcel.created"}));
    let cases = [
        (&forged, "no matching signature"),
        (&replayed, "no matching signature"),
        (&stale, "too old"),
        (&future, "in the future"),
        (&reserialised, "no matching signature"),
        (&truncated, "no matching signature"),
        (&tampered, "no matching signature"),
        (&unsigned, "missing header"),
        (&malformed, "malformed header"),
        (&incomplete, "invalid body"),
    ];
    for (delivery, error) in cases {
        assert_eq!(app.post(delivery).await, (400, error.to_owned()));
    }
    assert_eq!(app.received(), 0, "no refused delivery reached the handler");
    assert_eq!(app.post(&authentic).await.0, 200);
    assert_eq!(app.received(), 1);
}

#[tokio::test]
async fn a_crate_with_a_client_decodes_its_events_by_the_configured_property() {
    use fixture_x_webhooks::webhooks::{Event, WebhookVerifier};
    let verifier = WebhookVerifier::new(SECRET).expect("the secret");
    let deleted =
        json!({"type": "note.deleted", "timestamp": 1, "data": {"id": "n1", "deleted": true}});
    let delivery = signed("svix", SECRET, now(), &deleted);
    // Headers as a framework without `http` types gives them: by name.
    let headers = |name: &str| {
        let found = delivery.headers.iter().find(|(n, _)| n == name);
        found.map(|(_, value)| value.as_str())
    };
    let event: Event = verifier
        .verify(headers, &delivery.body)
        .expect("an authentic delivery");
    match event {
        Event::NoteDeleted(payload) => assert!(payload.data.deleted),
        other => panic!("{other:?}"),
    }
}
