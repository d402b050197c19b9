//! Examples: one call per operation with values from the document, built once from the model
//! and rendered three ways, as the doctest of the operation's method, as the program in its
//! docs page and as a function of `examples/<group>.rs`, so that the three cannot diverge.
//!
//! A value comes from, in this order:
//!
//! 1. the input's own `example` (for a body field, also the property of the body's example);
//! 2. the example of a field or parameter with the same wire name elsewhere in the document,
//!    when it has the input's type and matches its pattern (request bodies rarely have
//!    examples, but the responses that echo them back do);
//! 3. its `default`, or the first value of its `enum`;
//! 4. a string example anywhere in the document that matches its pattern, else a string made
//!    from the pattern; for a number, its bounds;
//! 5. a placeholder of its type: `"<name>"`, `1`, the first variant, a struct built the same
//!    way with its optional fields left out.
//!
//! Every required input is in the example, and up to [`OPTIONAL`] optional ones, those with
//! the best-sourced values first (a value equal to the default counts as a default). A required
//! input with no value at all (only a type that contains itself can have none) becomes a
//! parameter of the example function instead.

use std::cell::Cell;

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};
use serde_json::Value;

use super::operations::{Input, InputKind, inputs};
use super::{Context, Presence, field_presence, group_names};
use crate::error::Result;
use crate::ir::{Field, Hints, IntWidth, Operation, Type, TypeKind};
use crate::naming::ident;

/// How many optional inputs an example sets at most.
pub const OPTIONAL: usize = 3;

/// The environment variable the examples read the bearer token from.
pub const TOKEN_ENV: &str = "API_TOKEN";

/// The environment variable `examples/<group>.rs` reads another server URL from.
pub const SERVER_ENV: &str = "API_SERVER_URL";

/// How deep a struct value may nest inside another: past it a value is given up, which only
/// a type that must contain itself reaches.
const MAX_DEPTH: usize = 8;

/// Where a value came from, best first; optional inputs are chosen by it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Source {
    Example,
    Default,
    Derived,
    Placeholder,
}

/// A value as Rust code: `tokens` has exactly the value's type; `text` is set for a string,
/// which an argument that takes `impl Into<String>` gets as a plain literal.
struct Expr {
    tokens: TokenStream,
    text: Option<String>,
}

impl Expr {
    fn of(tokens: TokenStream) -> Expr {
        Expr { tokens, text: None }
    }

