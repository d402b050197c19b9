//! Type names, by the rule in the module documentation of [`naming`](super): a component's
//! own name, or for an inline type the first free name of its operation and position.

use std::collections::{BTreeMap, BTreeSet};

use super::{pascal, reserved, type_name};
use crate::error::Result;
use crate::ir::{Alias, GivenName, Operation, Origin, Position, TypeDef};

/// The name of each type, in the order of `types`, and of each alias (`None` for one that
/// names its type's own name).
pub(super) fn type_names(
    types: &[TypeDef<()>],
    aliases: &[Alias<()>],
    operations: &[Operation],
) -> Result<(Vec<String>, Vec<Option<String>>)> {
    let mut naming = Naming::new(types, aliases);
    naming.components();
    naming.nested_and_given();
    naming.inline(operations);
    naming.settle();
    let Naming { mut names, .. } = naming;
    let alias_names = names.split_off(types.len());
    let alias_names: Vec<Option<String>> = alias_names
        .into_iter()
        .zip(aliases)
        .map(|(name, alias)| (name != names[alias.target.0]).then_some(name))
        .collect();
    Ok((names, alias_names))
}

/// The names being given, to types first, then to aliases, in the steps of [`type_names`].
struct Naming<'a> {
    /// Each type's and alias's place, and its given name if it has one.
    places: Vec<(&'a Origin, Option<&'a GivenName>)>,
    names: Vec<String>,
    /// The names the document declares: components' names, then nested and given ones.
    declared: BTreeSet<String>,
    types: usize,
    aliases: &'a [Alias<()>],
}

impl<'a> Naming<'a> {
    fn new(types: &'a [TypeDef<()>], aliases: &'a [Alias<()>]) -> Self {
        let places: Vec<_> = (types.iter())
            .map(|t| (&t.origin, t.given.as_ref()))
            .chain(aliases.iter().map(|a| (&a.origin, None)))
            .collect();
        Naming {
            names: vec![String::new(); places.len()],
            places,
            declared: BTreeSet::new(),
            types: types.len(),
            aliases,
        }
    }

    /// The type an alias at `i` (counted after the types) names.
    fn alias_target(&self, i: usize) -> Option<usize> {
        (i >= self.types).then(|| self.aliases[i - self.types].target.0)
    }

    /// The names the document declares first: a component's key names its schema, always.
    fn components(&mut self) {
        for (i, place) in self.places.iter().enumerate() {
            if let (Origin::Component { name, path }, None) = place
                && path.is_empty()
            {
                self.names[i] = path_name(&pascal(name), path);
                self.declared.insert(self.names[i].clone());
            }
        }
    }

    /// Then the names of types nested in components, and given names, in document order. One
    /// that is already declared: a title is dropped (the type is named by its place, as if it
    /// had none), a nested type takes the next number (`ClassificationTemplate2` beside the
    /// component `ClassificationTemplate`), and an override stays, to be settled below.
    fn nested_and_given(&mut self) {
        for i in 0..self.places.len() {
            let name = match self.places[i] {
                (_, Some(given)) => path_name(&written_name(&given.name), &given.path),
                (Origin::Component { name, path }, None) if !path.is_empty() => {
                    path_name(&pascal(name), path)
                }
                _ => continue,
            };
            let declared = &self.declared;
            self.names[i] = match (declared.contains(&name), self.places[i]) {
                (true, (origin, Some(given))) if given.title => {
                    self.places[i].1 = None;
                    match origin {
                        Origin::Component { name, path } => {
                            first_free(numbered(path_name(&pascal(name), path)), |n| {
                                declared.contains(n)
                            })
                        }
                        Origin::Inline { .. } | Origin::Webhook { .. } => continue,
                    }
                }
                (true, (_, None)) => first_free(numbered(name), |n| declared.contains(n)),
                _ => name,
            };
            self.declared.insert(self.names[i].clone());
        }
    }

    /// Then each inline place, in naming order, the first of its candidates that neither its
    /// operation (or webhook) nor a declared name has taken (an alias may take its own type's
    /// name: it then names nothing).
    fn inline(&mut self, operations: &[Operation]) {
        let mut taken_in_op: BTreeMap<Owner, BTreeSet<String>> = BTreeMap::new();
        for i in self.naming_order() {
            let group: String;
            let (owner, candidates): (Owner, Box<dyn Iterator<Item = String>>) =
                match self.places[i] {
                    (
                        Origin::Inline {
                            operation,
                            position,
                            path,
                            ..
                        },
                        None,
                    ) => {
                        let op = &operations[*operation];
                        group = pascal(&op.group);
                        let candidates = inline_candidates(&op.stem, &group, position, path);
                        (Owner::Operation(*operation), Box::new(candidates))
                    }
                    (
                        Origin::Webhook {
                            webhook, key, path, ..
                        },
                        None,
                    ) => {
                        let candidates = webhook_candidates(pascal(key), path);
                        (Owner::Webhook(*webhook), Box::new(candidates))
                    }
                    _ => continue,
                };
            let own = self.alias_target(i).map(|t| &self.names[t]);
            let taken = taken_in_op.entry(owner).or_default();
            let name = first_free(candidates, |name| {
                taken.contains(name) || (self.declared.contains(name) && Some(name) != own)
            });
            taken.insert(name.clone());
            self.names[i] = name;
        }
    }

