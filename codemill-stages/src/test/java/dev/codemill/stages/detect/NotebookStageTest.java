package dev.codemill.stages.detect;

import dev.codemill.testkit.NeedsShared;
import dev.codemill.testkit.RecordingEmitter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codemill.model.Document;
import dev.codemill.model.Keys;
import dev.codemill.stage.Check;
import dev.codemill.stage.Params;
import dev.codemill.stage.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NotebookStageTest {
    private static final Path CASE = TestDocs.caseDir("C13_jupyter_notebook");

    private static NotebookStage stage(Map<String, Object> params) {
        Params p = new Params("notebook", params, 1L);
        NotebookStage s = (NotebookStage) new NotebookStageFactory().create(p);
        p.rejectUnknown();
        return s;
    }

    private static RecordingEmitter.Outcome run(NotebookStage s, Document d) {
        RecordingEmitter out = RecordingEmitter.create();
        s.process(d, out);
        return out.only();
    }

    @Test
    @NeedsShared("cases/C13_jupyter_notebook")
    void c13RainfallGivesExactlyTheExpectedCode() throws Exception {
        String expected = TestDocs.read(CASE.resolve("expected_code.py"));
        RecordingEmitter.Outcome o = run(stage(Map.of()), TestDocs.doc("nb/rainfall.ipynb", TestDocs.read(CASE.resolve("rainfall.ipynb"))));
        assertThat(o.action()).isEqualTo("modify");
        assertThat(o.doc().text()).isEqualTo(expected);
        assertThat(o.doc().annotations().asMap()).containsExactlyInAnyOrderEntriesOf(Map.of("language", "Python",
                "language_evidence", "notebook", "language_type", "programming", "subtype", "notebook"));
        assertThat(o.verdict()).isEqualTo(new Verdict("notebook_code_cells",
                "kept 3 code cells of 5 cells; kernel language python", "3", "", ""));
        // C13 line stats: 11 lines, 3 blank
        String[] lines = o.doc().text().split("\n");
        assertThat(lines).hasSize(11);
        assertThat(List.of(lines)).filteredOn(String::isBlank).hasSize(3);
        assertThat(o.doc().text()).doesNotContain("iVBOR", "raw cell", "rows: 365", "Rainfall summary");
    }

    @Test
    @NeedsShared("cases/C13_jupyter_notebook")
    void c13BigOutputGivesTheSameText(@TempDir Path tmp) throws Exception {
        Files.copy(CASE.resolve("make_big_output.py"), tmp.resolve("make_big_output.py"));
        Files.copy(CASE.resolve("rainfall.ipynb"), tmp.resolve("rainfall.ipynb"));
        Process p = new ProcessBuilder("python3", "make_big_output.py").directory(tmp.toFile()).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(log).isZero();
        String big = Files.readString(tmp.resolve("rainfall_big.ipynb"));
        assertThat(big.length()).isGreaterThan(400_000);
        RecordingEmitter.Outcome o = run(stage(Map.of()), TestDocs.doc("rainfall_big.ipynb", big));
        assertThat(o.action()).isEqualTo("modify");
        assertThat(o.doc().text()).isEqualTo(TestDocs.read(CASE.resolve("expected_code.py")));
    }

    @Test
    @NeedsShared("cases/C13_jupyter_notebook")
    void brokenNotebookIsDroppedAsBadNotebook() throws Exception {
        String text = TestDocs.read(CASE.resolve("rainfall.ipynb"));
        RecordingEmitter.Outcome o = run(stage(Map.of()), TestDocs.doc("x.ipynb", text.substring(0, text.length() / 2)));
        assertThat(o.action()).isEqualTo("drop");
        assertThat(o.verdict().rule()).isEqualTo("bad_notebook");
        assertThat(o.verdict().detail()).startsWith("notebook JSON does not parse");
        for (String bad : List.of("", "[1, 2]", "{\"metadata\": {}}", "{\"cells\": 3}")) {
            assertThat(run(stage(Map.of()), TestDocs.doc("x.ipynb", bad)).verdict().rule()).as(bad).isEqualTo("bad_notebook");
        }
        assertThat(stage(Map.of()).explain(TestDocs.doc("x.ipynb", "{"))).extracting(Check::rule, Check::passed)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("bad_notebook", false));
    }

    @Test
    void notebookWithoutCodeCellsIsDropped() {
        String nb = """
                {"cells": [{"cell_type": "markdown", "metadata": {}, "source": ["# only prose\\n"]},
                           {"cell_type": "code", "metadata": {}, "outputs": [], "source": ["\\n", "   "]}],
                 "metadata": {"kernelspec": {"language": "python", "name": "python3"}}, "nbformat": 4, "nbformat_minor": 5}
                """;
        RecordingEmitter.Outcome o = run(stage(Map.of()), TestDocs.doc("x.ipynb", nb));
        assertThat(o.action()).isEqualTo("drop");
        assertThat(o.verdict()).isEqualTo(new Verdict("no_code_cells", "notebook has 2 cells, none of them non-blank code", "0", ">= 1", ""));
    }

    @Test
    @NeedsShared("cases/C13_jupyter_notebook")
    void keepMarkdownTurnsMarkdownIntoCommentsBeforeTheNextCell() throws Exception {
        RecordingEmitter.Outcome o = run(stage(Map.of("keep_markdown", true)),
                TestDocs.doc("rainfall.ipynb", TestDocs.read(CASE.resolve("rainfall.ipynb"))));
        String expectedCode = TestDocs.read(CASE.resolve("expected_code.py"));
        assertThat(o.doc().text()).isEqualTo("# # Rainfall summary\n#\n# Load the CSV and plot monthly totals.\n" + expectedCode);
    }

    @Test
    void otherLanguagesAndNbformat3() {
        String r = """
                {"cells": [{"cell_type": "code", "source": "x <- 1"}, {"cell_type": "markdown", "source": "note"},
                           {"cell_type": "code", "source": ["y <- 2\\n"]}],
                 "metadata": {"kernelspec": {"name": "ir"}, "language_info": {"name": "R"}}}
                """;
        RecordingEmitter.Outcome o = run(stage(Map.of("keep_markdown", true)), TestDocs.doc("a.IPYNB", r));
        assertThat(o.doc().text()).isEqualTo("x <- 1\n\n# note\ny <- 2\n");
        assertThat(o.doc().get(Keys.LANGUAGE)).isEqualTo("R");

        String scala = """
                {"cells": [{"cell_type": "markdown", "source": "doc"}, {"cell_type": "code", "source": "val a = 1"}],
                 "metadata": {"kernelspec": {"language": "scala", "name": "scala212"}}}
                """;
        assertThat(run(stage(Map.of("keep_markdown", true)), TestDocs.doc("s.ipynb", scala)).doc().text()).isEqualTo("// doc\nval a = 1\n");

        String v3 = """
                {"metadata": {"language": "julia"}, "nbformat": 3,
                 "worksheets": [{"cells": [{"cell_type": "code", "input": ["a = 1\\n", "b = 2"], "language": "julia"}]}]}
                """;
        RecordingEmitter.Outcome o3 = run(stage(Map.of()), TestDocs.doc("old.ipynb", v3));
        assertThat(o3.doc().text()).isEqualTo("a = 1\nb = 2\n");
        assertThat(o3.doc().get(Keys.LANGUAGE)).isEqualTo("Julia");

        String none = "{\"cells\": [{\"cell_type\": \"code\", \"source\": \"a\"}], \"metadata\": {\"kernelspec\": {\"language\": \"klingon\"}}}";
        RecordingEmitter.Outcome on = run(stage(Map.of()), TestDocs.doc("k.ipynb", none));
        assertThat(on.doc().get(Keys.LANGUAGE)).isEqualTo("unknown");
        assertThat(on.doc().get(Keys.LANGUAGE_EVIDENCE)).isEqualTo("notebook");
        assertThat(on.doc().annotations().has(Keys.LANGUAGE_TYPE)).isFalse();
    }

    @Test
    void nonNotebooksAreKeptUnchanged() {
        Document d = TestDocs.doc("a.json", "{\"cells\": []}");
        RecordingEmitter.Outcome o = run(stage(Map.of()), d);
        assertThat(o.action()).isEqualTo("keep");
        assertThat(o.doc()).isSameAs(d);
    }

    @Test
    @NeedsShared("cases/C13_jupyter_notebook")
    void notebookThenLanguageStageKeepsTheNotebookVerdict() throws Exception {
        RecordingEmitter.Outcome o = run(stage(Map.of()), TestDocs.doc("rainfall.ipynb", TestDocs.read(CASE.resolve("rainfall.ipynb"))));
        RecordingEmitter out = RecordingEmitter.create();
        new LanguageStage(LanguageDetector.defaults()).process(o.doc(), out);
        assertThat(out.only().doc().get(Keys.LANGUAGE)).isEqualTo("Python");
        assertThat(out.only().doc().get(Keys.LANGUAGE_EVIDENCE)).isEqualTo("notebook");
    }
}
