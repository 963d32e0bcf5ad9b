#!/usr/bin/env python3
"""Recompute Mandate's audit-log root without Mandate, using only Python's standard library.

    mandate audit export --format jsonl > audit.jsonl
    mandate audit checkpoint > checkpoint.txt
    python3 tools/verify_audit.py audit.jsonl checkpoint.txt

Each line of the export is exactly the canonical (RFC 8785) bytes that were hashed. Leaves and
nodes follow RFC 6962/9162: leaf = SHA-256(0x00 || line), node = SHA-256(0x01 || left || right).
The script checks that the lines are numbered 1..n by their "seq", recomputes the root of the first
`size` leaves named by the checkpoint (a C2SP tlog-checkpoint: origin, size, base64 root), and
compares. It does not check the checkpoint's Ed25519 signature (the standard library has no
Ed25519); `mandate audit verify --checkpoint` or any signed-note verifier does that.
Exit 0 when the root matches, 1 otherwise.
"""
import base64
import hashlib
import json
import sys


def leaf_hash(data: bytes) -> bytes:
    return hashlib.sha256(b"\x00" + data).digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    return hashlib.sha256(b"\x01" + left + right).digest()


def root(leaves: list) -> bytes:
    """RFC 9162 §2.1.1 MTH, iteratively: fold complete subtrees right to left."""
    if not leaves:
        return hashlib.sha256(b"").digest()
    stack = []  # (size, hash) of complete subtrees, sizes strictly decreasing
    for h in leaves:
        size, node = 1, h
        while stack and stack[-1][0] == size:
            left_size, left = stack.pop()
            size, node = size + left_size, node_hash(left, node)
        stack.append((size, node))
    size, node = stack.pop()
    while stack:
        _, left = stack.pop()
        node = node_hash(left, node)
    return node


def read_checkpoint(path: str):
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    origin, size, root_b64 = lines[0], int(lines[1]), lines[2]
    return origin, size, base64.b64decode(root_b64, validate=True)


def main() -> int:
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    export_path, checkpoint_path = sys.argv[1], sys.argv[2]
    origin, size, expected = read_checkpoint(checkpoint_path)
    leaves = []
    with open(export_path, "rb") as f:
        for number, line in enumerate(f, start=1):
            data = line.rstrip(b"\n")
            seq = json.loads(data)["seq"]
            if seq != number:
                print(f"line {number} holds seq {seq}: records are missing, inserted or out of order")
                return 1
            leaves.append(leaf_hash(data))
    if size > len(leaves):
        print(f"the checkpoint covers {size} records but the export has only {len(leaves)}")
        return 1
    actual = root(leaves[:size])
    if actual != expected:
        print(f"root mismatch at size {size}: checkpoint {expected.hex()}, recomputed {actual.hex()}")
        return 1
    print(f"ok: {origin}, {size} of {len(leaves)} records, root {actual.hex()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