    /// The inline places in naming order: by operation, then position, then the order in
    /// which lowering declared them (depth-first, document order); then the webhooks' by
    /// webhook, in the same order.
    fn naming_order(&self) -> Vec<usize> {
        let mut order: Vec<usize> = (0..self.places.len()).collect();
        order.sort_by_key(|&i| match self.places[i].0 {
            Origin::Inline {
                operation,
                position,
                seq,
                ..
            } => Some((Owner::Operation(*operation), rank(position), *seq)),
            Origin::Webhook { webhook, seq, .. } => Some((Owner::Webhook(*webhook), (0, 0), *seq)),
            Origin::Component { .. } => None,
        });
        order
    }

    /// Two places that still claim one name (an override that spells a name another place
    /// takes): the later in this order takes the next number, as a nested type does; an alias
    /// so claimed is dropped, its place named by its type.
    fn settle(&mut self) {
        let mut owners: BTreeSet<String> = BTreeSet::new();
        for i in 0..self.names.len() {
            let target = self.alias_target(i);
            let alias_of_own = target.is_some_and(|t| self.names[i] == self.names[t]);
            if self.names[i].is_empty() || alias_of_own {
                continue;
            }
            if owners.contains(&self.names[i]) {
                if let Some(t) = target {
                    self.names[i] = self.names[t].clone();
                    continue;
                }
                let names = &self.names;
                self.names[i] = first_free(numbered(names[i].clone()), |n| {
                    owners.contains(n) || names.contains(n)
                });
            }
            owners.insert(self.names[i].clone());
        }
    }
}

/// A name the document gives, kept as written when it already is a type name (`OTP`,
/// `APIKey`), else in PascalCase (`api key` → `APIKey`).
fn written_name(name: &str) -> String {
    let mut chars = name.chars();
    let is_type_name = chars.next().is_some_and(|c| c.is_ascii_uppercase())
        && chars.all(|c| c.is_ascii_alphanumeric());
    if is_type_name {
        name.to_owned()
    } else {
        pascal(name)
    }
}

/// A type name and a property path below it in PascalCase: `ClerkErrors` + `errors`.
fn path_name(name: &str, path: &[String]) -> String {
    let path: String = path.iter().map(|p| pascal(p)).collect();
    reserved(type_name(name.to_owned() + &path))
}

/// Orders positions as the naming rule visits them.
fn rank(position: &Position) -> (u8, usize) {
    match position {
        Position::Parameter(_) => (0, 0),
        Position::RequestBody => (1, 0),
        Position::Success => (2, 0),
        Position::Error { rank, .. } => (3, *rank),
    }
}

/// The candidate names of an inline type, best first; the last ones never run out.
pub(super) fn inline_candidates<'a>(
    stem: &'a str,
    group: &'a str,
    position: &'a Position,
    path: &'a [String],
) -> impl Iterator<Item = String> + 'a {
    let mut segments: Vec<String> = path.iter().map(|p| pascal(p)).collect();
    if let Position::Parameter(name) = position {
        segments.insert(0, pascal(name));
    }
    let tail: String = segments.concat();
    let fixed: Vec<String> = if tail.is_empty() {
        match position {
            Position::RequestBody => vec![format!("{stem}RequestBody")],
            Position::Success => vec![format!("{stem}ResponseBody")],
            Position::Error { status, .. } => vec![
                format!("{stem}{group}ResponseBody"),
                format!("{stem}{group}ResponseResponseBody"),
                format!("{stem}{group}Response{status}ResponseBody"),
            ],
            // Only a parameter whose name has no letters or digits gets here.
            Position::Parameter(_) => vec![format!("{stem}Parameter")],
        }
    } else {
        vec![
            format!("{stem}{tail}"),
            format!("{stem}{group}{tail}"),
            format!("{stem}{group}Response{tail}"),
        ]
    };
    let base = fixed.last().cloned().unwrap_or_default();
    fixed
        .into_iter()
        .chain((2..).map(move |n| format!("{base}{n}")))
        .map(|name| reserved(type_name(name)))
}

/// What an inline type's names derive from: an operation or a webhook, by index.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Owner {
    Operation(usize),
    Webhook(usize),
}

/// The candidate names of a type in the payload of the webhook whose key in PascalCase is
/// `stem` (`user.created` → `UserCreated`), best first: the payload is `{stem}Payload`, a type
/// at property path `P` inside it `{stem}{P}`, then `{stem}Payload{P}`; the last ones never
/// run out.
fn webhook_candidates(stem: String, path: &[String]) -> impl Iterator<Item = String> + '_ {
    let tail: String = path.iter().map(|p| pascal(p)).collect();
    let fixed = match tail.is_empty() {
        true => vec![format!("{stem}Payload")],
        false => vec![format!("{stem}{tail}"), format!("{stem}Payload{tail}")],
    };
    let base = fixed.last().cloned().unwrap_or_default();
    fixed
        .into_iter()
        .chain((2..).map(move |n| format!("{base}{n}")))
        .map(|name| reserved(type_name(name)))
}

/// The first candidate not `taken`.
pub(super) fn first_free(
    mut candidates: impl Iterator<Item = String>,
    taken: impl Fn(&String) -> bool,
) -> String {
    candidates.find(|name| !taken(name)).unwrap_or_default()
}

/// `name`, then `name2`, `name3`, …
fn numbered(name: String) -> impl Iterator<Item = String> {
    std::iter::once(name.clone()).chain((2..).map(move |n| format!("{name}{n}")))
}
