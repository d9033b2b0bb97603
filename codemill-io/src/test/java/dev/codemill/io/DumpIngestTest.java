package dev.codemill.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import com.github.luben.zstd.ZstdInputStreamNoFinalizer;
import com.github.luben.zstd.ZstdOutputStream;
import com.jerolba.carpet.CarpetWriter;
import dev.codemill.model.DocId;
import dev.codemill.model.Document;
import dev.codemill.model.Keys;
import dev.codemill.plan.IngestOptions;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.api.Binary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 12 §3 (document identity) and §5 (dumps read whole or refused clearly) on self-written dumps. */
class DumpIngestTest {
    @TempDir
    Path tmp;

    static final String TWO_REPOS = """
            {"blob_id":"b-same","repo_name":"alice/x","path":"util.py","revision_id":"r1","content":"def f():\\n    return 1\\n"}
            {"blob_id":"b-same","repo_name":"bob/y","path":"lib/util.py","revision_id":"r9","content":"def f():\\n    return 1\\n"}
            {"blob_id":"b-same","repo_name":"bob/y","path":"lib/util.py","revision_id":"r10","content":"def f():\\n    return 1\\n"}
            """;

    @Test
    void copiesWithOneBlobIdGetOneIdPerOccurrence() throws Exception {
        Path f = tmp.resolve("dump.jsonl");
        Files.writeString(f, TWO_REPOS);
        Recorder r = Recorder.readAll(Inputs.splits(List.of(f), IngestOptions.DEFAULTS));
        assertThat(r.kept).extracting(Document::id).containsExactly(
                DocId.of("dump.jsonl:1|alice/x/util.py@r1"), DocId.of("dump.jsonl:2|bob/y/lib/util.py@r9"),
                DocId.of("dump.jsonl:3|bob/y/lib/util.py@r10"));
        assertThat(r.kept).extracting(Document::id).doesNotHaveDuplicates();
        assertThat(r.kept).allSatisfy(d -> assertThat(d.get(Keys.BLOB_ID)).isEqualTo("b-same"));
        // One id, whatever the split size (ids use the file's global line numbers).
        for (long bytes = 1; bytes < Files.size(f); bytes += 7) {
            Recorder parts = Recorder.readAll(Inputs.splits(List.of(f), IngestOptions.DEFAULTS.withSplitBytes(bytes)));
            assertThat(parts.kept).extracting(Document::id).containsExactlyElementsOf(
                    r.kept.stream().map(Document::id).toList());
        }
        // An id field the user vouches for is still used verbatim.
        IngestOptions byBlob = new IngestOptions(8_000_000, 100, 2, "content", "path", "repo_name", "blob_id");
        assertThat(Recorder.readAll(Inputs.splits(List.of(f), byBlob)).kept).extracting(d -> d.id().value())
                .containsExactly("b-same", "b-same", "b-same");
    }

    /** A zstd frame whose header asks for a 2^31-byte window, as {@code zstd --long=31} writes. */
    static byte[] zstdLongWindow(byte[] data) throws IOException {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (ZstdOutputStream z = new ZstdOutputStream(bos)) {
            z.setLong(31);
            z.setWindowLog(31);
            z.write(data);
        }
        return bos.toByteArray();
    }

    @Test
    void zstdFramesWithLongWindowsDecode() throws Exception {
        byte[] z = zstdLongWindow("{\"content\":\"a = 1\\n\",\"path\":\"a.py\"}\n".getBytes(StandardCharsets.UTF_8));
        // zstd's default limit (window log 27) refuses this frame: the test would fail without setLongMax.
        assertThatThrownBy(() -> new ZstdInputStreamNoFinalizer(new ByteArrayInputStream(z)).readAllBytes())
                .isInstanceOf(IOException.class).hasMessageContaining("Frame requires too much memory");
        Path f = tmp.resolve("long.jsonl.zst");
        Files.write(f, z);
        Recorder r = Recorder.readAll(Inputs.splits(List.of(f), IngestOptions.DEFAULTS));
        assertThat(r.refused).isEmpty();
        assertThat(r.kept).singleElement().satisfies(d -> assertThat(d.text()).isEqualTo("a = 1\n"));

        // The same for a tar.zst archive.
        Path tar = tmp.resolve("repo.tar.zst");
        Files.write(tar, zstdLongWindow(Archives.tar(Map.of("src/b.py", "b = 2\n"))));
        Recorder t = Recorder.readAll(Inputs.splits(List.of(tar), IngestOptions.DEFAULTS));
        assertThat(t.refused).isEmpty();
        assertThat(t.keptPaths()).containsExactly("repo|src/b.py");
    }

