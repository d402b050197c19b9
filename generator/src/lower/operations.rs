//! Operations: each path's methods, with their ids, groups and parameters.

use std::collections::BTreeMap;

use openapiv3::{Parameter, ReferenceOr};

use super::{Cursor, Lowerer, Site};
use crate::error::{Error, Result, pointer};
use crate::ir::{
    Member, Method, Operation, Param, ParamLocation, Position, Style, Type, TypeDef, TypeKind,
};

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
            let Some(param) = self.parameter(index, param, &param_at)? else {
                continue;
            };
            params.retain(|p| !(p.value.wire == param.value.wire && p.location == param.location));
            params.push(param);
        }
        // A `{name}` of the path that no parameter declares can only be a required string.
        for segment in path_params(path, at)? {
            if !params
                .iter()
                .any(|p| p.location == ParamLocation::Path && p.value.wire == segment)
            {
                self.limit(
                    at,
                    format!("the path variable `{{{segment}}}`"),
                    "a required string path parameter",
                    "no parameter declares it (read as meant)",
                );
                params.push(Param {
                    name: (),
                    location: ParamLocation::Path,
                    value: Member {
                        wire: segment.to_owned(),
                        ty: Type::String,
                        required: true,
                        nullable: false,
                        doc: None,
                        deprecated: false,
                        hints: Default::default(),
                    },
                    style: Style::default(),
                    content: None,
                });
            }
        }
        Ok(params)
    }

    /// A parameter, or `None` for one the SDK does not send (a cookie, a header that is not
    /// a valid header name), with a warning.
    fn parameter(
        &mut self,
        operation: usize,
        param: &ReferenceOr<Parameter>,
        at: &str,
    ) -> Result<Option<Param<()>>> {
        let param = self.resolve(param, "parameters", at, |c| &c.parameters)?;
        let Some((data, location, style, as_text)) = self.placed(&param, at) else {
            return Ok(None);
        };
        let site = Site::Inline {
            operation,
            position: Position::Parameter(data.name.clone()),
        };
        let (lowered, json_content, content_as_text) =
            self.parameter_schema(data, location, &site, at)?;
        let sendable = match content_as_text.or(as_text) {
            Some(because) => {
                let kind = match location {
                    ParamLocation::Path => "path",
                    _ => "query",
                };
                let what = format!("the {kind} parameter `{}`", data.name);
                self.limit(at, what, "a string the caller formats", because);
                false
            }
            None => json_content.is_some() || self.sendable(data, location, style, &lowered.ty, at),
        };
        let (ty, mut hints) = match sendable {
            true => (lowered.ty, lowered.hints),
            false => (Type::String, Default::default()),
        };
        let own_example = super::bodies::example(data.example.as_ref(), &data.examples);
        hints.example = own_example.or(hints.example);
        Ok(Some(Param {
            name: (),
            location,
            value: Member {
                wire: data.name.clone(),
                ty,
                required: data.required || location == ParamLocation::Path,
                nullable: lowered.nullable,
                doc: data.description.clone().or(lowered.doc),
                deprecated: data.deprecated.unwrap_or(false),
                hints,
            },
            style,
            content: json_content,
        }))
    }

    /// Where a parameter goes and in which style, with why the caller must write it as text
    /// (a path style the SDK does not write); `None`, with a warning, for a parameter the SDK
    /// does not send: a cookie, or a header whose name is not a valid one (the runtime would
    /// refuse it on every call).
    fn placed<'p>(
        &mut self,
        param: &'p Parameter,
        at: &str,
    ) -> Option<(
        &'p openapiv3::ParameterData,
        ParamLocation,
        Style,
        Option<String>,
    )> {
        let mut as_text = None;
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
                as_text = path_style_text(style);
                (parameter_data, ParamLocation::Path, Style::default())
            }
            Parameter::Header { parameter_data, .. } => {
                (parameter_data, ParamLocation::Header, Style::default())
            }
            Parameter::Cookie { parameter_data, .. } => {
                self.limit(
                    at,
                    format!("the cookie parameter `{}`", parameter_data.name),
                    "nothing: a call's `.header(\"Cookie\", …)` sends it",
                    "the SDK sends no cookie parameters",
                );
                return None;
            }
        };
        if location == ParamLocation::Header
            && http::HeaderName::from_bytes(data.name.as_bytes()).is_err()
        {
            self.limit(
                &pointer(at, "name"),
                format!("the header parameter `{}`", data.name.escape_debug()),
                "nothing",
                "it is not a valid HTTP header name",
            );
            return None;
        }
        Some((data, location, style, as_text))
    }

    /// A parameter's schema lowered, with the media type of a value written as its JSON text
    /// (`content` of a JSON type, in the query or a header), or why the caller writes the
    /// value (`content` of another media type, or JSON in a path).
    fn parameter_schema(
        &mut self,
        data: &openapiv3::ParameterData,
        location: ParamLocation,
        site: &Site,
        at: &str,
    ) -> Result<(super::schema::Lowered, Option<String>, Option<String>)> {
        let content = match &data.format {
            openapiv3::ParameterSchemaOrContent::Schema(schema) => {
                let lowered = self.schema(schema, &Cursor::new(site, pointer(at, "schema")))?;
                return Ok((lowered, None, None));
            }
            openapiv3::ParameterSchemaOrContent::Content(content) => content,
        };
        let media_type = content.keys().next().map_or("", String::as_str);
        let essence = media_type.split(';').next().unwrap_or_default().trim();
        let json = essence == "application/json" || essence.ends_with("+json");
        let (mut json_content, mut as_text) = (None, None);
        if json && location != ParamLocation::Path {
            json_content = Some(media_type.to_owned());
        } else {
            as_text = Some(format!(
                "it is described by `content` (`{media_type}`){}: the caller passes the \
                 value as that media type writes it",
                if json { " in the path" } else { "" }
            ));
        }
        let cursor = Cursor::new(site, pointer(at, "content"));
        let schema = content
            .get_index(0)
            .and_then(|(m, media)| Some((media.schema.as_ref()?, cursor.child(m).child("schema"))));
        let lowered = match schema {
            Some((schema, cursor)) => self.schema(schema, &cursor)?,
            None => super::schema::Lowered {
                ty: Type::String,
                nullable: false,
                doc: None,
                hints: Default::default(),
            },
        };
        Ok((lowered, json_content, as_text))
    }

    /// Whether the SDK sends a parameter's value (not described by `content`) as its type
    /// says; `false`, with a warning, when the caller must pass a string it formats instead. A
    /// query value its style cannot write is sent anyway, each such value as its JSON text,
    /// with a warning.
    fn sendable(
        &mut self,
        data: &openapiv3::ParameterData,
        location: ParamLocation,
        style: Style,
        ty: &Type,
        at: &str,
    ) -> bool {
        let what = |kind: &str| format!("the {kind} parameter `{}`", data.name);
        let kind = match location {
            ParamLocation::Path => "path",
            _ => "header",
        };
        if location != ParamLocation::Query && !textual(&self.types, ty, false, 0) {
            self.limit(
                at,
                what(kind),
                "a string the caller formats",
                "it holds an object, a map or a nested list, which the SDK writes in the query \
                 only",
            );
            return false;
        }
        if location == ParamLocation::Query && !fits(&self.types, style, ty) {
            self.limit(
                at,
                what("query"),
                "its style's pairs, each value the style cannot write sent as its JSON text",
                format!(
                    "its style ({}) defines no way to write objects or lists inside {}",
                    style_name(style),
                    match ty {
                        Type::Array(_) => "a list",
                        _ => "an object",
                    }
                ),
            );
        }
        true
    }
}

