//! The README's example call: which operation it calls, its statements, and what the code
//! around the call needs to compile.

use proc_macro2::TokenStream;
use quote::quote;

use crate::error::Result;
use crate::plan::{Example, Group, OperationPlan, Plan};

/// The README's values about its example call: the statements, the request alone and inside
/// a function, what the code around it needs, and the call's error type; empty texts when the
/// crate has no operation to show.
pub(super) fn values(
    plan: &Plan,
    chosen: Option<(&Group, &OperationPlan)>,
) -> Result<Vec<(&'static str, String)>> {
    let example = chosen.map(|(_, op)| &op.example);
    let (statements, request) = match example {
        Some(example) => (
            super::examples::statements(plan, example)?,
            super::examples::request_text(plan, example)?,
        ),
        None => (String::new(), String::new()),
    };
    let request_in_fn: String = request.lines().map(|l| format!("    {l}\n")).collect();
    let request_in_fn = request_in_fn.trim_end().to_owned();
    // The error type of the operation the examples call.
    let error_type = chosen
        .map(|(group, op)| {
            let (krate, module) = (plan.config.crate_ident(), group.module.code());
            format!("{krate}::{module}::{}", op.error.code())
        })
        .unwrap_or_default();
    let needs = ExampleNeeds::of(plan, example)?;
    let mut values = vec![
        ("example", statements),
        ("request", request),
        ("request_in_fn", request_in_fn),
        ("error_type", error_type),
    ];
    values.extend(needs.values());
    Ok(values)
}

/// The operation whose example the README shows, with its group: the first (reading ones
/// first) whose example needs nothing but the client, else the first that needs least (a
/// `use` of the models, an allowance for deprecated items, values passed in).
pub(super) fn chosen<'p>(plan: &'p Plan) -> Option<(&'p Group<'p>, &'p OperationPlan<'p>)> {
    let mut ops: Vec<_> = plan.operations().collect();
    ops.sort_by_key(|(_, op)| {
        let example = &op.example;
        let needs = (example.params.len(), example.deprecated, example.models);
        (
            !example.is_simple(),
            needs,
            op.op.method != crate::ir::Method::Get,
            op.index,
        )
    });
    ops.into_iter().next()
}

/// What the README's code around the example's call must add for it to compile: the `use` of
/// the models, an allowance for deprecated items, and the values of the inputs the example
/// has no value for, taken as parameters of the function around the call (and passed on).
struct ExampleNeeds {
    uses: String,
    allow: String,
    /// `, name: Type` for each input without a value.
    params: String,
    /// The same without the first comma, for a function of no other parameter.
    param_list: String,
    /// `, name` for each.
    args: String,
}

impl ExampleNeeds {
    /// The README's values of these needs, and the opening and closing of the test-double
    /// example's function that follow from them.
    fn values(self) -> Vec<(&'static str, String)> {
        vec![
            ("mock_test_open", self.mock_test_open()),
            ("mock_test_close", self.mock_test_close().to_owned()),
            ("example_uses", self.uses),
            ("example_allow", self.allow),
            ("example_params", self.params),
            ("example_param_list", self.param_list),
            ("example_args", self.args),
        ]
    }

    /// The opening of the test-double example's function: a test that runs, or, when the
    /// call needs values the example has none for, a function of them that is only compiled.
    fn mock_test_open(&self) -> String {
        match self.param_list.is_empty() {
            true => "# #[tokio::main]\n# async fn main() {\n".to_owned(),
            false => format!("# async fn test({}) {{\n", self.param_list),
        }
    }

    /// The closing of the test-double example's function, and the `main` a doctest needs
    /// when the function is not itself the test.
    fn mock_test_close(&self) -> &'static str {
        match self.param_list.is_empty() {
            true => "# }\n# #[cfg(not(feature = \"test-util\"))]\n# fn main() {}\n",
            false => "# }\n# fn main() {}\n",
        }
    }

    /// What the code around the call of `example` needs; nothing when there is no example.
    fn of(plan: &Plan, example: Option<&Example>) -> Result<ExampleNeeds> {
        let krate = plan.config.crate_ident();
        let Some(example) = example else {
            return Ok(ExampleNeeds {
                uses: String::new(),
                allow: String::new(),
                params: String::new(),
                param_list: String::new(),
                args: String::new(),
            });
        };
        let scope = crate::plan::Scope::User(&krate);
        let typed = (example.params.iter())
            .map(|(name, ty)| Ok(format!("{}: {}", name.code(), type_text(ty.tokens(scope))?)))
            .collect::<Result<Vec<_>>>()?;
        let params = typed.iter().map(|p| format!(", {p}")).collect();
        Ok(ExampleNeeds {
            param_list: typed.join(", "),
            uses: match example.models {
                true => format!("use {krate}::models;\n"),
                false => String::new(),
            },
            allow: match example.deprecated {
                true => "# #[allow(deprecated)]\n".to_owned(),
                false => String::new(),
            },
            args: (example.params.iter())
                .map(|(name, _)| format!(", {}", name.code()))
                .collect(),
            params,
        })
    }
}

/// A type as prettyplease writes it: `Vec<models::Node>`.
fn type_text(ty: TokenStream) -> Result<String> {
    let item = crate::format::code(quote!(type T = #ty;))?;
    let text = item
        .trim()
        .strip_prefix("type T = ")
        .and_then(|t| t.strip_suffix(';'));
    Ok(text.unwrap_or_default().to_owned())
}
