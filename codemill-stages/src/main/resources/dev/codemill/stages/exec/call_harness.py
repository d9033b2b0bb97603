# Codemill exec_tasks observed-call harness: runs inside the bubblewrap sandbox only.
# argv: SPEC_FILE. The spec (JSON) holds "mode" and:
#   capture: "module" (dotted name), "tests" (unittest names), "paths" (folders put first on sys.path),
#            "seconds" (stop starting tests after this), "max_calls" (distinct calls kept per function),
#            "max_input_chars", "max_output_chars"
#     runs the tests with sys.settrace on; every call of one of the module's top-level functions whose
#     arguments and value (or raised exception) round-trip through repr/ast.literal_eval is captured.
#   replay: "module", "paths", "seconds", "strip" (path prefixes cut from traceback file names),
#           "calls": [{"function", "args", "kwargs"}]
#     each call alone in a forked child that imports the module itself (the parent never does) and
#     calls the function once under an alarm: what it returned (repr) or raised (traceback).
# Prints one JSON object (last stdout line).
# @codemill:hashseed-guard (HarnessScripts puts analysis/exec/hashseed_guard.py here: imports os as _os, sys as _sys)
# as -P (what -I implied): the script's own folder is not an import path of the code under test
if _sys.path and _os.path.abspath(_sys.path[0] or ".") == _os.path.dirname(_os.path.abspath(__file__)):
    del _sys.path[0]
import ast, io, json, math, os, signal, sys, traceback, types

sys.dont_write_bytecode = True
HARNESS = os.path.basename(__file__)
with open(sys.argv[1], encoding="utf-8") as f:
    SPEC = json.load(f)
for p in reversed(SPEC.get("paths", [])):
    sys.path.insert(0, os.path.join(os.getcwd(), p))
GEN = 0x20 | 0x80 | 0x100 | 0x200  # generator, coroutine, iterable coroutine, async generator
PLAIN = (int, float, complex, str, bytes, bool, type(None))


def plain(v, depth=0):
    """A value ast.literal_eval rebuilds from its repr, equal and of the same types throughout."""
    if depth > 20:
        return False
    t = type(v)
    if t in PLAIN:
        return not (t is float and not math.isfinite(v)) and not (t is complex and not (math.isfinite(v.real) and math.isfinite(v.imag)))
    if t in (list, tuple, set, dict) and len(v) > 256:
        return False
    if t in (list, tuple, set):
        return all(plain(x, depth + 1) for x in v)
    if t is dict:
        return all(plain(k, depth + 1) and plain(x, depth + 1) for k, x in v.items())
    return False


def same(a, b):
    """Equal and of the same types all the way down (True == 1 is not enough)."""
    if type(a) is not type(b):
        return False
    if type(a) in (list, tuple):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    if type(a) is dict:
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if type(a) is float and a == 0.0:
        return math.copysign(1, a) == math.copysign(1, b)
    return a == b


def literal(v):
    """repr(v) when it round-trips, else None."""
    try:
        if not plain(v):
            return None
        r = repr(v)
        return r if same(ast.literal_eval(r), v) else None
    except Exception:
        return None


def sources(module, names):
    """Each top-level function's source without its docstring (which may hold answers), decorators included."""
    import textwrap
    out = {}
    try:
        with open(module.__file__, encoding="utf-8") as f:
            text = f.read()
        tree = ast.parse(text)
    except Exception:
        return out
    lines = text.splitlines(keepends=True)
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name in names:
            start = min([node.lineno] + [d.lineno for d in node.decorator_list])
            body = node.body
            if (isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant)
                    and isinstance(body[0].value.value, str)):
                ds = body[0]
                if len(body) < 2 or ds.lineno == node.lineno or ds.lineno == body[1].lineno:
                    continue
                kept = lines[start - 1:ds.lineno - 1] + lines[ds.end_lineno:node.end_lineno]
            else:
                kept = lines[start - 1:node.end_lineno]
            out[node.name] = textwrap.dedent("".join(kept))
    return out


