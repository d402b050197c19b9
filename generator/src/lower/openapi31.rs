//! What an OpenAPI 3.1 schema says that 3.0 has no words for, carried through the 3.0
//! document by the loader (`load/v31.rs`) as extensions, and lowered here:
//!
//! - `x-openapi31-null: true`: `type: null` alone, a value that is always `null`: `()`;
//! - `x-openapi31-prefixItems: [schemas]` with `x-openapi31-closed`: a tuple, when no item may
//!   follow those listed (`items: false`, or a `maxItems` no larger than the list): a Rust
//!   tuple; otherwise a list of any JSON, with a warning;
//! - `x-openapi31-unsupported: {keyword, what}`: a keyword that changes the value's shape in a
//!   way no Rust type follows (`if`, `patternProperties`, …): any JSON, with a warning;
//! - `x-openapi31-webhooks`, at the document's root: its `webhooks`, read by
//!   `lower/webhooks.rs` as a 3.0 document's `x-webhooks`, with pointers under `#/webhooks`.

use openapiv3::{ReferenceOr, Schema, SchemaData};
use serde_json::Value;

use super::schema::Lowered;
use super::{Cursor, Lowerer};
use crate::error::{Result, pointer};
use crate::ir::{Hints, Type};

/// The extension that marks a value that is always `null`.
pub(crate) const NULL: &str = "x-openapi31-null";
/// The extension that holds a tuple's `prefixItems`.
pub(crate) const PREFIX_ITEMS: &str = "x-openapi31-prefixItems";
/// The extension that says whether items may follow the tuple's.
pub(crate) const CLOSED: &str = "x-openapi31-closed";
/// The extension that names a keyword no Rust type follows.
pub(crate) const UNSUPPORTED: &str = "x-openapi31-unsupported";
/// The extension that holds a 3.1 document's `webhooks`.
pub(crate) const WEBHOOKS: &str = "x-openapi31-webhooks";

impl Lowerer<'_> {
    /// A schema the loader marked as `null` alone or as saying what no Rust type follows.
    pub(super) fn openapi31(
        &mut self,
        data: &SchemaData,
        cursor: &Cursor,
    ) -> Result<Option<Lowered>> {
        if data.extensions.get(NULL) == Some(&Value::Bool(true)) {
            return Ok(Some(Lowered {
                ty: Type::Null,
                nullable: false,
                doc: data.description.clone(),
                hints: Hints::default(),
            }));
        }
        let Some(unsupported) = data.extensions.get(UNSUPPORTED) else {
            return Ok(None);
        };
        let text = |key: &str| {
            unsupported
                .get(key)
                .and_then(Value::as_str)
                .unwrap_or_default()
        };
        let (keyword, what) = (text("keyword"), text("what"));
        let at = match keyword {
            "" => cursor.at.clone(),
            keyword => pointer(&cursor.at, keyword),
        };
        let because = match keyword {
            "" => what.to_owned(),
            keyword => {
                format!("`{keyword}` ({what}, OpenAPI 3.1) describes no shape a Rust type can hold")
            }
        };
        Ok(Some(self.degraded(&at, "the schema", because, data)))
    }

    /// The type of an array schema with `prefixItems`, or `None` for an array without.
    pub(super) fn tuple(&mut self, data: &SchemaData, cursor: &Cursor) -> Result<Option<Type>> {
        let Some(listed) = data.extensions.get(PREFIX_ITEMS) else {
            return Ok(None);
        };
        let items: Vec<ReferenceOr<Schema>> = match serde_json::from_value(listed.clone()) {
            Ok(items) => items,
            Err(e) => {
                let because = format!("its `prefixItems` are not schemas: {e}");
                return Ok(Some(
                    self.degraded(&cursor.at, "the schema", because, data).ty,
                ));
            }
        };
        if data.extensions.get(CLOSED) != Some(&Value::Bool(true)) {
            let at = pointer(&cursor.at, "prefixItems");
            self.limit(
                &at,
                "the tuple",
                "a list of any JSON values (`Vec<serde_json::Value>`)",
                "items may follow those `prefixItems` lists (neither `items: false` nor a \
                 `maxItems` no larger than the list closes it)",
            );
            return Ok(Some(Type::Array(Box::new(Type::Any))));
        }
        let at = pointer(&cursor.at, "prefixItems");
        let mut types = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            let inner = cursor.nested(&(i + 1).to_string(), pointer(&at, &i.to_string()));
            types.push(self.schema(item, &inner)?.ty);
        }
        Ok(Some(Type::Tuple(types)))
    }
}
