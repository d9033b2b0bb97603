package dev.codemill.stages.analysis.fim;

import dev.codemill.testkit.NeedsShared;
import static org.assertj.core.api.Assertions.assertThat;

import dev.codemill.model.DocId;
import dev.codemill.stages.repo.RealCorpus;
import dev.codemill.stages.repo.SourceFile;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Property: on every file of the small real corpus, for random and syntax spans, PSM and SPM,
 * the sample parses back into pieces whose concatenation is the file exactly.
 */
class FimRealCorpusPropertyTest {
    @Test
    @NeedsShared("tools/real-corpus.py")
    void prefixMiddleSuffixReproducesEveryFile() throws Exception {
        Map<String, List<SourceFile>> repos = RealCorpus.repositories(RealCorpus.small());
        FimTransform fim = new FimTransform(1.0, 0.5, FimTransform.DEFAULT_PREFIX, FimTransform.DEFAULT_MIDDLE,
                FimTransform.DEFAULT_SUFFIX, FimTransform.DEFAULT_ESCAPE);
        int files = 0;
        int syntaxSpans = 0;
        int nodeMiddles = 0;
        for (Map.Entry<String, List<SourceFile>> repo : repos.entrySet()) {
            for (SourceFile f : repo.getValue()) {
                if (f.text().isEmpty()) {
                    continue;
                }
                files++;
                DocId id = DocId.of(repo.getKey() + "/" + f.path());
                for (FimTransform.Spans spans : FimTransform.Spans.values()) {
                    FimTransform.Sample s = fim.apply(f.text(), f.language(), spans, FimTransform.rngFor(11, id));
                    assertThat(s).isNotNull();
                    FimTransform.Pieces p = fim.parse(s.text());
                    assertThat(p.joined()).as(f.path() + " " + spans).isEqualTo(f.text());
                }
                int[] span = SyntaxSpans.pick(f.text(), f.language(), FimTransform.rngFor(5, id));
                if (span != null) {
                    syntaxSpans++;
                    FimTransform.Sample s = fim.sample(f.text(), span[0], span[1], FimTransform.Mode.PSM);
                    String middle = fim.parse(s.text()).middle();
                    // the middle is the node's text unless a cut had to be snapped (never for ASCII code)
                    int a = f.text().offsetByCodePoints(0, span[0]);
                    int b = f.text().offsetByCodePoints(0, span[1]);
                    if (middle.equals(f.text().substring(a, b))) {
                        nodeMiddles++;
                    }
                    assertThat(middle.strip()).isNotEmpty();
                }
            }
        }
        assertThat(files).isGreaterThan(600);
        // Python, Java and JavaScript files have trees; data, docs and text files do not
        assertThat(syntaxSpans).isGreaterThan(files / 2);
        assertThat(nodeMiddles).isEqualTo(syntaxSpans);
    }
}
