//! End-to-end tests of the generated SDK against a loopback HTTP server live in `tests/`.
//!
//! This crate's documentation is the repository's README, so that `cargo test --doc`
//! compiles its usage example against the generated crate.
#![doc = include_str!("../../README.md")]

/// The generated crate's README, included here so that `cargo test --doc` compiles its
/// examples too.
#[doc = include_str!("../../generated/README.md")]
pub mod generated_readme {}
