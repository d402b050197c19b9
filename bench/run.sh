#!/usr/bin/env bash
# Reproduces every number in BENCHMARKS.md in one run, ours and the peers side by side:
#
#   1. generation, whole process (hyperfine): our generator (`--profile dist`), progenitor and
#      openapi-generator's `rust` client, on spec/openapi.yaml and on Clerk's whole document;
#   2. the cost of each generated crate: build from scratch with dependencies already built,
#      rebuild after a one-line change, dependency crates, lines of generated code;
#   3. the generator stage by stage, in process (divan, `bench/benches/generator.rs`);
#   4. client overhead against plain reqwest + serde_json on loopback (divan,
#      `bench/benches/client.rs`);
#   5. a document of 1,195 operations (Clerk's, five times over): generation, and `cargo check`
#      of its crate;
#   6. what users pay (BENCH_ONLY=users), everything built as cargo builds a registry dependency
#      (CARGO_INCREMENTAL=0): the crate for Clerk's whole document from scratch, its dependencies
#      built, with all groups and with one group (`api-keys`) beside progenitor's whole crate; a
#      consumer crate that calls every operation once (bench/consumer.py), ours and progenitor's,
#      built with the SDK already built (and its `cargo llvm-lines` total); `cargo check` of the
#      1,195-operation crate with all groups and with one. The one-group rows need a crate with
#      a cargo feature per group (a `full` feature): without one they are reported as not
#      measurable.
#
# From a clean machine it installs what is missing: hyperfine and valgrind (Debian), openapi-generator-cli
# and PyYAML (PyPI, into a venv), cargo-progenitor, cargo-llvm-lines and our progenitor driver
# (crates.io; part 6 goes without line counts if cargo-llvm-lines cannot be installed). It
# needs Rust, Python 3 with venv, and Java 17 or newer for openapi-generator.
#
# Everything goes under target/bench/, each build in its own CARGO_TARGET_DIR, so the
# workspace's own build is not disturbed. Results: target/bench/results.md (tables) and
# target/bench/results/ (hyperfine JSON, divan output, build logs).
#
# Settings (environment):
#   BENCH_CLERK_DOC   Clerk's whole document [../shared/reference/clerk-backend-api-2025-11-10.yml]
#   BENCH_RUNS        hyperfine runs per generator command [10]
#   BENCH_BUILD_RUNS  runs per build measurement [3]
#   BENCH_CLIENT_RUNS processes of the client benchmark [5]
#   BENCH_QUIET_LOAD  if set, first wait (up to 40 minutes) for the 1-minute load average to
#                     drop below this value, e.g. 0.5
#   BENCH_ONLY        "generate", "build", "large", "divan", "users" or "report" to run one part
#                     (default: all)
#
# Quick mode, `bench/run.sh --quick` (or BENCH_QUICK=1), about a minute once the tools are
# built: generation only, ours and progenitor (driver) side by side in one hyperfine run on
# both documents, each pinned to one core (`taskset -c 0`, so that the comparison holds with
# the other core busy), then the ratios ours / progenitor of user CPU time and of wall time.
# It needs only hyperfine, PyYAML (for the progenitor patches) and the progenitor driver.
# Runs: BENCH_RUNS [20]. Results: target/bench/results/quick.json and quick.txt.
#
# Quick build mode, `bench/run.sh --quick-build` (or BENCH_QUICK_BUILD=1): the quick mode, then
# part 6 without the 1,195-operation document, one run per build (BENCH_BUILD_RUNS [1]), and
# the ratios ours / progenitor of its build costs (target/bench/results/users-ratios.txt).
# Building takes minutes: about 10 on 2 cores once the dependencies are built (the first run
# builds them, in target/bench/build/users-*).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

clerk_doc=${BENCH_CLERK_DOC:-../shared/reference/clerk-backend-api-2025-11-10.yml}
runs=${BENCH_RUNS:-10}
build_runs=${BENCH_BUILD_RUNS:-3}
client_runs=${BENCH_CLIENT_RUNS:-5}
only=${BENCH_ONLY:-all}
quick=${BENCH_QUICK:-}
quick_build=${BENCH_QUICK_BUILD:-}
case ${1:-} in
  --quick) quick=1 ;;
  --quick-build) quick_build=1 ;;
