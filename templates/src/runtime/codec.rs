//! Serde helpers for the three states of an optional, nullable field.
//!
//! An optional field that is also nullable is an `Option<Option<T>>`: `None` leaves the
//! field out, `Some(None)` sends `null`, `Some(Some(v))` sends the value.

// Which helpers the generated models use depends on the API description.
#![allow(dead_code)]

use serde::{Deserialize, Deserializer};

/// Reads a field that is present (even as `null`) into `Some`; with `#[serde(default)]`, a
/// missing field stays `None`.
pub(crate) fn present<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    T::deserialize(deserializer).map(Some)
}

/// Reads a required field that may be `null`: unlike a plain `Option`, a missing field is an
/// error rather than `None`.
pub(crate) fn nullable<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<T>::deserialize(deserializer)
}

/// Serializes a body once, so that retries send the same bytes.
pub(crate) fn to_json<T: serde::Serialize, E>(body: &T) -> Result<Vec<u8>, super::Error<E>> {
    serde_json::to_vec(body).map_err(|e| super::Error::Config(format!("the request body cannot be serialized: {e}")))
}
