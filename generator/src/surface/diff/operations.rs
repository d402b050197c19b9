//! What changed in the operations: each one's arguments, setters, return type, success and
//! error variants, and which were renamed.

use std::collections::BTreeMap;

use super::pairs::{Pair, pairs};
use crate::surface::{Argument, NoneMeans, OperationSurface, Surface};

/// Operations removed for one added with the same request: renames, old key to new key.
pub(super) fn renames<'a>(old: &'a Surface, new: &'a Surface) -> BTreeMap<&'a str, &'a str> {
    old.operations
        .iter()
        .filter_map(|(key, op)| {
            let (to, _) = new.operations.iter().find(|(k, other)| {
                other.request == op.request && !old.operations.contains_key(*k)
            })?;
            Some((key.as_str(), to.as_str()))
        })
        .collect()
}

/// The operations added, removed, renamed (`renames`, see [`renames`]) or changed.
pub(super) fn changes(
    old: &Surface,
    new: &Surface,
    renames: &BTreeMap<&str, &str>,
    add: &mut impl FnMut(String, &str, bool),
) {
    for (key, change) in pairs(&old.operations, &new.operations) {
        let item = format!("operation `{key}`");
        match change {
            Pair::Added(_) if renames.values().any(|to| *to == key) => {}
            Pair::Added(_) => add(item, "added", false),
            Pair::Removed => match renames.get(key) {
                Some(to) => add(item, &format!("renamed to `{to}`"), true),
                None => add(item, "removed", true),
            },
            Pair::Both(a, b) => operation_changes(key, a, b, add),
        }
    }
}

/// What changed in an operation that both surfaces have.
fn operation_changes(
    key: &str,
    a: &OperationSurface,
    b: &OperationSurface,
    add: &mut impl FnMut(String, &str, bool),
) {
    let item = format!("operation `{key}`");
    if a.arguments != b.arguments {
        let what = format!(
            "arguments changed from ({}) to ({})",
            signature(&a.arguments),
            signature(&b.arguments)
        );
        add(item.clone(), &what, true);
    }
    for (name, setter) in pairs(&a.setters, &b.setters) {
        let item = format!("setter `{key}().{name}`");
        match setter {
            Pair::Added(_) => add(item, "added", false),
            Pair::Removed => add(item, "removed", true),
            Pair::Both(x, y) if x != y => {
                add(item, &format!("type changed from `{x}` to `{y}`"), true);
            }
            Pair::Both(..) => match (a.takes.get(name), b.takes.get(name)) {
                (Some(x), Some(y)) if x != y => {
                    let what = format!("takes `{y}` instead of `{x}`");
                    add(item, &what, !generalizes(x, y));
                }
                _ => none_changes(item, name, (a, b), add),
            },
        }
    }
    if a.returns != b.returns {
        let what = format!("returns `{}` instead of `{}`", b.returns, a.returns);
        add(item, &what, true);
    }
    // A success enum is `#[non_exhaustive]`, as error types are.
    for (variant, success) in pairs(&a.successes, &b.successes) {
        let item = format!("success variant `{key}: {variant}`");
        match success {
            Pair::Added(_) => add(item, "added", false),
            Pair::Removed => add(item, "removed", true),
            Pair::Both(x, y) if x != y => add(item, "payload type changed", true),
            Pair::Both(..) => {}
        }
    }
    for (variant, error) in pairs(&a.errors, &b.errors) {
        let item = format!("error variant `{key}: {variant}`");
        match error {
            Pair::Added(_) => add(item, "added", false),
            Pair::Removed => add(item, "removed", true),
            Pair::Both(x, y) if x != y => add(item, "payload type changed", true),
            Pair::Both(..) => {}
        }
    }
}

/// A setter of the same signature in both surfaces whose `None` sends something else now
/// (`set_x(None)` sent `null` and leaves the field out now): code that compiles as it did does
/// something else, which is breaking.
fn none_changes(
    item: String,
    name: &str,
    (a, b): (&OperationSurface, &OperationSurface),
    add: &mut impl FnMut(String, &str, bool),
) {
    let takes_option = |s: &OperationSurface| s.setters[name].starts_with("Option<");
    if !takes_option(a) || !takes_option(b) {
        return;
    }
    let meaning = |s: &OperationSurface| s.none.get(name).copied();
    let old = meaning(a).unwrap_or_else(NoneMeans::unrecorded);
    let new = meaning(b).unwrap_or_else(NoneMeans::unrecorded);
    if old != new {
        add(item, &format!("`None` changed from {old} to {new}"), true);
    }
}

/// Whether a setter that takes `new` accepts every value one that took `old` did: `T` became
/// `impl Into<T>`, a `Vec` an `impl IntoIterator` of its items (or of what converts into
/// them), a map an `impl IntoIterator` of pairs, any JSON an `impl Serialize`. Such a change
/// can only break type inference (`vec![]`), which Cargo's semver rules count as compatible.
fn generalizes(old: &str, new: &str) -> bool {
    let into = |ty: &str| format!("impl Into<{ty}>");
    if new == into(old) {
        return true;
    }
    if let Some(item) = old.strip_prefix("Vec<").and_then(|t| t.strip_suffix('>')) {
        let items = |x: &str| format!("impl IntoIterator<Item = {x}>");
        return new == items(item) || new == items(&into(item)) || new == "impl Serialize";
    }
    if let Some(value) = (old.strip_prefix("BTreeMap<String, ")).and_then(|t| t.strip_suffix('>')) {
        let pairs = |x: &str| format!("impl IntoIterator<Item = (impl Into<String>, {x})>");
        return new == pairs(value) || new == pairs(&into(value)) || new == "impl Serialize";
    }
    old == "serde_json::Value" && new == "impl Serialize"
}

/// The arguments as the method's signature lists them: `id: String, body: Body`.
fn signature(arguments: &[Argument]) -> String {
    arguments
        .iter()
        .map(|a| format!("{}: {}", a.name, a.ty))
        .collect::<Vec<_>>()
        .join(", ")
}
