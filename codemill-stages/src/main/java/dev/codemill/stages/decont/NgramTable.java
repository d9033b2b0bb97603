package dev.codemill.stages.decont;

import java.util.Arrays;

/**
 * A primitive open-addressing multimap from 64-bit n-gram hashes to the parts that contain them:
 * linear probing over a power-of-two {@code long[]} of keys, each slot heading a linked list of
 * part indices kept in two parallel {@code int[]}s. No boxing, no per-entry objects: one lookup
 * is a few array reads. Built once, then read concurrently (not modified after {@link #freeze()}).
 */
final class NgramTable {
    private long[] keys;
    private int[] heads;           // -1: empty slot
    private int[] entryPart;
    private int[] entryNext;
    private int entries;
    private int distinct;
    private int mask;

    NgramTable(int expectedKeys) {
        int cap = Integer.highestOneBit(Math.max(16, expectedKeys * 2 - 1)) << 1;
        keys = new long[cap];
        heads = new int[cap];
        Arrays.fill(heads, -1);
        mask = cap - 1;
        entryPart = new int[Math.max(16, expectedKeys)];
        entryNext = new int[entryPart.length];
    }

    private static int slot(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }

    /** Adds {@code part} to the list of {@code key}; the caller adds each (key, part) once. */
    void add(long key, int part) {
        if ((distinct + 1) * 2 > keys.length) {
            grow();
        }
        int s = slot(key) & mask;
        while (heads[s] >= 0 && keys[s] != key) {
            s = (s + 1) & mask;
        }
        if (heads[s] < 0) {
            keys[s] = key;
            distinct++;
        }
        if (entries == entryPart.length) {
            entryPart = Arrays.copyOf(entryPart, entries * 2);
            entryNext = Arrays.copyOf(entryNext, entries * 2);
        }
        entryPart[entries] = part;
        entryNext[entries] = heads[s];
        heads[s] = entries++;
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldHeads = heads;
        keys = new long[oldKeys.length * 2];
        heads = new int[oldKeys.length * 2];
        Arrays.fill(heads, -1);
        mask = keys.length - 1;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldHeads[i] >= 0) {
                int s = slot(oldKeys[i]) & mask;
                while (heads[s] >= 0) {
                    s = (s + 1) & mask;
                }
                keys[s] = oldKeys[i];
                heads[s] = oldHeads[i];
            }
        }
    }

    void freeze() {
        entryPart = Arrays.copyOf(entryPart, entries);
        entryNext = Arrays.copyOf(entryNext, entries);
    }

    /** The first entry of {@code key}'s list, or -1 when the key is absent. */
    int first(long key) {
        int s = slot(key) & mask;
        while (true) {
            int h = heads[s];
            if (h < 0) {
                return -1;
            }
            if (keys[s] == key) {
                return h;
            }
            s = (s + 1) & mask;
        }
    }

    /** How many parts hold {@code key} (0 when absent). */
    int parts(long key) {
        int c = 0;
        for (int e = first(key); e >= 0; e = next(e)) {
            c++;
        }
        return c;
    }

    int part(int entry) {
        return entryPart[entry];
    }

    int next(int entry) {
        return entryNext[entry];
    }

    int distinctKeys() {
        return distinct;
    }

    int entries() {
        return entries;
    }
}
