package dev.codemill.stages.debug;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codemill.model.Annotations;
import dev.codemill.model.DocId;
import dev.codemill.model.Document;
import dev.codemill.model.Keys;
import dev.codemill.model.SourceRef;
import dev.codemill.stage.Params;
import dev.codemill.testkit.RecordingEmitter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The stage on a Java file (javac in-process, so no sandbox needed): emits, consumes, ids, fields. */
class DebugPairsStageTest {
    private static Document file(String id, String path, String language, String text) {
        return Document.ofText(DocId.of(id), new SourceRef("test", "acme/clamp", path), text,
                Annotations.EMPTY.with(Keys.LANGUAGE, language).with(Keys.LICENSE_TYPE, "permissive"));
    }

    private static DebugPairsStage stage(Map<String, Object> params, long seed) {
        return (DebugPairsStage) new DebugPairsStageFactory().create(new Params("debug_pairs", params, seed));
    }

    @Test
    void javaFileGivesPairsWithRealJavacErrors() {
        Document d = file("clamp", "src/Clamp.java", "Java", OperatorSitesTest.JAVA);
        RecordingEmitter out = RecordingEmitter.create();
        stage(Map.of("operators", List.of("misspell_identifier", "remove_return", "delete_import", "flip_comparison")), 42)
                .process(d, out);
        List<RecordingEmitter.Outcome> emits = out.outcomes().stream().filter(o -> o.action().equals("emit")).toList();
        // flip_comparison always compiles (a wrong program, not a compile error): not drawn for javac;
        // remove_return drew `return -1;` inside the if, which still compiles
        assertThat(emits).extracting(o -> o.doc().get(DebugKeys.OPERATOR))
                .containsExactly("delete_import", "misspell_identifier");
        Document del = emits.get(0).doc();
        assertThat(del.get(DebugKeys.ERROR_MESSAGE)).isEqualTo("cannot find symbol\n  symbol:   class List\n  location: class Clamp");
        assertThat(del.get(DebugKeys.ERROR_LINE)).isEqualTo(3L);
        assertThat(del.get(DebugKeys.ERROR_KIND)).isEqualTo("compile");
        assertThat(del.get(DebugKeys.ORIGINAL)).isEqualTo(OperatorSitesTest.JAVA);
        assertThat(del.text()).isEqualTo(OperatorSitesTest.JAVA.replace("import java.util.List;\n", ""));
        assertThat(del.get(DebugKeys.DIFF)).startsWith("--- a/src/Clamp.java\n+++ b/src/Clamp.java\n@@ -1,3 +1,2 @@\n-import java.util.List;\n");
        assertThat(del.get(DebugKeys.SOURCE_ID)).isEqualTo(d.id().value());
        assertThat(del.get(DebugKeys.TOOL_COMMAND)).endsWith(" -d out Clamp.java");
        assertThat(del.get(Keys.LICENSE_TYPE)).isEqualTo("permissive");
        assertThat(emits.get(0).others()).contains(List.of(d.id()));
        assertThat(out.decisions()).singleElement().satisfies(o -> {
            assertThat(o.action()).isEqualTo("consume");
            assertThat(o.verdict().value()).isEqualTo("2");
        });
        assertThat(out.counts()).containsEntry("mutants", 3L).containsEntry("pairs", 2L)
                .containsEntry("pairs.delete_import", 1L).containsEntry("mutants.remove_return", 1L)
                .containsEntry("pairs.Java.delete_import", 1L).doesNotContainKey("mutants.flip_comparison");
    }

    @Test
    void sameSeedSameIdsOtherSeedMayDiffer() {
        Document d = file("clamp", "src/Clamp.java", "Java", OperatorSitesTest.JAVA);
        RecordingEmitter a = RecordingEmitter.create();
        RecordingEmitter b = RecordingEmitter.create();
        stage(Map.of(), 7).process(d, a);
        stage(Map.of(), 7).process(d, b);
        assertThat(a.outcomes().stream().map(o -> o.doc().id()).toList())
                .isEqualTo(b.outcomes().stream().map(o -> o.doc().id()).toList());
        assertThat(a.outcomes()).hasSizeGreaterThan(3);
    }

    @Test
    void filesWithoutPairsAreConsumedWithTheReason() {
        RecordingEmitter out = RecordingEmitter.create();
        DebugPairsStage s = stage(Map.of(), 1);
        s.process(file("r", "README.md", "Markdown", "# hi\n"), out);
        s.process(file("b", "Broken.java", "Java", "class Broken { void f( }\n"), out);
        s.process(file("n", "Needs.java", "Java", "import org.acme.Missing;\nclass Needs { Missing m; }\n"), out);
        assertThat(out.decisions()).extracting(o -> o.verdict().detail()).containsExactly(
                "read for debug pairs; none kept (no_grammar)", "read for debug pairs; none kept (parse_errors)",
                "read for debug pairs; none kept (original_does_not_compile)");
        assertThat(out.outcomes()).extracting(RecordingEmitter.Outcome::action).containsOnly("consume");
    }
}
