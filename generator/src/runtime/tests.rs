use std::collections::BTreeSet;

use super::{ALWAYS, CRATE_FEATURES, Module, copied};
use crate::templates;

const ROOT: &str = r#"//! A root.

pub mod codec;
#[cfg(feature = "http")]
mod http;
#[cfg(feature = "http")]
pub use http::*;
#[cfg(feature = "webhooks")]
pub mod webhooks;

/// Kept always.
pub struct Always;

#[cfg(test)]
mod tests;
"#;

#[test]
fn a_gated_line_is_kept_without_its_gate_for_a_module_the_crate_has() {
    let out = copied(ROOT, &[Module::Http].into()).unwrap();
    assert!(!out.contains("cfg("), "{out}");
    assert!(out.contains("\nmod http;\npub use http::*;\n"), "{out}");
    assert!(!out.contains("webhooks") && !out.contains("tests"), "{out}");
    assert!(out.contains("pub mod codec;") && out.contains("pub struct Always;"));
    let bare = copied(ROOT, &BTreeSet::new()).unwrap();
    assert!(
        !bare.contains("http") && !bare.contains("webhooks"),
        "{bare}"
    );
}

#[test]
fn a_feature_of_the_generated_crate_keeps_its_cfg_wherever_it_stands() {
    let text = "pub struct Client {\n    #[cfg(feature = \"test-util\")]\n    mock: Rules,\n}\n\
                #[cfg(feature = \"test-util\")]\nimpl Client {\n    fn mock() {}\n}\n";
    for modules in [BTreeSet::new(), Module::ALL.into()] {
        assert_eq!(copied(text, &modules).unwrap(), text);
    }
}

/// The `cfg` lines a copy may keep: those of the generated crates' own features.
fn kept_cfgs(copy: &str) -> Vec<&str> {
    let crate_feature = |line: &str| {
        CRATE_FEATURES
            .iter()
            .any(|f| line.trim() == format!("#[cfg(feature = \"{f}\")]"))
    };
    (copy.lines())
        .filter(|l| l.contains("#[cfg("))
        .filter(|l| !crate_feature(l))
        .collect()
}

#[test]
fn a_gate_the_copier_does_not_understand_is_an_error() {
    let cases = [
        (
            "#[cfg(feature = \"nope\")]\nmod nope;\n",
            "not a module's feature",
        ),
        (
            "#[cfg(any(test, feature = \"http\"))]\nmod x;\n",
            "only `feature",
        ),
        (
            "#[cfg_attr(test, derive(Debug))]\nstruct X;\n",
            "whole-line",
        ),
        ("#[cfg(feature = \"http\")]\nfn f() {\n}\n", "one-line item"),
        ("#[cfg(test)]\n", "one-line item"),
    ];
    for (text, expected) in cases {
        let error = copied(text, &BTreeSet::new()).unwrap_err();
        assert!(error.contains(expected), "{text:?}: {error}");
    }
}

/// Every `.rs` file under `templates/runtime/src` but the tests, by its path there.
fn runtime_sources() -> BTreeSet<String> {
    fn walk(dir: &std::path::Path, prefix: &str, out: &mut BTreeSet<String>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let entry = entry.unwrap();
            let name = entry.file_name().to_string_lossy().into_owned();
            if entry.file_type().unwrap().is_dir() {
                walk(&entry.path(), &format!("{prefix}{name}/"), out);
            } else if name.ends_with(".rs") && name != "tests.rs" {
                out.insert(format!("{prefix}{name}"));
            }
        }
    }
    let mut out = BTreeSet::new();
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../templates/runtime/src");
    walk(std::path::Path::new(dir), "", &mut out);
    out
}

#[test]
fn each_runtime_file_belongs_to_one_module_and_each_gate_to_a_module() {
    let listed: Vec<&str> = (ALWAYS.iter())
        .chain(Module::ALL.iter().flat_map(|m| m.files()))
        .map(|(path, _)| *path)
        .collect();
    let unique: BTreeSet<String> = listed.iter().map(|p| (*p).to_owned()).collect();
    assert_eq!(
        unique.len(),
        listed.len(),
        "a file listed twice: {listed:?}"
    );
    assert_eq!(unique, runtime_sources());
    // Every file copies whatever the crate has, and the workspace builds every module.
    let all: BTreeSet<Module> = Module::ALL.into();
    for (path, text) in ALWAYS.iter().chain(all.iter().flat_map(|m| m.files())) {
        let copy = copied(text, &all).unwrap_or_else(|e| panic!("{path}: {e}"));
        assert_eq!(kept_cfgs(&copy), Vec::<&str>::new(), "{path}");
        assert!(copied(text, &BTreeSet::new()).is_ok(), "{path}");
    }
    let manifest: toml::Table = toml::from_str(templates::RUNTIME_MANIFEST).unwrap();
    let features = manifest["features"].as_table().unwrap();
    let default: BTreeSet<&str> = (features["default"].as_array().unwrap().iter())
        .map(|f| f.as_str().unwrap())
        .collect();
    let declared: BTreeSet<&str> = features.keys().map(String::as_str).collect();
    let modules: BTreeSet<&str> = Module::ALL.iter().map(|m| m.feature()).collect();
    let crate_features = CRATE_FEATURES.iter().copied();
    assert_eq!(
        default,
        modules
            .iter()
            .copied()
            .chain(crate_features.clone())
            .collect()
    );
    assert_eq!(
        declared,
        (modules.iter().copied())
            .chain(crate_features)
            .chain(["default"])
            .collect()
    );
}

