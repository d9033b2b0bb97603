package dev.codemill.stages.analysis.text;

/**
 * A reusable per-thread char[] holding a text's UTF-16 code units, so that the line passes
 * ({@link LineStats}, {@code LineLexer}) index an array instead of calling {@link String#charAt}
 * per char (whose index check is not removed on strings with non-Latin-1 chars) without
 * allocating a new array per document. {@link String#getChars} copies (or inflates Latin-1) in
 * bulk.
 *
 * <p>The array returned by {@link #of} is valid only until the next call of {@link #of} on the
 * same thread: a caller must not hold it across a call that may itself use this class. Texts over
 * {@value #KEEP} chars get a fresh array that is not kept.
 */
public final class TextChars {
    /** Largest buffer (chars) kept per thread: 1 Mi chars, 2 MiB. */
    static final int KEEP = 1 << 20;

    private static final ThreadLocal<char[]> BUFFER = ThreadLocal.withInitial(() -> new char[4096]);

    private TextChars() {
    }

    /** This thread's buffer holding {@code text}'s chars at indexes 0 .. length-1 (longer than the text). */
    public static char[] of(String text) {
        int n = text.length();
        char[] buf = BUFFER.get();
        if (buf.length < n) {
            buf = new char[Math.max(n, Math.min(KEEP, buf.length * 2))];
            if (buf.length <= KEEP) {
                BUFFER.set(buf);
            }
        }
        text.getChars(0, n, buf, 0);
        return buf;
    }
}
