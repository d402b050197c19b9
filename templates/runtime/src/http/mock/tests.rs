use reqwest::header::HeaderMap;
use reqwest::{Method, Url};

use super::{mock, param, HttpResponse, Operation, Rules};
use crate::http::details::Printing;
use crate::http::request::Request;
use crate::http::transport::TransportKind;

/// An operation as the generated code declares one.
struct GetKey;

impl Operation for GetKey {
    const ID: &'static str = "getKey";
    const PATH: &'static str = "/keys/{keyID}/v{version}.json";
    type Output = String;
    type Error = u16;

    fn output(output: &String) -> HttpResponse {
        HttpResponse::json(200, "application/json", output)
    }

    fn error(error: &u16) -> HttpResponse {
        HttpResponse::new(*error)
    }
}

fn request(key: &str, version: u32) -> Request {
    Request::new(
        "getKey",
        Method::GET,
        &[&"keys", &key, &format_args!("v{version}.json")],
    )
    .query("expand", ["owner", "scopes"])
}

/// The status and body of `rules`' answer to `request`, or the kind of its failure.
fn answer(rules: &Rules, request: &Request) -> Result<(u16, String), TransportKind> {
    let url = Url::parse("http://mock.test/keys").unwrap();
    let answer = rules.answer(request, &url, &HeaderMap::new(), Printing::default());
    answer
        .map(|raw| {
            let body = String::from_utf8(raw.body.to_vec()).unwrap();
            (raw.status.as_u16(), body)
        })
        .map_err(|e| e.kind())
}

#[test]
fn a_path_parameter_is_read_between_the_literal_parts_of_its_segment() {
    let cases = [
        ("{keyID}", "ak_1", "keyID", Some("ak_1")),
        ("v{version}.json", "v2.json", "version", Some("2")),
        ("v{version}.json", "2.json", "version", None),
        ("{a}-{b}", "x-y", "a", Some("x")),
        ("{a}-{b}", "x-y", "b", None),
        ("keys", "keys", "keyID", None),
    ];
    for (pattern, segment, name, expected) in cases {
        assert_eq!(param(pattern, segment, name), expected, "{pattern} {name}");
    }
}

#[test]
fn the_first_matching_rule_answers_in_order_and_counts_its_calls() {
    let other = mock::<GetKey>()
        .match_requests(|r| r.path_param("keyID") == Some("ak_2"))
        .then_error(|| 404);
    let first = mock::<GetKey>()
        .match_requests(|r| {
            r.path_param("version") == Some("1") && r.query_params("expand").eq(["owner", "scopes"])
        })
        .then_http_response(|| HttpResponse::new(503))
        .then_output(|| "ak_1".to_owned());
    let timeout = mock::<GetKey>().then_timeout();
    let mut rules = Rules::default();
    rules.push(&other);
    rules.push(&first);
    rules.push(&timeout);

    let ok = Ok((200, "\"ak_1\"".to_owned()));
    assert_eq!(
        answer(&rules, &request("ak_1", 1)),
        Ok((503, String::new()))
    );
    assert_eq!(answer(&rules, &request("ak_1", 1)), ok);
    // The last answer answers every later call.
    assert_eq!(answer(&rules, &request("ak_1", 1)), ok);
    assert_eq!(
        answer(&rules, &request("ak_2", 1)),
        Ok((404, String::new()))
    );
    assert_eq!(
        answer(&rules, &request("ak_1", 7)),
        Err(TransportKind::Timeout)
    );
    // A clone shares the count.
    assert_eq!((first.clone().num_calls(), other.num_calls()), (3, 1));
    assert_eq!(timeout.num_calls(), 1);
}

#[test]
fn a_call_no_rule_answers_fails_the_test_naming_the_request() {
    let rule = mock::<GetKey>()
        .match_requests(|r| r.path_param("keyID") == Some("ak_2"))
        .then_output(String::new);
    let mut rules = Rules::default();
    rules.push(&rule);
    let call = std::panic::AssertUnwindSafe(|| answer(&rules, &request("ak_1", 1)));
    let panic = std::panic::catch_unwind(call).unwrap_err();
    let message = panic.downcast_ref::<String>().cloned().unwrap_or_default();
    assert!(
        message.contains("no mock rule answers `getKey`: GET http://mock.test/keys"),
        "{message}"
    );
    assert_eq!(rule.num_calls(), 0);
}

#[test]
fn a_request_shows_its_body_and_form() {
    let url = Url::parse("http://mock.test/keys").unwrap();
    let json = Request::new("createKey", Method::POST, &[&"keys"])
        .json::<_, ()>("application/json", &serde_json::json!({ "name": "ci" }))
        .unwrap();
    let form = Request::new("createKey", Method::POST, &[&"keys"]).form("name", ["ci"]);
    let headers = HeaderMap::new();
    let seen = |request| {
        let mock = super::MockRequest {
            request,
            url: &url,
            headers: &headers,
            template: "/keys",
        };
        (mock.body_json(), mock.form_param("name").map(str::to_owned))
    };
    let name = serde_json::json!({ "name": "ci" });
    assert_eq!(seen(&json), (Some(name), None));
    assert_eq!(seen(&form), (None, Some("ci".to_owned())));
}
