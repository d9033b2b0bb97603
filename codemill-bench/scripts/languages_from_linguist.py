#!/usr/bin/env python3
"""Generates Codemill's language tables from GitHub linguist's data files.

Usage:
  languages_from_linguist.py LINGUIST_DIR COMMIT [OUT_DIR]

LINGUIST_DIR holds lib/linguist/languages.yml and lib/linguist/heuristics.yml of
github-linguist/linguist at COMMIT (40 hex digits, written into the headers). OUT_DIR defaults
to codemill-stages/src/main/resources/codemill/languages and must hold our two hand-kept inputs:

  languages-local.tsv  additions to linguist's rows (our aliases, extensions, file names,
                       interpreters); same six columns as languages.tsv
  fallbacks-local.tsv  extension -> language when no content rule matches (our verdicts for
                       extensions that linguist leaves to its Bayesian classifier)

It writes languages.tsv, ambiguous.tsv and heuristics.tsv there. The facts (names, types,
extensions, file names, interpreters, aliases, content patterns) are linguist's, MIT-licensed;
this script and the table layout are ours. Needs PyYAML.

Conflicts are settled deterministically and printed to stderr: a file name, interpreter or
alias listed by two languages stays with the first in table order (our languages first, then
linguist's alphabetical order); a local addition that another language already claims is dropped.
"""
import os
import re
import sys

import yaml

# linguist names that we spell differently (recipes, filters and quality rules key on ours)
RENAME = {"Rocq Prover": "Coq", "Vim script": "Vim Script"}


def die(msg):
    sys.stderr.write(msg + "\n")
    sys.exit(2)


def read_tsv(path, columns):
    rows = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.split("\t")
            if len(cols) != columns:
                die(f"{path}: expected {columns} columns: {line}")
            rows.append(cols)
    return rows[1:]  # header row


def words(field):
    field = field.strip()
    return [] if field in ("", "-") else field.split()


# ---------------------------------------------------------------- Ruby (Onigmo) regex -> Java regex
def strip_extended(p):
    """Rewrites a (?x) pattern without the x flag: unescaped whitespace and # comments outside
    character classes go, a space or # inside a class is escaped (Java's COMMENTS mode would drop
    them there, Onigmo keeps them)."""
    out = []
    i, n, depth = 0, len(p), 0
    while i < n:
        c = p[i]
        if c == "\\" and i + 1 < n:
            out.append(p[i:i + 2])
            i += 2
            continue
        if depth > 0:
            if c == "[":
                depth += 1
            elif c == "]":
                depth -= 1
            out.append("\\x20" if c == " " else "\\x23" if c == "#" else c)
        elif c == "[":
            depth = 1
            out.append(c)
            if i + 1 < n and p[i + 1] == "^":
                out.append("^")
                i += 1
            if i + 1 < n and p[i + 1] == "]":  # a leading ] is literal
                out.append("\\]")
                i += 1
        elif c in " \t\r\n":
            pass
        elif c == "#":
            while i < n and p[i] != "\n":
                i += 1
            continue
        else:
            out.append(c)
        i += 1
    return "".join(out)


def escape_literal_braces(p):
    """Onigmo reads a { that does not start a {n}, {n,}, {n,m} or {,m} quantifier as a literal;
    java.util.regex rejects it, so it is escaped (outside character classes)."""
    out = []
    i, n, depth = 0, len(p), 0
    while i < n:
        c = p[i]
        if c == "\\" and i + 1 < n:
            out.append(p[i:i + 2])
            i += 2
            continue
        if depth > 0:
            depth += c == "["
            depth -= c == "]"
        elif c == "[":
            depth = 1
            if i + 1 < n and p[i + 1] == "]":
                out.append("[]")
                i += 2
                continue
        elif c == "{" and not re.match(r"\{(?:\d+(?:,\d*)?|,\d+)\}", p[i:]):
            out.append("\\{")
            i += 1
            continue
        out.append(c)
        i += 1
    return "".join(out)


def group_body(p, name):
    start = p.find("(?<" + name + ">")
    if start < 0:
        die("no group " + name)
    i = start + len(name) + 4
    depth, j = 1, i
    while j < len(p):
        c = p[j]
        if c == "\\":
            j += 2
            continue
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                return p[i:j]
        j += 1
    die("unbalanced group " + name)


