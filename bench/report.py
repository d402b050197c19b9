"""Turns the raw results of bench/run.sh (hyperfine JSON, divan text, crates.tsv) into the
Markdown tables of BENCHMARKS.md. `python report.py target/bench/results`; with `--ratios`
before the folder, part 6's ratios ours / progenitor as plain text."""

import csv
import json
import os
import re
import statistics
import sys

DOCS = {"api-keys": "API Keys (`spec/`)", "clerk": "whole Clerk document"}
TOOLS = {
    "ours": "ours",
    "progenitor": "progenitor 0.15.1 (prettyplease)",
    "cargo-progenitor": "cargo-progenitor 0.15.1 (rustfmt)",
    "openapi-generator": "openapi-generator 7.26.0 `rust`",
}


def load(path):
    with open(path) as f:
        return json.load(f)


def spread(result):
    """` ± σ` of a hyperfine result, when it had more than one run."""
    return f" ± {result['stddev']:.2f}" if result.get("stddev") is not None else ""


def ms(seconds):
    return f"{seconds * 1000:.1f} ms" if seconds < 10 else f"{seconds:.2f} s"


def generation(results):
    out = ["### 1. Generation, whole process (hyperfine, mean ± σ)", ""]
    out.append("| tool | " + " | ".join(DOCS.values()) + " |")
    out.append("|---|" + "---|" * len(DOCS))
    rows = {}
    for doc in DOCS:
        path = os.path.join(results, f"generate-{doc}.json")
        if not os.path.exists(path):
            return []
        by_tool = {r["command"]: r for r in load(path)["results"]}
        ours = by_tool["ours"]["mean"]
        for tool, r in by_tool.items():
            ratio = "" if tool == "ours" else f", {r['mean'] / ours:.1f}× ours"
            sigma = f" ± {ms(r['stddev'])}" if r.get("stddev") is not None else ""
            rows.setdefault(tool, []).append(f"{ms(r['mean'])}{sigma}{ratio}")
    for tool, cells in rows.items():
        out.append(f"| {TOOLS.get(tool, tool)} | " + " | ".join(cells) + " |")
    return out + [""]


def build_cost(results):
    path = os.path.join(results, "crates.tsv")
    if not os.path.exists(path):
        return []
    with open(path) as f:
        crates = list(csv.DictReader(f, delimiter="\t"))
    out = ["### 2. Cost of the generated crate (dev profile, dependencies already built)", ""]
    out.append("| tool | document | build from scratch | one-line change | dependency crates (normal / compiled) | files | lines of Rust |")
    out.append("|---|---|---|---|---|---|---|")
    scratch = {}
    for c in crates:
        key = f"{c['tool']}-{c['doc']}"
        s = load(os.path.join(results, f"build-scratch-{key}.json"))["results"][0]
        e = load(os.path.join(results, f"build-edit-{key}.json"))["results"][0]
        scratch[(c["tool"], c["doc"])] = s["mean"]
        c["scratch"], c["edit"] = s, e
    for c in crates:
        ratio = ""
        peer = scratch.get(("progenitor", c["doc"]))
        if c["tool"] != "progenitor" and peer:
            ratio = f" ({c['scratch']['mean'] / peer:.2f}× progenitor)"
        out.append(
            f"| {TOOLS.get(c['tool'], c['tool'])} | {DOCS[c['doc']]} "
            f"| {c['scratch']['mean']:.2f} s{spread(c['scratch'])}{ratio} "
            f"| {c['edit']['mean']:.2f} s{spread(c['edit'])} "
            f"| {c['deps_normal']} / {c['deps_compiled']} | {c['files']} | {int(c['lines']):,} |"
        )
    return out + [""]


def large(results):
    path = os.path.join(results, "large.txt")
    if not os.path.exists(path):
        return []
    with open(path) as f:
        about = f.read().strip().removeprefix("large: ")
    g = load(os.path.join(results, "large-generate.json"))["results"][0]
    s = load(os.path.join(results, "large-check-scratch.json"))["results"][0]
    e = load(os.path.join(results, "large-check-edit.json"))["results"][0]
    return [
        "### 5. A document of 1,195 operations (Clerk's, five times over; ours)",
        "",
        f"The crate: {about}.",
        "",
        "| generation (whole process) | `cargo check` from scratch, dependencies checked | `cargo check` after a one-line change |",
        "|---|---|---|",
        f"| {ms(g['mean'])}{spread(g)} (user {ms(g['user'])}) | {s['mean']:.1f} s{spread(s)} (user {s['user']:.1f} s) "
        f"| {e['mean']:.1f} s{spread(e)} |",
        "",
    ]


