use std::collections::BTreeMap;

use super::{json_input, to_json, RequestOptions};

#[derive(serde::Serialize)]
struct Body {
    whole: f64,
    negative: f64,
    zero: f64,
    fraction: f64,
    big: f64,
    huge: f64,
    nan: f64,
    items: Vec<f64>,
    value: serde_json::Value,
}

#[test]
fn whole_floats_are_written_as_integers_in_one_pass() {
    let body = Body {
        whole: 86400.0,
        negative: -3.0,
        zero: -0.0,
        fraction: 0.5,
        big: 9_007_199_254_740_992.0,
        huge: 1e300,
        nan: f64::NAN,
        items: vec![1.0, 1.5],
        value: serde_json::json!({ "n": 2.0, "text": "1.0" }),
    };
    let bytes = to_json(&body).expect("serializes");
    assert_eq!(
        std::str::from_utf8(&bytes).expect("UTF-8"),
        concat!(
            r#"{"whole":86400,"negative":-3,"zero":0,"fraction":0.5,"#,
            r#""big":9007199254740992,"huge":1e+300,"nan":null,"#,
            r#""items":[1,1.5],"value":{"n":2,"text":"1.0"}}"#,
        )
    );
}

#[test]
fn a_value_that_does_not_convert_is_remembered_until_the_setter_succeeds() {
    let mut options = RequestOptions::default();
    let value: serde_json::Value = json_input("claims", [("a", 1)], &mut options);
    assert_eq!(value, serde_json::json!([["a", 1]]));
    assert!(options.invalid.is_empty());

    let bad = BTreeMap::from([((1, 2), "x")]);
    let value: serde_json::Value = json_input("claims", &bad, &mut options);
    assert_eq!(value, serde_json::Value::Null);
    let map: BTreeMap<String, serde_json::Value> = json_input("meta", [1, 2], &mut options);
    assert!(map.is_empty());
    let names: Vec<&str> = options.invalid.iter().map(|(n, _)| *n).collect();
    assert_eq!(names, ["claims", "meta"]);
    assert!(
        options.invalid[0].1.contains("`claims`"),
        "{:?}",
        options.invalid
    );

    let _: serde_json::Value = json_input("claims", "fine", &mut options);
    let names: Vec<&str> = options.invalid.iter().map(|(n, _)| *n).collect();
    assert_eq!(names, ["meta"]);
}

#[test]
fn a_value_described_by_json_content_is_sent_as_its_json_text() {
    use reqwest::Method;

    // One key: serde_json keeps the order of an object's keys only with a feature that any
    // crate of a build may turn on.
    let filter = serde_json::json!({"n": 2.0});
    let request = crate::Request::new("q", Method::GET, &[])
        .json_query::<_, ()>("filter", Some(&filter))
        .and_then(|r| r.json_query("unset", None::<&u8>))
        .and_then(|r| r.json_header("x-meta", Some(&[1, 2])))
        .expect("serializes");
    let query: Vec<(&str, &str)> = (request.query.iter())
        .map(|(n, v)| (&**n, v.as_str()))
        .collect();
    assert_eq!(query, [("filter", r#"{"n":2}"#)]);
    assert_eq!(request.headers, [("x-meta", "[1,2]".to_owned())]);
}
