package dev.codemill.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14 §5: the default recipe on one allowed 7.8 MB Python file at {@code -Xmx128m} died
 * with "Exception in thread main java.lang.OutOfMemoryError" and a stack trace, exit 1. Now the
 * run either ends normally or says so in one line, exit 3, leaving no work folder and no
 * partial output. Forks a JVM with {@code -Xmx128m}.
 */
class OutOfMemoryTest {
    @TempDir
    Path tmp;

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void anAllowedLargeFileAt128MbEndsCleanlyOrInOneLine() throws Exception {
        Random r = new Random(5);
        StringBuilder b = new StringBuilder();
        for (int i = 0; b.length() < 7_800_000; i++) {
            b.append("def func_").append(i).append("(a, b):\n    x = a * ").append(r.nextInt(1000))
                    .append(" + b\n    return x - ").append(i).append("\n\n");
        }
        Path in = tmp.resolve("big.py");
        Files.writeString(in, b, StandardCharsets.UTF_8);
        Path out = tmp.resolve("o");
        Path log = tmp.resolve("run.log");

        Process p = Forked.start("128m", log, "run", in.toString(), "-o", out.toString(), "-q", "--threads", "1");
        int rc = p.waitFor();

        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8).stream()
                .filter(l -> !l.startsWith("codemill: warning:")).toList();
        String all = String.join("\n", lines);
        assertThat(all).doesNotContain("Exception in thread").doesNotContain("\tat ");
        assertThat(out.resolve(".codemill-work")).doesNotExist();
        if (rc == 0) {
            assertThat(out.resolve("stats.json")).exists();
        } else {
            assertThat(rc).as(all).isEqualTo(3);
            assertThat(lines).as(all).hasSize(1);
            assertThat(lines.get(0)).startsWith("codemill: out of memory: the Java heap (at most ")
                    .contains("CODEMILL_JAVA_OPTS=-Xmx2g");
            assertThat(out.resolve("stats.json")).doesNotExist();
            assertThat(out.resolve("data")).doesNotExist();
        }
    }
}
