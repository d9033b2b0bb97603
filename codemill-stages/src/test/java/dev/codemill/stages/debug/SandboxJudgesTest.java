package dev.codemill.stages.debug;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.codemill.stages.analysis.exec.Sandbox;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * python3 and node judged inside the bubblewrap sandbox on real snippets. Skipped, saying why,
 * where bwrap cannot run (the reason is the sandbox's own).
 */
class SandboxJudgesTest {
    static Judges judges;

    @BeforeAll
    static void sandbox() {
        assumeTrue(Sandbox.unavailableReason().isEmpty(), () -> "no sandbox here: " + Sandbox.unavailableReason().orElse(""));
        judges = SandboxHolder.judges(true, 10);
    }

    static final String PY = """
            def add(a, b):
                \"\"\"
                >>> add(1, 2)
                3
                \"\"\"
                return a + b
            """;

    @Test
    void pythonCompileErrorAndDoctestFailure() throws Exception {
        String syntax = PY.replace("return a + b", "return a +");
        String wrong = PY.replace("return a + b", "return a - b");
        String name = PY.replace("return a + b", "return a + c");
        Judges.Outcome o = judges.judge("Python", "lib/add.py", PY, List.of(syntax, wrong, name, PY));
        assertThat(o.skipped()).isNull();
        Judgement s = o.judgements().get(0);
        assertThat(s.errorKind()).isEqualTo("compile");
        assertThat(s.message()).isEqualTo("SyntaxError: invalid syntax");
        assertThat(s.line()).isEqualTo(6);
        assertThat(s.file()).isEqualTo("add.py");
        assertThat(s.toolVersion()).matches("3\\.\\d+\\.\\d+.*");
        Judgement w = o.judgements().get(1);
        assertThat(w.errorKind()).isEqualTo("test");
        assertThat(w.message()).isEqualTo("Failed example:\n    add(1, 2)\nExpected:\n    3\nGot:\n    -1");
        assertThat(w.line()).isEqualTo(3);
        Judgement n = o.judgements().get(2);
        assertThat(n.errorKind()).isEqualTo("test");
        assertThat(n.message()).startsWith("Failed example:\n    add(1, 2)\nException raised:\n")
                .endsWith("NameError: name 'c' is not defined");
        assertThat(o.judgements().get(3)).isNull();
    }

    @Test
    void pythonRuntimeErrorOfAScript() throws Exception {
        String script = "import os\nprint(os.sep)\n";
        Judges.Outcome o = judges.judge("Python", "tool.py", script, List.of("print(os.sep)\n"));
        Judgement j = o.judgements().get(0);
        assertThat(j.errorKind()).isEqualTo("runtime");
        assertThat(j.message()).isEqualTo("NameError: name 'os' is not defined");
        assertThat(j.line()).isEqualTo(1);
    }

    @Test
    void nodeCheckAndRun() throws Exception {
        String js = "let n = 1;\nn = n + 1;\nconsole.log(n);\n";
        Judges.Outcome o = judges.judge("JavaScript", "src/count.js", js,
                List.of("let n = 1;\nn = n + ;\nconsole.log(n);\n", "const n = 1;\nn = n + 1;\nconsole.log(n);\n"));
        assertThat(o.skipped()).isNull();
        Judgement c = o.judgements().get(0);
        assertThat(c.errorKind()).isEqualTo("compile");
        assertThat(c.message()).isEqualTo("SyntaxError: Unexpected token ';'");
        assertThat(c.line()).isEqualTo(2);
        assertThat(c.tool()).isEqualTo("node");
        assertThat(c.toolVersion()).startsWith("v");
        Judgement r = o.judgements().get(1);
        assertThat(r.errorKind()).isEqualTo("runtime");
        assertThat(r.message()).isEqualTo("TypeError: Assignment to constant variable.");
        assertThat(r.line()).isEqualTo(2);
    }

    /** The running CPython's colorsys.py judged by its own Lib/test/test_colorsys.py ({@code python3 -m unittest}). */
    @Test
    void stdlibModuleIsJudgedByItsOwnTestModule() throws Exception {
        java.util.Optional<java.nio.file.Path> root = Stdlib.locate();
        assumeTrue(root.isPresent(), "no python3 with Lib/test on this machine");
        String text = java.nio.file.Files.readString(root.get().resolve("colorsys.py"));
        String broken = text.replace("y = 0.30*r + 0.59*g + 0.11*b", "y = 0.30*r + 0.59*g + 0.11*g");
        assertThat(broken).isNotEqualTo(text);
        assertThat(judges.runsAsScript("Python", "Lib/colorsys.py", text)).isFalse();
        assertThat(judges.runsAsScript("Python", "tool.py", "print(1)\n")).isTrue();
        Judges.Outcome o = judges.judge("Python", "Lib/colorsys.py", text, List.of(broken, text));
        assertThat(o.skipped()).isNull();
        Judgement j = o.judgements().get(0);
        assertThat(j.errorKind()).isEqualTo("test");
        // the two yiq tests fail; the first in run order (test_yiq_roundtrip) stops the run, then runs alone twice
        assertThat(j.command()).isEqualTo("python3 -m unittest test.test_colorsys.ColorsysTest.test_yiq_roundtrip");
        assertThat(j.file()).isEqualTo("colorsys.py");
        assertThat(j.message()).startsWith("FAIL: test_yiq_roundtrip (test.test_colorsys.ColorsysTest.test_yiq_roundtrip)\n"
                + "Traceback (most recent call last):\n").containsPattern("\nAssertionError: [^\n]+$");
        assertThat(o.judgements().get(1)).isNull();
    }

    @Test
    void originalThatDoesNotCompileIsSkipped() throws Exception {
        assertThat(judges.judge("Python", "x.py", "def f(:\n", List.of("def g(:\n")).skipped())
                .isEqualTo("original_does_not_compile");
    }
}