    @Test
    void aJsonStringAsLongAsMaxFileBytesIsRead() throws Exception {
        // Jackson refuses strings over 20,000,000 chars by default (StreamReadConstraints).
        int n = 20_000_010;
        Path f = tmp.resolve("big.jsonl");
        try (OutputStream o = Files.newOutputStream(f)) {
            o.write("{\"path\":\"big.txt\",\"content\":\"".getBytes(StandardCharsets.UTF_8));
            byte[] chunk = "x".repeat(1 << 16).getBytes(StandardCharsets.UTF_8);
            int left = n;
            while (left > 0) {
                int k = Math.min(left, chunk.length);
                o.write(chunk, 0, k);
                left -= k;
            }
            o.write("\"}\n".getBytes(StandardCharsets.UTF_8));
        }
        IngestOptions opts = new IngestOptions(n, 100, 2, "content", "path", "repo_name", "");
        Recorder r = Recorder.readAll(Inputs.splits(List.of(f), opts));
        assertThat(r.refused).isEmpty();
        assertThat(r.kept).singleElement().satisfies(d -> assertThat(d.get(Keys.LENGTH_BYTES)).isEqualTo((long) n));
        // One byte less allowed: the record is too large (measured), not malformed JSON.
        IngestOptions smaller = new IngestOptions(n - 1, 100, 2, "content", "path", "repo_name", "");
        Recorder s = Recorder.readAll(Inputs.splits(List.of(f), smaller));
        assertThat(s.kept).isEmpty();
        assertThat(s.refused).singleElement().satisfies(x -> {
            assertThat(x.verdict().rule()).isEqualTo("too_large");
            assertThat(x.verdict().value()).isEqualTo(String.valueOf(n));
        });
    }

    /** One record as pandas writes it to Parquet: a nullable integer column becomes float64. */
    @SuppressWarnings("checkstyle:RecordComponentName")
    record PandasRow(String blob_id, String repo_name, String path, String content, Double star_events_count,
                     Long fork_events_count, String license_type, List<String> detected_licenses) {
    }

    @Test
    void jsonlAndParquetReadTheSameRecordAlike() throws Exception {
        Path j = tmp.resolve("same.jsonl");
        Files.writeString(j, "{\"blob_id\":\"b7\",\"repo_name\":\"o/r\",\"path\":\"m.go\",\"content\":\"package m\\n\","
                + "\"star_events_count\":12,\"fork_events_count\":3,\"license_type\":\"permissive\","
                + "\"detected_licenses\":[\"MIT\",\"Apache-2.0\"]}\n");
        Path p = tmp.resolve("same.parquet");
        try (CarpetWriter<PandasRow> w = new CarpetWriter<>(new LocalOutputFile(p), PandasRow.class)) {
            w.write(new PandasRow("b7", "o/r", "m.go", "package m\n", 12.0, 3L, "permissive", List.of("MIT", "Apache-2.0")));
        }
        Document a = Recorder.readAll(Inputs.splits(List.of(j), IngestOptions.DEFAULTS)).kept.get(0);
        Document b = Recorder.readAll(Inputs.splits(List.of(p), IngestOptions.DEFAULTS)).kept.get(0);
        assertThat(a.text()).isEqualTo(b.text()).isEqualTo("package m\n");
        assertThat(a.source().repoName() + "/" + a.source().path()).isEqualTo(b.source().repoName() + "/" + b.source().path());
        assertThat(a.annotations().asMap()).isEqualTo(b.annotations().asMap()).containsExactly(entry("blob_id", "b7"),
                entry("detected_licenses", List.of("MIT", "Apache-2.0")), entry("fork_events_count", 3L),
                entry("length_bytes", 10L), entry("license_type", "permissive"), entry("star_events_count", 12L));
        assertThat(a.id()).isEqualTo(DocId.of("same.jsonl:1|o/r/m.go@"));
        assertThat(b.id()).isEqualTo(DocId.of("same.parquet:1|o/r/m.go@"));
    }

