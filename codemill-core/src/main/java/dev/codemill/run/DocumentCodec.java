package dev.codemill.run;

import dev.codemill.model.Annotations;
import dev.codemill.model.DocId;
import dev.codemill.model.Document;
import dev.codemill.model.SourceRef;
import dev.codemill.model.TokenIds;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Binary form of a {@link Document} for spill files: length-prefixed UTF-8 strings; the content
 * ({@code A}: an all-ASCII text, {@code T}: any other text, both as length-prefixed UTF-8;
 * {@code R}: raw bytes); typed annotation values (tags: S string, L long, D double, B boolean,
 * A list of strings), then the document's {@link TokenIds} ({@code N}: none; {@code K}:
 * tokenizer, sentinel spans or empty, id count, packed varint bytes).
 *
 * <p>An {@code A} text is read back as Latin-1 (a plain copy; under C1 {@code new String(bytes,
 * UTF_8)} first scans for non-ASCII bytes byte by byte: issue 20 §5) into a document that
 * {@link Document#isKnownAscii() knows it is ASCII}, whose chars the next spill copies as bytes
 * without {@code getBytes(UTF_8)}'s scan.
 */
public final class DocumentCodec {
    private DocumentCodec() {
    }

    /**
     * {@code doc} in this codec's form as one array of its own: the bytes {@link #write} gives a
     * {@code DataOutputStream}, encoded in a per-thread {@link SpillOutput} (no synchronized call
     * per byte, no growing copies). The Spark runner's records carry documents in this form.
     */
    public static byte[] encode(Document doc) {
        return encode(doc, DocumentCodec::write);
    }

    /** A ledger row in {@link #writeLedger}'s form, as {@link #encode(Document)}. */
    public static byte[] encode(LedgerRow row) {
        return encode(row, DocumentCodec::writeLedger);
    }

    /** The document of {@link #encode(Document)}'s bytes; a corrupt array is an {@link UncheckedIOException}. */
    public static Document decode(byte[] data) {
        try {
            return read(new SpillInput(data, 0, data.length));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The ledger row of {@link #encode(LedgerRow)}'s bytes. */
    public static LedgerRow decodeLedger(byte[] data) {
        try {
            return readLedger(new SpillInput(data, 0, data.length));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private interface Writer<T> {
        void write(T value, DataOutput out) throws IOException;
    }

    /** Largest array a thread keeps between {@link #encode} calls (a huge document's is dropped after use). */
    private static final int KEPT_FRAME = 1 << 20;
    private static final ThreadLocal<SpillOutput> FRAME = ThreadLocal.withInitial(() -> new SpillOutput(1 << 14));

    private static <T> byte[] encode(T value, Writer<T> writer) {
        SpillOutput frame = FRAME.get();
        frame.reset();
        try {
            writer.write(value, frame);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] bytes = java.util.Arrays.copyOf(frame.array(), frame.size());
        if (frame.capacity() > KEPT_FRAME) {
            FRAME.remove();
        }
        return bytes;
    }

    public static void write(Document doc, DataOutput out) throws IOException {
        writeString(out, doc.id().value());
        writeString(out, doc.source().origin());
        writeString(out, doc.source().repoName());
        writeString(out, doc.source().path());
        if (doc.isDecoded()) {
            String text = doc.text();
            if (doc.isKnownAscii()) {
                out.writeByte('A');
                writeAscii(out, text);
            } else {
                byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
                // one byte per char: all ASCII (an unpaired surrogate was written as '?')
                out.writeByte(utf8.length == text.length() ? 'A' : 'T');
                out.writeInt(utf8.length);
                out.write(utf8);
            }
        } else {
            out.writeByte('R');
            out.writeInt(doc.bytes().length);
            out.write(doc.bytes());
        }
        writeAnnotations(doc.annotations().asMap(), out);
        writeTokens(doc.tokens(), out);
    }

    /*
     * write and read are split by section (annotations, token ids) so that the JIT compiles each
     * part on its own: a new annotation value type or an unseen tag deoptimizes the small method
     * that meets it, not the whole document's codec with every writeString/readString inlined.
     */

    private static void writeAnnotations(Map<String, Object> ann, DataOutput out) throws IOException {
        out.writeInt(ann.size());
        for (Map.Entry<String, Object> e : ann.entrySet()) {
            writeString(out, e.getKey());
            Object v = e.getValue();
            if (v instanceof String s) {
                out.writeByte('S');
                writeString(out, s);
            } else if (v instanceof Long l) {
                out.writeByte('L');
                out.writeLong(l);
            } else if (v instanceof Double d) {
                out.writeByte('D');
                out.writeDouble(d);
            } else if (v instanceof Boolean b) {
                out.writeByte('B');
                out.writeBoolean(b);
            } else if (v instanceof List<?> list) {
                writeList(list, out);
            } else {
                throw new IOException("annotation " + e.getKey() + " has unsupported type " + v.getClass().getName());
            }
        }
    }

    private static void writeList(List<?> list, DataOutput out) throws IOException {
        out.writeByte('A');
        out.writeInt(list.size());
        for (Object o : list) {
            writeString(out, String.valueOf(o));
        }
    }

    private static void writeTokens(TokenIds t, DataOutput out) throws IOException {
        if (t == null) {
            out.writeByte('N');
        } else {
            out.writeByte('K');
            writeString(out, t.tokenizer());
            out.writeBoolean(t.sentinels() != null);
            if (t.sentinels() != null) {
                writeString(out, t.sentinels());
            }
            out.writeInt(t.count());
            out.writeInt(t.packed().length);
            out.write(t.packed());
        }
    }

    public static Document read(DataInput in) throws IOException {
        DocId id = new DocId(readString(in));
        SourceRef source = new SourceRef(readString(in), readString(in), readString(in));
        byte kind = in.readByte();
        if (kind != 'A' && kind != 'T' && kind != 'R') {
            throw new IOException("corrupt spill file: content tag " + kind);
        }
        int n = in.readInt();
        if (n < 0) {
            throw new IOException("corrupt spill file: content length " + n);
        }
        byte[] bytes = null;
        String text = null;
        if (kind != 'R' && in instanceof SpillInput frame) { // decoded in place, no copy into an array first
            text = frame.readString(n, kind == 'A' ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
        } else {
            bytes = new byte[n];
            in.readFully(bytes);
            if (kind != 'R') {
                text = new String(bytes, kind == 'A' ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
            }
        }
        Annotations a = readAnnotations(in);
        // ASCII bytes are their own Latin-1 chars: the copy needs no scan, and the text is known to be ASCII
        Document d = kind == 'R' ? Document.ofBytes(id, source, bytes, a)
                : kind == 'A' ? Document.ofAsciiText(id, source, text, a) : Document.ofText(id, source, text, a);
        return readTokens(in, d);
    }

    private static Annotations readAnnotations(DataInput in) throws IOException {
        int n = in.readInt();
        Map<String, Object> ann = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            String key = readString(in);
            byte tag = in.readByte();
            Object v = switch (tag) {
                case 'S' -> readString(in);
                case 'L' -> in.readLong();
                case 'D' -> in.readDouble();
                case 'B' -> in.readBoolean();
                case 'A' -> readList(in);
                default -> throw new IOException("corrupt spill file: annotation tag " + tag);
            };
            ann.put(key, v);
        }
        return Annotations.ofRaw(ann);
    }

    private static List<String> readList(DataInput in) throws IOException {
        int size = in.readInt();
        List<String> list = new ArrayList<>(size);
        for (int j = 0; j < size; j++) {
            list.add(readString(in));
        }
        return list;
    }

    private static Document readTokens(DataInput in, Document d) throws IOException {
        byte tokens = in.readByte();
        if (tokens == 'K') {
            String tokenizer = readString(in);
            String sentinels = in.readBoolean() ? readString(in) : null;
            int count = in.readInt();
            byte[] packed = new byte[in.readInt()];
            in.readFully(packed);
            try {
                return d.withTokens(TokenIds.ofPacked(tokenizer, sentinels, packed, count));
            } catch (IllegalArgumentException e) {
                throw new IOException("corrupt spill file: " + e.getMessage(), e);
            }
        } else if (tokens != 'N') {
            throw new IOException("corrupt spill file: token tag " + tokens);
        }
        return d;
    }

    public static void writeLedger(LedgerRow r, DataOutput out) throws IOException {
        for (String s : new String[] {r.id(), r.repoName(), r.path(), r.stage(), r.rule(), r.action(), r.detail(),
                r.value(), r.limit(), r.keptId()}) {
            writeString(out, s);
        }
        out.writeInt(r.stageIndex());
        out.writeInt(r.sources().size());
        for (String s : r.sources()) {
            writeString(out, s);
        }
    }

    public static LedgerRow readLedger(DataInput in) throws IOException {
        String id = readString(in);
        String repo = readString(in);
        String path = readString(in);
        String stage = readString(in);
        String rule = readString(in);
        String action = readString(in);
        String detail = readString(in);
        String value = readString(in);
        String limit = readString(in);
        String kept = readString(in);
        int index = in.readInt();
        int n = in.readInt();
        if (n < 0) {
            throw new IOException("corrupt spill file: " + n + " ledger sources");
        }
        java.util.List<String> sources = new java.util.ArrayList<>(Math.min(n, 1024));
        for (int i = 0; i < n; i++) {
            sources.add(readString(in));
        }
        return new LedgerRow(id, repo, path, index, stage, rule, action, detail, value, limit, kept, sources);
    }

    /** Length and bytes of a text known to be all ASCII (its chars are its UTF-8 bytes). */
    private static void writeAscii(DataOutput out, String ascii) throws IOException {
        if (out instanceof SpillOutput frame) {
            frame.writeAscii(ascii);
        } else {
            out.writeInt(ascii.length());
            out.write(ascii.getBytes(StandardCharsets.ISO_8859_1));
        }
    }

    static void writeString(DataOutput out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    /** Largest read buffer a thread keeps between strings (longer strings read into a fresh array). */
    private static final int KEPT_BUFFER = 1 << 20;
    private static final ThreadLocal<byte[]> READ_BUFFER = ThreadLocal.withInitial(() -> new byte[8192]);

    static String readString(DataInput in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            throw new IOException("corrupt spill file: string length " + n);
        }
        if (in instanceof SpillInput frame) { // decoded in place, no copy into a buffer first
            return frame.readString(n, StandardCharsets.UTF_8);
        }
        byte[] b = READ_BUFFER.get();
        if (b.length < n) {
            b = new byte[Math.max(n, 2 * b.length)];
            if (b.length <= KEPT_BUFFER) {
                READ_BUFFER.set(b);
            }
        }
        in.readFully(b, 0, n);
        return new String(b, 0, n, StandardCharsets.UTF_8);
    }
}
