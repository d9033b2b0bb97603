package dev.codemill.stages.dedup;

import java.nio.charset.StandardCharsets;
import net.openhft.hashing.LongTupleHashFunction;

/**
 * The exact-duplicate key of a text: XXH3-128 (zero-allocation-hashing's {@code xx128}) of the
 * UTF-8 bytes after line-ending normalisation (CRLF and lone CR become LF), as 32 hex chars.
 * Nothing else is normalised: case, Unicode form, whitespace and a trailing newline all count,
 * so two files share a key only when they hold the same code (see case C02).
 */
public final class ContentHash {
    private static final LongTupleHashFunction XX128 = LongTupleHashFunction.xx128();

    private ContentHash() {
    }

    public static String of(String text) {
        long[] h = XX128.hashBytes(normaliseLineEndings(text).getBytes(StandardCharsets.UTF_8));
        return String.format("%016x%016x", h[0], h[1]);
    }

    /** CRLF → LF and lone CR → LF; returns the same instance when there is no CR. */
    public static String normaliseLineEndings(String text) {
        if (text.indexOf('\r') < 0) {
            return text;
        }
        StringBuilder sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\r') {
                sb.append('\n');
                if (i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
