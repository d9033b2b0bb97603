package dev.codemill.stages.analysis.text;

import dev.codemill.analysis.ReusableChars;

/**
 * A reusable per-thread char[] holding a text's UTF-16 code units, so that the line passes
 * ({@link LineStats}, {@code LineLexer}) index an array instead of calling {@link String#charAt}
 * per char (whose index check is not removed on strings with non-Latin-1 chars) without
 * allocating a new array per document. {@link String#getChars} copies (or inflates Latin-1) in
 * bulk.
 *
 * <p>The array returned by {@link #of} is valid only until the next call of {@link #of} on the
 * same thread: a caller must not hold it across a call that may itself use this class, and must
 * never write into it. Texts over
 * {@value #KEEP} chars get a fresh array that is not kept.
 */
public final class TextChars {
    /** Largest buffer (chars) kept per thread: 1 Mi chars, 2 MiB. */
    static final int KEEP = ReusableChars.KEEP;

    private static final ThreadLocal<Buffer> BUFFER = ThreadLocal.withInitial(Buffer::new);

    /** A thread's array and the string whose chars its kept array holds (null: none known). */
    private static final class Buffer {
        final ReusableChars chars = new ReusableChars(4096);
        String text;
    }

    private TextChars() {
    }

    /**
     * This thread's buffer holding {@code text}'s chars at indexes 0 .. length-1 (longer than the text).
     * Read-only for every caller: a second call with the same {@code String} object (the stats stage's
     * line statistics and lexer, then the filters and quality on the same document) returns the array
     * without copying again.
     */
    public static char[] of(String text) {
        Buffer b = BUFFER.get();
        if (b.text == text) {
            return b.chars.kept();
        }
        char[] a = b.chars.of(text);
        if (a == b.chars.kept()) {
            b.text = text;
        } // else: a text over KEEP got an array of its own; the kept one still holds b.text
        return a;
    }
}
