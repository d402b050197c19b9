use std::collections::BTreeSet;

use super::{Manifest, Part, strip};
use crate::templates;

fn set(names: &[&str]) -> BTreeSet<String> {
    names.iter().map(|n| (*n).to_owned()).collect()
}

const SOURCE: &str = r#"//! A module.

use std::fmt;
#[cfg(feature = "a")]
use std::io;

/// Kept always.
pub struct Always;

/// Only with `a`.
#[cfg(feature = "a")]
#[derive(Debug)]
pub fn a<T>(
    x: T,
) -> T
where
    T: Clone,
{
    x
}

#[cfg(feature = "b")]
/// Only with `b`, its doc below the gate.
pub enum B {
    One,
}

impl Always {
    #[cfg(feature = "b")]
    pub fn b(&self) -> Option<u8> {
        match self {
            _ => None,
        }
    }

    pub fn always(&self) {}
}

#[cfg(test)]
mod tests {
    #[test]
    fn t() {}
}
"#;

#[test]
fn keeps_the_items_of_kept_features_without_their_gate() {
    let known = set(&["a", "b"]);
    let out = strip(SOURCE, &set(&["a", "b"]), &known).unwrap();
    assert!(!out.contains("cfg("), "{out}");
    assert!(
        out.contains("use std::io;\n") && out.contains("pub enum B {"),
        "{out}"
    );
    assert!(
        out.contains("/// Only with `a`.\n#[derive(Debug)]\npub fn a<T>("),
        "{out}"
    );
    assert!(out.ends_with("    pub fn always(&self) {}\n}\n"), "{out}");
}

#[test]
fn removes_the_items_of_other_features_with_their_docs_and_attributes() {
    let out = strip(SOURCE, &set(&[]), &set(&["a", "b"])).unwrap();
    let expected = r#"//! A module.

use std::fmt;

/// Kept always.
pub struct Always;

impl Always {
    pub fn always(&self) {}
}
"#;
    assert_eq!(out, expected);
}

#[test]
fn an_unknown_feature_or_an_unsupported_cfg_is_an_error() {
    let unknown = strip(SOURCE, &set(&["a"]), &set(&["a"])).unwrap_err();
    assert!(unknown.contains("unknown feature `b`"), "{unknown}");
    for line in [
        "#[cfg(not(feature = \"a\"))]",
        "#[cfg(any(feature = \"a\", feature = \"b\"))]",
        "#[cfg_attr(feature = \"a\", derive(Debug))]",
    ] {
        let source = format!("{line}\nfn f() {{}}\n");
        let error = strip(&source, &set(&["a"]), &set(&["a", "b"])).unwrap_err();
        assert!(error.contains("supported"), "{line}: {error}");
    }
    let dangling = strip("#[cfg(feature = \"a\")]\n", &set(&[]), &set(&["a"])).unwrap_err();
    assert!(dangling.contains("must stand above an item"), "{dangling}");
}

#[test]
fn features_imply_others_as_the_manifest_says_and_must_exist() {
    let manifest = Manifest::parse(templates::RUNTIME_MANIFEST).unwrap();
    let closure = manifest.closure(&["error-body"].into()).unwrap();
    let expected = set(&["error-body", "decode", "api-error", "unexpected"]);
    assert_eq!(closure, expected);
    let error = manifest.closure(&["no-such-feature"].into()).unwrap_err();
    assert!(error.to_string().contains("`no-such-feature`"), "{error}");
}

#[test]
fn every_gate_of_the_runtime_names_a_feature_of_its_manifest() {
    let manifest = Manifest::parse(templates::RUNTIME_MANIFEST).unwrap();
    let default: BTreeSet<String> = manifest.table["default"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f.as_str().unwrap().to_owned())
        .collect();
    // The workspace builds the runtime with its defaults: they must reach every feature.
    let all = manifest
        .closure(&default.iter().map(String::as_str).collect())
        .unwrap();
    assert_eq!(all, manifest.features);
    for (name, text) in templates::RUNTIME {
        let none = strip(text, &set(&[]), &manifest.features);
        let every = strip(text, &manifest.features, &manifest.features);
        assert!(none.is_ok() && every.is_ok(), "{name}: {none:?} {every:?}");
    }
}

#[test]
fn the_list_of_runtime_files_is_the_runtime_directory() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../templates/runtime/src");
    let mut on_disk: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    on_disk.sort();
    let mut listed: Vec<String> = templates::RUNTIME
        .iter()
        .map(|(n, _)| (*n).to_owned())
        .collect();
    listed.sort();
    assert_eq!(listed, on_disk);
    for (name, text) in templates::RUNTIME {
        let path = format!("{dir}/{name}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), *text, "{path}");
    }
}

