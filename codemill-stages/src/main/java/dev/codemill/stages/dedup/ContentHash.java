package dev.codemill.stages.dedup;

import java.nio.charset.StandardCharsets;
import dev.codemill.stages.dedup.near.Normaliser;
import net.openhft.hashing.LongTupleHashFunction;

/**
 * The exact-duplicate key of a text: XXH3-128 (zero-allocation-hashing's {@code xx128}) of the
 * UTF-8 bytes of the text after {@link Normaliser#normalise} — the normaliser near-dedup shingles
 * with, so both stages agree on "the same text" (case C02): no BOM, LF line endings, Unicode NFC,
 * a whitespace run holding a line break becomes one LF and any other run one space, ends trimmed.
 * Case, digits and punctuation are kept. The trade-off, as C02 asks: files that differ only in
 * whitespace are duplicates, also where indentation carries meaning (Python). Output: 32 hex chars.
 */
public final class ContentHash {
    private static final LongTupleHashFunction XX128 = LongTupleHashFunction.xx128();

    private ContentHash() {
    }

    public static String of(String text) {
        long[] h = XX128.hashBytes(Normaliser.normalise(text).getBytes(StandardCharsets.UTF_8));
        return String.format("%016x%016x", h[0], h[1]);
    }
}
