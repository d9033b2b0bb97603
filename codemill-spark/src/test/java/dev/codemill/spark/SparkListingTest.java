package dev.codemill.spark;

import static dev.codemill.spark.TestFiles.write;
import static org.assertj.core.api.Assertions.assertThat;

import dev.codemill.cli.Main;
import dev.codemill.spark.storage.Locations;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inputs are listed once (issue 18): {@code codemill run --runner spark --master local[2]} on a
 * folder of two repositories (one of 70 files: two batches) walks the folder exactly once in the
 * whole JVM (the driver's listing; before, the executor walked it again, and the CLI before
 * both), and {@code data/} and {@code ledger/} are byte-identical to the local runner's.
 */
class SparkListingTest {
    @Test
    void theFolderIsWalkedOnceAndTheOutputIsTheLocalRunners(@TempDir Path tmp) throws Exception {
        Path in = tmp.resolve("in");
        for (int i = 0; i < 70; i++) {
            write(in.resolve("many/m" + (100 + i) + ".py"), "def f" + i + "(x):\n    return x * " + i + "\n");
        }
        write(in.resolve("many/copy.py"), "def f3(x):\n    return x * 3\n"); // an exact duplicate of m103.py
        write(in.resolve("tools/Main.java"), "class Main {\n  public static void main(String[] a) {}\n}\n");
        write(in.resolve("tools/README.md"), "# tools\n\nSmall helpers.\n");
        Path local = tmp.resolve("local");
        Path spark = tmp.resolve("spark");
        assertThat(Main.execute("run", in.toString(), "-o", local.toString(), "--threads", "1", "-q", "--format", "jsonl"))
                .isZero();
        long walks = Locations.folderWalks();
        assertThat(Main.execute("run", "--runner", "spark", "--master", "local[2]", in.toString(), "-o", spark.toString(),
                "-q", "--format", "jsonl")).isZero();
        assertThat(Locations.folderWalks() - walks).as("folder walks in the JVM of the driver and both executors")
                .isEqualTo(1);
        var expected = SparkSplitTest.tree(local);
        assertThat(expected).isNotEmpty();
        assertThat(SparkSplitTest.tree(spark)).isEqualTo(expected);
    }
}