esac
[ -n "$quick_build" ] && quick=1
if [ -n "$quick" ]; then
  only=quick
  runs=${BENCH_RUNS:-20}
fi
# The quick build mode: the quick mode's generation, then part 6.
if [ -n "$quick_build" ]; then
  only=users
  build_runs=${BENCH_BUILD_RUNS:-1}
fi

# Pinned peer versions.
oag_version=7.26.0
progenitor_version=0.15.1
pyyaml_version=6.0.2
llvm_lines_version=0.4.48

out=$root/target/bench
results=$out/results
mkdir -p "$out" "$results"

say() { printf '\n== %s\n' "$*"; }
part() { [ "$only" = all ] || [ "$only" = "$1" ]; }

[ -f "$clerk_doc" ] || { echo "Clerk's document is not at $clerk_doc (set BENCH_CLERK_DOC)" >&2; exit 1; }
clerk_doc=$(cd "$(dirname "$clerk_doc")" && pwd)/$(basename "$clerk_doc")

# --- tools -----------------------------------------------------------------------------------

say "tools"
# The peers are needed by the quick mode and part 6 (progenitor) and by parts 1 and 2 (all three).
peers=""; { part generate || part build; } && peers=1
tools=(hyperfine); part divan && tools+=(valgrind)
for tool in "${tools[@]}"; do
  if ! command -v "$tool" >/dev/null; then
    sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
    $sudo apt-get install -y "$tool" || { $sudo apt-get update && $sudo apt-get install -y "$tool"; }
  fi
done
venv=$out/venv
if [ -z "$peers" ]; then
  if ! "$venv/bin/python" -c 'import yaml' 2>/dev/null; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q "pyyaml==$pyyaml_version"
  fi
else
  java -version 2>&1 | head -1 || { echo "openapi-generator needs Java 17 or newer (apt-get install openjdk-17-jre-headless)" >&2; exit 1; }
  if [ ! -x "$venv/bin/openapi-generator-cli" ] || ! "$venv/bin/python" -c 'import yaml' 2>/dev/null; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q "openapi-generator-cli==$oag_version" "pyyaml==$pyyaml_version"
  fi
fi
oag=$venv/bin/openapi-generator-cli
cargo_progenitor=$out/tools/bin/cargo-progenitor
if [ -n "$peers" ] && [ ! -x "$cargo_progenitor" ]; then
  cargo install --locked cargo-progenitor --version "$progenitor_version" --root "$out/tools"
fi
llvm_lines=$out/tools/bin/cargo-llvm-lines
if part users && [ ! -x "$llvm_lines" ]; then
  cargo install --locked cargo-llvm-lines --version "$llvm_lines_version" --root "$out/tools" \
    || echo "cargo-llvm-lines $llvm_lines_version could not be installed: part 6 goes without its line counts" >&2
fi
progenitor=$out/tools-target/release/progenitor-driver
if [ -n "$quick$peers" ] || part users; then
  CARGO_TARGET_DIR=$out/tools-target cargo build -q --release --locked \
    --manifest-path bench/progenitor-driver/Cargo.toml
fi
CARGO_TARGET_DIR=$out/gen cargo build -q --profile dist --locked -p xtask
ours=$out/gen/dist/xtask
hyperfine --version; rustc --version
if [ -n "$peers" ]; then
  "$oag" version; "$cargo_progenitor" progenitor --help >/dev/null
fi

# --- the machine ---------------------------------------------------------------------------

if [ -n "${BENCH_QUIET_LOAD:-}" ]; then
  say "waiting for a 1-minute load average below $BENCH_QUIET_LOAD (at most 40 minutes)"
  for _ in $(seq 40); do
    load=$(cut -d' ' -f1 /proc/loadavg)
    awk -v l="$load" -v t="$BENCH_QUIET_LOAD" 'BEGIN { exit !(l < t) }' && break
    echo "load $load, rustc/cargo running: $(pgrep -c -x rustc || true)/$(pgrep -c -x cargo || true); waiting"
    sleep 60
  done