/// Why the caller writes a path parameter of a style other than `simple`, the only one the
/// SDK writes.
fn path_style_text(style: &openapiv3::PathStyle) -> Option<String> {
    let name = match style {
        openapiv3::PathStyle::Simple => return None,
        openapiv3::PathStyle::Matrix => "matrix",
        openapiv3::PathStyle::Label => "label",
    };
    Some(format!(
        "the SDK writes path parameters in the `simple` style only, and this one is `{name}`"
    ))
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

/// Whether a value of `ty` is text in a path or a header: a string, a number, a boolean, any
/// JSON, an enum or a union of those, or (`list` false) a list of them.
fn textual(types: &[TypeDef<()>], ty: &Type, list: bool, depth: usize) -> bool {
    match ty {
        Type::String | Type::Integer(_) | Type::Number | Type::Boolean | Type::Any => true,
        Type::Array(item) if !list => textual(types, item, true, depth),
        Type::Named(id) => match &types[id.0].kind {
            TypeKind::Enum(_) => true,
            TypeKind::Union(union) => {
                depth < 8 && (union.variants.iter()).all(|v| textual(types, &v.ty, true, depth + 1))
            }
            TypeKind::Struct(_) => false,
        },
        _ => false,
    }
}

/// Whether `style` writes a value of `ty` as pairs of text as OpenAPI defines it:
/// `deepObject` writes anything; the others a scalar, a list of scalars or an object (a struct
/// or a map) of scalars, and exploded `form` an object of lists of scalars too (a pair per
/// item). Any JSON counts as a scalar. The runtime writes what a style cannot as JSON text.
fn fits(types: &[TypeDef<()>], style: Style, ty: &Type) -> bool {
    fits_within(types, style, ty, 0)
}

fn fits_within(types: &[TypeDef<()>], style: Style, ty: &Type, depth: usize) -> bool {
    let scalar = |t: &Type| *t == Type::Any || t.is_scalar(types);
    let list = |t: &Type| matches!(t, Type::Array(item) if scalar(item));
    let property = |t: &Type| scalar(t) || (style == Style::default() && list(t));
    match ty {
        _ if style == Style::DeepObject => true,
        Type::Map(value) => property(value),
        Type::Named(id) => match &types[id.0].kind {
            TypeKind::Struct(fields) => fields.iter().all(|f| property(&f.value.ty)),
            // A union is written as the variant it holds.
            TypeKind::Union(union) => {
                depth < 8
                    && (union.variants.iter()).all(|v| fits_within(types, style, &v.ty, depth + 1))
            }
            _ => scalar(ty),
        },
        ty => scalar(ty) || list(ty),
    }
}

/// A style as the document writes it, for messages.
fn style_name(style: Style) -> &'static str {
    match style {
        Style::Form { explode: true } => "`form`",
        Style::Form { explode: false } => "`form`, not exploded",
        Style::SpaceDelimited => "`spaceDelimited`",
        Style::PipeDelimited => "`pipeDelimited`",
        Style::DeepObject => "`deepObject`",
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