NO_GROUPS = "not measurable: the crate has no cargo feature per group"


def users_results(results):
    """Part 6's hyperfine results by label (`users-LABEL.json`), its consumers (by tool) and the
    load average before and after; None when the part has not run."""
    parts = {}
    for name in sorted(os.listdir(results)):
        m = re.fullmatch(r"users-(.+?)(\.run\d+)?\.json", name)
        if m:
            parts.setdefault(m.group(1), []).append(load(os.path.join(results, name))["results"][0])
    runs = {label: together(found) for label, found in parts.items()}
    if "ours-all" not in runs or "progenitor-all" not in runs:
        return None
    with open(os.path.join(results, "users-consumers.tsv")) as f:
        consumers = {row["tool"]: row for row in csv.DictReader(f, delimiter="\t")}
    with open(os.path.join(results, "users-machine.txt")) as f:
        machine = f.read().strip()
    return runs, consumers, machine


def together(results):
    """One hyperfine result of the runs of several (part 6 times the tools in turns, one run
    at a time): every run's time, their mean and spread, and the mean user and system time."""
    if len(results) == 1:
        return results[0]
    times = [t for r in results for t in r["times"]]
    weight = lambda key: sum(r[key] * len(r["times"]) for r in results) / len(times)
    return {
        "times": times,
        "mean": statistics.mean(times),
        "stddev": statistics.stdev(times),
        "user": weight("user"),
        "system": weight("system"),
    }


def cpu(result):
    """User + system CPU time of a hyperfine result (means of the runs), in seconds."""
    return result["user"] + result["system"]


def users(results):
    found = users_results(results)
    if not found:
        return []
    runs, consumers, machine = found
    prog = runs["progenitor-all"]
    n = len(prog["times"])

    def row(name, what, label, peer=prog):
        r = runs.get(label)
        if not r:
            return f"| {name} | {what} | {NO_GROUPS} | | |"
        ratio = f"{cpu(r) / cpu(peer):.2f}×" if peer else ""
        return f"| {name} | {what} | {r['mean']:.2f} s{spread(r)} | {cpu(r):.2f} s | {ratio} |"

    out = [f"### 6. What users pay (dev profile, `CARGO_INCREMENTAL=0`, {n} run{'s' * (n > 1)} each)", ""]
    out += ["```text", machine, "```", ""]
    out += ["The crate for the whole Clerk document as a dependency, built from scratch with its dependencies built:", ""]
    out += ["| crate | features | wall, mean | CPU (user + sys) | CPU / progenitor's whole crate |", "|---|---|---|---|---|"]
    out.append(row("ours", "all groups (default features)", "ours-all"))
    out.append(row("ours", "`api-keys` only", "ours-api-keys"))
    out.append(row(TOOLS["progenitor"], "the whole crate", "progenitor-all", None))
    out += ["", "A crate that calls every operation once (`bench/consumer.py`), built from scratch with the SDK built:", ""]
    out += ["| SDK | operations called | wall, mean | CPU (user + sys) | CPU / progenitor's | `cargo llvm-lines` total (copies) |",
            "|---|---|---|---|---|---|"]
    peer = runs.get("consumer-progenitor")
    for tool in ("ours", "progenitor"):
        r, c = runs.get(f"consumer-{tool}"), consumers.get(tool)
        if not (r and c):
            continue
        ratio = f"{cpu(r) / cpu(peer):.2f}×" if tool != "progenitor" and peer else ""
        lines = f"{int(c['llvm_lines']):,} ({int(c['copies']):,})" if c["llvm_lines"] else "not measured"
        out.append(f"| {TOOLS[tool]} | {c['operations']} | {r['mean']:.2f} s{spread(r)} | {cpu(r):.2f} s | {ratio} | {lines} |")
    if "large-all" in runs:
        out += ["", "The 1,195-operation document's crate (ours), `cargo check` from scratch with its dependencies checked:", ""]
        out += ["| features | wall, mean | CPU (user + sys) |", "|---|---|---|"]
        for what, label in (("all groups (default features)", "large-all"), ("`api-keys` only", "large-api-keys")):
            r = runs.get(label)
            out.append(f"| {what} | {r['mean']:.2f} s{spread(r)} | {cpu(r):.2f} s |" if r else f"| {what} | {NO_GROUPS} | |")
    return out + [""]