fi
machine() {
  echo "$1: $(date -u +%FT%TZ), load average $(cut -d' ' -f1-3 /proc/loadavg), other rustc/cargo processes: $(pgrep -c -x rustc || true)/$(pgrep -c -x cargo || true)"
}
# Appended to, so that parts run on their own (BENCH_ONLY) keep the conditions of each.
{
  echo "cpu: $(nproc) x $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), memory: $(free -g | awk '/Mem:/ { print $2 }') GiB, $(rustc --version), $(hyperfine --version)"
  machine "start of part: $only"
} >> "$results/machine.txt"
cat "$results/machine.txt"

# --- inputs ----------------------------------------------------------------------------------

# Documents by short name. progenitor needs three patches to Clerk's document (see
# bench/progenitor-patches.py); the patched copy lives under target/ only.
inputs=$out/inputs
mkdir -p "$inputs"
"$venv/bin/python" bench/progenitor-patches.py "$clerk_doc" "$inputs/clerk-for-progenitor.yml"
declare -A spec=([api-keys]=$root/spec/openapi.yaml [clerk]=$clerk_doc)
declare -A spec_progenitor=([api-keys]=$root/spec/openapi.yaml [clerk]=$inputs/clerk-for-progenitor.yml)
docs=(api-keys clerk)
# spec/sdk.toml's overlays are written for spec/openapi.yaml: ours reads Clerk's document as
# published, as the other tools do, with the config's crate and client settings only.
declare -A ours_flags=([api-keys]="" [clerk]="--no-config-overlays")
gen=$out/gen-out

# Clerk's document five times over, 1,195 operations (bench/large.py), for ours in parts 5 and
# 6: `make_large_doc` writes it and prints its number of operations.
spec[large]=$inputs/clerk-x5.json
ours_flags[large]="--no-config-overlays"
make_large_doc() {
  "$venv/bin/python" bench/large.py "$clerk_doc" 5 "${spec[large]}" | awk '{ print $2 }'
}

# The command that generates `doc` with `tool` into `dir`.
generate_cmd() {
  local tool=$1 doc=$2 dir=$3
  case $tool in
    ours) echo "$ours generate --spec ${spec[$doc]} --config $root/spec/sdk.toml ${ours_flags[$doc]} --out $dir" ;;
    progenitor) echo "$progenitor ${spec_progenitor[$doc]} $dir" ;;
    cargo-progenitor) echo "$cargo_progenitor progenitor -i ${spec_progenitor[$doc]} -o $dir -n clerk-progenitor -v 0.1.0" ;;
    openapi-generator) echo "$oag generate -g rust -i ${spec[$doc]} -o $dir --additional-properties=packageName=clerk-openapi-generator,packageVersion=0.1.0,reqwestDefaultFeatures=rustls" ;;
  esac
}

# Generates `doc` with `tool` into `dir`, a crate that builds on its own: outside our
# workspace's members (though inside its folder), with the same dependency versions in every
# run: ours from the workspace's lock file, the peers' from bench/locks/.
generate_crate() {
  local tool=$1 doc=$2 dir=$3
  rm -rf "$dir"
  $(generate_cmd "$tool" "$doc" "$dir") > "$results/generate-$(basename "$dir").log" 2>&1
  printf '\n[workspace]\n' >> "$dir/Cargo.toml"
  case $tool in
    ours) cp Cargo.lock "$dir/" ;;
    *) cp "bench/locks/$tool.Cargo.lock" "$dir/Cargo.lock" ;;
  esac
}

# --- quick: ours and progenitor, one core each ----------------------------------------------

