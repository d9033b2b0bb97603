#!/usr/bin/env python3
"""Outside check of Codemill's debug pairs (issue 16): re-run every recorded mutant with the real
tool and compare the error message and line exactly with what the record says.

    debug-pairs-check.py OUT/debug_pairs [--limit N] [--jobs N] [--diffs FILE] [--javac-each]

Reads OUT/debug_pairs/data/*.jsonl (run Codemill with --format jsonl or both). For each record the
mutant (`content`) is written as `error_file` into a fresh folder /tmp/w (bound at that path inside
bwrap, so paths print as Codemill's did) and:
  javac            `tool_command` as recorded (javac -J-Duser.language=en ...), compile only: by default
                   all records in one JVM through the JDK's javac tool (ToolProvider "javac", what the
                   `javac` command runs) with the recorded options and absolute paths; --javac-each
                   starts the `javac` command once per record instead
  python3 compile  python3 -m py_compile FILE                       (compile only)
  node compile     node --check FILE                                (parse only)
  runtime / test   python3 FILE, python3 -m doctest FILE, node FILE, and for a standard-library module
                   `python3 -m unittest test.test_X` with the mutant (and the rest of its package, copied
                   from this python3's stdlib) in the working folder: inside bubblewrap (no network,
                   read-only root, tmpfs) as corpus code never runs outside a sandbox.
The message is read by the same rules Codemill documents (docs/tasks.md): javac's first
`FILE:LINE: error:` with its indented detail lines, Python's last exception line or a doctest's
first failure from `Failed example:`, Node's first `XError:` line after `FILE:LINE`, unittest's first `FAIL:`/`ERROR:` block
(header and traceback) for test records run by unittest.
Prints per tool/kind/operator the share reproduced, and the first differences.
"""
import glob, json, os, re, shlex, shutil, subprocess, sys, sysconfig, tempfile

WORK = "/tmp/w"


def javac_error(text):
    lines = text.splitlines()
    for i, l in enumerate(lines):
        m = re.match(r"^(.*):(\d+): error: (.*)$", l)
        if not m:
            continue
        out = [m.group(3)]
        k = i + 1
        if k + 1 < len(lines) and re.match(r"^\s*\^\s*$", lines[k + 1]):
            k += 2
        while k < len(lines) and (lines[k].startswith(" ") or lines[k].startswith("\t")):
            out.append(lines[k]); k += 1
        return "\n".join(out).rstrip(), int(m.group(2))
    return None, 0


def python_traceback(text, fname):
    line, msg = 0, None
    for l in text.split("\n"):
        f = re.match(r'^\s*File "([^"]*)", line (\d+)', l)
        if f:
            if f.group(1).endswith(fname):
                line = int(f.group(2))
            continue
        if not l.startswith(" ") and (re.match(r"^[A-Za-z_][\w.]*(Error|Exception|Exit|Interrupt|Warning|Iteration)\b.*", l)
                                      or re.match(r"^[A-Z]\w*: .*", l)):
            msg = l.rstrip()
    return msg, line


def doctest_failure(text):
    lines = text.split("\n")
    for i in range(len(lines) - 1):
        f = re.match(r'^\s*File "([^"]*)", line (\d+)', lines[i])
        if f and lines[i + 1].startswith("Failed example:"):
            out = []
            for k in range(i + 1, len(lines)):
                if lines[k].startswith("*****"):
                    break
                out.append(lines[k])
            return "\n".join(out).rstrip(), int(f.group(2))
    return None, 0


RULE1, RULE2 = "=" * 70, "-" * 70


