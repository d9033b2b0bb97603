package dev.codemill.model;

import java.util.Arrays;
import java.util.Objects;

/**
 * The token ids of a document's content, computed once in the stage chain (the {@code tokens}
 * stage, in parallel) and carried with the document to the writers, so that {@code num_tokens},
 * the mixture tally and the token formats (Megatron, packed) use one tokenization.
 *
 * <p>Held packed: each id as an unsigned LEB128 varint (7 bits a byte, low bits first; ids of
 * cl100k and o200k take 1–3 bytes), so that a document in a spill file or in a writer's partition
 * costs about 0.5–0.8 byte per content byte more rather than 4 bytes per token. {@link #ids()}
 * unpacks.
 *
 * <p>Valid only for the content it was computed from: {@link Document#withText} drops it, and a
 * user checks {@link #tokenizer()} (the registry name) and {@link #sentinels()} (the
 * {@code fim_sentinels} annotation the ids were computed under, null for none) before trusting it.
 */
public final class TokenIds {
    private final String tokenizer;
    private final String sentinels;
    private final byte[] packed;
    private final int count;

    private TokenIds(String tokenizer, String sentinels, byte[] packed, int count) {
        this.tokenizer = Objects.requireNonNull(tokenizer, "tokenizer");
        this.sentinels = sentinels;
        this.packed = packed;
        this.count = count;
    }

    /**
     * @param tokenizer the registry name of the tokenizer that produced {@code ids}
     * @param sentinels the {@code fim_sentinels} annotation the ids honour, or null
     * @param ids       the ids, each ≥ 0
     * @throws IllegalArgumentException for a negative id
     */
    public static TokenIds of(String tokenizer, String sentinels, int[] ids) {
        byte[] buf = new byte[ids.length * 5];
        int n = 0;
        for (int id : ids) {
            if (id < 0) {
                throw new IllegalArgumentException("negative token id " + id);
            }
            while ((id & ~0x7F) != 0) {
                buf[n++] = (byte) ((id & 0x7F) | 0x80);
                id >>>= 7;
            }
            buf[n++] = (byte) id;
        }
        return new TokenIds(tokenizer, sentinels, Arrays.copyOf(buf, n), ids.length);
    }

    /**
     * Ids already packed ({@link #packed()} of another instance, e.g. read back from a spill).
     *
     * @throws IllegalArgumentException when {@code packed} does not hold exactly {@code count} varints
     */
    public static TokenIds ofPacked(String tokenizer, String sentinels, byte[] packed, int count) {
        int seen = 0;
        for (byte b : packed) {
            if (b >= 0) {
                seen++;
            }
        }
        if (seen != count || (packed.length > 0 && packed[packed.length - 1] < 0)) {
            throw new IllegalArgumentException("packed token ids hold " + seen + " ids, expected " + count);
        }
        return new TokenIds(tokenizer, sentinels, packed, count);
    }

    /** The registry name of the tokenizer, e.g. {@code cl100k_base} or a {@code tokenizer.json} path. */
    public String tokenizer() {
        return tokenizer;
    }

    /** The {@code fim_sentinels} annotation the ids were computed under; null for none. */
    public String sentinels() {
        return sentinels;
    }

    /** Number of ids. */
    public int count() {
        return count;
    }

    /** The varint bytes (shared: never modify). */
    public byte[] packed() {
        return packed;
    }

    /** The ids, unpacked into a new array. */
    public int[] ids() {
        int[] out = new int[count];
        int p = 0;
        for (int i = 0; i < count; i++) {
            int v = 0;
            int shift = 0;
            byte b;
            do {
                b = packed[p++];
                v |= (b & 0x7F) << shift;
                shift += 7;
            } while (b < 0);
            out[i] = v;
        }
        return out;
    }

    /** Whether these ids were computed by {@code tokenizerName} under the annotation {@code sentinelSpans}. */
    public boolean matches(String tokenizerName, String sentinelSpans) {
        return tokenizer.equals(tokenizerName) && Objects.equals(sentinels, sentinelSpans);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TokenIds t && t.count == count && t.tokenizer.equals(tokenizer)
                && Objects.equals(t.sentinels, sentinels) && Arrays.equals(t.packed, packed);
    }

    @Override
    public int hashCode() {
        return Objects.hash(tokenizer, count);
    }

    @Override
    public String toString() {
        return "TokenIds[" + tokenizer + ", " + count + " ids]";
    }
}
