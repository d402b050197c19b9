//! A request builder's `send()`: the request described with the adders of the runtime's
//! `Request` (`templates/runtime/src/request.rs`), one line per input, and the response
//! matched by status: one arm for every success, or one per success status when the success
//! bodies differ, then one per documented error.

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use crate::ir::{Encoding, ParamLocation, Status, Style, Type};
use crate::naming::Name;
use crate::plan::{
    CaseBody, FormValue, Input, InputKind, OperationPlan, PartValue, Plan, Presence, Scope,
    Success, SuccessCase, Written, content_type,
};

/// `send()` of the operation `op`.
pub(crate) fn send(plan: &Plan, op: &OperationPlan) -> TokenStream {
    let success_ty = op.returns.tokens(Scope::Crate);
    let success_arms = match &op.success {
        Success::Json { optional: true, .. } => quote!(200..=299 => response.optional_success(),),
        Success::Json { .. } => quote!(200..=299 => response.success(),),
        Success::Bytes => quote!(200..=299 => response.bytes_success(),),
        Success::Empty => quote!(200..=299 => response.empty_success(),),
        Success::ByStatus { name, cases, .. } => success_arms(op, name, cases),
    };
    let error = &op.error;
    let request = request(plan, op);
    // A body the caller may send as another media type is chosen in a statement of its own.
    let chosen = chosen_body(op);
    let arms = error_arms(op);
    let fallback = op
        .unexpected
        .then(|| quote!(_ => Err(response.unexpected()),));
    quote! {
        /// Sends the request and decodes the response.
        pub async fn send(self) -> Result<crate::ResponseValue<#success_ty>, crate::SdkError<#error>> {
            // A statement of its own, so that the path's `&dyn Display`s are dropped before
            // the `await` and the future stays `Send`.
            let request = #request;
            #chosen
            let response = request.send(&self.client, &self.options).await?;
            match response.status.as_u16() {
                #success_arms
                #(#arms)*
                #fallback
            }
        }
    }
}

