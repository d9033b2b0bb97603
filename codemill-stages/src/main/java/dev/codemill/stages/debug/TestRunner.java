package dev.codemill.stages.debug;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.codemill.stages.analysis.exec.ExecResult;
import dev.codemill.stages.analysis.exec.Sandbox;
import dev.codemill.stages.analysis.exec.SandboxLimits;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Runs one unittest module of CPython's own suite ({@code test.test_X}) inside the
 * {@link Sandbox}, with an overlay folder (the mutated module and its package) first on
 * {@code sys.path}, as {@code PYTHONPATH} would put it; the real standard library and
 * {@code Lib/test} come read-only with the interpreter's prefix. The driver prints, as its last
 * stdout line, a JSON object: each test id with {@code ok}, {@code fail}, {@code error} or
 * {@code skip}, and the report of each failing test as unittest formats it.
 */
final class TestRunner {
    static final String DRIVER = """
            import io, json, os, sys, unittest
            sys.path.insert(0, os.path.join(os.getcwd(), "overlay"))
            sys.dont_write_bytecode = True
            name = sys.argv[1]
            status, reports = {}, {}
            class Result(unittest.TextTestResult):
                def addSuccess(self, test):
                    super().addSuccess(test); status[test.id()] = "ok"
                def addFailure(self, test, err):
                    super().addFailure(test, err); status[test.id()] = "fail"
                    reports[test.id()] = "FAIL: %s\\n%s" % (self.getDescription(test), self.failures[-1][1])
                def addError(self, test, err):
                    super().addError(test, err); status[test.id()] = "error"
                    reports[test.id()] = "ERROR: %s\\n%s" % (self.getDescription(test), self.errors[-1][1])
                def addSkip(self, test, reason):
                    super().addSkip(test, reason); status[test.id()] = "skip"
                def addExpectedFailure(self, test, err):
                    super().addExpectedFailure(test, err); status[test.id()] = "ok"
                def addUnexpectedSuccess(self, test):
                    super().addUnexpectedSuccess(test); status[test.id()] = "fail"
                    reports[test.id()] = "UNEXPECTED SUCCESS: %s\\n" % self.getDescription(test)
            try:
                suite = unittest.defaultTestLoader.loadTestsFromName(name)
                unittest.TextTestRunner(stream=io.StringIO(), resultclass=Result, verbosity=0).run(suite)
                loaded = True
            except BaseException as e:
                import traceback
                loaded = False
                reports["<load>"] = "".join(traceback.format_exception(e))
            print(json.dumps({"loaded": loaded, "status": status, "reports": reports, "version": sys.version.split()[0]}))
            """;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One run: per test id its status, the reports of failing tests, whether the module loaded, the seconds it took. */
    record Run(boolean loaded, Map<String, String> status, Map<String, String> reports, String version, double seconds,
               String why) {
    }

    private final Sandbox sandbox;
    private final SandboxLimits limits;

    TestRunner(Sandbox sandbox, SandboxLimits limits) {
        this.sandbox = sandbox;
        this.limits = limits;
    }

    /**
     * Runs test module {@code testModule} with {@code overlay} (path relative to the overlay
     * folder → text) in front of the standard library.
     */
    Run run(String testModule, Map<String, String> overlay) throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : overlay.entrySet()) {
            files.put("overlay/" + e.getKey(), e.getValue());
        }
        files.put("codemill_run_tests.py", DRIVER);
        ExecResult r = sandbox.run(List.of("python3", "-I", "codemill_run_tests.py", testModule), files, List.of(), "", limits);
        double seconds = r.wall().toNanos() / 1e9;
        String out = r.stdout().strip();
        int nl = out.lastIndexOf('\n');
        String last = nl < 0 ? out : out.substring(nl + 1);
        if (r.timedOut() || r.killed() || !last.startsWith("{")) {
            String why = r.timedOut() ? "timed_out" : r.killed() ? "killed" : "no_report: exit " + r.exitCode();
            return new Run(false, Map.of(), Map.of(), "", seconds, why);
        }
        JsonNode root = JSON.readTree(last);
        Map<String, String> status = new TreeMap<>();
        root.path("status").fields().forEachRemaining(e -> status.put(e.getKey(), e.getValue().asText()));
        Map<String, String> reports = new TreeMap<>();
        root.path("reports").fields().forEachRemaining(e -> reports.put(e.getKey(), PythonJudge.strip(e.getValue().asText())
                .replace("\"overlay/", "\"")));
        boolean loaded = root.path("loaded").asBoolean(false);
        return new Run(loaded, status, reports, root.path("version").asText(""), seconds, loaded ? null : "load_failed");
    }
}
