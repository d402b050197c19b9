use reqwest::Method;

use super::Form;
use crate::{File, Request};

#[test]
fn parts_gather_in_one_form_in_order() {
    let file = File::new("f.txt", "hi");
    let form = Form::new()
        .text("note", [&"n"])
        .file("file", [&file])
        .file("none", None);
    let expected = concat!(
        r#"Form { parts: [Part { name: "note", value: Text("n") }, "#,
        r#"Part { name: "file", value: File(File { name: "f.txt", "#,
        r#"content_type: None, bytes: 2 bytes }) }] }"#,
    );
    assert_eq!(format!("{form:?}"), expected);
    let request = Request::new("m", Method::POST, &[]).multipart(form);
    assert!(format!("{:?}", request.body).starts_with("Some(Attached(Form { parts: [Part"));
}

#[test]
fn json_parts_hold_each_value_as_json_with_its_media_type() {
    let form = Form::new()
        .text("note", [&"n"])
        .json::<_, ()>(
            "meta",
            "application/vnd.meta+json",
            [&serde_json::json!({"a": 1.0})],
        )
        .expect("serializes");
    let expected = concat!(
        r#"Form { parts: [Part { name: "note", value: Text("n") }, "#,
        r#"Part { name: "meta", value: Json { content_type: "application/vnd.meta+json", "#,
        r#"bytes: b"{\"a\":1}" } }] }"#,
    );
    assert_eq!(format!("{form:?}"), expected);
}

#[test]
fn a_content_type_that_is_not_a_media_type_fails_the_attempt_naming_the_part() {
    let file = File::new("report.csv", "a,b").content_type("not a media type");
    let form = Form::new().file("report", [&file]);
    let error = form.build().expect_err("an invalid content type");
    assert!(error.starts_with("file `report.csv`"), "{error}");
}
