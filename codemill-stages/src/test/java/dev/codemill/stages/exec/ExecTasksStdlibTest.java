package dev.codemill.stages.exec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codemill.model.Document;
import dev.codemill.stages.analysis.exec.SandboxAssume;
import dev.codemill.testkit.RecordingEmitter;
import dev.codemill.testkit.StageDriver;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** End to end on real code: doctests of CPython standard-library modules of the running python3. */
class ExecTasksStdlibTest {
    private static Path lib;

    @BeforeAll
    static void findLib() throws Exception {
        SandboxAssume.sandbox();
        Process p = new ProcessBuilder("python3", "-I", "-c", "import sysconfig; print(sysconfig.get_paths()['stdlib'])")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        Assumptions.assumeTrue(p.waitFor() == 0 && Files.isDirectory(Path.of(out)), "no python3 standard library here: " + out);
        lib = Path.of(out);
    }

    private static List<Document> modules(String... names) throws Exception {
        List<Document> docs = new ArrayList<>();
        for (String n : names) {
            Path f = lib.resolve(n + ".py");
            if (Files.isRegularFile(f)) {
                docs.add(ExecTasksStageTest.py("Lib/" + n + ".py", Files.readString(f)));
            }
        }
        Assumptions.assumeTrue(docs.size() >= 4, "fewer than 4 of the chosen modules in " + lib);
        return docs;
    }

    private static List<Document> emitted(RecordingEmitter out) {
        return out.outcomes().stream().filter(o -> o.action().equals("emit")).map(o -> o.doc()).toList();
    }

    @Test
    void turnsStdlibDoctestsIntoObservedRecordsReproducibly() throws Exception {
        List<Document> docs = modules("fractions", "statistics", "difflib", "textwrap", "heapq", "ipaddress", "bisect");
        ExecTasksStage stage = ExecTasksStageTest.stage(Map.of("max_tasks_per_document", 1000L, "observed_calls", false));
        RecordingEmitter first = StageDriver.run(stage, docs);
        List<Document> records = emitted(first);
        assertThat(records).hasSizeGreaterThan(60);
        assertThat(first.decisions()).hasSize(docs.size()).allMatch(o -> o.action().equals("consume"));
        long outputs = records.stream().filter(d -> d.get(ExecKeys.KIND).equals("output")).count();
        long matching = records.stream().filter(d -> d.get(ExecKeys.MATCHES_DOCSTRING)).count();
        // CPython's own doctests pass: nearly every observed output equals the documented one
        assertThat((double) matching / outputs).isGreaterThan(0.9);
        assertThat(records).allMatch(d -> !d.get(ExecKeys.OUTPUT).isEmpty() || d.get(ExecKeys.KIND).equals("error"));
        assertThat(records).noneMatch(d -> d.text().contains(" at 0x"));
        // a second run (new sandbox runs, same seed) gives the same records byte for byte
        List<Document> again = emitted(StageDriver.run(ExecTasksStageTest.stage(Map.of("max_tasks_per_document", 1000L, "observed_calls", false)), docs));
        assertThat(again).extracting(Document::text).isEqualTo(records.stream().map(Document::text).toList());
        System.out.printf("exec_tasks stdlib: %d documents, %d records (%d output, %d error), %d match the docstring%n",
                docs.size(), records.size(), outputs, records.size() - outputs, matching);
    }

    @Test
    void turnsCallsOfStdlibTestsIntoReplayedRecordsReproducibly() throws Exception {
        // getopt: pure functions of lists and strings, a quick test module (test_getopt)
        Path f = lib.resolve("getopt.py");
        Assumptions.assumeTrue(Files.isRegularFile(lib.resolve("test/test_getopt.py")), "no test_getopt in " + lib);
        List<Document> docs = List.of(ExecTasksStageTest.py("Lib/getopt.py", Files.readString(f)));
        RecordingEmitter first = StageDriver.run(ExecTasksStageTest.stage(Map.of()), docs);
        List<Document> calls = emitted(first).stream().filter(d -> "observed_call".equals(d.get(ExecKeys.ORIGIN))).toList();
        assertThat(calls).hasSizeGreaterThan(10).allMatch(d -> d.get(ExecKeys.MODULE).equals("getopt"))
                .allMatch(d -> d.get(ExecKeys.TEST).startsWith("test.test_getopt."));
        assertThat(calls).filteredOn(d -> d.get(ExecKeys.FUNCTION).equals("short_has_arg")).isNotEmpty();
        // at most calls_per_function (5) distinct inputs per function
        assertThat(calls.stream().collect(java.util.stream.Collectors.groupingBy(d -> d.get(ExecKeys.FUNCTION),
                java.util.stream.Collectors.counting())).values()).allMatch(n -> n <= 5);
        List<Document> again = emitted(StageDriver.run(ExecTasksStageTest.stage(Map.of()), docs)).stream()
                .filter(d -> "observed_call".equals(d.get(ExecKeys.ORIGIN))).toList();
        assertThat(again).extracting(Document::text).isEqualTo(calls.stream().map(Document::text).toList());
    }
}
