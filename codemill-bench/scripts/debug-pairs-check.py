#!/usr/bin/env python3
"""Outside check of Codemill's debug pairs (issue 16): re-run every recorded mutant with the real
tool and compare the error message and line exactly with what the record says.

    debug-pairs-check.py OUT/debug_pairs [OUT/repair_tasks] [OUT/exec_tasks --inputs IN...] [--limit N]
                         [--jobs N] [--diffs FILE] [--javac-each]

Also re-runs repair_tasks records (`python3 -m unittest` on the record's failing tests with the mutant first on
sys.path; the message rebuilt from each failing test's first FAIL:/ERROR: block, in the record's order) and
exec_tasks records (the module file found under the --inputs folders by the record's repo_name/path, loaded under
its own name; per record a forked child runs the docstring's earlier examples and the example as doctest does,
mode 'single', random.seed(0), and compares the observed output and traceback). Prints the exact share per
branch (`branch/NAME`), per tool/kind and per operator.

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


def sandboxed(argv, host_dir, cpu=10, wall=40):
    exe = os.path.realpath(sys.executable)
    prefix = sys.base_prefix
    root = os.geteuid() == 0
    # as root, like Codemill's sandbox: no user namespace, and the program drops to an unprivileged uid
    unshare = (["--unshare-ipc", "--unshare-pid", "--unshare-net", "--unshare-uts", "--unshare-cgroup-try",
                "--cap-add", "CAP_SETUID", "--cap-add", "CAP_SETGID"] if root else ["--unshare-all"])
    cmd = ["bwrap"] + unshare + ["--die-with-parent", "--new-session", "--clearenv",
           "--ro-bind", "/usr", "/usr", "--ro-bind", "/etc", "/etc",
           "--symlink", "usr/bin", "/bin", "--symlink", "usr/lib", "/lib", "--symlink", "usr/lib64", "/lib64",
           ] + ancestors(prefix) + ["--ro-bind", prefix, prefix, "--proc", "/proc", "--dev", "/dev", "--perms", "1777", "--tmpfs", "/tmp",
           "--bind", host_dir, WORK, "--chdir", WORK,
           "--setenv", "PATH", os.path.dirname(exe) + ":/usr/bin:/bin", "--setenv", "HOME", WORK,
           "--setenv", "LANG", "C.UTF-8", "--setenv", "PYTHONHASHSEED", "0", "--setenv", "PYTHONDONTWRITEBYTECODE", "1",
           "--setenv", "PYTHONIOENCODING", "utf-8", "--setenv", "TMPDIR", "/tmp",
           "--hostname", "sandbox", "--"]
    if root:  # Codemill's sandbox drops root as well (tests skip or pass differently as root)
        os.chmod(host_dir, 0o777)
        cmd += ["setpriv", "--reuid", "1000000", "--regid", "1000000", "--clear-groups", "--inh-caps=-all",
                "--bounding-set=-all", "--no-new-privs"]
    cmd += ["prlimit", "--cpu=%d:%d" % (cpu, cpu + 1), "--as=%d" % ((16 << 30) if argv[0] == "node" else (1 << 30)), "--nproc=64", "--fsize=%d" % (16 << 20), "--core=0", "--"] + [exe if a == "python3" else a for a in argv]
    # no `timeout` in the chain: it would fork, and the program's PID in its namespace (which
    # test.support puts into TESTFN, "@test_2_tmp") would differ from Codemill's run
    try:
        return subprocess.run(cmd, capture_output=True, text=True, errors="replace", timeout=wall)
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


RULE_LINE = re.compile(r"^(FAIL|ERROR|UNEXPECTED SUCCESS): .*\((\S+)\)")


def unittest_blocks(text):
    """Every FAIL:/ERROR: block unittest printed, in print order: (test id, block text)."""
    lines, out = text.split("\n"), []
    for i in range(len(lines) - 2):
        h = lines[i + 1]
        if lines[i] != RULE1 or not h.startswith(("FAIL: ", "ERROR: ", "UNEXPECTED SUCCESS: ")):
            continue
        k = i + 2
        while k < len(lines) and lines[k] != RULE2:  # a description may span two lines (docstring)
            k += 1
        block = lines[i + 1:k]
        for l in lines[k + 1:]:
            if l in (RULE1, RULE2):
                break
            block.append(l)
        m = re.match(r"^\S+(?: \S+)?: \S+ \(([^)\s]+)\)", h)
        out.append((m.group(1) if m else "", "\n".join(block).rstrip()))
    return out


def copy_package(d, fname):
    """A module of a package: the rest of the package comes from this python3's stdlib."""
    if "/" in fname:
        top = fname.split("/")[0]
        stdlib = sysconfig.get_paths()["stdlib"]
        shutil.copytree(os.path.join(stdlib, top), os.path.join(d, top), dirs_exist_ok=True,
                        ignore=shutil.ignore_patterns("__pycache__"))


