//! Lowering: the `openapiv3` document becomes the plain [`Api`] model, once.
//!
//! Every `$ref` is resolved here; later passes never see the document again.

mod schema;

use std::collections::{BTreeMap, BTreeSet};

use openapiv3::{MediaType, OpenAPI, Parameter, ReferenceOr, SecurityScheme, StatusCode};

use crate::error::{Error, Result, pointer};
use crate::ir::{
    Api, Body, Encoding, Method, Operation, Param, ParamLocation, Position, Response, Retries,
    Status, Type, TypeDef, TypeKind,
};
use schema::Site;

/// Lowers a parsed document into the model. Names are left empty for the naming pass.
pub fn lower(doc: &OpenAPI) -> Result<Api> {
    let mut lowerer = Lowerer {
        doc,
        types: Vec::new(),
        components: BTreeMap::new(),
        resolving: BTreeSet::new(),
        files: false,
        depth: 0,
    };
    check_security(doc)?;
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
                let lowered = lowerer.operation(index, method, path, &item.parameters, op, &at)?;
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
    Ok(Api {
        title: doc.info.title.clone(),
        version: doc.info.version.clone(),
        description: doc.info.description.clone(),
        server_url: doc
            .servers
            .first()
            .map(|s| s.url.trim_end_matches('/').to_owned()),
        retries: retries(doc)?,
        group_docs: group_docs(doc, &operations),
        operations: operations.into_iter().map(|(op, _)| op).collect(),
        types: box_cycles(lowerer.types),
    })
}

/// The description of each group: its tag's, or for an `x-speakeasy-group` the one of the
/// first tag of its first operation that has one.
fn group_docs(
    doc: &OpenAPI,
    operations: &[(Operation, Option<&String>)],
) -> BTreeMap<String, String> {
    let tag_doc = |name: &str| {
        doc.tags
            .iter()
            .find(|t| t.name == name)
            .and_then(|t| t.description.clone())
    };
    let mut docs: BTreeMap<String, String> = BTreeMap::new();
    for (op, tag) in operations {
        if let Some(text) = tag.and_then(|t| tag_doc(t)) {
            docs.entry(op.group.clone()).or_insert(text);
        }
    }
    docs
}

/// Marks the struct fields that must be boxed: those through which a type contains itself
/// without an array or map in between (which would make its size infinite).
fn box_cycles(mut types: Vec<TypeDef>) -> Vec<TypeDef> {
    use crate::ir::{Type, TypeId, TypeKind};
    fn direct(ty: &Type) -> Option<TypeId> {
        match ty {
            Type::Named(id) => Some(*id),
            _ => None,
        }
    }
    let edges: Vec<Vec<TypeId>> = types
        .iter()
        .map(|t| match &t.kind {
            TypeKind::Struct(fields) => fields.iter().filter_map(|f| direct(&f.ty)).collect(),
            TypeKind::Union(union) => union
                .variants
                .iter()
                .filter_map(|v| direct(&v.ty))
                .collect(),
            TypeKind::Enum(_) => Vec::new(),
        })
        .collect();
    let reaches = |from: TypeId, to: TypeId| {
        let mut seen = BTreeSet::new();
        let mut stack = vec![from];
        while let Some(id) = stack.pop() {
            if id == to {
                return true;
            }
            if seen.insert(id) {
                stack.extend(edges[id.0].iter().copied());
            }
        }
        false
    };
    for (i, ty) in types.iter_mut().enumerate() {
        if let TypeKind::Struct(fields) = &mut ty.kind {
            for field in fields {
                field.boxed = direct(&field.ty).is_some_and(|target| reaches(target, TypeId(i)));
            }
        }
    }
    types
}

pub(crate) struct Lowerer<'a> {
    doc: &'a OpenAPI,
    types: Vec<TypeDef>,
    /// Component schemas already declared, by name.
    components: BTreeMap<String, crate::ir::TypeId>,
    /// Component schemas being lowered, to refuse a reference cycle with no type in between.
    resolving: BTreeSet<String>,
    /// Whether `format: binary` strings are files: inside a `multipart/form-data` body.
    files: bool,
    /// How many schemas deep the lowering is, to refuse endless nesting.
    depth: usize,
}

