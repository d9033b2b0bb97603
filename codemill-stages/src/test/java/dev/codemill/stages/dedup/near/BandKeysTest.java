package dev.codemill.stages.dedup.near;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BandKeysTest {
    @Test
    void oneChangedSlotChangesExactlyItsBand() {
        LshParams p = LshParams.optimal(0.7, 256); // 25 x 10
        int[] a = new int[256];
        for (int i = 0; i < a.length; i++) {
            a[i] = i * 31;
        }
        int[] b = a.clone();
        b[37] = -1; // band 3 (slots 30..39)
        long[] ka = BandKeys.of(a, p);
        long[] kb = BandKeys.of(b, p);
        assertThat(ka).hasSize(25);
        for (int j = 0; j < 25; j++) {
            assertThat(ka[j] == kb[j]).as("band " + j).isEqualTo(j != 3);
        }
        assertThat(BandKeys.collide(ka, kb)).isTrue();
        b[250] = 5; // unused slot (25*10 = 250 used): no effect
        assertThat(BandKeys.of(b, p)).isEqualTo(kb);
    }

    @Test
    void equalSlotsInDifferentBandsGiveDifferentKeys() {
        int[] sig = new int[8]; // all zero: every band holds the same slots
        long[] k = new long[4];
        BandKeys.of(sig, 4, 2, k);
        assertThat(k).doesNotHaveDuplicates();
        int[] other = {1, 1, 1, 1, 1, 1, 1, 1};
        long[] k2 = new long[4];
        BandKeys.of(other, 4, 2, k2);
        assertThat(BandKeys.collide(k, k2)).isFalse();
    }

    @Test
    void rejectsBandsThatDoNotFit() {
        assertThatThrownBy(() -> BandKeys.of(new int[10], 3, 4, new long[3])).isInstanceOf(IllegalArgumentException.class);
    }
}
