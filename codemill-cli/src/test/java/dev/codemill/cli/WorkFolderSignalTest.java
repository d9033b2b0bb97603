package dev.codemill.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14 §4: while a run works, its work folder is owner-only ({@code rwx------}) and so are
 * its spill files and marker log ({@code rw-------}); SIGTERM or Ctrl-C (SIGINT) removes the
 * folder and publishes nothing. Runs {@code codemill} in a forked JVM and signals it.
 */
class WorkFolderSignalTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @CsvSource({"TERM, 143", "INT, 130"})
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void aSignalledRunLeavesNoWorkFolderAndItsSpillsWereOwnerOnly(String signal, int exit) throws Exception {
        Path input = ResumeKillTest.dump(tmp);
        Path recipe = ResumeKillTest.recipe(tmp);
        Path out = tmp.resolve("o");
        Path log = tmp.resolve("run.log");
        Process p = Forked.start("512m", log, "run", input.toString(), "-o", out.toString(), "-q", "--threads", "2",
                "--recipe", recipe.toString());
        Path work = out.resolve(".codemill-work");
        List<Path> spills = List.of();
        while (p.isAlive() && spills.isEmpty()) {
            spills = spillFiles(work);
            Thread.sleep(1);
        }
        assertThat(p.isAlive()).as("the run ended before it spilled: " + Files.readString(log)).isTrue();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(work))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(work.resolve("resume.log"))))
                .isEqualTo("rw-------");
        for (Path f : spills) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).as(f.toString()).isEqualTo("rw-------");
        }
        Forked.signal(p, signal);
        assertThat(p.waitFor()).isEqualTo(exit);
        assertThat(work).as(Files.readString(log)).doesNotExist();
        assertThat(out.resolve("stats.json")).doesNotExist();
        assertThat(out.resolve("data")).doesNotExist();
    }

    private static List<Path> spillFiles(Path work) {
        try (Stream<Path> s = Files.walk(work)) {
            return s.filter(f -> f.getFileName().toString().matches("spill-\\d{5}\\.bin")).toList();
        } catch (Exception e) {
            return List.of(); // not there yet, or changing while walked
        }
    }
}
