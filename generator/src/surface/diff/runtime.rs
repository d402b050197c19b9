//! What changed in the runtime's public types, compared once written the same way.

use std::collections::BTreeMap;

use super::pairs::{Pair, pairs};
use crate::surface::RuntimeItem;

/// What changed in the runtime's public types. A new type, method or trait is compatible; a
/// new field or variant is too when users cannot build or match the type exhaustively
/// (`sealed`); anything removed or changed is breaking.
pub(super) fn changes(
    old: &BTreeMap<String, RuntimeItem>,
    new: &BTreeMap<String, RuntimeItem>,
    add: &mut impl FnMut(String, &str, bool),
) {
    for (name, change) in pairs(old, new) {
        let item = format!("runtime type `{name}`");
        let (a, b) = match change {
            Pair::Added(_) => {
                add(item, "added", false);
                continue;
            }
            Pair::Removed => {
                add(item, "removed", true);
                continue;
            }
            Pair::Both(a, b) => (a, b),
        };
        if a.kind != b.kind {
            // A new kind of item: what it had and has are not comparable member by member.
            let what = match b.members.get("=") {
                Some(target) => format!("{} → type `{target}`", a.kind),
                None => format!("{} → {}", a.kind, b.kind),
            };
            add(item, &what, true);
            continue;
        }
        if a.sealed != b.sealed {
            let what = match b.sealed {
                true => "can no longer be built or matched exhaustively",
                false => "can now be built or matched exhaustively",
            };
            add(item.clone(), what, b.sealed);
        }
        for (member, change) in pairs(&a.members, &b.members) {
            let item = format!("`{name}` {member}");
            match change {
                Pair::Added(_) => {
                    let grows = member.starts_with("field ") || member.starts_with("variant ");
                    add(item, "added", grows && !a.sealed);
                }
                Pair::Removed => add(item, "removed", true),
                Pair::Both(x, y) if x != y => add(item, &format!("`{x}` → `{y}`"), true),
                Pair::Both(..) => {}
            }
        }
    }
}

/// The runtime's types as compared: each signature without the formatter's trailing commas
/// (`password: String,) -> Self`) or the paths that only say where the runtime's code stands
/// (`super::RetryConfig`), and the per-call setters that surfaces before issue 21 listed as the
/// `call_options!` macro (a member of the client builder, and a `call options` item) as the
/// setters themselves, written out in the client builder as they are now.
pub(super) fn canonical(runtime: &BTreeMap<String, RuntimeItem>) -> BTreeMap<String, RuntimeItem> {
    let mut runtime = runtime.clone();
    let macro_fns = runtime.remove("call options").map(|item| item.members);
    for item in runtime.values_mut() {
        if item.members.remove("call_options!").is_some() {
            item.members.extend(
                macro_fns
                    .iter()
                    .flatten()
                    .map(|(k, v)| (k.clone(), v.clone())),
            );
        }
        for signature in item.members.values_mut() {
            *signature = canonical_signature(signature);
        }
    }
    runtime
}

/// A signature without trailing commas before a closing bracket and without `super::` and
/// `crate::` paths.
fn canonical_signature(signature: &str) -> String {
    let mut out = signature.replace("super::", "").replace("crate::", "");
    for close in [")", ">", "]", "}"] {
        out = out
            .replace(&format!(",{close}"), close)
            .replace(&format!(", {close}"), close);
    }
    out
}
