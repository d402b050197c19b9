//! `src/lib.rs`: the crate root, the client's defaults and its group accessors.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::{Context, doc, group_names, inner_doc, paragraphs, sanitize, spec};
use crate::ir::Status;

pub fn lib_rs(cx: &Context) -> TokenStream {
    let api = cx.api;
    let client = format_ident!("{}", cx.config.client.name);
    let crate_name = format_ident!("{}", cx.config.crate_ident());
    let groups = api.groups();
    let modules = groups.keys().map(|g| group_names(g).module);
    let first_group = groups.keys().next().map(|g| group_names(g).module);
    let accessors = groups.keys().map(|group| {
        let names = group_names(group);
        let (module, handle) = (&names.module, &names.handle);
        let about = spec(api.group_docs.get(*group).map(String::as_str));
        let text = paragraphs([
            Some(&*format!("The {module} operations.")),
            about.as_deref(),
        ]);
        let docs = doc(&text);
        quote! {
            #docs
            pub fn #module(&self) -> #module::#handle<'_> {
                #module::#handle { client: self }
            }
        }
    });
    let intro = paragraphs([
        Some(&*format!("# {}", sanitize(&api.title))),
        spec(api.description.as_deref()).as_deref(),
        Some(&*format!(
            "This crate was generated from version `{}` of the API description.",
            api.version
        )),
    ]);
    let intro = inner_doc(&intro);
    let example = quick_start(&crate_name, &client, first_group.as_ref());
    let server_url = api.server_url.clone().unwrap_or_default();
    let user_agent = format!(
        "{}/{}",
        cx.config.client.user_agent, cx.config.krate.version
    );
    let version_header = cx
        .config
        .client
        .api_version_header
        .iter()
        .map(|name| (name.as_str(), api.version.as_str()));
    let config_headers = cx
        .config
        .client
        .headers
        .iter()
        .map(|(n, v)| (n.as_str(), v.as_str()));
    let headers = version_header
        .chain(config_headers)
        .map(|(name, value)| quote!((#name, #value)));
    let retries = match &api.retries {
        None => quote!(::std::option::Option::None),
        Some(r) => {
            let (initial, max, elapsed, exponent) = (
                r.initial_interval_ms,
                r.max_interval_ms,
                r.max_elapsed_ms,
                r.exponent,
            );
            let statuses = r.status_codes.iter().map(|status| match status {
                Status::Code(code) => quote!(StatusMatch::Code(#code)),
                Status::Range(class) => quote!(StatusMatch::Class(#class)),
                Status::Default => quote!(),
            });
            let connection = r.retry_connection_errors;
            quote!(::std::option::Option::Some(RetryConfig {
                initial_interval: ::std::time::Duration::from_millis(#initial),
                max_interval: ::std::time::Duration::from_millis(#max),
                exponent: #exponent,
                max_elapsed_time: ::std::time::Duration::from_millis(#elapsed),
                max_attempts: ::std::option::Option::None,
                status_codes: ::std::vec![#(#statuses),*],
                retry_connection_errors: #connection,
            }))
        }
    };
    let sensitive = &cx.config.models.sensitive_fields;
    quote! {
        #intro
        #example
        #![warn(missing_docs)]
        // The crate fills in deprecated fields itself; users still get the warnings.
        #![allow(deprecated)]

        // Before the groups, whose builders invoke its `call_options!`.
        #[macro_use]
        mod runtime;

        #(pub mod #modules;)*
        pub mod models;

        pub use reqwest;
        pub use runtime::Client as #client;
        pub use runtime::{
            AfterError, AfterResponse, ApiError, BeforeAttempt, BoxError, ClientBuilder, DecodeError,
            Error, File, ResponseValue, RetryConfig, SDKError, StatusMatch,
        };

        impl #client {
            /// A builder with the API's defaults: its server URL, retry policy and headers.
            pub fn builder() -> ClientBuilder {
                runtime::Defaults {
                    server_url: #server_url,
                    user_agent: #user_agent,
                    headers: &[#(#headers),*],
                    retries: #retries,
                    sensitive_fields: &[#(#sensitive),*],
                }
                .builder()
            }

            #(#accessors)*
        }
    }
}

/// The crate-level quick start, compiled as a doctest.
fn quick_start(
    crate_name: &proc_macro2::Ident,
    client: &proc_macro2::Ident,
    group: Option<&proc_macro2::Ident>,
) -> TokenStream {
    let group_line = group.map(|g| format!(" let {g} = client.{g}();"));
    let lines = [
        Some(String::new()),
        Some(" # Quick start".to_owned()),
        Some(String::new()),
        Some(" ```no_run".to_owned()),
        Some(" # async fn example() -> Result<(), Box<dyn std::error::Error>> {".to_owned()),
        Some(format!(" let client = {crate_name}::{client}::builder()")),
        Some("     .bearer_auth(std::env::var(\"API_TOKEN\")?)".to_owned()),
        Some("     .build()?;".to_owned()),
        group_line,
        Some(" # Ok(())".to_owned()),
        Some(" # }".to_owned()),
        Some(" ```".to_owned()),
    ];
    let lines = lines.into_iter().flatten();
    quote!(#(#![doc = #lines])*)
}
