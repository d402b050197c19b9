//! Responses: an operation's documented statuses, success and errors, with their bodies.

use openapiv3::{ReferenceOr, StatusCode};

use super::bodies::media_example;
use super::{Cursor, Lowerer, Site};
use crate::error::{Error, Result, pointer};
use crate::ir::{Body, Position, Response, Status};

impl Lowerer<'_> {
    /// The responses of operation number `operation`, in ascending status order with
    /// `default` last. Error responses are ranked in that order, for their types' names.
    /// Success bodies may differ: `send()` then succeeds with an enum by status
    /// ([`Operation::success_by_status`](crate::ir::Operation::success_by_status)).
    pub(super) fn responses(
        &mut self,
        operation: usize,
        responses: &openapiv3::Responses,
        at: &str,
    ) -> Result<Vec<Response<()>>> {
        let mut lowered = Vec::new();
        let mut rank = 0;
        for (status, response, at) in statuses(responses, at)? {
            let position = if status.is_success() {
                Position::Success
            } else {
                rank += 1;
                Position::Error {
                    rank: rank - 1,
                    status,
                }
            };
            lowered.push(self.response(operation, position, status, response, &at)?);
        }
        Ok(lowered)
    }

    fn response(
        &mut self,
        operation: usize,
        position: Position,
        status: Status,
        response: &ReferenceOr<openapiv3::Response>,
        at: &str,
    ) -> Result<Response<()>> {
        let response = self.resolve(response, "responses", at, |c| &c.responses)?;
        let site = Site::Inline {
            operation,
            position,
        };
        let content = Cursor::new(&site, pointer(at, "content"));
        let body = self
            .content(&response.content, &content)?
            .map(|(media_type, encoding)| Body {
                example: response.content.get(&media_type).and_then(media_example),
                media_type,
                encoding,
                required: true,
                doc: None,
                part_types: Default::default(),
            });
        Ok(Response {
            status,
            description: response.description.clone(),
            body,
        })
    }
}

type Statuses<'r> = Vec<(Status, &'r ReferenceOr<openapiv3::Response>, String)>;

/// The responses with their statuses and JSON pointers, sorted by status.
fn statuses<'r>(responses: &'r openapiv3::Responses, at: &str) -> Result<Statuses<'r>> {
    let mut all: Statuses = Vec::new();
    for (code, response) in &responses.responses {
        let status = match code {
            StatusCode::Code(code @ 100..=599) => Status::Code(*code),
            StatusCode::Range(class @ 1..=5) => Status::Range(*class as u8),
            other => {
                return Err(Error::at(
                    &pointer(at, &other.to_string()),
                    "not an HTTP status",
                ));
            }
        };
        all.push((status, response, pointer(at, &code.to_string())));
    }
    if let Some(default) = &responses.default {
        all.push((Status::Default, default, pointer(at, "default")));
    }
    all.sort_by_key(|(status, ..)| *status);
    Ok(all)
}