def rerun_repair(rec):
    """A repair task: `python3 -m unittest ID...` (its failing tests) with the mutant first on sys.path; the
    message rebuilt as Codemill writes it: each failing test's first report, in the record's order."""
    fname = rec["error_file"]
    d = tempfile.mkdtemp(prefix="rtcheck-")
    try:
        copy_package(d, fname)
        path = os.path.join(d, fname)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8", newline="") as f:
            f.write(rec["content"])
        tests = rec["failing_tests"]
        tests = json.loads(tests) if isinstance(tests, str) else tests
        p = sandboxed(["python3", "-m", "unittest"] + list(tests), d, cpu=120, wall=300)
        first = {}
        for tid, block in unittest_blocks(strip_work(p.stderr)):
            first.setdefault(tid, block)
        more = re.search(r"\n\[(\d+) more failing tests not shown\]$", rec["error_message"])
        n_more = int(more.group(1)) if more else 0
        need = tests[:len(tests) - n_more]
        if not need or any(t not in first for t in need):
            return None, int(rec["error_line"])
        text = "\n".join(first[t] for t in need) + ("\n[%d more failing tests not shown]" % n_more if more else "")
        return text, int(rec["error_line"])
    finally:
        shutil.rmtree(d, ignore_errors=True)


EXEC_HARNESS = r"""
import contextlib, importlib.util, io, json, os, random, signal, sys, traceback
name, recs = sys.argv[1], json.load(open("recs.json", encoding="utf-8"))
sys.path.insert(0, "m")
spec = importlib.util.spec_from_file_location(name, "m/" + name + ".py")
module = importlib.util.module_from_spec(spec)
sys.modules[name] = module
with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
    spec.loader.exec_module(module)


def run(src, label, globs):
    buf = io.StringIO()
    try:
        with contextlib.redirect_stdout(buf), contextlib.redirect_stderr(io.StringIO()):
            exec(compile(src, label, "single"), globs)
        return buf.getvalue(), None
    except BaseException as e:
        # from the example's own frame on: the outermost traceback skips this harness's frame; chained
        # causes/contexts and exception groups keep their own tracebacks (formatted by Python itself)
        below = e.__traceback__.tb_next if e.__traceback__ is not None else None
        return buf.getvalue(), traceback.format_exception(type(e), e, below)


out = []
for r in recs:
    rfd, wfd = os.pipe()
    sys.stdout.flush()
    pid = os.fork()
    if pid == 0:
        os.close(rfd)
        signal.alarm(10)
        globs = dict(module.__dict__)
        random.seed(0)
        for i, src in enumerate(r["setup"]):
            run(src + "\n", "<doctest %s[%d]>" % (r["function"], i), globs)
        o, tb = run(r["input"] + "\n", "<doctest %s[%d]>" % (r["function"], len(r["setup"])), globs)
        os.write(wfd, json.dumps({"output": o, "traceback": "".join(tb) if tb else None}).encode())
        os._exit(0)
    os.close(wfd)
    with os.fdopen(rfd, "rb") as f:
        data = f.read()
    os.waitpid(pid, 0)
    out.append(json.loads(data) if data else {"output": None, "traceback": None})
print(json.dumps(out))
"""


def find_source(rec, inputs):
    rel = (rec.get("repo_name") or "") + "/" + rec["path"] if rec.get("repo_name") else rec["path"]
    for root in inputs:
        for cand in (os.path.join(root, rel), os.path.join(root, rec["path"])):
            if os.path.isfile(cand):
                return cand
        if os.path.isfile(root) and root.endswith("/" + rec["path"]):
            return root
    return None


def module_name(path):
    base = os.path.basename(path)
    base = base[:-3] if base.endswith(".py") else base
    return base if re.match(r"^[A-Za-z_][A-Za-z0-9_]*$", base) else "module"


