package dev.codemill.bench.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.codemill.io.archive.ArchiveReader;
import dev.codemill.io.jsonl.JsonlReader;
import dev.codemill.io.parquet.ParquetDumpReader;
import dev.codemill.model.Document;
import dev.codemill.plan.IngestOptions;
import dev.codemill.plan.RecipeLoader;
import dev.codemill.stage.Emitter;
import dev.codemill.stage.RecipeException;
import dev.codemill.stage.Verdict;
import dev.codemill.stages.analysis.lang.LanguageTable;
import dev.codemill.stages.detect.NotebookExtractor;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Coverage-guided fuzzing of the readers with Jazzer (issue 14). Without {@code JAZZER_FUZZ=1}
 * each target runs once per seed in {@code src/test/resources/dev/codemill/bench/fuzz/<Class>Inputs/<method>/}
 * (a regression run of a few seconds); with it, {@code fuzz.sh} runs each target for its budget
 * ({@code maxDuration}). A finding is any exception or error a reader lets out: a reader must
 * turn every bad input into quarantined documents (or, for notebooks and recipes, into their one
 * documented exception).
 */
class ReaderFuzzTest {
    /** Collects outcomes; every document must come with a rule when it is not kept. */
    static final class Counting implements Emitter {
        int kept;
        int refused;

        @Override
        public void keep(Document doc) {
            kept++;
        }

        @Override
        public void drop(Document doc, Verdict why) {
            refused++;
            check(why);
        }

        @Override
        public void quarantine(Document doc, Verdict why) {
            refused++;
            check(why);
        }

        @Override
        public void modified(Document changed, List<Verdict> whys) {
            kept++;
        }

        private static void check(Verdict why) {
            if (why == null || why.rule() == null || why.rule().isEmpty()) {
                throw new AssertionError("a refused document without a rule");
            }
        }
    }

    private static final IngestOptions OPTS = IngestOptions.DEFAULTS;

    /** Writes {@code data} to a temporary file named {@code name} and runs {@code read} on it. */
    private static void onFile(byte[] data, String name, FileRead read) throws IOException {
        Path dir = Files.createTempDirectory("codemill-fuzz");
        Path f = dir.resolve(name);
        try {
            Files.write(f, data);
            Counting out = new Counting();
            read.read(f, out);
        } finally {
            Files.deleteIfExists(f);
            Files.deleteIfExists(dir);
        }
    }

    interface FileRead {
        void read(Path f, Emitter out) throws IOException;
    }

    @FuzzTest(maxDuration = "30s")
    void zip(byte[] data) throws IOException {
        onFile(data, "in.zip", (f, out) -> ArchiveReader.readFile(f, OPTS, out));
    }

    @FuzzTest(maxDuration = "30s")
    void tar(byte[] data) throws IOException {
        onFile(data, "in.tar", (f, out) -> ArchiveReader.readFile(f, OPTS, out));
    }

    @FuzzTest(maxDuration = "30s")
    void tarGz(byte[] data) throws IOException {
        onFile(data, "in.tar.gz", (f, out) -> ArchiveReader.readFile(f, OPTS, out));
    }

    @FuzzTest(maxDuration = "30s")
    void jsonlGz(byte[] data) throws IOException {
        onFile(data, "in.jsonl.gz", (f, out) -> JsonlReader.readFile(f, OPTS, out));
    }

    @FuzzTest(maxDuration = "30s")
    void jsonlZst(byte[] data) throws IOException {
        onFile(data, "in.jsonl.zst", (f, out) -> JsonlReader.readFile(f, OPTS, out));
    }

    @FuzzTest(maxDuration = "30s")
    void jsonl(byte[] data) throws IOException {
        onFile(data, "in.jsonl", (f, out) -> JsonlReader.readFile(f, OPTS, out));
    }

    @FuzzTest(maxDuration = "30s")
    void parquet(byte[] data) throws IOException {
        onFile(data, "in.parquet", (f, out) -> ParquetDumpReader.readFile(f, OPTS, out));
    }

    @FuzzTest(maxDuration = "30s")
    void notebook(byte[] data) {
        String json = new String(data, StandardCharsets.UTF_8);
        try {
            NotebookExtractor.extract(json, true, null, LanguageTable.defaults());
        } catch (NotebookExtractor.BadNotebookException expected) {
            // the one documented refusal: the stage quarantines the document
        }
    }

    @FuzzTest(maxDuration = "30s")
    void recipeYaml(byte[] data) throws IOException {
        try {
            RecipeLoader.parse(new ByteArrayInputStream(data), "fuzz.yaml");
        } catch (RecipeException expected) {
            // the one documented refusal: exit 2 with its message
        }
    }
}
