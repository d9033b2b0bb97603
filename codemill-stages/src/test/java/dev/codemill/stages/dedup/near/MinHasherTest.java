package dev.codemill.stages.dedup.near;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class MinHasherTest {
    /** Text of distinct word tokens w{from}..w{to-1}: with 1-grams its shingle set has to-from elements. */
    private static String words(int from, int to) {
        StringBuilder sb = new StringBuilder();
        for (int i = from; i < to; i++) {
            sb.append('w').append(i).append(' ');
        }
        return sb.toString();
    }

    private static int[] sign(MinHasher h, String text) {
        Shingler s = Shingler.words(1);
        int m = s.shingle(text);
        return h.sign(s.buffer(), m);
    }

    @ParameterizedTest
    @EnumSource(MinHasher.Kind.class)
    void handCheckedPairWithinTheoreticalError(MinHasher.Kind kind) {
        // A = w0..w99, B = w20..w119: |A∩B| = 80, |A∪B| = 120, J = 2/3 exactly
        Shingler s = Shingler.words(1);
        assertThat(Jaccard.exact(s.shingleSet(words(0, 100)), s.shingleSet(words(20, 120)))).isEqualTo(2.0 / 3);
        MinHasher h = MinHasher.of(kind, 256, 42);
        double est = Jaccard.estimate(sign(h, words(0, 100)), sign(h, words(20, 120)));
        double sigma = Math.sqrt((2.0 / 3) * (1.0 / 3) / 256); // 0.0295
        assertThat(Math.abs(est - 2.0 / 3)).isLessThanOrEqualTo(3 * sigma);
        // identical sets -> identical signatures; disjoint sets -> (almost) no equal slot
        assertThat(sign(h, words(0, 100))).isEqualTo(sign(h, words(0, 100)));
        assertThat(Jaccard.estimate(sign(h, words(0, 100)), sign(h, words(100, 200)))).isLessThanOrEqualTo(3.0 / 256);
    }

    /**
     * 300 random pairs with known J in [0.05, 0.95] and set sizes 20..2000: per pair the error
     * stays within 4.5 sigma = 4.5 sqrt(J(1-J)/k), and the root of the mean of (error/sigma)^2 is
     * close to 1 (classic MinHash: exactly 1 in expectation; OPH with optimal densification: at
     * most about 1, Shrivastava 2017), i.e. OPH is as accurate as classic MinHash.
     */
    @ParameterizedTest
    @EnumSource(MinHasher.Kind.class)
    void unbiasedWithMinHashVariance(MinHasher.Kind kind) {
        int k = 256;
        MinHasher h = MinHasher.of(kind, k, 7);
        SplittableRandom rnd = new SplittableRandom(1);
        double sumZ2 = 0;
        double sumErr = 0;
        int pairs = 300;
        for (int p = 0; p < pairs; p++) {
            int size = 20 + rnd.nextInt(1981);
            int shift = 1 + rnd.nextInt(size - 1); // overlap size-shift of 2*size-... elements
            int base = p * 10_000;
            double j = (double) (size - shift) / (size + shift);
            int[] a = sign(h, words(base, base + size));
            int[] b = sign(h, words(base + shift, base + shift + size));
            double err = Jaccard.estimate(a, b) - j;
            double sigma = Math.sqrt(Math.max(j * (1 - j), 1e-9) / k);
            assertThat(Math.abs(err)).as("pair %d size %d J %.3f", p, size, j).isLessThanOrEqualTo(4.5 * sigma + 1.0 / k);
            sumZ2 += (err / sigma) * (err / sigma);
            sumErr += err;
        }
        double rmsZ = Math.sqrt(sumZ2 / pairs);
        System.out.println(kind + " rmsZ=" + rmsZ + " meanErr=" + sumErr / pairs);
        assertThat(rmsZ).as("rms of error/sigma").isBetween(0.7, 1.2);
        assertThat(Math.abs(sumErr / pairs)).as("mean error").isLessThan(0.006);
    }

    @ParameterizedTest
    @EnumSource(MinHasher.Kind.class)
    void deterministicPerSeed(MinHasher.Kind kind) {
        String text = words(0, 500);
        int[] a = sign(MinHasher.of(kind, 128, 2024), text);
        int[] b = sign(MinHasher.of(kind, 128, 2024), text);
        int[] c = sign(MinHasher.of(kind, 128, 2025), text);
        assertThat(a).hasSize(128).isEqualTo(b);
        assertThat(Jaccard.estimate(a, c)).isLessThan(0.05);
    }

    @Test
    void pinnedValuesGuardAgainstSilentChanges() {
        // k=4, seed 1, shingles 1..10: any change of hashing or seeding changes stored signatures
        // and band keys, so it must be deliberate
        long[] shingles = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        int[] classic = MinHasher.of(MinHasher.Kind.CLASSIC, 4, 1).sign(shingles, 10);
        int[] oph = MinHasher.of(MinHasher.Kind.OPH, 4, 1).sign(shingles, 10);
        assertThat(classic).containsExactly(PINNED_CLASSIC);
        assertThat(oph).containsExactly(PINNED_OPH);
        // 3 shingles in 8 bins: 5 bins are filled by optimal densification
        assertThat(MinHasher.of(MinHasher.Kind.OPH, 8, 1).sign(new long[] {1, 2, 3}, 3)).containsExactly(
                2005232499, 2005232499, 1424578761, 1424578761, 2005232499, 1424578761, -1924011653, -1924011653);
    }

    // Computed independently in Python (big integers, mod 2^64) from the formulas in the Javadoc of
    // ClassicMinHash / OnePermutationHash / MinHasher.splitMix (src/test/resources/.../near/signatures_reference.py).
    static final int[] PINNED_CLASSIC = {-1809943744, 663086054, -1975885982, -1967710603};
    static final int[] PINNED_OPH = {273089807, 1389961281, -299190106, 360040246};

    @ParameterizedTest
    @EnumSource(MinHasher.Kind.class)
    void noShinglesIsRejectedNotGivenASentinel(MinHasher.Kind kind) {
        MinHasher h = MinHasher.of(kind, 16, 1);
        assertThatThrownBy(() -> h.sign(new long[4], 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("exact dedup");
        assertThatThrownBy(() -> h.sign(new long[] {1}, 1, new int[8])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void densificationFillsEveryBinFromOneShingle() {
        MinHasher h = MinHasher.of(MinHasher.Kind.OPH, 256, 3);
        int[] sig = h.sign(new long[] {12345L}, 1);
        for (int v : sig) {
            assertThat(v).isEqualTo(sig[0]);
        }
        // a single different shingle gives a different (constant) signature
        assertThat(h.sign(new long[] {54321L}, 1)[0]).isNotEqualTo(sig[0]);
    }

    @ParameterizedTest
    @EnumSource(MinHasher.Kind.class)
    void binsOfTwoSetsMergeIntoTheBinsOfTheirUnion(MinHasher.Kind kind) {
        MinHasher h = MinHasher.of(kind, 64, 7);
        Shingler s = Shingler.words(1);
        long[] a = new long[64];
        h.bins(s.buffer(), s.shingle(words(0, 30)), a);
        long[] b = new long[64];
        h.bins(s.buffer(), s.shingle(words(25, 40)), b);
        long[] union = new long[64];
        h.bins(s.buffer(), s.shingle(words(0, 40)), union);
        MinHasher.mergeBins(a, b);
        assertThat(a).isEqualTo(union);
        int[] finished = new int[64];
        h.finish(a, finished);
        assertThat(finished).isEqualTo(sign(h, words(0, 40)));
        // too few shingles for 64 OPH bins: some are empty before densification
        if (kind == MinHasher.Kind.OPH) {
            assertThat(union).contains(MinHasher.EMPTY);
        }
        long[] none = new long[64];
        java.util.Arrays.fill(none, MinHasher.EMPTY);
        assertThatThrownBy(() -> h.finish(none, new int[64])).hasMessageContaining("no shingles");
    }
}
