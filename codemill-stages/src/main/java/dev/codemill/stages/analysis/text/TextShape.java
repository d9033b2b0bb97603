package dev.codemill.stages.analysis.text;

/**
 * Line-shape and character statistics of one text, measured in one pass over its lines, with
 * long string literals and encoded blobs masked out for the line-shape figures.
 *
 * <h2>Lines and alphanumeric fraction</h2>
 * {@link #codePoints}, {@link #numLines}, {@link #maxLineLength}, {@link #totalLineLength} and
 * {@link #alnum} are those of {@link LineStats}, the one line-statistics definition (the
 * {@code stats} stage's annotations): lines are {@code \n}-separated, a {@code \r} is a terminator
 * only directly before {@code \n}, lengths are in Unicode <b>code points</b>. The masked figures
 * below use the same lines.
 *
 * <h2>Masked spans (C11)</h2>
 * Within each line, these spans are <em>masked</em>, i.e. left out of {@link #maskedAvgLineLength()}
 * and of the minified signals:
 * <ol>
 *   <li><b>data URI</b>: {@code data:} (not preceded by a letter or digit), a media type
 *       containing {@code /} and optional {@code ;params}, a comma, then the payload up to the
 *       next quote, whitespace, {@code )}, {@code <} or {@code >}; masked when the whole URI is
 *       at least {@value #MIN_BLOB} code points long;</li>
 *   <li><b>base64 run</b>: a maximal run of {@code [A-Za-z0-9+/_-]} followed by optional
 *       {@code =} padding, at least {@value #MIN_BLOB} code points long and containing an upper-case
 *       letter, a lower-case letter and a digit (so long hex hashes and long identifiers or paths
 *       in lower case are not blobs);</li>
 *   <li><b>long string literal</b>: the content between a {@code "}, {@code '} or {@code `} and
 *       the next unescaped same quote <em>on the same line</em>, when that content is at least
 *       {@value #LONG_LITERAL} code points long and does not look like code (less than 5 % of its
 *       chars are <code>{ } ( ) ; =</code>: a quote mis-paired by a regex such as
 *       <code>/["']/</code> in minified code spans code, not text). The quotes themselves stay. A quote with no
 *       closing partner on its line is an ordinary character (apostrophes in comments).</li>
 * </ol>
 * Data URIs and base64 runs also count as {@link #blobCodePoints() blob} code points (the
 * {@code base64_blob} rule); long literals that are not blobs do not.
 *
 * <h2>Minified signals</h2>
 * On the unmasked part of each line: a line is <em>long</em> when its masked length exceeds
 * {@value #LONG_LINE} code points. For long lines the helper counts spaces/tabs, tokens (an
 * identifier {@code [letter _ $][letter digit _ $]*}, a number starting with a digit, or any other
 * single non-space character) and identifiers with their length. For every non-blank line it
 * records whether it starts with a space or tab (indented). See {@link #looksMinified()}.
 */
