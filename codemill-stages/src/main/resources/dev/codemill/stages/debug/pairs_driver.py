# Codemill debug-pairs driver (runs inside the sandbox only, started as `python3 codemill_pairs_driver.py`
# in the working folder /tmp/w). One interpreter per file: every version of the file (the original and
# its mutants) is judged in its own forked child, which behaves as the command line the record names:
#   script    python3 FILE [ID...]         (run as __main__, argv [FILE, ...], script folder first on sys.path;
#                                          a test file ending in unittest.main() runs the named tests)
#   doctest   python3 -m doctest FILE
#   unittest  python3 -m unittest ID...   (the working folder first on sys.path; --failfast for mutants)
# A child first compiles its version (mode compile: only that) (compile(bytes, FILE, "exec", dont_inherit=True), what py_compile
# does) and stops there when that fails. Where the file shadows a module this driver already holds
# (sys.modules), the child execs a fresh interpreter with the command line instead, so the mutant is
# what the program imports. Each child: own process group, RLIMIT_CPU, a wall alarm; stdout and stderr
# go to files. The spec (codemill_pairs.txt) is tab-separated lines, read without importing anything:
#   mode <script|doctest|unittest|compile>        target <FILE>        seconds <N>        cap <bytes>
#   job <version file> <trace 0|1> <failfast 0|1> <confirm 0|1> <repeat 0|1> [test ids...]
# confirm: in unittest mode, the first failing test is run again alone, twice (the command a record
# names); repeat: a failing run is done a second time (its output must be the same to count).
# The last stdout line is one JSON object (json is imported only once every child has ended).
import os, sys

sys.dont_write_bytecode = True
WORK = os.getcwd()
SPEC = {"jobs": []}
with open("codemill_pairs.txt", encoding="utf-8") as fh:
    for row in fh.read().split("\n"):
        if not row:
            continue
        f = row.split("\t")
        if f[0] == "job":
            SPEC["jobs"].append({"file": f[1], "trace": f[2] == "1", "failfast": f[3] == "1", "confirm": f[4] == "1",
                                 "repeat": f[5] == "1", "tests": f[6:]})
        else:
            SPEC[f[0]] = f[1]
MODE, TARGET = SPEC["mode"], SPEC["target"]
SECONDS, CAP = int(SPEC["seconds"]), int(SPEC["cap"])
TARGET_ABS = os.path.join(WORK, TARGET)
if MODE == "unittest":
    sys.path.insert(0, WORK)  # python3 -m puts the working folder first
    import unittest, test.support  # what every test module loads anyway; not mutated (Stdlib.harnessModules)
    sys.path.remove(WORK)


def own_import(*names):
    """The driver's own modules, from the standard library only: the working folder (first on sys.path, as
    the script's folder) holds the corpus file under test under its own name (json.py, resource.py …), so it
    is left off the path while they load."""
    saved = sys.path[:]
    sys.path[:] = [p for p in saved if os.path.realpath(p or ".") != os.path.realpath(WORK)]
    try:
        return [__import__(n) for n in names]
    finally:
        sys.path[:] = saved


signal, resource = own_import("signal", "resource")

TOP = TARGET.split("/")[0][:-3] if "/" not in TARGET else TARGET.split("/")[0]
# the file would be a module this process holds, or one of the standard library's (which doctest, runpy
# or the program may import by that name): such a file runs in a fresh interpreter
SHADOWS = TOP in sys.modules or (MODE != "unittest" and TOP in sys.stdlib_module_names)


def argv_of(tests, failfast):
    if MODE == "script":
        return ["python3", TARGET] + (["-f"] if failfast and tests else []) + list(tests)
    if MODE == "doctest":
        return ["python3", "-m", "doctest", TARGET]
    return ["python3", "-m", "unittest"] + (["--failfast"] if failfast else []) + list(tests)


def watch(unittest, statuses, per_test, state, lines, bad, strip):
    """Hooks unittest's result class in this child: per test id (less the prefix `strip`) its status, the
    lines it ran (state given: traced) and, in `bad`, the ids of failing tests in order."""
    base = unittest.TestResult
    start0, stop0 = base.startTest, base.stopTest

    def ident(t):
        tid = t.test_case.id() if isinstance(t, unittest.case._SubTest) else t.id()
        return tid[len(strip):] if strip and tid.startswith(strip) else (tid if not strip else None)

    def start(self, t):
        tid = ident(t)
        if tid is not None:
            if state is not None:
                state["cur"] = per_test.setdefault(tid, set())
            statuses[tid] = "ok"
        start0(self, t)

    def stop(self, t):
        stop0(self, t)
        if state is not None:
            state["cur"] = lines

    def patch(name, what):
        orig = getattr(base, name)

        def f(self, t, *a):
            tid = ident(t)
            if tid is not None and (what != "subtest" or a[-1] is not None):
                statuses[tid] = "fail" if what == "subtest" else what
                if bad is not None and what in ("fail", "error", "subtest"):
                    bad.append(tid)
            return orig(self, t, *a)
        setattr(base, name, f)
    for name, what in (("addFailure", "fail"), ("addError", "error"), ("addSkip", "skip"),
                       ("addExpectedFailure", "skip"), ("addUnexpectedSuccess", "fail"), ("addSubTest", "subtest")):
        patch(name, what)
    base.startTest, base.stopTest = start, stop


