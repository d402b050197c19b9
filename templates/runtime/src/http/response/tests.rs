use super::redact;

#[test]
fn json_content_types() {
    use super::is_json;
    for json in [
        "application/json",
        "Application/JSON; charset=utf-8",
        " application/problem+json ",
        "x/y+JSON",
    ] {
        assert!(is_json(json), "{json}");
    }
    for other in [
        "text/html",
        "application/jsonx",
        "+jso",
        "",
        "application/json-seq",
    ] {
        assert!(!is_json(other), "{other}");
    }
}

#[test]
fn redacts_string_and_scalar_values_of_the_named_keys_only() {
    let names = &["secret", "pin"];
    let cases = [
        (
            r#"{"id":"ak_1","secret":"ak_s3cr3t"}"#,
            r#"{"id":"ak_1","secret":"<redacted>"}"#,
        ),
        (
            r#"{ "secret" : "a\"b" , "pin": 1234}"#,
            r#"{ "secret" : "<redacted>" , "pin": "<redacted>"}"#,
        ),
        (
            r#"[{"secret":"a"},{"secret":"b"}]"#,
            r#"[{"secret":"<redacted>"},{"secret":"<redacted>"}]"#,
        ),
        // A value naming the key is not a key; other keys are untouched.
        (
            r#"{"scopes":["secret"],"secrets":"x"}"#,
            r#"{"scopes":["secret"],"secrets":"x"}"#,
        ),
        // Bodies that are not valid JSON, the usual reason to print one.
        (r#"{"secret":"ak_unterminated"#, r#"{"secret":"<redacted>""#),
        (r#"{"secret":null,"id":"#, r#"{"secret":"<redacted>","id":"#),
    ];
    for (body, expected) in cases {
        assert_eq!(redact(body, names), expected, "{body}");
    }
}
