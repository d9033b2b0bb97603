package dev.codemill.stages.filter;

import dev.codemill.stages.analysis.text.TextShape;
import dev.codemill.testkit.NeedsShared;
import static dev.codemill.stages.filter.FilterTestSupport.doc;
import static dev.codemill.stages.filter.FilterTestSupport.read;
import static dev.codemill.stages.filter.FilterTestSupport.run;
import static dev.codemill.stages.filter.FilterTestSupport.shared;
import static dev.codemill.stages.filter.FilterTestSupport.stage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.codemill.model.Document;
import dev.codemill.stage.Check;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Cases C11 (minified false positive) and C12 (alphanumeric fraction on CJK code). */
class BasicFiltersCasesTest {
    private static final Path C11 = shared().resolve("cases/C11_minified_false_positive");
    private static final Path C12 = shared().resolve("cases/C12_alnum_fraction_cjk");
    private final BasicFiltersStage stage = stage(Map.of());

    private static Check check(List<Check> checks, String rule) {
        return checks.stream().filter(c -> c.rule().equals(rule)).findFirst().orElseThrow();
    }

    @Test
    @NeedsShared("cases/C11, C12")
    void c11_userScriptWithOneDataUriIsKeptAndNotMinified() throws Exception {
        String text = read(C11.resolve("tidy_sidebar.user.js"));
        Document d = doc("tidy_sidebar.user.js", text, "JavaScript", "programming");
        assertThat(run(stage, d).kept()).isTrue();

        List<Check> checks = stage.explain(d);
        assertThat(check(checks, "minified").passed()).isTrue();
        assertThat(check(checks, "generated").passed()).isTrue();
        assertThat(check(checks, "max_line_length").value()).isEqualTo("918");
        // 8 lines of 17, 23, 18, 918, 24, 68, 1, 71 code points; the 902-code-point literal of line 4
        // is left out of the mean: (1140 - 902) / 8 = 29.75 (raw mean 142.5)
        assertThat(check(checks, "avg_line_length").value()).isEqualTo("29.75");
        assertThat(check(checks, "avg_line_length").detail()).contains("raw mean 142.5", "8 lines");
        assertThat(check(checks, "low_alnum_fraction").passed()).isTrue();
    }

    @Test
    @NeedsShared("cases/C11, C12")
    void c11_sameVerdictWhenRenamedOrWithoutUserScriptHeader() throws Exception {
        String text = read(C11.resolve("tidy_sidebar.user.js"));
        assertThat(run(stage, doc("tidy.js", text, "JavaScript", "programming")).kept()).isTrue();
        assertThat(run(stage, doc("tidy.js", text, null, null)).kept()).isTrue();

        String headless = text.substring(text.indexOf("==/UserScript==\n") + "==/UserScript==\n".length());
        assertThat(headless).startsWith("const ICON");
        Document d = doc("tidy.js", headless, "JavaScript", "programming");
        assertThat(run(stage, d).kept()).isTrue();
        // lines 918, 24, 68, 1, 71 minus the 902-code-point literal: 180 / 5 = 36
        assertThat(check(stage.explain(d), "avg_line_length").value()).isEqualTo("36");
        assertThat(check(stage.explain(d), "minified").passed()).isTrue();
    }

    @Test
    @NeedsShared("cases/C11, C12")
    void c11_base64BlobRuleMayFlagTheUserScriptButNeverMinified() throws Exception {
        String text = read(C11.resolve("tidy_sidebar.user.js"));
        BasicFiltersStage strict = stage(Map.of("max_base64_fraction", 0.5));
        FilterTestSupport.Outcome o = run(strict, doc("tidy_sidebar.user.js", text, "JavaScript", "programming"));
        assertThat(o.rule()).isEqualTo("base64_blob");
        // the data URI "data:image/png;base64,..." is 902 of the file's 1148 code points
        assertThat(o.verdict().value()).isEqualTo("0.7857");
        assertThat(o.verdict().limit()).isEqualTo("<= 0.5");
    }

    @Test
    @NeedsShared("cases/C11, C12")
    void c11_minifiedBundleIsDroppedAsMinified() throws Exception {
        String text = read(C11.resolve("bundle.js"));
        for (String name : List.of("bundle.js", "lib.txt")) {
            FilterTestSupport.Outcome o = run(stage, doc(name, text, "JavaScript", "programming"));
            assertThat(o.action()).isEqualTo("drop");
            assertThat(o.rule()).isEqualTo("minified");
            assertThat(o.verdict().value()).isEqualTo(
                    "long_line_share=1 ws_ratio=0.0184 ident_share=0.3215 mean_ident=3.7156 indented=0 tokens_per_long_line=339 cp_per_token=1.9233");
            // 652 code points, 12 spaces, 339 tokens of which 109 identifiers (405 code points)
        }
        // it would pass max_line_length (652 <= 1000): the minified label comes from its shape
        Check max = check(stage.explain(doc("bundle.js", text, null, null)), "max_line_length");
        assertThat(max.passed()).isTrue();
        assertThat(max.value()).isEqualTo("652");
    }

    @Test
    @NeedsShared("cases/C11, C12")
    void c12_cjkCodeIsKeptAtSixtyPercent() throws Exception {
        String text = read(C12.resolve("zh_comments.py"));
        Document d = doc("zh_comments.py", text, "Python", "programming");
        assertThat(run(stage, d).kept()).isTrue();
        Check c = check(stage.explain(d), "low_alnum_fraction");
        assertThat(Double.parseDouble(c.value())).isCloseTo(0.600, within(0.005));
        assertThat(c.value()).isEqualTo("0.6");
        assertThat(c.detail()).contains("(219/365)");
        assertThat(TextShape.measure(text).alnum()).isEqualTo(219);
        assertThat(TextShape.measure(text).codePoints()).isEqualTo(365);
    }

    @Test
    @NeedsShared("cases/C11, C12")
    void c12_asciiArtBannerIsDroppedForLowAlnum() throws Exception {
        String text = read(C12.resolve("banner.py"));
        FilterTestSupport.Outcome o = run(stage, doc("banner.py", text, "Python", "programming"));
        assertThat(o.action()).isEqualTo("drop");
        assertThat(o.rule()).isEqualTo("low_alnum_fraction");
        assertThat(Double.parseDouble(o.verdict().value())).isCloseTo(0.039, within(0.005));
        assertThat(o.verdict().value()).isEqualTo("0.0392");
        assertThat(o.verdict().limit()).isEqualTo(">= 0.25");
        assertThat(o.verdict().detail()).contains("18/459");
    }

    @Test
    void c12_supplementaryCharactersCountOncePerCodePoint() {
        // U+1F642 (emoji, not alnum) and U+20000 (CJK Extension B, a letter): 2 code points, 4 chars
        TextShape s = TextShape.measure("\uD83D\uDE42\uD840\uDC00");
        assertThat(s.codePoints()).isEqualTo(2);
        assertThat(s.alnum()).isEqualTo(1);
        assertThat(s.alnumFraction()).isEqualTo(0.5);
        assertThat(s.maxLineLength()).isEqualTo(2);
    }
}
