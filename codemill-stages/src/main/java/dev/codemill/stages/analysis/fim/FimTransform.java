package dev.codemill.stages.analysis.fim;

import dev.codemill.model.DocId;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Fill-in-the-middle (FIM) transform on text with random character spans: a pure function of
 * the text and a random generator.
 *
 * <h2>What a sample looks like</h2>
 * The text is cut at two random points into prefix {@code P}, middle {@code M} and suffix
 * {@code S} ({@code P + M + S} is the text exactly) and rearranged with three sentinels:
 * <ul>
 *   <li>PSM: {@code <fim_prefix>P<fim_suffix>S<fim_middle>M};</li>
 *   <li>SPM: {@code <fim_prefix><fim_suffix>S<fim_middle>PM} — the SPM variant of Bavarian et
 *       al. 2022 ("Efficient Training of Language Models to Fill in the Middle") as
 *       implemented in bigcode-project/Megatron-LM {@code megatron/data/gpt_dataset.py}
 *       {@code permute()} (commit 6c4bf908, line 491) and documented by NVIDIA/Megatron-LM
 *       {@code megatron/training/datasets/README.md} ("SPM Format: [prefix_tok, suffix_tok] suffix
 *       [middle_tok] prefix middle").</li>
 * </ul>
 * Defaults: FIM rate 0.5 (StarCoder, Li et al. 2023; DeepSeek-Coder, Guo et al. 2024),
 * SPM share 0.5 (StarCoder's {@code fim_spm_rate}), StarCoder sentinels {@code <fim_prefix>},
 * {@code <fim_middle>}, {@code <fim_suffix>}.
 *
 * <h2>Cut points</h2>
 * Like bigcode's {@code permute}, two offsets are drawn independently and uniformly from
 * {@code [0, n]} — here in <b>code points</b> ({@code n} = number of code points), never in
 * UTF-16 units or bytes — and sorted; prefix, middle or suffix may be empty. Each draw is then
 * moved <b>down</b> ({@link #snapDown}) to the nearest index where a cut is safe:
 * <ul>
 *   <li>not inside a surrogate pair (guaranteed by drawing code points);</li>
 *   <li>not before a combining mark ({@link Character#NON_SPACING_MARK},
 *       {@link Character#ENCLOSING_MARK}, {@link Character#COMBINING_SPACING_MARK}), a zero-width
 *       joiner U+200D, or an emoji modifier U+1F3FB..U+1F3FF: the cut moves to the start of the
 *       grapheme (a base letter and its accents stay together);</li>
 *   <li>not between {@code \r} and {@code \n};</li>
 *   <li>not inside an occurrence of a sentinel in the source text (so escaping, below, works
 *       piece by piece).</li>
 * </ul>
 * The rule uses {@link Character#getType(int)} rather than {@link java.text.BreakIterator}
 * because BreakIterator's grapheme rules changed in JDK 20 and samples must not depend on the
 * JDK. Offsets reported by {@link Sample} are code points of the original text.
 *
 * <h2>Sentinels in the source</h2>
 * A sample must never contain a sentinel that the transform did not put there; the same holds
 * for documents the stage does not transform ({@link FimStage} escapes them with {@link #escape}
 * too, so every document of a run reads the same way). Every occurrence
 * of a sentinel in the text is escaped by inserting the escape code point (default
 * {@value #DEFAULT_ESCAPE_NAME}, U+2063 INVISIBLE SEPARATOR) after its first character, and every
 * escape code point already in the text is doubled. {@link #unescape} reverses this: a doubled
 * escape becomes one, a single escape is dropped. Sentinels must be at least 2 characters, must
 * not contain the escape, and no sentinel may end with a proper prefix of a sentinel (e.g.
 * {@code <...>} shapes); then the first occurrence of each sentinel in a sample is the real one
 * and {@link #reassemble} gives back the original text exactly.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class FimTransform {
    /** Default rate (probability a document is transformed): 0.5, StarCoder and DeepSeek-Coder. */
    public static final double DEFAULT_RATE = 0.5;
    /** Default share of SPM among transformed documents: 0.5, StarCoder's {@code fim_spm_rate}. */
    public static final double DEFAULT_SPM_RATE = 0.5;
    /** StarCoder's prefix sentinel. */
    public static final String DEFAULT_PREFIX = "<fim_prefix>";
    /** StarCoder's middle sentinel. */
    public static final String DEFAULT_MIDDLE = "<fim_middle>";
    /** StarCoder's suffix sentinel. */
    public static final String DEFAULT_SUFFIX = "<fim_suffix>";
    /** Default escape code point U+2063 INVISIBLE SEPARATOR (rare in source code). */
    public static final int DEFAULT_ESCAPE = 0x2063;
    static final String DEFAULT_ESCAPE_NAME = "U+2063";

    /** Order of the pieces in a sample. */
    public enum Mode {
        /** prefix, suffix, middle. */
        PSM,
        /** suffix, prefix+middle (SPM variant 2). */
        SPM;

        /** {@code psm} or {@code spm}. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * One FIM sample.
     *
     * @param text        the sample text (sentinels and escaped pieces)
     * @param mode        PSM or SPM
     * @param middleStart first cut, in code points of the original text (prefix = [0, middleStart))
     * @param middleEnd   second cut, in code points (middle = [middleStart, middleEnd), suffix = the rest)
     * @param codePoints  length of the original text in code points
     * @param escaped     sentinel occurrences plus escape code points escaped in the original text
     */
    public record Sample(String text, Mode mode, int middleStart, int middleEnd, int codePoints, int escaped) {
    }

    /** The three pieces, unescaped. */
    public record Pieces(String prefix, String middle, String suffix) {
        /** {@code prefix + middle + suffix}. */
        public String joined() {
            return prefix + middle + suffix;
        }
    }

    private final double rate;
    private final double spmRate;
    private final String prefix;
    private final String middle;
    private final String suffix;
    private final int escape;
    private final String escapeString;
    private final List<String> sentinels;

    /**
     * @param rate    probability in [0, 1] that {@link #apply} transforms a text
     * @param spmRate probability in [0, 1] that a transformed text is SPM (else PSM)
     * @param prefix  prefix sentinel
     * @param middle  middle sentinel
     * @param suffix  suffix sentinel
     * @param escape  escape code point (see the class comment)
     * @throws IllegalArgumentException on a rate outside [0, 1], a sentinel shorter than 2 chars,
     *                                  equal sentinels, a sentinel containing the escape, or
     *                                  sentinels that overlap (one ends with a proper prefix of one)
     */
    public FimTransform(double rate, double spmRate, String prefix, String middle, String suffix, int escape) {
        if (!(rate >= 0 && rate <= 1) || !(spmRate >= 0 && spmRate <= 1)) {
            throw new IllegalArgumentException("rates must be in [0, 1], got rate=" + rate + " spm_rate=" + spmRate);
        }
        if (!Character.isValidCodePoint(escape) || Character.getType(escape) == Character.SURROGATE) {
            throw new IllegalArgumentException("escape must be a code point that is not a surrogate");
        }
        this.rate = rate;
        this.spmRate = spmRate;
        this.prefix = Objects.requireNonNull(prefix, "prefix");
        this.middle = Objects.requireNonNull(middle, "middle");
        this.suffix = Objects.requireNonNull(suffix, "suffix");
        this.escape = escape;
        this.escapeString = new String(Character.toChars(escape));
        this.sentinels = List.of(prefix, middle, suffix);
        for (int x = 0; x < 3; x++) {
            String s = sentinels.get(x);
            if (s.length() < 2) {
                throw new IllegalArgumentException("sentinel '" + s + "' must be at least 2 characters");
            }
            if (s.contains(escapeString)) {
                throw new IllegalArgumentException("sentinel '" + s + "' contains the escape character");
            }
            if (!StandardCharsets.UTF_8.newEncoder().canEncode(s)) {
                throw new IllegalArgumentException("sentinel '" + s + "' is not valid Unicode");
            }
            for (int y = 0; y < 3; y++) {
                String t = sentinels.get(y);
                if (x != y && s.contains(t)) {
                    throw new IllegalArgumentException(s.equals(t) ? "sentinels must differ: '" + s + "'"
                            : "sentinel '" + s + "' contains sentinel '" + t + "'");
                }
                for (int k = 1; k < Math.min(s.length(), t.length()); k++) {
                    if (s.endsWith(t.substring(0, k))) {
                        throw new IllegalArgumentException("sentinel '" + s + "' ends with '" + t.substring(0, k)
                                + "', the start of sentinel '" + t + "': samples could not be parsed");
                    }
                }
            }
        }
    }

    /** Defaults: rate 0.5, SPM 0.5, StarCoder sentinels, escape U+2063. */
    public static FimTransform defaults() {
        return new FimTransform(DEFAULT_RATE, DEFAULT_SPM_RATE, DEFAULT_PREFIX, DEFAULT_MIDDLE, DEFAULT_SUFFIX,
                DEFAULT_ESCAPE);
    }

    public double rate() {
        return rate;
    }

    public double spmRate() {
        return spmRate;
    }

    public String prefix() {
        return prefix;
    }

    public String middle() {
        return middle;
    }

    public String suffix() {
        return suffix;
    }

    public int escape() {
        return escape;
    }

    /**
     * The per-document generator: {@link dev.codemill.model.Seeds#rngFor} for purpose
     * {@link dev.codemill.model.Seeds#FIM}. It depends only on the recipe seed and the id, so a
     * document gives the same sample on any thread, worker or runner, and the same split in the
     * {@code fim} stage and inside repository samples.
     */
    public static RandomGenerator rngFor(long seed, DocId id) {
        return dev.codemill.model.Seeds.rngFor(seed, dev.codemill.model.Seeds.FIM, id);
    }

    /**
     * Draws from {@code rng}, in this order: one double (transform when {@code < rate}); if
     * transforming, two ints in {@code [0, n]} (code-point cuts) and one double (SPM when
     * {@code < spmRate}). An empty text is never transformed (an empty fragment is skipped for
     * FIM, Megatron-LM PR #7552) and draws only the first double.
     *
     * @return the sample, or null when the text is not transformed
     */
    public Sample apply(String text, RandomGenerator rng) {
        boolean take = rng.nextDouble() < rate;
        if (!take || text.isEmpty()) {
            return null;
        }
        int n = text.codePointCount(0, text.length());
        int a = rng.nextInt(n + 1);
        int b = rng.nextInt(n + 1);
        Mode mode = rng.nextDouble() < spmRate ? Mode.SPM : Mode.PSM;
        return sample(text, a, b, mode);
    }

    /** How the middle is chosen. */
    public enum Spans {
        /** Two uniform code-point cuts (bigcode {@code permute}). */
        RANDOM,
        /** One whole syntax node ({@link SyntaxSpans}); random cuts when the text has no tree. */
        SYNTAX;

        /** {@code random} or {@code syntax}. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * Like {@link #apply(String, RandomGenerator)} with a choice of span. For {@link Spans#SYNTAX}
     * the draws are: one double (transform when {@code < rate}); then one int choosing a syntax
     * node ({@link SyntaxSpans#pick}) or, when the language has no grammar here or the tree no
     * candidate, two ints as for random spans; then one double (SPM when {@code < spmRate}).
     *
     * @param language linguist language name of the text (may be null)
     */
    public Sample apply(String text, String language, Spans spans, RandomGenerator rng) {
        if (spans == Spans.RANDOM) {
            return apply(text, rng);
        }
        boolean take = rng.nextDouble() < rate;
        if (!take || text.isEmpty()) {
            return null;
        }
        int[] span = SyntaxSpans.pick(text, language, rng);
        int a;
        int b;
        if (span == null) {
            int n = text.codePointCount(0, text.length());
            a = rng.nextInt(n + 1);
            b = rng.nextInt(n + 1);
        } else {
            a = span[0];
            b = span[1];
        }
        Mode mode = rng.nextDouble() < spmRate ? Mode.SPM : Mode.PSM;
        return sample(text, a, b, mode);
    }

    /**
     * Builds a sample from two requested cut points given in code points (any order, each in
     * {@code [0, n]}); each is moved down with {@link #snapDown}.
     *
     * @throws IndexOutOfBoundsException when a cut is outside {@code [0, n]}
     */
    public Sample sample(String text, int cutA, int cutB, Mode mode) {
        int n = text.codePointCount(0, text.length());
        if (cutA < 0 || cutA > n || cutB < 0 || cutB > n) {
            throw new IndexOutOfBoundsException("cuts " + cutA + ", " + cutB + " outside [0, " + n + "]");
        }
        int ia = snapDown(text, text.offsetByCodePoints(0, cutA));
        int ib = snapDown(text, text.offsetByCodePoints(0, cutB));
        int lo = Math.min(ia, ib);
        int hi = Math.max(ia, ib);
        int[] count = new int[1];
        String p = escape(text.substring(0, lo), count);
        String m = escape(text.substring(lo, hi), count);
        String s = escape(text.substring(hi), count);
        String out = mode == Mode.PSM
                ? prefix + p + suffix + s + middle + m
                : prefix + suffix + s + middle + p + m;
        return new Sample(out, mode, text.codePointCount(0, lo), text.codePointCount(0, hi), n, count[0]);
    }

    /**
     * Where the three sentinels lie in a sample made by this transform: {@code [start, end)}
     * pairs of UTF-16 indices into {@code sample.text()}, in text order (prefix, suffix, middle for
     * both modes). Because every occurrence in the source was escaped, these are the only
     * unescaped sentinel occurrences in the sample.
     *
     * @return six indices: {@code s0, e0, s1, e1, s2, e2}
     */
    public int[] sentinelSpans(Sample sample) {
        String t = sample.text();
        int p = 0;
        int s = sample.mode() == Mode.SPM ? prefix.length() : t.indexOf(suffix, prefix.length());
        int m = t.indexOf(middle, s + suffix.length());
        if (!t.startsWith(prefix) || s < 0 || !t.startsWith(suffix, s) || m < 0) {
            throw new IllegalArgumentException("not a FIM sample of this transform");
        }
        return new int[] {p, p + prefix.length(), s, s + suffix.length(), m, m + middle.length()};
    }

    /**
     * Moves a UTF-16 index down to the nearest safe cut (see the class comment): the result
     * {@code r <= index} is 0, the text length, or an index that is not between a surrogate pair,
     * not before a combining mark, ZWJ or emoji modifier, not between CR and LF, and not inside a
     * sentinel occurrence.
     */
    public int snapDown(String text, int index) {
        int i = index;
        while (true) {
            int before = i;
            i = graphemeFloor(text, i);
            i = sentinelFloor(text, i);
            if (i == before) {
                return i;
            }
        }
    }

    /**
     * Moves a UTF-16 index down to a grapheme-safe cut (surrogate pairs, combining marks, ZWJ,
     * emoji modifiers, CR LF; no sentinel rule).
     */
    public static int graphemeFloor(String text, int index) {
        if (index < 0 || index > text.length()) {
            throw new IndexOutOfBoundsException(index);
        }
        int i = index;
        while (i > 0 && i < text.length()) {
            char c = text.charAt(i);
            if (Character.isLowSurrogate(c) && Character.isHighSurrogate(text.charAt(i - 1))) {
                i--;
            } else if (c == '\n' && text.charAt(i - 1) == '\r') {
                i--;
            } else if (extendsPrevious(text.codePointAt(i))) {
                i = text.offsetByCodePoints(i, -1);
            } else {
                break;
            }
        }
        return i;
    }

    /** Whether a code point belongs to the grapheme before it (mark, ZWJ, emoji modifier). */
    static boolean extendsPrevious(int cp) {
        int type = Character.getType(cp);
        return type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK
                || type == Character.COMBINING_SPACING_MARK || cp == 0x200D || (cp >= 0x1F3FB && cp <= 0x1F3FF);
    }

    private int sentinelFloor(String text, int index) {
        int best = index;
        for (String s : sentinels) {
            int from = Math.max(0, index - s.length() + 1);
            int at = text.indexOf(s, from);
            while (at >= 0 && at < index) {
                if (at + s.length() > index) {
                    best = Math.min(best, at);
                }
                at = text.indexOf(s, at + 1);
            }
        }
        return best;
    }

    /** Code-point offset of the code point holding UTF-8 byte {@code byteOffset} (floor). */
    public static int codePointFloorOfUtf8Byte(String text, int byteOffset) {
        int bytes = 0;
        int cps = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int len = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            if (bytes + len > byteOffset) {
                return cps;
            }
            bytes += len;
            cps++;
            i += Character.charCount(cp);
        }
        return cps;
    }

    /** Code-point offset of the code point holding UTF-16 unit {@code index} (floor). */
    public static int codePointFloorOfUtf16Index(String text, int index) {
        int i = graphemeFloorSurrogate(text, index);
        return text.codePointCount(0, i);
    }

    private static int graphemeFloorSurrogate(String text, int index) {
        if (index > 0 && index < text.length() && Character.isLowSurrogate(text.charAt(index))
                && Character.isHighSurrogate(text.charAt(index - 1))) {
            return index - 1;
        }
        return index;
    }

    /**
     * Escapes sentinel occurrences: each escape code point is doubled, and the escape is inserted
     * after the first character of every sentinel occurrence. {@code count[0]} grows by the number
     * of escapes written.
     */
    public String escape(String text, int[] count) {
        StringBuilder sb = null;
        for (int i = 0; i < text.length(); i++) {
            String insert = null;
            int keep = 1;
            if (text.startsWith(escapeString, i)) {
                insert = escapeString;
                keep = escapeString.length();
            } else {
                for (String s : sentinels) {
                    if (text.startsWith(s, i)) {
                        insert = escapeString;
                        break;
                    }
                }
            }
            if (insert != null) {
                if (sb == null) {
                    sb = new StringBuilder(text.length() + 16).append(text, 0, i);
                }
                sb.append(text, i, i + keep).append(insert);
                count[0]++;
                i += keep - 1;
            } else if (sb != null) {
                sb.append(text.charAt(i));
            }
        }
        return sb == null ? text : sb.toString();
    }

    /** Escapes {@code text} (see the class comment). */
    public String escape(String text) {
        return escape(text, new int[1]);
    }

    /** Reverses {@link #escape}: a doubled escape becomes one, a single escape is removed. */
    public String unescape(String text) {
        if (!text.contains(escapeString)) {
            return text;
        }
        StringBuilder sb = new StringBuilder(text.length());
        int e = escapeString.length();
        for (int i = 0; i < text.length(); ) {
            if (text.startsWith(escapeString, i)) {
                if (text.startsWith(escapeString, i + e)) {
                    sb.append(escapeString);
                    i += 2 * e;
                } else {
                    i += e;
                }
            } else {
                sb.append(text.charAt(i));
                i++;
            }
        }
        return sb.toString();
    }

    /**
     * Parses a sample made by this transform back into unescaped pieces. For SPM the cut between
     * prefix and middle is not in the sample: prefix is returned empty and middle holds prefix
     * plus middle, so {@link Pieces#joined()} is still the original text.
     *
     * @throws IllegalArgumentException when the text is not a sample of this transform
     */
    public Pieces parse(String sample) {
        if (sample.startsWith(prefix + suffix)) {
            int s0 = prefix.length() + suffix.length();
            int m = sample.indexOf(middle, s0);
            if (m < 0) {
                throw new IllegalArgumentException("SPM sample without middle sentinel");
            }
            return new Pieces("", unescape(sample.substring(m + middle.length())), unescape(sample.substring(s0, m)));
        }
        if (sample.startsWith(prefix)) {
            int s = sample.indexOf(suffix, prefix.length());
            int m = s < 0 ? -1 : sample.indexOf(middle, s + suffix.length());
            if (m < 0) {
                throw new IllegalArgumentException("PSM sample without suffix or middle sentinel");
            }
            return new Pieces(unescape(sample.substring(prefix.length(), s)),
                    unescape(sample.substring(m + middle.length())),
                    unescape(sample.substring(s + suffix.length(), m)));
        }
        throw new IllegalArgumentException("not a FIM sample: does not start with " + prefix);
    }

    /** The original text of a sample: {@code parse(sample).joined()}. */
    public String reassemble(String sample) {
        return parse(sample).joined();
    }
}
