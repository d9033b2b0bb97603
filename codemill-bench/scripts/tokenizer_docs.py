#!/usr/bin/env python3
"""Writes the kept documents of a codemill run (OUT/data/*.jsonl or *.jsonl.zst, `content`) as DOCS.bin:
4-byte big-endian length + UTF-8 bytes each, in output order; the input of tokenizer_peers.py
and of the Java tokenizer benchmark, so every tokenizer sees the same text.

    tokenizer_docs.py OUT DOCS.bin
"""
import glob, io, json, os, struct, subprocess, sys

with open(sys.argv[2], "wb") as out:
    n = total = 0
    for part in sorted(glob.glob(os.path.join(sys.argv[1], "data", "*.jsonl*"))):
        raw = subprocess.run(["zstd", "-dc", part], check=True, capture_output=True).stdout if part.endswith(".zst") \
            else open(part, "rb").read()
        with io.StringIO(raw.decode("utf-8")) as f:
            for line in f:
                b = json.loads(line)["content"].encode("utf-8", "surrogatepass")
                out.write(struct.pack(">I", len(b)))
                out.write(b)
                n += 1
                total += len(b)
print(f"{n} documents, {total / 1e6:.1f} MB")
