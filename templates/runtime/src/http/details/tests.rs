use std::any::Any;

use reqwest::header::{HeaderMap, HeaderValue};

use super::{ErrorBody, Printing, RequestId, Said};

/// A body with a message, a code and two trace ids, one of them blank.
#[derive(Debug)]
struct Body;

impl ErrorBody for Body {
    fn message(&self) -> Option<&str> {
        Some("No API key was found.")
    }

    fn code(&self) -> Option<&str> {
        Some("resource_not_found")
    }

    fn request_id(&self, pointer: &str) -> Option<&str> {
        match pointer {
            "/trace" => Some("trace_1"),
            "/blank" => Some(" "),
            _ => None,
        }
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

fn headers() -> HeaderMap {
    let mut headers = HeaderMap::new();
    headers.insert("cf-ray", HeaderValue::from_static("ray_1"));
    headers
}

#[test]
fn the_request_id_is_the_first_the_sources_give_in_order() {
    let printing = |request_id: &'static [RequestId]| Printing {
        sensitive_fields: &[],
        request_id,
    };
    const BODY: RequestId = RequestId::Body("/trace");
    const HEADER: RequestId = RequestId::Header("cf-ray");
    const BLANK: RequestId = RequestId::Body("/blank");
    const MISSING: RequestId = RequestId::Header("x-request-id");
    let cases: [(&'static [RequestId], bool, Option<&str>); 6] = [
        (&[BODY, HEADER], true, Some("trace_1")),
        (&[HEADER, BODY], true, Some("ray_1")),
        // Without a documented body, the header.
        (&[BODY, HEADER], false, Some("ray_1")),
        // A blank id is no id.
        (&[BLANK, HEADER], true, Some("ray_1")),
        (&[MISSING, BODY], true, Some("trace_1")),
        (&[], true, None),
    ];
    let headers = headers();
    for (sources, with_body, expected) in cases {
        let printing = printing(sources);
        let said = Said::of(with_body.then_some(&Body as &dyn ErrorBody), printing);
        assert_eq!(
            printing.request_id(Some(&said), &headers),
            expected,
            "{sources:?}, body: {with_body}"
        );
    }
}

#[test]
fn what_a_body_said_is_kept() {
    let said = Said::of(Some(&Body), Printing::default());
    assert_eq!(said.message(), Some("No API key was found."));
    assert_eq!(said.code(), Some("resource_not_found"));
    let nothing = Said::of(None, Printing::default());
    assert_eq!((nothing.message(), nothing.code()), (None, None));
}
