package dev.codemill.cli;

import dev.codemill.testkit.NeedsShared;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.codemill.io.megatron.MegatronReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code mix} section on the small real corpus (705 files: CPython 3.11-3.13 stdlib slices,
 * JDK 25, npm; {@link EndToEndTest#corpus()}), decode + language + tokens only. Measured
 * cl100k_base tokens of the kept files: Python 1,106,285 (258 files), Java 355,832 (113),
 * JavaScript 235,082 (216), Markdown 150,831 (95), Text 12,425 (12), JSON 5,593 (11). The achieved
 * figures follow the documents' draws ({@code Seeds.uniform}, purpose {@code mix}); they changed
 * when the draws moved to the one seed function.
 */
class MixtureTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private Path run(String mix) throws Exception {
        Path recipe = tmp.resolve("mix.yaml");
        Files.writeString(recipe, """
                name: mix-test
                seed: 1234
                stages: [{type: decode}, {type: language}, {type: tokens, tokenizer: cl100k_base}]
                output: {formats: [parquet, megatron]}
                """ + mix);
        Path out = tmp.resolve("out");
        assertThat(Main.execute("run", EndToEndTest.corpus().toString(), "-o", out.toString(), "-q",
                "--recipe", recipe.toString())).isZero();
        return out;
    }

    private static Map<String, JsonNode> groups(JsonNode mixture) {
        Map<String, JsonNode> m = new HashMap<>();
        mixture.get("groups").forEach(g -> m.put(g.get("group").asText(), g));
        return m;
    }

    /** Token output = chosen documents with repeats: its documents and tokens (EOS each) match the plan. */
    private static void tokenOutputMatchesPlan(Path out, JsonNode manifest, JsonNode mixture) throws Exception {
        long docs = 0;
        for (JsonNode g : mixture.get("groups")) {
            docs += g.get("achieved_documents").asLong();
        }
        assertThat(manifest.get("documents").asLong()).isEqualTo(docs);
        assertThat(manifest.get("total_tokens").asLong()).isEqualTo(mixture.get("achieved_tokens").asLong() + docs);
        long megatronDocs = 0;
        for (Path prefix : MegatronShards.of(out)) {
            try (MegatronReader r = MegatronReader.open(prefix)) {
                megatronDocs += r.documentCount();
            }
        }
        assertThat(megatronDocs).isEqualTo(docs);
        // data/ is the refined corpus, unchanged: every kept file once.
        long parquetDocs = 0;   // one shard per non-empty hash partition
        for (JsonNode shard : manifest.at("/data/parquet/shards")) {
            parquetDocs += shard.get("documents").asLong();
        }
        assertThat(parquetDocs).isEqualTo(705);
    }

    @Test
    @NeedsShared("tools/real-corpus.py (small real corpus)")
    void feasibleTargetsAreMetWithinOnePercentagePoint() throws Exception {
        Path out = run("""
                mix:
                  total_tokens: 2000000
                  by: language
                  targets: {Python: 0.3, Java: 0.2}
                  max_epochs: 4
                """);
        JsonNode manifest = JSON.readTree(out.resolve("manifest.json").toFile());
        JsonNode mixture = manifest.get("mixture");
        assertThat(JSON.readTree(out.resolve("stats.json").toFile()).get("mixture")).isEqualTo(mixture);
        assertThat(mixture.get("infeasible")).isEmpty();
        Map<String, JsonNode> g = groups(mixture);
        // Python is down-sampled (rate < 1, one epoch at most), Java up-sampled (some files twice).
        assertThat(g.get("Python").get("available_tokens").asLong()).isEqualTo(1_106_285);
        assertThat(g.get("Python").get("achieved_tokens").asLong()).isEqualTo(602_491);
        assertThat(g.get("Python").get("achieved_documents").asLong()).isEqualTo(128);
        assertThat(g.get("Python").get("epochs").asInt()).isEqualTo(1);
        assertThat(g.get("Java").get("achieved_tokens").asLong()).isEqualTo(400_323);
        assertThat(g.get("Java").get("achieved_documents").asLong()).isEqualTo(133);
        assertThat(g.get("Java").get("epochs").asInt()).isEqualTo(2);
        // The rest (0.5) goes to the other languages at one shared rate, in their natural proportions.
        assertThat(g.get("JavaScript").get("pool").asText()).isEqualTo("rest");
        assertThat(g.get("JavaScript").get("rate").asDouble()).isEqualTo(g.get("Markdown").get("rate").asDouble());
        assertThat(mixture.get("achieved_tokens").asLong()).isEqualTo(2_003_190);
        double python = g.get("Python").get("achieved_share").asDouble();
        double java = g.get("Java").get("achieved_share").asDouble();
        assertThat(python).isCloseTo(0.3, within(0.01)).isEqualTo(0.300766);
        assertThat(java).isCloseTo(0.2, within(0.01)).isEqualTo(0.199843);
        double restShare = 0;
        for (JsonNode n : g.values()) {
            if (n.get("pool").asText().equals("rest")) {
                restShare += n.get("achieved_share").asDouble();
            }
        }
        assertThat(restShare).isCloseTo(0.5, within(0.01));
        tokenOutputMatchesPlan(out, manifest, mixture);
    }

    @Test
    @NeedsShared("tools/real-corpus.py (small real corpus)")
    void infeasibleTargetsAreReportedAndTheirShortfallRedistributed() throws Exception {
        Path out = run("""
                mix:
                  total_tokens: 2000000
                  by: language
                  targets: {Python: 0.3, Java: 0.5, Rust: 0.05}
                  exclude: [Markdown]
                  max_epochs: 2
                """);
        JsonNode manifest = JSON.readTree(out.resolve("manifest.json").toFile());
        JsonNode mixture = manifest.get("mixture");
        assertThat(mixture.get("infeasible").toString()).isEqualTo("[\"Java\",\"Rust\"]");
        Map<String, JsonNode> g = groups(mixture);
        assertThat(g.get("Java").get("infeasible").asText())
                .isEqualTo("needs 1000000 tokens, but 355832 available × max_epochs 2 = 711664");
        assertThat(g.get("Java").get("achieved_tokens").asLong()).isEqualTo(711_664);
        assertThat(g.get("Rust").get("infeasible").asText()).isEqualTo("absent: no kept document has language = Rust");
        assertThat(g.get("Rust").get("achieved_tokens").asLong()).isZero();
        assertThat(g.get("Markdown").get("pool").asText()).isEqualTo("excluded");
        assertThat(g.get("Markdown").get("achieved_tokens").asLong()).isZero();
        // Shortfall 288,336 (Java) + 100,000 (Rust) goes to Python (0.3) and the rest (0.15) as 2:1.
        assertThat(g.get("Python").get("planned_tokens").asLong()).isEqualTo(858_891);
        assertThat(g.get("Python").get("achieved_tokens").asLong()).isEqualTo(863_960);
        assertThat(mixture.get("achieved_tokens").asLong()).isEqualTo(2_004_343);
        assertThat(mixture.get("unallocated_tokens").asLong()).isZero();
        tokenOutputMatchesPlan(out, manifest, mixture);
    }
}
