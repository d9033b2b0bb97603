package dev.codemill.io.jsonl;

import dev.codemill.io.FileSplit;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.codemill.io.Compression;
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
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads JSONL dumps ({@code .jsonl}, {@code .ndjson}, plain or with a stream compression of
 * {@link Compression}: gzip, zstd with long windows, xz, bz2, …; see {@link #isJsonl}) one line at
 * a time into text documents; the record to document mapping is {@link DumpFields}'s. Jackson's
 * {@code maxStringLength} is raised to {@code maxFileBytes} ({@link #mapperFor}). A compressed
 * {@code .json} file whose first line opens a JSON array is refused whole {@code unsupported_input}.
 *
 * <p>Lines are split on {@code \n} (a trailing {@code \r} is dropped; a UTF-8 byte-order mark at
 * the start of the file is skipped) and decoded as strict UTF-8: a line with malformed bytes is
 * quarantined {@code invalid_unicode} (detail names the first bad byte; the Parquet reader uses the
 * same rule for such a string column), never decoded to U+FFFD.
 * Blank lines are skipped. A line that is not a JSON object is
 * quarantined {@code malformed_json} with detail {@code FILE:LINE: message} (FILE is the dump's
 * file name, LINE 1-based). A line longer than {@code 6 × maxFileBytes + 1 MiB} bytes (enough
 * for content of {@code maxFileBytes} even with every character {@code \}u-escaped) is skipped
 * without being held in memory and quarantined {@code too_large}. A compressed dump's stream is
 * decompressed once whole before any record is emitted ({@link dev.codemill.io.StreamCheck}): when
 * it fails its check (a gzip CRC trailer that does not match, a truncated zstd frame), every record
 * it yields is quarantined {@code corrupt_input} and the dump is lost whole; the break itself is one
 * more {@code corrupt_input} document {@code FILE:LINE}.
 *
 * <p>Splits ({@link #splits}): a plain {@code .jsonl} file larger than
 * {@link IngestOptions#splitBytes()} (default 128 MiB, 0 never) is read as byte ranges
 * {@code [start, end)} of {@code splitBytes} each, named {@code PATH#bytes=START-END}: a split
 * skips to the first line starting at or after {@code start} (unless {@code start} is 0) and
 * reads every line that starts before {@code end}, so each line belongs to exactly one split,
 * also one crossing a boundary. Line numbers (ids, {@code FILE:LINE} details) stay the file's
 * global 1-based ones: the newlines before each split start are counted by one sequential scan
 * of the file up to its last split start, done once per JVM the first time one of the file's
 * splits is read (about the cost of reading the file once; on Spark, once per executor that
 * reads part of the file). Compressed {@code .jsonl.gz} / {@code .jsonl.zst} files cannot be
 * entered in the middle and stay one split each (as Spark treats gzip files); a file of at most
 * {@code splitBytes} is one split named by its path.
 */
public final class JsonlReader {
    /** Jackson's default longest string (20,000,000 chars, {@code StreamReadConstraints}). */
    private static final int JACKSON_DEFAULT_MAX_STRING = StreamReadConstraints.DEFAULT_MAX_STRING_LEN;
    private static final ObjectMapper JSON = mapper(JACKSON_DEFAULT_MAX_STRING);
    /** Mappers for larger {@code max_file_bytes}, by their string limit. */
    private static final java.util.concurrent.ConcurrentHashMap<Integer, ObjectMapper> MAPPERS =
            new java.util.concurrent.ConcurrentHashMap<>();

    private static ObjectMapper mapper(int maxStringLength) {
        JsonFactory f = JsonFactory.builder().streamReadConstraints(StreamReadConstraints.builder()
                .maxStringLength(maxStringLength).build()).build();
        return new ObjectMapper(f)
                .enable(DeserializationFeature.USE_LONG_FOR_INTS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    /**
     * The mapper for {@code opts}: Jackson's {@code maxStringLength} (in chars) is at least
     * {@code maxFileBytes}, so content as large as the recipe allows is read (a UTF-8 text of N
     * bytes has at most N chars), and too-large content is measured and quarantined
     * {@code too_large} instead of failing the line as malformed.
     */
    static ObjectMapper mapperFor(IngestOptions opts) {
        long want = Math.min(Integer.MAX_VALUE - 64L, opts.maxFileBytes() + 1);
        if (want <= JACKSON_DEFAULT_MAX_STRING) {
            return JSON;
        }
        return MAPPERS.computeIfAbsent((int) want, JsonlReader::mapper);
    }

    /** UTF-8 decoder that reports malformed input instead of replacing it with U+FFFD. */
    private static final ThreadLocal<CharsetDecoder> STRICT_UTF8 = ThreadLocal.withInitial(() ->
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT));

    private JsonlReader() {
    }

    /** Offset of the first byte where {@code line} stops being valid UTF-8 (0-based). */
    static int firstBadByte(byte[] line) {
        CharsetDecoder d = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(line);
        java.nio.CharBuffer out = java.nio.CharBuffer.allocate(line.length + 1);
        d.decode(in, out, true);
        return in.position();
    }

    /**
     * Whether {@code fileName} names a JSONL dump: {@code .jsonl} or {@code .ndjson}, plain or with
     * any readable stream compression of {@link Compression} ({@code .jsonl.gz .jsonl.zst .jsonl.xz
     * .jsonl.bz2 .ndjson.lz4 …}), and a compressed {@code .json} ({@code .json.gz}, as codeparrot's
     * dumps are named: JSON lines; a file holding one JSON array instead is refused line by line).
     */
    public static boolean isJsonl(String fileName) {
        Compression c = Compression.of(fileName);
        if (c.unsupported()) {
            return false;
        }
        String n = Compression.inner(fileName).toLowerCase(Locale.ROOT);
        return n.endsWith(".jsonl") || n.endsWith(".ndjson") || (c != Compression.NONE && n.endsWith(".json"));
    }

    /** One split reading the whole file. */
    public static Split split(Path file, IngestOptions opts) {
        return new FileSplit(file, (f, out) -> readFile(f, opts, out));
    }

    /**
     * The splits of {@code file}: byte ranges of {@link IngestOptions#splitBytes()} for a plain
     * {@code .jsonl} file larger than that, else one split of the whole file (see the class comment).
     *
     * @throws IOException when the file's size cannot be read
     */
    public static List<Split> splits(Path file, IngestOptions opts) throws IOException {
        long splitBytes = opts.splitBytes();
        if (splitBytes <= 0 || Compression.of(file.getFileName().toString()) != Compression.NONE) {
            return List.of(split(file, opts));
        }
        long size = Files.size(file);
        if (size <= splitBytes) {
            return List.of(split(file, opts));
        }
        List<Long> starts = new ArrayList<>();
        for (long s = 0; s < size; s += splitBytes) {
            starts.add(s);
        }
        LineIndex index = new LineIndex(file, starts);
        List<Split> out = new ArrayList<>(starts.size());
        for (long start : starts) {
            long end = Math.min(size, start + splitBytes);
            out.add(new RangeSplit(file, start, end, index, opts));
        }
        return out;
    }

    /** One byte range {@code [start, end)} of a plain JSONL file. */
    private static final class RangeSplit implements Split {
        private final Path file;
        private final long start;
        private final long end;
        private final LineIndex index;
        private final IngestOptions opts;

        RangeSplit(Path file, long start, long end, LineIndex index, IngestOptions opts) {
            this.file = file;
            this.start = start;
            this.end = end;
            this.index = index;
            this.opts = opts;
        }

        @Override
        public String name() {
            return file + "#bytes=" + start + "-" + end;
        }

        @Override
        public long sizeBytes() {
            return end - start;
        }

        @Override
        public void read(Emitter out) {
            readRange(file, start, end, index, opts, out);
        }
    }

    /**
     * Number of {@code \n} bytes before {@code offset - 1} for each split start {@code offset > 0}
     * of one file, counted lazily by one sequential scan up to the last start and then kept.
     */
    static final class LineIndex {
        private final Path file;
        private final long[] starts;
        private long[] newlines;

        LineIndex(Path file, List<Long> starts) {
            this.file = file;
            this.starts = starts.stream().mapToLong(Long::longValue).toArray();
        }

        /** Newlines in bytes {@code [0, start - 1)} of the file, for a split start {@code start > 0}. */
        synchronized long newlinesBefore(long start) throws IOException {
            if (newlines == null) {
                newlines = scan();
            }
            int i = java.util.Arrays.binarySearch(starts, start);
            if (i < 0) {
                throw new IllegalArgumentException("not a split start: " + start);
            }
            return newlines[i];
        }

        private long[] scan() throws IOException {
            long[] counts = new long[starts.length];
            byte[] buf = new byte[1 << 20];
            long pos = 0;
            long count = 0;
            int next = 0;
            while (next < starts.length && starts[next] <= 1) {
                next++;
            }
            try (InputStream in = Files.newInputStream(file)) {
                while (next < starts.length) {
                    int n = in.read(buf, 0, buf.length);
                    if (n <= 0) {
                        throw new IOException(file + " ended at byte " + pos + " before split start " + starts[next]);
                    }
                    int i = 0;
                    while (i < n) {
                        long target = starts[next] - 1;
                        int stop = (int) Math.min(n, target - pos);
                        for (; i < stop; i++) {
                            if (buf[i] == '\n') {
                                count++;
                            }
                        }
                        if (pos + i == target) {
                            counts[next++] = count;
                            if (next == starts.length) {
                                break;
                            }
                        }
                    }
                    pos += n;
                }
            }
            return counts;
        }
    }

    /** Opens {@code file} decompressed according to its name ({@link Compression}). */
    public static InputStream open(Path file) throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        try {
            return Compression.of(file.getFileName().toString()).open(raw);
        } catch (IOException e) {
            raw.close();
            throw e;
        }
    }

    /** Reads every line of {@code file}. */
    public static void readFile(Path file, IngestOptions opts, Emitter emitter) {
        String fileName = file.getFileName().toString();
        Emitter out = dev.codemill.io.StreamCheck.guard(emitter, Compression.of(fileName),
                () -> new BufferedInputStream(Files.newInputStream(file), 1 << 16), Long.MAX_VALUE, fileName);
        String origin = file.toString();
        long cap = cap(opts);
        long lineNo = 0;
        try (InputStream in = open(file)) {
            lineNo = readLines(new LineReader(in, (int) cap), Long.MAX_VALUE, 0, fileName, origin, opts, out);
        } catch (LineFailure e) {
            quarantine(out, fileName, e.lineNo + 1, origin, -1, Verdict.of(IngestRules.CORRUPT_INPUT,
                    fileName + ":" + (e.lineNo + 1) + ": " + e.getCause().getClass().getSimpleName() + ": "
                            + e.getCause().getMessage()));
        } catch (IOException e) {
            quarantine(out, fileName, lineNo + 1, origin, -1, Verdict.of(IngestRules.CORRUPT_INPUT,
                    fileName + ":" + (lineNo + 1) + ": " + e.getClass().getSimpleName() + ": " + e.getMessage()));
        }
    }

    /**
     * Reads the lines of plain {@code file} that start in {@code [start, end)}, numbered globally
     * through {@code index}.
     */
    static void readRange(Path file, long start, long end, LineIndex index, IngestOptions opts, Emitter out) {
        String fileName = file.getFileName().toString();
        String origin = file.toString();
        long cap = cap(opts);
        long lineNo = 0;
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(file)) {
            long from = start == 0 ? 0 : start - 1;
            if (start > 0) {
                lineNo = index.newlinesBefore(start);
            }
            ch.position(from);
            LineReader lines = new LineReader(java.nio.channels.Channels.newInputStream(ch), (int) cap);
            if (start > 0) {
                // The byte before start is read too: when it is a newline, a line starts at start.
                if (lines.next() == null) {
                    return;
                }
                lineNo++;
            }
            readLines(lines, end - from, lineNo, fileName, origin, opts, out);
        } catch (LineFailure e) {
            quarantine(out, fileName, e.lineNo + 1, origin, -1, Verdict.of(IngestRules.CORRUPT_INPUT,
                    fileName + ":" + (e.lineNo + 1) + ": " + e.getCause().getClass().getSimpleName() + ": "
                            + e.getCause().getMessage()));
        } catch (IOException e) {
            quarantine(out, fileName, lineNo + 1, origin, -1, Verdict.of(IngestRules.CORRUPT_INPUT,
                    fileName + ":" + (lineNo + 1) + ": " + e.getClass().getSimpleName() + ": " + e.getMessage()));
        }
    }

    /** An I/O failure after line {@code lineNo} was read. */
    private static final class LineFailure extends IOException {
        final long lineNo;

        LineFailure(long lineNo, IOException cause) {
            super(cause);
            this.lineNo = lineNo;
        }
    }

    private static long cap(IngestOptions opts) {
        return Math.min(Integer.MAX_VALUE - 64L, 6 * opts.maxFileBytes() + (1 << 20));
    }

    /**
     * Reads lines that start before {@code limit} bytes of the reader's stream, numbering them
     * after {@code lineNo}; returns the last line number.
     */
    private static long readLines(LineReader lines, long limit, long lineNo, String fileName, String origin,
                                  IngestOptions opts, Emitter out) throws IOException {
        Map<String, java.util.TreeSet<String>> fields = new java.util.TreeMap<>();
        try {
            return readLines(lines, limit, lineNo, fileName, origin, opts, out, fields);
        } finally {
            if (!fields.isEmpty()) {
                Map<String, String> flat = new java.util.TreeMap<>();
                fields.forEach((f, t) -> flat.put(f, String.join("|", t)));
                out.inputSchema(origin, flat);
            }
        }
    }

    private static long readLines(LineReader lines, long limit, long lineNo, String fileName, String origin,
                                  IngestOptions opts, Emitter out, Map<String, java.util.TreeSet<String>> fields)
            throws IOException {
        byte[] line;
        boolean seenRecord = false;
        while (true) {
            if (lines.consumed >= limit) {
                return lineNo;
            }
            try {
                line = lines.next();
            } catch (IOException e) {
                throw new LineFailure(lineNo, e);
            }
            if (line == null) {
                return lineNo;
            }
            {
                lineNo++;
                if (lines.overflow >= 0) {
                    quarantine(out, fileName, lineNo, origin, lines.overflow, Verdict.of(IngestRules.TOO_LARGE,
                            fileName + ":" + lineNo + ": line of " + lines.overflow + " bytes is too long", lines.overflow, cap(opts)));
                    continue;
                }
                if (lineNo == 1 && line.length >= 3 && (line[0] & 0xff) == 0xEF && (line[1] & 0xff) == 0xBB
                        && (line[2] & 0xff) == 0xBF) {
                    line = java.util.Arrays.copyOfRange(line, 3, line.length);
                }
                String text;
                try {
                    text = STRICT_UTF8.get().decode(java.nio.ByteBuffer.wrap(line)).toString();
                } catch (CharacterCodingException e) {
                    quarantine(out, fileName, lineNo, origin, line.length, Verdict.of(IngestRules.INVALID_UNICODE,
                            fileName + ":" + lineNo + ": not valid UTF-8 (" + e.getClass().getSimpleName()
                                    + " at byte " + firstBadByte(line) + ")"));
                    continue;
                }
                if (text.isBlank()) {
                    continue;
                }
                if (!seenRecord && fileName.toLowerCase(Locale.ROOT).contains(".json.") && text.strip().startsWith("[")) {
                    // A .json.gz holding one JSON array (pretty-printed, its last element alone on a
                    // line would parse): refused whole instead of read as lines.
                    quarantine(out, fileName, lineNo, origin, -1, Verdict.of(IngestRules.UNSUPPORTED_INPUT,
                            fileName + ":" + lineNo + ": a JSON array, not JSON lines (one object per line); "
                                    + "convert it, e.g. jq -c '.[]'"));
                    return Long.MAX_VALUE;
                }
                seenRecord = true;
                Object value;
                try {
                    value = mapperFor(opts).readValue(text, Object.class);
                } catch (JsonProcessingException e) {
                    quarantine(out, fileName, lineNo, origin, line.length, Verdict.of(IngestRules.MALFORMED_JSON,
                            fileName + ":" + lineNo + ": " + e.getOriginalMessage()));
                    continue;
                }
                if (!(value instanceof Map<?, ?> map)) {
                    quarantine(out, fileName, lineNo, origin, line.length, Verdict.of(IngestRules.MALFORMED_JSON,
                            fileName + ":" + lineNo + ": expected a JSON object, got "
                                    + (value == null ? "null" : value.getClass().getSimpleName())));
                    continue;
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> rec = (Map<String, Object>) map;
                rec.forEach((k, v) -> fields.computeIfAbsent(k, x -> new java.util.TreeSet<>()).add(jsonType(v)));
                DumpFields.emit(rec, fileName, lineNo, origin, opts, out);
            }
        }
    }

    /** JSON type name of a parsed value: string, number, boolean, array, object, null. */
    static String jsonType(Object v) {
        return v == null ? "null" : v instanceof String ? "string" : v instanceof Number ? "number"
                : v instanceof Boolean ? "boolean" : v instanceof List<?> ? "array" : "object";
    }

    private static void quarantine(Emitter out, String fileName, long lineNo, String origin, long size, Verdict v) {
        out.quarantine(Document.ofBytes(DocId.of(fileName + ":" + lineNo), new SourceRef(origin, "", ""), new byte[0],
                Annotations.EMPTY.with(Keys.LENGTH_BYTES, size)), v);
    }

    /** Splits a byte stream on {@code \n}; lines over the cap are skipped and reported by length. */
    static final class LineReader {
        private final InputStream in;
        private final int cap;
        private final byte[] chunk = new byte[1 << 16];
        private int pos;
        private int end;
        private final ByteArrayOutputStream buf = new ByteArrayOutputStream(1 << 12);
        /** Bytes of the stream consumed by the lines returned so far, terminators included. */
        long consumed;
        /** Length of the last line when it passed the cap, else -1. */
        long overflow = -1;
        private boolean eof;

        LineReader(InputStream in, int cap) {
            this.in = in;
            this.cap = cap;
        }

        /** The next line without its terminator, or null at the end. */
        byte[] next() throws IOException {
            if (eof) {
                return null;
            }
            buf.reset();
            overflow = -1;
            long length = 0;
            boolean newline = false;
            while (!newline) {
                if (pos == end) {
                    end = in.read(chunk, 0, chunk.length);
                    pos = 0;
                    if (end <= 0) {
                        end = 0;
                        eof = true;
                        break;
                    }
                }
                int start = pos;
                while (pos < end && chunk[pos] != '\n') {
                    pos++;
                }
                int n = pos - start;
                if (length + n <= cap) {
                    buf.write(chunk, start, n);
                } else if (length < cap) {
                    buf.write(chunk, start, (int) (cap - length));
                }
                length += n;
                if (pos < end) {
                    pos++;
                    newline = true;
                }
            }
            if (eof && length == 0 && !newline) {
                return null;
            }
            consumed += length + (newline ? 1 : 0);
            if (length > cap) {
                overflow = length;
                return new byte[0];
            }
            byte[] line = buf.toByteArray();
            if (line.length > 0 && line[line.length - 1] == '\r') {
                return java.util.Arrays.copyOf(line, line.length - 1);
            }
            return line;
        }
    }
}
