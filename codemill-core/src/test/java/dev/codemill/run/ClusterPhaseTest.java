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
     * Buckets are the words of the text after "|" (hashed); the rank is the text before it; the
     * payload is the path. Units of a cluster other than the kept one are dropped, naming the
     * cluster's kept unit, its size and the comparison (kept path, member path).
     */
    static final class WordClusters implements ClusterStage {
        @Override
        public String name() {
            return "words";
        }

        @Override
        public Membership membership(Document doc) {
            String[] parts = doc.text().split("\\|", 2);
            return parts[1].isBlank() ? null : new Membership(parts[0], (doc.source().path() + "|" + parts[1].trim())
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }

        @Override
        public byte[] merge(byte[] a, byte[] b) {
            return Arrays.compare(a, b) <= 0 ? a : b;
        }

        @Override
        public long[] buckets(byte[] payload) {
            String words = new String(payload, java.nio.charset.StandardCharsets.UTF_8).split("\\|", 2)[1];
            return Arrays.stream(words.split(" ")).mapToLong(w -> w.hashCode() * 0x9E3779B97F4A7C15L).toArray();
        }

        @Override
        public String compare(byte[] keptPayload, byte[] memberPayload) {
            return path(keptPayload) + "~" + path(memberPayload);
        }

        private static String path(byte[] payload) {
            return new String(payload, java.nio.charset.StandardCharsets.UTF_8).split("\\|", 2)[0];
        }

        @Override
        public void decide(Document doc, Cluster cluster, Emitter out) {
            if (cluster == null || cluster.keptUnit().equals(unit(doc))) {
                out.keep(doc);
            } else {
                out.drop(doc, new Verdict("near_duplicate", cluster.comparison(),
                        Integer.toString(cluster.size()), "1", cluster.keptUnit()));
            }
        }
    }

    /** The same buckets, clustered by repository: a repository's words are the union of its files'. */
    static final class RepoWordClusters implements ClusterStage {
        private final WordClusters words = new WordClusters();

        @Override
        public String name() {
            return "repo_words";
        }

        @Override
        public String unit(Document doc) {
            return doc.source().repoName();
        }

        @Override
        public Membership membership(Document doc) {
            String[] parts = doc.text().split("\\|", 2);
            return parts[1].isBlank() ? null : new Membership(parts[0], (doc.source().repoName() + "|" + parts[1].trim())
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }

        @Override
        public byte[] merge(byte[] a, byte[] b) {
            String[] x = new String(a, java.nio.charset.StandardCharsets.UTF_8).split("\\|", 2);
            String[] y = new String(b, java.nio.charset.StandardCharsets.UTF_8).split("\\|", 2);
            java.util.TreeSet<String> union = new java.util.TreeSet<>(Arrays.asList(x[1].split(" ")));
            union.addAll(Arrays.asList(y[1].split(" ")));
            return (x[0] + "|" + String.join(" ", union)).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }

        @Override
        public long[] buckets(byte[] payload) {
            return words.buckets(payload);
        }

        @Override
        public String compare(byte[] keptPayload, byte[] memberPayload) {
            return words.compare(keptPayload, memberPayload) + " "
                    + new String(memberPayload, java.nio.charset.StandardCharsets.UTF_8).split("\\|", 2)[1];
        }

        @Override
        public void decide(Document doc, Cluster cluster, Emitter out) {
            if (cluster == null || cluster.keptUnit().equals(unit(doc))) {
                out.keep(doc);
            } else {
                out.drop(doc, new Verdict("near_duplicate_repository", cluster.comparison(),
                        Integer.toString(cluster.size()), "1", cluster.keptUnit()));
            }
        }
    }

    private static Split split(Map<String, String> files) {
        List<Document> docs = new ArrayList<>();
        files.forEach((path, text) -> docs.add(Document.ofText(DocId.of(path),
                new SourceRef("", path.contains("/") ? path.substring(0, path.indexOf('/')) : "r", path), text,
                Annotations.EMPTY)));
        return dev.codemill.testkit.MemorySplit.of(docs);
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
        return run(new WordClusters(), files, out, threads, partitions);
    }

    private static RunResult run(ClusterStage stage, Map<String, String> files, Path out, int threads, int partitions)
            throws IOException {
        return new LocalRunner(List.of(stage), List.of(dev.codemill.testkit.LinesFormat.full()), threads,
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
                .contains("rule=near_duplicate", "value=3", "keptId=" + kept))
                .anySatisfy(l -> assertThat(l).contains("detail=b~a"))
                .anySatisfy(l -> assertThat(l).contains("detail=b~c"));
        assertThat(String.join("\n", lines(tmp.resolve("data")))).contains("\tb\t", "\td\t", "\te\t")
                .doesNotContain("\ta\t", "\tc\t");
    }

    @Test
    void sameResultWhateverThreadsAndInputOrder(@TempDir Path tmp) throws IOException {
        Map<String, String> files = new TreeMap<>();
        for (int i = 0; i < 300; i++) {
            files.put("f" + i, (i % 7) + "|g" + (i % 20) + " h" + (i % 33));
        }
        run(files, tmp.resolve("x"), 1, 16);
        run(files, tmp.resolve("y"), 4, 16);
        Map<String, String> reversed = new java.util.LinkedHashMap<>();
        List<String> backwards = new ArrayList<>(files.keySet());
        java.util.Collections.reverse(backwards);
        backwards.forEach(k -> reversed.put(k, files.get(k)));
        run(reversed, tmp.resolve("z"), 3, 16);
        for (String other : List.of("y", "z")) {
            assertThat(lines(tmp.resolve(other).resolve("data"))).isEqualTo(lines(tmp.resolve("x").resolve("data")));
            assertThat(lines(tmp.resolve(other).resolve("ledger"))).isEqualTo(lines(tmp.resolve("x").resolve("ledger")));
        }
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
                        + "\"largest\":20000,\"size_histogram\":{\"16385-32768\":1},\"union_find_units\":20000,"
                        + "\"union_find_bytes\":240000}}");
        assertThat(r.stats().kept()).isEqualTo(1);
        assertThat(r.stats().dropped()).isEqualTo(19_999);
        String keptId = files.keySet().stream().map(p -> DocId.of(p).value()).sorted().findFirst().orElseThrow();
        assertThat(lines(tmp.resolve("ledger"))).allSatisfy(l -> assertThat(l).contains("keptId=" + keptId, "value=20000"));
    }

    @Test
    void edgesOfABucketAreAStarFromItsSmallestKey() {
        List<ClusterRecords.Edge> edges = ClusterPhase.edges(new ArrayList<>(List.of(new ClusterRecords.BucketEntry(7, 30),
                new ClusterRecords.BucketEntry(7, 10), new ClusterRecords.BucketEntry(7, 20),
                new ClusterRecords.BucketEntry(7, 10), new ClusterRecords.BucketEntry(9, 5))));
        assertThat(edges).extracting(e -> e.a() + "-" + e.b()).containsExactly("10-20", "10-30");
    }

    @Test
    void sortedKeyArraysMergeIntoTheirDistinctUnion() {
        assertThat(ClusterPhase.mergeSorted(new long[] {-5, 1, 4}, new long[] {1, 2, 9})).containsExactly(-5, 1, 2, 4, 9);
        assertThat(UnionFind.sortedDistinct(new long[] {3, -1, 3, 0})).containsExactly(-1, 0, 3);
    }

    @Test
    void repositoriesAreClusteredByTheUnionOfTheirFiles(@TempDir Path tmp) throws IOException {
        Map<String, String> files = new TreeMap<>();
        files.put("r1/a", "1|w1");
        files.put("r1/b", "1|w2");
        files.put("r2/a", "2|w2");      // shares w2 with r1: one cluster {r1, r2}, r1 kept (rank 1)
        files.put("r2/short", "2|");    // no membership, but decided with its repository
        files.put("r3/a", "0|w3");      // alone
        RunResult r = run(new RepoWordClusters(), files, tmp, 2, 4);
        assertThat(r.stats().kept()).isEqualTo(3);
        assertThat(lines(tmp.resolve("ledger"))).hasSize(2).allSatisfy(l -> assertThat(l)
                .contains("rule=near_duplicate_repository", "detail=r1~r2 w2", "value=2", "keptId=r1"));
        assertThat(String.join("\n", lines(tmp.resolve("data")))).contains("\tr1/a\t", "\tr1/b\t", "\tr3/a\t");
    }
}
