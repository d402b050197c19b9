//! The drift check as an ordinary test, and proof that it catches a changed spec.

use std::path::Path;

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// A copy of `spec/` in a temporary folder, with paths that generate next to it.
fn scratch() -> (tempfile::TempDir, xtask::Paths) {
    let work = tempfile::tempdir().unwrap();
    let spec_dir = work.path().join("spec");
    copy_dir(&xtask::root().join("spec"), &spec_dir);
    let out = work.path().join("out");
    let paths = xtask::Paths::new(Some(spec_dir.join("openapi.yaml")), None, Some(out));
    (work, paths)
}

#[test]
fn generated_crates_match_their_specs() {
    let targets = xtask::targets().expect("the fixtures folder is readable");
    assert!(targets.len() > 1, "no fixture crates found");
    for paths in targets {
        let files = xtask::render(&paths).expect("the spec renders");
        let drift = xtask::compare(&files, &paths.out).expect("the crate is readable");
        assert!(
            drift.is_empty(),
            "{} has drifted from {}: run `cargo xtask generate`\n{}",
            paths.out.display(),
            paths.spec.display(),
            drift.report()
        );
    }
}

#[test]
fn every_generated_file_says_it_is_generated_and_how_to_regenerate() {
    let files = xtask::render(&xtask::Paths::new(None, None, None)).unwrap();
    for (path, text) in &files {
        let head: String = text.lines().take(3).collect::<Vec<_>>().join("\n");
        assert!(
            head.contains("@generated"),
            "{path} has no @generated header"
        );
        assert!(
            head.contains("cargo xtask generate"),
            "{path} does not name the command that regenerates it"
        );
    }
}

#[test]
fn a_changed_spec_fails_the_check_until_generate_runs() {
    let (work, paths) = scratch();
    let (spec_dir, out) = (work.path().join("spec"), paths.out.clone());

    // A fresh folder: everything is missing, then generate writes it all.
    let first = xtask::write(&xtask::render(&paths).unwrap(), &out).unwrap();
    assert!(first.missing.contains(&"src/api_keys.rs".to_owned()));
    assert!(
        xtask::compare(&xtask::render(&paths).unwrap(), &out)
            .unwrap()
            .is_empty()
    );

    // Edit the spec: a summary changes, so docs in the generated code change.
    let spec_path = spec_dir.join("openapi.yaml");
    let spec = std::fs::read_to_string(&spec_path).unwrap();
    let edited = spec.replacen(
        "summary: Create an API Key",
        "summary: Create a brand new API Key",
        1,
    );
    assert_ne!(spec, edited, "the fixture edit must apply");
    std::fs::write(&spec_path, edited).unwrap();

    // A stale file that the generator no longer produces.
    std::fs::write(out.join("src/stale.rs"), "// old\n").unwrap();

    let drift = xtask::compare(&xtask::render(&paths).unwrap(), &out).unwrap();
    assert_eq!(
        drift
            .changed
            .iter()
            .map(|(p, _)| p.as_str())
            .collect::<Vec<_>>(),
        // The summary is in the method's rustdoc, its docs page and the example program.
        [
            "docs/api_keys.md",
            "examples/clerk_backend_api_api_keys.rs",
            "src/api_keys.rs"
        ]
    );
    assert_eq!(drift.extra, ["src/stale.rs"]);
    let report = drift.report();
    assert!(report.contains("-    /// Create an API Key"), "{report}");
    assert!(
        report.contains("+    /// Create a brand new API Key"),
        "{report}"
    );
    assert!(report.contains("extra: src/stale.rs"), "{report}");

    // generate brings it back in line, touching only what changed.
    let written = xtask::write(&xtask::render(&paths).unwrap(), &out).unwrap();
    assert_eq!(written.changed.len(), 3);
    assert!(!out.join("src/stale.rs").exists());
    assert!(
        xtask::compare(&xtask::render(&paths).unwrap(), &out)
            .unwrap()
            .is_empty()
    );
}

#[test]
fn a_broken_spec_leaves_the_output_untouched() {
    let (work, paths) = scratch();
    let (spec_dir, out) = (work.path().join("spec"), paths.out.clone());
    xtask::write(&xtask::render(&paths).unwrap(), &out).unwrap();
    let before = std::fs::read_to_string(out.join("src/models.rs")).unwrap();

    let spec_path = spec_dir.join("openapi.yaml");
    let spec = std::fs::read_to_string(&spec_path).unwrap();
    // A path template with a `{` left open: no reading of it makes sense.
    std::fs::write(
        &spec_path,
        spec.replacen(
            "  /api_keys/{apiKeyID}/secret:",
            "  /api_keys/{apiKeyID/secret:",
            1,
        ),
    )
    .unwrap();
    let error = xtask::render(&paths).unwrap_err();
    assert!(error.contains("has a `{` left open"), "{error}");
    assert!(
        error.contains("#/paths/~1api_keys~1{apiKeyID~1secret"),
        "{error}"
    );
    assert_eq!(
        std::fs::read_to_string(out.join("src/models.rs")).unwrap(),
        before
    );
}

#[test]
fn a_breaking_spec_edit_is_reported_and_bump_sets_the_version_it_needs() {
    let (work, paths) = scratch();
    let out = paths.out.clone();
    xtask::write(&xtask::render(&paths).unwrap(), &out).unwrap();
    assert_eq!(
        xtask::surface_report(&xtask::render(&paths).unwrap(), &out)
            .unwrap()
            .map(|r| r.changes.len()),
        Some(0),
        "an unchanged spec changes nothing"
    );

    // Make the `query` parameter of `getApiKeys` required: a breaking change.
    let spec_path = work.path().join("spec/openapi.yaml");
    let spec = std::fs::read_to_string(&spec_path).unwrap();
    let edited = spec.replacen(
        "        - name: query\n          in: query\n          required: false\n",
        "        - name: query\n          in: query\n          required: true\n",
        1,
    );
    assert!(spec != edited, "the edit must apply");
    std::fs::write(&spec_path, edited).unwrap();

    let report = xtask::surface_report(&xtask::render(&paths).unwrap(), &out)
        .unwrap()
        .expect("the crate has a surface");
    let text = report.to_string();
    assert!(
        text.contains("breaking    setter `api_keys.get_api_keys().query`: removed"),
        "{text}"
    );
    assert!(report.needs_bump(), "{text}");

    // --bump: the config gets the version, keeping its comments; the crate is built with it.
    let config = std::fs::read_to_string(&paths.config).unwrap();
    xtask::set_version(&paths.config, &report.next_version).unwrap();
    let bumped = std::fs::read_to_string(&paths.config).unwrap();
    assert_eq!(
        bumped,
        config.replacen(
            &format!("version = \"{}\"", report.version),
            &format!("version = \"{}\"", report.next_version),
            1
        )
    );
    let files = xtask::render(&paths).unwrap();
    let manifest = &files["Cargo.toml"];
    assert!(
        manifest.contains(&format!("version = \"{}\"", report.next_version)),
        "{manifest}"
    );
    let after = xtask::surface_report(&files, &out).unwrap().unwrap();
    assert!(!after.needs_bump(), "{after}");
}
