package dev.codemill.io.jsonl;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonSerializable;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.luben.zstd.ZstdOutputStreamNoFinalizer;
import dev.codemill.io.OutputColumns;
import dev.codemill.model.Document;
import dev.codemill.run.LedgerRow;
import dev.codemill.run.OutputFormat;
import dev.codemill.run.ShardWriter;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * JSONL parts compressed with zstd (recipe name {@code jsonl}, extension {@code .jsonl.zst}):
 * one JSON object per line, keys in {@link OutputColumns}'s order, {@code annotations} a JSON
 * string as in Parquet; absent annotations are {@code null}. Compression level
 * {@value #LEVEL} (zstd's default), single-threaded and without checksum or timestamps, so the
 * same rows give the same bytes.
 *
 * <p>A content known to be ASCII ({@link Document#isKnownAscii()}: as read back from a spill) is
 * written from its bytes ({@link JsonGenerator#writeUTF8String}), which gives
 * the bytes {@code writeString} gives for ASCII text (same escapes) without copying the text into
 * chars first (a byte loop under C1: issue 20 §5). Other texts go through {@code writeString}, whose
 * escaping of characters outside the BMP differs from raw UTF-8.
 */
public final class JsonlZstFormat implements OutputFormat {
    /** zstd compression level (zstd's default level). */
    static final int LEVEL = 3;

    private static final ObjectMapper JSON = OutputColumns.JSON;

    @Override
    public String name() {
        return "jsonl";
    }

    @Override
    public String extension() {
        return ".jsonl.zst";
    }

    @Override
    public ShardWriter openData(Path file) throws IOException {
        return new Writer(file, true);
    }

    @Override
    public ShardWriter openLedger(Path file) throws IOException {
        return new Writer(file, false);
    }

    private static final class Writer implements ShardWriter {
        private final OutputStream out;
        private final boolean data;

        Writer(Path file, boolean data) throws IOException {
            OutputStream raw = Files.newOutputStream(file);
            try {
                ZstdOutputStreamNoFinalizer z = new ZstdOutputStreamNoFinalizer(new BufferedOutputStream(raw, 1 << 16), LEVEL);
                this.out = new BufferedOutputStream(z, 1 << 16);
            } catch (IOException | RuntimeException e) {
                raw.close();
                throw e;
            }
            this.data = data;
        }

        @Override
        public void writeDocument(Document doc) throws IOException {
            if (!data) {
                throw new IllegalStateException("this part holds ledger rows");
            }
            Map<String, Object> row = OutputColumns.dataRow(doc);
            if (doc.isKnownAscii()) {
                // same key: the column keeps its place; a compact string's Latin-1 bytes are a plain copy
                row.put("content", new AsciiContent(doc.text().getBytes(StandardCharsets.ISO_8859_1)));
            }
            line(row);
        }

        @Override
        public void writeLedger(LedgerRow row) throws IOException {
            if (data) {
                throw new IllegalStateException("this part holds documents");
            }
            line(OutputColumns.ledgerRow(row));
        }

        private void line(Map<String, Object> row) throws IOException {
            out.write(JSON.writeValueAsBytes(row));
            out.write('\n');
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }

    /** An all-ASCII content as its UTF-8 bytes: written as {@code writeString} writes the same text. */
    record AsciiContent(byte[] utf8) implements JsonSerializable {
        @Override
        public void serialize(JsonGenerator gen, SerializerProvider serializers) throws IOException {
            gen.writeUTF8String(utf8, 0, utf8.length);
        }

        @Override
        public void serializeWithType(JsonGenerator gen, SerializerProvider serializers, TypeSerializer typeSer)
                throws IOException {
            serialize(gen, serializers);
        }
    }

    /**
     * Reads a data part back: one map per line, keys in file order, {@code annotations} its JSON string;
     * integers are {@link Long}, floats {@link Double} (see {@link OutputColumns#toDocument}).
     */
    public static List<Map<String, Object>> readData(Path file) throws IOException {
        return readRows(file);
    }

    /** Reads a ledger part back. */
    public static List<Map<String, Object>> readLedger(Path file) throws IOException {
        return readRows(file);
    }

    /** Reads any {@code .jsonl}, {@code .jsonl.gz} or {@code .jsonl.zst} file into one map per non-blank line. */
    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> readRows(Path file) throws IOException {
        List<Map<String, Object>> rows = new ArrayList<>();
        try (InputStream in = JsonlReader.open(file)) {
            String all = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int lineNo = 0;
            for (String line : all.split("\n", -1)) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    rows.add(JSON.readValue(line, java.util.LinkedHashMap.class));
                } catch (JsonProcessingException e) {
                    throw new IOException(file.getFileName() + ":" + lineNo + ": " + e.getOriginalMessage(), e);
                }
            }
        }
        return rows;
    }
}
