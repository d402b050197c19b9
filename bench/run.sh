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
#      of its crate.
#
# From a clean machine it installs what is missing: hyperfine and valgrind (Debian), openapi-generator-cli
# and PyYAML (PyPI, into a venv), cargo-progenitor and our progenitor driver (crates.io). It
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
#   BENCH_ONLY        "generate", "build", "large", "divan" or "report" to run one part (default: all)
#
# Quick mode, `bench/run.sh --quick` (or BENCH_QUICK=1), about a minute once the tools are
# built: generation only, ours and progenitor (driver) side by side in one hyperfine run on
# both documents, each pinned to one core (`taskset -c 0`, so that the comparison holds with
# the other core busy), then the ratios ours / progenitor of user CPU time and of wall time.
# It needs only hyperfine, PyYAML (for the progenitor patches) and the progenitor driver.
# Runs: BENCH_RUNS [20]. Results: target/bench/results/quick.json and quick.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

clerk_doc=${BENCH_CLERK_DOC:-../shared/reference/clerk-backend-api-2025-11-10.yml}
runs=${BENCH_RUNS:-10}
build_runs=${BENCH_BUILD_RUNS:-3}
client_runs=${BENCH_CLIENT_RUNS:-5}
only=${BENCH_ONLY:-all}
quick=${BENCH_QUICK:-}
[ "${1:-}" = --quick ] && quick=1
if [ -n "$quick" ]; then
  only=quick
  runs=${BENCH_RUNS:-20}
fi

# Pinned peer versions.
oag_version=7.26.0
progenitor_version=0.15.1
pyyaml_version=6.0.2

out=$root/target/bench
results=$out/results
mkdir -p "$out" "$results"

say() { printf '\n== %s\n' "$*"; }
part() { [ "$only" = all ] || [ "$only" = "$1" ]; }

[ -f "$clerk_doc" ] || { echo "Clerk's document is not at $clerk_doc (set BENCH_CLERK_DOC)" >&2; exit 1; }
clerk_doc=$(cd "$(dirname "$clerk_doc")" && pwd)/$(basename "$clerk_doc")

# --- tools -----------------------------------------------------------------------------------

say "tools"
# The peers are needed by the quick mode (progenitor) and by parts 1 and 2 (all three).
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
progenitor=$out/tools-target/release/progenitor-driver
if [ -n "$quick$peers" ]; then
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
  exit 0
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
      rm -rf "$dir"
      $(generate_cmd "$tool" "$doc" "$dir") > "$results/generate-$tool-$doc.log" 2>&1
      # Outside our workspace's members, though inside its folder.
      printf '\n[workspace]\n' >> "$dir/Cargo.toml"
      # The same dependency versions in every run: ours from the workspace's lock file, the
      # peers' from bench/locks/.
      case $tool in
        ours) cp Cargo.lock "$dir/" ;;
        *) cp "bench/locks/$tool.Cargo.lock" "$dir/Cargo.lock" ;;
      esac
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
  large=$inputs/clerk-x5.json
  operations=$("$venv/bin/python" bench/large.py "$clerk_doc" 5 "$large" | awk '{ print $2 }')
  dir=$out/crates/ours-large
  hyperfine -N --warmup 1 --runs "$runs" --export-json "$results/large-generate.json" \
    --prepare "rm -rf $dir" --command-name "ours large generate" \
    "$ours generate --spec $large --config $root/spec/sdk.toml --no-config-overlays --out $dir"
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

machine "end of part: $only" >> "$results/machine.txt"

# --- results -----------------------------------------------------------------------------------

say "results"
"$venv/bin/python" bench/report.py "$results" > "$out/results.md"
cat "$out/results.md"