def unittest_failure(text, fname):
    """unittest's first printed FAIL:/ERROR: block (header + traceback, rules left out) and the
    line of the last frame in fname; (None, 0) when there is none."""
    lines = text.split("\n")
    for i in range(len(lines) - 2):
        h = lines[i + 1]
        if lines[i] != RULE1 or lines[i + 2] != RULE2 or not h.startswith(("FAIL: ", "ERROR: ", "UNEXPECTED SUCCESS: ")):
            continue
        out, line = [h], 0
        for l in lines[i + 3:]:
            if l in (RULE1, RULE2):
                break
            out.append(l)
            f = re.match(r'^\s*File "([^"]*)", line (\d+)', l)
            if f and (f.group(1) == fname or f.group(1).endswith("/" + fname)):
                line = int(f.group(2))
        return "\n".join(out).rstrip(), line
    return None, 0


def node_error(text, fname):
    line = 0
    for l in text.split("\n"):
        h = re.match(r"^(.*):(\d+)$", l)
        if line == 0 and h and h.group(1).endswith(fname):
            line = int(h.group(2)); continue
        if re.match(r"^([A-Z]\w*(Error|Exception)|Error)(: .*)?$", l):
            return l.rstrip(), line
    return None, 0


def strip_work(s):
    return re.sub(r'"/tmp/(?:w/)?', '"', s)


def ancestors(path):
    """bwrap arguments making the folders above a bound path traversable (0755), as Codemill's sandbox does."""
    out, parts = [], path.strip("/").split("/")[:-1]
    for i in range(1, len(parts) + 1):
        d = "/" + "/".join(parts[:i])
        if d not in ("/usr", "/etc", "/tmp"):
            out += ["--perms", "0755", "--dir", d]
    return out


def sandboxed(argv, host_dir):
    exe = os.path.realpath(sys.executable)
    prefix = sys.base_prefix
    root = os.geteuid() == 0
    # as root, like Codemill's sandbox: no user namespace, and the program drops to an unprivileged uid
    unshare = (["--unshare-ipc", "--unshare-pid", "--unshare-net", "--unshare-uts", "--unshare-cgroup-try",
                "--cap-add", "CAP_SETUID", "--cap-add", "CAP_SETGID"] if root else ["--unshare-all"])
    cmd = ["bwrap"] + unshare + ["--die-with-parent", "--new-session", "--clearenv",
           "--ro-bind", "/usr", "/usr", "--ro-bind", "/etc", "/etc",
           "--symlink", "usr/bin", "/bin", "--symlink", "usr/lib", "/lib", "--symlink", "usr/lib64", "/lib64",
           ] + ancestors(prefix) + ["--ro-bind", prefix, prefix, "--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp",
           "--bind", host_dir, WORK, "--chdir", WORK,
           "--setenv", "PATH", os.path.dirname(exe) + ":/usr/bin:/bin", "--setenv", "HOME", WORK,
           "--setenv", "LANG", "C.UTF-8", "--setenv", "PYTHONHASHSEED", "0", "--setenv", "PYTHONDONTWRITEBYTECODE", "1",
           "--setenv", "PYTHONIOENCODING", "utf-8", "--setenv", "TMPDIR", "/tmp",
           "--hostname", "sandbox", "--"]
    if root:  # Codemill's sandbox drops root as well (tests skip or pass differently as root)
        os.chmod(host_dir, 0o777)
        cmd += ["setpriv", "--reuid", "1000000", "--regid", "1000000", "--clear-groups", "--inh-caps=-all",
                "--bounding-set=-all", "--no-new-privs"]
    cmd += ["prlimit", "--cpu=10:11", "--as=%d" % ((16 << 30) if argv[0] == "node" else (1 << 30)), "--nproc=64", "--fsize=%d" % (16 << 20), "--core=0", "--"] + [exe if a == "python3" else a for a in argv]
    # no `timeout` in the chain: it would fork, and the program's PID in its namespace (which
    # test.support puts into TESTFN, "@test_2_tmp") would differ from Codemill's run
    try:
        return subprocess.run(cmd, capture_output=True, text=True, errors="replace", timeout=40)
    except subprocess.TimeoutExpired as e:
        text = lambda b: b.decode("utf-8", "replace") if isinstance(b, bytes) else (b or "")
        return subprocess.CompletedProcess(cmd, -9, text(e.stdout), text(e.stderr))


