//! Warnings at generation: the API Keys document needs no degradation, and a document that
//! does gets one located warning per construct, which `--strict` turns into the error.

use xtask::{Paths, render, root, warnings};

#[test]
fn the_api_keys_document_generates_without_a_warning() {
    let paths = Paths::new(None, None, None);
    let files = render(&paths).expect("spec/openapi.yaml renders");
    assert_eq!(warnings(&files, &paths), Vec::<String>::new());
    let strict = Paths {
        strict: true,
        ..paths
    };
    render(&strict).expect("and renders under --strict too");
}

#[test]
fn each_degraded_construct_is_one_located_warning_and_strict_refuses_the_first() {
    let fixture = root().join("fixtures/degrade");
    let paths = Paths::new(
        Some(fixture.join("openapi.yaml")),
        None,
        Some(fixture.join("sdk")),
    );
    let files = render(&paths).expect("the degrade fixture renders");
    let warnings = warnings(&files, &paths);
    let prefix = "warning: fixtures/degrade/openapi.yaml: #/";
    // Its `content` parameter is typed exactly: 9 of the document's 10 odd constructs warn.
    assert_eq!(warnings.len(), 9, "{warnings:#?}");
    for warning in &warnings {
        assert!(warning.starts_with(prefix), "{warning}");
        assert!(warning.contains(" is generated as ") && warning.contains(", because "));
    }
    let strict = Paths {
        strict: true,
        ..paths
    };
    let error = render(&strict).expect_err("--strict refuses the document");
    assert!(
        error.contains("fixtures/degrade/openapi.yaml: #/") && error.contains("`strict` refuses"),
        "{error}"
    );
}
