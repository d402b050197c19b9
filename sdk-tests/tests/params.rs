//! Parameters as API descriptions write them (`fixtures/params`): several parameters in one
//! path segment, query parameters of every `style`, and object fields of form-urlencoded and
//! multipart bodies. Each test checks the exact path, query string or body the server got.

mod common;

use common::{header, json_response, only_request, server_answering};
use fixture_params::models::{
    Address, GetFileExt, LineItem, ListOrdersFilter, ListOrdersFilterStatus, ListOrdersPage,
    ListOrdersSort, ListOrdersSortOrder, UploadSettings,
};
use fixture_params::{Client, File, RetryConfig};
use serde_json::json;
use wiremock::{MockServer, ResponseTemplate};

const TOKEN: &str = "sk_test_params";

/// A client for `server` with retries disabled.
fn client(server: &MockServer) -> Client {
    Client::builder()
        .bearer_auth(TOKEN)
        .server_url(server.uri())
        .retries(RetryConfig::none())
        .build()
        .expect("the client builds")
}

/// A server that answers every request with `{"ok": true}`.
async fn answering_ok() -> MockServer {
    server_answering(json_response(200, &json!({ "ok": true }))).await
}

/// The path (still percent-encoded) of the one request the server got.
async fn path(server: &MockServer) -> String {
    let request = only_request(server).await;
    assert_eq!(request.url.query(), None);
    request.url.path().to_owned()
}

// --- several parameters in one path segment -------------------------------------------------

/// A server that answers every request with `204 No Content`.
async fn answering_204() -> MockServer {
    server_answering(ResponseTemplate::new(204)).await
}

#[tokio::test]
async fn parameters_that_share_a_segment_are_encoded_each_within_it() {
    let server = answering_204().await;
    client(&server)
        .general()
        .compare_refs("v1.0", "feature/login")
        .send()
        .await
        .expect("the comparison succeeds");
    assert_eq!(path(&server).await, "/compare/v1.0...feature%2Flogin");

    let server = answering_204().await;
    client(&server)
        .general()
        .get_file("q1 report?#%", GetFileExt::Pdf)
        .send()
        .await
        .expect("the file is found");
    assert_eq!(path(&server).await, "/files/q1%20report%3F%23%25.pdf");

    let server = answering_204().await;
    client(&server)
        .general()
        .archive_project("team/alpha")
        .send()
        .await
        .expect("the project is archived");
    assert_eq!(path(&server).await, "/v1/team%2Falpha:archive");

    let server = answering_204().await;
    client(&server)
        .general()
        .get_tags(["red", "a/b c"])
        .send()
        .await
        .expect("the tags are found");
    assert_eq!(path(&server).await, "/tags/red,a%2Fb%20c");
}

#[tokio::test]
async fn dots_in_a_shared_segment_stay_in_it() {
    // The URL drops a segment that is `.` or `..` (the runtime refuses such a value alone in a
    // segment); with the text around it, the segment is a name like any other.
    let server = answering_204().await;
    client(&server)
        .general()
        .compare_refs("..", ".")
        .send()
        .await
        .expect("the comparison succeeds");
    assert_eq!(path(&server).await, "/compare/......");

    let server = answering_204().await;
    client(&server)
        .general()
        .get_file("..", GetFileExt::Csv)
        .send()
        .await
        .expect("the file is found");
    assert_eq!(path(&server).await, "/files/...csv");
}

// --- query parameters of every style --------------------------------------------------------

#[tokio::test]
async fn query_parameters_are_written_as_their_style_says() {
    let server = answering_ok().await;
    let mut filter = ListOrdersFilter::default();
    filter.status = Some(ListOrdersFilterStatus::Open);
    filter.created_after = Some(1_700_000_000);
    filter.tags = Some(vec!["gift".into(), "rush & co".into()]);
    let mut ship_to = Address::new("Paris".into());
    ship_to.lines = Some(vec!["1 rue".into()]);
    filter.ship_to = Some(ship_to);
    let mut page = ListOrdersPage::default();
    page.number = Some(2);
    page.size = Some(50);
    let mut sort = ListOrdersSort::new("created".into());
    sort.order = Some(ListOrdersSortOrder::Desc);
    let mut item = LineItem::new("sku_1".into());
    item.quantity = Some(3);

    let done = client(&server)
        .general()
        .list_orders()
        .filter(filter)
        .page(page)
        .sort(sort)
        .ids([7, 8])
        .words(["red shoes", "blue"])
        .colors(["red", "blue"])
        .labels([("env", "prod"), ("team", "a/b")])
        .items([item, LineItem::new("sku_2".into())])
        .limit(10)
        .send()
        .await
        .expect("the orders are listed");

    assert!(done.ok);
    let request = only_request(&server).await;
    assert_eq!(request.url.path(), "/orders");
    // In the order of the parameters; an object's properties in the order of their names;
    // the URL writes the pairs form-urlencoded (a space as `+`, brackets and pipes escaped).
    let expected = [
        "filter%5Bcreated-after%5D=1700000000",
        "filter%5Bship_to%5D%5Bcity%5D=Paris",
        "filter%5Bship_to%5D%5Blines%5D%5B0%5D=1+rue",
        "filter%5Bstatus%5D=open",
        "filter%5Btags%5D%5B0%5D=gift",
        "filter%5Btags%5D%5B1%5D=rush+%26+co",
        "number=2",
        "size=50",
        "sort=field%2Ccreated%2Corder%2Cdesc",
        "ids=7%2C8",
        "words=red+shoes+blue",
        "colors=red%7Cblue",
        "labels%5Benv%5D=prod",
        "labels%5Bteam%5D=a%2Fb",
        "items%5B0%5D%5Bquantity%5D=3",
        "items%5B0%5D%5Bsku%5D=sku_1",
        "items%5B1%5D%5Bsku%5D=sku_2",
        "limit=10",
    ];
    assert_eq!(request.url.query(), Some(expected.join("&").as_str()));
    let decoded: Vec<(String, String)> = request.url.query_pairs().into_owned().collect();
    assert_eq!(decoded[1], ("filter[ship_to][city]".into(), "Paris".into()));
    assert_eq!(
        decoded[8],
        ("sort".into(), "field,created,order,desc".into())
    );
    assert_eq!(decoded[10], ("words".into(), "red shoes blue".into()));
    assert_eq!(decoded[11], ("colors".into(), "red|blue".into()));
}

