//! Serde helpers: the three states of an optional, nullable field, the JSON of request
//! bodies and of values given to setters, and unions.
//!
//! An optional field that is also nullable is an `Option<Option<T>>` in what requests carry:
//! `None` leaves the field out, `Some(None)` sends `null`, `Some(Some(v))` sends the value.
//! A struct that only responses carry reads it as one `Option` instead.

#[cfg(feature = "discriminator")]
use serde::de::DeserializeOwned;

/// Reads a field that is present (even as `null`) into `Some`; with `#[serde(default)]`, a
/// missing field stays `None`.
#[cfg(feature = "present")]
pub fn present<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: serde::Deserialize<'de>,
{
    T::deserialize(deserializer).map(Some)
}

/// Reads a required field that may be `null`: unlike a plain `Option`, a missing field is an
/// error rather than `None`.
#[cfg(feature = "nullable")]
pub fn nullable<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: serde::Deserialize<'de>,
{
    serde::Deserialize::deserialize(deserializer)
}

/// The value a setter of a field that holds any JSON was given, converted to the field's type
/// (`serde_json::Value`, or an array or map of them) through JSON. A value that cannot be
/// converted (a map whose keys are not strings, a `Serialize` impl that fails, a JSON array
/// for a map) is remembered in `options` under the setter's `name`, and `send()` fails with a
/// configuration error before anything is sent; setting the field again with a value that
/// converts forgets it.
#[cfg(feature = "json-input")]
pub fn json_input<T: serde::de::DeserializeOwned + Default>(
    name: &'static str,
    value: impl serde::Serialize,
    options: &mut super::RequestOptions,
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
#[cfg(feature = "to-json")]
pub fn to_json<T: serde::Serialize, E>(body: &T) -> Result<bytes::Bytes, super::SdkError<E>> {
    let mut out = Vec::with_capacity(128);
    let mut serializer = serde_json::Serializer::with_formatter(&mut out, IntegralFloats);
    body.serialize(&mut serializer).map_err(|e| {
        super::SdkError::Config(format!("the request body cannot be serialized: {e}"))
    })?;
    Ok(bytes::Bytes::from(out))
}

/// serde_json's compact format, except that a whole `f64` within ±2^53 (where an `f64` holds
/// every integer exactly) is written as an integer. serde_json writes `null` for NaN and the
/// infinities before any formatter sees them.
#[cfg(feature = "to-json")]
struct IntegralFloats;

#[cfg(feature = "to-json")]
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

/// Decodes a union's variant from the value its discriminator picked; an error names the
/// path of the problem inside it.
#[cfg(feature = "discriminator")]
pub fn variant<T: DeserializeOwned, E: serde::de::Error>(value: serde_json::Value) -> Result<T, E> {
    serde_path_to_error::deserialize(value)
        .map_err(|e| E::custom(format!("at `{}`: {}", e.path(), e.inner())))
}

#[cfg(all(test, feature = "json-body"))]
mod tests {
    #[derive(serde::Serialize)]
    struct Body {
        whole: f64,
        negative: f64,
        zero: f64,
        fraction: f64,
        big: f64,
        huge: f64,
        nan: f64,
        items: Vec<f64>,
        value: serde_json::Value,
    }

    #[test]
    fn whole_floats_are_written_as_integers_in_one_pass() {
        let body = Body {
            whole: 86400.0,
            negative: -3.0,
            zero: -0.0,
            fraction: 0.5,
            big: 9_007_199_254_740_992.0,
            huge: 1e300,
            nan: f64::NAN,
            items: vec![1.0, 1.5],
            value: serde_json::json!({ "n": 2.0, "text": "1.0" }),
        };
        let bytes = super::to_json::<_, ()>(&body).expect("serializes");
        assert_eq!(
            std::str::from_utf8(&bytes).expect("UTF-8"),
            concat!(
                r#"{"whole":86400,"negative":-3,"zero":0,"fraction":0.5,"#,
                r#""big":9007199254740992,"huge":1e+300,"nan":null,"#,
                r#""items":[1,1.5],"value":{"n":2,"text":"1.0"}}"#,
            )
        );
    }
}

#[cfg(all(test, feature = "json-input"))]
mod json_input_tests {
    use std::collections::BTreeMap;

    use super::json_input;
    use crate::RequestOptions;

    #[test]
    fn a_value_that_does_not_convert_is_remembered_until_the_setter_succeeds() {
        let mut options = RequestOptions::default();
        let value: serde_json::Value = json_input("claims", [("a", 1)], &mut options);
        assert_eq!(value, serde_json::json!([["a", 1]]));
        assert!(options.invalid.is_empty());

        let bad = BTreeMap::from([((1, 2), "x")]);
        let value: serde_json::Value = json_input("claims", &bad, &mut options);
        assert_eq!(value, serde_json::Value::Null);
        let map: BTreeMap<String, serde_json::Value> = json_input("meta", [1, 2], &mut options);
        assert!(map.is_empty());
        let names: Vec<&str> = options.invalid.iter().map(|(n, _)| *n).collect();
        assert_eq!(names, ["claims", "meta"]);
        assert!(
            options.invalid[0].1.contains("`claims`"),
            "{:?}",
            options.invalid
        );

        let _: serde_json::Value = json_input("claims", "fine", &mut options);
        let names: Vec<&str> = options.invalid.iter().map(|(n, _)| *n).collect();
        assert_eq!(names, ["meta"]);
    }
}
