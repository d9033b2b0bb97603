package dev.codemill.stages.dedup.near;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * What near-dedup hands the runner about a unit, as bytes: where it comes from (for the ledger),
 * its MinHash signature (a document) or raw bins (a repository, merged by elementwise minimum
 * before the signature is finished), and optionally its sorted distinct shingle hashes for exact
 * Jaccard verification.
 *
 * <p>Layout (big-endian): kind byte {@code 'S'} (k int slots) or {@code 'B'} (k long bins);
 * where (int byte length + UTF-8); k; the k values; shingle count (int, -1: not kept) and the
 * shingle hashes (longs).
 *
 * @param where     {@code repo/path} of a document, or the repository name
 * @param signature k slots (document mode), or null
 * @param bins      k raw bins (repository mode), or null
 * @param shingles  sorted distinct 32-bit shingle fingerprints ({@link Jaccard#fingerprints}), or null when
 *                  not kept (too many, or repository mode)
 */
record NearPayload(String where, int[] signature, long[] bins, int[] shingles) {
    byte[] encode() {
        byte[] w = where.getBytes(StandardCharsets.UTF_8);
        int k = signature != null ? signature.length : bins.length;
        int size = 1 + 4 + w.length + 4 + (signature != null ? 4 * k : 8 * k) + 4 + (shingles == null ? 0 : 4 * shingles.length);
        ByteBuffer b = ByteBuffer.allocate(size);
        b.put((byte) (signature != null ? 'S' : 'B'));
        b.putInt(w.length).put(w).putInt(k);
        // bulk copies through big-endian views: the same bytes as one putInt/putLong per value
        if (signature != null) {
            b.asIntBuffer().put(signature);
            b.position(b.position() + 4 * k);
        } else {
            b.asLongBuffer().put(bins);
            b.position(b.position() + 8 * k);
        }
        b.putInt(shingles == null ? -1 : shingles.length);
        if (shingles != null) {
            b.asIntBuffer().put(shingles);
        }
        return b.array();
    }

    static NearPayload decode(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        byte kind = b.get();
        byte[] w = new byte[b.getInt()];
        b.get(w);
        int k = b.getInt();
        int[] signature = null;
        long[] bins = null;
        if (kind == 'S') {
            signature = new int[k];
            b.asIntBuffer().get(signature);
            b.position(b.position() + 4 * k);
        } else if (kind == 'B') {
            bins = new long[k];
            b.asLongBuffer().get(bins);
            b.position(b.position() + 8 * k);
        } else {
            throw new IllegalArgumentException("not a near-dedup payload (kind byte " + kind + ")");
        }
        int n = b.getInt();
        int[] shingles = null;
        if (n >= 0) {
            shingles = new int[n];
            b.asIntBuffer().get(shingles);
        }
        return new NearPayload(new String(w, StandardCharsets.UTF_8), signature, bins, shingles);
    }

    /** The signature: as stored, or finished from the raw bins. */
    int[] signature(MinHasher hasher) {
        if (signature != null) {
            return signature;
        }
        int[] out = new int[bins.length];
        hasher.finish(bins, out);
        return out;
    }
}
