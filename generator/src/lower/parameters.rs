//! Parameters: an operation's own and its path item's, where each goes and in which style,
//! and whether the SDK sends its value as its type says.

use openapiv3::{Parameter, ReferenceOr};

use super::operations::path_params;
use super::{Cursor, Lowerer, Site};
use crate::error::{Result, pointer};
use crate::ir::{Member, Param, ParamLocation, Position, Style, Type, TypeDef, TypeKind};

impl Lowerer<'_> {
    /// The parameters of an operation: its path item's, then its own, which override those
    /// with the same name and location. Every `{name}` of the path must be one, be it a whole
    /// segment (`/files/{id}`) or a part of one (`/files/{name}.{ext}`, `/v1/{project}:archive`).
    pub(super) fn params(
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

/// [`fits`], `depth` unions deep: a union that contains itself does not fit.
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
