package dev.codemill.stages.debug;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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

/**
 * All versions of one Python file judged by ONE sandboxed interpreter ({@code pairs_driver.py}): each
 * version (the original, each mutant) is compiled and run in its own forked child that behaves as the
 * command line a record names ({@code python3 FILE}, {@code python3 -m doctest FILE},
 * {@code python3 -m unittest ID}), with its own CPU limit, wall alarm and process group; a file that
 * shadows a module the driver holds runs in a fresh interpreter instead. A traced job reports the lines
 * of the file that ran (per test in unittest mode), so that sites no run reaches are never drawn. One
 * interpreter start per file instead of one per mutant (and per repeat).
 */
final class PythonBatch {
    static final String DRIVER = HarnessScripts.load("/dev/codemill/stages/debug/pairs_driver.py");
    static final String DRIVER_FILE = "codemill_pairs_driver.py";
    static final String SPEC_FILE = "codemill_pairs.txt";
    /** Bytes of each stream a job sends back; a longer output is not judged. */
    static final int CAP = 32 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** How a version is run: the command line it stands for. */
    enum Mode {
        COMPILE("compile"), SCRIPT("script"), DOCTEST("doctest"), UNITTEST("unittest");
        final String label;

        Mode(String label) {
            this.label = label;
        }
    }

    /**
     * One version of the target file.
     *
     * @param failfast unittest: stop at the first failing test
     * @param confirm  unittest: run the first failing test again alone, twice
     * @param repeat   a failing run is done a second time
     */
    record Job(String text, boolean trace, boolean failfast, boolean confirm, boolean repeat, List<String> tests) {
        Job {
            tests = List.copyOf(tests);
        }
    }

    /** One run of a test module's test under a trace: its id, status ({@code ok|fail|error|skip}) and the lines it ran. */
    record TestTrace(String id, String status, Set<Integer> lines) {
    }

    /** A re-run's output. */
    record Rerun(int exit, boolean timedOut, boolean truncated, String stdout, String stderr) {
        boolean failed() {
            return exit != 0 && !timedOut && !truncated;
        }
    }

    /**
     * What a job did: exit status, streams (sandbox folder prefix removed), the compile error (null when
     * it compiled), traced lines (null when not traced; load-time lines in unittest mode), per-test traces,
     * the first failing test's id, the repeat and the confirmations.
     */
    record Result(int exit, boolean timedOut, boolean truncated, String stdout, String stderr, String compileMessage,
                  int compileLine, Set<Integer> lines, List<TestTrace> tests, String failedTest, Rerun again,
                  List<Rerun> confirm) {
        boolean failed() {
            return exit != 0 && !timedOut && !truncated && compileMessage == null;
        }

        boolean passed() {
            return exit == 0 && !timedOut && !truncated && compileMessage == null;
        }
    }

    /** A batch: per job its result, the interpreter's version, forked runs, and the sandbox run's CPU and wall seconds. */
    record Batch(List<Result> results, String version, int runs, double cpuSeconds, double wallSeconds) {
    }

    private final Sandbox sandbox;

    PythonBatch(Sandbox sandbox) {
        this.sandbox = sandbox;
    }

    /**
     * Runs the jobs on {@code target} (a path in the working folder; {@code files} hold it and what it
     * needs beside it: a package overlay), each job's run limited to {@code seconds} of CPU and twice
     * that of wall time.
     *
     * @throws IOException when the sandbox could not run or the driver sent no report
     */
    Batch run(Mode mode, String target, Map<String, String> files, List<Job> jobs, long seconds, SandboxLimits base)
            throws IOException {
        Map<String, String> all = new LinkedHashMap<>(files);
        StringBuilder spec = new StringBuilder();
        spec.append("mode\t").append(mode.label).append('\n').append("target\t").append(target).append('\n')
                .append("seconds\t").append(seconds).append('\n').append("cap\t").append(CAP).append('\n');
        for (int i = 0; i < jobs.size(); i++) {
            Job j = jobs.get(i);
            String name = "codemill_versions/" + i + ".py";
            all.put(name, j.text());
            spec.append("job\t").append(name).append('\t').append(bit(j.trace())).append('\t').append(bit(j.failfast()))
                    .append('\t').append(bit(j.confirm())).append('\t').append(bit(j.repeat()));
            for (String t : j.tests()) {
                if (t.contains("\t") || t.contains("\n")) {
                    throw new IllegalArgumentException("a test id holds a tab or newline: " + t);
                }
                spec.append('\t').append(t);
            }
            spec.append('\n');
        }
        all.put(SPEC_FILE, spec.toString());
        all.put(DRIVER_FILE, DRIVER);
        long perRun = 2 * seconds + 2;
        long runs = jobs.stream().mapToLong(j -> j.confirm() || j.repeat() ? 3 : 1).sum();
        SandboxLimits limits = base.withCpu(Duration.ofSeconds(2 * seconds + 60))
                .withWall(Duration.ofSeconds(Math.min(3600, 60 + perRun * runs)))
                .withMaxOutputBytes(Math.max(base.maxOutputBytes(), 64 << 20));
        ExecResult r = sandbox.run(List.of("python3", DRIVER_FILE), all, List.of(), "", limits);
        String out = r.stdout().strip();
        String last = out.substring(out.lastIndexOf('\n') + 1);
        if (r.timedOut() || r.killed() || !last.startsWith("{")) {
            throw new IOException("python batch failed: exit " + r.exitCode() + (r.timedOut() ? " (timed out)" : "")
                    + ": " + PythonJudge.tail(r.stderr()));
        }
        JsonNode root = JSON.readTree(last);
        List<Result> results = new ArrayList<>();
        for (JsonNode j : root.path("jobs")) {
            results.add(result(j));
        }
        if (results.size() != jobs.size()) {
            throw new IOException("python batch reported " + results.size() + " of " + jobs.size() + " jobs");
        }
        return new Batch(results, root.path("version").asText(""), root.path("runs").asInt(0), r.cpuSeconds(),
                r.wall().toNanos() / 1e9);
    }

    private static String bit(boolean b) {
        return b ? "1" : "0";
    }

    private static Result result(JsonNode j) {
        JsonNode c = j.path("compile");
        Set<Integer> lines = j.has("lines") ? ints(j.path("lines")) : null;
        List<TestTrace> tests = new ArrayList<>();
        for (JsonNode t : j.path("tests")) {
            tests.add(new TestTrace(t.path(0).asText(), t.path(1).asText(), ints(t.path(2))));
        }
        Rerun again = j.has("again") ? rerun(j.path("again")) : null;
        List<Rerun> confirm = new ArrayList<>();
        for (JsonNode n : j.path("confirm")) {
            confirm.add(rerun(n));
        }
        return new Result(j.path("exit").asInt(-1), j.path("timed_out").asBoolean(), j.path("truncated").asBoolean(),
                PythonJudge.strip(j.path("stdout").asText("")), PythonJudge.strip(j.path("stderr").asText("")),
                c.isMissingNode() ? null : c.path("message").asText(""), c.path("line").asInt(0), lines, tests,
                j.has("failed") ? j.path("failed").asText() : null, again, confirm);
    }

    private static Rerun rerun(JsonNode n) {
        return new Rerun(n.path("exit").asInt(-1), n.path("timed_out").asBoolean(), n.path("truncated").asBoolean(),
                PythonJudge.strip(n.path("stdout").asText("")), PythonJudge.strip(n.path("stderr").asText("")));
    }

    private static Set<Integer> ints(JsonNode a) {
        Set<Integer> out = new HashSet<>();
        a.forEach(n -> out.add(n.asInt()));
        return out;
    }

}
