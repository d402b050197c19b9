//! Snapshot tests: each fixture document renders to the snapshot next to it.
//!
//! After an intended change, refresh the snapshots with
//! `EXPECTORATE=overwrite cargo test -p generator --test snapshots` and review the diff.

use generator::Config;

fn config() -> Config {
    Config::from_toml(
        r#"
        [crate]
        name = "fixture-sdk"
        version = "0.1.0"
        description = "A fixture."
        [client]
        name = "Client"
        user_agent = "fixture-sdk-rust"
        api_version_header = "Api-Version"
        [client.headers]
        X-Fixture = "yes"
        [models]
        sensitive_fields = ["pin", "X-Owner-Secret"]
        [pagination]
        offset = "skip"
        limit = "count"
        items = "owners"
        total = "total"
        "#,
    )
    .unwrap()
}

/// The emitted Rust files of a fixture, concatenated (the runtime templates are left out:
/// they are the same for every document).
fn render(name: &str) -> String {
    let path = format!("{}/tests/fixtures/{name}.yaml", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap();
    let files = generator::render(&text, &format!("fixtures/{name}.yaml"), &config()).unwrap();
    files
        .iter()
        .filter(|(path, _)| path.starts_with("src/") && !path.starts_with("src/runtime/"))
        .map(|(path, text)| format!("==> {path} <==\n{text}"))
        .collect()
}

#[test]
fn constructs() {
    expectorate::assert_contents("tests/snapshots/constructs.rs.txt", &render("constructs"));
}

#[test]
fn rendering_is_deterministic() {
    assert_eq!(render("constructs"), render("constructs"));
}
