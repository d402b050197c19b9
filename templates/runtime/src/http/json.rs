//! The JSON of a request: its body, serialized once, and the values given to setters of
//! fields that hold any JSON.

use super::{Request, RequestOptions, SdkError};

/// The value a setter of a field that holds any JSON was given, converted to the field's type
/// (`serde_json::Value`, or an array or map of them) through JSON. A value that cannot be
/// converted (a map whose keys are not strings, a `Serialize` impl that fails, a JSON array
/// for a map) is remembered in `options` under the setter's `name`, and `send()` fails with a
/// configuration error before anything is sent; setting the field again with a value that
/// converts forgets it.
pub fn json_input<T: serde::de::DeserializeOwned + Default>(
    name: &'static str,
    value: impl serde::Serialize,
    options: &mut RequestOptions,
) -> T {
    options.invalid.retain(|(field, _)| *field != name);
    let converted = serde_json::to_value(value).and_then(serde_json::from_value);
    converted.unwrap_or_else(|e| {
        let reason = format!("the value given to `{name}` is not valid JSON for it: {e}");
        options.invalid.push((name, reason));
        T::default()
    })
}

/// Serializes a body once, so that retries send the same bytes.
///
/// Whole numbers held in `f64` (the type of OpenAPI's `number`) are written as integers,
/// `86400` rather than `86400.0`: the same JSON number, but one that servers decoding into
/// integer types accept too. Written in one pass, fields in the order of the model.
/// A value that cannot be serialized is refused with the reason, for a configuration error.
pub fn to_json<T: serde::Serialize>(body: &T) -> Result<bytes::Bytes, String> {
    let mut out = Vec::with_capacity(128);
    let mut serializer = serde_json::Serializer::with_formatter(&mut out, IntegralFloats);
    (body.serialize(&mut serializer))
        .map_err(|e| format!("the request body cannot be serialized: {e}"))?;
    Ok(bytes::Bytes::from(out))
}

/// serde_json's compact format, except that a whole `f64` within ±2^53 (where an `f64` holds
/// every integer exactly) is written as an integer. serde_json writes `null` for NaN and the
/// infinities before any formatter sees them.
struct IntegralFloats;

impl serde_json::ser::Formatter for IntegralFloats {
    fn write_f64<W: ?Sized + std::io::Write>(
        &mut self,
        writer: &mut W,
        value: f64,
    ) -> std::io::Result<()> {
        const EXACT: f64 = 9_007_199_254_740_992.0;
        if value.fract() == 0.0 && value.abs() <= EXACT {
            self.write_i64(writer, value as i64)
        } else {
            serde_json::ser::CompactFormatter.write_f64(writer, value)
        }
    }

    fn write_f32<W: ?Sized + std::io::Write>(
        &mut self,
        writer: &mut W,
        value: f32,
    ) -> std::io::Result<()> {
        self.write_f64(writer, f64::from(value))
    }
}

impl Request {
    /// Adds a query pair holding the JSON text of a value, if there is one: a parameter
    /// described by `content` of a JSON media type.
    pub fn json_query<T: serde::Serialize, E>(
        mut self,
        name: &'static str,
        value: Option<&T>,
    ) -> Result<Self, SdkError<E>> {
        if let Some(value) = value {
            self.query.push((name.into(), json_text(name, value)?));
        }
        Ok(self)
    }

    /// Adds a header holding the JSON text of a value, if there is one.
    pub fn json_header<T: serde::Serialize, E>(
        mut self,
        name: &'static str,
        value: Option<&T>,
    ) -> Result<Self, SdkError<E>> {
        if let Some(value) = value {
            self.headers.push((name, json_text(name, value)?));
        }
        Ok(self)
    }
}

/// The JSON text of the value of the parameter `name`.
fn json_text<T: serde::Serialize, E>(name: &str, value: &T) -> Result<String, SdkError<E>> {
    let bytes = to_json(value).map_err(|e| SdkError::Config(format!("`{name}`: {e}")))?;
    // serde_json writes UTF-8.
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

#[cfg(test)]
mod tests;