if [ -n "$quick" ]; then
  say "generation, ours and progenitor, pinned to one core (taskset -c 0)"
  args=()
  for doc in "${docs[@]}"; do
    for tool in ours progenitor; do
      dir=$gen/quick-$tool-$doc
      args+=(--prepare "rm -rf $dir" --command-name "$tool $doc" "taskset -c 0 $(generate_cmd "$tool" "$doc" "$dir")")
    done
  done
  start=$(machine "start")
  hyperfine -N --warmup 2 --runs "$runs" --export-json "$results/quick.json" "${args[@]}"
  end=$(machine "end")
  echo "$end" >> "$results/machine.txt"
  say "ours / progenitor, mean of $runs runs (lower is better; the target is at most 0.33)"
  { echo "$start"; echo "$end"; python3 - "$results/quick.json" <<'PY'; } | tee "$results/quick.txt"
import json, sys
results = {r["command"]: r for r in json.load(open(sys.argv[1]))["results"]}
print(f"{'document':10} {'ours user':>10} {'prog user':>10} {'user ratio':>10} {'ours wall':>10} {'prog wall':>10} {'wall ratio':>10}")
for doc in ("api-keys", "clerk"):
    ours, prog = results[f"ours {doc}"], results[f"progenitor {doc}"]
    # hyperfine's `user` is the mean user CPU time of the runs.
    print(f"{doc:10} {ours['user'] * 1e3:8.1f}ms {prog['user'] * 1e3:8.1f}ms {ours['user'] / prog['user']:10.2f}"
          f" {ours['mean'] * 1e3:8.1f}ms {prog['mean'] * 1e3:8.1f}ms {ours['mean'] / prog['mean']:10.2f}")
PY
  # The quick build mode goes on with part 6.
  [ -n "$quick_build" ] || exit 0
fi

# --- 1. generation ---------------------------------------------------------------------------

if part generate; then
  for doc in "${docs[@]}"; do
    say "generation, whole process: $doc"
    args=()
    for tool in ours progenitor cargo-progenitor openapi-generator; do
      dir=$gen/$tool-$doc
      args+=(--prepare "rm -rf $dir" --command-name "$tool" "$(generate_cmd "$tool" "$doc" "$dir")")
    done
    hyperfine -N --warmup 2 --runs "$runs" --export-json "$results/generate-$doc.json" \
      --export-markdown "$results/generate-$doc.md" "${args[@]}"
  done
fi

# --- 2. cost of the generated crates ---------------------------------------------------------

# The crate name, and the file that gets the one-line change, of each tool's output.
crate_name() {
  case $1 in
    ours) echo clerk-backend-api ;;
    progenitor) echo clerk-progenitor ;;
    openapi-generator) echo clerk-openapi-generator ;;
  esac
}
edited_file() {
  case $1-$2 in
    ours-api-keys) echo src/api_keys.rs ;;
    ours-clerk) echo src/users.rs ;;
    progenitor-*) echo src/lib.rs ;;
    openapi-generator-api-keys) echo src/apis/api_keys_api.rs ;;
    openapi-generator-clerk) echo src/apis/users_api.rs ;;
  esac
}

if part build; then
  printf 'tool\tdoc\tdeps_normal\tdeps_compiled\tfiles\tlines\tbytes\n' > "$results/crates.tsv"
  for tool in ours progenitor openapi-generator; do
    for doc in "${docs[@]}"; do
      say "build cost: $tool, $doc"
      dir=$out/crates/$tool-$doc
      generate_crate "$tool" "$doc" "$dir"
      manifest=$dir/Cargo.toml
      name=$(crate_name "$tool")
      export CARGO_TARGET_DIR=$out/build/$tool
      # Dependencies built once, untimed; the crate's own warnings are not counted here.
      cargo build -q --manifest-path "$manifest" 2> "$results/build-$tool-$doc.log" || {
        cat "$results/build-$tool-$doc.log" >&2; exit 1; }
      hyperfine -N --runs "$build_runs" --export-json "$results/build-scratch-$tool-$doc.json" \
        --prepare "cargo clean -q -p $name --manifest-path $manifest" \
        --command-name "$tool $doc from scratch" "cargo build -q --manifest-path $manifest"
      file=$dir/$(edited_file "$tool" "$doc")
      hyperfine -N --runs "$build_runs" --export-json "$results/build-edit-$tool-$doc.json" \
        --prepare "bash -c 'echo \"// one-line change\" >> $file'" \
        --command-name "$tool $doc one-line change" "cargo build -q --manifest-path $manifest"
      unset CARGO_TARGET_DIR
      deps() {
        cargo tree --manifest-path "$manifest" --prefix none -e "$1" \
          | sed -e 's/ (\*)$//' -e 's/ (proc-macro)$//' | sort -u | grep -vc "^$name v"
      }
      sources=$(find "$dir/src" -name '*.rs' | sort)
      printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$tool" "$doc" "$(deps normal)" "$(deps normal,build)" \
        "$(echo "$sources" | wc -l)" "$(cat $sources | wc -l)" "$(cat $sources | wc -c)" \
        >> "$results/crates.tsv"
    done
  done
  cat "$results/crates.tsv"
