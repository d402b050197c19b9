//! `tests/webhook_examples.rs`: a test that each event's example in the API description decodes
//! as its own variant, so that `cargo test` in a generated crate checks its event types against
//! the examples the document gives.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::plan::WebhooksPlan;

/// The test's file in the crate.
pub const WEBHOOK_EXAMPLES: &str = "tests/webhook_examples.rs";

/// The test, when some event has an example; `crate_ident` names the crate (`clerk_webhooks`).
pub fn webhook_examples_rs(plan: &WebhooksPlan, crate_ident: &str) -> Option<TokenStream> {
    let krate = format_ident!("{crate_ident}");
    let (module, name) = (&plan.module, &plan.name);
    let checks: Vec<TokenStream> = (plan.events.iter())
        .filter_map(|event| {
            let example = event.webhook.example.as_ref()?;
            let json = serde_json::to_string(example).ok()?;
            let (key, variant) = (&event.event, &event.variant);
            Some(quote! {
                check(&mut failures, #key, #json, |event| matches!(event, #name::#variant(_)));
            })
        })
        .collect();
    if checks.is_empty() {
        return None;
    }
    Some(quote! {
        //! Each event's example in the API description decodes as its own variant.

        // The examples of deprecated events are checked too.
        #![allow(deprecated)]

        use #krate::#module::#name;

        #[test]
        fn each_event_decodes_its_example_as_its_variant() {
            let mut failures = Vec::new();
            #(#checks)*
            assert!(failures.is_empty(), "{}", failures.join("\n"));
        }

        /// Decodes `json`, the example of the event `name`, and records what went wrong, if
        /// anything: a failure to decode, another variant or another name.
        fn check(failures: &mut Vec<String>, name: &str, json: &str, is: fn(&#name) -> bool) {
            match serde_json::from_str::<#name>(json) {
                Ok(event) if is(&event) && event.name() == name => {}
                Ok(event) => failures.push(format!("`{name}` decodes as another event: {event:?}")),
                Err(error) => failures.push(format!("`{name}` does not decode: {error}")),
            }
        }
    })
}
