package dev.codemill.stages.dedup.near;

import java.util.Arrays;

/**
 * One-permutation hashing (Li, Owen, Zhang, NIPS 2012) with optimal densification (Shrivastava,
 * "Optimal Densification for Fast and Accurate Minwise Hashing", ICML 2017).
 *
 * <p>Each shingle is hashed once: {@code h = fmix64(x XOR s)} ({@code s} from the recipe seed);
 * the high 32 bits pick bin {@code floor(hi·k / 2^32)}, the low 32 bits are the value, and each
 * bin keeps its minimum value (signed int order). Empty bins are then filled by optimal
 * densification: empty bin {@code i} probes bins {@code g(i,1), g(i,2), …} (a seeded hash of
 * {@code (i, attempt)} into [0,k), the same sequence for every document) and copies the value of
 * the first bin that was non-empty <em>before</em> densification. The collision probability of
 * every slot stays the Jaccard similarity, with variance close to classic MinHash.
 * Cost: O(1) per shingle plus O(k log k) expected per document for densification.
 */
public final class OnePermutationHash implements MinHasher {
    private final int k;
    private final long seedKey;
    private final long probeKey;

    /**
     * @param k    bins/slots, 1..65536 (default {@link MinHasher#DEFAULT_K})
     * @param seed recipe seed
     */
    public OnePermutationHash(int k, long seed) {
        MinHasher.checkK(k);
        this.k = k;
        this.seedKey = MinHasher.splitMix(seed, 0);
        this.probeKey = MinHasher.splitMix(seed, 1);
    }

    @Override
    public int k() {
        return k;
    }

    @Override
    public Kind kind() {
        return Kind.OPH;
    }

    @Override
    public void bins(long[] shingles, int count, long[] bins) {
        if (bins.length < k) {
            throw new IllegalArgumentException("bins has " + bins.length + " slots, need " + k);
        }
        Arrays.fill(bins, 0, k, EMPTY);
        final long kk = k;
        final long sk = seedKey;
        for (int s = 0; s < count; s++) {
            long h = MinHasher.fmix(shingles[s] ^ sk);
            int bin = (int) (((h >>> 32) * kk) >>> 32);
            long v = h & 0xFFFFFFFFL;
            if (v < bins[bin]) {
                bins[bin] = v;
            }
        }
    }

    /** Optimal densification of the empty bins, then each bin's low 32 bits. */
    @Override
    public void finish(long[] bins, int[] out) {
        boolean any = false;
        for (int i = 0; i < k && !any; i++) {
            any = bins[i] != EMPTY;
        }
        if (!any) {
            throw new IllegalArgumentException("no shingles: a too-short document goes to exact dedup");
        }
        final long kk = k;
        for (int i = 0; i < k; i++) {
            long v = bins[i];
            if (v == EMPTY) {
                long base = MinHasher.fmix(probeKey ^ (i * 0xD1B54A32D192ED03L));
                for (long attempt = 1; ; attempt++) {
                    long g = MinHasher.fmix(base + attempt * 0x9E3779B97F4A7C15L);
                    int j = (int) (((g >>> 32) * kk) >>> 32);
                    if (bins[j] != EMPTY) {
                        v = bins[j];
                        break;
                    }
                }
            }
            out[i] = (int) v;
        }
    }
}
