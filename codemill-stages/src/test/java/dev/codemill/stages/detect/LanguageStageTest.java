package dev.codemill.stages.detect;

import dev.codemill.testkit.NeedsShared;
import dev.codemill.testkit.RecordingEmitter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.codemill.model.Document;
import dev.codemill.model.Keys;
import dev.codemill.stage.Check;
import dev.codemill.stage.Params;
import dev.codemill.stage.RecipeException;
import dev.codemill.stage.Stage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LanguageStageTest {
    private static LanguageStage stage(Map<String, Object> params) {
        Params p = new Params("language", params, 1L);
        Stage s = new LanguageStageFactory().create(p);
        p.rejectUnknown();
        return (LanguageStage) s;
    }

    private static Document run(LanguageStage s, Document d) {
        RecordingEmitter out = RecordingEmitter.create();
        s.process(d, out);
        RecordingEmitter.Outcome o = out.only();
        assertThat(o.action()).isEqualTo("keep");
        return o.doc();
    }

    @Test
    void setsLanguageEvidenceTypeAndSubtype() {
        LanguageStage s = stage(Map.of());
        assertThat(s.name()).isEqualTo("language");
        Document py = run(s, TestDocs.doc("pkg/a.py", "import os\n"));
        assertThat(py.annotations().asMap()).containsExactlyInAnyOrderEntriesOf(
                Map.of("language", "Python", "language_evidence", "extension", "language_type", "programming"));
        assertThat(py.text()).isEqualTo("import os\n");

        Document qt = run(s, TestDocs.doc("i18n/x.ts", "<?xml version=\"1.0\"?>\n<!DOCTYPE TS>\n<TS/>\n"));
        assertThat(qt.get(Keys.LANGUAGE)).isEqualTo("XML");
        assertThat(qt.get(Keys.LANGUAGE_TYPE)).isEqualTo("data");
        assertThat(qt.get(Keys.SUBTYPE)).isEqualTo("Qt translation source");
        assertThat(qt.get(Keys.LANGUAGE_EVIDENCE)).isEqualTo("content:ts_qt_xml");
    }

    @Test
    void unknownFilesAreKeptAsUnknown() {
        Document d = run(stage(Map.of()), TestDocs.doc("data/blob.xyz", "zzz\n"));
        assertThat(d.get(Keys.LANGUAGE)).isEqualTo("unknown");
        assertThat(d.get(Keys.LANGUAGE_EVIDENCE)).isEqualTo("none");
        assertThat(d.annotations().has(Keys.LANGUAGE_TYPE)).isFalse();
    }

    @Test
    void notebookVerdictIsLeftAlone() {
        Document nb = TestDocs.doc("a.ipynb", "import os\n").with(Keys.LANGUAGE, "Python")
                .with(Keys.LANGUAGE_EVIDENCE, "notebook").with(Keys.SUBTYPE, "notebook");
        assertThat(run(stage(Map.of()), nb)).isSameAs(nb);
        assertThat(stage(Map.of()).explain(nb)).extracting(Check::detail).containsExactly("set by the notebook stage; left as is");
        // without the notebook stage, the raw notebook is a Jupyter Notebook by extension
        assertThat(run(stage(Map.of()), TestDocs.doc("a.ipynb", "{}")).get(Keys.LANGUAGE)).isEqualTo("Jupyter Notebook");
    }

    @Test
    void overridesAndModelinesParams() {
        LanguageStage s = stage(Map.of("overrides", Map.of(".inc", "PHP"), "modelines", false));
        assertThat(run(s, TestDocs.doc("x.inc", "#define A 1\n")).get(Keys.LANGUAGE)).isEqualTo("PHP");
        assertThat(run(s, TestDocs.doc("x.inc", "#define A 1\n")).get(Keys.LANGUAGE_EVIDENCE)).isEqualTo("override");
        assertThat(run(s, TestDocs.doc("x.txt", "# vim: ft=ruby\n")).get(Keys.LANGUAGE)).isEqualTo("Text");
        assertThatThrownBy(() -> stage(Map.of("overrides", Map.of(".inc", "Klingon"))))
                .isInstanceOf(RecipeException.class).hasMessageContaining("overrides").hasMessageContaining("Klingon");
        assertThatThrownBy(() -> stage(Map.of("modeline", true)))
                .isInstanceOf(RecipeException.class).hasMessageContaining("did you mean 'modelines'");
        assertThatThrownBy(() -> stage(Map.of("overrides", List.of("x")))).isInstanceOf(RecipeException.class);
    }

    @Test
    void explainListsEachStrategy() {
        List<Check> checks = stage(Map.of()).explain(TestDocs.doc("a.h", "#include <vector>\n"));
        assertThat(checks).extracting(Check::rule).containsExactly("modeline", "filename", "extension", "shebang", "content", "language");
        assertThat(checks.get(2).value()).isEqualTo("ambiguous:Objective-C|C++|C");
        assertThat(checks.get(4)).isEqualTo(new Check("content", true, "C++", "", "content 'h_cpp' -> C++"));
        assertThat(checks.get(5)).isEqualTo(new Check("language", true, "C++", "", "evidence content:h_cpp"));
    }

    @Test
    @NeedsShared("cases/C05_lang_h_header")
    void c05AllHeadersThroughTheStage() throws Exception {
        LanguageStage s = stage(Map.of());
        Map<String, String> expected = Map.of("point.h", "C", "shapes.h", "C++", "TaskView.h", "Objective-C", "ring_buffer.h", "C");
        for (Map.Entry<String, String> e : expected.entrySet()) {
            String text = TestDocs.read(TestDocs.caseDir("C05_lang_h_header").resolve(e.getKey()));
            assertThat(run(s, TestDocs.doc("src/" + e.getKey(), text)).get(Keys.LANGUAGE)).as(e.getKey()).isEqualTo(e.getValue());
            assertThat(run(s, TestDocs.doc("a.h", text)).get(Keys.LANGUAGE)).as("renamed " + e.getKey()).isEqualTo(e.getValue());
        }
    }
}