def rerun(rec):
    tool, kind, fname = rec["tool"], rec["error_kind"], rec["error_file"]
    d = tempfile.mkdtemp(prefix="dpcheck-")
    try:
        path = os.path.join(d, fname)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8", newline="") as f:
            f.write(rec["content"])
        base = os.path.basename(fname)
        if tool == "javac":
            p = subprocess.run(shlex.split(rec["tool_command"]), cwd=d, capture_output=True, text=True)
            return javac_error(p.stdout + p.stderr)
        if tool == "python3" and kind == "compile":
            p = subprocess.run([sys.executable, "-m", "py_compile", fname], cwd=d, capture_output=True, text=True)
            return python_traceback(p.stderr, base)
        if tool == "node" and kind == "compile":
            p = subprocess.run(["node", "--check", fname], cwd=d, capture_output=True, text=True)
            return node_error(p.stderr, base)
        argv = shlex.split(rec["tool_command"])
        if argv[:3] == ["python3", "-m", "unittest"] and "/" in fname:
            # a module of a package: the rest of the package comes from this python3's stdlib
            top = fname.split("/")[0]
            stdlib = sysconfig.get_paths()["stdlib"]
            shutil.copytree(os.path.join(stdlib, top), os.path.join(d, top), dirs_exist_ok=True,
                            ignore=shutil.ignore_patterns("__pycache__"))
            with open(path, "w", encoding="utf-8", newline="") as f:
                f.write(rec["content"])
        p = sandboxed(argv, d)
        if tool == "node":
            return node_error(p.stderr, base)
        if kind == "test" and "doctest" not in argv:
            return unittest_failure(strip_work(p.stderr), fname)
        if "doctest" in argv:
            msg, line = doctest_failure(strip_work(p.stdout))
            if msg is not None:
                return msg, line
        return python_traceback(strip_work(p.stderr), base)
    finally:
        shutil.rmtree(d, ignore_errors=True)


JAVAC_BATCH = """
import java.io.*; import java.nio.file.*; import java.util.spi.ToolProvider;
public class JavacBatch {
    public static void main(String[] a) throws Exception {
        ToolProvider javac = ToolProvider.findFirst("javac").orElseThrow();
        for (String line : Files.readAllLines(Path.of(a[0]))) {
            StringWriter w = new StringWriter();
            PrintWriter p = new PrintWriter(w);
            javac.run(p, p, line.split("\\t"));
            p.flush();
            System.out.print("@@@BEGIN\\n" + w + "@@@END\\n");
        }
    }
}
"""


