//! Renders the plan's examples: as the doctest of an operation's method, as the program in
//! its docs page, and as `examples/<group>.rs`, a program that runs a group's examples.

use std::collections::BTreeMap;

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::auth::{example_credentials, first_credentials};
use crate::error::Result;
use crate::plan::{Example, Group, OperationPlan, Plan, Scope};

mod values;

use values::argument;

/// The environment variable `examples/<group>.rs` reads another server URL from.
pub const SERVER_ENV: &str = "API_SERVER_URL";

/// Every operation's example as formatted text, formatted once and shown three ways: as the
/// doctest of its method, as the program in its docs page and (the call) in the README.
#[derive(Debug)]
pub struct Examples {
    /// The `use` lines and the function, by operation index.
    texts: BTreeMap<usize, (String, String)>,
}

impl Examples {
    /// Every operation's example of `plan`, formatted.
    pub fn new(plan: &Plan) -> Result<Examples> {
        let texts = plan
            .operations()
            .map(|(_, op)| {
                let (uses, function) = parts(plan, &op.example);
                let text = (crate::format::code(uses)?, crate::format::code(function)?);
                Ok((op.index, text))
            })
            .collect::<Result<_>>()?;
        Ok(Examples { texts })
    }

    /// The `use` lines and the function of the example of `op`; empty for an operation
    /// without one.
    fn text(&self, op: &OperationPlan) -> (&str, &str) {
        self.texts
            .get(&op.index)
            .map_or(("", ""), |(uses, function)| (uses, function))
    }

    /// The example as a whole program, for the docs pages.
    pub fn program(&self, op: &OperationPlan) -> String {
        let (uses, function) = self.text(op);
        format!("{uses}\n{function}")
    }

