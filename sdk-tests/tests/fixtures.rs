//! The fixture crates (`fixtures/*/sdk`) where behaviour matters: multipart and form bodies,
//! `oneOf`/`anyOf`/`allOf` decoding, bodiless and non-JSON responses, renamed parameters, and
//! schemas named like the items the generated code uses (`Option`, `String`, `Error`, …).

mod common;

use common::{
    answer_first_then, header, json_response, only_request, pairs, query_pairs, requests,
    server_answering,
};
use serde_json::json;
use wiremock::{MockServer, ResponseTemplate};

const TOKEN: &str = "sk_test_fixture";

/// A fixture client for `server`, with no retries unless the test sets them.
macro_rules! client {
    ($krate:ident, $server:expr) => {
        $krate::Client::builder()
            .bearer_auth(TOKEN)
            .server_url($server.uri())
            .retries($krate::RetryConfig::none())
            .build()
            .expect("the client builds")
    };
}

// --- multipart and form-urlencoded bodies -----------------------------------------------------

/// One part of a multipart body: its headers (lower-cased names) and its content.
#[derive(Debug)]
struct Part {
    disposition: String,
    content_type: Option<String>,
    content: Vec<u8>,
}

/// Splits a `multipart/form-data` body by the boundary its `Content-Type` names.
fn parts(request: &wiremock::Request) -> Vec<Part> {
    let content_type = header(request, "content-type").expect("a content type");
    let boundary = content_type
        .strip_prefix("multipart/form-data; boundary=")
        .unwrap_or_else(|| panic!("not multipart: {content_type}"));
    let delimiter = format!("--{boundary}");
    let body = &request.body;
    let mut starts: Vec<usize> = body
        .windows(delimiter.len())
        .enumerate()
        .filter(|(_, w)| *w == delimiter.as_bytes())
        .map(|(i, _)| i)
        .collect();
    assert!(starts.len() >= 2, "no parts in {body:?}");
    let last = starts.pop().unwrap();
    assert_eq!(&body[last..], format!("{delimiter}--\r\n").as_bytes());
    starts
        .iter()
        .zip(starts.iter().skip(1).chain([&last]))
        .map(|(&start, &end)| {
            let raw = &body[start + delimiter.len() + 2..end - 2];
            let split = raw
                .windows(4)
                .position(|w| w == b"\r\n\r\n")
                .expect("part headers end");
            let headers = String::from_utf8(raw[..split].to_vec()).expect("text headers");
            let find = |name: &str| {
                headers
                    .lines()
                    .find_map(|l| {
                        l.to_ascii_lowercase()
                            .strip_prefix(name)
                            .map(|_| l.to_owned())
                    })
                    .map(|l| l[name.len()..].trim().to_owned())
            };
            Part {
                disposition: find("content-disposition:").expect("a disposition"),
                content_type: find("content-type:"),
                content: raw[split + 4..].to_vec(),
            }
        })
        .collect()
}

