//! An example's values as Rust code: of exactly their type, or as an argument or a setter
//! takes them.

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use crate::plan::{Plan, Scope, Value};

/// A value as code of exactly its type.
fn value(plan: &Plan, value: &Value) -> TokenStream {
    let krate = plan.config.crate_ident();
    let scope = Scope::User(&krate);
    match value {
        Value::Str(text) => quote!(#text.to_owned()),
        Value::Int(n) => integer(*n),
        Value::Time { ty, count } => {
            let (ty, count) = (ty.tokens(scope), integer(*count));
            quote!(<#ty>::from(#count))
        }
        Value::Float(f) => float(*f),
        Value::Bool(b) => quote!(#b),
        Value::Json(json) => {
            let json = json_tokens(json);
            quote!(serde_json::json!(#json))
        }
        Value::List { items, ty, .. } if items.is_empty() => empty(ty.tokens(scope)),
        Value::List { items, .. } => {
            let items = items.iter().map(|v| self::value(plan, v));
            quote!(vec![#(#items),*])
        }
        Value::Map { entries, ty, .. } if entries.is_empty() => empty(ty.tokens(scope)),
        Value::Map { entries, .. } => {
            let entries = entries.iter().map(|(k, v)| {
                let v = self::value(plan, v);
                quote!((#k.to_owned(), #v))
            });
            quote!(std::collections::BTreeMap::from([#(#entries),*]))
        }
        // `impl Into<Bytes>` takes a `Vec<u8>`, as read from a file.
        Value::Bytes => quote!(b"content".to_vec()),
        Value::File(name) => {
            let krate = format_ident!("{krate}");
            quote!(#krate::File::new(#name, b"file content".to_vec()))
        }
        Value::Enum { ty, variant } => quote!(models::#ty::#variant),
        Value::Union { ty, variant, value } => {
            let value = self::value(plan, value);
            quote!(models::#ty::#variant(#value))
        }
        Value::Struct { ty, args, sets } => structure(plan, ty, args, sets),
        Value::Boxed(inner) => {
            let inner = self::value(plan, inner);
            quote!(Box::new(#inner))
        }
        Value::Some(inner) => {
            let inner = self::value(plan, inner);
            quote!(Some(#inner))
        }
        Value::None => quote!(None),
        Value::Unit => quote!(()),
        Value::Tuple(items) => {
            let items = items.iter().map(|v| self::value(plan, v));
            quote!((#(#items,)*))
        }
        Value::Param(name) => quote!(#name),
    }
}

/// A value as an argument or setter takes it: `"text"` for a string, `[…]` of the items as
/// arguments for a list (unless it takes any JSON, which takes the list), `[("key", …)]` for
/// a map; anything else as it is.
pub(super) fn argument(plan: &Plan, value: &Value) -> TokenStream {
    match value {
        Value::Str(text) => quote!(#text),
        // `impl Into<Seconds>` (or `UnixTime<…>`) takes the count.
        Value::Time { count, .. } => integer(*count),
        Value::List {
            items, json: false, ..
        } if !items.is_empty() => {
            let items = items.iter().map(|v| argument(plan, v));
            quote!([#(#items),*])
        }
        Value::Map {
            entries,
            json: false,
            ..
        } if !entries.is_empty() => {
            let entries = entries.iter().map(|(k, v)| {
                let v = argument(plan, v);
                quote!((#k, #v))
            });
            quote!([#(#entries),*])
        }
        other => self::value(plan, other),
    }
}

/// An empty list or map of type `ty`, which names its type: an argument cannot infer it.
fn empty(ty: TokenStream) -> TokenStream {
    quote!(<#ty>::new())
}

/// A struct value: `new` with the required fields, then the optional ones set on it.
fn structure(
    plan: &Plan,
    ty: &crate::naming::Name,
    args: &[Value],
    sets: &[(crate::naming::Name, Value)],
) -> TokenStream {
    let base = match args {
        [] => quote!(models::#ty::default()),
        args => {
            let args = args.iter().map(|v| value(plan, v));
            quote!(models::#ty::new(#(#args),*))
        }
    };
    if sets.is_empty() {
        return base;
    }
    let sets = sets.iter().map(|(field, v)| {
        let v = value(plan, v);
        quote!(value.#field = #v;)
    });
    quote!({
        let mut value = #base;
        #(#sets)*
        value
    })
}

/// A float as a literal, with a minus sign before it when it is negative.
fn float(value: f64) -> TokenStream {
    let literal = Literal::f64_unsuffixed(value.abs());
    if value < 0.0 {
        quote!(-#literal)
    } else {
        quote!(#literal)
    }
}

/// An integer as a literal, with a minus sign before it when it is negative.
fn integer(value: i128) -> TokenStream {
    let literal = Literal::u128_unsuffixed(value.unsigned_abs());
    if value < 0 {
        quote!(-#literal)
    } else {
        quote!(#literal)
    }
}

/// A JSON value as the tokens of a `serde_json::json!` invocation.
fn json_tokens(value: &serde_json::Value) -> TokenStream {
    use serde_json::Value as Json;
    match value {
        Json::Null => quote!(null),
        Json::Bool(b) => quote!(#b),
        Json::Number(n) => match (n.as_i64(), n.as_u64(), n.as_f64()) {
            (Some(i), ..) => integer(i.into()),
            (None, Some(u), _) => {
                let literal = Literal::u64_unsuffixed(u);
                quote!(#literal)
            }
            (None, None, Some(f)) => float(f),
            (None, None, None) => quote!(null),
        },
        Json::String(s) => quote!(#s),
        Json::Array(items) => {
            let items = items.iter().map(json_tokens);
            quote!([#(#items),*])
        }
        Json::Object(map) => {
            let entries = map.iter().map(|(k, v)| {
                let v = json_tokens(v);
                quote!(#k: #v)
            });
            quote!({ #(#entries),* })
        }
    }
}
