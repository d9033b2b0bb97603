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
 * <p>A decoded document keeps the {@link #textUtf8() UTF-8 form} of its text once it has been
 * asked for (spills, output writers), under the same rules as token ids: copies with the same text
 * share it, {@link #withText} drops it. So a text that no stage changes is encoded once per run,
 * not once per spill and writer (issue 20 §5).
 */
public final class Document {
    private final DocId id;
    private final SourceRef source;
    private final byte[] bytes;
    private final String text;
    private final Annotations annotations;
    private final TokenIds tokens;
    /**
     * {@code text.getBytes(UTF_8)}, set on first use (volatile: a document may be handed between
     * threads while another one encodes it; both compute the same bytes).
     */
    private volatile byte[] utf8;
    /** The text was decoded from {@link #utf8} (so the two match char for char: no unpaired surrogate became '?'). */
    private final boolean fromUtf8;

    private Document(DocId id, SourceRef source, byte[] bytes, String text, Annotations annotations) {
        this(id, source, bytes, text, annotations, null, null, false);
    }

    private Document(DocId id, SourceRef source, byte[] bytes, String text, Annotations annotations, TokenIds tokens,
                     byte[] utf8, boolean fromUtf8) {
        this.id = Objects.requireNonNull(id, "id");
        this.source = Objects.requireNonNull(source, "source");
        if ((bytes == null) == (text == null)) {
            throw new IllegalArgumentException("document " + id + " needs exactly one of bytes or text");
        }
        this.bytes = bytes;
        this.text = text;
        this.annotations = Objects.requireNonNull(annotations, "annotations");
        this.tokens = tokens;
        this.utf8 = utf8;
        this.fromUtf8 = fromUtf8;
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
     * A document whose content is {@code text}, with {@code utf8} as its {@link #textUtf8() UTF-8 form}
     * (as decoded from a spill). The caller guarantees {@code utf8} equals {@code text.getBytes(UTF_8)}
     * (e.g. {@code text} was decoded from {@code utf8}, which a {@code getBytes(UTF_8)} wrote); the array
     * is not copied: do not change it.
     *
     * @throws IllegalArgumentException when the lengths cannot match (fewer bytes than chars, or more than 3 per char)
     */
    public static Document ofTextUtf8(DocId id, SourceRef source, String text, byte[] utf8, Annotations annotations) {
        Objects.requireNonNull(text, "text");
        if (utf8.length < text.length() || utf8.length > 3L * text.length()) {
            throw new IllegalArgumentException("document " + id + ": " + utf8.length + " UTF-8 bytes cannot encode "
                    + text.length() + " chars");
        }
        return new Document(id, source, null, text, annotations, null, utf8, true);
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
     * The text as UTF-8, exactly {@code text().getBytes(UTF_8)} (an unpaired surrogate becomes
     * {@code '?'}), encoded on first use and kept; null before decoding. The array is shared: never
     * modify it.
     */
    public byte[] textUtf8() {
        byte[] b = utf8;
        if (b == null && text != null) {
            b = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            utf8 = b;
        }
        return b;
    }

    /**
     * Whether {@link #textUtf8()} is all ASCII bytes, i.e. one byte per char: every char is ASCII or an
     * unpaired surrogate (which UTF-8 encoding writes as {@code '?'}). Known without a pass once the
     * UTF-8 form exists (it is computed here otherwise); false before decoding.
     */
    public boolean isAsciiUtf8() {
        return text != null && textUtf8().length == text.length();
    }

    /**
     * Whether the text is known, without a pass, to be all ASCII: true only for a text decoded from
     * its UTF-8 form ({@link #ofTextUtf8}, as read back from a spill) with one byte per char; false
     * when it is not ASCII or not known to be (a text that may hold an unpaired surrogate).
     */
    public boolean isKnownAscii() {
        return fromUtf8 && isAsciiUtf8();
    }

    public Annotations annotations() {
        return annotations;
    }

    public <T> T get(Key<T> key) {
        return annotations.get(key);
    }

    public <T> Document with(Key<T> key, T value) {
        return new Document(id, source, bytes, text, annotations.with(key, value), tokens, utf8, fromUtf8);
    }

    public Document withAnnotations(Annotations replaced) {
        return new Document(id, source, bytes, text, replaced, tokens, utf8, fromUtf8);
    }

    /** The token ids of the content, or null when none were computed (or the content changed since). */
    public TokenIds tokens() {
        return tokens;
    }

    /** A copy carrying {@code ids} (null: none) as the token ids of its content. */
    public Document withTokens(TokenIds ids) {
        return new Document(id, source, bytes, text, annotations, ids, utf8, fromUtf8);
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
