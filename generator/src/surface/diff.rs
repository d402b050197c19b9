//! What changed between two surfaces, classified as compatible or breaking, and the version
//! the changes call for.

use std::collections::BTreeMap;
use std::fmt;

use super::{Argument, Model, OperationSurface, RuntimeItem, Surface};
use crate::naming::pascal;

/// One difference between two surfaces.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// What changed, such as ``field `GetAPIKeyResponseBody.name` ``.
    pub item: String,
    /// `added`, `removed`, or what changed about it.
    pub what: String,
    pub breaking: bool,
}

/// The semver bump a change needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Bump {
    /// Nothing users can see changed (documentation, or nothing at all).
    None,
    /// Compatible additions.
    Minor,
    /// Breaking changes.
    Major,
}

/// What regenerating did to the crate's users.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    pub changes: Vec<Change>,
    pub bump: Bump,
    /// The version the crate has now.
    pub version: String,
    /// The version the crate should have, by Cargo's semver rules (a breaking change of a
    /// `0.y.z` crate bumps `y`).
    pub next_version: String,
}

/// The changes from `old` to `new`, classified, and the version they call for.
///
/// An alias is compared as the model it names: a struct that became an alias of an
/// identical one changed nothing its users can see but its name in messages; one that became
/// an alias of a struct with another field reports that field.
pub fn diff(old: &Surface, new: &Surface) -> Report {
    let mut changes = Vec::new();
    let mut add = |item: String, what: &str, breaking: bool| {
        changes.push(Change {
            item,
            what: what.to_owned(),
            breaking,
        });
    };
    alias_changes(old, new, &mut add);
    let (old, new) = (&resolved(old, &new.aliases), &resolved(new, &new.aliases));
    let renames = operation_renames(old, new);
    for (key, change) in pairs(&old.operations, &new.operations) {
        let item = format!("operation `{key}`");
        match change {
            Pair::Added(_) if renames.values().any(|to| *to == key) => {}
            Pair::Added(_) => add(item, "added", false),
            Pair::Removed => match renames.get(key) {
                Some(to) => add(item, &format!("renamed to `{to}`"), true),
                None => add(item, "removed", true),
            },
            Pair::Both(a, b) => operation_changes(key, a, b, &mut add),
        }
    }
    let renames = model_renames(old, new, &renames);
    for (name, change) in pairs(&old.models, &new.models) {
        let item = format!("model `{name}`");
        match change {
            Pair::Added(_) if renames.values().any(|to| to == name) => {}
            Pair::Added(_) => add(item, "added", false),
            Pair::Removed => match renames.get(name) {
                Some(to) => add(item, &format!("renamed to `{to}`"), true),
                None => add(item, "removed", true),
            },
            Pair::Both(a, b) => model_changes(name, a, b, &mut add),
        }
    }
    super::events::changes(&old.events, &new.events, &mut add);
    let (old_runtime, new_runtime) = (canonical(&old.runtime), canonical(&new.runtime));
    runtime_changes(&old_runtime, &new_runtime, &mut add);
    for (name, change) in pairs(&old.features, &new.features) {
        let item = format!("cargo feature `{name}`");
        match change {
            Pair::Added(_) => add(item, "added", false),
            Pair::Removed => add(item, "removed", true),
            // Another default can take away what a user relied on without naming it.
            Pair::Both(x, y) if x != y => {
                let what = format!("enables {y:?} instead of {x:?}");
                add(item, &what, name == "default");
            }
            Pair::Both(..) => {}
        }
    }
    limitation_changes(old, new, &mut add);
    let bump = changes
        .iter()
        .map(|c| if c.breaking { Bump::Major } else { Bump::Minor })
        .max()
        .unwrap_or(Bump::None);
    Report {
        next_version: next_version(&old.version, bump),
        version: new.version.clone(),
        changes,
        bump,
    }
}

/// Operations removed for one added with the same request: renames, old key to new key.
fn operation_renames<'a>(old: &'a Surface, new: &'a Surface) -> BTreeMap<&'a str, &'a str> {
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
    let old = meaning(a).unwrap_or_else(super::NoneMeans::unrecorded);
    let new = meaning(b).unwrap_or_else(super::NoneMeans::unrecorded);
    if old != new {
        add(item, &format!("`None` changed from {old} to {new}"), true);
    }
}

