//! Two maps compared key by key, which every comparison of the surfaces starts from.

use std::collections::BTreeMap;

/// What the two sides have under one key.
pub(super) enum Pair<'a, T> {
    Added(&'a T),
    Removed,
    Both(&'a T, &'a T),
}

/// The union of two maps' keys, in order, with what each side has.
pub(super) fn pairs<'a, T>(
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
