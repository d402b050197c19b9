//! What changed between two surfaces, classified as compatible or breaking, and the version
//! the changes call for.
//!
//! [`diff`] compares one part of the surfaces at a time, in the order the report lists them:
//! the aliases, the operations (`operations`), the models (`models`, which holds the aliases'
//! too), the webhooks' events, the runtime's types (`runtime`), the Cargo features and the
//! limitations; `pairs` pairs up the two sides of each.

use std::collections::BTreeMap;
use std::fmt;

use pairs::{Pair, pairs};

use super::Surface;

mod models;
mod operations;
mod pairs;
mod runtime;

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
    models::alias_changes(old, new, &mut add);
    let (old, new) = (
        &models::resolved(old, &new.aliases),
        &models::resolved(new, &new.aliases),
    );
    let renames = operations::renames(old, new);
    operations::changes(old, new, &renames, &mut add);
    models::changes(old, new, &renames, &mut add);
    super::events::changes(&old.events, &new.events, &mut add);
    let (old_runtime, new_runtime) = (
        runtime::canonical(&old.runtime),
        runtime::canonical(&new.runtime),
    );
    runtime::changes(&old_runtime, &new_runtime, &mut add);
    feature_changes(old, new, &mut add);
    limitation_changes(old, new, &mut add);
    let bump = bump(&changes);
    Report {
        next_version: next_version(&old.version, bump),
        version: new.version.clone(),
        changes,
        bump,
    }
}

/// The Cargo features added, removed or enabling something else; a change to `default` is
/// breaking.
fn feature_changes(old: &Surface, new: &Surface, add: &mut impl FnMut(String, &str, bool)) {
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
}

/// The bump the changes call for: major for one that breaks, minor for compatible ones, none
/// for none.
fn bump(changes: &[Change]) -> Bump {
    changes
        .iter()
        .map(|c| if c.breaking { Bump::Major } else { Bump::Minor })
        .max()
        .unwrap_or(Bump::None)
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
