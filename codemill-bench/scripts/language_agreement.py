#!/usr/bin/env python3
"""Agreement of Codemill's language identification with GitHub linguist on one folder tree.

Usage: language_agreement.py OURS.tsv LINGUIST.tsv [TOP]
  OURS.tsv      from LanguageIdMeasure (path, language, evidence)
  LINGUIST.tsv  path, language ('unknown' when linguist has none), e.g. from
                ruby -rlinguist (Linguist::FileBlob#language) over the same tree
Prints the share of files both sides judged (text files on both) where the names agree, overall
and for files linguist names, and the TOP most frequent disagreements.
"""
import collections
import sys

# names linguist spells differently from us (see languages_from_linguist.py RENAME)
RENAME = {"Rocq Prover": "Coq", "Vim script": "Vim Script"}


def read(path, cols):
    out = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) >= cols:
                out[parts[0]] = parts[1:]
    return out


def main():
    ours = read(sys.argv[1], 3)
    ling = read(sys.argv[2], 2)
    top = int(sys.argv[3]) if len(sys.argv) > 3 else 15
    both = sorted(set(ours) & set(ling))
    agree = 0
    named = named_agree = 0
    diff = collections.Counter()
    for p in both:
        a = ours[p][0]
        b = RENAME.get(ling[p][0], ling[p][0])
        if b != "unknown":
            named += 1
            named_agree += a == b
        if a == b:
            agree += 1
        else:
            ext = p.rsplit(".", 1)[-1] if "." in p.rsplit("/", 1)[-1] else "(none)"
            diff[(ext, a, ours[p][1], b)] += 1
    print(f"files judged by both: {len(both)} (ours only {len(set(ours) - set(ling))}, linguist only {len(set(ling) - set(ours))})")
    print(f"agreement: {agree}/{len(both)} = {agree / max(1, len(both)):.4f}")
    print(f"agreement where linguist names a language: {named_agree}/{named} = {named_agree / max(1, named):.4f}")
    for (ext, a, ev, b), n in diff.most_common(top):
        print(f"  {n:6d}  .{ext}: ours {a} ({ev}) vs linguist {b}")


if __name__ == "__main__":
    main()
