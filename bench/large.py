"""Writes a large document for the benchmarks: Clerk's whole document with its paths repeated
`copies` times (239 operations become 1,195 with five), each copy under its own path prefix,
operationIds and tags, sharing the components. The output is JSON, read at the JSON parser's
speed, and lives under target/ only.

Usage: large.py CLERK_DOC COPIES OUT.json
"""

import json
import sys

import yaml

source, copies, target = sys.argv[1], int(sys.argv[2]), sys.argv[3]
with open(source) as f:
    doc = yaml.safe_load(f)

paths = {}
for copy in range(1, copies + 1):
    for path, item in doc["paths"].items():
        # The first copy is the document as published; the others get a prefix and suffixes.
        prefix = "" if copy == 1 else f"/copy{copy}"
        item = json.loads(json.dumps(item))
        for operation in item.values():
            if not isinstance(operation, dict) or "operationId" not in operation:
                continue
            if copy > 1:
                operation["operationId"] += f"Copy{copy}"
                operation["tags"] = [f"{tag} copy {copy}" for tag in operation.get("tags", [])]
                for extension in ("x-speakeasy-group", "x-speakeasy-name-override"):
                    operation.pop(extension, None)
        paths[prefix + path] = item
doc["paths"] = paths
doc["tags"] = [
    dict(tag, name=tag["name"] if copy == 1 else f"{tag['name']} copy {copy}")
    for copy in range(1, copies + 1)
    for tag in doc.get("tags", [])
]
with open(target, "w") as f:
    json.dump(doc, f, default=str)
count = sum(
    1 for item in paths.values() for op in item.values() if isinstance(op, dict) and "operationId" in op
)
print(f"{target}: {count} operations")