def write_jobs(d, recs, jobs_name, harness_name, harness):
    """Writes into folder d the exec records' jobs (function, input, setup) as JSON and the harness that runs them."""
    jobs = []
    for r in recs:
        setup = r["exec_setup"]
        jobs.append({"function": r["exec_function"], "input": r["exec_input"],
                     "setup": json.loads(setup) if isinstance(setup, str) else setup})
    with open(os.path.join(d, jobs_name), "w", encoding="utf-8") as f:
        json.dump(jobs, f)
    with open(os.path.join(d, harness_name), "w", encoding="utf-8") as f:
        f.write(harness)


def rerun_exec_group(src, recs):
    """The exec records of one module file: the module loaded from its file under its own name, then per record
    (a forked child) a copy of its globals, random.seed(0), the docstring's earlier examples and the example
    itself compiled as doctest does (mode 'single'); returns per record (observed output, traceback)."""
    d = tempfile.mkdtemp(prefix="etcheck-")
    try:
        name = module_name(recs[0]["path"])
        os.makedirs(os.path.join(d, "m"))
        shutil.copyfile(src, os.path.join(d, "m", name + ".py"))
        write_jobs(d, recs, "recs.json", "check_exec.py", EXEC_HARNESS)
        p = sandboxed(["python3", "check_exec.py", name], d, cpu=30 + 10 * len(recs), wall=60 + 20 * len(recs))
        try:
            res = json.loads(p.stdout.strip().split("\n")[-1])
        except (ValueError, IndexError):
            return [(None, None)] * len(recs)
        return [(x["output"], x["traceback"]) for x in res]
    finally:
        shutil.rmtree(d, ignore_errors=True)


CALL_HARNESS = r"""
import json, os, signal, sys, sysconfig, traceback
STDLIB = sysconfig.get_paths()["stdlib"].rstrip("/") + "/"
recs = json.load(open("calls.json", encoding="utf-8"))
out = []
for r in recs:
    rfd, wfd = os.pipe()
    sys.stdout.flush()
    pid = os.fork()
    if pid == 0:
        os.close(rfd)
        signal.alarm(10)
        ns, res = {}, {"output": "", "traceback": None}
        try:
            for s in r["setup"]:
                exec(s, ns)
            res["output"] = repr(eval(r["input"], ns))
        except BaseException as e:
            # what `python3 -c 'from M import f; f(ARGS)'` prints below its own `<string>` frame: the outermost
            # traceback from the frame after the eval'd input's; chained causes/contexts and exception groups
            # keep their own tracebacks, formatted by Python itself
            tb = e.__traceback__
            while tb is not None and tb.tb_frame.f_code.co_filename != "<string>":
                tb = tb.tb_next
            text = "".join(traceback.format_exception(type(e), e, tb.tb_next if tb is not None else None))
            res["traceback"] = text.replace('"' + STDLIB, '"').replace('"' + os.getcwd() + "/", '"')
        os.write(wfd, json.dumps(res).encode())
        os._exit(0)
    os.close(wfd)
    with os.fdopen(rfd, "rb") as f:
        data = f.read()
    os.waitpid(pid, 0)
    out.append(json.loads(data) if data else {"output": None, "traceback": None})
print(json.dumps(out))
"""


def rerun_calls(recs):
    """Observed-call exec records: in one sandboxed python3 (a forked child per record), the record's setup
    (`from MODULE import FUNCTION`, the running interpreter's own stdlib module), then its input evaluated once:
    the value's repr, or the traceback from the function's frame on (stdlib and working-folder prefixes left out)."""
    d = tempfile.mkdtemp(prefix="callcheck-")
    try:
        write_jobs(d, recs, "calls.json", "check_calls.py", CALL_HARNESS)
        p = sandboxed(["python3", "check_calls.py"], d, cpu=30 + 5 * len(recs), wall=60 + 15 * len(recs))
        try:
            res = json.loads(p.stdout.strip().split("\n")[-1])
        except (ValueError, IndexError):
            return [(None, None)] * len(recs)
        return [(x["output"], x["traceback"]) for x in res]
    finally:
        shutil.rmtree(d, ignore_errors=True)


def read_records(folder):
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
        for l in text.split("\n"):
            if l.strip():
                r = json.loads(l)
                a = r.get("annotations") or {}
                r.update(json.loads(a) if isinstance(a, str) else a)  # Codemill nests annotations
                r["_branch"] = os.path.basename(os.path.normpath(folder))
                recs.append(r)
    return recs


