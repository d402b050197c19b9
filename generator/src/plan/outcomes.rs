//! What an operation's `send()` succeeds and fails with: its success (a body, or an enum of
//! the success statuses) and its documented error statuses, each with the type it holds.

use super::rust::RustType;
use super::size;
use crate::ir::{Api, Operation, Response, Status, Type};
use crate::naming::Name;

/// What `send()` succeeds with.
#[derive(Debug, Clone, PartialEq)]
pub enum Success<'a> {
    /// A JSON body; `optional` when a success is also documented without one (`204`).
    Json { ty: &'a Type, optional: bool },
    /// A body of another media type, handed over as bytes.
    Bytes,
    /// No success has a body.
    Empty,
    /// Success bodies of more than one type or media type: the enum `name`, declared in the
    /// group's module, with one variant per documented success status.
    ByStatus {
        name: Name,
        cases: Vec<SuccessCase<'a>>,
        /// Whether a variant is much larger than the others (see [`super::OperationPlan::large_error`]).
        large: bool,
    },
}

/// A documented success status and its variant of the operation's success enum.
#[derive(Debug, Clone, PartialEq)]
pub struct SuccessCase<'a> {
    pub response: &'a Response,
    pub variant: Name,
    pub body: CaseBody<'a>,
    /// The type the variant holds, if any.
    pub ty: Option<RustType>,
}

/// What a variant of a success enum holds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum CaseBody<'a> {
    /// The decoded JSON body.
    Json(&'a Type),
    /// A body of another media type, as bytes.
    Bytes,
    /// Nothing: the status documents no body.
    Empty,
}

impl Success<'_> {
    /// Whether `send()` answers an undocumented `2XX` status with an `UnexpectedResponse`:
    /// a success enum has no variant for it unless the document lists the `2XX` range. The
    /// other successes take any `2XX` status, since the API may answer `201` where it
    /// documents `200`.
    pub fn refuses_other_2xx(&self) -> bool {
        match self {
            Success::ByStatus { cases, .. } => {
                !cases.iter().any(|c| c.response.status == Status::Range(2))
            }
            _ => false,
        }
    }
}

/// A documented error status and its variant of the operation's error type.
#[derive(Debug)]
pub struct ErrorCase<'a> {
    pub response: &'a Response,
    pub variant: Name,
    /// The JSON body the variant carries; `None` for a status without a JSON body.
    pub body: Option<&'a Type>,
    /// The type the variant holds, if any.
    pub ty: Option<RustType>,
}

/// The documented error statuses of an operation, with the variants the naming pass named.
pub(super) fn errors<'a>(api: &Api, op: &'a Operation, variants: Vec<Name>) -> Vec<ErrorCase<'a>> {
    (op.responses.iter())
        .filter(|r| !r.status.is_success())
        .zip(variants)
        .map(|(response, variant)| {
            let body = response.body.as_ref().and_then(|b| b.json());
            let ty = body.map(|ty| RustType::of(api, ty));
            ErrorCase {
                response,
                variant,
                body,
                ty,
            }
        })
        .collect()
}

/// The body of an operation's success: JSON (optional when a success is also documented
/// without a body, `200` with one and `204` without), other bytes, or none; or, when the
/// success bodies differ, the enum the naming pass named, a variant per success status.
pub(super) fn success<'a>(
    api: &Api,
    op: &'a Operation,
    by_status: Option<(Name, Vec<Name>)>,
) -> Success<'a> {
    if let Some((name, variants)) = by_status {
        let successes = op.responses.iter().filter(|r| r.status.is_success());
        let cases: Vec<SuccessCase> = successes
            .zip(variants)
            .map(|(response, variant)| {
                let body = match &response.body {
                    None => CaseBody::Empty,
                    Some(body) => body.json().map_or(CaseBody::Bytes, CaseBody::Json),
                };
                let ty = match body {
                    CaseBody::Json(ty) => Some(RustType::of(api, ty)),
                    CaseBody::Bytes => Some(RustType::Bytes),
                    CaseBody::Empty => None,
                };
                SuccessCase {
                    response,
                    variant,
                    body,
                    ty,
                }
            })
            .collect();
        let sizes = cases
            .iter()
            .map(|c| c.ty.as_ref().map_or(0, |t| size::of(api, t)));
        let large = size::large_variant(sizes);
        return Success::ByStatus { name, cases, large };
    }
    let successes = || op.responses.iter().filter(|r| r.status.is_success());
    let bodiless = successes().any(|r| r.body.is_none());
    match successes().find_map(|r| r.body.as_ref()) {
        None => Success::Empty,
        Some(body) => match body.json() {
            Some(ty) => Success::Json {
                ty,
                optional: bodiless,
            },
            None => Success::Bytes,
        },
    }
}

/// What `send()` succeeds with.
pub(super) fn returns(api: &Api, success: &Success) -> RustType {
    match success {
        Success::Json { ty, optional } => {
            let ty = RustType::of(api, ty);
            if *optional { ty.optional() } else { ty }
        }
        Success::Bytes => RustType::Bytes,
        Success::Empty => RustType::Unit,
        Success::ByStatus { name, .. } => RustType::Local(name.clone()),
    }
}
