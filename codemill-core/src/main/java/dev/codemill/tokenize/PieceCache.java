package dev.codemill.tokenize;

import java.util.Arrays;

/**
 * A bounded map from a pre-tokenized piece (its UTF-16 text) to its byte-pair-encoded ids, for one
 * thread (not thread-safe: {@link TiktokenTokenizer} keeps one per thread). Source code repeats its
 * pieces ({@code " self"}, {@code "()\n"}, indentation, identifiers), so most pieces of a document
 * were encoded before and their ids are copied instead of running BPE's rank lookups again.
 *
 * <p>Layout, chosen so that a hit touches two places in memory: an open-addressing table of
 * {@code long}s ({@code hash << 32 | offset + 1}, linear probing, at most half full) and one
 * {@code int[]} pool holding per entry {@code [length, idCount, chars..., ids...]}. Only pieces of
 * at most {@link #MAX_PIECE_CHARS} chars are kept. When the table is half full or the pool has no
 * room, everything is dropped and filling starts again (no per-entry eviction). Memory per
 * instance: {@code 8 × 2^tableBits + 4 × poolInts} bytes (the defaults: 512 KiB + 1 MiB).
 */
final class PieceCache {
    /** Longer pieces are encoded each time (they rarely repeat). */
    static final int MAX_PIECE_CHARS = 32;

    private final long[] table;
    private final int mask;
    private final int maxEntries;
    private final int[] pool;
    private int used;
    private int entries;

    PieceCache() {
        this(16, 1 << 18);
    }

    PieceCache(int tableBits, int poolInts) {
        this.table = new long[1 << tableBits];
        this.mask = table.length - 1;
        this.maxEntries = table.length / 2;
        this.pool = new int[poolInts];
    }

    /** The hash of {@code text[start, end)} that {@link #find} and {@link #put} take. */
    static int hash(char[] text, int start, int end) {
        int h = 0;
        for (int i = start; i < end; i++) {
            h = (h + text[i]) * 0x9E3779B1;
        }
        return h ^ (h >>> 15);
    }

    /**
     * The pool offset of the ids of {@code text[start, end)} ({@link #ids} reads them), or -1 when
     * the piece is not cached.
     */
    int find(char[] text, int start, int end, int hash) {
        int len = end - start;
        for (int slot = hash & mask; ; slot = (slot + 1) & mask) {
            long e = table[slot];
            if (e == 0) {
                return -1;
            }
            if ((int) (e >>> 32) == hash) {
                int off = (int) e - 1;
                if (pool[off] == len && sameChars(text, start, len, off + 2)) {
                    return off;
                }
            }
        }
    }

    private boolean sameChars(char[] text, int start, int len, int at) {
        for (int i = 0; i < len; i++) {
            if (pool[at + i] != text[start + i]) {
                return false;
            }
        }
        return true;
    }

    /** Number of ids of the entry at {@code off} (from {@link #find}). */
    int idCount(int off) {
        return pool[off + 1];
    }

    /** Copies the ids of the entry at {@code off} into {@code out} at {@code at}. */
    void ids(int off, int[] out, int at) {
        System.arraycopy(pool, off + 2 + pool[off], out, at, pool[off + 1]);
    }

    /**
     * Keeps {@code ids[0, count)} as the encoding of {@code text[start, end)} (not already cached;
     * {@code end - start <= MAX_PIECE_CHARS}).
     */
    void put(char[] text, int start, int end, int hash, int[] ids, int count) {
        int len = end - start;
        int need = 2 + len + count;
        if (entries >= maxEntries || used + need > pool.length) {
            if (need > pool.length) {
                return;
            }
            Arrays.fill(table, 0L);
            used = 0;
            entries = 0;
        }
        int off = used;
        pool[off] = len;
        pool[off + 1] = count;
        for (int i = 0; i < len; i++) {
            pool[off + 2 + i] = text[start + i];
        }
        System.arraycopy(ids, 0, pool, off + 2 + len, count);
        used += need;
        entries++;
        int slot = hash & mask;
        while (table[slot] != 0) {
            slot = (slot + 1) & mask;
        }
        table[slot] = ((long) hash << 32) | (off + 1L);
    }
}
