package dev.codemill.stages.debug;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.codemill.stages.analysis.exec.Sandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The traced baseline and the one-interpreter-per-file judge ({@link PythonPairs}, {@code pairs_driver.py}) in the
 * bubblewrap sandbox. Skipped, saying why, where bwrap cannot run.
 */
class PythonPairsTest {
    static PythonPairs pairs;

    @BeforeAll
    static void sandbox() throws Exception {
        assumeTrue(Sandbox.unavailableReason().isEmpty(), () -> "no sandbox here: " + Sandbox.unavailableReason().orElse(""));
        pairs = new PythonPairs(SandboxHolder.sandbox(), SandboxHolder.stdlib(), true, SandboxHolder.limits(10));
    }

    static final String SCRIPT = """
            import sys

            def used(a, b):
                return a + b

            def unused(x):
                if x > 1:
                    return x * 2
                return x

            def partly(n):
                if n > 100:
                    return n - 100
                return n

            print(used(1, 2), partly(3))
            """;

    @Test
    void scriptBaselineTracesTheLinesThatRan() throws Exception {
        PythonPairs.Plan p = pairs.plan("tools/calc.py", SCRIPT);
        assertThat(p.mode()).isEqualTo(PythonBatch.Mode.SCRIPT);
        assertThat(p.skipped()).isNull();
        assertThat(p.runs()).isEqualTo(1);
        // module level, used's body, partly's if and return n; not unused, not partly's first return
        assertThat(p.reaches(1, 1)).isTrue();
        assertThat(p.reaches(4, 4)).isTrue();
        assertThat(p.reaches(7, 9)).isFalse();
        assertThat(p.reaches(12, 12)).isTrue();
        assertThat(p.reaches(13, 13)).isFalse();
        assertThat(p.reaches(14, 14)).isTrue();
        assertThat(p.reaches(16, 16)).isTrue();
    }

    @Test
    void forkedRunsReportAsTheCommandLineDoes() throws Exception {
        PythonPairs.Plan p = pairs.plan("tools/calc.py", SCRIPT);
        String name = SCRIPT.replace("return a + b", "return a + c");
        String syntax = SCRIPT.replace("return a + b", "return a +");
        String quiet = SCRIPT.replace("return n - 100", "return n - 101");
        String exit = SCRIPT.replace("print(used(1, 2), partly(3))", "sys.exit('Error: bad input')");
        PythonPairs.Judged j = pairs.judge(p, List.of(name, syntax, quiet, exit), null);
        Judgement n = j.judgements().get(0);
        assertThat(n.errorKind()).isEqualTo("runtime");
        assertThat(n.message()).isEqualTo("NameError: name 'c' is not defined");
        assertThat(n.line()).isEqualTo(4);
        assertThat(n.file()).isEqualTo("calc.py");
        assertThat(n.command()).isEqualTo("python3 calc.py");
        Judgement s = j.judgements().get(1);
        assertThat(s.errorKind()).isEqualTo("compile");
        assertThat(s.message()).isEqualTo("SyntaxError: invalid syntax");
        assertThat(s.line()).isEqualTo(4);
        assertThat(j.judgements().get(2)).isNull();
        // sys.exit with a string prints it and exits 1, as the interpreter does
        assertThat(j.judgements().get(3).message()).isEqualTo("Error: bad input");
        // the failing mutants ran twice (the repeat), the others once
        assertThat(j.runs()).isEqualTo(2 + 1 + 1 + 2);
    }

    @Test
    void failingOriginalIsOnlyCompiled() throws Exception {
        PythonPairs.Plan p = pairs.plan("x.py", "import no_such_module_here\n");
        assertThat(p.mode()).isEqualTo(PythonBatch.Mode.COMPILE);
        assertThat(p.reaches(5, 5)).isTrue();
        assertThat(pairs.plan("y.py", "def f(:\n").skipped()).isEqualTo("original_does_not_compile");
    }

