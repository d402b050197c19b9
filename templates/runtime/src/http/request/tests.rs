use reqwest::Method;

use std::borrow::Cow;

use super::Request;

fn pairs<'a>(list: &'a [(Cow<'static, str>, String)]) -> Vec<(&'a str, &'a str)> {
    list.iter().map(|(n, v)| (&**n, v.as_str())).collect()
}

#[test]
fn adders_take_required_optional_and_repeated_values_as_text() {
    let (name, unset, set) = ("a b".to_owned(), None::<u32>, Some(2.5));
    let (items, optional_items) = (vec![true, false], Some(vec![1, 2]));
    let path: [&dyn std::fmt::Display; 3] = [&"keys", &7, &format_args!("{}.json", "x")];
    let request = Request::new("listKeys", Method::GET, &path)
        .query("name", [&name])
        .query("unset", unset.as_ref())
        .query("set", set.as_ref())
        .query("items", items.iter())
        .query("optional_items", optional_items.iter().flatten())
        .header("x-one", [1])
        .secret_header("x-secret", ["s"]);
    assert_eq!(request.path, ["keys", "7", "x.json"]);
    let query = [
        ("name", "a b"),
        ("set", "2.5"),
        ("items", "true"),
        ("items", "false"),
        ("optional_items", "1"),
        ("optional_items", "2"),
    ];
    assert_eq!(pairs(&request.query), query);
    let headers: Vec<_> = request
        .headers
        .iter()
        .map(|(n, v)| (*n, v.as_str()))
        .collect();
    assert_eq!(headers, [("x-one", "1"), ("x-secret", "s")]);
    assert_eq!(request.secret_headers, ["x-secret"]);
    assert!(request.body.is_none() && request.security.is_empty());
    let secured = request.security(&[&["key"], &["user", "password"]]);
    assert_eq!(secured.security, [&["key"][..], &["user", "password"]]);
}

#[test]
fn form_fields_gather_in_one_body() {
    let form = Request::new("f", Method::POST, &[])
        .form("a", [1])
        .form("b", ["x", "y"]);
    let form = format!("{:?}", form.body);
    assert_eq!(form, r#"Some(Form([("a", "1"), ("b", "x"), ("b", "y")]))"#);
}

#[test]
fn a_json_body_is_serialized_once_when_added() {
    let request = Request::new("j", Method::POST, &[]).json::<_, ()>(
        "application/merge-patch+json",
        &serde_json::json!({ "n": 1.0 }),
    );
    let body = format!("{:?}", request.expect("serializes").body);
    let expected =
        r#"Some(Raw { content_type: "application/merge-patch+json", bytes: b"{\"n\":1}" })"#;
    assert_eq!(body, expected);
}

#[test]
fn a_bytes_body_is_kept_with_its_media_type_and_none_adds_nothing() {
    let request = Request::new("b", Method::POST, &[]).bytes("image/png", Some("PNG".into()));
    let body = format!("{:?}", request.body);
    assert_eq!(
        body,
        r#"Some(Raw { content_type: "image/png", bytes: b"PNG" })"#
    );
    assert!(Request::new("b", Method::POST, &[])
        .bytes("text/plain", None)
        .body
        .is_none());
}
