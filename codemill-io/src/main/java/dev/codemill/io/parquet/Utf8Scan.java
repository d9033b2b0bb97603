package dev.codemill.io.parquet;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.io.api.RecordMaterializer;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;

/**
 * Finds the rows whose top-level string columns ({@code BINARY} annotated {@code STRING},
 * {@code ENUM} or {@code JSON}) hold bytes that are not valid UTF-8. carpet-record (through
 * parquet-java's {@code Binary.toStringUsingUTF8}) decodes such bytes to U+FFFD before a reader
 * sees them, where the JSONL reader refuses the same bytes; this scan reads the raw values of
 * those columns only (parquet-java's column I/O with a projected schema: one more read of those
 * column chunks) and decodes them strictly, so that both readers quarantine the same bytes.
 * Strings nested in lists or groups are not scanned. Page CRC-32s (written by parquet-java by
 * default) are verified on these pages; one that fails throws before any row of the file or split
 * is emitted.
 */
final class Utf8Scan {
    private Utf8Scan() {
    }

    /**
     * Row number (1-based, the file's) → {@code not valid UTF-8 in column NAME (at byte N)} for the
     * first bad value of that row, over row groups {@code first..last} (0-based, both included);
     * {@code rowsBefore} is the number of rows in the row groups before {@code first}.
     */
    static Map<Long, String> badRows(Path file, int first, int last, long rowsBefore) throws IOException {
        Map<Long, String> bad = new TreeMap<>();
        ParquetReadOptions verified = new ParquetReadOptions.Builder().usePageChecksumVerification(true).build();
        try (ParquetFileReader r = ParquetFileReader.open(new LocalInputFile(file), verified)) {
            MessageType schema = r.getFooter().getFileMetaData().getSchema();
            List<Type> strings = new ArrayList<>();
            for (Type t : schema.getFields()) {
                if (isString(t)) {
                    strings.add(t);
                }
            }
            if (strings.isEmpty()) {
                return bad;
            }
            MessageType projection = new MessageType(schema.getName(), strings);
            r.setRequestedSchema(projection);
            MessageColumnIO io = new ColumnIOFactory().getColumnIO(projection, schema);
            long[] row = {rowsBefore};
            Checker checker = new Checker(strings, row, bad);
            for (int block = 0; block <= last; block++) {
                if (block < first) {
                    r.skipNextRowGroup();
                    continue;
                }
                PageReadStore pages = r.readNextRowGroup();
                if (pages == null) {
                    break;
                }
                RecordReader<Boolean> rows = io.getRecordReader(pages, checker);
                for (long i = 0; i < pages.getRowCount(); i++) {
                    row[0]++;
                    rows.read();
                }
            }
        }
        return bad;
    }

    private static boolean isString(Type t) {
        if (!t.isPrimitive() || t.asPrimitiveType().getPrimitiveTypeName() != PrimitiveTypeName.BINARY) {
            return false;
        }
        LogicalTypeAnnotation a = t.getLogicalTypeAnnotation();
        return a instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation
                || a instanceof LogicalTypeAnnotation.EnumLogicalTypeAnnotation
                || a instanceof LogicalTypeAnnotation.JsonLogicalTypeAnnotation;
    }

    /** Offset of the first byte where {@code bytes} stops being valid UTF-8, or -1 when all of it is. */
    static int firstBadByte(ByteBuffer bytes) {
        int start = bytes.position();
        int i = start;
        int end = bytes.limit();
        while (i < end && bytes.get(i) >= 0) {
            i++; // ASCII, the common case for source code: valid without decoding
        }
        if (i == end) {
            return -1;
        }
        CharsetDecoder d = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        CharBuffer out = CharBuffer.allocate(Math.min(bytes.remaining(), 1 << 16) + 1);
        while (true) {
            CoderResult res = d.decode(bytes, out, true);
            if (res.isError()) {
                return bytes.position() - start;
            }
            if (res.isUnderflow()) {
                return -1;
            }
            out.clear();
        }
    }

    /** Materializes nothing: checks each string value and notes the row of the first bad one. */
    private static final class Checker extends RecordMaterializer<Boolean> {
        private final GroupConverter root;

        Checker(List<Type> columns, long[] row, Map<Long, String> bad) {
            List<PrimitiveConverter> converters = new ArrayList<>();
            for (Type t : columns) {
                String name = t.getName();
                converters.add(new PrimitiveConverter() {
                    @Override
                    public void addBinary(Binary value) {
                        if (bad.containsKey(row[0])) {
                            return;
                        }
                        int at = firstBadByte(value.toByteBuffer());
                        if (at >= 0) {
                            bad.put(row[0], "not valid UTF-8 in column " + name + " (at byte " + at + ")");
                        }
                    }
                });
            }
            root = new GroupConverter() {
                @Override
                public Converter getConverter(int fieldIndex) {
                    return converters.get(fieldIndex);
                }

                @Override
                public void start() {
                }

                @Override
                public void end() {
                }
            };
        }

        @Override
        public Boolean getCurrentRecord() {
            return Boolean.TRUE;
        }

        @Override
        public GroupConverter getRootConverter() {
            return root;
        }
    }
}
