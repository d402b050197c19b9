//! What a spec edit does to the generated crate's public API, and the version it calls for:
//! a table of edits to `spec/openapi.yaml`, each with its expected classification and bump.

use generator::Source;
use generator::surface::{Bump, Report, Surface, diff};
use serde_yaml::Value;

const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/..");

fn config() -> generator::Config {
    let text = std::fs::read_to_string(format!("{ROOT}/spec/sdk.toml")).unwrap();
    let mut config = generator::Config::from_toml(&text).unwrap();
    // A fixed version, so that the expected next versions do not follow the real one.
    config.krate.version = "0.4.2".into();
    // The edits are made to the document without the overlay that names its shapes: each
    // inline shape is its place's own type, as by default.
    config.models.share_copies = false;
    config
}

fn spec() -> Value {
    let text = std::fs::read_to_string(format!("{ROOT}/spec/openapi.yaml")).unwrap();
    serde_yaml::from_str(&text).unwrap()
}

fn surface_of(doc: &Value) -> Surface {
    let text = serde_yaml::to_string(doc).unwrap();
    let files = generator::render(
        &Source {
            name: "spec/openapi.yaml",
            text: &text,
        },
        &[],
        &config(),
    )
    .expect("the edit renders");
    Surface::from_json(&files[generator::SURFACE]).unwrap()
}

/// The node at a path of keys (and sequence indices).
fn at<'a>(doc: &'a mut Value, path: &[&str]) -> &'a mut Value {
    path.iter()
        .fold(doc, |node, key| match key.parse::<usize>() {
            Ok(i) if node.is_sequence() => &mut node[i],
            _ => node
                .get_mut(*key)
                .unwrap_or_else(|| panic!("no `{key}` in {path:?}")),
        })
}

fn get_api_key_body(doc: &mut Value) -> &mut Value {
    at(
        doc,
        &[
            "paths",
            "/api_keys/{apiKeyID}",
            "get",
            "responses",
            "200",
            "content",
            "application/json",
            "schema",
        ],
    )
}

fn list_parameter<'a>(doc: &'a mut Value, name: &str) -> &'a mut Value {
    let params = at(doc, &["paths", "/api_keys", "get", "parameters"]);
    params
        .as_sequence_mut()
        .unwrap()
        .iter_mut()
        .find(|p| p["name"] == name)
        .unwrap()
}

/// The success body of an operation by path and method.
fn success_body<'a>(doc: &'a mut Value, path: &str, method: &str) -> &'a mut Value {
    let content = ["responses", "200", "content", "application/json", "schema"];
    at(doc, &[&["paths", path, method][..], &content[..]].concat())
}

fn include_invalid_values(doc: &mut Value) -> &mut Vec<Value> {
    list_parameter(doc, "include_invalid")["schema"]["enum"]
        .as_sequence_mut()
        .unwrap()
}

/// Each edit, the changes it must report (item and what, `!` marking breaking ones) and the
/// version that follows 0.4.2.
type Edit = fn(&mut Value);

