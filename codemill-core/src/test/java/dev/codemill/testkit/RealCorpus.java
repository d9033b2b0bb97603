package dev.codemill.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;

/**
 * The small real corpus ({@code ../shared/tools/real-corpus.py DIR small}: slices of code found on
 * this machine, about 700 files in a few seconds), built once per test JVM into a temporary folder
 * that every test of the JVM shares and that is deleted when the JVM exits. Tests that use it are
 * marked {@link NeedsShared}{@code ("tools/real-corpus.py")}; {@link #small()} also checks
 * {@link SharedData#require}, so a test that forgot the mark is skipped (or failed under
 * {@code codemill.requireShared}) rather than failing obscurely.
 *
 * <p>Tests read it and never write into it (copy files out to change them).
 */
public final class RealCorpus {
    private static Path built;

    private RealCorpus() {
    }

    /** The corpus folder (one sub-folder per repository), built on the first call of this JVM. */
    public static synchronized Path small() throws IOException, InterruptedException {
        SharedData.require("tools/real-corpus.py");
        if (built != null) {
            return built;
        }
        Path parent = Files.createTempDirectory("codemill-realcorpus-");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                TestFiles.deleteTree(parent);
            } catch (IOException ignored) {
                // a temporary folder left behind; the OS cleans it
            }
        }));
        Path corpus = parent.resolve("small");
        Path log = parent.resolve("real-corpus.log");
        Path script = SharedData.path("tools", "real-corpus.py");
        Process p = new ProcessBuilder("python3", script.toString(), corpus.toString(), "small")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            Assertions.fail("real-corpus.py did not finish in 10 minutes; log: " + log);
        }
        if (p.exitValue() != 0 || !Files.isDirectory(corpus)) {
            Assertions.fail("real-corpus.py failed (exit " + p.exitValue() + "): "
                    + Files.readString(log, StandardCharsets.UTF_8));
        }
        built = corpus;
        return built;
    }
}
