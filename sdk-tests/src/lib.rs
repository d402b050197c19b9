//! End-to-end tests of the generated SDK live in `tests/`.