    static final String TEST_FILE = """
            import unittest

            def double(x):
                return x * 2

            class T(unittest.TestCase):
                def test_double(self):
                    self.assertEqual(double(2), 4)

                def test_other(self):
                    self.assertTrue(True)

            if __name__ == "__main__":
                unittest.main()
            """;

    /** A test file run as a script: traced per test; a mutant runs the tests over its lines, the failing one alone twice. */
    @Test
    void testFileRunAsScriptRunsOnlyTheTestsOverTheMutant() throws Exception {
        PythonPairs.Plan p = pairs.plan("tests/test_calc.py", TEST_FILE);
        assertThat(p.mode()).isEqualTo(PythonBatch.Mode.SCRIPT);
        assertThat(p.tests()).extracting(PythonBatch.TestTrace::id).containsExactly("T.test_double", "T.test_other");
        assertThat(p.tests(4, 4)).containsExactly("T.test_double");
        PythonPairs.Judged j = pairs.judge(p, List.of(TEST_FILE.replace("x * 2", "x * 3")), List.of(new int[] {4, 4}));
        Judgement t = j.judgements().get(0);
        assertThat(t.errorKind()).isEqualTo("test");
        assertThat(t.command()).isEqualTo("python3 test_calc.py T.test_double");
        assertThat(t.message()).isEqualTo("""
                FAIL: test_double (__main__.T.test_double)
                Traceback (most recent call last):
                  File "test_calc.py", line 8, in test_double
                    self.assertEqual(double(2), 4)
                AssertionError: 6 != 4""");
        assertThat(t.line()).isEqualTo(8);
        // the mutant's run (failfast, its one test) and the failing test alone, twice
        assertThat(j.runs()).isEqualTo(3);
    }

    /** colorsys.py of the running CPython: per test of Lib/test/test_colorsys.py the lines it ran. */
    @Test
    void stdlibBaselineGivesTheTestsOfEachLine() throws Exception {
        Optional<Path> root = Stdlib.locate();
        assumeTrue(root.isPresent(), "no python3 with Lib/test on this machine");
        String text = Files.readString(root.get().resolve("colorsys.py"));
        PythonPairs.Plan p = pairs.plan("Lib/colorsys.py", text);
        assertThat(p.mode()).isEqualTo(PythonBatch.Mode.UNITTEST);
        assertThat(p.target()).isEqualTo("colorsys.py");
        int yiq = lineOf(text, "def rgb_to_yiq(") + 1;
        assertThat(p.tests(yiq, yiq)).containsExactly("test.test_colorsys.ColorsysTest.test_yiq_roundtrip",
                "test.test_colorsys.ColorsysTest.test_yiq_values");
        // module-level lines ran when the test module imported colorsys: every passing test
        int all = lineOf(text, "__all__");
        assertThat(p.tests(all, all)).hasSize(p.tests().size()).hasSizeGreaterThan(5);
    }

    private static int lineOf(String text, String needle) {
        int at = text.indexOf(needle);
        assertThat(at).isNotNegative();
        return (int) text.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
    }

    @Test
    void aFileNamedLikeTheDriversOwnModulesIsJudgedNotImportedByTheDriver() throws Exception {
        // the file under test is written into the driver's folder under its own name: json.py once replaced
        // the driver's own `import json` (its report), resource.py its limits
        for (String path : List.of("tools/json.py", "tools/resource.py")) {
            PythonPairs.Plan p = pairs.plan(path, SCRIPT);
            assertThat(p.skipped()).as(path).isNull();
            String name = SCRIPT.replace("return a + b", "return a + c");
            Judgement n = pairs.judge(p, List.of(name), null).judgements().get(0);
            assertThat(n.message()).as(path).isEqualTo("NameError: name 'c' is not defined");
            assertThat(n.line()).as(path).isEqualTo(4);
        }
    }
}
