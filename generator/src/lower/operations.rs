//! Operations: each path's methods, with their ids and groups (`parameters` lowers their
//! parameters).

use std::collections::BTreeMap;

use openapiv3::{Parameter, ReferenceOr};

use super::Lowerer;
use crate::error::{Error, Result, pointer};
use crate::ir::{Method, Operation};

impl<'a> Lowerer<'a> {
    /// Every operation in document order, each with its first tag (for the group's docs).
    pub(super) fn operations(&mut self) -> Result<Vec<(Operation<()>, Option<&'a String>)>> {
        let doc = self.doc;
        let mut operations = Vec::new();
        for (path, item) in &doc.paths.paths {
            let at = pointer("#/paths", path);
            let ReferenceOr::Item(item) = item else {
                return Err(Error::at(&at, "a `$ref` to a path item is not supported"));
            };
            let methods = [
                (Method::Get, &item.get),
                (Method::Put, &item.put),
                (Method::Post, &item.post),
                (Method::Delete, &item.delete),
                (Method::Options, &item.options),
                (Method::Head, &item.head),
                (Method::Patch, &item.patch),
                (Method::Trace, &item.trace),
            ];
            for (method, op) in methods {
                if let Some(op) = op {
                    let at = pointer(&at, &method.as_str().to_ascii_lowercase());
                    let index = operations.len();
                    self.operation = Some(index);
                    let lowered = self.operation(index, method, path, &item.parameters, op, &at);
                    self.operation = None;
                    let lowered = lowered?;
                    operations.push((lowered, op.tags.first()));
                }
            }
        }
        // An operationId is unique in a document; one used again (on another method of the
        // same path, say) is read as meant, the later operation's id made unique by its method.
        let mut seen = BTreeMap::new();
        for (op, _) in &mut operations {
            if let Some(first) = seen.get(&op.id) {
                let method = op.method.as_str().to_ascii_lowercase();
                let mut id = format!("{}_{method}", op.id);
                let mut n = 2;
                while seen.contains_key(&id) {
                    id = format!("{}_{method}{n}", op.id);
                    n += 1;
                }
                self.limitations.push(crate::ir::Limitation {
                    pointer: pointer(&op.pointer, "operationId"),
                    what: format!("operationId `{}`", op.id),
                    generated_as: format!("the operationId `{id}`"),
                    because: format!("{first} uses `{}` already", op.id),
                    operations: Vec::new(),
                });
                op.id = id;
            }
            seen.insert(op.id.clone(), op.pointer.clone());
        }
        Ok(operations)
    }

    /// One operation; `shared` are its path item's parameters.
    fn operation(
        &mut self,
        index: usize,
        method: Method,
        path: &str,
        shared: &[ReferenceOr<Parameter>],
        op: &openapiv3::Operation,
        at: &str,
    ) -> Result<Operation<()>> {
        let id = operation_id(method, path, op, at)?;
        let params = self.params(index, path, shared, &op.parameters, at)?;
        let (body, alternatives) = match &op.request_body {
            Some(body) => {
                let (body, alternatives) =
                    self.request_body(index, body, &pointer(at, "requestBody"))?;
                (Some(body), alternatives)
            }
            None => (None, Vec::new()),
        };
        let extension = |name: &str| {
            op.extensions
                .get(name)
                .and_then(|v| v.as_str())
                .map(str::to_owned)
        };
        let group = extension("x-speakeasy-group")
            .or_else(|| op.tags.first().cloned())
            .unwrap_or_default();
        Ok(Operation {
            id,
            name_override: extension("x-speakeasy-name-override"),
            name: (),
            stem: (),
            group,
            method,
            path: path.to_owned(),
            summary: op.summary.clone(),
            description: op.description.clone(),
            params,
            body,
            alternatives,
            responses: self.responses(index, &op.responses, &pointer(at, "responses"))?,
            security: self.requirements(op.security.as_ref(), at),
            deprecated: op.deprecated,
            pointer: at.to_owned(),
        })
    }
}

/// The `operationId`, or for an operation without one a stable name from what identifies
/// it: `GET /users/{id}` → `get /users/{id}`, which the naming pass turns into `get_users_id`.
fn operation_id(method: Method, path: &str, op: &openapiv3::Operation, at: &str) -> Result<String> {
    match &op.operation_id {
        Some(id) if !id.trim().is_empty() => Ok(id.clone()),
        Some(_) => Err(Error::at(
            &pointer(at, "operationId"),
            "operationId is empty",
        )),
        None => Ok(format!("{} {path}", method.as_str().to_ascii_lowercase())),
    }
}

/// The names of the `{templated}` parts of a path, in order: a segment may hold several, with
/// literal text around them (`{base}...{head}`). A `{` left open is refused, at the operation.
pub(super) fn path_params<'p>(path: &'p str, at: &str) -> Result<Vec<&'p str>> {
    let mut names = Vec::new();
    let mut rest = path;
    while let Some(start) = rest.find('{') {
        let Some(end) = rest[start..].find('}') else {
            return Err(Error::at(
                at,
                format!("the path `{path}` has a `{{` left open"),
            ));
        };
        let name = &rest[start + 1..start + end];
        if name.contains(['{', '/']) {
            return Err(Error::at(
                at,
                format!("the path `{path}` has a `{{` left open"),
            ));
        }
        names.push(name);
        rest = &rest[start + end + 1..];
    }
    Ok(names)
}
