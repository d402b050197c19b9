//! The webhooks: the events the API sends its users, each its payload's type.

use super::types::Type;

/// A webhook: an event the API sends its users, as the JSON body of a request it makes to
/// them (the request body of the webhook's operation).
#[derive(Debug, Clone, PartialEq)]
pub struct Webhook<N = String> {
    /// Its key in `webhooks` (`x-webhooks`): `user.created`.
    pub key: String,
    /// The variant of the event enum (`UserCreated`); `()` before the naming pass.
    pub name: N,
    pub summary: Option<String>,
    pub description: Option<String>,
    /// The payload's type.
    pub payload: Type,
    /// The property the payload's schema (or a part of its `allOf`) names as its
    /// `discriminator`, if it names one.
    pub discriminator: Option<String>,
    /// The body's `example` (or first of its `examples`, a `$ref` to `components.examples`
    /// followed): a whole payload.
    pub example: Option<serde_json::Value>,
    pub deprecated: bool,
    /// The JSON pointer of the webhook's operation, for messages.
    pub pointer: String,
}