fi

# --- 5. a document of 1,195 operations ------------------------------------------------------

# Clerk's document five times over (bench/large.py): generation time, and what `cargo check`
# of the crate costs a user, from scratch with the dependencies already checked and after a
# one-line change. Ours only: the peers' times on Clerk's document are in parts 1 and 2.
if part large; then
  say "a document of 1,195 operations"
  operations=$(make_large_doc)
  dir=$out/crates/ours-large
  hyperfine -N --warmup 1 --runs "$runs" --export-json "$results/large-generate.json" \
    --prepare "rm -rf $dir" --command-name "ours large generate" "$(generate_cmd ours large "$dir")"
  printf '\n[workspace]\n' >> "$dir/Cargo.toml"
  cp Cargo.lock "$dir/"
  manifest=$dir/Cargo.toml
  name=$(crate_name ours)
  export CARGO_TARGET_DIR=$out/build/large
  cargo check -q --manifest-path "$manifest" 2> "$results/check-large.log" || {
    cat "$results/check-large.log" >&2; exit 1; }
  hyperfine -N --runs "$build_runs" --export-json "$results/large-check-scratch.json" \
    --prepare "cargo clean -q -p $name --manifest-path $manifest" \
    --command-name "ours large check from scratch" "cargo check -q --manifest-path $manifest"
  file=$dir/src/api_keys.rs
  hyperfine -N --runs "$build_runs" --export-json "$results/large-check-edit.json" \
    --prepare "bash -c 'echo \"// one-line change\" >> $file'" \
    --command-name "ours large check, one-line change" "cargo check -q --manifest-path $manifest"
  unset CARGO_TARGET_DIR
  sources=$(find "$dir/src" -name '*.rs' | sort)
  echo "large: $operations operations, $(echo "$sources" | wc -l) files, $(cat $sources | wc -l) lines" \
    | tee "$results/large.txt"
fi

# --- 3 and 4. divan ---------------------------------------------------------------------------

if part divan; then
  export CARGO_TARGET_DIR=$out/divan
  say "generator stages (divan)"
  BENCH_CLERK_DOC=$clerk_doc cargo bench -q --locked -p bench --bench generator \
    | tee "$results/divan-generator.txt"
  # A 5% difference is below what moves between two processes on this kind of machine (where
  # a process lands, its heap, its caches): the client benchmark runs in several processes,
  # and the report takes the median of their ratios.
  for i in $(seq "$client_runs"); do
    say "client overhead (divan), run $i of $client_runs"
    cargo bench -q --locked -p bench --bench client | tee "$results/divan-client-$i.txt"
  done
  # The CPU work of one request, free of timing noise: instructions counted by callgrind (user
  # space, client and server alike; not the kernel's loopback). Each benchmark runs with 100
  # and with 200 samples of 10 requests, and the difference over the 1,000 extra requests
  # leaves out what is paid once (the runtime, the connections, divan itself).
  client=$(ls -t "$CARGO_TARGET_DIR"/release/deps/client-* | grep -v '\.d$' | head -1)
  printf 'bench\tinstructions_per_request\n' > "$results/callgrind-client.tsv"
  for bench in get_api_key get_api_keys create_api_key decode_page; do
    for side in plain sdk; do
      for samples in 100 200; do
        valgrind --tool=callgrind --callgrind-out-file="$results/callgrind-$bench-$side-$samples.out" \
          "$client" --bench "$bench::$side" --sample-count "$samples" --sample-size 10 > /dev/null 2>&1
      done
      ir() { callgrind_annotate "$results/callgrind-$bench-$side-$1.out" | grep -m1 'PROGRAM TOTALS' | awk '{ gsub(",", "", $1); print $1 }'; }
      printf '%s::%s\t%s\n' "$bench" "$side" "$(( ($(ir 200) - $(ir 100)) / 1000 ))" >> "$results/callgrind-client.tsv"
    done
  done
  cat "$results/callgrind-client.tsv"
  unset CARGO_TARGET_DIR
