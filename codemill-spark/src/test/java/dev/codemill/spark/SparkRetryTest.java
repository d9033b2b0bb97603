package dev.codemill.spark;

import static dev.codemill.spark.TestFiles.files;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.codemill.cli.Main;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.ExceptionFailure;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The write commit under a retried task: with {@code spark.codemill.test.failWriteOnce=*} the first
 * attempt of every write task writes its parts into its attempt folder and then fails; Spark
 * ({@code local[2,2]}: two tries per task) runs each again, and the driver commits only the
 * attempts whose results it got. OUT must then be the local runner's, byte for byte (a part of a
 * failed attempt renamed too would add rows: duplicate ids in {@code data/} and {@code ledger/}),
 * and no attempt folder may be left. Input written here: two repositories, 7 files, one exact
 * duplicate, one file over {@code max_file_bytes}.
 */
public class SparkRetryTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final AtomicInteger INJECTED = new AtomicInteger();

    /** Counts the task ends that failed with the injected fault ({@code spark.extraListeners}). */
    public static final class InjectedFailures extends SparkListener {
        @Override
        public void onTaskEnd(SparkListenerTaskEnd end) {
            if (end.reason() instanceof ExceptionFailure f && f.description().contains("injected fault")) {
                INJECTED.incrementAndGet();
            }
        }
    }

    @Test
    void aWriteTaskThatFailsOnceIsRetriedWithoutDuplicateRows(@TempDir Path dir) throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        Files.createDirectories(in.resolve("alpha/src"));
        Files.createDirectories(in.resolve("beta"));
        Files.writeString(in.resolve("alpha/src/util.py"), "def add(a, b):\n    return a + b\n\nprint(add(2, 3))\n");
        Files.writeString(in.resolve("alpha/src/Main.java"), "class Main {\n  public static void main(String[] a) {\n"
                + "    System.out.println(a.length);\n  }\n}\n");
        Files.writeString(in.resolve("alpha/README.md"), "# alpha\n\nAdds two numbers.\n");
        Files.writeString(in.resolve("beta/util.py"), "def add(a, b):\n    return a + b\n\nprint(add(2, 3))\n"); // duplicate
        Files.writeString(in.resolve("beta/app.js"), "export const twice = (x) => x * 2;\nconsole.log(twice(21));\n");
        Files.writeString(in.resolve("beta/big.txt"), "x".repeat(3000));
        Files.writeString(in.resolve("beta/notes.txt"), "plain notes\nsecond line\n");
        Files.writeString(dir.resolve("r.yaml"), """
                seed: 5
                ingest: {max_file_bytes: 2000}
                stages: [{type: decode}, {type: language}, {type: exact_dedup}]
                output: {formats: [parquet, jsonl]}
                """);
        Path local = dir.resolve("local");
        Path spark = dir.resolve("spark");
        String recipe = dir.resolve("r.yaml").toString();
        assertThat(Main.execute("run", in.toString(), "-o", local.toString(), "-q", "--threads", "2",
                "--recipe", recipe)).isZero();
        INJECTED.set(0);
        System.setProperty(Faults.FAIL_WRITE_ONCE, "*");
        System.setProperty("spark.extraListeners", InjectedFailures.class.getName());
        try {
            assertThat(Main.execute("run", "--runner", "spark", "--master", "local[2,2]", in.toString(), "-o",
                    spark.toString(), "-q", "--recipe", recipe)).isZero();
        } finally {
            System.clearProperty(Faults.FAIL_WRITE_ONCE);
            System.clearProperty("spark.extraListeners");
        }
        JsonNode stats = JSON.readTree(spark.resolve("stats.json").toFile());
        // a failed first attempt per write partition (the listener bus is drained when the session stops)
        assertThat(INJECTED.get()).isGreaterThanOrEqualTo(1);

        List<Path> files = files(local);
        assertThat(files).contains(Path.of("manifest.json"), Path.of("stats.json"));
        assertThat(files.stream().filter(f -> f.startsWith("data")).count()).isPositive();
        assertThat(files.stream().filter(f -> f.startsWith("ledger")).count()).isPositive();
        assertThat(files(spark)).as("no attempt folder or extra part left").containsExactlyElementsOf(files);
        for (Path f : files) {
            if (f.toString().equals("stats.json") || f.toString().equals("report.html")) {
                continue; // timings
            }
            assertThat(Files.readAllBytes(spark.resolve(f))).as("%s has the same bytes", f)
                    .isEqualTo(Files.readAllBytes(local.resolve(f)));
        }
        JsonNode a = JSON.readTree(local.resolve("stats.json").toFile());
        ((ObjectNode) a).remove("run");
        ((ObjectNode) stats).remove("run");
        assertThat(stats).isEqualTo(a);
        assertThat(a.path("documents").path("kept").asInt()).isEqualTo(5);
    }
}
