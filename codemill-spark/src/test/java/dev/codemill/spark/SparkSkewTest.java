package dev.codemill.spark;

import static dev.codemill.spark.TestFiles.write;
import static dev.codemill.spark.TestFiles.files;
import static org.assertj.core.api.Assertions.assertThat;

import dev.codemill.cli.Main;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The skew guard end to end: with {@code spark.codemill.groupSliceBytes} at 200 bytes every
 * group of {@code license} and {@code repo_tests} here is a giant and runs in slices (a licensed
 * repository with a test and five modules, and four files at the input root, which have no
 * repository name and share group {@code ""}); OUT must still be the local runner's, byte for
 * byte (timings normalised as in {@link SparkEquivalenceTest}).
 */
class SparkSkewTest {
    static final String RECIPE = """
            seed: 5
            stages: [{type: decode}, {type: language}, {type: license, keep: [permissive, no_license]}, {type: repo_tests}]
            output: {formats: [parquet, jsonl]}
            """;

    @Test
    void slicedGroupsGiveTheLocalRunnersFiles(@TempDir Path dir) throws Exception {
        Path in = dir.resolve("in");
        write(in.resolve("calc/LICENSE"), "SPDX-License-Identifier: MIT\n");
        write(in.resolve("calc/README.md"), "# calc\n\nAdds and multiplies numbers.\n");
        write(in.resolve("calc/tests/test_ops.py"), """
                from calc.ops import add, mul


                def test_add():
                    assert add(2, 3) == 5


                def test_mul():
                    assert mul(2, 3) == 6
                """);
        write(in.resolve("calc/calc/ops.py"), "def add(a, b):\n    return a + b\n\n\ndef mul(a, b):\n    return a * b\n");
        for (int i = 0; i < 5; i++) {
            write(in.resolve("calc/calc/m" + i + ".py"), "def f" + i + "(x):\n    return x + " + i + "\n");
        }
        write(in.resolve("notes.py"), "# SPDX-License-Identifier: GPL-3.0-only\nNOTE = 'kept out: copyleft'\n");
        write(in.resolve("solo.py"), "def solo():\n    return 'no repository'\n");
        write(in.resolve("test_solo.py"), "from solo import solo\n\n\ndef test_solo():\n    assert solo() == 'no repository'\n");
        write(in.resolve("README.md"), "# loose files\n\nLicensed under the MIT License.\n");
        Files.writeString(dir.resolve("r.yaml"), RECIPE);
        Path local = dir.resolve("local");
        Path spark = dir.resolve("spark");
        String recipe = dir.resolve("r.yaml").toString();
        assertThat(Main.execute("run", in.toString(), "-o", local.toString(), "-q", "--threads", "2",
                "--recipe", recipe)).isZero();
        long before = SkewGuard.SLICED_GROUPS.get();
        System.setProperty(SkewGuard.CONF, "200");
        try {
            assertThat(Main.execute("run", "--runner", "spark", "--master", "local[2]", in.toString(), "-o",
                    spark.toString(), "-q", "--recipe", recipe)).isZero();
        } finally {
            System.clearProperty(SkewGuard.CONF);
        }
        // calc and "" before license, and again before repo_tests
        assertThat(SkewGuard.SLICED_GROUPS.get() - before).as("giant groups sliced").isEqualTo(4);
        for (Path out : List.of(local, spark)) {
            SparkEquivalenceTest.normaliseTimings(out);
        }
        List<Path> files = files(local);
        assertThat(files).contains(Path.of("data/part-00000.parquet"), Path.of("ledger/part-00000.jsonl.zst"));
        assertThat(files(spark)).containsExactlyElementsOf(files);
        for (Path f : files) {
            assertThat(java.util.Arrays.equals(Files.readAllBytes(spark.resolve(f)), Files.readAllBytes(local.resolve(f))))
                    .as("%s has the same bytes", f).isTrue();
        }
        com.fasterxml.jackson.databind.JsonNode docs = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(local.resolve("stats.json").toFile()).path("documents");
        assertThat(docs.path("in").asLong()).as("%s", docs).isEqualTo(13);
        assertThat(docs.path("dropped").asLong()).as("the copyleft file at the root; %s", docs).isEqualTo(1);
    }
}
