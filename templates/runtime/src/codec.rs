//! Serde helpers of the models: the three states of an optional, nullable field, and unions
//! told apart by a discriminator.
//!
//! An optional field that is also nullable is an `Option<Option<T>>` in what requests carry:
//! `None` leaves the field out, `Some(None)` sends `null`, `Some(Some(v))` sends the value.
//! A struct that only responses carry reads it as one `Option` instead.

use serde::de::DeserializeOwned;

/// Reads a field that is present (even as `null`) into `Some`; with `#[serde(default)]`, a
/// missing field stays `None`.
pub fn present<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: serde::Deserialize<'de>,
{
    T::deserialize(deserializer).map(Some)
}

/// Reads a required field that may be `null`: unlike a plain `Option`, a missing field is an
/// error rather than `None`.
pub fn nullable<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: serde::Deserialize<'de>,
{
    serde::Deserialize::deserialize(deserializer)
}

/// Decodes a union's variant from the value its discriminator picked; an error names the
/// path of the problem inside it.
pub fn variant<T: DeserializeOwned, E: serde::de::Error>(value: serde_json::Value) -> Result<T, E> {
    serde_path_to_error::deserialize(value)
        .map_err(|e| E::custom(format!("at `{}`: {}", e.path(), e.inner())))
}