/// Models removed for one added: renames, after their operation's (the type names start
/// with the operation's), or with the same content.
fn model_renames<'a>(
    old: &'a Surface,
    new: &'a Surface,
    operations: &BTreeMap<&str, &str>,
) -> BTreeMap<&'a str, String> {
    let stems: Vec<(String, String)> = operations
        .iter()
        .map(|(from, to)| {
            let stem = |s: &Surface, key: &str| pascal(&s.operations[key].operation_id);
            (stem(old, from), stem(new, to))
        })
        .collect();
    let is_new = |name: &str| new.models.contains_key(name) && !old.models.contains_key(name);
    let mut renames: BTreeMap<&str, String> = BTreeMap::new();
    for name in old.models.keys().filter(|n| !new.models.contains_key(*n)) {
        let by_stem = stems.iter().find_map(|(from, to)| {
            let renamed = format!("{to}{}", name.strip_prefix(from.as_str())?);
            is_new(&renamed).then_some(renamed)
        });
        let by_content = || {
            new.models
                .iter()
                .find(|(n, m)| {
                    is_new(n) && *m == &old.models[name] && !renames.values().any(|t| t == *n)
                })
                .map(|(n, _)| n.clone())
        };
        if let Some(to) = by_stem.or_else(by_content) {
            renames.insert(name, to);
        }
    }
    renames
}

fn model_changes(name: &str, a: &Model, b: &Model, add: &mut impl FnMut(String, &str, bool)) {
    match (a, b) {
        (Model::Struct { fields: a }, Model::Struct { fields: b }) => {
            for (field, change) in pairs(a, b) {
                let item = format!("field `{name}.{field}`");
                match change {
                    // `new()` takes the required fields: a new one changes its signature.
                    Pair::Added(f) if f.required => add(item, "added, required", true),
                    Pair::Added(_) => add(item, "added, optional", false),
                    Pair::Removed => add(item, "removed", true),
                    Pair::Both(x, y) => {
                        if x.required != y.required {
                            let what = if y.required {
                                "made required"
                            } else {
                                "made optional"
                            };
                            add(item.clone(), what, true);
                        }
                        if x.nullable != y.nullable {
                            let what = if y.nullable {
                                "made nullable"
                            } else {
                                "made non-nullable"
                            };
                            add(item.clone(), what, true);
                        } else if x.required == y.required && x.ty != y.ty {
                            let what = format!("type changed from `{}` to `{}`", x.ty, y.ty);
                            add(item, &what, true);
                        }
                    }
                }
            }
        }
        (Model::Enum { values: a }, Model::Enum { values: b }) => {
            for value in a.iter().filter(|v| !b.contains(v)) {
                add(format!("enum value `{name}::{value}`"), "removed", true);
            }
            for value in b.iter().filter(|v| !a.contains(v)) {
                add(format!("enum value `{name}::{value}`"), "added", false);
            }
        }
        (Model::Union { variants: a }, Model::Union { variants: b }) => {
            for (variant, change) in pairs(a, b) {
                let item = format!("union variant `{name}::{variant}`");
                match change {
                    Pair::Added(_) => add(item, "added", false),
                    Pair::Removed => add(item, "removed", true),
                    Pair::Both(x, y) if x != y => add(item, "type changed", true),
                    Pair::Both(..) => {}
                }
            }
        }
        _ => add(format!("model `{name}`"), "changed kind", true),
    }
}

/// Limitations added, removed or changed, by pointer and what. One removed or changed means
/// the crate now types a construct another way, which code written against the looser form
/// may not accept: breaking. One added comes with the change that loosened the type, which
/// reports itself.
fn limitation_changes(old: &Surface, new: &Surface, add: &mut impl FnMut(String, &str, bool)) {
    let by_place = |s: &Surface| -> BTreeMap<String, String> {
        (s.limitations.iter())
            .map(|l| {
                (
                    format!("`{}` ({})", l.pointer, l.what),
                    l.generated_as.clone(),
                )
            })
            .collect()
    };
    let (old, new) = (by_place(old), by_place(new));
    for (place, change) in pairs(&old, &new) {
        let item = format!("limitation at {place}");
        match change {
            Pair::Added(as_) => add(item, &format!("added: generated as {as_}"), false),
            Pair::Removed => add(item, "removed: typed as the document describes", true),
            Pair::Both(a, b) if a != b => {
                add(item, &format!("generated as {b} instead of {a}"), true)
            }
            Pair::Both(..) => {}
        }
    }
}