fn table() -> Vec<(&'static str, Edit, Vec<&'static str>, &'static str)> {
    vec![
        ("nothing", |_| {}, vec![], "0.4.2"),
        (
            "a description",
            |doc| {
                at(doc, &["paths", "/api_keys", "get"])["description"] = "Lists keys.".into();
            },
            vec![],
            "0.4.2",
        ),
        (
            "add an optional response field",
            |doc| {
                get_api_key_body(doc)["properties"]["note"] =
                    serde_yaml::from_str("{type: string}").unwrap();
            },
            vec!["field `GetAPIKeyResponseBody.note`: added, optional"],
            "0.4.3",
        ),
        (
            "add an operation",
            |doc| {
                let mut usage = at(doc, &["paths", "/api_keys/{apiKeyID}", "get"]).clone();
                usage["operationId"] = "getApiKeyUsage".into();
                let paths = at(doc, &["paths"]).as_mapping_mut().unwrap();
                let mut item = serde_yaml::Mapping::new();
                item.insert("get".into(), usage);
                paths.insert("/api_keys/{apiKeyID}/usage".into(), Value::Mapping(item));
            },
            vec![
                "operation `api_keys.get_api_key_usage`: added",
                "model `GetAPIKeyUsageAPIKeysErrors`: added",
                "model `GetAPIKeyUsageAPIKeysResponseBody`: added",
                "model `GetAPIKeyUsageAPIKeysResponseResponseBody`: added",
                "model `GetAPIKeyUsageErrors`: added",
                "model `GetAPIKeyUsageObject`: added",
                "model `GetAPIKeyUsageResponseBody`: added",
            ],
            "0.4.3",
        ),
        (
            "an operation in a group of its own",
            |doc| {
                let mut usage = at(doc, &["paths", "/api_keys/{apiKeyID}", "get"]).clone();
                usage["operationId"] = "getUsage".into();
                usage["tags"] = serde_yaml::from_str("[Usage]").unwrap();
                let paths = at(doc, &["paths"]).as_mapping_mut().unwrap();
                let mut item = serde_yaml::Mapping::new();
                item.insert("get".into(), usage);
                paths.insert("/usage/{apiKeyID}".into(), Value::Mapping(item));
            },
            vec![
                "operation `usage.get_usage`: added",
                "model `GetUsageErrors`: added",
                "model `GetUsageObject`: added",
                "model `GetUsageResponseBody`: added",
                "model `GetUsageUsageErrors`: added",
                "model `GetUsageUsageResponseBody`: added",
                "model `GetUsageUsageResponseResponseBody`: added",
                "`Clerk` fn usage: added",
                "cargo feature `full`: enables [\"api-keys\", \"usage\"] instead of [\"api-keys\"]",
                "cargo feature `usage`: added",
            ],
            "0.4.3",
        ),
        (
            "remove a response field",
            |doc| {
                let body = get_api_key_body(doc);
                body["properties"]
                    .as_mapping_mut()
                    .unwrap()
                    .remove("last_used_at");
                let required = body["required"].as_sequence_mut().unwrap();
                required.retain(|r| r != "last_used_at");
            },
            vec!["! field `GetAPIKeyResponseBody.last_used_at`: removed"],
            "0.5.0",
        ),
        (
            "make a parameter required",
            |doc| {
                list_parameter(doc, "limit")["required"] = true.into();
            },
            vec![
                "! operation `api_keys.get_api_keys`: arguments changed from (subject: String) to (subject: String, limit: f64)",
                "! setter `api_keys.get_api_keys().limit`: removed",
                "! setter `api_keys.get_api_keys().set_limit`: removed",
            ],
            "0.5.0",
        ),
        (
            "change a parameter's type",
            |doc| {
                list_parameter(doc, "limit")["schema"]["type"] = "integer".into();
            },
            vec![
                "! setter `api_keys.get_api_keys().limit`: type changed from `f64` to `i64`",
                "! setter `api_keys.get_api_keys().set_limit`: type changed from `Option<f64>` to `Option<i64>`",
            ],
            "0.5.0",
        ),
        (
            "change a response field's type",
            |doc| {
                get_api_key_body(doc)["properties"]["scopes"] =
                    serde_yaml::from_str("{type: string}").unwrap();
            },
            vec![
                "! field `GetAPIKeyResponseBody.scopes`: type changed from `Vec<String>` to `String`",
            ],
            "0.5.0",
        ),
        (
            "add an enum value",
            |doc| include_invalid_values(doc).push("only".into()),
            vec!["enum value `GetAPIKeysIncludeInvalid::only`: added"],
            "0.4.3",
        ),
        (
            "remove an enum value",
            |doc| include_invalid_values(doc).retain(|v| v != "false"),
            vec!["! enum value `GetAPIKeysIncludeInvalid::false`: removed"],
            "0.5.0",
        ),
        (
            "rename an operation",
            |doc| {
                at(doc, &["paths", "/api_keys/{apiKeyID}/secret", "get"])["operationId"] =
                    "readApiKeySecret".into();
            },
            vec![
                "! operation `api_keys.get_api_key_secret`: renamed to `api_keys.read_api_key_secret`",
                "! model `GetAPIKeySecretAPIKeysErrors`: renamed to `ReadAPIKeySecretAPIKeysErrors`",
                "! model `GetAPIKeySecretAPIKeysResponseBody`: renamed to `ReadAPIKeySecretAPIKeysResponseBody`",
                "! model `GetAPIKeySecretAPIKeysResponseResponseBody`: renamed to `ReadAPIKeySecretAPIKeysResponseResponseBody`",
                "! model `GetAPIKeySecretErrors`: renamed to `ReadAPIKeySecretErrors`",
                "! model `GetAPIKeySecretResponseBody`: renamed to `ReadAPIKeySecretResponseBody`",
            ],
            "0.5.0",
        ),
        (
            "name two answers of one shape",
            |doc| {
                for method in ["get", "patch"] {
                    success_body(doc, "/api_keys/{apiKeyID}", method)["title"] = "Key".into();
                }
            },
            vec![
                "model `GetAPIKeyObject`: now an alias of `KeyObject`",
                "model `GetAPIKeyResponseBody`: now an alias of `Key`",
                "model `UpdateAPIKeyObject`: now an alias of `KeyObject`",
                "model `UpdateAPIKeyResponseBody`: now an alias of `Key`",
                "model `Key`: added",
                "model `KeyObject`: added",
            ],
            "0.4.3",
        ),
        (
            "name two answers one shape after loosening one",
            |doc| {
                let created = success_body(doc, "/api_keys", "post");
                created["title"] = "Key".into();
                let required = created["required"].as_sequence_mut().unwrap();
                required.retain(|r| r != "secret");
                let secret = created["properties"]["secret"].clone();
                let read = success_body(doc, "/api_keys/{apiKeyID}", "get");
                read["title"] = "Key".into();
                read["properties"]["secret"] = secret;
            },
            vec![
                "model `CreateAPIKeyObject`: now an alias of `KeyObject`",
                "model `CreateAPIKeyResponseBody`: now an alias of `Key`",
                "model `GetAPIKeyObject`: now an alias of `KeyObject`",
                "model `GetAPIKeyResponseBody`: now an alias of `Key`",
                "! field `CreateAPIKeyResponseBody.secret`: made optional",
                "field `GetAPIKeyResponseBody.secret`: added, optional",
                "model `Key`: added",
                "model `KeyObject`: added",
            ],
            "0.5.0",
        ),
        (
            "add a documented error status",
            |doc| {
                let responses = at(doc, &["paths", "/api_keys/verify", "post", "responses"]);
                responses["429"] = serde_yaml::from_str("{description: Slow down}").unwrap();
            },
            vec!["error variant `api_keys.verify_api_key: TooManyRequests`: added"],
            "0.4.3",
        ),
        (
            "add a success status with another body",
            |doc| {
                let responses = at(doc, &["paths", "/api_keys/verify", "post", "responses"]);
                responses["202"] = serde_yaml::from_str(
                    "{description: Checked later, content: {application/json: {schema: {type: object, properties: {pending: {type: boolean}}}}}}",
                )
                .unwrap();
            },
            // The body becomes a variant of an enum by status.
            vec![
                "! operation `api_keys.verify_api_key`: returns `VerifyAPIKeySuccess` instead of `VerifyAPIKeyResponseBody`",
                "success variant `api_keys.verify_api_key: Accepted`: added",
                "success variant `api_keys.verify_api_key: Ok`: added",
                "model `VerifyAPIKeyResponseBody2`: added",
            ],
            "0.5.0",
        ),
    ]
}

