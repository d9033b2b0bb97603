package dev.codemill.tokenize;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * The merge ranks of a tiktoken encoding (its {@code .tiktoken} file: one {@code base64(token)
 * rank} per line, the rank being the token id) in a compact open-addressing table, and tiktoken's
 * byte-pair merge of one pre-tokenized piece over it.
 *
 * <p>Why not jtokkit's maps: jtokkit 1.1.0 keeps the ranks in {@code HashMap<ByteArrayWrapper,
 * Integer>}s (about 10 MB of nodes, wrappers, arrays and boxed ranks) and looks up every
 * candidate pair through a new {@code byte[]} copy, its {@code Arrays.hashCode} and four dependent
 * loads. Here a lookup hashes the bytes in place and reads one {@code long} slot: a token of at
 * most {@value #INLINE_BYTES} bytes is held in the slot itself (bytes, length and rank: no other
 * memory is touched), a longer one by its hash and rank, so a probe that does not match is
 * rejected without touching the token bytes, and a match compares the bytes in one shared array:
 * 2 MB of table plus the 0.7 MB of token bytes, no allocation.
 *
 * <p>The merge is tiktoken's {@code byte_pair_merge}: start from single bytes, repeatedly merge
 * the adjacent pair whose concatenation has the lowest rank (the leftmost on a tie), until no pair
 * is a token; the ids are the ranks of the final parts. It is quadratic in the piece length, so
 * callers give it short pieces only ({@link #MAX_PIECE_BYTES}); jtokkit's O(n log n) encoder takes
 * longer ones.
 */
final class BpeRanks {
    /** Longest piece {@link #encode} accepts. */
    static final int MAX_PIECE_BYTES = 256;
    private static final int NONE = Integer.MAX_VALUE;

    private final byte[] bytes;
    /** Token {@code r}'s bytes are {@code bytes[offsets[r], offsets[r + 1])}. */
    private final int[] offsets;
    /**
     * Open addressing, linear probing, 0 for an empty slot. A slot holds the rank + 1 in its low
     * {@value #RANK_BITS} bits, above it a 3-bit length code and above that a 40-bit key: a token
     * of 1 to {@value #INLINE_BYTES} bytes has code = its length and its bytes as the key (so a
     * lookup compares the slot alone and touches no other memory: the merge loop's candidates are
     * mostly such short byte strings); a longer token has code 0 and its 32-bit hash as the key, and
     * a lookup whose key matches compares the token bytes.
     */
    private final long[] table;
    private final int mask;

    /** Bits of a slot holding rank + 1 (ranks below 2^20 - 1; cl100k has 100,256, o200k 200,019). */
    static final int RANK_BITS = 20;
    private static final long RANK_MASK = (1L << RANK_BITS) - 1;
    /** Longest token whose bytes are the slot's key. */
    static final int INLINE_BYTES = 5;

    private BpeRanks(byte[] bytes, int[] offsets, int count) {
        if (count >= RANK_MASK) {
            throw new IllegalArgumentException(count + " ranks: at most " + (RANK_MASK - 1));
        }
        this.bytes = bytes;
        this.offsets = offsets;
        int size = Integer.highestOneBit(Math.max(count, 1) * 2) * 2;
        this.table = new long[size];
        this.mask = size - 1;
        for (int r = 0; r + 1 < offsets.length; r++) {
            int from = offsets[r];
            int to = offsets[r + 1];
            if (to > from) {
                int h = hash(bytes, from, to);
                int slot = h & mask;
                while (table[slot] != 0) {
                    slot = (slot + 1) & mask;
                }
                table[slot] = key(bytes, from, to, h) | (r + 1L);
            }
        }
    }

    /** The slot bits above the rank for {@code b[from, to)} whose {@link #hash} is {@code h}. */
    private static long key(byte[] b, int from, int to, int h) {
        int len = to - from;
        if (len > INLINE_BYTES) {
            return (h & 0xFFFFFFFFL) << (RANK_BITS + 3);
        }
        long k = 0;
        for (int i = to - 1; i >= from; i--) {
            k = (k << 8) | (b[i] & 0xFF);
        }
        return (k << (RANK_BITS + 3)) | ((long) len << RANK_BITS);
    }

    /**
     * Reads a {@code .tiktoken} rank file from the class path (e.g. jtokkit's
     * {@code /com/knuddels/jtokkit/cl100k_base.tiktoken}).
     *
     * @throws UncheckedIOException when the resource is missing or a line is not {@code base64 rank}
     */
    static BpeRanks load(String resource) {
        try (InputStream in = BpeRanks.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("rank file " + resource + " not on the class path");
            }
            byte[][] tokens = new byte[1 << 17][];
            int maxRank = -1;
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
            Base64.Decoder b64 = Base64.getDecoder();
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.isEmpty()) {
                    continue;
                }
                int sp = line.indexOf(' ');
                int rank;
                try {
                    rank = Integer.parseInt(line.substring(sp + 1));
                    if (sp <= 0 || rank < 0) {
                        throw new NumberFormatException(line);
                    }
                } catch (NumberFormatException e) {
                    throw new IOException("rank file " + resource + ": bad line '" + line + "'", e);
                }
                if (rank >= tokens.length) {
                    tokens = Arrays.copyOf(tokens, Math.max(rank + 1, tokens.length * 2));
                }
                tokens[rank] = b64.decode(line.substring(0, sp));
                maxRank = Math.max(maxRank, rank);
            }
            int[] offsets = new int[maxRank + 2];
            int total = 0;
            for (int i = 0; i <= maxRank; i++) {
                offsets[i] = total;
                total += tokens[i] == null ? 0 : tokens[i].length;
            }
            offsets[maxRank + 1] = total;
            byte[] all = new byte[total];
            for (int i = 0; i <= maxRank; i++) {
                if (tokens[i] != null) {
                    System.arraycopy(tokens[i], 0, all, offsets[i], tokens[i].length);
                }
            }
            return new BpeRanks(all, offsets, maxRank + 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int hash(byte[] b, int from, int to) {
        int h = to - from;
        for (int i = from; i < to; i++) {
            h = (h + b[i]) * 0x9E3779B1;
        }
        return h ^ (h >>> 16);
    }

    /** The rank (token id) of {@code b[from, to)}, or {@link #NONE} when it is not a token. */
    int rank(byte[] b, int from, int to) {
        int h = hash(b, from, to);
        long key = key(b, from, to, h);
        for (int slot = h & mask; ; slot = (slot + 1) & mask) {
            long e = table[slot];
            if (e == 0) {
                return NONE;
            }
            if ((e & ~RANK_MASK) == key) {
                int r = (int) (e & RANK_MASK) - 1;
                if (to - from <= INLINE_BYTES || sameBytes(r, b, from, to)) {
                    return r;
                }
            }
        }
    }

    /** Whether token {@code r}'s bytes are {@code b[from, to)} (a token longer than {@link #INLINE_BYTES}). */
    private boolean sameBytes(int r, byte[] b, int from, int to) {
        int off = offsets[r];
        return offsets[r + 1] - off == to - from && Arrays.equals(bytes, off, off + to - from, b, from, to);
    }

    /**
     * Appends the ids of the piece {@code piece[0, len)} ({@code 1 <= len <= MAX_PIECE_BYTES}) to
     * {@code out} at {@code at}; {@code starts} and {@code ranks} are scratch arrays of at least
     * {@code len + 1} ints. Returns the number of ids.
     */
    int encode(byte[] piece, int len, int[] starts, int[] ranks, int[] out, int at) {
        int whole = rank(piece, 0, len);
        if (whole != NONE) {
            out[at] = whole;
            return 1;
        }
        // parts i = [starts[i], starts[i+1]); ranks[i] = rank of parts i and i+1 merged
        int parts = len;
        for (int i = 0; i <= len; i++) {
            starts[i] = i;
        }
        for (int i = 0; i + 1 < parts; i++) {
            ranks[i] = rank(piece, i, i + 2);
        }
        while (parts > 1) {
            int min = NONE;
            int at2 = -1;
            for (int i = 0; i + 1 < parts; i++) {
                if (ranks[i] < min) {
                    min = ranks[i];
                    at2 = i;
                }
            }
            if (at2 < 0) {
                break;
            }
            // merge parts at2 and at2 + 1: drop the start of at2 + 1
            System.arraycopy(starts, at2 + 2, starts, at2 + 1, parts - at2 - 1);
            System.arraycopy(ranks, at2 + 1, ranks, at2, parts - at2 - 2);
            parts--;
            if (at2 + 1 < parts) {
                ranks[at2] = rank(piece, starts[at2], starts[at2 + 2]);
            }
            if (at2 > 0) {
                ranks[at2 - 1] = rank(piece, starts[at2 - 1], starts[at2 + 1]);
            }
        }
        for (int i = 0; i < parts; i++) {
            int r = rank(piece, starts[i], starts[i + 1]);
            if (r == NONE) {
                throw new IllegalStateException("byte " + (piece[starts[i]] & 0xFF) + " has no rank");
            }
            out[at + i] = r;
        }
        return parts;
    }
}