#[tokio::test]
async fn multipart_bodies_send_files_text_and_repeated_parts_and_are_resent_intact() {
    use fixture_forms::File;
    use fixture_forms::models::SetProfileImageCrop;

    const ONE_MS: std::time::Duration = std::time::Duration::from_millis(1);
    let server = MockServer::start().await;
    let stored = json_response(200, &json!({ "url": "https://img/1.png" }));
    answer_first_then(&server, ResponseTemplate::new(503), 1, stored).await;
    let client = fixture_forms::Client::builder()
        .bearer_auth(TOKEN)
        .server_url(server.uri())
        .retries(
            fixture_forms::RetryConfig::none()
                .with_backoff(ONE_MS, ONE_MS, 1.0)
                .with_max_elapsed_time(std::time::Duration::from_secs(5))
                .with_max_attempts(2)
                .with_status_codes([fixture_forms::StatusMatch::Class(5)])
                // An upload is a POST: the test says it is safe to send again.
                .with_non_idempotent(true),
        )
        .build()
        .expect("the client builds");
    let png = vec![0x89, b'P', b'N', b'G', 0, 255, b'\r', b'\n'];

    let stored = client
        .general()
        .set_profile_image(
            "user_1",
            File::new("me.png", png.clone()).content_type("image/png"),
        )
        .caption("Me, café")
        .tags(["a", "b"])
        .crop(SetProfileImageCrop::Circle)
        .attachments(vec![File::new("notes.txt", "hello")])
        .send()
        .await
        .expect("the upload succeeds on the second attempt");

    assert_eq!(stored.url, "https://img/1.png");
    let received = requests(&server).await;
    assert_eq!(received.len(), 2);
    let request = &received[1];
    // Each attempt has its own boundary; the parts are the same.
    assert_eq!(
        format!("{:?}", parts(&received[0])),
        format!("{:?}", parts(request)),
        "the retry resent the same parts"
    );
    assert_eq!(request.url.path(), "/users/user_1/profile_image");
    assert_eq!(
        header(request, "authorization"),
        Some("Bearer sk_test_fixture")
    );
    let parts = parts(request);
    let summary: Vec<_> = parts
        .iter()
        .map(|p| (p.disposition.as_str(), p.content_type.as_deref()))
        .collect();
    assert_eq!(
        summary,
        [
            (
                "form-data; name=\"file\"; filename=\"me.png\"",
                Some("image/png")
            ),
            ("form-data; name=\"caption\"", None),
            ("form-data; name=\"tags\"", None),
            ("form-data; name=\"tags\"", None),
            ("form-data; name=\"crop\"", None),
            (
                "form-data; name=\"attachments\"; filename=\"notes.txt\"",
                Some("application/octet-stream")
            ),
        ]
    );
    let contents: Vec<&[u8]> = parts.iter().map(|p| p.content.as_slice()).collect();
    assert_eq!(
        contents,
        [
            png.as_slice(),
            "Me, café".as_bytes(),
            b"a",
            b"b",
            b"circle",
            b"hello"
        ]
    );
}

#[tokio::test]
async fn form_urlencoded_bodies_send_pairs_with_repeated_keys() {
    let server = server_answering(json_response(200, &json!({ "access_token": "tok_1" }))).await;

    let token = client!(fixture_forms, server)
        .general()
        .create_token("client_credentials")
        .scope(vec!["read", "write all"])
        .ttl(60)
        .send()
        .await
        .expect("the token is created");

    assert_eq!(token.access_token, "tok_1");
    assert!(
        !format!("{token:?}").contains("tok_1"),
        "a secret field is redacted"
    );
    let request = only_request(&server).await;
    assert_eq!(
        header(&request, "content-type"),
        Some("application/x-www-form-urlencoded")
    );
    assert_eq!(
        String::from_utf8(request.body).unwrap(),
        "grant_type=client_credentials&scope=read&scope=write+all&ttl=60"
    );
}

// --- oneOf, anyOf and allOf ------------------------------------------------------------------

fn owner_json(pet: serde_json::Value) -> serde_json::Value {
    json!({
        "name": "Ada",
        "created_at": 1,
        "pet": pet,
        "payment": { "object": "Wallet", "address": "0xabc" },
        "tag": 7,
        "extra": null,
        "by_name": { "rex": { "kind": "dog", "good": true } },
        "previous": null,
        "unknown_field": "ignored"
    })
}