fn lines(report: &Report) -> Vec<String> {
    report
        .changes
        .iter()
        .map(|c| {
            let mark = if c.breaking { "! " } else { "" };
            format!("{mark}{}: {}", c.item, c.what)
        })
        .collect()
}

#[test]
fn each_spec_edit_gets_its_classification_and_bump() {
    let base = spec();
    let before = surface_of(&base);
    for (name, edit, expected, version) in table() {
        let mut doc = base.clone();
        edit(&mut doc);
        let report = diff(&before, &surface_of(&doc));
        assert_eq!(lines(&report), expected, "{name}\n{report}");
        assert_eq!(report.next_version, version, "{name}\n{report}");
        let bump = if expected.is_empty() {
            Bump::None
        } else if expected.iter().any(|e| e.starts_with('!')) {
            Bump::Major
        } else {
            Bump::Minor
        };
        assert_eq!(report.bump, bump, "{name}");
    }
}

#[test]
fn versions_follow_cargo_semver_rules() {
    let base = spec();
    let before = surface_of(&base);
    let mut breaking = base.clone();
    include_invalid_values(&mut breaking).retain(|v| v != "false");
    let mut after = surface_of(&breaking);
    for (old, compatible, major) in [
        ("0.4.2", "0.4.3", "0.5.0"),
        ("1.4.2", "1.5.0", "2.0.0"),
        ("2.0.0-rc.1", "2.1.0", "3.0.0"),
    ] {
        let mut old_surface = before.clone();
        old_surface.version = old.into();
        after.version = old.into();
        assert_eq!(diff(&old_surface, &after).next_version, major, "{old}");
        let mut added = base.clone();
        include_invalid_values(&mut added).push("only".into());
        let mut added = surface_of(&added);
        added.version = old.into();
        assert_eq!(diff(&old_surface, &added).next_version, compatible, "{old}");
    }
}

