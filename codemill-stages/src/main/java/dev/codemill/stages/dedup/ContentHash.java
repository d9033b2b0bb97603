package dev.codemill.stages.dedup;

import dev.codemill.analysis.ReusableChars;
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

    /** Texts up to this many chars reuse a per-thread byte buffer (2 bytes a char); longer ones allocate. */
    private static final int REUSED_CHARS = 1 << 20;
    private static final ThreadLocal<Buffers> BUFFERS = ThreadLocal.withInitial(Buffers::new);

    /** A thread's reused buffers: the text's chars and its normalised UTF-8 bytes. */
    private static final class Buffers {
        final ReusableChars chars = new ReusableChars(4096);
        byte[] bytes = new byte[8192];
    }
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    /**
     * The content hash of {@code text}: 32 lower-case hex chars. A text whose chars are all below
     * U+0300 is normalised straight into UTF-8 bytes ({@link Normaliser#utf8BelowU0300}, the
     * same bytes as {@code normalise(text).getBytes(UTF_8)}); any other text takes
     * {@link Normaliser#normalise} and is encoded.
     */
    public static String of(String text) {
        int n = text.length();
        Buffers b = BUFFERS.get();
        byte[] buf = b.bytes;
        if (buf.length < 2 * n) {
            buf = new byte[2 * n];
            if (n <= REUSED_CHARS) {
                b.bytes = buf;
            }
        }
        int len = Normaliser.utf8BelowU0300(b.chars.of(text), n, buf);
        long[] h = len >= 0 ? XX128.hashBytes(buf, 0, len)
                : XX128.hashBytes(Normaliser.normalise(text).getBytes(StandardCharsets.UTF_8));
        char[] out = new char[32];
        for (int i = 0; i < 16; i++) {
            out[i] = HEX[(int) (h[0] >>> (60 - 4 * i)) & 0xF];
            out[16 + i] = HEX[(int) (h[1] >>> (60 - 4 * i)) & 0xF];
        }
        return new String(out);
    }
}
