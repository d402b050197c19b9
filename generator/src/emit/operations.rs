//! `src/{group}.rs`: a group's handle with one method per operation, then each operation's
//! request builder, its success enum when its success bodies differ, and its error type.

use proc_macro2::TokenStream;
use quote::quote;

use super::examples::Examples;
use super::{doc, input_doc, paragraphs, spec};
use crate::error::Result;
use crate::plan::{Group, Input, InputKind, OperationPlan, Plan, Presence, Scope, Success};

pub fn group_rs(plan: &Plan, group: &Group, examples: &Examples) -> Result<TokenStream> {
    let (module, handle, client) = (&group.module, &group.handle, &plan.client);
    let about = spec(group.about);
    let title = match &group.title {
        Some(_) => super::group_title(group),
        None => "Operations without a tag.".to_owned(),
    };
    let module_doc = super::inner_doc(&paragraphs([Some(title.as_str()), about.as_deref()]));
    let handle_doc = doc(&format!(
        "The {module} operations. Get it with [`{client}::{module}`](crate::{client}::{module})."
    ));
    let methods = (group.operations.iter())
        .map(|op| method(plan, op, examples))
        .collect::<Result<Vec<_>>>()?;
    let models = uses_models(group).then(|| {
        quote!(
            use crate::models;
        )
    });
    let mut file = quote! {
        #module_doc
        #models
        use crate::runtime;

        #handle_doc
        #[derive(Debug, Clone, Copy)]
        pub struct #handle<'a> {
            pub(crate) client: &'a runtime::Client,
        }

        impl<'a> #handle<'a> {
            #(#methods)*
        }
    };
    // Moved in, not interpolated: `quote!` would copy every token of every builder.
    for op in &group.operations {
        file.extend(super::builder::builder(plan, op));
    }
    for op in &group.operations {
        if let Success::ByStatus { .. } = &op.success {
            file.extend(super::outcomes::success_enum(op));
        }
        file.extend(super::outcomes::error_enum(plan, op));
        file.extend(super::mock::operation(op));
    }
    Ok(file)
}

/// Whether the group's code names a model (`models::…`): a body model, or a named type in an
/// input, a success or error body, or a page's items.
fn uses_models(group: &Group) -> bool {
    group.operations.iter().any(|op| {
        let success = match &op.success {
            Success::ByStatus { cases, .. } => cases
                .iter()
                .any(|c| c.ty.as_ref().is_some_and(|t| t.names_model())),
            _ => op.returns.names_model(),
        };
        op.body_model.is_some()
            || success
            || op.inputs.iter().any(|i| i.ty.names_model())
            || op
                .errors
                .iter()
                .any(|e| e.ty.as_ref().is_some_and(|t| t.names_model()))
    })
}

/// A struct field initializer, in shorthand where the value is a variable of the same name.
fn init(field: &proc_macro2::Ident, value: TokenStream) -> TokenStream {
    if *field == value.to_string() {
        quote!(#field,)
    } else {
        quote!(#field: #value,)
    }
}

/// The value a builder stores for an input before its setter runs: the argument, converted,
/// for a required one.
fn initial(input: &Input) -> TokenStream {
    match input.presence {
        Presence::Required => {
            let value = input.name.ident();
            super::builder::stored(
                input,
                super::builder::taken(input, quote!(#value), quote!(options)),
            )
        }
        _ => quote!(None),
    }
}

fn method(plan: &Plan, op: &OperationPlan, examples: &Examples) -> Result<TokenStream> {
    let (name, builder) = (&op.method, &op.builder);
    let args = op.arguments().map(|i| {
        let (name, ty) = (&i.name, i.param.tokens(Scope::Crate));
        quote!(#name: #ty)
    });
    // A required value that holds any JSON reports a failed conversion to the options.
    let json = (op.arguments()).any(|i| i.param == crate::plan::Parameter::Json);
    let options = match json {
        true => quote!(options),
        false => quote!(options: Default::default()),
    };
    let let_options = json.then(|| quote!(let mut options = runtime::RequestOptions::default();));
    let params = (op.inputs.iter())
        .filter(|i| !matches!(i.kind, InputKind::BodyField(_)))
        .map(|i| init(&i.name.ident(), initial(i)));
    let body = op.body_model.as_ref().map(|(_, model)| {
        let model = model.tokens(Scope::Crate);
        let fields = op.inputs.iter().filter_map(|input| match input.kind {
            InputKind::BodyField(field) => {
                Some(init(&crate::naming::ident(&field.name), initial(input)))
            }
            _ => None,
        });
        quote!(body: #model { #(#fields)* },)
    });
    let other_bodies =
        super::builder::other_body_fields(op).map(|(name, _, initial)| quote!(#name: #initial,));
    let docs = doc(&method_doc(plan, op, examples)?);
    let deprecated = op.op.deprecated.then(|| quote!(#[deprecated]));
    // The arguments are the operation's required inputs, as many as the document has.
    let many = (op.arguments().count() > 6).then(|| quote!(#[allow(clippy::too_many_arguments)]));
    Ok(quote! {
        #docs
        #deprecated
        #many
        pub fn #name(&self, #(#args),*) -> #builder {
            #let_options
            #builder {
                client: self.client.clone(),
                #(#params)*
                #body
                #(#other_bodies)*
                #options,
            }
        }
    })
}

/// A method's rustdoc: the operation's summary and description, its request line, its
/// credentials and body, its arguments and its example as a doctest.
fn method_doc(plan: &Plan, op: &OperationPlan, examples: &Examples) -> Result<String> {
    let mut text = paragraphs([
        spec(op.op.summary.as_deref()).as_deref(),
        spec(op.op.description.as_deref()).as_deref(),
    ]);
    text.push_str(&format!("\n\n`{} {}`", op.op.method.as_str(), op.op.path));
    if let Some(note) = super::auth::credentials_note(plan.api, op.op) {
        text.push_str(&format!("\n\n{note}"));
    }
    if let Some(note) = super::body_note(op) {
        text.push_str(&format!("\n\n{note}"));
    }
    let arg_docs: Vec<String> = op
        .arguments()
        .map(|i| format!("- `{}`: {}", i.name, first_line(&input_doc(i))))
        .collect();
    if !arg_docs.is_empty() {
        text.push_str("\n\n# Arguments\n\n");
        text.push_str(&arg_docs.join("\n"));
    }
    let example = examples.doctest(op)?;
    let fence = super::fence(&example);
    text.push_str(&format!(
        "\n\n# Example\n\n{fence}no_run\n{example}\n{fence}"
    ));
    Ok(text)
}

fn first_line(text: &str) -> &str {
    text.lines()
        .next()
        .filter(|l| !l.trim().is_empty())
        .unwrap_or("see the type")
}
