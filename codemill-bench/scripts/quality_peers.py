#!/usr/bin/env python3
"""Scores the quality pairs set written by dev.codemill.bench.quality.QualityPairs with the peer
tools and prints the side-by-side win-rate table (original strictly better than its degraded copy).

    quality_peers.py PAIRS_DIR PMD_LIB_DIR [pylint|pmd]   (one peer only; results cached in PAIRS_DIR/<peer>.json)

PAIRS_DIR: the QualityPairs output (pairs.tsv, python/<dim>/{orig,deg}/*.py, java/<dim>/{orig,deg}/*.java).
pylint: run in this interpreter (pip install pylint), default configuration, one file at a time,
  score = pylint's own evaluation (10 - 10 * (5 * errors + warnings + refactors + conventions) / statements).
PMD: PMD 7 CLI jars in PMD_LIB_DIR (pmd-java + pmd-cli and their dependencies from Maven Central),
  five categories (bestpractices, codestyle, design, documentation, errorprone), one thread;
  score = minus the number of violations in the file.
Speed: files per CPU second (this process for pylint, the PMD child process for PMD), originals only.
"""
import csv, glob, json, os, resource, subprocess, sys, time
from collections import defaultdict

pairs_dir, pmd_lib = sys.argv[1], sys.argv[2]
# pylint takes seconds per file: on a shared machine, PEER_MAX_PAIRS pairs per dimension of at most
# PEER_MAX_BYTES (the table gives the pairs each tool scored)
MAX_PAIRS = int(os.environ.get("PEER_MAX_PAIRS", "1000000"))
MAX_BYTES = int(os.environ.get("PEER_MAX_BYTES", "1000000000"))
DIMS = ["names", "nodoc", "nesting", "swallow", "dead", "commented", "all"]  # all: the six stacked (AUC set)


def pylint_scores():
    from pylint.lint import Run
    from pylint.reporters import CollectingReporter
    from astroid import MANAGER
    cache, out = {}, defaultdict(dict)
    cpu_orig, n_orig = 0.0, 0

    import shutil, tempfile

    def score(path):
        # alone in a folder under a neutral name: a stdlib file next to others (csv.py, enum.py …) would shadow
        # the modules pylint itself imports (isort imports csv) and crash it (score 0)
        MANAGER.clear_cache()
        with tempfile.TemporaryDirectory() as tmp:
            subject = os.path.join(tmp, "subject.py")
            shutil.copyfile(path, subject)
            run = Run([subject, "--persistent=n", "--score=y", "--jobs=1"], reporter=CollectingReporter(), exit=False)
        note = run.linter.stats.global_note
        return 10.0 if note is None else note

    for dim in DIMS[-1:] + DIMS[:-1]:  # "all" (the AUC set) first: a run cut short still gives the AUC
        origs = [o for o in sorted(glob.glob(os.path.join(pairs_dir, "python", dim, "orig", "*.py")))
                 if os.path.getsize(o) <= MAX_BYTES]
        for orig in origs[:MAX_PAIRS]:
            name = os.path.basename(orig)
            if name not in cache:
                t0 = time.process_time()
                cache[name] = score(orig)
                cpu_orig += time.process_time() - t0
                n_orig += 1
            deg = os.path.join(pairs_dir, "python", dim, "deg", name)
            out[dim][name] = (cache[name], score(deg))
            print(dim, name, out[dim][name], file=sys.stderr, flush=True)
    return out, n_orig / cpu_orig if cpu_orig else 0.0


