package dev.codemill.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codemill.model.Annotations;
import dev.codemill.model.DocId;
import dev.codemill.model.Document;
import dev.codemill.model.SourceRef;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Bounded, deterministic samples of removed documents and of the largest clusters. */
class RemovalSamplesTest {
    private static final UnaryOperator<String> SECRETS = s -> s.replace("hunter2", "<PASSWORD>");

    private static Document doc(String id, String path, String text) {
        return Document.ofText(new DocId(id), new SourceRef("in", "repo", path), text, Annotations.EMPTY);
    }

    @Test
    void keepsTheSmallestIdsPerRuleWhateverTheOrder() {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            order.add(i);
        }
        String expected = null;
        for (long seed = 0; seed < 5; seed++) {
            Collections.shuffle(order, new Random(seed));
            RemovalSamples a = new RemovalSamples();
            RemovalSamples b = new RemovalSamples();
            for (int i : order) {
                // Two partial samples (as two Spark tasks would gather), merged.
                (i % 2 == 0 ? a : b).removed("basic_filters", "drop", "max_line_length",
                        doc(String.format("id%02d", i), "f" + i + ".py", "x = 1\n"), String.valueOf(1000 + i), "<= 1000",
                        "longest line", true, SECRETS);
            }
            a.merge(b);
            var removed = a.removed().get("basic_filters").get("drop:max_line_length");
            assertThat(removed).extracting(RemovalSamples.Removed::id).containsExactly("id00", "id01", "id02");
            assertThat(removed.get(1).value()).isEqualTo("1001");
            if (expected == null) {
                expected = removed.toString();
            }
            assertThat(removed.toString()).isEqualTo(expected);
        }
    }

    @Test
    void snippetsOnlyOfRedactedTextAndRedactedAgain() {
        RemovalSamples s = new RemovalSamples();
        String text = "password = 'hunter2'\n" + "line\n".repeat(20);
        s.removed("basic_filters", "drop", "a", doc("1", "a.py", text), "", "", "detail hunter2", true, SECRETS);
        s.removed("basic_filters", "drop", "b", doc("2", "b.py", text), "", "", "", false, SECRETS);
        s.removed("ingest", "quarantine", "c", Document.ofBytes(new DocId("3"), new SourceRef("in", "repo", "c.bin"),
                new byte[] {0, 1}, Annotations.EMPTY), "", "", "", true, SECRETS);
        RemovalSamples.Removed a = s.removed().get("basic_filters").get("drop:a").get(0);
        assertThat(a.snippet()).isEqualTo("password = '<PASSWORD>'\n" + "line\n".repeat(7));
        assertThat(a.detail()).isEqualTo("detail <PASSWORD>");
        RemovalSamples.Removed b = s.removed().get("basic_filters").get("drop:b").get(0);
        assertThat(b.snippet()).isNull();
        assertThat(b.snippetNote()).isEqualTo(RemovalSamples.NOT_REDACTED);
        assertThat(s.removed().get("ingest").get("quarantine:c").get(0).snippetNote()).isEqualTo(RemovalSamples.NOT_DECODED);
        assertThat(RemovalSamples.snippet("y".repeat(1000))).hasSize(RemovalSamples.SNIPPET_CHARS);
        assertThat(RemovalSamples.snippet("y".repeat(399) + "\uD83D\uDE00")).hasSize(399);
    }

    @Test
    void largestClustersWithTheirSmallestPaths() {
        List<String[]> members = new ArrayList<>();
        // 12 clusters of sizes 2..13 (unit uN); members' paths pN-M.
        for (int n = 2; n <= 13; n++) {
            for (int m = 0; m < n; m++) {
                members.add(new String[] {"u" + n, String.valueOf(n), "repo/p" + n + "-" + m, m == n - 1 ? "kept" : ""});
            }
        }
        String expected = null;
        for (long seed = 0; seed < 5; seed++) {
            Collections.shuffle(members, new Random(seed));
            RemovalSamples a = new RemovalSamples();
            RemovalSamples b = new RemovalSamples();
            for (int i = 0; i < members.size(); i++) {
                String[] m = members.get(i);
                (i % 3 == 0 ? a : b).clusterMember("near_dedup", m[0], Integer.parseInt(m[1]), m[2], !m[3].isEmpty(),
                        UnaryOperator.identity());
            }
            b.merge(a);
            List<RemovalSamples.LargestCluster> largest = b.largestClusters().get("near_dedup");
            assertThat(largest).hasSize(RemovalSamples.CLUSTERS);
            assertThat(largest).extracting(RemovalSamples.LargestCluster::size).containsExactly(13, 12, 11, 10, 9, 8, 7, 6, 5, 4);
            assertThat(largest.get(0).paths()).containsExactly("repo/p13-0", "repo/p13-1", "repo/p13-10", "repo/p13-11",
                    "repo/p13-12");
            assertThat(largest.get(0).keptPath()).isEqualTo("repo/p13-12");
            if (expected == null) {
                expected = largest.toString();
            }
            assertThat(largest.toString()).isEqualTo(expected);
        }
    }

    @Test
    void travelsInsideRunStatsAsSparkSerializesIt() throws Exception {
        RunStats stats = new RunStats();
        stats.samples().removed("basic_filters", "drop", "empty", doc("1", "a.py", " \n"), "0", "1", "empty", true, SECRETS);
        stats.samples().clusterMember("near_dedup", "u", 2, "repo/a.py", true, UnaryOperator.identity());
        var bytes = new java.io.ByteArrayOutputStream();
        try (var out = new java.io.ObjectOutputStream(bytes)) {
            out.writeObject(stats);
        }
        RunStats back;
        try (var in = new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
            back = (RunStats) in.readObject();
        }
        assertThat(back.samples().removed().toString()).isEqualTo(stats.samples().removed().toString());
        assertThat(back.samples().largestClusters().toString()).isEqualTo(stats.samples().largestClusters().toString());
    }
}
