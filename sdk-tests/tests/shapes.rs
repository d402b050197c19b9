//! The crate generated from `fixtures/shapes`: properties beside a `oneOf` or an `anyOf` (each
//! variant a struct of the shared properties and its branch's), `$ref`s to places that are not
//! components (a component's property, another operation's response, a component response's
//! schema, an `allOf` part), integers beyond `i64` and a component named like an inline body,
//! decoded from and encoded to JSON on a loopback server.

mod common;

use common::{body_json, json_response, only_request, server_answering};
use fixture_shapes::models::{
    ArchiveReportResponseBody, CanvasSize, Counters, CreateCanvasRequestBody,
    CreateCanvasRequestBody2, Figure, FigureCircle, FigureSquare, GetReportResponseBody, Note,
    Note1, Note2, ProblemResponseBody,
};
use serde_json::{Value, json};

const TOKEN: &str = "sk_test_shapes";

/// A fixture client for `server`, with no retries.
macro_rules! client {
    ($server:expr) => {
        fixture_shapes::Client::builder()
            .bearer_auth(TOKEN)
            .server_url($server.uri())
            .retries(fixture_shapes::RetryConfig::none())
            .build()
            .expect("the client builds")
    };
}

#[tokio::test]
async fn properties_beside_a_one_of_decode_into_the_variant_the_discriminator_picks() {
    let square = json!({ "id": "fig_1", "kind": "square", "label": "tile", "side": 2.5 });
    let server = server_answering(json_response(200, &square)).await;

    let figure = client!(server)
        .general()
        .get_figure("fig_1")
        .send()
        .await
        .expect("the figure decodes")
        .into_inner();

    let Figure::Square(square_value) = &figure else {
        panic!("expected a square: {figure:?}")
    };
    // The shared properties and the branch's, in one struct.
    assert_eq!(
        (square_value.id.as_str(), square_value.label.as_deref()),
        ("fig_1", Some("tile"))
    );
    assert_eq!(
        (square_value.kind.as_str(), square_value.side),
        ("square", 2.5)
    );
    // Sent back as it came: one object, the discriminator once.
    assert_eq!(serde_json::to_value(&figure).unwrap(), square);

    // A kind this crate does not know is kept whole.
    let hexagon = json!({ "id": "fig_2", "kind": "hexagon", "corners": 6 });
    let server = server_answering(json_response(200, &hexagon)).await;
    let figure = client!(server)
        .general()
        .get_figure("fig_2")
        .send()
        .await
        .expect("an unknown kind decodes")
        .into_inner();
    assert_eq!(figure, Figure::Unknown(hexagon));
}

#[tokio::test]
async fn a_variant_with_the_shared_properties_is_sent_as_one_object() {
    let mut circle = FigureCircle::new("fig_3".into(), "circle".into(), 1.5);
    circle.label = Some("dot".into());
    let stored = json!({ "id": "fig_3", "kind": "circle", "label": "dot", "radius": 1.5 });
    let server = server_answering(json_response(200, &stored)).await;

    let figure = client!(server)
        .general()
        .put_figure("fig_3", Figure::Circle(circle.clone()))
        .send()
        .await
        .expect("the figure is stored")
        .into_inner();

    assert_eq!(body_json(&only_request(&server).await), stored);
    assert_eq!(figure, Figure::Circle(circle));
    // A square lacks `radius`: the discriminator decides, not the first branch that fits.
    let square: Figure = serde_json::from_value(
        json!({ "id": "fig_4", "kind": "square", "side": 3.0, "radius": 9.0 }),
    )
    .unwrap();
    assert_eq!(
        square,
        Figure::Square(FigureSquare::new("fig_4".into(), "square".into(), 3.0))
    );
}

#[tokio::test]
async fn an_all_of_part_beside_an_any_of_is_in_every_variant() {
    let lines = json!({ "at": "2024-06-01T10:00:00Z", "lines": ["one", "two"] });
    let server = server_answering(json_response(200, &lines)).await;
    let text = Note::Variant1(Note1::new("2024-06-01T09:00:00Z".into(), "hi".into()));

    let stored = client!(server)
        .general()
        .create_note(text)
        .send()
        .await
        .expect("the note decodes")
        .into_inner();

    assert_eq!(
        body_json(&only_request(&server).await),
        json!({ "at": "2024-06-01T09:00:00Z", "text": "hi" })
    );
    // Without a discriminator, the first branch that decodes: this one has no `text`.
    assert_eq!(
        stored,
        Note::Variant2(Note2::new(
            "2024-06-01T10:00:00Z".into(),
            vec!["one".into(), "two".into()]
        ))
    );
}