impl<'a> Lowerer<'a> {
    fn operation(
        &mut self,
        index: usize,
        method: Method,
        path: &str,
        shared: &[ReferenceOr<Parameter>],
        op: &openapiv3::Operation,
        at: &str,
    ) -> Result<Operation> {
        let id = match &op.operation_id {
            Some(id) if !id.trim().is_empty() => id.clone(),
            Some(_) => {
                return Err(Error::at(
                    &pointer(at, "operationId"),
                    "operationId is empty",
                ));
            }
            // A stable name from what identifies the operation: `GET /users/{id}` → `get_users_id`.
            None => format!("{} {path}", method.as_str().to_ascii_lowercase()),
        };
        let mut params = Vec::new();
        // Operation-level parameters override path-level ones with the same name and location.
        let shared_at = at
            .rsplit_once('/')
            .map_or(at, |(parent, _)| parent)
            .to_owned();
        let all = shared
            .iter()
            .enumerate()
            .map(|(i, p)| {
                (
                    p,
                    pointer(&pointer(&shared_at, "parameters"), &i.to_string()),
                )
            })
            .chain(
                op.parameters
                    .iter()
                    .enumerate()
                    .map(|(i, p)| (p, pointer(&pointer(at, "parameters"), &i.to_string()))),
            );
        for (param, param_at) in all {
            let param = self.parameter(index, param, &param_at)?;
            params.retain(|p: &Param| !(p.wire == param.wire && p.location == param.location));
            params.push(param);
        }
        for segment in path_params(path) {
            if !params
                .iter()
                .any(|p| p.location == ParamLocation::Path && p.wire == segment)
            {
                return Err(Error::at(
                    at,
                    format!("path parameter `{{{segment}}}` is not declared"),
                ));
            }
        }
        let body = match &op.request_body {
            None => None,
            Some(body) => {
                let body_at = pointer(at, "requestBody");
                let body = self.resolve(body, "requestBodies", &body_at, |c| &c.request_bodies)?;
                let site = Site::Inline {
                    operation: index,
                    position: Position::RequestBody,
                };
                let content_at = pointer(&body_at, "content");
                let Some((media_type, encoding)) =
                    self.content(&body.content, &site, &content_at)?
                else {
                    return Err(Error::at(&body_at, "a request body needs a media type"));
                };
                if encoding == Encoding::Bytes {
                    return Err(Error::at(
                        &pointer(&content_at, &media_type),
                        "request bodies other than JSON, multipart/form-data and form-urlencoded are not supported",
                    ));
                }
                let example = body.content.get(&media_type).and_then(media_example);
                Some(Body {
                    media_type,
                    encoding,
                    required: body.required,
                    doc: body.description.clone(),
                    example,
                })
            }
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
            name: String::new(),
            stem: String::new(),
            group,
            method,
            path: path.to_owned(),
            summary: op.summary.clone(),
            description: op.description.clone(),
            params,
            body,
            responses: self.responses(index, &op.responses, &pointer(at, "responses"))?,
            auth: !matches!(&op.security, Some(requirements) if requirements.is_empty()),
            deprecated: op.deprecated,
            pointer: at.to_owned(),
        })
    }

    fn parameter(
        &mut self,
        operation: usize,
        param: &ReferenceOr<Parameter>,
        at: &str,
    ) -> Result<Param> {
        let param = self.resolve(param, "parameters", at, |c| &c.parameters)?;
        let (data, location) = match param {
            Parameter::Query { parameter_data, .. } => (parameter_data, ParamLocation::Query),
            Parameter::Path { parameter_data, .. } => (parameter_data, ParamLocation::Path),
            Parameter::Header { parameter_data, .. } => (parameter_data, ParamLocation::Header),
            Parameter::Cookie { .. } => {
                return Err(Error::at(at, "cookie parameters are not supported"));
            }
        };
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
        let lowered = self.schema(schema, &site, &[], &pointer(at, "schema"))?;
        let mut hints = lowered.hints;
        let own_example = data.example.clone().or_else(|| {
            data.examples.values().find_map(|example| match example {
                ReferenceOr::Item(example) => example.value.clone(),
                ReferenceOr::Reference { .. } => None,
            })
        });
        hints.example = own_example.or(hints.example);
        Ok(Param {
            wire: data.name.clone(),
            name: String::new(),
            location,
            ty: lowered.ty,
            required: data.required || location == ParamLocation::Path,
            nullable: lowered.nullable,
            doc: data.description.clone().or(lowered.doc),
            constraints: lowered.constraints,
            deprecated: data.deprecated.unwrap_or(false),
            hints,
        })
    }

    fn responses(
        &mut self,
        operation: usize,
        responses: &openapiv3::Responses,
        at: &str,
    ) -> Result<Vec<Response>> {
        let mut all: Vec<(Status, &ReferenceOr<openapiv3::Response>, String)> = Vec::new();
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
        let mut lowered = Vec::new();
        let mut rank = 0;
        let mut has_success_body = false;
        for (status, response, at) in all {
            let response = self.resolve(response, "responses", &at, |c| &c.responses)?;
            let position = if status.is_success() {
                Position::Success
            } else {
                rank += 1;
                Position::Error {
                    rank: rank - 1,
                    status,
                }
            };
            let site = Site::Inline {
                operation,
                position: position.clone(),
            };
            let body = self
                .content(&response.content, &site, &pointer(&at, "content"))?
                .map(|(media_type, encoding)| Body {
                    example: response.content.get(&media_type).and_then(media_example),
                    media_type,
                    encoding,
                    required: true,
                    doc: None,
                });
            if position == Position::Success && body.is_some() {
                if has_success_body {
                    return Err(Error::at(
                        &at,
                        "a second success response with a body is not supported yet",
                    ));
                }
                has_success_body = true;
            }
            lowered.push(Response {
                status,
                description: response.description.clone(),
                body,
            });
        }
        Ok(lowered)
    }

    /// The media type of a `content` map and how its body is encoded, `None` for no content.
    /// JSON is preferred, then `multipart/form-data`, then form-urlencoded; any other media
    /// type is raw bytes.
    fn content(
        &mut self,
        content: &indexmap::IndexMap<String, MediaType>,
        site: &Site,
        at: &str,
    ) -> Result<Option<(String, Encoding)>> {
        let essence = |m: &str| {
            m.split(';')
                .next()
                .unwrap_or_default()
                .trim()
                .to_ascii_lowercase()
        };
        let find =
            |wanted: &dyn Fn(&str) -> bool| content.iter().find(|(m, _)| wanted(&essence(m)));
        let json = |m: &str| m == "application/json" || m.ends_with("+json");
        if let Some((media_type, media)) = find(&json) {
            let encoding = match &media.schema {
                Some(schema) => {
                    let at = pointer(&pointer(at, media_type), "schema");
                    Encoding::Json(self.schema(schema, site, &[], &at)?.ty)
                }
                None => Encoding::Json(Type::Any),
            };
            return Ok(Some((media_type.clone(), encoding)));
        }
        for (form, multipart) in [
            ("multipart/form-data", true),
            ("application/x-www-form-urlencoded", false),
        ] {
            if let Some((media_type, media)) = find(&|m| m == form) {
                let at = pointer(&pointer(at, media_type), "schema");
                let fields = self.form_fields(media.schema.as_ref(), multipart, site, &at)?;
                let encoding = if multipart {
                    Encoding::Multipart(fields)
                } else {
                    Encoding::Form(fields)
                };
                return Ok(Some((media_type.clone(), encoding)));
            }
        }
        Ok(content.keys().next().map(|m| (m.clone(), Encoding::Bytes)))
    }

    /// The fields of a form body: the properties of its object schema, each sent as a part
    /// (multipart, where `format: binary` strings are files) or as a pair.
    fn form_fields(
        &mut self,
        schema: Option<&ReferenceOr<openapiv3::Schema>>,
        multipart: bool,
        site: &Site,
        at: &str,
    ) -> Result<Vec<crate::ir::Field>> {
        let Some(schema) = schema else {
            return Ok(Vec::new());
        };
        let mut shape = schema::Shape::default();
        self.collect(schema, at, &mut shape, 0)
            .map_err(|_| Error::at(at, "a form body must be an object with properties"))?;
        self.files = multipart;
        let fields = self.fields(shape, site, &[]);
        self.files = false;
        let fields = fields?;
        if let Some(field) = fields
            .iter()
            .find(|f| !form_value(&f.ty, multipart, &self.types))
        {
            return Err(Error::at(
                &pointer(&pointer(at, "properties"), &field.wire),
                "a form field must be a scalar, an array of scalars or (in multipart) a file",
            ));
        }
        Ok(fields)
    }

    /// Follows a `$ref` into `components.{kind}`, refusing dangling references and cycles.
    fn resolve<'d, T>(
        &self,
        item: &'d ReferenceOr<T>,
        kind: &str,
        at: &str,
        section: impl Fn(&'d openapiv3::Components) -> &'d indexmap::IndexMap<String, ReferenceOr<T>>,
    ) -> Result<&'d T>
    where
        'a: 'd,
    {
        let mut item = item;
        for _ in 0..16 {
            match item {
                ReferenceOr::Item(value) => return Ok(value),
                ReferenceOr::Reference { reference } => {
                    let prefix = format!("#/components/{kind}/");
                    let target = reference.strip_prefix(&prefix).and_then(|name| {
                        self.doc
                            .components
                            .as_ref()
                            .map(&section)
                            .and_then(|s| s.get(name))
                    });
                    item = target.ok_or_else(|| {
                        let reason = if reference.starts_with(&prefix) {
                            format!("`$ref: {reference}` points to nothing")
                        } else {
                            format!("`$ref: {reference}` must point into {prefix}")
                        };
                        Error::at(at, reason)
                    })?;
                }
            }
        }
        Err(Error::at(at, "a chain of `$ref`s that never ends"))
    }
}