fi

# --- 6. what users pay ------------------------------------------------------------------------

# What an SDK costs the user's builds, everything built as cargo builds a registry dependency
# (CARGO_INCREMENTAL=0) in the dev profile. Each measurement builds once untimed (the
# dependencies, and for a consumer the SDK), then times the build from scratch of one package:
# `hyperfine --prepare 'cargo clean -p PACKAGE'`. Results: target/bench/results/users-*.
#
# `build_once LABEL PACKAGE COMMAND DIR [ARGUMENTS]`: `cargo COMMAND ARGUMENTS` of the crate in
# DIR, timed from scratch with its dependencies built (users-LABEL.json).
build_once() {
  local label=$1 package=$2 command=$3 dir=$4
  shift 4
  local manifest=$dir/Cargo.toml
  say "what users pay: $label"
  cargo "$command" -q --manifest-path "$manifest" "$@" 2> "$results/users-$label.log" || {
    cat "$results/users-$label.log" >&2; exit 1; }
  hyperfine -N --runs "$build_runs" --export-json "$results/users-$label.json" \
    --prepare "cargo clean -q -p $package --manifest-path $manifest" \
    --command-name "$label" "cargo $command -q --manifest-path $manifest $*"
}
# `warm LABEL COMMAND DIR [ARGUMENTS]`: `cargo COMMAND ARGUMENTS` of the crate in DIR, untimed,
# which builds its dependencies.
warm() {
  local label=$1 command=$2 dir=$3
  shift 3
  say "what users pay: $label (building its dependencies)"
  cargo "$command" -q --manifest-path "$dir/Cargo.toml" "$@" 2> "$results/users-$label.log" || {
    cat "$results/users-$label.log" >&2; exit 1; }
}
# `timed_once LABEL RUN PACKAGE COMMAND DIR [ARGUMENTS]`: run number RUN of `cargo COMMAND
# ARGUMENTS` of the crate in DIR, timed from scratch with its dependencies built
# (users-LABEL.runRUN.json; the report takes the runs of a label together).
timed_once() {
  local label=$1 run=$2 package=$3 command=$4 dir=$5
  shift 5
  local manifest=$dir/Cargo.toml
  say "what users pay: $label, run $run of $build_runs"
  hyperfine -N --runs 1 --export-json "$results/users-$label.run$run.json" \
    --prepare "cargo clean -q -p $package --manifest-path $manifest" \
    --command-name "$label" "cargo $command -q --manifest-path $manifest $*"
}
# Whether the crate in DIR has a cargo feature per group: the `full` feature turns them all on.
has_group_features() {
  sed -n '/^\[features\]/,/^\[/p' "$1/Cargo.toml" | grep -q '^full *='
}
# One group alone, with the default TLS.
one_group=(--no-default-features --features api-keys,rustls-tls-webpki-roots)
no_groups="not measurable: the crate has no cargo feature per group (no \`full\` feature), the one-group rows are skipped"

