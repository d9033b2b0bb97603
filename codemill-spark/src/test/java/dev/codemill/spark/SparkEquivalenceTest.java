package dev.codemill.spark;

import static dev.codemill.spark.TestFiles.files;
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
 * Two recipes on the small real corpus ({@code ../shared/tools/real-corpus.py DIR small}), through
 * the CLI, with the local runner (2 threads) and with {@code --runner spark --master local[2]}:
 * the default recipe with the branches of {@code --fim --repo-samples --cross-file-tasks}, and a
 * recipe with a {@code mix} section over the {@code tokens} stage's
 * counts with a token format (megatron), where documents get 0 to 3 copies, plus the {@code --fim}
 * branch (mix and branches in one plan).
 *
 * <p>Every file in OUT must have the same bytes on both runners (a file one runner forgets fails).
 * Only timings are normalised: in stats.json (and each branch folder's), {@code run.wall_seconds}, {@code run.mb_per_second},
 * {@code run.files_per_second} (set to 0) and {@code run.phase_seconds} (emptied: each runner
 * times its own phases); report.html, which shows the wall time, is then rebuilt from the
 * normalised files by {@code codemill report} on both sides.
 */
@NeedsShared("tools/real-corpus.py")
class SparkEquivalenceTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static Path local;
    static Path spark;
    static Path localMix;
    static Path sparkMix;

    /** A small recipe with a mixture: Python and Java targeted, JSON excluded, the rest shares 0.3; repeats needed. */
    static final String MIX_RECIPE = """
            name: mix-equivalence
            seed: 7
            stages:
              - {type: decode}
              - {type: language}
              - {type: exact_dedup}
              - {type: tokens, tokenizer: cl100k_base}
            output: {formats: [parquet, jsonl, megatron]}
            mix: {total_tokens: 1500000, targets: {Python: 0.5, Java: 0.2}, exclude: [JSON], max_epochs: 3}
            """;

    /** The branches the default run adds with {@code --fim --repo-samples --cross-file-tasks}. */
    static final List<String> BRANCHES = List.of("fim", "repo_samples", "cross_file");

    @BeforeAll
    static void runBoth() throws Exception {
        Path target = Path.of("target").toAbsolutePath();
        Path corpus = dev.codemill.testkit.RealCorpus.small();
        local = target.resolve("equivalence-local");
        spark = target.resolve("equivalence-spark");
        localMix = target.resolve("equivalence-mix-local");
        sparkMix = target.resolve("equivalence-mix-spark");
        Path recipe = target.resolve("equivalence-mix.yaml");
        Files.writeString(recipe, MIX_RECIPE);
        for (Path out : List.of(local, spark, localMix, sparkMix)) {
            dev.codemill.testkit.TestFiles.deleteTree(out);   // outputs of an earlier build of this test
        }
        assertThat(Main.execute("run", corpus.toString(), "-o", local.toString(), "--threads", "2", "-q",
                "--fim", "--repo-samples", "--cross-file-tasks")).isZero();
        assertThat(Main.execute("run", "--runner", "spark", "--master", "local[2]", corpus.toString(),
                "-o", spark.toString(), "-q", "--fim", "--repo-samples", "--cross-file-tasks")).isZero();
        // the mix recipe with a branch too: mix and branches in one plan, on both runners
        assertThat(Main.execute("run", corpus.toString(), "-o", localMix.toString(), "--threads", "2", "-q",
                "--recipe", recipe.toString(), "--fim")).isZero();
        assertThat(Main.execute("run", "--runner", "spark", "--master", "local[2]", corpus.toString(),
                "-o", sparkMix.toString(), "-q", "--recipe", recipe.toString(), "--fim")).isZero();
        for (Path out : List.of(local, spark, localMix, sparkMix)) {
            normaliseTimings(out);
        }
        for (Path out : List.of(local, spark)) {
            for (String b : BRANCHES) {
                normaliseStats(out.resolve(b).resolve("stats.json"));
            }
        }
        for (Path out : List.of(localMix, sparkMix)) {
            normaliseStats(out.resolve("fim").resolve("stats.json"));
        }
    }

    /** Zeroes stats.json's timing fields (class comment) and rebuilds report.html from the files. */
    static void normaliseTimings(Path out) throws IOException {
        normaliseStats(out.resolve("stats.json"));
        assertThat(Main.execute("report", out.toString())).isZero();
    }

    /** Zeroes the timing fields of one stats.json (a branch folder's too, {@code OUT/NAME/stats.json}). */
    static void normaliseStats(Path statsJson) throws IOException {
        ObjectNode stats = (ObjectNode) JSON.readTree(statsJson.toFile());
        ObjectNode run = (ObjectNode) stats.path("run");
        assertThat(run.has("wall_seconds") && run.has("phase_seconds")).as("%s has timings", statsJson).isTrue();
        run.put("wall_seconds", 0.0).put("mb_per_second", 0.0).put("files_per_second", 0.0);
        run.putObject("phase_seconds");
        Files.write(statsJson, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(stats));
    }

    @Test
    void everyFileInOutIsByteIdentical() throws IOException {
        List<Path> files = files(local);
        assertThat(files).contains(Path.of("manifest.json"), Path.of("README.md"), Path.of("examples.json"),
                Path.of("stats.json"), Path.of("report.html"), Path.of("data/part-00000.parquet"),
                Path.of("data/part-00000.jsonl.zst"), Path.of("ledger/part-00000.parquet"),
                Path.of("fim/data/part-00000.parquet"), Path.of("repo_samples/ledger/part-00000.parquet"),
                Path.of("cross_file/manifest.json"), Path.of("cross_file/stats.json"));
        assertSameFiles(local, spark);
    }

    @Test
    void aMixtureGivesTheSameFilesOnBothRunners() throws IOException {
        JsonNode mixture = JSON.readTree(localMix.resolve("manifest.json").toFile()).path("mixture");
        assertThat(mixture.path("groups").isArray()).as("manifest.json's mixture").isTrue();
        int epochs = 0;
        for (JsonNode g : mixture.path("groups")) {
            epochs = Math.max(epochs, g.path("epochs").asInt());
        }
        assertThat(epochs).as("some document is repeated (the writer's extra passes run)").isGreaterThan(1);
        assertThat(files(localMix)).contains(Path.of("tokens/megatron-00000.bin"), Path.of("tokens/megatron-00000.idx"),
                Path.of("examples.json"));
        assertSameFiles(localMix, sparkMix);
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
        assertThat(b.toPrettyString()).isEqualTo(a.toPrettyString());
    }

    /** Both folders hold the same files (names and bytes). */
    private static void assertSameFiles(Path a, Path b) throws IOException {
        List<Path> files = files(a);
        assertThat(files(b)).as("files of %s", b).containsExactlyElementsOf(files);
        for (Path f : files) {
            assertThat(java.util.Arrays.equals(Files.readAllBytes(b.resolve(f)), Files.readAllBytes(a.resolve(f))))
                    .as("%s has the same bytes", f).isTrue();
        }
    }

    /** Every regular file under OUT, relative, sorted. */
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