#[test]
fn the_report_says_what_to_run() {
    let base = spec();
    let mut doc = base.clone();
    include_invalid_values(&mut doc).retain(|v| v != "false");
    let report = diff(&surface_of(&base), &surface_of(&doc));
    let text = report.to_string();
    assert!(text.contains("1 changes, 1 breaking"), "{text}");
    assert!(text.contains("breaking    enum value"), "{text}");
    assert!(
        text.contains("should become 0.5.0 (`cargo xtask generate --bump`)"),
        "{text}"
    );
    assert!(report.needs_bump());
}

#[test]
fn runtime_changes_are_classified_by_what_users_can_do_with_the_type() {
    let before = surface_of(&spec());
    assert!(
        before.runtime["SdkError"].members["fn status"].contains("Option<StatusCode>"),
        "the runtime's types are in the surface: {:?}",
        before.runtime.keys()
    );
    assert!(before.runtime.contains_key("Clerk"), "by the client's name");
    type Edit = fn(&mut Surface);
    let edits: Vec<(&str, Edit, &str)> = vec![
        (
            "a method removed",
            |s| {
                s.runtime
                    .get_mut("SdkError")
                    .unwrap()
                    .members
                    .remove("fn status");
            },
            "! `SdkError` fn status: removed",
        ),
        (
            "a signature changed",
            |s| {
                let sig = s.runtime.get_mut("ResponseValue").unwrap();
                sig.members
                    .insert("fn status".into(), "fn status(&self) -> u16".into());
            },
            "! `ResponseValue` fn status: `fn status(&self) -> StatusCode` → `fn status(&self) -> u16`",
        ),
        (
            "a variant of a non_exhaustive enum",
            |s| {
                let e = s.runtime.get_mut("SdkError").unwrap();
                e.members.insert("variant Throttled".into(), String::new());
            },
            "`SdkError` variant Throttled: added",
        ),
        (
            "a variant of an exhaustive enum",
            |s| {
                let e = s.runtime.get_mut("StatusMatch").unwrap();
                e.members
                    .insert("variant Range".into(), "(u16, u16)".into());
            },
            "! `StatusMatch` variant Range: added",
        ),
        (
            "a method added",
            |s| {
                let e = s.runtime.get_mut("Clerk").unwrap();
                e.members.insert("fn close".into(), "fn close(self)".into());
            },
            "`Clerk` fn close: added",
        ),
        (
            "a type removed",
            |s| {
                s.runtime.remove("UnexpectedResponse");
            },
            "! runtime type `UnexpectedResponse`: removed",
        ),
    ];
    for (name, edit, expected) in edits {
        let mut after = before.clone();
        edit(&mut after);
        let report = diff(&before, &after);
        assert_eq!(lines(&report), [expected], "{name}\n{report}");
    }
}

