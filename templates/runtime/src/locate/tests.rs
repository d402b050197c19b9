use std::collections::BTreeMap;

use serde::de::DeserializeOwned;
use serde::Deserialize;

use super::path;

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct Page {
    data: Vec<Key>,
    total_count: u32,
}

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct Key {
    id: String,
    #[serde(default)]
    scopes: Vec<String>,
    #[serde(default)]
    revoked: bool,
    #[serde(default)]
    owner: Option<Owner>,
    #[serde(default)]
    tags: BTreeMap<String, u32>,
    #[serde(default)]
    created_at: Option<u64>,
}

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct Owner {
    kind: Kind,
    name: String,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "snake_case")]
enum Kind {
    User,
    Org,
}

/// The path of the failure of decoding `body` as a `T`, by [`path`] and by serde_path_to_error.
fn both<T: DeserializeOwned>(body: &str) -> (String, String) {
    let plain = T::deserialize(&mut serde_json::Deserializer::from_str(body));
    let Err(error) = plain else {
        panic!("{body} decodes");
    };
    let tracked =
        serde_path_to_error::deserialize::<_, T>(&mut serde_json::Deserializer::from_str(body));
    let Err(tracked) = tracked else {
        panic!("{body} decodes with serde_path_to_error");
    };
    (path(body.as_bytes(), &error), tracked.path().to_string())
}