    /// The value passed where the generated code takes `impl Into<…>` for strings and numbers
    /// (see `operations::argument`), or the type itself.
    fn argument(&self) -> TokenStream {
        match &self.text {
            Some(text) => quote!(#text),
            None => self.tokens.clone(),
        }
    }
}

/// An operation's example, ready to be rendered.
#[derive(Debug)]
pub struct Example {
    /// `let response = client.….send().await?;`
    request: TokenStream,
    /// The request, then a statement that prints the response.
    body: TokenStream,
    /// The call with its required arguments only: `api_keys().get_api_keys("…")`.
    call: TokenStream,
    /// Required inputs with no value: `name: Type` parameters of the example function.
    params: Vec<TokenStream>,
    /// Whether the code names `models::…`.
    models: bool,
    /// Whether the code uses a deprecated item.
    deprecated: bool,
    /// Whether [`Example::call`] needs nothing but the client.
    call_simple: bool,
}

/// Builds the example of `op`.
pub fn example(cx: &Context, op: &Operation) -> Example {
    let values = Values::new(cx);
    let inputs = inputs(cx, op);
    let body_example = op.body.as_ref().and_then(|b| b.example.as_ref());
    let mut args = Vec::new();
    let mut params = Vec::new();
    let mut optional = Vec::new();
    // Each value is built on its own, so that only the values used count for what the code
    // needs (`models`, an allowance for deprecated items).
    let mut needs = Needs::default();
    for (index, input) in inputs.iter().enumerate() {
        let extra = match input.kind {
            InputKind::BodyField(_) => body_example.and_then(|b| b.get(&input.wire)),
            InputKind::Body => body_example,
            _ => None,
        };
        let (value, value_needs) =
            values.measured(|| values.value(&input.ty, input.hints, &input.wire, extra, 0));
        if input.presence == Presence::Required {
            needs.add(value_needs);
            needs.deprecated |= input.deprecated;
            match value {
                Some((expr, _)) => args.push(expr.argument()),
                None => {
                    let name = &input.name;
                    let (ty, type_needs) = values.measured(|| values.user_type(&input.ty));
                    needs.add(type_needs);
                    params.push(quote!(#name: #ty));
                    args.push(quote!(#name));
                }
            }
        } else if let Some((expr, source)) = value.filter(|_| !input.deprecated) {
            optional.push((source, index, input, expr, value_needs));
        }
    }
    let call_simple = params.is_empty() && needs == Needs::default() && !op.deprecated;
    // The best-sourced optional inputs, then in their own order; a placeholder only when no
    // input has better, so that the example still shows what a setter looks like.
    optional.sort_by_key(|(source, index, ..)| (*source, *index));
    let best = optional.first().map(|(source, ..)| *source);
    optional.retain(|(source, ..)| *source < Source::Placeholder || best == Some(*source));
    optional.truncate(if best == Some(Source::Placeholder) {
        1
    } else {
        OPTIONAL
    });
    optional.sort_by_key(|(_, index, ..)| *index);
    for (.., value_needs) in &optional {
        needs.add(*value_needs);
    }
    let setters = optional
        .iter()
        .map(|(_, _, input, expr, _)| setter(input, expr));
    let group = group_names(&op.group).module;
    let method = ident(&op.name);
    let call = quote!(#group().#method(#(#args),*));
    let request = quote! {
        let response = client.#call #(#setters)* .send().await?;
    };
    let body = quote! {
        #request
        println!("{} {:#?}", response.status(), response.into_inner());
    };
    Example {
        call_simple,
        request,
        body,
        call,
        params,
        models: needs.models,
        deprecated: needs.deprecated || op.deprecated,
    }
}

/// `.name(value)` for an optional input.
fn setter(input: &Input, expr: &Expr) -> TokenStream {
    let name = &input.name;
    let value = match input.presence {
        // The setter of a value that may be `null` takes an `Option`.
        Presence::OptionalNullable => {
            let tokens = &expr.tokens;
            quote!(Some(#tokens))
        }
        _ => expr.argument(),
    };
    quote!(.#name(#value))
}

impl Example {
    /// Whether the example is a program of its own, needing nothing but the crate and the
    /// client (for the README, which shows one call on its own).
    pub fn is_simple(&self) -> bool {
        self.params.is_empty() && !self.models && !self.deprecated
    }

    /// The call with its required arguments, after `client.`, when it needs nothing but the
    /// client.
    pub fn simple_call(&self) -> Option<&TokenStream> {
        self.call_simple.then_some(&self.call)
    }

    /// The statements of the example after the client is built, as text.
    pub fn statements(&self) -> Result<String> {
        crate::format::statements(self.body.clone())
    }

    /// The statement that sends the request, as text.
    pub fn request(&self) -> Result<String> {
        crate::format::statements(self.request.clone())
    }

    /// `use` lines and the `main` function (or, with parameters, an `example` function).
    fn parts(&self, cx: &Context) -> (TokenStream, TokenStream) {
        let krate = format_ident!("{}", cx.config.crate_ident());
        let client = format_ident!("{}", cx.config.client.name);
        let uses = if self.models {
            quote!(use #krate::{#client, models};)
        } else {
            quote!(use #krate::#client;)
        };
        let allow = self.deprecated.then(|| quote!(#[allow(deprecated)]));
        let body = &self.body;
        let token_env = TOKEN_ENV;
        let function = if self.params.is_empty() {
            quote! {
                #[tokio::main]
                #allow
                async fn main() -> Result<(), Box<dyn std::error::Error>> {
                    let client = #client::builder()
                        .bearer_auth(std::env::var(#token_env)?)
                        .build()?;
                    #body
                    Ok(())
                }
            }
        } else {
            let params = &self.params;
            let names: Vec<String> = self
                .params
                .iter()
                .filter_map(|p| p.clone().into_iter().next())
                .map(|name| format!("`{}`", name.to_string().trim_start_matches("r#")))
                .collect();
            let note = format!(
                " {} has no value simple enough for an example: pass your own.",
                names.join(", ")
            );
            quote! {
                #[doc = #note]
                #allow
                async fn example(client: &#client, #(#params),*) -> Result<(), Box<dyn std::error::Error>> {
                    #body
                    Ok(())
                }
            }
        };
        (uses, function)
    }

    /// The example as a whole program, for the docs pages.
    pub fn program(&self, cx: &Context) -> Result<String> {
        let (uses, function) = self.parts(cx);
        Ok(format!(
            "{}\n{}",
            crate::format::code(uses)?,
            crate::format::code(function)?
        ))
    }

    /// The example as a doctest: the program, with the lines around the call hidden.
    pub fn doctest(&self, cx: &Context) -> Result<String> {
        let (uses, function) = self.parts(cx);
        let function = crate::format::code(function)?;
        let lines: Vec<&str> = function.lines().collect();
        let shown = match lines.iter().position(|l| l.starts_with("async fn main")) {
            // The attributes and signature of `main` and its closing `Ok(())` are hidden.
            Some(signature) if self.params.is_empty() && lines.len() > signature + 2 => {
                let end = lines.len() - 2;
                let mut out: Vec<String> = Vec::new();
                out.extend(lines[..=signature].iter().map(|l| format!("# {l}")));
                out.extend(
                    lines[signature + 1..end]
                        .iter()
                        .map(|l| l.strip_prefix("    ").unwrap_or(l).to_owned()),
                );
                out.extend(lines[end..].iter().map(|l| format!("# {}", l.trim())));
                out.join("\n")
            }
            _ => function.trim_end().to_owned(),
        };
        Ok(format!("{}\n{shown}", crate::format::code(uses)?))
    }

    /// `async fn {method}(client: &Client) -> Result<…>` for `examples/<group>.rs`; `None` for
    /// an example that needs parameters.
    pub fn function(&self, cx: &Context, op: &Operation) -> Option<TokenStream> {
        if !self.params.is_empty() {
            return None;
        }
        let client = format_ident!("{}", cx.config.client.name);
        let name = function_name(op);
        let docs = format!(
            " {}`{} {}`.",
            op.summary
                .as_deref()
                .map(|s| format!("{}: ", super::sanitize(s).replace('\n', " ")))
                .unwrap_or_default(),
            op.method.as_str(),
            op.path
        );
        let allow = self.deprecated.then(|| quote!(#[allow(deprecated)]));
        let body = &self.body;
        Some(quote! {
            #[doc = #docs]
            #allow
            async fn #name(client: &#client) -> Result<(), Box<dyn std::error::Error>> {
                #body
                Ok(())
            }
        })
    }
}

/// `examples/<group>.rs`: a program that calls the group's operations with their examples,
/// the ones that only read (`GET`) unless operations are named on its command line; `None`
/// when no operation's example can run on its own.
pub fn examples_rs(cx: &Context, group: &str, ops: &[&Operation]) -> Option<TokenStream> {
    let runnable: Vec<(&Operation, Example)> = ops
        .iter()
        .map(|op| (*op, example(cx, op)))
        .filter(|(op, example)| example.function(cx, op).is_some())
        .collect();
    if runnable.is_empty() {
        return None;
    }
    let krate = format_ident!("{}", cx.config.crate_ident());
    let client = format_ident!("{}", cx.config.client.name);
    let module = super::docs::page_name(group);
    let uses = if runnable.iter().any(|(_, e)| e.models) {
        quote!(use #krate::{#client, models};)
    } else {
        quote!(use #krate::#client;)
    };
    let functions = runnable.iter().filter_map(|(op, e)| e.function(cx, op));
    let names: Vec<String> = runnable.iter().map(|(op, _)| op.name.clone()).collect();
    let calls = runnable.iter().map(|(op, _)| {
        let name = &op.name;
        let function = function_name(op);
        quote!(#name => #function(&client).await,)
    });
    let reads: Vec<&str> = runnable
        .iter()
        .filter(|(op, _)| op.method == crate::ir::Method::Get)
        .map(|(op, _)| op.name.as_str())
        .collect();
    let server = cx
        .api
        .server_url
        .as_deref()
        .unwrap_or("the client's default");
    let title = if group.trim().is_empty() {
        "operations without a tag".to_owned()
    } else {
        format!("{} operations", super::sanitize(group).replace('\n', " "))
    };
    let docs = format!(
        "Calls the {title} with the values of their documented examples, and prints \
         each response or error.\n\n\
         ```sh\n\
         {TOKEN_ENV}=… cargo run --example {module}                  # the operations that only read\n\
         {TOKEN_ENV}=… cargo run --example {module} -- {first}  # the operations named\n\
         ```\n\n\
         `{TOKEN_ENV}` holds the bearer token. `{SERVER_ENV}`, when set, replaces the server \
         (`{server}`), such as a mock server on your machine. The operations: {list}.",
        first = names[0],
        list = names
            .iter()
            .map(|n| format!("`{n}`"))
            .collect::<Vec<_>>()
            .join(", "),
    );
    let docs = super::inner_doc(&docs);
    let (token_env, server_env) = (TOKEN_ENV, SERVER_ENV);
    let missing = format!("set {TOKEN_ENV} to your API token");
    let unknown = format!("no operation `{{other}}`; there are: {}", names.join(", "));
    Some(quote! {
        #docs

        #uses

        #[tokio::main]
        async fn main() -> Result<(), Box<dyn std::error::Error>> {
            let token = std::env::var(#token_env).map_err(|_| #missing)?;
            let mut builder = #client::builder().bearer_auth(token);
            if let Ok(url) = std::env::var(#server_env) {
                builder = builder.server_url(url);
            }
            let client = builder.build()?;
            let named: Vec<String> = std::env::args().skip(1).collect();
            let names: Vec<&str> = if named.is_empty() {
                vec![#(#reads),*]
            } else {
                named.iter().map(String::as_str).collect()
            };
            let mut failed = 0;
            for name in &names {
                println!("== {name}");
                let outcome = match *name {
                    #(#calls)*
                    other => Err(format!(#unknown).into()),
                };
                if let Err(error) = outcome {
                    eprintln!("{name} failed: {error}");
                    failed += 1;
                }
            }
            if failed > 0 {
                return Err(format!("{failed} of {} calls failed", names.len()).into());
            }
            Ok(())
        }

        #(#functions)*
    })
}

/// The name of an operation's function in `examples/<group>.rs`, clear of `main`.
pub fn function_name(op: &Operation) -> proc_macro2::Ident {
    if op.name == "main" {
        format_ident!("main_operation")
    } else {
        ident(&op.name)
    }
}

/// What a piece of example code needs around it.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
struct Needs {
    /// `use …::models`.
    models: bool,
    /// `#[allow(deprecated)]`.
    deprecated: bool,
}

impl Needs {
    fn add(&mut self, other: Needs) {
        self.models |= other.models;
        self.deprecated |= other.deprecated;
    }
}

/// The value builder: the document's examples, and what the values it built need.
struct Values<'a> {
    cx: &'a Context<'a>,
    /// Every example of a field or parameter, with its wire name, in document order.
    examples: Vec<(&'a str, &'a Value)>,
    models: Cell<bool>,
    deprecated: Cell<bool>,
}

impl<'a> Values<'a> {
    /// Runs `build` and tells what the code it built needs.
    fn measured<T>(&self, build: impl FnOnce() -> T) -> (T, Needs) {
        self.models.set(false);
        self.deprecated.set(false);
        let built = build();
        let needs = Needs {
            models: self.models.get(),
            deprecated: self.deprecated.get(),
        };
        (built, needs)
    }

    fn new(cx: &'a Context<'a>) -> Values<'a> {
        let api = cx.api;
        let fields = api.types.iter().flat_map(|t| match &t.kind {
            TypeKind::Struct(fields) => fields.as_slice(),
            _ => &[],
        });
        let form_fields =
            api.operations
                .iter()
                .flat_map(|op| match op.body.as_ref().map(|b| &b.encoding) {
                    Some(crate::ir::Encoding::Multipart(f) | crate::ir::Encoding::Form(f)) => {
                        f.as_slice()
                    }
                    _ => &[],
                });
        let field_examples = fields
            .chain(form_fields)
            .filter_map(|f| Some((f.wire.as_str(), f.hints.example.as_ref()?)));
        let param_examples = api
            .operations
            .iter()
            .flat_map(|op| &op.params)
            .filter_map(|p| Some((p.wire.as_str(), p.hints.example.as_ref()?)));
        Values {
            cx,
            examples: field_examples.chain(param_examples).collect(),
            models: Cell::new(false),
            deprecated: Cell::new(false),
        }
    }

    /// A value of type `ty` for an input or field named `wire`, and where it came from;
    /// `extra` is an example from around it (the body's example, a parent's example).
    fn value(
        &self,
        ty: &Type,
        hints: &Hints,
        wire: &str,
        extra: Option<&Value>,
        depth: usize,
    ) -> Option<(Expr, Source)> {
        let pattern = hints
            .pattern
            .as_deref()
            .and_then(|p| regex::Regex::new(p).ok());
        let fits_pattern = |v: &Value| match (&pattern, v) {
            (Some(re), Value::String(s)) => re.is_match(s),
            _ => true,
        };
        let borrowed = self
            .examples
            .iter()
            .filter(|(w, _)| *w == wire)
            .map(|(_, v)| *v);
        let candidates = hints
            .example
            .iter()
            .chain(extra)
            .map(|v| (v, Source::Example))
            .chain(borrowed.map(|v| (v, Source::Example)))
            .chain(hints.default.iter().map(|v| (v, Source::Default)))
            .chain(hints.values.first().map(|v| (v, Source::Default)));
        for (candidate, source) in candidates {
            if !fits_pattern(candidate) {
                continue;
            }
            if let Some(expr) = self.json_value(ty, candidate, depth) {
                let source =
                    if source == Source::Example && hints.default.as_ref() == Some(candidate) {
                        Source::Default
                    } else {
                        source
                    };
                return Some((expr, source));
            }
        }
        if let Some(expr) = self.derived(ty, hints, pattern.as_ref()) {
            return Some((expr, Source::Derived));
        }
        self.placeholder(ty, wire, depth)
            .map(|expr| (expr, Source::Placeholder))
    }

    /// A value from the input's pattern or bounds.
    fn derived(&self, ty: &Type, hints: &Hints, pattern: Option<&regex::Regex>) -> Option<Expr> {
        match ty {
            Type::String => {
                let pattern = pattern?;
                let found = self
                    .examples
                    .iter()
                    .filter_map(|(_, v)| v.as_str())
                    .find(|s| pattern.is_match(s))
                    .map(str::to_owned)
                    .or_else(|| from_pattern(pattern.as_str()))
                    .filter(|s| pattern.is_match(s))?;
                Some(string(&found))
            }
            Type::Number | Type::Integer(_) => {
                let number = match (hints.minimum, hints.maximum) {
                    (Some((min, exclusive)), _) => min + if exclusive { 1.0 } else { 0.0 },
                    (None, Some((max, exclusive))) => max - if exclusive { 1.0 } else { 0.0 },
                    (None, None) => return None,
                };
                self.json_value(ty, &serde_json::json!(number.ceil()), 0)
            }
            _ => None,
        }
    }

    /// A value of type `ty` from a JSON example, when the example has that type.
    fn json_value(&self, ty: &Type, value: &Value, depth: usize) -> Option<Expr> {
        match (ty, value) {
            (Type::String, Value::String(s)) => Some(string(s)),
            (Type::Number, Value::Number(n)) => Some(Expr::of(float(n.as_f64()?))),
            (Type::Integer(width), Value::Number(n)) => {
                let n = n.as_i64().or_else(|| {
                    let f = n.as_f64()?;
                    (f.fract() == 0.0 && f.abs() < 9e15).then_some(f as i64)
                })?;
                if *width == IntWidth::I32 && i32::try_from(n).is_err() {
                    return None;
                }
                Some(Expr::of(integer(n)))
            }
            (Type::Boolean, Value::Bool(b)) => Some(Expr::of(quote!(#b))),
            (Type::Any, value) => {
                let json = json_tokens(value);
                Some(Expr::of(quote!(serde_json::json!(#json))))
            }
            (Type::Array(item), Value::Array(values)) => {
                let items = values
                    .iter()
                    .take(3)
                    .map(|v| self.json_value(item, v, depth).map(|e| e.tokens))
                    .collect::<Option<Vec<_>>>()?;
                Some(Expr::of(quote!(vec![#(#items),*])))
            }
            (Type::Map(item), Value::Object(map)) => {
                let entries = map
                    .iter()
                    .take(3)
                    .map(|(k, v)| {
                        let v = self.json_value(item, v, depth)?.tokens;
                        Some(quote!((#k.to_owned(), #v)))
                    })
                    .collect::<Option<Vec<_>>>()?;
                Some(Expr::of(
                    quote!(std::collections::BTreeMap::from([#(#entries),*])),
                ))
            }
            (Type::Named(id), value) => self.named(*id, Some(value), depth),
            _ => None,
        }
    }

    /// A value of a named type, from a JSON example when there is one.
    fn named(&self, id: crate::ir::TypeId, json: Option<&Value>, depth: usize) -> Option<Expr> {
        if depth > MAX_DEPTH {
            return None;
        }
        let def = self.cx.api.ty(id);
        let name = format_ident!("{}", def.name);
        let expr = match &def.kind {
            TypeKind::Enum(variants) => {
                let variant = match json {
                    Some(json) => variants.iter().find(|v| json.as_str() == Some(&v.wire))?,
                    None => variants.first()?,
                };
                let variant = format_ident!("{}", variant.name);
                quote!(models::#name::#variant)
            }
            TypeKind::Union(union) => {
                let (variant, value) = union.variants.iter().find_map(|v| {
                    let value = match json {
                        Some(json) => self.json_value(&v.ty, json, depth + 1),
                        None => self.placeholder(&v.ty, &v.name.to_lowercase(), depth + 1),
                    };
                    Some((v, value?))
                })?;
                let variant = format_ident!("{}", variant.name);
                let value = value.tokens;
                quote!(models::#name::#variant(#value))
            }
            TypeKind::Struct(fields) => {
                let object = match json {
                    Some(Value::Object(object)) => Some(object),
                    Some(_) => return None,
                    None => None,
                };
                let inits = fields
                    .iter()
                    .map(|f| {
                        let value = self.field(f, object.and_then(|o| o.get(&f.wire)), depth)?;
                        let field = ident(&f.name);
                        Some(quote!(#field: #value))
                    })
                    .collect::<Option<Vec<_>>>()?;
                quote!(models::#name { #(#inits),* })
            }
        };
        self.models.set(true);
        Some(Expr::of(expr))
    }

    /// A struct field's initializer: a value for a required field, `None` for an optional one
    /// unless the example around it has it.
    fn field(&self, field: &Field, json: Option<&Value>, depth: usize) -> Option<TokenStream> {
        if field.deprecated {
            self.deprecated.set(true);
        }
        let boxed = |tokens: TokenStream| {
            if field.boxed {
                quote!(Box::new(#tokens))
            } else {
                tokens
            }
        };
        let some = |tokens: TokenStream| quote!(Some(#tokens));
        let none = quote!(None);
        let from_example = |json: &Value| {
            let value = self.json_value(&field.ty, json, depth + 1)?.tokens;
            Some(boxed(value))
        };
        Some(match (field_presence(field), json) {
            (Presence::Required, json) => {
                let (value, _) =
                    self.value(&field.ty, &field.hints, &field.wire, json, depth + 1)?;
                boxed(value.tokens)
            }
            (Presence::RequiredNullable, Some(json)) if !json.is_null() => {
                from_example(json).map_or(none, some)
            }
            (Presence::Optional, Some(json)) => from_example(json).map_or(none, some),
            (Presence::OptionalNullable, Some(Value::Null)) => some(none),
            (Presence::OptionalNullable, Some(json)) => {
                from_example(json).map_or(none.clone(), |v| some(some(v)))
            }
            _ => none,
        })
    }

    /// A value made up from the type alone.
    fn placeholder(&self, ty: &Type, wire: &str, depth: usize) -> Option<Expr> {
        Some(match ty {
            Type::String => string(&format!("<{wire}>")),
            Type::Number => Expr::of(float(1.0)),
            Type::Integer(_) => Expr::of(integer(1)),
            Type::Boolean => Expr::of(quote!(true)),
            Type::Any => Expr::of(quote!(serde_json::json!({}))),
            Type::File => {
                let krate = format_ident!("{}", self.cx.config.crate_ident());
                let name = format!("{wire}.txt");
                Expr::of(quote!(#krate::File::new(#name, b"file content".to_vec())))
            }
            Type::Array(item) => match self.placeholder(item, wire, depth + 1) {
                Some(item) => {
                    let item = item.tokens;
                    Expr::of(quote!(vec![#item]))
                }
                None => Expr::of(quote!(Vec::new())),
            },
            Type::Map(item) => match self.placeholder(item, wire, depth + 1) {
                Some(item) => {
                    let item = item.tokens;
                    Expr::of(quote!(std::collections::BTreeMap::from([(
                        "key".to_owned(),
                        #item
                    )])))
                }
                None => Expr::of(quote!(std::collections::BTreeMap::new())),
            },
            Type::Named(id) => self.named(*id, None, depth + 1)?,
        })
    }

    /// A type as user code spells it, for the parameters of an example.
    fn user_type(&self, ty: &Type) -> TokenStream {
        match ty {
            Type::String => quote!(String),
            Type::Integer(IntWidth::I32) => quote!(i32),
            Type::Integer(IntWidth::I64) => quote!(i64),
            Type::Number => quote!(f64),
            Type::Boolean => quote!(bool),
            Type::Any => quote!(serde_json::Value),
            Type::Array(item) => {
                let item = self.user_type(item);
                quote!(Vec<#item>)
            }
            Type::Map(item) => {
                let item = self.user_type(item);
                quote!(std::collections::BTreeMap<String, #item>)
            }
            Type::File => {
                let krate = format_ident!("{}", self.cx.config.crate_ident());
                quote!(#krate::File)
            }
            Type::Named(id) => {
                self.models.set(true);
                let name = format_ident!("{}", self.cx.api.ty(*id).name);
                quote!(models::#name)
            }
        }
    }
}

fn string(text: &str) -> Expr {
    Expr {
        tokens: quote!(#text.to_owned()),
        text: Some(text.to_owned()),
    }
}

fn float(value: f64) -> TokenStream {
    let literal = Literal::f64_unsuffixed(value.abs());
    if value < 0.0 {
        quote!(-#literal)
    } else {
        quote!(#literal)
    }
}

fn integer(value: i64) -> TokenStream {
    let literal = Literal::u64_unsuffixed(value.unsigned_abs());
    if value < 0 {
        quote!(-#literal)
    } else {
        quote!(#literal)
    }
}

/// A JSON value as the tokens of a `serde_json::json!` invocation.
fn json_tokens(value: &Value) -> TokenStream {
    match value {
        Value::Null => quote!(null),
        Value::Bool(b) => quote!(#b),
        Value::Number(n) => match (n.as_i64(), n.as_u64(), n.as_f64()) {
            (Some(i), ..) => integer(i),
            (None, Some(u), _) => {
                let literal = Literal::u64_unsuffixed(u);
                quote!(#literal)
            }
            (None, None, Some(f)) => float(f),
            (None, None, None) => quote!(null),
        },
        Value::String(s) => quote!(#s),
        Value::Array(items) => {
            let items = items.iter().map(json_tokens);
            quote!([#(#items),*])
        }
        Value::Object(map) => {
            let entries = map.iter().map(|(k, v)| {
                let v = json_tokens(v);
                quote!(#k: #v)
            });
            quote!({ #(#entries),* })
        }
    }
}

/// A string that matches `pattern`: the first branch of each alternation, each repetition
/// at its minimum (at least once), and characters drawn from each class by a fixed sequence
/// (letters and digits where the class has them), so that an identifier pattern gives an
/// identifier that looks like one. `None` for a pattern the `regex` crate cannot read.
fn from_pattern(pattern: &str) -> Option<String> {
    use regex_syntax::hir::{Class, Hir, HirKind};
    fn walk(hir: &Hir, seed: &mut u64, out: &mut String) -> Option<()> {
        match hir.kind() {
            HirKind::Empty | HirKind::Look(_) => {}
            HirKind::Literal(literal) => out.push_str(std::str::from_utf8(&literal.0).ok()?),
            HirKind::Class(Class::Unicode(class)) => {
                let chars: Vec<char> = class
                    .ranges()
                    .iter()
                    .flat_map(|r| r.start()..=r.end())
                    .filter(char::is_ascii_alphanumeric)
                    .collect();
                let chars = if chars.is_empty() {
                    let first = class.ranges().first()?.start();
                    vec![first]
                } else {
                    chars
                };
                // A linear congruential sequence: the same pattern always gives the same string.
                *seed = seed
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1_442_695_040_888_963_407);
                out.push(chars[((*seed >> 33) % chars.len() as u64) as usize]);
            }
            HirKind::Class(Class::Bytes(class)) => {
                let first = class.ranges().first()?.start();
                out.push(char::from(first));
            }
            HirKind::Repetition(repetition) => {
                let count = repetition
                    .min
                    .max(1)
                    .min(repetition.max.unwrap_or(u32::MAX));
                for _ in 0..count.min(256) {
                    walk(&repetition.sub, seed, out)?;
                }
            }
            HirKind::Capture(capture) => walk(&capture.sub, seed, out)?,
            HirKind::Concat(parts) => {
                for part in parts {
                    walk(part, seed, out)?;
                }
            }
            HirKind::Alternation(branches) => walk(branches.first()?, seed, out)?,
        }
        Some(())
    }
    let hir = regex_syntax::Parser::new().parse(pattern).ok()?;
    let mut out = String::new();
    let mut seed = pattern.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    walk(&hir, &mut seed, &mut out)?;
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::from_pattern;

    #[test]
    fn patterns_give_matching_strings() {
        for pattern in [
            r"^(user|org|mch|scim)_\w{27}$",
            r"^(ak|api_key)_[0-9A-Fa-f]{32}$",
            r"^(\S(.*\S)?)?$",
            r"^[a-z]+(-[a-z]+)*$",
            r"^\d{4}-\d{2}-\d{2}$",
        ] {
            let text = from_pattern(pattern).expect("a string");
            let re = regex::Regex::new(pattern).unwrap();
            assert!(re.is_match(&text), "{text:?} does not match {pattern}");
            assert_eq!(from_pattern(pattern), Some(text), "not deterministic");
        }
        assert_eq!(
            from_pattern(r"^(user|org)_\w{3}$").map(|s| s.len()),
            Some(8)
        );
    }
}
