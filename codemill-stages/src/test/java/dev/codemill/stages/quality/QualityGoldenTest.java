package dev.codemill.stages.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Golden files: small real-looking files per language with their expected sub-scores, score,
 * tier and every critique (line, column, message), written by hand in
 * {@code golden/quality/expected/<file>.txt} and checked exactly.
 */
class QualityGoldenTest {
    static final Path DIR = Path.of("src/test/resources/golden/quality");

    /** The report in the golden text form: one {@code key=value} per line, then critiques. */
    static String render(QualityReport r) {
        List<String> out = new ArrayList<>();
        out.add("score=" + dev.codemill.stage.Check.format(QualityStage.round(r.score())) + " tier=" + r.tier() + " parsed=" + r.parsed());
        for (Map.Entry<String, CheckResult> e : r.results().entrySet()) {
            CheckResult c = e.getValue();
            out.add(e.getKey() + "=" + (c.score() == null ? "n/a" : dev.codemill.stage.Check.format(QualityStage.round(c.score())))
                    + " [" + c.basis() + "] " + c.measure());
        }
        for (Critique c : r.critiques()) {
            out.add(c.toString());
        }
        return String.join("\n", out) + "\n";
    }

    @ParameterizedTest
    @CsvSource({"inventory.py,Python", "Counter.java,Java", "cart.js,JavaScript", "server.go,Go", "ring.c,C"})
    void matchesGolden(String file, String language) throws IOException {
        String text = Files.readString(DIR.resolve(file), StandardCharsets.UTF_8);
        QualityScorer scorer = new QualityScorer(Constitution.builtIn(), true, QualityScorer.DEFAULT_MAX_PARSE_BYTES);
        String actual = render(scorer.score(text, "src/" + file, language));
        Path expected = DIR.resolve("expected/" + file + ".txt");
        if (Boolean.getBoolean("quality.golden.print")) {
            System.out.println("=== " + file + "\n" + actual);
        }
        assertThat(actual).isEqualTo(Files.readString(expected, StandardCharsets.UTF_8));
    }
}
