//! Where the lowering is in the document: one small value passed down instead of a site, a
//! property path and a JSON pointer side by side.

use crate::error::pointer;
use crate::ir::{GivenName, Position};

/// Where a top-level schema sits, which is all its types' names may depend on.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Site {
    Component(String),
    Inline {
        operation: usize,
        position: Position,
    },
    /// The payload of webhook number `webhook`, whose key is `key`.
    Webhook {
        webhook: usize,
        key: String,
    },
}

/// A schema's place: its site, the property path from the site's top-level schema, and its
/// JSON pointer for messages.
#[derive(Debug, Clone)]
pub(crate) struct Cursor<'s> {
    pub site: &'s Site,
    /// Property names (and union branch numbers) from the site's top-level schema down to
    /// here; array items and `allOf` parts add none.
    pub path: Vec<String>,
    /// The node's JSON pointer.
    pub at: String,
    /// The nearest enclosing schema the document names (`title`), if any.
    pub named: Option<Named>,
    /// Whether this is a place a `$ref` points into (see [`super::pointers`]) rather than a
    /// component's or an operation's own schema.
    pub referenced: bool,
}

/// A schema the document names, as the cursors below it see it.
#[derive(Debug, Clone)]
pub(crate) struct Named {
    pub name: String,
    /// The length of the cursor's path at the named schema.
    pub depth: usize,
    /// The named schema's pointer.
    pub at: String,
    /// Whether the name is a `title` rather than an override.
    pub title: bool,
}

impl<'s> Cursor<'s> {
    /// The top-level schema of a site, at `at`.
    pub fn new(site: &'s Site, at: String) -> Self {
        Cursor {
            site,
            path: Vec::new(),
            at,
            named: None,
            referenced: false,
        }
    }

    /// The same place, where the document gives the schema the name `name`.
    pub fn named(&self, name: &str, title: bool) -> Self {
        Cursor {
            named: Some(Named {
                name: name.to_owned(),
                depth: self.path.len(),
                at: self.at.clone(),
                title,
            }),
            ..self.clone()
        }
    }

    /// The name the document gives a type declared here: the named schema's own, or the
    /// one of a named schema above it with the property path down to here. The items of a
    /// named array are not named by it: no property lies between.
    pub fn given(&self) -> Option<GivenName> {
        let named = self.named.as_ref()?;
        (named.at == self.at || self.path.len() > named.depth).then(|| GivenName {
            name: named.name.clone(),
            path: self.path[named.depth..].to_vec(),
            title: named.title,
        })
    }

    /// One JSON pointer token deeper (`items`, `allOf`, `0`, …), in the same type.
    pub fn child(&self, token: &str) -> Self {
        Cursor {
            site: self.site,
            path: self.path.clone(),
            at: pointer(&self.at, token),
            named: self.named.clone(),
            referenced: self.referenced,
        }
    }

    /// A nested type's place: `name` joins the path, `at` is its pointer.
    pub fn nested(&self, name: &str, at: String) -> Self {
        let mut path = self.path.clone();
        path.push(name.to_owned());
        Cursor {
            site: self.site,
            path,
            at,
            named: self.named.clone(),
            referenced: self.referenced,
        }
    }
}
