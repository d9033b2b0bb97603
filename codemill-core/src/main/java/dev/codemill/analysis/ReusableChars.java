package dev.codemill.analysis;

/**
 * A reusable {@code char[]} that holds a text's UTF-16 code units, so that a hot loop indexes an array
 * instead of calling {@link String#charAt} per char (whose index check stays in compiled code on
 * strings with non-Latin-1 chars, and costs a call chain under C1) without allocating an array per
 * text. {@link String#getChars} copies (or inflates Latin-1) in bulk.
 *
 * <p>Not thread-safe: one instance per thread (a field of a per-thread object, or held by a
 * {@code ThreadLocal}). The array {@link #of} returns is valid until its next call; callers never
 * write into it. The array grows by doubling up to {@value #KEEP} chars; a longer text gets an array
 * of its own that is not kept.
 */
public final class ReusableChars {
    /** Largest array (chars) kept between calls: 1 Mi chars, 2 MiB. */
    public static final int KEEP = 1 << 20;

    private char[] chars;

    /** @param initialChars the first array's length (chars, at least 1) */
    public ReusableChars(int initialChars) {
        if (initialChars < 1) {
            throw new IllegalArgumentException("initialChars must be at least 1: " + initialChars);
        }
        this.chars = new char[initialChars];
    }

    /** {@code text}'s chars at indexes 0 .. length-1 (the array may be longer than the text). */
    public char[] of(String text) {
        int n = text.length();
        char[] c = chars;
        if (c.length < n) {
            c = new char[Math.max(n, Math.min(KEEP, c.length * 2))];
            if (c.length <= KEEP) {
                chars = c;
            }
        }
        text.getChars(0, n, c, 0);
        return c;
    }

    /** The kept array: what {@link #of} returned last, unless that text was over {@value #KEEP} chars. */
    public char[] kept() {
        return chars;
    }
}
