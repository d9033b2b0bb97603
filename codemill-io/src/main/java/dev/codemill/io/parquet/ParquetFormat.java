package dev.codemill.io.parquet;

import com.jerolba.carpet.CarpetReader;
import com.jerolba.carpet.CarpetWriter;
import com.jerolba.carpet.ColumnNamingStrategy;
import com.jerolba.carpet.annotation.NotNull;
import dev.codemill.io.OutputColumns;
import dev.codemill.model.Document;
import dev.codemill.run.LedgerRow;
import dev.codemill.run.OutputFormat;
import dev.codemill.run.ShardWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.LocalOutputFile;

/**
 * Parquet parts (recipe name {@code parquet}, extension {@code .parquet}), zstd-compressed,
 * written with carpet-record (parquet-java 1.16) and loadable by pyarrow and Hugging Face
 * {@code datasets}. Columns are {@link OutputColumns}'s; strings are UTF-8 {@code BINARY},
 * counts {@code INT64}, ratios {@code DOUBLE}, flags {@code BOOLEAN}, {@code detected_licenses}
 * a {@code LIST} of strings; {@code id, repo_name, path, content, annotations} and the ledger
 * columns but {@code value, limit, kept_id, sources} (a {@code LIST} of strings) are required, the others optional (null when the
 * annotation or field is absent). The file holds no timestamp: the same rows give the same bytes.
 */
public final class ParquetFormat implements OutputFormat {
    /** Rows per row group (parquet-java's default row-group byte size, 128 MiB, also applies). */
    static final int ROW_GROUP_ROWS = 100_000;

    /** One data row. Component names become snake_case column names. */
    public record DataRecord(@NotNull String id, @NotNull String repoName, @NotNull String path, String language,
                             String srcEncoding, @NotNull String content, Long lengthBytes, Long numLines,
                             Long maxLineLength, Double avgLineLength, Double alphanumFraction, Long numTokens,
                             Long codeLines, Long commentLines, Long blankLines, String licenseType,
                             List<String> detectedLicenses, Boolean isVendor, Boolean isGenerated,
                             @NotNull String annotations) {
    }

    /** One ledger row. */
    public record LedgerRecord(@NotNull String id, @NotNull String repoName, @NotNull String path,
                               @NotNull String stage, @NotNull String rule, @NotNull String action,
                               @NotNull String detail, String value, String limit, String keptId,
                               List<String> sources) {
    }

    @Override
    public String name() {
        return "parquet";
    }

    @Override
    public String extension() {
        return ".parquet";
    }

    @Override
    public ShardWriter openData(Path file) throws IOException {
        CarpetWriter<DataRecord> w = builder(file, DataRecord.class).build();
        return new Writer(file, w, null);
    }

    @Override
    public ShardWriter openLedger(Path file) throws IOException {
        CarpetWriter<LedgerRecord> w = builder(file, LedgerRecord.class).build();
        return new Writer(file, null, w);
    }

    private static <T> CarpetWriter.Builder<T> builder(Path file, Class<T> type) {
        return new CarpetWriter.Builder<>(new LocalOutputFile(file), type)
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                .withCompressionCodec(CompressionCodecName.ZSTD)
                .withColumnNamingStrategy(ColumnNamingStrategy.SNAKE_CASE)
                .withRowGroupRowCountLimit(ROW_GROUP_ROWS);
    }

    @SuppressWarnings("unchecked")
    static DataRecord record(Document doc) {
        Map<String, Object> r = OutputColumns.dataRow(doc);
        return new DataRecord((String) r.get("id"), (String) r.get("repo_name"), (String) r.get("path"),
                (String) r.get("language"), (String) r.get("src_encoding"), (String) r.get("content"),
                (Long) r.get("length_bytes"), (Long) r.get("num_lines"), (Long) r.get("max_line_length"),
                (Double) r.get("avg_line_length"), (Double) r.get("alphanum_fraction"), (Long) r.get("num_tokens"),
                (Long) r.get("code_lines"), (Long) r.get("comment_lines"), (Long) r.get("blank_lines"),
                (String) r.get("license_type"), (List<String>) r.get("detected_licenses"), (Boolean) r.get("is_vendor"),
                (Boolean) r.get("is_generated"), (String) r.get("annotations"));
    }

    static LedgerRecord record(LedgerRow r) {
        return new LedgerRecord(r.id(), r.repoName(), r.path(), r.stage(), r.rule(), r.action(), r.detail(),
                OutputColumns.nullIfEmpty(r.value()), OutputColumns.nullIfEmpty(r.limit()),
                OutputColumns.nullIfEmpty(r.keptId()), r.sources().isEmpty() ? null : r.sources());
    }

    private static final class Writer implements ShardWriter {
        private final Path file;
        private final CarpetWriter<DataRecord> data;
        private final CarpetWriter<LedgerRecord> ledger;

        Writer(Path file, CarpetWriter<DataRecord> data, CarpetWriter<LedgerRecord> ledger) {
            this.file = file;
            this.data = data;
            this.ledger = ledger;
        }

        @Override
        public void writeDocument(Document doc) throws IOException {
            if (data == null) {
                throw new IllegalStateException("this part holds ledger rows");
            }
            data.write(record(doc));
        }

        @Override
        public void writeLedger(LedgerRow row) throws IOException {
            if (ledger == null) {
                throw new IllegalStateException("this part holds documents");
            }
            ledger.write(record(row));
        }

        @Override
        public void close() throws IOException {
            if (data != null) {
                data.close();
            } else {
                ledger.close();
            }
            FooterOrder.sortEncodings(file);
        }
    }

    /**
     * Reads a data part back: one map per row, columns in {@link OutputColumns#DATA} order,
     * {@code annotations} as its JSON string (see {@link OutputColumns#toDocument}).
     */
    public static List<Map<String, Object>> readData(Path file) throws IOException {
        return read(file, OutputColumns.DATA);
    }

    /** Reads a ledger part back: one map per row, columns in {@link OutputColumns#LEDGER} order. */
    public static List<Map<String, Object>> readLedger(Path file) throws IOException {
        return read(file, OutputColumns.LEDGER);
    }

    /** Reads any Parquet file into one map per row (column → String, Long, Double, Boolean, List, Map or null). */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static List<Map<String, Object>> readRows(Path file) throws IOException {
        List<Map<String, Object>> out = new ArrayList<>();
        CarpetReader<Map> reader = new CarpetReader<>(new LocalInputFile(file), Map.class);
        for (Map m : reader.toList()) {
            out.add((Map<String, Object>) m);
        }
        return out;
    }

    private static List<Map<String, Object>> read(Path file, List<String> columns) throws IOException {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> m : readRows(file)) {
            Map<String, Object> row = new LinkedHashMap<>();
            for (String c : columns) {
                row.put(c, m.get(c));
            }
            out.add(row);
        }
        return out;
    }
}
