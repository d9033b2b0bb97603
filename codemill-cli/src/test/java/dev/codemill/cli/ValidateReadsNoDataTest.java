package dev.codemill.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code codemill validate} checks data parameters (a benchmark path exists, is a file or folder,
 * is readable) but reads no data: a benchmark file whose content is not a benchmark passes
 * validate and stops {@code run} before any work.
 */
class ValidateReadsNoDataTest {
    @org.junit.jupiter.api.extension.RegisterExtension
    final ConsoleCapture console = new ConsoleCapture();

    private static Path recipe(Path dir, String benchmark) throws Exception {
        Path r = dir.resolve("r.yaml");
        Files.writeString(r, "name: v\nstages:\n  - {type: decode}\n  - {type: decontaminate, benchmarks: ['"
                + benchmark + "']}\n");
        return r;
    }

    @Test
    void validateDoesNotOpenABenchmarkFileButRunDoes(@TempDir Path tmp) throws Exception {
        // Not JSON at all: loading it fails ("yields no item"), so only a validate that reads it fails.
        Path bench = tmp.resolve("bench.jsonl");
        Files.writeString(bench, "this line is not a benchmark item\n");
        Path r = recipe(tmp, bench.toString());
        assertThat(Main.execute("validate", "--recipe", r.toString())).isZero();
        assertThat(console.stdout()).contains("recipe 'v' is valid: 2 stages: decode → decontaminate");

        Path in = tmp.resolve("in");
        Files.createDirectories(in);
        Files.writeString(in.resolve("a.py"), "print('hello')\n");
        Path out = tmp.resolve("out");
        assertThat(Main.execute("run", in.toString(), "-o", out.toString(), "-q", "--recipe", r.toString()))
                .isEqualTo(Main.USAGE);
        assertThat(console.stderr()).contains(bench.toString());
        assertThat(out).as("the run stops before any work").doesNotExist();
    }

    @Test
    void aMissingBenchmarkPathIsNamedByItsKeyPath(@TempDir Path tmp) throws Exception {
        Path r = recipe(tmp, tmp.resolve("nope.jsonl").toString());
        assertThat(Main.execute("validate", "--recipe", r.toString())).isEqualTo(Main.USAGE);
        assertThat(console.stderr()).contains("stages[1].benchmarks[0]: stage 'decontaminate': key 'benchmarks': "
                + tmp.resolve("nope.jsonl") + " does not exist");
    }

    /** A FIFO blocks whoever opens it for reading until a writer comes: validate must neither open nor accept it. */
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aFifoIsRefusedWithoutBeingOpened(@TempDir Path tmp) throws Exception {
        Path fifo = tmp.resolve("bench.fifo");
        Process mk = new ProcessBuilder("mkfifo", fifo.toString()).start();
        org.junit.jupiter.api.Assumptions.assumeTrue(mk.waitFor() == 0, "mkfifo is not available here");
        Path r = recipe(tmp, fifo.toString());
        assertThat(Main.execute("validate", "--recipe", r.toString())).isEqualTo(Main.USAGE);
        assertThat(console.stderr()).contains("stages[1].benchmarks[0]: stage 'decontaminate': key 'benchmarks': "
                + fifo + " is neither a file nor a folder");
    }
}