def to_java(p):
    m = re.match(r"\(\?([a-z]*)x([a-z]*)\)", p)
    if m:
        flags = m.group(1) + m.group(2)
        p = ("(?" + flags + ")" if flags else "") + strip_extended(p[m.end():])
    elif "(?x" in p:
        die("unsupported inline (?x: " + p)
    # subroutine calls \g<name> (Onigmo) -> the group's body inlined
    for name in re.findall(r"\\g<(\w+)>", p):
        p = p.replace("\\g<" + name + ">", "(?:" + group_body(p, name) + ")")
    # an alternation repeated per char recurses in java.util.regex (stack overflow on long files)
    p = p.replace("(?:.|[\\r\\n])", "[\\s\\S]")
    # named groups -> non-capturing (names may repeat once patterns are joined)
    p = re.sub(r"\(\?<(\w+)>", "(?:", p)
    p = escape_literal_braces(p)
    # a repeated negated class right after ^ ("^[^#]*:-") crosses line ends in both engines, which
    # makes the search quadratic (seconds on a 64 KiB file); it stays on its line here
    p = re.sub(r"\^((?:\(\?[a-z]+\))?)\[\^((?:\\.|[^\]\\])*)\]([*+])",
               lambda m: "^" + m.group(1) + "[^" + m.group(2) + ("" if "\\n" in m.group(2) else "\\n") + "]" + m.group(3), p)
    if "(?m" in p:
        die("Onigmo (?m) (dot-all) not translated: " + p)
    if re.search(r"(?<!\\)\\h", p):
        p = re.sub(r"(?<!\\)\\h", "[0-9A-Fa-f]", p)
    if "\t" in p or "\n" in p:
        die("tab or newline left in pattern: " + p)
    return p


def required_literals(java_pattern):
    """Strings one of which every match must contain (a prefilter the Java side checks with
    indexOf before running the pattern), or None. Read with Python's own regex parser, which
    shares the syntax used here; patterns it reads differently (class intersections, \\z, \\p{})
    or with case-insensitive parts get none."""
    import re._constants as C
    import re._parser as P
    if "&&" in java_pattern or "\\p{" in java_pattern or "\\z" in java_pattern:
        return None
    try:
        tree = P.parse(java_pattern)
    except Exception:
        return None
    if tree.state.flags & re.IGNORECASE:
        return None

    def req(sp):
        cands, run = [], ""
        for op, av in sp.data:
            if op is C.LITERAL:
                run += chr(av)
                continue
            if run:
                cands.append([run])
                run = ""
            r = None
            if op is C.SUBPATTERN:
                r = None if (av[1] & re.IGNORECASE) else req(av[3])
            elif op is C.ATOMIC_GROUP:
                r = req(av)
            elif op is C.BRANCH:
                rs = [req(b) for b in av[1]]
                r = None if any(x is None for x in rs) else [x for alts in rs for x in alts]
            elif op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT) and av[0] >= 1:
                r = req(av[2])
            if r:
                cands.append(r)
        if run:
            cands.append([run])
        best = None
        for alts in cands:
            if best is None or (min(map(len, alts)), -len(alts)) > (min(map(len, best)), -len(best)):
                best = alts
        return best

    alts = req(tree)
    if not alts or min(map(len, alts)) < 3 or any(ch in a for a in alts for ch in "\t\n\r"):
        return None
    return sorted(set(alts))


def encode_literals(alts):
    return "-" if not alts else "|".join(a.replace("\\", "\\\\").replace("|", "\\|") for a in alts)


def union(patterns):
    if isinstance(patterns, str):
        return to_java(patterns)
    return "|".join("(?:" + to_java(x) + ")" for x in patterns)


