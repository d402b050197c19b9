//! The crate generated from an OpenAPI 3.1 document (`fixtures/openapi31`), which the
//! generator reads as the 3.0 document that says the same: values 3.1 makes nullable with a
//! type list or an `anyOf` with `null` decode `null` into `None`, a `const` is an enum of one
//! value, a type list of two types is a union, and requests go out as the document says.

mod common;

use common::{
    body_json, header, json_response, only_request, pairs, query_pairs, server_answering,
};
use fixture_openapi31::models::{NewVisit, NewVisitKind, VisitKind, VisitTag};
use serde_json::{Value, json};

const TOKEN: &str = "sk_test_openapi31";

/// A fixture client for `server`, with no retries.
macro_rules! client {
    ($server:expr) => {
        fixture_openapi31::Client::builder()
            .bearer_auth(TOKEN)
            .server_url($server.uri())
            .retries(fixture_openapi31::RetryConfig::none())
            .build()
            .expect("the client builds")
    };
}

/// A visit as the server sends it, with `null` wherever 3.1 allows it.
fn waiting_visit() -> Value {
    json!({
        "id": "vis_2f8a",
        "kind": "checkup",
        "weight_kg": 4.2,
        "notes": null,
        "vet": null,
        "owner": {"name": "Sam", "phone": null},
        "room": null,
        "tag": 7,
    })
}

#[tokio::test]
async fn nulls_from_the_server_decode_into_none() {
    let server = server_answering(json_response(200, &waiting_visit())).await;

    let visit = client!(server)
        .visits()
        .get_visit("vis_2f8a")
        .send()
        .await
        .expect("the visit decodes")
        .into_inner();

    // `type: [string, 'null']`, `anyOf: [$ref, {type: 'null'}]` and `type: [integer, 'null']`.
    assert_eq!(visit.notes, None);
    assert_eq!(visit.vet, None);
    assert_eq!(visit.room, None);
    // A `$ref` beside a description is the referenced type.
    assert_eq!(visit.owner.name, "Sam");
    assert_eq!(visit.owner.phone, None);
    let request = only_request(&server).await;
    assert_eq!(request.method.as_str(), "GET");
    assert_eq!(request.url.path(), "/visits/vis_2f8a");
    let bearer = format!("Bearer {TOKEN}");
    assert_eq!(header(&request, "authorization"), Some(bearer.as_str()));
}

#[tokio::test]
async fn values_where_3_1_allows_null_decode_into_some() {
    let mut seen = waiting_visit();
    seen["notes"] = json!("Healthy.");
    seen["vet"] = json!({"name": "Dr. Ames"});
    seen["room"] = json!(3);
    seen["tag"] = json!("A-12");
    let server = server_answering(json_response(200, &seen)).await;

    let visit = client!(server)
        .visits()
        .get_visit("vis_2f8a")
        .send()
        .await
        .expect("the visit decodes")
        .into_inner();

    assert_eq!(visit.notes.as_deref(), Some("Healthy."));
    assert_eq!(visit.vet.map(|v| v.name).as_deref(), Some("Dr. Ames"));
    assert_eq!(visit.room, Some(3));
    // `type: [string, integer]` is a union of the two.
    assert_eq!(visit.tag, Some(VisitTag::String("A-12".into())));
}

#[tokio::test]
async fn a_type_list_of_two_types_decodes_either() {
    let server = server_answering(json_response(200, &json!([waiting_visit()]))).await;

    let visits = client!(server)
        .visits()
        .list_visits()
        .send()
        .await
        .expect("the visits decode")
        .into_inner();

    assert_eq!(visits.len(), 1);
    assert_eq!(visits[0].tag, Some(VisitTag::Integer(7)));
}

#[tokio::test]
async fn a_const_round_trips_as_an_enum_of_one_value() {
    let server = server_answering(json_response(201, &waiting_visit())).await;

    let created = client!(server)
        .visits()
        .create_visit(NewVisitKind::Checkup, 12.5)
        .clear_notes()
        .send()
        .await
        .expect("the visit decodes")
        .into_inner();

    assert_eq!(created.kind, VisitKind::Checkup);
    let request = only_request(&server).await;
    assert_eq!(request.method.as_str(), "POST");
    assert_eq!(request.url.path(), "/visits");
    assert_eq!(header(&request, "content-type"), Some("application/json"));
    // An optional nullable field cleared is sent as `null`.
    assert_eq!(
        body_json(&request),
        json!({"kind": "checkup", "weight_kg": 12.5, "notes": null})
    );
    // And the one value reads back; another is kept, not refused.
    let kind: VisitKind = serde_json::from_value(json!("checkup")).expect("decodes");
    assert_eq!(kind, VisitKind::Checkup);
    let kind: VisitKind = serde_json::from_value(json!("surgery")).expect("decodes");
    assert_eq!(kind, VisitKind::Unknown("surgery".into()));
    let body = NewVisit::new(NewVisitKind::Checkup, 1.0);
    assert_eq!(
        serde_json::to_value(body).expect("encodes"),
        json!({"kind": "checkup", "weight_kg": 1.0})
    );
}

/// The generated code documents bounds and leaves checking them to the server, as it does for
/// 3.0 documents: 3.1's numeric `exclusiveMinimum: 0` reads as a minimum of 0, exclusive.
#[tokio::test]
async fn exclusive_bounds_are_documented_and_values_go_out_as_given() {
    let models = include_str!("../../fixtures/openapi31/sdk/src/models.rs");
    assert!(
        models.contains(
            "/// Minimum: 0 (exclusive). Maximum: 500 (exclusive).\n    pub weight_kg: f64,"
        ),
        "the weight's bounds are documented as exclusive"
    );
    let visits = include_str!("../../fixtures/openapi31/sdk/src/visits.rs");
    assert!(visits.contains("Minimum: 0 (exclusive). Maximum: 50."));
    let server = server_answering(json_response(200, &json!([]))).await;

    client!(server)
        .visits()
        .list_visits()
        .limit(1)
        .send()
        .await
        .expect("an empty list decodes");

    let request = only_request(&server).await;
    assert_eq!(query_pairs(&request), pairs(&[("limit", "1")]));
}

#[tokio::test]
async fn a_string_of_an_image_media_type_is_a_file_part() {
    let server = server_answering(wiremock::ResponseTemplate::new(204)).await;
    let png = vec![0x89, b'P', b'N', b'G', 0, 1];

    client!(server)
        .visits()
        .upload_xray(
            "vis_2f8a",
            fixture_openapi31::File::new("chest.png", png.clone()).content_type("image/png"),
        )
        .send()
        .await
        .expect("the upload succeeds");

    let request = only_request(&server).await;
    assert_eq!(request.method.as_str(), "PUT");
    assert_eq!(request.url.path(), "/visits/vis_2f8a/xray");
    let content_type = header(&request, "content-type").expect("a content type");
    assert!(content_type.starts_with("multipart/form-data; boundary="));
    let contains = |needle: &[u8]| request.body.windows(needle.len()).any(|w| w == needle);
    assert!(
        contains(b"form-data; name=\"image\"; filename=\"chest.png\""),
        "{:?}",
        String::from_utf8_lossy(&request.body)
    );
    assert!(contains(&png), "the image's bytes are sent as they are");
}
