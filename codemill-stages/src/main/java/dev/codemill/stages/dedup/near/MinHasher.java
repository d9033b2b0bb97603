package dev.codemill.stages.dedup.near;

/**
 * Computes a MinHash-style signature of {@code k} 32-bit slots from a multiset of 64-bit shingle
 * hashes; two signatures of the same kind, k and seed agree in slot {@code i} with probability
 * (close to) the Jaccard similarity of the two shingle sets, so {@link Jaccard#estimate} of two
 * signatures estimates it. Implementations are immutable and thread-safe; {@link #sign} allocates
 * one scratch array of k longs per call (per document, never per shingle).
 */
public interface MinHasher {
    /** Default number of permutations/slots: 256 (BigCode near-dedup of The Stack). */
    int DEFAULT_K = 256;

    /** Signature algorithm. */
    enum Kind {
        /** k independent multiply-add permutations (datasketch/BigCode style): O(k) per shingle. */
        CLASSIC,
        /** One-permutation hashing with optimal densification (Shrivastava, ICML 2017): O(1). */
        OPH
    }

    /** Number of slots. */
    int k();

    /** The algorithm. */
    Kind kind();

    /** Value of a bin that no shingle fell into (also the largest value: merging is a plain min). */
    long EMPTY = Long.MAX_VALUE;

    /**
     * Writes the raw per-slot minima of {@code shingles[0..count)} into {@code bins[0..k)}
     * ({@link #EMPTY} where no shingle landed), before any densification. Raw bins of two sets
     * merge into those of their union by an elementwise minimum ({@link #mergeBins}), which is how
     * a repository's signature is built from its files.
     *
     * @throws IllegalArgumentException if {@code bins.length < k}
     */
    void bins(long[] shingles, int count, long[] bins);

    /**
     * Turns raw bins into a signature of k 32-bit slots (densifying empty bins where the
     * algorithm needs it).
     *
     * @throws IllegalArgumentException if every bin is {@link #EMPTY} (no shingle at all)
     */
    void finish(long[] bins, int[] out);

    /**
     * Writes the signature of {@code shingles[0..count)} into {@code out[0..k)}.
     *
     * @throws IllegalArgumentException if {@code count == 0} (a too-short document has no
     *         signature: send it to exact dedup, see {@link Shingler#tooShort()}) or
     *         {@code out.length < k}
     */
    default void sign(long[] shingles, int count, int[] out) {
        checkSignArguments(count, out, k());
        long[] b = new long[k()];
        bins(shingles, count, b);
        finish(b, out);
    }

    /** Elementwise minimum of raw bins: {@code into[i] = min(into[i], other[i])}. */
    static void mergeBins(long[] into, long[] other) {
        if (into.length != other.length) {
            throw new IllegalArgumentException("bins of length " + into.length + " and " + other.length);
        }
        for (int i = 0; i < into.length; i++) {
            into[i] = Math.min(into[i], other[i]);
        }
    }

    /** Allocating form of {@link #sign(long[], int, int[])}. */
    default int[] sign(long[] shingles, int count) {
        int[] out = new int[k()];
        sign(shingles, count, out);
        return out;
    }

    /**
     * Creates a signer.
     *
     * @param kind algorithm
     * @param k    slots, 1..65536
     * @param seed the recipe seed; all permutation/hash parameters derive from it by SplitMix64
     */
    static MinHasher of(Kind kind, int k, long seed) {
        return switch (kind) {
            case CLASSIC -> new ClassicMinHash(k, seed);
            case OPH -> new OnePermutationHash(k, seed);
        };
    }

    /** SplitMix64 step (Steele, Lea, Flood 2014): the {@code i}-th output after {@code seed}. */
    static long splitMix(long seed, long i) {
        return fmix(seed + (i + 1) * 0x9E3779B97F4A7C15L);
    }

    /** SplitMix64/MurmurHash3-style 64-bit finaliser (variant 13 of Stafford): a bijection. */
    static long fmix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** The argument checks of {@link #sign(long[], int, int[])}, shared by the implementations. */
    static void checkSignArguments(int count, int[] out, int k) {
        if (count <= 0) {
            throw new IllegalArgumentException("no shingles: a too-short document goes to exact dedup");
        }
        if (out.length < k) {
            throw new IllegalArgumentException("out has " + out.length + " slots, need " + k);
        }
    }

    static void checkK(int k) {
        if (k < 1 || k > 65536) {
            throw new IllegalArgumentException("k must be in 1..65536, was " + k);
        }
    }
}
