//! The webhook verifier against signatures computed outside the code under test: Svix's
//! published examples, and the deliveries `tests/webhooks/vectors.py` signs with Python's
//! standard library. Then a fuzz test: no input panics, and no unsigned body verifies.

use std::collections::HashMap;
use std::process::Command;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use base64::Engine as _;
use http::{HeaderMap, HeaderName, HeaderValue};
use sdk_runtime::webhooks::{WebhookError, WebhookHeader, WebhookVerifier};
use serde::Deserialize;
use serde_json::{json, Value};

fn headers(pairs: &[(&str, &str)]) -> HeaderMap {
    let mut map = HeaderMap::new();
    for (name, value) in pairs {
        let name = HeaderName::from_bytes(name.as_bytes()).unwrap();
        map.append(name, HeaderValue::from_str(value).unwrap());
    }
    map
}

fn at(seconds: u64) -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(seconds)
}

/// Svix's worked example: in its documentation ("Verifying webhooks manually", and the pages
/// of senders such as Clerk that link to it), and in the tests of the Standard Webhooks
/// libraries (github.com/standard-webhooks/standard-webhooks,
/// `libraries/javascript/src/webhook.test.ts`, test "sign function works").
#[test]
fn verifies_svix_documentation_example() {
    let verifier = WebhookVerifier::new("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").unwrap();
    let body = br#"{"test": 2432232314}"#;
    let signed_at = at(1614265330);
    for prefix in ["svix", "webhook"] {
        let headers = headers(&[
            (&format!("{prefix}-id"), "msg_p5jXN8AQM9LWM0D4loKWxJek"),
            (&format!("{prefix}-timestamp"), "1614265330"),
            (
                &format!("{prefix}-signature"),
                "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
            ),
        ]);
        let value: Value = verifier.verify_at(&headers, body, signed_at).unwrap();
        assert_eq!(value, json!({ "test": 2432232314u64 }));
        // The system clock is years past the example's timestamp.
        let error = verifier.verify_signature(&headers, body).unwrap_err();
        assert!(matches!(
            error,
            WebhookError::TimestampTooOld {
                timestamp: 1614265330,
                ..
            }
        ));
        let error = (verifier.verify_signature_at(&headers, br#"{"test": 2432232315}"#, signed_at))
            .unwrap_err();
        assert!(
            matches!(error, WebhookError::NoMatchingSignature),
            "{error:?}"
        );
    }
}

/// The vector of the tests of Svix's Rust library (github.com/svix/svix-webhooks,
/// `rust/src/webhooks.rs`, `test_sign`).
#[test]
fn verifies_svix_rust_library_example() {
    let verifier = WebhookVerifier::new("whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD").unwrap();
    let headers = headers(&[
        ("svix-id", "msg_27UH4WbU6Z5A5EzD8u03UvzRbpk"),
        ("svix-timestamp", "1649367553"),
        (
            "svix-signature",
            "v1,tZ1I4/hDygAJgO5TYxiSd6Sd0kDW6hPenDe+bTa3Kkw=",
        ),
    ]);
    let body = br#"{"email":"test@example.com","username":"test_user"}"#;
    let value: Value = verifier.verify_at(&headers, body, at(1649367553)).unwrap();
    assert_eq!(value["username"], "test_user");
}

/// The shape of the event the vectors decode into.
#[derive(Debug, Deserialize, PartialEq)]
struct Event {
    r#type: String,
    data: EventData,
}

#[derive(Debug, Deserialize, PartialEq)]
struct EventData {
    id: String,
}

#[derive(Deserialize)]
struct Vectors {
    now: u64,
    cases: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    name: String,
    secret: Option<String>,
    key_hex: Option<String>,
    tolerance: Option<u64>,
    headers: Vec<(String, String)>,
    body_hex: String,
    expect: String,
    decode: Option<Decode>,
}

#[derive(Deserialize)]
struct Decode {
    r#as: String,
    json: Option<Value>,
    event: Option<Value>,
    error: Option<DecodeFailure>,
}

#[derive(Deserialize)]
struct DecodeFailure {
    path: String,
}

/// The vectors `tests/webhooks/vectors.py` prints. Python 3 is on every machine of the project
/// and in CI: without it the test fails, as a skipped test would pass unnoticed.
fn python_vectors() -> Vectors {
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/webhooks/vectors.py");
    let output = match Command::new("python3").arg(script).output() {
        Ok(output) => output,
        Err(e) => panic!(
            "running `python3 {script}` failed ({e}): this test needs Python 3 on the PATH \
             to compute its vectors with Python's hmac, hashlib and base64"
        ),
    };
    assert!(
        output.status.success(),
        "`python3 {script}` failed: {}\n{}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("the vectors script prints JSON")
}

fn from_hex(hex: &str) -> Vec<u8> {
    (0..hex.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).unwrap())
        .collect()
}

/// The outcome as the vectors write it.
fn outcome(result: &Result<(), WebhookError>) -> String {
    let header = |header: &WebhookHeader| match header {
        WebhookHeader::Id => "id",
        WebhookHeader::Timestamp => "timestamp",
        WebhookHeader::Signature => "signature",
    };
    match result {
        Ok(()) => "ok".into(),
        Err(WebhookError::NoMatchingSignature) => "NoMatchingSignature".into(),
        Err(WebhookError::TimestampTooOld { .. }) => "TimestampTooOld".into(),
        Err(WebhookError::TimestampInFuture { .. }) => "TimestampInFuture".into(),
        Err(WebhookError::MissingHeader(h)) => format!("MissingHeader:{}", header(h)),
        Err(WebhookError::MalformedHeader { header: h, .. }) => {
            format!("MalformedHeader:{}", header(h))
        }
        Err(other) => format!("unexpected: {other:?}"),
    }
}

#[test]
fn verifies_the_python_vectors() {
    let vectors = python_vectors();
    let now = at(vectors.now);
    assert!(vectors.cases.len() >= 30, "{} cases", vectors.cases.len());
    for case in &vectors.cases {
        let name = &case.name;
        let verifier = match (&case.secret, &case.key_hex) {
            (Some(secret), None) => WebhookVerifier::new(secret),
            (None, Some(key)) => WebhookVerifier::from_bytes(&from_hex(key)),
            _ => panic!("{name}: a secret or a key"),
        };
        let mut verifier = verifier.unwrap_or_else(|e| panic!("{name}: {e}"));
        if let Some(seconds) = case.tolerance {
            verifier = verifier.tolerance(Duration::from_secs(seconds));
        }
        let pairs: Vec<(&str, &str)> = (case.headers.iter())
            .map(|(n, v)| (n.as_str(), v.as_str()))
            .collect();
        let map = headers(&pairs);
        let body = from_hex(&case.body_hex);

        let verified = verifier.verify_signature_at(&map, &body, now);
        assert_eq!(outcome(&verified), case.expect, "{name}: {verified:?}");
        // The same through a lookup closure, as other frameworks would give the headers.
        let lookup = |name: &str| {
            (case.headers.iter())
                .find(|(n, _)| n == name)
                .map(|(_, v)| v.as_str())
        };
        let looked_up = verifier.verify_signature_at(lookup, &body, now);
        assert_eq!(outcome(&looked_up), case.expect, "{name}: {looked_up:?}");

        // Decoding follows verification: the same error when it fails, the body's value or
        // its own error when it holds.
        let decoded = match case.decode.as_ref().map(|d| d.r#as.as_str()) {
            Some("event") => verifier.verify_at::<Event>(&map, &body, now).map(|_| ()),
            _ => verifier.verify_at::<Value>(&map, &body, now).map(|_| ()),
        };
        match (
            &verified,
            case.decode.as_ref().and_then(|d| d.error.as_ref()),
        ) {
            (Ok(()), Some(failure)) => match &decoded {
                Err(WebhookError::InvalidBody { path, .. }) => {
                    assert_eq!(path, &failure.path, "{name}")
                }
                other => panic!("{name}: {other:?}"),
            },
            _ => assert_eq!(outcome(&decoded), case.expect, "{name}: {decoded:?}"),
        }
        let Some(decode) = &case.decode else { continue };
        if let Some(expected) = &decode.json {
            let value: Value = verifier.verify_at(&map, &body, now).unwrap();
            assert_eq!(&value, expected, "{name}");
        }
        if let Some(expected) = &decode.event {
            let event: Event = verifier.verify_at(&map, &body, now).unwrap();
            let expected: Event = serde_json::from_value(expected.clone()).unwrap();
            assert_eq!(event, expected, "{name}");
        }
    }
}

#[test]
fn refuses_unusable_secrets() {
    for secret in ["", "whsec_", "whsec_not base64!", "whsec_YWJj$", "   "] {
        let error = WebhookVerifier::new(secret).unwrap_err();
        assert!(matches!(error, WebhookError::BadSecret(_)), "{secret:?}");
    }
    let error = WebhookVerifier::from_bytes(&[]).unwrap_err();
    assert!(matches!(error, WebhookError::BadSecret(_)));
    // Padding may be left out, and whitespace around the secret is ignored.
    assert!(WebhookVerifier::new("whsec_YWJjZA").is_ok());
    assert!(WebhookVerifier::new("whsec_YWJjZA==\n").is_ok());
}

#[test]
fn debug_output_hides_the_secret() {
    let verifier = WebhookVerifier::new("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").unwrap();
    let debug = format!("{verifier:?}");
    assert!(debug.contains("<redacted>"), "{debug}");
    assert!(!debug.contains("MfKQ9r8G"), "{debug}");
    let key = base64::engine::general_purpose::STANDARD
        .decode("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
        .unwrap();
    for byte in [format!("{}", key[0]), format!("{:x}", key[0])] {
        assert!(!debug.contains(&format!("[{byte},")), "{debug}");
    }
}

#[test]
fn errors_say_what_is_wrong() {
    let verifier = WebhookVerifier::new("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").unwrap();
    let error = verifier
        .verify_signature(&HeaderMap::new(), b"{}")
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        "the webhook request has no `webhook-id` (or `svix-id`) header"
    );
    let map = headers(&[
        ("webhook-id", "msg_1"),
        ("webhook-timestamp", "soon"),
        ("webhook-signature", "v1,AAAA"),
    ]);
    let error = verifier.verify_signature(&map, b"{}").unwrap_err();
    assert!(
        error
            .to_string()
            .contains("`webhook-timestamp` (or `svix-timestamp`) header is not"),
        "{error}"
    );
    let error = WebhookError::TimestampTooOld {
        timestamp: 100,
        now: 500,
    };
    assert!(error.to_string().contains("400 s before 500"), "{error}");
}

/// A small deterministic generator (xorshift64*), so that the fuzz test needs no dependency
/// and fails the same way each run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len() as u64) as usize]
    }

    fn bytes(&mut self, max: u64) -> Vec<u8> {
        (0..self.below(max + 1))
            .map(|_| self.next() as u8)
            .collect()
    }

    /// Bytes a header value may hold: visible ASCII, spaces, tabs and bytes above 0x7F.
    fn header_bytes(&mut self, max: u64) -> Vec<u8> {
        let mut bytes = self.bytes(max);
        bytes.retain(|b| *b == b'\t' || (*b >= 0x20 && *b != 0x7F));
        bytes
    }

    /// A value of the signature header: entries that look like signatures, of every
    /// version, and noise.
    fn signature_header(&mut self) -> Vec<u8> {
        let mut header = Vec::new();
        // Mostly at least one entry, so that most rounds get as far as comparing signatures.
        let entries = if self.below(10) == 0 {
            0
        } else {
            1 + self.below(4)
        };
        for i in 0..entries {
            if i > 0 {
                header.extend_from_slice(self.pick(&[" ", "  ", ","]).as_bytes());
            }
            let random: Vec<u8> = (0..32).map(|_| self.next() as u8).collect();
            let encoded = base64::engine::general_purpose::STANDARD.encode(&random);
            let version = self.pick(&["v1,", "v1,", "v1,", "v1,", "v2,", "v1a,", "", "v1"]);
            header.extend_from_slice(version.as_bytes());
            match self.below(6) {
                0 => header.extend_from_slice(&self.header_bytes(50)),
                1 => header.extend_from_slice(&encoded.as_bytes()[..self.below(45) as usize]),
                _ => header.extend_from_slice(encoded.as_bytes()),
            }
        }
        header
    }
}

