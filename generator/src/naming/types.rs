//! Type names, by the rule in the module documentation of [`naming`](super): a component's
//! own name, or for an inline type the first free name of its operation and position.

use std::collections::{BTreeMap, BTreeSet};

use super::{pascal, reserved, type_name};
use crate::error::{Error, Result};
use crate::ir::{Operation, Origin, Position, TypeDef};

/// The name of each type, in the order of `types`.
pub(super) fn type_names(types: &[TypeDef<()>], operations: &[Operation]) -> Result<Vec<String>> {
    // Visit inline types in naming order: by operation, then position, then the order in
    // which lowering declared them (depth-first, document order).
    let mut order: Vec<usize> = (0..types.len()).collect();
    order.sort_by_key(|&i| match &types[i].origin {
        Origin::Component { .. } => (0, None, i),
        Origin::Inline {
            operation,
            position,
            ..
        } => (1, Some((*operation, rank(position))), i),
    });
    let mut taken_in_op: BTreeMap<usize, BTreeSet<String>> = BTreeMap::new();
    let mut owners: BTreeMap<String, usize> = BTreeMap::new();
    let mut names = vec![String::new(); types.len()];
    for i in order {
        let name = match &types[i].origin {
            Origin::Component { name, path } => reserved(type_name(
                pascal(name) + &path.iter().map(|p| pascal(p)).collect::<String>(),
            )),
            Origin::Inline {
                operation,
                position,
                path,
            } => {
                let op = &operations[*operation];
                let taken = taken_in_op.entry(*operation).or_default();
                let name = first_free(
                    inline_candidates(&op.stem, &pascal(&op.group), position, path),
                    taken,
                );
                taken.insert(name.clone());
                name
            }
        };
        if let Some(&other) = owners.get(&name) {
            return Err(Error::at(
                &describe(&types[i].origin, operations),
                format!(
                    "its type name `{name}` is also the name of the type of {}",
                    describe(&types[other].origin, operations)
                ),
            ));
        }
        owners.insert(name.clone(), i);
        names[i] = name;
    }
    Ok(names)
}

/// Orders positions as the naming rule visits them.
fn rank(position: &Position) -> (u8, usize) {
    match position {
        Position::Parameter(_) => (0, 0),
        Position::RequestBody => (1, 0),
        Position::Success => (2, 0),
        Position::Error { rank, .. } => (3, *rank),
    }
}

/// The candidate names of an inline type, best first; the last ones never run out.
pub(super) fn inline_candidates<'a>(
    stem: &'a str,
    group: &'a str,
    position: &'a Position,
    path: &'a [String],
) -> impl Iterator<Item = String> + 'a {
    let mut segments: Vec<String> = path.iter().map(|p| pascal(p)).collect();
    if let Position::Parameter(name) = position {
        segments.insert(0, pascal(name));
    }
    let tail: String = segments.concat();
    let fixed: Vec<String> = if tail.is_empty() {
        match position {
            Position::RequestBody => vec![format!("{stem}RequestBody")],
            Position::Success => vec![format!("{stem}ResponseBody")],
            Position::Error { status, .. } => vec![
                format!("{stem}{group}ResponseBody"),
                format!("{stem}{group}ResponseResponseBody"),
                format!("{stem}{group}Response{status}ResponseBody"),
            ],
            // Only a parameter whose name has no letters or digits gets here.
            Position::Parameter(_) => vec![format!("{stem}Parameter")],
        }
    } else {
        vec![
            format!("{stem}{tail}"),
            format!("{stem}{group}{tail}"),
            format!("{stem}{group}Response{tail}"),
        ]
    };
    let base = fixed.last().cloned().unwrap_or_default();
    fixed
        .into_iter()
        .chain((2..).map(move |n| format!("{base}{n}")))
        .map(|name| reserved(type_name(name)))
}

pub(super) fn first_free(
    mut candidates: impl Iterator<Item = String>,
    taken: &BTreeSet<String>,
) -> String {
    candidates
        .find(|name| !taken.contains(name))
        .unwrap_or_default()
}

/// Where a type comes from, for messages.
fn describe(origin: &Origin, operations: &[Operation]) -> String {
    match origin {
        Origin::Component { name, path } => {
            let mut pointer = crate::error::pointer("#/components/schemas", name);
            for segment in path {
                pointer = crate::error::pointer(&pointer, segment);
            }
            pointer
        }
        Origin::Inline {
            operation,
            position,
            path,
        } => {
            let op = &operations[*operation];
            let place = match position {
                Position::Parameter(name) => format!("parameter `{name}`"),
                Position::RequestBody => "request body".to_owned(),
                Position::Success => "success response".to_owned(),
                Position::Error { status, .. } => format!("{status} response"),
            };
            let path = if path.is_empty() {
                String::new()
            } else {
                format!(", property `{}`", path.join("."))
            };
            format!("{} ({place}{path})", op.pointer)
        }
    }
}