#[tokio::test]
async fn one_of_with_a_discriminator_decodes_by_it_and_keeps_unknown_values() {
    use fixture_composition::models::{Animal, OwnerPayment, OwnerTag};

    let server = server_answering(json_response(
        200,
        &owner_json(json!({ "kind": "cat", "lives": 9 })),
    ))
    .await;
    let owner = client!(fixture_composition, server)
        .general()
        .get_owner("o1")
        .send()
        .await
        .expect("the owner decodes");

    // allOf merged the three parts into one struct.
    assert_eq!((owner.name.as_str(), owner.created_at), ("Ada", 1));
    let Animal::Cat(cat) = &owner.pet else {
        panic!("expected a cat: {:?}", owner.pet)
    };
    assert_eq!(cat.lives, 9);
    assert!(matches!(&owner.payment, Some(OwnerPayment::Wallet(w)) if w.address == "0xabc"));
    assert_eq!(owner.tag, Some(OwnerTag::Integer(7)));
    assert_eq!(owner.extra, Some(serde_json::Value::Null));
    assert_eq!(owner.previous, Some(None));
    assert!(matches!(
        owner.by_name.as_ref().unwrap()["rex"],
        Animal::Dog(_)
    ));

    // A kind this crate does not know is kept, not an error.
    let server = server_answering(json_response(
        200,
        &owner_json(json!({ "kind": "ferret", "name": "Fred" })),
    ))
    .await;
    let owner = client!(fixture_composition, server)
        .general()
        .get_owner("o1")
        .send()
        .await
        .expect("an unknown kind still decodes");
    assert_eq!(
        owner.pet,
        Animal::Unknown(json!({ "kind": "ferret", "name": "Fred" }))
    );
    // And it is sent back as it came.
    assert_eq!(
        serde_json::to_value(&owner.pet).unwrap(),
        json!({ "kind": "ferret", "name": "Fred" })
    );
}

#[tokio::test]
async fn a_variant_that_its_discriminator_picks_but_does_not_match_is_a_decode_error() {
    let server = server_answering(json_response(
        200,
        &owner_json(json!({ "kind": "cat", "lives": "nine" })),
    ))
    .await;

    let result = client!(fixture_composition, server)
        .general()
        .get_owner("o1")
        .send()
        .await;

    let Err(fixture_composition::SdkError::Decode(error)) = result else {
        panic!("expected a decode error, got {result:?}")
    };
    assert_eq!(error.path, "pet");
    assert!(error.to_string().contains("lives"), "{error}");
}

#[tokio::test]
async fn one_of_without_a_discriminator_takes_the_first_branch_that_decodes() {
    use fixture_composition::models::{Animal, CreateContactResponseBody};

    let answers = [
        (json!({ "kind": "dog", "good": true }), "Animal"),
        (json!({ "email": "ada@example.com" }), "Contact"),
        (json!([1, 2]), "Unknown"),
    ];
    for (body, expected) in answers {
        let server = server_answering(json_response(200, &body)).await;
        let answer = client!(fixture_composition, server)
            .general()
            .create_contact()
            .email("ada@example.com")
            .send()
            .await
            .expect("the answer decodes")
            .into_inner();
        let got = match &answer {
            CreateContactResponseBody::Animal(Animal::Dog(_)) => "Animal",
            CreateContactResponseBody::Contact(c) => {
                assert_eq!(c.email.as_deref(), Some("ada@example.com"));
                "Contact"
            }
            CreateContactResponseBody::Unknown(value) => {
                assert_eq!(value, &body);
                "Unknown"
            }
            other => panic!("unexpected {other:?}"),
        };
        assert_eq!(got, expected, "{body}");
    }
}

// --- responses --------------------------------------------------------------------------------

#[tokio::test]
async fn a_success_documented_with_and_without_a_body_is_optional() {
    let server = server_answering(json_response(200, &json!({ "verified": true }))).await;
    let check = client!(fixture_responses, server)
        .general()
        .verify_password("hunter2")
        .send()
        .await
        .expect("200 decodes");
    assert_eq!(check.as_ref().map(|c| c.verified), Some(true));

    let server = server_answering(ResponseTemplate::new(204)).await;
    let check = client!(fixture_responses, server)
        .general()
        .verify_password("hunter2")
        .send()
        .await
        .expect("204 has no body");
    assert_eq!(check.status(), 204);
    assert!(check.is_none());
}

