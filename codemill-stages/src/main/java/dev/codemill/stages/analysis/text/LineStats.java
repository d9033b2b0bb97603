package dev.codemill.stages.analysis.text;

/**
 * The one line-statistics definition of Codemill: lines, line lengths, alphanumeric fraction,
 * code points and UTF-8 length of a text, computed in one pass without regular expressions. The
 * {@code stats} stage writes these as annotations ({@code num_lines}, {@code max_line_length},
 * {@code avg_line_length}, {@code alphanum_fraction}, {@code length_bytes}); {@link TextShape}
 * (the {@code basic_filters} stage and the quality checkers) takes its line figures from here;
 * {@code LineLexer}'s code + comment + blank lines equal {@link #numLines()}.
 *
 * <p>Definitions (the names follow The Stack v2's columns):
 * <ul>
 *   <li><b>lines</b>: the text is split at {@code \n}; a final line without {@code \n} counts,
 *       a trailing {@code \n} does not start a new line, and {@code ""} has 0 lines. A
 *       {@code \r} directly before {@code \n} belongs to the terminator (CRLF is one
 *       terminator); a lone {@code \r} is an ordinary character of its line.</li>
 *   <li><b>line length</b>: code points of a line, terminators excluded. A valid surrogate
 *       pair is one code point; a lone surrogate counts as one.</li>
 *   <li>{@code maxLineLength}: longest line (0 for empty text); {@code avgLineLength()}: sum of
 *       line lengths ({@code totalLineLength}) / number of lines (0 for empty text).</li>
 *   <li>{@code alphanumFraction()}: {@code alnum}, the code points for which {@link Character#isLetterOrDigit(int)}
 *       holds (Unicode categories Lu, Ll, Lt, Lm, Lo, Nd), divided by all code points of the text,
 *       terminators included (0 for empty text). This is the per-code-point reading of
 *       StarCoder's {@code alphanum_fraction} (Python's {@code str.isalnum} per character);
 *       counting ASCII only, UTF-8 bytes or UTF-16 chars is wrong for CJK code (case C12).</li>
 *   <li>{@code utf8Bytes}: the length of the text encoded as UTF-8, a lone surrogate counting as
 *       one byte (what {@link String#getBytes(java.nio.charset.Charset)} writes for it: {@code ?}).</li>
 * </ul>
 *
 * <p>Where an earlier second definition ({@code TextShape}'s own line pass) disagreed: a text
 * ending in a lone {@code \r} (no {@code \n} after it). Here that {@code \r} is a character of
 * the last line, as every other lone {@code \r}; {@code TextShape} used to drop it from the
 * line's length. This definition was kept: CR is a terminator only as part of CRLF.
 *
 * @param numLines        number of lines
 * @param maxLineLength   longest line in code points
 * @param totalLineLength sum of the line lengths in code points
 * @param alnum           letter-or-digit code points
 * @param codePoints      code points in the whole text, terminators included
 * @param utf8Bytes       UTF-8 length of the text in bytes
 */
public record LineStats(long numLines, long maxLineLength, long totalLineLength, long alnum, long codePoints,
                        long utf8Bytes) {

    /** Mean line length in code points (0 for an empty text). */
    public double avgLineLength() {
        return numLines == 0 ? 0.0 : (double) totalLineLength / numLines;
    }

    /** Letter-or-digit code points per code point, 0..1 (0 for an empty text). */
    public double alphanumFraction() {
        return codePoints == 0 ? 0.0 : (double) alnum / codePoints;
    }

    /** 1 for Latin-1 letters and digits ({@link Character#isLetterOrDigit(int)}), else 0. */
    private static final byte[] ALNUM = new byte[256];

    static {
        for (int c = 0; c < 256; c++) {
            ALNUM[c] = (byte) (Character.isLetterOrDigit(c) ? 1 : 0);
        }
    }

    /** Computes the statistics of {@code text} (not null). */
    public static LineStats of(String text) {
        final int n = text.length();
        final char[] a = TextChars.of(text); // an array, not charAt per char
        long lines = 0;
        long maxLen = 0;
        long alnum = 0;
        long extraBytes = 0;   // UTF-8 bytes beyond one per char
        long pairs = 0;        // surrogate pairs (two chars, one code point)
        long crlf = 0;         // CRs that belong to a CRLF terminator
        int lineStart = 0;     // char index where the current line starts
        long lineExtra = 0;    // chars of the current line that are not code points of it (low surrogates)
        for (int i = 0; i < n; i++) {
            final char c = a[i];
            if (c < 0x80) {
                alnum += ALNUM[c]; // branch-free: letter/digit vs not is unpredictable in source code
                if (c == '\n') {
                    final boolean cr = i > lineStart && a[i - 1] == '\r';
                    final long len = i - lineStart - lineExtra - (cr ? 1 : 0);
                    if (cr) {
                        crlf++;
                    }
                    lines++;
                    if (len > maxLen) {
                        maxLen = len;
                    }
                    lineStart = i + 1;
                    lineExtra = 0;
                }
                continue; // a CR counts as a line character unless an LF follows it
            }
            if (c < 0x100) {
                alnum += ALNUM[c];
                extraBytes += 1;
                continue;
            }
            int cp = c;
            if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(a[i + 1])) {
                cp = Character.toCodePoint(c, a[i + 1]);
                i++;
                pairs++;
                lineExtra++;
                extraBytes += 2; // 4 bytes for 2 chars
            } else if (cp < 0x800) {
                extraBytes += 1;
            } else if (!Character.isSurrogate(c)) {
                extraBytes += 2;
            } // a lone surrogate: String.getBytes(UTF_8) writes one '?'
            if (Character.isLetterOrDigit(cp)) {
                alnum++;
            }
        }
        if (lineStart < n) {
            long len = n - lineStart - lineExtra;
            lines++;
            if (len > maxLen) {
                maxLen = len;
            }
        }
        long cps = n - pairs;
        long totalLen = cps - (lines - (lineStart < n ? 1 : 0)) - crlf; // minus LFs and the CRs of CRLFs
        return new LineStats(lines, maxLen, totalLen, alnum, cps, n + extraBytes);
    }
}