def capture():
    import importlib, unittest
    out = {"version": sys.version.split()[0], "calls": [], "dropped": {}}
    dropped = out["dropped"]

    def drop(why):
        dropped[why] = dropped.get(why, 0) + 1

    try:
        with open(os.devnull, "w") as null:
            saved = sys.stdout, sys.stderr
            sys.stdout = sys.stderr = null
            try:
                module = importlib.import_module(SPEC["module"])
            finally:
                sys.stdout, sys.stderr = saved
    except BaseException as e:
        out["why"] = "import_failed: " + type(e).__name__
        return out
    codes = {}
    for name, obj in vars(module).items():
        if (isinstance(obj, types.FunctionType) and obj.__module__ == module.__name__ and obj.__qualname__ == name
                and not obj.__code__.co_flags & GEN):
            codes[obj.__code__] = (name, obj)
    out["functions"] = len(codes)
    out["code"] = sources(module, {name for name, _ in codes.values()})
    seen = {name: set() for name, _ in codes.values()}
    calls = out["calls"]
    state = {"test": None}
    max_calls, max_in, max_out = SPEC["max_calls"], SPEC["max_input_chars"], SPEC["max_output_chars"]

    def arguments(frame, fn):
        code = frame.f_code
        names = code.co_varnames
        loc = frame.f_locals
        n, k = code.co_argcount, code.co_kwonlyargcount
        args = [loc[x] for x in names[:n]]
        kwargs = {x: loc[x] for x in names[n:n + k]}
        i = n + k
        if code.co_flags & 0x04:  # *args
            extra = loc[names[i]]
            i += 1
        else:
            extra = ()
        if code.co_flags & 0x08:  # **kwargs
            kwargs.update(loc[names[i]])
        if not extra:
            # trailing positionals equal to their default (same type) are left to the default, as a caller would
            d = fn.__defaults__ or ()
            while args and len(args) > n - len(d) and same(args[-1], d[len(args) - 1 - (n - len(d))]):
                args.pop()
        else:
            args += list(extra)
        kd = fn.__kwdefaults__ or {}
        for x in list(kwargs):
            if x in kd and same(kwargs[x], kd[x]):
                del kwargs[x]
        return args, kwargs

    def local(frame, event, arg, rec=None):
        # per call frame of a captured function: the return value, or the exception it let out
        def tracer(frame, event, arg):
            if event == "exception":
                rec["pending"] = arg[0].__name__
            elif event == "return":
                finish(rec, arg)
            return tracer
        return tracer

    def finish(rec, value):
        pending = rec.pop("pending", None)
        if value is None and pending:
            rec["raised"] = pending
            calls.append(rec)
            return
        r = literal(value)
        if r is None:
            drop("value_not_literal")
            return
        if len(r) > max_out:
            drop("output_too_long")
            return
        rec["output"] = r
        calls.append(rec)

    files = {c.co_filename for c in codes}

    def tracer(frame, event, arg):
        # called for every Python call of the test run: a string test first (hashing a code object costs more)
        code = frame.f_code
        if code.co_filename not in files:
            return None
        entry = codes.get(code)
        if entry is None or state["test"] is None:
            return None
        name, fn = entry
        if len(seen[name]) >= max_calls:
            drop("capture_cap")
            return None
        try:
            args, kwargs = arguments(frame, fn)
        except Exception:
            drop("arguments_unreadable")
            return None
        a = literal(tuple(args)) if args else "()"
        kw = literal(kwargs)
        if a is None or kw is None:
            drop("argument_not_literal")
            return None
        if any(not x.isidentifier() for x in kwargs):
            drop("argument_not_literal")
            return None
        if len(a) + len(kw) > max_in:
            drop("input_too_long")
            return None
        key = (a, kw)
        if key in seen[name]:
            drop("duplicate_input")
            return None
        seen[name].add(key)
        text = ", ".join([repr(x) for x in args] + ["%s=%r" % (x, v) for x, v in kwargs.items()])
        rec = {"function": name, "args": a, "kwargs": kw, "input": "%s(%s)" % (name, text), "test": state["test"]}
        frame.f_trace_lines = False
        return local(frame, event, arg, rec)

    class Result(unittest.TextTestResult):
        def startTest(self, test):
            state["test"] = test.id()
            super().startTest(test)

        def stopTest(self, test):
            super().stopTest(test)
            state["test"] = None

    def stop(signum, frame):
        out["stopped"] = True
        result_holder[0].shouldStop = True

    result_holder = [None]

    class Runner(unittest.TextTestRunner):
        def _makeResult(self):
            result_holder[0] = Result(self.stream, self.descriptions, self.verbosity)
            return result_holder[0]

    suite = unittest.TestSuite()
    for t in SPEC["tests"]:
        try:
            suite.addTest(unittest.defaultTestLoader.loadTestsFromName(t))
        except BaseException as e:
            out["why"] = "tests_not_loaded: " + type(e).__name__
            return out
    signal.signal(signal.SIGALRM, stop)
    signal.alarm(SPEC["seconds"])
    sys.settrace(tracer)
    try:
        with open(os.devnull, "w") as null:
            saved = sys.stdout, sys.stderr
            sys.stdout = sys.stderr = null
            try:
                Runner(stream=io.StringIO(), verbosity=0).run(suite)
            finally:
                sys.stdout, sys.stderr = saved
    except BaseException as e:
        out["interrupted"] = type(e).__name__
    finally:
        sys.settrace(None)
        signal.alarm(0)
    # calls still open when the run ended never returned: not observed
    return out


