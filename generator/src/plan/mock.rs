//! How a test double answers as an operation would (the `test-util` feature): the status and
//! media type of the answer that `send()` reads as each success and each documented error.

use super::outcomes::{CaseBody, ErrorCase, Success};
use crate::ir::{Operation, Status};

/// The answers of one operation's test doubles.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MockPlan {
    /// A success with a body: its status and media type (for [`Success::Json`] and
    /// [`Success::Bytes`]).
    pub body: Option<Answer>,
    /// A success without a body: its status (for [`Success::Empty`], and the `None` of an
    /// optional JSON success).
    pub empty: Option<u16>,
    /// One per variant of the success enum, in order (for [`Success::ByStatus`]).
    pub cases: Vec<Answer>,
    /// One per documented error status, in the order of the operation's `errors`.
    pub errors: Vec<Answer>,
}

/// The status of an answer, and the media type of its body if it has one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    pub status: u16,
    pub media_type: Option<String>,
}

/// The answers of `op`, which succeeds with `success` and fails with `errors`.
pub(super) fn mock(op: &Operation, success: &Success, errors: &[ErrorCase]) -> MockPlan {
    let responses = &op.responses;
    let listed: Vec<Status> = responses.iter().map(|r| r.status).collect();
    let successes = || responses.iter().filter(|r| r.status.is_success());
    let (mut body, mut empty, mut cases) = (None, None, Vec::new());
    match success {
        Success::ByStatus { cases: list, .. } => {
            cases = (list.iter())
                .map(|c| Answer {
                    status: status(c.response.status, &listed),
                    media_type: match c.body {
                        CaseBody::Empty => None,
                        _ => c.response.body.as_ref().map(|b| b.media_type.clone()),
                    },
                })
                .collect();
        }
        _ => {
            body = successes().find_map(|r| {
                let media_type = r.body.as_ref()?.media_type.clone();
                Some(Answer {
                    status: status(r.status, &listed),
                    media_type: Some(media_type),
                })
            });
            empty = successes()
                .find(|r| r.body.is_none())
                .map(|r| status(r.status, &listed));
        }
    }
    let errors = (errors.iter())
        .map(|e| Answer {
            status: status(e.response.status, &listed),
            media_type: e.response.body.as_ref().map(|b| b.media_type.clone()),
        })
        .collect();
    MockPlan {
        body,
        empty,
        cases,
        errors,
    }
}

/// The status an answer documented as `status` has, so that `send()` reads it as that
/// response: the code itself; the first code of a range that is not listed on its own; for
/// `default`, the first code that no other response covers, errors first (500 when free).
fn status(status: Status, listed: &[Status]) -> u16 {
    let exact = |code: u16| listed.contains(&Status::Code(code));
    let in_range = |code: u16| listed.contains(&Status::Range((code / 100) as u8));
    match status {
        Status::Code(code) => code,
        Status::Range(class) => {
            let low = u16::from(class) * 100;
            (low..=low + 99).find(|&c| !exact(c)).unwrap_or(low)
        }
        Status::Default => [500..=599, 400..=499, 300..=399]
            .into_iter()
            .flatten()
            .find(|&c| !exact(c) && !in_range(c))
            .unwrap_or(500),
    }
}

#[cfg(test)]
mod tests {
    use super::status;
    use crate::ir::Status;

    #[test]
    fn each_documented_status_is_answered_with_a_code_that_reads_as_it() {
        let (c, r, d) = (Status::Code, Status::Range, Status::Default);
        let cases = [
            (c(404), vec![c(404)], 404),
            (r(4), vec![c(400), r(4)], 401),
            (r(2), vec![r(2)], 200),
            (d, vec![c(400), d], 500),
            (d, vec![c(500), r(4), d], 501),
            (d, vec![r(5), r(4), d], 300),
        ];
        for (documented, listed, expected) in cases {
            assert_eq!(status(documented, &listed), expected, "{documented}");
        }
    }
}
