package dev.codemill.spark;

import static dev.codemill.spark.TestFiles.files;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.codemill.cli.Main;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A recipe with a {@code mix} section runs on Spark (the planner is an aggregate stage: one
 * summary per partition, merged on the driver) and gives the local runner's files, byte for
 * byte, except the timings of stats.json and report.html (compared elsewhere, in
 * {@link SparkEquivalenceTest}). Small input written here: 12 files in three languages.
 */
class SparkMixTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void mixRunsOnSparkWithTheLocalRunnersFiles(@TempDir Path dir) throws Exception {
        Path in = Files.createDirectories(dir.resolve("in/repo"));
        for (int i = 0; i < 4; i++) {
            Files.writeString(in.resolve("m" + i + ".py"), "def f" + i + "(x):\n    return x * " + i + " + len(str(x))\n"
                    + "print(f" + i + "(" + (i * 7) + "))\n".repeat(i + 1));
            Files.writeString(in.resolve("C" + i + ".java"), "class C" + i + " {\n  int g(int y) { return y + " + i
                    + "; }\n}\n" + "// note\n".repeat(i));
            Files.writeString(in.resolve("s" + i + ".js"), "export function h" + i + "(a) { return a - " + i + "; }\n");
        }
        Files.writeString(dir.resolve("r.yaml"), """
                seed: 11
                stages: [{type: decode}, {type: language}, {type: exact_dedup}, {type: tokens}]
                output: {formats: [parquet, jsonl, megatron]}
                mix: {total_tokens: 300, targets: {Python: 0.5}, exclude: [JavaScript], max_epochs: 3}
                """);
        Path local = dir.resolve("local");
        Path spark = dir.resolve("spark");
        String recipe = dir.resolve("r.yaml").toString();
        assertThat(Main.execute("run", in.getParent().toString(), "-o", local.toString(), "-q", "--threads", "2",
                "--recipe", recipe)).isZero();
        assertThat(Main.execute("run", "--runner", "spark", "--master", "local[2]", in.getParent().toString(), "-o",
                spark.toString(), "-q", "--recipe", recipe)).isZero();

        JsonNode manifest = JSON.readTree(local.resolve("manifest.json").toFile());
        JsonNode mixture = manifest.path("mixture");
        assertThat(mixture.path("total_tokens").asLong()).isEqualTo(300);
        assertThat(mixture.path("groups").findValuesAsText("group")).containsExactly("Java", "JavaScript", "Python");
        assertThat(mixture.path("groups").get(1).path("pool").asText()).isEqualTo("excluded");
        assertThat(mixture.path("groups").get(1).path("achieved_documents").asLong()).isZero();
        // stats.json carries the same plan
        assertThat(JSON.readTree(local.resolve("stats.json").toFile()).path("mixture")).isEqualTo(mixture);

        List<Path> files = files(local);
        assertThat(files).contains(Path.of("tokens/megatron-00000.bin"), Path.of("examples.json"), Path.of("manifest.json"));
        assertThat(files(spark)).containsExactlyElementsOf(files);
        for (Path f : files) {
            if (f.toString().equals("stats.json") || f.toString().equals("report.html")) {
                continue; // timings
            }
            assertThat(Files.readAllBytes(spark.resolve(f))).as("%s has the same bytes", f)
                    .isEqualTo(Files.readAllBytes(local.resolve(f)));
        }
        JsonNode a = JSON.readTree(local.resolve("stats.json").toFile());
        JsonNode b = JSON.readTree(spark.resolve("stats.json").toFile());
        ((com.fasterxml.jackson.databind.node.ObjectNode) a).remove("run");
        ((com.fasterxml.jackson.databind.node.ObjectNode) b).remove("run");
        assertThat(b).isEqualTo(a);
    }
}