/// Names that became aliases, stopped being aliases or name another model now.
fn alias_changes(old: &Surface, new: &Surface, add: &mut impl FnMut(String, &str, bool)) {
    for (name, change) in pairs(&old.aliases, &new.aliases) {
        let item = format!("model `{name}`");
        match change {
            Pair::Added(to) if old.models.contains_key(name) => {
                add(item, &format!("now an alias of `{to}`"), false)
            }
            Pair::Removed if new.models.contains_key(name) => {
                add(item, "now its own type, no longer an alias", true)
            }
            Pair::Both(from, to) if from != to => add(
                item,
                &format!("now an alias of `{to}` instead of `{from}`"),
                true,
            ),
            _ => {}
        }
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

/// The surface as users write it: every alias is also a model (the one it names), and every
/// type is written with the names `aliases` resolve to.
fn resolved(surface: &Surface, aliases: &BTreeMap<String, String>) -> Surface {
    let mut s = surface.clone();
    let resolve = |ty: &mut String| *ty = resolve_names(ty, aliases);
    for op in s.operations.values_mut() {
        op.arguments.iter_mut().for_each(|a| resolve(&mut a.ty));
        op.setters.values_mut().for_each(resolve);
        op.takes.values_mut().for_each(resolve);
        resolve(&mut op.returns);
        op.successes.values_mut().flatten().for_each(resolve);
        op.errors.values_mut().flatten().for_each(resolve);
    }
    for model in s.models.values_mut() {
        match model {
            Model::Struct { fields } => fields.values_mut().for_each(|f| resolve(&mut f.ty)),
            Model::Union { variants } => variants.values_mut().for_each(resolve),
            Model::Enum { .. } => {}
        }
    }
    for (alias, target) in &surface.aliases {
        if let Some(model) = s.models.get(target).cloned() {
            s.models.insert(alias.clone(), model);
        }
    }
    s
}

/// A type (`Vec<GetAPIKeysData>`) with each alias among its names replaced by the name it
/// stands for (`Vec<APIKey>`).
fn resolve_names(ty: &str, aliases: &BTreeMap<String, String>) -> String {
    let mut out = String::with_capacity(ty.len());
    let mut rest = ty;
    while !rest.is_empty() {
        let end = match rest.find(|c: char| !(c.is_alphanumeric() || c == '_')) {
            // A sign such as `<`: on its own.
            Some(0) => rest.chars().next().map_or(1, char::len_utf8),
            Some(end) => end,
            None => rest.len(),
        };
        let (word, tail) = rest.split_at(end);
        out.push_str(aliases.get(word).map_or(word, String::as_str));
        rest = tail;
    }
    out
}

fn signature(arguments: &[Argument]) -> String {
    arguments
        .iter()
        .map(|a| format!("{}: {}", a.name, a.ty))
        .collect::<Vec<_>>()
        .join(", ")
}

enum Pair<'a, T> {
    Added(&'a T),
    Removed,
    Both(&'a T, &'a T),
}

/// What changed in the runtime's public types. A new type, method or trait is compatible; a
/// new field or variant is too when users cannot build or match the type exhaustively
/// (`sealed`); anything removed or changed is breaking.
fn runtime_changes(
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
fn canonical(runtime: &BTreeMap<String, RuntimeItem>) -> BTreeMap<String, RuntimeItem> {
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

/// The union of two maps' keys, in order, with what each side has.
fn pairs<'a, T>(
    old: &'a BTreeMap<String, T>,
    new: &'a BTreeMap<String, T>,
) -> Vec<(&'a str, Pair<'a, T>)> {
    let mut keys: Vec<&str> = old.keys().chain(new.keys()).map(String::as_str).collect();
    keys.sort_unstable();
    keys.dedup();
    keys.into_iter()
        .map(|key| {
            let pair = match (old.get(key), new.get(key)) {
                (Some(a), Some(b)) => Pair::Both(a, b),
                (Some(_), None) => Pair::Removed,
                (None, Some(b)) => Pair::Added(b),
                (None, None) => unreachable!("the key comes from one of the maps"),
            };
            (key, pair)
        })
        .collect()
}

/// The version after `bump`, by Cargo's rules; an unreadable version is kept as it is.
fn next_version(version: &str, bump: Bump) -> String {
    let Ok(mut v) = semver::Version::parse(version) else {
        return version.to_owned();
    };
    v.pre = semver::Prerelease::EMPTY;
    match (bump, v.major) {
        (Bump::None, _) => return version.to_owned(),
        (Bump::Major, 0) | (Bump::Minor, 1..) => {
            v.minor += 1;
            v.patch = 0;
        }
        (Bump::Major, _) => {
            v.major += 1;
            v.minor = 0;
            v.patch = 0;
        }
        (Bump::Minor, 0) => v.patch += 1,
    }
    v.to_string()
}

impl Report {
    /// Whether the crate's version is lower than the changes call for.
    pub fn needs_bump(&self) -> bool {
        match (
            semver::Version::parse(&self.version),
            semver::Version::parse(&self.next_version),
        ) {
            (Ok(now), Ok(needed)) => now < needed,
            _ => false,
        }
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.changes.is_empty() {
            return writeln!(f, "API surface: unchanged");
        }
        let breaking = self.changes.iter().filter(|c| c.breaking).count();
        writeln!(
            f,
            "API surface: {} changes, {breaking} breaking",
            self.changes.len()
        )?;
        for change in &self.changes {
            let mark = if change.breaking {
                "breaking  "
            } else {
                "compatible"
            };
            writeln!(f, "  {mark}  {}: {}", change.item, change.what)?;
        }
        let bump = match self.bump {
            Bump::None => "none",
            Bump::Minor => "minor (compatible)",
            Bump::Major => "major (breaking)",
        };
        if self.needs_bump() {
            writeln!(
                f,
                "semver: a {bump} change; the crate's version {} should become {} \
                 (`cargo xtask generate --bump`)",
                self.version, self.next_version
            )
        } else {
            writeln!(
                f,
                "semver: a {bump} change; version {} covers it",
                self.version
            )
        }
    }
}