def kind_of(r):
    if "exec_kind" in r:
        return "exec"
    if "failing_tests" in r:
        return "repair"
    return "pair"


def main():
    args, i, folders, inputs = sys.argv[1:], 0, [], []
    opts = {"--limit", "--jobs", "--diffs"}
    while i < len(args):
        a = args[i]
        if a in opts:
            i += 2
            continue
        if a == "--inputs":
            i += 1
            while i < len(args) and not args[i].startswith("--"):
                inputs.append(args[i]); i += 1
            continue
        if not a.startswith("--"):
            folders.append(a)
        i += 1
    limit = int(args[args.index("--limit") + 1]) if "--limit" in args else None
    recs = []
    for folder in folders:
        recs += read_records(folder)[:limit] if limit else read_records(folder)
    jobs = int(args[args.index("--jobs") + 1]) if "--jobs" in args else 1
    from concurrent.futures import ThreadPoolExecutor
    pairs = [i for i, r in enumerate(recs) if kind_of(r) == "pair"]
    java_idx = [i for i in pairs if recs[i]["tool"] == "javac"] if "--javac-each" not in args else []
    batch = javac_batch([recs[i] for i in java_idx]) if java_idx else {}
    results = {java_idx[k]: v for k, v in batch.items()}
    rest = [i for i in range(len(recs)) if i not in results and kind_of(recs[i]) != "exec"]
    groups, calls = {}, []
    for i, r in enumerate(recs):
        if kind_of(r) == "exec" and r.get("exec_origin") == "observed_call":
            calls.append(i)
        elif kind_of(r) == "exec":
            src = find_source(r, inputs)
            groups.setdefault(src, []).append(i)
    for k in range(0, len(calls), 200):  # observed calls: the running interpreter's own modules
        chunk = calls[k:k + 200]
        results.update(zip(chunk, rerun_calls([recs[i] for i in chunk])))

    def one(i):
        return rerun_repair(recs[i]) if kind_of(recs[i]) == "repair" else rerun(recs[i])

    def group(item):
        src, idx = item
        if src is None:  # the module file was not found under --inputs
            return [(i, (None, None)) for i in idx]
        return list(zip(idx, rerun_exec_group(src, [recs[i] for i in idx])))

    with ThreadPoolExecutor(max_workers=jobs) as pool:  # each re-run is its own process
        results.update(zip(rest, pool.map(one, rest)))
        for pairs_of_group in pool.map(group, groups.items()):
            results.update(pairs_of_group)
    tally, diffs = {}, []
    for i, r in enumerate(recs):
        k = kind_of(r)
        if k == "exec":
            out, tb = results[i]
            ok = out == r.get("exec_output", "") and (tb or None) == (r.get("exec_traceback") or None)
            keys = ("all", "branch/" + r["_branch"], "exec/" + r.get("exec_origin", "doctest") + "/" + r["exec_kind"])
            detail = (r["path"], r["exec_function"], r["exec_input"][:200], r.get("exec_output"), r.get("exec_traceback"), out, tb)
        else:
            msg, line = results[i]
            ok = msg == r["error_message"] and line == int(r["error_line"])
            keys = ("all", "branch/" + r["_branch"], r["tool"] + "/" + r["error_kind"] if k == "pair" else "repair/test",
                    "op/" + r["operator"] if k == "pair" else "repair-op/" + r["operator"])
            detail = (r["tool"], r["error_kind"], r["operator"], r["error_file"], r["error_message"], r["error_line"], msg, line)
        for key in keys:
            t = tally.setdefault(key, [0, 0]); t[0] += ok; t[1] += 1
        if not ok:
            diffs.append(detail)
    for k in sorted(tally):
        ok, n = tally[k]
        print("%-32s %6d / %6d  %.2f %%" % (k, ok, n, 100.0 * ok / max(n, 1)))
    for d in diffs[:10]:
        print("DIFF", json.dumps(d)[:600])
    if "--diffs" in args:  # every difference, one JSON array per line
        with open(args[args.index("--diffs") + 1], "w", encoding="utf-8") as fh:
            for d in diffs:
                fh.write(json.dumps(d) + "\n")
    return 0 if tally.get("all", [0, 1])[0] >= 0.99 * tally.get("all", [0, 1])[1] else 1


if __name__ == "__main__":
    sys.exit(main())
