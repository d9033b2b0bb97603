package dev.codemill.stages.dedup.near;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class JaccardTest {
    @Test
    void handCheckedFiveGramPair() {
        // "a b c d e f" -> {abcde, bcdef}; "a b c d e g" -> {abcde, bcdeg}: |∩|=1, |∪|=3
        Shingler s = Shingler.words(5);
        assertThat(Jaccard.exact(s.shingleSet("a b c d e f"), s.shingleSet("a b c d e g"))).isEqualTo(1.0 / 3);
        // one token changed in the middle of 10 tokens kills 5 of 6 shingles: 1 shared of 11
        assertThat(Jaccard.exact(s.shingleSet("a b c d e f g h i j"), s.shingleSet("a b c d e X g h i j")))
                .isEqualTo(1.0 / 11); // 6 shingles each; only abcde (start 0) survives: 1 of 11
        assertThat(Jaccard.exact(s.shingleSet("a b c d e f g h i j k"), s.shingleSet("a b c d e f X h i j k")))
                .isEqualTo(2.0 / 12); // 7 shingles each; starts 0 and 1 survive: 2 of 12
    }

    @Test
    void sortedSetAndEdgeCases() {
        long[] a = {5, -1, 5, 3, -1};
        assertThat(Jaccard.sortedSet(a, 5)).containsExactly(-1, 3, 5);
        assertThat(Jaccard.sortedSet(new long[] {9, 9, 1}, 2)).containsExactly(9);
        assertThat(Jaccard.exact(new long[0], new long[0])).isEqualTo(0.0);
        assertThat(Jaccard.exact(new long[] {1}, new long[0])).isEqualTo(0.0);
        assertThat(Jaccard.exact(new long[] {1, 2, 3}, new long[] {2, 3, 4})).isEqualTo(0.5);
    }

    @Test
    void estimateIsTheShareOfEqualSlots() {
        assertThat(Jaccard.estimate(new int[] {1, 2, 3, 4}, new int[] {1, 0, 3, 0})).isEqualTo(0.5);
        assertThatThrownBy(() -> Jaccard.estimate(new int[2], new int[3])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void fingerprintsKeepTheHighBitsSortedAndDistinct() {
        long[] set = {-(1L << 40), -1, 5L << 32, (5L << 32) + 7, 6L << 32};
        assertThat(Jaccard.fingerprints(set)).containsExactly(-256, -1, 5, 6);
        assertThat(Jaccard.exact(new int[] {1, 2, 3}, new int[] {2, 3, 4, 5})).isEqualTo(2.0 / 5);
        assertThat(Jaccard.exact(new int[0], new int[0])).isEqualTo(0.0);
    }

    @Test
    void fingerprintSetEqualsTheFingerprintsOfTheSortedSet() {
        long[] set = {6L << 32, -1, (5L << 32) + 7, -(1L << 40), 5L << 32};
        assertThat(Jaccard.fingerprintSet(set, 5)).containsExactly(-256, -1, 5, 6);
        assertThat(Jaccard.fingerprintSet(set, 2)).containsExactly(-1, 6);
        assertThat(Jaccard.fingerprintSet(new long[0], 0)).isEmpty();
        java.util.Random r = new java.util.Random(7);
        for (int size : new int[] {1, 100, Jaccard.RADIX_FROM - 1, Jaccard.RADIX_FROM, 5000, 70_000}) {
            long[] h = new long[size];
            for (int i = 0; i < size; i++) {
                // random hashes, repeats, the extremes of both halves
                h[i] = switch (i % 7) {
                    case 0 -> Long.MIN_VALUE;
                    case 1 -> Long.MAX_VALUE;
                    case 2 -> h[i / 2];
                    case 3 -> (long) r.nextInt(5) << 32;
                    default -> r.nextLong();
                };
            }
            long[] copy = h.clone();
            int[] want = Jaccard.fingerprints(Jaccard.sortedSet(copy.clone(), size));
            assertThat(Jaccard.fingerprintSet(h, size)).as("size %d", size).containsExactly(want);
            assertThat(h).isEqualTo(copy);
        }
    }

    @Test
    void radixSortIsSignedAscending() {
        int[] a = {3, Integer.MIN_VALUE, -1, Integer.MAX_VALUE, 0, -2048, 2047, 1 << 22, -(1 << 22), 3};
        int[] want = a.clone();
        java.util.Arrays.sort(want);
        Jaccard.radixSort(a);
        assertThat(a).containsExactly(want);
    }
}
