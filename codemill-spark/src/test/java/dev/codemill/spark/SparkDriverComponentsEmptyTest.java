package dev.codemill.spark;

import static dev.codemill.spark.TestFiles.files;
import static org.assertj.core.api.Assertions.assertThat;
import dev.codemill.cli.Main;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * near_dedup on Spark with no edge (two documents without a near duplicate) and with no unit (the
 * only file is binary, dropped by decode): components on the driver over an empty graph, and
 * OUT the local runner's, byte for byte (timings normalised as in {@link SparkEquivalenceTest}).
 */
class SparkDriverComponentsEmptyTest {
    @Test
    void noEdgeAndNoUnitGiveTheLocalRunnersFiles(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("r.yaml"), SparkDriverComponentsTest.RECIPE);
        Path noEdges = dir.resolve("a");
        Files.createDirectories(noEdges);
        Files.writeString(noEdges.resolve("x.py"), SparkDriverComponentsTest.module("solo", 9000, 12));
        Files.writeString(noEdges.resolve("y.py"), SparkDriverComponentsTest.module("other", 70000, 15));
        Path noUnits = dir.resolve("b");
        Files.createDirectories(noUnits);
        Files.write(noUnits.resolve("z.bin"), new byte[] {0, 1, 2, 0, (byte) 0xff, 0, 0, 7, 0, 0});
        for (Path in : new Path[] {noEdges, noUnits}) {
            Path local = dir.resolve("local-" + in.getFileName());
            assertThat(Main.execute("run", in.toString(), "-o", local.toString(), "-q", "--threads", "2", "--recipe", dir.resolve("r.yaml").toString())).isZero();
            SparkEquivalenceTest.normaliseTimings(local);
            long before = DriverComponents.ON_DRIVER.get();
            Path spark = dir.resolve("spark-" + in.getFileName());
            assertThat(Main.execute("run", "--runner", "spark", "--master", "local[2]", in.toString(), "-o", spark.toString(), "-q", "--recipe", dir.resolve("r.yaml").toString())).isZero();
            assertThat(DriverComponents.ON_DRIVER.get() - before).as("components on the driver, %s", in).isEqualTo(1);
            SparkEquivalenceTest.normaliseTimings(spark);
            List<Path> files = files(local);
            assertThat(files(spark)).containsExactlyElementsOf(files);
            for (Path f : files) {
                assertThat(Files.readAllBytes(spark.resolve(f))).as("%s %s", in, f).isEqualTo(Files.readAllBytes(local.resolve(f)));
            }
            assertThat(Files.readString(local.resolve("stats.json"))).contains("\"union_find_units\" : 0");
        }
    }
}
