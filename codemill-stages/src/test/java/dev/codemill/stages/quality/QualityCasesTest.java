package dev.codemill.stages.quality;

import dev.codemill.testkit.NeedsShared;
import dev.codemill.testkit.SharedData;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Shared cases C11 (minified false positive) and C12 (alphanumeric fraction on CJK) through the scorer. */
class QualityCasesTest {
    private static final Path CASES = SharedData.path("cases");
    private final QualityScorer scorer = new QualityScorer(Constitution.builtIn(), true, QualityScorer.DEFAULT_MAX_PARSE_BYTES);

    private QualityReport score(String caseDir, String file, String language) throws IOException {
        String text = Files.readString(CASES.resolve(caseDir).resolve(file), StandardCharsets.UTF_8);
        return scorer.score(text, file, language);
    }

    @Test
    @NeedsShared("cases/C11, C12")
    void c11HandWrittenUserScriptIsNotMinifiedButItsBlobIsCritiqued() throws IOException {
        QualityReport r = score("C11_minified_false_positive", "tidy_sidebar.user.js", "JavaScript");
        assertThat(r.critiques()).extracting(Critique::message).noneMatch(m -> m.contains("minified") || m.contains("generated"));
        assertThat(r.results().get("no_noise").measure()).contains("generated=false minified=false");
        // renamed and without the ==UserScript== header: same verdict
        String text = Files.readString(CASES.resolve("C11_minified_false_positive/tidy_sidebar.user.js"), StandardCharsets.UTF_8)
                .replaceAll("(?s)// ==UserScript==.*?// ==/UserScript==\\n?", "");
        QualityReport renamed = scorer.score(text, "tidy.js", "JavaScript");
        assertThat(renamed.critiques()).extracting(Critique::message).noneMatch(m -> m.contains("minified") || m.contains("generated"));
    }

    @Test
    @NeedsShared("cases/C11, C12")
    void c11MinifiedBundleScoresZeroOnNoNoise() throws IOException {
        QualityReport r = score("C11_minified_false_positive", "bundle.js", "JavaScript");
        assertThat(r.results().get("no_noise").score()).isEqualTo(0.0);
        assertThat(r.critiques()).extracting(Critique::toString).anyMatch(s -> s.startsWith("no_noise:1:1: file is minified"));
        assertThat(r.tier()).isEqualTo("D");
    }

    @Test
    @NeedsShared("cases/C11, C12")
    void c12ChineseIdentifiersAreNeitherShortNorLowAlnumWhileAsciiArtIs() throws IOException {
        QualityReport zh = score("C12_alnum_fraction_cjk", "zh_comments.py", "Python");
        assertThat(zh.results().get("no_noise").measure()).contains("alnum=0.6");
        assertThat(zh.critiques()).extracting(Critique::message).noneMatch(m -> m.contains("alphanumeric") || m.contains("single letter")
                || m.contains("convention"));
        QualityReport banner = score("C12_alnum_fraction_cjk", "banner.py", "Python");
        assertThat(banner.results().get("no_noise").measure()).contains("alnum=0.039");
        assertThat(banner.critiques()).extracting(Critique::toString)
                .contains("no_noise:1:1: alphanumeric fraction 0.0392 is below 0.25");
    }
}