#[tokio::test]
async fn a_ref_to_another_operations_response_is_that_operations_type() {
    let report = json!({ "id": "rep_1", "rows": ["a", "b"] });
    let server = server_answering(json_response(200, &report)).await;

    // `getLatestReport` answers with the type of `getReport`'s response, declared after it.
    let latest: GetReportResponseBody = client!(server)
        .general()
        .get_latest_report()
        .send()
        .await
        .expect("the report decodes")
        .into_inner();
    assert_eq!(
        latest,
        GetReportResponseBody::new("rep_1".into(), vec!["a".into(), "b".into()])
    );
    let same: GetReportResponseBody = client!(server)
        .general()
        .get_report("rep_1")
        .send()
        .await
        .expect("the report decodes")
        .into_inner();
    assert_eq!(same, latest);

    // The same place as an `allOf` part: its properties and the other part's.
    let archived = json!({ "id": "rep_1", "rows": [], "archived_at": "2024-06-02" });
    let server = server_answering(json_response(200, &archived)).await;
    let answer = client!(server)
        .general()
        .archive_report("rep_1")
        .send()
        .await
        .expect("the archived report decodes")
        .into_inner();
    assert_eq!(
        answer,
        ArchiveReportResponseBody::new("rep_1".into(), vec![], "2024-06-02".into())
    );
}

#[tokio::test]
async fn refs_to_a_property_and_to_a_component_responses_schema_share_their_places_types() {
    let canvas = json!({
        "size": { "width": 800, "height": 600 },
        "margin": { "width": 8, "height": 6 },
        "problem": { "code": "too_big", "detail": "at most 4096 wide" },
    });
    let server = server_answering(json_response(200, &canvas)).await;

    let stored = client!(server)
        .general()
        .create_canvas("poster", CanvasSize::new(800, 600))
        .from({
            let mut from = CreateCanvasRequestBody::default();
            from.template = Some("a4".into());
            from
        })
        .send()
        .await
        .expect("the canvas decodes")
        .into_inner();

    // `size`, `margin` and the body's `size` are one type, `CanvasSize`.
    let margin: Option<CanvasSize> = stored.margin.clone();
    assert_eq!(margin, Some(CanvasSize::new(8, 6)));
    assert_eq!(stored.size, CanvasSize::new(800, 600));
    let mut problem = ProblemResponseBody::new("too_big".into());
    problem.detail = Some("at most 4096 wide".into());
    assert_eq!(stored.problem, Some(problem));
    // The inline body gave way to the component named like it.
    let sent: CreateCanvasRequestBody2 =
        serde_json::from_value(body_json(&only_request(&server).await)).unwrap();
    assert_eq!(sent.size, CanvasSize::new(800, 600));
    assert_eq!(
        body_json(&only_request(&server).await),
        json!({ "name": "poster", "size": { "width": 800, "height": 600 }, "from": { "template": "a4" } })
    );
}

#[tokio::test]
async fn the_error_body_of_a_component_response_decodes() {
    let problem = json!({ "code": "not_found" });
    let server = server_answering(json_response(404, &problem)).await;

    let result = client!(server).general().get_figure("nope").send().await;

    let Err(fixture_shapes::SdkError::Api(error)) = result else {
        panic!("expected Api, got {result:?}")
    };
    let fixture_shapes::general::GetFigureError::NotFound(body) = &error.error else {
        panic!("expected NotFound: {error:?}")
    };
    assert_eq!(body.code, "not_found");
}

#[tokio::test]
async fn integers_beyond_i64_round_trip_exactly() {
    // Each at the edge of its type, written as JSON text so that nothing goes through a float.
    let text = concat!(
        r#"{"total":18446744073709551615,"bytes":18446744073709551614,"#,
        r#""serial":-170141183460469231731687303715884105728,"#,
        r#""huge":340282366920938463463374607431768211455,"#,
        r#""flags":9223372036854775808,"offset":-1}"#
    );
    let server = server_answering(
        wiremock::ResponseTemplate::new(200).set_body_raw(text.as_bytes(), "application/json"),
    )
    .await;

    let counters: Counters = client!(server)
        .general()
        .put_counters(u64::MAX, i128::MIN, u128::MAX, -1)
        .bytes(u64::MAX - 1)
        .flags(1 << 63)
        .send()
        .await
        .expect("the counters decode")
        .into_inner();

    assert_eq!(counters.total, u64::MAX);
    assert_eq!(counters.bytes, Some(u64::MAX - 1));
    assert_eq!(counters.serial, i128::MIN);
    assert_eq!(counters.huge, u128::MAX);
    assert_eq!(counters.flags, Some(1 << 63));
    assert_eq!(counters.offset, -1);
    // The request carries the same digits: compared as text, since JSON values cannot hold
    // 128-bit integers.
    let request = only_request(&server).await;
    let sent = String::from_utf8(request.body.clone()).expect("a JSON body");
    for (key, digits) in [
        ("total", "18446744073709551615"),
        ("bytes", "18446744073709551614"),
        ("serial", "-170141183460469231731687303715884105728"),
        ("huge", "340282366920938463463374607431768211455"),
        ("flags", "9223372036854775808"),
        ("offset", "-1"),
    ] {
        assert!(
            sent.contains(&format!("\"{key}\":{digits}")),
            "{key} in {sent}"
        );
    }
    let _: Value = serde_json::from_str(&sent).expect("valid JSON");
}
