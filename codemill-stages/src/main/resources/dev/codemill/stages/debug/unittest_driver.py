# Codemill repair-tasks driver (runs inside the sandbox only). Reads codemill_job.json:
#   {"mode": "baseline", "tests": [test module names], "target": path under overlay/}
#     runs the test modules once with sys.settrace on; per test id: its status and the first lines
#     (co_firstlineno) of the target file's functions it called.
#   {"mode": "jobs", "target": ..., "seconds": n, "max_report_chars": n,
#    "jobs": [{"file": "mutants/0.py", "tests": [test ids]}, ...]}
#     per job: the job's file is copied over overlay/TARGET, a forked child (its own CPU limit, an alarm
#     of `seconds`) runs the listed tests untraced and sends back statuses and failure reports.
# Last stdout line: one JSON object.
# @codemill:hashseed-guard (HarnessScripts puts analysis/exec/hashseed_guard.py here: imports os as _os, sys as _sys)
# as -P (what -I implied): the script's own folder is not an import path of the code under test
if _sys.path and _os.path.abspath(_sys.path[0] or ".") == _os.path.dirname(_os.path.abspath(__file__)):
    del _sys.path[0]
import io, json, os, shutil, signal, sys, threading, traceback, unittest

sys.dont_write_bytecode = True
OVERLAY = os.path.join(os.getcwd(), "overlay")
sys.path.insert(0, OVERLAY)
with open("codemill_job.json", encoding="utf-8") as f:
    SPEC = json.load(f)
TARGET = os.path.join(OVERLAY, SPEC["target"])
current = None
covered = {}


def tracer(frame, event, arg):
    if current is not None and frame.f_code.co_filename == TARGET:
        current.add(frame.f_code.co_firstlineno)
    return None


def make_result(status, reports, trace):
    class Result(unittest.TextTestResult):
        def startTest(self, test):
            global current
            if trace:
                current = covered.setdefault(test.id(), set())
            super().startTest(test)

        def stopTest(self, test):
            global current
            super().stopTest(test)
            current = None

        def addSuccess(self, test):
            super().addSuccess(test); status.setdefault(test.id(), "ok")

        def addFailure(self, test, err):
            super().addFailure(test, err); status[test.id()] = "fail"
            reports.setdefault(test.id(), "FAIL: %s\n%s" % (self.getDescription(test), self.failures[-1][1]))

        def addError(self, test, err):
            super().addError(test, err); status[test.id()] = "error"
            reports.setdefault(test.id(), "ERROR: %s\n%s" % (self.getDescription(test), self.errors[-1][1]))

        def addSubTest(self, test, subtest, err):
            super().addSubTest(test, subtest, err)
            if err is not None:
                tid = test.id()
                failed = issubclass(err[0], test.failureException)
                status[tid] = "fail" if failed else "error"
                text = (self.failures if failed else self.errors)[-1][1]
                reports.setdefault(tid, "%s: %s\n%s" % ("FAIL" if failed else "ERROR", self.getDescription(subtest), text))

        def addSkip(self, test, reason):
            super().addSkip(test, reason); status[test.id()] = "skip"

        def addExpectedFailure(self, test, err):
            super().addExpectedFailure(test, err); status[test.id()] = "ok"

        def addUnexpectedSuccess(self, test):
            super().addUnexpectedSuccess(test); status[test.id()] = "fail"
            reports[test.id()] = "UNEXPECTED SUCCESS: %s\n" % self.getDescription(test)
    return Result


def run(names, trace, by_id):
    """Runs tests; by_id: names are test ids, a name that does not load counts as an error of that test."""
    status, reports = {}, {}
    suite = unittest.TestSuite()
    loaded = True
    for name in names:
        try:
            s = unittest.defaultTestLoader.loadTestsFromName(name)
        except BaseException as e:
            if not by_id:
                raise
            status[name] = "error"
            reports[name] = "ERROR: %s\n%s" % (name, "".join(traceback.format_exception(e)))
            continue
        suite.addTest(s)
    if trace:
        threading.settrace(tracer)
        sys.settrace(tracer)
    try:
        unittest.TextTestRunner(stream=io.StringIO(), resultclass=make_result(status, reports, trace), verbosity=0).run(suite)
    finally:
        sys.settrace(None)
        threading.settrace(None)
    for tid in list(status):
        if tid.startswith("unittest.loader._FailedTest."):
            # a test whose module no longer imports: the loader's stand-in carries the import error
            name = tid[len("unittest.loader._FailedTest."):]
            for n in names:
                if n.endswith("." + name) or n == name:
                    status[n] = status[tid]
                    reports[n] = reports.get(tid, "")
    return {"loaded": loaded, "status": status, "reports": reports}


def cap(result, limit):
    kept, used = {}, 0
    for tid in sorted(result["reports"]):
        r = result["reports"][tid]
        if used + len(r) > limit and kept:
            continue
        kept[tid] = r
        used += len(r)
    result["reports"] = kept
    return result


out = {"version": sys.version.split()[0]}
if SPEC["mode"] == "baseline":
    try:
        r = run(SPEC["tests"], True, False)
        r["covered"] = {t: sorted(v) for t, v in covered.items() if v}
    except BaseException as e:
        r = {"loaded": False, "status": {}, "reports": {"<load>": "".join(traceback.format_exception(e))}}
    out.update(cap(r, SPEC.get("max_report_chars", 200000)))
else:
    results = []
    for job in SPEC["jobs"]:
        shutil.copyfile(job["file"], TARGET)
        rfd, wfd = os.pipe()
        sys.stdout.flush(); sys.stderr.flush()
        pid = os.fork()
        if pid == 0:
            os.close(rfd)
            try:
                signal.alarm(SPEC["seconds"])
                data = json.dumps(cap(run(job["tests"], False, True), SPEC["max_report_chars"])).encode()
            except BaseException as e:
                data = json.dumps({"loaded": False, "why": "driver: " + repr(e)[:500]}).encode()
            try:
                view = memoryview(data)
                while view:
                    view = view[os.write(wfd, view):]
            finally:
                os._exit(0)
        os.close(wfd)
        with os.fdopen(rfd, "rb") as f:
            data = f.read()
        _, st = os.waitpid(pid, 0)
        if data:
            res = json.loads(data)
        elif os.WIFSIGNALED(st):
            sig = os.WTERMSIG(st)
            res = {"loaded": False, "why": "timed_out" if sig == signal.SIGALRM else "signal %d" % sig}
        else:
            res = {"loaded": False, "why": "no_report: exit %d" % os.waitstatus_to_exitcode(st)}
        results.append(res)
    out["jobs"] = results
print(json.dumps(out))
