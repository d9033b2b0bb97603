package dev.codemill.io.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import com.jerolba.carpet.CarpetWriter;
import dev.codemill.io.Inputs;
import dev.codemill.io.Recorder;
import dev.codemill.model.DocId;
import dev.codemill.plan.IngestOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.parquet.io.LocalOutputFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParquetDumpReaderTest {
    @TempDir
    Path tmp;

    /** The Stack v2 column names (a subset). */
    @SuppressWarnings("checkstyle:RecordComponentName")
    record StackRow(String blob_id, String repo_name, String path, String content, Long star_events_count,
                    Long fork_events_count, String license_type, List<String> detected_licenses, String language) {
    }

    @Test
    void theStackLayoutBecomesTextDocuments() throws Exception {
        Path f = tmp.resolve("train-00000.parquet");
        try (CarpetWriter<StackRow> w = new CarpetWriter<>(new LocalOutputFile(f), StackRow.class)) {
            w.write(new StackRow("b1", "o/r", "src/a.py", "import os\n", 7L, 1L, "permissive", List.of("MIT"), "Python"));
            w.write(new StackRow(null, "o/r", "b.py", null, null, null, null, null, null));
            w.write(new StackRow("", "o/s", "c.go", "package main\n", null, null, "no_license", List.of(), "Go"));
        }
        Recorder r = Recorder.readAll(Inputs.splits(List.of(f), IngestOptions.DEFAULTS));
        assertThat(r.keptPaths()).containsExactly("o/r|src/a.py", "o/s|c.go");
        assertThat(r.kept.get(0).id()).isEqualTo(DocId.of("train-00000.parquet:1|o/r/src/a.py@"));
        assertThat(r.kept.get(0).text()).isEqualTo("import os\n");
        assertThat(r.kept.get(0).annotations().asMap()).containsExactly(entry("blob_id", "b1"),
                entry("detected_licenses", List.of("MIT")), entry("fork_events_count", 1L), entry("length_bytes", 10L),
                entry("license_type", "permissive"), entry("star_events_count", 7L));
        assertThat(r.kept.get(1).id()).isEqualTo(DocId.of("train-00000.parquet:3|o/s/c.go@"));
        assertThat(r.refused).singleElement().satisfies(x -> {
            assertThat(x.verdict().rule()).isEqualTo("missing_content");
            assertThat(x.verdict().detail()).isEqualTo("train-00000.parquet:2: record has no field 'content' (nor text, code)");
        });
    }

    @Test
    void aCorruptParquetFileIsQuarantined() throws Exception {
        Path f = tmp.resolve("bad.parquet");
        Files.writeString(f, "PAR1 not really parquet");
        Recorder r = Recorder.readAll(Inputs.splits(List.of(f), IngestOptions.DEFAULTS));
        assertThat(r.kept).isEmpty();
        assertThat(r.refused).singleElement().satisfies(x -> {
            assertThat(x.verdict().rule()).isEqualTo("corrupt_input");
            assertThat(x.verdict().detail()).startsWith("bad.parquet:1: ");
        });
    }
}