    /// The example as a doctest: the program, with the lines around the call hidden.
    pub fn doctest(&self, op: &OperationPlan) -> Result<String> {
        let (uses, function) = self.text(op);
        let lines: Vec<&str> = function.lines().collect();
        let shown = match lines.iter().position(|l| l.starts_with("async fn main")) {
            // The attributes and signature of `main` and its closing `Ok(())` are hidden.
            Some(signature) if op.example.params.is_empty() && lines.len() > signature + 2 => {
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
        Ok(format!("{uses}\n{shown}"))
    }
}

/// `let response = client.….send().await?;`
fn request(plan: &Plan, example: &Example) -> TokenStream {
    let call = call(plan, example);
    let setters = example.setters.iter().map(|(name, value)| {
        let value = argument(plan, value);
        quote!(.#name(#value))
    });
    quote! {
        let response = client.#call #(#setters)* .send().await?;
    }
}

/// The call with its required arguments: `api_keys().get_api_key("…")`.
fn call(plan: &Plan, example: &Example) -> TokenStream {
    let (group, method) = (&example.group, &example.method);
    let args = example.args.iter().map(|v| argument(plan, v));
    quote!(#group().#method(#(#args),*))
}

/// The request, then a statement that prints the response.
fn body(plan: &Plan, example: &Example) -> TokenStream {
    let request = request(plan, example);
    quote! {
        #request
        println!("{} {:#?}", response.status(), response.into_inner());
    }
}

/// The statements of the example after the client is built, as text.
pub(super) fn statements(plan: &Plan, example: &Example) -> Result<String> {
    crate::format::statements(body(plan, example))
}

/// The statement that sends the request, as text.
pub(super) fn request_text(plan: &Plan, example: &Example) -> Result<String> {
    crate::format::statements(request(plan, example))
}

/// The call with its required arguments, after `client.`, when it needs nothing but the
/// client.
pub(super) fn simple_call(plan: &Plan, example: &Example) -> Option<TokenStream> {
    example.call_is_simple().then(|| call(plan, example))
}

/// `use` lines and the `main` function (or, with parameters, an `example` function).
fn parts(plan: &Plan, example: &Example) -> (TokenStream, TokenStream) {
    let krate = format_ident!("{}", plan.config.crate_ident());
    let client = &plan.client;
    let uses = if example.models {
        quote!(use #krate::{#client, models};)
    } else {
        quote!(use #krate::#client;)
    };
    let allow = example.deprecated.then(|| quote!(#[allow(deprecated)]));
    let body = body(plan, example);
    let credentials = example_credentials(plan.api, &example.credentials)
        .calls(|var| quote!(std::env::var(#var)?));
    let function = if example.params.is_empty() {
        quote! {
            #[tokio::main]
            #allow
            async fn main() -> Result<(), Box<dyn std::error::Error>> {
                let client = #client::builder()
                    #credentials
                    .build()?;
                #body
                Ok(())
            }
        }
    } else {
        let krate = plan.config.crate_ident();
        let params = example.params.iter().map(|(name, ty)| {
            let ty = ty.tokens(Scope::User(&krate));
            quote!(#name: #ty)
        });
        let names: Vec<String> = example
            .params
            .iter()
            .map(|(name, _)| format!("`{name}`"))
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

/// `async fn {method}(client: &Client) -> Result<…>` for `examples/<group>.rs`; `None` for
/// an example that needs parameters.
fn function(plan: &Plan, op: &OperationPlan) -> Option<TokenStream> {
    let example = &op.example;
    if !example.params.is_empty() {
        return None;
    }
    let client = &plan.client;
    let name = &op.example_fn;
    let op = op.op;
    let docs = format!(
        " {}`{} {}`.",
        op.summary
            .as_deref()
            .map(|s| format!("{}: ", super::sanitize(s).replace('\n', " ")))
            .unwrap_or_default(),
        op.method.as_str(),
        op.path
    );
    let allow = example.deprecated.then(|| quote!(#[allow(deprecated)]));
    let body = body(plan, example);
    Some(quote! {
        #[doc = #docs]
        #allow
        async fn #name(client: &#client) -> Result<(), Box<dyn std::error::Error>> {
            #body
            Ok(())
        }
    })
}

/// Whether `examples/<group>.rs` exists: some operation's example can run on its own.
pub fn runnable(group: &Group) -> bool {
    group
        .operations
        .iter()
        .any(|op| op.example.params.is_empty())
}

/// `examples/<group>.rs`: a program that calls the group's operations with their examples,
/// the ones that only read (`GET`) unless operations are named on its command line; `None`
/// when no operation's example can run on its own.
pub fn examples_rs(plan: &Plan, group: &Group) -> Option<TokenStream> {
    let runnable: Vec<(&OperationPlan, TokenStream)> = group
        .operations
        .iter()
        .filter_map(|op| Some((op, function(plan, op)?)))
        .collect();
    if runnable.is_empty() {
        return None;
    }
    let krate = format_ident!("{}", plan.config.crate_ident());
    let client = &plan.client;
    let uses = if runnable.iter().any(|(op, _)| op.example.models) {
        quote!(use #krate::{#client, models};)
    } else {
        quote!(use #krate::#client;)
    };
    let functions = runnable.iter().map(|(_, function)| function);
    let names: Vec<&str> = runnable.iter().map(|(op, _)| op.method.as_str()).collect();
    let calls = runnable.iter().map(|(op, _)| {
        let name = op.method.as_str();
        let function = &op.example_fn;
        quote!(#name => #function(&client).await,)
    });
    let reads: Vec<&str> = runnable
        .iter()
        .filter(|(op, _)| op.op.method == crate::ir::Method::Get)
        .map(|(op, _)| op.method.as_str())
        .collect();
    let docs = super::inner_doc(&program_doc(plan, group, &names));
    let main = main_fn(plan, client, &names, &reads, calls);
    Some(quote! {
        #docs

        #uses

        #main

        #(#functions)*
    })
}

/// The doc of `examples/<group>.rs`: what it runs and how to run it.
fn program_doc(plan: &Plan, group: &Group, names: &[&str]) -> String {
    let module = &group.example;
    let server = plan
        .api
        .server_url
        .as_deref()
        .unwrap_or("the client's default");
    let title = match &group.title {
        Some(_) => format!("{} operations", super::group_title(group)),
        None => "operations without a tag".to_owned(),
    };
    let credentials = first_credentials(plan.api);
    let vars = credentials.vars();
    let env: String = vars.iter().map(|v| format!("{v}=… ")).collect();
    let holds = match vars.as_slice() {
        [] => String::new(),
        [var] => format!("`{var}` holds the credential. "),
        vars => format!(
            "{} hold the credentials, in that order. ",
            vars.iter()
                .map(|v| format!("`{v}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    let docs = format!(
        "Calls the {title} with the values of their documented examples, and prints \
         each response or error.\n\n\
         ```sh\n\
         {env}cargo run --example {module}                  # the operations that only read\n\
         {env}cargo run --example {module} -- {first}  # the operations named\n\
         ```\n\n\
         {holds}`{SERVER_ENV}`, when set, replaces the server \
         (`{server}`), such as a mock server on your machine. The operations: {list}.",
        first = names[0],
        list = names
            .iter()
            .map(|n| format!("`{n}`"))
            .collect::<Vec<_>>()
            .join(", "),
    );
    docs
}

/// The program's `main`: the client from the environment, then the operations named on the
/// command line (or those in `reads`), each by its function in `calls`.
fn main_fn(
    plan: &Plan,
    client: &crate::naming::Name,
    names: &[&str],
    reads: &[&str],
    calls: impl Iterator<Item = TokenStream>,
) -> TokenStream {
    let server_env = SERVER_ENV;
    let credentials = first_credentials(plan.api).calls(|var| {
        let missing = format!("set {var} to your credential");
        quote!(std::env::var(#var).map_err(|_| #missing)?)
    });
    let unknown = format!("no operation `{{other}}`; there are: {}", names.join(", "));
    quote! {
        #[tokio::main]
        async fn main() -> Result<(), Box<dyn std::error::Error>> {
            let mut builder = #client::builder()#credentials;
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
    }
}
