package dev.codemill.stages.dedup.near;

import java.util.Arrays;

/** Exact and estimated Jaccard similarity. Stateless, thread-safe. */
public final class Jaccard {
    private Jaccard() {
    }

    /**
     * Sorts {@code a[0..count)} in place and returns its distinct values as a new sorted array.
     *
     * @param a     hashes (modified: sorted)
     * @param count number of valid entries
     */
    public static long[] sortedSet(long[] a, int count) {
        Arrays.sort(a, 0, count);
        int u = 0;
        for (int i = 0; i < count; i++) {
            if (u == 0 || a[i] != a[u - 1]) {
                a[u++] = a[i];
            }
        }
        return Arrays.copyOf(a, u);
    }

    /**
     * Exact Jaccard |A∩B| / |A∪B| of two sorted sets of distinct longs (as from
     * {@link #sortedSet}), by a linear merge. Two empty sets give 0.0 (not NaN): an empty shingle
     * set is no evidence of near-duplication (such documents go to exact dedup).
     *
     * @return a value in [0, 1]
     */
    public static double exact(long[] a, long[] b) {
        int i = 0;
        int j = 0;
        int inter = 0;
        while (i < a.length && j < b.length) {
            long x = a[i];
            long y = b[j];
            if (x == y) {
                inter++;
                i++;
                j++;
            } else if (x < y) {
                i++;
            } else {
                j++;
            }
        }
        int union = a.length + b.length - inter;
        return union == 0 ? 0.0 : (double) inter / union;
    }

    /**
     * The 32-bit fingerprints of a sorted set of 64-bit hashes: the high 32 bits of each, which
     * stay sorted (signed order) and are made distinct again. Halves what exact verification
     * stores per shingle; two distinct shingles share a fingerprint with probability 2⁻³².
     */
    public static int[] fingerprints(long[] sortedSet) {
        int[] out = new int[sortedSet.length];
        int u = 0;
        for (long v : sortedSet) {
            int f = (int) (v >> 32);
            if (u == 0 || out[u - 1] != f) {
                out[u++] = f;
            }
        }
        return u == out.length ? out : Arrays.copyOf(out, u);
    }

    /** Below this many hashes {@link #fingerprintSet} sorts with {@link Arrays#sort(int[])}; above, by radix. */
    static final int RADIX_FROM = 512;

    /**
     * {@code fingerprints(sortedSet(hashes, count))} without sorting the 64-bit hashes: the high 32
     * bits of {@code hashes[0..count)}, sorted (signed order) and distinct. Equal because the high
     * 32 bits of a signed-sorted set of longs are themselves signed-sorted; sorting the 32-bit
     * halves moves half the bytes, and above {@value #RADIX_FROM} hashes an LSD radix sort
     * (three passes of 11, 11 and 10 bits, sign bit flipped) replaces the comparison sort.
     *
     * @param hashes shingle hashes (not modified)
     * @param count  number of valid entries
     * @return a new array of sorted distinct fingerprints
     */
    public static int[] fingerprintSet(long[] hashes, int count) {
        int[] a = new int[count];
        for (int i = 0; i < count; i++) {
            a[i] = (int) (hashes[i] >> 32);
        }
        if (count < RADIX_FROM) {
            Arrays.sort(a);
        } else {
            radixSort(a);
        }
        int u = 0;
        for (int i = 0; i < count; i++) {
            if (u == 0 || a[i] != a[u - 1]) {
                a[u++] = a[i];
            }
        }
        return u == count ? a : Arrays.copyOf(a, u);
    }

    /** Signed ascending LSD radix sort of {@code a} (11 + 11 + 10 bits; the top digit has its sign bit flipped). */
    static void radixSort(int[] a) {
        int n = a.length;
        int[] b = new int[n];
        int[] count = new int[2048];
        int[] src = a;
        int[] dst = b;
        for (int shift = 0; shift < 32; shift += 11) {
            Arrays.fill(count, 0);
            int flip = shift == 22 ? 0x200 : 0; // bit 31 is bit 9 of the top (10-bit) digit
            for (int i = 0; i < n; i++) {
                count[((src[i] >>> shift) & 0x7FF) ^ flip]++;
            }
            int sum = 0;
            for (int d = 0; d < 2048; d++) {
                int c = count[d];
                count[d] = sum;
                sum += c;
            }
            for (int i = 0; i < n; i++) {
                int v = src[i];
                dst[count[((v >>> shift) & 0x7FF) ^ flip]++] = v;
            }
            int[] t = src;
            src = dst;
            dst = t;
        }
        if (src != a) {
            System.arraycopy(src, 0, a, 0, n);
        }
    }

    /** {@link #exact(long[], long[])} for sorted distinct fingerprints. */
    public static double exact(int[] a, int[] b) {
        int i = 0;
        int j = 0;
        int inter = 0;
        while (i < a.length && j < b.length) {
            int x = a[i];
            int y = b[j];
            if (x == y) {
                inter++;
                i++;
                j++;
            } else if (x < y) {
                i++;
            } else {
                j++;
            }
        }
        int union = a.length + b.length - inter;
        return union == 0 ? 0.0 : (double) inter / union;
    }

    /**
     * Estimated Jaccard: the share of equal slots of two signatures of the same length k. Its
     * standard error for classic MinHash is sqrt(J(1-J)/k) (at most 1/(2 sqrt k): 0.031 for k=256).
     *
     * @throws IllegalArgumentException if lengths differ or are 0
     */
    public static double estimate(int[] a, int[] b) {
        if (a.length != b.length || a.length == 0) {
            throw new IllegalArgumentException("signature lengths " + a.length + " and " + b.length);
        }
        int eq = 0;
        for (int i = 0; i < a.length; i++) {
            if (a[i] == b[i]) {
                eq++;
            }
        }
        return (double) eq / a.length;
    }
}
