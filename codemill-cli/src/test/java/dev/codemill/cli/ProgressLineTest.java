package dev.codemill.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codemill.run.Progress;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The progress display's lines, exactly; and what it prints when stderr is not a terminal. */
class ProgressLineTest {
    @RegisterExtension
    final ConsoleCapture console = new ConsoleCapture();

    @TempDir
    Path tmp;

    @Test
    void aRunPrintsOneLinePerPhase() throws Exception {
        Path repo = tmp.resolve("in/repo");
        Files.createDirectories(repo);
        String code = "def f(x):\n    return x + 1\n";
        Files.writeString(repo.resolve("a.py"), code);
        Files.writeString(repo.resolve("b.py"), code);
        Files.writeString(repo.resolve("c.py"), "print('other')\n");
        Path recipe = tmp.resolve("r.yaml");
        Files.writeString(recipe, "stages: [{type: decode}, {type: exact_dedup}, {type: near_dedup}]\noutput: {formats: [jsonl]}\n");
        assertThat(Main.execute("run", tmp.resolve("in").toString(), "-o", tmp.resolve("out").toString(), "--recipe",
                recipe.toString())).isZero();
        // stderr is not a terminal here: the phase lines only, no redrawn line.
        assertThat(console.stderr()).doesNotContain("\r");
        String[] phases = Arrays.stream(console.stderr().split("\n")).filter(l -> l.startsWith("[")).toArray(String[]::new);
        assertThat(phases).hasSize(4);
        assertThat(phases[0]).matches("\\[1/4] reading done in 0:\\d\\d: 3 files · input 0\\.0 MB on disk \\(compressed\\) "
                + "· documents 0\\.0 MB uncompressed");
        assertThat(phases[1]).matches("\\[2/4] exact_dedup done in 0:\\d\\d: 3 documents");
        assertThat(phases[2]).matches("\\[3/4] near_dedup done in 0:\\d\\d: 2 documents");
        assertThat(phases[3]).matches("\\[4/4] writing done in 0:\\d\\d: 2 documents");
        // --quiet: none.
        int before = console.stderr().length();
        assertThat(Main.execute("run", tmp.resolve("in").toString(), "-o", tmp.resolve("out2").toString(), "-q",
                "--recipe", recipe.toString())).isZero();
        assertThat(console.stderr().substring(before)).doesNotContain("done in");
    }
    @Test
    void readingShowsCompressedInputAndUncompressedDocumentsApart() {
        // 50 of 200 MB on disk in 10 s: 5.0 MB/s, 150 MB left = 30 s.
        var s = new Progress.Snapshot(1, 4, "reading", 50_000_000, 200_000_000, 10, 1234, 812_300_000);
        assertThat(ProgressLine.running(s)).isEqualTo("[1/4] reading: 1,234 files · input 50.0 of 200.0 MB on disk "
                + "(compressed) · documents 812.3 MB uncompressed · 5.0 MB/s · ETA 0:30 for reading");
        assertThat(ProgressLine.finished(new Progress.Snapshot(1, 4, "reading", 200_000_000, 200_000_000, 72.4, 5000,
                900_000_000))).isEqualTo("[1/4] reading done in 1:12: 5,000 files · input 200.0 MB on disk (compressed) "
                + "· documents 900.0 MB uncompressed");
        // Total unknown (a stream): no "of", no ETA; nothing read to the end yet: no rate.
        assertThat(ProgressLine.running(new Progress.Snapshot(1, 3, "reading", 0, -1, 2, 10, 1_000_000)))
                .isEqualTo("[1/3] reading: 10 files · input 0.0 MB on disk (compressed) · documents 1.0 MB uncompressed");
    }

    @Test
    void laterPhasesCountDocumentsWithTheirOwnEta() {
        // 1,200 of 5,000 in 20 s: 60 docs/s, 3,800 left = 63.3 s = 1:03.
        assertThat(ProgressLine.running(new Progress.Snapshot(2, 4, "near_dedup", 1200, 5000, 20, 1234, 0)))
                .isEqualTo("[2/4] near_dedup: 1,200 of 5,000 documents (24%) · ETA 1:03 for near_dedup");
        // Clustering before the first decision: no rate yet, no ETA.
        assertThat(ProgressLine.running(new Progress.Snapshot(2, 4, "near_dedup", 0, 5000, 40, 1234, 0)))
                .isEqualTo("[2/4] near_dedup: 0 of 5,000 documents (0%)");
        assertThat(ProgressLine.finished(new Progress.Snapshot(4, 4, "writing", 4000, 4000, 3725, 1234, 0)))
                .isEqualTo("[4/4] writing done in 1:02:05: 4,000 documents");
        assertThat(ProgressLine.clock(59.6)).isEqualTo("1:00");
    }

    @Test
    void notOnATerminalOnlyPhaseChangesArePrinted() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Progress p = new Progress();
        p.totalBytes(300);
        p.plan(3);
        try (ProgressDisplay d = ProgressDisplay.start(p, err, false)) {
            p.reading();
            p.read(1000);
            p.read(500);
            p.splitRead(300);
            long[] decided = {7};
            p.phase("near_dedup", 2, 2, () -> decided[0]);
            decided[0] = 9;
            p.phase("writing", 3, 1, () -> 1);
            p.phase("publishing");
            Thread.sleep(2 * ProgressDisplay.INTERVAL_MS);
        }
        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
        assertThat(lines).hasSize(3);
        assertThat(lines[0]).matches("\\[1/3] reading done in 0:0\\d: 2 files · input 0\\.0 MB on disk \\(compressed\\) "
                + "· documents 0\\.0 MB uncompressed");
        assertThat(lines[1]).matches("\\[2/3] near_dedup done in 0:0\\d: 2 documents");
        assertThat(lines[2]).matches("\\[3/3] writing done in 0:0\\d: 0 documents");
    }
}
