package dev.codemill.io;

import dev.codemill.testkit.NeedsShared;
import dev.codemill.testkit.SharedData;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.jerolba.carpet.CarpetWriter;
import dev.codemill.model.DocId;
import dev.codemill.model.Document;
import dev.codemill.plan.IngestOptions;
import dev.codemill.run.Split;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.LocalOutputFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Splitting one large JSONL / Parquet dump gives exactly the documents of reading it whole. */
class FileSplitsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    static IngestOptions split(long bytes) {
        return IngestOptions.DEFAULTS.withSplitBytes(bytes);
    }

    /** Source files of the shared cases (real code), sorted by path. */
    static List<Path> realFiles() throws Exception {
        Path cases = SharedData.path("cases");
        try (Stream<Path> s = Files.walk(cases)) {
            return s.filter(Files::isRegularFile)
                    .filter(p -> p.toString().endsWith(".py") || p.toString().endsWith(".md"))
                    .sorted().limit(12).toList();
        }
    }

    /** id | text | source | annotations of each kept document, and id | rule | detail of each refusal. */
    static List<String> render(Recorder r) {
        List<String> out = new ArrayList<>();
        for (Document d : r.kept) {
            out.add("keep " + d.id() + " | " + d.text() + " | " + d.source() + " | " + d.annotations().asMap());
        }
        for (Recorder.Refusal f : r.refused) {
            out.add("refuse " + f.doc().id() + " | " + f.verdict().rule() + " | " + f.verdict().detail() + " | "
                    + f.doc().annotations().asMap());
        }
        return out;
    }

    /**
     * A dump of real files: line 1 has a blob_id, the others get FILE:LINE ids; line 6 is broken
     * JSON, line 9 is blank; lines end in CRLF from line 10 on.
     */
    Path realDump(String ending) throws Exception {
        List<Path> files = realFiles();
        assertThat(files).hasSize(12);
        StringBuilder sb = new StringBuilder();
        int line = 0;
        int written = 0;
        for (Path f : files) {
            line++;
            written++;
            Map<String, Object> rec = new LinkedHashMap<>();
            if (line == 1) {
                rec.put("blob_id", "blob-one");
            }
            rec.put("repo_name", "cases/" + f.getParent().getFileName());
            rec.put("path", f.getFileName().toString());
            rec.put("content", Files.readString(f, StandardCharsets.ISO_8859_1));
            String eol = line >= 10 ? "\r\n" : "\n";
            sb.append(JSON.writeValueAsString(rec));
            if (written < files.size()) {
                sb.append(eol);
            }
            if (line == 5) {
                sb.append("{\"content\": \"broken").append(eol);
                line++;
            }
            if (line == 8) {
                sb.append("   ").append(eol);
                line++;
            }
        }
        sb.append(ending);
        Path p = tmp.resolve("dump.jsonl");
        Files.writeString(p, sb.toString(), StandardCharsets.UTF_8);
        return p;
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "\n", "\n\n", "\r\n"})
    @NeedsShared("cases (JSONL and Parquet dumps)")
    void jsonlSplitsReadTheSameDocumentsAsOneSplit(String ending) throws Exception {
        Path dump = realDump(ending);
        long size = Files.size(dump);
        List<Split> whole = Inputs.splits(List.of(dump), split(0));
        assertThat(whole).singleElement().satisfies(s -> assertThat(s.name()).isEqualTo(dump.toString()));
        Recorder expected = Recorder.readAll(whole);
        assertThat(expected.kept).hasSize(12);
        // Ids are occurrences (file:line|repo/path@revision), blob_id an annotation (issue 12 §3).
        List<Path> files = realFiles();
        assertThat(expected.kept.get(0).id()).isEqualTo(DocId.of("dump.jsonl:1|cases/"
                + files.get(0).getParent().getFileName() + "/" + files.get(0).getFileName() + "@"));
        assertThat(expected.kept.get(0).get(dev.codemill.model.Keys.BLOB_ID)).isEqualTo("blob-one");
        assertThat(expected.kept.get(1).id()).isEqualTo(DocId.of("dump.jsonl:2|cases/"
                + files.get(1).getParent().getFileName() + "/" + files.get(1).getFileName() + "@"));
        assertThat(expected.kept.get(11).id()).isEqualTo(DocId.of("dump.jsonl:14|cases/"
                + files.get(11).getParent().getFileName() + "/" + files.get(11).getFileName() + "@"));
        assertThat(expected.refused).singleElement().satisfies(f -> {
            assertThat(f.verdict().rule()).isEqualTo("malformed_json");
            assertThat(f.verdict().detail()).startsWith("dump.jsonl:6: ");
            assertThat(f.doc().id()).isEqualTo(DocId.of("dump.jsonl:6"));
        });

        for (long bytes : new long[] {300, 301, 1000, 4096, size - 1}) {
            List<Split> parts = Inputs.splits(List.of(dump), split(bytes));
            assertThat(parts).hasSize((int) ((size + bytes - 1) / bytes));
            assertThat(parts.get(0).name()).isEqualTo(dump + "#bytes=0-" + bytes);
            assertThat(parts.get(parts.size() - 1).name()).endsWith("-" + size);
            assertThat(parts.stream().mapToLong(Split::sizeBytes).sum()).isEqualTo(size);
            assertThat(parts.stream().map(Split::name).distinct().count()).isEqualTo(parts.size());
            assertThat(render(Recorder.readAll(parts))).as("split_bytes %d", bytes)
                    .containsExactlyElementsOf(render(expected));
        }
        // Splits read in any order (threads, executors) give the same documents.
        List<Split> parts = new ArrayList<>(Inputs.splits(List.of(dump), split(300)));
        java.util.Collections.reverse(parts);
        assertThat(render(Recorder.readAll(parts))).containsExactlyInAnyOrderElementsOf(render(expected));
    }

    @Test
    void everyByteBoundaryOfASmallDumpKeepsLinesWholeAndNumbered() throws Exception {
        // Line 1: BOM; 2: CRLF; 3: empty; 4: bad JSON; 5: no trailing newline.
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        String body = "{\"content\":\"a\"}\n{\"content\":\"bé\",\"path\":\"x.py\"}\r\n\n[1]\n{\"content\":\"cc\"}";
        Path dump = tmp.resolve("small.jsonl");
        try (OutputStream o = Files.newOutputStream(dump)) {
            o.write(bom);
            o.write(body.getBytes(StandardCharsets.UTF_8));
        }
        Recorder expected = Recorder.readAll(Inputs.splits(List.of(dump), split(0)));
        assertThat(expected.kept).extracting(Document::id).containsExactly(
                DocId.of("small.jsonl:1"), DocId.of("small.jsonl:2|/x.py@"), DocId.of("small.jsonl:5"));
        assertThat(expected.kept).extracting(Document::text).containsExactly("a", "bé", "cc");
        assertThat(expected.refused).singleElement().satisfies(f -> assertThat(f.verdict().detail())
                .isEqualTo("small.jsonl:4: expected a JSON object, got ArrayList"));
        long size = Files.size(dump);
        for (long bytes = 1; bytes < size; bytes++) {
            List<Split> parts = Inputs.splits(List.of(dump), split(bytes));
            assertThat(render(Recorder.readAll(parts))).as("split_bytes %d", bytes)
                    .containsExactlyElementsOf(render(expected));
        }
        assertThat(Inputs.splits(List.of(dump), split(size))).singleElement()
                .satisfies(s -> assertThat(s.name()).isEqualTo(dump.toString()));
    }

    @Test
    void compressedJsonlStaysOneSplit() throws Exception {
        Path gz = tmp.resolve("d.jsonl.gz");
        try (OutputStream o = new java.util.zip.GZIPOutputStream(Files.newOutputStream(gz))) {
            for (int i = 0; i < 200; i++) {
                o.write(("{\"content\":\"line " + i + "\"}\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        assertThat(Files.size(gz)).isGreaterThan(10);
        List<Split> parts = Inputs.splits(List.of(gz), split(10));
        assertThat(parts).singleElement().satisfies(s -> assertThat(s.name()).isEqualTo(gz.toString()));
        assertThat(Recorder.readAll(parts).kept).hasSize(200);
    }

    /** The Stack v2 column names (a subset). */
    @SuppressWarnings("checkstyle:RecordComponentName")
    record StackRow(String blob_id, String repo_name, String path, String content, String language) {
    }

    @Test
    @NeedsShared("cases (JSONL and Parquet dumps)")
    void parquetSplitsByRowGroupsWithGlobalRowNumbers() throws Exception {
        Path f = tmp.resolve("train-00000.parquet");
        List<Path> files = realFiles();
        try (CarpetWriter<StackRow> w = new CarpetWriter.Builder<>(new LocalOutputFile(f), StackRow.class)
                .withRowGroupRowCountLimit(2).withPageRowCountLimit(1).build()) {
            int row = 0;
            for (Path p : files) {
                row++;
                String content = row == 7 ? null : Files.readString(p, StandardCharsets.ISO_8859_1);
                w.write(new StackRow(row == 1 ? "blob-one" : null, "cases/" + p.getParent().getFileName(),
                        p.getFileName().toString(), content, "Python"));
            }
        }
        int groups;
        long total;
        try (ParquetFileReader r = ParquetFileReader.open(new LocalInputFile(f))) {
            groups = r.getFooter().getBlocks().size();
            total = r.getFooter().getBlocks().stream().mapToLong(b -> b.getCompressedSize()).sum();
        }
        assertThat(groups).isEqualTo(6);
        Recorder expected = Recorder.readAll(Inputs.splits(List.of(f), split(0)));
        assertThat(expected.kept).hasSize(11);
        assertThat(expected.kept.get(0).id()).isEqualTo(DocId.of("train-00000.parquet:1|cases/"
                + files.get(0).getParent().getFileName() + "/" + files.get(0).getFileName() + "@"));
        assertThat(expected.kept.get(0).get(dev.codemill.model.Keys.BLOB_ID)).isEqualTo("blob-one");
        assertThat(expected.kept.get(10).id()).isEqualTo(DocId.of("train-00000.parquet:12|cases/"
                + files.get(11).getParent().getFileName() + "/" + files.get(11).getFileName() + "@"));
        assertThat(expected.refused).singleElement().satisfies(x -> assertThat(x.verdict().detail())
                .isEqualTo("train-00000.parquet:7: record has no field 'content' (nor text, code)"));

        List<Split> one = Inputs.splits(List.of(f), split(1));
        assertThat(one).extracting(Split::name).containsExactly(f + "#rowgroups=0-0", f + "#rowgroups=1-1",
                f + "#rowgroups=2-2", f + "#rowgroups=3-3", f + "#rowgroups=4-4", f + "#rowgroups=5-5");
        assertThat(render(Recorder.readAll(one))).containsExactlyElementsOf(render(expected));

        for (long bytes : new long[] {total / 4, total / 2, total - 1}) {
            List<Split> parts = Inputs.splits(List.of(f), split(bytes));
            assertThat(parts.size()).as("split_bytes %d", bytes).isBetween(2, 6);
            assertThat(parts.get(0).name()).startsWith(f + "#rowgroups=0-");
            assertThat(parts.get(parts.size() - 1).name()).endsWith("-5");
            assertThat(render(Recorder.readAll(parts))).as("split_bytes %d", bytes)
                    .containsExactlyElementsOf(render(expected));
        }
        // Row groups that all fit in split_bytes (the file itself being larger): one split.
        assertThat(Files.size(f)).isGreaterThan(total);
        assertThat(Inputs.splits(List.of(f), split(total))).singleElement()
                .satisfies(s -> assertThat(s.name()).isEqualTo(f.toString()));
    }
}
