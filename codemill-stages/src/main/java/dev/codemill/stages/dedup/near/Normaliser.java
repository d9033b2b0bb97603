package dev.codemill.stages.dedup.near;

import java.text.Normalizer;

/**
 * The dedup-key normaliser: turns a decoded text into the form that near-dedup shingles (and that
 * exact dedup and decontamination can hash), so that texts differing only in encoding accidents
 * compare equal. It builds a <em>key</em> only: the emitted document keeps its own text.
 *
 * <p>Steps, in order (each one is a pure function of the previous result):
 * <ol>
 *   <li>a leading byte-order mark U+FEFF is removed;</li>
 *   <li>line endings: CRLF and lone CR become LF;</li>
 *   <li>Unicode NFC ({@link Normalizer.Form#NFC}); skipped when every char is below U+0300, where
 *       NFC is the identity (the same quick-check bound ICU uses);</li>
 *   <li>whitespace runs ({@link Character#isWhitespace}: space, tab, LF, VT, FF, and Unicode
 *       space/line/paragraph separators except no-break spaces) are collapsed: a run that holds a
 *       line feed becomes one LF, any other run becomes one space; whitespace at the start and the
 *       end of the text is removed. This makes trailing spaces, blank lines, tab vs space indents
 *       and a missing final newline irrelevant.</li>
 * </ol>
 * Nothing else changes: case, digits, punctuation and every non-whitespace code point are kept,
 * so {@code 1|2|300$} still splits into three tokens and {@code a.b} differs from {@code ab}
 * (case C02, from datatrove PR #218 and NeMo Curator #2246).
 *
 * <p>Cost: one pass over the text plus one {@code char[]} (NFC only when a char is at least U+0300,
 * one more pass to check); returns the same instance when
 * the text is already in normal form. Thread-safe (stateless).
 */
public final class Normaliser {
    private Normaliser() {
    }

