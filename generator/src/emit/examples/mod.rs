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

mod values;

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::operations::{Input, InputKind, inputs};
use super::{Context, Presence, group_names};
use crate::error::Result;
use crate::ir::Operation;
use crate::naming::ident;
use values::{Expr, Needs, Source, Values};

/// How many optional inputs an example sets at most.
pub const OPTIONAL: usize = 3;

/// The environment variable the examples read the bearer token from.
pub const TOKEN_ENV: &str = "API_TOKEN";

/// The environment variable `examples/<group>.rs` reads another server URL from.
pub const SERVER_ENV: &str = "API_SERVER_URL";

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
    let module = super::example_name(cx.config, group);
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