#[tokio::test]
async fn shared_error_bodies_are_told_apart_by_status_and_bodiless_errors_keep_the_raw_body() {
    use fixture_responses::general::VerifyPasswordError;

    let errors = json!({ "errors": [{ "code": "form_password_incorrect" }] });
    for (status, expected) in [(400, "BadRequest"), (422, "UnprocessableEntity")] {
        let server = server_answering(json_response(status, &errors)).await;
        let result = client!(fixture_responses, server)
            .general()
            .verify_password("hunter2")
            .send()
            .await;
        let Err(fixture_responses::SdkError::Api(error)) = result else {
            panic!("expected Api, got {result:?}")
        };
        let got = match &error.error {
            VerifyPasswordError::BadRequest(body) => {
                assert_eq!(body.errors[0].code, "form_password_incorrect");
                "BadRequest"
            }
            VerifyPasswordError::UnprocessableEntity(_) => "UnprocessableEntity",
            VerifyPasswordError::InternalServerError => "InternalServerError",
            other => panic!("a status this test does not know: {other:?}"),
        };
        assert_eq!(got, expected);
    }

    let server = server_answering(ResponseTemplate::new(500).set_body_string("oops")).await;
    let result = client!(fixture_responses, server)
        .general()
        .verify_password("hunter2")
        .send()
        .await;
    let Err(fixture_responses::SdkError::Api(error)) = result else {
        panic!("expected Api, got {result:?}")
    };
    assert_eq!(error.error, VerifyPasswordError::InternalServerError);
    assert_eq!(error.body.as_ref(), b"oops");
}

#[tokio::test]
async fn plus_json_binary_and_html_responses_and_operations_without_a_token() {
    let problem = json!({ "errors": [{ "code": "gone" }] });
    let server = server_answering(ResponseTemplate::new(200).set_body_raw(
        serde_json::to_vec(&problem).unwrap(),
        "application/problem+json",
    ))
    .await;
    let answer = client!(fixture_responses, server)
        .general()
        .get_problem()
        .send()
        .await
        .expect("+json decodes");
    assert_eq!(answer.errors[0].code, "gone");

    let bytes = vec![0u8, 1, 2, 255];
    let server = server_answering(
        ResponseTemplate::new(200).set_body_raw(bytes.clone(), "application/octet-stream"),
    )
    .await;
    let file = client!(fixture_responses, server)
        .general()
        .download_export("e1")
        .send()
        .await
        .expect("bytes come back as they are");
    assert_eq!(file.as_ref(), bytes.as_slice());

    let server =
        server_answering(ResponseTemplate::new(200).set_body_raw("<html></html>", "text/html"))
            .await;
    let page = client!(fixture_responses, server)
        .general()
        .get_status()
        .send()
        .await
        .expect("html comes back as bytes");
    assert_eq!(page.as_ref(), b"<html></html>");
    // `security: []`: no token is sent.
    assert_eq!(header(&only_request(&server).await, "authorization"), None);
}

// --- names ------------------------------------------------------------------------------------

#[tokio::test]
async fn parameters_that_collide_after_snake_case_are_both_sent_under_their_own_names() {
    let server = server_answering(ResponseTemplate::new(200)).await;

    #[allow(deprecated)]
    client!(fixture_naming, server)
        .public_pages()
        .get_public_interstitial()
        .frontend_api("new")
        .frontend_api_2("old")
        .r#match("x")
        .send()
        .await
        .expect("the page answers");

    let request = only_request(&server).await;
    assert_eq!(
        common::query_pairs(&request),
        common::pairs(&[
            ("frontend_api", "new"),
            ("frontendApi", "old"),
            ("match", "x")
        ])
    );
}

