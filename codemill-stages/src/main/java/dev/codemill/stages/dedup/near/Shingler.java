package dev.codemill.stages.dedup.near;

import dev.codemill.analysis.ReusableChars;

import java.util.Arrays;
import net.openhft.hashing.LongHashFunction;

/**
 * Turns a (normalised, see {@link Normaliser}) text into 64-bit shingle hashes.
 *
 * <p><b>Word mode</b> (default, BigCode near-dedup of The Stack): tokens are the maximal runs of
 * {@code [A-Za-z_0-9]} (the text is split on {@code [^A-Za-z_0-9]} and empty tokens dropped, so
 * non-ASCII letters are separators, as in BigCode's Python regex); each token is hashed with XXH3
 * over its UTF-16 chars ({@code t_i}), and shingle {@code j} is
 * {@code fmix64(Σ_q t_{j+q}·M_q mod 2^64)} with fixed odd multipliers {@code M_q} (SplitMix64 of a
 * constant): order-sensitive, a bijection of the sum, and cheaper than XXH3 over the
 * n token hashes. Two different token sequences collide with probability about 2^-64. A text with {@code T >= n} tokens gives
 * {@code T-n+1} shingles; a text with fewer than {@code n} tokens gives <b>none</b> and is
 * {@linkplain #tooShort() too short}: it must go to exact dedup only, never to LSH with a shared
 * sentinel signature (case C01; text-dedup #77, data-juicer PR #1051, DataFlow PR #526).
 *
 * <p><b>Char mode</b>: shingle {@code j} is XXH3 over the UTF-16 chars {@code j..j+n-1} of the
 * text; a text shorter than {@code n} chars is too short.
 *
 * <p>Shingles come out in text order and may repeat (a multiset); MinHash ignores repeats,
 * {@link #shingleSet} removes them. No String or object is built per token or shingle: buffers are
 * reused across calls, so an instance is <b>not</b> thread-safe (use one per thread).
 */
public final class Shingler {
    /** Default word n-gram size: 5 (BigCode, The Stack v1/v2 near-dedup). */
    public static final int DEFAULT_NGRAM = 5;

    /** Shingle kind. */
    public enum Mode { WORD, CHAR }

    private static final LongHashFunction XX3 = LongHashFunction.xx3();

    private final Mode mode;
    private final int n;
    private final long[] multipliers;
    private long[] tokens = new long[256];
    private long[] shingles = new long[256];
    /** The text's chars (an instance is used by one thread: no {@code ThreadLocal} lookup per call). */
    private final ReusableChars textChars = new ReusableChars(4096);
    private int count;
    private int tokenCount;