def ratios(results):
    """Part 6's ratios ours / progenitor, as plain text (`report.py --ratios RESULTS`)."""
    found = users_results(results)
    if not found:
        return ["part 6 has not run"]
    runs, consumers, machine = found
    out = [machine, f"{'build, from scratch':36} {'ours CPU':>9} {'prog CPU':>9} {'CPU ratio':>9} {'ours wall':>9} {'prog wall':>9} {'wall ratio':>10}"]
    for what, label, peer in (
        ("all groups / progenitor whole", "ours-all", "progenitor-all"),
        ("api-keys only / progenitor whole", "ours-api-keys", "progenitor-all"),
        ("consumer, ours / progenitor", "consumer-ours", "consumer-progenitor"),
    ):
        r, p = runs.get(label), runs.get(peer)
        if not (r and p):
            out.append(f"{what:36} {NO_GROUPS if label == 'ours-api-keys' else 'not measured'}")
            continue
        out.append(f"{what:36} {cpu(r):8.2f}s {cpu(p):8.2f}s {cpu(r) / cpu(p):9.2f}"
                   f" {r['mean']:8.2f}s {p['mean']:8.2f}s {r['mean'] / p['mean']:10.2f}")
    ours, prog = consumers.get("ours", {}), consumers.get("progenitor", {})
    if ours.get("llvm_lines") and prog.get("llvm_lines"):
        a, b = int(ours["llvm_lines"]), int(prog["llvm_lines"])
        out.append(f"{'consumer, cargo llvm-lines total':36} {a:,} / {b:,} lines = {a / b:.2f}")
    for what, label in (("large, check, all groups", "large-all"), ("large, check, api-keys only", "large-api-keys")):
        r = runs.get(label)
        if r:
            out.append(f"{what:36} {cpu(r):8.2f}s CPU, {r['mean']:.2f}s wall")
        elif "large-all" in runs:
            out.append(f"{what:36} {NO_GROUPS}")
    return out


CLIENT_SAMPLE_SIZE = 10
UNITS = {"ns": 1e-9, "µs": 1e-6, "us": 1e-6, "ms": 1e-3, "s": 1.0}
BYTES = {"B": 1, "KB": 1e3, "MB": 1e6, "GB": 1e9, "KiB": 1024, "MiB": 1024**2, "GiB": 1024**3}


def seconds(text):
    value, unit = text.split()
    return float(value) * UNITS[unit]


def size(text):
    value, unit = text.split()
    return float(value) * BYTES[unit]


def divan(path):
    """{(group, name): {"median": s, "mean": s, "alloc": (count, bytes), "max": (count, bytes)}}"""
    benches, group, current, label, pending = {}, None, None, None, []
    with open(path) as f:
        for line in f:
            line = line.rstrip("\n")
            if "─ " in line:
                depth = line.index("─")
                cells = [c.strip() for c in line[depth + 2:].split("│")]
                name = cells[0].split()[0]
                if len(cells) < 4 or not cells[3]:
                    group = name
                    continue
                key = (group, name) if depth > 1 else (None, name)
                head = re.match(r"(\S+)\s+(.*)", cells[0])
                current = benches[key] = {
                    "fastest": seconds(head.group(2)),
                    "median": seconds(cells[2]),
                    "mean": seconds(cells[3]),
                }
                label, pending = None, []
                continue
            if current is None or "│" not in line:
                continue
            cells = [c.strip(" │├╰─") for c in line.split("│")]
            first = next((c for c in cells if c), "")
            if first.endswith(":"):
                label, pending = first[:-1], []
            elif label and first:
                # The median column; every column is the same for a deterministic count.
                values = [c for c in cells if c]
                pending.append(values[2] if len(values) > 2 else values[0])
                if len(pending) == 2:
                    current[label] = (float(pending[0]), size(pending[1]))
                    label = None
    return benches