#[test]
fn a_surface_written_before_the_call_options_were_written_out_reads_the_same() {
    let now = surface_of(&spec());
    let builder = &now.runtime["ClerkBuilder"].members;
    assert!(builder.contains_key("fn timeout") && !builder.contains_key("call_options!"));
    // As issue 20's generator wrote it: the per-call setters as a macro the client builder
    // invokes, and signatures with the formatter's trailing commas and `super::` paths.
    let mut before = now.clone();
    let calls = ["fn server_url", "fn timeout", "fn retries", "fn header"];
    let old_builder = before.runtime.get_mut("ClerkBuilder").unwrap();
    let mut macro_fns = std::collections::BTreeMap::new();
    for name in calls {
        let signature = old_builder.members.remove(name).unwrap();
        let signature = signature.replace("RetryConfig", "super::RetryConfig");
        macro_fns.insert(name.to_owned(), signature);
    }
    old_builder
        .members
        .insert("call_options!".into(), String::new());
    let hook = old_builder.members.get_mut("fn after_response").unwrap();
    *hook = hook.replace("'static)", "'static,)");
    before.runtime.insert(
        "call options".into(),
        generator::surface::RuntimeItem {
            kind: "macro".into(),
            sealed: true,
            members: macro_fns,
        },
    );
    let report = diff(&before, &now);
    assert_eq!(lines(&report), Vec::<String>::new(), "{report}");
    // A setter that really went away is still reported.
    let mut fewer = now.clone();
    let builder = fewer.runtime.get_mut("ClerkBuilder").unwrap();
    builder.members.remove("fn timeout");
    let report = diff(&before, &fewer);
    assert_eq!(
        lines(&report),
        ["! `ClerkBuilder` fn timeout: removed"],
        "{report}"
    );
}

#[test]
fn the_client_methods_and_cargo_features_are_in_the_surface() {
    let before = surface_of(&spec());
    let clerk = &before.runtime["Clerk"].members;
    assert_eq!(
        clerk["fn from_env"],
        "fn from_env() -> Result<Clerk, Error>"
    );
    assert_eq!(
        clerk["fn api_keys"],
        "fn api_keys(&self) -> api_keys::ApiKeys<'_>"
    );
    assert_eq!(
        before.features["default"],
        ["full", "rustls-tls-webpki-roots"]
    );
    // The group's feature, which `full` turns on.
    assert_eq!(before.features["api-keys"], Vec::<String>::new());
    assert_eq!(before.features["full"], ["api-keys"]);

    let mut after = before.clone();
    after.features.remove("native-tls");
    after
        .features
        .insert("default".into(), vec!["native-tls".into()]);
    after.features.insert("blocking".into(), vec![]);
    let report = diff(&before, &after);
    assert_eq!(
        lines(&report),
        [
            "cargo feature `blocking`: added",
            "! cargo feature `default`: enables [\"native-tls\"] instead of [\"full\", \"rustls-tls-webpki-roots\"]",
            "! cargo feature `native-tls`: removed",
        ],
        "{report}"
    );
    // A group's feature that goes away breaks those who named it.
    let mut after = before.clone();
    after.features.remove("api-keys");
    after.features.insert("full".into(), vec![]);
    let report = diff(&before, &after);
    assert_eq!(
        lines(&report),
        [
            "! cargo feature `api-keys`: removed",
            "cargo feature `full`: enables [] instead of [\"api-keys\"]",
        ],
        "{report}"
    );
}

#[test]
fn a_setter_that_takes_more_than_it_did_is_compatible() {
    let now = surface_of(&spec());
    let key = "api_keys.create_api_key";
    assert_eq!(
        now.operations[key].takes["scopes"],
        "impl IntoIterator<Item = impl Into<String>>"
    );
    assert_eq!(now.operations[key].takes["claims"], "impl Serialize");
    for (setter, old, breaking) in [
        ("scopes", "Vec<String>", false),
        ("claims", "serde_json::Value", false),
        ("name_prefix", "String", false),
        ("scopes", "Vec<u32>", true),
    ] {
        let mut before = now.clone();
        let op = before.operations.get_mut(key).unwrap();
        if setter == "name_prefix" {
            // A setter of `String` that comes to take `impl Into<String>`.
            op.setters.insert(setter.into(), "String".into());
            op.takes.insert(setter.into(), old.into());
            let mut after = before.clone();
            let op = after.operations.get_mut(key).unwrap();
            op.takes.insert(setter.into(), "impl Into<String>".into());
            let report = diff(&before, &after);
            assert_eq!(report.changes.len(), 1, "{report}");
            assert!(!report.changes[0].breaking, "{report}");
            continue;
        }
        op.takes.insert(setter.into(), old.into());
        let report = diff(&before, &now);
        assert_eq!(report.changes.len(), 1, "{setter} {old}: {report}");
        assert_eq!(
            report.changes[0].breaking, breaking,
            "{setter} {old}: {report}"
        );
    }
}

