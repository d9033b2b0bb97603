package dev.codemill.io.parquet;

import dev.codemill.io.FileSplit;
import com.jerolba.carpet.CarpetParquetReader;
import dev.codemill.io.DumpFields;
import dev.codemill.io.IngestRules;
import dev.codemill.model.Annotations;
import dev.codemill.model.DocId;
import dev.codemill.model.Document;
import dev.codemill.model.Keys;
import dev.codemill.model.SourceRef;
import dev.codemill.plan.IngestOptions;
import dev.codemill.run.Split;
import dev.codemill.stage.Emitter;
import dev.codemill.stage.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

/**
 * Reads Parquet dumps in The Stack's layout ({@code content}, {@code path},
 * {@code repo_name}, {@code blob_id}, metadata columns; names from {@link IngestOptions}) row by
 * row with carpet-record's {@code Map} reader; rows become documents as in {@link DumpFields},
 * the record number being the file's 1-based row number. A file that cannot be opened or breaks
 * off gives one {@code corrupt_input} document ({@code FILE:ROW: message}); rows read before stay.
 * Page CRC-32s are verified (parquet-java skips them by default): a page that fails is
 * {@code corrupt_input}; when it holds strings, {@link Utf8Scan} meets it before any row is emitted.
 * A row whose top-level string column holds bytes that are not valid UTF-8 is quarantined
 * {@code invalid_unicode} ({@code FILE:ROW: not valid UTF-8 in column NAME (at byte N)}), found by
 * {@link Utf8Scan} before carpet-record would decode them to U+FFFD; the JSONL reader refuses such
 * a line with the same rule.
 *
 * <p>Splits ({@link #splits}): a file larger than {@link IngestOptions#splitBytes()} (default
 * 128 MiB, 0 never) with several row groups is read as groups of consecutive row groups whose
 * compressed sizes add up to at most {@code splitBytes} (at least one row group each), named
 * {@code PATH#rowgroups=A-B} (0-based, both included); row numbers stay global (the row counts
 * of earlier row groups, from the footer, come first). Planning reads the footer only.
 */
public final class ParquetDumpReader {
    private ParquetDumpReader() {
    }

    /** One split reading the whole file. */
    public static Split split(Path file, IngestOptions opts) {
        return new FileSplit(file, (f, out) -> readFile(f, opts, out));
    }

    /**
     * The splits of {@code file}: groups of row groups when it is larger than
     * {@link IngestOptions#splitBytes()} and has several row groups, else one split. A file whose
     * footer cannot be read is one split (its reading reports {@code corrupt_input}).
     *
     * @throws IOException when the file's size cannot be read
     */
    public static List<Split> splits(Path file, IngestOptions opts) throws IOException {
        long splitBytes = opts.splitBytes();
        if (splitBytes <= 0 || Files.size(file) <= splitBytes) {
            return List.of(split(file, opts));
        }
        List<BlockMetaData> blocks;
        try (ParquetFileReader r = ParquetFileReader.open(new LocalInputFile(file))) {
            blocks = r.getFooter().getBlocks();
        } catch (IOException | RuntimeException e) {
            return List.of(split(file, opts));
        }
        if (blocks.size() < 2) {
            return List.of(split(file, opts));
        }
        List<Split> out = new ArrayList<>();
        long rowsBefore = 0;
        int first = 0;
        while (first < blocks.size()) {
            int last = first;
            long bytes = blocks.get(first).getCompressedSize();
            while (last + 1 < blocks.size() && bytes + blocks.get(last + 1).getCompressedSize() <= splitBytes) {
                last++;
                bytes += blocks.get(last).getCompressedSize();
            }
            long rows = 0;
            for (int i = first; i <= last; i++) {
                rows += blocks.get(i).getRowCount();
            }
            // parquet-java keeps the row groups whose midpoint lies in the file range.
            long from = blocks.get(first).getStartingPos();
            BlockMetaData lastBlock = blocks.get(last);
            long to = lastBlock.getStartingPos() + lastBlock.getCompressedSize();
            out.add(new RowGroupSplit(file, first, last, from, to, bytes, rowsBefore, rows, opts));
            rowsBefore += rows;
            first = last + 1;
        }
        return out.size() == 1 ? List.of(split(file, opts)) : out;
    }

