package dev.codemill.stages.dedup.near;

import net.openhft.hashing.LongHashFunction;

/**
 * LSH band keys: band {@code j} of a signature is slots {@code [j·r, (j+1)·r)}; its key is
 * {@code fmix64(XXH3(slots as little-endian ints) + (j+1)·φ64)}, so equal slots in different bands
 * give different keys. Two documents are LSH candidates when any band key is equal at the same
 * band index. Slots beyond {@code b·r} are not used (as in datasketch's MinHashLSH).
 */
public final class BandKeys {
    private static final LongHashFunction XX3 = LongHashFunction.xx3();

    private BandKeys() {
    }

    /**
     * @param signature k slots
     * @param params    bands and rows, {@code bands·rows <= k}
     * @return {@code long[bands]}
     */
    public static long[] of(int[] signature, LshParams params) {
        long[] out = new long[params.bands()];
        of(signature, params.bands(), params.rows(), out);
        return out;
    }

    /**
     * Writes {@code bands} keys into {@code out}.
     *
     * @throws IllegalArgumentException if {@code bands·rows > signature.length}
     */
    public static void of(int[] signature, int bands, int rows, long[] out) {
        if ((long) bands * rows > signature.length || bands < 1 || rows < 1) {
            throw new IllegalArgumentException(bands + " bands x " + rows + " rows do not fit k=" + signature.length);
        }
        for (int j = 0; j < bands; j++) {
            long h = XX3.hashInts(signature, j * rows, rows);
            out[j] = MinHasher.fmix(h + (j + 1) * 0x9E3779B97F4A7C15L);
        }
    }

    /** True when some band index has equal keys in both arrays (an LSH candidate pair). */
    public static boolean collide(long[] a, long[] b) {
        int n = Math.min(a.length, b.length);
        for (int j = 0; j < n; j++) {
            if (a[j] == b[j]) {
                return true;
            }
        }
        return false;
    }
}
