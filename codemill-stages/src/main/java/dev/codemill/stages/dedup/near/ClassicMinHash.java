package dev.codemill.stages.dedup.near;

import java.util.Arrays;

/**
 * Classic MinHash with k permutations of the 64-bit shingle space:
 * {@code h_i(x) = a_i·x + b_i mod 2^64} with {@code a_i} odd (a bijection of the 64-bit words, as
 * datasketch's {@code (a·x+b) mod p} is of [0,p)), ordered as signed longs; slot {@code i} is the
 * high 32 bits of {@code min_x h_i(x)}. {@code a_i, b_i} are SplitMix64 outputs of the recipe seed.
 * Cost: k multiply-add-min per shingle, which is why {@link OnePermutationHash} exists; kept for
 * comparability with datasketch, text-dedup and BigCode's scripts.
 */
public final class ClassicMinHash implements MinHasher {
    private final int k;
    private final long[] a;
    private final long[] b;

    /**
     * @param k    permutations, 1..65536 (default {@link MinHasher#DEFAULT_K})
     * @param seed recipe seed
     */
    public ClassicMinHash(int k, long seed) {
        MinHasher.checkK(k);
        this.k = k;
        a = new long[k];
        b = new long[k];
        for (int i = 0; i < k; i++) {
            a[i] = MinHasher.splitMix(seed, 2L * i) | 1L;
            b[i] = MinHasher.splitMix(seed, 2L * i + 1);
        }
    }

    @Override
    public int k() {
        return k;
    }

    @Override
    public Kind kind() {
        return Kind.CLASSIC;
    }

    @Override
    public void bins(long[] shingles, int count, long[] mins) {
        if (mins.length < k) {
            throw new IllegalArgumentException("bins has " + mins.length + " slots, need " + k);
        }
        Arrays.fill(mins, 0, k, EMPTY);
        long[] aa = a;
        long[] bb = b;
        for (int s = 0; s < count; s++) {
            long x = shingles[s];
            for (int i = 0; i < k; i++) {
                mins[i] = Math.min(mins[i], aa[i] * x + bb[i]);
            }
        }
    }

    /** Slot i is the high 32 bits of permutation i's minimum. */
    @Override
    public void finish(long[] mins, int[] out) {
        boolean any = false;
        for (int i = 0; i < k; i++) {
            any |= mins[i] != EMPTY;
            out[i] = (int) (mins[i] >>> 32);
        }
        if (!any) {
            throw new IllegalArgumentException("no shingles: a too-short document goes to exact dedup");
        }
    }
}
