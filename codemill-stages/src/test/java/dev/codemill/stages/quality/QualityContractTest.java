package dev.codemill.stages.quality;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codemill.model.Annotations;
import dev.codemill.model.DocId;
import dev.codemill.model.Document;
import dev.codemill.model.Keys;
import dev.codemill.model.SourceRef;
import dev.codemill.stage.Emitter;
import dev.codemill.stage.Verdict;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Scoring is deterministic and never throws on random, empty, huge or unparsable input. */
class QualityContractTest {
    private final QualityScorer scorer = new QualityScorer(Constitution.builtIn(), true, QualityScorer.DEFAULT_MAX_PARSE_BYTES);

    private static final List<String> LANGS = List.of("Python", "Java", "JavaScript", "TypeScript", "C", "C++", "C#", "Go",
            "Rust", "PHP", "Ruby", "Kotlin", "Haskell", "Markdown");

    @Test
    void randomBytesDecodedAsTextNeverThrowAndAreDeterministic() {
        Random rnd = new Random(42);
        for (int i = 0; i < 60; i++) {
            byte[] b = new byte[rnd.nextInt(3000)];
            rnd.nextBytes(b);
            String text = new String(b, StandardCharsets.UTF_8);
            String lang = LANGS.get(i % LANGS.size());
            QualityReport a = scorer.score(text, "x/f", lang);
            QualityReport c = scorer.score(text, "x/f", lang);
            assertThat(a).isEqualTo(c);
            assertThat(a.score()).isBetween(0.0, 1.0);
            assertThat(a.tier()).isIn("A", "B", "C", "D");
        }
    }

    @Test
    void emptyFileScoresOneWithoutCritiques() {
        for (String lang : LANGS) {
            QualityReport r = scorer.score("", "empty", lang);
            assertThat(r.score()).as(lang).isEqualTo(1.0);
            assertThat(r.critiques()).as(lang).isEmpty();
        }
    }

    @Test
    void oneMegabyteOneLineFileIsScoredAndFlaggedAsNoise() {
        StringBuilder sb = new StringBuilder(1_100_000);
        int i = 0;
        while (sb.length() < 1_000_000) {
            sb.append("var a").append(i).append('=').append(i++).append(';');
        }
        QualityReport r = scorer.score(sb.toString(), "dist/app.js", "JavaScript");
        assertThat(r.results().get("no_noise").score()).isEqualTo(0.0);
        assertThat(r.critiques()).extracting(Critique::toString).anyMatch(s -> s.startsWith("no_noise:1:1: file is minified"));
    }

    @Test
    void unparsablePythonGetsALowWellFormedScoreAndAnAnchoredCritique() {
        String text = "def f(:\n    return )(\n\nclass\n";
        QualityReport r = scorer.score(text, "bad.py", "Python");
        assertThat(r.parsed()).isTrue();
        assertThat(r.results().get("well_formed").score()).isEqualTo(0.0);
        assertThat(r.critiques()).extracting(Critique::principle).contains("well_formed");
    }

    @Test
    void parsingOffGivesScanAndTextLevelAndSaysSo() {
        QualityScorer textOnly = new QualityScorer(Constitution.builtIn(), false, 0);
        QualityReport r = textOnly.score("def f(a):\n    return a\n", "f.py", "Python");
        assertThat(r.parsed()).isFalse();
        assertThat(r.results().get("small_units").score()).isEqualTo(1.0);
        assertThat(r.results().get("small_units").basis()).isEqualTo("scan");
        assertThat(r.results().get("small_units").measure()).isEqualTo("units=1 max_lines=2 max_nesting=0 max_complexity=1 mean_depth=0");
        assertThat(r.results().get("readable_names").basis()).isEqualTo("scan");
        assertThat(r.results().get("readable_names").measure()).isEqualTo("declared=1 short=1 functions=1 conventional=1");
        assertThat(r.results().get("well_formed").basis()).isEqualTo("text");
    }

    @Test
    void stageEmitsExactlyOneOutcomeAndAnnotates() {
        QualityStage stage = new QualityStage(scorer, 0.9, java.util.Map.of("rigorous", 0.5), 2);
        String text = "def f():\n    try:\n        g()\n    except:\n        pass\n";
        Document doc = Document.ofText(DocId.of("t"), new SourceRef("o", "r", "a.py"), text,
                Annotations.EMPTY.with(Keys.LANGUAGE, "Python"));
        List<String> outcomes = new ArrayList<>();
        List<Verdict> verdicts = new ArrayList<>();
        List<Document> docs = new ArrayList<>();
        stage.process(doc, new Emitter() {
            public void keep(Document d) {
                outcomes.add("keep");
                docs.add(d);
            }

            public void drop(Document d, Verdict why) {
                outcomes.add("drop");
                verdicts.add(why);
                docs.add(d);
            }

            public void quarantine(Document d, Verdict why) {
                outcomes.add("quarantine");
            }

            public void modified(Document d, java.util.List<Verdict> whys) {
                outcomes.add("modified");
            }
        });
        assertThat(outcomes).containsExactly("drop");
        assertThat(verdicts.get(0).rule()).isEqualTo("quality_score");
        assertThat(verdicts.get(0).limit()).isEqualTo(">= 0.9");
        Document d = docs.get(0);
        assertThat(d.get(Keys.QUALITY_PARSED)).isTrue();
        assertThat(d.get(QualityStage.subscoreKey("rigorous"))).isEqualTo(0.6667); // 1 / (1 + 0.25 * 2)
        assertThat(d.get(Keys.QUALITY_CRITIQUES)).containsExactly(
                "documented:1:1: file has no header comment",
                "commented:1:1: comment density 0 is below 0.05");
    }
}