#[test]
fn a_set_none_that_sends_something_else_is_breaking_and_new_setters_are_compatible() {
    let now = surface_of(&spec());
    let key = "api_keys.update_api_key";
    let op = &now.operations[key];
    assert_eq!(op.setters["set_description"], "Option<String>");
    assert_eq!(op.setters["clear_description"], "()");
    assert_eq!(op.setters["set_scopes"], "Option<Vec<String>>");
    // As the generator of issue 21 wrote it: `set_` only for nullable fields, its `None`
    // sending `null`, and no word on what `None` means.
    let mut before = now.clone();
    let old = before.operations.get_mut(key).unwrap();
    old.none.clear();
    for name in ["set_claims", "set_scopes", "set_subject", "clear_claims"] {
        old.setters.remove(name);
        old.takes.remove(name);
    }
    for name in ["clear_description", "clear_seconds_until_expiration"] {
        old.setters.remove(name);
        old.takes.remove(name);
    }
    let report = diff(&before, &now);
    let breaking: Vec<String> = lines(&report)
        .into_iter()
        .filter(|l| l.starts_with('!'))
        .collect();
    assert_eq!(
        breaking,
        [
            "! setter `api_keys.update_api_key().set_description`: `None` changed from sending `null` to leaving the field out",
            "! setter `api_keys.update_api_key().set_seconds_until_expiration`: `None` changed from sending `null` to leaving the field out",
        ],
        "{report}"
    );
    assert!(
        lines(&report)
            .contains(&"setter `api_keys.update_api_key().clear_description`: added".to_owned()),
        "{report}"
    );
    assert_eq!(report.bump, Bump::Major);
    // The same surface read back: nothing changed.
    let again = Surface::from_json(&serde_json::to_string(&now).unwrap()).unwrap();
    assert!(diff(&now, &again).changes.is_empty());
}

#[test]
fn a_field_added_to_one_shared_copy_makes_it_its_own_type_which_is_breaking() {
    let surface = |doc: &Value| {
        let text = serde_yaml::to_string(doc).unwrap();
        let source = Source {
            name: "spec/openapi.yaml",
            text: &text,
        };
        let mut config = config();
        config.models.share_copies = true;
        let files = generator::render(&source, &[], &config).expect("the edit renders");
        Surface::from_json(&files[generator::SURFACE]).unwrap()
    };
    let base = spec();
    let before = surface(&base);
    // The answer of get is a copy of the list's item: one type, until it differs.
    assert_eq!(
        before
            .aliases
            .get("GetAPIKeyResponseBody")
            .map(String::as_str),
        Some("GetAPIKeysData")
    );
    let mut doc = base.clone();
    get_api_key_body(&mut doc)["properties"]["note"] =
        serde_yaml::from_str("{type: string}").unwrap();
    let report = diff(&before, &surface(&doc));
    assert_eq!(
        lines(&report),
        [
            "! model `GetAPIKeyResponseBody`: now its own type, no longer an alias",
            "! operation `api_keys.get_api_key`: returns `GetAPIKeyResponseBody` instead of `GetAPIKeysData`",
            "field `GetAPIKeyResponseBody.note`: added, optional",
        ],
        "{report}"
    );
    assert_eq!(report.next_version, "0.5.0");
}

#[test]
fn a_model_that_becomes_an_alias_of_an_identical_one_changes_no_signature_that_names_it() {
    // The committed crate's surface, whose `SdkError::error_body` names `ClerkErrors`; then the
    // same with `ClerkErrors` renamed `Problem` everywhere, `ClerkErrors` kept as its alias.
    let text = std::fs::read_to_string(format!("{ROOT}/generated/api-surface.json")).unwrap();
    let old = Surface::from_json(&text).unwrap();
    let mut new = Surface::from_json(
        &text
            .replace("\"ClerkErrors\"", "\"Problem\"")
            .replace("&ClerkErrors>", "&Problem>"),
    )
    .unwrap();
    new.aliases.insert("ClerkErrors".into(), "Problem".into());
    let error_body = |s: &Surface| s.runtime["SdkError"].members["fn error_body"].clone();
    assert!(
        error_body(&old).contains("ClerkErrors"),
        "{}",
        error_body(&old)
    );
    assert!(error_body(&new).contains("Problem"), "{}", error_body(&new));
    let report = diff(&old, &new);
    assert_eq!(
        lines(&report),
        [
            "model `ClerkErrors`: now an alias of `Problem`",
            "model `Problem`: added"
        ],
        "{report}"
    );
}
