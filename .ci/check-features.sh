#!/usr/bin/env bash
# Checks a generated crate with each of its group features alone, then with every feature and
# with none: `cargo check` with warnings denied, so that no group needs what its feature leaves
# out and nothing a feature keeps goes unused (an import, a model, a helper).
#
#   .ci/check-features.sh CRATE_DIR [GROUP...]
#
# Without GROUPs it checks every group of CRATE_DIR/Cargo.toml: the features `full` turns on
# (`webhooks` among them when the crate has webhooks beside its client). Each group is checked
# with one TLS feature, as a user who depends on that group alone builds it.
#
# RUSTFLAGS="-D warnings" is set here, and a change of RUSTFLAGS rebuilds every dependency:
# give each crate outside the workspace a CARGO_TARGET_DIR of its own for this script (the
# workspace's crates can share one), apart from the folder of your usual builds.
set -euo pipefail

crate=${1:?usage: .ci/check-features.sh CRATE_DIR [GROUP...]}
shift
manifest="$crate/Cargo.toml"
[ -f "$manifest" ] || { echo "no $manifest" >&2; exit 1; }
if [ $# -eq 0 ]; then
  full=$(sed -n 's/^full = \[\(.*\)\]$/\1/p' "$manifest" | tr -d '",')
  [ -n "$full" ] || { echo "$manifest has no groups (no \`full\` feature)" >&2; exit 1; }
  # shellcheck disable=SC2086 # one word per feature
  set -- $full
fi

export RUSTFLAGS="-D warnings"
check() {
  echo "features: $1"
  shift
  cargo check --manifest-path "$manifest" --quiet "$@"
}
for group in "$@"; do
  check "$group" --no-default-features --features "$group,rustls-tls-webpki-roots"
done
check "all" --all-features
check "none" --no-default-features