#[test]
fn a_crate_gets_only_the_modules_it_has() {
    let paths = |modules: &[Module]| -> Vec<String> {
        let files = super::files(&modules.iter().copied().collect()).unwrap();
        files.into_iter().map(|(path, _)| path).collect()
    };
    let http = paths(&[Module::Http]);
    assert!(http.contains(&"src/runtime/mod.rs".to_owned()));
    assert!(http.contains(&"src/runtime/http/client.rs".to_owned()));
    assert!(
        !http
            .iter()
            .any(|p| p.contains("paginate") || p.contains("webhooks"))
    );
    // The test doubles come with the client, behind the crate's own `test-util` feature.
    assert!(http.contains(&"src/runtime/http/mock.rs".to_owned()));
    let paging = paths(&[Module::Http, Module::Paginate]);
    assert!(paging.contains(&"src/runtime/http/paginate.rs".to_owned()));
    // A crate of webhooks only has no HTTP client.
    let webhooks = paths(&[Module::Webhooks]);
    assert_eq!(
        webhooks,
        [
            "src/runtime/mod.rs",
            "src/runtime/codec.rs",
            "src/runtime/locate.rs",
            "src/runtime/webhooks.rs"
        ]
    );
    for (path, text) in super::files(&[Module::Http].into()).unwrap() {
        assert_eq!(kept_cfgs(&text), Vec::<&str>::new(), "{path}");
        assert!(text.starts_with("// @generated"), "{path}: {}", &text[..40]);
    }
}

#[test]
fn the_runtime_depends_on_what_the_generated_crates_depend_on() {
    let table = |text: &str, key: &str| -> toml::Value {
        let manifest: toml::Table = toml::from_str(text).unwrap();
        manifest[key].clone()
    };
    let runtime = templates::RUNTIME_MANIFEST;
    // The manifest of a generated crate that has every module, built with its default
    // features: reqwest then also has the default TLS feature's.
    let config = crate::Config::from_toml(
        "[crate]\nname = \"x\"\nversion = \"0.1.0\"\ndescription = \"x\"\n",
    )
    .unwrap();
    let all: BTreeSet<Module> = Module::ALL.into();
    let manifest = crate::emit::cargo_toml(&config, &all, "spec").unwrap();
    let mut generated = table(&manifest, "dependencies");
    let features = table(&manifest, "features");
    let reqwest = generated["reqwest"].as_table_mut().unwrap();
    let list = reqwest["features"].as_array_mut().unwrap();
    for default in features["default"].as_array().unwrap() {
        for enabled in features[default.as_str().unwrap()].as_array().unwrap() {
            let feature = enabled.as_str().unwrap().strip_prefix("reqwest/").unwrap();
            list.push(feature.into());
        }
    }
    assert_eq!(table(runtime, "dependencies"), generated);
    let edition = |text: &str| table(text, "package")["edition"].clone();
    assert_eq!(edition(runtime), edition(templates::CARGO_TOML));
}

#[test]
fn a_crate_without_the_client_depends_on_serde_alone_and_the_verifier_on_rustcrypto() {
    let config = crate::Config::from_toml(
        "[crate]\nname = \"x\"\nversion = \"0.1.0\"\ndescription = \"x\"\n",
    )
    .unwrap();
    let keys = |modules: &[Module], section: &str| -> Vec<String> {
        let manifest = crate::emit::cargo_toml(&config, &modules.iter().copied().collect(), "s");
        let manifest: toml::Table = toml::from_str(&manifest.unwrap()).unwrap();
        assert!(!manifest.contains_key("features"), "{manifest:?}");
        (manifest.get(section).and_then(toml::Value::as_table))
            .map(|t| t.keys().cloned().collect())
            .unwrap_or_default()
    };
    assert_eq!(
        keys(&[], "dependencies"),
        ["serde", "serde_json", "serde_path_to_error"]
    );
    assert!(keys(&[], "dev-dependencies").is_empty());
    assert_eq!(
        keys(&[Module::Webhooks], "dependencies"),
        [
            "base64",
            "hmac",
            "http",
            "serde",
            "serde_json",
            "serde_path_to_error",
            "sha2"
        ]
    );
    // The README's receiver, a doctest, runs on axum and tokio.
    assert_eq!(
        keys(&[Module::Webhooks], "dev-dependencies"),
        ["axum", "tokio"]
    );
}

/// The runtime modules of the crate generated from the document `spec` with `config`.
fn modules_of(spec: &str, config: &str) -> BTreeSet<Module> {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
    let read = |path: &str| std::fs::read_to_string(format!("{root}/{path}")).unwrap();
    let config = crate::Config::from_toml(&read(config)).unwrap();
    let document = crate::load::load(&read(spec), spec).unwrap();
    let api = crate::lower::lower(&document, Default::default()).unwrap();
    let (api, names) = crate::naming::name(api, &config).unwrap();
    crate::plan::plan(&api, &config, names).unwrap().runtime
}

#[test]
fn an_api_gets_the_modules_its_operations_use() {
    let api_keys = modules_of("spec/openapi.yaml", "spec/sdk.toml");
    assert_eq!(api_keys, [Module::Http, Module::Paginate].into());
    let forms = modules_of("fixtures/forms/openapi.yaml", "fixtures/forms/sdk.toml");
    assert!(forms.contains(&Module::Multipart), "{forms:?}");
    assert!(!forms.contains(&Module::Paginate), "{forms:?}");
    let params = modules_of("fixtures/params/openapi.yaml", "fixtures/params/sdk.toml");
    assert!(params.contains(&Module::Style), "{params:?}");
}
