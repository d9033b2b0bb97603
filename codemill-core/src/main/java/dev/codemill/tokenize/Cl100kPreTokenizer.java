package dev.codemill.tokenize;

/**
 * The pre-tokenizer of tiktoken's {@code cl100k_base}: splits text into the pieces that byte-pair
 * encoding then encodes one by one, exactly as tiktoken's pattern (0.14.0, {@code openai_public.py})
 * <pre>'(?i:[sdmt]|ll|ve|re)|[^\r\n\p{L}\p{N}]?+\p{L}++|\p{N}{1,3}+| ?[^\s\p{L}\p{N}]++[\r\n]*+|\s++$|\s*[\r\n]|\s+(?!\S)|\s</pre>
 * matches them: the alternatives are tried in that order at each position, the first that matches
 * gives the piece. (Older tiktoken releases and jtokkit's own splitter lack {@code \s++$}: they cut
 * white space at the end of the text after its last line break; the ids are the same, since no
 * {@code cl100k_base} token holds a line break followed by other white space.) Written as a scan over code points (no regular expression, no allocation), so
 * that {@link TiktokenTokenizer} can look each piece up in its {@link PieceCache} before encoding it.
 *
 * <p>Character classes as in tiktoken (Rust {@code regex} Unicode classes): {@code \p{L}} the
 * general categories Lu, Ll, Lt, Lm, Lo; {@code \p{N}} Nd, Nl, No (both from
 * {@link Character#getType}, i.e. the JDK's Unicode version, as jtokkit's own splitter); {@code \s}
 * the Unicode White_Space property (TAB–CR, space, U+0085, U+00A0, U+1680, U+2000–U+200A, U+2028,
 * U+2029, U+202F, U+205F, U+3000; not U+001C–U+001F). The case-insensitive contractions also match
 * {@code 'ſ} (U+017F folds to {@code s}). An unpaired surrogate is a piece character of its own
 * class (neither letter, number nor space), as {@link String#codePointAt} gives it.
 */
final class Cl100kPreTokenizer {
    private static final byte LETTER = 1;
    private static final byte NUMBER = 2;
    private static final byte SPACE = 3;
    private static final byte OTHER = 4;
    /** Class of each ASCII code point. */
    private static final byte[] ASCII = new byte[128];

    static {
        for (int c = 0; c < 128; c++) {
            ASCII[c] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ? LETTER
                    : c >= '0' && c <= '9' ? NUMBER
                    : c == ' ' || (c >= '\t' && c <= '\r') ? SPACE : OTHER;
        }
    }

    private Cl100kPreTokenizer() {
    }

    /**
     * The end (exclusive, UTF-16 index) of the piece that starts at {@code start}.
     *
     * @param text  the text
     * @param start a position in {@code text}, {@code 0 <= start < text.length()}, at a piece start
     *              (0, or the end of the previous piece)
     */
    static int pieceEnd(String text, int start) {
        return pieceEnd(text.toCharArray(), text.length(), start);
    }

    /**
     * {@link #pieceEnd(String, int)} of the text {@code text[0, n)} (the tokenizer's per-thread copy:
     * an array index instead of {@code charAt}, whose index check stays in the loops on UTF-16 strings).
     */
    static int pieceEnd(char[] text, int n, int start) {
        int c0 = Character.codePointAt(text, start, n);
        int i1 = start + Character.charCount(c0);
        int c1 = i1 < n ? Character.codePointAt(text, i1, n) : -1;
        int k0 = classOf(c0);
        // '(?i:[sdmt]|ll|ve|re)
        if (c0 == '\'' && c1 >= 0) {
            if (isShortContraction(c1)) {
                return i1 + 1;
            }
            if (i1 + 1 < n && isLongContraction(c1, text[i1 + 1])) {
                return i1 + 2;
            }
        }
        int k1 = c1 < 0 ? 0 : classOf(c1);
        // [^\r\n\p{L}\p{N}]?+\p{L}+
        if (k0 == LETTER) {
            return skip(text, n, i1, LETTER);
        }
        if (k1 == LETTER && k0 != NUMBER && c0 != '\r' && c0 != '\n') {
            return skip(text, n, i1 + Character.charCount(c1), LETTER);
        }
        // \p{N}{1,3}
        if (k0 == NUMBER) {
            int end = i1;
            for (int m = 1; m < 3 && end < n; m++) {
                int c = Character.codePointAt(text, end, n);
                if (classOf(c) != NUMBER) {
                    break;
                }
                end += Character.charCount(c);
            }
            return end;
        }
        //  ?[^\s\p{L}\p{N}]++[\r\n]*
        int end = -1;
        if (k0 == OTHER) {
            end = skip(text, n, i1, OTHER);
        } else if (c0 == ' ' && k1 == OTHER) {
            end = skip(text, n, i1 + Character.charCount(c1), OTHER);
        }
        if (end >= 0) {
            while (end < n && (text[end] == '\r' || text[end] == '\n')) {
                end++;
            }
            return end;
        }
        // c0 is white space: \s++$ | \s*[\r\n] | \s+(?!\S) | \s  (every White_Space code point is one UTF-16 unit)
        int lastNewline = -1;
        end = start;
        while (end < n && classOf(text[end]) == SPACE) {
            char c = text[end];
            if (c == '\r' || c == '\n') {
                lastNewline = end;
            }
            end++;
        }
        if (end == n) {
            return end;
        }
        if (lastNewline >= 0) {
            return lastNewline + 1;
        }
        if (end - start == 1) {
            return end;
        }
        return end - 1;
    }

    /** The index after the run of code points of class {@code cls} that starts at {@code from}. */
    private static int skip(char[] text, int n, int from, byte cls) {
        int i = from;
        while (i < n) {
            char ch = text[i];
            if (ch < 128) {
                if (ASCII[ch] != cls) {
                    return i;
                }
                i++;
            } else {
                int c = Character.codePointAt(text, i, n);
                if (classOf(c) != cls) {
                    return i;
                }
                i += Character.charCount(c);
            }
        }
        return i;
    }

    static byte classOf(int c) {
        if (c < 128) {
            return ASCII[c];
        }
        switch (Character.getType(c)) {
            case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
                    Character.MODIFIER_LETTER, Character.OTHER_LETTER:
                return LETTER;
            case Character.DECIMAL_DIGIT_NUMBER, Character.LETTER_NUMBER, Character.OTHER_NUMBER:
                return NUMBER;
            default:
                return isUnicodeSpace(c) ? SPACE : OTHER;
        }
    }

    /** The non-ASCII code points of the Unicode White_Space property. */
    private static boolean isUnicodeSpace(int c) {
        return c == 0x85 || c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029
                || c == 0x202F || c == 0x205F || c == 0x3000;
    }

    private static boolean isShortContraction(int c) {
        return c == 's' || c == 'd' || c == 'm' || c == 't' || c == 'S' || c == 'D' || c == 'M' || c == 'T' || c == 0x17F;
    }

    private static boolean isLongContraction(int c1, int c2) {
        int a = c1 | 0x20;
        int b = c2 | 0x20;
        boolean ascii = c1 < 128 && c2 < 128;
        return ascii && ((a == 'l' && b == 'l') || (a == 'v' && b == 'e') || (a == 'r' && b == 'e'));
    }
}