    @Test
    void surrogateEscapesInJsonBecomeBytesForDecodeOtherLoneSurrogatesAreQuarantined() throws Exception {
        // Python: json.dumps(open(f, errors="surrogateescape").read()) writes byte 0xE9 as \udce9.
        Path f = tmp.resolve("esc.jsonl");
        Files.writeString(f, "{\"path\":\"caf.py\",\"content\":\"s = 'caf\\udce9'\\n\"}\n"
                + "{\"path\":\"bad.py\",\"content\":\"x\\ud800y\"}\n");
        Recorder r = Recorder.readAll(Inputs.splits(List.of(f), IngestOptions.DEFAULTS));
        assertThat(r.kept).singleElement().satisfies(d -> {
            assertThat(d.isDecoded()).isFalse();
            assertThat(d.bytes()).containsExactly("s = 'caf".getBytes(StandardCharsets.US_ASCII)[0], (byte) ' ',
                    (byte) '=', (byte) ' ', (byte) '\'', (byte) 'c', (byte) 'a', (byte) 'f', (byte) 0xE9, (byte) '\'',
                    (byte) '\n');
            assertThat(d.get(Keys.LENGTH_BYTES)).isEqualTo(11L);
        });
        assertThat(r.refused).singleElement().satisfies(x -> {
            assertThat(x.verdict().rule()).isEqualTo("invalid_unicode");
            assertThat(x.verdict().detail()).startsWith("esc.jsonl:2: field 'content' holds an unpaired surrogate");
        });
    }

    @Test
    void contentAliasesAreTriedInOrderAndRecorded() throws Exception {
        Path f = tmp.resolve("alias.jsonl");
        Files.writeString(f, """
                {"path":"a.py","content":"A","text":"not this"}
                {"path":"b.py","text":"B","code":"not this"}
                {"path":"c.py","code":"C"}
                {"path":"d.py","body":"D"}
                {"path":"e.py","content":7}
                """);
        Recorder r = Recorder.readAll(Inputs.splits(List.of(f), IngestOptions.DEFAULTS));
        assertThat(r.kept).extracting(Document::text).containsExactly("A", "B", "C");
        assertThat(r.kept).extracting(d -> d.get(Keys.CONTENT_FIELD)).containsExactly(null, "text", "code");
        assertThat(r.refused).extracting(x -> x.verdict().detail()).containsExactly(
                "alias.jsonl:4: record has no field 'content' (nor text, code)",
                "alias.jsonl:5: record field 'content' is not a string or bytes but Long");
        IngestOptions none = new IngestOptions(1000, 100, 2, "content", "path", "repo_name", "", 0, List.of(), false);
        assertThat(Recorder.readAll(Inputs.splits(List.of(f), none)).kept).extracting(Document::text).containsExactly("A");
    }

    /** A dump whose content column is Parquet BINARY without a string annotation. */
    record BinaryRow(String repo_name, String path, Binary content) {
    }

    @Test
    void binaryContentColumnsBecomeBytesForTheDecodeStage() throws Exception {
        Path p = tmp.resolve("bin.parquet");
        byte[] latin1 = "s = 'caf\u00e9'\n".getBytes(StandardCharsets.ISO_8859_1);
        try (CarpetWriter<BinaryRow> w = new CarpetWriter<>(new LocalOutputFile(p), BinaryRow.class)) {
            w.write(new BinaryRow("o/r", "c.py", Binary.fromConstantByteArray(latin1)));
        }
        Recorder r = Recorder.readAll(Inputs.splits(List.of(p), IngestOptions.DEFAULTS));
        assertThat(r.kept).singleElement().satisfies(d -> {
            assertThat(d.isDecoded()).isFalse();
            assertThat(d.bytes()).isEqualTo(latin1);
            assertThat(d.get(Keys.LENGTH_BYTES)).isEqualTo(11L);
        });
    }

