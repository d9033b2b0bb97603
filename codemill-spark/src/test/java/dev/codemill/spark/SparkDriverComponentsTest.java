package dev.codemill.spark;

import static dev.codemill.spark.TestFiles.write;
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
 * The near-dedup components both ways on one input: on the driver (the default bound), by the
 * distributed rounds ({@code spark.codemill.driverComponentsMaxEdges=0}) and by the rounds after
 * counting the edges over a bound of 1; OUT must be the local runner's, byte for byte, each time
 * (timings normalised as in {@link SparkEquivalenceTest}). The input: a cluster of three
 * documents (a module and two edits of it), a cluster of two, and two documents without a near
 * duplicate, which have no edge and must pass as on the local runner.
 */
class SparkDriverComponentsTest {
    static final String RECIPE = """
            seed: 3
            stages: [{type: decode}, {type: language}, {type: near_dedup}]
            output: {formats: [parquet, jsonl]}
            """;

    /** A module of {@code n} functions whose names and constants start at {@code base}. */
    static String module(String name, int base, int n) {
        StringBuilder s = new StringBuilder("\"\"\"Helpers of " + name + ".\"\"\"\n\n");
        for (int i = 0; i < n; i++) {
            int k = base + i;
            s.append("def ").append(name).append('_').append(k).append("(values, scale=").append(k).append("):\n")
                    .append("    total = sum(v * scale for v in values if v > ").append(k % 7).append(")\n")
                    .append("    return total // ").append(k % 5 + 1).append(" + len(values)\n\n\n");
        }
        return s.toString();
    }

    @Test
    void componentsOnTheDriverAndDistributedGiveTheLocalRunnersFiles(@TempDir Path dir) throws Exception {
        Path in = dir.resolve("in");
        String parse = module("parse", 10, 24);
        write(in.resolve("alpha/parse.py"), parse);
        write(in.resolve("alpha/parse_copy.py"), parse.replace("scale=12)", "scale=12, strict=False)"));
        write(in.resolve("beta/parse.py"), parse.replace("len(values)\n\n\ndef parse_30", "len(values) - 1\n\n\ndef parse_30"));
        String render = module("render", 500, 20);
        write(in.resolve("beta/render.py"), render);
        write(in.resolve("gamma/render.py"), render.replace("\"\"\"Helpers of render.\"\"\"", "\"\"\"Rendering helpers.\"\"\""));
        write(in.resolve("gamma/solo.py"), module("solo", 9000, 12));
        write(in.resolve("gamma/other.py"), module("other", 70000, 15));
        Files.writeString(dir.resolve("r.yaml"), RECIPE);
        String recipe = dir.resolve("r.yaml").toString();
        Path local = dir.resolve("local");
        assertThat(Main.execute("run", in.toString(), "-o", local.toString(), "-q", "--threads", "2",
                "--recipe", recipe)).isZero();
        SparkEquivalenceTest.normaliseTimings(local);
        JsonNode stats = new ObjectMapper().readTree(local.resolve("stats.json").toFile());
        JsonNode clusters = stats.path("clusters").path("near_dedup");
        assertThat(clusters.path("clusters").asLong()).as("%s", clusters).isEqualTo(2);
        assertThat(clusters.path("documents_in_clusters").asLong()).as("%s", clusters).isEqualTo(5);
        assertThat(stats.path("documents").path("kept").asLong()).as("%s", stats.path("documents")).isEqualTo(4);
        List<Path> files = files(local);
        assertThat(files).contains(Path.of("data/part-00000.parquet"), Path.of("ledger/part-00000.jsonl.zst"));

        // the bound: default (the driver), 0 (the rounds, as before), 1 (the rounds after counting 2+ edges);
        // the input gives 58 bucket edges, 33 and 25 in the 2 key partitions: 58 is the bound exactly reached with
        // the first partition over its share of 29 (the driver, after a second job that fetches it), 57 one short
        for (String bound : new String[] {null, "0", "1", "58", "57"}) {
            Path spark = dir.resolve("spark-" + bound);
            long before = DriverComponents.ON_DRIVER.get();
            if (bound != null) {
                System.setProperty(DriverComponents.MAX_EDGES, bound);
            }
            try {
                assertThat(Main.execute("run", "--runner", "spark", "--master", "local[2]", in.toString(), "-o",
                        spark.toString(), "-q", "--recipe", recipe)).isZero();
            } finally {
                System.clearProperty(DriverComponents.MAX_EDGES);
            }
            assertThat(DriverComponents.ON_DRIVER.get() - before).as("components on the driver, bound %s", bound)
                    .isEqualTo(bound == null || bound.equals("58") ? 1 : 0);
            SparkEquivalenceTest.normaliseTimings(spark);
            assertThat(files(spark)).as("bound %s", bound).containsExactlyElementsOf(files);
            for (Path f : files) {
                assertThat(java.util.Arrays.equals(Files.readAllBytes(spark.resolve(f)), Files.readAllBytes(local.resolve(f))))
                        .as("%s has the same bytes, bound %s", f, bound).isTrue();
            }
        }
    }
}
