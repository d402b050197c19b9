//! End-to-end tests of the generated SDK against a loopback HTTP server live in `tests/`.
//!
//! This crate's documentation is the repository's README, so that `cargo test --doc`
//! compiles its usage example against the generated crate.
#![doc = include_str!("../../README.md")]
