package dev.codemill.stages.debug;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One mutation of a source text: the UTF-8 byte range {@code [start, end)} of the original is
 * replaced by {@code replacement}.
 *
 * @param operator    the operator that made it
 * @param start       first byte replaced (UTF-8 offset into the original)
 * @param end         end of the replaced bytes (exclusive)
 * @param replacement the new text of the range
 * @param detail      what changed, e.g. {@code '<' -> '>='}
 */
public record Mutant(Operator operator, int start, int end, String replacement, String detail) {
    public Mutant {
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("bad range [" + start + ", " + end + ")");
        }
    }

    /** The mutated text of {@code original} (given as its UTF-8 bytes). */
    public String apply(byte[] original) {
        byte[] r = replacement.getBytes(StandardCharsets.UTF_8);
        byte[] out = Arrays.copyOf(original, original.length - (end - start) + r.length);
        System.arraycopy(r, 0, out, start, r.length);
        System.arraycopy(original, end, out, start + r.length, original.length - end);
        return new String(out, StandardCharsets.UTF_8);
    }

    /** 1-based line of the start of the change in the original. */
    public int line(byte[] original) {
        int line = 1;
        for (int i = 0; i < start && i < original.length; i++) {
            if (original[i] == '\n') {
                line++;
            }
        }
        return line;
    }
}
