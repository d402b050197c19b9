//! `src/lib.rs`: the crate root, the client's defaults and its group accessors.

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use super::{doc, inner_doc, paragraphs, spec};
use crate::config::RetriesConfig;
use crate::ir::{Retries, Status};
use crate::plan::{Group, Plan};

/// `src/lib.rs`; `readme` is the crate's README, which becomes the crate's documentation.
pub fn lib_rs(plan: &Plan, readme: &str) -> TokenStream {
    if plan.api.operations.is_empty() {
        return without_client(plan, readme);
    }
    // The crate's page on docs.rs is its README, whose examples are then its doctests.
    let intro = inner_doc(&crate_docs(plan, readme));
    let modules = modules(plan);
    let exports = exports(plan);
    let printing = printing(plan);
    let client = client_impl(plan);
    let setters = super::auth::setters(plan);
    let error_body = error_body(plan);
    quote! {
        #intro
        #![warn(missing_docs)]
        // The crate's one policy on deprecation: its own code (constructors, builders,
        // `Debug`) fills in and reads deprecated fields, so no item repeats this allow;
        // users of a deprecated field still get the warning.
        #![allow(deprecated)]

        // The runtime comes by module, each whole: what of a module this API does not use is
        // never built into machine code, and is not dead code to fix. Without a group's
        // feature, what only the groups' code uses is unused the same way.
        #[allow(dead_code, unused_imports)]
        mod runtime;

        #(#modules)*
        pub mod models;

        #exports

        #printing

        #client

        #setters

        #error_body
    }
}

