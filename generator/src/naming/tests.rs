//! Table-driven tests of the naming rules documented in the module.

use super::types::{first_free, inline_candidates};
use super::*;
use crate::ir::Position;

#[test]
fn pascal_upper_cases_initialisms() {
    let cases = [
        ("createApiKey", "CreateAPIKey"),
        ("getApiKeys", "GetAPIKeys"),
        ("API Keys", "APIKeys"),
        ("getAPIKeySecret", "GetAPIKeySecret"),
        ("apiKeyID", "APIKeyId"),
        ("rapid_fire", "RapidFire"),
        ("list-users", "ListUsers"),
    ];
    for (input, expected) in cases {
        assert_eq!(pascal(input), expected, "pascal({input:?})");
    }
}

#[test]
fn snake_case_methods_and_fields() {
    let cases = [
        ("createApiKey", "create_api_key"),
        ("apiKeyID", "api_key_id"),
        ("seconds_until_expiration", "seconds_until_expiration"),
        ("2fa", "_2fa"),
        ("", "value"),
        ("frontendApi", "frontend_api"),
    ];
    for (input, expected) in cases {
        assert_eq!(snake(input), expected, "snake({input:?})");
    }
}

#[test]
fn keywords_become_raw_or_suffixed() {
    let cases = [
        ("type", "r#type"),
        ("match", "r#match"),
        ("self", "self_"),
        ("Self", "Self_"),
        ("crate", "crate_"),
        ("name", "name"),
    ];
    for (input, expected) in cases {
        assert_eq!(ident(input).to_string(), expected, "ident({input:?})");
    }
}

#[test]
fn enum_variants() {
    let cases = [
        ("api_key", "ApiKey"),
        ("true", "True"),
        ("", "Empty"),
        ("2xx", "V2xx"),
        ("in-progress", "InProgress"),
        ("self", "Self_"),
    ];
    for (input, expected) in cases {
        assert_eq!(variant_name(input), expected, "variant_name({input:?})");
    }
}

#[test]
fn type_names_are_identifiers() {
    let cases = [
        ("Pet", "Pet"),
        ("", "Empty"),
        ("42", "V42"),
        ("1StBuilder", "V1StBuilder"),
        ("Self", "Self_"),
        ("SelfBuilder", "SelfBuilder"),
    ];
    for (input, expected) in cases {
        assert_eq!(
            type_name(input.to_owned()),
            expected,
            "type_name({input:?})"
        );
        assert!(syn::parse_str::<syn::Ident>(expected).is_ok(), "{expected}");
    }
}

fn error(rank: usize, status: u16) -> Position {
    Position::Error {
        rank,
        status: crate::ir::Status::Code(status),
    }
}

/// Names an operation's inline types, given in visiting order, as the naming pass does.
fn name_all(types: &[(Position, &[&str])]) -> Vec<String> {
    let mut taken = BTreeSet::new();
    types
        .iter()
        .map(|(position, path)| {
            let path: Vec<String> = path.iter().map(|s| s.to_string()).collect();
            let name = first_free(
                inline_candidates("CreateAPIKey", "APIKeys", position, &path),
                &taken,
            );
            taken.insert(name.clone());
            name
        })
        .collect()
}

#[test]
fn inline_type_names_follow_position() {
    let names = name_all(&[
        (Position::RequestBody, &[]),
        (Position::Success, &[]),
        (Position::Success, &["object"]),
        (error(0, 400), &[]),
        (error(0, 400), &["errors"]),
        (error(1, 409), &[]),
        (error(1, 409), &["errors"]),
        (error(2, 422), &[]),
        (error(2, 422), &["errors"]),
        (error(3, 500), &[]),
        (error(3, 500), &["errors"]),
    ]);
    let expected = [
        "CreateAPIKeyRequestBody",
        "CreateAPIKeyResponseBody",
        "CreateAPIKeyObject",
        "CreateAPIKeyAPIKeysResponseBody",
        "CreateAPIKeyErrors",
        "CreateAPIKeyAPIKeysResponseResponseBody",
        "CreateAPIKeyAPIKeysErrors",
        "CreateAPIKeyAPIKeysResponse422ResponseBody",
        "CreateAPIKeyAPIKeysResponseErrors",
        "CreateAPIKeyAPIKeysResponse500ResponseBody",
        "CreateAPIKeyAPIKeysResponseErrors2",
    ];
    assert_eq!(names, expected);
}

#[test]
fn nested_paths_and_parameters() {
    let names = name_all(&[
        (Position::Parameter("include_invalid".into()), &[]),
        (Position::Success, &[]),
        (Position::Success, &["data"]),
        (Position::Success, &["data", "object"]),
    ]);
    assert_eq!(
        names,
        [
            "CreateAPIKeyIncludeInvalid",
            "CreateAPIKeyResponseBody",
            "CreateAPIKeyData",
            "CreateAPIKeyDataObject"
        ]
    );
}

#[test]
fn dedupe_adds_suffixes_in_order() {
    let mut names = vec![
        "frontend_api".to_owned(),
        "frontend_api".to_owned(),
        "other".to_owned(),
        "frontend_api".to_owned(),
    ];
    dedupe(names.iter_mut(), "_");
    assert_eq!(
        names,
        ["frontend_api", "frontend_api_2", "other", "frontend_api_3"]
    );
}

#[test]
fn reserved_names_get_a_trailing_underscore() {
    for name in RESERVED {
        assert_eq!(reserved((*name).to_owned()), format!("{name}_"));
    }
    for name in ["Error", "Client", "Value", "Options", "Self_", "StringList"] {
        assert_eq!(reserved(name.to_owned()), name);
    }
}
