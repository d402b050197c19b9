//! Serde helpers for the three states of an optional, nullable field.
//!
//! An optional field that is also nullable is an `Option<Option<T>>`: `None` leaves the
//! field out, `Some(None)` sends `null`, `Some(Some(v))` sends the value.

// Which helpers the generated models use depends on the API description.
#![allow(dead_code)]

use serde::de::DeserializeOwned;
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
///
/// Whole numbers held in `f64` (the type of OpenAPI's `number`) are written as integers,
/// `86400` rather than `86400.0`: the same JSON number, but one that servers decoding into
/// integer types accept too.
pub(crate) fn to_json<T: serde::Serialize, E>(body: &T) -> Result<bytes::Bytes, super::Error<E>> {
    let error = |e: serde_json::Error| super::Error::Config(format!("the request body cannot be serialized: {e}"));
    let mut value = serde_json::to_value(body).map_err(error)?;
    integral_floats_as_integers(&mut value);
    serde_json::to_vec(&value).map(bytes::Bytes::from).map_err(error)
}

fn integral_floats_as_integers(value: &mut serde_json::Value) {
    use serde_json::Value;
    match value {
        Value::Number(number) => {
            // Within ±2^53 an f64 holds every integer exactly.
            const EXACT: f64 = 9_007_199_254_740_992.0;
            if let Some(float) = number.as_f64().filter(|_| number.is_f64()) {
                if float.fract() == 0.0 && float.abs() <= EXACT {
                    *number = serde_json::Number::from(float as i64);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(integral_floats_as_integers),
        Value::Object(fields) => fields.values_mut().for_each(integral_floats_as_integers),
        Value::Null | Value::Bool(_) | Value::String(_) => {}
    }
}

/// Decodes a union's variant from the value its discriminator picked; an error names the
/// path of the problem inside it.
pub(crate) fn variant<T: DeserializeOwned, E: serde::de::Error>(value: serde_json::Value) -> Result<T, E> {
    serde_path_to_error::deserialize(value).map_err(|e| E::custom(format!("at `{}`: {}", e.path(), e.inner())))
}