def javac_batch(recs):
    """Every javac record compiled by the JDK's javac tool (ToolProvider "javac": the code behind the
    `javac` command, same options and report) in one JVM, instead of one `javac` process per record:
    the recorded command line with its paths made absolute. Returns {index: (message, line)}."""
    work = tempfile.mkdtemp(prefix="dpcheck-javac-")
    lines, dirs = [], []
    try:
        for i, r in enumerate(recs):
            d = os.path.join(work, str(i))
            path = os.path.join(d, r["error_file"])
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w", encoding="utf-8", newline="") as f:
                f.write(r["content"])
            argv = shlex.split(r["tool_command"])[1:]
            args, k = [], 0
            while k < len(argv):
                a = argv[k]
                if a.startswith("-J"):
                    pass
                elif a == "-d":
                    args += ["-d", os.path.join(d, argv[k + 1])]; k += 1
                elif a == "--patch-module":
                    mod, _, where = argv[k + 1].partition("=")
                    args += ["--patch-module", mod + "=" + os.path.normpath(os.path.join(d, where))]; k += 1
                elif k == len(argv) - 1:
                    args.append(os.path.join(d, a))
                else:
                    args.append(a)
                k += 1
            lines.append("\t".join(args))
        with open(os.path.join(work, "jobs.txt"), "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")
        with open(os.path.join(work, "JavacBatch.java"), "w", encoding="utf-8") as f:
            f.write(JAVAC_BATCH)
        p = subprocess.run(["java", "-Duser.language=en", "-Dfile.encoding=UTF-8", "-Dsun.stdout.encoding=UTF-8",
                            os.path.join(work, "JavacBatch.java"), os.path.join(work, "jobs.txt")],
                           capture_output=True, text=True, encoding="utf-8")
        outs = re.findall(r"@@@BEGIN\n(.*?)@@@END\n", p.stdout, re.S)
        if len(outs) != len(recs):
            sys.exit("javac batch failed: %d of %d reports\n%s" % (len(outs), len(recs), p.stderr[-2000:]))
        return {i: javac_error(o) for i, o in enumerate(outs)}
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main():
    folder = sys.argv[1]
    limit = int(sys.argv[sys.argv.index("--limit") + 1]) if "--limit" in sys.argv else None
    recs = []
    for f in sorted(glob.glob(os.path.join(folder, "data", "**", "*.jsonl*"), recursive=True)):
        if f.endswith(".zst"):  # Codemill's default JSONL compression; the zstd command line reads it
            text = subprocess.run(["zstd", "-dcq", f], capture_output=True, check=True).stdout.decode("utf-8")
        elif f.endswith(".gz"):
            import gzip
            with gzip.open(f, "rt", encoding="utf-8") as fh:
                text = fh.read()
        else:
            with open(f, encoding="utf-8") as fh:
                text = fh.read()
        if True:
            for l in text.split("\n"):
                if l.strip():
                    r = json.loads(l)
                    a = r.get("annotations") or {}
                    r.update(json.loads(a) if isinstance(a, str) else a)  # Codemill nests annotations
                    recs.append(r)
    if limit:
        recs = recs[:limit]
    jobs = int(sys.argv[sys.argv.index("--jobs") + 1]) if "--jobs" in sys.argv else 1
    from concurrent.futures import ThreadPoolExecutor
    java_idx = [i for i, r in enumerate(recs) if r["tool"] == "javac"] if "--javac-each" not in sys.argv else []
    batch = javac_batch([recs[i] for i in java_idx]) if java_idx else {}
    java_res = {java_idx[k]: v for k, v in batch.items()}
    rest = [i for i in range(len(recs)) if i not in java_res]
    with ThreadPoolExecutor(max_workers=jobs) as pool:  # each re-run is its own process
        other = dict(zip(rest, pool.map(lambda i: rerun(recs[i]), rest)))
    results = [java_res[i] if i in java_res else other[i] for i in range(len(recs))]
    tally, diffs = {}, []
    for r, (msg, line) in zip(recs, results):
        ok = msg == r["error_message"] and line == int(r["error_line"])
        for key in ("all", r["tool"] + "/" + r["error_kind"], "op/" + r["operator"]):
            t = tally.setdefault(key, [0, 0]); t[0] += ok; t[1] += 1
        if not ok:
            diffs.append((r["tool"], r["error_kind"], r["operator"], r["error_file"], r["error_message"], r["error_line"], msg, line))
    for k in sorted(tally):
        ok, n = tally[k]
        print("%-32s %6d / %6d  %.2f %%" % (k, ok, n, 100.0 * ok / max(n, 1)))
    for d in diffs[:10]:
        print("DIFF", json.dumps(d)[:600])
    if "--diffs" in sys.argv:  # every difference, one JSON array per line
        with open(sys.argv[sys.argv.index("--diffs") + 1], "w", encoding="utf-8") as fh:
            for d in diffs:
                fh.write(json.dumps(d) + "\n")
    return 0 if tally.get("all", [0, 1])[0] >= 0.99 * tally.get("all", [0, 1])[1] else 1


if __name__ == "__main__":
    sys.exit(main())
