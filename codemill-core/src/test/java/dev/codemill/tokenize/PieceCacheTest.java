package dev.codemill.tokenize;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PieceCacheTest {

    private static int hash(String text, int start, int end) {
        return PieceCache.hash(text.toCharArray(), start, end);
    }

    private static int[] get(PieceCache c, String text, int start, int end) {
        int off = c.find(text.toCharArray(), start, end, hash(text, start, end));
        if (off < 0) {
            return null;
        }
        int[] out = new int[c.idCount(off)];
        c.ids(off, out, 0);
        return out;
    }

    @Test
    void keepsIdsPerPieceTextAndTellsEqualHashesApart() {
        PieceCache c = new PieceCache(4, 64);
        String text = " self.self";
        c.put(text.toCharArray(), 0, 5, hash(text, 0, 5), new int[] {659, 7}, 1);
        assertThat(get(c, text, 0, 5)).containsExactly(659);
        assertThat(get(c, " self", 0, 5)).containsExactly(659);
        assertThat(get(c, text, 6, 10)).isNull();
        // a different piece forced onto the same hash is not taken for the cached one
        int h = hash(text, 0, 5);
        assertThat(c.find(" selg".toCharArray(), 0, 5, h)).isEqualTo(-1);
        assertThat(c.find(" sel".toCharArray(), 0, 4, h)).isEqualTo(-1);
    }

    @Test
    void startsAfreshWhenHalfTheTableOrThePoolIsUsed() {
        PieceCache c = new PieceCache(3, 1000); // 8 slots: at most 4 entries
        String t = "abcdefgh";
        for (int i = 0; i < 4; i++) {
            c.put(t.toCharArray(), i, i + 1, hash(t, i, i + 1), new int[] {100 + i}, 1);
        }
        assertThat(get(c, t, 3, 4)).containsExactly(103);
        assertThat(get(c, t, 0, 1)).containsExactly(100);
        c.put(t.toCharArray(), 4, 5, hash(t, 4, 5), new int[] {104}, 1);
        assertThat(get(c, t, 0, 1)).isNull();
        assertThat(get(c, t, 4, 5)).containsExactly(104);

        PieceCache small = new PieceCache(8, 12); // pool of 12 ints: [len, count, 4 chars, 2 ids] = 8
        small.put(t.toCharArray(), 0, 4, hash(t, 0, 4), new int[] {1, 2}, 2);
        assertThat(get(small, t, 0, 4)).containsExactly(1, 2);
        small.put(t.toCharArray(), 4, 8, hash(t, 4, 8), new int[] {3, 4}, 2);
        assertThat(get(small, t, 0, 4)).isNull();
        assertThat(get(small, t, 4, 8)).containsExactly(3, 4);
        // an entry larger than the whole pool is not kept
        small.put("abcdefghijklmnop".toCharArray(), 0, 16, hash("abcdefghijklmnop", 0, 16), new int[] {5}, 1);
        assertThat(get(small, "abcdefghijklmnop", 0, 16)).isNull();
        assertThat(get(small, t, 4, 8)).containsExactly(3, 4);
    }
}