#[test]
fn paths_of_values_that_do_not_match_are_serde_path_to_errors() {
    let pages = [
        // Missing fields: the object that lacks one, wherever it is.
        (r#"{"data":[]}"#, "."),
        (
            r#"{"data":[{"id":"a"},{"scopes":[]}],"total_count":2}"#,
            "data[1]",
        ),
        (
            r#"{"data":[{"id":"a","owner":{"kind":"user"} }],"total_count":1}"#,
            "data[0].owner",
        ),
        (
            r#"{ "data" : [ { "id" : "a" } , { } ] , "total_count" : 2 }"#,
            "data[1]",
        ),
        // Values of the wrong type, or out of range.
        (
            r#"{"data":[{"id":"a","scopes":["r",7]}],"total_count":1}"#,
            "data[0].scopes[1]",
        ),
        (
            r#"{"data":[{"id":"a","revoked":"no"}],"total_count":1}"#,
            "data[0].revoked",
        ),
        (r#"{"data":[],"total_count":-1}"#, "total_count"),
        (r#"{"data":[],"total_count":1.5}"#, "total_count"),
        (r#"{"data":[],"total_count":"1"}"#, "total_count"),
        (r#"{"data":[{"id":null}],"total_count":1}"#, "data[0].id"),
        (
            r#"{"data":[{"id":{"a":[1]}}],"total_count":1}"#,
            "data[0].id",
        ),
        (r#"{"data":[{"id":["a"]}],"total_count":1}"#, "data[0].id"),
        (r#"{"data":{},"total_count":1}"#, "data"),
        (r#"{"data":[1],"total_count":1}"#, "data[0]"),
        (r#"{"data":[{"id":"a"},true],"total_count":1}"#, "data[1]"),
        (
            r#"{"data":[{"id":"a","owner":{"kind":"team","name":"x"}}],"total_count":1}"#,
            "data[0].owner.kind",
        ),
        (
            r#"{"data":[{"id":"a","created_at":1e3}],"total_count":1}"#,
            "data[0].created_at",
        ),
        // Map keys, escaped or not, whatever they hold.
        (
            r#"{"data":[{"id":"a","tags":{"a.b":1,"x\"y[0]":"n"}}],"total_count":1}"#,
            "data[0].tags.x\"y[0]",
        ),
        (
            r#"{"data":[{"id":"a","tags":{"\u00e9\n":-2}}],"total_count":1}"#,
            "data[0].tags.é\n",
        ),
        // Strings, nesting and keys that are not fields before the failure do not mislead.
        (
            r#"{"note":"}]{[,:\"","x":[[],{"a":[{}]}],"data":[{"id":"}","revoked":1}],"total_count":1}"#,
            "data[0].revoked",
        ),
        (
            r#"{"data":[{"id":"a","scopes":[],"owner":null,"tags":{}},{"id":"b","tags":{"k":[]}}],"total_count":2}"#,
            "data[1].tags.k",
        ),
        // The root itself.
        (r#"[]"#, "."),
        (r#""page""#, "."),
        (r#"{"data":[{"id":"a"}]}"#, "."),
    ];
    for (body, expected) in pages {
        let (ours, theirs) = both::<Page>(body);
        assert_eq!(ours, theirs, "{body}");
        assert_eq!(ours, expected, "{body}");
    }
    let lists = [
        (r#"[{"id":"a"},5]"#, "[1]"),
        (
            r#"[{"id":"a"},{"id":"b","scopes":[null]}]"#,
            "[1].scopes[0]",
        ),
        (r#"[{"id":"a"},{}]"#, "[1]"),
        (r#"{}"#, "."),
    ];
    for (body, expected) in lists {
        let (ours, theirs) = both::<Vec<Key>>(body);
        assert_eq!(ours, theirs, "{body}");
        assert_eq!(ours, expected, "{body}");
    }
}

#[test]
fn positions_count_lines_and_columns_as_serde_json_does() {
    let pretty = "{\n  \"data\": [\n    {\n      \"id\": \"a\",\n      \"scopes\": [\n        \"r\",\n        7\n      ]\n    },\n    {\n    }\n  ],\n  \"total_count\": 2\n}\n";
    assert_eq!(both::<Page>(pretty).0, "data[0].scopes[1]");
    let missing = pretty.replace("        7\n", "        \"w\"\n");
    assert_eq!(both::<Page>(&missing).0, "data[1]");
    let crlf = pretty.replace('\n', "\r\n");
    assert_eq!(both::<Page>(&crlf).0, "data[0].scopes[1]");
    let multibyte = "{\"data\":[{\"id\":\"ü€\", \"revoked\":\n\"🦀\"}],\"total_count\":1}";
    assert_eq!(both::<Page>(multibyte).0, "data[0].revoked");
}

/// Where the text stops being JSON, the path is the value being read there or, between
/// values, the object or array that expected a `,`, a `:` or its end (`?` for an object's key).
#[test]
fn text_that_is_not_json_is_placed_where_it_stops() {
    let cases = [
        (r#"{"secret": "#, "secret"),
        (r#"{"data":[{"id":"a"},"#, "data"),
        (r#"{"data":[{"id":"unterminated"#, "data[0].id"),
        (r#"{"data":[{"id" "a"}]}"#, "data[0]"),
        ("", "."),
        ("<html>", "."),
        (r#"{"data":[{"id":"a",}]}"#, "data[0].?"),
        (r#"{"data":[{"id":"a"}"#, "data"),
        (r#"{"data":[{"id":"a"} {"#, "data"),
        (r#"{"data":[{"id":"a" "b"}]}"#, "data[0].?"),
        (r#"{"data":[tru]}"#, "data[0]"),
        (r#"{"data":[{"id":"a"} x]}"#, "data"),
        (r#"{"data":[{"id":"a"}],"total_count":01}"#, "total_count"),
        (r#"{"data":[{"id":"a"}],"total_count":1."#, "total_count"),
        (r#"{"data":[{"id":"a"}],"total_count":1"#, "?"),
        (r#"{"data":[{"id":"\u00"}]}"#, "data[0].id"),
        (r#"{"data":[{"id":"\q"}]}"#, "data[0].id"),
        (r#"{"data":[{"i\q":"a"}]}"#, "data[0].?"),
        (r#"{"data":[}"#, "data[0]"),
        (r#"{"data":[{"id":"a"},]}"#, "data"),
        ("{\"data\":[{\"id\":\"a\u{1}\"}]}", "data[0].id"),
    ];
    for (body, expected) in cases {
        let (ours, theirs) = both::<Page>(body);
        assert_eq!(ours, theirs, "{body}");
        assert_eq!(ours, expected, "{body}");
    }
    // What follows a whole value, which `serde_json::from_slice` rejects (serde_path_to_error
    // does not look): the root.
    for body in [
        r#"{"data":[],"total_count":1} x"#,
        r#"{"data":[],"total_count":1} {"a":"#,
    ] {
        let error = serde_json::from_str::<Page>(body).unwrap_err();
        assert_eq!(path(body.as_bytes(), &error), ".", "{body}");
    }
    // Bytes that are not UTF-8, in a string, a key or between values.
    for body in [
        &b"{\"data\":[{\"id\":\"\xff\"}],\"total_count\":1}"[..],
        b"{\"data\":[{\"i\xfe\":\"a\"}],\"total_count\":1}",
        b"{\"data\":[\xff]}",
    ] {
        let (ours, theirs) = compare::<Page>(body).expect("fails");
        assert_eq!(ours, theirs, "{}", String::from_utf8_lossy(body));
    }
}

/// A text that decodes as a `T` or fails, and the paths serde_path_to_error and [`path`] give
/// when it fails.
fn compare<T: DeserializeOwned>(body: &[u8]) -> Option<(String, String)> {
    let error = T::deserialize(&mut serde_json::Deserializer::from_slice(body)).err()?;
    let ours = path(body, &error);
    let deserializer = &mut serde_json::Deserializer::from_slice(body);
    let theirs = match serde_path_to_error::deserialize::<_, T>(deserializer) {
        Err(error) => error.path().to_string(),
        Ok(_) => unreachable!("the same bytes decode the same way"),
    };
    Some((ours, theirs))
}

/// Every prefix of some texts, and every text with one byte changed, removed or doubled,
/// decoded as several types: the path is serde_path_to_error's every time but one, and no text
/// panics.
#[test]
fn broken_texts_are_placed_as_serde_path_to_error_places_them() {
    let page = r#"{"data":[{"id":"k\"1","scopes":["r","w"],"revoked":false,"owner":{"kind":"org","name":"\u00e9"},"tags":{"a":1,"b\n":20},"created_at":-1.5e3}],"total_count":1}"#;
    let pretty = "{\r\n  \"data\": [\n    { \"id\": \"ü\", \"scopes\": [], \"created_at\": null },\n    { \"id\": \"b\", \"tags\": { \"x\": 0 } }\n  ],\n  \"total_count\": 2\n}\n";
    let texts = [
        page.as_bytes(),
        pretty.as_bytes(),
        br#"[[1,[2]],{"a":[true,null]}]"#,
    ];
    let replacements = b"\"{}[]:, 0-.etx\\\n\x01\xff";
    let mut compared = 0;
    for text in texts {
        let mut variants: Vec<Vec<u8>> = (0..=text.len()).map(|end| text[..end].to_vec()).collect();
        for i in 0..text.len() {
            for &byte in replacements {
                let mut changed = text.to_vec();
                changed[i] = byte;
                variants.push(changed);
            }
            let mut removed = text.to_vec();
            removed.remove(i);
            variants.push(removed);
            let mut doubled = text.to_vec();
            doubled.insert(i, text[i]);
            variants.push(doubled);
        }
        for body in &variants {
            let results = [
                compare::<Page>(body),
                compare::<Vec<Key>>(body),
                compare::<serde_json::Value>(body),
                compare::<Vec<Vec<serde_json::Value>>>(body),
                compare::<BTreeMap<String, Vec<u8>>>(body),
            ];
            for (ours, theirs) in results.into_iter().flatten() {
                // The one difference: an enum written as an object (`"kind":{org"`) whose key
                // is not a string, where serde_path_to_error names the enum and we, not knowing
                // the type, name the object's key, `?`.
                let enum_key = theirs.ends_with("kind") && ours == format!("{theirs}.?");
                assert!(
                    ours == theirs || enum_key,
                    "{}: {ours}, {theirs}",
                    String::from_utf8_lossy(body)
                );
                compared += 1;
            }
        }
    }
    assert!(compared > 10_000, "{compared}");
}
