package dev.codemill.stages.stats;

import dev.codemill.testkit.SharedCases;
import dev.codemill.testkit.NeedsShared;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.codemill.model.Annotations;
import dev.codemill.model.DocId;
import dev.codemill.model.Document;
import dev.codemill.model.Keys;
import dev.codemill.model.SourceRef;
import dev.codemill.stage.Check;
import dev.codemill.stage.DocStage;
import dev.codemill.stage.Emitter;
import dev.codemill.stage.Params;
import dev.codemill.stage.RecipeException;
import dev.codemill.stage.Verdict;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatsStageTest {

    /** Records what a stage emitted. */
    static final class Capture implements Emitter {
        final List<Document> kept = new ArrayList<>();
        final List<Verdict> other = new ArrayList<>();

        @Override
        public void keep(Document doc) {
            kept.add(doc);
        }

        @Override
        public void drop(Document doc, Verdict why) {
            other.add(why);
        }

        @Override
        public void quarantine(Document doc, Verdict why) {
            other.add(why);
        }

        @Override
        public void modified(Document changed, java.util.List<Verdict> whys) {
            other.addAll(whys);
        }
    }

    private static Document doc(String path, String text, String language) {
        Annotations a = language == null ? Annotations.EMPTY : Annotations.EMPTY.with(Keys.LANGUAGE, language);
        return Document.ofText(DocId.of("r/" + path), new SourceRef("test", "r", path), text, a);
    }

    private static Document run(Document d) {
        Capture c = new Capture();
        new StatsStage().process(d, c);
        assertThat(c.other).isEmpty();
        assertThat(c.kept).hasSize(1);
        return c.kept.get(0);
    }

    @Test
    @NeedsShared("cases/C14_comment_markers_in_strings")
    void setsAllKeysOnTheC14RustFile() throws Exception {
        String text = SharedCases.read(SharedCases.caseDir("C14_").resolve("quote_kind.rs"));
        Document out = run(doc("quote_kind.rs", text, "Rust"));
        assertThat(out.get(Keys.NUM_LINES)).isEqualTo(16L);
        assertThat(out.get(Keys.CODE_LINES)).isEqualTo(8L);
        assertThat(out.get(Keys.COMMENT_LINES)).isEqualTo(5L);
        assertThat(out.get(Keys.BLANK_LINES)).isEqualTo(3L);
        assertThat(out.get(Keys.MAX_LINE_LENGTH)).isEqualTo(42L); // line 4: "        // single quotes are handled below"
        assertThat(out.get(Keys.AVG_LINE_LENGTH)).isEqualTo((double) (text.length() - 16) / 16);
        assertThat(out.get(Keys.ALPHANUM_FRACTION)).isEqualTo(dev.codemill.stages.analysis.text.LineStats.of(text).alphanumFraction());
        assertThat(out.get(Keys.LENGTH_BYTES)).isEqualTo((long) text.getBytes(StandardCharsets.UTF_8).length);
        assertThat(out.get(StatsStage.LINE_COUNTS_EXACT)).isTrue();
        assertThat(out.get(Keys.COMMENT_CHARS)).isEqualTo(156L); // see LineLexerCasesTest
        assertThat(out.get(Keys.LANGUAGE)).isEqualTo("Rust");
        assertThat(out.text()).isEqualTo(text);
    }

    @Test
    void keepsTheOriginalByteLengthSetByDecode() {
        Document in = doc("a.c", "int x;\n", "C").with(Keys.LENGTH_BYTES, 14L); // e.g. UTF-16 on disk
        assertThat(run(in).get(Keys.LENGTH_BYTES)).isEqualTo(14L);
    }

    @Test
    void unknownLanguageGetsBlankVsNonBlankAndIsMarkedInexact() {
        Document out = run(doc("notes.xyz", "# heading\n\ntext // more\n", "Unknownlang"));
        assertThat(out.get(Keys.CODE_LINES)).isEqualTo(2L);
        assertThat(out.get(Keys.COMMENT_LINES)).isEqualTo(0L);
        assertThat(out.get(Keys.BLANK_LINES)).isEqualTo(1L);
        assertThat(out.get(StatsStage.LINE_COUNTS_EXACT)).isFalse();
        assertThat(out.annotations().has(Keys.COMMENT_CHARS)).isFalse();
        // a stale count (e.g. re-running stats after the language changed) is removed
        assertThat(run(doc("notes.xyz", "# x\n", "Unknownlang").with(Keys.COMMENT_CHARS, 3L)).annotations().has(Keys.COMMENT_CHARS))
                .isFalse();
        Document none = run(doc("noext", "a\n", null));
        assertThat(none.get(StatsStage.LINE_COUNTS_EXACT)).isFalse();
        assertThat(none.get(Keys.CODE_LINES)).isEqualTo(1L);
    }

    @Test
    void emptyTextHasZeroEverything() {
        Document out = run(doc("empty.py", "", "Python"));
        assertThat(out.get(Keys.NUM_LINES)).isZero();
        assertThat(out.get(Keys.CODE_LINES) + out.get(Keys.COMMENT_LINES) + out.get(Keys.BLANK_LINES)).isZero();
        assertThat(out.get(Keys.AVG_LINE_LENGTH)).isZero();
        assertThat(out.get(Keys.ALPHANUM_FRACTION)).isZero();
    }

    @Test
    void undecodedBytesAreQuarantinedNotGuessed() {
        Document raw = Document.ofBytes(DocId.of("r/x"), new SourceRef("t", "r", "x"), new byte[] {1, 2}, Annotations.EMPTY);
        Capture c = new Capture();
        new StatsStage().process(raw, c);
        assertThat(c.kept).isEmpty();
        assertThat(c.other).extracting(Verdict::rule).containsExactly("not_decoded");
    }

    @Test
    void explainListsTheMeasuredValuesAsPassedChecks() {
        List<Check> checks = new StatsStage().explain(doc("a.py", "x = 1  # one\n\n", "Python"));
        assertThat(checks).allMatch(Check::passed);
        assertThat(checks).extracting(Check::rule).contains("num_lines", "code_lines", "comment_lines", "blank_lines");
        assertThat(checks).filteredOn(ch -> ch.rule().equals("num_lines")).extracting(Check::value).containsExactly("2");
        assertThat(checks).filteredOn(ch -> ch.rule().equals("blank_lines")).extracting(Check::value).containsExactly("1");
        assertThat(checks).filteredOn(ch -> ch.rule().equals("comment_chars")).extracting(Check::value).containsExactly("5");
        assertThat(new StatsStage().explain(doc("a.xyz", "x\n", "Unknownlang"))).extracting(Check::rule)
                .doesNotContain("comment_chars");
    }

    @Test
    void factoryIsNamedStatsTakesNoParamsAndRejectsUnknownKeys() {
        StatsStageFactory f = new StatsStageFactory();
        assertThat(f.name()).isEqualTo("stats");
        Params ok = Params.empty("stats");
        assertThat(f.create(ok)).isInstanceOf(DocStage.class).extracting(s -> s.name()).isEqualTo("stats");
        ok.rejectUnknown();
        Params bad = new Params("stats", Map.of("max_lines", 3), 0L);
        f.create(bad);
        assertThatThrownBy(bad::rejectUnknown).isInstanceOf(RecipeException.class).hasMessageContaining("max_lines");
    }
}
