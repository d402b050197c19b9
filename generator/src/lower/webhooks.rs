//! Webhooks: the events an API sends its users, each the JSON body of a request the API makes
//! (OpenAPI 3.1 `webhooks`, carried by the loader as `x-openapi31-webhooks`, or a 3.0
//! document's `x-webhooks`, a map of the same path items). A webhook's payload is lowered as
//! an operation's request body is, its inline types named after the webhook
//! ([`crate::ir::Origin::Webhook`]).
//!
//! What the generated crate cannot read as an event (a path item that is not one, a webhook
//! without a JSON body) is left out with a located warning, as the lowering degrades anything
//! else it cannot type.

use openapiv3::{MediaType, PathItem, ReferenceOr, Schema, SchemaKind};
use serde_json::Value;

use super::bodies::{MediaKind, media_kind};
use super::{Cursor, Lowerer, Site, WEBHOOKS};
use crate::error::{Result, pointer};
use crate::ir::{Limitation, Type, Unnamed, Webhook};

/// Where a document keeps its webhooks, and the pointer messages name them by: 3.1's own
/// `webhooks` first.
const SOURCES: [(&str, &str); 2] = [(WEBHOOKS, "#/webhooks"), ("x-webhooks", "#/x-webhooks")];

impl Lowerer<'_> {
    /// Every webhook of the document, in document order; a key seen before (in both
    /// `webhooks` and `x-webhooks`) is read once, the first time.
    pub(super) fn webhooks(&mut self) -> Result<Vec<Webhook<()>>> {
        let mut webhooks: Vec<Webhook<()>> = Vec::new();
        for (extension, base) in SOURCES {
            let Some(map) = self.doc.extensions.get(extension) else {
                continue;
            };
            let Value::Object(map) = map else {
                let because = "it is not a map of path items";
                self.limit(base, "the webhooks", "nothing", because);
                continue;
            };
            for (key, item) in map {
                let at = pointer(base, key);
                if webhooks.iter().any(|w| &w.key == key) {
                    let because = "another webhook has the same key";
                    self.limit(&at, format!("the webhook `{key}`"), "nothing", because);
                    continue;
                }
                if let Some(webhook) = self.webhook(webhooks.len(), key, item, &at)? {
                    webhooks.push(webhook);
                }
            }
        }
        Ok(webhooks)
    }

    /// The webhook `key` at `at`, or `None`, with a warning, when it has no JSON payload.
    fn webhook(
        &mut self,
        index: usize,
        key: &str,
        item: &Value,
        at: &str,
    ) -> Result<Option<Webhook<()>>> {
        let what = format!("the webhook `{key}`");
        let Some(item) = self.path_item(item, &what, at) else {
            return Ok(None);
        };
        let Some((method, op)) = webhook_operation(&item) else {
            self.limit(at, what, "nothing", "it has no operation");
            return Ok(None);
        };
        let at = pointer(at, method);
        let Some(body) = &op.request_body else {
            self.limit(&at, what, "nothing", "its operation has no request body");
            return Ok(None);
        };
        let body_at = pointer(&at, "requestBody");
        let body = self.resolve(body, "requestBodies", &body_at, |c| &c.request_bodies)?;
        let json = (body.content.iter()).find(|(m, _)| media_kind(m) == MediaKind::Json);
        let Some((media_type, media)) = json else {
            let because = "its request body is not JSON";
            self.limit(&body_at, what, "nothing", because);
            return Ok(None);
        };
        let media_at = pointer(&pointer(&body_at, "content"), media_type);
        let site = Site::Webhook {
            webhook: index,
            key: key.to_owned(),
        };
        let (payload, discriminator) = match &media.schema {
            Some(schema) => {
                let cursor = Cursor::new(&site, pointer(&media_at, "schema"));
                let payload = self.schema(schema, &cursor)?.ty;
                (payload, self.discriminator(schema, 0))
            }
            None => (Type::Any, None),
        };
        Ok(Some(Webhook {
            key: key.to_owned(),
            name: (),
            summary: op.summary.clone(),
            description: op.description.clone(),
            payload,
            discriminator,
            example: self.example_of(media, &media_at)?,
            deprecated: op.deprecated,
            pointer: at,
        }))
    }

    /// A webhook's path item, or `None`, with a warning, when it is not one.
    fn path_item(&mut self, item: &Value, what: &str, at: &str) -> Option<PathItem> {
        // What the application answers a webhook does not change the event: a webhook's
        // operation may leave out the `responses` 3.0 requires (Clerk's all do).
        let mut item = item.clone();
        for (_, op) in item.as_object_mut().into_iter().flatten() {
            if let Value::Object(op) = op {
                op.entry("responses")
                    .or_insert_with(|| serde_json::json!({}));
            }
        }
        match serde_path_to_error::deserialize(item) {
            Ok(item) => Some(item),
            Err(e) => {
                // The path's pointer from the item rather than from the root.
                let inside = crate::error::path_pointer(e.path());
                let at = format!("{at}{}", inside.trim_start_matches('#'));
                let because = format!("it is not a path item: {}", e.into_inner());
                self.limit(&at, what, "nothing", because);
                None
            }
        }
    }

    /// The property a payload's schema names as its `discriminator`: its own, or that of a
    /// part of its `allOf` (a base schema of every event, say), components followed.
    fn discriminator(&self, schema: &ReferenceOr<Schema>, depth: usize) -> Option<String> {
        let schema = match schema {
            ReferenceOr::Item(schema) => schema,
            ReferenceOr::Reference { reference } => {
                let name = reference.strip_prefix(super::schema::SCHEMA_PREFIX)?;
                let components = self.doc.components.as_ref()?;
                return (depth < 8)
                    .then(|| self.discriminator(components.schemas.get(name)?, depth + 1))?;
            }
        };
        if let Some(discriminator) = &schema.schema_data.discriminator {
            return Some(discriminator.property_name.clone());
        }
        match &schema.schema_kind {
            SchemaKind::AllOf { all_of } if depth < 8 => all_of
                .iter()
                .find_map(|part| self.discriminator(part, depth + 1)),
            _ => None,
        }
    }

    /// A media type's `example`, or the value of the first of its `examples`, following a
    /// `$ref` to `components.examples`.
    fn example_of(&mut self, media: &MediaType, at: &str) -> Result<Option<Value>> {
        if let Some(example) = &media.example {
            return Ok(Some(example.clone()));
        }
        let Some((name, example)) = media.examples.first() else {
            return Ok(None);
        };
        let at = pointer(&pointer(at, "examples"), name);
        let example = self.resolve(example, "examples", &at, |c| &c.examples)?;
        Ok(example.value.clone())
    }
}