    /** Row groups {@code first..last} of one file. */
    private record RowGroupSplit(Path file, int first, int last, long from, long to, long bytes, long rowsBefore,
                                 long rows, IngestOptions opts) implements Split {
        @Override
        public String name() {
            return file + "#rowgroups=" + first + "-" + last;
        }

        @Override
        public long sizeBytes() {
            return bytes;
        }

        @Override
        @SuppressWarnings({"unchecked", "rawtypes"})
        public void read(Emitter out) {
            String fileName = file.getFileName().toString();
            String origin = file.toString();
            long row = rowsBefore;
            try (ParquetReader<Map> r = CarpetParquetReader.builder(new LocalInputFile(file), Map.class)
                    .withFileRange(from, to).usePageChecksumVerification().build()) {
                declareSchema(file, out);
                Map<Long, String> bad = Utf8Scan.badRows(file, first, last, rowsBefore);
                Map<String, Object> rec;
                while ((rec = r.read()) != null) {
                    row++;
                    if (!invalid(out, fileName, origin, row, bad)) {
                        DumpFields.emit(plain(rec), fileName, row, origin, opts, out);
                    }
                }
                if (row != rowsBefore + rows) {
                    throw new IOException("row groups " + first + "-" + last + " gave " + (row - rowsBefore)
                            + " rows, the footer says " + rows);
                }
            } catch (Exception e) {
                corrupt(out, fileName, origin, row, e);
            }
        }
    }

    /** Reads every row of {@code file}. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static void readFile(Path file, IngestOptions opts, Emitter out) {
        String fileName = file.getFileName().toString();
        String origin = file.toString();
        long row = 0;
        try (ParquetReader<Map> r = CarpetParquetReader.builder(new LocalInputFile(file), Map.class)
                .usePageChecksumVerification().build()) {
            declareSchema(file, out);
            Map<Long, String> bad = Utf8Scan.badRows(file, 0, Integer.MAX_VALUE - 1, 0);
            Map<String, Object> rec;
            while ((rec = r.read()) != null) {
                row++;
                if (!invalid(out, fileName, origin, row, bad)) {
                    DumpFields.emit(plain(rec), fileName, row, origin, opts, out);
                }
            }
        } catch (Exception e) {
            corrupt(out, fileName, origin, row, e);
        }
    }

    /**
     * Quarantines row {@code row} {@code invalid_unicode} when {@link Utf8Scan} found bytes that are
     * not UTF-8 in one of its string columns (as the JSONL reader does with such a line).
     */
    private static boolean invalid(Emitter out, String fileName, String origin, long row, Map<Long, String> bad) {
        String why = bad.get(row);
        if (why == null) {
            return false;
        }
        out.quarantine(Document.ofBytes(DocId.of(fileName + ":" + row), new SourceRef(origin, "", ""), new byte[0],
                Annotations.EMPTY.with(Keys.LENGTH_BYTES, -1L)),
                Verdict.of(IngestRules.INVALID_UNICODE, fileName + ":" + row + ": " + why));
        return true;
    }

    private static void corrupt(Emitter out, String fileName, String origin, long row, Exception e) {
        out.quarantine(Document.ofBytes(DocId.of(fileName + ":" + (row + 1)), new SourceRef(origin, "", ""),
                new byte[0], Annotations.EMPTY.with(Keys.LENGTH_BYTES, -1L)),
                Verdict.of(IngestRules.CORRUPT_INPUT, fileName + ":" + (row + 1) + ": "
                        + e.getClass().getSimpleName() + ": " + e.getMessage()));
    }

    /**
     * The record with Parquet {@code Binary} values (binary columns without a string annotation)
     * turned into {@code byte[]}, so that binary content reaches the {@code decode} stage as bytes.
     */
    private static Map<String, Object> plain(Map<String, Object> rec) {
        Map<String, Object> out = null;
        for (Map.Entry<String, Object> e : rec.entrySet()) {
            if (e.getValue() instanceof Binary b) {
                if (out == null) {
                    out = new java.util.HashMap<>(rec);
                }
                out.put(e.getKey(), b.getBytes());
            }
        }
        return out == null ? rec : out;
    }

    /** Sends the file's top-level columns and types (from the footer) to {@link Emitter#inputSchema}. */
    private static void declareSchema(Path file, Emitter out) throws IOException {
        try (ParquetFileReader r = ParquetFileReader.open(new LocalInputFile(file))) {
            out.inputSchema(file.toString(), schemaOf(r.getFooter().getFileMetaData().getSchema()));
        }
    }

    /**
     * Column name → type: {@code binary (STRING)}, {@code binary}, {@code int64}, {@code list}…
     * (physical type in lower case, the logical annotation in parentheses; groups by their annotation).
     */
    static Map<String, String> schemaOf(MessageType schema) {
        Map<String, String> out = new java.util.TreeMap<>();
        for (Type t : schema.getFields()) {
            LogicalTypeAnnotation a = t.getLogicalTypeAnnotation();
            String type;
            if (t.isPrimitive()) {
                type = t.asPrimitiveType().getPrimitiveTypeName().name().toLowerCase(java.util.Locale.ROOT)
                        + (a == null ? "" : " (" + a + ")");
            } else {
                type = a == null ? "group" : a.toString().toLowerCase(java.util.Locale.ROOT);
            }
            out.put(t.getName(), type);
        }
        return out;
    }
}