/// `runtime::Request::new(…)` and one adder per input: its query pairs, headers and body.
fn request(plan: &Plan, op: &OperationPlan) -> TokenStream {
    let operation = &op.op.id;
    let method = format_ident!("{}", op.op.method.as_str());
    let path = path_segments(op);
    // The query's pairs, then the headers, each in the document's order.
    let written = |query: bool| {
        (op.inputs.iter()).filter(move |i| match i.written {
            Written::Query | Written::StyledQuery(_) => query,
            Written::Json { location, .. } => query == (location == ParamLocation::Query),
            Written::Header { .. } => !query,
            _ => false,
        })
    };
    let adders = written(true).chain(written(false)).map(|i| {
        let wire = i.value.wire.as_str();
        match &i.written {
            Written::StyledQuery(style) => {
                let (style, value) = (style_tokens(*style), whole(i, own(i)));
                quote!(.styled_query(#wire, #style, #value)?)
            }
            Written::Json { location, .. } => {
                let value = whole(i, own(i));
                match location {
                    ParamLocation::Header => quote!(.json_header(#wire, #value)?),
                    _ => quote!(.json_query(#wire, #value)?),
                }
            }
            Written::Header { secret: true } => {
                let values = values(i, own(i));
                quote!(.secret_header(#wire, #values))
            }
            Written::Header { secret: false } => {
                let values = values(i, own(i));
                quote!(.header(#wire, #values))
            }
            _ => {
                let values = values(i, own(i));
                quote!(.query(#wire, #values))
            }
        }
    });
    let security = super::auth::request_security(plan.api, op.op);
    let body = (op.as_form().is_none() && op.body_bytes().is_none()).then(|| body(op));
    quote! {
        runtime::Request::new(#operation, reqwest::Method::#method, &[#(#path),*])
            #security
            #(#adders)*
            #body
    }
}

/// `let request = …;` with the body the caller chose, for an operation whose builder offers
/// other media types (`body_bytes(…)`, `as_form()`): the bytes if set, else the JSON body's
/// fields as a form if asked, else the body as the document lists it first.
fn chosen_body(op: &OperationPlan) -> Option<TokenStream> {
    let mut choices = Vec::new();
    if let Some(other) = op.body_bytes() {
        let content_type = content_type(&other.media_type, &Encoding::<()>::Bytes);
        choices.push((
            quote!(let Some(bytes) = self.body_bytes),
            quote!(request.bytes(#content_type, Some(bytes))),
        ));
    }
    if op.as_form().is_some() {
        let adds = op.inputs.iter().filter_map(|i| match (i.kind, &i.written) {
            (
                InputKind::BodyField(field),
                Written::JsonField {
                    as_form: Some(form),
                },
            ) => {
                let field = crate::naming::ident(&field.name);
                Some(form_field(i, *form, quote!(self.body.#field)))
            }
            _ => None,
        });
        choices.push((quote!(self.as_form), quote!(request #(#adds)*)));
    }
    if choices.is_empty() {
        return None;
    }
    let branches = choices
        .iter()
        .map(|(test, body)| quote!(if #test { #body } else));
    let body = body(op);
    Some(quote!(let request = #(#branches)* { request #body };))
}

/// The adders of the request body, if the operation sends one.
fn body(op: &OperationPlan) -> TokenStream {
    let Some(body) = &op.op.body else {
        return quote!();
    };
    let content_type = content_type(&body.media_type, &body.encoding);
    let whole = op.inputs.iter().find(|i| i.kind == InputKind::Body);
    let fields = (op.inputs.iter()).filter_map(|i| {
        let wire = i.value.wire.as_str();
        Some(match &i.written {
            Written::Form(form) => form_field(i, *form, own(i)),
            Written::Part(PartValue::Json(content_type)) => {
                let values = values(i, own(i));
                quote!(.json(#wire, #content_type, #values)?)
            }
            Written::Part(PartValue::File) => {
                let values = values(i, own(i));
                quote!(.file(#wire, #values))
            }
            Written::Part(PartValue::Text) => {
                let values = values(i, own(i));
                quote!(.text(#wire, #values))
            }
            _ => return None,
        })
    });
    match &body.encoding {
        Encoding::Json(_) => {
            let value = match whole {
                Some(input) => {
                    let name = &input.name;
                    quote!(self.#name)
                }
                None => quote!(self.body),
            };
            quote!(.json(#content_type, &#value)?)
        }
        Encoding::Form(_) => quote!(#(#fields)*),
        Encoding::Multipart(_) => quote!(.multipart(runtime::multipart::Form::new() #(#fields)*)),
        // The whole body is an input: bytes, or a string sent as its UTF-8 bytes.
        Encoding::Text | Encoding::Bytes => {
            let Some(input) = whole else {
                return quote!();
            };
            let name = &input.name;
            let text = body.encoding == Encoding::Text;
            let value = match (input.presence == Presence::Required, text) {
                (true, false) => quote!(Some(self.#name)),
                (true, true) => quote!(Some(self.#name.into())),
                (false, false) => quote!(self.#name),
                (false, true) => quote!(self.#name.map(Into::into)),
            };
            quote!(.bytes(#content_type, #value))
        }
    }
}

/// The values of an input held at `target` (`self.name`, or a field of the body model), as
/// the runtime's adders take them: anything that iterates over them, so that an unset
/// optional input (or a `null` one) adds nothing and an array adds one item each.
fn values(input: &Input, target: TokenStream) -> TokenStream {
    let array = matches!(input.value.ty, Type::Array(_));
    match (input.presence, array) {
        (Presence::Required, false) => quote!([&#target]),
        (Presence::Required, true) => quote!(#target.iter()),
        (Presence::RequiredNullable | Presence::Optional, false) => quote!(#target.as_ref()),
        (Presence::RequiredNullable | Presence::Optional, true) => {
            quote!(#target.iter().flatten())
        }
        (Presence::OptionalNullable, false) => quote!(#target.iter().flatten()),
        (Presence::OptionalNullable, true) => quote!(#target.iter().flatten().flatten()),
    }
}

/// The adder of a form-urlencoded field held at `target`: its pairs as text, or written by
/// its style (an object as a `deepObject`).
fn form_field(input: &Input, form: FormValue, target: TokenStream) -> TokenStream {
    let wire = input.value.wire.as_str();
    match form {
        FormValue::Styled(style) => {
            let (style, value) = (style_tokens(style), whole(input, target));
            quote!(.styled_form(#wire, #style, #value)?)
        }
        FormValue::Text => {
            let values = values(input, target);
            quote!(.form(#wire, #values))
        }
    }
}

/// The whole value of an input held at `target`, as the runtime's styled adders take it: an
/// `Option` of a reference, `None` when unset. (An optional nullable value is an
/// `Option<&Option<T>>`, whose `null` the style leaves out.)
fn whole(input: &Input, target: TokenStream) -> TokenStream {
    match input.presence {
        Presence::Required => quote!(Some(&#target)),
        _ => quote!(#target.as_ref()),
    }
}

/// The runtime's `style::Style` of `style`.
fn style_tokens(style: Style) -> TokenStream {
    let style = match style {
        Style::Form { explode } => quote!(Form { explode: #explode }),
        Style::SpaceDelimited => quote!(SpaceDelimited),
        Style::PipeDelimited => quote!(PipeDelimited),
        Style::DeepObject => quote!(DeepObject),
    };
    quote!(runtime::style::Style::#style)
}

/// The builder's field that holds an input: `self.name`.
fn own(input: &Input) -> TokenStream {
    let name = &input.name;
    quote!(self.#name)
}

/// The path's segments, each a `&dyn Display`: literal text, a parameter (a list as its items
/// joined by commas, OpenAPI's `simple` style), or a `format_args!` of both.
fn path_segments(op: &OperationPlan) -> Vec<TokenStream> {
    let segments = op
        .op
        .path
        .split('/')
        .filter(|s| !s.is_empty())
        .map(|segment| {
            if !segment.contains('{') {
                return quote!(&#segment);
            }
            let mut template = String::new();
            let mut args = Vec::new();
            let mut rest = segment;
            while let Some(start) = rest.find('{') {
                template.push_str(&rest[..start].replace('}', "}}"));
                let end = rest[start..].find('}').map_or(rest.len(), |e| start + e);
                let wire = &rest[start + 1..end];
                let input = op.inputs.iter().find(|i| {
                    i.kind == InputKind::Param(ParamLocation::Path) && i.value.wire == wire
                });
                if let Some(input) = input {
                    let name = &input.name;
                    // `simple`: a list's items joined by commas.
                    args.push(match input.value.ty {
                        Type::Array(_) => quote!(
                            self.#name.iter().map(ToString::to_string).collect::<Vec<_>>().join(",")
                        ),
                        _ => quote!(self.#name),
                    });
                }
                template.push_str("{}");
                rest = &rest[(end + 1).min(rest.len())..];
            }
            template.push_str(&rest.replace('{', "{{").replace('}', "}}"));
            match args.as_slice() {
                [arg] if template == "{}" => quote!(&#arg),
                _ => quote!(&format_args!(#template, #(#args),*)),
            }
        });
    segments.collect()
}

/// One match arm per documented success status, for a success enum `name`: each decodes as a
/// lone success of its body would and puts the body in its variant.
fn success_arms(op: &OperationPlan, name: &Name, cases: &[SuccessCase]) -> TokenStream {
    let listed: Vec<Status> = cases.iter().map(|c| c.response.status).collect();
    let arms = cases.iter().filter_map(|c| {
        let pattern = status_pattern(c.response.status, &listed)?;
        let variant = &c.variant;
        let value = match c.body {
            // The closure cannot name the body's type, so the call does.
            CaseBody::Json(_) => {
                let ty = c.ty.as_ref().map(|t| t.tokens(Scope::Crate));
                quote!(response.success::<#ty, _>().map(|r| r.map(#name::#variant)))
            }
            CaseBody::Bytes => quote!(response.bytes_success().map(|r| r.map(#name::#variant))),
            CaseBody::Empty => {
                quote!(response.empty_success().map(|r| r.map(|()| #name::#variant)))
            }
        };
        Some(quote!(#pattern => #value,))
    });
    // The enum has no variant for a `2XX` status the document does not list: the fallback
    // arm makes it unexpected, unless a `default` response takes the fallback.
    let other = (op.success.refuses_other_2xx() && !op.unexpected)
        .then(|| status_pattern(Status::Range(2), &listed))
        .flatten()
        .map(|pattern| quote!(#pattern => Err(response.unexpected()),));
    quote!(#(#arms)* #other)
}

/// One match arm per documented error status.
fn error_arms(op: &OperationPlan) -> Vec<TokenStream> {
    let error = &op.error;
    let listed: Vec<Status> = op.errors.iter().map(|e| e.response.status).collect();
    op.errors
        .iter()
        .filter_map(|e| {
            let pattern = status_pattern(e.response.status, &listed)?;
            let variant = &e.variant;
            let value = match e.ty {
                Some(_) => quote!(response.failure(#error::#variant)),
                // The raw body of a non-JSON error stays in `ApiError::body`.
                None => quote!(response.failure_without_body(#error::#variant)),
            };
            Some(quote!(#pattern => Err(#value),))
        })
        .collect()
}

/// The match pattern of a documented status: `404`, `400..=499`, or `_` for `default`. A
/// range leaves out the codes of its class `listed` beside it, whose arms come first
/// (`401..=403 | 405..=499` beside `400` and `404`): clippy refuses overlapping arms. `None`
/// for a range whose every code is listed.
fn status_pattern(status: Status, listed: &[Status]) -> Option<TokenStream> {
    let range = |low: u16, high: u16| {
        let (first, last) = (Literal::u16_unsuffixed(low), Literal::u16_unsuffixed(high));
        if low == high {
            quote!(#first)
        } else {
            quote!(#first..=#last)
        }
    };
    match status {
        Status::Code(code) => Some(range(code, code)),
        Status::Range(class) => {
            let (low, high) = (u16::from(class) * 100, u16::from(class) * 100 + 99);
            let mut parts = Vec::new();
            let mut from = low;
            // `listed` is in ascending order, as the responses are.
            let codes = listed.iter().filter_map(|status| match *status {
                Status::Code(code) if (low..=high).contains(&code) => Some(code),
                _ => None,
            });
            for code in codes {
                if code > from {
                    parts.push(range(from, code - 1));
                }
                from = code + 1;
            }
            if from <= high {
                parts.push(range(from, high));
            }
            (!parts.is_empty()).then(|| quote!(#(#parts)|*))
        }
        Status::Default => Some(quote!(_)),
    }
}

#[cfg(test)]
mod tests {
    use super::status_pattern;
    use crate::ir::Status;

    #[test]
    fn a_range_leaves_out_the_codes_listed_beside_it() {
        let pattern = |status, listed: &[Status]| {
            status_pattern(status, listed).map(|p| p.to_string().replace(' ', ""))
        };
        let (c, r) = (Status::Code, Status::Range);
        let cases = [
            (r(4), vec![r(4)], Some("400..=499")),
            (
                r(4),
                vec![c(400), c(404), r(4), c(500)],
                Some("401..=403|405..=499"),
            ),
            (r(2), vec![c(200), c(201), c(299), r(2)], Some("202..=298")),
            (r(2), vec![c(200), c(202)], Some("201|203..=299")),
            (c(404), vec![c(404), r(4)], Some("404")),
            (Status::Default, vec![c(400)], Some("_")),
            (r(1), (100..=199).map(c).collect(), None),
        ];
        for (status, listed, expected) in cases {
            assert_eq!(pattern(status, &listed).as_deref(), expected, "{status}");
        }
    }
}