/// A media type's `example`, or the value of the first of its `examples` written inline.
fn media_example(media: &MediaType) -> Option<serde_json::Value> {
    media.example.clone().or_else(|| {
        media.examples.values().find_map(|example| match example {
            ReferenceOr::Item(example) => example.value.clone(),
            ReferenceOr::Reference { .. } => None,
        })
    })
}

/// Whether a form field of this type can be sent: scalars, arrays of them and files.
fn form_value(ty: &Type, multipart: bool, types: &[TypeDef]) -> bool {
    match ty {
        Type::String | Type::Integer(_) | Type::Number | Type::Boolean => true,
        Type::File => multipart,
        Type::Array(item) => form_value(item, multipart, types),
        // String enums are scalars too.
        Type::Named(id) => matches!(types[id.0].kind, TypeKind::Enum(_)),
        Type::Any | Type::Map(_) => false,
    }
}

/// The names of the `{templated}` segments of a path.
pub(crate) fn path_params(path: &str) -> impl Iterator<Item = &str> {
    path.split('/')
        .filter_map(|segment| segment.strip_prefix('{')?.strip_suffix('}'))
}

/// Only HTTP bearer authentication is supported; anything else is refused, not ignored.
fn check_security(doc: &OpenAPI) -> Result<()> {
    let Some(components) = &doc.components else {
        return Ok(());
    };
    for (name, scheme) in &components.security_schemes {
        let at = pointer("#/components/securitySchemes", name);
        match scheme {
            ReferenceOr::Item(SecurityScheme::HTTP { scheme, .. })
                if scheme.eq_ignore_ascii_case("bearer") => {}
            _ => {
                return Err(Error::at(
                    &at,
                    "only HTTP bearer authentication is supported",
                ));
            }
        }
    }
    Ok(())
}

