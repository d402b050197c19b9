//! The crate generated from `fixtures/degrade`: constructs real documents use that the
//! generator once refused. Those it types exactly decode and encode as the document says
//! (`type: null`, a closed tuple, an `allOf` part that repeats the type of the `$ref` beside
//! it, children that `allOf` their parent back, a string branch beside properties); those it
//! generates in a looser form still send what the caller gives (a `DSN` credential as the
//! whole `Authorization` value, an undeclared path variable, a query list of objects as JSON
//! text per item, a `content` parameter as the caller's text).

mod common;

use common::{
    body_json, header, json_response, only_request, pairs, query_pairs, server_answering,
};
use fixture_degrade::models::{Label, ListParcelsFilters, Parcel, Shipment, Size};
use serde_json::json;

/// A fixture client for `server` with the project's DSN, and no retries.
macro_rules! client {
    ($server:expr) => {
        fixture_degrade::Client::builder()
            .dsn_auth("DSN https://key@example.com/7")
            .server_url($server.uri())
            .retries(fixture_degrade::RetryConfig::none())
            .build()
            .expect("the client builds")
    };
}

#[tokio::test]
async fn an_undeclared_path_variable_and_an_unknown_http_scheme_are_sent_as_given() {
    let parcel = json!({
        "id": "p_1",
        "size": null,
        "position": ["B4", 12],
        "sealed": null,
        "extra": {"kept": true},
    });
    let server = server_answering(json_response(200, &parcel)).await;

    let got = client!(server)
        .general()
        .get_parcel("p 1/a")
        .send()
        .await
        .expect("the parcel decodes")
        .into_inner();

    // A closed `prefixItems` is a tuple; `type: null`, present, is `Some(())`.
    assert_eq!(got.position, ("B4".to_owned(), 12));
    assert_eq!(got.sealed, Some(()));
    // `allOf: [$ref: Size, {type: string, nullable: true}]` is a nullable `Size`.
    assert_eq!(got.size, Some(None));
    assert_eq!(got.extra, Some(json!({"kept": true})));
    let request = only_request(&server).await;
    assert_eq!(request.url.path(), "/parcels/p%201%2Fa");
    assert_eq!(
        header(&request, "authorization"),
        Some("DSN https://key@example.com/7")
    );
}

#[tokio::test]
async fn null_alone_absent_is_none_and_tuples_encode_as_arrays() {
    let parcel = json!({"id": "p_2", "position": ["A1", 3], "size": "large"});
    let server = server_answering(json_response(200, &parcel)).await;

    let mut body = Parcel::new("p_2".to_owned(), ("A1".to_owned(), 3));
    body.size = Some(Some(Size::Large));
    let got = client!(server)
        .general()
        .get_parcel_put("p_2", "p_2", ("A1".to_owned(), 3))
        .size(Size::Large)
        .send()
        .await
        .expect("the answer, a `$ref` into requestBodies read as a response, decodes")
        .into_inner();

    assert_eq!(got.sealed, None);
    assert_eq!(got, body);
    let request = only_request(&server).await;
    assert_eq!(request.method.as_str(), "PUT");
    assert_eq!(
        body_json(&request),
        json!({"id": "p_2", "position": ["A1", 3], "size": "large"})
    );
}

#[tokio::test]
async fn children_that_all_of_their_parent_back_are_its_variants_with_its_fields() {
    let shipments = json!([
        {"kind": "letter", "tracking": "T1", "stamps": 2},
        {"kind": "crate", "weight_kg": 12.5},
    ]);
    let server = server_answering(json_response(200, &shipments)).await;

    let mut filter = ListParcelsFilters::default();
    filter.field = Some("size".into());
    filter.value = Some("large".into());
    let filters = [filter];
    let got = client!(server)
        .general()
        .list_parcels()
        .filters(filters)
        .metadata([("shelf", "B")])
        .send()
        .await
        .expect("the shipments decode")
        .into_inner();

    match &got[..] {
        [Shipment::Letter(letter), Shipment::Crate(crate_)] => {
            assert_eq!(
                (letter.kind.as_str(), letter.tracking.as_deref()),
                ("letter", Some("T1"))
            );
            assert_eq!(letter.stamps, Some(2));
            assert_eq!(
                (crate_.kind.as_str(), crate_.weight_kg),
                ("crate", Some(12.5))
            );
        }
        other => panic!("unexpected shipments: {other:?}"),
    }
    // A list of objects in the `form` style: one pair per item, its JSON text; a parameter
    // described by JSON `content`: its value's JSON text.
    let request = only_request(&server).await;
    assert_eq!(
        query_pairs(&request),
        pairs(&[
            ("filters", r#"{"field":"size","value":"large"}"#),
            ("metadata", r#"{"shelf":"B"}"#),
        ])
    );
}

#[tokio::test]
async fn a_string_branch_beside_properties_is_a_variant_of_its_own() {
    let server = server_answering(json_response(200, &json!("plain"))).await;

    let got = client!(server)
        .general()
        .print_label(Label::String("plain".into()))
        .send()
        .await
        .expect("the label decodes")
        .into_inner();

    assert_eq!(got, Label::String("plain".into()));
    let request = only_request(&server).await;
    assert_eq!(body_json(&request), json!("plain"));
    // The requirement names no defined scheme: nothing is sent for it.
    assert_eq!(header(&request, "authorization"), None);
}
