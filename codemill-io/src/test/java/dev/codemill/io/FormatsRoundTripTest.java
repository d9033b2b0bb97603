package dev.codemill.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.codemill.io.jsonl.JsonlZstFormat;
import dev.codemill.io.parquet.ParquetFormat;
import dev.codemill.model.Annotations;
import dev.codemill.model.DocId;
import dev.codemill.model.Document;
import dev.codemill.model.Keys;
import dev.codemill.model.SourceRef;
import dev.codemill.run.LedgerRow;
import dev.codemill.run.OutputFormat;
import dev.codemill.run.ShardWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.schema.Type;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

public class FormatsRoundTripTest {
    @TempDir
    Path tmp;

    public static List<Document> docs() {
        Annotations full = Annotations.EMPTY
                .with(Keys.LANGUAGE, "Python").with(Keys.ENCODING, "UTF-8").with(Keys.LENGTH_BYTES, 21L)
                .with(Keys.NUM_LINES, 2L).with(Keys.MAX_LINE_LENGTH, 12L).with(Keys.AVG_LINE_LENGTH, 9.5)
                .with(Keys.ALPHANUM_FRACTION, 0.6190476190476191).with(Keys.NUM_TOKENS, 8L)
                .with(Keys.CODE_LINES, 2L).with(Keys.COMMENT_LINES, 0L).with(Keys.BLANK_LINES, 0L)
                .with(Keys.LICENSE_TYPE, "permissive").with(Keys.STARS, 12L)
                .with(Keys.DETECTED_LICENSES, List.of("MIT", "Apache-2.0"))
                .with(Keys.CONTENT_HASH, "ab12").with(Keys.LANGUAGE_EVIDENCE, "extension");
        Map<String, Object> raw = new java.util.TreeMap<>(full.asMap());
        raw.put("quality", 1.0);
        raw.put("is_generated", Boolean.FALSE);
        return List.of(
                Document.ofText(DocId.of("r/a.py"), new SourceRef("", "r", "a.py"), "def f():\n    return 'é😀'\n",
                        Annotations.ofRaw(raw)),
                Document.ofText(DocId.of("r/b.txt"), new SourceRef("", "r", "b.txt"), "",
                        Annotations.EMPTY.with(Keys.LENGTH_BYTES, 0L)),
                Document.ofText(new DocId("zz"), new SourceRef("", "", "x"), "line\r\n\0tab\t\"q\"\n", Annotations.EMPTY));
    }

    static List<LedgerRow> ledger() {
        return List.of(
                new LedgerRow("aa", "r", "big.bin", -1, "ingest", "too_large", "quarantine", "file of 101 bytes", "101", "100", ""),
                new LedgerRow("bb", "", "", 3, "exact_dedup", "exact_duplicate", "drop", "", "", "", "aa"),
                new LedgerRow("cc", "r", "repo_samples/0", 5, "repo_samples", "repo_sample", "derive", "2 files", "2",
                        "8192", "", List.of("aa", "bb")));
    }

    public static void write(OutputFormat f, Path data, Path led) throws Exception {
        try (ShardWriter w = f.openData(data)) {
            for (Document d : docs()) {
                w.writeDocument(d);
            }
        }
        try (ShardWriter w = f.openLedger(led)) {
            for (LedgerRow r : ledger()) {
                w.writeLedger(r);
            }
        }
    }

    static List<Document> back(List<Map<String, Object>> rows) {
        List<Document> out = new ArrayList<>();
        for (Map<String, Object> r : rows) {
            out.add(OutputColumns.toDocument(r, ""));
        }
        return out;
    }

    static List<LedgerRow> backLedger(List<Map<String, Object>> rows) {
        List<LedgerRow> out = new ArrayList<>();
        for (Map<String, Object> r : rows) {
            out.add(OutputColumns.toLedgerRow(r));
        }
        return out;
    }

    static List<LedgerRow> ledgerWithoutStageIndex() {
        return ledger().stream().map(r -> new LedgerRow(r.id(), r.repoName(), r.path(), -1, r.stage(), r.rule(),
                r.action(), r.detail(), r.value(), r.limit(), r.keptId(), r.sources())).toList();
    }

    /** The first document's annotations column: the annotations without a column of their own, as JSON text. */
    static final String ANNOTATIONS = "{\"content_hash\":\"ab12\",\"language_evidence\":\"extension\",\"quality\":1.0,"
            + "\"star_events_count\":12}";

    /** The Stack v2 columns of {@link #docs()}: typed where present, null where absent. */
    static void assertStackV2Columns(List<Map<String, Object>> rows) {
        assertThat(rows.get(0).get("src_encoding")).isEqualTo("UTF-8");
        assertThat(rows.get(0).get("license_type")).isEqualTo("permissive");
        assertThat(rows.get(0).get("detected_licenses")).isEqualTo(List.of("MIT", "Apache-2.0"));
        assertThat(rows.get(0).get("is_generated")).isEqualTo(Boolean.FALSE);
        assertThat(rows.get(0).get("is_vendor")).isNull();
        for (String c : List.of("src_encoding", "detected_licenses", "is_vendor", "is_generated")) {
            assertThat(rows.get(1).get(c)).as(c).isNull();
        }
        assertThat(rows.get(1).get("annotations")).isEqualTo("{}"); // length_bytes has its own column
    }

