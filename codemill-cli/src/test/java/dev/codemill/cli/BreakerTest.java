package dev.codemill.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Hostile inputs, outputs and recipes for run / validate / explain: each was a bug. */
class BreakerTest {
    @org.junit.jupiter.api.extension.RegisterExtension
    final ConsoleCapture console = new ConsoleCapture();

    @TempDir
    Path tmp;

    private String stderr() {
        return console.stderr();
    }

    private Path corpus() throws Exception {
        Path c = tmp.resolve("corpus");
        Files.createDirectories(c.resolve("r"));
        Files.writeString(c.resolve("r/a.py"), "def f(x):\n    return x + 1\n");
        Files.writeString(c.resolve("r/b.py"), "def g(y):\n    return y * 2\n");
        return c;
    }

    private Path recipe(String yaml) throws Exception {
        Path r = tmp.resolve("r" + System.nanoTime() + ".yaml");
        Files.writeString(r, yaml);
        return r;
    }

    @Test
    void theSameInputTwiceIsAUsageErrorNotHalfTheCorpusDroppedAsDuplicatesOfItself() throws Exception {
        // Before: exit 0, every file read twice, and each copy dropped exact_duplicate of itself (id == kept_id).
        Path c = corpus();
        assertThat(Main.execute("run", c.toString(), c.toString(), "-o", tmp.resolve("o").toString(), "-q")).isEqualTo(Main.USAGE);
        assertThat(stderr()).contains("input " + c + " is the same as input " + c);
        assertThat(Main.execute("run", c.toString(), c.resolve("r").toString(), "-o", tmp.resolve("o").toString(), "-q"))
                .isEqualTo(Main.USAGE);
        assertThat(stderr()).contains("input " + c.resolve("r") + " lies inside input " + c);
        assertThat(tmp.resolve("o")).doesNotExist();
    }

    @Test
    void outInsideTheInputIsRefusedBeforeAnyWork() throws Exception {
        // Before: accepted; the next run read the previous data/ledger/stats.json as source files.
        Path c = corpus();
        assertThat(Main.execute("run", c.toString(), "-o", c.resolve("out").toString(), "-q")).isEqualTo(Main.USAGE);
        assertThat(stderr()).contains("OUT " + c.resolve("out") + " lies inside input " + c);
        assertThat(c.resolve("out")).doesNotExist();
    }

    @Test
    void anInputInsideWhatTheRunReplacesIsRefused() throws Exception {
        // Before: 'run OUT/data -o OUT' read the old outputs, then publish() deleted them: the input was destroyed.
        Path o = tmp.resolve("o");
        Files.createDirectories(o.resolve("data"));
        Files.writeString(o.resolve("data/keep.py"), "x = 1\n");
        assertThat(Main.execute("run", o.resolve("data").toString(), "-o", o.toString(), "-q")).isEqualTo(Main.USAGE);
        assertThat(stderr()).contains("lies inside " + o.resolve("data") + ", which the run replaces");
        assertThat(o.resolve("data/keep.py")).hasContent("x = 1\n");
    }

    @Test
    void outThatIsAFileOrCannotBeCreatedIsAUsageErrorWithAMessage() throws Exception {
        // Before: exit 3 with the bare message "codemill: OUT" (FileAlreadyExistsException), and for
        // an uncreatable OUT exit 2 with the wrong message "no such input: OUT".
        Path c = corpus();
        Path file = tmp.resolve("file");
        Files.writeString(file, "x");
        assertThat(Main.execute("run", c.toString(), "-o", file.toString(), "-q")).isEqualTo(Main.USAGE);
        assertThat(stderr()).contains("OUT " + file + " exists and is not a directory");
        assertThat(Main.execute("run", c.toString(), "-o", file.resolve("sub").toString(), "-q")).isEqualTo(Main.USAGE);
        assertThat(stderr()).contains("cannot create OUT " + file.resolve("sub")).doesNotContain("no such input");
    }

