package dev.codemill.stages.stats;

/**
 * Per-file text statistics, computed in one pass over the text without regular expressions.
 *
 * <p>Definitions (the same everywhere in Codemill; the names follow The Stack v2's columns):
 * <ul>
 *   <li><b>lines</b>: the text is split at {@code \n}; a final line without {@code \n} counts,
 *       a trailing {@code \n} does not start a new line, and {@code ""} has 0 lines. A
 *       {@code \r} directly before {@code \n} belongs to the terminator (CRLF is one
 *       terminator); a lone {@code \r} is an ordinary character of its line.</li>
 *   <li><b>line length</b>: code points of a line, terminators excluded. A valid surrogate
 *       pair is one code point; a lone surrogate counts as one.</li>
 *   <li>{@code maxLineLength}: longest line (0 for empty text); {@code avgLineLength}: sum of
 *       line lengths / number of lines (0 for empty text).</li>
 *   <li>{@code alphanumFraction}: code points for which {@link Character#isLetterOrDigit(int)}
 *       holds (Unicode categories Lu, Ll, Lt, Lm, Lo, Nd), divided by all code points of the text,
 *       terminators included (0 for empty text). This is the per-code-point reading of
 *       StarCoder's {@code alphanum_fraction} (Python's {@code str.isalnum} per character);
 *       counting ASCII only, UTF-8 bytes or UTF-16 chars is wrong for CJK code (case C12).</li>
 *   <li>{@code utf8Bytes}: the length of the text encoded as UTF-8, a lone surrogate counting as
 *       one byte (what {@link String#getBytes(java.nio.charset.Charset)} writes for it: {@code ?}).</li>
 * </ul>
 *
 * @param numLines         number of lines
 * @param maxLineLength    longest line in code points
 * @param avgLineLength    mean line length in code points
 * @param alphanumFraction share of letter-or-digit code points, 0..1
 * @param codePoints       code points in the whole text
 * @param utf8Bytes        UTF-8 length of the text in bytes
 */
public record FileStats(long numLines, long maxLineLength, double avgLineLength, double alphanumFraction,
                        long codePoints, long utf8Bytes) {

    /** Computes the statistics of {@code text} (not null). */
    public static FileStats of(String text) {
        final int n = text.length();
        long lines = 0;
        long maxLen = 0;
        long totalLen = 0;
        long cps = 0;
        long alnum = 0;
        long bytes = 0;
        long lineLen = 0;
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes++;
                cps++;
                if (c == '\n') {
                    lines++;
                    totalLen += lineLen;
                    if (lineLen > maxLen) {
                        maxLen = lineLen;
                    }
                    lineLen = 0;
                    i++;
                    continue;
                }
                if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
                    i++; // part of the CRLF terminator: counted in cps/bytes, not in the line length
                    continue;
                }
                lineLen++;
                if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
                    alnum++;
                }
                i++;
                continue;
            }
            int cp = c;
            int width = 1;
            if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
                cp = Character.toCodePoint(c, text.charAt(i + 1));
                width = 2;
            }
            if (cp < 0x800) {
                bytes += 2;
            } else if (Character.isSurrogate((char) cp) && width == 1) {
                bytes += 1; // lone surrogate: String.getBytes(UTF_8) writes '?'
            } else if (cp < 0x10000) {
                bytes += 3;
            } else {
                bytes += 4;
            }
            cps++;
            lineLen++;
            if (Character.isLetterOrDigit(cp)) {
                alnum++;
            }
            i += width;
        }
        if (lineLen > 0 || (n > 0 && text.charAt(n - 1) != '\n')) {
            lines++;
            totalLen += lineLen;
            if (lineLen > maxLen) {
                maxLen = lineLen;
            }
        }
        double avg = lines == 0 ? 0.0 : (double) totalLen / lines;
        double frac = cps == 0 ? 0.0 : (double) alnum / cps;
        return new FileStats(lines, maxLen, avg, frac, cps, bytes);
    }
}
