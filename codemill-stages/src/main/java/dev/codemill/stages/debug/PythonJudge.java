package dev.codemill.stages.debug;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.codemill.stages.analysis.exec.ExecResult;
import dev.codemill.stages.analysis.exec.Sandbox;
import dev.codemill.stages.analysis.exec.SandboxLimits;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Judges Python mutants with the real interpreter, always inside the {@link Sandbox}:
 * <ul>
 *   <li>{@link #compileAll}: one interpreter start compiles a whole batch of files with
 *       {@code compile(source_bytes, name, "exec", dont_inherit=True)} (what {@code py_compile}
 *       does; nothing is executed); a {@code SyntaxError} gives the last line of
 *       {@code traceback.format_exception_only}, the line {@code py_compile} prints last;</li>
 *   <li>{@link #run}: a file with doctests ({@code >>>}) runs {@code python3 -m doctest FILE}, any
 *       other {@code python3 FILE}; the original must succeed first ({@link #passes}), then a
 *       mutant that fails gives the doctest's failure report (kind {@code test}) or the
 *       traceback's exception line (kind {@code runtime}).</li>
 * </ul>
 * Files are written as their own name into the sandbox's working folder; its prefix is removed from
 * the messages ({@code File "m.py"} rather than {@code File "/tmp/m.py"}).
 */
public final class PythonJudge {
    static final String DRIVER = """
            import json, sys, traceback
            names = json.load(open("batch.json"))
            out = []
            for name in names:
                try:
                    compile(open(name, "rb").read(), name, "exec", dont_inherit=True)
                    out.append(None)
                except (SyntaxError, ValueError) as e:
                    msg = traceback.format_exception_only(type(e), e)[-1].rstrip("\\n")
                    out.append({"message": msg, "line": getattr(e, "lineno", 0) or 0})
            print(json.dumps({"version": sys.version.split()[0], "results": out}))
            """;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Sandbox sandbox;
    private final SandboxLimits limits;
    private volatile String version = "";

    public PythonJudge(Sandbox sandbox, SandboxLimits limits) {
        this.sandbox = sandbox;
        this.limits = limits;
    }

    /** The interpreter's version as it reported it in the last batch ({@code 3.11.7}), empty before. */
    public String version() {
        return version;
    }

    /** A file to judge: its name in the working folder and its text. */
    public record Source(String file, String text) {
    }

    /**
     * Compiles every source in one sandboxed interpreter; for each, in order, the compile error or
     * null when it compiles.
     *
     * @throws IOException when the sandbox could not run or the driver gave no answer
     */
    public List<Judgement> compileAll(List<Source> sources) throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < sources.size(); i++) {
            String name = "m" + i + "/" + sources.get(i).file();
            files.put(name, sources.get(i).text());
            names.add(name);
        }
        files.put("batch.json", JSON.writeValueAsString(names));
        files.put("compile_judge.py", DRIVER);
        ExecResult r = sandbox.run(List.of("python3", "-I", "-S", "compile_judge.py"), files, List.of(), "", limits);
        if (!r.ok()) {
            throw new IOException("python compile batch failed: exit " + r.exitCode() + (r.timedOut() ? " (timed out)" : "")
                    + ": " + tail(r.stderr()));
        }
        JsonNode root = JSON.readTree(r.stdout());
        version = root.path("version").asText("");
        List<Judgement> out = new ArrayList<>();
        JsonNode results = root.path("results");
        for (int i = 0; i < sources.size(); i++) {
            JsonNode n = results.path(i);
            if (n.isNull() || n.isMissingNode() || n.path("message").asText("").isBlank()) {
                out.add(null);
            } else {
                out.add(new Judgement(Judgement.COMPILE, n.path("message").asText(), sources.get(i).file(),
                        n.path("line").asInt(0), "python3", version,
                        "python3 -m py_compile " + sources.get(i).file()));
            }
        }
        return out;
    }

    static String tail(String s) {
        return s.length() <= 400 ? s.strip() : s.substring(s.length() - 400).strip();
    }

    static boolean hasDoctests(String text) {
        return text.contains(">>> ");
    }

    private ExecResult execute(Source s) throws IOException {
        List<String> cmd = hasDoctests(s.text()) ? List.of("python3", "-I", "-m", "doctest", s.file())
                : List.of("python3", "-I", s.file());
        return sandbox.run(cmd, Map.of(s.file(), s.text()), List.of(), "", limits);
    }

    /** Whether the original runs cleanly (exit 0 within the limits, doctests passing). */
    public boolean passes(Source original) throws IOException {
        ExecResult r = execute(original);
        return r.exitCode() == 0 && !r.timedOut() && !r.killed();
    }

    /**
     * Runs {@code python3 -m unittest TEST_MODULE} in a working folder holding {@code files} (the
     * module, or its whole package): {@code -m} puts that folder first on {@code sys.path}, so its
     * files shadow the standard library's copies, as in a checkout under test.
     */
    private ExecResult unittest(String testModule, Map<String, String> files) throws IOException {
        return sandbox.run(List.of("python3", "-m", "unittest", testModule), files, List.of(), "", limits);
    }

    /** Whether {@code testModule} passes (exit 0 within the limits) with {@code files} in front of the standard library. */
    public boolean testsPass(String testModule, Map<String, String> files) throws IOException {
        ExecResult r = unittest(testModule, files);
        return r.exitCode() == 0 && !r.timedOut() && !r.killed();
    }

    /**
     * The first failing test unittest printed for {@code testModule} with the mutated {@code file}
     * among {@code files} (kind {@code test}), or null when the tests pass, only timed out, or the
     * report holds a value that differs run to run (an object address, a temporary folder; the
     * run is repeated and must print the same failure again).
     */
    public Judgement testFailure(String testModule, Map<String, String> files, String file) throws IOException {
        ExecResult r = unittest(testModule, files);
        if (r.exitCode() == 0 || r.timedOut() || r.killed()) {
            return null;
        }
        ErrorText.Found f = ErrorText.unittestFailure(strip(r.stderr()), file);
        if (f == null || !reproducible(f.message())) {
            return null;
        }
        // tests may draw unseeded random data into their messages: keep only a report printed twice alike
        ExecResult again = unittest(testModule, files);
        if (!f.equals(ErrorText.unittestFailure(strip(again.stderr()), file))) {
            return null;
        }
        return new Judgement(Judgement.TEST, f.message(), file, f.line(),
                "python3", version, "python3 -m unittest " + testModule);
    }

    /** Messages holding an object address ({@code at 0x7f…}) or a fresh temporary name cannot be printed again. */
    static boolean reproducible(String message) {
        return dev.codemill.stages.analysis.exec.UnstableText.reproducible(message);
    }

    /** The failure of a mutant whose original {@linkplain #passes passes}, or null when it runs cleanly or only timed out. */
    public Judgement run(Source mutant) throws IOException {
        ExecResult r = execute(mutant);
        if (r.exitCode() == 0 || r.timedOut() || r.killed()) {
            return null;
        }
        String stdout = strip(r.stdout());
        String stderr = strip(r.stderr());
        if (hasDoctests(mutant.text())) {
            ErrorText.Found f = ErrorText.doctestFailure(stdout);
            if (f != null) {
                return new Judgement(Judgement.TEST, f.message(), mutant.file(), f.line(), "python3", version,
                        "python3 -m doctest " + mutant.file());
            }
        }
        ErrorText.Found u = ErrorText.unittestFailure(stderr, mutant.file());
        if (u != null) {
            // a test file run as a script: unittest.main() printed the failing test (the same twice)
            return reproducible(u.message()) && u.equals(ErrorText.unittestFailure(strip(execute(mutant).stderr()), mutant.file()))
                    ? new Judgement(Judgement.TEST, u.message(), mutant.file(), u.line(), "python3",
                    version, "python3 " + mutant.file()) : null;
        }
        ErrorText.Found f = ErrorText.pythonTraceback(stderr, mutant.file());
        return f == null || !reproducible(f.message()) ? null : new Judgement(Judgement.RUNTIME, f.message(), mutant.file(), f.line(), "python3", version,
                (hasDoctests(mutant.text()) ? "python3 -m doctest " : "python3 ") + mutant.file());
    }

    /** Removes the sandbox working folder's prefix from paths in a report. */
    static String strip(String s) {
        return WORK_PREFIX.matcher(s).replaceAll("\"");
    }

    /** The sandbox's working folder in a quoted path ({@code "/tmp/w/add.py"}, {@code "/tmp/add.py"}). */
    private static final java.util.regex.Pattern WORK_PREFIX = java.util.regex.Pattern.compile("\"/tmp/(?:w/)?");
}
