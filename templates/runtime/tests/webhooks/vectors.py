"""Signed webhook deliveries for the runtime's verifier, computed with Python's standard library
(hmac, hashlib, base64) rather than with the Rust code under test.

Prints a JSON object: `now` (the seconds since 1970 to verify at) and `cases`, each with
- `name`;
- the verifier's secret: `secret` (as the sender shows it) or `key_hex` (its raw bytes), and
  `tolerance` in seconds when it is not the default;
- the request: `headers` (name and value pairs) and `body_hex`;
- `expect`: `ok`, or the error (`NoMatchingSignature`, `TimestampTooOld`,
  `TimestampInFuture`, `MissingHeader:<header>`, `MalformedHeader:<header>`);
- for bodies that verify, `decode`: what decoding them gives, `json` (the JSON value, as
  Python reads it), `event` (the test's event type), or `error` with `path` where the body
  stops matching the type asked for (`as`: `json` or `event`).
"""

import base64
import hashlib
import hmac
import json

NOW = 1_700_000_000


def key(label):
    """A 24-byte key, as Svix's are, derived from a label so that the vectors never change."""
    return hashlib.sha256(label.encode()).digest()[:24]


def whsec(key_bytes):
    return "whsec_" + base64.b64encode(key_bytes).decode()


def sign(key_bytes, msg_id, timestamp, body):
    content = msg_id.encode() + b"." + str(timestamp).encode() + b"." + body
    digest = hmac.new(key_bytes, content, hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode()


KEY = key("endpoint secret")
OLD_KEY = key("old endpoint secret")
NEW_KEY = key("new endpoint secret")
OTHER_KEY = key("some other secret")
MSG_ID = "msg_2ZpKx5cJbQ8w1vFh3tYdLm9rNs"
BODY = (b'{"type":"user.created",'
        b'"data":{"id":"user_29w83sxmDNGwOuEthce5gg56FcC","first_name":"Ada"},'
        b'"object":"event"}')
EVENT = {"type": "user.created", "data": {"id": "user_29w83sxmDNGwOuEthce5gg56FcC"}}

cases = []


def case(name, expect, body=BODY, headers=None, secret=None, key_hex=None, tolerance=None,
         decode=None, prefix="webhook", msg_id=MSG_ID, timestamp=NOW, signature=None):
    if headers is None:
        if signature is None:
            signature = sign(KEY, msg_id, timestamp, body)
        headers = [
            [prefix + "-id", msg_id],
            [prefix + "-timestamp", str(timestamp)],
            [prefix + "-signature", signature],
        ]
    if secret is None and key_hex is None:
        secret = whsec(KEY)
    entry = {"name": name, "headers": headers, "body_hex": body.hex(), "expect": expect}
    if secret is not None:
        entry["secret"] = secret
    if key_hex is not None:
        entry["key_hex"] = key_hex
    if tolerance is not None:
        entry["tolerance"] = tolerance
    if decode is not None:
        entry["decode"] = decode
    cases.append(entry)


def without(header):
    signature = sign(KEY, MSG_ID, NOW, BODY)
    headers = [
        ["webhook-id", MSG_ID],
        ["webhook-timestamp", str(NOW)],
        ["webhook-signature", signature],
    ]
    return [h for h in headers if h[0] != header]


# Correct signatures.
case("a correct signature", "ok", decode={"as": "json", "json": json.loads(BODY)})
case("a correct signature, under Svix's header names", "ok", prefix="svix",
     decode={"as": "event", "event": EVENT})
case("a secret without its whsec_ prefix", "ok", secret=base64.b64encode(KEY).decode())
case("a secret as raw bytes", "ok", key_hex=KEY.hex())
right = sign(KEY, MSG_ID, NOW, BODY)
wrong = sign(OTHER_KEY, MSG_ID, NOW, BODY)
case("the correct signature among several entries", "ok",
     signature=" ".join([wrong, "v2," + right[3:], "v1a," + right[3:], "v1,!!!!", "nocomma",
                         "", right, wrong]))
case("a correct signature, then a malformed entry", "ok", signature=right + " v1,xyz")

# A rotated secret: the sender signs with the old and the new one while both are valid.
rotated = " ".join([sign(OLD_KEY, MSG_ID, NOW, BODY), sign(NEW_KEY, MSG_ID, NOW, BODY)])
case("a rotated secret, verified with the old one", "ok", signature=rotated,
     secret=whsec(OLD_KEY))
case("a rotated secret, verified with the new one", "ok", signature=rotated,
     secret=whsec(NEW_KEY))
case("a rotated secret, verified with neither", "NoMatchingSignature", signature=rotated)

# Signatures that do not match.
case("a wrong secret", "NoMatchingSignature", signature=wrong)
case("a tampered body", "NoMatchingSignature", body=BODY.replace(b"Ada", b"Eve"),
     signature=right)
case("a tampered id", "NoMatchingSignature", msg_id=MSG_ID + "x", signature=right)
case("a tampered timestamp", "NoMatchingSignature", timestamp=NOW + 1, signature=right)
case("a signature of a version other than v1", "MalformedHeader:signature",
     signature="v2," + right[3:])
case("a stale timestamp and a wrong secret", "NoMatchingSignature", timestamp=NOW - 3600,
     signature=sign(OTHER_KEY, MSG_ID, NOW - 3600, BODY))

# Timestamps: five minutes either way by default.
case("a stale timestamp", "TimestampTooOld", timestamp=NOW - 301)
case("a timestamp at the edge of the tolerance, in the past", "ok", timestamp=NOW - 300)
case("a future timestamp", "TimestampInFuture", timestamp=NOW + 301)
case("a timestamp at the edge of the tolerance, in the future", "ok", timestamp=NOW + 300)
case("a stale timestamp within a longer tolerance", "ok", timestamp=NOW - 3000,
     tolerance=3600)
case("a timestamp beyond a shorter tolerance", "TimestampTooOld", timestamp=NOW - 11,
     tolerance=10)

# Headers.
case("no id header", "MissingHeader:id", headers=without("webhook-id"))
case("no timestamp header", "MissingHeader:timestamp", headers=without("webhook-timestamp"))
case("no signature header", "MissingHeader:signature", headers=without("webhook-signature"))
case("no headers", "MissingHeader:id", headers=[])
case("a timestamp that is not a number", "MalformedHeader:timestamp", timestamp="hello")
case("a negative timestamp", "MalformedHeader:timestamp", timestamp=-NOW)
case("a timestamp with a fraction", "MalformedHeader:timestamp", timestamp=f"{NOW}.5")
case("a timestamp too large for 64 bits", "MalformedHeader:timestamp",
     timestamp=2**64)
case("an empty id", "MalformedHeader:id", msg_id="")
case("a signature header with only its version", "MalformedHeader:signature",
     signature="v1,")
case("a signature header without a version", "MalformedHeader:signature",
     signature=right[3:])
case("a truncated signature", "MalformedHeader:signature", signature=right[:20])
case("an empty signature header", "MalformedHeader:signature", signature="")

# Bodies: any bytes are signed; only a verified body is decoded.
case("a body that is not JSON", "ok", body=b"not json",
     decode={"as": "json", "error": {"path": "."}})
case("a body that is not UTF-8", "ok", body=bytes([0xFF, 0x00, 0xC3, 0x28]),
     decode={"as": "json", "error": {"path": "."}})
case("a body that does not match the event type", "ok",
     body=b'{"type":"user.created","data":{"id":42}}',
     decode={"as": "event", "error": {"path": "data.id"}})
case("an empty body", "ok", body=b"", decode={"as": "json", "error": {"path": "."}})

print(json.dumps({"now": NOW, "cases": cases}, indent=1))
