//! What changed in the models: their fields, enum values and union variants, which were
//! renamed, and the names that became or stopped being aliases, with the surface as users
//! write it once aliases are resolved.

use std::collections::BTreeMap;

use super::pairs::{Pair, pairs};
use crate::naming::pascal;
use crate::surface::{Model, Surface};

/// The models added, removed, renamed (with their operation, `operations`, or to one of the
/// same content: see [`renames`]) or changed.
pub(super) fn changes(
    old: &Surface,
    new: &Surface,
    operations: &BTreeMap<&str, &str>,
    add: &mut impl FnMut(String, &str, bool),
) {
    let renames = renames(old, new, operations);
    for (name, change) in pairs(&old.models, &new.models) {
        let item = format!("model `{name}`");
        match change {
            Pair::Added(_) if renames.values().any(|to| to == name) => {}
            Pair::Added(_) => add(item, "added", false),
            Pair::Removed => match renames.get(name) {
                Some(to) => add(item, &format!("renamed to `{to}`"), true),
                None => add(item, "removed", true),
            },
            Pair::Both(a, b) => model_changes(name, a, b, add),
        }
    }
}

/// Models removed for one added: renames, after their operation's (the type names start
/// with the operation's), or with the same content.
fn renames<'a>(
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

/// What changed in a model that both surfaces have: its fields, enum values or union
/// variants, or its kind.
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

/// Names that became aliases, stopped being aliases or name another model now.
pub(super) fn alias_changes(
    old: &Surface,
    new: &Surface,
    add: &mut impl FnMut(String, &str, bool),
) {
    for (name, change) in pairs(&old.aliases, &new.aliases) {
        let item = format!("model `{name}`");
        match change {
            Pair::Added(to) if old.models.contains_key(name) => {
                add(item, &format!("now an alias of `{to}`"), false)
            }
            Pair::Removed if new.models.contains_key(name) => {
                add(item, "now its own type, no longer an alias", true)
            }
            // The model it named may itself have become an alias of the new one: the same type.
            Pair::Both(from, to) if from != to && new.aliases.get(from) != Some(to) => add(
                item,
                &format!("now an alias of `{to}` instead of `{from}`"),
                true,
            ),
            _ => {}
        }
    }
}

/// The surface as users write it: every alias is also a model (the one it names), and every
/// type is written with the names `aliases` resolve to.
pub(super) fn resolved(surface: &Surface, aliases: &BTreeMap<String, String>) -> Surface {
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
    // The runtime's types that name models: the per-operation error (`error_body`).
    for item in s.runtime.values_mut() {
        item.members.values_mut().for_each(resolve);
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