#[tokio::test]
async fn group_and_method_names_come_from_the_speakeasy_extensions() {
    let server = server_answering(json_response(
        200,
        &json!([{ "id": "u1", "firstName": "Ada", "first_name": "ada", "type": "t", "self": "s", "2fa": true, "$": "d" }]),
    ))
    .await;

    let users = client!(fixture_naming, server)
        .users()
        .list()
        .send()
        .await
        .expect("the users decode");

    let user = &users[0];
    assert_eq!(
        (
            user.first_name_2.as_deref(),
            user.first_name.as_deref(),
            user.r#type.as_deref(),
            user.self_.as_deref(),
            user._2fa,
            user.value.as_deref()
        ),
        (
            Some("Ada"),
            Some("ada"),
            Some("t"),
            Some("s"),
            Some(true),
            Some("d")
        )
    );
    assert_eq!(only_request(&server).await.url.path(), "/users");
}

#[tokio::test]
async fn schemas_named_like_std_serde_and_runtime_items_are_sent_and_decoded() {
    use fixture_naming::models::{Box_, Client, Option_, String_, Value, Vec_};
    let server = server_answering(json_response(
        200,
        &json!({
            "ok": true,
            "option": { "value": { "raw": [1] }, "string": "none", "next": { "value": {} } },
            "box": { "id": "c1" },
            "client": { "id": "c2" }
        }),
    ))
    .await;
    let mut value = Value::default();
    value.raw = Some(json!({ "k": 1 }));
    let mut vec = Vec_::default();
    vec.items = Some(vec![String_::Some, String_::None]);

    let result = client!(fixture_naming, server)
        .users()
        .std_names(value)
        .string(String_::Some)
        .vec(vec)
        .send()
        .await
        .expect("the `Result` schema decodes")
        .into_inner();

    assert_eq!(
        common::body_json(&only_request(&server).await),
        json!({ "value": { "raw": { "k": 1 } }, "string": "some", "vec": { "items": ["some", "none"] } })
    );
    assert!(result.ok);
    let option: Option_ = result.option.expect("the optional `Option` field is there");
    assert_eq!(option.value.raw, Some(json!([1])));
    assert_eq!(option.string, Some(String_::None));
    assert_eq!(option.next.map(|next| next.value), Some(Value::default()));
    assert_eq!(result.r#box, Some(Box_::Client(Client::new("c1".into()))));
    assert_eq!(result.client, Some(Client::new("c2".into())));
}

#[test]
fn enum_values_that_differ_only_in_case_keep_their_own_variant() {
    use fixture_naming::models::Relation;
    let values = json!(["self", "Self", "SELF", "next", "Next"]);
    let decoded: Vec<Relation> = serde_json::from_value(values.clone()).expect("known values");
    assert_eq!(
        decoded,
        [
            Relation::Self_,
            Relation::Self2,
            Relation::Self3,
            Relation::Next,
            Relation::Next2
        ]
    );
    assert_eq!(serde_json::to_value(&decoded).expect("encodes"), values);
}

#[tokio::test]
async fn a_one_of_of_scalars_is_a_query_parameter_written_as_its_value() {
    use fixture_composition::models::GetOwnerTag;

    let server = server_answering(json_response(
        200,
        &owner_json(json!({ "kind": "cat", "lives": 9 })),
    ))
    .await;
    let client = client!(fixture_composition, server);
    for tag in [
        GetOwnerTag::from(7_i64),
        GetOwnerTag::from("vip".to_owned()),
    ] {
        let owner = client.general().get_owner("o1").tag(tag).send().await;
        // An `allOf` of a reference and parts that only annotate it is that reference.
        assert_eq!(owner.expect("the owner decodes").mentor, None);
    }
    let tags: Vec<_> = requests(&server).await.iter().map(query_pairs).collect();
    assert_eq!(
        tags,
        [pairs(&[("tag", "7")]), pairs(&[("tag", "vip")])],
        "written as the value, without JSON quotes"
    );
}

#[tokio::test]
async fn two_success_statuses_with_the_same_body_read_as_that_type_with_their_status() {
    for status in [200, 202] {
        let server = server_answering(json_response(status, &json!({ "verified": false }))).await;
        let check = client!(fixture_responses, server)
            .general()
            .start_check()
            .send()
            .await
            .expect("either status decodes");
        assert_eq!(check.status(), status);
        assert!(!check.verified);
    }
}