if part users; then
  export CARGO_INCREMENTAL=0
  rm -f "$results"/users-*
  machine start > "$results/users-machine.txt"
  printf 'tool\toperations\tllvm_lines\tcopies\n' > "$results/users-consumers.tsv"
  # Each crate is generated and built once untimed (its dependencies with it), then timed in
  # turns, ours then progenitor, run after run: on a machine whose speed drifts (a shared VM,
  # where progenitor's crate took 16 s in one run and 23 s in another an hour later), both
  # tools meet the same drift, which a block of runs per tool would give to one of them.
  for tool in ours progenitor; do
    # The SDK for Clerk's whole document: all groups (the default features), then one group.
    sdk=$out/crates/users-$tool
    generate_crate "$tool" clerk "$sdk"
    export CARGO_TARGET_DIR=$out/build/users-$tool
    warm "$tool-all" build "$sdk"
    if [ "$tool" = ours ] && has_group_features "$sdk"; then
      warm ours-api-keys build "$sdk" "${one_group[@]}"
    fi
    # The consumer, which calls every operation; its lock file is the SDK's.
    consumer=$out/crates/consumer-$tool
    rm -rf "$consumer"
    called=$("$venv/bin/python" bench/consumer.py "$tool" "$sdk" "$consumer")
    cp "$sdk/Cargo.lock" "$consumer/"
    # In a target folder of its own: the SDK's timed builds clean the SDK, which the consumer's
    # timed builds must find built.
    CARGO_TARGET_DIR=$out/build/consumer-$tool warm "consumer-$tool" build "$consumer"
    # `cargo llvm-lines`: the lines of LLVM IR generated in the consumer (its 100 largest
    # functions kept), a count that does not depend on the machine's load.
    counts=$results/users-llvm-lines-$tool.txt
    if [ ! -x "$llvm_lines" ]; then
      echo "no cargo-llvm-lines: the consumer's line count is skipped"
    elif CARGO_TARGET_DIR=$out/build/consumer-$tool "$llvm_lines" llvm-lines --lib \
      --manifest-path "$consumer/Cargo.toml" > "$counts" 2> "$counts.log"; then
      sed -i '101,$d' "$counts"
    else
      echo "cargo llvm-lines failed ($counts.log): the consumer's line count is skipped"; rm "$counts"
    fi
    lines=""; copies=""
    if [ -f "$counts" ]; then
      lines=$(awk '$3 == "(TOTAL)" { print $1 }' "$counts")
      copies=$(awk '$3 == "(TOTAL)" { print $2 }' "$counts")
    fi
    printf '%s\t%s\t%s\t%s\n' "$tool" "$called" "$lines" "$copies" >> "$results/users-consumers.tsv"
  done
  has_group_features "$out/crates/users-ours" || echo "ours, api-keys only: $no_groups"
  for run in $(seq "$build_runs"); do
    for tool in ours progenitor; do
      sdk=$out/crates/users-$tool
      name=$(crate_name "$tool")
      export CARGO_TARGET_DIR=$out/build/users-$tool
      timed_once "$tool-all" "$run" "$name" build "$sdk"
      if [ "$tool" = ours ] && has_group_features "$sdk"; then
        timed_once ours-api-keys "$run" "$name" build "$sdk" "${one_group[@]}"
      fi
      CARGO_TARGET_DIR=$out/build/consumer-$tool \
        timed_once "consumer-$tool" "$run" "consumer-$tool" build "$out/crates/consumer-$tool"
    done
  done
  # The 1,195-operation document's crate (ours): `cargo check`, all groups and one group. Not
  # in the quick build mode.
  if [ -z "$quick_build" ]; then
    make_large_doc > /dev/null
    dir=$out/crates/users-large
    generate_crate ours large "$dir"
    export CARGO_TARGET_DIR=$out/build/users-large
    build_once large-all "$(crate_name ours)" check "$dir"
    if has_group_features "$dir"; then
      build_once large-api-keys "$(crate_name ours)" check "$dir" "${one_group[@]}"
    else
      echo "large, api-keys only: $no_groups"
    fi
  fi
  unset CARGO_TARGET_DIR CARGO_INCREMENTAL
  machine end >> "$results/users-machine.txt"
  say "what users pay: ours / progenitor"
  python3 bench/report.py --ratios "$results" | tee "$results/users-ratios.txt"
fi

machine "end of part: $only" >> "$results/machine.txt"

# --- results -----------------------------------------------------------------------------------

say "results"
"$venv/bin/python" bench/report.py "$results" > "$out/results.md"
cat "$out/results.md"