/// The declarations of the groups' and the webhooks' modules, each behind its feature.
fn modules(plan: &Plan) -> Vec<TokenStream> {
    let gate = |gate| super::features::cfg(&gate);
    (plan.groups.iter().map(|g| (&g.module, gate(g.gate()))))
        .chain((plan.webhooks.iter()).map(|w| (&w.module, gate(w.gate.clone()))))
        .map(|(module, cfg)| quote!(#cfg pub mod #module;))
        .collect()
}

/// The crate's re-exports: `reqwest`, the client and its builder under the config's names,
/// the runtime's public items and those of the runtime modules the API uses, and the mock
/// server behind `test-util`.
fn exports(plan: &Plan) -> TokenStream {
    let (client, builder) = (&plan.client, &plan.builder);
    let exports = crate::runtime::EXPORTS
        .iter()
        .map(|name| format_ident!("{name}"));
    let module_exports = plan
        .runtime
        .iter()
        .flat_map(|m| m.exports())
        .map(|(path, name)| {
            let (path, name) = (format_ident!("{path}"), format_ident!("{name}"));
            quote!(pub use runtime::#path::#name;)
        });
    quote! {
        pub use reqwest;
        pub use runtime::Client as #client;
        pub use runtime::ClientBuilder as #builder;
        pub use runtime::{#(#exports),*};
        #(#module_exports)*
        #[cfg(feature = "test-util")]
        pub use runtime::mock;
    }
}

/// The client's own methods: `builder()` with the API's defaults, `from_env()` when the
/// config names a token's environment variable, and the accessor of each group, behind the
/// group's feature.
fn client_impl(plan: &Plan) -> TokenStream {
    let (api, client) = (plan.api, &plan.client);
    let builder = builder(plan);
    let from_env = plan.config.client.token_env.as_deref().and_then(|var| {
        let scheme = super::auth::token_scheme(api)?;
        let crate_name = format_ident!("{}", plan.config.crate_ident());
        Some(from_env(&crate_name, client, &scheme.setter, var))
    });
    let accessors = (plan.groups.iter()).map(|group| {
        let cfg = super::features::cfg(&group.gate());
        let accessor = accessor(plan, group);
        quote!(#cfg #accessor)
    });
    quote! {
        impl #client {
            #builder

            #from_env

            #(#accessors)*
        }
    }
}

/// `builder()`: a client builder with the API's defaults, its server URL, user agent,
/// headers, retry policy, printing of errors and security schemes.
fn builder(plan: &Plan) -> TokenStream {
    let (api, config) = (plan.api, plan.config);
    let (client_name, builder_ty) = (plan.client.as_str(), &plan.builder);
    let server_url = api.server_url.clone().unwrap_or_default();
    let user_agent = format!("{}/{}", config.client.user_agent, config.krate.version);
    let headers = headers(plan);
    let retries = retries(crate::plan::default_retries(api, config), &config.retries);
    let schemes = super::auth::defaults(api);
    quote! {
        /// A builder with the API's defaults: its server URL, retry policy and headers.
        pub fn builder() -> #builder_ty {
            runtime::Defaults {
                name: #client_name,
                server_url: #server_url,
                user_agent: #user_agent,
                headers: &[#(#headers),*],
                retries: #retries,
                printing: PRINTING,
                #schemes
            }
            .builder()
        }
    }
}

/// The root of a crate without operations (a document of webhooks only): its models and
/// webhooks, and no client.
fn without_client(plan: &Plan, readme: &str) -> TokenStream {
    let intro = inner_doc(&crate_docs(plan, readme));
    let webhooks = plan.webhooks.as_ref().map(|w| &w.module).into_iter();
    quote! {
        #intro
        #![warn(missing_docs)]
        // As in every generated crate: its own code fills in and reads deprecated fields.
        #![allow(deprecated)]

        // The runtime comes by module, each whole: what of a module this crate does not use
        // is never built into machine code, and is not dead code to fix.
        #[allow(dead_code)]
        mod runtime;

        pub mod models;
        #(pub mod #webhooks;)*
    }
}

/// `PRINTING`, how the crate's errors print responses (the fields that hold secrets hidden)
/// and where they find the API's id of a request, in the config's order.
fn printing(plan: &Plan) -> TokenStream {
    use crate::config::RequestIdSource;
    let sensitive = &plan.config.models.sensitive_fields;
    let sources = plan
        .config
        .errors
        .request_id
        .iter()
        .map(|source| match source {
            RequestIdSource::Body(pointer) => quote!(runtime::details::RequestId::Body(#pointer)),
            RequestIdSource::Header(name) => quote!(runtime::details::RequestId::Header(#name)),
        });
    quote! {
        /// How the crate's errors print responses and where they find the API's id of a
        /// request: every client's and every error's, those built by hand included.
        const PRINTING: runtime::Printing = runtime::Printing {
            sensitive_fields: &[#(#sensitive),*],
            request_id: &[#(#sources),*],
        };
    }
}

/// `error_body()` on every error, when every documented error carries the same model; behind
/// the model's features.
fn error_body(plan: &Plan) -> Option<TokenStream> {
    let ty = plan.error_body.as_ref()?;
    let cfg = match ty {
        crate::plan::RustType::Model(id, _) => super::features::cfg(&plan.model(*id).gate),
        _ => None,
    };
    let name = ty.to_string();
    let ty = ty.tokens(crate::plan::Scope::Crate);
    let docs = doc(&format!(
        "The body of a documented error status, the [`{name}`](models::{name}) that every \
         operation documents for its errors, without matching the operation's error type; \
         `None` for an error without one."
    ));
    Some(quote! {
        #cfg
        impl<E: runtime::details::Documented> SdkError<E> {
            #docs
            pub fn error_body(&self) -> Option<&#ty> {
                let body = runtime::details::Documented::error_body(self.api_error()?)?;
                runtime::details::ErrorBody::as_any(body).downcast_ref()
            }
        }
    })
}

/// `from_env()`: a client with the API's defaults and the token of the scheme whose setter is
/// `setter` from the environment variable `var`. It returns what `build()` returns.
fn from_env(
    crate_name: &proc_macro2::Ident,
    client: &crate::naming::Name,
    setter: &str,
    var: &str,
) -> TokenStream {
    let env_setter = format_ident!("{setter}_env");
    let text = format!(
        "A client with the API's defaults and the credential from the environment variable \
         `{var}`: the same as `{client}::builder().{env_setter}(\"{var}\").build()`.\n\n\
         # Errors\n\n\
         [`Error::Config`], naming `{var}`, when the variable is not set, not Unicode or blank.\n\n\
         ```no_run\n\
         # fn example() -> Result<(), Box<dyn std::error::Error>> {{\n\
         let client = {crate_name}::{client}::from_env()?;\n\
         # Ok(())\n\
         # }}\n\
         ```"
    );
    let docs = doc(&text);
    quote! {
        #docs
        pub fn from_env() -> Result<#client, Error> {
            Self::builder().#env_setter(#var).build()
        }
    }
}

/// The client's method that returns a group's handle.
fn accessor(plan: &Plan, group: &Group) -> TokenStream {
    let (module, handle) = (&group.module, &group.handle);
    let about = spec(plan.api.group_docs.get(group.wire).map(String::as_str));
    let text = paragraphs([
        Some(&*format!("The {} operations.", module.code())),
        about.as_deref(),
    ]);
    let docs = doc(&text);
    quote! {
        #docs
        pub fn #module(&self) -> #module::#handle<'_> {
            #module::#handle { client: self }
        }
    }
}

/// The headers every request carries: the API version header, then the configured ones.
fn headers(plan: &Plan) -> Vec<TokenStream> {
    let client = &plan.config.client;
    let version_header = client
        .api_version_header
        .iter()
        .map(|name| (name.as_str(), plan.api.version.as_str()));
    let config_headers = client.headers.iter().map(|(n, v)| (n.as_str(), v.as_str()));
    version_header
        .chain(config_headers)
        .map(|(name, value)| quote!((#name, #value)))
        .collect()
}

/// The default retry policy, from `x-speakeasy-retries` and the config's bounds.
fn retries(retries: Option<&Retries>, bounds: &RetriesConfig) -> TokenStream {
    let Some(r) = retries else {
        return quote!(None);
    };
    let [initial, max, elapsed] =
        [r.initial_interval_ms, r.max_interval_ms, r.max_elapsed_ms].map(Literal::u64_unsuffixed);
    let exponent = Literal::f64_unsuffixed(r.exponent);
    let statuses = r.status_codes.iter().map(|status| match status {
        Status::Code(code) => {
            let code = Literal::u16_unsuffixed(*code);
            quote!(StatusMatch::Code(#code))
        }
        Status::Range(class) => {
            let class = Literal::u8_unsuffixed(*class);
            quote!(StatusMatch::Class(#class))
        }
        Status::Default => quote!(),
    });
    let connection = r.retry_connection_errors;
    let attempts = Literal::u32_unsuffixed(bounds.max_attempts);
    let deadline = Literal::u64_unsuffixed(bounds.deadline_ms);
    quote!(Some(RetryConfig {
        initial_interval: std::time::Duration::from_millis(#initial),
        max_interval: std::time::Duration::from_millis(#max),
        exponent: #exponent,
        max_elapsed_time: Some(std::time::Duration::from_millis(#elapsed)),
        max_attempts: Some(#attempts),
        deadline: Some(std::time::Duration::from_millis(#deadline)),
        status_codes: vec![#(#statuses),*],
        retry_connection_errors: #connection,
        retry_non_idempotent: false,
    }))
}

/// The README as the crate's documentation: without its generated-file comment, with its links
/// to the docs pages turned into links to the pages of the modules they describe, and its links to the
/// crate's files into links to them on docs.rs.
fn crate_docs(plan: &Plan, readme: &str) -> String {
    let text = match readme.strip_prefix("<!--") {
        Some(rest) => rest.split_once("-->").map_or(rest, |(_, after)| after),
        None => readme,
    };
    let krate = &plan.config.krate;
    let mut out = String::with_capacity(text.len());
    let mut rest = text.trim_start();
    while let Some(at) = rest.find("](") {
        let (before, after) = rest.split_at(at + 2);
        out.push_str(before);
        let end = after.find(')').unwrap_or(after.len());
        let (target, tail) = after.split_at(end);
        let page = target.split('#').next().unwrap_or(target);
        let module = page
            .strip_prefix("docs/")
            .and_then(|p| p.strip_suffix(".md"))
            .and_then(|p| match p {
                "models" => Some("models".to_owned()),
                p if plan
                    .webhooks
                    .as_ref()
                    .is_some_and(|w| w.module.as_str() == p) =>
                {
                    Some(p.to_owned())
                }
                _ => plan
                    .groups
                    .iter()
                    .find(|g| g.page == p)
                    .map(|g| g.module.code()),
            });
        // A URL rather than an intra-doc path: a module named by a raw identifier (`r#match`)
        // has no path rustdoc resolves, but its page is `match/index.html`.
        match module {
            Some(module) => {
                let page = module.trim_start_matches("r#");
                out.push_str(&format!("{page}/index.html"));
            }
            None if target.starts_with("examples/") => out.push_str(&format!(
                "https://docs.rs/crate/{}/{}/source/{target}",
                krate.name, krate.version
            )),
            None => out.push_str(target),
        }
        rest = tail;
    }
    out.push_str(rest);
    out
}