public record TextShape(
        long codePoints,
        long numLines,
        long maxLineLength,
        long totalLineLength,
        long maskedLineLength,
        long blobCodePoints,
        long alnum,
        long nonBlankLines,
        long indentedLines,
        long shapeCodePoints,
        long longLines,
        long longLineCodePoints,
        long longWhitespace,
        long longTokens,
        long longIdentifiers,
        long longIdentifierCodePoints) {

    /** Minimum length (code points) of a data URI or base64 run that is masked. */
    public static final int MIN_BLOB = 64;
    /** Minimum content length (code points) of a string literal that is masked. */
    public static final int LONG_LITERAL = 200;
    /** A line whose masked length exceeds this many code points is "long" for the minified signals. */
    public static final int LONG_LINE = 300;

    private static final byte BLOB = 1;
    private static final byte LITERAL = 2;

    /** Mean line length in code points over all lines, nothing masked (0 for an empty text). */
    public double avgLineLength() {
        return numLines == 0 ? 0.0 : (double) totalLineLength / numLines;
    }

    /** Mean line length in code points over all lines with masked spans left out (0 for an empty text). */
    public double maskedAvgLineLength() {
        return numLines == 0 ? 0.0 : (double) maskedLineLength / numLines;
    }

    /** Letters and digits per code point, see the class comment. */
    public double alnumFraction() {
        return codePoints == 0 ? 0.0 : (double) alnum / codePoints;
    }

    /** Share of code points inside data URIs and base64 runs. */
    public double blobFraction() {
        return codePoints == 0 ? 0.0 : (double) blobCodePoints / codePoints;
    }

    /** Share of the unmasked code points of non-blank lines that lie in long lines. */
    public double longLineShare() {
        return shapeCodePoints == 0 ? 0.0 : (double) longLineCodePoints / shapeCodePoints;
    }

    /** Spaces and tabs per unmasked code point of the long lines (1 when there is no long line). */
    public double longWhitespaceRatio() {
        return longLineCodePoints == 0 ? 1.0 : (double) longWhitespace / longLineCodePoints;
    }

    /** Tokens per long line (0 when there is none). */
    public double tokensPerLongLine() {
        return longLines == 0 ? 0.0 : (double) longTokens / longLines;
    }

    /** Unmasked code points of the long lines per token (0 when there is none). */
    public double codePointsPerToken() {
        return longTokens == 0 ? 0.0 : (double) longLineCodePoints / longTokens;
    }

    /** Mean identifier length in the long lines, code points (0 when there is none). */
    public double meanIdentifierLength() {
        return longIdentifiers == 0 ? 0.0 : (double) longIdentifierCodePoints / longIdentifiers;
    }

    /** Share of identifier tokens among the tokens of the long lines. */
    public double identifierShare() {
        return longTokens == 0 ? 0.0 : (double) longIdentifiers / longTokens;
    }

    /** Share of non-blank lines that start with a space or tab. */
    public double indentedShare() {
        return nonBlankLines == 0 ? 0.0 : (double) indentedLines / nonBlankLines;
    }

    /**
     * The minified decision. Minified when <b>all</b> of:
     * <ul>
     *   <li>{@link #longLineShare()} &ge; 0.5 (most code sits in lines longer than {@value #LONG_LINE}
     *       code points after masking; mean line length alone is never enough);</li>
     *   <li>{@link #longWhitespaceRatio()} &lt; 0.12 (minifiers strip blanks; hand-written code has
     *       15–25 %);</li>
     *   <li>{@link #identifierShare()} &ge; 0.15 (code, not a table of numbers or a ruler of
     *       {@code =====});</li>
     *   <li>{@link #codePointsPerToken()} &le; 8 (dense code, not one very long word or value);</li>
     *   <li>at least two of: whitespace ratio &lt; 0.05, {@link #meanIdentifierLength()} &lt; 4,
     *       {@link #indentedShare()} &lt; 0.1, {@link #tokensPerLongLine()} &ge; 100.</li>
     * </ul>
     */
    public boolean looksMinified() {
        if (longLineShare() < 0.5 || longWhitespaceRatio() >= 0.12 || identifierShare() < 0.15
                || codePointsPerToken() > 8.0) {
            return false;
        }
        int signals = 0;
        if (longWhitespaceRatio() < 0.05) {
            signals++;
        }
        if (meanIdentifierLength() < 4.0) {
            signals++;
        }
        if (indentedShare() < 0.1) {
            signals++;
        }
        if (tokensPerLongLine() >= 100) {
            signals++;
        }
        return signals >= 2;
    }

    /** One line of the minified signals for ledger details and {@code explain}. */
    public String minifiedSignals() {
        return "long_line_share=" + f(longLineShare()) + " ws_ratio=" + f(longWhitespaceRatio())
                + " ident_share=" + f(identifierShare()) + " mean_ident=" + f(meanIdentifierLength())
                + " indented=" + f(indentedShare()) + " tokens_per_long_line=" + f(tokensPerLongLine())
                + " cp_per_token=" + f(codePointsPerToken());
    }

    private static String f(double d) {
        return dev.codemill.stage.Check.format(d);
    }

    /** Measures {@code text}; see the class comment for every definition. */
    public static TextShape measure(String text) {
        return measure(text, LineStats.of(text));
    }

    /** As {@link #measure(String)}, with the text's {@link LineStats} already computed by the caller. */
    public static TextShape measure(String text, LineStats lines) {
        return new Measurer(text).run(lines);
    }

    /**
     * One measurement. Per line it finds the end with {@link String#indexOf(int, int)} and reads
     * only what the figures need: a line stops being blank at its first non-whitespace char, a
     * line shorter than {@value #MIN_BLOB} chars has nothing to mask and cannot be long, so only
     * longer lines are copied into a char[] and scanned whole. Sums over all lines come from
     * {@link LineStats}: masked length = total line length - masked code points, and the shape
     * code points = that - the code points of blank lines (whitespace is never masked).
     */
    private static final class Measurer {
        private final String s;
        private char[] buf = new char[256];
        private byte[] mask = new byte[256];
        private boolean marked;
        long maskedCodePoints;
        long blankCodePoints;
        long blobCodePoints;
        long nonBlankLines;
        long indentedLines;
        long longLines;
        long longLineCodePoints;
        long longWhitespace;
        long longTokens;
        long longIdentifiers;
        long longIdentifierCodePoints;

        Measurer(String s) {
            this.s = s;
        }

        TextShape run(LineStats lines) {
            int n = s.length();
            int start = 0;
            while (start < n) {
                int nl = s.indexOf('\n', start);
                int end = nl < 0 ? n : nl;
                // CR is a terminator only before LF (LineStats): a lone CR at the very end is text
                int contentEnd = nl >= 0 && end > start && s.charAt(end - 1) == '\r' ? end - 1 : end;
                line(start, contentEnd);
                start = nl < 0 ? n : nl + 1;
            }
            long maskedLineLength = lines.totalLineLength() - maskedCodePoints;
            long shapeCodePoints = maskedLineLength - blankCodePoints;
            return new TextShape(lines.codePoints(), lines.numLines(), lines.maxLineLength(), lines.totalLineLength(),
                    maskedLineLength, blobCodePoints, lines.alnum(), nonBlankLines, indentedLines, shapeCodePoints, longLines,
                    longLineCodePoints, longWhitespace, longTokens, longIdentifiers, longIdentifierCodePoints);
        }

        private static boolean asciiSpace(char c) { // Character.isWhitespace for c < 128
            return c == ' ' || (c >= '\t' && c <= '\r') || (c >= 0x1c && c <= 0x1f);
        }

        private void line(int from, int to) {
            int k = from;
            while (k < to) {
                char c = s.charAt(k);
                if (c < 128) {
                    if (!asciiSpace(c)) {
                        break;
                    }
                    k++;
                } else {
                    int cp = s.codePointAt(k);
                    if (!Character.isWhitespace(cp)) {
                        break;
                    }
                    k += Character.charCount(cp);
                }
            }
            if (k >= to) {
                blankCodePoints += to - from; // whitespace is never a surrogate: one char, one code point
                return;
            }
            nonBlankLines++;
            char first = s.charAt(from);
            if (first == ' ' || first == '\t') {
                indentedLines++;
            }
            int len = to - from;
            // A line shorter than the shortest maskable span (a MIN_BLOB-long blob; literals need
            // LONG_LITERAL > MIN_BLOB) has nothing to mask and is not long (LONG_LINE > MIN_BLOB).
            if (len < MIN_BLOB) {
                return;
            }
            if (buf.length < len) {
                int size = Math.max(len, buf.length * 2);
                buf = new char[size];
                mask = new byte[size];
            }
            s.getChars(from, to, buf, 0);
            java.util.Arrays.fill(mask, 0, len, (byte) 0);
            marked = false;
            markBlobs(len);
            markLiterals(len);
            long masked = 0;
            if (marked) {
                final char[] b = buf;
                for (int i = 0; i < len; ) {
                    byte m = mask[i];
                    if (m != 0) {
                        masked++;
                        if ((m & BLOB) != 0) {
                            blobCodePoints++;
                        }
                    }
                    i += Character.isHighSurrogate(b[i]) && i + 1 < len && Character.isLowSurrogate(b[i + 1]) ? 2 : 1;
                }
                maskedCodePoints += masked;
            }
            if (len - masked > LONG_LINE) {
                long shaped = Character.codePointCount(buf, 0, len) - masked;
                if (shaped > LONG_LINE) {
                    longLines++;
                    longLineCodePoints += shaped;
                    tokenize(len);
                }
            }
        }

        private void tokenize(int to) {
            final char[] b = buf;
            int i = 0;
            while (i < to) {
                if (mask[i] != 0) {
                    i++;
                    continue;
                }
                int cp = Character.codePointAt(b, i, to);
                if (cp == ' ' || cp == '\t') {
                    longWhitespace++;
                    i++;
                } else if (Character.isLetter(cp) || cp == '_' || cp == '$') {
                    int j = i + Character.charCount(cp);
                    long len = 1;
                    while (j < to && mask[j] == 0) {
                        int c = Character.codePointAt(b, j, to);
                        if (!(Character.isLetterOrDigit(c) || c == '_' || c == '$')) {
                            break;
                        }
                        j += Character.charCount(c);
                        len++;
                    }
                    longTokens++;
                    longIdentifiers++;
                    longIdentifierCodePoints += len;
                    i = j;
                } else if (Character.isDigit(cp)) {
                    int j = i + 1;
                    while (j < to && mask[j] == 0) {
                        int c = Character.codePointAt(b, j, to);
                        if (!(Character.isLetterOrDigit(c) || c == '_' || c == '.')) {
                            break;
                        }
                        j += Character.charCount(c);
                    }
                    longTokens++;
                    i = j;
                } else {
                    if (!Character.isWhitespace(cp)) {
                        longTokens++;
                    }
                    i += Character.charCount(cp);
                }
            }
        }

        private void markBlobs(int to) {
            final char[] b = buf;
            int i = 0;
            while (i < to) {
                char c = b[i];
                if ((c == 'd' || c == 'D') && (i == 0 || !Character.isLetterOrDigit(b[i - 1])) && i + 5 <= to
                        && (b[i + 1] | 0x20) == 'a' && (b[i + 2] | 0x20) == 't' && (b[i + 3] | 0x20) == 'a' && b[i + 4] == ':') {
                    int end = dataUriEnd(i + 5, to);
                    if (end > 0) {
                        if (Character.codePointCount(b, i, end - i) >= MIN_BLOB) {
                            mark(i, end, BLOB);
                        }
                        i = end;
                        continue;
                    }
                }
                if (isBase64(c)) {
                    int j = i;
                    boolean upper = false;
                    boolean lower = false;
                    boolean digit = false;
                    while (j < to && isBase64(b[j])) {
                        char d = b[j];
                        upper |= d >= 'A' && d <= 'Z';
                        lower |= d >= 'a' && d <= 'z';
                        digit |= d >= '0' && d <= '9';
                        j++;
                    }
                    while (j < to && b[j] == '=') {
                        j++;
                    }
                    if (j - i >= MIN_BLOB && upper && lower && digit) {
                        mark(i, j, BLOB);
                    }
                    i = j;
                    continue;
                }
                i++;
            }
        }

        /** End (exclusive) of a data URI whose media type starts at {@code i}, or -1. */
        private int dataUriEnd(int i, int to) {
            final char[] b = buf;
            int j = i;
            boolean slash = false;
            while (j < to && j - i <= 100) {
                char c = b[j];
                if (c == ',') {
                    break;
                }
                if (c == '/') {
                    slash = true;
                } else if (!(Character.isLetterOrDigit(c) || c == '.' || c == '+' || c == '-' || c == ';'
                        || c == '=' || c == '_')) {
                    return -1;
                }
                j++;
            }
            if (j >= to || b[j] != ',' || !slash) {
                return -1;
            }
            j++;
            while (j < to) {
                char c = b[j];
                if (c == '"' || c == '\'' || c == '`' || c == ')' || c == '<' || c == '>' || Character.isWhitespace(c)) {
                    break;
                }
                j++;
            }
            return j;
        }

        private void markLiterals(int to) {
            final char[] b = buf;
            int i = 0;
            while (i < to) {
                char q = b[i];
                if (q != '"' && q != '\'' && q != '`') {
                    i++;
                    continue;
                }
                int j = i + 1;
                while (j < to) {
                    char c = b[j];
                    if (c == '\\') {
                        j += 2;
                    } else if (c == q) {
                        break;
                    } else {
                        j++;
                    }
                }
                if (j >= to) {
                    i++; // no partner on this line: an ordinary character
                    continue;
                }
                if (j - i - 1 >= LONG_LITERAL && Character.codePointCount(b, i + 1, j - i - 1) >= LONG_LITERAL
                        && !codeLike(i + 1, j)) {
                    mark(i + 1, j, LITERAL);
                }
                i = j + 1;
            }
        }

        /**
         * True when a quoted span looks like code, i.e. a mis-paired quote (a regex like
         * {@code /["']/} in minified code): 5 % or more of it are {@code { } ( ) ; =}.
         */
        private boolean codeLike(int a, int b) {
            final char[] t = buf;
            int punct = 0;
            for (int k = a; k < b; k++) {
                char c = t[k];
                if (c == '{' || c == '}' || c == '(' || c == ')' || c == ';' || c == '=') {
                    punct++;
                }
            }
            return punct * 20 >= b - a;
        }

        private void mark(int a, int b, byte flag) {
            marked = true;
            for (int k = a; k < b; k++) {
                mask[k] |= flag;
            }
        }

        private static boolean isBase64(char c) {
            return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '+' || c == '/' || c == '_' || c == '-';
        }
    }
}