    @Test
    void everyCompressedDumpNameIsReadAsWhatItHolds() throws Exception {
        byte[] jsonl = "{\"path\":\"a.py\",\"content\":\"a = 1\\n\"}\n{\"path\":\"b.py\",\"content\":\"b = 2\\n\"}\n"
                .getBytes(StandardCharsets.UTF_8);
        List<String> read = new ArrayList<>();
        for (String name : List.of("d.ndjson", "d.jsonl.xz", "d.jsonl.bz2", "d.jsonl.lz4", "d.ndjson.gz", "d.json.gz",
                "d.jsonl.zstd", "d.jsonl.lzma", "d.jsonl.sz", "d.jsonl.Z")) {
            Path f = tmp.resolve(name);
            Files.write(f, Archives.compress(Compression.of(name), jsonl));
            Recorder r = Recorder.readAll(Inputs.splits(List.of(f), IngestOptions.DEFAULTS));
            assertThat(r.refused).as(name).isEmpty();
            assertThat(r.keptPaths()).as(name).containsExactly("|a.py", "|b.py");
            read.add(name);
        }
        assertThat(read).hasSize(10);
        byte[] tar = Archives.tar(Map.of("p/x.c", "int x;\n"));
        for (String name : List.of("r.tar.xz", "r.txz", "r.tar.bz2", "r.tbz2", "r.tar.zst", "r.tzst", "r.tgz",
                "r.tar.lz4")) {
            Path f = tmp.resolve(name);
            Files.write(f, Archives.compress(Compression.of(name), tar));
            Recorder r = Recorder.readAll(Inputs.splits(List.of(f), IngestOptions.DEFAULTS));
            assertThat(r.refused).as(name).isEmpty();
            assertThat(r.keptPaths()).as(name).containsExactly("r|p/x.c");
        }
        // One compressed source file: its decompressed bytes, under its inner name.
        Path py = tmp.resolve("one.py.xz");
        Files.write(py, Archives.compress(Compression.XZ, "print(1)\n".getBytes(StandardCharsets.UTF_8)));
        Recorder one = Recorder.readAll(Inputs.splits(List.of(py), IngestOptions.DEFAULTS));
        assertThat(one.kept).singleElement().satisfies(d -> {
            assertThat(d.source().path()).isEqualTo("one.py");
            assertThat(new String(d.bytes(), StandardCharsets.UTF_8)).isEqualTo("print(1)\n");
        });
    }

    @Test
    void unreadableKindsAreRefusedWholeNeverOneRawDocument() throws Exception {
        Path pq = tmp.resolve("train.parquet.gz");
        Files.write(pq, Archives.compress(Compression.GZIP, "PAR1....PAR1".getBytes(StandardCharsets.US_ASCII)));
        Path br = tmp.resolve("d.jsonl.br");
        Files.write(br, new byte[] {1, 2, 3});
        Path sz = tmp.resolve("repo.7z");
        Files.write(sz, new byte[] {'7', 'z', (byte) 0xBC, (byte) 0xAF, 0x27, 0x1C});
        Recorder r = Recorder.readAll(Inputs.splits(List.of(pq, br, sz), IngestOptions.DEFAULTS));
        assertThat(r.kept).isEmpty();
        assertThat(r.refused).extracting(x -> x.verdict().rule()).containsExactly("unsupported_input",
                "unsupported_input", "unsupported_input");
        assertThat(r.refused).extracting(x -> x.verdict().detail()).containsExactly(
                "compressed Parquet file (gzip): Parquet compresses its own pages and is read with random access; "
                        + "decompress it and give the .parquet file",
                "brotli-compressed input is not read by codemill; extract or decompress it and give the result",
                "random-access archive (.7z) is not read by codemill; extract or decompress it and give the result");
        // A name that says xz but holds something else: corrupt_input, not a raw document.
        Path fake = tmp.resolve("fake.jsonl.xz");
        Files.writeString(fake, "{\"content\":\"plain\"}\n");
        Recorder f = Recorder.readAll(Inputs.splits(List.of(fake), IngestOptions.DEFAULTS));
        assertThat(f.kept).isEmpty();
        assertThat(f.refused).singleElement().satisfies(x -> assertThat(x.verdict().rule()).isEqualTo("corrupt_input"));
    }

    @Test
    void namesMapToTheirCompressionAndInnerName() {
        assertThat(Compression.of("a.JSONL.GZ")).isEqualTo(Compression.GZIP);
        assertThat(Compression.inner("a.tgz")).isEqualTo("a.tar");
        assertThat(Compression.inner("a.tbz2")).isEqualTo("a.tar");
        assertThat(Compression.of("a.tar.Z")).isEqualTo(Compression.UNIX_COMPRESS);
        assertThat(Compression.of("a.z")).isEqualTo(Compression.NONE);
        assertThat(Compression.of("a.parquet")).isEqualTo(Compression.NONE);
    }
}
