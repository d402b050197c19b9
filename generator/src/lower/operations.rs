//! Operations: each path's methods, with their ids, groups and parameters.

use std::collections::BTreeMap;

use openapiv3::{Parameter, ReferenceOr};

use super::{Cursor, Lowerer, Site};
use crate::error::{Error, Result, pointer};
use crate::ir::{Member, Method, Operation, Param, ParamLocation, Position, Style};

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
                    let lowered = self.operation(index, method, path, &item.parameters, op, &at)?;
                    operations.push((lowered, op.tags.first()));
                }
            }
        }
        let mut seen = BTreeMap::new();
        for (op, _) in &operations {
            if let Some(first) = seen.insert(op.id.clone(), op.pointer.clone()) {
                return Err(Error::at(
                    &op.pointer,
                    format!("operationId `{}` is already used by {first}", op.id),
                ));
            }
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
            security: super::security::requirements(self.doc, op.security.as_ref(), at)?,
            deprecated: op.deprecated,
            pointer: at.to_owned(),
        })
    }

    /// The parameters of an operation: its path item's, then its own, which override those
    /// with the same name and location. Every `{name}` of the path must be one, be it a whole
    /// segment (`/files/{id}`) or a part of one (`/files/{name}.{ext}`, `/v1/{project}:archive`).
    fn params(
        &mut self,
        index: usize,
        path: &str,
        shared: &[ReferenceOr<Parameter>],
        own: &[ReferenceOr<Parameter>],
        at: &str,
    ) -> Result<Vec<Param<()>>> {
        let shared_at = at.rsplit_once('/').map_or(at, |(parent, _)| parent);
        let mut params: Vec<Param<()>> = Vec::new();
        for (param, param_at) in numbered(shared, shared_at).chain(numbered(own, at)) {
            let param = self.parameter(index, param, &param_at)?;
            params.retain(|p| !(p.value.wire == param.value.wire && p.location == param.location));
            params.push(param);
        }
        for segment in path_params(path, at)? {
            if !params
                .iter()
                .any(|p| p.location == ParamLocation::Path && p.value.wire == segment)
            {
                return Err(Error::at(
                    at,
                    format!("path parameter `{{{segment}}}` is not declared"),
                ));
            }
        }
        Ok(params)
    }

    fn parameter(
        &mut self,
        operation: usize,
        param: &ReferenceOr<Parameter>,
        at: &str,
    ) -> Result<Param<()>> {
        let param = self.resolve(param, "parameters", at, |c| &c.parameters)?;
        let (data, location, style) = match param {
            Parameter::Query {
                parameter_data,
                style,
                ..
            } => (
                parameter_data,
                ParamLocation::Query,
                query_style(style, parameter_data.explode),
            ),
            Parameter::Path {
                parameter_data,
                style,
            } => {
                if *style != openapiv3::PathStyle::Simple {
                    return Err(Error::at(
                        &pointer(at, "style"),
                        "only the `simple` style of path parameters is supported",
                    ));
                }
                (parameter_data, ParamLocation::Path, Style::default())
            }
            Parameter::Header { parameter_data, .. } => {
                (parameter_data, ParamLocation::Header, Style::default())
            }
            Parameter::Cookie { .. } => {
                return Err(Error::at(at, "cookie parameters are not supported"));
            }
        };
        // The runtime would refuse such a header on every call: refuse it here, where the
        // document says it.
        if location == ParamLocation::Header
            && http::HeaderName::from_bytes(data.name.as_bytes()).is_err()
        {
            return Err(Error::at(
                &pointer(at, "name"),
                format!(
                    "`{}` is not a valid HTTP header name",
                    data.name.escape_debug()
                ),
            ));
        }
        let openapiv3::ParameterSchemaOrContent::Schema(schema) = &data.format else {
            return Err(Error::at(
                at,
                "a parameter described by `content` is not supported",
            ));
        };
        let site = Site::Inline {
            operation,
            position: Position::Parameter(data.name.clone()),
        };
        let lowered = self.schema(schema, &Cursor::new(&site, pointer(at, "schema")))?;
        let mut hints = lowered.hints;
        let own_example = super::bodies::example(data.example.as_ref(), &data.examples);
        hints.example = own_example.or(hints.example);
        Ok(Param {
            name: (),
            location,
            value: Member {
                wire: data.name.clone(),
                ty: lowered.ty,
                required: data.required || location == ParamLocation::Path,
                nullable: lowered.nullable,
                doc: data.description.clone().or(lowered.doc),
                deprecated: data.deprecated.unwrap_or(false),
                hints,
            },
            style,
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

/// How a query parameter of `style` is written, `explode` defaulting as OpenAPI says (true for
/// `form` only). `spaceDelimited` and `pipeDelimited` exploded, which OpenAPI leaves
/// undefined, are `form` exploded, a pair per item, as other generators write them.
fn query_style(style: &openapiv3::QueryStyle, explode: Option<bool>) -> Style {
    use openapiv3::QueryStyle;
    match (style, explode) {
        (QueryStyle::Form, explode) => Style::Form {
            explode: explode.unwrap_or(true),
        },
        (QueryStyle::SpaceDelimited | QueryStyle::PipeDelimited, Some(true)) => Style::default(),
        (QueryStyle::SpaceDelimited, _) => Style::SpaceDelimited,
        (QueryStyle::PipeDelimited, _) => Style::PipeDelimited,
        (QueryStyle::DeepObject, _) => Style::DeepObject,
    }
}

/// The parameters of a list with their JSON pointers, `{base}/parameters/{i}`.
fn numbered<'p>(
    list: &'p [ReferenceOr<Parameter>],
    base: &str,
) -> impl Iterator<Item = (&'p ReferenceOr<Parameter>, String)> {
    let base = pointer(base, "parameters");
    list.iter()
        .enumerate()
        .map(move |(i, p)| (p, pointer(&base, &i.to_string())))
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