/// Decides the property that names each webhook's event, [`Api::dispatch`](crate::ir::Api):
/// `configured` (the config's `[webhooks] dispatch`), else the `discriminator` every payload's
/// schema names. With neither, events cannot be told apart: the webhooks are their payloads'
/// types only, with a warning.
pub fn dispatch(api: &mut Unnamed, configured: Option<&str>) {
    let Some(first) = api.webhooks.first() else {
        return;
    };
    let named: std::collections::BTreeSet<Option<&String>> = (api.webhooks.iter())
        .map(|w| w.discriminator.as_ref())
        .collect();
    let discriminator = match named.into_iter().collect::<Vec<_>>().as_slice() {
        [Some(property)] => Some((*property).clone()),
        _ => None,
    };
    api.dispatch = configured.map(str::to_owned).or(discriminator);
    if api.dispatch.is_none() {
        api.limitations.push(Limitation {
            pointer: pointer(&first.pointer, "requestBody"),
            what: "each webhook".to_owned(),
            generated_as: "its payload's type in `models`, without an enum of the events or a \
                           verifier"
                .to_owned(),
            because: "their payloads do not all name one `discriminator` property, and the \
                      generation config names none (`[webhooks] dispatch`)"
                .to_owned(),
            operations: Vec::new(),
        });
    }
}

/// The operation the API calls a webhook with, and its method: POST for every sender known,
/// else the first the item has.
fn webhook_operation(item: &openapiv3::PathItem) -> Option<(&'static str, &openapiv3::Operation)> {
    let methods = [
        ("post", &item.post),
        ("put", &item.put),
        ("patch", &item.patch),
        ("get", &item.get),
        ("delete", &item.delete),
    ];
    methods
        .into_iter()
        .find_map(|(m, op)| Some((m, op.as_ref()?)))
}
