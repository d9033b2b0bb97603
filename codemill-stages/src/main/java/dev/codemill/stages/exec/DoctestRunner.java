package dev.codemill.stages.exec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.codemill.stages.analysis.exec.ExecResult;
import dev.codemill.stages.analysis.exec.HarnessScripts;
import dev.codemill.stages.analysis.exec.LazySandbox;
import dev.codemill.stages.analysis.exec.SandboxLimits;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs one Python module's doctest examples in the sandbox with the harness
 * {@code doctest_harness.py} (doctest's own parser and {@code single} compile mode) and returns the
 * JSON records it printed: observed outputs, tracebacks, and skips with their reason.
 */
final class DoctestRunner {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HARNESS = HarnessScripts.load("/dev/codemill/stages/exec/doctest_harness.py");

    /** The outcome of one module: the harness's records and whether the run itself ended normally. */
    record Run(List<JsonNode> records, ExecResult result) {
    }

    private final SandboxLimits limits;
    private final int exampleSeconds;
    private final int maxOutputChars;
    private final LazySandbox sandbox = new LazySandbox();

    DoctestRunner(Duration wall, int exampleSeconds, int maxOutputChars) {
        this.limits = SandboxLimits.defaults().withWall(wall).withCpu(wall).withMaxOutputBytes(16 << 20);
        this.exampleSeconds = exampleSeconds;
        this.maxOutputChars = maxOutputChars;
    }

    /** Python's module name for a file path: its base name when that is an identifier, else {@code module}. */
    static String moduleName(String path) {
        String base = path.substring(path.lastIndexOf('/') + 1);
        base = base.endsWith(".py") ? base.substring(0, base.length() - 3) : base;
        return base.matches("[A-Za-z_][A-Za-z0-9_]*") ? base : "module";
    }

    Run run(String path, String text) {
        String name = moduleName(path);
        try {
            ExecResult r = sandbox.get().run(List.of("python3", "-s", "h/doctest_harness.py", name,
                            Integer.toString(maxOutputChars), Integer.toString(exampleSeconds)),
                    Map.of("h/doctest_harness.py", HARNESS, "m/" + name + ".py", text), List.of(), "", limits);
            List<JsonNode> out = new ArrayList<>();
            for (String line : r.stdout().split("\n")) {
                if (line.startsWith("{") && line.endsWith("}")) {
                    out.add(JSON.readTree(line));
                }
            }
            return new Run(out, r);
        } catch (IOException e) {
            throw new UncheckedIOException("exec_tasks: the sandbox failed on " + path + ": " + e.getMessage(), e);
        }
    }


}