    @Test
    void parquetRoundTripIsExactAndDeterministic() throws Exception {
        OutputFormat f = Formats.byName("parquet");
        assertThat(f.extension()).isEqualTo(".parquet");
        Path d1 = tmp.resolve("d1.parquet");
        Path l1 = tmp.resolve("l1.parquet");
        write(f, d1, l1);
        List<Map<String, Object>> rows = ParquetFormat.readData(d1);
        assertThat(rows.get(0).keySet()).containsExactlyElementsOf(OutputColumns.DATA);
        assertThat(rows.get(0).get("annotations")).isEqualTo(ANNOTATIONS);
        assertStackV2Columns(rows);
        assertThat(rows.get(1).get("language")).isNull();
        List<Map<String, Object>> ledgerRows = ParquetFormat.readLedger(l1);
        assertThat(ledgerRows.get(0).get("kept_id")).isNull();
        assertThat(ledgerRows.get(1).get("value")).isNull();
        assertThat(ledgerRows.get(1).get("kept_id")).isEqualTo("aa");
        assertThat(back(rows)).isEqualTo(docs());
        assertThat(backLedger(ParquetFormat.readLedger(l1))).isEqualTo(ledgerWithoutStageIndex());

        try (ParquetFileReader r = ParquetFileReader.open(new LocalInputFile(d1))) {
            ParquetMetadata meta = r.getFooter();
            assertThat(meta.getFileMetaData().getSchema().getFields().stream().map(Type::getName).toList())
                    .containsExactlyElementsOf(OutputColumns.DATA);
            assertThat(meta.getBlocks().get(0).getColumns().get(0).getCodec().name()).isEqualTo("ZSTD");
        }
        Thread.sleep(1100);
        Path d2 = tmp.resolve("d2.parquet");
        Path l2 = tmp.resolve("l2.parquet");
        write(f, d2, l2);
        assertThat(Files.readAllBytes(d2)).isEqualTo(Files.readAllBytes(d1));
        assertThat(Files.readAllBytes(l2)).isEqualTo(Files.readAllBytes(l1));
    }

    @Test
    void jsonlZstRoundTripIsExactAndDeterministic() throws Exception {
        OutputFormat f = Formats.byName("jsonl");
        assertThat(f.extension()).isEqualTo(".jsonl.zst");
        Path d1 = tmp.resolve("d1.jsonl.zst");
        Path l1 = tmp.resolve("l1.jsonl.zst");
        write(f, d1, l1);
        List<Map<String, Object>> rows = JsonlZstFormat.readData(d1);
        assertThat(rows.get(0).keySet()).containsExactlyElementsOf(OutputColumns.DATA);
        assertThat(rows.get(0).get("annotations")).isEqualTo(ANNOTATIONS); // a string, as in Parquet
        assertStackV2Columns(rows);
        assertThat(back(rows)).isEqualTo(docs());
        assertThat(backLedger(JsonlZstFormat.readLedger(l1))).isEqualTo(ledgerWithoutStageIndex());
        try (var in = dev.codemill.io.jsonl.JsonlReader.open(l1)) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")[1]).isEqualTo(
                    "{\"id\":\"bb\",\"repo_name\":\"\",\"path\":\"\",\"stage\":\"exact_dedup\",\"rule\":\"exact_duplicate\","
                            + "\"action\":\"drop\",\"detail\":\"\",\"value\":null,\"limit\":null,\"kept_id\":\"aa\",\"sources\":null}");
        }
        Path d2 = tmp.resolve("d2.jsonl.zst");
        Path l2 = tmp.resolve("l2.jsonl.zst");
        write(f, d2, l2);
        assertThat(Files.readAllBytes(d2)).isEqualTo(Files.readAllBytes(d1));
        assertThat(Files.readAllBytes(l2)).isEqualTo(Files.readAllBytes(l1));
    }

    @Test
    void undecodedDocumentsAreWrittenAsUtf8Text() throws Exception {
        Path p = tmp.resolve("u.parquet");
        try (ShardWriter w = new ParquetFormat().openData(p)) {
            w.writeDocument(Document.ofBytes(DocId.of("k"), new SourceRef("o", "r", "p"),
                    "héllo".getBytes(StandardCharsets.UTF_8), Annotations.EMPTY));
        }
        assertThat(ParquetFormat.readData(p).get(0).get("content")).isEqualTo("héllo");
    }

    @Test
    void unknownFormatNamesAreRefusedWithTheKnownOnes() {
        assertThat(Formats.byName("parquet").name()).isEqualTo("parquet");
        assertThat(Formats.byName("jsonl").name()).isEqualTo("jsonl");
        assertThat(Formats.byName("megatron").name()).isEqualTo("megatron");
        assertThat(Formats.byName("packed").name()).isEqualTo("packed");
        assertThat(Formats.byName("review").name()).isEqualTo("review");
        assertThatThrownBy(() -> Formats.byName("csv")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown output format 'csv'; known formats: [parquet, jsonl, megatron, packed, review]");
    }
}
