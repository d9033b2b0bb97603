package dev.codemill.model;

import java.util.Objects;

/**
 * One file of source code on its way through the pipeline. Immutable: every {@code with…}
 * method returns a copy.
 *
 * <p>A document read from a directory or archive starts as {@link #bytes() raw bytes} with no
 * text; the {@code decode} stage turns the bytes into {@link #text() text} (a Java string,
 * UTF-16 code units) and drops the bytes. A document read from a JSONL or Parquet dump starts
 * with text. Exactly one of the two is non-null.
 *
 * <p>A document may carry the {@link TokenIds token ids} of its content (set by the {@code tokens}
 * stage); {@link #with}, {@link #withAnnotations} and {@link #withTokens} keep them,
 * {@link #withText} drops them, so ids never outlive the content they were computed from.
 *
 * <p>A text read back from all-ASCII bytes (a spill's) is {@link #isKnownAscii() known to be ASCII}
 * under the same rules: copies with the same text keep the fact, {@link #withText} drops it. Spills
 * and writers then copy its chars as bytes, without the byte-by-byte scans of UTF-8 encoding under
 * C1 (issue 20 §5).
 */
public final class Document {
    private final DocId id;
    private final SourceRef source;
    private final byte[] bytes;
    private final String text;
    private final Annotations annotations;
    private final TokenIds tokens;
    /** The text was decoded from all-ASCII bytes: every char is below U+0080. */
    private final boolean knownAscii;

    private Document(DocId id, SourceRef source, byte[] bytes, String text, Annotations annotations) {
        this(id, source, bytes, text, annotations, null, false);
    }

    private Document(DocId id, SourceRef source, byte[] bytes, String text, Annotations annotations, TokenIds tokens,
                     boolean knownAscii) {
        this.id = Objects.requireNonNull(id, "id");
        this.source = Objects.requireNonNull(source, "source");
        if ((bytes == null) == (text == null)) {
            throw new IllegalArgumentException("document " + id + " needs exactly one of bytes or text");
        }
        this.bytes = bytes;
        this.text = text;
        this.annotations = Objects.requireNonNull(annotations, "annotations");
        this.tokens = tokens;
        this.knownAscii = knownAscii;
    }

    /** A document whose content is still undecoded bytes (the array is not copied: do not change it). */
    public static Document ofBytes(DocId id, SourceRef source, byte[] bytes, Annotations annotations) {
        return new Document(id, source, bytes, null, annotations);
    }

    /** A document whose content is already text. */
    public static Document ofText(DocId id, SourceRef source, String text, Annotations annotations) {
        return new Document(id, source, null, text, annotations);
    }

    /**
     * A document whose content is {@code text}, which the caller guarantees is all ASCII (every char
     * below U+0080: it was decoded from bytes known to be ASCII, as a spill's {@code A} texts are);
     * {@link #isKnownAscii()} is then true without a pass over the text.
     */
    public static Document ofAsciiText(DocId id, SourceRef source, String text, Annotations annotations) {
        assert Objects.requireNonNull(text, "text").chars().allMatch(c -> c < 0x80) : "not ASCII: " + id; // tests run with -ea
        return new Document(id, source, null, Objects.requireNonNull(text, "text"), annotations, null, true);
    }

    public DocId id() {
        return id;
    }

    public SourceRef source() {
        return source;
    }

    /** Raw bytes before decoding, or null once decoded. The array is shared: never modify it. */
    public byte[] bytes() {
        return bytes;
    }

    /** The decoded text, or null before decoding. */
    public String text() {
        return text;
    }

    public boolean isDecoded() {
        return text != null;
    }

    /**
     * Whether the text is known, without a pass, to be all ASCII ({@link #ofAsciiText}); false when
     * it is not ASCII or not known to be. Then {@code text().getBytes(ISO_8859_1)} (a plain copy of a
     * compact string) equals {@code getBytes(UTF_8)}.
     */
    public boolean isKnownAscii() {
        return knownAscii;
    }

    public Annotations annotations() {
        return annotations;
    }

    public <T> T get(Key<T> key) {
        return annotations.get(key);
    }

    public <T> Document with(Key<T> key, T value) {
        return new Document(id, source, bytes, text, annotations.with(key, value), tokens, knownAscii);
    }

    public Document withAnnotations(Annotations replaced) {
        return new Document(id, source, bytes, text, replaced, tokens, knownAscii);
    }

    /** The token ids of the content, or null when none were computed (or the content changed since). */
    public TokenIds tokens() {
        return tokens;
    }

    /** A copy carrying {@code ids} (null: none) as the token ids of its content. */
    public Document withTokens(TokenIds ids) {
        return new Document(id, source, bytes, text, annotations, ids, knownAscii);
    }

    /** A copy holding {@code newText} as content (bytes are dropped). */
    public Document withText(String newText) {
        return new Document(id, source, null, Objects.requireNonNull(newText, "text"), annotations);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Document d && d.id.equals(id) && d.source.equals(source)
                && Objects.equals(d.text, text) && java.util.Arrays.equals(d.bytes, bytes)
                && d.annotations.equals(annotations) && Objects.equals(d.tokens, tokens);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    @Override
    public String toString() {
        return "Document[" + id + " " + source.repoName() + "/" + source.path() + "]";
    }
}
