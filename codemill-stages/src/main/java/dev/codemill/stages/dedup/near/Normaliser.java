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
 * <p>Cost: one pass over the text plus one {@link StringBuilder}; returns the same instance when
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
        String s = text;
        if (!s.isEmpty() && s.charAt(0) == '\uFEFF') {
            s = s.substring(1);
        }
        boolean needsNfc = false;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= '\u0300') {
                needsNfc = true;
                break;
            }
        }
        if (needsNfc) {
            // NFC never creates or removes CR/LF/whitespace from non-whitespace, so it can run
            // before the whitespace pass (which also folds CR into LF).
            s = Normalizer.normalize(s, Normalizer.Form.NFC);
        }
        return collapseWhitespace(s);
    }

    /** Whitespace pass (steps 2 and 4): CR counts as a line break, so CRLF/CR/LF all become LF. */
    private static String collapseWhitespace(String s) {
        int n = s.length();
        if (isCanonical(s)) {
            return s;
        }
        StringBuilder sb = new StringBuilder(n);
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            if (!Character.isWhitespace(c)) {
                sb.append(c);
                i++;
                continue;
            }
            boolean lineBreak = false;
            while (i < n && Character.isWhitespace(s.charAt(i))) {
                char w = s.charAt(i);
                if (w == '\n' || w == '\r' || w == '\u2028' || w == '\u2029') {
                    lineBreak = true;
                }
                i++;
            }
            if (sb.length() > 0 && i < n) {
                sb.append(lineBreak ? '\n' : ' ');
            }
        }
        return sb.toString();
    }

    /** True when no whitespace run needs rewriting (no CR, no run of 2+, no edge whitespace). */
    private static boolean isCanonical(String s) {
        int n = s.length();
        if (n == 0) {
            return true;
        }
        if (Character.isWhitespace(s.charAt(0)) || Character.isWhitespace(s.charAt(n - 1))) {
            return false;
        }
        boolean prevWs = false;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            boolean ws = Character.isWhitespace(c);
            if (ws && (prevWs || (c != ' ' && c != '\n'))) {
                return false;
            }
            prevWs = ws;
        }
        return true;
    }
}
