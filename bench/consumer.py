"""Writes a consumer crate for the benchmarks: a library that calls every operation of a
generated SDK once, each call in a function of its own, so that the SDK's generic and async
code (each operation's request future, the decoding of its answer) is compiled in the
consumer, as it is in an application. The calls never run: the crate is only built.

Usage: consumer.py ours|progenitor SDK_DIR OUT_DIR (prints the number of operations called)

- ours: the operations listed in SDK_DIR/api-surface.json (`module.method`); each function
  takes the operation's request builder, whose type is what the group's method returns
  (read from SDK_DIR/src/MODULE.rs), and awaits its `send()`.
- progenitor: every `pub async fn` of progenitor's `Client` (SDK_DIR/src/lib.rs), called with
  placeholder arguments of the types it asks for (a body that is generic gets bytes).

Each function boxes its future as a `dyn Future`, so that the future's code is generated
there. The consumer depends on the SDK by path with its default features, and sits outside
any workspace.
"""

import json
import os
import re
import sys
import tomllib

HEADER = """\
//! Calls every operation of `{package}` once (bench/consumer.py).
use std::future::Future;
use std::pin::Pin;

pub type Call = Pin<Box<dyn Future<Output = bool> + Send>>;
"""


def ours(sdk, crate):
    with open(os.path.join(sdk, "api-surface.json")) as f:
        operations = json.load(f)["operations"]
    functions = []
    for key in sorted(operations):
        module, method = key.rsplit(".", 1)
        with open(os.path.join(sdk, "src", *module.split(".")) + ".rs") as f:
            source = f.read()
        # `pub fn method(&self, …) -> Builder {`: the builder is a type of the same module.
        found = re.search(rf"pub fn {re.escape(method)}\(\s*&self\b[^{{;]*?->\s*([\w:]+)\s*\{{", source)
        if not found:
            sys.exit(f"{sdk}: no `pub fn {method}(&self, …) -> Builder` in module {module}")
        builder = f"{crate}::{module.replace('.', '::')}::{found.group(1)}"
        functions.append(f"pub fn op_{len(functions)}(b: {builder}) -> Call {{\n"
                         f"    Box::pin(async move {{ b.send().await.is_ok() }})\n}}")
    return functions


def progenitor(sdk, crate):
    with open(os.path.join(sdk, "src", "lib.rs")) as f:
        source = f.read()
    functions = ["#[inline(never)]\nfn any<T>() -> T {\n    unimplemented!()\n}"]
    signature = re.compile(r"pub async fn (\w+)(?:<([^(]*)>)?\(\s*&'a self,?(.*?)\)\s*->", re.S)
    count = 0
    for name, generics, params in signature.findall(source):
        # Type parameters such as `B: Into<reqwest::Body>` for a body of bytes.
        type_params = set(re.findall(r"\b([A-Z]\w*)\s*:", generics))
        args = []
        for param in split_top_level(params):
            ty = param.split(":", 1)[1].strip()
            args.append("any::<Vec<u8>>()" if ty in type_params else "any()")
        functions.append(f"pub fn op_{count}(c: &'static {crate}::Client) -> Call {{\n"
                         f"    Box::pin(async move {{ c.{name}({', '.join(args)}).await.is_ok() }})\n}}")
        count += 1
    return functions


def split_top_level(params):
    """The parameters of a signature, split at the commas outside brackets."""
    parts, depth, current = [], 0, ""
    for ch in params:
        depth += ch in "<(["
        depth -= ch in ">)]"
        if ch == "," and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += ch
    parts.append(current)
    return [p.strip() for p in parts if p.strip()]


def main(tool, sdk, out):
    sdk = os.path.abspath(sdk)
    with open(os.path.join(sdk, "Cargo.toml"), "rb") as f:
        package = tomllib.load(f)["package"]["name"]
    crate = package.replace("-", "_")
    functions = {"ours": ours, "progenitor": progenitor}[tool](sdk, crate)
    os.makedirs(os.path.join(out, "src"), exist_ok=True)
    with open(os.path.join(out, "Cargo.toml"), "w") as f:
        f.write(f'[package]\nname = "consumer-{tool}"\nversion = "0.1.0"\nedition = "2021"\n'
                f'publish = false\n\n[dependencies]\n{package} = {{ path = "{sdk}" }}\n\n[workspace]\n')
    with open(os.path.join(out, "src", "lib.rs"), "w") as f:
        f.write(HEADER.format(package=package) + "\n" + "\n\n".join(functions) + "\n")
    print(sum(f.startswith("pub fn op_") for f in functions))


if __name__ == "__main__":
    main(*sys.argv[1:])