def child(version, tests, trace, failfast, out_base):
    """In the forked child: compile, then run as the command line would; never returns."""
    os.setpgid(0, 0)
    signal.signal(signal.SIGALRM, signal.SIG_DFL)
    resource.setrlimit(resource.RLIMIT_CPU, (SECONDS, SECONDS + 1))
    out = os.open(out_base + ".out", os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    err = os.open(out_base + ".err", os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.dup2(out, 1)
    os.dup2(err, 2)
    signal.alarm(2 * SECONDS)
    with open(version, "rb") as fh:
        source = fh.read()
    try:
        compile(source, TARGET, "exec", dont_inherit=True)
    except (SyntaxError, ValueError) as e:
        import traceback
        msg = traceback.format_exception_only(type(e), e)[-1].rstrip("\n")
        with open(out_base + ".compile", "w", encoding="utf-8") as fh:
            fh.write("%d\n%s" % (getattr(e, "lineno", 0) or 0, msg))
        os._exit(97)
    if MODE == "compile" or (MODE == "unittest" and not tests):
        os._exit(0)  # compile only; a unittest job without tests would discover the folder's instead
    with open(TARGET_ABS, "wb") as fh:
        fh.write(source)
    if SHADOWS:
        argv = argv_of(tests, failfast)
        os.execv(sys.executable, [sys.executable] + argv[1:])
    lines = set()
    per_test = {}
    if trace:
        state = {"cur": lines}

        def local(frame, event, arg):
            if event == "line":
                state["cur"].add(frame.f_lineno)
            return local

        def tracer(frame, event, arg):
            if frame.f_code.co_filename == TARGET_ABS:
                state["cur"].add(frame.f_lineno)
                return local
            return None

    code = 0
    if MODE == "unittest":
        sys.path.insert(0, WORK)
        sys.argv = ["python3 -m unittest"] + list(tests)
        statuses = {}
        if trace:
            watch(unittest, statuses, per_test, state, lines, None, "")
            threading = __import__("threading")
            threading.settrace(tracer)
            sys.settrace(tracer)
        try:
            prog = unittest.main(module=None, argv=sys.argv, exit=False, failfast=failfast)
            r = prog.result
            code = 0 if r.wasSuccessful() else 1
            bad = [t for t, _ in r.errors + r.failures] + list(r.unexpectedSuccesses)
            if bad:
                t = bad[0]
                tid = t.test_case.id() if isinstance(t, unittest.case._SubTest) else t.id()
                if tid.startswith("unittest.loader._FailedTest."):  # a name that no longer loads: the loader's stand-in
                    tid = next((n for n in tests if n == tid[28:] or n.endswith("." + tid[28:])), "")
                if tid and " " not in tid:  # not a class or module fixture (no test id to run alone)
                    with open(out_base + ".failed", "w", encoding="utf-8") as fh:
                        fh.write(tid)
        except SystemExit as e:
            code = e.code if isinstance(e.code, int) else 1
        finally:
            sys.settrace(None)
        if trace:
            with open(out_base + ".trace", "w", encoding="utf-8") as fh:
                fh.write(" ".join(map(str, sorted(lines))) + "\n")
                for tid, status in statuses.items():
                    fh.write("%s\t%s\t%s\n" % (tid, status, " ".join(map(str, sorted(per_test.get(tid, ()))))))
        sys.stdout.flush(); sys.stderr.flush()
        os._exit(code)
    if MODE == "doctest":
        import doctest
        sys.argv = ["python3 -m doctest", TARGET]
        if trace:
            sys.settrace(tracer)
        try:
            code = doctest._test()
        except SystemExit as e:
            code = e.code if isinstance(e.code, int) else 1
        except BaseException:
            sys.__excepthook__(*sys.exc_info())
            code = 1
        sys.settrace(None)
        if trace:
            with open(out_base + ".trace", "w", encoding="utf-8") as fh:
                fh.write(" ".join(map(str, sorted(lines))) + "\n")
    else:
        import runpy
        # a test file ending in unittest.main(): its tests are watched (traced per test when tracing), and a
        # job may name the tests to run (`python3 FILE [-f] ID...`, unittest.main reads them from argv)
        statuses, bad = {}, []
        if trace or tests:
            watch(__import__("unittest"), statuses, per_test, state if trace else None, lines, bad, "__main__.")
        sys.argv = [TARGET] + (["-f"] if failfast and tests else []) + list(tests)
        sys.path.insert(0, os.path.dirname(TARGET_ABS))
        if trace:
            sys.settrace(tracer)
        try:
            runpy.run_path(TARGET_ABS, run_name="__main__")
        except SystemExit as e:
            c = e.code
            if c is None:
                code = 0
            elif isinstance(c, int):
                code = c
            else:
                print(c, file=sys.stderr)
                code = 1
        except BaseException as e:
            sys.settrace(None)
            tb = e.__traceback__
            while tb is not None and tb.tb_frame.f_code.co_filename != TARGET_ABS:
                tb = tb.tb_next
            if tb is not None:
                e.__traceback__ = tb  # the interpreter prints the frames from the script's own on
            sys.__excepthook__(type(e), e, e.__traceback__)
            code = 1
        sys.settrace(None)
        if bad and " " not in bad[0]:
            with open(out_base + ".failed", "w", encoding="utf-8") as fh:
                fh.write(bad[0])
        if trace:
            with open(out_base + ".trace", "w", encoding="utf-8") as fh:
                fh.write(" ".join(map(str, sorted(lines))) + "\n")
                for tid, status in statuses.items():
                    fh.write("%s\t%s\t%s\n" % (tid, status, " ".join(map(str, sorted(per_test.get(tid, ()))))))
    try:
        sys.stdout.flush(); sys.stderr.flush()
    except BaseException:
        pass
    os._exit(code & 0xFF if code >= 0 else 1)


def read(path):
    try:
        with open(path, "rb") as fh:
            data = fh.read(CAP + 1)
    except OSError:
        return None
    return data.decode("utf-8", "replace")


def run_one(version, tests, trace, failfast, n):
    base = os.path.join("/tmp", "codemill_out_%d" % n)
    sys.stdout.flush(); sys.stderr.flush()
    pid = os.fork()
    if pid == 0:
        try:
            child(version, tests, trace, failfast, base)
        except BaseException as e:
            try:
                os.write(2, ("codemill driver: %r\n" % (e,)).encode())
            finally:
                os._exit(98)
    timed = [False]

    def on_alarm(signum, frame):
        timed[0] = True
        try:
            os.killpg(pid, signal.SIGKILL)
        except OSError:
            pass
    signal.signal(signal.SIGALRM, on_alarm)
    signal.alarm(2 * SECONDS + 2)
    _, st = os.waitpid(pid, 0)
    signal.alarm(0)
    try:
        os.killpg(pid, signal.SIGKILL)  # whatever the run left behind
    except OSError:
        pass
    r = {"exit": os.waitstatus_to_exitcode(st), "timed_out": timed[0] or (os.WIFSIGNALED(st) and os.WTERMSIG(st) in (signal.SIGALRM, signal.SIGXCPU, signal.SIGKILL))}
    out, err = read(base + ".out"), read(base + ".err")
    r["truncated"] = (out is not None and len(out) > CAP) or (err is not None and len(err) > CAP)
    r["stdout"], r["stderr"] = (out or "")[:CAP], (err or "")[:CAP]
    comp = read(base + ".compile")
    if comp is not None:
        line, _, msg = comp.partition("\n")
        r["compile"] = {"line": int(line), "message": msg}
    tr = read(base + ".trace")
    if tr is not None:
        rows = tr.split("\n")
        r["lines"] = [int(x) for x in rows[0].split()]
        r["tests"] = [[c[0], c[1], [int(x) for x in c[2].split()]] for c in (row.split("\t") for row in rows[1:] if row)]
    failed = read(base + ".failed")
    if failed:
        r["failed"] = failed
    for ext in (".out", ".err", ".compile", ".trace", ".failed"):
        try:
            os.unlink(base + ext)
        except OSError:
            pass
    return r


results, n = [], 0
for job in SPEC["jobs"]:
    r = run_one(job["file"], job["tests"], job["trace"], job["failfast"], n)
    n += 1
    if r["exit"] != 0 and "compile" not in r and not r["timed_out"]:
        if job["confirm"] and r.get("failed"):
            r["confirm"] = []
            for _ in range(2):
                c = run_one(job["file"], [r["failed"]], False, False, n)
                n += 1
                r["confirm"].append({"exit": c["exit"], "timed_out": c["timed_out"], "stderr": c["stderr"],
                                     "truncated": c["truncated"]})
        elif job["repeat"]:
            c = run_one(job["file"], job["tests"], False, job["failfast"], n)
            n += 1
            r["again"] = {"exit": c["exit"], "stdout": c["stdout"], "stderr": c["stderr"], "truncated": c["truncated"]}
    results.append(r)
json, = own_import("json")
print(json.dumps({"version": sys.version.split()[0], "runs": n, "jobs": results}))
