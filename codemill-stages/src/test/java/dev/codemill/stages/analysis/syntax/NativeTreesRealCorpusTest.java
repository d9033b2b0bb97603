package dev.codemill.stages.analysis.syntax;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.codemill.stages.quality.Constitution;
import dev.codemill.stages.quality.QualityReport;
import dev.codemill.stages.quality.QualityScorer;
import dev.codemill.stages.repo.RealCorpus;
import dev.codemill.stages.repo.SourceFile;
import dev.codemill.testkit.NeedsShared;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * On every file of the small real corpus (CPython stdlib, JDK sources, npm JavaScript) that has a
 * grammar here: the native export gives exactly the records of the pure-Java walk, node by
 * node, and (on every other file) the quality scorer gives equal reports (score, tier, every
 * sub-score and critique) either way.
 */
class NativeTreesRealCorpusTest {
    @Test
    @NeedsShared("tools/real-corpus.py (small real corpus)")
    void nativeExportEqualsJavaWalkOnRealFiles() throws Exception {
        assumeTrue(NativeTrees.available(), "native syntax export not loaded here: " + NativeTrees.status());
        Map<String, List<SourceFile>> repos = RealCorpus.repositories(RealCorpus.small());
        QualityScorer scorer = new QualityScorer(Constitution.builtIn(), true, QualityScorer.DEFAULT_MAX_PARSE_BYTES);
        Map<String, Integer> files = new TreeMap<>();
        long nodes = 0;
        int withErrors = 0;
        int scored = 0;
        for (List<SourceFile> repo : repos.values()) {
            for (SourceFile f : repo) {
                if (!Parsers.supports(f.language())) {
                    continue;
                }
                byte[] bytes = f.text().getBytes(StandardCharsets.UTF_8);
                int[] java = NativeTreesTest.records(bytes, f.language(), false, 4_000_000, 0);
                int[] nat = NativeTreesTest.records(bytes, f.language(), true, 4_000_000, 0);
                assertThat(NodeRecords.status(nat)).as(f.path()).isEqualTo(ParseStatus.COMPLETE);
                if (!java.equals(nat)) {
                    assertThat(nat.length).as(f.path() + " records").isEqualTo(java.length);
                    for (int k = 0; k < java.length; k++) {
                        int node = (k - NodeRecords.HEADER) / NodeRecords.STRIDE;
                        assertThat(nat[k]).as(f.path() + " node " + node + " int " + k).isEqualTo(java[k]);
                    }
                }
                nodes += NodeRecords.count(nat);
                if (Parsers.tree(bytes, f.language(), nat).errorBytes() > 0) {
                    withErrors++;
                }
                if (files.merge(f.language(), 1, Integer::sum) % 2 == 0) {
                    continue; // reports on every other file: the Java walk is slow (CI time)
                }
                scored++;
                QualityReport viaJava;
                QualityReport viaNative;
                boolean before = Parsers.useNativeWalk(false);
                try {
                    viaJava = scorer.score(f.text(), f.path(), f.language());
                    Parsers.useNativeWalk(true);
                    viaNative = scorer.score(f.text(), f.path(), f.language());
                } finally {
                    Parsers.useNativeWalk(before);
                }
                assertThat(viaNative.parsed()).as(f.path()).isTrue();
                assertThat(viaNative).as(f.path()).isEqualTo(viaJava);
            }
        }
        System.out.printf("native = java on %s files, %,d nodes, %d files with error nodes; equal quality reports on %d files%n",
                files, nodes, withErrors, scored);
        assertThat(files.get("Python")).isGreaterThan(100);
        assertThat(files.get("Java")).isGreaterThan(100);
        assertThat(nodes).isGreaterThan(1_000_000);
        assertThat(scored).isGreaterThan(250);
    }
}
