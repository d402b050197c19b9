//! Success responses whose bodies differ by status (`fixtures/responses`): `send()` succeeds
//! with the operation's success enum, whose variant says which status answered.

mod common;

use common::{
    assert_request_line, body_json, json_response, only_request, report, server_answering,
};
use fixture_responses::general::{GetWidgetReportSuccess, PutWidgetError, PutWidgetSuccess};
use fixture_responses::models::{Check, Widget, WidgetCreated};
use fixture_responses::{Client, RetryConfig, SdkError};
use serde_json::json;
use wiremock::{MockServer, ResponseTemplate};

const TOKEN: &str = "sk_test_fixture";

/// A client of the responses fixture for `server`, without retries.
fn client(server: &MockServer) -> Client {
    Client::builder()
        .bearer_auth(TOKEN)
        .server_url(server.uri())
        .retries(RetryConfig::none())
        .build()
        .expect("the client builds")
}

/// What `put_widget("w1", "Gear")` gets from a server that answers `template`.
async fn put_widget(
    template: ResponseTemplate,
) -> Result<fixture_responses::ResponseValue<PutWidgetSuccess>, SdkError<PutWidgetError>> {
    let server = server_answering(template).await;
    let result = client(&server)
        .general()
        .put_widget("w1", "Gear")
        .send()
        .await;
    let request = only_request(&server).await;
    assert_request_line(&request, "PUT", "/widgets/w1");
    assert_eq!(body_json(&request), json!({ "name": "Gear" }));
    result
}

#[tokio::test]
async fn each_documented_success_status_is_its_own_variant() {
    let replaced = put_widget(json_response(200, &json!({ "id": "w1", "name": "Gear" })))
        .await
        .expect("200 decodes");
    assert_eq!(replaced.status(), 200);
    let widget = Widget::new("w1".into(), "Gear".into());
    assert_eq!(*replaced, PutWidgetSuccess::Ok(widget));

    let created = put_widget(json_response(
        201,
        &json!({ "id": "w1", "location": "/widgets/w1" }),
    ))
    .await
    .expect("201 decodes");
    assert_eq!(created.status(), 201);
    assert_eq!(
        created.into_inner(),
        PutWidgetSuccess::Created(WidgetCreated::new("w1".into(), "/widgets/w1".into()))
    );

    let unchanged = put_widget(ResponseTemplate::new(204))
        .await
        .expect("204 has no body");
    assert_eq!(unchanged.status(), 204);
    assert_eq!(*unchanged, PutWidgetSuccess::NoContent);
}

#[tokio::test]
async fn a_body_that_does_not_match_its_status_is_a_decode_error() {
    // The 200 body under 201: `WidgetCreated` needs a `location`.
    let result = put_widget(json_response(201, &json!({ "id": "w1", "name": "Gear" }))).await;
    let Err(SdkError::Decode(error)) = result else {
        panic!("expected a decode error, got {result:?}")
    };
    assert_eq!(error.status, 201);
    let report = report(&*error);
    assert!(report.contains("missing field `location`"), "{report}");
}

#[tokio::test]
async fn a_2xx_status_the_document_does_not_list_is_unexpected() {
    let result = put_widget(json_response(202, &json!({ "id": "w1", "name": "Gear" }))).await;
    let Err(SdkError::Unexpected(error)) = result else {
        panic!("expected an unexpected response, got {result:?}")
    };
    assert_eq!(error.status, 202);
}

#[tokio::test]
async fn a_non_json_body_is_a_bytes_variant_and_a_range_takes_the_other_2xx_statuses() {
    let server =
        server_answering(ResponseTemplate::new(200).set_body_raw("id,views\nw1,3\n", "text/csv"))
            .await;
    let report = client(&server)
        .general()
        .get_widget_report("w1")
        .send()
        .await
        .expect("the CSV comes back as bytes");
    let GetWidgetReportSuccess::Ok(csv) = &*report else {
        panic!("expected the 200 variant, got {report:?}")
    };
    assert_eq!(csv.as_ref(), b"id,views\nw1,3\n");
    assert_request_line(&only_request(&server).await, "GET", "/widgets/w1/report");

    for status in [202, 203] {
        let server = server_answering(json_response(status, &json!({ "verified": false }))).await;
        let pending = client(&server)
            .general()
            .get_widget_report("w1")
            .send()
            .await
            .expect("a 2XX status decodes as the range's body");
        assert_eq!(pending.status(), status);
        assert_eq!(
            *pending,
            GetWidgetReportSuccess::Status2XX(Check::new(false))
        );
    }
}
