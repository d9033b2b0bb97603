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

    /** A Python file of about {@code chars} characters: small functions, as a generated module. */
    static String module(int chars) {
        Random r = new Random(5);
        StringBuilder b = new StringBuilder();
        for (int i = 0; b.length() < chars; i++) {
            b.append("def func_").append(i).append("(a, b):\n    x = a * ").append(r.nextInt(1000))
                    .append(" + b\n    return x - ").append(i).append("\n\n");
        }
        return b.toString();
    }

    /**
     * The measured bound (docs/reliability.md, "Memory"): the default recipe needs about 20 bytes
     * of heap per byte of its largest document on top of about 65 MB, so a 3.9 MB file (half the
     * allowed size) completes at {@code -Xmx128m}.
     */
    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void halfTheAllowedSizeCompletesAt128Mb() throws Exception {
        Path in = tmp.resolve("half.py");
        Files.writeString(in, module(3_900_000), StandardCharsets.UTF_8);
        Path out = tmp.resolve("o");
        Path log = tmp.resolve("run.log");
        Process p = Forked.start("128m", log, "run", in.toString(), "-o", out.toString(), "-q", "--threads", "1");
        assertThat(p.waitFor()).as(Files.readString(log)).isZero();
        assertThat(out.resolve("stats.json")).exists();
        assertThat(out.resolve(".codemill-work")).doesNotExist();
    }

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void anAllowedLargeFileAt128MbEndsCleanlyOrInOneLine() throws Exception {
        String b = module(7_800_000);
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