    /**
     * Returns the dedup key text of {@code text}.
     *
     * @param text decoded text, any length (empty allowed)
     * @return the normalised text; empty when {@code text} holds only whitespace (and BOM)
     * @throws NullPointerException if {@code text} is null
     */
    public static String normalise(String text) {
        int from = !text.isEmpty() && text.charAt(0) == '\uFEFF' ? 1 : 0;
        String s = collapseWhitespace(text, from);
        // NFC after the whitespace pass gives the same result as before it: whitespace chars are
        // never composed with a neighbour, and U+2000/U+2001 (NFC: U+2002/U+2003) are collapsed
        // like every other whitespace char.
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= '\u0300') {
                return Normalizer.normalize(s, Normalizer.Form.NFC);
            }
        }
        return s;
    }

    /**
     * A text with the same word tokens ({@link Shingler} word mode: maximal runs of
     * {@code [A-Za-z0-9_]}) as {@link #normalise normalise(text)}, normalising only when that can
     * change them: when every char is below U+0300 the normaliser changes whitespace only (no BOM,
     * NFC is the identity there), and whitespace separates tokens whether it is one LF, one space
     * or a run; so {@code text} itself is returned. Otherwise (NFC can compose {@code e}+U+0301
     * into {@code é}, or map U+212A KELVIN SIGN to {@code K}) the normalised text is. Saves the
     * second normalisation of a document whose content hash exact dedup already took (issue 20 §2).
     *
     * @param text decoded text (not null)
     * @return {@code text} or its normalised form; word-shingles equal to those of the normalised form
     */
    public static String forWordTokens(String text) {
        for (int i = 0, n = text.length(); i < n; i++) {
            if (text.charAt(i) >= '\u0300') {
                return normalise(text);
            }
        }
        return text;
    }

    /**
     * The UTF-8 bytes of {@link #normalise normalise(text)} written into {@code out}, in one pass
     * and without building the normalised String, when every char of {@code text} is below U+0300
     * (no BOM, NFC is the identity there, so only whitespace runs change); otherwise nothing
     * useful is written and -1 is returned, and the caller takes {@code normalise(text)}. What
     * {@link dev.codemill.stages.dedup.ContentHash} hashes (issue 20 §2: one normalisation,
     * straight to the bytes that are hashed).
     *
     * @param text decoded text (not null)
     * @param out  at least {@code 2 * text.length()} bytes (a char below U+0300 is 1 or 2 UTF-8 bytes)
     * @return the number of bytes written, or -1 when {@code text} holds a char at or above U+0300
     * @throws ArrayIndexOutOfBoundsException if {@code out} is too short
     */
    public static int utf8BelowU0300(String text, byte[] out) {
        int n = text.length();
        char[] a = new char[n];
        text.getChars(0, n, a, 0);
        return utf8BelowU0300(a, n, out);
    }

    /**
     * {@link #utf8BelowU0300(String, byte[])} of the text held in {@code a[0, len)}: a loop over an
     * array with one table lookup per char, for callers that keep a reusable {@code char[]}
     * (under C1, {@code String.charAt} per char is a call chain and the JDK's string intrinsics are
     * missing: issue 20).
     *
     * @param a   the text's UTF-16 chars (read only)
     * @param len the text's length, at most {@code a.length}
     * @param out at least {@code 2 * len} bytes
     * @return the number of bytes written, or -1 when a char at or above U+0300 occurs
     */
    public static int utf8BelowU0300(char[] a, int len, byte[] out) {
        byte[] kind = KIND;
        int o = 0;
        boolean pending = false;
        boolean lineBreak = false;
        for (int i = 0; i < len; i++) {
            char c = a[i];
            if (c >= '\u0300') {
                return -1;
            }
            byte k = kind[c];
            if (k != OTHER) {
                if (o > 0) {
                    pending = true;
                    lineBreak |= k == LINE_BREAK;
                }
                continue;
            }
            if (pending) {
                out[o++] = (byte) (lineBreak ? '\n' : ' ');
                pending = false;
                lineBreak = false;
            }
            if (c < 0x80) {
                out[o++] = (byte) c;
            } else {
                out[o++] = (byte) (0xC0 | (c >> 6));
                out[o++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        return o;
    }

    /**
     * Index of the first char at or above U+0300 in {@code a[0, len)}, or -1 when there is none
     * (then {@link #normalise} changes whitespace only).
     */
    public static int firstAtOrAboveU0300(char[] a, int len) {
        for (int i = 0; i < len; i++) {
            if (a[i] >= '\u0300') {
                return i;
            }
        }
        return -1;
    }

    /** {@link #KIND} values. */
    private static final byte OTHER = 0;
    private static final byte SPACE = 1;
    private static final byte LINE_BREAK = 2;

    /**
     * Per char below U+0300: {@link #LINE_BREAK} for LF and CR, {@link #SPACE} for every other
     * {@link #isWhitespace} char, else {@link #OTHER}; built from {@link #isWhitespace} itself.
     */
    private static final byte[] KIND = kinds();

    private static byte[] kinds() {
        byte[] k = new byte[0x300];
        for (char c = 0; c < 0x300; c++) {
            k[c] = c == '\n' || c == '\r' ? LINE_BREAK : isWhitespace(c) ? SPACE : OTHER;
        }
        return k;
    }

    /** Whitespace pass (steps 2 and 4): CR counts as a line break, so CRLF/CR/LF all become LF. */
    private static String collapseWhitespace(String s, int from) {
        int n = s.length();
        if (from == 0 && isCanonical(s)) {
            return s;
        }
        char[] out = new char[n - from];
        int o = 0;
        int i = from;
        while (i < n) {
            char c = s.charAt(i);
            if (!isWhitespace(c)) {
                out[o++] = c;
                i++;
                continue;
            }
            boolean lineBreak = false;
            while (i < n) {
                char w = s.charAt(i);
                if (!isWhitespace(w)) {
                    break;
                }
                if (w == '\n' || w == '\r' || w == '\u2028' || w == '\u2029') {
                    lineBreak = true;
                }
                i++;
            }
            if (o > 0 && i < n) {
                out[o++] = lineBreak ? '\n' : ' ';
            }
        }
        return new String(out, 0, o);
    }

    /** {@link Character#isWhitespace} with an ASCII fast path. */
    private static boolean isWhitespace(char c) {
        if (c <= ' ') {
            return c == ' ' || (c >= '\t' && c <= '\r') || (c >= '\u001C' && c <= '\u001F');
        }
        return c >= '\u0080' && Character.isWhitespace(c);
    }

    /** True when no whitespace run needs rewriting (no CR, no run of 2+, no edge whitespace). */
    private static boolean isCanonical(String s) {
        int n = s.length();
        if (n == 0) {
            return true;
        }
        if (isWhitespace(s.charAt(0)) || isWhitespace(s.charAt(n - 1))) {
            return false;
        }
        boolean prevWs = false;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            boolean ws = isWhitespace(c);
            if (ws && (prevWs || (c != ' ' && c != '\n'))) {
                return false;
            }
            prevWs = ws;
        }
        return true;
    }
}