/// Reads the document-wide `x-speakeasy-retries` extension.
fn retries(doc: &OpenAPI) -> Result<Option<Retries>> {
    #[derive(serde::Deserialize)]
    #[serde(rename_all = "camelCase", deny_unknown_fields)]
    struct Raw {
        strategy: String,
        backoff: Backoff,
        #[serde(default)]
        status_codes: Vec<serde_json::Value>,
        #[serde(default)]
        retry_connection_errors: bool,
    }
    #[derive(serde::Deserialize)]
    #[serde(rename_all = "camelCase", deny_unknown_fields)]
    struct Backoff {
        initial_interval: u64,
        max_interval: u64,
        max_elapsed_time: u64,
        exponent: f64,
    }
    let at = "#/x-speakeasy-retries";
    let Some(value) = doc.extensions.get("x-speakeasy-retries") else {
        return Ok(None);
    };
    let raw: Raw =
        serde_json::from_value(value.clone()).map_err(|e| Error::at(at, e.to_string()))?;
    if raw.strategy != "backoff" {
        return Err(Error::at(
            &pointer(at, "strategy"),
            format!("unknown strategy `{}`", raw.strategy),
        ));
    }
    let mut status_codes = Vec::new();
    for (i, code) in raw.status_codes.iter().enumerate() {
        let text = match code {
            serde_json::Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        let status = parse_status(&text).ok_or_else(|| {
            Error::at(
                &pointer(&pointer(at, "statusCodes"), &i.to_string()),
                format!("`{text}` is not a status or NXX class"),
            )
        })?;
        status_codes.push(status);
    }
    Ok(Some(Retries {
        initial_interval_ms: raw.backoff.initial_interval,
        max_interval_ms: raw.backoff.max_interval,
        max_elapsed_ms: raw.backoff.max_elapsed_time,
        exponent: raw.backoff.exponent,
        status_codes,
        retry_connection_errors: raw.retry_connection_errors,
    }))
}

fn parse_status(text: &str) -> Option<Status> {
    let upper = text.to_ascii_uppercase();
    match upper.as_bytes() {
        [class @ b'1'..=b'5', b'X', b'X'] => Some(Status::Range(class - b'0')),
        _ => upper
            .parse()
            .ok()
            .filter(|code| (100..=599).contains(code))
            .map(Status::Code),
    }
}
