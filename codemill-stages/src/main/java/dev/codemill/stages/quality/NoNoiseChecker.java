package dev.codemill.stages.quality;

import dev.codemill.stages.analysis.GeneratedDetector;
import dev.codemill.stages.analysis.text.TextChars;
import dev.codemill.stages.analysis.text.TextShape;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code no_noise} (text-level): the file is written by a person for people.
 * <ul>
 *   <li><b>generated</b>: {@link GeneratedDetector} evidence (linguist's generated.rb facts) → 0;</li>
 *   <li><b>minified</b>: {@link TextShape#looksMinified()} (the {@code basic_filters} definition,
 *       long literals masked, case C11) → 0;</li>
 *   <li><b>blob</b>: {@link TextShape#blobFraction()} above {@code max_blob_fraction};</li>
 *   <li><b>low alphanumeric</b>: {@link TextShape#alnumFraction()} (Unicode letters/digits per code
 *       point, case C12) below {@code min_alnum_fraction};</li>
 *   <li><b>data dump</b>: share of non-blank lines made only of numbers, quotes, brackets and
 *       separators above {@code max_data_share} (files of at least 20 lines);</li>
 *   <li><b>repetition</b>: over lines with at least 4 non-space chars and a letter or digit, the
 *       share of lines inside a 3-line window seen earlier in the file (duplicated line n-grams,
 *       after Gopher's repetition rules, Rae et al. 2021, as used by OpenCoder) above
 *       {@code max_dup_fraction}.</li>
 * </ul>
 * A measure {@code v} over its limit {@code m} gives {@code 1 - (v - m) / (1 - m)}; the score is the
 * smallest component.
 */
public final class NoNoiseChecker implements Checker {
    private static final int WINDOW = 3;

    @Override
    public String name() {
        return "no_noise";
    }

    @Override
    public Set<String> thresholds() {
        return Set.of("max_blob_fraction", "min_alnum_fraction", "max_data_share", "max_dup_fraction");
    }

    @Override
    public Set<String> messages() {
        return Set.of("generated", "minified", "blob", "low_alnum", "data", "repetition");
    }

    @Override
    public CheckResult check(FileContext f, Principle p) {
        String lang = f.language();
        List<Critique> out = new ArrayList<>();
        double score = 1.0;
        Optional<GeneratedDetector.Evidence> gen = GeneratedDetector.builtIn().find(f.path(), f.text());
        if (gen.isPresent()) {
            score = 0.0;
            out.add(new Critique(p.id(), 1, 1, p.message("generated", "value", gen.get().value())));
        }
        TextShape shape = f.shape();
        if (shape.looksMinified()) {
            score = 0.0;
            out.add(new Critique(p.id(), 1, 1, p.message("minified", "value", shape.minifiedSignals())));
        }
        double blob = shape.blobFraction();
        double maxBlob = p.threshold("max_blob_fraction", lang);
        if (blob > maxBlob) {
            score = Math.min(score, over(blob, maxBlob));
            out.add(new Critique(p.id(), 1, 1, p.message("blob", "value", blob, "limit", maxBlob)));
        }
        double alnum = shape.alnumFraction();
        double minAlnum = p.threshold("min_alnum_fraction", lang);
        if (shape.codePoints() > 0 && alnum < minAlnum) {
            score = Math.min(score, minAlnum <= 0 ? 1.0 : alnum / minAlnum);
            out.add(new Critique(p.id(), 1, 1, p.message("low_alnum", "value", alnum, "limit", minAlnum)));
        }
        Lines ls = Lines.of(f.text());
        double dataShare = ls.nonBlank == 0 ? 0.0 : (double) ls.data / ls.nonBlank;
        double maxData = p.threshold("max_data_share", lang);
        if (ls.nonBlank >= 20 && dataShare > maxData) {
            score = Math.min(score, over(dataShare, maxData));
            out.add(new Critique(p.id(), ls.firstData, 1, p.message("data", "value", dataShare, "limit", maxData)));
        }
        double dupShare = ls.kept == 0 ? 0.0 : (double) ls.dupLines / ls.kept;
        double maxDup = p.threshold("max_dup_fraction", lang);
        if (dupShare > maxDup) {
            score = Math.min(score, over(dupShare, maxDup));
            out.add(new Critique(p.id(), ls.keptLine[ls.firstDup], 1,
                    p.message("repetition", "value", dupShare, "limit", maxDup, "name", ls.keptLine[ls.firstOrigin])));
        }
        out.sort(Fmt.BY_POSITION);
        String measure = "generated=" + gen.isPresent() + " minified=" + shape.looksMinified() + " blob=" + Fmt.f(blob)
                + " alnum=" + Fmt.f(alnum) + " data_share=" + Fmt.f(dataShare) + " dup_share=" + Fmt.f(dupShare);
        return new CheckResult(score, "text", measure, out);
    }

    private static double over(double v, double max) {
        return max >= 1 ? 1.0 : 1.0 - (v - max) / (1.0 - max);
    }

    /**
     * The line figures of one file in one pass (its own class so that the JIT compiles it apart
     * from {@link #check}): non-blank and data lines, and the repeated 3-line windows over the kept
     * lines (at least 4 chars after {@code strip()}, one letter or digit). Each line is read in
     * place between its stripped bounds (no substring, no regex, no boxed map keys): a data line
     * is one whose chars are all in {@link #DATA} with at least one digit (what the former
     * pattern {@code ^[class]*[0-9][class]*$} accepted), tried below 2,000 chars as before. Kept
     * lines get ids by stripped text (an open-addressing table of {@code String.hashCode}-style
     * hashes, equal text checked with {@code regionMatches}); a window is keyed by the ids of its
     * three lines (equal ids, equal stripped text), the same equality as the text
     * {@code a + "\n" + b + "\n" + c} (a line holds no {@code \n}) without building it.
     */
    static final class Lines {
        /** {@link Character#isWhitespace(int)} (what {@code String.strip} trims). */
        private static final byte SPACE = 1;
        /** A data-line char: {@code \\s [ ] { } ( ) , ; : ' " 0-9 a-f A-F x X . + -}. */
        private static final byte DATA = 2;
        private static final byte DIGIT = 4;
        /** {@link Character#isLetterOrDigit(int)}. */
        private static final byte ALNUM = 8;
        private static final byte[] ASCII = new byte[128];
        private static final int MAX_DATA_LENGTH = 2000;

        static {
            String data = " \t\n\u000B\f\r[]{}(),;:'\"0123456789abcdefABCDEFxX.+-";
            for (int c = 0; c < 128; c++) {
                int f = 0;
                if (Character.isWhitespace(c)) {
                    f |= SPACE;
                }
                if (data.indexOf(c) >= 0) {
                    f |= DATA;
                }
                if (c >= '0' && c <= '9') {
                    f |= DIGIT;
                }
                if (Character.isLetterOrDigit(c)) {
                    f |= ALNUM;
                }
                ASCII[c] = (byte) f;
            }
        }

        int nonBlank;
        int data;
        int firstData;
        int kept;
        int[] keptLine;
        int dupLines;
        int firstDup = -1;
        int firstOrigin = -1;

        /**
         * The figures of {@code text}'s lines as {@link FileContext#lines()} splits them (at
         * {@code \n}; a final line without one counts), read from the thread's char array of the
         * text ({@link TextChars}) between each line's stripped bounds.
         */
        static Lines of(String text) {
            final char[] t = TextChars.of(text);
            final int end = text.length();
            Lines l = new Lines();
            int n = lineCount(t, end);
            int[] ids = new int[n];
            l.keptLine = new int[n];
            LineIds lineIds = new LineIds(n, t);
            int start = 0;
            for (int ln = 1; ln <= n; ln++) {
                int nl = start;
                while (nl < end && t[nl] != '\n') {
                    nl++;
                }
                int a = start;
                int b = nl; // a CR before the LF is whitespace: strip drops it with the rest
                start = nl + 1;
                while (a < b && space(t[a])) {
                    a++;
                }
                while (b > a && space(t[b - 1])) {
                    b--;
                }
                if (a == b) {
                    continue;
                }
                l.nonBlank++;
                // the flags of all chars and-ed and or-ed without a branch per char (C1 turns each
                // boolean test into a jump, mispredicted on mixed text)
                int all = 0xff;
                int any = 0;
                int hash = 0;
                for (int i = a; i < b; i++) {
                    char c = t[i];
                    hash = 31 * hash + c;
                    int f = c < 128 ? ASCII[c] : nonAscii(c);
                    all &= f;
                    any |= f;
                }
                if (b - a < MAX_DATA_LENGTH && (all & DATA) != 0 && (any & DIGIT) != 0 && l.data++ == 0) {
                    l.firstData = ln;
                }
                if (b - a >= 4 && (any & ALNUM) != 0) {
                    ids[l.kept] = lineIds.id(a, b, hash);
                    l.keptLine[l.kept++] = ln;
                }
            }
            l.windows(ids);
            return l;
        }

        /** Lines of the text {@code t[0, end)}: its {@code \n}s, plus one when the last line has none. */
        private static int lineCount(char[] t, int end) {
            int n = 0;
            for (int i = 0; i < end; i++) {
                if (t[i] == '\n') {
                    n++;
                }
            }
            return end > 0 && t[end - 1] != '\n' ? n + 1 : n;
        }

        /** The flags of a char from U+0080 on: never a data-line char; {@link #ALNUM} when a letter or digit. */
        private static int nonAscii(char c) {
            return Character.isLetterOrDigit((int) c) ? ALNUM : 0;
        }

        private static boolean space(char c) {
            // no supplementary code point is whitespace, so per char = per code point (String.strip)
            return c < 128 ? (ASCII[c] & SPACE) != 0 : Character.isWhitespace(c);
        }

        /** Marks every kept line inside a window seen earlier (not overlapping it). */
        private void windows(int[] ids) {
            boolean[] dup = new boolean[kept];
            LongIds pairs = new LongIds(kept);
            LongIds seen = new LongIds(kept);
            for (int i = 0; i + WINDOW <= kept; i++) {
                int pairId = pairs.putIfAbsent(((long) ids[i] << 32) | ids[i + 1], pairs.size());
                if (pairId < 0) {
                    pairId = pairs.size() - 1;
                }
                int prev = seen.putIfAbsent(((long) pairId << 32) | ids[i + 2], i);
                if (prev >= 0 && prev + WINDOW <= i) {
                    for (int k = i; k < i + WINDOW; k++) {
                        dup[k] = true;
                    }
                    if (firstDup < 0) {
                        firstDup = i;
                        firstOrigin = prev;
                    }
                }
            }
            for (boolean d : dup) {
                if (d) {
                    dupLines++;
                }
            }
        }
    }

    /** Ids 0, 1, 2 … of distinct spans of one char array by text, in first-seen order (open addressing, linear probing). */
    private static final class LineIds {
        private final int[] slots; // id + 1, 0 = empty
        private final int mask;
        private final char[] t;
        private int[] from;
        private int[] to;
        private int[] hashes;
        private int size;

        LineIds(int expected, char[] t) {
            int cap = Integer.highestOneBit(Math.max(4, expected) * 2 - 1) << 1;
            slots = new int[cap];
            mask = cap - 1;
            this.t = t;
            int c = Math.max(4, Math.min(expected, 1024));
            from = new int[c];
            to = new int[c];
            hashes = new int[c];
        }

        /** The id of the text {@code t[a, b)} whose {@code String.hashCode} is {@code hash}, new if unseen. */
        int id(int a, int b, int hash) {
            int len = b - a;
            int slot = (hash ^ (hash >>> 16)) & mask;
            while (true) {
                int s = slots[slot];
                if (s == 0) {
                    break;
                }
                int id = s - 1;
                if (hashes[id] == hash && to[id] - from[id] == len && same(from[id], a, len)) {
                    return id;
                }
                slot = (slot + 1) & mask;
            }
            if (size == from.length) {
                int c = size * 2;
                from = java.util.Arrays.copyOf(from, c);
                to = java.util.Arrays.copyOf(to, c);
                hashes = java.util.Arrays.copyOf(hashes, c);
            }
            from[size] = a;
            to[size] = b;
            hashes[size] = hash;
            slots[slot] = ++size;
            return size - 1;
        }

        private boolean same(int x, int y, int len) {
            final char[] c = t;
            for (int k = 0; k < len; k++) {
                if (c[x + k] != c[y + k]) {
                    return false;
                }
            }
            return true;
        }
    }

    /** A {@code long → int} map of at most {@code expected} entries whose values are never negative (open addressing). */
    private static final class LongIds {
        private final long[] keys;
        private final int[] values; // value + 1, 0 = empty
        private final int mask;
        private int size;

        LongIds(int expected) {
            int cap = Integer.highestOneBit(Math.max(4, expected) * 2 - 1) << 1;
            keys = new long[cap];
            values = new int[cap];
            mask = cap - 1;
        }

        int size() {
            return size;
        }

        /** As {@code Map.putIfAbsent}: the value already held for {@code key}, or -1 after storing {@code value}. */
        int putIfAbsent(long key, int value) {
            long h = key * 0x9E3779B97F4A7C15L;
            int slot = (int) (h >>> 40) & mask;
            while (values[slot] != 0) {
                if (keys[slot] == key) {
                    return values[slot] - 1;
                }
                slot = (slot + 1) & mask;
            }
            keys[slot] = key;
            values[slot] = value + 1;
            size++;
            return -1;
        }
    }
}
