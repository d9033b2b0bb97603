package dev.codemill.bench.quality;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Replacements on UTF-8 bytes (the offsets of a {@code SyntaxTree}), applied at once; overlapping
 * edits are refused. Line helpers work on the same bytes.
 */
final class ByteEdits {
    private record Edit(int start, int end, byte[] with) {
    }

    private final byte[] src;
    private final List<Edit> edits = new ArrayList<>();

    ByteEdits(byte[] src) {
        this.src = src;
    }

    void replace(int start, int end, String with) {
        for (Edit e : edits) {
            if (start < e.end && e.start < end || start == e.start && end == e.end) {
                throw new IllegalArgumentException("overlapping edit");
            }
        }
        edits.add(new Edit(start, end, with.getBytes(StandardCharsets.UTF_8)));
    }

    void insert(int at, String text) {
        edits.add(new Edit(at, at, text.getBytes(StandardCharsets.UTF_8)));
    }

    boolean isEmpty() {
        return edits.isEmpty();
    }

    String apply() {
        List<Edit> sorted = new ArrayList<>(edits);
        sorted.sort(Comparator.comparingInt(Edit::start).thenComparingInt(Edit::end));
        ByteArrayOutputStream out = new ByteArrayOutputStream(src.length + 256);
        int at = 0;
        for (Edit e : sorted) {
            out.write(src, at, e.start - at);
            out.write(e.with, 0, e.with.length);
            at = e.end;
        }
        out.write(src, at, src.length - at);
        return out.toString(StandardCharsets.UTF_8);
    }

    static int lineStart(byte[] b, int off) {
        int i = Math.min(off, b.length);
        while (i > 0 && b[i - 1] != '\n') {
            i--;
        }
        return i;
    }

    /** Offset just after the line's {@code \n} (or the end of the bytes). */
    static int lineEnd(byte[] b, int off) {
        int i = off;
        while (i < b.length && b[i] != '\n') {
            i++;
        }
        return Math.min(b.length, i + 1);
    }

    /** The spaces and tabs at the start of the line holding {@code off}. */
    static String indent(byte[] b, int off) {
        int s = lineStart(b, off);
        int e = s;
        while (e < b.length && (b[e] == ' ' || b[e] == '\t')) {
            e++;
        }
        return new String(b, s, e - s, StandardCharsets.US_ASCII);
    }

    /** Whether only spaces/tabs precede {@code off} on its line. */
    static boolean startsLine(byte[] b, int off) {
        for (int i = lineStart(b, off); i < off; i++) {
            if (b[i] != ' ' && b[i] != '\t') {
                return false;
            }
        }
        return true;
    }

    /** Whether only spaces/tabs/{@code \r} follow {@code off} up to the end of its line. */
    static boolean endsLine(byte[] b, int off) {
        for (int i = off; i < b.length && b[i] != '\n'; i++) {
            if (b[i] != ' ' && b[i] != '\t' && b[i] != '\r') {
                return false;
            }
        }
        return true;
    }

    static String text(byte[] b, int start, int end) {
        return new String(b, start, end - start, StandardCharsets.UTF_8);
    }

    /** Every line of {@code s} (ending in {@code \n} or not) prefixed by {@code pad}; blank lines stay blank. */
    static String indentLines(String s, String pad) {
        StringBuilder sb = new StringBuilder(s.length() + 64);
        int i = 0;
        while (i < s.length()) {
            int nl = s.indexOf('\n', i);
            int e = nl < 0 ? s.length() : nl + 1;
            String line = s.substring(i, e);
            if (!line.isBlank()) {
                sb.append(pad);
            }
            sb.append(line);
            i = e;
        }
        return sb.toString();
    }
}
