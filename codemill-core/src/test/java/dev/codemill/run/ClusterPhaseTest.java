package dev.codemill.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codemill.model.Annotations;
import dev.codemill.model.DocId;
import dev.codemill.model.Document;
import dev.codemill.model.SourceRef;
import dev.codemill.stage.ClusterStage;
import dev.codemill.stage.Emitter;

import dev.codemill.stage.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterPhaseTest {
    /**
     * Buckets are the words of the text after "|"; the rank is the text before it. Documents of a
     * cluster other than the kept one are dropped, naming the cluster, its size and the kept payload.
     */
    static final class WordClusters implements ClusterStage {
        @Override
        public String name() {
            return "words";
        }

        @Override
        public Membership membership(Document doc) {
            String[] parts = doc.text().split("\\|", 2);
            List<String> words = parts[1].isBlank() ? List.of() : Arrays.asList(parts[1].trim().split(" "));
            return new Membership(words, parts[0], "payload-of-" + doc.source().path());
        }

        @Override
        public void decide(Document doc, Cluster cluster, Emitter out) {
            if (cluster == null || cluster.keptId().equals(doc.id().value())) {
                out.keep(doc);
            } else {
                out.drop(doc, new Verdict("near_duplicate", cluster.id() + " " + cluster.keptPayload(),
                        Integer.toString(cluster.size()), "1", cluster.keptId()));
            }
        }
    }

    private static Split split(Map<String, String> files) {
        return new Split() {
            @Override
            public String name() {
                return "mem";
            }

            @Override
            public long sizeBytes() {
                return -1;
            }

            @Override
            public void read(Emitter out) {
                files.forEach((path, text) -> out.keep(Document.ofText(DocId.of(path), new SourceRef("", "r", path), text,
                        Annotations.EMPTY)));
            }
        };
    }

    private static List<String> lines(Path dir) throws IOException {
        List<String> out = new ArrayList<>();
        try (var s = Files.list(dir)) {
            for (Path p : s.sorted().toList()) {
                out.addAll(Files.readAllLines(p));
            }
        }
        return out;
    }

    private static RunResult run(Map<String, String> files, Path out, int threads, int partitions) throws IOException {
        return new LocalRunner(List.of(new WordClusters()), List.of(new LocalRunnerTest.LinesFormat()), threads,
                1 << 20, partitions, new Progress()).run(List.of(split(files)), out);
    }

    @Test
    void transitiveLinksFormOneClusterKeptByRank(@TempDir Path tmp) throws IOException {
        Map<String, String> files = new TreeMap<>();
        files.put("a", "3|k1 k2");
        files.put("b", "1|k2 k3");   // smallest rank: kept
        files.put("c", "2|k3 k4");   // linked to a only through b
        files.put("d", "0|k9");      // alone in its bucket: no cluster, although its rank is smallest
        files.put("e", "0|");        // no buckets at all
        RunResult r = run(files, tmp, 2, 3);
        assertThat(new String(Files.readAllBytes(tmp.resolve("stats.json")), java.nio.charset.StandardCharsets.UTF_8)
                .replaceAll("\\s+", "")).contains("\"size_histogram\":{\"3-4\":1}");
        assertThat(r.stats().kept()).isEqualTo(3);
        assertThat(r.stats().dropped()).isEqualTo(2);
        List<String> ledger = lines(tmp.resolve("ledger"));
        String kept = DocId.of("b").value();
        assertThat(ledger).hasSize(2).allSatisfy(l -> assertThat(l)
                .contains("rule=near_duplicate", "detail=" + kept + " payload-of-b", "value=3", "keptId=" + kept));
        assertThat(String.join("\n", lines(tmp.resolve("data")))).contains("\tb\t", "\td\t", "\te\t")
                .doesNotContain("\ta\t", "\tc\t");
    }

    @Test
    void sameResultWhateverThreadsAndPartitions(@TempDir Path tmp) throws IOException {
        Map<String, String> files = new TreeMap<>();
        for (int i = 0; i < 300; i++) {
            files.put("f" + i, (i % 7) + "|g" + (i % 20) + " h" + (i % 33));
        }
        run(files, tmp.resolve("x"), 1, 16);
        run(files, tmp.resolve("y"), 4, 16);
        assertThat(lines(tmp.resolve("y").resolve("data"))).isEqualTo(lines(tmp.resolve("x").resolve("data")));
        assertThat(lines(tmp.resolve("y").resolve("ledger"))).isEqualTo(lines(tmp.resolve("x").resolve("ledger")));
        // g and h buckets link every residue class: gcd(20, 33) = 1, so one cluster of 300.
        assertThat(lines(tmp.resolve("x").resolve("data"))).hasSize(1);
    }

    @Test
    void aGiantBucketCostsLinearWork(@TempDir Path tmp) throws IOException {
        Map<String, String> files = new TreeMap<>();
        for (int i = 0; i < 20_000; i++) {
            files.put(String.format("same%05d", i), "1|same");
        }
        RunResult r = run(files, tmp, 2, 8);
        assertThat(new String(Files.readAllBytes(tmp.resolve("stats.json")), java.nio.charset.StandardCharsets.UTF_8)
                .replaceAll("\\s+", "")).contains("\"clusters\":{\"words\":{\"clusters\":1,\"documents_in_clusters\":20000,"
                        + "\"largest\":20000,\"size_histogram\":{\"16385-32768\":1}}}");
        assertThat(r.stats().kept()).isEqualTo(1);
        assertThat(r.stats().dropped()).isEqualTo(19_999);
        String keptId = files.keySet().stream().map(p -> DocId.of(p).value()).sorted().findFirst().orElseThrow();
        assertThat(lines(tmp.resolve("ledger"))).allSatisfy(l -> assertThat(l).contains("keptId=" + keptId, "value=20000"));
    }

    @Test
    void edgesOfABucketAreAStarFromItsSmallestId() {
        List<String[]> edges = ClusterPhase.edges(List.of(new ClusterPhase.BucketEntry("b", "z"),
                new ClusterPhase.BucketEntry("b", "x"), new ClusterPhase.BucketEntry("b", "y"),
                new ClusterPhase.BucketEntry("b", "x"), new ClusterPhase.BucketEntry("c", "q")));
        assertThat(edges).extracting(e -> e[0] + "-" + e[1]).containsExactly("x-y", "x-z");
    }
}