    /**
     * @param mode word or char n-grams
     * @param n    n-gram size in tokens (word) or chars (char), at least 1
     * @throws IllegalArgumentException if {@code n < 1}
     */
    public Shingler(Mode mode, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("n-gram size must be >= 1, was " + n);
        }
        this.mode = mode;
        this.n = n;
        this.multipliers = new long[n];
        for (int q = 0; q < n; q++) {
            multipliers[q] = MinHasher.splitMix(0x5EEDL, q) | 1L;
        }
    }

    /** Word {@code n}-grams. */
    public static Shingler words(int n) {
        return new Shingler(Mode.WORD, n);
    }

    /** Char {@code n}-grams. */
    public static Shingler chars(int n) {
        return new Shingler(Mode.CHAR, n);
    }

    public Mode mode() {
        return mode;
    }

    public int n() {
        return n;
    }

    /**
     * Shingles {@code text} into {@link #buffer()}.
     *
     * @param text normalised text (any length)
     * @return the number of shingles, {@code buffer()[0..count)}; 0 when {@link #tooShort()}
     */
    public int shingle(String text) {
        count = 0;
        if (mode == Mode.CHAR) {
            tokenCount = text.length();
            int m = text.length() - n + 1;
            if (m <= 0) {
                return 0;
            }
            ensureShingles(m);
            for (int j = 0; j < m; j++) {
                shingles[j] = XX3.hashChars(text, j, n);
            }
            count = m;
            return m;
        }
        int len = text.length();
        // an array, not charAt per char; XXH3 of chars in an array equals XXH3 of the same chars in a String
        return wordShingles(textChars.of(text), len);
    }

    /**
     * Shingles the dedup key of {@code text}: the same shingles as
     * {@code shingle(Normaliser.normalise(text))}. In word mode the text's chars are copied once and,
     * when all are below U+0300 (normalising then changes whitespace only, which never changes word
     * tokens: {@link Normaliser#forWordTokens}), tokenised as they are; otherwise the normalised text is.
     *
     * @param text decoded text (any length)
     * @return the number of shingles, {@code buffer()[0..count)}; 0 when {@link #tooShort()}
     */
    public int shingleNormalised(String text) {
        if (mode == Mode.CHAR) {
            return shingle(Normaliser.normalise(text));
        }
        count = 0;
        int len = text.length();
        char[] a = textChars.of(text);
        if (Normaliser.firstAtOrAboveU0300(a, len) >= 0) {
            String normal = Normaliser.normalise(text);
            len = normal.length();
            a = textChars.of(normal);
        }
        return wordShingles(a, len);
    }

    /** Word shingles of {@code a[0, len)} into {@link #shingles}; sets {@link #count} and {@link #tokenCount}. */
    private int wordShingles(char[] a, int len) {
        int t = tokenHashes(a, len);
        tokenCount = t;
        int m = t - n + 1;
        if (m <= 0) {
            return 0;
        }
        ensureShingles(m);
        long[] tk = tokens;
        long[] mul = multipliers;
        for (int j = 0; j < m; j++) {
            long h = 0;
            for (int q = 0; q < n; q++) {
                h += tk[j + q] * mul[q];
            }
            shingles[j] = MinHasher.fmix(h);
        }
        count = m;
        return m;
    }

    /** Hashes the word tokens of {@code a[0, len)} into {@link #tokens}; returns their number. */
    private int tokenHashes(char[] a, int len) {
        boolean[] word = WORD;
        int t = 0;
        int i = 0;
        while (i < len) {
            char c = a[i];
            if (c >= 128 || !word[c]) {
                i++;
                continue;
            }
            int start = i++;
            while (i < len && (c = a[i]) < 128 && word[c]) {
                i++;
            }
            if (t == tokens.length) {
                tokens = Arrays.copyOf(tokens, t * 2);
            }
            tokens[t++] = XX3.hashChars(a, start, i - start);
        }
        return t;
    }

    /** The shingle buffer of the last {@link #shingle} call; valid up to its returned count. */
    public long[] buffer() {
        return shingles;
    }

    /** Number of shingles of the last call. */
    public int count() {
        return count;
    }

    /** Tokens (word mode) or chars (char mode) of the last call. */
    public int tokenCount() {
        return tokenCount;
    }

    /** True when the last text had fewer than {@code n} tokens/chars, hence no shingle. */
    public boolean tooShort() {
        return count == 0;
    }

    /**
     * The sorted set of distinct shingle hashes of {@code text} (signed order), for exact Jaccard.
     *
     * @return a new array, empty when the text is too short
     */
    public long[] shingleSet(String text) {
        int m = shingle(text);
        long[] s = Arrays.copyOf(shingles, m);
        return Jaccard.sortedSet(s, m);
    }

    /** {@code WORD[c]}: ASCII char {@code c} is in {@code [A-Za-z_0-9]} (one lookup instead of a chain of comparisons under C1). */
    private static final boolean[] WORD = wordChars();

    private static boolean[] wordChars() {
        boolean[] w = new boolean[128];
        for (char c = 0; c < 128; c++) {
            w[c] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
        }
        return w;
    }

    private void ensureShingles(int m) {
        if (shingles.length < m) {
            shingles = new long[Math.max(m, shingles.length * 2)];
        }
    }
}
