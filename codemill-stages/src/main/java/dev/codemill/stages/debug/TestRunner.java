package dev.codemill.stages.debug;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.codemill.stages.analysis.exec.ExecResult;
import dev.codemill.stages.analysis.exec.HarnessScripts;
import dev.codemill.stages.analysis.exec.Sandbox;
import dev.codemill.stages.analysis.exec.SandboxLimits;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Runs tests of CPython's own suite ({@code test.test_X}) inside the {@link Sandbox}, with an overlay
 * folder (the module under test and its package) first on {@code sys.path}, as {@code PYTHONPATH} would
 * put it; the real standard library and {@code Lib/test} come read-only with the interpreter's prefix.
 * The driver ({@code unittest_driver.py}) has two modes:
 * <ul>
 *   <li>{@link #baseline}: the whole test modules once, traced ({@code sys.settrace}): per test id its
 *   status and which functions of the target file it called (their {@code co_firstlineno});</li>
 *   <li>{@link #jobs}: several versions of the target file in one sandbox, each in its own forked child
 *   (own CPU limit, an alarm), running only the listed test ids, untraced.</li>
 * </ul>
 */
final class TestRunner {
    static final String DRIVER = HarnessScripts.load("/dev/codemill/stages/debug/unittest_driver.py");
    static final String DRIVER_FILE = "codemill_run_tests.py";
    /** Characters of failure reports a run sends back (per job). */
    static final int MAX_REPORT_CHARS = 40_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One run: per test id its status ({@code ok|fail|error|skip}), the reports of failing tests, whether
     * the tests loaded, the wall and CPU seconds (CPU: the whole sandbox run, shared out evenly among jobs).
     */
    record Run(boolean loaded, Map<String, String> status, Map<String, String> reports, String version, double seconds,
               String why) {
    }

    /** A baseline: the run and, per test id, the first lines of the target file's functions it called. */
    record Baseline(Run run, Map<String, Set<Integer>> covered, double cpuSeconds) {
    }

    /** Results of a {@link #jobs} call, in job order, and the sandbox run's CPU seconds. */
    record Jobs(List<Run> runs, double cpuSeconds, double seconds) {
    }

    /** One version of the target file and the test ids to run on it. */
    record Job(String text, List<String> tests) {
    }

    private final Sandbox sandbox;
    private final SandboxLimits limits;

    /** @param limits limits of one baseline run; a job gets the same CPU limit, and the batch wall time scales with jobs */
    TestRunner(Sandbox sandbox, SandboxLimits limits) {
        this.sandbox = sandbox;
        this.limits = limits;
    }

    /** Runs {@code testModules} whole, traced, with {@code overlay} (path under the overlay folder → text). */
    Baseline baseline(List<String> testModules, Map<String, String> overlay, String target) throws IOException {
        ObjectNode spec = JSON.createObjectNode().put("mode", "baseline").put("target", target)
                .put("max_report_chars", MAX_REPORT_CHARS);
        ArrayNode tests = spec.putArray("tests");
        testModules.forEach(tests::add);
        Map<String, String> files = files(overlay, spec);
        ExecResult r = sandbox.run(List.of("python3", "-s", DRIVER_FILE), files, List.of(), "",
                limits.withMaxOutputBytes(Math.max(limits.maxOutputBytes(), 16 << 20)));
        double seconds = r.wall().toNanos() / 1e9;
        JsonNode root = lastJson(r);
        if (root == null) {
            return new Baseline(failed(r, seconds), Map.of(), r.cpuSeconds());
        }
        Map<String, Set<Integer>> covered = new TreeMap<>();
        root.path("covered").fields().forEachRemaining(e -> {
            Set<Integer> lines = new HashSet<>();
            e.getValue().forEach(n -> lines.add(n.asInt()));
            covered.put(e.getKey(), lines);
        });
        return new Baseline(parse(root, root.path("version").asText(""), seconds), covered, r.cpuSeconds());
    }

    /** Runs each job's tests on its version of {@code target} (the rest of {@code overlay} as given), in one sandbox. */
    Jobs jobs(Map<String, String> overlay, String target, List<Job> jobs, long secondsPerJob) throws IOException {
        ObjectNode spec = JSON.createObjectNode().put("mode", "jobs").put("target", target)
                .put("seconds", secondsPerJob).put("max_report_chars", MAX_REPORT_CHARS);
        ArrayNode list = spec.putArray("jobs");
        Map<String, String> files = files(overlay, spec);
        for (int i = 0; i < jobs.size(); i++) {
            String name = "mutants/" + i + ".py";
            files.put(name, jobs.get(i).text());
            ObjectNode j = list.addObject().put("file", name);
            ArrayNode ids = j.putArray("tests");
            jobs.get(i).tests().forEach(ids::add);
        }
        files.put("codemill_job.json", JSON.writeValueAsString(spec));
        SandboxLimits batch = limits.withCpu(Duration.ofSeconds(secondsPerJob + 5))
                .withWall(Duration.ofSeconds(30 + 2 * secondsPerJob * jobs.size()))
                .withMaxOutputBytes(Math.max(limits.maxOutputBytes(), 16 << 20));
        ExecResult r = sandbox.run(List.of("python3", "-s", DRIVER_FILE), files, List.of(), "", batch);
        double seconds = r.wall().toNanos() / 1e9;
        JsonNode root = lastJson(r);
        List<Run> runs = new ArrayList<>();
        for (int i = 0; i < jobs.size(); i++) {
            JsonNode j = root == null ? null : root.path("jobs").path(i);
            if (j == null || j.isMissingNode()) {
                runs.add(failed(r, seconds / jobs.size()));
            } else {
                runs.add(parse(j, root.path("version").asText(""), seconds / jobs.size()));
            }
        }
        return new Jobs(runs, r.cpuSeconds(), seconds);
    }

    private static Map<String, String> files(Map<String, String> overlay, ObjectNode spec) throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : overlay.entrySet()) {
            files.put("overlay/" + e.getKey(), e.getValue());
        }
        files.put(DRIVER_FILE, DRIVER);
        files.put("codemill_job.json", JSON.writeValueAsString(spec));
        return files;
    }

    private static JsonNode lastJson(ExecResult r) throws IOException {
        String out = r.stdout().strip();
        int nl = out.lastIndexOf('\n');
        String last = nl < 0 ? out : out.substring(nl + 1);
        if (r.timedOut() || r.killed() || !last.startsWith("{")) {
            return null;
        }
        return JSON.readTree(last);
    }

    private static Run failed(ExecResult r, double seconds) {
        String why = r.timedOut() ? "timed_out" : r.killed() ? "killed"
                : "no_report: exit " + r.exitCode() + ": " + PythonJudge.tail(r.stderr());
        return new Run(false, Map.of(), Map.of(), "", seconds, why);
    }

    private static Run parse(JsonNode node, String version, double seconds) {
        Map<String, String> status = new TreeMap<>();
        node.path("status").fields().forEachRemaining(e -> status.put(e.getKey(), e.getValue().asText()));
        Map<String, String> reports = new TreeMap<>();
        node.path("reports").fields().forEachRemaining(e -> reports.put(e.getKey(), PythonJudge.strip(e.getValue().asText())
                .replace("\"overlay/", "\"")));
        boolean loaded = node.path("loaded").asBoolean(false);
        return new Run(loaded, status, reports, version, seconds, loaded ? null : node.path("why").asText("load_failed"));
    }

}
