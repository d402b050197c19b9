//! End-to-end tests of the generated SDK against a loopback HTTP server live in `tests/`.
//!
//! This crate's documentation is the repository's README, so that `cargo test --doc`
//! compiles its usage example against the generated crate.
#![doc = include_str!("../../README.md")]

/// The generator's guide, `docs/` at the repository's root: a module per page, so that
/// `cargo test --doc` compiles the Rust examples of its pages as it does the README's.
pub mod guide {
    #[doc = include_str!("../../docs/README.md")]
    pub mod index {}
    #[doc = include_str!("../../docs/architecture.md")]
    pub mod architecture {}
    #[doc = include_str!("../../docs/generated-crate.md")]
    pub mod generated_crate {}
    #[doc = include_str!("../../docs/naming.md")]
    pub mod naming {}
    #[doc = include_str!("../../docs/openapi-support.md")]
    pub mod openapi_support {}
    #[doc = include_str!("../../docs/overlays-and-config.md")]
    pub mod overlays_and_config {}
    #[doc = include_str!("../../docs/testing-and-ci.md")]
    pub mod testing_and_ci {}
    #[doc = include_str!("../../docs/using-the-sdk.md")]
    pub mod using_the_sdk {}
    #[doc = include_str!("../../docs/versioning.md")]
    pub mod versioning {}
    #[doc = include_str!("../../docs/workflow.md")]
    pub mod workflow {}
}

#[cfg(test)]
mod tests {
    /// A page added to `docs/` without a module above would hold examples no one compiles.
    #[test]
    fn every_page_of_the_guide_is_a_module() {
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
        let this = include_str!("lib.rs");
        for entry in std::fs::read_dir(format!("{root}/docs")).unwrap() {
            let name = entry.unwrap().file_name().into_string().unwrap();
            if name.ends_with(".md") {
                let include = format!("include_str!(\"../../docs/{name}\")");
                assert!(
                    this.contains(&include),
                    "docs/{name} is not a module of `guide`"
                );
            }
        }
    }
}
