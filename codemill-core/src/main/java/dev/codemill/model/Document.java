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
 */
public final class Document {
    private final DocId id;
    private final SourceRef source;
    private final byte[] bytes;
    private final String text;
    private final Annotations annotations;
    private final TokenIds tokens;

    private Document(DocId id, SourceRef source, byte[] bytes, String text, Annotations annotations) {
        this(id, source, bytes, text, annotations, null);
    }

    private Document(DocId id, SourceRef source, byte[] bytes, String text, Annotations annotations, TokenIds tokens) {
        this.id = Objects.requireNonNull(id, "id");
        this.source = Objects.requireNonNull(source, "source");
        if ((bytes == null) == (text == null)) {
            throw new IllegalArgumentException("document " + id + " needs exactly one of bytes or text");
        }
        this.bytes = bytes;
        this.text = text;
        this.annotations = Objects.requireNonNull(annotations, "annotations");
        this.tokens = tokens;
    }

    /** A document whose content is still undecoded bytes (the array is not copied: do not change it). */
    public static Document ofBytes(DocId id, SourceRef source, byte[] bytes, Annotations annotations) {
        return new Document(id, source, bytes, null, annotations);
    }

    /** A document whose content is already text. */
    public static Document ofText(DocId id, SourceRef source, String text, Annotations annotations) {
        return new Document(id, source, null, text, annotations);
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

    public Annotations annotations() {
        return annotations;
    }

    public <T> T get(Key<T> key) {
        return annotations.get(key);
    }

    public <T> Document with(Key<T> key, T value) {
        return new Document(id, source, bytes, text, annotations.with(key, value), tokens);
    }

    public Document withAnnotations(Annotations replaced) {
        return new Document(id, source, bytes, text, replaced, tokens);
    }

    /** The token ids of the content, or null when none were computed (or the content changed since). */
    public TokenIds tokens() {
        return tokens;
    }

    /** A copy carrying {@code ids} (null: none) as the token ids of its content. */
    public Document withTokens(TokenIds ids) {
        return new Document(id, source, bytes, text, annotations, ids);
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
