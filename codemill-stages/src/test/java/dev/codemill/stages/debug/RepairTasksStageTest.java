package dev.codemill.stages.debug;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.codemill.model.Annotations;
import dev.codemill.model.DocId;
import dev.codemill.model.Document;
import dev.codemill.model.Keys;
import dev.codemill.model.SourceRef;
import dev.codemill.stage.Params;
import dev.codemill.stages.analysis.exec.Sandbox;
import dev.codemill.testkit.RecordingEmitter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepairTasksStageTest {
    @Test
    void moduleOfMatchesPathSuffixAndContent(@TempDir Path root) throws Exception {
        Files.createDirectories(root.resolve("test/test_pkg"));
        Files.createDirectories(root.resolve("pkg"));
        Files.writeString(root.resolve("wrap.py"), "x = 1\n");
        Files.writeString(root.resolve("other.py"), "y = 1\n");
        Files.writeString(root.resolve("pkg/__init__.py"), "");
        Files.writeString(root.resolve("pkg/core.py"), "z = 1\n");
        Files.writeString(root.resolve("test/test_wrap.py"), "");
        Files.writeString(root.resolve("test/test_pkg/__init__.py"), "");
        Files.writeString(root.resolve("test/test_pkg_core.py"), "");
        Files.writeString(root.resolve("test/test_core.py"), "");
        Files.writeString(root.resolve("unittest.py"), "u = 1\n");
        Stdlib s = new Stdlib(root, Set.of("unittest"));
        String[] why = new String[1];
        assertThat(s.moduleOf("cpython-3.11/wrap.py", "x = 1\n", why)).contains(new Stdlib.Module("wrap.py", "wrap", List.of("test.test_wrap")));
        assertThat(s.moduleOf("Lib/pkg/core.py", "z = 1\n", why)).contains(new Stdlib.Module("pkg/core.py", "pkg",
                List.of("test.test_pkg_core", "test.test_pkg")));
        assertThat(s.testModules("pkg/__init__.py")).containsExactly("test.test_pkg");
        assertThat(s.testModules("pkg/sub/core.py")).containsExactly("test.test_pkg", "test.test_core");
        assertThat(s.moduleOf("wrap.py", "x = 2\n", why)).isEmpty();
        assertThat(why[0]).isEqualTo("not_in_stdlib");
        assertThat(s.moduleOf("other.py", "y = 1\n", why)).isEmpty();
        assertThat(why[0]).isEqualTo("no_test_module");
        assertThat(s.moduleOf("unittest.py", "u = 1\n", why)).isEmpty();
        assertThat(why[0]).isEqualTo("loaded_by_test_harness");
        assertThat(s.overlay(new Stdlib.Module("pkg/core.py", "pkg", List.of("test.test_pkg")), "z = 2\n"))
                .containsExactly(Map.entry("pkg/__init__.py", ""), Map.entry("pkg/core.py", "z = 2\n"));
    }

    /** A mutant's tests: those that passed and called its function, by def line or first decorator line. */
    @Test
    void coveringTestsAreThoseThatCalledTheFunction() {
        String text = """
                import functools

                @functools.cache
                def small(x):
                    return x < 3

                def big(x):
                    return x > 3
                """;
        byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        dev.codemill.stages.analysis.syntax.SyntaxTree tree = Mutator.parse(text, "Python");
        List<Mutant> flips = new Mutator(Set.of(Operator.FLIP_COMPARISON)).allSites(tree, "Python").get(Operator.FLIP_COMPARISON);
        assertThat(flips).hasSize(2);
        Mutant inSmall = flips.stream().filter(m -> m.line(bytes) == 5).findFirst().orElseThrow();
        Mutant inBig = flips.stream().filter(m -> m.line(bytes) == 8).findFirst().orElseThrow();
        // CPython 3.11: a decorated function's co_firstlineno is its first decorator's line (3); big's def is line 7
        TestRunner.Baseline base = new TestRunner.Baseline(new TestRunner.Run(true,
                Map.of("t.A.test_small", "ok", "t.A.test_both", "ok", "t.A.test_broken", "fail", "t.A.test_big", "ok"),
                Map.of(), "3.11.7", 1, null),
                Map.of("t.A.test_small", Set.of(3), "t.A.test_both", Set.of(3, 7), "t.A.test_broken", Set.of(3, 7),
                        "t.A.test_big", Set.of(7)), 0.5);
        assertThat(RepairTasksStage.covering(tree, bytes, inSmall, base)).containsExactlyInAnyOrder("t.A.test_small", "t.A.test_both");
        assertThat(RepairTasksStage.covering(tree, bytes, inBig, base)).containsExactlyInAnyOrder("t.A.test_big", "t.A.test_both");
    }

    /**
     * An issue holding an object address or a temporary name would print differently on the next run: the
     * stage drops such tasks (reason from {@code UnstableText}); a plain assertion message is kept whole.
     */
    @Test
    void issuesThatAnotherRunPrintsDifferentlyAreNamed() {
        String address = "FAIL: test_box (test.test_m.T.test_box)\nTraceback (most recent call last):\n"
                + "  File \"/tmp/w/overlay/m.py\", line 3, in box\nAssertionError: <m.Box object at 0x7f3a2c1b9e50> is not None\n";
        String temporary = "ERROR: test_save (test.test_m.T.test_save)\nFileNotFoundError: [Errno 2] No such file or directory: "
                + "'/tmp/tmpk2x9_q7a/data.json'\n";
        String prefixed = "ERROR: test_dir (test.test_m.T.test_dir)\nOSError: '/tmp/mboxab_cd12ef/new' exists\n";
        String plain = "FAIL: test_small (test.test_m.T.test_small)\nAssertionError: False is not true\n";
        TestRunner.Run run = new TestRunner.Run(true, Map.of(), Map.of("a", address, "t", temporary, "p", prefixed, "s", plain),
                "3.11.7", 1, null);
        assertThat(dev.codemill.stages.analysis.exec.UnstableText.why(RepairTasksStage.issue(List.of("s", "a"), run)))
                .contains("address_in_message");
        assertThat(dev.codemill.stages.analysis.exec.UnstableText.why(RepairTasksStage.issue(List.of("t"), run)))
                .contains("temporary_name_in_message");
        assertThat(dev.codemill.stages.analysis.exec.UnstableText.why(RepairTasksStage.issue(List.of("p"), run)))
                .contains("temporary_name_in_message");
        assertThat(RepairTasksStage.issue(List.of("s"), run))
                .isEqualTo("FAIL: test_small (test.test_m.T.test_small)\nAssertionError: False is not true");
        assertThat(dev.codemill.stages.analysis.exec.UnstableText.why(RepairTasksStage.issue(List.of("s"), run))).isEmpty();
        // the sandbox's own working folder is not a temporary name: it is the same in every run
        assertThat(dev.codemill.stages.analysis.exec.UnstableText.why(address.replace(" at 0x7f3a2c1b9e50", ""))).isEmpty();
    }

    /** On the running CPython's own colorsys.py and Lib/test/test_colorsys.py (located through sysconfig). */
    @Test
    void colorsysMutantsBreakItsOwnTests() throws Exception {
        assumeTrue(Sandbox.unavailableReason().isEmpty(), () -> "no sandbox here: " + Sandbox.unavailableReason().orElse(""));
        Optional<Path> root = Stdlib.locate();
        assumeTrue(root.isPresent(), "no python3 with Lib/test on this machine");
        String text = Files.readString(root.get().resolve("colorsys.py"));
        Document doc = Document.ofText(DocId.of("tw"), new SourceRef("test", "cpython", "Lib/colorsys.py"), text,
                Annotations.EMPTY.with(Keys.LANGUAGE, "Python"));
        RepairTasksStage stage = (RepairTasksStage) new RepairTasksStageFactory().create(
                new Params("repair_tasks", Map.of("mutants_per_file", 3L, "timeout_seconds", 60L), 3));
        RecordingEmitter out = RecordingEmitter.create();
        stage.process(doc, out);
        List<RecordingEmitter.Outcome> tasks = out.outcomes().stream().filter(o -> o.action().equals("emit")).toList();
        assertThat(out.decisions()).singleElement().satisfies(o -> {
            assertThat(o.action()).isEqualTo("consume");
            assertThat(o.verdict().value()).isEqualTo(Integer.toString(tasks.size()));
        });
        assertThat(out.counts()).containsEntry("mutants", 3L).containsEntry("baseline_runs", 1L).containsEntry("job_runs", 1L);
        assertThat(out.counts().get("sandbox_cpu_ms")).isPositive();
        assertThat(tasks).as(out.counts() + " " + out.decisions()).isNotEmpty();
        for (RecordingEmitter.Outcome t : tasks) {
            Document d = t.doc();
            assertThat(d.get(DebugKeys.TEST_MODULE)).isEqualTo("test.test_colorsys");
            assertThat(d.get(DebugKeys.FAILING_TESTS)).isNotEmpty().allMatch(id -> id.startsWith("test.test_colorsys."));
            assertThat(d.get(DebugKeys.ERROR_MESSAGE)).containsPattern("^(FAIL|ERROR): ")
                    .contains(d.get(DebugKeys.FAILING_TESTS).get(0).substring(d.get(DebugKeys.FAILING_TESTS).get(0).lastIndexOf('.') + 1));
            assertThat(d.get(DebugKeys.FUNCTION)).startsWith("colorsys.");
            assertThat(d.text()).isNotEqualTo(text);
            assertThat(d.get(DebugKeys.ORIGINAL)).isEqualTo(text);
        }
    }
}
