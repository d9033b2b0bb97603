package dev.codemill.spark;

import dev.codemill.testkit.NeedsShared;
import dev.codemill.testkit.SharedData;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.luben.zstd.ZstdInputStream;
import dev.codemill.cli.Main;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The default recipe on the small real corpus ({@code ../shared/tools/real-corpus.py DIR small}),
 * through the CLI, with the local runner (2 threads) and with {@code --runner spark --master
 * local[2]}: the kept documents, the ledger, manifest.json and the counts of stats.json must be
 * the same (all but stats.json's {@code run} section, which holds timings, byte for byte).
 */
@NeedsShared("tools/real-corpus.py")
class SparkEquivalenceTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static Path local;
    static Path spark;

    @BeforeAll
    static void runBoth() throws Exception {
        Path target = Path.of("target").toAbsolutePath();
        Path corpus = dev.codemill.testkit.RealCorpus.small();
        local = target.resolve("equivalence-local");
        spark = target.resolve("equivalence-spark");
        dev.codemill.testkit.TestFiles.deleteTree(local);   // outputs of an earlier build of this test
        dev.codemill.testkit.TestFiles.deleteTree(spark);
        assertThat(Main.execute("run", corpus.toString(), "-o", local.toString(), "--threads", "2", "-q")).isZero();
        assertThat(Main.execute("run", "--runner", "spark", "--master", "local[2]", corpus.toString(),
                "-o", spark.toString(), "-q")).isZero();
    }

    @Test
    void keptDocumentsAreTheSameIdsAndContentInTheSameOrder() throws IOException {
        List<String> a = rows(local.resolve("data"));
        List<String> b = rows(spark.resolve("data"));
        // 705 files in, 497 kept on the corpus this machine builds; the count depends on the Pythons and JDKs found.
        assertThat(a.size()).isGreaterThan(300);
        assertThat(b.size()).as("kept documents").isEqualTo(a.size());
        for (int i = 0; i < a.size(); i++) {
            JsonNode x = JSON.readTree(a.get(i));
            JsonNode y = JSON.readTree(b.get(i));
            assertThat(y.path("id").asText()).as("id of kept document #%d", i).isEqualTo(x.path("id").asText());
            assertThat(y.path("content").asText().equals(x.path("content").asText()))
                    .as("content of kept document #%d (%s)", i, x.path("id").asText()).isTrue();
            assertThat(b.get(i).equals(a.get(i))).as("JSON row of kept document #%d (%s)", i, x.path("id").asText()).isTrue();
        }
    }

    @Test
    void ledgerRowsAreTheSame() throws IOException {
        List<String> a = rows(local.resolve("ledger"));
        List<String> b = rows(spark.resolve("ledger"));
        // The corpus has exact and near duplicates across CPython/JDK versions: both stages decide.
        assertThat(a).anyMatch(r -> r.contains("\"stage\":\"exact_dedup\""))
                .anyMatch(r -> r.contains("\"stage\":\"near_dedup\""));
        assertThat(b.size()).as("ledger rows").isEqualTo(a.size());
        for (int i = 0; i < a.size(); i++) {
            assertThat(b.get(i)).as("ledger row #%d", i).isEqualTo(a.get(i));
        }
    }

    @Test
    void statsCountsAreTheSame() throws IOException {
        JsonNode a = JSON.readTree(local.resolve("stats.json").toFile());
        JsonNode b = JSON.readTree(spark.resolve("stats.json").toFile());
        assertThat(a.path("clusters").path("near_dedup").path("clusters").asLong()).isPositive();
        assertThat(a.path("conservation_holds").asBoolean()).isTrue();
        ((ObjectNode) a).remove("run");
        ((ObjectNode) b).remove("run");
        assertThat(b.toPrettyString()).isEqualTo(a.toPrettyString());
    }

    @Test
    void dataLedgerAndManifestFilesAreByteIdentical() throws IOException {
        List<Path> files = files(local);
        assertThat(files).contains(Path.of("manifest.json"), Path.of("README.md"), Path.of("data/part-00000.parquet"),
                Path.of("data/part-00000.jsonl.zst"), Path.of("ledger/part-00000.parquet"));
        assertThat(files(spark)).containsExactlyElementsOf(files);
        for (Path f : files) {
            assertThat(java.util.Arrays.equals(Files.readAllBytes(spark.resolve(f)), Files.readAllBytes(local.resolve(f))))
                    .as("%s has the same bytes", f).isTrue();
        }
    }

    /** Files under data/, ledger/, tokens/, review/ (when written), manifest.json and the card README.md, sorted. */
    private static List<Path> files(Path out) throws IOException {
        List<Path> found = new ArrayList<>();
        for (String dir : List.of("data", "ledger", "tokens", "review")) {
            if (!Files.isDirectory(out.resolve(dir))) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(out.resolve(dir))) {
                walk.filter(Files::isRegularFile).forEach(p -> found.add(out.relativize(p)));
            }
        }
        found.add(Path.of("manifest.json"));
        found.add(Path.of("README.md"));
        found.sort(null);
        return found;
    }

    /** The JSON lines of the .jsonl.zst parts of a folder, in part order. */
    private static List<String> rows(Path dir) throws IOException {
        List<String> rows = new ArrayList<>();
        try (Stream<Path> list = Files.list(dir)) {
            for (Path f : list.filter(p -> p.toString().endsWith(".jsonl.zst")).sorted().toList()) {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(
                        new ZstdInputStream(Files.newInputStream(f)), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = r.readLine()) != null) {
                        rows.add(line);
                    }
                }
            }
        }
        return rows;
    }
}
