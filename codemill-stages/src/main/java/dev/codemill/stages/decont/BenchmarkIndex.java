package dev.codemill.stages.decont;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The n-grams of every benchmark part, in two {@link NgramTable}s (literal and
 * identifier-abstracted), and the scan that measures how much of each part a document holds.
 *
 * <p><b>Literal n-grams.</b> An n-gram is {@code n} consecutive {@link CodeTokens} (whitespace
 * already normalised away), hashed to 64 bits by mixing the token hashes in order. A part's
 * n-grams are counted as a set (a repeated n-gram counts once). The <b>literal share</b> of a
 * part in a document is |part n-grams ∩ document n-grams| / |part n-grams| (DeepSeek-Coder, Guo et
 * al. 2024, §2.1, filters files with 10-gram overlap against the benchmarks). Solutions, prompts
 * and tests with at least {@code n} tokens and {@code minChars} normalised chars take part.
 *
 * <p><b>Exact substring</b> (BigCode's decontamination of The Stack: a file is removed when it
 * contains a benchmark docstring or solution after whitespace normalisation): a part whose whole
 * token sequence occurs contiguously in the document's token sequence.
 *
 * <p><b>Identifier-abstracted n-grams</b> ({@link AbstractedTokens}): code only (comments and
 * docstrings dropped), every identifier the text binds replaced by a placeholder numbered by
 * first occurrence in its n-gram. Solutions, tests and programs (prompt + solution) take part;
 * those with fewer than {@code minDistinctive} <em>distinctive</em> n-grams (enough distinctive
 * tokens, and held by at most {@value #MAX_SHARED_PARTS} parts) can never match; they
 * ({@code return a + b}, {@code return sorted(l)}) can never be matched by this pass. A part
 * matches when its abstracted share is at least the threshold <em>and</em> at least
 * {@code minDistinctive} of its distinctive n-grams were found.
 */
public final class BenchmarkIndex {
    private static final long BASE = 0x100000001B3L * 2 + 1;
    private static final int MAX_N = 64;
    /**
     * Most parts an abstracted n-gram may occur in and still be distinctive: one problem occurs as
     * solution and program in up to 5 files (HumanEval and HumanEval-X's Python; MBPP, sanitized
     * MBPP and MBPP+), i.e. 10 parts.
     */
    static final int MAX_SHARED_PARTS = 10;

    private final int n;
    private final int minDistinctive;
    private final List<BenchmarkPart> parts;
    private final NgramTable literal;
    private final NgramTable abstracted;
    private final ThreadLocal<int[][]> scratch;

    private BenchmarkIndex(int n, int minDistinctive, List<BenchmarkPart> parts, NgramTable literal, NgramTable abstracted) {
        this.n = n;
        this.minDistinctive = minDistinctive;
        this.parts = parts;
        this.literal = literal;
        this.abstracted = abstracted;
        int size = parts.size();
        this.scratch = ThreadLocal.withInitial(() -> new int[][] {new int[size], new int[size], new int[size]});
    }

    /**
     * Builds the index.
     *
     * @param raw      parts as loaded
     * @param n        n-gram length in tokens, 1..64
     * @param minChars minimum whitespace-normalised length of a part in the literal pass, in UTF-16 chars
     * @param minDistinctive minimum number of distinct distinctive identifier-abstracted n-grams a
     *                 part must have to enter that pass, and a document must match to be flagged by it
     */
    public static BenchmarkIndex build(List<BenchmarkLoader.RawPart> raw, int n, long minChars, int minDistinctive) {
        if (n < 1 || n > MAX_N) {
            throw new IllegalArgumentException("n-gram length must be in [1, " + MAX_N + "], got " + n);
        }
        // hashing is per part and independent: done in parallel, collected in load order
        record Hashed(BenchmarkLoader.RawPart raw, CodeTokens tokens, long[] literal, long[] abstracted, int distinctive) {
        }
        List<Hashed> hashed = raw.parallelStream().map(r -> {
            CodeTokens t = CodeTokens.of(r.text());
            boolean lit = !"program".equals(r.role()) && t.size() >= n && t.normalisedChars() >= minChars;
            long[] abs = new long[0];
            int dist = 0;
            if (!"prompt".equals(r.role())) {
                abs = distinct(AbstractedTokens.of(r.text(), CodeLexer.Syntax.ofBenchmark(r.benchmark())).ngrams(n));
                for (long x : abs) {
                    dist += AbstractedTokens.isDistinctive(x) ? 1 : 0;
                }
                if (dist < minDistinctive) {           // cannot reach the floor even before the rarity test
                    abs = new long[0];
                    dist = 0;
                }
            }
            if (!lit && abs.length == 0) {
                return null;
            }
            return new Hashed(r, t, lit ? distinct(literalHashes(t.hashes(), t.size(), n)) : new long[0], abs, dist);
        }).filter(java.util.Objects::nonNull).toList();
        int litEntries = 0;
        int absEntries = 0;
        for (Hashed h : hashed) {
            litEntries += h.literal().length;
            absEntries += h.abstracted().length;
        }
        NgramTable lit = new NgramTable(litEntries);
        NgramTable abs = new NgramTable(absEntries);
        for (int index = 0; index < hashed.size(); index++) {
            Hashed h = hashed.get(index);
            for (long x : h.literal()) {
                lit.add(x, index);
            }
            for (long x : h.abstracted()) {
                abs.add(x, index);
            }
        }
        List<BenchmarkPart> parts = new ArrayList<>(hashed.size());
        for (Hashed h : hashed) {
            int index = parts.size();
            int dist = 0;
            for (long x : h.abstracted()) {
                dist += distinctive(x, abs) ? 1 : 0;
            }
            CodeTokens t = h.tokens();
            parts.add(new BenchmarkPart(index, h.raw().benchmark(), h.raw().itemId(), h.raw().role(),
                    h.literal().length > 0 ? t.hashesCopy() : new long[0], t.normalisedChars(), h.literal().length,
                    h.abstracted().length, dist));
        }
        lit.freeze();
        abs.freeze();
        return new BenchmarkIndex(n, minDistinctive, List.copyOf(parts), lit, abs);
    }

    /**
     * Whether an identifier-abstracted n-gram is distinctive: it holds enough distinctive tokens
     * ({@link AbstractedTokens#isDistinctive}) and at most {@value #MAX_SHARED_PARTS} indexed parts
     * hold it, so boilerplate shared by many items ({@code import java.util.*; import java.lang.*;
     * class Solution}, {@code from typing import List}) never counts.
     */
    private static boolean distinctive(long ngram, NgramTable table) {
        return AbstractedTokens.isDistinctive(ngram) && table.parts(ngram) <= MAX_SHARED_PARTS;
    }

    private static long[] distinct(long[] out) {
        Arrays.sort(out);
        int u = 0;
        for (int i = 0; i < out.length; i++) {
            if (i == 0 || out[i] != out[i - 1]) {
                out[u++] = out[i];
            }
        }
        return Arrays.copyOf(out, u);
    }

    /**
     * The literal n-gram hash of every window {@code [i, i+n)}, {@code i = 0..size-n}: a polynomial
     * rolling hash of the token hashes (odd 64-bit base, mod 2^64), finalised by murmur3's fmix64.
     */
    static long[] literalHashes(long[] tokens, int size, int n) {
        int count = Math.max(0, size - n + 1);
        long[] out = new long[count];
        if (count == 0) {
            return out;
        }
        long top = 1;
        for (int j = 1; j < n; j++) {
            top *= BASE;
        }
        long h = 0;
        for (int j = 0; j < n; j++) {
            h = h * BASE + tokens[j];
        }
        out[0] = AbstractedTokens.fmix(h);
        for (int i = 1; i < count; i++) {
            h = (h - tokens[i - 1] * top) * BASE + tokens[i + n - 1];
            out[i] = AbstractedTokens.fmix(h);
        }
        return out;
    }


    /** The n-gram length. */
    public int n() {
        return n;
    }

    /** The minimum of distinctive abstracted n-grams of a part and of a match. */
    public int minDistinctive() {
        return minDistinctive;
    }

    /** The indexed parts, in load order. */
    public List<BenchmarkPart> parts() {
        return parts;
    }

    /** Number of distinct literal n-grams over all parts. */
    public int literalNgrams() {
        return literal.distinctKeys();
    }

    /** Number of distinct identifier-abstracted n-grams over all parts. */
    public int abstractNgrams() {
        return abstracted.distinctKeys();
    }

    /** The passes, strongest first: how a match was found. */
    public enum Pass {
        EXACT("exact substring"), LITERAL("literal"), ABSTRACTED("identifier-abstracted");

        private final String label;

        Pass(String label) {
            this.label = label;
        }

        /** The pass as the ledger detail spells it. */
        public String label() {
            return label;
        }
    }

    /**
     * How much of one part a document holds, in one pass.
     *
     * @param part  the part (null when no n-gram of any part was found)
     * @param share found / total distinct n-grams of the part, 0..1 (1 for an exact substring)
     * @param pass  the pass
     * @param distinctive distinct distinctive n-grams found (abstracted pass), else 0
     */
    public record Match(BenchmarkPart part, double share, Pass pass, int distinctive) {
        static final Match NONE = new Match(null, 0.0, Pass.LITERAL, 0);

        /** Whether this is an exact-substring match. */
        public boolean exact() {
            return pass == Pass.EXACT;
        }
    }

    /**
     * What one document holds of the benchmarks.
     *
     * @param exact      the best part found as an exact (whitespace-normalised) substring, or {@link Match#NONE}
     * @param literal    the part with the highest literal share
     * @param abstracted the part with the highest identifier-abstracted share ({@link Match#NONE} when not computed)
     * @param hits       every matched item once (its strongest match: exact, then literal, then
     *                   abstracted, then share), highest share first; empty when the document is clean
     */
    public record Scan(Match exact, Match literal, Match abstracted, List<Match> hits) {
    }

    private static final Comparator<Match> BEST = Comparator
            .comparingDouble((Match m) -> -m.share())
            .thenComparingInt(m -> m.part().roleRank())
            .thenComparingInt(m -> m.part().index());
    private static final Comparator<Match> STRONGEST = Comparator
            .comparing(Match::pass).thenComparing(BEST);

    /**
     * Scans a document once per pass.
     *
     * @param doc        the document's literal tokens
     * @param abs        the document's identifier-abstracted tokens, or null to skip that pass
     * @param threshold  literal share that makes a match
     * @param absThreshold identifier-abstracted share that makes a match (with at least
     *                   {@link #minDistinctive()} distinctive n-grams found)
     */
    public Scan scan(CodeTokens doc, AbstractedTokens abs, double threshold, double absThreshold) {
        int[][] counts = scratch.get();
        int[] litCounts = counts[0];
        List<Integer> touched = new ArrayList<>();
        pass(literal, literalHashes(doc.hashes(), doc.size(), n), litCounts, null, touched);
        Match bestLit = Match.NONE;
        Match bestExact = Match.NONE;
        java.util.Map<String, Match> hits = new java.util.HashMap<>();
        for (int p : touched) {
            BenchmarkPart part = parts.get(p);
            double share = (double) litCounts[p] / part.literalNgrams();
            if (share < bestLit.share() && share < threshold && share < 1.0) {
                litCounts[p] = 0;                           // neither the best nor a match: no object made
                continue;
            }
            Match m = new Match(part, share, Pass.LITERAL, 0);
            if (litCounts[p] == part.literalNgrams() && doc.containsSequence(part.tokens())) {
                m = new Match(part, 1.0, Pass.EXACT, 0);
                bestExact = better(m, bestExact);
            }
            bestLit = better(new Match(part, m.share(), Pass.LITERAL, 0), bestLit);
            if (m.exact() || m.share() >= threshold) {
                hits.merge(part.benchmark() + "\t" + part.itemId(), m, (a, b) -> STRONGEST.compare(a, b) <= 0 ? a : b);
            }
            litCounts[p] = 0;
        }
        Match bestAbs = Match.NONE;
        if (abs != null) {
            int[] absCounts = counts[1];
            int[] distCounts = counts[2];
            touched.clear();
            pass(abstracted, abs.ngrams(n), absCounts, distCounts, touched);
            for (int p : touched) {
                BenchmarkPart part = parts.get(p);
                double share = (double) absCounts[p] / part.abstractNgrams();
                if (share < bestAbs.share() && (share < absThreshold || distCounts[p] < minDistinctive)) {
                    absCounts[p] = 0;                       // neither the best nor a match: no object made
                    distCounts[p] = 0;
                    continue;
                }
                Match m = new Match(part, share, Pass.ABSTRACTED, distCounts[p]);
                bestAbs = better(m, bestAbs);
                if (m.share() >= absThreshold && m.distinctive() >= minDistinctive) {
                    hits.merge(part.benchmark() + "\t" + part.itemId(), m, (a, b) -> STRONGEST.compare(a, b) <= 0 ? a : b);
                }
                absCounts[p] = 0;
                distCounts[p] = 0;
            }
        }
        List<Match> all = new ArrayList<>(hits.values());
        all.sort(BEST);
        return new Scan(bestExact, bestLit, bestAbs, List.copyOf(all));
    }

    private static Match better(Match m, Match best) {
        return best.part() == null || BEST.compare(m, best) < 0 ? m : best;
    }

    /** Counts, per part, the distinct document n-grams found in {@code table} (and the distinctive ones). */
    private static void pass(NgramTable table, long[] hashes, int[] counts, int[] distinctive, List<Integer> touched) {
        LongSet seen = new LongSet();
        for (long h : hashes) {
            int e = table.first(h);
            if (e < 0 || !seen.add(h)) {
                continue;
            }
            boolean d = distinctive != null && AbstractedTokens.isDistinctive(h) && table.parts(h) <= MAX_SHARED_PARTS;
            for (; e >= 0; e = table.next(e)) {
                int p = table.part(e);
                if (counts[p]++ == 0) {
                    touched.add(p);
                }
                if (d) {
                    distinctive[p]++;
                }
            }
        }
    }

    /** A minimal open-addressing set of longs (the n-grams of one document already counted). */
    private static final class LongSet {
        private long[] keys = new long[64];
        private boolean[] used = new boolean[64];
        private int size;

        boolean add(long k) {
            if ((size + 1) * 2 > keys.length) {
                long[] ok = keys;
                boolean[] ou = used;
                keys = new long[ok.length * 2];
                used = new boolean[ok.length * 2];
                size = 0;
                for (int i = 0; i < ok.length; i++) {
                    if (ou[i]) {
                        add(ok[i]);
                    }
                }
            }
            int mask = keys.length - 1;
            int s = (int) AbstractedTokens.fmix(k) & mask;
            while (used[s]) {
                if (keys[s] == k) {
                    return false;
                }
                s = (s + 1) & mask;
            }
            used[s] = true;
            keys[s] = k;
            size++;
            return true;
        }
    }
}