#[tokio::test]
async fn unset_and_empty_styled_values_add_nothing_to_the_query() {
    let server = answering_ok().await;

    client(&server)
        .general()
        .list_orders()
        .filter(ListOrdersFilter::default())
        .ids(Vec::<i64>::new())
        .colors(Vec::<String>::new())
        .send()
        .await
        .expect("the orders are listed");

    let request = only_request(&server).await;
    assert_eq!(request.url.query(), None);
}

// --- object fields of form bodies -----------------------------------------------------------

#[tokio::test]
async fn object_fields_of_a_form_body_are_deep_objects() {
    let server = answering_ok().await;
    let mut address = Address::new("Paris".into());
    address.postal_code = Some("75001".into());

    client(&server)
        .general()
        .create_customer("Ada")
        .address(address)
        .items([LineItem::new("sku_1".into())])
        .metadata([("plan", "pro")])
        .emails(["a@x.io", "b@x.io"])
        .send()
        .await
        .expect("the customer is created");

    let request = only_request(&server).await;
    assert_eq!(
        header(&request, "content-type"),
        Some("application/x-www-form-urlencoded")
    );
    let body = String::from_utf8(request.body).expect("a text body");
    let expected = [
        "name=Ada",
        "address%5Bcity%5D=Paris",
        "address%5Bpostal_code%5D=75001",
        "items%5B0%5D%5Bsku%5D=sku_1",
        "metadata%5Bplan%5D=pro",
        "emails=a%40x.io",
        "emails=b%40x.io",
    ];
    assert_eq!(body, expected.join("&"));
}

#[tokio::test]
async fn a_json_body_sent_as_a_form_writes_its_object_fields_as_deep_objects() {
    let server = answering_ok().await;

    client(&server)
        .general()
        .create_invoice("cus_1")
        .bill_to(Address::new("Lyon".into()))
        .clear_memo()
        .as_form()
        .send()
        .await
        .expect("the invoice is created");

    let request = only_request(&server).await;
    assert_eq!(
        header(&request, "content-type"),
        Some("application/x-www-form-urlencoded")
    );
    // A form has no `null`: the memo set to `null` is left out.
    let body = String::from_utf8(request.body).expect("a text body");
    assert_eq!(body, "customer=cus_1&bill_to%5Bcity%5D=Lyon");
}

// --- object fields of multipart bodies ------------------------------------------------------

/// The parts of a multipart body as (headers, content), headers lower-cased and in order.
fn parts(request: &wiremock::Request) -> Vec<(String, String)> {
    let content_type = header(request, "content-type").expect("a content type");
    let boundary = content_type
        .strip_prefix("multipart/form-data; boundary=")
        .unwrap_or_else(|| panic!("not multipart: {content_type}"));
    let body = String::from_utf8(request.body.clone()).expect("a text body");
    let end = format!("--{boundary}--\r\n");
    let body = body.strip_suffix(&end).expect("the closing delimiter");
    body.split(&format!("--{boundary}\r\n"))
        .skip(1)
        .map(|part| {
            let (headers, content) = part.split_once("\r\n\r\n").expect("part headers end");
            let content = content.strip_suffix("\r\n").expect("the part's line end");
            (headers.to_ascii_lowercase(), content.to_owned())
        })
        .collect()
}

#[tokio::test]
async fn object_fields_of_a_multipart_body_are_json_parts() {
    let server = answering_ok().await;
    let mut meta = Address::new("Paris".into());
    meta.lines = Some(vec!["1 rue".into()]);
    let mut settings = UploadSettings::default();
    settings.public = Some(true);

    client(&server)
        .general()
        .upload(File::new("a.txt", "hi"), meta)
        .note("first")
        .settings(settings)
        .parts([LineItem::new("p1".into()), LineItem::new("p2".into())])
        .send()
        .await
        .expect("the upload succeeds");

    let request = only_request(&server).await;
    let parts = parts(&request);
    let disposition = |name: &str| format!("content-disposition: form-data; name=\"{name}\"");
    let json_part = |name: &str, media_type: &str, content: &str| {
        (
            format!("{}\r\ncontent-type: {media_type}", disposition(name)),
            content.to_owned(),
        )
    };
    let expected = vec![
        (
            "content-disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n\
             content-type: application/octet-stream"
                .to_owned(),
            "hi".to_owned(),
        ),
        (disposition("note"), "first".to_owned()),
        json_part(
            "meta",
            "application/json",
            r#"{"city":"Paris","lines":["1 rue"]}"#,
        ),
        json_part(
            "settings",
            "application/vnd.settings+json",
            r#"{"public":true}"#,
        ),
        json_part("parts", "application/json", r#"{"sku":"p1"}"#),
        json_part("parts", "application/json", r#"{"sku":"p2"}"#),
    ];
    assert_eq!(parts, expected);
}