    @Test
    void emptyFormatsIsARecipeErrorInValidateAndRunNotAnInternalError() throws Exception {
        // Before: validate said valid, run exited 4 with a stack trace.
        Path r = recipe("stages: [{type: decode}]\noutput: {formats: []}\n");
        assertThat(Main.execute("validate", "--recipe", r.toString())).isEqualTo(Main.USAGE);
        assertThat(Main.execute("run", corpus().toString(), "-o", tmp.resolve("o").toString(), "--recipe", r.toString(), "-q"))
                .isEqualTo(Main.USAGE);
        assertThat(stderr()).contains("key 'formats' needs at least one of [parquet, jsonl]").doesNotContain("Exception");
    }

    @Test
    void aRecipeWithoutStagesOrWithoutDecodeFirstIsARecipeError() throws Exception {
        // Before: 'stages: []' (or no 'stages' key) was valid and wrote raw bytes as text (U+FFFD for
        // non-UTF-8); '[exact_dedup]' was valid and run crashed with a NullPointerException, exit 4.
        assertThat(Main.execute("validate", "--recipe", recipe("stages: []\n").toString())).isEqualTo(Main.USAGE);
        assertThat(stderr()).contains("has no stages (key 'stages' missing or empty)");
        assertThat(Main.execute("validate", "--recipe", recipe("output: {part_bytes: 1000}\n").toString())).isEqualTo(Main.USAGE);
        Path noDecode = recipe("name: nd\nstages: [{type: exact_dedup}]\n");
        assertThat(Main.execute("validate", "--recipe", noDecode.toString())).isEqualTo(Main.USAGE);
        assertThat(Main.execute("run", corpus().toString(), "-o", tmp.resolve("o").toString(), "--recipe", noDecode.toString(), "-q"))
                .isEqualTo(Main.USAGE);
        assertThat(stderr()).contains("recipe 'nd': stage #1 is 'exact_dedup', but the first stage must be 'decode'")
                .doesNotContain("NullPointerException");
        assertThat(Main.execute("validate", "--recipe", recipe("stages: [{type: decode}, {type: exact_dedup}, {type: exact_dedup}]\n")
                .toString())).isZero();
    }

    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aFifoInputNeitherHangsRunNorExplain() throws Exception {
        // Before: both blocked forever opening the FIFO.
        Path fifo = tmp.resolve("pipe.py");
        Process p = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        assertThat(p.waitFor()).isZero();
        Path o = tmp.resolve("o");
        // The only input is refused whole (special_file): exit 3 since issue 12 §5, unless tolerated.
        assertThat(Main.execute("run", fifo.toString(), "-o", o.toString(), "-q", "--format", "jsonl")).isEqualTo(3);
        assertThat(Main.execute("run", fifo.toString(), "-o", o.toString(), "-q", "--format", "jsonl",
                "--tolerate-bad-inputs")).isZero();
        assertThat(Files.readString(o.resolve("stats.json"))).contains("\"quarantined\" : 1").contains("special_file");
        assertThat(Main.execute("explain", fifo.toString())).isZero();
        assertThat(console.stdout()).contains("=> quarantined at ingest: special_file");
    }

    @Test
    void reRunningIntoAFullOutReplacesEverythingAndLeavesNoWorkFolder() throws Exception {
        Path c = corpus();
        Path o = tmp.resolve("o");
        assertThat(Main.execute("run", c.toString(), "-o", o.toString(), "-q", "--recipe",
                recipe("stages: [{type: decode}]\noutput: {part_bytes: 1}\n").toString())).isZero();
        assertThat(list(o.resolve("data"))).hasSize(4); // 2 parts × parquet + jsonl
        assertThat(Main.execute("run", c.toString(), "-o", o.toString(), "-q", "--format", "jsonl")).isZero();
        // the parquet parts are gone; one jsonl part per non-empty hash partition (2 here)
        assertThat(list(o.resolve("data"))).containsExactly("part-00000.jsonl.zst", "part-00001.jsonl.zst");
        assertThat(list(o.resolve("ledger"))).isNotEmpty().allMatch(n -> n.endsWith(".jsonl.zst"));
        assertThat(list(o)).containsExactly(".codemill", ".codemill.lock", "README.md", "data", "examples.json", "ledger",
                "manifest.json", "report.html", "stats.json"); // marker and lock: OutputClaim
    }

    private static java.util.List<String> list(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