#[test]
fn fuzz_no_panic_and_no_unsigned_body_verifies() {
    const NOW: u64 = 1_700_000_000;
    let verifier = WebhookVerifier::new("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").unwrap();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for round in 0..5000 {
        let id = match rng.below(8) {
            0 => Vec::new(),
            1 => rng.header_bytes(40),
            _ => b"msg_p5jXN8AQM9LWM0D4loKWxJek".to_vec(),
        };
        let timestamp = match rng.below(8) {
            0 => rng.header_bytes(25),
            1 => rng.next().to_string().into_bytes(),
            // Mostly within the tolerance, so that the signature is what fails.
            _ => (NOW + rng.below(600) - 300).to_string().into_bytes(),
        };
        let signature = rng.signature_header();
        let body = match rng.below(3) {
            0 => rng.bytes(200),
            1 => br#"{"test": 2432232314}"#.to_vec(),
            _ => format!(r#"{{"type":"user.created","n":{}}}"#, rng.next()).into_bytes(),
        };

        let mut map = HeaderMap::new();
        for (header, value) in [
            (WebhookHeader::Id, &id),
            (WebhookHeader::Timestamp, &timestamp),
            (WebhookHeader::Signature, &signature),
        ] {
            let name = match rng.below(16) {
                0 => continue,
                1..=5 => header.svix_name(),
                _ => header.name(),
            };
            map.insert(name, HeaderValue::from_bytes(value).unwrap());
        }
        let now = at(NOW + rng.below(3));

        let verified = verifier.verify_signature_at(&map, &body, now);
        assert!(verified.is_err(), "round {round}: {map:?} {body:?}");
        let decoded = verifier.verify_at::<Value>(&map, &body, now);
        assert!(decoded.is_err(), "round {round}: {map:?} {body:?}");
        // Every error prints.
        assert!(!decoded.unwrap_err().to_string().is_empty());

        // The same values as text, through a lookup closure.
        let text: HashMap<&str, String> = [
            ("webhook-id", &id),
            ("webhook-timestamp", &timestamp),
            ("webhook-signature", &signature),
        ]
        .into_iter()
        .map(|(name, value)| (name, String::from_utf8_lossy(value).into_owned()))
        .collect();
        let lookup = |name: &str| text.get(name).map(String::as_str);
        assert!(verifier.verify_signature_at(lookup, &body, now).is_err());

        // Secrets of any text build a verifier or fail cleanly.
        let secret = String::from_utf8_lossy(&rng.bytes(40)).into_owned();
        let _ = WebhookVerifier::new(&format!("{}{secret}", rng.pick(&["whsec_", ""])));
    }
}
