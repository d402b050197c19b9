use std::borrow::Cow;

use reqwest::Method;
use serde_json::json;

use super::{pairs, Style};
use crate::Request;

/// A request's pairs as `(name, value)`.
fn listed<'a>(list: &'a [(Cow<'static, str>, String)]) -> Vec<(&'a str, &'a str)> {
    list.iter().map(|(n, v)| (&**n, v.as_str())).collect()
}

/// The pairs as `a=1&b=2`, unencoded, to read them at a glance.
fn written(name: &str, style: Style, value: serde_json::Value) -> String {
    let pairs = pairs(name, style, &value);
    let pairs: Vec<String> = pairs.iter().map(|(k, v)| format!("{k}={v}")).collect();
    pairs.join("&")
}

#[test]
fn each_style_writes_scalars_arrays_and_objects_as_openapi_says() {
    let (array, object) = (json!([1, 2.5, "x"]), json!({"b": 2, "a": "x y"}));
    let form = Style::Form { explode: true };
    let comma = Style::Form { explode: false };
    let cases = [
        (form, json!(3), "v=3"),
        (form, array.clone(), "v=1&v=2.5&v=x"),
        (form, object.clone(), "a=x y&b=2"),
        (comma, json!("s"), "v=s"),
        (comma, array.clone(), "v=1,2.5,x"),
        (comma, object.clone(), "v=a,x y,b,2"),
        (Style::SpaceDelimited, array.clone(), "v=1 2.5 x"),
        (Style::SpaceDelimited, object.clone(), "v=a x y b 2"),
        (Style::PipeDelimited, array.clone(), "v=1|2.5|x"),
        (Style::PipeDelimited, object.clone(), "v=a|x y|b|2"),
        (Style::DeepObject, object, "v[a]=x y&v[b]=2"),
        (Style::DeepObject, array, "v[0]=1&v[1]=2.5&v[2]=x"),
        (Style::DeepObject, json!(true), "v=true"),
    ];
    for (style, value, expected) in cases {
        assert_eq!(
            written("v", style, value.clone()),
            expected,
            "{style:?} {value}"
        );
    }
}

#[test]
fn deep_objects_nest_by_brackets_and_index_arrays() {
    let value = json!({
        "address": {"city": "Paris", "lines": ["1 rue", "2e étage"]},
        "items": [{"price": "p_1", "quantity": 2}, {"price": "p_2"}],
        "empty": {},
    });
    let expected = "f[address][city]=Paris&f[address][lines][0]=1 rue\
                    &f[address][lines][1]=2e étage&f[items][0][price]=p_1\
                    &f[items][0][quantity]=2&f[items][1][price]=p_2";
    assert_eq!(written("f", Style::DeepObject, value), expected);
}

#[test]
fn null_is_left_out_and_what_a_style_cannot_nest_is_json() {
    let form = Style::Form { explode: true };
    let value = json!({"a": null, "b": [1, null], "c": {"d": 1}});
    assert_eq!(written("v", form, value.clone()), r#"b=1&c={"d":1}"#);
    let comma = Style::Form { explode: false };
    assert_eq!(
        written("v", comma, value.clone()),
        r#"v=b,[1,null],c,{"d":1}"#
    );
    assert_eq!(
        written("v", Style::DeepObject, value),
        "v[b][0]=1&v[c][d]=1"
    );
    assert_eq!(written("v", comma, json!(null)), "");
    assert_eq!(written("v", comma, json!([[1, 2], null])), "v=[1,2]");
    assert_eq!(written("v", Style::PipeDelimited, json!([])), "");
    // A whole `f64` is written as the parameter's `Display` writes it.
    assert_eq!(
        written("v", form, json!([1.0, 1e-7, u64::MAX])),
        "v=1&v=0.0000001&v=18446744073709551615"
    );
}

#[test]
fn styled_values_add_the_pairs_of_their_json_and_none_adds_nothing() {
    #[derive(serde::Serialize)]
    struct Filter {
        #[serde(rename = "created-after")]
        after: u32,
        #[serde(skip_serializing_if = "Option::is_none")]
        status: Option<&'static str>,
    }
    let filter = Filter {
        after: 7,
        status: None,
    };
    let request = Request::new("q", Method::GET, &[])
        .query("plain", [1])
        .styled_query::<_, ()>("filter", Style::DeepObject, Some(&filter))
        .and_then(|r| r.styled_query("ids", Style::PipeDelimited, Some(&[1, 2])))
        .and_then(|r| r.styled_query("unset", Style::DeepObject, None::<&Filter>))
        .expect("serializes");
    let query = [
        ("plain", "1"),
        ("filter[created-after]", "7"),
        ("ids", "1|2"),
    ];
    assert_eq!(listed(&request.query), query);
    let form = Request::new("f", Method::POST, &[])
        .form("a", [1])
        .styled_form::<_, ()>("address", Style::DeepObject, Some(&filter))
        .expect("serializes");
    let form = format!("{:?}", form.body);
    assert_eq!(
        form,
        r#"Some(Form([("a", "1"), ("address[created-after]", "7")]))"#
    );
    let map: std::collections::BTreeMap<(u8, u8), u8> = [((1, 2), 3)].into();
    let refused = Request::new("q", Method::GET, &[]).styled_query::<_, ()>(
        "pairs",
        Style::DeepObject,
        Some(&map),
    );
    let Err(crate::SdkError::Config(message)) = refused else {
        panic!("a map with keys that are not strings is a configuration error: {refused:?}");
    };
    assert!(
        message.contains("`pairs` cannot be serialized"),
        "{message}"
    );
}
