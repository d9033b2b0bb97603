package dev.codemill.cli;

import dev.codemill.testkit.NeedsShared;
import dev.codemill.testkit.SharedData;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.codemill.plan.Recipe;
import dev.codemill.plan.RecipeLoader;
import dev.codemill.plan.StageSpec;
import java.io.IOException;
import java.io.PrintStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code codemill run --benchmarks PATH}: the recipe rewrite and a real run with a planted HumanEval item. */
class BenchmarksOptionTest {
    static final Path BENCHMARKS = SharedData.path("benchmarks");

    @Test
    void replacesTheBenchmarksOfTheDefaultRecipesStage() {
        Recipe r = RunCommand.withBenchmarks(RecipeLoader.loadDefault(), List.of(BENCHMARKS));
        assertThat(r.stages()).extracting(StageSpec::type).containsExactly("decode", "notebook", "language", "vendor", "stats",
                "license", "basic_filters", "repo_tests", "decontaminate", "exact_dedup", "near_dedup", "quality", "redact", "tokens");
        assertThat(r.stages().get(8).params()).containsEntry("benchmarks", List.of(BENCHMARKS.toAbsolutePath().normalize().toString()));
        assertThat(RunCommand.withBenchmarks(RecipeLoader.loadDefault(), List.of()).stages().get(8).params())
                .containsEntry("benchmarks", List.of());
    }

    @Test
    void insertsTheStageBeforeDedupWhenTheRecipeHasNone() throws IOException {
        Recipe plain = RecipeLoader.parse(new java.io.ByteArrayInputStream(
                "name: x\nstages:\n  - {type: decode}\n  - {type: exact_dedup}\n  - {type: tokens}\n".getBytes(StandardCharsets.UTF_8)), "test");
        Recipe r = RunCommand.withBenchmarks(plain, List.of(Path.of("/b/he.jsonl.gz"), Path.of("/b/mbpp.jsonl")));
        assertThat(r.stages()).extracting(StageSpec::type).containsExactly("decode", "decontaminate", "exact_dedup", "tokens");
        assertThat(r.stages().get(1).params()).isEqualTo(Map.of("benchmarks", List.of("/b/he.jsonl.gz", "/b/mbpp.jsonl")));
    }

    @Test
    @NeedsShared("benchmarks")
    void runDropsAPlantedItemWithALedgerRow(@TempDir Path tmp) throws Exception {
        Path in = tmp.resolve("in");
        Files.createDirectories(in);
        Path realFile;
        try (var dirs = Files.list(EndToEndTest.corpus())) {
            realFile = dirs.map(d -> d.resolve("colorsys.py")).filter(Files::isRegularFile).sorted().findFirst().orElseThrow();
        }
        Files.copy(realFile, in.resolve("colorsys.py"));
        String he12 = """
                def longest(strings):
                    if not strings:
                        return None

                    maxlen = max(len(x) for x in strings)
                    for s in strings:
                        if len(s) == maxlen:
                            return s
                """;
        Files.writeString(in.resolve("planted.py"), Files.readString(realFile) + "\n\n" + he12);
        Path out = tmp.resolve("out");
        PrintStream oldErr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        int rc;
        try {
            rc = Main.execute("run", in.toString(), "-o", out.toString(), "--threads", "1", "-q", "--format", "jsonl",
                    "--benchmarks", BENCHMARKS.resolve("HumanEval.jsonl.gz") + "," + BENCHMARKS.resolve("mbpp.jsonl"));
        } finally {
            System.setErr(oldErr);
        }
        assertThat(rc).as(err.toString(StandardCharsets.UTF_8)).isZero();
        List<JsonNode> ledger = EndToEndTest.rows(out.resolve("ledger"));
        assertThat(ledger).hasSize(1);
        JsonNode row = ledger.get(0);
        assertThat(row.get("stage").asText()).isEqualTo("decontaminate");
        assertThat(row.get("rule").asText()).isEqualTo("benchmark_contamination");
        assertThat(row.get("detail").asText()).isEqualTo(
                "HumanEval/12 (solution, exact substring of 92 chars after whitespace normalisation) in HumanEval.jsonl.gz");
        assertThat(row.get("path").asText()).endsWith("planted.py");
        assertThat(EndToEndTest.rows(out.resolve("data"))).hasSize(1);
        // With benchmarks the stage has nothing to warn about.
        assertThat(EndToEndTest.JSON.readTree(out.resolve("stats.json").toFile()).get("warnings").toString()).isEqualTo("[]");
        assertThat(err.toString(StandardCharsets.UTF_8)).doesNotContain("warning");
    }
}
