package dev.codemill.stages.license;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Matches a licence file's text against every licence text of the SPDX list
 * ({@link SpdxLicenseList}), tolerant to whitespace, line breaks, case, punctuation, copyright
 * lines and small edits.
 *
 * <p>Both sides are normalised the same way: copyright statements (lines that start, after
 * non-letters, with {@code ©}, with {@code (c)} followed by a year, {@code copyright}, {@code <} or
 * {@code [} (not an enumerator: Apache-2.0's "(c) You must retain, …" is licence text), or with
 * {@code copyright} not followed by a word such as {@code notice}, {@code holder}, {@code and}: a
 * reflowed "copyright notice and this permission notice" line is licence text) are removed, text is lower-cased and cut into word
 * tokens {@code [a-z0-9]+}. Then, per file:
 * <ol>
 *   <li>prefilter: licences whose token <em>set</em> is at least {@value #PREFILTER} contained in
 *       the file's token set (a bitset test, about 0.1 ms for all 700 texts);</li>
 *   <li>score: the share of the licence's distinct <em>required</em> word <em>bigrams</em> found in
 *       the file ({@code similarity}, 0..1; order-sensitive, so a reshuffled text scores low).
 *       Required: not in a part the SPDX template marks optional (Apache-2.0's APPENDIX, titles), as
 *       the SPDX matching guidelines allow those to be absent;</li>
 *   <li>a licence with similarity ≥ {@link #THRESHOLD} matches; among matches the one with the
 *       highest bigrams found minus required bigrams missing wins (a BSD-3-Clause file contains all
 *       of BSD-2-Clause, but 3-clause explains more of it; an Apache-2.0 text without its appendix
 *       is not Pixar's modified Apache licence, whose own trademark clause is missing; an EDL/BSD-3
 *       text is not BSD-3-Clause-No-Nuclear-License-2014, whose nuclear clause is missing), ties
 *       (within 2 %) go to the higher similarity, then to the shorter id
 *       ({@code GPL-2.0-only} before {@code GPL-2.0-or-later}: their texts are identical, the
 *       file alone cannot tell them apart), then to the smaller id.</li>
 * </ol>
 * The full SPDX template match of java-spdx-library is not used: it takes 3–57 s per text.
 */
public final class LicenseTextMatcher {
    /** Least similarity (share of the licence's bigrams present) for a match; 0.8 tolerates a changed or removed sentence. */
    public static final double THRESHOLD = 0.8;
    /** Least token-set containment for a licence to be scored at all. */
    public static final double PREFILTER = 0.6;

    private static final Pattern COPYRIGHT_LINE = Pattern.compile(
            "(?im)^[^\\p{L}\\n]*(?:copyright\\b(?![ \\t]*(?:notice|holder|owner|statement|and|law|protection|license|licence|on|is|of|to|in|or|,|\\.|$))|\\(c\\)(?=[ \\t]*(?:[0-9]|copyright\\b|<|\\[|$))|©).*$");
    private static volatile LicenseTextMatcher instance;

    /**
     * A match: the SPDX id, the similarity (0..1, share of the licence's required bigrams found),
     * the bigrams of the licence found in the file (optional parts included) and the required
     * bigrams missing from it.
     */
    public record Match(String id, double similarity, int matchedBigrams, int missingBigrams) {
        /** Ranking score: bigrams explained minus required bigrams missing. */
        int score() {
            return matchedBigrams - missingBigrams;
        }
    }

    /** A reference text: its token set, all its bigrams, and the bigrams of its required (non-optional) part. */
    private record Ref(String id, int[] tokens, long[] bigrams, long[] required) {
    }

    private final Map<String, Integer> vocab = new HashMap<>();
    private final List<Ref> refs = new ArrayList<>();

    private LicenseTextMatcher(List<SpdxLicenseList.Entry> entries) {
        for (SpdxLicenseList.Entry e : entries) {
            int[] seq = ids(words(e.text()), true);
            long[] all = bigrams(seq);
            // Required bigrams: those of the text without its optional parts that the full text has too
            // (joins across a removed block are not licence text).
            long[] required = within(bigrams(ids(words(e.required()), true)), all);
            refs.add(new Ref(e.id(), sortedDistinct(seq), all,
                    required.length == 0 ? all : required));
        }
    }

    /** The shared matcher over the whole SPDX list (built once, about a second). */
    public static LicenseTextMatcher get() {
        LicenseTextMatcher m = instance;
        if (m == null) {
            synchronized (LicenseTextMatcher.class) {
                m = instance;
                if (m == null) {
                    m = new LicenseTextMatcher(SpdxLicenseList.get().current());
                    instance = m;
                }
            }
        }
        return m;
    }

    /** Normalised word tokens of a text (copyright lines removed, lower case). */
    public static List<String> words(String text) {
        String t = COPYRIGHT_LINE.matcher(text).replaceAll(" ").toLowerCase(Locale.ROOT);
        List<String> out = new ArrayList<>();
        int n = t.length();
        int i = 0;
        while (i < n) {
            char c = t.charAt(i);
            if (isWord(c)) {
                int j = i + 1;
                while (j < n && isWord(t.charAt(j))) {
                    j++;
                }
                out.add(t.substring(i, j));
                i = j;
            } else {
                i++;
            }
        }
        return out;
    }

    private static boolean isWord(char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    }

    private int[] ids(List<String> words, boolean add) {
        int[] out = new int[words.size()];
        for (int i = 0; i < out.length; i++) {
            Integer id = vocab.get(words.get(i));
            if (id == null && add) {
                id = vocab.size();
                vocab.put(words.get(i), id);
            }
            out[i] = id == null ? -1 : id;
        }
        return out;
    }

    private static long[] bigrams(int[] seq) {
        long[] b = new long[Math.max(0, seq.length - 1)];
        int k = 0;
        for (int i = 0; i + 1 < seq.length; i++) {
            if (seq[i] >= 0 && seq[i + 1] >= 0) {
                b[k++] = ((long) seq[i] << 32) | seq[i + 1];
            }
        }
        return sortedDistinct(b, k);
    }

    /** {@code a[0..k)} sorted and made distinct, as a new array ({@code Arrays.stream(a, 0, k).distinct().sorted()} without boxing). */
    private static long[] sortedDistinct(long[] a, int k) {
        long[] s = Arrays.copyOf(a, k);
        Arrays.sort(s);
        int u = 0;
        for (int i = 0; i < k; i++) {
            if (u == 0 || s[i] != s[u - 1]) {
                s[u++] = s[i];
            }
        }
        return u == k ? s : Arrays.copyOf(s, u);
    }

    /** The distinct values of {@code seq}, sorted. */
    private static int[] sortedDistinct(int[] seq) {
        int[] s = seq.clone();
        Arrays.sort(s);
        int u = 0;
        for (int i = 0; i < s.length; i++) {
            if (u == 0 || s[i] != s[u - 1]) {
                s[u++] = s[i];
            }
        }
        return u == s.length ? s : Arrays.copyOf(s, u);
    }

    /** The values of {@code b} that are in the sorted array {@code all}, in {@code b}'s order. */
    private static long[] within(long[] b, long[] all) {
        long[] out = new long[b.length];
        int k = 0;
        for (long v : b) {
            if (Arrays.binarySearch(all, v) >= 0) {
                out[k++] = v;
            }
        }
        return k == out.length ? out : Arrays.copyOf(out, k);
    }

    /** The best match for a licence file's text, or null when no licence reaches {@link #THRESHOLD}. */
    public Match match(String text) {
        List<Match> all = matchAll(text);
        return all.isEmpty() ? null : all.get(0);
    }

    /**
     * All licences in a file that holds several texts (a dual-licence LICENSE with the ISC and the
     * MIT text): the best match first, then each further match (in the same order) whose own
     * bigrams, those not in an already accepted licence, number at least {@value #MIN_OWN} and are
     * at least {@link #THRESHOLD} present in the file. So BSD-2-Clause is not reported inside a
     * BSD-3-Clause text (it has no bigrams of its own) and AGPL-3.0 not inside GPL-3.0 (its own
     * bigrams are missing). Empty when nothing matches.
     */
    public List<Match> matchAll(String text) {
        int[] seq = ids(words(text), false);
        long[] fileBigrams = bigrams(seq);
        List<Match> found = scored(seq, fileBigrams);
        List<Match> accepted = new ArrayList<>();
        if (found.isEmpty()) {
            return accepted;
        }
        found.sort((a, b) -> better(a, b) ? -1 : better(b, a) ? 1 : 0);
        accepted.add(found.get(0));
        java.util.Set<Long> covered = new java.util.HashSet<>();
        for (long b : refById(found.get(0).id()).bigrams) {
            covered.add(b);
        }
        for (Match m : found.subList(1, found.size())) {
            long[] own = Arrays.stream(refById(m.id()).bigrams).filter(b -> !covered.contains(b)).toArray();
            long present = Arrays.stream(own).filter(b -> Arrays.binarySearch(fileBigrams, b) >= 0).count();
            if (own.length >= MIN_OWN && present >= THRESHOLD * own.length) {
                accepted.add(m);
                for (long b : refById(m.id()).bigrams) {
                    covered.add(b);
                }
            }
        }
        return accepted;
    }

    /** Least number of bigrams of its own a second licence in the same file needs. */
    public static final int MIN_OWN = 20;

    private Ref refById(String id) {
        for (Ref r : refs) {
            if (r.id.equals(id)) {
                return r;
            }
        }
        throw new IllegalStateException(id);
    }

    private List<Match> scored(int[] seq, long[] fileBigrams) {
        List<Match> out = new ArrayList<>();
        BitSet present = new BitSet(vocab.size());
        for (int id : seq) {
            if (id >= 0) {
                present.set(id);
            }
        }
        for (Ref r : refs) {
            if (r.tokens.length == 0) {
                continue;
            }
            int hit = 0;
            for (int t : r.tokens) {
                if (present.get(t)) {
                    hit++;
                }
            }
            if (hit < PREFILTER * r.tokens.length) {
                continue;
            }
            int found = 0;
            for (long b : r.bigrams) {
                if (Arrays.binarySearch(fileBigrams, b) >= 0) {
                    found++;
                }
            }
            int foundRequired = 0;
            for (long b : r.required) {
                if (Arrays.binarySearch(fileBigrams, b) >= 0) {
                    foundRequired++;
                }
            }
            double sim = r.required.length == 0 ? 0 : (double) foundRequired / r.required.length;
            if (sim < THRESHOLD) {
                continue;
            }
            out.add(new Match(r.id, sim, found, r.required.length - foundRequired));
        }
        return out;
    }

    private static boolean better(Match a, Match b) {
        int hi = Math.max(Math.abs(a.score()), Math.abs(b.score()));
        boolean near = Math.abs(a.score() - b.score()) <= 0.02 * hi;
        if (!near) {
            return a.score() > b.score();
        }
        if (a.similarity != b.similarity) {
            return a.similarity > b.similarity;
        }
        if (a.id.length() != b.id.length()) {
            return a.id.length() < b.id.length();
        }
        return a.id.compareTo(b.id) < 0;
    }
}