def stages(results):
    path = os.path.join(results, "divan-generator.txt")
    if not os.path.exists(path):
        return []
    benches = divan(path)
    names = ["load", "lower", "name", "plan", "emit", "format", "format_parse", "format_print",
             "surface", "write_new", "write_unchanged", "render"]
    out = ["### 3. Generator in process, stage by stage (divan, median; allocations per run)", ""]
    out.append("| stage | " + " | ".join(DOCS.values()) + " |")
    out.append("|---|" + "---|" * len(DOCS))
    arg = {"api-keys": "api-keys", "clerk": "clerk-whole"}
    for stage in names:
        cells = []
        for doc in DOCS:
            b = benches.get((stage, arg[doc]))
            if not b:
                cells.append("")
                continue
            alloc = b.get("alloc")
            allocs = f", {alloc[0]:,.0f} allocations" if alloc else ""
            cells.append(f"{ms(b['median'])}{allocs}")
        out.append(f"| {stage} | " + " | ".join(cells) + " |")
    return out + [""]


def client(results):
    runs = sorted(
        f for f in os.listdir(results) if re.fullmatch(r"divan-client(-\d+)?\.txt", f)
    )
    if not runs:
        return []
    runs = [divan(os.path.join(results, f)) for f in runs]
    instructions = {}
    path = os.path.join(results, "callgrind-client.tsv")
    if os.path.exists(path):
        with open(path) as f:
            for row in csv.DictReader(f, delimiter="\t"):
                instructions[row["bench"]] = int(row["instructions_per_request"])
    out = [f"### 4. Client overhead on loopback (divan, {len(runs)} processes; callgrind)", ""]
    out.append("| call | plain reqwest + serde_json, median | generated client, median | overhead: median of the processes (range) | requests/s plain / ours | instructions per request plain / ours | allocations per request plain / ours | bytes allocated plain / ours | peak live bytes plain / ours |")
    out.append("|---|---|---|---|---|---|---|---|---|")
    median = statistics.median
    for group in ["get_api_key", "get_api_keys", "create_api_key", "decode_page"]:
        pairs = [(r.get((group, "plain")), r.get((group, "sdk"))) for r in runs]
        pairs = [(p, q) for p, q in pairs if p and q]
        if not pairs:
            continue
        plain = median(p["median"] for p, _ in pairs)
        sdk = median(q["median"] for _, q in pairs)
        ratios = [q["median"] / p["median"] - 1 for p, q in pairs]
        first_plain, first_sdk = pairs[0]
        a, b = first_plain.get("alloc", (0, 0)), first_sdk.get("alloc", (0, 0))
        # divan divides the peak of a sample by its size; the requests of a sample run one
        # after the other, each freeing what it took, so the peak of one is that times the
        # sample size (10, see benches/client.rs).
        pa, pb = (tuple(x * CLIENT_SAMPLE_SIZE for x in b.get("max alloc", (0, 0))) for b in (first_plain, first_sdk))
        ip, isdk = instructions.get(f"{group}::plain"), instructions.get(f"{group}::sdk")
        ins = f"{ip:,} / {isdk:,} ({isdk / ip - 1:+.1%})" if ip and isdk else ""
        name = f"`{group}`" if group != "decode_page" else "decoding the page alone, no HTTP"
        out.append(
            f"| {name} | {plain * 1e6:.1f} µs | {sdk * 1e6:.1f} µs "
            f"| {median(ratios):+.1%} ({min(ratios):+.1%} to {max(ratios):+.1%}) "
            f"| {1 / plain:,.0f} / {1 / sdk:,.0f} | {ins} "
            f"| {a[0]:.0f} / {b[0]:.0f} | {a[1] / 1e3:.1f} KB / {b[1] / 1e3:.1f} KB "
            f"| {pa[1] / 1e3:.1f} KB / {pb[1] / 1e3:.1f} KB |"
        )
    return out + [""]


def main(results):
    lines = ["## Results", ""]
    with open(os.path.join(results, "machine.txt")) as f:
        lines += ["```text", f.read().strip(), "```", ""]
    for section in (generation, build_cost, stages, client, large, users):
        lines += section(results)
    print("\n".join(lines))


if __name__ == "__main__":
    if sys.argv[1] == "--ratios":
        print("\n".join(ratios(sys.argv[2])))
    else:
        main(sys.argv[1])