def pmd_scores():
    rules = ",".join(f"category/java/{c}.xml" for c in ["bestpractices", "codestyle", "design", "documentation", "errorprone"])
    report = os.path.join(pairs_dir, "pmd.csv")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(["java", "-cp", os.path.join(pmd_lib, "*"), "net.sourceforge.pmd.cli.PmdCli", "check", "--no-cache",
                    "--no-progress", "-t", "1", "-d", os.path.join(pairs_dir, "java"), "-R", rules, "-f", "csv",
                    "-r", report], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    counts = defaultdict(int)
    with open(report, newline="") as f:
        for row in csv.DictReader(f):
            counts[os.path.relpath(row["File"], pairs_dir)] += 1
    files = glob.glob(os.path.join(pairs_dir, "java", "*", "*", "*.java"))
    out = defaultdict(dict)
    for dim in DIMS:
        for orig in sorted(glob.glob(os.path.join(pairs_dir, "java", dim, "orig", "*.java"))):
            name = os.path.basename(orig)
            o = counts[os.path.join("java", dim, "orig", name)]
            d = counts[os.path.join("java", dim, "deg", name)]
            out[dim][name] = (-o, -d)
    return out, len(files) / cpu if cpu else 0.0


def codemill():
    out = defaultdict(lambda: defaultdict(dict))
    with open(os.path.join(pairs_dir, "pairs.tsv")) as f:
        for row in csv.DictReader(f, delimiter="\t"):
            out[row["language"]][row["dimension"]][row["file"]] = row
    return out


def auc(pairs):
    """Mann-Whitney AUC, unpaired: P(an original scores above a junk copy) + 1/2 P(tie)."""
    if not pairs:
        return "–"
    good, bad = [o for o, _ in pairs], [d for _, d in pairs]
    s = sum(1.0 if g > b else 0.5 if g == b else 0.0 for g in good for b in bad)
    return f"{s / (len(good) * len(bad)):.3f}"


def pct(pairs):
    if not pairs:
        return "–"
    return f"{100 * sum(1 for o, d in pairs if o > d) / len(pairs):.0f} %"


def cached(name, fn):
    """Scores of one peer, kept in PAIRS_DIR/<name>.json (the pairs do not change between runs)."""
    path = os.path.join(pairs_dir, name + ".json")
    if os.path.exists(path):
        with open(path) as f:
            d = json.load(f)
        return d["scores"], d["speed"]
    scores, speed = fn()
    with open(path, "w") as f:
        json.dump({"scores": scores, "speed": speed}, f)
    return scores, speed


only = sys.argv[3] if len(sys.argv) > 3 else None
if only == "pylint":
    cached("pylint", pylint_scores)
    sys.exit(0)
if only == "pmd":
    cached("pmd", pmd_scores)
    sys.exit(0)
cm = codemill()
py, py_speed = cached("pylint", pylint_scores)
pmd, pmd_speed = cached("pmd", pmd_scores)
print("| language | dimension | pairs | Codemill text | Codemill parse (default) | pylint (pairs) | PMD (5 categories) |")
print("|---|---|---|---|---|---|---|")
for lang, peer in [("Python", py), ("Java", pmd)]:
    for dim in DIMS:
        rows = cm[lang][dim]
        text = [(float(r["orig_text"]), float(r["deg_text"])) for r in rows.values()]
        tree = [(float(r["orig_tree"]), float(r["deg_tree"])) for r in rows.values()]
        p = list(peer.get(dim, {}).values())
        print(f"| {lang} | {dim} | {len(rows)} | {pct(text)} | {pct(tree)} | "
              f"{pct(p) + f' ({len(p)})' if lang == 'Python' else '–'} | {pct(p) if lang == 'Java' else '–'} |")
print()
print("| language | curated vs junk (all six) | Codemill text AUC | Codemill default AUC | peer AUC |")
print("|---|---|---|---|---|")
for lang, peer, tool in [("Python", py, "pylint"), ("Java", pmd, "PMD")]:
    rows = cm[lang]["all"]
    p = list(peer.get("all", {}).values())
    print(f"| {lang} | {len(rows)} | {auc([(float(r['orig_text']), float(r['deg_text'])) for r in rows.values()])} | "
          f"{auc([(float(r['orig_tree']), float(r['deg_tree'])) for r in rows.values()])} | {tool} {auc(p)} ({len(p)}) |")
print()
print(f"pylint: {py_speed:.1f} files/s per core (originals, default configuration)")
print(f"PMD: {pmd_speed:.1f} files/s per core (all pair files, JVM start included, -t 1)")