#[test]
fn the_runtime_depends_on_what_the_generated_crates_depend_on() {
    let table = |text: &str, key: &str| -> toml::Value {
        let manifest: toml::Table = toml::from_str(text).unwrap();
        manifest[key].clone()
    };
    let runtime = templates::RUNTIME_MANIFEST;
    // A generated crate whose API uses every runtime feature, built with its default features:
    // reqwest gets `multipart` and the crate `base64` (added by `emit::cargo_toml`), and the
    // default TLS feature's.
    let mut generated = table(templates::CARGO_TOML, "dependencies");
    let dependencies = generated.as_table_mut().unwrap();
    dependencies.insert("base64".into(), "0.22".into());
    let features = table(templates::CARGO_TOML, "features");
    let mut reqwest_features = vec![toml::Value::from("multipart")];
    for default in features["default"].as_array().unwrap() {
        for enabled in features[default.as_str().unwrap()].as_array().unwrap() {
            let feature = enabled.as_str().unwrap().strip_prefix("reqwest/").unwrap();
            reqwest_features.push(feature.into());
        }
    }
    let reqwest = generated["reqwest"].as_table_mut().unwrap();
    reqwest.insert("features".into(), reqwest_features.into());
    // The crates `webhooks` needs, which `emit::cargo_toml` is to add once the generator asks
    // for the feature (issue 24).
    let webhooks: toml::Table = toml::from_str(
        r#"
        hmac = "0.12"
        http = "1"
        sha2 = { version = "0.10", default-features = false }
        "#,
    )
    .unwrap();
    generated.as_table_mut().unwrap().extend(webhooks);
    assert_eq!(table(runtime, "dependencies"), generated);
    let edition = |text: &str| table(text, "package")["edition"].clone();
    assert_eq!(edition(runtime), edition(templates::CARGO_TOML));
}

#[test]
fn a_crate_gets_only_the_modules_its_features_keep() {
    let files = super::files(&[Part::JsonResponse, Part::Query].into(), "Client").unwrap();
    let paths: Vec<&str> = files.iter().map(|(p, _)| p.as_str()).collect();
    assert!(paths.contains(&"src/runtime/mod.rs") && paths.contains(&"src/runtime/client.rs"));
    assert!(!paths.contains(&"src/runtime/paginate.rs"), "{paths:?}");
    let with_paging = super::files(&[Part::JsonResponse, Part::Paging].into(), "Client").unwrap();
    assert!(
        with_paging
            .iter()
            .any(|(p, _)| p == "src/runtime/paginate.rs")
    );
    for (path, text) in &files {
        assert!(!text.contains("#[cfg("), "{path}");
        assert!(text.starts_with("// @generated"), "{path}: {}", &text[..40]);
    }
}

#[test]
fn the_client_types_take_the_client_name_and_reqwest_keeps_its_own() {
    let files = super::files(&[Part::JsonResponse].into(), "Acme").unwrap();
    let (_, client) = files
        .iter()
        .find(|(p, _)| p == "src/runtime/client.rs")
        .unwrap();
    assert!(client.contains("pub struct Acme {"));
    assert!(client.contains("pub struct AcmeBuilder {"));
    assert!(client.contains("f.debug_struct(\"Acme\")"));
    assert!(client.contains("reqwest::Client"));
    assert!(!client.contains("ClientBuilder") && !client.contains(" Client "));
    for clash in ["Request", "RetryConfig", "SdkError"] {
        let error = super::files(&[Part::JsonResponse].into(), clash).unwrap_err();
        assert!(error.to_string().contains("already has an item"), "{error}");
    }
}

/// The runtime features of the crate generated from the document `spec` with `config`.
fn features_of(spec: &str, config: &str) -> Vec<&'static str> {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
    let read = |path: &str| std::fs::read_to_string(format!("{root}/{path}")).unwrap();
    let config = crate::Config::from_toml(&read(config)).unwrap();
    let document = crate::load::load(&read(spec), spec).unwrap();
    let api = crate::lower::lower(&document).unwrap();
    let (api, names) = crate::naming::name(api, &config).unwrap();
    let plan = crate::plan::plan(&api, &config, names).unwrap();
    let features: BTreeSet<&str> = plan.runtime.iter().map(|part| part.feature()).collect();
    features.into_iter().collect()
}

#[test]
fn an_api_gets_the_features_its_operations_and_models_use() {
    let api_keys = features_of("spec/openapi.yaml", "spec/sdk.toml");
    // Every response has a JSON body; models have nullable fields and the secret `secret`;
    // `claims` takes any JSON; the secret key is a bearer token.
    let expected = [
        "bearer-auth",
        "error-body",
        "json-body",
        "json-input",
        "json-response",
        "nullable",
        "paging",
        "present",
        "query",
        "secrets",
        "unexpected",
    ];
    assert_eq!(api_keys, expected);
    let forms = features_of("fixtures/forms/openapi.yaml", "fixtures/forms/sdk.toml");
    assert!(
        forms.contains(&"form") && forms.contains(&"multipart"),
        "{forms:?}"
    );
    assert!(
        !forms.contains(&"json-body") && !forms.contains(&"paging"),
        "{forms:?}"
    );
}
