//! The documented error bodies and what each says: for every model that a documented error
//! status carries, where its message, code and request ids are (the generation config's JSON
//! pointers, followed through the model's fields by their Rust names), and whether every
//! documented error carries the same model, which the crate then gives by its type.

use std::collections::BTreeSet;

use super::models::{Model, ModelKind};
use super::{Group, Presence, RustType};
use crate::config::{Config, RequestIdSource};
use crate::ir::{Type, TypeId};
use crate::naming::Name;

/// A model that documented error statuses carry, and where it says what went wrong.
#[derive(Debug)]
pub struct ErrorBodyPlan {
    pub id: TypeId,
    pub ty: RustType,
    /// The ways to the API's message, in the config's order; empty when the model has none.
    pub message: Vec<Access>,
    /// The ways to the API's code, in the config's order.
    pub code: Vec<Access>,
    /// The body's request ids: the config's pointer of each, with the way to it.
    pub request_ids: Vec<(String, Access)>,
}

/// The way from a body to a string in it: a field or an item at each step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Access {
    pub steps: Vec<Step>,
}

/// One step into a value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// A struct's field, by its Rust name, held as its presence says.
    Field(Name, Presence),
    /// An array's item at this index.
    Item(usize),
    /// A map's value under this key.
    Key(String),
}

/// The error bodies of the crate's operations, in the order of the models, and the model
/// every documented error body is, if they are all one.
pub(super) fn error_bodies(
    config: &Config,
    models: &[Model],
    groups: &[Group],
) -> (Vec<ErrorBodyPlan>, Option<RustType>) {
    let bodies: Vec<TypeId> = (groups.iter())
        .flat_map(|g| &g.operations)
        .flat_map(|op| &op.errors)
        .filter_map(|case| match case.body {
            Some(Type::Named(id)) => Some(*id),
            _ => None,
        })
        .collect();
    let structs: BTreeSet<TypeId> = (bodies.iter().copied())
        .filter(|id| matches!(models[id.0].kind, ModelKind::Struct(_)))
        .collect();
    let plans = (structs.iter())
        .map(|&id| body(config, models, id))
        .collect();
    // One model for every documented error body, and no body of another kind beside it.
    let named_only = (groups.iter())
        .flat_map(|g| &g.operations)
        .flat_map(|op| &op.errors)
        .all(|case| matches!(case.body, None | Some(Type::Named(_))));
    let distinct: Vec<TypeId> = bodies
        .iter()
        .copied()
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let shared = match distinct.as_slice() {
        [id] if named_only && structs.contains(id) => {
            Some(RustType::Model(*id, models[id.0].name.clone()))
        }
        _ => None,
    };
    (plans, shared)
}

fn body(config: &Config, models: &[Model], id: TypeId) -> ErrorBodyPlan {
    let find = |pointers: &[String]| -> Vec<Access> {
        let mut found: Vec<Access> = Vec::new();
        for access in pointers.iter().filter_map(|p| access(models, id, p)) {
            if !found.contains(&access) {
                found.push(access);
            }
        }
        found
    };
    let errors = &config.errors;
    let request_ids = (errors.request_id.iter())
        .filter_map(|source| match source {
            RequestIdSource::Body(pointer) => Some(pointer),
            RequestIdSource::Header(_) => None,
        })
        .filter_map(|p| Some((p.clone(), access(models, id, p)?)))
        .collect();
    ErrorBodyPlan {
        id,
        ty: RustType::Model(id, models[id.0].name.clone()),
        message: find(&errors.message),
        code: find(&errors.code),
        request_ids,
    }
}

/// The way to the string at `pointer` in a value of the model `id`, if the model has one
/// there: through struct fields (by wire name), array items and map values.
fn access(models: &[Model], id: TypeId, pointer: &str) -> Option<Access> {
    let mut ty = Type::Named(id);
    let mut steps = Vec::new();
    let tokens = pointer.strip_prefix('/')?.split('/');
    for token in tokens.map(|t| t.replace("~1", "/").replace("~0", "~")) {
        ty = match ty {
            Type::Named(id) => {
                let ModelKind::Struct(plan) = &models[id.0].kind else {
                    return None;
                };
                let field = plan.fields.iter().find(|f| f.field.value.wire == token)?;
                steps.push(Step::Field(field.name.clone(), field.presence));
                field.field.value.ty.clone()
            }
            Type::Array(item) => {
                steps.push(Step::Item(token.parse().ok()?));
                *item
            }
            Type::Map(value) => {
                steps.push(Step::Key(token));
                *value
            }
            _ => return None,
        };
    }
    (ty == Type::String && !steps.is_empty()).then_some(Access { steps })
}

#[cfg(test)]
mod tests;
