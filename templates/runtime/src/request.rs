//! The request of one call, as a generated `send()` describes it: path, query, headers and
//! body, added one by one and sent with [`Request::send`].

use std::borrow::Cow;
use std::fmt::Display;
use std::time::Duration;

use reqwest::Method;

#[cfg(feature = "body")]
use super::payload::Payload;
#[cfg(feature = "multipart")]
use super::payload::{Part, PartValue};
#[cfg(feature = "flatten")]
use super::style::{self, Style};
#[cfg(feature = "file-part")]
use super::File;
use super::{Client, RawResponse, RetryConfig, SdkError};

/// Per-call settings that override the client's.
#[derive(Debug, Clone, Default)]
pub struct RequestOptions {
    /// Another base URL than the client's.
    pub server_url: Option<String>,
    /// The time each attempt may take, instead of the client's timeout.
    pub timeout: Option<Duration>,
    /// The retry policy of this call, instead of the client's.
    pub retries: Option<RetryConfig>,
    /// Headers added to the call, replacing client headers of the same names.
    pub headers: Vec<(String, String)>,
    /// Values given to setters that could not be converted to JSON, by setter, with the
    /// reason (see [`codec::json_input`](super::codec::json_input)): `send()` fails with the
    /// first, and sends nothing.
    #[cfg(feature = "json-input")]
    pub invalid: Vec<(&'static str, String)>,
}

/// One operation's request. Values are added as text (their `Display`); each adder takes
/// anything that iterates over values, so one method serves every shape of input: `[&value]`
/// for a required value, `option.as_ref()` for an optional one, `vec.iter()` for an array (one
/// pair per item), `option.iter().flatten()` for an optional array.
#[derive(Debug)]
pub struct Request {
    /// The operation's `operationId`, for hooks and logs.
    pub(crate) operation: &'static str,
    pub(crate) method: Method,
    /// Path segments after the base URL, not yet percent-encoded.
    pub(crate) path: Vec<String>,
    /// Query pairs; a name is the parameter's, or made from it by a style (`filter[a]`).
    pub(crate) query: Vec<(Cow<'static, str>, String)>,
    pub(crate) headers: Vec<(&'static str, String)>,
    /// The names of header parameters that hold secrets, hidden from `Debug` output.
    pub(crate) secret_headers: Vec<&'static str>,
    /// The body, encoded once and sent again intact on every attempt.
    #[cfg(feature = "body")]
    pub(crate) body: Option<Payload>,
    /// The alternatives of credentials the operation accepts, each the names of the security
    /// schemes it combines; none when the operation needs no credentials.
    #[cfg(feature = "auth")]
    pub(crate) security: &'static [&'static [&'static str]],
}

impl Request {
    /// A request for the operation `operation` (its `operationId`), without credentials, to
    /// the path made of `path`'s segments, each formatted and then percent-encoded.
    pub fn new(operation: &'static str, method: Method, path: &[&dyn Display]) -> Self {
        Request {
            operation,
            method,
            path: path.iter().map(ToString::to_string).collect(),
            query: Vec::new(),
            headers: Vec::new(),
            secret_headers: Vec::new(),
            #[cfg(feature = "body")]
            body: None,
            #[cfg(feature = "auth")]
            security: &[],
        }
    }

    /// Sends the credentials of the first of these alternatives (each the names of the
    /// security schemes it combines) that the client holds; an empty alternative makes them
    /// optional.
    #[cfg(feature = "auth")]
    pub fn security(mut self, alternatives: &'static [&'static [&'static str]]) -> Self {
        self.security = alternatives;
        self
    }

    /// Adds a `name=value` query pair for each value.
    #[cfg(feature = "query")]
    pub fn query<T: Display>(
        mut self,
        name: &'static str,
        values: impl IntoIterator<Item = T>,
    ) -> Self {
        self.query
            .extend(values.into_iter().map(|v| (name.into(), v.to_string())));
        self
    }

    /// Adds the query pairs of a value written in `style`, if there is one: `Some(&value)` for
    /// a required value, `option.as_ref()` for an optional one. An object, a map, an array
    /// (whole, not item by item) or any value that serializes.
    #[cfg(feature = "styled-query")]
    pub fn styled_query<T: serde::Serialize, E>(
        mut self,
        name: &'static str,
        style: Style,
        value: Option<&T>,
    ) -> Result<Self, SdkError<E>> {
        if let Some(value) = value {
            self.query.extend(styled(name, style, value)?);
        }
        Ok(self)
    }

    /// Adds a header for each value.
    #[cfg(feature = "header")]
    pub fn header<T: Display>(
        mut self,
        name: &'static str,
        values: impl IntoIterator<Item = T>,
    ) -> Self {
        self.headers
            .extend(values.into_iter().map(|v| (name, v.to_string())));
        self
    }

    /// Adds a header for each value, marked sensitive so that `Debug` output of the request
    /// hides it; a per-call header of the same name is marked too.
    #[cfg(feature = "secret-header")]
    pub fn secret_header<T: Display>(
        mut self,
        name: &'static str,
        values: impl IntoIterator<Item = T>,
    ) -> Self {
        self.secret_headers.push(name);
        self.header(name, values)
    }

    /// Sets a JSON body of the media type `content_type` (`application/json`, or any other
    /// JSON type the operation declares), serialized now so that retries send the same bytes.
    #[cfg(feature = "json-body")]
    pub fn json<T: serde::Serialize, E>(
        mut self,
        content_type: &'static str,
        body: &T,
    ) -> Result<Self, SdkError<E>> {
        let bytes = super::codec::to_json(body)?;
        self.body = Some(Payload::Raw {
            content_type,
            bytes,
        });
        Ok(self)
    }

    /// Sets a body of bytes (or of text, as UTF-8) of the media type `content_type`, if there
    /// is one. Every attempt sends the same bytes again: `Bytes` clones share them.
    #[cfg(feature = "bytes-body")]
    pub fn bytes(mut self, content_type: &'static str, body: Option<bytes::Bytes>) -> Self {
        if let Some(bytes) = body {
            self.body = Some(Payload::Raw {
                content_type,
                bytes,
            });
        }
        self
    }

    /// Adds a field to the `application/x-www-form-urlencoded` body for each value.
    #[cfg(feature = "form")]
    pub fn form<T: Display>(self, name: &'static str, values: impl IntoIterator<Item = T>) -> Self {
        let pairs = values.into_iter().map(|v| (name.into(), v.to_string()));
        self.form_pairs(pairs)
    }

    /// Adds the fields of a value written in `style` to the `application/x-www-form-urlencoded`
    /// body, if there is one (see [`styled_query`](Self::styled_query)): an object field is
    /// written as a `deepObject` (`address[city]=Paris`).
    #[cfg(feature = "styled-form")]
    pub fn styled_form<T: serde::Serialize, E>(
        self,
        name: &'static str,
        style: Style,
        value: Option<&T>,
    ) -> Result<Self, SdkError<E>> {
        Ok(match value {
            Some(value) => self.form_pairs(styled(name, style, value)?),
            None => self,
        })
    }

    #[cfg(feature = "form-body")]
    fn form_pairs(mut self, pairs: impl Iterator<Item = (Cow<'static, str>, String)>) -> Self {
        match &mut self.body {
            Some(Payload::Form(form)) => form.extend(pairs),
            _ => self.body = Some(Payload::Form(pairs.collect())),
        }
        self
    }

    /// Adds a text part to the `multipart/form-data` body for each value.
    #[cfg(feature = "text-part")]
    pub fn text_part<T: Display>(
        self,
        name: &'static str,
        values: impl IntoIterator<Item = T>,
    ) -> Self {
        self.parts(values.into_iter().map(|v| Part {
            name,
            value: PartValue::Text(v.to_string()),
        }))
    }

    /// Adds a part to the `multipart/form-data` body for each value, holding its JSON under
    /// the `Content-Type` `content_type` (`application/json`, or the one the document's
    /// `encoding` gives): how an object field is sent.
    #[cfg(feature = "json-part")]
    pub fn json_part<'v, T: serde::Serialize + 'v, E>(
        self,
        name: &'static str,
        content_type: &'static str,
        values: impl IntoIterator<Item = &'v T>,
    ) -> Result<Self, SdkError<E>> {
        let parts = values.into_iter().map(|v| {
            Ok(Part {
                name,
                value: PartValue::Json {
                    content_type,
                    bytes: super::codec::to_json(v)?,
                },
            })
        });
        let parts = parts.collect::<Result<Vec<_>, SdkError<E>>>()?;
        Ok(self.parts(parts.into_iter()))
    }

    /// Adds a file part to the `multipart/form-data` body for each file.
    #[cfg(feature = "file-part")]
    pub fn file_part<'f>(
        self,
        name: &'static str,
        files: impl IntoIterator<Item = &'f File>,
    ) -> Self {
        self.parts(files.into_iter().map(|f| Part {
            name,
            value: PartValue::File(f.clone()),
        }))
    }

    #[cfg(feature = "multipart")]
    fn parts(mut self, parts: impl Iterator<Item = Part>) -> Self {
        match &mut self.body {
            Some(Payload::Multipart(list)) => list.extend(parts),
            _ => self.body = Some(Payload::Multipart(parts.collect())),
        }
        self
    }

    /// Sends the request with `client`, retrying as configured, and reads the whole response.
    pub async fn send<E>(
        self,
        client: &Client,
        options: &RequestOptions,
    ) -> Result<RawResponse, SdkError<E>> {
        #[cfg(feature = "json-input")]
        if let Some((_, reason)) = options.invalid.first() {
            return Err(SdkError::Config(reason.clone()));
        }
        client.execute(self, options).await
    }
}

/// The pairs of `value` written in `style`, through its JSON.
#[cfg(feature = "flatten")]
fn styled<T: serde::Serialize, E>(
    name: &'static str,
    style: Style,
    value: &T,
) -> Result<impl Iterator<Item = (Cow<'static, str>, String)>, SdkError<E>> {
    let value = serde_json::to_value(value)
        .map_err(|e| SdkError::Config(format!("`{name}` cannot be serialized: {e}")))?;
    let pairs = style::pairs(name, style, &value);
    Ok(pairs.into_iter().map(|(k, v)| (Cow::Owned(k), v)))
}

#[cfg(test)]
mod tests {
    use reqwest::Method;

    use std::borrow::Cow;

    use super::Request;
    use crate::style::Style;
    use crate::File;

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
    fn form_fields_and_multipart_parts_gather_in_one_body() {
        let form = Request::new("f", Method::POST, &[])
            .form("a", [1])
            .form("b", ["x", "y"]);
        let form = format!("{:?}", form.body);
        assert_eq!(form, r#"Some(Form([("a", "1"), ("b", "x"), ("b", "y")]))"#);
        let file = File::new("f.txt", "hi");
        let parts = Request::new("m", Method::POST, &[])
            .text_part("note", [&"n"])
            .file_part("file", [&file])
            .file_part("none", None);
        let parts = format!("{:?}", parts.body);
        let expected = concat!(
            r#"Some(Multipart([Part { name: "note", value: Text("n") }, "#,
            r#"Part { name: "file", value: File(File { name: "f.txt", "#,
            r#"content_type: None, bytes: 2 bytes }) }]))"#,
        );
        assert_eq!(parts, expected);
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
        assert_eq!(pairs(&request.query), query);
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
        let message = refused
            .expect_err("a map with keys that are not strings")
            .to_string();
        assert!(
            message.contains("`pairs` cannot be serialized"),
            "{message}"
        );
    }

    #[test]
    fn json_parts_hold_each_value_as_json_with_its_media_type() {
        let request = Request::new("m", Method::POST, &[])
            .text_part("note", [&"n"])
            .json_part::<_, ()>(
                "meta",
                "application/vnd.meta+json",
                [&serde_json::json!({"a": 1.0})],
            )
            .expect("serializes");
        let parts = format!("{:?}", request.body);
        let expected = concat!(
            r#"Some(Multipart([Part { name: "note", value: Text("n") }, "#,
            r#"Part { name: "meta", value: Json { content_type: "application/vnd.meta+json", "#,
            r#"bytes: b"{\"a\":1}" } }]))"#,
        );
        assert_eq!(parts, expected);
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
}
