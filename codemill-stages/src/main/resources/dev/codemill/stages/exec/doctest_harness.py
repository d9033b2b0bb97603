# Codemill exec_tasks harness: runs inside the bubblewrap sandbox only.
# argv: MODULE_NAME MAX_OUTPUT_CHARS EXAMPLE_SECONDS; run with python3 -s (not -I: PYTHONHASHSEED=0 must hold) from the folder above m/NAME.py
# Imports the module (its own file in the working folder), then runs the doctest examples of each function
# and method the way doctest does (mode 'single', one namespace per docstring, stdout captured) and prints
# one JSON line per example: what was observed, never what the docstring claims.
# @codemill:hashseed-guard (HarnessScripts puts analysis/exec/hashseed_guard.py here: imports os as _os, sys as _sys)
# as -P (what -I implied): the script's own folder is not an import path of the code under test
if _sys.path and _os.path.abspath(_sys.path[0] or ".") == _os.path.dirname(_os.path.abspath(__file__)):
    del _sys.path[0]
import ast, contextlib, doctest, importlib.util, io, json, random, re, signal, sys, textwrap, traceback

name, max_out, seconds = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
real_out = sys.stdout
ADDRESS = re.compile(r" at 0x[0-9a-fA-F]+")


def emit(rec):
    real_out.write(json.dumps(rec, ensure_ascii=False) + "\n")
    real_out.flush()


class Timeout(BaseException):
    pass


def on_alarm(signum, frame):
    raise Timeout()


path = "m/" + name + ".py"
source = open(path, encoding="utf-8").read()
try:
    tree = ast.parse(source)
except SyntaxError as e:
    emit({"kind": "skip", "reason": "syntax_error"})
    sys.exit(0)
lines = source.splitlines(keepends=True)
targets = []


def visit(body, prefix):
    for node in body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            targets.append((prefix + node.name, node))
        elif isinstance(node, ast.ClassDef) and not prefix:
            visit(node.body, node.name + ".")


visit(tree.body, "")
parser = doctest.DocTestParser()
work = []
for qual, node in targets:
    doc = ast.get_docstring(node, clean=True)
    if not doc or ">>>" not in doc:
        continue
    try:
        examples = parser.get_examples(doc)
    except ValueError:
        continue
    if examples:
        start = min([node.lineno] + [d.lineno for d in node.decorator_list])
        ds = node.body[0]
        # the code of a record is the function without its docstring (the docstring holds the answers)
        if len(node.body) < 2 or ds.lineno == node.body[1].lineno or ds.lineno == node.lineno:
            continue
        kept_lines = lines[start - 1:ds.lineno - 1] + lines[ds.end_lineno:node.end_lineno]
        code = textwrap.dedent("".join(kept_lines))
        work.append((qual, code, examples))
if not work:
    emit({"kind": "skip", "reason": "no_examples"})
    sys.exit(0)
sys.path.insert(0, "m")
signal.signal(signal.SIGALRM, on_alarm)
try:
    signal.alarm(seconds * 4)
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        # loaded from its file under its own name, even where a module of that name is already imported
        spec = importlib.util.spec_from_file_location(name, path)
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    signal.alarm(0)
except BaseException as e:
    signal.alarm(0)
    emit({"kind": "skip", "reason": "import_failed", "exception": type(e).__name__})
    sys.exit(0)

for qual, code, examples in work:
    globs = dict(module.__dict__)
    random.seed(0)
    setup = []
    for i, ex in enumerate(examples):
        buf = io.StringIO()
        rec = {"function": qual, "index": i, "code": code, "setup": list(setup), "input": ex.source.rstrip("\n"),
               "want": ex.want, "lineno": ex.lineno, "python": sys.version.split()[0]}
        try:
            signal.alarm(seconds)
            with contextlib.redirect_stdout(buf), contextlib.redirect_stderr(io.StringIO()):
                exec(compile(ex.source, "<doctest %s[%d]>" % (qual, i), "single"), globs)
            signal.alarm(0)
            rec.update(kind="output", output=buf.getvalue())
        except Timeout:
            emit({"kind": "skip", "reason": "timeout", "function": qual, "index": i})
            break
        except BaseException as e:
            signal.alarm(0)
            # the trace from the example's frame on, as doctest shows it: the outermost traceback skips the
            # harness's own frame; chained causes/contexts and exception groups keep their own tracebacks
            # (they start inside the example), formatted by Python itself
            below = e.__traceback__.tb_next if e.__traceback__ is not None else None
            tb = traceback.format_exception(type(e), e, below)
            rec.update(kind="error", output=buf.getvalue(), exception=type(e).__name__, traceback="".join(tb))
        text = rec["output"] + rec.get("traceback", "")
        if "doctest_harness" in rec.get("traceback", ""):
            rec = {"kind": "skip", "reason": "harness_frame", "function": qual, "index": i}
        elif ADDRESS.search(text):
            rec = {"kind": "skip", "reason": "address_in_output", "function": qual, "index": i}
        elif len(text) > max_out:
            rec = {"kind": "skip", "reason": "output_too_long", "function": qual, "index": i}
        emit(rec)
        setup.append(ex.source.rstrip("\n"))