class Alarm(BaseException):
    pass


def on_alarm(signum, frame):
    raise Alarm()


def replay():
    out = {"version": sys.version.split()[0], "results": []}
    strip = SPEC.get("strip", [])
    for call in SPEC["calls"]:
        rfd, wfd = os.pipe()
        sys.stdout.flush(); sys.stderr.flush()
        pid = os.fork()
        if pid == 0:
            os.close(rfd)
            res = {}
            try:
                import importlib
                signal.signal(signal.SIGALRM, on_alarm)
                signal.alarm(SPEC["seconds"])
                with open(os.devnull, "w") as null:
                    sys.stdout = sys.stderr = null
                    module = importlib.import_module(SPEC["module"])
                    fn = getattr(module, call["function"])
                    args = ast.literal_eval(call["args"])
                    kwargs = ast.literal_eval(call["kwargs"])
                    try:
                        value = fn(*args, **kwargs)
                        signal.alarm(0)
                        r = literal(value)
                        res = {"kind": "output", "output": r} if r is not None else {"kind": "skip", "why": "value_not_literal"}
                    except Alarm:
                        res = {"kind": "skip", "why": "timed_out"}
                    except BaseException as e:
                        signal.alarm(0)
                        # what Python prints for the call below the caller's frame: the outermost traceback
                        # starts at the function's frame (the harness frame, tb, is skipped); chained causes and
                        # contexts and exception groups are formatted by Python itself from their own tracebacks,
                        # which start inside the function. No function frame (the call did not bind) or a harness
                        # frame left anywhere: not what `python3 -c 'from M import f; f(...)'` prints, dropped.
                        below = e.__traceback__.tb_next if e.__traceback__ is not None else None
                        if below is None:
                            res = {"kind": "skip", "why": "no_function_frame"}
                        else:
                            text = "".join(traceback.format_exception(type(e), e, below))
                            for p in strip:
                                text = text.replace('File "' + p, 'File "')
                            if HARNESS in text:
                                res = {"kind": "skip", "why": "harness_frame"}
                            else:
                                res = {"kind": "error", "exception": type(e).__name__, "traceback": text}
            except BaseException as e:
                res = {"kind": "skip", "why": "replay_failed: " + type(e).__name__}
            try:
                data = json.dumps(res).encode()
                view = memoryview(data)
                while view:
                    view = view[os.write(wfd, view):]
            finally:
                os._exit(0)
        os.close(wfd)
        with os.fdopen(rfd, "rb") as f:
            data = f.read()
        _, st = os.waitpid(pid, 0)
        out["results"].append(json.loads(data) if data else {"kind": "skip", "why": "replay_died"})
    return out


result = capture() if SPEC["mode"] == "capture" else replay()
sys.stdout.write("\n" + json.dumps(result) + "\n")
