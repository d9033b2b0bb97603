package dev.codemill.stages.exec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.codemill.stages.analysis.exec.ExecResult;
import dev.codemill.stages.analysis.exec.HarnessScripts;
import dev.codemill.stages.analysis.exec.LazySandbox;
import dev.codemill.stages.analysis.exec.SandboxLimits;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the observed-call harness ({@code call_harness.py}) in the sandbox. {@link #capture}: a module's
 * tests under {@code sys.settrace}, recording calls of the module's top-level functions whose arguments
 * and value (or exception) round-trip through {@code repr}/{@code ast.literal_eval}. {@link #replay}:
 * each captured call alone, in a forked child that imports the module itself, once.
 */
final class CallRunner {
    static final String HARNESS_FILE = "h/call_harness.py";
    static final String SPEC_FILE = "h/spec.json";
    /** The sandbox's working folder ({@code docs/sandbox.md}); a traceback's file names are cut below it. */
    static final String WORK = "/tmp/w/";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HARNESS = HarnessScripts.load("/dev/codemill/stages/exec/call_harness.py");

    /** Where the module and its tests come from: files written into the working folder, host folders bound read-only, sys.path entries. */
    record Setup(String module, List<String> tests, Map<String, String> files, List<Path> readOnly, List<String> paths) {
    }

    /** A capture or replay: the harness's JSON ({@code null} when it printed none) and the sandbox run. */
    record Run(JsonNode json, ExecResult result) {
        double cpuSeconds() {
            return result.cpuSeconds();
        }
    }

    private final LazySandbox sandbox = new LazySandbox();
    private final Duration testSeconds;
    private final int callSeconds;

    CallRunner(Duration testSeconds, int callSeconds) {
        this.testSeconds = testSeconds;
        this.callSeconds = callSeconds;
    }

    Run capture(Setup s, int maxCalls, int maxInputChars, int maxOutputChars) throws IOException {
        ObjectNode spec = base("capture", s).put("seconds", testSeconds.toSeconds())
                .put("max_calls", maxCalls).put("max_input_chars", maxInputChars).put("max_output_chars", maxOutputChars);
        ArrayNode tests = spec.putArray("tests");
        s.tests().forEach(tests::add);
        // the harness stops starting tests at `seconds`; the sandbox's limits leave it room to print what it saw
        SandboxLimits limits = SandboxLimits.defaults().withCpu(testSeconds.plusSeconds(30)).withWall(testSeconds.multipliedBy(2).plusSeconds(30))
                .withMaxOutputBytes(16 << 20);
        return run(s, spec, limits);
    }

    /** Replays {@code calls} (objects with {@code function}, {@code args}, {@code kwargs}); {@code strip}: prefixes cut from traceback file names. */
    Run replay(Setup s, List<JsonNode> calls, List<String> strip) throws IOException {
        ObjectNode spec = base("replay", s).put("seconds", callSeconds);
        ArrayNode list = spec.putArray("calls");
        for (JsonNode c : calls) {
            list.addObject().put("function", c.path("function").asText()).put("args", c.path("args").asText())
                    .put("kwargs", c.path("kwargs").asText());
        }
        ArrayNode cut = spec.putArray("strip");
        strip.forEach(cut::add);
        long wall = 30L + (long) callSeconds * calls.size();
        SandboxLimits limits = SandboxLimits.defaults().withCpu(Duration.ofSeconds(wall)).withWall(Duration.ofSeconds(wall))
                .withMaxOutputBytes(16 << 20);
        return run(s, spec, limits);
    }

    private static ObjectNode base(String mode, Setup s) {
        ObjectNode spec = JSON.createObjectNode().put("mode", mode).put("module", s.module());
        ArrayNode paths = spec.putArray("paths");
        s.paths().forEach(paths::add);
        return spec;
    }

    private Run run(Setup s, ObjectNode spec, SandboxLimits limits) throws IOException {
        Map<String, String> files = new LinkedHashMap<>(s.files());
        files.put(HARNESS_FILE, HARNESS);
        files.put(SPEC_FILE, JSON.writeValueAsString(spec));
        ExecResult r = sandbox.get().run(List.of("python3", "-s", HARNESS_FILE, SPEC_FILE), files, s.readOnly(), "", limits);
        String out = r.stdout().strip();
        String last = out.substring(out.lastIndexOf('\n') + 1);
        JsonNode json = null;
        if (!r.killed() && !r.timedOut() && last.startsWith("{")) {
            json = JSON.readTree(last);
        }
        return new Run(json, r);
    }


    static List<JsonNode> list(JsonNode array) {
        List<JsonNode> out = new ArrayList<>();
        array.forEach(out::add);
        return out;
    }

}