# ---------------------------------------------------------------- main
def main():
    if len(sys.argv) < 3:
        die(__doc__)
    src, commit = sys.argv[1], sys.argv[2]
    if not re.fullmatch(r"[0-9a-f]{40}", commit):
        die("COMMIT must be 40 hex digits")
    here = os.path.dirname(os.path.abspath(__file__))
    out = sys.argv[3] if len(sys.argv) > 3 else os.path.join(
        here, "..", "..", "codemill-stages", "src", "main", "resources", "codemill", "languages")
    with open(os.path.join(src, "lib", "linguist", "languages.yml"), encoding="utf-8") as f:
        ling = yaml.safe_load(f)
    with open(os.path.join(src, "lib", "linguist", "heuristics.yml"), encoding="utf-8") as f:
        heur = yaml.safe_load(f)
    local = read_tsv(os.path.join(out, "languages-local.tsv"), 6)
    fallbacks = {r[0]: r[1] for r in read_tsv(os.path.join(out, "fallbacks-local.tsv"), 3)}
    notes = []

    # rows: our languages first (in languages-local.tsv order), then linguist's order
    rows = {}
    for lname, v in ling.items():
        name = RENAME.get(lname, lname)
        exts = []
        for e in v.get("extensions", []):
            e = e.lower()
            if e not in exts:
                exts.append(e)
        aliases = []
        for a in v.get("aliases", []):
            a = a.lower().replace(" ", "-")
            if a not in aliases:
                aliases.append(a)
        rows[name] = {
            "type": v["type"], "ext": exts, "files": [x for x in v.get("filenames", []) if " " not in x],
            "interp": [x.lower() for x in v.get("interpreters", [])], "alias": aliases,
            "primary": exts[0] if exts else None,
        }
    order = [r[0] for r in local] + [n for n in rows if n not in {r[0] for r in local}]
    for r in local:
        if r[0] not in rows:
            if r[1] == "-":
                die("local language " + r[0] + " is not in linguist and has no type")
            rows[r[0]] = {"type": r[1], "ext": [], "files": [], "interp": [], "alias": [], "primary": None}

    # unique keys: our local rows claim theirs first, then first in table order wins
    for key, col in (("files", 3), ("interp", 4), ("alias", 5)):
        owner = {}
        for r in local:
            for k in words(r[col]):
                owner.setdefault(k if key == "files" else k.lower(), r[0])
        for name in order:
            keep = []
            for k in rows[name][key]:
                if k in owner and owner[k] != name:
                    notes.append(f"{key} {k}: kept by {owner[k]}, dropped from {name}")
                    continue
                owner[k] = name
                keep.append(k)
            rows[name][key] = keep
        rows["_" + key] = owner
    ext_owners = {}
    for name in order:
        for e in rows[name]["ext"]:
            ext_owners.setdefault(e, []).append(name)

    # local additions, unless another language claims the key
    for r in local:
        name, row = r[0], rows[r[0]]
        for col, key in ((2, "ext"), (3, "files"), (4, "interp"), (5, "alias")):
            for k in words(r[col]):
                if key == "ext":
                    owners = ext_owners.get(k, [])
                    if owners and name not in owners:
                        notes.append(f"local extension {k} of {name} dropped: linguist gives it to {owners}")
                        continue
                    if k not in row["ext"]:
                        row["ext"].append(k)
                        ext_owners.setdefault(k, []).append(name)
                else:
                    k2 = k.lower() if key != "files" else k
                    owner = rows["_" + key].get(k2)
                    if owner is not None and owner != name:
                        notes.append(f"local {key} {k2} of {name} dropped: {owner} has it")
                        continue
                    if k2 not in row[key]:
                        row[key].append(k2)
                        rows["_" + key][k2] = name

    # content rules from heuristics.yml, per shared extension
    named = {k: union(v) for k, v in heur.get("named_patterns", {}).items()}

    def clauses(rule):
        cl = []
        if "pattern" in rule:
            cl.append(("match", union(rule["pattern"])))
        if "named_pattern" in rule:
            cl.append(("match", named[rule["named_pattern"]]))
        if "negative_pattern" in rule:
            cl.append(("not", union(rule["negative_pattern"])))
        for sub in rule.get("and", []):
            cl.extend(clauses(sub))
        return cl

    rules_by_ext = {}
    for d in heur["disambiguations"]:
        for e in d["extensions"]:
            e = e.lower()
            owners = ext_owners.get(e, [])
            if len(owners) < 2:
                continue
            rl = []
            for rule in d["rules"]:
                lang = rule["language"]
                if isinstance(lang, list):
                    notes.append(f"{e}: rule for {lang} kept for {lang[0]} only")
                    lang = lang[0]
                lang = RENAME.get(lang, lang)
                if lang not in owners:
                    notes.append(f"{e}: rule for {lang} skipped (not a language of {e})")
                    continue
                rl.append((lang, clauses(rule)))
            rules_by_ext[e] = rl

    ambiguous = []
    heur_rows = []
    for e in sorted(ext_owners):
        owners = ext_owners[e]
        if len(owners) < 2:
            continue
        rl = rules_by_ext.get(e, [])
        fallback = fallbacks.get(e)
        if fallback not in (None, "-") and fallback not in owners:
            notes.append(f"fallbacks-local.tsv: {e} -> {fallback} ignored, not one of {owners}")
            fallback = None
        # a trailing rule without patterns is linguist's default: our fallback
        if rl and not rl[-1][1]:
            if fallback is None:
                fallback = rl[-1][0]
            rl = rl[:-1]
        if fallback is None:
            primary = [n for n in owners if rows[n]["primary"] == e]
            fallback = primary[0] if len(primary) == 1 else "-"
        ranked = []
        for lang, _ in rl:
            if lang not in ranked:
                ranked.append(lang)
        ranked += [n for n in owners if n not in ranked]
        ambiguous.append((e, ranked, fallback))
        for i, (lang, cl) in enumerate(rl, 1):
            if not cl:
                notes.append(f"{e}: rule {i} for {lang} has no pattern but is not last; always matches")
                heur_rows.append((e, str(i), lang, "always", "-", "-"))
            for kind, pat in cl:
                heur_rows.append((e, str(i), lang, kind, pat, encode_literals(required_literals(pat))))
    for e in fallbacks:
        if e not in {a[0] for a in ambiguous}:
            notes.append(f"fallbacks-local.tsv: {e} is not a shared extension")

    src_line = (f"# Generated by codemill-bench/scripts/languages_from_linguist.py from github-linguist/linguist "
                f"commit {commit}\n# (lib/linguist/languages.yml, heuristics.yml; MIT License, Copyright (c) 2017 GitHub, Inc. "
                f"and contributors) plus languages-local.tsv / fallbacks-local.tsv. Do not edit by hand.\n")
    with open(os.path.join(out, "languages.tsv"), "w", encoding="utf-8") as f:
        f.write("# Language table for dev.codemill.stages.detect.LanguageTable, one language per line.\n")
        f.write(src_line)
        f.write("# Columns, tab-separated; lists are space-separated; '-' means empty:\n")
        f.write("#   name  type  extensions (lower-case, with the dot)  filenames (exact)  interpreters (shebang)  aliases (lower-case; modelines, notebooks)\n")
        f.write("# An extension may appear under more than one language only when ambiguous.tsv lists it with the same candidates.\n")
        f.write("name\ttype\textensions\tfilenames\tinterpreters\taliases\n")
        for name in order:
            r = rows[name]
            cols = [name, r["type"]] + [" ".join(r[k]) or "-" for k in ("ext", "files", "interp", "alias")]
            f.write("\t".join(cols) + "\n")
    with open(os.path.join(out, "ambiguous.tsv"), "w", encoding="utf-8") as f:
        f.write("# Extensions shared by several languages in languages.tsv. Content rules decide between the candidates\n")
        f.write(src_line)
        f.write("# ContentRules (code) runs first for its extensions, then the rules of heuristics.tsv; when no rule\n")
        f.write("# matches, the fallback applies ('-' = unknown).\n")
        f.write("# Columns, tab-separated: extension  candidates (';'-separated, rule order)  fallback\n")
        f.write("extension\tcandidates\tfallback\n")
        for e, ranked, fb in ambiguous:
            f.write(f"{e}\t{';'.join(ranked)}\t{fb}\n")
    with open(os.path.join(out, "heuristics.tsv"), "w", encoding="utf-8") as f:
        f.write("# Content rules for shared extensions (linguist's heuristics.yml, patterns in java.util.regex syntax,\n")
        f.write("# compiled with MULTILINE so ^ and $ match at line ends, as in Ruby).\n")
        f.write(src_line)
        f.write("# Columns, tab-separated: extension  rule (1-based order within the extension)  language  kind  pattern  literals\n")
        f.write("# literals: '|'-separated strings ('\\\\' escapes '|' and itself) one of which every match contains, '-' if none\n")
        f.write("# known; the pattern is only run when one of them occurs (a prefilter, derived by the script).\n")
        f.write("# kind: match (pattern must be found), not (pattern must not be found), always (no pattern).\n")
        f.write("# Rows of one rule are AND-ed; rules run in order and the first whose rows all hold wins.\n")
        f.write("extension\trule\tlanguage\tkind\tpattern\tliterals\n")
        for r in heur_rows:
            f.write("\t".join(r) + "\n")
    for n in notes:
        sys.stderr.write(n + "\n")
    sys.stderr.write(f"{len(order)} languages, {len(ambiguous)} shared extensions, "
                     f"{sum(1 for a in ambiguous if a[2] == '-')} without fallback, {len(heur_rows)} rule rows\n")


if __name__ == "__main__":
    main()
