package dev.codemill.stages.exec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codemill.model.Document;
import dev.codemill.stage.Params;
import dev.codemill.stages.analysis.exec.SandboxAssume;
import dev.codemill.testkit.RecordingEmitter;
import dev.codemill.testkit.StageDriver;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Observed-call records on a tiny module and its own unittest file ({@code src/test/resources/…/exec/calls}), laid
 * out as a standard library ({@code tinycalc.py}, {@code test/test_tinycalc.py}) and given as the stage's {@code stdlib}.
 */
class ObservedCallsTest {
    private static final String RES = "/dev/codemill/stages/exec/calls/";

    @TempDir
    Path lib;

    @BeforeAll
    static void needsSandbox() throws Exception {
        SandboxAssume.sandbox();
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = ObservedCallsTest.class.getResourceAsStream(RES + name)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private Document layOut() throws IOException {
        // the sandboxed program runs as an unprivileged uid: the folder (created 0700) must be readable by others
        Files.setPosixFilePermissions(lib, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createDirectories(lib.resolve("test"));
        Files.writeString(lib.resolve("tinycalc.py"), resource("tinycalc.py"));
        Files.writeString(lib.resolve("test/__init__.py"), "");
        Files.writeString(lib.resolve("test/test_tinycalc.py"), resource("test/test_tinycalc.py"));
        return ExecTasksStageTest.py("cpython/Lib/tinycalc.py", resource("tinycalc.py"));
    }

    private ExecTasksStage stage(Map<String, Object> extra) {
        Map<String, Object> p = new HashMap<>(Map.of("stdlib", lib.toString()));
        p.putAll(extra);
        return (ExecTasksStage) new ExecTasksStageFactory().create(new Params("exec_tasks", p, 7));
    }

    private static List<Document> emitted(RecordingEmitter out) {
        return out.outcomes().stream().filter(o -> o.action().equals("emit")).map(o -> o.doc()).toList();
    }

    @Test
    void keepsCallsThatReplayTheSameAndSaysWhyOthersWentOut() throws Exception {
        Document doc = layOut();
        RecordingEmitter out = StageDriver.run(stage(Map.of()), List.of(doc));
        List<Document> records = emitted(out);
        assertThat(records).extracting(d -> d.get(ExecKeys.INPUT) + " -> " + d.get(ExecKeys.KIND) + " "
                + (d.get(ExecKeys.KIND).equals("error") ? d.get(ExecKeys.EXCEPTION) : d.get(ExecKeys.OUTPUT)))
                .containsExactly(
                        "add(2, 3) -> output 5",
                        "add(2) -> output 3",
                        "add([1], [2]) -> output [1, 2]",
                        "checked('x') -> error KeyError",
                        "mean([1, 2, 3]) -> output 2.0",
                        "mean([]) -> error ZeroDivisionError",
                        "parse_pair('1,2') -> output (1, 2)",
                        "parse_pair('1;2') -> error ValueError",
                        "shout('hi', times=2) -> output 'HI!HI!'",
                        "shout('a') -> output 'A!'");
        // lucky() returns a fresh random number: the replay disagrees and it is dropped, never kept
        assertThat(out.counts()).containsEntry("calls_dropped.nondeterministic", 1L)
                .containsEntry("calls_dropped.argument_not_literal", 1L)   // mean(range(3))
                .containsEntry("calls_dropped.value_not_literal", 1L)      // wrap(1) returns a Box
                .containsEntry("calls_dropped.duplicate_input", 1L)        // add(2, 3) twice
                .containsEntry("calls_captured", 11L)
                .containsEntry("records_call_output", 7L).containsEntry("records_call_error", 3L);
        Document add = records.get(0);
        assertThat(add.get(ExecKeys.ORIGIN)).isEqualTo("observed_call");
        assertThat(add.get(ExecKeys.MODULE)).isEqualTo("tinycalc");
        assertThat(add.get(ExecKeys.TEST)).isEqualTo("test.test_tinycalc.TinyCalcTest.test_add");
        assertThat(add.get(ExecKeys.CODE)).isEqualTo("def add(a, b=1):\n    return a + b\n");
        assertThat(add.text()).isEqualTo("def add(a, b=1):\n    return a + b\n\n>>> from tinycalc import add\n>>> add(2, 3)\n5\n");
        assertThat(add.id()).isEqualTo(dev.codemill.model.DocId.of("exec_tasks/" + doc.id().value() + "/call:add#0"));
        // a chained exception: exactly what `python3 -c 'from tinycalc import checked; checked("x")'` prints below
        // its own `<string>` frame (the cause's traceback whole, no frame of the replay harness anywhere)
        assertThat(records.get(3).get(ExecKeys.TRACEBACK)).isEqualTo("""
                Traceback (most recent call last):
                  File "tinycalc.py", line 37, in checked
                    return int(text)
                           ^^^^^^^^^
                ValueError: invalid literal for int() with base 10: 'x'

                The above exception was the direct cause of the following exception:

                Traceback (most recent call last):
                  File "tinycalc.py", line 39, in checked
                    raise KeyError(text) from e
                KeyError: 'x'
                """);
        Document err = records.get(7);
        assertThat(err.get(ExecKeys.TRACEBACK)).isEqualTo("""
                Traceback (most recent call last):
                  File "tinycalc.py", line 15, in parse_pair
                    left, right = text.split(",")
                    ^^^^^^^^^^^
                ValueError: not enough values to unpack (expected 2, got 1)
                """);
        assertThat(out.decisions()).extracting(o -> o.action() + " " + o.verdict().rule() + " " + o.verdict().value() + " "
                + o.verdict().detail())
                .containsExactly("consume exec_source 10 read for exec tasks; 10 records (no_doctest; calls: 10; calls dropped: "
                        + "argument_not_literal 1, duplicate_input 1, nondeterministic 1, value_not_literal 1)");
    }

    @Test
    void capsPerFunctionWithASeededDraw() throws Exception {
        Document doc = layOut();
        List<String> first = emitted(StageDriver.run(stage(Map.of("calls_per_function", 1L)), List.of(doc))).stream()
                .map(d -> d.get(ExecKeys.INPUT)).toList();
        List<String> again = emitted(StageDriver.run(stage(Map.of("calls_per_function", 1L)), List.of(doc))).stream()
                .map(d -> d.get(ExecKeys.INPUT)).toList();
        assertThat(first).isEqualTo(again);
        assertThat(first.stream().map(s -> s.substring(0, s.indexOf('('))).distinct().count()).isEqualTo(first.size());
    }

    @Test
    void aFileThatIsNotInTheLibraryGetsNoCalls() throws Exception {
        layOut();
        Document other = ExecTasksStageTest.py("x/tinycalc.py", "def add(a, b):\n    return a - b\n");
        RecordingEmitter out = StageDriver.run(stage(Map.of()), List.of(other));
        assertThat(out.decisions()).extracting(o -> o.verdict().detail())
                .containsExactly("read for exec tasks; none (no_doctest; calls: not_in_stdlib)");
    }
}
