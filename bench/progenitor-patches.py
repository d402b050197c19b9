"""The three patches progenitor 0.15.1 needs to generate a crate that builds from Clerk's whole
Backend API document. Reads the document, writes the patched copy; prints each change.

`python progenitor-patches.py IN.yml OUT.yml` (needs PyYAML). Only the benchmark's copy under
target/ is patched; the document itself is not changed and no copy is committed.

1. multipart/form-data request bodies (3 operations): progenitor refuses them ("unexpected
   content type"). Each becomes an application/octet-stream body of bytes.
2. Bodiless error responses beside a typed one (2 operations): progenitor asserts that an
   operation's error responses share one type. The bodiless ones are dropped, so those
   statuses become progenitor's "unexpected response".
3. Two parameters with the same Rust name (1 operation): progenitor emits `frontend_api`
   twice for `frontendApi` and `frontend_api`, which does not compile. The deprecated one is
   dropped.
"""

import re
import sys

import yaml


def operations(doc):
    for path, item in doc["paths"].items():
        for method, op in item.items():
            if isinstance(op, dict) and "responses" in op:
                yield path, method, op


def snake(name):
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def main(source, target):
    with open(source) as f:
        doc = yaml.safe_load(f)
    for path, method, op in operations(doc):
        where = f"{method.upper()} {path}"
        content = op.get("requestBody", {}).get("content", {})
        if "multipart/form-data" in content:
            del content["multipart/form-data"]
            content["application/octet-stream"] = {
                "schema": {"type": "string", "format": "binary"}
            }
            print(f"patch 1, {where}: multipart body as octet-stream")

        responses = op["responses"]
        errors = [s for s in responses if not str(s).startswith("2")]
        typed = [s for s in errors if "content" in responses[s] or "$ref" in responses[s]]
        if typed and len(typed) < len(errors):
            for status in errors:
                if status not in typed:
                    del responses[status]
                    print(f"patch 2, {where}: bodiless {status} dropped")

        params = op.get("parameters", [])
        by_name = {}
        for param in params:
            if "name" in param:
                by_name.setdefault(snake(param["name"]), []).append(param)
        for same in by_name.values():
            if len(same) > 1:
                for param in same:
                    if param.get("deprecated"):
                        params.remove(param)
                        print(f"patch 3, {where}: deprecated parameter {param['name']} dropped")
    with open(target, "w") as f:
        yaml.safe_dump(doc, f, sort_keys=False)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
