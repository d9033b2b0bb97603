package dev.codemill.io.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import com.jerolba.carpet.CarpetWriter;
import com.jerolba.carpet.annotation.ParquetString;
import dev.codemill.io.Inputs;
import dev.codemill.io.Recorder;
import dev.codemill.model.DocId;
import dev.codemill.plan.IngestOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.api.Binary;
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

    /** A content column written from raw bytes, annotated STRING as The Stack's is. */
    record RawRow(String path, @ParquetString Binary content) {
    }

    @Test
    void invalidUtf8InAStringColumnIsQuarantinedAsJsonlDoesNeverReplacedWithFffd() throws Exception {
        // Before: FF FE became two U+FFFD and the row was kept, where JSONL refused the same bytes.
        byte[] bad = "u = 'XX'\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        bad[5] = (byte) 0xFF;
        bad[6] = (byte) 0xFE;
        Path f = tmp.resolve("raw.parquet");
        try (CarpetWriter<RawRow> w = new CarpetWriter<>(new LocalOutputFile(f), RawRow.class)) {
            w.write(new RawRow("ok.py", Binary.fromString("ok = '\uFFFD'\n")));
            w.write(new RawRow("u.py", Binary.fromConstantByteArray(bad)));
            w.write(new RawRow("v.py", Binary.fromString("v = 2\n")));
        }
        Recorder r = Recorder.readAll(Inputs.splits(List.of(f), IngestOptions.DEFAULTS));
        assertThat(r.keptPaths()).containsExactly("|ok.py", "|v.py");
        assertThat(r.kept.get(0).text()).isEqualTo("ok = '\uFFFD'\n"); // a real U+FFFD (EF BF BD) stays
        assertThat(r.refused).singleElement().satisfies(x -> {
            assertThat(x.verdict().rule()).isEqualTo("invalid_unicode");
            assertThat(x.verdict().detail()).isEqualTo("raw.parquet:2: not valid UTF-8 in column content (at byte 5)");
            assertThat(x.doc().id()).isEqualTo(DocId.of("raw.parquet:2"));
        });

        // the same bytes in a JSONL line: the same rule
        Path j = tmp.resolve("raw.jsonl");
        byte[] line = "{\"path\":\"u.py\",\"content\":\"u = 'XX'\"}\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        int at = new String(line, java.nio.charset.StandardCharsets.UTF_8).indexOf("XX");
        line[at] = (byte) 0xFF;
        line[at + 1] = (byte) 0xFE;
        Files.write(j, line);
        Recorder rj = Recorder.readAll(Inputs.splits(List.of(j), IngestOptions.DEFAULTS));
        assertThat(rj.kept).isEmpty();
        assertThat(rj.refused).singleElement().satisfies(x -> assertThat(x.verdict().rule()).isEqualTo("invalid_unicode"));
    }

    @Test
    void invalidUtf8IsFoundInEveryRowGroupSplitWithGlobalRowNumbers() throws Exception {
        Path f = tmp.resolve("groups.parquet");
        byte[] e = "x = '\u00e9'\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] bad = java.util.Arrays.copyOf(e, e.length - 2); // cut inside the two bytes of é, then a newline
        bad[bad.length - 1] = '\n';
        try (CarpetWriter<RawRow> w = new CarpetWriter.Builder<>(new LocalOutputFile(f), RawRow.class)
                .withRowGroupRowCountLimit(5).build()) {
            for (int i = 1; i <= 40; i++) {
                w.write(new RawRow("p" + i + ".py", i == 33 ? Binary.fromConstantByteArray(bad)
                        : Binary.fromString("# " + i + "\n")));
            }
        }
        // splits of one row group each (8 of them): row 33 is row 3 of row group 6
        IngestOptions small = new IngestOptions(8_000_000L, 100.0, 2, "content", "path", "repo_name", "", 1);
        var splits = Inputs.splits(List.of(f), small);
        assertThat(splits).hasSize(8);
        Recorder r = Recorder.readAll(splits);
        assertThat(r.kept).hasSize(39);
        assertThat(r.refused).singleElement().satisfies(x -> assertThat(x.verdict().detail())
                .isEqualTo("groups.parquet:33: not valid UTF-8 in column content (at byte " + (bad.length - 2) + ")"));
    }

    @Test
    void aFlippedByteInAStringPageFailsItsCrcAndNoRowIsKept() throws Exception {
        // Before: the page's CRC-32 was not verified and row 20 was kept with a changed byte.
        Path f = tmp.resolve("flip.parquet");
        try (CarpetWriter<RawRow> w = new CarpetWriter.Builder<>(new LocalOutputFile(f), RawRow.class)
                .withCompressionCodec(org.apache.parquet.hadoop.metadata.CompressionCodecName.UNCOMPRESSED).build()) {
            for (int i = 1; i <= 40; i++) {
                w.write(new RawRow("p" + i + ".py", Binary.fromString("value_" + (i * 7919) + " = " + i + "\n")));
            }
        }
        byte[] data = Files.readAllBytes(f);
        String all = new String(data, java.nio.charset.StandardCharsets.ISO_8859_1);
        int at = all.indexOf(Integer.toString(20 * 7919)); // uncompressed: the value's bytes lie in the page
        assertThat(at).isPositive();
        data[at] = (byte) (data[at] == '1' ? '2' : '1');
        Files.write(f, data);
        Recorder r = Recorder.readAll(Inputs.splits(List.of(f), IngestOptions.DEFAULTS));
        assertThat(r.kept).isEmpty();
        assertThat(r.refused).singleElement().satisfies(x -> {
            assertThat(x.verdict().rule()).isEqualTo("corrupt_input");
            assertThat(x.verdict().detail()).startsWith("flip.parquet:1: ").containsIgnoringCase("crc");
        });
    }
}
